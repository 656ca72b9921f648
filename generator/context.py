"""What one build is about, made once and passed down: `BuildContext`.

The mkdocs plugin makes it in `on_config` from mkdocs.yml, with what the command line asked for
in place of mkdocs.yml's values (`notice-archive build --profile`, `--index`; generator/plugin/
`configure_build`). Nothing is read from the environment: a shell's exported variable cannot
change what a build publishes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .profiles import Profile


@dataclass(frozen=True)
class BuildOptions:
    quiet_warnings: bool = False       # validation warnings are `check`'s business
    max_notices: int = 100_000         # past it the build stops before reading any file
    list_limit: int = 200              # longer list pages are split by year
    search_index: bool = True          # update the CLI's Whoosh index during the build
    previous_site: Path | None = None  # the published site whose unchanged pages are reused
    on_demand: bool = False            # `serve`: pages rendered when a browser asks


@dataclass(frozen=True)
class BuildContext:
    root: Path          # the project: the folder of mkdocs.yml
    notices_dir: Path   # docs_dir
    profile: Profile
    cache_dir: Path     # outside the project (generator/project.py)
    site_dir: Path      # where this build writes (a staging folder for `notice-archive build`)
    options: BuildOptions = BuildOptions()
