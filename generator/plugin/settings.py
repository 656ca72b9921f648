"""How the CLI tells the mkdocs plugin what to do: environment variables, set before mkdocs runs.

Kept apart from plugin.py so the CLI can name them without importing mkdocs.
"""

PROFILE_ENV = "NOTICE_ARCHIVE_PROFILE"              # overrides the plugin's `profile` option
PREVIOUS_SITE_ENV = "NOTICE_ARCHIVE_PREVIOUS_SITE"  # the published site an incremental build reuses
INDEX_ENV = "NOTICE_ARCHIVE_SEARCH_INDEX"             # "1": update the Whoosh index during the build
