"""MkDocs glue for hooks.site.page_stream: a generated page whose Markdown is read from the stream."""
from __future__ import annotations

from mkdocs.structure.files import File

from hooks.site.page_stream import PageStream


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
