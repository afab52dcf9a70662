"""Clean pasted or converted text: web debris, paywall markers, Markdown, punctuation width."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from hooks.text.markdown import strip_markdown
from hooks.text.markers import INLINE_ITEM, match_marker
from hooks.text.punctuation import normalise_punctuation
from hooks.text.read import Source
from hooks.text.script import to_simplified


@dataclass
class Line:
    """One non-empty line of the cleaned document, with its line number in the input."""

    no: int
    text: str
    md_level: int = 0  # number of leading '#' in a Markdown heading, 0 otherwise


PAYWALL = re.compile(r"##\s*paid\w*\s*##", re.I)
# Pinyin a mirror site writes after a character (學(xué)習, 發(fā)揮): it splits words and names.
PINYIN_GLOSS = re.compile(r"(?<=[\u3400-\u9fff])[(（](?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{1,6}[)）]")
# A space between two Chinese characters inside a paragraph is a copied PDF's (政治 敏锐性).
# A gap before a numbering marker (…措施 一、存在的问题) is kept: it separates a heading.
# Nor before a label with a colon (…1月10日 地点：…, …。 副书记：…): minutes copied as one block.
CJK_GAP = re.compile(r"(?<=[\u3400-\u9fff，。；：、”])[ \u00a0]+(?=[\u3400-\u9fff，。；：、“])"
                     r"(?![一二三四五六七八九十]+、|[^\s：:，。；]{1,8}[：:])")
PARAGRAPH = 40  # a line this long is running text, not a heading or a title
# Lines that are never part of a document: site furniture around a pasted web page.
DEBRIS = re.compile(
    r"欢迎您|浏览量|阅读量|浏览次数|阅读次数|发布时间|发布日期|来源[:：]|作者[:：]|字号[:：]|"
    r"^[•·\-\s]*(点赞|收藏|分享|举报|打赏)\s*\d*$|打印本页|关闭窗口|扫一扫|版权所有|"
    r"上一篇|下一篇|返回顶部|^登录|^注册|^首页|当前位置|您的位置|责任编辑|^目录$"
    r"|^[^。，,]{1,20}(?:\s*[>»›]\s*[^。，,>»›]{1,12}){2,}\s*[>»›]?$"  # 某某网 > 范文大全 > 读书笔记 >
    r"|^(以上(报告|发言|材料|对照检查)|(请|恳请)(各位|大家|同志们)?(予以)?批评指正|不妥之处).{0,20}$"
)
# A breadcrumb (首页 > 范文 > 对照检查材料) names a document type but is no title.
BREADCRUMB = re.compile(r"[>»›]|当前位置|您的位置")
# Once the body has begun, these start the page's footer: everything after them is dropped.
TAIL = re.compile(r"^[•·\-\s]*(点赞|收藏|分享到?|相关文章|热门文章|相关推荐|推荐阅读|猜你喜欢|上一篇|下一篇)")
TITLE_WORDS = re.compile(r"对照检查材料|发言提纲|检视剖析材料|会议记录|会议纪要|对照检查发言|检查材料|剖析材料"
                         r"|主持词|主持稿|通知$|讲话$|民主生活会$|组织生活会$|自查报告")


def is_title(text: str) -> bool:
    """A document title: short, names a document type, no sentence end."""
    return (bool(TITLE_WORDS.search(text)) and len(text) <= 70 and not text.endswith(("。", "；"))
            and not BREADCRUMB.search(text))


@dataclass
class Cleaned:
    """Stage 2: the document's lines without web debris, and its title ("" when it has none)."""

    source: Source
    lines: list[Line]
    title: str
    dropped: int = 0  # debris lines removed
    joined: int = 0  # hard line breaks (PDF or 文库 copies) joined
    notes: list[tuple[int, str]] = field(default_factory=list)


def clean(source: Source) -> Cleaned:
    """Debris, paywall markers, Markdown and hard line breaks out; punctuation normalised."""
    raw_lines = sum(1 for line in source.text.splitlines() if line.strip())
    glosses = len(PINYIN_GLOSS.findall(source.text))
    unglossed = PINYIN_GLOSS.sub("", source.text)
    text = to_simplified(unglossed)
    traditional = sum(a != b for a, b in zip(text, unglossed))
    lines = clean_lines(text)
    kept = len(lines)
    lines, later = first_document(lines)
    first = len(lines)
    lines = unwrap(lines)
    if not lines:
        raise ValueError(f"{source.path}: no text left after removing web debris")
    title = lines[0].text if is_title(lines[0].text) or lines[0].md_level == 1 else ""
    notes = [(0, f"{traditional} traditional characters read as simplified")] if traditional else []
    notes += [(0, f"{glosses} pinyin glosses removed (學(xué) → 學)")] if glosses else []
    notes += [(later[0].no, f"from line {later[0].no} on, another document of the page ({later[0].text[:30]}), "
                            f"{len(later)} lines, not read")] if later else []
    return Cleaned(source, lines, title, raw_lines - kept, first - len(lines), notes)


# A line ends a paragraph when it ends a sentence (or a heading), not where a page was cut.
PARAGRAPH_END = re.compile(r"[。！？；：:”」』）)…\]】]$")


def join_title(lines: list[Line]) -> list[Line]:
    """A title cut over two lines (a PDF copy: 对照检 / 查材料): joined when only the two together
    read as a title."""
    for index in range(min(len(lines) - 1, 5)):
        first, second = lines[index].text, lines[index + 1].text
        joined = first + second
        if (not PARAGRAPH_END.search(first) and len(joined) <= 70 and is_title(joined)
                and not is_title(first) and not match_marker(second) and "。" not in joined):
            return lines[:index] + [Line(lines[index].no, joined, lines[index].md_level)] + lines[index + 2:]
    return lines


def unwrap(lines: list[Line]) -> list[Line]:
    """Join the hard line breaks of a copied PDF or 文库 page (lines cut at a fixed width).

    Only in a document where most long lines end mid-sentence; a line that starts with a
    numbering marker or a speaker always starts a new paragraph."""
    long_lines = [line for line in lines if len(line.text) >= 18 and not is_title(line.text)]
    cut = [line for line in long_lines if not PARAGRAPH_END.search(line.text)]
    if len(long_lines) < 6 or len(cut) < 0.4 * len(long_lines):
        return lines
    # The wrap width: the commonest length of the cut lines (a cut line is never much shorter);
    # a copy cut at a width has several lines of about that length.
    width = Counter(len(line.text) for line in cut).most_common(1)[0][0]
    if sum(1 for line in cut if abs(len(line.text) - width) <= 2) < 4:
        return lines
    out: list[Line] = []
    for line in lines:
        previous = out[-1] if out else None
        if (previous is not None and not previous.md_level and not line.md_level and not is_title(previous.text)
                and len(previous.text) >= width - 3 and not PARAGRAPH_END.search(previous.text)
                and not match_marker(line.text) and not INLINE_ITEM.match(line.text)):
            out[-1] = Line(previous.no, previous.text + line.text, previous.md_level)
        else:
            out.append(line)
    return out


# A 范文 page holds several documents, each opened by its number (篇二：, 【第二篇】, …范文第2篇).
DOCUMENT_MARK = re.compile(r"(?:^篇([一二三四五六七八九十\d]+)|第([一二三四五六七八九十\d]+)篇】?)[：:]?$")
CN_ORDINAL = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}


def first_document(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """The page's first document, and the lines of the documents after it (reported, not read)."""
    for index, line in enumerate(lines):
        found = DOCUMENT_MARK.search(line.text) if len(line.text) <= 40 else None
        number = next((g for g in found.groups() if g), "") if found else ""
        if index and (CN_ORDINAL.get(number) or (int(number) if number.isdigit() else 0)) >= 2:
            return lines[:index], lines[index:]
    return lines, []


def clean_lines(raw: str) -> list[Line]:
    """Return the document's lines without debris, in normalised form."""
    lines: list[Line] = []
    for number, original in enumerate(raw.splitlines(), start=1):
        text = PAYWALL.sub("", original).strip()
        if not text:
            continue
        text, level = strip_markdown(text)
        text = normalise_punctuation(text).strip()
        if len(text) >= PARAGRAPH or text.endswith(("。", "；", "！", "？")):  # running text, no title
            text = CJK_GAP.sub("", text)
        if text:
            lines.append(Line(number, text, level))
    return drop_tail(drop_toc(drop_head(join_title(lines))))


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
