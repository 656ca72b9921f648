"""Publishing profiles as values: which notices a build shows, how its caches are named, and
whether its pages ask robots and proxies to stay away.

A profile comes from mkdocs.yml (`plugins: notice-archive: profile:`) or from a command's
`--profile`, nowhere else. Secret notices are in no profile.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Profile:
    name: str                                # as written in mkdocs.yml and after --profile
    label: str                               # Vietnamese, in every page's footer
    # The classifications it publishes; None: every one but secret (an unknown value too, as
    # `diff` reads raw front matter).
    classifications: frozenset[str] | None
    withheld_statuses: frozenset[str]        # published classifications with these stay out
    noindex: bool                            # robots and shared caches are kept out

    def withheld_by(self, classification: str | None, status: str | None) -> str | None:
        """Why a notice with these front-matter values stays out (Vietnamese), or None."""
        if classification == "secret":
            return "mật (secret)"
        if self.classifications is not None and classification not in self.classifications:
            return "nội bộ (internal)"
        if status in self.withheld_statuses:
            return "dự thảo (draft)"
        return None

    def cache_file(self, stem: str, suffix: str = ".json") -> str:
        """The name of this profile's cache file `stem`: every per-profile cache is named here,
        so one profile's build never reads what another wrote."""
        return f"{stem}-{self.name}{suffix}"

    def cache_folder(self, stem: str) -> str:
        """The relative path of this profile's cache folder under `stem` (the Whoosh index)."""
        return f"{stem}/{self.name}"

    def __str__(self) -> str:  # templates print the name, as they did when it was a string
        return self.name


PUBLIC = Profile("public", "Công khai", frozenset({"public"}), frozenset({"draft"}), noindex=False)
INTERNAL = Profile("internal", "Nội bộ", None, frozenset(), noindex=True)
PROFILES: dict[str, Profile] = {p.name: p for p in (PUBLIC, INTERNAL)}
PROFILE_NAMES = tuple(PROFILES)


def get_profile(value: Profile | str) -> Profile:
    """The profile named `value` (a Profile is returned as it is); ValueError if unknown."""
    if isinstance(value, Profile):
        return value
    try:
        return PROFILES[value]
    except (KeyError, TypeError):
        raise ValueError(f"unknown profile {value!r}") from None
