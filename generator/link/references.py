"""References found in notice bodies: other archived notices (by number) and outside documents.

A body that names a number of the archive refers to that notice; only references to published
notices enter the graph. A number the archive holds but this profile withholds is neither a
reference nor an external document: it stays plain text, so its page, title and existence are
not revealed. Any other cited document is external and gets a page listing the notices citing it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Mapping, MutableMapping

from ..match import DocumentMention, find_documents, number_key, resolve_notice
from ..model import Notice
from ..text import fold


@dataclass(frozen=True, slots=True)
class ExternalDocument:
    key: str                      # ASCII identity and URL part: "nghi-quyet-12-nq-tw"
    label: str                    # "Nghị quyết số 12-NQ/TW"
    kind: str                     # "Nghị quyết", "Luật", "Đề án", ...
    citing: tuple[Notice, ...]    # published notices citing it, newest first


@dataclass(frozen=True)
class BodyReferences:
    cites: Mapping[str, tuple[Notice, ...]]        # key → published notices its body cites
    external: Mapping[str, ExternalDocument]      # key → document, by label
    external_of: Mapping[str, tuple[ExternalDocument, ...]]  # notice key → documents it cites


class NumberIndex:
    """Every number of the archive (published or not), to tell archive from outside documents."""

    def __init__(self, every_notice: Iterable[Notice], published: Iterable[Notice]):
        self._all: dict[str, list[Notice]] = defaultdict(list)
        self._published = {id(n) for n in published}
        for notice in every_notice:
            if notice.number:
                self._all[number_key(notice.number)].append(notice)

    def in_archive(self, mention: DocumentMention) -> bool:
        return mention.number is not None and number_key(mention.number) in self._all

    def published(self, mention: DocumentMention) -> Notice | None:
        """The published notice the mention names, or None (absent, withheld, other year)."""
        if mention.number is None:
            return None
        candidates = [n for n in self._all.get(number_key(mention.number), ())
                      if id(n) in self._published]
        found = resolve_notice(mention, candidates)
        return found if isinstance(found, Notice) else None


def body_references(published: tuple[Notice, ...], numbers: NumberIndex,
                    memo: MutableMapping | None = None) -> BodyReferences:
    """`memo` (content digest → mentions) spares re-reading bodies that did not change."""
    cites: dict[str, list[Notice]] = {}
    citing: dict[str, list[Notice]] = defaultdict(list)
    labels: dict[str, tuple[str, str]] = {}
    external_of: dict[str, list[str]] = {}
    for notice in published:  # one pass per body
        targets: dict[str, Notice] = {}
        docs: dict[str, None] = {}
        if memo is None:
            mentions = find_documents(notice.body)
        else:
            mentions = memo.get(notice.digest)
            if mentions is None:
                mentions = memo[notice.digest] = find_documents(notice.body)
        for mention in mentions:
            if numbers.in_archive(mention):
                target = numbers.published(mention)
                if target is not None and target is not notice:
                    targets.setdefault(target.key, target)
                continue
            labels.setdefault(mention.key, (mention.label, mention.kind))
            docs[mention.key] = None
        if targets:
            cites[notice.key] = list(targets.values())
        if docs:
            external_of[notice.key] = list(docs)
            for key in docs:
                citing[key].append(notice)
    external = {key: ExternalDocument(key, labels[key][0], labels[key][1],
                                      tuple(sorted(ns, key=lambda n: n.sort_key)))
                for key, ns in citing.items()}
    return BodyReferences(
        cites={k: tuple(v) for k, v in cites.items()},
        external=dict(sorted(external.items(), key=lambda kv: (fold(kv[1].kind), fold(kv[1].label)))),
        external_of={k: tuple(external[d] for d in v) for k, v in external_of.items()},
    )
