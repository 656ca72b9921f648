"""`authenticated.py` in process and fast: the key, JSON memos and sealed folders, with the
tag faults of tests/test_seals.py applied to tiny files. (test_seals.py applies them to a real
Whoosh generation with a live pickle; this file is mutmut's selection for the module.)"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from generator import authenticated
from test_seals import ALL_FAULTS, FILE_FAULTS, TAG_FAULTS, _apply, _id, _tag


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


@pytest.mark.parametrize("damage", [b"", b"abc", b"0" * 63, b"0" * 65],
                         ids=["empty", "short", "one_short", "one_long"])
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


@pytest.fixture
def sealed(tmp_path) -> Path:
    folder = tmp_path / "gen"
    folder.mkdir()
    (folder / "a.seg").write_bytes(b"segment")
    (folder / "b.toc").write_bytes(b"table of contents")
    authenticated.seal(folder)
    authenticated._VERIFIED.clear()
    return folder


@pytest.mark.parametrize("fault", ALL_FAULTS, ids=_id)
def test_a_folder_with_a_bad_seal_fails(sealed, fault):
    assert authenticated.verify(sealed)
    authenticated._VERIFIED.clear()
    _apply(sealed / authenticated.SEAL, fault)
    assert not authenticated.verify(sealed)
    assert not authenticated.verify(sealed, prune=True)


@pytest.mark.parametrize("body", [b"[]", b'"a"', b"{not json", b"\xff\xfe"], ids=_id)
def test_a_seal_of_the_right_tag_but_no_listing_fails(sealed, body):
    path = sealed / authenticated.SEAL
    path.write_bytes(_tag(body, path.name, authenticated.key()) + b"\n" + body)
    assert not authenticated.verify(sealed)


def test_swapped_entries_fail(sealed):
    path = sealed / authenticated.SEAL
    entries = json.loads(path.read_bytes().partition(b"\n")[2])
    swapped = {"a.seg": entries["b.toc"], "b.toc": entries["a.seg"]}
    authenticated.write_json(path, swapped)
    assert not authenticated.verify(sealed)


def test_a_file_or_folder_added_after_sealing_fails_or_is_pruned(sealed):
    (sealed / "c.toc").write_bytes(b"planted")
    (sealed / "d").mkdir()
    (sealed / "d" / "x").write_bytes(b"planted")
    assert not authenticated.verify(sealed)
    assert (sealed / "c.toc").exists()
    assert authenticated.verify(sealed, prune=True)
    assert sorted(p.name for p in sealed.iterdir()) == ["AUTH.json", "a.seg", "b.toc"]


def test_a_sealed_file_replaced_by_a_link_fails(sealed, tmp_path):
    outside = tmp_path / "outside"
    outside.write_bytes(b"segment")
    (sealed / "a.seg").unlink()
    (sealed / "a.seg").symlink_to(outside)
    assert not authenticated.verify(sealed)


def test_links_and_folders_are_never_sealed(tmp_path):
    folder = tmp_path / "gen"
    folder.mkdir()
    (folder / "a.seg").write_bytes(b"a")
    (folder / "link").symlink_to(folder / "a.seg")
    (folder / "sub").mkdir()
    authenticated.seal(folder)
    entries = json.loads((folder / authenticated.SEAL).read_bytes().partition(b"\n")[2])
    assert list(entries) == ["a.seg"]


def test_a_missing_folder_or_seal_fails(tmp_path):
    assert not authenticated.verify(tmp_path / "none")
    (tmp_path / "gen").mkdir()
    assert not authenticated.verify(tmp_path / "gen")


def test_json_round_trip_keeps_text_and_names_the_file(tmp_path):
    path = tmp_path / "memo.json"
    data = {"tiêu đề": "Thông báo kết luận", "n": [1, 2.5, None, True], "x": {"y": "ư"}}
    authenticated.write_json(path, data)
    assert authenticated.read_json(path) == data
    tag, _, body = path.read_bytes().partition(b"\n")
    assert tag == _tag(body, "memo.json", authenticated.key())
    other = tmp_path / "other.json"
    other.write_bytes(path.read_bytes())                   # another file's bytes, unchanged
    assert authenticated.read_json(other) is None
    assert [p.name for p in tmp_path.iterdir()] == ["memo.json"]


def test_a_right_tag_on_bad_json_is_discarded(tmp_path, capsys):
    path = tmp_path / "memo.json"
    body = b"{not json"
    path.write_bytes(_tag(body, path.name, authenticated.key()) + b"\n" + body)
    assert authenticated.read_json(path) is None and not path.exists()
    assert "không xác thực được" in capsys.readouterr().err


def test_file_mac_depends_on_name_and_every_byte(tmp_path):
    path = tmp_path / "f"
    path.write_bytes(b"x" * (3 << 20))                    # more than one read
    mac = authenticated.file_mac(path, "f")
    assert mac == _tag(b"x" * (3 << 20), "f", authenticated.key()).decode()
    assert authenticated.file_mac(path, "g") != mac
    path.write_bytes(b"x" * (3 << 20) + b"y")
    assert authenticated.file_mac(path, "f") != mac


def test_the_discard_line_in_full(tmp_path, capsys):
    authenticated.discarded(tmp_path / "memo.json")
    assert capsys.readouterr().err == (
        f"notice-archive: bỏ {tmp_path / 'memo.json'} vì không xác thực được (bị sửa, hỏng hoặc "
        "do người dùng khác tạo); đang tạo lại\n")


def test_a_folder_is_hashed_once_per_process_and_no_memo_unless_asked(sealed, monkeypatch):
    hashed = []
    real = authenticated.file_mac
    monkeypatch.setattr(authenticated, "file_mac", lambda p, n: hashed.append(n) or real(p, n))
    assert authenticated.verify(sealed) and sorted(hashed) == ["a.seg", "b.toc"]
    assert authenticated.verify(sealed) and len(hashed) == 2      # the same state: not again
    assert not (sealed.parent / authenticated.VERIFIED_MEMO).exists()
    authenticated._VERIFIED.clear()
    assert authenticated.verify(sealed) and len(hashed) == 4


def test_a_seal_with_memo_spares_the_next_process_the_hashing(tmp_path, monkeypatch):
    folder = tmp_path / "gen"
    folder.mkdir()
    (folder / "a.seg").write_bytes(b"a" * 100)
    (folder / "b.toc").write_bytes(b"toc")
    authenticated.seal(folder, memo=True)
    authenticated._VERIFIED.clear()                         # as a new process starts
    hashed = []
    real = authenticated.file_mac
    monkeypatch.setattr(authenticated, "file_mac", lambda p, n: hashed.append(n) or real(p, n))
    assert authenticated.verify(folder, memo=True) and hashed == []
    authenticated._VERIFIED.clear()
    (folder / "a.seg").write_bytes(b"b" * 100)              # rewritten after the seal
    assert not authenticated.verify(folder, memo=True) and hashed == ["a.seg"]


def test_a_file_changed_while_sealing_is_not_remembered_as_verified(tmp_path, monkeypatch):
    """The identity the memo keeps is the one from before hashing: a file rewritten after its
    hash was taken must be hashed again by the next verify, and fail."""
    folder = tmp_path / "gen"
    folder.mkdir()
    (folder / "a.seg").write_bytes(b"a" * 100)
    real = authenticated.file_mac

    def hash_then_change(path, name):
        mac = real(path, name)
        path.write_bytes(b"changed after hashing")
        return mac

    monkeypatch.setattr(authenticated, "file_mac", hash_then_change)
    authenticated.seal(folder, memo=True)
    monkeypatch.setattr(authenticated, "file_mac", real)
    authenticated._VERIFIED.clear()
    assert not authenticated.verify(folder, memo=True)


def test_a_seal_without_memo_writes_none(tmp_path):
    folder = tmp_path / "gen"
    folder.mkdir()
    (folder / "a.seg").write_bytes(b"a")
    authenticated.seal(folder)
    assert not (tmp_path / authenticated.VERIFIED_MEMO).exists()
