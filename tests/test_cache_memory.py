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
