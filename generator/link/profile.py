"""Publishing profiles: which notices a build may show. Secret notices are never published."""

from __future__ import annotations

from ..model import Notice

PROFILES = ("public", "internal")
PROFILE_LABELS = {"public": "Công khai", "internal": "Nội bộ"}


def withheld_reason(notice: Notice, profile: str) -> str | None:
    """Why `notice` stays out of a build with this profile, or None when it is published."""
    return withheld_by(notice.classification, notice.status, profile)


def withheld_by(classification: str, status: str, profile: str) -> str | None:
    """The same rule from the two front-matter values alone (for `diff`, which compares files)."""
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}")
    if classification == "secret":
        return "mật (secret)"
    if profile == "public":
        if classification != "public":
            return "nội bộ (internal)"
        if status == "draft":
            return "dự thảo (draft)"
    return None
