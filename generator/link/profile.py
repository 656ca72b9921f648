"""Publishing profiles: which notices a build may show. Secret notices are never published.

The rule itself lives in generator/profiles.py (the `Profile` value); this is the link stage's
face of it.
"""

from __future__ import annotations

from ..model import Notice
from ..profiles import PROFILE_NAMES, PROFILES as _BY_NAME, Profile, get_profile

PROFILES = PROFILE_NAMES
PROFILE_LABELS = {name: profile.label for name, profile in _BY_NAME.items()}


def withheld_reason(notice: Notice, profile: Profile | str) -> str | None:
    """Why `notice` stays out of a build with this profile, or None when it is published."""
    return withheld_by(notice.classification, notice.status, profile)


def withheld_by(classification: str, status: str, profile: Profile | str) -> str | None:
    """The same rule from the two front-matter values alone (for `diff`, which compares files)."""
    return get_profile(profile).withheld_by(classification, status)
