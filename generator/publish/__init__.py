"""Publication of the built site: files whose job is the site folder as a whole, not one page.

`atomic.py` swaps a finished build into place in one step, under a build lock; `headers.py`
writes the security headers (`_headers`) static hosts and nginx read; `originals.py` copies
each published notice's original beside its page. No mkdocs here.
"""
