"""Options of the `notice-archive` mkdocs plugin (mkdocs.yml → plugins → notice-archive)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class PluginConfig(base.Config):
    # Which notices are published: public (default) or internal. `notice-archive build` and
    # `serve --profile` override it for one run (plugin.configure_build); nothing else does.
    profile = c.Choice(("public", "internal"), default="public")
    # Where caches live (search index, memos, incremental-build state); safe to delete at any
    # time. Empty: the user's cache folder, one sub-folder per repository. Never inside the
    # repository (refused): a pull request could plant files there.
    cache_dir = c.Type(str, default="")
    # Do not print validation warnings during builds (`notice-archive check` shows them).
    quiet_warnings = c.Type(bool, default=False)
    # At most this many notice files per build; past it the build stops with a clear error
    # instead of exhausting memory or time (a wrong docs_dir, a runaway script).
    max_notices = c.Type(int, default=100_000)
    # Topic, issuer, person, type and cited-document pages longer than this many notices list
    # their years, each year on its own page.
    list_limit = c.Type(int, default=200)
    # Update the CLI's search index (Whoosh) during the build, incrementally, in a process
    # beside rendering: the first `notice-archive search` after a build then indexes nothing.
    # `false` leaves it to `search`, which brings the index up to date before answering.
    search_index = c.Type(bool, default=True)
