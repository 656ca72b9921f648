"""A pytest plugin for mutation runs only: ASCII ids for string parameters.

mutmut re-runs each test by its node id in the same process, and pytest no longer finds an id
it escaped (`c\\xf4ng v\\u0103n`). With this plugin (`-p tools.pytest_ascii_ids`, set in
pyproject.toml's [tool.mutmut]) test files whose parameters are Vietnamese sentences can join
the selection unchanged. Ordinary test runs do not load it."""

from __future__ import annotations

import re
import unicodedata


def pytest_make_parametrize_id(config, val, argname):
    if not isinstance(val, str):
        return None
    # Accents dropped, đ spelt d, everything else outside [A-Za-z0-9] folded to "_"; pytest
    # numbers any ids that then collide.
    plain = unicodedata.normalize("NFD", val.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub(r"[^A-Za-z0-9]+", "_", plain).strip("_")[:60] or "empty"
