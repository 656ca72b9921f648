"""`notice-archive search` answers from a fresh index without re-reading an unchanged archive:
the freshness check is a stat fingerprint, the index's seal is verified once per change, and
any edit of a notice, topics.yml or agencies.yml reaches the next search."""

from __future__ import annotations

import os
import time

import pytest

from conftest import copy_project
from generator import authenticated, pipeline
from generator.commands import search as search_cmd
from generator.index import Searcher
from generator.index import writer
from generator.link import PROFILES
from generator.project import Project


@pytest.fixture
def project(tmp_path):
    root = copy_project(tmp_path / "p")
    return Project.find(root / "mkdocs.yml", tmp_path / "cache")


@pytest.fixture
def counted(monkeypatch):
    """Counts of archive loads (the pipeline) and index updates made by ensure_index."""
    calls = {"pipeline": 0, "update": 0}
    real_run, real_update = pipeline.run, writer.update_index

    def run(*args, **kwargs):
        calls["pipeline"] += 1
        return real_run(*args, **kwargs)

    def update(*args, **kwargs):
        calls["update"] += 1
        return real_update(*args, **kwargs)

    monkeypatch.setattr(pipeline, "run", run)
    monkeypatch.setattr("generator.index.update_index", update)
    return calls


def _touch_later(path):
    """Rewrite-time of a file moved on, as an editor saving within the same second would not
    guarantee on every file system."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))


def _search(project, text):
    assert search_cmd.ensure_index(project, "public", quiet=True) is None
    with Searcher(project.cache_dir) as searcher:
        return searcher.search(text, limit=None)


def test_an_unchanged_archive_is_not_read_again(project, counted):
    first = _search(project, "de an 06")
    assert counted == {"pipeline": 1, "update": 1}
    for _ in range(2):
        again = _search(project, "de an 06")
        assert counted == {"pipeline": 1, "update": 1}   # nothing read, nothing indexed
        assert [h.key for h in again.hits] == [h.key for h in first.hits]


def test_an_edited_notice_is_found_by_the_next_search(project, counted):
    assert _search(project, "xyzzyq").total == 0
    path = next(p for p in sorted((project.notices_dir).rglob("*.md"))
                if "classification: public" in p.read_text(encoding="utf-8")
                and "status: issued" in p.read_text(encoding="utf-8"))
    original = path.read_text(encoding="utf-8")
    path.write_text(original.rstrip() + "\nTừ khóa mới xyzzyq.\n", encoding="utf-8")
    _touch_later(path)
    found = _search(project, "xyzzyq")
    assert found.total == 1 and found.hits[0].path.endswith(path.name)
    assert counted["pipeline"] == 2
    path.write_text(original, encoding="utf-8")   # and back
    _touch_later(path)
    assert _search(project, "xyzzyq").total == 0


def test_an_edited_agency_list_reaches_the_index(project, counted):
    """agencies.yml names who a notice gives tasks to (`agency:`): part of the fingerprint."""
    _search(project, "x")
    agencies = project.notices_dir / "agencies.yml"
    agencies.write_text(agencies.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _touch_later(agencies)
    _search(project, "x")
    assert counted["pipeline"] == 2


def test_the_seal_is_hashed_again_only_when_a_file_changed(project, monkeypatch):
    _search(project, "x")
    gen = writer.current_generation(writer.index_root(project.cache_dir, "public"))
    hashed = []
    real_mac = authenticated.file_mac
    monkeypatch.setattr(authenticated, "file_mac",
                        lambda path, name: hashed.append(name) or real_mac(path, name))
    authenticated._VERIFIED.clear()   # as a new process starts
    assert writer.authentic(gen)
    assert hashed == []               # the memo beside the generation answers
    # A file rewritten since (its change time moves, whatever its mtime says) is hashed again,
    # and one altered with another's content fails.
    victim = next(p for p in sorted(gen.iterdir()) if p.name.endswith(".toc"))
    st = victim.stat()
    data = victim.read_bytes()
    time.sleep(0.01)
    victim.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    os.utime(victim, ns=(st.st_atime_ns, st.st_mtime_ns))
    authenticated._VERIFIED.clear()
    assert not writer.authentic(gen)
    assert hashed


def test_the_first_search_after_an_index_update_hashes_nothing(project, monkeypatch):
    """A build updates the index and seals it; the next process to open it finds the seal's
    memo written by the sealing itself, so it does not hash the whole index again."""
    result = pipeline.run(project.notices_dir, project.root, "public",
                          cache_dir=project.cache_dir)
    writer.update_index(result.linked, project.cache_dir,
                        state=writer.source_state(project.notices_dir))
    authenticated._VERIFIED.clear()   # as the search's own process starts
    hashed = []
    real_mac = authenticated.file_mac
    monkeypatch.setattr(authenticated, "file_mac",
                        lambda path, name: hashed.append(name) or real_mac(path, name))
    assert search_cmd.ensure_index(project, "public", quiet=True) is None
    with Searcher(project.cache_dir) as searcher:
        assert searcher.search("de an 06", limit=None).total
    assert hashed == []


def test_search_offers_the_link_stage_profiles():
    assert search_cmd.PROFILES == PROFILES
