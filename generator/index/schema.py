"""The Whoosh schema: each text field twice, exact-canonical and folded, so an exact-accent match
outranks a folded one ("hòa" finds "Hòa" first) while an unaccented query still finds both.

Stored fields are kept lean: what a result line and its snippet show, nothing else.
"""

from __future__ import annotations

from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from .analysis import ANALYZER_VERSION, exact_analyzer, folded_analyzer

SCHEMA_VERSION = 1
VERSION = f"{SCHEMA_VERSION}.{ANALYZER_VERSION}"

# Field boosts (BM25F): a hit in the number or the title says more than one in the body.
BOOSTS = {"number": 8.0, "title": 3.0, "topic_text": 1.5, "people": 1.5, "issuer": 1.2,
          "body": 1.0}

# Searched text fields: name → (exact field or None, folded field).
TEXT_FIELDS = {
    "title": ("title", "title_f"),
    "body": ("body", "body_f"),
    "topic_text": (None, "topic_text"),
    "issuer": ("issuer", "issuer_f"),
    "signer": ("signer", "signer_f"),
    "chair": ("chair", "chair_f"),
}


def build_schema() -> Schema:
    exact, folded = exact_analyzer(), folded_analyzer()

    def pair(boost: float, stored: bool = False) -> tuple[TEXT, TEXT]:
        return (TEXT(analyzer=exact, phrase=True, stored=stored, field_boost=boost),
                TEXT(analyzer=folded, phrase=True, field_boost=boost))

    title, title_f = pair(BOOSTS["title"], stored=True)
    body, body_f = pair(BOOSTS["body"])
    issuer, issuer_f = pair(BOOSTS["issuer"])
    signer, signer_f = pair(BOOSTS["people"])
    chair, chair_f = pair(BOOSTS["people"])
    return Schema(
        key=ID(stored=True, unique=True),        # the notice's URL path, e.g. 2024/98-tb-vpubnd
        path=STORED,                              # source file, relative to the project root
        number=STORED,                            # as printed, for display
        number_f=ID(field_boost=BOOSTS["number"]),  # folded, lower: exact and prefix queries
        title=title, title_f=title_f,
        body=body, body_f=body_f,
        text=STORED,                              # plain reading text, snippets are cut from it
        topics=KEYWORD(stored=True, commas=True, scorable=False),  # slugs, for filters/facets
        topic_text=TEXT(analyzer=folded, phrase=True, field_boost=BOOSTS["topic_text"]),
        issuer=issuer, issuer_f=issuer_f,
        issuer_name=STORED,
        signer=signer, signer_f=signer_f,
        chair=chair, chair_f=chair_f,
        date=DATETIME(stored=True, sortable=True),
        year=ID(stored=True),
        status=ID(stored=True),
        order=NUMERIC(sortable=True),             # archive order (newest first) as a tie-break
    )
