"""Names made from data that become page paths and file names: each rule stated once, here, for
the tools that make the names (hooks.site.pages, hooks.word.templates) and for the check
(hooks.data.crossref), which refuses data whose names would collide or not fit.
tests/test_data_mistakes.py holds these rules against the real path and file-name functions."""
from __future__ import annotations

import re
import unicodedata

# Meeting, aspect, dimension and outline ids are path segments of the generated pages, beside
# pages with fixed names (hooks/site/pages.py): meetings/<meeting>/index.md and
# meetings/<meeting>/other.md (examples under no aspect) beside meetings/<meeting>/<aspect>.md;
# aspects/index.md beside aspects/<dimension>.md; cases/index.md beside cases/<meeting>.md;
# outlines/<outline>/index.md beside outlines/<outline>/<meeting>.md. An id with one of these
# names would take that page's place.
FIXED_PAGE_NAMES = frozenset({"index", "other"})

# Characters Windows does not allow in file names, and white space (the Word templates).
_UNSAFE_IN_FILE_NAME = re.compile(r'[\\/:*?"<>|\s]')
# The longest file name ext4, APFS and NTFS hold: 255 bytes (NTFS: 255 UTF-16 units, more than
# 255 bytes of UTF-8 always). A Chinese character takes 3 bytes in UTF-8.
FILE_NAME_BYTES = 255


def docx_file_name(meeting_title: str, outline_title: str) -> str:
    """<meeting>-<document type>.docx, in Chinese, safe on every file system."""
    return _UNSAFE_IN_FILE_NAME.sub("", f"{meeting_title}-{outline_title}") + ".docx"


def same_file_key(name: str) -> str:
    """Names with the same key are one file where case is not told apart (Windows, macOS) or
    Unicode is normalised (macOS): a site copied there would lose one of them."""
    return unicodedata.normalize("NFC", name).casefold()
