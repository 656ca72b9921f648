"""The internal-publishing recipe of the handbook (docs/handbook/quan-tri/noi-bo.md), run for
real, command by command as the page shows them, with its paths moved into a temporary folder:
both archives published by deploy/publish.sh (which finds the checkout's .venv by itself), the
recipe's files installed, a password file made with htpasswd, and a non-daemon nginx on
127.0.0.1 with a self-signed certificate made with openssl. Without credentials every internal file answers
401; with them 200; the public archive is open; the security headers are those of _headers."""

from __future__ import annotations

import base64
import gzip
import http.client
import os
import re
import shutil
import socket
import ssl
import subprocess
import time
from pathlib import Path

import pytest

from conftest import ROOT, copy_built
from generator.publish.headers import HEADERS_FILE, headers_for, parse_headers_file

pytestmark = pytest.mark.slow

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
DEPLOY = ROOT / "deploy"
PUBLIC_HOST, INTERNAL_HOST = "luu-tru.example.vn", "noi-bo.luu-tru.example.vn"
USER, PASSWORD = "nguyen.van.a", "mật-khẩu-thử-nghiệm"  # the page's first user
REMOVED = "tran.thi.b"  # the page adds this user, then removes it
RECIPE = ROOT / "docs" / "handbook" / "quan-tri" / "noi-bo.md"


def _require(*tools: str) -> None:
    missing = [t for t in tools if not (shutil.which(t) or Path(t).exists())]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{', '.join(missing)} required in CI (.ci/run installs nginx, apache2-utils)")
        pytest.skip(f"not installed: {', '.join(missing)}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Nginx:
    def __init__(self, base: Path, https_port: int, http_port: int):
        self.base, self.https_port, self.http_port = base, https_port, http_port

    def get(self, host: str, path: str, auth: tuple[str, str] | None = None,
            headers: dict | None = None) -> tuple[int, dict, bytes]:
        """A GET over TLS to 127.0.0.1 with `host` as SNI and Host (no DNS involved)."""
        context = ssl.create_default_context(cafile=str(self.base / "ssl" / "fullchain.pem"))
        raw = socket.create_connection(("127.0.0.1", self.https_port), timeout=10)
        conn = http.client.HTTPSConnection(host, self.https_port, context=context, timeout=10)
        conn.sock = context.wrap_socket(raw, server_hostname=host)
        send = dict(headers or {})
        if auth:
            token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
            send["Authorization"] = f"Basic {token}"
        conn.request("GET", path, headers=send)
        response = conn.getresponse()
        body = response.read()
        conn.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def _recipe(step: int) -> list[str]:
    """The shell lines of one numbered step of the recipe page."""
    from test_readme import shell_lines
    text = RECIPE.read_text(encoding="utf-8")
    part = re.split(r"^\d+\. ", text, flags=re.M)[step]
    return shell_lines(part)


def _run_recipe(lines: list[str], base: Path, checkout: Path, env: dict) -> None:
    """Each line as the page writes it, with the machine's folders moved under `base`."""
    moves = [("/opt/notice-archive", str(checkout)), ("/srv/notice-archive", str(base / "srv")),
             ("/etc/nginx/notice-archive", str(base / "etc")),
             ("/etc/nginx/sites-available", str(base / "sites-available")),
             ("/etc/nginx/sites-enabled", str(base / "sites-enabled")),
             ("/etc/ssl/notice-archive", str(base / "ssl"))]
    import pwd
    # publish.sh's own defaults (/srv/notice-archive/…) moved as the page's paths are.
    env = {"USER": pwd.getpwuid(os.geteuid()).pw_name, **env,
           "PUBLIC_DIR": str(base / "srv" / "public"),
           "INTERNAL_DIR": str(base / "srv" / "internal")}
    for line in lines:
        line = line.replace("sudo ", "")
        if line.startswith(("apt-get install", "nginx -t")):
            continue  # packages: _require; nginx -t: the fixture tests its own configuration
        if line.startswith("chown root:") and os.geteuid() != 0:
            continue  # only root may give a file to www-data; the mode below still applies
        for old, new in moves:
            line = line.replace(old, new)
        if line.startswith("htpasswd ") and " -D " not in line:  # it asks twice; -b takes it
            line = line.replace("htpasswd -B", "htpasswd -B -b", 1) + f" '{PASSWORD}'"
        result = subprocess.run(["sh", "-c", line], cwd=checkout, env=env, capture_output=True,
                                text=True, timeout=600)
        assert result.returncode == 0, f"{line}\n{result.stdout}\n{result.stderr}"


@pytest.fixture(scope="module")
def checkout(tmp_path_factory, _pristine_internal):
    """The server's checkout right after README's quick start: deploy/ and a .venv of its own
    (here a link to the running one's command), and nothing on PATH. A copy of the session's
    built archive, since this adds files to it."""
    project = copy_built(_pristine_internal, tmp_path_factory.mktemp("checkout") / "p")
    shutil.copytree(DEPLOY, project / "deploy", dirs_exist_ok=True)
    venv = project / ".venv" / "bin"
    venv.mkdir(parents=True, exist_ok=True)
    (venv / "notice-archive").symlink_to(Path(os.sys.executable).parent / "notice-archive")
    return project


@pytest.fixture(scope="module")
def published(tmp_path_factory, checkout):
    """Step 1 of the recipe: both profiles published by deploy/publish.sh into srv/."""
    base = tmp_path_factory.mktemp("deploy")
    env = {k: v for k, v in os.environ.items() if k != "NOTICE_ARCHIVE"}
    env["PATH"] = "/usr/bin:/bin"  # no notice-archive there: publish.sh must find the .venv
    _run_recipe(_recipe(1), base, checkout, env)
    assert (base / "srv" / "internal" / "index.html").exists()
    return base


def test_publish_says_in_vietnamese_where_to_point_it(tmp_path):
    """Without a .venv, a NOTICE_ARCHIVE or the command on PATH, publish.sh says what to do."""
    (tmp_path / "deploy").mkdir()
    shutil.copy(DEPLOY / "publish.sh", tmp_path / "deploy" / "publish.sh")
    env = {k: v for k, v in os.environ.items() if k != "NOTICE_ARCHIVE"}
    env.update(PATH="/usr/bin:/bin", PUBLIC_DIR=str(tmp_path / "p"), INTERNAL_DIR=str(tmp_path / "i"))
    result = subprocess.run(["sh", str(tmp_path / "deploy" / "publish.sh"), str(tmp_path)],
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 127
    assert "không tìm thấy lệnh notice-archive" in result.stderr
    assert "NOTICE_ARCHIVE=" in result.stderr and "Quick start" in result.stderr


@pytest.fixture(scope="module")
def nginx(published, checkout):
    _require(NGINX, "openssl", "htpasswd")
    base = published
    (base / "ssl").mkdir()
    (base / "tmp").mkdir()
    (base / "sites-available").mkdir()
    (base / "sites-enabled").mkdir()
    # Step 2: the recipe's files into place.
    _run_recipe(_recipe(2), base, checkout, dict(os.environ))
    # Step 3: a self-signed certificate for both names, as a sysadmin would make one for a test.
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", f"/CN={INTERNAL_HOST}",
                    "-addext", f"subjectAltName=DNS:{PUBLIC_HOST},DNS:{INTERNAL_HOST}",
                    "-keyout", str(base / "ssl" / "privkey.pem"),
                    "-out", str(base / "ssl" / "fullchain.pem")],
                   check=True, capture_output=True)
    # Step 4: the password file, users added and removed as the page does.
    _run_recipe(_recipe(4), base, checkout, dict(os.environ))
    assert oct((base / "etc" / "htpasswd").stat().st_mode & 0o777) == "0o640"
    https_port, http_port = _free_port(), _free_port()

    def localise(text: str) -> str:
        """The recipe's paths and ports → this test's; nothing else changes."""
        text = (text.replace("/srv/notice-archive", str(base / "srv"))
                .replace("/etc/nginx/notice-archive", str(base / "etc"))
                .replace("/etc/ssl/notice-archive", str(base / "ssl")))
        lines = [line for line in text.splitlines() if "listen [::]" not in line]
        text = "\n".join(lines)
        return (text.replace("listen 443 ", f"listen 127.0.0.1:{https_port} ")
                .replace("listen 80;", f"listen 127.0.0.1:{http_port};"))

    for name in ("site.conf",):
        path = base / "etc" / name
        path.write_text(localise(path.read_text(encoding="utf-8")), encoding="utf-8")
    enabled = base / "sites-enabled" / "notice-archive.conf"
    site = localise(enabled.read_text(encoding="utf-8"))
    (base / "site-enabled.conf").write_text(site, encoding="utf-8")
    tmp = base / "tmp"
    # As root (CI containers), workers would become "nobody" and could not enter pytest's
    # private temporary folder; production runs them as www-data (the recipe's chown).
    user = "user root root;" if os.geteuid() == 0 else ""
    (base / "nginx.conf").write_text(f"""
{user}
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {tmp}/access.log;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {base}/site-enabled.conf;
}}
""", encoding="utf-8")
    command = [NGINX, "-p", str(tmp), "-e", str(tmp / "error.log"), "-c", str(base / "nginx.conf"),
               "-g", "daemon off;"]
    tested = subprocess.run([*command[:-2], "-t"], capture_output=True, text=True)
    assert tested.returncode == 0, tested.stderr
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    server = Nginx(base, https_port, http_port)
    try:
        deadline = time.monotonic() + 600  # ends only a broken run, never a slow one
        while True:  # wait for the listening socket (no timing asserted)
            try:
                socket.create_connection(("127.0.0.1", https_port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None:
                    raise AssertionError(process.stderr.read().decode())
                assert time.monotonic() < deadline, "nginx never listened"
                time.sleep(0.1)
        yield server
    finally:
        process.terminate()
        process.wait(timeout=600)


def _files(site: Path) -> list[str]:
    return sorted("/" + p.relative_to(site).as_posix() for p in site.rglob("*")
                  if p.is_file() and p.name != HEADERS_FILE)


def _pages(site: Path) -> list[str]:
    """Every page by its address (folder/), as people request them."""
    return sorted("/" + p.parent.relative_to(site).as_posix().removeprefix(".") + "/"
                  for p in site.rglob("index.html"))


def test_internal_archive_needs_a_password(nginx, published):
    site = published / "srv" / "internal"
    files = _files(site)
    paths = [*files, *_pages(site)]
    assert "/notices.json" in files
    assert sum(1 for f in files if f.startswith("/na-search/")) > 3
    assert any(f.startswith("/du-thao/") for f in files)  # internal-only pages are there
    for path in paths:
        status, headers, body = nginx.get(INTERNAL_HOST, path)
        assert status == 401, path
        assert "basic" in headers.get("www-authenticate", "").lower()
        assert b"notice-archive" not in body and "Cần đăng nhập".encode() in body
    for wrong in ((USER, "sai"), ("ai-do", PASSWORD), (REMOVED, PASSWORD)):
        assert nginx.get(INTERNAL_HOST, "/notices.json", auth=wrong)[0] == 401
    for path in paths:
        status, _, body = nginx.get(INTERNAL_HOST, path, auth=(USER, PASSWORD))
        assert status == 200, path
    assert nginx.get(INTERNAL_HOST, "/khong-co/", auth=(USER, PASSWORD))[0] == 404
    # The host's instructions file is not content.
    assert nginx.get(INTERNAL_HOST, "/_headers", auth=(USER, PASSWORD))[0] == 404


def test_public_archive_is_open_and_holds_no_internal_notice(nginx, published):
    site = published / "srv" / "public"
    for path in [*_files(site), *_pages(site)]:
        assert nginx.get(PUBLIC_HOST, path)[0] == 200, path
    assert not (site / "du-thao").exists()
    assert nginx.get(PUBLIC_HOST, "/du-thao/")[0] == 404


@pytest.mark.parametrize("host,profile", [(PUBLIC_HOST, "public"), (INTERNAL_HOST, "internal")])
def test_headers_are_those_of_the_build(nginx, published, host, profile):
    site = published / "srv" / profile
    expected = headers_for(parse_headers_file((site / HEADERS_FILE).read_text(encoding="utf-8")),
                           "/")
    auth = (USER, PASSWORD) if profile == "internal" else None
    for path in ("/", "/notices.json", "/khong-co/"):
        _, headers, _ = nginx.get(host, path, auth=auth)
        for name, value in expected:
            assert headers.get(name.lower()) == value, (path, name)
    if profile == "internal":  # even the 401 answer carries them
        _, headers, _ = nginx.get(host, "/")
        assert headers.get("content-security-policy") == dict(expected)["Content-Security-Policy"]


def test_json_is_sent_compressed(nginx, published):
    status, headers, body = nginx.get(PUBLIC_HOST, "/notices.json",
                                      headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("content-encoding") == "gzip"
    assert gzip.decompress(body) == (published / "srv" / "public" / "notices.json").read_bytes()
    shard = next(p for p in sorted((published / "srv" / "public" / "na-search").rglob("*.json"))
                 if p.stat().st_size > 256)
    path = "/" + shard.relative_to(published / "srv" / "public").as_posix()
    _, headers, _ = nginx.get(PUBLIC_HOST, path, headers={"Accept-Encoding": "gzip"})
    assert headers.get("content-encoding") == "gzip"
    assert headers.get("content-type", "").startswith("application/json")


def test_plain_http_only_redirects(nginx):
    conn = http.client.HTTPConnection("127.0.0.1", nginx.http_port, timeout=10)
    conn.request("GET", "/notices.json", headers={"Host": INTERNAL_HOST})
    response = conn.getresponse()
    assert response.status == 301
    assert response.getheader("Location") == f"https://{INTERNAL_HOST}/notices.json"
    assert b"notices" not in response.read()
