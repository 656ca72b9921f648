"""Bodies that would stall or crash the build: error NA109, at the file and line that cause it.

Python-Markdown is quadratic or recursive in some constructs (runs of "[", "![" or "<", deeply
nested lists, quotes, emphasis or HTML), so a small odd body can stall `build` for hours or
crash it. `check` and `build` run this same rule, so whatever the renderer cannot take is
reported by `check` first, and a notice `check` accepts builds:

- what no real notice has (a huge body, tens of thousands of lines or headings, nesting of
  lists, quotes or HTML elements, long runs of Markdown punctuation) is refused outright, at
  its line;
- a body that is large or dense in Markdown punctuation is rendered once here, as the site
  renders it (Python-Markdown with the site's extensions, then the HTML scan mkdocs adds),
  under a time budget; an overrun or a recursion error is refused at the line of its densest
  paragraph. Ordinary notices (a few KB of prose) skip the trial, so `check` stays fast.

The limits are far above real notices; the limits table of docs/handbook/development/security.md lists them.
"""

from __future__ import annotations

import contextlib
import functools
import re
import signal
import threading
from typing import Iterator

from ..diagnostics import ERROR, Diagnostic
from ..model import Notice

# The body as a whole: far above real notices (a long one is 50 KB and 1,000 lines), low
# enough that every stage of one notice stays within seconds.
MAX_BODY_BYTES = 512 * 1024
MAX_LINES = 50_000
# Headings (the table of contents makes each id unique by a search over those before it).
MAX_HEADINGS = 1_000
_HEADING = re.compile(r"^ {0,3}(?:#{1,6}(?=[ \t]|$)|=+[ \t]*$)", re.M)
# Lists and block quotes nested on one line, counting 4 columns of indentation as one level.
MAX_NESTING = 16
# Open HTML elements inside one another (md_in_html recurses once per level).
MAX_HTML_DEPTH = 32
# A run of one of these characters longer than this (no real text has one: the run is refused
# at its line at once, without waiting for the render trial to time out).
MAX_RUN = 256
_RUN_CHARACTERS = "[](<`*{!\\&|"
_RUN = re.compile("|".join(f"(?<!{c}){c}{{{MAX_RUN + 1},}}"  # tried once per run, at its start
                           for c in map(re.escape, _RUN_CHARACTERS)))
# The pattern above tries 11 branches at every position of the body; a substring search for each
# over-long run is a fast scan of memory, so the pattern runs only on a body that has one.
_RUN_PROBES = tuple(c * (MAX_RUN + 1) for c in _RUN_CHARACTERS)
# Bodies above this size, or with more Markdown punctuation than this, are rendered once here.
TRIAL_BYTES = 32 * 1024
TRIAL_PUNCTUATION = 400
# Rendering one body may take at most this long in the trial.
RENDER_SECONDS = 3.0

# The extensions of the project's mkdocs.yml (a test keeps the two lists the same).
SITE_EXTENSIONS = ("toc", "attr_list", "md_in_html", "admonition", "tables", "sane_lists")

_CONTAINER = re.compile(r"[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]?")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^<>]*?(/?)>")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"})
_PUNCTUATION = re.compile(r"[\[\]<>`*_&\\{}|!]")
_CODE = "NA109"


def overrun_message(seconds: float) -> str:
    return (f"dựng phần nội dung mất hơn {seconds:g} giây (chuỗi dài ký tự Markdown như [, `, <, "
            "*, | hoặc cấu trúc lồng nhau); hãy bỏ các ký tự thừa")


def crash_message(exc: Exception) -> str:
    return f"trình dựng Markdown gặp lỗi ({type(exc).__name__}: {exc})"


RECURSION_MESSAGE = "cấu trúc Markdown lồng nhau quá sâu (ngoặc, nhấn mạnh, danh sách hoặc HTML)"


def check_body_limits(notice: Notice) -> Iterator[Diagnostic]:
    body = notice.body
    size = len(body.encode("utf-8"))
    if size > MAX_BODY_BYTES:
        yield _error(notice, notice.body_line,
                     f"nội dung dài {size // 1024:,} KB, vượt giới hạn ".replace(",", ".")
                     + f"{MAX_BODY_BYTES // 1024:,} KB".replace(",", "."))
        return
    lines = body.count("\n") + 1
    if lines > MAX_LINES:
        yield _error(notice, notice.body_line + MAX_LINES,
                     f"nội dung có {lines:,} dòng".replace(",", ".")
                     + f", vượt giới hạn {MAX_LINES:,} dòng".replace(",", "."))
        return
    headings = 0
    for m in _HEADING.finditer(body):
        headings += 1
        if headings > MAX_HEADINGS:
            yield _error(notice, notice.body_line + body.count("\n", 0, m.start()),
                         f"hơn {MAX_HEADINGS:,} đề mục".replace(",", "."))
            return
    found = False
    deep = next(_too_deep(body), None)
    if deep is not None:
        found = True
        offset, depth = deep
        yield _error(notice, notice.body_line + offset,
                     f"danh sách hoặc trích dẫn lồng nhau {depth} cấp, vượt giới hạn "
                     f"{MAX_NESTING} cấp; văn bản thật không lồng sâu như vậy")
    run = _RUN.search(body) if any(p in body for p in _RUN_PROBES) else None
    if run is not None:
        found = True
        yield _error(notice, notice.body_line + body.count("\n", 0, run.start()),
                     f"chuỗi {len(run.group(0)):,} ký tự “{run.group(0)[0]}”".replace(",", ".")
                     + f" liền nhau, vượt giới hạn {MAX_RUN}; hãy bỏ các ký tự thừa")
    html = _html_too_deep(body)
    if html is not None:
        found = True
        yield _error(notice, notice.body_line + html,
                     f"thẻ HTML lồng nhau quá {MAX_HTML_DEPTH} cấp")
    if found or not _needs_trial(body):
        return
    problem = _render_trial(body)
    if problem:
        yield _error(notice, notice.body_line + _densest_paragraph(body), problem)


def refused(diagnostics) -> bool:
    """Whether these diagnostics refuse the body: the other body rules then skip it."""
    return any(d.code == _CODE for d in diagnostics)


def _error(notice: Notice, line: int, message: str) -> Diagnostic:
    return Diagnostic(notice.source, line, 1, ERROR, _CODE, body_problem(message), "body")


def body_problem(message: str) -> str:
    return f"nội dung không dựng được thành trang: {message}"


def _too_deep(body: str) -> Iterator[tuple[int, int]]:
    for offset, line in enumerate(body.split("\n")):
        if not line or line[0] not in " \t>-+*0123456789":
            continue  # most lines start with a letter
        indent = len(line) - len(line.lstrip(" \t"))
        depth = indent // 4
        pos = 0
        while depth <= MAX_NESTING:
            m = _CONTAINER.match(line, pos)
            if m is None or m.end() == pos:
                break
            depth += 1
            pos = m.end()
        if depth > MAX_NESTING:
            yield offset, depth


def _html_too_deep(body: str) -> int | None:
    """Offset of the line where open HTML elements first nest past the limit, or None."""
    if "<" not in body:
        return None
    depth = 0
    for m in _TAG.finditer(body):
        closing, name, self_closing = m.group(1), m.group(2).lower(), m.group(3)
        if name in _VOID or self_closing:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        if depth > MAX_HTML_DEPTH:
            return body.count("\n", 0, m.start())
    return None


def _needs_trial(body: str) -> bool:
    if len(body) > TRIAL_BYTES // 4 and len(body.encode("utf-8")) > TRIAL_BYTES:
        return True
    count = 0
    for _ in _PUNCTUATION.finditer(body):
        count += 1
        if count > TRIAL_PUNCTUATION:
            return True
    return False


def _densest_paragraph(body: str) -> int:
    """Offset of the first line of the paragraph with the most Markdown punctuation: where a
    body that renders too slowly most likely has what makes it slow."""
    best, best_count, offset = 0, -1, 0
    for paragraph in re.split(r"(\n[ \t]*\n)", body):
        if paragraph.strip():
            count = len(_PUNCTUATION.findall(paragraph))
            if count > best_count:
                best, best_count = offset, count
        offset += paragraph.count("\n")
    return best


class RenderOverrun(Exception):
    """Raised inside a render that went past its time budget."""


@contextlib.contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise RenderOverrun in the code run inside once it has used `seconds` of CPU time, or
    four times that in wall time.

    CPU time first, so that a busy machine (CI, other builds) does not turn a body that renders
    in time into a refused one; the wall-time cap still bounds a run on a machine so busy that
    it gets less than a quarter of a core. Main thread only: elsewhere, e.g. under `mkdocs
    serve`'s watcher, the code runs unbounded (the check has already passed it)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def overrun(signum, frame):
        raise RenderOverrun()

    timers = ((signal.ITIMER_PROF, signal.SIGPROF, seconds),
              (signal.ITIMER_REAL, signal.SIGALRM, 4 * seconds))
    previous = [signal.signal(signum, overrun) for _, signum, _ in timers]
    for timer, _, limit in timers:
        signal.setitimer(timer, limit)
    try:
        yield
    finally:
        for (timer, signum, _), handler in zip(timers, previous):
            signal.setitimer(timer, 0)
            signal.signal(signum, handler)


@functools.lru_cache(maxsize=1)
def _converter():
    import markdown  # only bodies that need the trial pay for the import
    return markdown.Markdown(extensions=list(SITE_EXTENSIONS))


def _scan_html(body: str) -> None:
    """What mkdocs does to a page with raw HTML besides rendering it: it reads the Markdown
    source with Python-Markdown's HTML parser to collect anchors, and that parser rescans the
    rest of the text from every unclosed "<!--" (minutes for a long run)."""
    from markdown.htmlparser import htmlparser

    parser = htmlparser.HTMLParser()
    parser.feed(body)
    parser.close()


def _render_trial(body: str) -> str | None:
    """None when the body renders within the budget, else why it does not."""
    md = _converter()
    try:
        with time_budget(RENDER_SECONDS):
            md.reset()
            md.convert(body)
            if "<" in body:
                _scan_html(body)
        md.reset()
    except RenderOverrun:
        _converter.cache_clear()  # interrupted midway: start the next body afresh
        return overrun_message(RENDER_SECONDS)
    except RecursionError:
        _converter.cache_clear()
        return RECURSION_MESSAGE
    except Exception as exc:  # noqa: BLE001 (a crash of Python-Markdown on this body)
        _converter.cache_clear()
        return crash_message(exc)
    return None
