"""Hostile bodies: every notice costs bounded time in every stage, and check and build agree.

Each construct of tests/hostile_bodies.py goes through the pipeline functions (load, validate,
link, render, sanitise, index, export) at several sizes up to the 2 MB file limit: the
validation either refuses it (at a line of the file) or every later stage finishes. Wall
bounds are generous: they catch a stall (minutes, hours), never measure speed; bench/hostile.py
measures. A few real `check` and `build` runs prove the two commands agree.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import cli, copy_project
from hostile_bodies import CONSTRUCTS, FRONT_MATTER, Stages, notice_text

WALL = 30.0          # seconds for one notice through every stage: only a stall exceeds it
# Line of a construct in notice_text("Mở đầu.\n\n" + construct).
CONSTRUCT_LINE = FRONT_MATTER.count("\n") + 3


@pytest.fixture(scope="module")
def stages():
    return Stages()


@pytest.fixture
def quick_trial(monkeypatch):
    """A shorter render budget for the sweeps: refusals come sooner, the property (check
    refuses or every stage finishes) is the same."""
    from generator.validate import body_limits
    monkeypatch.setattr(body_limits, "RENDER_SECONDS", 1.0)


def through_pipeline(stages: Stages, body: str) -> tuple[dict, list]:
    text = notice_text(body)
    started = time.monotonic()
    times = stages.run(text)
    assert time.monotonic() - started < WALL, (times, len(body))
    lines = text.count("\n") + 1
    for d in stages.diagnostics:
        assert d.path.endswith("hostile.md") and 1 <= d.line <= lines, d
    errors = [d for d in stages.diagnostics if d.severity == "error"]
    if not errors:
        assert set(times) == set(Stages.NAMES), times  # accepted: every stage ran
    return times, errors


@pytest.mark.parametrize("size", [1_000, 40_000])
@pytest.mark.parametrize("name", sorted(CONSTRUCTS))
def test_construct_is_bounded(stages, quick_trial, name, size):
    through_pipeline(stages, CONSTRUCTS[name](size))


@pytest.mark.parametrize("name", sorted(CONSTRUCTS))
def test_construct_at_the_file_limit(stages, quick_trial, name):
    body = CONSTRUCTS[name](1_900_000)  # with the front matter, just under 2 MB
    through_pipeline(stages, body)


# The costliest constructs a body of just under the size limit may hold (bench/hostile.py).
COSTLIEST = ["cited-numbers", "comment-openers", "reference-definitions", "number-like",
             "long-line", "handler-like"]


@pytest.mark.parametrize("name", COSTLIEST)
def test_construct_at_the_body_limit(stages, quick_trial, name):
    through_pipeline(stages, CONSTRUCTS[name](500_000))


def test_known_stalls_and_crashes_are_refused_at_their_line(stages):
    cases = {
        "open-brackets": 8_000,         # Python-Markdown: minutes at 50 KB
        "less-than": 100_000,           # our own safety rule: 46 s at 100 KB
        "list-markers-line": 7_000,     # RecursionError in build
        "md-in-html-nested": 64_000,    # RecursionError in md_in_html
        "quotes-nested-line": 4_000,
        "strong-nested": 64_000,
    }
    for name, size in cases.items():
        _, errors = through_pipeline(stages, "Mở đầu.\n\n" + CONSTRUCTS[name](size))
        assert [e.code for e in errors] == ["NA109"], (name, errors)
        assert errors[0].line >= CONSTRUCT_LINE, (name, errors[0])


def test_real_bodies_pass_without_a_trial(stages):
    """The sample notices are nowhere near a limit (and are not even rendered by check)."""
    from generator.validate.body_limits import _needs_trial
    from generator.load import load_archive
    from conftest import ROOT

    for doc in load_archive(ROOT / "notices", ROOT).documents:
        assert not _needs_trial(doc.body), doc.path
        stages.run(notice_text(doc.body))
        assert not [d for d in stages.diagnostics if d.code == "NA109"], doc.path


def test_limits_are_those_of_the_site(stages):
    """The trial renders with the extensions mkdocs.yml lists."""
    import yaml

    from conftest import ROOT
    from generator.validate.body_limits import SITE_EXTENSIONS

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    assert tuple(names) == SITE_EXTENSIONS


# --- an attacker's grammar of Markdown punctuation ----------------------------------------

PIECES = ["[", "]", "(", ")", "![", "](", "<", ">", "</", "<div>", "</div>", '<div markdown="1">',
          "`", "``", "*", "**", "_", "__", "~~", "&", "&amp;", "&#", ";", "\\", "{:", "}", "|",
          "---", "- ", "1. ", "> ", "#", "## ", "!!! note", "    ", "\t", "\n", "\n\n", " ",
          "a", "Thông báo số 98/TB-VPUBND", "Đề án 06", "Luật Đất đai năm 2024", "ngày 5",
          "on", "=", '"', "'", "http://x", "<!--", "-->", "[^1]", ":"]

chunks = st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map("".join)
bodies = st.tuples(st.lists(st.tuples(chunks, st.integers(1, 400)), min_size=1, max_size=4),
                   st.integers(0, 3)).map(
    lambda t: "".join(chunk * count for chunk, count in t[0]))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.data_too_large])
@given(body=bodies)
def test_grammar_of_punctuation(stages, body):
    """Runs and nesting of random punctuation: check refuses or every stage finishes, in
    bounded time, without an internal error."""
    through_pipeline(stages, body)


# --- the real commands --------------------------------------------------------------------

def test_check_and_build_agree(tmp_path):
    project = copy_project(tmp_path / "p")
    year = project / "notices" / "2024"
    accepted = {"long-line": 300_000, "underscores": 100_000, "table-long": 40_000, "hrules": 60_000,
                "cited-numbers": 40_000, "headings-many": 8_000}
    for i, (name, size) in enumerate(accepted.items()):
        (year / f"hostile-{name}.md").write_text(
            notice_text(CONSTRUCTS[name](size), number=f"9{i:02d}/TB-VPUBND"), encoding="utf-8")
    check = cli(project, "check", "--format", "json")
    assert check.returncode == 0, check.stdout[-2000:]
    build = cli(project, "build", "-q")
    assert build.returncode == 0, build.stderr[-2000:]
    assert (project / "site" / "2024" / "900-tb-vpubnd" / "index.html").exists()

    for name, size in {"open-brackets": 50_000, "list-markers-line": 7_000}.items():
        bad = year / f"zz-{name}.md"
        bad.write_text(notice_text("Mở đầu.\n\n" + CONSTRUCTS[name](size),
                                   number="990/TB-VPUBND"), encoding="utf-8")
        check = cli(project, "check")
        build = cli(project, "build", "-q")
        assert check.returncode == build.returncode == 1
        where = f"notices/2024/zz-{name}.md:{CONSTRUCT_LINE}:1: error NA109"
        assert where in check.stdout and where in build.stderr, (check.stdout, build.stderr)
        assert "lỗi nội bộ" not in build.stderr + check.stderr
        bad.unlink()


def test_a_crash_in_rendering_names_the_notice_file(tmp_path, monkeypatch):
    """The last line of defence: should Python-Markdown still crash on a body check accepted,
    the build fails naming the source file and line, not a generated page."""
    from generator.plugin import guard
    from generator.model import Notice

    class FakePage:
        def render(self, config, files):
            raise RecursionError("maximum recursion depth exceeded")

    notice = Notice.__new__(Notice)
    object.__setattr__(notice, "source", "notices/2024/x.md")
    object.__setattr__(notice, "body_line", 20)
    page = FakePage()
    guard.guard_render(page, notice)
    from mkdocs.exceptions import PluginError
    with pytest.raises(PluginError) as caught:
        page.render(None, None)
    assert "notices/2024/x.md:20:1: error NA109" in str(caught.value)


def test_the_bench_reports_each_stage():
    """The second bench example of docs/handbook/development/performance.md, as written there (small sizes, two constructs)."""
    import subprocess
    import sys

    from conftest import ROOT

    result = subprocess.run([sys.executable, "bench/hostile.py", "--sizes", "16000",
                             "--only", "open-brackets,hrules"], cwd=ROOT, capture_output=True,
                            text=True, encoding="utf-8", timeout=300)
    assert result.returncode == 0, result.stderr
    assert "open-brackets" in result.stdout and "NA109" in result.stdout
    for stage in Stages.NAMES:  # hrules is accepted: every stage has a slowest construct
        assert f"| {stage} | " in result.stdout, result.stdout
