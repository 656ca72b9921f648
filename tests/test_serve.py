"""`notice-archive serve`: pages rendered on demand are the built pages, and follow every save.

The real command on a free loopback port, the real mkdocs machinery, real HTTP.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import copy_project
from generator.plugin.live_server import INJECTED

DEADLINE = 120  # seconds before a test gives up waiting (a failure, never a timing figure)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=DEADLINE) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


class Serve:
    def __init__(self, project: Path, *args: str):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--dev-addr",
             f"127.0.0.1:{self.port}", *args], cwd=project, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE, text=True, encoding="utf-8")
        self.wait_for("", lambda status, body: status == 200)

    def get(self, path: str) -> tuple[int, bytes]:
        return _get(self.base + path)

    def wait_for(self, path: str, condition) -> bytes:
        deadline = time.monotonic() + DEADLINE
        while time.monotonic() < deadline:
            try:
                status, body = self.get(path)
                if condition(status, body):
                    return body
            except OSError:
                assert self.process.poll() is None, self.process.stderr.read()
            time.sleep(0.1)
        pytest.fail(f"/{path} never reached the expected state")

    def stop(self) -> str:
        self.process.terminate()
        _, err = self.process.communicate(timeout=60)
        return err


def _key(project: Path, path: Path) -> str:
    from generator.load import load_document
    from generator.validate import check_document
    notice, _ = check_document(load_document(path, project, path.read_bytes()))
    return notice.key


def _strip(body: bytes) -> bytes:
    stripped, count = INJECTED.subn(b"", body)
    assert count == 1, "every served HTML page carries the reload script once"
    return stripped


def test_every_built_file_is_served_byte_for_byte(built_public):
    """Every page and file `build` wrote, as serve answers it (less the reload script)."""
    site = built_public / "site"
    server = Serve(built_public)
    try:
        served = 0
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            rel = path.relative_to(site).as_posix()
            if rel == "_headers":  # the static host's header file: serve sends no CSP
                continue
            url = rel[: -len("index.html")] if rel.endswith("index.html") else rel
            status, body = server.get(url)
            assert status == 200, rel
            if rel.endswith(".html"):
                body = _strip(body)
            assert body == path.read_bytes(), f"/{url} differs from the built {rel}"
            served += 1
        assert served > 300
        # The 404 page of an unknown address is the built 404.html.
        status, body = server.get("khong-co-trang-nay/")
        assert status == 404 and body == (site / "404.html").read_bytes()
        # An address without its final slash is sent to the page.
        status, _ = server.get("chu-de")
        assert status == 200
        # The reload script is a file of the site's own origin (CSP script-src 'self').
        status, script = server.get("livereload/script.js")
        assert status == 200 and b"location.reload()" in script
    finally:
        err = server.stop()
    assert "Traceback" not in err


EDITED = "ket-luan-ban-chi-dao-chuyen-doi-so-2024.md"
INTERNAL = "ket-luan-giao-ban-chuan-bi-trien-khai-luat-llbvanttcs.md"


def _started(tmp_path: Path, name: str, *args: str) -> tuple[Path, Path, str, Serve]:
    """A copy of the project, one of its notices and that notice's address, and serve on it."""
    project = copy_project(tmp_path / "project")
    notice = next((project / "notices").rglob(name))
    return project, notice, _key(project, notice), Serve(project, *args)


def test_saves_show_up_and_errors_are_shown_until_fixed(tmp_path):
    project, edited, key, server = _started(tmp_path, EDITED)
    try:
        page = server.wait_for(f"{key}/", lambda s, b: s == 200)
        assert "Sửa thử trong lúc xem trước".encode() not in page
        original = edited.read_text(encoding="utf-8")

        # An edit: the page shows it.
        edited.write_text(original.rstrip("\n") + "\n\nSửa thử trong lúc xem trước.\n",
                          encoding="utf-8")
        server.wait_for(f"{key}/", lambda s, b: s == 200
                        and "Sửa thử trong lúc xem trước".encode() in b)

        # A new notice: served, and listed in its topic.
        added = edited.with_name("thong-bao-moi.md")
        added.write_text(original.replace('number: "178/TB-VPUBND"', 'number: "977/TB-VPUBND"'),
                         encoding="utf-8")
        new_key = _key(project, added)
        assert new_key != key
        server.wait_for(f"{new_key}/", lambda s, b: s == 200)
        from generator.load import load_document
        from generator.validate import check_document
        topic = check_document(load_document(added, project, added.read_bytes()))[0].topics[0]
        listing = server.wait_for(f"chu-de/{topic}/", lambda s, b: s == 200)
        assert new_key.split("/")[-1].encode() in listing

        # Removed: gone (404), also from its topic.
        added.unlink()
        server.wait_for(f"{new_key}/", lambda s, b: s == 404)
        assert new_key.split("/")[-1].encode() not in server.get(f"chu-de/{topic}/")[1]

        # A broken save: every page names the file and line, in Vietnamese.
        broken = original.replace("date: ", "date: 31/02/", 1)
        assert broken != original
        edited.write_text(broken, encoding="utf-8")
        page = server.wait_for("", lambda s, b: s == 500).decode("utf-8")
        assert "Kho lưu trữ có lỗi" in page
        rel = edited.relative_to(project).as_posix()
        assert f"{rel}:" in page and "<script src=\"/livereload/script.js\"" in page
        assert server.get(f"{key}/")[0] == 500

        # Fixed: pages come back.
        edited.write_text(original, encoding="utf-8")
        page = server.wait_for(f"{key}/", lambda s, b: s == 200)
        assert "Sửa thử trong lúc xem trước".encode() not in page

        # The theme is followed too: an edited stylesheet is served as saved.
        css = project / "theme" / "assets" / "stylesheets" / "notice-archive.css"
        css.write_text(css.read_text(encoding="utf-8") + "\n/* sửa giao diện */\n",
                       encoding="utf-8")
        server.wait_for("assets/stylesheets/notice-archive.css",
                        lambda s, b: s == 200 and "sửa giao diện".encode() in b)
    finally:
        err = server.stop()
    assert "Traceback" not in err


def test_profiles_decide_what_is_served(tmp_path):
    project, _, key, public = _started(tmp_path, INTERNAL)
    try:
        assert public.get(f"{key}/")[0] == 404
        assert key.encode() not in public.get("notices.json")[1]
    finally:
        public.stop()
    inside = Serve(project, "--profile", "internal")
    try:
        assert inside.get(f"{key}/")[0] == 200
    finally:
        inside.stop()


@pytest.mark.browser
def test_an_open_page_reloads_itself_after_a_save(tmp_path, browser):
    """In Chromium, under the Content-Security-Policy serve sends: no refresh by hand."""
    _, edited, key, server = _started(tmp_path, EDITED)
    try:
        status, _ = server.get(f"{key}/")
        assert status == 200
        headers = urllib.request.urlopen(server.base + f"{key}/").headers
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        browser.get(server.base + f"{key}/")
        assert "Đoạn sửa hiện ra tự động" not in browser.page_source
        time.sleep(1)  # the page's long poll is open
        edited.write_text(edited.read_text(encoding="utf-8").rstrip("\n")
                          + "\n\nĐoạn sửa hiện ra tự động.\n", encoding="utf-8")
        deadline = time.monotonic() + DEADLINE
        while "Đoạn sửa hiện ra tự động" not in browser.page_source:
            assert time.monotonic() < deadline, "the open page never reloaded"
            time.sleep(0.2)
    finally:
        server.stop()
