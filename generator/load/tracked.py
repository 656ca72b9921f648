"""Files the repository should not carry: a cache folder committed to git.

The generator never reads a cache inside the repository (its caches live in the user's cache
folder), but a committed `.cache/` is either an old layout to clean up or files a pull request
planted for someone else's tools: `check` names them (NA015).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from ..diagnostics import WARNING, Diagnostic
from ..text import nfc

CODE = "NA015"


def tracked_cache_files(root: Path) -> list[Diagnostic]:
    try:
        listed = subprocess.run(
            ["git", "-c", "core.quotepath=off", "ls-files", "-z", "--", ":(glob)**/.cache/**"],
            cwd=root, capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return []   # no git, or not a repository: nothing is tracked
    if listed.returncode != 0:
        return []
    names = [nfc(n) for n in listed.stdout.decode("utf-8", "replace").split("\0") if n]
    return [Diagnostic(name, 1, 1, WARNING, CODE,
                       "tệp trong thư mục đệm .cache/ đang được git theo dõi; notice-archive không "
                       "bao giờ đọc bộ đệm trong kho lưu trữ, và tệp đệm có thể chứa mã độc: xóa "
                       "khỏi git bằng `git rm -r --cached .cache`")
            for name in sorted(names)]
