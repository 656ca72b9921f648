"""Render stage: the linked archive → a static site, through mkdocs and mkdocs-material.

This is the only package that imports mkdocs; `plugin.py` is the glue, `pages.py` decides which
pages exist, `views.py` turns model values into what the templates in theme/ display.
"""
