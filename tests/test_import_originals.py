"""Hand-written originals (tests/originals/) carrying the defects of text as it really comes:
portal boilerplate, flattened header columns with `|` or tabs, split place-date lines, the
number on the line after "Số:", spaces inside numbers, dd/mm/yyyy and dd.mm.yyyy dates, titles
in capitals over many lines, NBSP, OCR confusions. Every field of every file is checked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

from generator.ingest.sources import read_source
from generator.ingest.writer import build
from generator.load.loader import load_topics
from generator.validate.topics import build_topics

HERE = Path(__file__).parent / "originals"
EXPECTED = yaml.safe_load((HERE / "expected.yml").read_text(encoding="utf-8"))
FIELDS = ("number", "date", "issuer", "signer", "title")


@pytest.fixture(scope="module")
def topics():
    return build_topics(load_topics(ROOT / "notices", ROOT))[0]


@pytest.fixture(scope="module")
def imported(topics):
    return {name: build(read_source(HERE / name), topics, "internal") for name in EXPECTED}


def _value(imported, name, field):
    data = imported[name].data
    if field == "signer":
        return (data.get("signer") or {}).get("name")
    return data.get(field)


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_field(imported, name, field):
    expected = EXPECTED[name][field]
    if isinstance(expected, dt.date):
        pass
    elif field == "number":
        expected = str(expected)
    assert _value(imported, name, field) == expected


def test_ocr_corrections_are_reported(imported):
    notes = " ".join(imported["08-ocr-confusions.txt"].notes)
    assert "l78" in notes and "178" in notes
    assert "O5" in notes or "2O24" in notes


def test_running_page_number_is_dropped_and_paragraph_rejoined(imported):
    body = imported["14-pdf-copy-running-headers.txt"].body
    assert "trong mọi tình huống; hoàn thành trước ngày 30 tháng 11 năm 2024." in body
    assert "\n2\n" not in body


def test_portal_boilerplate_stays_out(imported):
    entry = imported["01-portal-split-date.txt"]
    assert "Lượt xem" not in entry.body and "Bình luận" not in entry.body
    assert entry.body.rstrip().endswith("thực hiện./.")


def test_ocr_signing_titles_are_corrected_only_from_the_closed_list():
    from generator.ingest.casing import known_title
    assert known_title("Gluam đọc") == "Giám đốc"          # letters misread
    assert known_title("PHO CHANH VAN PHONG") == "Phó Chánh Văn phòng"  # marks lost
    assert known_title("Phó Giám đốc Sở") is None          # a longer title is not corrected
    assert known_title("Can.") is None                     # too far: left for a person
