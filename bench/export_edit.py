"""The browser export and the data files as `build` runs them, on a cold build and after each
kind of change: CPU seconds of each, in this process (they run in processes of their own in a
build, beside rendering). Each export links unchanged files from the previous one, as a build
links from the published site.

    .venv/bin/python bench/generate.py 3000 /tmp/archive-3000
    git archive <commit> generator | tar -x -C /tmp/before
    PYTHONPATH=/tmp/before .venv/bin/python bench/export_edit.py /tmp/archive-3000 /tmp/work-before
    .venv/bin/python bench/export_edit.py /tmp/archive-3000 /tmp/work-after --profile

Steps: cold (empty cache), nothing changed, two edits of one notice's body, an added notice
(a copy of the edited one under another number, so in the middle of the archive), its removal.
`--profile` writes a cProfile of the second edit's and the add's export and data files into the
work folder. The archive is put back as it was; the work folder holds the cache and the sites.
"""

from __future__ import annotations

import argparse
import cProfile
import inspect
import resource
import shutil
from pathlib import Path

from generator.index.browser_export import export_into
from generator.pipeline import run
from generator.plugin.incremental import RenderState
from generator.render import write_data_files


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path, help="a project made by bench/generate.py")
    parser.add_argument("work", type=Path, help="folder for the cache and the sites (emptied)")
    parser.add_argument("--profile", action="store_true", help="cProfile the edit and the add")
    args = parser.parse_args()
    root, cache = args.archive.resolve(), args.work / "cache"
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    # An older generator's write_data_files has no cache folder to keep parts in.
    parts = "cache_dir" in inspect.signature(write_data_files).parameters
    previous: list[Path | None] = [None]

    def build(step: str, profile: bool) -> None:
        linked = run(root / "notices", root, "public", cache).linked
        if linked is None:
            raise SystemExit(f"the archive does not validate at step {step}")
        site = args.work / f"site-{step}"
        site.mkdir()
        state = RenderState(cache, linked.profile, previous[0])
        figures = []
        for part, work in (
                ("export", lambda: state.files.update(
                    export_into(linked, site / "na-search", cache, state))),
                ("data", lambda: write_data_files(linked, site, "", "Lưu trữ",
                                                  *([cache] if parts else [])))):
            profiler = cProfile.Profile() if profile else None
            start = _cpu()
            if profiler:
                profiler.enable()
            work()
            if profiler:
                profiler.disable()
                profiler.dump_stats(args.work / f"{step}-{part}.prof")
            figures.append(_cpu() - start)
        state.finish(site)
        previous[0] = site
        print(f"{step:8} export {figures[0]:7.2f} CPU s   data files {figures[1]:6.2f} CPU s",
              flush=True)

    edited = sorted((root / "notices").rglob("tb-000100.md"))[0]
    original = edited.read_text(encoding="utf-8")
    added = edited.with_name("tb-added.md")
    try:
        build("cold", False)
        build("nothing", False)
        for i in range(2):
            edited.write_text(original.replace("kết luận như sau:",
                                               f"kết luận như sau (sửa {i}):", 1),
                              encoding="utf-8")
            build(f"edit{i}", args.profile and i == 1)
        added.write_text(original.replace("number: ", "number: 9", 1), encoding="utf-8")
        build("add", args.profile)
        added.unlink()
        build("remove", False)
    finally:
        edited.write_text(original, encoding="utf-8")
        if added.exists():
            added.unlink()


if __name__ == "__main__":
    main()
