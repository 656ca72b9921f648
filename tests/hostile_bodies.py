"""Hostile notice bodies and the pipeline stages they go through, one at a time.

Shared by tests/test_hostile.py (each construct at several sizes up to the 2 MB file limit,
check and build agreeing) and bench/hostile.py (how each stage scales, in ms per KB).

A construct is a function of a size in bytes returning a body of about that size: runs and
nesting of Markdown's punctuation (brackets, backticks, emphasis, quotes, lists, raw HTML,
tables, links, entities), long lines, many headings, and text our own matchers read (cited
numbers, topic names, laws). Real notices are a few KB of prose; these are what a pull request
from anyone can contain.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent

FRONT_MATTER = """---
number: "{number}"
type: thong-bao
title: "Thông báo thử nội dung bất thường"
issuer: "Văn phòng UBND tỉnh Hậu Giang"
date: 2024-03-01
signer:
  name: "Lưu Ngọc Đông"
  title: "Phó Chánh Văn phòng"
  authority: "KT. Chánh Văn phòng"
status: issued
classification: public
---

Văn phòng UBND tỉnh thông báo như sau:

"""


def notice_text(body: str, number: str = "901/TB-VPUBND") -> str:
    return FRONT_MATTER.format(number=number) + body + "\n"


def _repeat(unit: str, size: int) -> str:
    return unit * max(1, size // max(1, len(unit.encode("utf-8"))))


def _lines(line: Callable[[int], str], size: int) -> str:
    out, total, i = [], 0, 0
    while total < size:
        text = line(i)
        out.append(text)
        total += len(text.encode("utf-8")) + 1
        i += 1
    return "\n".join(out)


def _nested(open_: str, close: str, size: int, inner: str = "x") -> str:
    depth = max(1, size // (len(open_) + len(close)))
    return open_ * depth + inner + close * depth


# name → size in bytes → body. Every construct is deterministic.
CONSTRUCTS: dict[str, Callable[[int], str]] = {
    # Brackets and links.
    "open-brackets": lambda n: _repeat("[", n),
    "close-brackets": lambda n: _repeat("]", n),
    "bracket-pairs-nested": lambda n: _nested("[", "]", n),
    "link-openers": lambda n: _repeat("[a](", n),
    "image-openers": lambda n: _repeat("![", n),
    "parens-after-link": lambda n: "[a](" + _repeat("(", n),
    "reference-definitions": lambda n: _lines(lambda i: f"[r{i}]: http://e.vn/{i} \"t\"", n // 2)
    + "\n\n" + _lines(lambda i: f"[r{i}][] [x][r{i}]", n // 2),
    "autolinks-unclosed": lambda n: _repeat("<http://a", n),
    # Raw HTML.
    "less-than": lambda n: _repeat("<", n),
    "tags-unclosed": lambda n: _repeat("<a href='x' ", n),
    "tags-nested": lambda n: _nested("<div>", "</div>", n),
    "md-in-html-nested": lambda n: _nested('<div markdown="1">\n', "\n</div>\n", n),
    "comment-openers": lambda n: _repeat("<!--", n),
    "entities": lambda n: _repeat("&amp;&#x1F600;&#", n),
    "ampersands": lambda n: _repeat("&", n),
    # Code and emphasis.
    "backticks": lambda n: _repeat("`", n),
    "backtick-ladder": lambda n: " ".join("`" * k + "a" for k in range(1, 4000)
                                          if k * (k + 2) / 2 < n)[:n],
    "asterisks": lambda n: _repeat("*", n),
    "underscores": lambda n: _repeat("_", n),
    "emphasis-alternating": lambda n: _repeat("*a_", n),
    "strong-nested": lambda n: _nested("**a ", " a**", n),
    "fences-unclosed": lambda n: _lines(lambda i: "```" if i % 2 else "~~~ x", n),
    "backslashes": lambda n: _repeat("\\", n),
    # Blocks and nesting.
    "quotes-nested-line": lambda n: _repeat("> ", n) + "x",
    "quotes-nested-lines": lambda n: _lines(lambda i: "> " * (i + 1) + "x", n),
    "list-markers-line": lambda n: _repeat("- ", n) + "x",
    "ordered-markers-line": lambda n: _repeat("1. ", n) + "x",
    "list-indent-ladder": lambda n: _lines(lambda i: "    " * i + "- x", n),
    "quote-list-mix": lambda n: _repeat("> - ", n) + "x",
    "admonitions-nested": lambda n: _lines(lambda i: "    " * i + "!!! note", n),
    "attr-lists": lambda n: _repeat("{: ", n),
    "attr-list-lines": lambda n: _lines(lambda i: f"Đoạn {i}\n{{: .c{i} #i{i} }}\n", n),
    "table-wide": lambda n: "|" + _repeat(" a |", n // 2) + "\n|" + _repeat("---|", n // 2),
    "table-long": lambda n: "| a | b |\n|---|---|\n" + _lines(lambda i: f"| {i} | x |", n),
    "table-pipes": lambda n: _repeat("|", n),
    "headings-many": lambda n: _lines(lambda i: f"## Mục {i}", n),
    "headings-hashes": lambda n: _lines(lambda i: "#" * 6 + " " + "#" * 50, n),
    "setext-headings": lambda n: _lines(lambda i: "Tiêu đề" if i % 2 == 0 else "===", n),
    # Lines and white space.
    "long-word": lambda n: _repeat("a", n),
    "long-line": lambda n: _repeat("từ ", n),
    "blank-lines": lambda n: "a" + "\n" * n + "b",
    "spaces": lambda n: "a" + " " * n + "b",
    "tabs-newlines": lambda n: _repeat("\t\n", n),
    "hard-breaks": lambda n: _lines(lambda i: "dòng  ", n),
    "hrules": lambda n: _lines(lambda i: "***" if i % 2 else "", n),
    # What our own matchers read.
    "cited-numbers": lambda n: _repeat("Thông báo số 98/TB-VPUBND ngày 05/4/2024, ", n),
    "cited-numbers-nospace": lambda n: _repeat("1/A-", n),
    "number-like": lambda n: "Thông báo " + _repeat("9/A", n),
    "topic-names": lambda n: _repeat("Đề án 06 phòng cháy, chữa cháy ", n),
    "law-names": lambda n: _repeat("Luật Đất ", n),
    "kind-words": lambda n: _repeat("Thông báo số ", n),
    "dates": lambda n: _repeat("ngày 5 tháng 9 năm 2024 ", n),
    "secrecy-lines": lambda n: _lines(lambda i: "MẬT" if i % 3 == 0 else "Số: 12/TB", n),
    "handler-like": lambda n: _repeat("{ on", n),
    "script-urls": lambda n: _repeat("javascript", n),
    "combining-marks": lambda n: "a" + _repeat("\u0301", n),
}


# --- the stages ---------------------------------------------------------------------------

class Stages:
    """Each pipeline stage on one notice text, exactly as `check` and `build` run it.

    Built once (the sample archive's topics and linked archive); `run(text)` returns
    {stage: seconds} and raises what the pipeline would raise.
    """

    NAMES = ("load", "validate", "link", "render", "sanitise", "index", "export")

    def __init__(self) -> None:
        from generator.load.loader import load_topics
        from generator.pipeline import run
        from generator.render.markup import MentionLinks
        from generator.validate.topics import build_topics

        self.root = ROOT
        self.topics, _ = build_topics(load_topics(ROOT / "notices", ROOT))
        result = run(ROOT / "notices", ROOT)
        assert result.linked is not None
        self.linked = result.linked
        self.mentions = MentionLinks()
        self.mentions.bind(self.linked)

    def markdown(self):
        """A Markdown converter configured as the site's (mkdocs.yml's extensions, ours)."""
        import markdown
        import yaml

        from generator.render.markup import MentionLinks  # noqa: F401  (bound above)

        config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
        names, configs = [], {}
        for entry in config["markdown_extensions"]:
            if isinstance(entry, dict):
                (name, options), = entry.items()
                names.append(name)
                configs[name] = options or {}
            else:
                names.append(entry)
        return markdown.Markdown(extensions=[*names, self.mentions],
                                 extension_configs=configs)

    def run(self, text: str, path: str = "notices/2024/hostile.md") -> dict[str, float]:
        from generator.index.analysis import folded_words, plain_text, search_analyzer
        from generator.index.writer import document
        from generator.load import load_document
        from generator.load.reader import decode
        from generator.match import TopicMatcher, find_documents
        from generator.render.markup import notice_src
        from generator.render.sanitize import sanitize_html
        from generator.validate import check_document
        from generator.diagnostics import capped
        from generator.validate.body_limits import refused
        from generator.validate.textstyle import check_text

        times: dict[str, float] = {}
        clock = time.process_time  # CPU time: figures that hold on a busy, shared machine
        data = text.encode("utf-8")

        t = clock()
        doc = load_document(self.root / path, self.root, data)
        times["load"] = clock() - t

        t = clock()
        notice, diagnostics = check_document(doc, self.topics)
        if doc.data is not None and not refused(diagnostics):  # as pipeline._load_and_check
            diagnostics.extend(capped(check_text(doc.path, decode(data)[0])))
        times["validate"] = clock() - t
        self.diagnostics = diagnostics
        if notice is None or any(d.severity == "error" for d in diagnostics):
            return times  # check rejects it: build never goes further

        t = clock()
        find_documents(notice.body)
        list(TopicMatcher(self.topics).find(notice.body))
        times["link"] = clock() - t

        t = clock()
        md = self.markdown()
        self.mentions.current = (notice, notice_src(notice))
        html = md.convert(notice.body)
        times["render"] = clock() - t

        t = clock()
        sanitize_html(html)
        times["sanitise"] = clock() - t

        t = clock()
        fields = document(notice, 0, self.topics)
        analyzer = search_analyzer()
        for name in ("body", "text"):
            for _ in analyzer(fields.get(name, ""), positions=True, chars=True):
                pass
        times["index"] = clock() - t

        t = clock()
        folded_words(notice.body)
        plain_text(notice.body)
        times["export"] = clock() - t
        return times
