"""Property-based tests: arbitrary front matter and body text through load → validate → link →
page views, and arbitrary HTML through the sanitiser. Never an unexpected exception; every page
address a safe relative path; nothing executable survives sanitising."""

from __future__ import annotations

import datetime as dt
import html.parser
import re
import unicodedata
from pathlib import Path

import markdown
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.link import PROFILES, link
from generator.load import LoadResult, TopicsDocument, load_document
from generator.model import CLASSIFICATIONS, DOCUMENT_TYPES, STATUSES
from generator.render import views
from generator.render.pages import site_pages
from generator.render.sanitize import ALLOWED_TAGS, sanitize_html
from generator.text import slugify
from generator.validate import validate
from generator.validate.fields import TOP_KEYS

PROPERTY = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$")
ROOT = Path("/archive")
TOPICS = TopicsDocument("notices/topics.yml", {
    "de-an-06": {"name": "Đề án 06", "aliases": ["Đề án 06/CP"]},
    "an-toan-giao-thong": {"name": "An toàn giao thông", "parent": "de-an-06"},
})

# Text that exercises every corner: controls, NFD, astral and odd scripts, YAML-special strings.
YAML_SPECIAL = st.sampled_from([
    "yes", "no", "on", "off", "null", "~", "true", "0x1F", "1e3", ".inf", ".nan", "2024-13-45",
    "2024-02-30", "- item", "? key", ": value", "&anchor", "*alias", "!!python/object:os.system",
    "!tag", "|", ">", "%YAML 1.1", "---", "...", "#comment", "'", '"', "{a: 1}", "[1, 2",
    "@", "`", "\t", "\ufeff", "\u2028", "\x85", "con", "../..", "/etc/passwd", "a\x00b",
])
TEXT = st.one_of(
    st.text(max_size=60),
    st.text(st.characters(codec="utf-8"), max_size=40),
    st.text(alphabet="aăâeêioôơuưyđ\u0300\u0301\u0303\u0309\u0323 /-ĐQ.0123456789", max_size=40),
    st.builds(lambda s: unicodedata.normalize("NFD", s), st.text(max_size=40)),
    YAML_SPECIAL,
)
SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                   st.dates(), TEXT)
VALUE = st.recursive(SCALAR, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=4)), max_leaves=12)
KEYS = st.one_of(st.sampled_from(TOP_KEYS), TEXT)


def _pipeline(data: bytes, name: str = "notices/2024/x.md"):
    """One file through every stage that judges or shapes it; returns the linked archives."""
    doc = load_document(ROOT / name, ROOT, data=data)
    result = validate(LoadResult((doc,), TOPICS))
    for diagnostic in result.diagnostics:
        assert diagnostic.code.startswith("NA") and diagnostic.message
        assert diagnostic.format()
    out = []
    for profile in PROFILES:
        linked = link(result.archive, profile)
        for spec in site_pages(linked):
            spec.context()  # every view dict of every page
            assert ".." not in spec.src_uri and not spec.src_uri.startswith("/")
        out.append(linked)
    for notice in result.archive.notices:
        assert KEY.match(notice.key), notice.key
        views.notice_item(notice, out[-1])
    return result


def _document(front: str, body: str) -> bytes:
    return f"---\n{front}---\n{body}".encode("utf-8", errors="surrogatepass")


@PROPERTY
@given(st.dictionaries(KEYS, VALUE, max_size=10), TEXT)
def test_arbitrary_front_matter_never_crashes(front, body):
    try:
        dumped = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
    except (yaml.YAMLError, UnicodeEncodeError, ValueError):
        return  # not representable as YAML at all: nothing a person could write
    try:
        data = _document(dumped, body)
    except UnicodeEncodeError:
        return
    _pipeline(data)


@PROPERTY
@given(st.lists(st.tuples(KEYS, TEXT), max_size=8), st.text(max_size=200))
def test_raw_front_matter_lines_never_crash(pairs, body):
    front = "".join(f"{k}: {v}\n" for k, v in pairs)
    try:
        data = _document(front, body)
    except UnicodeEncodeError:
        return
    _pipeline(data)


@PROPERTY
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_crash(data):
    _pipeline(data)
    _pipeline(b"---\ntitle: x\n---\n" + data)


# Notices that pass validation most of the time, so link and the page views run on real
# archives; free-text fields are Vietnamese with arbitrary text mixed in, and about one notice
# in five is arbitrary-shaped (invalid) so errors and valid notices meet in one archive.
VIETNAMESE = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạầấẩẫậằắẳẵặèéẻẽẹềếểễệìíỉĩị"
                              "òóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵĐĂÂÊÔƠƯ 0123456789,.;:()/-\"'",
                     min_size=1, max_size=60).filter(lambda t: t.strip(" ,.;:()/-\"'"))
# Arbitrary, non-blank text in about one field in eight (blank ones are the invalid mix's job).
FREE_TEXT = st.one_of(*[VIETNAMESE] * 7, TEXT.filter(lambda t: str(t).strip()))
CODED_TYPES = sorted(t for t, (code, _) in DOCUMENT_TYPES.items() if code)


@st.composite
def valid_notice(draw):
    doc_type = draw(st.sampled_from(CODED_TYPES))
    number = (f"{draw(st.integers(10, 999))}/{DOCUMENT_TYPES[doc_type][0]}-"
              f"{draw(st.sampled_from(['UBND', 'VPUBND', 'SGTVT', 'CAT']))}")
    fm = {
        "number": number, "type": doc_type, "title": draw(FREE_TEXT),
        "issuer": draw(FREE_TEXT), "place": draw(FREE_TEXT),
        "date": draw(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2024, 12, 31))),
        "signer": {"name": draw(FREE_TEXT), "title": draw(FREE_TEXT)},
        "recipients": draw(st.lists(FREE_TEXT, max_size=4)),
        "topics": draw(st.lists(st.sampled_from(["de-an-06", "an-toan-giao-thong"]),
                                max_size=2, unique=True)),
        "status": draw(st.sampled_from(["issued", "draft"])),
        "classification": draw(st.sampled_from(CLASSIFICATIONS)),
    }
    if fm["status"] == "draft" and draw(st.booleans()):
        del fm["number"]
    return fm


ARBITRARY_NOTICE = st.fixed_dictionaries({
    "number": TEXT, "type": st.sampled_from(sorted(DOCUMENT_TYPES)), "title": TEXT,
    "issuer": TEXT, "place": TEXT,
    "date": st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    "signer": st.fixed_dictionaries({"name": TEXT, "title": TEXT, "authority": TEXT}),
    "recipients": st.lists(TEXT, max_size=4),
    "topics": st.lists(st.sampled_from(["de-an-06", "an-toan-giao-thong"]), max_size=2),
    "status": st.sampled_from([s for s in STATUSES if s != "superseded"]),
    "classification": st.sampled_from(CLASSIFICATIONS),
})
NOTICE = st.one_of(valid_notice(), valid_notice(), valid_notice(), valid_notice(),
                   ARBITRARY_NOTICE)
BODY = st.one_of(VIETNAMESE.map(lambda t: t + "\n\nĐề án 06 và an toàn giao thông./.\n"),
                 st.text(max_size=300))
# How many notices of each example got past validation (read by the test after this one, which
# runs the property itself when this process has not).
VALID_PER_EXAMPLE: list[int] = []


@PROPERTY
@given(st.lists(NOTICE, min_size=1, max_size=4), st.lists(TEXT, min_size=4, max_size=4), BODY)
def test_valid_shaped_notices_get_safe_keys(notices, names, body):
    docs = []
    for i, (fm, name) in enumerate(zip(notices, names)):
        try:
            data = _document(yaml.safe_dump(fm, allow_unicode=True), body)
        except (yaml.YAMLError, UnicodeEncodeError):
            continue
        docs.append(load_document(ROOT / f"notices/{i}/{name}.md", ROOT, data=data))
    result = validate(LoadResult(tuple(docs), TOPICS))
    VALID_PER_EXAMPLE.append(len(result.archive.notices))
    keys = [n.key for n in result.archive.notices]
    for key in keys:
        assert KEY.match(key) and ".." not in key, key
    if not any(d.severity == "error" for d in result.diagnostics):
        assert len(set(keys)) == len(keys), "colliding keys must be NA201/NA601 errors"
    for profile in PROFILES:
        linked = link(result.archive, profile)
        for spec in site_pages(linked):
            spec.context()
        for notice in linked.notices:
            views.notice_item(notice, linked)


def test_the_notice_strategy_mostly_makes_valid_notices():
    """The property above only tests link and the pages when validation lets notices through."""
    if not VALID_PER_EXAMPLE:  # the property ran in another worker (pytest -n), or not at all
        test_valid_shaped_notices_get_safe_keys()
    with_notices = sum(1 for n in VALID_PER_EXAMPLE if n)
    assert with_notices >= 0.6 * len(VALID_PER_EXAMPLE), (with_notices, len(VALID_PER_EXAMPLE))


@PROPERTY
@given(TEXT)
def test_slugify_is_always_a_safe_segment(text):
    slug = slugify(text)
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug), slug
    assert slug == slugify(slug)


# --- sanitiser ---------------------------------------------------------------------------------

HTML_BITS = st.sampled_from([
    "<script>", "</script>", "<img src=x onerror=alert(1)>", '<a href="javascript:alert(1)">',
    "<a href='&#106;avascript:alert(1)'>", '<a href="java\tscript:x">', "<iframe>", "<svg>",
    "<svg/onload=alert(1)>", "<math>", "<style>", "<!--", "-->", "<![CDATA[", "]]>", "<p>",
    "</p>", "<div onclick=x>", "<b>", "</b>", '"', "'", ">", "<", "&", "&lt;", "<table>",
    "<td colspan=2>", "<h2 id=__config>", "<object>", "<embed>", "<form>", "<input>",
    "<base href=//evil>", "<meta http-equiv=refresh>", "<link rel=import>", "<noscript>",
    "<template>", "<textarea>", "<title>", "<xmp>", "<plaintext>", "<details ontoggle=x>",
])
_URL_ATTRS = {"href", "src", "action", "formaction", "data", "xlink:href"}


class _Audit(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag {tag}")
        for name, value in attrs:
            if name.startswith("on") or name in ("style", "srcdoc"):
                self.problems.append(f"attribute {name}")
            if name in _URL_ATTRS and value:
                # How browsers read a URL (WHATWG): C0 controls and spaces trimmed at both ends,
                # tabs and newlines removed anywhere; inner spaces make it a relative URL.
                compact = re.sub(r"[\t\n\r]", "", value.strip("".join(map(chr, range(33)))))
                compact = compact.lower()
                if re.match(r"(javascript|vbscript|data|file):", compact):
                    self.problems.append(f"url {value}")


@PROPERTY
@given(st.lists(st.one_of(HTML_BITS, st.text(max_size=10)), max_size=30))
def test_sanitised_html_has_nothing_executable(bits):
    dirty = "".join(bits)
    for source in (dirty, markdown.markdown(dirty, extensions=["tables", "attr_list",
                                                                 "md_in_html", "toc"])):
        clean = sanitize_html(source)
        audit = _Audit()
        audit.feed(clean)
        audit.close()
        assert audit.problems == [], (source, clean)
        # Sanitising again stays safe. (Not always byte-identical: an HTML5 parser re-nests
        # malformed input such as <a> inside <a> differently the second time.)
        again = _Audit()
        again.feed(sanitize_html(clean))
        again.close()
        assert again.problems == [], clean
