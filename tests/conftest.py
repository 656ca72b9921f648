"""Shared fixtures: a copy of the project to build in, and the sample archive built once."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def copy_project(dest: Path, notices: bool = True) -> Path:
    """A throw-away copy of the project (config, theme, notices) that tests may change."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "theme", dest / "theme")
    if notices:
        shutil.copytree(ROOT / "notices", dest / "notices")
    else:
        (dest / "notices").mkdir()
        shutil.copy(ROOT / "notices" / "topics.yml", dest / "notices" / "topics.yml")
    return dest


def cli(project: Path, *args: str, check: bool = False) -> subprocess.CompletedProcess:
    """Run the real `notice-archive` command in `project`."""
    result = subprocess.run([sys.executable, "-m", "generator", *args], cwd=project,
                            capture_output=True, text=True, encoding="utf-8")
    if check and result.returncode != 0:
        raise AssertionError(f"notice-archive {' '.join(args)} failed:\n{result.stderr}")
    return result


@pytest.fixture(scope="session")
def built_public(tmp_path_factory) -> Path:
    """The sample archive built with the default (public) profile; returns the project dir."""
    project = copy_project(tmp_path_factory.mktemp("public"))
    cli(project, "build", "--strict", check=True)
    return project


@pytest.fixture(scope="session")
def built_internal(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("internal"))
    cli(project, "build", "--profile", "internal", "--strict", check=True)
    return project


@pytest.fixture(scope="session")
def archive():
    """The sample archive as the pipeline sees it (loaded and validated)."""
    from generator.load import load_archive
    from generator.validate import validate
    return validate(load_archive(ROOT / "notices", ROOT)).archive
