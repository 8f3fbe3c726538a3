"""A local static host for the benchmarks: logs every request, gzips text like a real host."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import threading
from pathlib import Path

TEXT_TYPES = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map", ".webmanifest")


class _Handler(http.server.SimpleHTTPRequestHandler):
    log: list[str]
    # Keep-alive, as any real host does: HTTP/1.0 would cost a new connection per file.
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_head(self):
        self.log.append(self.path.split("?")[0])
        return super().send_head()


class _GzipHandler(_Handler):
    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if not (path.is_file() and path.suffix in TEXT_TYPES and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        self.log.append(self.path.split("?")[0])
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return _Body(body)


class _Body:
    """What send_head returns: a file-like object copyfile can read."""

    def __init__(self, data: bytes):
        self._data = data

    def read(self, *_):
        data, self._data = self._data, b""
        return data

    def close(self):
        pass


@contextlib.contextmanager
def serve(directory: Path, port: int = 0, compress: bool = False):
    """Serve `directory` on 127.0.0.1; yield (base URL ending in /, list of requested paths)."""
    log: list[str] = []
    base = _GzipHandler if compress else _Handler
    handler_class = type("Handler", (base,), {"log": log})
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", log
    finally:
        server.shutdown()
        server.server_close()
