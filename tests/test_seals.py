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

