"""Shared Playwright helpers: serve a built site locally, drive Debian's chromium, and record
every request so a test can prove nothing leaves the site.

Chromium comes from the Debian package (/usr/bin/chromium); `playwright install` is never used.
When chromium or Playwright is missing the tests skip locally but fail under CI=true.
The session fixtures (`chromium`, the builds) live in conftest.py, defined once.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require_chromium() -> None:
    """Skip when the browser is not available, except in CI where that is a failure."""
    problems = []
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problems.append("the Python package playwright is not installed")
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        problems.append(f"{CHROMIUM} is missing (apt-get install chromium)")
    if problems:
        message = "; ".join(problems)
        if IN_CI:
            pytest.fail(f"browser tests cannot run in CI: {message}", pytrace=False)
        pytest.skip(message)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass


@contextlib.contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """Serve directory on 127.0.0.1 (a free port) in a thread; yields the base URL ending in /."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextlib.contextmanager
def launch_chromium() -> Iterator[Any]:
    """A headless Debian chromium driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"], headless=True)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class RequestLog:
    """Every URL the page asked for; `outside` lists those that left the allowed origin."""

    allowed_prefix: str
    urls: list[str] = field(default_factory=list)

    def record(self, request: Any) -> None:
        self.urls.append(request.url)

    @property
    def outside(self) -> list[str]:
        return [url for url in self.urls if not self._inside(url)]

    def _inside(self, url: str) -> bool:
        scheme = urlsplit(url).scheme
        if scheme in ("data", "blob", "about"):
            return True
        return url.startswith(self.allowed_prefix)

    def assert_nothing_left(self) -> None:
        assert self.urls, "no request was recorded: the log is not attached"
        assert not self.outside, f"requests left the site: {self.outside}"


def watch_requests(context: Any, allowed_prefix: str) -> RequestLog:
    """Record every request of every page (and worker/iframe) in a browser context."""
    log = RequestLog(allowed_prefix)
    context.on("request", log.record)
    return log
