"""Feeds, calendars and notices.json are written by a child process while pages render
(plugin/plugin.py): a failure there fails the build as any other, in Vietnamese, and leaves the
published site as it was."""

from __future__ import annotations

import pytest

from conftest import copy_project
from generator import processes
from generator.cli import main
from generator.project import CACHE_DIR_ENV


def test_a_failure_writing_the_data_files_fails_the_build_in_vietnamese(tmp_path, monkeypatch,
                                                                         capsys):
    if processes.start_method() != "fork":
        pytest.skip("the failure is planted in this process; only a forked child inherits it")
    project = copy_project(tmp_path / "project")

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("generator.render.data.write_catalog", full_disk)
    # `build` run in this process names its cache folder in the environment for the plugin;
    # set here, the variable is removed again after the test, so later tests' projects keep
    # caches of their own.
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "cache"))
    monkeypatch.chdir(project)
    code = main(["build", "-q"])
    err = capsys.readouterr().err
    assert code != 0
    assert "ghi nguồn tin, lịch và notices.json thất bại" in err
    assert "No space left on device" in err
    assert "Traceback" not in err
    assert not (project / "site").exists()
