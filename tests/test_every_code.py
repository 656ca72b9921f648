"""Every NA code is in the handbook's table, and the suite makes the product emit each one.

A file of its own: under `pytest -n` (`--dist loadfile`) a worker takes a whole file at a
time, and this test must run after every other file, waiting for the other workers.
"""

from __future__ import annotations

import pytest

from conftest import ROOT


def test_every_code_is_documented_and_tested(request):
    """Every code the source can emit is in the handbook's table, and some test made it happen.

    Runs last (conftest orders it; under `pytest -n` it waits for the other workers) and counts
    the codes the product really emitted during the run, not mentions of the code in test
    files. On a partial run it only checks the docs.
    """
    import re

    from conftest import COLLECTED_FILES, DEFAULT_TIER, codes_of_the_whole_run
    source = {m for p in (ROOT / "generator").rglob("*.py")
              for m in re.findall(r'"(NA\d{3})"', p.read_text(encoding="utf-8"))}
    table = ROOT.joinpath("docs/handbook/huong-dan/kiem-tra.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| (NA\d{3}) \| (?:lỗi|cảnh báo) \|", table, re.M))
    assert source == documented
    # The whole default tier at least: every test file collected, nothing deselected by -k,
    # and -m either README's (everything not marked `slow`) or none. Slow tests run in a second
    # CI step without this test, so every code must have a test in the default tier.
    collected = request.config.stash[COLLECTED_FILES]
    every_file = {p.name for p in (ROOT / "tests").glob("test_*.py")}
    whole_suite = every_file <= collected and not request.config.getoption("-k") \
        and request.config.getoption("-m") in ("", DEFAULT_TIER)
    if not whole_suite:
        pytest.skip("run the whole suite to learn which codes the tests produce")
    never = documented - codes_of_the_whole_run(request.config)
    assert not never, f"no test makes the product emit {sorted(never)}"
