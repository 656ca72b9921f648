"""The pull-request workflow treats the pull request as untrusted: pinned actions, least
permissions, a time limit, no secrets, and only the public profile is ever built."""

from __future__ import annotations

import re

import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))


def _load(path):
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    return workflow, workflow[True]  # YAML 1.1 reads the key `on` as true


def test_every_action_is_pinned_to_a_commit():
    assert WORKFLOWS
    for path in WORKFLOWS:
        workflow, _ = _load(path)
        for job in workflow["jobs"].values():
            for step in job["steps"]:
                if "uses" in step:
                    assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", step["uses"]), step


def test_pull_requests_run_with_least_privilege():
    for path in WORKFLOWS:
        workflow, triggers = _load(path)
        text = path.read_text(encoding="utf-8")
        assert "pull_request_target" not in triggers  # would run PR code with a write token
        assert workflow["permissions"] == {"contents": "read"}
        assert "secrets." not in text and "GITHUB_TOKEN" not in text
        for job in workflow["jobs"].values():
            assert 0 < job["timeout-minutes"] <= 60
            assert job.get("permissions", {"contents": "read"}) == {"contents": "read"}
            checkout = [s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout")]
            assert all(s["with"]["persist-credentials"] is False for s in checkout)


def test_only_the_public_profile_is_built():
    for path in WORKFLOWS:
        workflow, _ = _load(path)
        for job in workflow["jobs"].values():
            for step in job["steps"]:
                run = step.get("run", "")
                assert "internal" not in run and "internal" not in str(step.get("env", {}))
                if "notice-archive build" in run:
                    assert "--profile public" in run
