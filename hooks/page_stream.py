"""The generated pages rendered in a forked process while MkDocs converts the earlier ones.

MkDocs reads a page's Markdown only when it comes to convert it, one page after the other, and
spends tens of seconds doing so; rendering every page up front (10,000 records: about 2 s) kept
it waiting. Here a forked process renders the pages in MkDocs' order and sends each one as soon
as it is done; a page MkDocs asks for is taken from what has arrived, waiting if needed.

If the process fails, the pages it did not send are rendered here, so an error is raised as
without it. The caller checks that forking is safe (hooks.library.can_fork).
"""
from __future__ import annotations

from collections.abc import Callable
from functools import partial
from multiprocessing.connection import Connection

from mkdocs.structure.files import File

from hooks.forked import start_in_fork

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


class StreamedPage(File):
    """A generated page whose Markdown comes from a PageStream when MkDocs first reads it."""

    stream: PageStream

    @classmethod
    def of(cls, config, path: str, stream: PageStream) -> StreamedPage:
        page = cls.generated(config, path, content="")
        page._content = None  # not read yet (File.generated wants some content)
        page.stream = stream
        return page

    def _markdown(self) -> str | bytes:
        if self._content is None:
            self._content = self.stream.take(self.src_uri)
        return self._content

    @property
    def content_string(self) -> str:
        content = self._markdown()
        return content if isinstance(content, str) else content.decode("utf-8-sig")

    @content_string.setter
    def content_string(self, value: str) -> None:
        File.content_string.fset(self, value)

    @property
    def content_bytes(self) -> bytes:
        content = self._markdown()
        return content.encode() if isinstance(content, str) else content

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        File.content_bytes.fset(self, value)

    def is_modified(self) -> bool:
        return True
