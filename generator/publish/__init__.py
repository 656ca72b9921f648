"""Publication of the built site: files whose job is the site folder as a whole, not one page.

`atomic.py` swaps a finished build into place in one step, under a build lock; `headers.py`
writes the security headers (`_headers`) static hosts and nginx read; `originals.py` copies
each published notice's original beside its page. No mkdocs here.
"""

from .atomic import (BuildInterrupted, BuildLocked, SiteInUse, build_lock, discard,
                     interruptible, remove_leftovers, signals_deferred, staging_dir, swap)
from .headers import content_security_policy, inline_script_hashes, write_headers
from .originals import original_label, original_name, publish_originals

__all__ = ["BuildInterrupted", "BuildLocked", "SiteInUse", "build_lock", "discard",
           "interruptible", "remove_leftovers", "signals_deferred", "staging_dir", "swap",
           "content_security_policy", "inline_script_hashes", "write_headers", "original_label",
           "original_name", "publish_originals"]
