"""The mkdocs plugin `notice-archive`: the only package that drives mkdocs.

`plugin.py` is the glue (mkdocs' events → the pipeline, the pages, the search export, the
publication files), `config.py` its options in mkdocs.yml, `incremental.py` which pages a build
may reuse from the published site, `guard.py` a page that fails to render naming its notice,
`mkdocs_log.py` mkdocs' log in Vietnamese; `on_demand.py` and `live_server.py` are `serve`'s
page-per-request rendering and its live-reload server.
"""
