"""The JSON Schema agrees with the validator: both are made from generator/front_matter.py, the
shipped copy is what the declarations make, and schema and `check` reject the same notices."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest

from conftest import ROOT, cli
from generator.load import load_archive
from generator.model import CLASSIFICATIONS, DOCUMENT_TYPES, STATUSES
from generator.validate.fields import (ALWAYS_REQUIRED, MEETING_KEYS, REQUIRED_UNLESS_DRAFT,
                                       SIGNER_KEYS, TOP_KEYS)
from generator.validate.schema import load_schema, schema_text, shipped_schema_text
from test_check_rules import GOOD, OTHER, diagnose, mutate
from generator.load import frontmatter

SCHEMA = load_schema()


def as_editor_sees(data):
    """yaml-language-server reads YAML 1.2: dates are strings."""
    if isinstance(data, dict):
        return {k: as_editor_sees(v) for k, v in data.items()}
    if isinstance(data, list):
        return [as_editor_sees(v) for v in data]
    if isinstance(data, dt.date):
        return data.isoformat()
    return data


def validator():
    cls = jsonschema.validators.validator_for(SCHEMA)
    cls.check_schema(SCHEMA)
    return cls(SCHEMA, format_checker=cls.FORMAT_CHECKER)


def test_schema_keys_and_values_match_the_validator():
    props = SCHEMA["properties"]
    assert tuple(props) == TOP_KEYS
    assert tuple(props["meeting"]["properties"]) == MEETING_KEYS
    assert tuple(props["signer"]["oneOf"][0]["properties"]) == SIGNER_KEYS
    assert props["type"]["enum"] == list(DOCUMENT_TYPES)
    assert props["status"]["enum"] == list(STATUSES)
    assert props["classification"]["enum"] == list(CLASSIFICATIONS)
    assert SCHEMA["required"] == list(ALWAYS_REQUIRED)
    assert SCHEMA["else"]["required"] == list(REQUIRED_UNLESS_DRAFT)
    assert SCHEMA["additionalProperties"] is False


def test_every_sample_notice_is_valid_against_the_schema():
    v = validator()
    docs = load_archive(ROOT / "notices", ROOT).documents
    assert len(docs) >= 20
    for doc in docs:
        errors = [e.message for e in v.iter_errors(as_editor_sees(doc.data))]
        assert not errors, (doc.path, errors)


@pytest.mark.parametrize("old, new, code", [
    ("title:", "tittle:", "NA101"),
    ("status: issued", "status: published", "NA104"),
    ("type: thong-bao", "type: thongbao", "NA104"),
    ('number: "125/TB-VPUBND"\n', "", "NA102"),
    ("date: 2024-07-15", 'date: "15/07/2024"', "NA105"),
    ("classification: public", "classification: [public]", "NA103"),
])
def test_schema_flags_what_check_flags(old, new, code):
    """The editor's schema and `check` reject the same notice, each in its own words."""
    bad = mutate(old, new)
    data = frontmatter.parse(bad).data
    assert list(validator().iter_errors(as_editor_sees(data)))
    assert [d.code for d in diagnose({"bad.md": bad, "other.md": OTHER})] == [code]
    # and the good notice passes both, so the pair is a real disagreement test
    assert not list(validator().iter_errors(as_editor_sees(frontmatter.parse(GOOD).data)))
    assert diagnose({"good.md": GOOD, "other.md": OTHER}) == ()


def test_schema_command_prints_the_shipped_schema(tmp_path):
    result = cli(ROOT, "schema")
    assert result.returncode == 0 and json.loads(result.stdout) == SCHEMA
    out = tmp_path / "notice.schema.json"
    assert cli(ROOT, "schema", "--output", str(out)).returncode == 0
    assert json.loads(out.read_text(encoding="utf-8")) == SCHEMA


def test_shipped_schema_is_the_generated_one():
    """Editors point at the copy in the package: it must be what the declarations make.
    Remake it with `notice-archive schema -o generator/validate/notice.schema.json`."""
    assert shipped_schema_text() == schema_text()
    assert (ROOT / "generator" / "validate" / "notice.schema.json").read_text(
        encoding="utf-8") == cli(ROOT, "schema").stdout


def test_check_reads_the_declared_tables_not_a_copy():
    """`check`'s key tables are the declarations' own objects: no second list to keep in step."""
    from generator import front_matter
    from generator.validate import fields
    for name in ("TOP_KEYS", "MEETING_KEYS", "SIGNER_KEYS", "TASK_KEYS", "CLOSING_KEYS",
                 "ALWAYS_REQUIRED", "REQUIRED_UNLESS_DRAFT"):
        assert getattr(fields, name) is getattr(front_matter, name), name
    assert SCHEMA["properties"] is front_matter.FIELDS or SCHEMA["properties"] == front_matter.FIELDS


def test_good_notice_is_valid():
    data = frontmatter.parse(GOOD).data
    assert not list(validator().iter_errors(as_editor_sees(data)))
