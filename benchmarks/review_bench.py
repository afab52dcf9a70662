"""Benchmark of the 自查 page: a 10,000-character draft against 10,000 records, one line per figure.

The project is built once (or --site is copied) and its api/records*.js replaced by generated
records (benchmarks/find_bench.py's generator: the page shell, the rules in api/review.js and
the code are the real ones). A draft of --chars characters is made in the shape of a 2025
班子对照检查材料 (parts, the five aspects, 一是/二是 items) from the generated texts: every fifth
item repeats a record, and since the generated records are made of clauses from small pools,
nearly every record shares long runs with it, the copy check's worst case. For comparison, the
copy check of the test drafts (written apart from the records) is measured too. In headless Debian chromium, at each --throttle CPU slowdown
(1 = this machine; 4 ≈ an old office PC, Chrome's own "low-end" preset), as medians of --runs:

- report after a paste: the time the page's input handler takes from the paste to the report
  in the DOM (analysis + rendering), and to the next frame's layout (ready to paint);
- copy check: the first one of a page (the library's texts made into letters-only strings once)
  and the next ones, against every record; and, once, the time from opening the page and
  pasting to the copy check done, the records' scripts (records.js, records-text.js) included;
- the Python twin (hooks.review) on the same draft and records, for batch use.

Usage: .venv/bin/python -m benchmarks.review_bench [--records 10000] [--chars 10000] [--runs 9]
       [--throttle 1 4] [--site site]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))
if str(REPO_ROOT / "tests") not in sys.path:
    sys.path.insert(0, str(REPO_ROOT / "tests"))

from benchmarks.find_bench import build_site, generate_dataset, write_api  # noqa: E402

CN = "一二三四五六七八九十"

# The paste handler reports synchronously; the next frame's style and layout (forced in the
# frame's animation callback) is when the report can be painted. The copy check starts after.
PASTE_JS = """
async (text) => {
  const box = document.getElementById("msh-review-draft");
  box.value = text;
  const start = performance.now();
  box.dispatchEvent(new InputEvent("input", {inputType: "insertFromPaste", bubbles: true}));
  const inDom = performance.now() - start;
  const laidOut = await new Promise(r => requestAnimationFrame(() => { void document.body.offsetHeight; r(performance.now() - start); }));
  await new Promise(r => setTimeout(r, 0));
  return [inDom, laidOut];
}
"""

COPY_JS = """
(text) => {
  const page = MSHReview.page;
  const library = MSHReview.records(window.MSH_FIND, window.MSH_FIND_TEXT);
  let start = performance.now();
  const found = page.engine.copied(text, library, null);
  const first = performance.now() - start;
  start = performance.now();
  page.engine.copied(text, library, null);
  return [first, performance.now() - start, found.length, library.records.length];
}
"""


def make_draft(records: list[dict[str, Any]], chars: int, seed: int = 5) -> str:
    """A 2025 班子对照检查材料 of about `chars` characters; every fifth item repeats a record."""
    rng = random.Random(seed)
    aspects = ["带头强化政治忠诚、提高政治能力", "带头固本培元、增强党性", "带头敬畏人民、敬畏组织、敬畏法纪",
               "带头干事创业、担当作为", "带头坚决扛起管党治党责任"]
    texts = [r["text"].replace("\n", "") for r in records]
    lines = ["某局领导班子2025年度民主生活会对照检查材料", "",
             "按照上级部署，班子会前开展集中学习研讨3次，谈心谈话46人次，征求意见建议28条。", "一、存在的问题"]
    per_part = max(2, (chars - 400) // 5 // 6 // 120)
    count = 0
    for index, aspect in enumerate(aspects):
        lines.append(f"（{CN[index]}）在{aspect}方面")
        for item in range(per_part):
            count += 1
            body = rng.choice(texts) if count % 5 == 0 else (
                f"学习不够深入，{rng.choice(texts)[:40]}。例如，2025年{rng.randint(1, 12)}月，"
                f"班子成员{rng.choice('ABCD')}在某社区走访时发现{rng.randint(2, 30)}户群众反映的问题未及时解决。")
            lines.append(f"{CN[item % 10]}是{body}")
    for part in ("二、原因分析", "三、整改措施"):
        lines.append(part)
        for item in range(per_part):
            lines.append(f"（{CN[item % 10]}）进一步加强{rng.choice(texts)[:60]}，2026年{rng.randint(1, 12)}月前完成。")
    text = "\n".join(lines)
    while len(text) < chars:
        text += "\n" + f"（{CN[rng.randint(0, 9)]}）{rng.choice(texts)}"
    return text[:chars]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def written_apart() -> str:
    """The test drafts (tests/review_drafts/), written apart from any record: what most drafts
    are, against the generated draft made of the records' own clauses (the worst case)."""
    names = ("good_2025.txt", "abbreviated.txt", "ai_template.txt", "last_year_aspects.txt", "piping.txt")
    return "\n".join((REPO_ROOT / "tests" / "review_drafts" / name).read_text(encoding="utf-8") for name in names)


def measure_page(site: Path, draft: str, runs: int, throttles: list[float]) -> list[tuple[str, float]]:
    from browser import launch_chromium, serve_directory

    written = written_apart()
    figures: list[tuple[str, float]] = []
    with launch_chromium() as browser, serve_directory(site) as base:
        # Once, unthrottled: open the page, paste, and wait for the copy check (records loaded).
        context = browser.new_context()
        page = context.new_page()
        start = time.perf_counter()
        page.goto(base + "review/")
        page.wait_for_selector("#msh-review[data-state=ready]")
        ready = time.perf_counter() - start
        page.evaluate(PASTE_JS, draft)
        page.wait_for_selector("#msh-review-report[data-copy-state=done]", timeout=120_000)
        figures.append(("page ready (rules loaded, engine warmed up), from navigation", ready * 1000))
        figures.append(("paste to copy check done, first time (records.js + records-text.js loaded)",
                        (time.perf_counter() - start - ready) * 1000))
        report = json.loads(page.get_attribute("#msh-review-report", "data-report"))
        figures.append(("  passages found", len(report["copied"])))
        context.close()
        for throttle in throttles:
            context = browser.new_context()
            page = context.new_page()
            page.goto(base + "review/")
            page.wait_for_selector("#msh-review[data-state=ready]")
            page.evaluate(PASTE_JS, draft)  # loads the records, outside the timings
            page.wait_for_selector("#msh-review-report[data-copy-state=done]", timeout=120_000)
            cdp = context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
            in_dom, painted, first_copy, next_copy = [], [], [], []
            for run in range(runs):
                text = draft if run % 2 == 0 else draft[:-1] + "。"  # a changed draft each time
                dom, paint = page.evaluate(PASTE_JS, text)
                in_dom.append(dom)
                painted.append(paint)
                first, again, _, count = page.evaluate(COPY_JS, text)
                first_copy.append(first)
                next_copy.append(again)
            own, _own_again, _, _ = page.evaluate(COPY_JS, written)
            label = f"CPU ×{throttle:g}"
            figures += [(f"{label}: report after a paste, in the DOM", median(in_dom)),
                        (f"{label}: report after a paste, laid out in the next frame", median(painted)),
                        (f"{label}: copy check against {count} records, first of a page", median(first_copy)),
                        (f"{label}: copy check against {count} records, next", median(next_copy)),
                        (f"{label}: copy check of a draft written apart ({len(written)} characters), first of a page", own)]
            context.close()
    return figures


def measure_python(draft: str, records: list[dict[str, Any]], runs: int) -> list[tuple[str, float]]:
    from hooks.data.library import load_library
    from hooks.review.copycheck import copied
    from hooks.review.engine import analyse
    from hooks.review.export import review_data
    from hooks.review.rules import load_rules

    data_dir = REPO_ROOT / "data"
    data = review_data(load_library(data_dir), load_rules(data_dir), browser=False)
    pairs = [(r["id"], r["text"]) for r in records]
    report_times, copy_times = [], []
    for _ in range(max(3, runs // 3)):
        start = time.perf_counter()
        analyse(draft, data)
        report_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        copied(draft, data, pairs)
        copy_times.append(time.perf_counter() - start)
    return [("python: report", median(report_times) * 1000),
            (f"python: copy check against {len(pairs)} records", median(copy_times) * 1000)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--chars", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--throttle", type=float, nargs="+", default=[1, 4])
    parser.add_argument("--site", type=Path, help="an existing build to copy instead of building")
    parser.add_argument("--no-python", action="store_true", help="skip the Python twin")
    args = parser.parse_args(argv)
    dataset = generate_dataset(args.records)
    draft = make_draft(dataset["records"], args.chars)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        if args.site:
            shutil.copytree(args.site, site)
            print(f"site: a copy of {args.site}, api/records*.js replaced by {args.records} generated records")
        else:
            build_site(site)
            print(f"site: this project built now, api/records*.js replaced by {args.records} generated records")
        write_api(site, dataset)
        print(f"draft: {len(draft)} characters, {draft.count(chr(10)) + 1} lines; medians of {args.runs} runs")
        figures = measure_page(site, draft, args.runs, args.throttle)
    if not args.no_python:
        figures += measure_python(draft, dataset["records"], args.runs)
    for name, value in figures:
        print(f"{name}: {value:.0f}" + ("" if name.startswith("  ") else " ms"))
    # Wall-clock figures: other load on the machine makes them longer.
    print("load average (1, 5, 15 min): " + ", ".join(f"{x:.1f}" for x in os.getloadavg()) + f" on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
