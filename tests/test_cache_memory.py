"""Memos held in memory by a long-lived process (`serve`): read back without decoding, written
once when deferred, and re-read when another process rewrote the file."""

from __future__ import annotations

from pathlib import Path

from generator import cache
from generator.cache import DocumentCache, Memo


def _work(calls: list):
    def work(path: Path, root: Path):
        calls.append(path.name)
        return (None, [])
    return work


def test_deferred_writes_are_read_back_in_process_and_written_once(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    notice = root / "a.md"
    notice.write_text("một", encoding="utf-8")
    memo_dir = tmp_path / "cache"
    memo_dir.mkdir()
    calls: list = []
    cache.defer_writes()
    try:
        first = DocumentCache(memo_dir)
        first.map([notice], root, _work(calls))
        first.save()
        assert not (memo_dir / "documents.json").exists()  # put off
        second = DocumentCache(memo_dir)  # the next save in the same process
        second.map([notice], root, _work(calls))
        assert calls == ["a.md"]  # the unchanged file came from memory

        memo = Memo(memo_dir, "m.json")
        memo["k"] = "v"
        memo.get("k")
        memo.save()
        assert Memo(memo_dir, "m.json").get("k") == "v"
    finally:
        cache.write_deferred()
    assert (memo_dir / "documents.json").is_file() and (memo_dir / "m.json").is_file()

    # Written: a fresh process (no memory) reads the same from disk.
    cache._DECODED.clear()
    third = DocumentCache(memo_dir)
    third.map([notice], root, _work(calls))
    assert calls == ["a.md"]


def test_a_memo_rewritten_by_another_process_is_read_again(tmp_path):
    memo_dir = tmp_path / "cache"
    memo_dir.mkdir()
    memo = Memo(memo_dir, "m.json")
    memo["k"] = "ours"
    memo.get("k")
    memo.save()
    assert Memo(memo_dir, "m.json").get("k") == "ours"
    # Another process writes its own version of the file.
    saved = dict(cache._DECODED)
    cache._DECODED.clear()
    other = Memo(memo_dir, "m.json")
    other["k"] = "theirs"
    other.get("k")
    other.save()
    cache._DECODED.clear()
    cache._DECODED.update(saved)  # this process still remembers "ours"
    assert Memo(memo_dir, "m.json").get("k") == "theirs"


def test_an_encoded_memo_holds_compact_text_and_gives_back_equal_values(tmp_path):
    """The search export's memo: each entry is held as ASCII text, far smaller than the sets and
    dicts it decodes to, read back equal after a save; a damaged entry is computed again."""
    import sys

    from generator.index.browser_export import decode_analysis, encode_analysis
    memo_dir = tmp_path / "cache"
    memo_dir.mkdir()
    words = [f"tu{i}" for i in range(400)]
    value = ({w: i % 90 + 1 for i, w in enumerate(words)},
             {f"{a} {b}" for a, b in zip(words, words[1:])} | {"=hòa", "#125/tb"},
             {"hòa", "đề"}, set(words), "Kết luận của Chủ tịch UBND tỉnh. " * 100)
    memo = cache.EncodedMemo(memo_dir, "analysis.json", encode_analysis, decode_analysis)
    memo["k"] = value
    held = dict.__getitem__(memo, "k")
    assert isinstance(held, str) and held.isascii()
    decoded_size = sum(sys.getsizeof(part) for part in value) + sum(
        sys.getsizeof(x) for part in value[:4] for x in part)
    assert sys.getsizeof(held) * 5 < decoded_size
    assert memo.get("k") == value
    memo.save()
    cache._DECODED.clear()  # as a new process would
    again = cache.EncodedMemo(memo_dir, "analysis.json", encode_analysis, decode_analysis)
    assert again.get("k") == value
    again.stored["k"] = "not ours"
    assert again.get("k") is None


# A save copies the bytes of unchanged entries from the file they were read from (cache._Spans)
# and encodes only the rest: these check the copy against what encoding everything gives.

def _encoded_everything(path: Path) -> dict:
    """The memo file's entries as decoding it gives them."""
    from generator import authenticated
    return authenticated.read_json(path)["entries"]


def _counting(calls: list):
    def encode(value):
        calls.append(value)
        return value
    return encode


def test_a_save_encodes_only_the_entries_set_in_this_run(tmp_path):
    memo_dir = tmp_path / "cache"
    memo_dir.mkdir()
    first = Memo(memo_dir, "m.json")
    for i in range(50):
        first[f"k{i}"] = [f"giá trị {i}", i]
        first.get(f"k{i}")
    first.save()
    cache._DECODED.clear()                    # a new process
    calls: list = []
    second = Memo(memo_dir, "m.json", _counting(calls))
    for i in range(50):
        second.get(f"k{i}")
    second["k7"] = ["đổi", 7]                 # one entry changed
    second["new"] = ["mới", -1]               # one added
    second.get("new")
    second.save()
    assert sorted(map(str, calls)) == sorted(map(str, [["đổi", 7], ["mới", -1]]))
    written = _encoded_everything(memo_dir / "m.json")
    assert written == {**{f"k{i}": [f"giá trị {i}", i] for i in range(50)},
                       "k7": ["đổi", 7], "new": ["mới", -1]}
    cache._DECODED.clear()                    # and a third process copies from that file
    third = Memo(memo_dir, "m.json", _counting(calls := []))
    for key in list(written)[::2]:
        third.get(key)                        # half of them used: the rest are dropped
    third.save()
    assert calls == []
    assert _encoded_everything(memo_dir / "m.json") == {k: written[k] for k in list(written)[::2]}


def test_a_file_rewritten_since_it_was_read_is_not_copied_from(tmp_path):
    memo_dir = tmp_path / "cache"
    memo_dir.mkdir()
    ours = Memo(memo_dir, "m.json")
    ours["a"], ours["b"] = "một", "hai"
    ours.get("a"), ours.get("b")
    ours.save()
    cache._DECODED.clear()
    reader = Memo(memo_dir, "m.json")
    reader.get("a"), reader.get("b")
    reader["c"] = "ba"
    reader.get("c")
    # Another process rewrites the file: other values of the same length, at the same places.
    saved = dict(cache._DECODED)
    cache._DECODED.clear()
    other = Memo(memo_dir, "m.json")
    other["a"], other["b"] = "MỘT", "HAI"
    other.get("a"), other.get("b")
    other.save()
    cache._DECODED.clear()
    cache._DECODED.update(saved)
    reader.save()                             # its spans point into a file no longer there
    assert _encoded_everything(memo_dir / "m.json") == {"a": "một", "b": "hai", "c": "ba"}


def test_deferred_saves_never_copy_an_entry_changed_since_the_file_was_written(tmp_path):
    """`serve`: the file on disk is the one of the first run; an entry changed by one save and
    left alone by the next must be written with its new value."""
    root = tmp_path / "project"
    root.mkdir()
    notes = [root / f"{n}.md" for n in "abc"]
    for path in notes:
        path.write_text("một", encoding="utf-8")
    memo_dir = tmp_path / "cache"
    memo_dir.mkdir()

    from generator.diagnostics import WARNING, Diagnostic

    def work(path: Path, root: Path):   # the file's text as its one warning's message
        return (None, [Diagnostic(path.name, 1, 1, WARNING, "NA999",
                                  path.read_text(encoding="utf-8"))])

    DocumentCache(memo_dir).map(notes, root, work)
    first = DocumentCache(memo_dir)
    first.map(notes, root, work)
    first.dirty = True
    first.save()                              # on disk, with spans
    cache._DECODED.clear()
    cache.defer_writes()
    try:
        one = DocumentCache(memo_dir)
        notes[1].write_text("hai, đã sửa", encoding="utf-8")
        one.map(notes, root, work)
        one.save()
        two = DocumentCache(memo_dir)         # recalled from memory, b.md unchanged since
        notes[2].write_text("ba", encoding="utf-8")
        two.map(notes, root, work)
        two.save()
    finally:
        cache.write_deferred()
    entries = _encoded_everything(memo_dir / "documents.json")
    assert [entries[f"{n}.md"][1][1][0][-2] for n in "abc"] == ["một", "hai, đã sửa", "ba"]
    cache._DECODED.clear()
    calls: list = []
    DocumentCache(memo_dir).map(notes, root, lambda p, r: calls.append(p) or work(p, r))
    assert calls == []                        # and the file serves the next process whole
