"""Publishing profiles: which notices a build may show. Secret notices are never published."""

from __future__ import annotations

from ..model import Notice

PROFILES = ("public", "internal")
PROFILE_LABELS = {"public": "Công khai", "internal": "Nội bộ"}


def withheld_reason(notice: Notice, profile: str) -> str | None:
    """Why `notice` stays out of a build with this profile, or None when it is published."""
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}")
    if notice.classification == "secret":
        return "mật (secret)"
    if profile == "public":
        if notice.classification != "public":
            return "nội bộ (internal)"
        if notice.status == "draft":
            return "dự thảo (draft)"
    return None
