"""The JSON Schema of the front matter, for editors (yaml-language-server).

Made from the field declarations in generator/front_matter.py, never written by hand. A copy
ships in the package as notice.schema.json, for editors that point at a file;
`notice-archive schema -o generator/validate/notice.schema.json` rewrites it, and
tests/test_check_schema.py fails while the copy differs from what the declarations make.
"""

from __future__ import annotations

import json
from importlib import resources

from ..front_matter import json_schema

SCHEMA_FILE = "notice.schema.json"


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def load_schema() -> dict:
    return json_schema()


def shipped_schema_text() -> str:
    """The copy of the schema in the package (what the declarations made last time)."""
    return resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
