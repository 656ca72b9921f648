"""The suite's own guards: a program or fixture a test needs fails the run in CI when missing,
and is skipped on a developer's machine without it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import require_fixture, require_tools


@pytest.mark.parametrize("ci, outcome", [("true", pytest.fail.Exception),
                                         (None, pytest.skip.Exception)], ids=["ci", "local"])
def test_what_is_missing_fails_in_ci_and_is_skipped_elsewhere(monkeypatch, tmp_path, ci,
                                                              outcome):
    if ci:
        monkeypatch.setenv("CI", ci)
    else:
        monkeypatch.delenv("CI", raising=False)
    with pytest.raises(outcome, match="no-such-program"):
        require_tools("no-such-program", package="no-such-package")
    with pytest.raises(outcome, match="absent"):
        require_fixture(tmp_path / "absent", "a fixture")
    # What is there passes.
    monkeypatch.setenv("PATH", str(Path(sys.executable).parent))
    require_tools(Path(sys.executable).name, package="python3")
    assert require_fixture(tmp_path, "a fixture") == tmp_path
