"""Serve a built site on 127.0.0.1 the way a static host does: gzip for text, under the site_url path.

GitHub Pages (our host) serves text gzip-compressed and the site under /<repo>/; Lighthouse must see the same,
or it scores uncompressed transfers that no reader ever gets.
"""

from __future__ import annotations

import gzip
import mimetypes
import posixpath
import threading
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map", ".webmanifest"}
GZIP_LEVEL = 6  # what nginx-style static hosts commonly use; stated in the results


def gzip_bytes(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def __init__(self, *args, root: Path, prefix: str, cache: dict, **kwargs) -> None:
        self.root = root
        self.prefix = prefix
        self.cache = cache
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args) -> None:  # quiet
        pass

    def _resolve(self) -> tuple[Path | None, str | None]:
        path = unquote(urlsplit(self.path).path)
        if not path.startswith(self.prefix):
            return None, None
        rel = posixpath.normpath(path[len(self.prefix):] or "/").lstrip("/")
        if rel.startswith(".."):
            return None, None
        target = self.root / rel if rel not in ("", ".") else self.root
        if target.is_dir():
            if not path.endswith("/"):
                return None, path + "/"
            target = target / "index.html"
        return (target if target.is_file() else None), None

    def _send(self, head_only: bool) -> None:
        target, redirect = self._resolve()
        if redirect:
            self.send_response(301)
            self.send_header("Location", redirect)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        status = 200
        if target is None:
            status = 404
            target = self.root / "404.html"
            if not target.is_file():
                self.send_error(404)
                return
        body = target.read_bytes()
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
            ctype += "; charset=utf-8"
        gz = "gzip" in (self.headers.get("Accept-Encoding") or "") and target.suffix in COMPRESSIBLE
        if gz:
            key = str(target)
            if key not in self.cache:
                self.cache[key] = gzip_bytes(body)
            body = self.cache[key]
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("Vary", "Accept-Encoding")
        if gz:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        if not head_only:
            self.wfile.write(body)

    def do_GET(self) -> None:
        self._send(False)

    def do_HEAD(self) -> None:
        self._send(True)


class StaticServer:
    """`with StaticServer(site, "/networking-for-phds/") as server: server.url(...)`."""

    def __init__(self, root: Path, prefix: str = "/") -> None:
        self.prefix = prefix if prefix.endswith("/") else prefix + "/"
        handler = partial(_Handler, root=Path(root), prefix=self.prefix, cache={})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, page: str = "") -> str:
        return self.origin + self.prefix + page.lstrip("/")

    def __enter__(self) -> StaticServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
