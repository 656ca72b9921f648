"""Cache seals, table-driven: every wrong tag, seal file or sealed folder ends in "rebuilt,
nothing unpickled".

The same table of tag faults is applied to a JSON memo (the check summary: a forged one would
hide every diagnostic) and to the Whoosh seal (AUTH.json of an index generation whose pickled
table of contents is a live payload: opening it writes a marker file).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from test_untrusted import Payload

from generator import authenticated
from generator.index import writer
from generator.index.searcher import IndexMissing, Searcher
from generator.link import link
from generator.load import load_archive
from generator.pipeline import check_summary
from generator.validate import validate


def _tag(body: bytes, name: str, key: bytes) -> bytes:
    return hmac.new(key, name.encode() + b"\0" + body, hashlib.sha256).hexdigest().encode()


# Each fault turns (the right tag, the body, the file's name) into the file's new bytes.
TAG_FAULTS = {
    "empty tag": lambda tag, body, name: b"\n" + body,
    "truncated tag": lambda tag, body, name: tag[:32] + b"\n" + body,
    "one digit short": lambda tag, body, name: tag[:-1] + b"\n" + body,
    "too long": lambda tag, body, name: tag + b"0\n" + body,
    "a prefix of the tag twice": lambda tag, body, name: tag[:8] + tag[:8] + b"\n" + body,
    "upper case": lambda tag, body, name: tag.upper() + b"\n" + body,
    "wrong key": lambda tag, body, name: _tag(body, name, b"1" * 64) + b"\n" + body,
    "another file's tag": lambda tag, body, name: (
        _tag(body, "other-" + name, authenticated.key()) + b"\n" + body),
    "zeros": lambda tag, body, name: b"0" * 64 + b"\n" + body,
    "empty file": lambda tag, body, name: b"",
    "tag only": lambda tag, body, name: tag + b"\n",
    "no newline": lambda tag, body, name: tag + body,
}
FILE_FAULTS = {"missing file": None}
ALL_FAULTS = {**TAG_FAULTS, **FILE_FAULTS}


def _id(value) -> str:
    """An ASCII test id without quotes or backslashes: mutmut re-runs tests by node id."""
    return re.sub(r"[^A-Za-z0-9]+", "_", ascii(value)).strip("_") or "empty"


def _apply(path: Path, fault: str, body: bytes | None = None) -> None:
    """Re-write `path` (a file made by write_json) with `fault`; `body` replaces its JSON."""
    if fault in FILE_FAULTS:
        path.unlink()
        return
    old = path.read_bytes().partition(b"\n")[2]
    body = old if body is None else body
    right = _tag(body, path.name, authenticated.key())
    path.write_bytes(TAG_FAULTS[fault](right, body, path.name))


def test_the_tag_faults_are_faults():
    """Each fault really differs from the right bytes (a table row equal to them tests nothing)."""
    body, name = b'{"a":1}', "x.json"
    right = _tag(body, name, authenticated.key()) + b"\n" + body
    for fault, make in TAG_FAULTS.items():
        assert make(right.partition(b"\n")[0], body, name) != right, fault


@pytest.mark.parametrize("fault", ALL_FAULTS, ids=_id)
def test_a_json_memo_with_a_bad_tag_is_discarded(tmp_path, fault, capsys):
    path = tmp_path / "memo.json"
    authenticated.write_json(path, {"key": "k", "value": [1, 2]})
    assert authenticated.read_json(path) == {"key": "k", "value": [1, 2]}  # the control
    _apply(path, fault)
    assert authenticated.read_json(path) is None
    assert not path.exists()
    said = capsys.readouterr().err
    assert said.count("không xác thực được") == (0 if fault in FILE_FAULTS else 1)


@pytest.fixture(scope="module")
def sample():
    """The sample archive, validated and linked (public)."""
    result = validate(load_archive(ROOT / "notices", ROOT))
    return result.archive, link(result.archive, "public")


@pytest.mark.parametrize("fault", ALL_FAULTS, ids=_id)
def test_a_forged_check_summary_is_recomputed(tmp_path, fault, sample):
    """A memo that claims another archive, sealed wrongly, is never believed."""
    archive = sample[0]
    cache = tmp_path / "cache"
    cache.mkdir()
    real = check_summary(ROOT / "notices", ROOT, cache)
    memo = cache / "check-summary.json"
    stored = authenticated.read_json(memo)
    forged = json.dumps({**stored, "notices": 999, "diagnostics": []}, ensure_ascii=False,
                        separators=(",", ":")).encode()
    authenticated.write_json(memo, json.loads(forged))
    assert check_summary(ROOT / "notices", ROOT, cache).notice_count == 999  # the control
    _apply(memo, fault, forged)
    again = check_summary(ROOT / "notices", ROOT, cache)
    assert again.notice_count == real.notice_count == len(archive.notices)
    assert again.diagnostics == real.diagnostics


@pytest.fixture(scope="module")
def pristine_index(tmp_path_factory, sample):
    """A real Whoosh index of the sample archive, made once; each test works on a copy."""
    cache = tmp_path_factory.mktemp("index-cache")
    writer.update_index(sample[1], cache)
    return cache


def _plant_toc(gen: Path, marker: Path, generation: int = 1) -> None:
    """A real Whoosh table of contents whose pickled schema is a live payload."""
    from whoosh.fields import Schema
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import TOC

    class EvilSchema(Schema):
        def __reduce__(self):
            return Payload(marker).__reduce__()

    TOC(EvilSchema(), [], generation).write(FileStorage(str(gen)), "MAIN")


def _planted_generation(cache: Path, marker: Path) -> Path:
    """The live generation with its table of contents replaced by a live payload, sealed with
    this user's key: only the seal's check stands between it and unpickling."""
    gen = writer.current_generation(writer.index_root(cache, "public"))
    for toc in gen.glob("_MAIN_*.toc"):
        toc.unlink()
    _plant_toc(gen, marker)
    writer.seal(gen)
    return gen


def _copy_index(pristine: Path, tmp_path: Path) -> Path:
    cache = tmp_path / "cache"
    shutil.copytree(pristine, cache)
    for memo in cache.rglob(authenticated.VERIFIED_MEMO):
        memo.unlink()
    return cache


def test_the_planted_generation_is_live(tmp_path, pristine_index):
    """The control: with its seal intact, the payload runs (so the cases below can fail)."""
    marker = tmp_path / "MARKER"
    cache = _copy_index(pristine_index, tmp_path)
    _planted_generation(cache, marker)
    with pytest.raises(Exception):
        Searcher(cache, "public")
    assert marker.exists()


WHOOSH_FAULTS = {**ALL_FAULTS, "swapped entries of two files": None}


@pytest.mark.parametrize("fault", WHOOSH_FAULTS, ids=_id)
def test_a_bad_whoosh_seal_is_rebuilt_nothing_unpickled(tmp_path, fault, pristine_index, sample):
    marker = tmp_path / "MARKER"
    cache = _copy_index(pristine_index, tmp_path)
    gen = _planted_generation(cache, marker)
    seal = gen / authenticated.SEAL
    if fault == "swapped entries of two files":
        entries = authenticated.read_json(seal)
        a, b = sorted(entries)[:2]
        assert entries[a] != entries[b]
        entries[a], entries[b] = entries[b], entries[a]
        authenticated.write_json(seal, entries)
    else:
        _apply(seal, fault)
    with pytest.raises(IndexMissing):
        Searcher(cache, "public")       # the generation is thrown away, not opened
    assert not marker.exists(), f"{fault}: a planted pickle ran"
    stats = writer.update_index(sample[1], cache)
    assert stats.rebuilt and stats.total == len(writer.indexable(sample[1]))
    assert not marker.exists(), f"{fault}: a planted pickle ran"
    with Searcher(cache, "public") as searcher:
        assert searcher.search("đề án 06").total > 0


def test_a_file_added_after_sealing_is_pruned_never_opened(tmp_path, pristine_index):
    """A newer table of contents planted beside a sealed generation (Whoosh opens the newest):
    deleted before anything is opened, the sealed index is searched as before."""
    marker = tmp_path / "MARKER"
    cache = _copy_index(pristine_index, tmp_path)
    gen = writer.current_generation(writer.index_root(cache, "public"))
    _plant_toc(gen, marker, generation=99)
    planted = gen / "_MAIN_99.toc"
    assert planted.is_file()
    with Searcher(cache, "public") as searcher:
        assert searcher.search("đề án 06").total > 0
    assert not planted.exists()
    assert not marker.exists(), "a file added after sealing was unpickled"


# --- the key every seal depends on -------------------------------------------------------------

@pytest.fixture
def own_key(tmp_path, monkeypatch):
    path = tmp_path / "config" / "notice-archive" / authenticated.KEY_FILE
    monkeypatch.setattr(authenticated, "key_path", lambda: path)
    monkeypatch.setattr(authenticated, "_KEYS", {})
    return path


def test_a_key_is_made_once_private_and_kept(own_key):
    made = authenticated.key()
    assert re.fullmatch(rb"[0-9a-f]{64}", made)
    assert own_key.read_bytes() == made and own_key.stat().st_mode & 0o777 == 0o600
    assert authenticated.key() == made
    authenticated._KEYS.clear()
    assert authenticated.key() == made                      # read back, not made again
    assert [p.name for p in own_key.parent.iterdir()] == [authenticated.KEY_FILE]


@pytest.mark.parametrize("damage", [b"", b"abc", b"0" * 63, b"0" * 65])
def test_a_damaged_key_is_replaced(own_key, damage):
    own_key.parent.mkdir(parents=True)
    own_key.write_bytes(damage)
    made = authenticated.key()
    assert re.fullmatch(rb"[0-9a-f]{64}", made) and own_key.read_bytes() == made
    assert [p.name for p in own_key.parent.iterdir()] == [authenticated.KEY_FILE]


def test_a_key_another_process_just_made_is_never_replaced(own_key):
    own_key.parent.mkdir(parents=True)
    theirs = b"a" * 64
    own_key.write_bytes(theirs)
    assert authenticated._create(own_key, replace=False) == theirs
    assert own_key.read_bytes() == theirs
    assert [p.name for p in own_key.parent.iterdir()] == [authenticated.KEY_FILE]


def test_without_hard_links_a_key_is_still_made(own_key, monkeypatch):
    import os

    def no_links(*args):
        raise PermissionError("không có liên kết cứng")
    monkeypatch.setattr(os, "link", no_links)
    made = authenticated.key()
    assert re.fullmatch(rb"[0-9a-f]{64}", made) and own_key.read_bytes() == made
    assert [p.name for p in own_key.parent.iterdir()] == [authenticated.KEY_FILE]


def test_an_unreadable_or_unwritable_key_folder_gives_a_key_for_this_run(own_key, monkeypatch):
    own_key.parent.parent.mkdir(parents=True)
    own_key.parent.write_text("a file where the folder should be", encoding="utf-8")
    first = authenticated.key()
    assert re.fullmatch(rb"[0-9a-f]{64}", first) and authenticated.key() == first
    authenticated._KEYS.clear()
    assert authenticated.key() != first                     # nothing was stored


def test_a_seal_covers_files_only_and_verifies_once_per_state(tmp_path):
    folder = tmp_path / "gen"
    folder.mkdir()
    (folder / "a.seg").write_bytes(b"a")
    (folder / "b.toc").write_bytes(b"b")
    (folder / "skip.lock").write_bytes(b"")
    authenticated.seal(folder, frozenset({"skip.lock"}))
    entries = json.loads((folder / authenticated.SEAL).read_bytes().partition(b"\n")[2])
    assert sorted(entries) == ["a.seg", "b.toc"]
    assert authenticated.verify(folder, frozenset({"skip.lock"}))
    assert not authenticated.verify(folder)                 # the lock is not sealed
    (folder / "a.seg").write_bytes(b"A")
    assert not authenticated.verify(folder, frozenset({"skip.lock"}))
    (folder / "a.seg").write_bytes(b"a")
    (folder / "b.toc").unlink()
    assert not authenticated.verify(folder, frozenset({"skip.lock"}))


def test_a_verified_memo_is_used_only_while_the_files_are_the_same(tmp_path, monkeypatch):
    folder = tmp_path / "gen"
    folder.mkdir()
    (folder / "a.seg").write_bytes(b"a" * 100)
    authenticated.seal(folder)
    assert authenticated.verify(folder, memo=True)
    memo = tmp_path / authenticated.VERIFIED_MEMO
    assert authenticated.read_json(memo)
    authenticated._VERIFIED.clear()
    hashed = []
    real = authenticated.file_mac
    monkeypatch.setattr(authenticated, "file_mac", lambda p, n: hashed.append(n) or real(p, n))
    assert authenticated.verify(folder, memo=True) and hashed == []   # the memo held
    authenticated._VERIFIED.clear()
    (folder / "a.seg").write_bytes(b"b" * 100)             # same size, rewritten: ctime moved
    assert not authenticated.verify(folder, memo=True) and hashed == ["a.seg"]
