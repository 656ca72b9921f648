"""The JSON Schema of the front matter, shipped in the package for editors (yaml-language-server).

The schema describes shapes and allowed values so an editor can complete and flag fields while
staff type; the rules that need the whole archive or judgement (references, Decree 30 form,
dates in the future) stay in `check`. tests/test_check_schema.py keeps the two in step.
"""

from __future__ import annotations

import json
from importlib import resources

SCHEMA_FILE = "notice.schema.json"


def schema_text() -> str:
    return resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


def load_schema() -> dict:
    return json.loads(schema_text())
