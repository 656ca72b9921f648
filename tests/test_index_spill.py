"""The block pool (generator/index/spill.py) spills Whoosh's sorted runs a block at a time: the
index it writes holds exactly what Whoosh's own pool writes, spilled or not."""

from __future__ import annotations

import random

from whoosh import fields, index as windex
from whoosh.writing import PostingPool

from generator.index import spill

SCHEMA = fields.Schema(key=fields.ID(stored=True, unique=True),
                       body=fields.TEXT(stored=True, phrase=True))


def _write(folder, docs, block_pool: bool, limitmb: int):
    ix = windex.create_in(str(folder), SCHEMA)
    writer = ix.writer(limitmb=limitmb)
    if block_pool:
        spill.use_block_pool(writer)
    pool = writer.pool
    for key, body in docs:
        writer.add_document(key=key, body=body)
    spilled = len(pool.runs)
    writer.commit()
    return ix, type(pool), spilled


def _content(ix) -> list:
    out = []
    with ix.reader() as reader:
        for name, text in reader.all_terms():
            m = reader.postings(name, text)
            while m.is_active():
                out.append((name, text, m.id(), m.weight(), m.value()))
                m.next()
        out.extend(sorted(d.items()) for d in reader.all_stored_fields())
    return out


def _docs(n: int) -> list[tuple[str, str]]:
    rng = random.Random(29)
    words = [f"từ{i}" for i in range(3000)]
    return [(f"k{i}", " ".join(rng.choice(words) for _ in range(300))) for i in range(n)]


def test_spilled_index_is_the_same_as_whooshs_own(tmp_path):
    docs = _docs(120)
    (tmp_path / "own").mkdir()
    (tmp_path / "block").mkdir()
    # limitmb=1: Whoosh sorts the postings in many runs on disk, merged at commit
    own, own_pool, own_runs = _write(tmp_path / "own", docs, False, 1)
    block, block_pool, block_runs = _write(tmp_path / "block", docs, True, 1)
    assert own_pool is PostingPool and block_pool is spill.BlockPool
    assert own_runs > 3 and block_runs == own_runs
    assert _content(block) == _content(own)
    assert len(_content(own)) > 30_000


def test_unspilled_index_is_the_same_too(tmp_path):
    docs = _docs(20)
    (tmp_path / "own").mkdir()
    (tmp_path / "block").mkdir()
    own, _, own_runs = _write(tmp_path / "own", docs, False, 128)
    block, _, block_runs = _write(tmp_path / "block", docs, True, 128)
    assert own_runs == block_runs == 0
    assert _content(block) == _content(own)


def test_a_writer_in_use_keeps_its_pool(tmp_path):
    ix = windex.create_in(str(tmp_path), SCHEMA)
    writer = ix.writer()
    writer.add_document(key="a", body="một hai")
    spill.use_block_pool(writer)
    assert type(writer.pool) is PostingPool
    writer.cancel()
