"""Clean pasted or converted text: web debris, paywall markers, Markdown, punctuation width."""
from __future__ import annotations

import re
from dataclasses import dataclass

from hooks.text.doctypes import BREADCRUMB, is_title  # noqa: F401 - is_title used by structure, pipeline
from hooks.text.markdown import strip_markdown
from hooks.text.punctuation import normalise_punctuation


@dataclass
class Line:
    """One non-empty line of the cleaned document, with its line number in the input."""

    no: int
    text: str
    md_level: int = 0  # number of leading '#' in a Markdown heading, 0 otherwise


PAYWALL = re.compile(r"##\s*paid\w*\s*##", re.I)
# Lines that are never part of a document: site furniture around a pasted web page.
DEBRIS = re.compile(
    r"欢迎您|浏览量|阅读量|浏览次数|阅读次数|发布时间|发布日期|来源[:：]|作者[:：]|字号[:：]|"
    r"^[•·\-\s]*(点赞|收藏|分享|举报|打赏)\s*\d*$|打印本页|关闭窗口|扫一扫|版权所有|"
    r"上一篇|下一篇|返回顶部|^登录|^注册|^首页|当前位置|您的位置|责任编辑|^目录$"
    r"|^(以上(报告|发言|材料|对照检查)|(请|恳请)(各位|大家|同志们)?(予以)?批评指正|不妥之处).{0,20}$"
)
# Once the body has begun, these start the page's footer: everything after them is dropped.
TAIL = re.compile(r"^[•·\-\s]*(点赞|收藏|分享到?|相关文章|热门文章|相关推荐|推荐阅读|猜你喜欢|上一篇|下一篇)")


def clean_lines(raw: str) -> list[Line]:
    """Return the document's lines without debris, in normalised form."""
    lines: list[Line] = []
    for number, original in enumerate(raw.splitlines(), start=1):
        text = PAYWALL.sub("", original).strip()
        if not text:
            continue
        text, level = strip_markdown(text)
        text = normalise_punctuation(text).strip()
        if text:
            lines.append(Line(number, text, level))
    return drop_tail(drop_toc(drop_head(lines)))


def drop_head(lines: list[Line]) -> list[Line]:
    """Drop debris and a table of contents before the document title, if a title is found."""
    for index, line in enumerate(lines[:40]):
        if is_title(line.text):
            before = lines[:index]
            # Only short lines without sentences (menus, TOC, site names) may be dropped.
            if all(len(b.text) <= 40 and "。" not in b.text for b in before):
                return lines[index:]
            break
    return [line for line in lines if not DEBRIS.search(line.text)]


def drop_toc(lines: list[Line]) -> list[Line]:
    """Drop a 目录 line and the run of short lines after it that repeat later in the document."""
    for index, line in enumerate(lines[:40]):
        if re.fullmatch(r"目\s*录[：:]?", line.text):
            end = index + 1
            while (end < len(lines) and len(lines[end].text) <= 40
                   and any(later.text == lines[end].text for later in lines[end + 1:])):
                end += 1
            return lines[:index] + lines[end:]
    return lines


def drop_tail(lines: list[Line]) -> list[Line]:
    """Cut the page footer (点赞/收藏/相关文章 …) and drop remaining debris lines."""
    kept: list[Line] = []
    for index, line in enumerate(lines):
        if index > 2 and TAIL.match(line.text) and len(line.text) <= 20:
            break
        if not DEBRIS.search(line.text):
            kept.append(line)
    return kept
