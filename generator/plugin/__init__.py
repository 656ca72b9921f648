"""The mkdocs plugin `notice-archive`: the only package that drives mkdocs.

`plugin.py` is the glue (mkdocs' events → the pipeline, the pages, the search export, the
publication files), `config.py` its options in mkdocs.yml, `incremental.py` which pages a build
may reuse from the published site, `guard.py` a page that fails to render naming its notice,
`mkdocs_log.py` mkdocs' log in Vietnamese; `on_demand.py` and `live_server.py` are `serve`'s
page-per-request rendering and its live-reload server.
"""

from importlib import import_module

__all__ = ["NoticeArchivePlugin", "configure_build", "configure_logging", "translate",
           "OnDemandSite", "PreviewServer"]

# Imported when first asked for: every command's module is loaded to build the CLI's help,
# and mkdocs costs a noticeable part of a second.
_LAZY = {"NoticeArchivePlugin": "plugin", "configure_build": "plugin",
         "configure_logging": "mkdocs_log", "translate": "mkdocs_log",
         "OnDemandSite": "on_demand", "PreviewServer": "live_server"}


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_LAZY[name]}", __name__), name)
