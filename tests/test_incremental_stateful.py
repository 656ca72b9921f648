"""Incremental = full, as a property: random sequences of real edits, each rebuild in place
compared byte for byte with a full build of the same sources from nothing.

A Hypothesis state machine edits a copy of the sample archive (bodies, every kind of front-matter
field including the order of `topics:`, notices added, removed and renamed, topics.yml and
agencies.yml, mkdocs.yml, theme files at every depth, the publishing profile), sometimes several
edits before one build (edits cost milliseconds, builds seconds, so a sequence holds many
more edits than builds). After each build the site in place must equal a `--full` build of the
same sources into another folder with a cache of its own.

Bounded for CI (two sequences of up to 6 steps, each from a copy of one first build). For a
longer run:
`NA_STATEFUL_EXAMPLES=30 NA_STATEFUL_STEPS=40 pytest tests/test_incremental_stateful.py`.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule

from conftest import cli, copy_built, copy_project
from test_incremental import tree


# Phrases seeded into bodies at the start: an alias edit that adds one of them to a topic or an
# agency changes the mention links of the pages that spell it out.
PHRASES = ["mô hình thí điểm Sao Mai", "tổ liên ngành Bình Minh", "chương trình Hoa Sen xanh"]
WORDS = ["bổ sung", "điều chỉnh", "hoà giải", "Đề án", "khẩn trương", "trước ngày 30/11/2024"]
THEME_FILES = [  # at every depth: top-level templates, partials, nested partials, static assets
    "main.html", "notice.html", "partials/notice-list.html", "partials/timeline.html",
    "partials/javascripts/content.html", "assets/stylesheets/notice-archive.css",
    "assets/javascripts/na-search.js",
]
PROFILES = ["public", "internal"]


def _replace_line(text: str, pattern: str, make) -> str:
    """Replace the first line matching `pattern` (re.M) with make(match)."""
    match = re.search(pattern, text, re.M)
    assert match, pattern
    return text[:match.start()] + make(match) + text[match.end():]


_FIRST: list[Path] = []  # the first build every sequence starts from, made once per process


def _first_build() -> Path:
    """The sample archive with the phrases an alias edit may name seeded into a few bodies,
    published once and held to the property like every later build."""
    if not _FIRST:
        machine = IncrementalEqualsFull()
        copy_project(machine.project)
        for path, phrase in zip(machine.notices()[::6], PHRASES * 2):
            machine.edit(path, lambda t, p=phrase: t.rstrip() + f"\n\nTriển khai {p} trên địa bàn.\n",
                         "seed phrase")
        machine.build_and_compare()
        atexit.register(shutil.rmtree, machine.where, ignore_errors=True)
        _FIRST.append(machine.project)
    return _FIRST[0]


class IncrementalEqualsFull(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.where = Path(tempfile.mkdtemp(prefix="na-stateful-"))
        self.project = self.where / "p"
        self.profile = "public"
        self.pending: list[str] = []     # edits since the last build, for the failure message
        self.history: list[str] = []
        self.serial = 0

    # --- the archive as it stands -------------------------------------------------------------

    def notices(self) -> list[Path]:
        return sorted((self.project / "notices").rglob("*.md"))

    def numbers_cited(self) -> set[str]:
        cited = set()
        for path in self.notices():
            text = path.read_text(encoding="utf-8")
            for line in re.findall(r'^(?:related|supersedes): (.*)$', text, re.M):
                cited.update(re.findall(r'"([^"]+)"', line))
        return cited

    def topic_slugs(self) -> list[str]:
        text = (self.project / "notices" / "topics.yml").read_text(encoding="utf-8")
        return re.findall(r"^([a-z0-9-]+):$", text, re.M)

    def edit(self, path: Path, change, what: str) -> None:
        text = path.read_text(encoding="utf-8")
        path.write_text(change(text), encoding="utf-8")
        self.pending.append(f"{what} ({path.relative_to(self.project).as_posix()})")

    def next_serial(self) -> int:
        self.serial += 1
        return self.serial

    # --- building and the property ---------------------------------------------------------------

    def build_and_compare(self) -> None:
        self.history.append(f"build --profile {self.profile} after: {'; '.join(self.pending)}")
        self.pending = []
        cli(self.project, "build", "-q", "--profile", self.profile, check=True)
        fresh_site = self.where / "fresh-site"
        fresh_cache = self.where / "fresh-cache"
        for folder in (fresh_site, fresh_cache):
            shutil.rmtree(folder, ignore_errors=True)
        cli(self.project, "build", "-q", "--full", "--profile", self.profile, "--site-dir",
            str(fresh_site), "--cache-dir", str(fresh_cache), check=True)
        rebuilt, fresh = tree(self.project / "site"), tree(fresh_site)
        stale = sorted(k for k in rebuilt.keys() | fresh.keys() if rebuilt.get(k) != fresh.get(k))
        assert not stale, ("the incremental site differs from a full build in "
                           f"{len(stale)} files, e.g. {stale[:8]}; steps:\n" + "\n".join(self.history))

    @initialize()
    def first_build(self) -> None:
        # Every sequence starts from the same first build: a copy of it, site/ and cache
        # included, costs a fraction of a second where building it again cost two builds.
        copy_built(_first_build(), self.project)
        self.history.append("first build: the sample archive with the phrases seeded")

    @rule(index=st.integers(0, 99), word=st.sampled_from(WORDS + PHRASES))
    def body(self, index: int, word: str) -> None:
        path = self.notices()[index % len(self.notices())]
        self.edit(path, lambda t: t.rstrip() + f"\n\nĐoạn {self.next_serial()}: {word}.\n", "body")

    @rule(index=st.integers(0, 99), field=st.sampled_from(
        ["title", "topics-order", "topics-add", "topics-drop", "signer", "chair", "date",
         "classification", "status", "recipients", "place"]))
    def front_matter(self, index: int, field: str) -> None:
        path = self.notices()[index % len(self.notices())]
        n = self.next_serial()

        def topics(make):
            def change(text):
                return _replace_line(text, r"^topics: \[(.*)\]$", lambda m: "topics: [" + ", ".join(
                    make([s.strip() for s in m.group(1).split(",") if s.strip()])) + "]")
            return change

        slugs = self.topic_slugs()
        changes = {
            "title": lambda t: _replace_line(t, r'^title: "', lambda m: f'title: "({n}) '),
            "topics-order": topics(lambda ts: ts[::-1] if len(ts) > 1 else ts + [
                next(s for s in slugs if s not in ts)]),
            "topics-add": topics(lambda ts: ts + [s for s in slugs if s not in ts][n % 3:][:1]),
            "topics-drop": topics(lambda ts: ts[:-1] if len(ts) > 1 else ts),
            "signer": lambda t: _replace_line(t, r'^signer:\n  name: "', lambda m:
                                              f'signer:\n  name: "Nguyễn Văn Thử{n} '),
            "chair": lambda t: _replace_line(t, r'^  chair: "', lambda m: f'  chair: "Trần Thị {n} ')
            if re.search(r"^  chair: ", t, re.M) else t,
            # a later day of the same month: after the meeting, still in the notice's year
            "date": lambda t: _replace_line(t, r"^date: (\d{4}-\d\d)-\d\d$",
                                            lambda m: f"date: {m.group(1)}-28")
            if re.search(r"^date: ", t, re.M) else t,
            "classification": lambda t: _replace_line(
                t, r"^classification: (\w+)$", lambda m: "classification: "
                + ("internal" if m.group(1) == "public" else "public")),
            "status": lambda t: _replace_line(
                t, r"^status: (\w+)$", lambda m: "status: "
                + {"issued": "draft", "draft": "issued"}.get(m.group(1), m.group(1)))
            if re.search(r"^number: ", t, re.M) else t,
            "recipients": lambda t: _replace_line(t, r"^recipients: \[", lambda m:
                                                  f'recipients: ["Sở Thử nghiệm {n}", '),
            "place": lambda t: _replace_line(t, r'^place: "', lambda m: f'place: "Vị Thanh {n} '),
        }
        self.edit(path, changes[field], field)

    @rule(index=st.integers(0, 99))
    def add_notice(self, index: int) -> None:
        source = self.notices()[index % len(self.notices())]
        n = self.next_serial()
        text = source.read_text(encoding="utf-8")
        text = re.sub(r'^number: "[^"]*"', f'number: "{900 + n}/TB-VPUBND"', text, flags=re.M)
        text = re.sub(r"^(related|supersedes): .*\n", "", text, flags=re.M)
        text = re.sub(r"^status: superseded$", "status: issued", text, flags=re.M)
        text = re.sub(r'^title: "', f'title: "Bản sao {n} ', text, flags=re.M)
        target = source.with_name(f"ban-sao-{n}.md")
        target.write_text(text, encoding="utf-8")
        self.pending.append(f"add {target.name} from {source.name}")

    def _uncited(self) -> list[Path]:
        """Notices no other notice cites: removing one leaves no dangling reference."""
        cited = self.numbers_cited()
        return [p for p in self.notices()
                if not any(f'number: "{number}"' in p.read_text(encoding="utf-8")
                           for number in cited)]

    @precondition(lambda self: len(self.notices()) > 4 and self._uncited())
    @rule(index=st.integers(0, 99))
    def remove_notice(self, index: int) -> None:
        candidates = self._uncited()
        path = candidates[index % len(candidates)]
        path.unlink()
        self.pending.append(f"remove {path.name}")

    @rule(index=st.integers(0, 99))
    def rename_notice(self, index: int) -> None:
        path = self.notices()[index % len(self.notices())]
        target = path.with_name(f"doi-ten-{self.next_serial()}-{path.name}")
        path.rename(target)
        self.pending.append(f"rename {path.name} to {target.name}")

    @rule(index=st.integers(0, 99), kind=st.sampled_from(
        ["alias", "name", "parent", "description"]))
    def topics_yml(self, index: int, kind: str) -> None:
        path = self.project / "notices" / "topics.yml"
        slugs = self.topic_slugs()
        slug = slugs[index % len(slugs)]
        parent = None
        if kind == "parent":
            # a topic without children becomes the child of a root topic (or a root again)
            text = path.read_text(encoding="utf-8")
            roots = [s for s in slugs if not re.search(
                rf"^{re.escape(s)}:\n(?:  .*\n)*?  parent:", text, re.M) and s != slug]
            if slug in set(re.findall(r"^  parent: ([a-z0-9-]+)$", text, re.M)) or not roots:
                return
            parent = roots[index % len(roots)]
        self._vocabulary_edit(path, slug, kind, parent)

    @rule(index=st.integers(0, 99), kind=st.sampled_from(["alias", "name", "parent"]))
    def agencies_yml(self, index: int, kind: str) -> None:
        # agencies that tasks name: their names and aliases show on task pages
        named = ["so-thong-tin-va-truyen-thong", "cong-an-tinh", "so-giao-thong-van-tai",
                 "van-phong-ubnd-tinh"]
        self._vocabulary_edit(self.project / "notices" / "agencies.yml",
                              named[index % len(named)], kind, "ubnd-tinh")

    def _vocabulary_edit(self, path: Path, slug: str, kind: str, parent: str | None) -> None:
        """An alias, name, description or parent edit of one entry of topics.yml/agencies.yml;
        a parent edit drops the entry's parent, then every other time sets `parent`."""
        n = self.next_serial()
        block = rf"^{re.escape(slug)}:\n(?:  .*\n)*?"
        added = {"alias": (r"  aliases: \[", f'"{PHRASES[n % len(PHRASES)]}", '),
                 "name": (r'  name: "', f"({n}) "),
                 "description": (r'  description: "', f"Lần {n}: ")}

        def change(t: str) -> str:
            if kind in added:
                pattern, text = added[kind]
                return _replace_line(t, block + pattern, lambda m: m.group(0) + text)
            t = re.sub(rf"({block})  parent: .*\n", r"\1", t, count=1, flags=re.M)
            if n % 2:
                t = re.sub(rf"^{re.escape(slug)}:\n", f"{slug}:\n  parent: {parent}\n", t,
                           count=1, flags=re.M)
            return t
        self.edit(path, change, f"{path.name} {kind} of {slug}")

    @rule(kind=st.sampled_from(["site_name", "site_description",
                                                    "list_limit", "extension"]))
    def mkdocs_yml(self, kind: str) -> None:
        n = self.next_serial()
        changes = {
            "site_name": lambda t: t.replace("site_name: ", f"site_name: ({n}) ", 1),
            "site_description": lambda t: t.replace("site_description: ",
                                                    f"site_description: ({n}) ", 1),
            "list_limit": lambda t: re.sub(r"      profile: public\n(      list_limit: \d+\n)?",
                                           f"      profile: public\n      list_limit: {2 + n % 3}\n",
                                           t, count=1),
            "extension": lambda t: t.replace("  - sane_lists\n", "  - sane_lists\n  - abbr\n", 1)
            if "  - abbr\n" not in t else t.replace("  - abbr\n", "", 1),
        }
        self.edit(self.project / "mkdocs.yml", changes[kind], f"mkdocs.yml {kind}")

    @rule(name=st.sampled_from(THEME_FILES))
    def theme(self, name: str) -> None:
        n = self.next_serial()
        comment = f"/* edit {n} */\n" if name.endswith((".css", ".js")) else f"<!-- edit {n} -->\n"
        self.edit(self.project / "theme" / name, lambda t: t + comment, "theme")

    @precondition(lambda self: self.pending)
    @rule()
    def rebuild(self) -> None:
        self.build_and_compare()

    @rule()
    def switch_profile(self) -> None:
        self.profile = PROFILES[1 - PROFILES.index(self.profile)]
        self.pending.append(f"profile {self.profile}")
        self.build_and_compare()

    def teardown(self) -> None:
        try:
            if self.pending:
                self.build_and_compare()
        finally:
            shutil.rmtree(self.where, ignore_errors=True)


IncrementalEqualsFull.TestCase.settings = settings(
    max_examples=int(os.environ.get("NA_STATEFUL_EXAMPLES", "2")),
    stateful_step_count=int(os.environ.get("NA_STATEFUL_STEPS", "6")),
    # No shrinking: each step costs two builds, and the failure message lists every step.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    deadline=None, database=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
test_incremental_equals_full = IncrementalEqualsFull.TestCase
