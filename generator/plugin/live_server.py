"""The HTTP side of `serve`: mkdocs' live-reload server, answering from the on-demand site.

mkdocs' LiveReloadServer brings the file watcher, the debounce of a burst of saves, and the
long poll (/livereload/<epoch>/<id>) that reloads open pages once a save has been taken in;
requests wait while a save is being taken in, so no page mixes two states of the archive. Here
its builder is OnDemandSite.refresh, and pages come from OnDemandSite instead of a built
folder. Pages are sent with the published site's Content-Security-Policy, and the reload
script is loaded from the server rather than written inline, so that policy holds for it.
"""

from __future__ import annotations

import os
import re
import urllib.parse
from pathlib import Path

import watchdog.events
from mkdocs.livereload import LiveReloadServer, _timestamp
from watchdog.observers import Observer

from ..publish import content_security_policy, inline_script_hashes
from .on_demand import OnDemandSite

SCRIPT_PATH = "/livereload/script.js"
WRITES = {"created", "modified", "deleted", "moved", "closed"}  # "closed": after a write
SCRIPT = (Path(__file__).with_name("livereload.js")).read_bytes()
# What is put before </body> of every HTML page served; a test strips exactly this.
INJECTED = re.compile(rb'<script src="/livereload/script\.js" data-epoch="\d+" '
                      rb'data-request="\d+"></script>(?=</body>)')


class PreviewServer(LiveReloadServer):
    def __init__(self, site: OnDemandSite, host: str, port: int, mount_path: str = "/"):
        super().__init__(builder=site.refresh, host=host, port=port, root=str(site.folder),
                         mount_path=mount_path)
        self.site = site
        self.error_handler = lambda code: (site.not_found_page() if code == 404
                                           else site.failure_page())
        # The system's change notification rather than polling 10,000 files twice a second
        # (watchdog comes with mkdocs).
        self.observer = Observer()

    def watch(self, path: str, func=None, *, recursive: bool = True) -> None:
        """As mkdocs' watch, but only writes count: the system observer also reports files
        being opened and read, which taking in a save does to every notice."""
        path = os.path.abspath(path)
        if path in self._watched_paths:
            self._watched_paths[path] += 1
            return
        self._watched_paths[path] = 1

        def changed(event) -> None:
            if event.is_directory or event.event_type not in WRITES:
                return
            with self._rebuild_cond:
                self._want_rebuild = True
                self._rebuild_cond.notify_all()

        handler = watchdog.events.FileSystemEventHandler()
        handler.on_any_event = changed
        self._watch_refs[path] = self.observer.schedule(handler, path, recursive=recursive)

    def _serve_request(self, environ, start_response):
        path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
        if path == SCRIPT_PATH:
            start_response("200 OK", [("Content-Type", "application/javascript"),
                                      ("Content-Length", str(len(SCRIPT))),
                                      ("Cache-Control", "no-cache")])
            return [SCRIPT]
        if path.startswith("/livereload/"):
            return super()._serve_request(environ, start_response)
        if not (path + "/").startswith(self.mount_path):
            if path == "/":
                start_response("302 Found", [("Location", urllib.parse.quote(self.mount_path))])
                return []
            return None
        rel = path[len(self.mount_path):]
        # Wait until a save being taken in is done, so no page mixes two states of the archive.
        with self._epoch_cond:
            self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch)
            epoch = self._visible_epoch
        response = self.site.get(rel)
        if response is None:
            if not path.endswith("/") and self.site.has_page(rel):
                start_response("302 Found", [("Location", urllib.parse.quote(path) + "/")])
                return []
            return None
        body = response.body
        headers = [("Content-Type", response.content_type), ("Cache-Control", "no-cache")]
        if response.content_type.startswith("text/html"):
            body = self._inject_js_into_html(body, epoch)
            # The published site's policy, so a preview shows what the policy would block.
            headers.append(("Content-Security-Policy",
                            content_security_policy(inline_script_hashes(body))))
        status = "200 OK" if response.status == 200 else "500 Internal Server Error"
        start_response(status, [*headers, ("Content-Length", str(len(body)))])
        return [body]

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        tag = (f'<script src="{SCRIPT_PATH}" data-epoch="{epoch}" '
               f'data-request="{_timestamp()}"></script>').encode()
        end = content.rfind(b"</body>")
        if end < 0:
            end = len(content)
        return content[:end] + tag + content[end:]

    def serve_request(self, environ, start_response):
        # mkdocs answers errors as text/html without a charset: our pages are UTF-8.
        def start(status, headers, exc_info=None):
            headers = [(k, "text/html; charset=utf-8" if k == "Content-Type"
                        and v == "text/html" else v) for k, v in headers]
            return start_response(status, headers, exc_info) if exc_info else \
                start_response(status, headers)
        return super().serve_request(environ, start)
