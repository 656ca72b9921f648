"""Security headers of the published site, written as `site/_headers` on every build.

`_headers` is the format static hosts such as Netlify and Cloudflare Pages read; the nginx
recipe in deploy/ sends the same headers (a test compares them). The Content-Security-Policy
allows scripts from the site itself only: the theme's scripts are files
(theme/partials/javascripts/), and should an inline script still reach a page (a template
override, a plugin), its SHA-256 is allowed by hash, computed here from the built pages, never
by 'unsafe-inline'.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from pathlib import Path

from ..profiles import Profile

HEADERS_FILE = "_headers"
_HASHES = "script-hashes"  # in the cache folder, per profile: the hashes of the last build's pages
_HASH = re.compile(r"'sha256-[A-Za-z0-9+/]{43}='")

# Styles may be inline: a style attribute cannot run code, and templates and mkdocs-material
# extensions write some. Images: data: URIs are the theme's icons (CSS masks). Images from
# other sites (a notice body linking one) are not loaded: no request leaves the archive.
_POLICY = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self' data:"),
    ("connect-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
    ("frame-ancestors", "'none'"),
)

_OTHER_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    # Addresses of an internal archive are not for other sites' logs.
    ("Referrer-Policy", "no-referrer"),
    ("Permissions-Policy", "accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
                           "magnetometer=(), microphone=(), payment=(), usb=()"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    # Browsers heed it over HTTPS only; every host the handbook describes serves HTTPS.
    ("Strict-Transport-Security", "max-age=31536000"),
)

# An executable inline script: no src, and a JavaScript type (or none). JSON data blocks such
# as mkdocs-material's `__config` do not run and need no permission.
_SCRIPT = re.compile(rb"<script\b([^>]*)>(.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
_TYPE = re.compile(rb"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_SRC = re.compile(rb"\bsrc\s*=", re.IGNORECASE)
_JS_TYPES = {b"", b"text/javascript", b"application/javascript", b"module"}


def inline_script_hashes(html: bytes) -> set[str]:
    """CSP source expressions ('sha256-…') for the executable inline scripts of one page."""
    found = set()
    if b"<script" not in html and b"<SCRIPT" not in html:
        return found
    for match in _SCRIPT.finditer(html):
        attrs, body = match.groups()
        if _SRC.search(attrs):
            continue
        kind = _TYPE.search(attrs)
        if kind is not None and kind.group(1).lower() not in _JS_TYPES:
            continue
        digest = base64.b64encode(hashlib.sha256(body).digest()).decode("ascii")
        found.add(f"'sha256-{digest}'")
    return found


def site_script_hashes(site_dir: Path) -> set[str]:
    """Every inline script hash of the built site (expected empty with our theme)."""
    found: set[str] = set()
    for folder, _, files in os.walk(site_dir):
        for name in files:
            if name.endswith(".html"):
                path = Path(folder, name)
                if not path.is_symlink():
                    found |= inline_script_hashes(path.read_bytes())
    return found


def content_security_policy(script_hashes: set[str] = frozenset()) -> str:
    parts = []
    for directive, value in _POLICY:
        if directive == "script-src" and script_hashes:
            value = " ".join([value, *sorted(script_hashes)])
        parts.append(f"{directive} {value}")
    return "; ".join(parts)


def security_headers(script_hashes: set[str] = frozenset()) -> list[tuple[str, str]]:
    """The headers every page of the site is served with, in a stable order."""
    return [("Content-Security-Policy", content_security_policy(script_hashes)),
            *_OTHER_HEADERS]


def render_headers_file(headers: list[tuple[str, str]], profile: Profile) -> str:
    lines = ["# Security headers for every page (Netlify / Cloudflare Pages format);",
             "# deploy/nginx sends the same. Written by notice-archive build.", "/*"]
    lines += [f"  {name}: {value}" for name, value in headers]
    if profile.noindex:  # an internal archive is never to be indexed or cached by proxies
        lines += ["  X-Robots-Tag: noindex, nofollow", "  Cache-Control: private, no-store"]
    return "\n".join(lines) + "\n"


def write_headers(site_dir: Path, profile: Profile, script_hashes: set[str],
                  previous_from: Path | None = None, record_in: Path | None = None,
                  ) -> list[tuple[str, str]]:
    """Write site/_headers allowing `script_hashes` (plus, from `previous_from`, those recorded
    by the previous build of this profile, whose pages an incremental build reuses); record
    the set in `record_in` for the next build."""
    hashes = set(script_hashes)
    if previous_from is not None:
        try:
            stored = json.loads((previous_from / profile.cache_file(_HASHES)).read_text("utf-8"))
            hashes |= {h for h in stored if isinstance(h, str) and _HASH.fullmatch(h)}
        except (OSError, ValueError, TypeError):
            pass  # nothing recorded: the cache was cleared, and with it what lets pages be reused
    headers = security_headers(hashes)
    (site_dir / HEADERS_FILE).write_text(render_headers_file(headers, profile), encoding="utf-8")
    if record_in is not None:
        try:
            record_in.mkdir(parents=True, exist_ok=True)
            (record_in / profile.cache_file(_HASHES)).write_text(json.dumps(sorted(hashes)), "utf-8")
        except OSError:
            pass
    return headers


def parse_headers_file(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """(path pattern, [(name, value)]) rules of a `_headers` file, in order."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
        elif rules and ":" in line:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def headers_for(rules, path: str) -> list[tuple[str, str]]:
    """The headers a host applies to `path` (patterns: exact, or ending in `*`)."""
    out = []
    for pattern, headers in rules:
        if path == pattern or (pattern.endswith("*") and path.startswith(pattern[:-1])):
            out.extend(headers)
    return out
