"""The Whoosh index kept current incrementally equals a fresh full index, step after step:
edit, add, remove and rename a notice, change topics.yml and agencies.yml. Compared: every
document's stored fields, the archive order, and the ranked results (scores, partial matches,
facets, suggestions) of a set of queries. And the build keeps it current: the first search
after a build writes no document."""

from __future__ import annotations

import json
import random
import re
import sys

import pytest
from hypothesis import given, settings, strategies as st

from conftest import cli, copy_project
from test_index import NOTICE
from generator.commands import search as search_cmd
from generator.index import Searcher, update_index
from generator.index.writer import ORDER_STEP, assign_orders
from generator.pipeline import run
from generator.project import Project

QUERIES = ["de an 06", "an toan giao thong", "pccc", "hoà", "Nguyễn Văn",
           '"làm sạch dữ liệu dân cư"', "giao thongg", "topic:an-ninh-trat-tu", "xyzzyq",
           "chuyen doi so", "gpmb", "antt", "kiem tra giam sat", "cong an"]


def snapshot(cache) -> dict:
    """What a user can get out of the index, with nothing that depends on its segments."""
    with Searcher(cache) as s:
        reader = s.searcher.reader()
        order = s.source.order_key()
        docs = {fields["key"]: (order(num), fields) for num, fields in reader.iter_docs()}
        ranked = sorted(docs, key=lambda k: docs[k][0])   # archive order, by the stored values
        results = {}
        for query in QUERIES:
            for sort in ("relevance", "date"):
                found = s.search(query, limit=None, sort=sort)
                results[query, sort] = json.dumps(found.as_json(), ensure_ascii=False,
                                                  sort_keys=True, default=str)
        vocabulary = s.source.vocabulary()
        thesaurus = s.source.thesaurus   # the alternatives the index has words for
    return {"stored": {k: v[1] for k, v in docs.items()}, "order": ranked,
            "results": results, "vocabulary": vocabulary, "thesaurus": thesaurus}


def fresh_snapshot(linked, tmp_path, step: str) -> dict:
    """A fresh full index of `linked` (the pipeline's result that the update just indexed: the
    same sources, so no second pipeline run), as a snapshot."""
    fresh = tmp_path / f"fresh-{step}"
    stats = update_index(linked, fresh)
    assert stats.rebuilt
    return snapshot(fresh)


def assert_same_as_fresh(cache, theirs: dict, step: str) -> None:
    ours = snapshot(cache)
    assert ours["stored"] == theirs["stored"], step
    assert ours["order"] == theirs["order"], step
    for key in theirs["results"]:
        assert ours["results"][key] == theirs["results"][key], (step, key)
    assert ours["vocabulary"] == theirs["vocabulary"], step
    assert ours["thesaurus"] == theirs["thesaurus"], step


def notice_text(number: str, date: str, title: str, body: str) -> str:
    return NOTICE.format(number=number, date=date, title=title, body=body).replace(
        "status: issued", "status: issued\ntopics: [de-an-06]")


LAST: dict = {}   # the pipeline result the latest update() indexed


def update(project, cache):
    result = run(project / "notices", project)
    assert result.ok, [d.format() for d in result.diagnostics]
    LAST["linked"] = result.linked
    return update_index(result.linked, cache)


def same_as_fresh(cache, tmp_path, step: str) -> dict:
    """Compare the incremental index with a fresh one of the sources it was just updated from;
    returns the fresh snapshot, for a later step back at the same sources."""
    theirs = fresh_snapshot(LAST["linked"], tmp_path, step)
    assert_same_as_fresh(cache, theirs, step)
    return theirs


def test_incremental_updates_equal_a_fresh_index(tmp_path):
    project = copy_project(tmp_path / "p")
    cache = tmp_path / "cache"
    first = update(project, cache)
    assert first.rebuilt
    notices = project / "notices"
    issued = sorted(p for p in notices.rglob("*.md")
                    if "status: issued" in p.read_text(encoding="utf-8")
                    and "classification: public" in p.read_text(encoding="utf-8"))

    # Edit a body: one document replaced, its old terms gone from suggestions.
    edited = issued[0]
    edited.write_text(edited.read_text(encoding="utf-8").rstrip()
                      + "\nTừ khóa mới xyzzyq về giao thông.\n", encoding="utf-8")
    stats = update(project, cache)
    assert not stats.rebuilt and (stats.added, stats.updated, stats.removed) == (0, 1, 0)
    same_as_fresh(cache, tmp_path, "edit")

    # Add notices dated between others, the same day as one, and newest of all: each takes a
    # free order value, the others keep theirs.
    for number, date in (("901/TB-VPUBND", "2024-03-15"), ("902/TB-VPUBND", "2024-03-15"),
                         ("903/TB-VPUBND", "2026-01-01"), ("904/TB-VPUBND", "2019-01-01")):
        (notices / "2024" / f"moi-{number[:3]}.md").write_text(notice_text(
            number, date, f"Kết luận {number} về Đề án 06 và an toàn giao thông",
            "Làm sạch dữ liệu dân cư, bảo đảm an toàn giao thông, phòng cháy chữa cháy."),
            encoding="utf-8")
    stats = update(project, cache)
    assert (stats.added, stats.updated, stats.removed) == (4, 0, 0)
    same_as_fresh(cache, tmp_path, "add")

    # Remove one that no other notice cites (a dangling reference would stop the pipeline).
    texts = {p: p.read_text(encoding="utf-8") for p in notices.rglob("*.md")}
    unused = next(p for p in issued[1:] if not any(
        re.search(r'^number: "?([^"\n]+?)"?$', texts[p], re.M).group(1) in other
        for q, other in texts.items() if q != p))
    unused.unlink()
    stats = update(project, cache)
    assert (stats.added, stats.updated, stats.removed) == (0, 0, 1)
    same_as_fresh(cache, tmp_path, "remove")

    # Rename (move) one: its key is its URL, so it is replaced or re-keyed, never doubled.
    moved = next(p for p in issued[1:] if p != unused)
    moved.rename(moved.with_name("doi-ten-" + moved.name))
    update(project, cache)
    same_as_fresh(cache, tmp_path, "rename")

    # topics.yml: a new multi-word alias changes the acronyms and topic text of the notices
    # it reaches, and only those; nothing is rebuilt whole.
    topics = notices / "topics.yml"
    text = topics.read_text(encoding="utf-8")
    assert 'aliases: ["an ninh trật tự", "ANTT",' in text
    topics.write_text(text.replace('aliases: ["an ninh trật tự", "ANTT",',
                                   'aliases: ["an ninh trật tự", "ANTT", "kiểm tra giám sát",',
                                   1), encoding="utf-8")
    stats = update(project, cache)
    assert not stats.rebuilt and 0 < stats.updated < stats.total
    same_as_fresh(cache, tmp_path, "topics")

    # agencies.yml: a new alias of an agency that is given tasks.
    agencies = notices / "agencies.yml"
    data = agencies.read_text(encoding="utf-8")
    agencies.write_text(data.replace("aliases: [", 'aliases: ["Cơ quan thử xyzzyq", ', 1),
                        encoding="utf-8")
    stats = update(project, cache)
    assert not stats.rebuilt
    at_agencies = same_as_fresh(cache, tmp_path, "agencies")

    # A word only one notice held, then edited away: the thesaurus alternative that needs it
    # and the suggestions drop it at once, though Whoosh keeps the old document's terms.
    added = notices / "2024" / "moi-901.md"
    text = added.read_text(encoding="utf-8")
    added.write_text(text.replace("phòng cháy chữa cháy.", "phòng chống sốt xuất huyết."),
                     encoding="utf-8")
    update(project, cache)
    same_as_fresh(cache, tmp_path, "word-added")
    with Searcher(cache) as s:
        assert s.search("SXH").total == 1
    added.write_text(text, encoding="utf-8")
    update(project, cache)
    # The sources are again those of the agencies step: its fresh index is the reference.
    assert_same_as_fresh(cache, at_agencies, "word-gone")

    # Nothing changed: nothing written.
    stats = update(project, cache)
    assert stats.changed == 0 and not stats.rebuilt


def test_orders_keep_values_and_stay_increasing():
    keys = [f"k{i}" for i in range(6)]
    first = assign_orders(keys, {})
    assert [first[k] for k in keys] == [i * ORDER_STEP for i in range(6)]
    # A new notice at the front, one in the middle, one at the end: the others keep theirs.
    grown = ["new0", *keys[:3], "mid", *keys[3:], "last"]
    again = assign_orders(grown, first)
    assert all(again[k] == first[k] for k in keys)
    values = [again[k] for k in grown]
    assert values == sorted(set(values))
    # No room left between two neighbours: everything is numbered afresh, still in order.
    tight = assign_orders(["a", "x", "y", "b"], {"a": 0, "b": 2})
    assert [tight[k] for k in "axyb"] == [0, ORDER_STEP, 2 * ORDER_STEP, 3 * ORDER_STEP]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["add", "remove", "move"]),
                          st.integers(0, 10 ** 6)), max_size=60))
def test_orders_are_strictly_increasing_after_any_sequence_of_changes(steps):
    keys = [f"k{i}" for i in range(5)]
    have = assign_orders(keys, {})
    fresh = 0
    for action, n in steps:
        keys = list(keys)
        if action == "add":
            keys.insert(n % (len(keys) + 1), f"n{fresh}")
            fresh += 1
        elif keys and action == "remove":
            keys.pop(n % len(keys))
        elif keys:   # an edited date moves a notice elsewhere in the archive order
            key = keys.pop(n % len(keys))
            keys.insert(random.Random(n).randrange(len(keys) + 1), key)
        new = assign_orders(keys, have)
        values = [new[k] for k in keys]
        assert all(a < b for a, b in zip(values, values[1:]))
        assert all(-(1 << 63) <= v < (1 << 63) for v in values)
        have = new


def test_the_first_search_after_a_build_writes_nothing(built_public_copy, monkeypatch):
    """The build updates the index beside rendering: a search then loads no archive and
    writes no document, before and after an edit that the build brought in. (The first build is
    a copy of the session's, cache included.)"""
    from whoosh.writing import SegmentWriter

    root = built_public_copy
    project = Project.find(root / "mkdocs.yml")
    written = []
    monkeypatch.setattr(SegmentWriter, "add_document",
                        lambda self, **fields: written.append(fields["key"]))
    assert search_cmd.ensure_index(project, "public", quiet=True) is None
    assert written == []
    with Searcher(project.cache_dir) as s:
        assert s.search("de an 06").total >= 3

    path = sorted((root / "notices" / "2024").glob("*.md"))[0]
    path.write_text(path.read_text(encoding="utf-8").rstrip() + "\nTừ khóa mới xyzzyq.\n",
                    encoding="utf-8")
    cli(root, "build", "--quiet", check=True)
    assert search_cmd.ensure_index(project, "public", quiet=True) is None
    assert written == []
    with Searcher(project.cache_dir) as s:
        assert s.search("xyzzyq").total == 1


def test_search_after_a_pull_writes_only_what_changed(tmp_path, monkeypatch):
    """Notices changed without a build (a `git pull`): the next search writes those only."""
    from whoosh.writing import SegmentWriter

    root = copy_project(tmp_path / "p")
    project = Project.find(root / "mkdocs.yml", tmp_path / "cache")
    assert search_cmd.ensure_index(project, "public", quiet=True) is None
    written = []
    real = SegmentWriter.add_document

    def counting(self, **fields):
        written.append(fields["key"])
        return real(self, **fields)

    monkeypatch.setattr(SegmentWriter, "add_document", counting)
    path = sorted((root / "notices" / "2024").glob("*.md"))[0]
    path.write_text(path.read_text(encoding="utf-8").rstrip() + "\nTừ khóa mới xyzzyq.\n",
                    encoding="utf-8")
    assert search_cmd.ensure_index(project, "public", quiet=True) is None
    assert len(written) == 1
    with Searcher(project.cache_dir) as s:
        assert s.search("xyzzyq").total == 1


def test_a_failed_index_fails_the_build_and_keeps_the_old_index(tmp_path, built_public_copy):
    """An index update that fails in the build's background process fails the build with a
    Vietnamese message, no traceback; site/ and the previous index stay as they were. (The
    first build is a copy of the session's, cache included.)"""
    root = built_public_copy
    project = Project.find(root / "mkdocs.yml")
    with Searcher(project.cache_dir) as s:
        before = [h.key for h in s.search("de an 06", limit=None).hits]
    site = (root / "site" / "index.html").read_bytes()
    path = sorted((root / "notices" / "2024").glob("*.md"))[0]
    path.write_text(path.read_text(encoding="utf-8").rstrip() + "\nTừ khóa mới xyzzyq.\n",
                    encoding="utf-8")
    # A sitecustomize that makes Whoosh fail while writing, in the build's processes only.
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(
        "from whoosh.writing import SegmentWriter\n"
        "def fail(self, **fields):\n"
        "    raise OSError(28, 'No space left on device')\n"
        "SegmentWriter.add_document = fail\n", encoding="utf-8")
    import os
    import subprocess
    import sys
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(hook), *filter(None, [os.environ.get("PYTHONPATH")])]))
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--quiet"], cwd=root,
                            capture_output=True, text=True, encoding="utf-8", env=env)
    assert result.returncode == 1
    assert "lập chỉ mục tìm kiếm" in result.stderr and "site/ giữ nguyên" in result.stderr
    assert "Traceback" not in result.stderr
    assert (root / "site" / "index.html").read_bytes() == site
    with Searcher(project.cache_dir) as s:
        assert [h.key for h in s.search("de an 06", limit=None).hits] == before
        assert s.search("xyzzyq").total == 0


def _big_result(size: int) -> bytes:
    return b"x" * size


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_cancel_stops_a_child_blocked_sending_its_result(monkeypatch):
    """A stopped build cancels its background work: a child blocked writing a large result
    into the pipe, with the build's SIGTERM handler inherited, must not hang the build."""
    import signal
    from pathlib import Path

    from generator.index.background import InBackground
    from generator.publish.atomic import interruptible

    with interruptible():   # what `build` installs: SIGTERM raises in the main thread
        work = InBackground(_big_result, (64 << 20,), "notice-archive-test", "thử")
        if work.process is None:
            pytest.skip("no child process on this platform")
        wchan = Path(f"/proc/{work.process.pid}/wchan")
        while work.process.is_alive() and wchan.read_text() != "anon_pipe_write":
            work.process.join(0.05)   # until the child waits on the full pipe
        work.cancel()
    assert not work.process.is_alive()
    assert work.process.exitcode == -signal.SIGTERM


def test_ids_without_decoding_are_the_decoded_ids_for_every_term(tmp_path):
    """The searcher reads a term's ids as a range where every notice of a segment holds it: for
    every term of every field, over a fresh segment, a one-notice segment (an edit) and one with
    a deleted notice, the ids and their order are those of the decoded blocks."""
    project = copy_project(tmp_path / "p")
    cache = tmp_path / "cache"
    update(project, cache)
    edited = sorted(p for p in (project / "notices").rglob("*.md")
                    if "status: issued" in p.read_text(encoding="utf-8")
                    and "classification: public" in p.read_text(encoding="utf-8"))[0]
    edited.write_text(edited.read_text(encoding="utf-8").rstrip() + "\nThêm một câu.\n",
                      encoding="utf-8")
    update(project, cache)
    with Searcher(cache) as s:
        source = s.source
        leaves = [leaf for leaf, _ in source._leaves]
        assert len(leaves) > 1 and any(leaf.has_deletions() for leaf in leaves)
        shortcuts = 0
        for name in ("title", "body", "meta", "topic_text", "acronyms", "pairs", "topics", "year"):
            for term in s.searcher.reader().lexicon(name):
                text = term.decode("utf-8") if isinstance(term, bytes) else term
                fast = [(list(ids), weights) for ids, weights in
                        source._blocks(name, text, ids_only=True)]
                slow = [list(ids) for ids, _ in source._blocks(name, text)]
                assert [i for ids, _ in fast for i in ids] == [i for ids in slow for i in ids]
                shortcuts += sum(1 for _, weights in fast if weights is None)
        assert shortcuts   # the range is taken somewhere (the one-notice segment at least)
