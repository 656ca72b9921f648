"""The Whoosh schema: every text field holds each syllable's exact-canonical form and, at the
same position, its folded form, so an exact-accent match outranks a folded one ("hòa" finds
"Hòa" first) while an unaccented query still finds both.

Stored fields are kept lean: what a result line and its snippet show, nothing else.
"""

from __future__ import annotations

from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from .analysis import ANALYZER_VERSION, search_analyzer
from .query import fields_digest, word_fields

SCHEMA_VERSION = 8  # 8: gapped 64-bit order;  7: agencies facet;  6: the shared ranking
# The field prefixes are data (query_language.json); a new one is a new index field, so its
# digest is part of the version: changing them rebuilds the index instead of failing on it.
VERSION = f"{SCHEMA_VERSION}.{ANALYZER_VERSION}.{fields_digest()}"

# Field boosts (BM25F): a hit in the number or the title says more than one in the body.
BOOSTS = {"number": 8.0, "title": 3.0, "topic_text": 1.5, "meta": 1.5, "people": 1.5,
          "issuer": 1.2, "body": 1.0}

# Fields a plain word is looked up in; `meta` is number + issuer + signer + chair, so a
# word costs four lookups, not six. signer/chair/issuer serve the field prefixes and filters.
WORD_FIELDS = ("title", "body", "meta", "topic_text")


def build_schema() -> Schema:
    analyzer = search_analyzer()

    def text(boost: float, stored: bool = False) -> TEXT:
        return TEXT(analyzer=analyzer, phrase=True, stored=stored, field_boost=boost)

    return Schema(
        key=ID(stored=True, unique=True),        # the notice's URL path, e.g. 2024/98-tb-vpubnd
        path=STORED,                              # source file, relative to the project root
        number=STORED,                            # as printed, for display
        number_f=ID(field_boost=BOOSTS["number"]),  # folded, lower: exact and prefix queries
        title=text(BOOSTS["title"], stored=True),
        body=text(BOOSTS["body"]),
        meta=text(BOOSTS["meta"]),
        text=STORED,                              # plain reading text, snippets are cut from it
        topics=KEYWORD(stored=True, commas=True, scorable=False),  # slugs, for filters/facets
        agencies=KEYWORD(commas=True, scorable=False),  # agency page keys of its tasks (facet)
        acronyms=KEYWORD(scorable=True, field_boost=BOOSTS["topic_text"]),
        pairs=KEYWORD(),                          # "an_toan": neighbouring syllables  # "pccc" found
        topic_text=text(BOOSTS["topic_text"]),
        # One text field per field prefix of kind "words" (signer, issuer, chair, ...).
        **{f["name"]: text(1.0) for f in word_fields()},
        date=DATETIME(stored=True, sortable=True),
        year=ID(stored=True),
        status=ID(stored=True),
        # Archive order (newest first) as a tie-break; gapped values (writer.assign_orders), so
        # a new notice takes a free value between its neighbours instead of renumbering them.
        order=NUMERIC(bits=64, sortable=True),
    )
