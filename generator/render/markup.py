"""Links inside notice bodies: the first mention of each topic, and every cited archived notice.

A topic is linked where the text names it, never from words inside a quotation or inside the
title of a cited document (they are part of a name, not a mention of the topic).

Done as a Markdown treeprocessor on the element tree, after inline Markdown has been parsed, so
text is only ever changed inside text nodes: never inside links, headings, code or raw HTML
(which Markdown keeps out of the tree). Links point at the target's Markdown source path, so
mkdocs makes them relative and checks them like any other link.

A cited number is linked only when the notice is published in this build; a number that the
profile withholds stays plain text (its title is never shown).
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from collections import defaultdict

from markdown import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from ..link import LinkedArchive
from ..match import DocumentMention, TopicMatcher, find_documents, number_key, resolve_notice
from ..model import Notice

# Elements whose text is never turned into links.
SKIP_TAGS = frozenset({"a", "code", "pre", "kbd", "samp", "script", "style", "h1", "h2", "h3",
                       "h4", "h5", "h6"})


def topic_src(slug: str) -> str:
    return f"chu-de/{slug}.md"


def notice_src(notice: Notice) -> str:
    return f"{notice.key}.md"


# Quotation marks as Vietnamese text uses them: curly, straight, guillemets.
_QUOTED = re.compile(r'“[^“”]*”|"[^"]*"|«[^«»]*»|‘[^‘’]*’')


def quoted_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)]


class MentionLinks(Extension):
    """One instance per build; `current` names the notice whose page is being rendered."""

    def __init__(self) -> None:
        super().__init__()
        self.current: tuple[Notice, str] | None = None   # (notice, page src_uri)

    def bind(self, linked: LinkedArchive) -> None:
        """Use this build's linked archive (called once the pipeline has run)."""
        self.linked = linked
        self.matcher = TopicMatcher(linked.topics)
        self.numbers: dict[str, list[Notice]] = defaultdict(list)
        for notice in linked.notices:  # published only: withheld numbers cannot resolve
            if notice.number:
                self.numbers[number_key(notice.number)].append(notice)
        self.current = None

    def extendMarkdown(self, md) -> None:
        # After "inline" (20) has made links and code spans; before mkdocs' "relpath" (0).
        md.treeprocessors.register(_MentionTreeprocessor(md, self), "notice_archive_mentions", 10)

    def cited(self, number: str, year: int | None) -> Notice | None:
        probe = DocumentMention(0, 0, "", number, "", "", year)
        found = resolve_notice(probe, self.numbers.get(number_key(number), ()))
        return found if isinstance(found, Notice) else None


class _MentionTreeprocessor(Treeprocessor):
    def __init__(self, md, ext: MentionLinks):
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        if self.ext.current is None:
            return None
        notice, src_uri = self.ext.current
        self.notice = notice
        self.page_dir = posixpath.dirname(src_uri)
        self.linked_topics: set[str] = set()
        self._walk(root)
        return None

    def _href(self, target_src: str) -> str:
        return posixpath.relpath(target_src, self.page_dir or ".")

    def _walk(self, element: etree.Element) -> None:
        if element.tag in SKIP_TAGS:
            return
        children = list(element)  # before inserting links, whose tails are already done
        # The children are rebuilt in one list and set once: finding and inserting each link
        # in place costs a pass over the children per link (quadratic in a long paragraph).
        rebuilt: list[etree.Element] = []
        if element.text:
            head, nodes = self._split(element.text)
            element.text = head
            rebuilt.extend(nodes)
        for child in children:
            self._walk(child)
            rebuilt.append(child)
            if child.tail:
                head, nodes = self._split(child.tail)
                child.tail = head
                rebuilt.extend(nodes)
        if len(rebuilt) != len(children):
            element[:] = rebuilt

    def _split(self, text: str) -> tuple[str, list[etree.Element]]:
        """Text → (leading text, [a elements each carrying the text after it as tail])."""
        spans: list[tuple[int, int, str, str, str]] = []   # start, end, href, class, title
        documents = find_documents(text)
        for doc in documents:
            if doc.number is None:
                continue
            target = self.ext.cited(doc.number, doc.year)
            if target is None or target is self.notice:
                continue
            spans.append((doc.start, doc.end, self._href(notice_src(target)),
                          "na-mention na-mention-notice", target.title))
        taken = [(s[0], s[1]) for s in spans]
        # Words inside a name are part of the name: a quotation (Đề án “Xây dựng lực lượng
        # Công an tỉnh…”) or a cited document's title is never cut by a topic link.
        # A topic that is the document itself ("Luật Lực lượng tham gia bảo vệ an ninh, trật tự
        # ở cơ sở năm 2023", "Đề án 06") starts where the document does, and is linked.
        quotes = quoted_spans(text)
        titles = [(d.start + 1, d.end) for d in documents]
        for mention in self.ext.matcher.find(text):
            if mention.slug in self.linked_topics:
                continue
            if any(mention.start < e and s < mention.end for s, e in taken):
                continue
            if any(s <= mention.start and mention.end <= e for s, e in titles) or any(
                    s < mention.start and mention.end < e for s, e in quotes):
                continue
            self.linked_topics.add(mention.slug)
            topic = self.ext.linked.topics[mention.slug]
            spans.append((mention.start, mention.end, self._href(topic_src(mention.slug)),
                          "na-mention na-mention-topic", f"Chủ đề: {topic.name}"))
            taken.append((mention.start, mention.end))
        if not spans:
            return text, []
        spans.sort()
        nodes: list[etree.Element] = []
        head = text[:spans[0][0]]
        for i, (start, end, href, css, title) in enumerate(spans):
            a = etree.Element("a", {"href": href, "class": css, "title": title})
            a.text = AtomicString(text[start:end])
            following = spans[i + 1][0] if i + 1 < len(spans) else len(text)
            a.tail = text[end:following]
            nodes.append(a)
        return head, nodes
