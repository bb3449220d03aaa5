"""What the browser tests and the benchmark share: a Chromium to drive and a quiet local server."""

from __future__ import annotations

import functools
import gzip
import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Without the background-networking flags Chromium keeps calling home, which a closed
# network refuses many times a second.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SYSTEM_CHROMIUMS = ("chromium", "chromium-browser", "google-chrome")


class NoChromiumError(RuntimeError):
    """No browser to drive: ``make test`` installs Debian's ``chromium`` when it can."""


def find_chromium() -> str:
    """Playwright's own Chromium where installed (GitHub's runners), else the system's."""
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            own = Path(p.chromium.executable_path)
            if own.exists():
                return str(own)
    except Exception:  # noqa: S110 (no Playwright browser: fall back to the system's)
        pass
    for name in SYSTEM_CHROMIUMS:
        found = shutil.which(name)
        if found:
            return found
    raise NoChromiumError("no Chromium found: install Debian's 'chromium' or run 'playwright install chromium'")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _GzipHandler(_QuietHandler):
    """Text files gzipped when the browser accepts it, as GitHub Pages serves them."""

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        kind = self.guess_type(str(path))
        textual = kind.startswith("text/") or kind in ("application/javascript", "application/json", "image/svg+xml")
        if not (path.is_file() and textual and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().do_GET()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


@contextmanager
def serve_folder(folder: Path, compress: bool = False) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port) for the duration; yields the root URL.
    ``compress``: gzip text files, as Pages does (for Lighthouse, which scores transfer)."""
    handler = functools.partial(_GzipHandler if compress else _QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":  # `make test` asks this before installing a Chromium
    try:
        print(find_chromium())
    except NoChromiumError as err:
        raise SystemExit(str(err)) from None
