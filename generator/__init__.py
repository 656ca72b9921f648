"""notice-archive: a static archive of Vietnamese government notices.

The pipeline runs one way, one package per stage: load → validate → link → index → render.
"""

__version__ = "0.1.0"
