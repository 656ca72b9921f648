"""Sanitise the HTML of notice bodies: ordinary formatting survives, nothing that can run does.

Notice bodies are Markdown, and Markdown lets raw HTML through. Text pasted from a web page or
a hostile file could carry <script>, event handlers or javascript: links; the rendered body goes
through ammonia (via nh3), a maintained allow-list sanitiser, before it reaches any page.
Front matter values never come here: templates escape them with |e.
"""

from __future__ import annotations

import re

import nh3

# Ordinary formatting of a notice (and what Python-Markdown produces for it).
ALLOWED_TAGS = frozenset({
    "p", "br", "hr", "div", "span",
    "strong", "em", "b", "i", "u", "s", "del", "ins", "mark", "small", "sup", "sub", "abbr",
    "h2", "h3", "h4", "h5", "h6",
    "ul", "ol", "li", "dl", "dt", "dd",
    "blockquote", "code", "pre", "kbd",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
    "a", "img",
})

# Tags removed together with everything inside them (their content is code, not text).
REMOVED_WITH_CONTENT = frozenset({
    "script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math",
    "frame", "frameset", "applet", "textarea", "select", "button",
})

ALLOWED_ATTRIBUTES = {
    "*": {"title", "lang"},
    "a": {"href", "class"},  # class: the site's own mention links (na-mention-topic, …)
    "img": {"src", "alt", "width", "height"},
    "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},  # toc anchors
    "ol": {"start", "type"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "td": {"colspan", "rowspan", "align"},
    "col": {"span"}, "colgroup": {"span"},
    "abbr": {"title"},
    # Python-Markdown extensions mark admonitions and highlighted code with classes.
    "div": {"class"}, "p": {"class"}, "span": {"class"}, "code": {"class"}, "pre": {"class"},
}

# Anything else (javascript:, data:, vbscript:, file:, …) is dropped; relative links stay.
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

LINK_REL = "noopener noreferrer"

# Heading ids are anchors for the table of contents. The theme's own elements have ids starting
# with "__" (__config, __drawer, __search); a body id may not shadow them (DOM clobbering).
_SAFE_ID = re.compile(r"[^\W_][\w-]{0,127}")


def _filter_attribute(tag: str, name: str, value: str) -> str | None:
    if name == "id" and not _SAFE_ID.fullmatch(value):
        return None
    return value


def sanitize_html(html: str) -> str:
    """The body HTML with every tag, attribute and URL outside the allow-lists removed."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(REMOVED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_filter_attribute,
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )
