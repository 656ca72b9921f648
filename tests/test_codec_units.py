"""The per-file memo's codec gives back the very Notice it was given: the browser index keys its
analysis memo by the notice's repr, so a field decoded as a list where the loader makes a tuple
made the first build after a cold one analyse every notice again."""

import dataclasses
import json
from pathlib import Path

import pytest

from generator import codec
from generator.load import load_document
from generator.validate.fields import build_notice

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "notices").rglob("*.md"))


def _notice(path: Path, **changes):
    notice, _ = build_notice(load_document(path, ROOT))
    assert notice is not None, path
    return dataclasses.replace(notice, **changes)


def _round_trip(notice):
    return codec.decode_notice(json.loads(json.dumps(codec.encode_notice(notice))))


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_every_sample_notice_comes_back_equal_with_the_same_repr(path):
    notice = _notice(path)
    back = _round_trip(notice)
    assert back == notice
    assert repr(back) == repr(notice)


def test_an_imported_notice_s_review_fields_come_back_as_a_tuple():
    notice = _notice(SAMPLES[0], review=("number", "date"))
    back = _round_trip(notice)
    assert back.review == ("number", "date") and repr(back) == repr(notice)
