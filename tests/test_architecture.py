"""The structure as a contract: import-linter checks the layers of pyproject.toml
([tool.importlinter]) on every test run, and fails when an import runs back up.

The second test proves the contract has teeth: in a copy of the package, one injected import
from the link stage back up to render, and one reach past a package's face, each break it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(project: Path) -> subprocess.CompletedProcess:
    """`lint-imports` on the package in `project` (never a cache file left in it)."""
    env = {**os.environ, "PYTHONPATH": str(project)}
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=project, env=env,
                          capture_output=True, text=True, encoding="utf-8")


def test_layer_contract_holds():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
    # Every contract of pyproject.toml was read and checked.
    assert result.stdout.count(" KEPT") == 7, result.stdout


def _copy(tmp_path: Path) -> Path:
    project = tmp_path / "copy"
    shutil.copytree(ROOT / "generator", project / "generator",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "pyproject.toml", project / "pyproject.toml")
    return project


def _inject(module: Path, line: str) -> None:
    text = module.read_text(encoding="utf-8")
    # After the module's own imports: a plain statement import-linter reads like any other.
    module.write_text(text.replace("\nfrom ", f"\n{line}\nfrom ", 1), encoding="utf-8")


def test_contract_breaks_on_an_import_back_up(tmp_path):
    project = _copy(tmp_path)
    assert lint_imports(project).returncode == 0  # the copy itself is clean
    _inject(project / "generator" / "link" / "profile.py", "from ..render import views")
    result = lint_imports(project)
    assert result.returncode != 0
    assert re.search(r"The pipeline runs one way[^\n]* BROKEN", result.stdout)
    assert "generator.link.profile -> generator.render" in result.stdout


def test_contract_breaks_on_a_reach_past_a_face(tmp_path):
    project = _copy(tmp_path)
    _inject(project / "generator" / "render" / "feeds.py", "from ..link.indexes import facet")
    result = lint_imports(project)
    assert result.returncode != 0
    assert re.search(r"entered through their face[^\n]* BROKEN", result.stdout)
    assert "generator.render.feeds -> generator.link.indexes" in result.stdout


def test_contract_breaks_on_an_import_cycle(tmp_path):
    project = _copy(tmp_path)
    # model.py imports text.py; text.py importing the model closes a cycle of two domain modules.
    _inject(project / "generator" / "text.py", "from .model import Notice")
    result = lint_imports(project)
    assert result.returncode != 0
    assert re.search(r"No import cycles[^\n]* BROKEN", result.stdout)
