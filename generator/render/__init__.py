"""Render stage: the linked archive → what the site's pages and data files show.

`pages.py` decides which pages exist, `views.py` turns model values into what the templates in
theme/ display, `markup.py` links mentions inside bodies, `sanitize.py` keeps bodies' HTML to
ordinary formatting; `feeds.py`, `catalog.py` (`notices.json`) and `task_files.py` are the data
files beside the pages. mkdocs itself is driven from generator/plugin/.
"""
