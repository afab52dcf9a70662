"""The generated pages rendered in a forked process while MkDocs converts the earlier ones.

MkDocs reads a page's Markdown only when it comes to convert it, one page after the other, and
spends tens of seconds doing so; rendering every page up front (10,000 records: about 2 s) kept
it waiting. Here a forked process renders the pages in MkDocs' order and sends each one as soon
as it is done; a page MkDocs asks for is taken from what has arrived, waiting if needed
(hooks/mkdocs_stream.py: the MkDocs file that asks).

If the process fails, the pages it did not send are rendered here, so an error is raised as
without it. The caller checks that forking is safe (hooks.data.library.can_fork).
"""
from __future__ import annotations

from collections.abc import Callable
from functools import partial
from multiprocessing.connection import Connection

from hooks.site.forked import start_in_fork

Job = tuple[str, Callable[[], str]]  # (source path, function that renders the page's Markdown)


class PageStream:
    def __init__(self, jobs: list[Job]):
        self._render = dict(jobs)
        self._arrived: dict[str, str] = {}
        self._receiver, self._process = start_in_fork(partial(_send_pages, jobs))
        self._open = True

    def take(self, path: str) -> str:
        """The Markdown of the page at path, once."""
        while path not in self._arrived and self._open:
            try:
                arrived, markdown = self._receiver.recv()
            except (EOFError, OSError):  # all sent, or the process failed
                self.close()
                break
            self._arrived[arrived] = markdown
        if path in self._arrived:
            return self._arrived.pop(path)
        return self._render[path]()

    def close(self) -> None:
        if self._open:
            self._open = False
            self._receiver.close()
            self._process.join()


def _send_pages(jobs: list[Job], sender: Connection) -> None:
    for path, render in jobs:  # a failure ends the stream: the parent renders what is missing
        sender.send((path, render()))
