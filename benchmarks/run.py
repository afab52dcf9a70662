"""Build benchmark: our hooks against plain MkDocs + Material on the same pages.

For each size (0, 1,000 and 10,000 records; `--quick`: 1,000 only, 2 runs, no /find/ browser
benchmark; about 50 s) a synthetic data folder is generated (benchmarks/generate.py) and built
- "ours": `mkdocs build --strict` with the hooks, MSH_DATA_DIR pointing at the data;
- "floor": the same pages, written out as plain Markdown files (hooks.site.pages.Renderer.pages()
  plus docs/), built by plain MkDocs + Material from a config that INHERITs mkdocs.yml with
  `hooks: []` and the same nav, theme and extensions, and the plugins a plain Material site
  would use: Material's search plugin with jieba and the domain user dictionary, as this site
  was configured before it had its own search (FLOOR_SEARCH), and tags. Ours has no search
  plugin: its search data are api/records*.js and api/pages.js.
The two alternate, several runs each, every run in a fresh child process; the medians of wall
time and peak memory (ru_maxrss of the child) are reported with the ratio ours/floor.

Also reported: time per 1,000 records (the build above the 0-record build, which holds the
fixed start-up: imports, Word files, the pages without records), stage times inside our build
(in-process), YAML loading time, the search data every page loads (ours) against the floor's
search_index.json, /find/ sizes (raw and gzip), the page weight of a typical page before data,
and the browser benchmark of 检索 and the header search box (benchmarks/find_bench.py, with
Material's search on the floor's build for scale). One line per figure; the last line is
`ratio=<ours/floor at the largest size>`.

Usage: .venv/bin/python benchmarks/run.py [--quick] [--runs N] [--sizes 1000,10000]
       [--page docs/about/performance.md]  (writes the figures into that page)
"""
from __future__ import annotations

import argparse
import datetime
import gc
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import yaml  # noqa: E402

from benchmarks.generate import generate  # noqa: E402

# Runs a command and reports its wall time and peak resident memory; a fresh process per run,
# so RUSAGE_CHILDREN holds that one build only.
_MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mib": usage.ru_maxrss / 1024,
                  "rc": done.returncode,
                  "err": done.stderr[-4000:]}))
"""
_MARK_BEGIN, _MARK_END = "<!-- bench:begin -->", "<!-- bench:end -->"
REPEATS = {"in_process": 3}  # repeats of the in-process timings; 1 with --quick
# The floor's search: Material's plugin as mkdocs.yml had it before the site's own search (with
# search.highlight among the theme's features).
FLOOR_SEARCH = {"search": {"lang": "zh", "jieba_dict_user": str(REPO_ROOT / "benchmarks" / "floor_jieba_user_dict.txt")}}


class Report:
    """Prints one line per figure and keeps them for the about page."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def __call__(self, line: str) -> None:
        self.lines.append(line)
        print(line, flush=True)


def measured(command: list[str], env: dict[str, str]) -> dict:
    out = subprocess.run([sys.executable, "-c", _MEASURE, *command], env=env, cwd=REPO_ROOT,
                         capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    if result["rc"] != 0:
        raise SystemExit(f"build failed: {' '.join(command)}\n{result['err']}")
    return result


def build_env(data_dir: Path, site_dir: Path) -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "MSH_DATA_DIR": str(data_dir), "SITE_DIR": str(site_dir)}
    env.pop("OFFLINE", None)
    return env


def mkdocs_build(config: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config)]


# ---- the floor: the same pages as plain Markdown files -------------------------------------

def write_floor(data_dir: Path, work: Path) -> Path:
    """Docs folder with every generated page and Word file + docs/, a config without hooks; return it.

    Mirrors hooks/mkdocs_hooks.py on_config and on_files; keep the two in step."""
    from mkdocs.config import load_config

    from hooks.word.templates import docx_files
    from hooks.check import load_library
    from hooks.site.markdown_text import MarkdownEscaper
    from hooks.mkdocs_hooks import _escaped_chars
    from hooks.site.navigation import build_nav
    from hooks.site.pages import Renderer

    docs = work / "floor-docs"
    shutil.copytree(REPO_ROOT / "docs", docs)
    library = load_library(data_dir)
    config = load_config(str(REPO_ROOT / "mkdocs.yml"))
    downloads: dict[str, list[dict]] = {}
    for word in docx_files(library):  # as on_files does, but as files on disk
        (docs / word.path).parent.mkdir(parents=True, exist_ok=True)
        (docs / word.path).write_bytes(word.content)
        downloads.setdefault(word.outline_page, []).append({"label": word.label, "path": quote(word.path)})
    renderer = Renderer(library, MarkdownEscaper(_escaped_chars(config)), downloads=downloads)
    for path, markdown in renderer.pages():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    # Plain Material: its own header (no custom_dir) and its search plugin; the other plugins as
    # mkdocs.yml has them (a list replaces the inherited one; mappings merge into theirs).
    plugins = [FLOOR_SEARCH, "tags", {"offline": {"enabled": False}}]
    empty_theme = work / "floor-theme"
    empty_theme.mkdir(exist_ok=True)
    floor = {"INHERIT": str(REPO_ROOT / "mkdocs.yml"), "docs_dir": str(docs), "hooks": [], "watch": [],
             "nav": build_nav(library, docs), "plugins": plugins,
             # An empty custom_dir in place of overrides/ (a merged mapping cannot drop the key).
             "theme": {"custom_dir": str(empty_theme), "features": [*config.theme["features"], "search.highlight"]}}
    config_path = work / "floor-mkdocs.yml"
    config_path.write_text(yaml.safe_dump(floor, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config_path


# ---- figures -----------------------------------------------------------------------------

def timed(function: Callable[[], object], runs: int | None = None) -> float:
    times = []
    for _ in range(runs or REPEATS["in_process"]):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def stage_times(data_dir: Path, report: Report, label: str) -> None:
    """Where our own time goes, measured in this process (not the timed builds)."""
    from hooks.data import crossref, library as lib
    from hooks.privacy.data_check import personal_data
    from hooks.data.loader import _BaseLoader, load_document
    from hooks.site.pages import Renderer

    files = sorted(data_dir.rglob("*.yaml"))
    files = [f for f in files if "schema" not in f.parts]

    def load_all() -> None:
        for path in files:
            load_document(path, path.name)

    report(f"yaml load {label}: {timed(load_all):.2f} s for {len(files)} files "
           f"({_BaseLoader.__name__}, as hooks.data.loader loads them)")
    documents, errors = lib.read_documents(data_dir)
    assert not errors, errors
    report(f"stage read+schema {label}: {timed(lambda: lib.read_documents(data_dir), 1):.2f} s")
    report(f"stage crossref {label}: {timed(lambda: crossref.check(documents)):.2f} s")
    report(f"stage privacy scan {label}: {timed(lambda: personal_data(documents), 1):.2f} s")
    library = lib.build_library(documents)
    report(f"stage model {label}: {timed(lambda: lib.build_library(documents)):.2f} s")
    report(f"stage render pages {label}: {timed(lambda: list(Renderer(library).pages())):.2f} s "
           f"({sum(1 for _ in Renderer(library).pages())} pages)")


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def kib(size: int) -> str:
    return f"{size / 1024:.1f} KiB"


_ASSET = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]*href|script[^>]*src)="([^"#?]+)')


def page_assets(site: Path, page: Path) -> list[Path]:
    """The local CSS and JS files a built page references."""
    html = page.read_text(encoding="utf-8")
    found = []
    for ref in _ASSET.findall(html):
        if "://" in ref:
            continue
        path = (page.parent / ref).resolve()
        if path.is_file() and site.resolve() in path.parents:
            found.append(path)
    return found


def page_weight(site: Path, page: Path) -> tuple[int, int]:
    """Raw and gzip bytes of a page's HTML plus the CSS and JS it references (no records data)."""
    files = [page, *page_assets(site, page)]
    return sum(f.stat().st_size for f in files), sum(gz(f.read_bytes()) for f in files)


def site_sizes(site: Path, floor_site: Path, report: Report, label: str) -> None:
    # What every page loads for search (once: the same files on every page, cached), against
    # what a page of the floor loads for Material's search.
    search = [(site / "api" / name).read_bytes() for name in ("records.js", "records-text.js", "pages.js")]
    index = (floor_site / "search" / "search_index.json").read_bytes()
    report(f"search data {label}: ours api/records.js + records-text.js + pages.js "
           f"{kib(sum(map(len, search)))} raw, {kib(sum(map(gz, search)))} gzip "
           f"(pages.js {kib(len(search[2]))} raw, {kib(gz(search[2]))} gzip); floor search_index.json "
           f"{kib(len(index))} raw, {kib(gz(index))} gzip")
    find = site / "find" / "index.html"
    raw, packed = page_weight(site, find)
    # The page loads api/records.js first (its first results) and api/records-text.js after.
    first, texts = ((site / "api" / name).read_bytes() for name in ("records.js", "records-text.js"))
    report(f"/find/ loads {label}: page+CSS+JS {kib(raw)} raw, {kib(packed)} gzip; "
           f"api/records.js {kib(len(first))} raw, {kib(gz(first))} gzip (first results); "
           f"api/records-text.js {kib(len(texts))} raw, {kib(gz(texts))} gzip; "
           f"total {kib(raw + len(first) + len(texts))} raw, {kib(packed + gz(first) + gz(texts))} gzip")
    pages = sorted((p for p in (site / "meetings").rglob("index.html") if p.parent.parent.name != "meetings"),
                   key=lambda p: p.stat().st_size)
    typical = pages[len(pages) // 2]
    raw, packed = page_weight(site, typical)
    biggest = pages[-1]
    big_raw, big_packed = page_weight(site, biggest)
    report(f"page weight {label}: median aspect page {typical.relative_to(site).parent}/ "
           f"HTML+CSS+JS {kib(raw)} raw, {kib(packed)} gzip; largest "
           f"{biggest.relative_to(site).parent}/ {kib(big_raw)} raw, {kib(big_packed)} gzip")


def find_bench(site: Path, floor_site: Path, count: int, runs: int, report: Report) -> None:
    script = REPO_ROOT / "benchmarks" / "find_bench.py"
    if runs == 0:
        report(f"find {count}: skipped (--quick; --find-runs N to run benchmarks/find_bench.py)")
        return
    if not script.exists():
        report("find: benchmarks/find_bench.py not present; /find/ latency not measured")
        return
    done = subprocess.run([sys.executable, "-m", "benchmarks.find_bench", "--records", str(count),
                           "--runs", str(runs), "--site", str(site), "--material-site", str(floor_site)],
                          cwd=REPO_ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        report(f"find {count}: find_bench failed: {done.stderr.strip().splitlines()[-1:]}")
        return
    for line in done.stdout.splitlines():
        if line.strip():
            report(f"find {count}: {line.strip()}")


# ---- main --------------------------------------------------------------------------------

def build_both(count: int, runs: int, work: Path, report: Report) -> tuple[Path, dict]:
    """Generate `count` records, build ours and the floor `runs` times each; report and return
    the data folder and the medians."""
    data_dir = generate(count, work / f"data-{count}")
    floor_config = write_floor(data_dir, work / f"floor-{count}")
    label = f"{count} records"
    ours, floor = [], []
    for run in range(runs):  # alternate, so a busy moment hits both
        ours.append(measured(mkdocs_build(REPO_ROOT / "mkdocs.yml"), build_env(data_dir, work / f"site-{count}")))
        floor.append(measured(mkdocs_build(floor_config), build_env(data_dir, work / f"floor-site-{count}")))
    med = {name: {key: statistics.median(r[key] for r in results) for key in ("wall", "cpu", "rss_mib")}
           for name, results in (("ours", ours), ("floor", floor))}
    for name, results in (("ours", ours), ("floor", floor)):
        walls = " ".join(f"{r['wall']:.1f}" for r in results)
        report(f"build {name} {label}: median {med[name]['wall']:.2f} s (runs {walls}), "
               f"CPU {med[name]['cpu']:.2f} s, peak memory {med[name]['rss_mib']:.0f} MiB")
    return data_dir, med


def bench_fixed(runs: int, work: Path, report: Report) -> dict:
    """The site without records (meetings, outlines, Word files, the pages around them): what
    every build costs whatever its size, subtracted for the time per 1,000 records."""
    _, med = build_both(0, runs, work, report)
    report(f"fixed start-up (0 records): ours {med['ours']['wall']:.2f} s, floor {med['floor']['wall']:.2f} s")
    return med


def bench_size(count: int, runs: int, work: Path, report: Report, find_runs: int, fixed: dict | None) -> dict:
    data_dir, med = build_both(count, runs, work, report)
    label = f"{count} records"
    ratio = med["ours"]["wall"] / med["floor"]["wall"]
    report(f"ratio ours/floor {label}: {ratio:.3f} wall, {med['ours']['cpu'] / med['floor']['cpu']:.3f} CPU "
           f"(memory {med['ours']['rss_mib'] / med['floor']['rss_mib']:.2f})")
    # What the records cost: the build above the one without records, per 1,000.
    whole = f"whole build per 1,000 records {label}: ours {med['ours']['wall'] / count * 1000:.2f} s"
    per_1k = {name: (med[name]["wall"] - (fixed[name]["wall"] if fixed else 0)) / count * 1000
              for name in ("ours", "floor")}
    if fixed:
        report(f"time per 1,000 records {label}: ours {per_1k['ours']:.2f} s, floor {per_1k['floor']:.2f} s "
               f"(above the 0-record build)")
    report(whole)
    stage_times(data_dir, report, label)
    site_sizes(work / f"site-{count}", work / f"floor-site-{count}", report, label)
    find_bench(work / f"site-{count}", work / f"floor-site-{count}", count, find_runs, report)
    return {"count": count, "ours": med["ours"], "floor": med["floor"], "ratio": ratio, "per_1k": per_1k["ours"]}


def write_page(page: Path, lines: list[str], args: argparse.Namespace) -> None:
    text = page.read_text(encoding="utf-8")
    if _MARK_BEGIN not in text or _MARK_END not in text:
        raise SystemExit(f"{page}: no {_MARK_BEGIN} … {_MARK_END} block to fill")
    head, rest = text.split(_MARK_BEGIN, 1)
    _, tail = rest.split(_MARK_END, 1)
    command = "benchmarks/run.py" + (" --quick" if args.quick else "") + f" --runs {args.runs}"
    block = (f"{_MARK_BEGIN}\n最近一次运行：{datetime.date.today().isoformat()}，`{command}`，"
             f"{os.cpu_count()} 核，Python {platform.python_version()}。\n\n```text\n"
             + "\n".join(lines) + f"\n```\n{_MARK_END}")
    page.write_text(head + block + tail, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 records only, fewer runs")
    parser.add_argument("--sizes", help="comma-separated record counts (default 1000,10000)")
    parser.add_argument("--runs", type=int, help="builds per size and kind (default 3; quick 2)")
    parser.add_argument("--find-runs", type=int,
                        help="rounds of the /find/ benchmark (default 10; 0 skips it, as --quick does)")
    parser.add_argument("--page", type=Path, help="write the figures into this Markdown page")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else [1000] if args.quick else [1000, 10000]
    args.runs = args.runs or (2 if args.quick else 3)
    find_runs = args.find_runs if args.find_runs is not None else 0 if args.quick else 10
    if args.quick:
        REPEATS["in_process"] = 1

    report = Report()
    report(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start, "
           f"Python {platform.python_version()}, {args.runs} runs per build")
    results = []
    with tempfile.TemporaryDirectory(prefix="msh-bench-") as tmp:
        fixed = None if args.quick else bench_fixed(args.runs, Path(tmp), report)
        for count in sizes:
            results.append(bench_size(count, args.runs, Path(tmp), report, find_runs, fixed))
    if len(results) > 1:
        first, last = results[0], results[-1]
        growth = last["per_1k"] / first["per_1k"] - 1
        span = (last["count"] - first["count"]) / 1000
        marginal = {name: (last[name]["wall"] - first[name]["wall"]) / span for name in ("ours", "floor")}
        report(f"growth of time per 1,000 records {first['count']}→{last['count']}: {growth:+.0%} "
               f"(target within ±20 %); between the two sizes: ours {marginal['ours']:.2f} s, "
               f"floor {marginal['floor']:.2f} s per 1,000 records")
    if args.page:
        write_page(args.page, report.lines + [f"ratio={results[-1]['ratio']:.3f}"], args)
    print(f"ratio={results[-1]['ratio']:.3f}")
    return 0


if __name__ == "__main__":
    gc.collect()
    sys.exit(main())
