"""`python -m hooks.review DRAFT [--meeting ID] [--type TYPE] [--previous EARLIER] [--json]`:
the 自查 report of a draft (.txt, .md or .docx), as the /review/ page shows it, for batch use."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from hooks.data.errors import DataErrors
from hooks.data.library import load_library
from hooks.privacy import rules as privacy_rules
from hooks.privacy.checker import EXCEPTIONS_PATH, ExceptionsError, load_exceptions
from hooks.review.copycheck import copied
from hooks.review.engine import TYPES, analyse
from hooks.review.export import review_data
from hooks.review.rules import load_rules
from hooks.text.read import InputError, read_text

REPO = Path(__file__).resolve().parents[2]
CATEGORY_LABELS = {"person": "人名", "place": "地名", "unit": "单位", "phone": "电话", "id_number": "身份证号",
                   "email": "邮箱", "doc_number": "文号", "address": "地址"}


def review(draft: str, data: dict[str, Any], records: list[tuple[str, str]], *, meeting: str | None = None,
           doc_type: str | None = None, previous: str | None = None) -> dict[str, Any]:
    report = analyse(draft, data, meeting=meeting, doc_type=doc_type)
    report["copied"] = copied(draft, data, records, previous)
    return report


def text_report(report: dict[str, Any], data: dict[str, Any], titles: dict[str, str]) -> str:
    meetings = {m["id"]: m for m in data["meetings"]}
    meeting = meetings[report["meeting"]]
    out = [f"类型：{report['type']}（{report['type_from']}）",
           f"会议：{meeting['title']}（{report['meeting_from']}）", "", "== 部分"]
    for part in report["parts"]:
        where = f"第{part['line']}行" if part["found"] else "缺少"
        out.append(f"  {'✓' if part['found'] else '✗'} {part['name']}：{where}"
                   + ("（顺序靠前）" if not part["in_order"] else ""))
    out += ["", "== 对照检查的方面"]
    for aspect in report["aspects"]:
        where = f"第{aspect['line']}行，{aspect['items']}条" if aspect["found"] else "未找到"
        out.append(f"  {'✓' if aspect['found'] else '✗'} {aspect['title']}：{where}")
    for entry in report["foreign"]:
        out.append(f"  ! 第{entry['line']}行「{entry['heading']}」是{meetings[entry['meeting']]['title']}的方面：{entry['title']}")
    for entry in report["unmatched"]:
        out.append(f"  ? 第{entry['line']}行「{entry['heading']}」不是本次会议的方面")
    out += ["", "== 条目"]
    for item in report["items"]:
        judged = item["part"] in data["rules"]["concrete_parts"]
        notes = ["具体" if item["concrete"] else "不具体（没有人、事、时间、数字或例子）" if judged else "—"]
        if item["stock"]:
            notes.append("套话：" + "、".join(item["stock"]))
        if item.get("pseudo"):
            labels = {r["id"]: r["label"] for r in data["rules"]["pseudo_criticism"]}
            notes.append("伪批评：" + "、".join(labels[p] for p in item["pseudo"]))
        out.append(f"  第{item['line']}行 [{item['part'] or '—'}] {item['title'][:30]}：{'；'.join(notes)}")
    share = report["share_problems_causes"]
    out += ["", "== 问题和原因占全文", f"  {'—' if share is None else f'{share:.1%}'}"
            f"（问题{report['chars']['problems']}字，原因{report['chars']['causes']}字，全文{report['chars']['total']}字）"]
    out += ["", "== 个人信息"]
    out += [f"  第{p['line']}行 {CATEGORY_LABELS.get(p['category'], p['category'])}：{p['text']}"
            for p in report["personal_data"]] or ["  无"]
    out += ["", "== 雷同"]
    out += [f"  第{c['line']}–{c['end_line']}行 {c['chars']}字 与"
            + ("上次的材料相同" if c["previous"] else f"本库 {c['record']}（{titles.get(c['record'], '')}）相同")
            for c in report["copied"]] or ["  无"]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hooks.review", description=__doc__.splitlines()[0])
    parser.add_argument("draft", type=Path, help="the draft (.txt, .md or .docx)")
    parser.add_argument("--meeting", help="the meeting id (default: recognised, else the latest)")
    parser.add_argument("--type", choices=TYPES, help="the document type (default: recognised)")
    parser.add_argument("--previous", type=Path, help="an earlier draft (last year's), to find repeated text")
    parser.add_argument("--json", action="store_true", help="print the report as one JSON object")
    parser.add_argument("--data", type=Path, default=REPO / "data", help="the data folder (default: data)")
    args = parser.parse_args(argv)
    try:
        draft = read_text(args.draft)
        previous = read_text(args.previous) if args.previous else None
        library = load_library(args.data)
        rules = load_rules(args.data.resolve())
        exceptions = load_exceptions(args.data / EXCEPTIONS_PATH.name)
    except (InputError, DataErrors, ExceptionsError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    privacy_rules.use_word_lists(args.data / "privacy")  # the data folder's names, as its check reads them
    data = review_data(library, rules, exceptions, browser=False)
    if args.meeting and args.meeting not in {m["id"] for m in data["meetings"]}:
        print(f"error: --meeting {args.meeting}: expected one of {', '.join(m['id'] for m in data['meetings'])}",
              file=sys.stderr)
        return 2
    records = [(r.id, r.full_text) for r in library.records]
    report = review(draft, data, records, meeting=args.meeting, doc_type=args.type, previous=previous)
    try:
        if args.json:
            print(json.dumps(report, ensure_ascii=False, indent=1))
        else:
            print(text_report(report, data, {r.id: r.title for r in library.records}))
    except BrokenPipeError:  # the reader (head, less) stopped reading: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    sys.exit(main())
