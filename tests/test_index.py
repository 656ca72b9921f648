"""The Whoosh index of the sample archive, queried for real: folding, tone placement, numbers,
phrases, filters, did-you-mean, exact-accent ranking, profiles, incremental and atomic updates."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest

from conftest import ROOT, cache_of, cli, copy_project
from generator.index import Searcher, update_index
from generator.index.analysis import folded_words
from generator.index.writer import MANIFEST, current_generation, index_root
from generator.pipeline import run
from generator.text import fold

SECRET_MARKER = "MÃ-KIỂM-TRA-MẬT-7Q4Z"
INTERNAL_MARKER = "MÃ-KIỂM-TRA-NỘI-BỘ-3K8W"


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache")
    for profile in ("public", "internal"):
        update_index(run(ROOT / "notices", ROOT, profile).linked, cache)
    return cache


@pytest.fixture(scope="module")
def searcher(cache):
    with Searcher(cache, "public") as s:
        yield s


@pytest.fixture(scope="module")
def published(archive):
    return {n.key: n for n in archive.notices
            if n.classification == "public" and n.status != "draft"}


def keys(result):
    return [h.key for h in result.hits]


def folded_text(notice) -> str:
    return " ".join(folded_words(" ".join([notice.title, notice.body])))


def test_unaccented_queries_find_every_notice_of_the_topic(searcher, published):
    for query, slug in [("de an 06", "de-an-06"), ("an toan giao thong", "an-toan-giao-thong"),
                        ("luc luong tham gia bao ve an ninh trat tu o co so",
                         "luc-luong-bao-ve-an-ninh-trat-tu-co-so"),
                        ("pccc", "phong-chay-chua-chay")]:
        expected = {k for k, n in published.items() if slug in n.topics}
        assert expected, slug
        found = set(keys(searcher.search(query, limit=10)))
        assert expected <= found, (query, expected - found)


def test_accented_and_unaccented_queries_agree(searcher, published):
    accented = set(keys(searcher.search("đề án 06", limit=50)))
    # every notice tagged Đề án 06 is found, so agreement is not two empty sets
    tagged = {k for k, n in published.items() if "de-an-06" in n.topics}
    assert len(tagged) >= 3 and tagged <= accented
    assert accented == set(keys(searcher.search("de an 06", limit=50)))
    assert accented == set(keys(searcher.search("DE AN 06", limit=50)))


def test_old_and_new_tone_placement_are_the_same_word(searcher):
    for old, new in [("hoà", "hòa"), ("thuỷ", "thủy"), ("Uỷ ban", "Ủy ban")]:
        a, b = searcher.search(old, limit=50), searcher.search(new, limit=50)
        assert a.total > 0, old
        assert keys(a) == keys(b), (old, new)


def test_nfd_query_is_the_same_as_nfc(searcher):
    text = "Đề án 06 thuỷ lợi"
    nfd = unicodedata.normalize("NFD", text)
    assert keys(searcher.search(nfd)) == keys(searcher.search(text))
    assert searcher.search(unicodedata.normalize("NFD", "Đề án 06")).total > 0


def test_number_prefix_puts_the_notice_first(searcher, published):
    for notice in published.values():
        prefix = notice.number.split("-")[0]            # "98/TB-VPUBND" → "98/TB"
        assert searcher.search(prefix).hits[0].number == notice.number, prefix
        assert searcher.search(f"so:{prefix.lower()}").hits[0].number == notice.number
        assert searcher.search(notice.number).hits[0].number == notice.number


def test_quoted_phrase_needs_the_words_in_order(searcher, published):
    phrase = searcher.search('"phong chay chua chay"', limit=50)
    assert phrase.total > 0
    for key in keys(phrase):
        assert "phong chay chua chay" in folded_text(published[key]) + " " + \
            " ".join(folded_words(" ".join(published[key].topics).replace("-", " ")))
    # Every notice with the words in order is found ...
    in_order = {k for k, n in published.items() if "phong chay chua chay" in folded_text(n)}
    assert in_order and in_order <= set(keys(phrase))
    # ... and the same words out of order find only notices that have them in that order.
    reversed_phrase = searcher.search('"chay chua phong"', limit=50)
    assert reversed_phrase.total < phrase.total
    for key in keys(reversed_phrase)[:reversed_phrase.total]:
        assert "chay chua phong" in folded_text(published[key]), key


def test_filters(searcher, published):
    r = searcher.search("tinh", topic="an-toan-giao-thong", limit=50)
    assert r.total and all("an-toan-giao-thong" in published[k].topics for k in keys(r))
    assert keys(searcher.search("tinh", topic="atgt", limit=50)) == keys(r)
    r = searcher.search("tinh", year=2023, limit=50)
    assert r.total and all(published[k].year == 2023 for k in keys(r))
    r = searcher.search("tinh", date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 6, 30),
                        limit=50)
    assert r.total and all(dt.date(2024, 1, 1) <= published[k].date <= dt.date(2024, 6, 30)
                           for k in keys(r))
    issuer = next(n.issuer for n in published.values() if "Công an" in n.issuer)
    r = searcher.search("tinh", issuer=fold(issuer), limit=50)
    assert r.total and all(published[k].issuer == issuer for k in keys(r))
    signer = next(iter(published.values())).signer.name
    r = searcher.search("", signer=fold(signer), limit=50)
    assert r.total and all(published[k].signer.name == signer for k in keys(r))
    r = searcher.search(f'signer:"{signer}"', limit=50)
    assert r.total and all(published[k].signer.name == signer for k in keys(r))
    r = searcher.search("year:2025 de an 06")
    assert r.total and all(published[k].year == 2025 for k in keys(r))


def test_facets_count_every_match(searcher, published):
    r = searcher.search("tinh", limit=1)
    years = {f["value"]: f["count"] for f in r.facets["year"]}
    assert sum(years.values()) == r.total
    matched = set(keys(searcher.search("tinh", limit=1000)))
    for f in r.facets["topic"]:
        assert f["count"] == sum(1 for k in matched if f["value"] in published[k].topics)


def test_sort_by_date(searcher, published):
    r = searcher.search("tinh", sort="date", limit=50)
    dates = [published[k].date for k in keys(r)]
    assert dates == sorted(dates, reverse=True)


def test_misspelling_gets_did_you_mean(searcher):
    r = searcher.search("an toan giao thongg")
    assert r.suggestion == "an toan giao thông"
    # nothing matches every typed word: the correction's results are shown, and said so
    assert r.corrected == r.suggestion
    assert r.total == searcher.search(r.suggestion).total > 0


def test_snippets_highlight_the_matched_words(searcher):
    hit = searcher.search("giao thong").hits[0]
    marked = [t for t, hl in hit.snippet if hl]
    assert marked and all(fold(t) in ("giao", "thong") for t in marked)
    assert "<mark>" in hit.snippet_html


@pytest.mark.parametrize("query", ['"', "signer:", "so:", "topic:", "year:abc", "!!!", "((",
                                   ":", "so:/", "-", "\u0301", "*"])
def test_odd_queries_with_nothing_to_search_find_nothing(searcher, query):
    """Punctuation, an empty prefix or a prefix with a bad value is an empty query: no error,
    no results, not every notice (the rules are docs/handbook/development/search.md's and tests/search_vectors.json's)."""
    result = searcher.search(query)
    assert (result.total, list(result.hits)) == (0, [])


@pytest.mark.parametrize("odd, same", [('"an toàn', '"an toàn"'), ("a:b:c", '"a b c"'),
                                       ("Đề-án 06", '"đề án" 06')])
def test_odd_queries_mean_what_the_rules_say(searcher, odd, same):
    """An unclosed quote closes at the end; colons and hyphens inside a token make a phrase."""
    a, b = searcher.search(odd, limit=50), searcher.search(same, limit=50)
    assert keys(a) == keys(b) and a.total == b.total
    if odd.startswith('"'):
        assert a.total > 0


def test_secret_never_indexed_and_internal_only_in_internal(cache):
    with Searcher(cache, "internal") as internal:
        assert internal.search(INTERNAL_MARKER).total == 1
        assert internal.search("3k8w").total == 1
        assert internal.search(SECRET_MARKER).total == 0
        assert internal.search("7q4z").total == 0
    with Searcher(cache, "public") as public:
        assert public.search("3k8w").total == 0
        assert public.search("7q4z").total == 0
    for profile in ("public", "internal"):
        for path in index_root(cache, profile).rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                assert b"7Q4Z" not in data and b"7q4z" not in data, path


NOTICE = """---
number: "{number}"
type: thong-bao
title: "{title}"
issuer: "Văn phòng UBND tỉnh Hậu Giang"
date: {date}
signer:
  name: "Lưu Ngọc Đông"
  title: "Phó Chánh Văn phòng"
status: issued
classification: public
---

{body}
"""


def write_notice(project: Path, name: str, **fields) -> Path:
    path = project / "notices" / "2024" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(NOTICE.format(**fields), encoding="utf-8")
    return path


def two_notice_searcher(tmp_path, a: tuple[str, str], b: tuple[str, str]) -> Searcher:
    """A Searcher over two notices (title, body): 1/TB-VPUBND, newer, and 2/TB-VPUBND."""
    project = copy_project(tmp_path / "p", notices=False)
    for name, number, date, (title, body) in (("a.md", "1/TB-VPUBND", "2024-01-03", a),
                                               ("b.md", "2/TB-VPUBND", "2024-01-01", b)):
        write_notice(project, name, number=number, date=date, title=title, body=body)
    update_index(run(project / "notices", project).linked, tmp_path / "cache")
    return Searcher(tmp_path / "cache")


def test_exact_accent_ranks_first(tmp_path):
    with two_notice_searcher(
            tmp_path,
            ("Kết luận về trồng hoa kiểng dịp Tết",
             "Phát triển làng hoa kiểng, hoa tươi phục vụ thị trường."),
            ("Kết luận của Phó Chủ tịch Nguyễn Văn Hòa",
             "Đồng chí Nguyễn Văn Hòa chủ trì cuộc họp về hòa giải ở cơ sở.")) as s:
        assert [h.number for h in s.search("hòa").hits] == ["2/TB-VPUBND", "1/TB-VPUBND"]
        assert [h.number for h in s.search("hoà").hits] == ["2/TB-VPUBND", "1/TB-VPUBND"]
        assert s.search("hoa").hits[0].number == "1/TB-VPUBND"
        assert {h.number for h in s.search("hoa").hits} == {"1/TB-VPUBND", "2/TB-VPUBND"}


def test_incremental_update_and_version_rebuild(tmp_path, archive):
    project = copy_project(tmp_path / "p")
    cache = tmp_path / "cache"
    first = update_index(run(project / "notices", project).linked, cache)
    assert first.rebuilt and first.added == first.total
    again = update_index(run(project / "notices", project).linked, cache)
    assert not again.rebuilt and again.changed == 0

    notice = next(n for n in archive.notices if n.classification == "public"
                  and n.status == "issued")
    path = project / notice.source
    path.write_text(path.read_text(encoding="utf-8").rstrip() + "\nTừ khóa mới xyzzyq.\n",
                    encoding="utf-8")
    changed = update_index(run(project / "notices", project).linked, cache)
    assert (changed.updated, changed.added, changed.removed) == (1, 0, 0)
    with Searcher(cache) as s:
        assert keys(s.search("xyzzyq")) == [notice.key]
        assert s.search(notice.number).total >= 1
    path.unlink()
    removed = update_index(run(project / "notices", project).linked, cache)
    assert removed.removed == 1
    with Searcher(cache) as s:
        assert s.search("xyzzyq").total == 0

    gen = current_generation(index_root(cache, "public"))
    manifest = json.loads((gen / MANIFEST).read_text(encoding="utf-8"))
    manifest["version"] = "0.0"
    (gen / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    rebuilt = update_index(run(project / "notices", project).linked, cache)
    assert rebuilt.rebuilt and rebuilt.path != gen and not gen.exists()


def test_cli_search_text_and_json(tmp_path, archive):
    project = copy_project(tmp_path / "p")
    result = cli(project, "search", "de", "an", "06", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    top = data["results"][0]
    assert {"path", "number", "date", "title", "url", "score", "snippet"} <= set(top)
    assert (project / top["path"]).is_file()
    assert {"topic", "year"} <= set(data["facets"])
    text = cli(project, "search", "an toan giao thong", "--year", "2023")
    assert text.returncode == 0
    assert "Năm: 2023" in text.stdout
    assert "**" not in text.stdout and "\033[" not in text.stdout   # piped: plain text
    assert "Tìm thấy 3 thông báo khớp đủ các từ" in text.stdout
    odd = cli(project, "search", '"unbalanced', "signer:")
    assert odd.returncode == 0 and "Traceback" not in odd.stderr
    bad = cli(project, "search", "x", "--from", "2024-13-40")
    assert bad.returncode == 2 and "ngày không hợp lệ" in bad.stderr
    typo = cli(project, "search", "giao thongg")
    # Nothing matches every typed word: the correction's results are shown, and said so.
    assert "Không có thông báo khớp đủ các từ đã gõ; kết quả cho: giao thông" in typo.stdout


@pytest.mark.slow
def test_killed_indexing_leaves_the_previous_index_searchable(tmp_path):
    """Kill an update midway (while Whoosh writes); the previous index still answers."""
    project = copy_project(tmp_path / "p")
    cache = cache_of(project)
    cli(project, "search", "de an 06", check=True)
    with Searcher(cache) as s:
        before = keys(s.search("de an 06", limit=50))
        before_total = s.search("de an 06").total
    template = next((project / "notices" / "2024").glob("*.md")).read_text(encoding="utf-8")
    extra = project / "notices" / "2024" / "bulk"
    extra.mkdir()
    body = template.split("---", 2)[2] * 4
    for i in range(600):
        (extra / f"n{i}.md").write_text(NOTICE.format(
            number=f"{5000 + i}/TB-VPUBND", date="2024-03-01",
            title=f"Kết luận số {i} về đề án 06", body=body), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "generator", "search", "de an 06"],
                            cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    gen = current_generation(index_root(cache, "public"))
    before_files = set(os.listdir(gen))
    tocs = {f for f in before_files if f.endswith(".toc")}
    deadline = time.time() + 300

    def new_files() -> set[str]:
        return set(os.listdir(gen)) - before_files

    # Wait for Whoosh to open the new segment (its .pst/.trm files appear) and freeze the
    # writer at once, then kill it, before the new table of contents is written. A fixed pause
    # here would let a fast machine finish the commit first.
    while not any(f.endswith(".pst") for f in new_files()):
        assert proc.poll() is None and time.time() < deadline, "the update never started writing"
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGSTOP)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    written = new_files()
    assert any(f.endswith(".pst") for f in written)          # a segment was being written
    assert {f for f in written if f.endswith(".toc")} - tocs == set(), \
        "the commit had already happened: the kill did not interrupt the write"
    with Searcher(cache) as s:
        assert keys(s.search("de an 06", limit=50)) == before
    # and the next run completes the update
    cli(project, "search", "de an 06", check=True)
    with Searcher(cache) as s:
        assert s.search("de an 06").total == before_total + 600


def test_a_word_the_notice_lacks_does_not_hide_it(searcher):
    r = searcher.search("de an 06 quy i 2024 xyzzyq")
    assert r.total == 0
    assert r.hits and all(h.partial for h in r.hits)
    assert r.hits[0].number == "98/TB-VPUBND"
    full = searcher.search("de an 06")
    assert full.hits and not any(h.partial for h in full.hits[:full.total])


@pytest.mark.slow
def test_build_of_a_larger_archive_indexes_alongside_rendering(tmp_path):
    """With --index, past a few hundred notices the index is built as a fresh multi-notice
    update in the forked child while mkdocs renders: the build succeeds and the index answers."""
    from conftest import cli, copy_project
    from test_atomic import enlarge

    project = copy_project(tmp_path)
    base = json.loads(cli(project, "search", "de an 06", "--json", check=True).stdout)["total"]
    assert base >= 3
    assert enlarge(project, 24) >= 480
    cli(project, "build", "--quiet", "--index", check=True)
    # The build left the index up to date: the search has nothing to update first.
    assert "chỉ mục" not in cli(project, "search", "de an 06", check=True).stderr
    result = cli(project, "search", "de an 06", "--json")
    assert result.returncode == 0, result.stderr
    # Every notice was copied 24 times, so the index the build wrote holds 25 of each match.
    assert json.loads(result.stdout)["total"] == 25 * base


def test_search_after_a_plain_build_brings_the_index_up_to_date(built_public_copy):
    """A build leaves the Whoosh index alone (the site needs only the browser index); the first
    search indexes the archive, says so, and answers from the fresh index. (The copy is of a
    plain build that no search has run in.)"""
    from conftest import cli

    project = built_public_copy
    first = cli(project, "search", "de an 06", check=True)
    assert "đã cập nhật chỉ mục tìm kiếm" in first.stderr
    again = cli(project, "search", "de an 06", check=True)
    assert "chỉ mục" not in again.stderr
    timing = re.compile(r"\(\d+ ms\)")
    assert "Tìm thấy" in first.stdout
    assert timing.sub("", again.stdout) == timing.sub("", first.stdout)


def test_cli_text_highlights_on_a_terminal_and_counts_what_it_lists(searcher, capsys):
    from generator.commands.search import _print_text

    result = searcher.search("an toan giao thong hoc sinh", limit=4)
    assert result.total >= 1 and result.partial_total >= 1
    _print_text(result, tty=True)
    out = capsys.readouterr().out
    assert "\033[1;33m" in out and "**" not in out
    first = out.splitlines()[0]
    assert first.startswith(f"Tìm thấy {result.total} thông báo khớp đủ các từ, "
                            f"{result.partial_total} thông báo khớp một phần")
    shown_full = sum(1 for h in result.hits if not h.partial)
    assert f"liệt kê {shown_full} khớp đủ và {len(result.hits) - shown_full} khớp một phần" in first
    assert out.count("(khớp một phần)") == len(result.hits) - shown_full
    _print_text(result, tty=False)
    assert "\033[" not in capsys.readouterr().out


def test_proximity_ranks_names_and_phrases_first(searcher, published):
    """Syllables adjacent in the query rank notices where they are adjacent first: the
    notices of Đề án 06 before one that has "Ngày 06 ... Công an" and "đề" elsewhere."""
    r = searcher.search("de an 06", limit=50)
    text = {k: " ".join(folded_words(n.title + " " + n.body)) for k, n in published.items()}
    with_phrase = [h.key for h in r.hits if "de an 06" in text[h.key]]
    assert with_phrase and [h.key for h in r.hits[:len(with_phrase)]] == with_phrase
    assert r.total > len(with_phrase)     # the others still match, but rank after


def test_nguyen_van_hoa_ranks_his_notices_first(tmp_path):
    """Unaccented syllables of a name match anywhere; the notices where they stand together
    come first, however often the scattered ones occur elsewhere."""
    with two_notice_searcher(
            tmp_path,
            ("Kết luận về vận tải hành khách dịp Tết Nguyên đán",
             "Bảo đảm vận tải hành khách dịp Tết Nguyên đán; hòa giải tranh chấp; "
             "nguyên tắc vận hành, vận tải hòa nhịp, nguyên đán, văn bản hòa."),
            ("Kết luận của Phó Chủ tịch UBND tỉnh tại cuộc họp giao ban",
             "Đồng chí Nguyễn Văn Hòa, Phó Chủ tịch UBND tỉnh chủ trì cuộc họp.")) as s:
        for query in ("nguyen van hoa", "Nguyễn Văn Hoà", "NGUYEN VAN HOA"):
            assert [h.number for h in s.search(query).hits] == ["2/TB-VPUBND", "1/TB-VPUBND"]
