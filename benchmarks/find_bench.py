"""Benchmark of the site's one search, 检索 and the header box: generated records in, one line
per figure out.

Generates N realistic records (default 10,000) in the data contract of site/api/records.*,
puts them into a built site and, in headless Debian chromium, measures as medians:
- 检索 (find/): the time from navigation start to the first results in the DOM and painted, with
  the phases before it (Material's bundle, records.js requested/downloaded, the marks of
  search.js and find.js for data evaluated / decoded / first render) and after it
  (records-text.js and pages.js, which a keyword needs, loaded after the first results), over
  --loads fresh page loads, also for a URL with a condition (no first view); the time from a
  keystroke or a facet click to updated results once the texts are in;
- the header box on another page (about/): from navigation start to the box usable (its data
  decoded), fresh and on a second page of the same visit (the data then from the browser's
  cache, with the bytes transferred); for `?q=`, to its first results; the time from a keystroke
  to the results under the box;
- with --material-site (benchmarks/run.py passes the floor's build of the same data), for scale,
  Material's own search from load to its first results for ?q=;
plus the sizes the pages load. The local server sends files uncompressed, so a download is its
raw size, not its gzip size.

Which site is measured (printed on the first line):
- default: the project is built once (`mkdocs build --strict` into a temp dir) and its
  api/records.js, records-text.js, records.json, meetings.json and dimensions.json are replaced by
  the generated data, so the page shell, CSS and JS are the real ones and only the data is synthetic;
- `--site DIR`: an existing build is copied and its data replaced the same way.
Building 10,000 records through the YAML pipeline is not measured here.

The generator is also used by the browser tests (tests/test_find_browser.py) as fake data.

Usage: .venv/bin/python -m benchmarks.find_bench [--records 10000] [--runs 25] [--site site]
       [--material-site DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
from hooks.site.api import find_data, find_script, find_text_script  # noqa: E402  as the build writes them
from hooks.site.find_view import first_view_html, replace_first_view  # noqa: E402

# ---------------------------------------------------------------------------- generator

DIMENSIONS: list[dict[str, str]] = [
    {"id": "zhengzhi-zhongcheng", "title": "政治忠诚与政治能力"},
    {"id": "lilun-wuzhuang", "title": "理论武装"},
    {"id": "dangxing-xiuyang", "title": "党性修养"},
    {"id": "zongzhi-yishi", "title": "宗旨意识与群众路线"},
    {"id": "dandang-zuowei", "title": "担当作为"},
    {"id": "gongzuo-zuofeng", "title": "工作作风"},
    {"id": "lianjie-zilv", "title": "廉洁自律"},
    {"id": "guandang-zhidang", "title": "管党治党"},
    {"id": "minzhu-jizhongzhi", "title": "民主集中制"},
    {"id": "yishi-xingtai", "title": "意识形态"},
]

# (meeting id, year, kind, title, [(aspect id, aspect title, [dimension ids])])
MEETINGS: list[tuple[str, int, str, str, list[tuple[str, str, list[str]]]]] = [
    ("2025-niandu", 2025, "年度", "2025年度民主生活会", [
        ("zhengzhi-zhongcheng", "带头强化政治忠诚、提高政治能力", ["zhengzhi-zhongcheng"]),
        ("guben-peiyuan", "带头固本培元、增强党性", ["dangxing-xiuyang", "lilun-wuzhuang"]),
        ("san-ge-jingwei", "带头敬畏人民、敬畏组织、敬畏法纪", ["zongzhi-yishi", "lianjie-zilv"]),
        ("dandang-zuowei", "带头干事创业、担当作为", ["dandang-zuowei", "gongzuo-zuofeng"]),
        ("guandang-zhidang", "带头坚决扛起管党治党责任", ["guandang-zhidang"]),
    ]),
    ("2024-niandu", 2024, "年度", "2024年度民主生活会", [
        ("zhengzhi-jilv", "带头严守政治纪律和政治规矩，维护党的团结统一", ["zhengzhi-zhongcheng"]),
        ("dangxing-jilv-zuofeng", "带头增强党性、严守纪律、砥砺作风", ["dangxing-xiuyang", "gongzuo-zuofeng"]),
        ("danze-chuangxin", "带头在遵规守纪、清正廉洁前提下勇于担责、敢于创新", ["dandang-zuowei", "lianjie-zilv"]),
        ("congyan-zhidang", "带头履行全面从严治党政治责任", ["guandang-zhidang"]),
    ]),
    ("2023-zhuti-jiaoyu-1", 2023, "专题", "2023年主题教育专题民主生活会（第一批）", [
        ("lilun-xuexi", "理论学习", ["lilun-wuzhuang"]),
        ("zhengzhi-suzhi", "政治素质", ["zhengzhi-zhongcheng"]),
        ("nengli-benling", "能力本领", ["dandang-zuowei"]),
        ("dandang-zuowei", "担当作为", ["dandang-zuowei"]),
        ("gongzuo-zuofeng", "工作作风", ["gongzuo-zuofeng"]),
        ("lianjie-zilv", "廉洁自律", ["lianjie-zilv"]),
    ]),
    ("2022-niandu", 2022, "年度", "2022年度民主生活会", [
        ("liang-ge-queli", "深刻领悟“两个确立”的决定性意义", ["zhengzhi-zhongcheng"]),
        ("xuexi-guanche", "学习贯彻习近平新时代中国特色社会主义思想", ["lilun-wuzhuang"]),
        ("quanmian-lingdao", "坚持和加强党的全面领导", ["zhengzhi-zhongcheng", "minzhu-jizhongzhi"]),
        ("renmin-zhongxin", "践行以人民为中心的发展思想", ["zongzhi-yishi"]),
        ("douzheng-jingshen", "发扬斗争精神", ["dandang-zuowei"]),
        ("congyan-zhidang", "落实全面从严治党政治责任", ["guandang-zhidang"]),
    ]),
    ("2021-dangshi", 2021, "专题", "2021年党史学习教育专题民主生活会", [
        ("liang-ge-queli", "带头深刻感悟“两个确立”的决定性意义", ["zhengzhi-zhongcheng", "lilun-wuzhuang"]),
        ("guozhi-dazhe", "带头心怀“国之大者”，履职尽责、担当作为", ["dandang-zuowei"]),
        ("renmin-zhongxin", "带头践行以人民为中心的发展思想", ["zongzhi-yishi"]),
        ("fengxian-tiaozhan", "带头增强忧患意识，提高能力本领", ["dandang-zuowei"]),
        ("congyan-zhidang", "带头履行全面从严治党责任", ["guandang-zhidang", "gongzuo-zuofeng"]),
    ]),
    ("2020-niandu", 2020, "年度", "2020年度民主生活会", [
        ("zhengzhi-fangxiang", "把握正确政治方向，提高政治能力", ["zhengzhi-zhongcheng"]),
        ("quanmian-lingdao", "坚持和加强党的全面领导", ["zhengzhi-zhongcheng"]),
    ]),
]

LEVELS = ["班子", "个人"]
UNITS = ["街道", "乡镇", "社区", "机关部门", "国有企业", "学校", "医院", "事业单位", "县区党委", "通用"]
PARTS = ["问题", "问题", "问题", "原因", "措施", "批评意见", "整改情况", "征求意见", "自我批评"]

SUBJECTS = ["理论学习", "政治站位", "形式主义官僚主义", "调查研究", "为基层减负", "中央八项规定精神",
            "意识形态工作", "民主集中制", "第一议题制度", "三重一大决策", "基层治理", "营商环境",
            "安全生产", "信访矛盾化解", "党风廉政建设", "干部队伍建设", "重点项目推进", "民生实事"]
SHORTFALLS = ["学得不够深入系统", "满足于一般化要求", "存在重部署轻落实现象", "办法不多、标准不高",
              "有时存在畏难情绪", "跟踪问效不够到位", "把握不够精准", "统筹推进不够有力",
              "层层加码、文山会海问题仍有反弹", "落实“两个确立”的自觉性还需增强"]
DETAILS = ["对照“四个意识”“四个自信”“两个维护”的要求，", "在落实“第一议题”制度时，",
           "面对群众急难愁盼问题时，", "在推进某项重点工作过程中，", "在执行“三重一大”决策制度时，",
           "对标心怀“国之大者”的要求，", "在督查检查考核中，", "在抓作风建设方面，"]
CONSEQUENCES = ["导致部分工作停留在表面，群众获得感不强。", "影响了决策部署落地见效。",
                "工作成效与上级要求和群众期盼还有差距。", "一些问题反复出现、没有根治。",
                "在一定程度上助长了形式主义官僚主义。", "对班子成员和分管领域的要求不够严格。"]
INSTANCES = ["例如，某街道某社区的老旧小区改造项目推进缓慢，群众多次反映。",
             "例如，某乡镇为迎接检查临时补写台账×本。", "例如，某部门一年内召开同类会议×次。",
             "例如，某单位某项整改任务超期×个月未销号。", None, None]
TAGS = ["形式主义", "官僚主义", "调查研究", "两个确立", "四个意识", "八项规定", "基层减负",
        "担当作为", "廉洁", "整改", "意识形态", "群众工作"]


def generate_dataset(count: int, seed: int = 7) -> dict[str, list[dict[str, Any]]]:
    """Records, meetings and dimensions in the shape of site/api/*.json."""
    rng = random.Random(seed)
    meetings = [
        {"id": mid, "year": year, "kind": kind, "title": title, "theme": f"{title}主题（合成数据）",
         "aspects": [{"id": aid, "title": atitle, "short": _short(atitle), "dimensions": dims, "confirmed": True}
                     for aid, atitle, dims in aspects]}
        for mid, year, kind, title, aspects in MEETINGS
    ]
    records = [_record(rng, index, meetings) for index in range(count)]
    return {"records": records, "meetings": meetings, "dimensions": DIMENSIONS}


def _short(title: str) -> str | None:
    """A chip label like meetings.json's `short`: the official title without its 带头 lead-in."""
    return title[2:] if title.startswith("带头") else None


def _record(rng: random.Random, index: int, meetings: list[dict[str, Any]]) -> dict[str, Any]:
    meeting = rng.choice(meetings)
    is_case = rng.random() < 0.08
    part = "案例" if is_case else rng.choice(PARTS)
    aspect = rng.choice(meeting["aspects"]) if part in ("问题", "批评意见", "自我批评", "案例") else None
    dimensions = list(aspect["dimensions"]) if aspect else rng.sample([d["id"] for d in DIMENSIONS], 1)
    subject = rng.choice(SUBJECTS)
    title = f"{subject}{rng.choice(SHORTFALLS)}"
    sentences = [rng.choice(DETAILS) + subject + rng.choice(SHORTFALLS) + "，" + rng.choice(CONSEQUENCES)
                 for _ in range(rng.randint(2, 5))]
    record_id = f"{'case' if is_case else 'ex'}-{index:05d}"
    page = "cases" if is_case else f"meetings/{meeting['id']}/{aspect['id'] if aspect else 'other'}"
    instance = rng.choice(INSTANCES)
    return {
        "id": record_id,
        "type": "case" if is_case else "example",
        "url": f"{page}/#{record_id}",
        "meeting": meeting["id"],
        "meeting_title": meeting["title"],
        "year": meeting["year"],
        "aspect": aspect["id"] if aspect else None,
        "aspect_title": aspect["title"] if aspect else None,
        "dimensions": dimensions,
        "level": rng.choice(LEVELS),
        "unit": rng.choice(UNITS),
        "part": part,
        "title": title,
        "text": "\n".join(p for p in ("".join(sentences), instance) if p),  # = Record.full_text
        "instance": instance,
        "tags": rng.sample(TAGS, rng.randint(0, 3)),
        "source": "authored-synthetic",
        "draft": rng.random() < 0.05,
    }


def write_api(site: Path, dataset: dict[str, list[dict[str, Any]]], *, offline: bool = False) -> None:
    """Write api/records.json, records.js, records-text.js, meetings.json, dimensions.json into
    a built site, and the 检索 page's first view from them."""
    records = dataset["records"]
    if offline:  # the offline build links pages as .html files
        records = [dict(r, url=r["url"].replace("/#", ".html#")) for r in records]
    api = site / "api"
    api.mkdir(parents=True, exist_ok=True)
    dump = lambda v: json.dumps(v, ensure_ascii=False, separators=(",", ":"))  # noqa: E731
    (api / "records.json").write_text(dump(records), encoding="utf-8")
    (api / "meetings.json").write_text(dump(dataset["meetings"]), encoding="utf-8")
    (api / "dimensions.json").write_text(dump(dataset["dimensions"]), encoding="utf-8")
    # The page's own compact scripts, written by the build's code from these records.
    (api / "records.js").write_text(
        find_script(records, dataset["meetings"], dataset["dimensions"]), encoding="utf-8")
    (api / "records-text.js").write_text(find_text_script(records), encoding="utf-8")
    # And the first view the build wrote into the 检索 page, from the same records.
    page_url = "find.html" if offline else "find/"
    page = site / ("find.html" if offline else "find/index.html")
    view = first_view_html(find_data(records, dataset["meetings"], dataset["dimensions"]), page_url)
    page.write_text(replace_first_view(page.read_text(encoding="utf-8"), view), encoding="utf-8")


# ---------------------------------------------------------------------------- measuring

def build_site(target: Path) -> Path:
    """Build the project as it is into target (the real page shell; data replaced later)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(target)],
        cwd=REPO_ROOT, check=True, env=env, stderr=subprocess.DEVNULL,
    )
    return target


# Runs inside the page: time from the event to the end of the synchronous update, then to the
# next animation frame (the results painted).
MEASURE_JS = """
async ([kind, value]) => {
  const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  const start = performance.now();
  if (kind === "key") {
    const q = document.getElementById("msh-find-q");
    q.value = value;
    q.dispatchEvent(new Event("input", {bubbles: true}));
  } else {
    document.querySelector(value).click();
  }
  const sync = performance.now() - start;
  await frame();
  return [sync, performance.now() - start];
}
"""


# Injected before any page script: notes (performance.now(), from navigation start) the moment the
# first result item is in the DOM, and the frame after it (painted), and when find.js has taken the
# page over (data-state=live: every control works). The first two do not depend on find.js, so
# the same figure can be taken of any version of the page.
FIRST_RESULTS_JS = """
(() => {
  // The browser's own paint time of the first result's title (Element Timing API: the first
  // view and find.js mark its h2 with elementtiming="msh-first-result").
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      if (entry.identifier === "msh-first-result" && !window.__mshFirstRender) window.__mshFirstRender = entry.renderTime || entry.loadTime;
    }
  }).observe({type: "element", buffered: true});
  const seen = () => {
    if (!window.__mshLive && document.querySelector("#msh-find[data-state=live]")) window.__mshLive = performance.now();
    const first = document.querySelector("#msh-find-results > li");
    // A first view that a URL with conditions hides does not count.
    if (window.__mshFirstResults || !first || (first.checkVisibility && !first.checkVisibility())) return;
    window.__mshFirstResults = performance.now();
    requestAnimationFrame(() => setTimeout(() => { window.__mshFirstPaint = performance.now(); }, 0));
  };
  new MutationObserver(seen).observe(document, {childList: true, subtree: true, attributes: true, attributeFilter: ["data-state"]});
})();
"""

# Where the load time goes, from the browser's own timings and find.js's performance marks
# (marks a version of find.js does not set are reported as missing).
LOAD_PHASES_JS = """
() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const data = performance.getEntriesByType("resource").find(e => e.name.includes("api/records.js"));
  const text = performance.getEntriesByType("resource").find(e => e.name.includes("api/records-text.js"));
  const bundle = performance.getEntriesByType("resource").find(e => /bundle\\.[^/]*\\.js/.test(e.name));
  const mark = name => { const m = performance.getEntriesByName(name)[0]; return m ? m.startTime : null; };
  return {
    "first results in DOM": window.__mshFirstResults,
    "first results painted (next frame and task)": window.__mshFirstPaint,
    "first result painted (Element Timing)": window.__mshFirstRender,
    "first contentful paint": (performance.getEntriesByName("first-contentful-paint")[0] || {}).startTime,
    "find.js took over (every control live)": window.__mshLive,
    "DOMContentLoaded": nav.domContentLoadedEventEnd,
    "load event end (navigation duration)": nav.duration,
    "Material bundle.js downloaded": bundle ? bundle.responseEnd : null,
    "records.js request start": data ? data.startTime : null,
    "records.js downloaded": data ? data.responseEnd : null,
    "find.js: records.js evaluated": mark("msh-find:data"),
    "search.js: records decoded": mark("msh-search:records"),
    "search.js: texts decoded": mark("msh-search:texts"),
    "search.js: pages decoded": mark("msh-search:pages"),
    "records-text.js request start": text ? text.startTime : null,
    "records-text.js downloaded": text ? text.responseEnd : null,
    "find.js: full texts ready (keyword search)": mark("msh-find:texts"),
    "find.js: records decoded": mark("msh-find:prepared"),
    "find.js: first results rendered": mark("msh-find:first-results"),
  };
}
"""


def measure_load(browser: Any, url: str, loads: int, label: str = "load") -> list[tuple[str, float]]:
    """Median over fresh page loads (new context each: no cache) of each load phase."""
    phases: dict[str, list[float]] = {}
    for _ in range(loads):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_init_script(FIRST_RESULTS_JS)
        page = context.new_page()
        page.goto(url)
        page.wait_for_function("window.__mshFirstPaint !== undefined")
        page.wait_for_load_state("load")
        page.wait_for_selector("#msh-find[data-state=live][data-text-state]")
        page.wait_for_timeout(300)  # let deferred work (the keyword index) finish and mark itself
        for name, value in page.evaluate(LOAD_PHASES_JS).items():
            if value is not None:
                phases.setdefault(name, []).append(value)
        context.close()
    return [(f"{label} → {name}, median of {len(values)}", statistics.median(values))
            for name, values in sorted(phases.items(), key=lambda item: statistics.median(item[1]))]


def material_search(browser: Any, base_url: str, loads: int) -> list[tuple[str, float]]:
    """For scale: Material's own search (over the floor's search_index.json) from load to its
    first results for ?q=形式主义, median over fresh page loads."""
    times = []
    for _ in range(loads):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(base_url + "?q=" + quote("形式主义"))
        page.wait_for_selector(".md-search-result__item", timeout=180_000)
        times.append(page.evaluate("performance.now()"))
        context.close()
    return [(f"Material search on the floor's build (search_index.json) → first results for ?q=, median of {loads}",
             statistics.median(times))]


# The header box: when its data is decoded (usable), its first results, and what the data cost.
BOX_PHASES_JS = """
() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const mark = name => { const m = performance.getEntriesByName(name)[0]; return m ? m.startTime : null; };
  const files = performance.getEntriesByType("resource").filter(e => /api\/(records|records-text|pages)\.js/.test(e.name));
  return {
    "box usable (data decoded)": mark("msh-search:ready"),
    "box: first results (?q=)": mark("msh-search:first-results"),
    "first contentful paint": (performance.getEntriesByName("first-contentful-paint")[0] || {}).startTime,
    "DOMContentLoaded": nav.domContentLoadedEventEnd,
    "load event end": nav.duration,
    "search data requested": files.length ? Math.min(...files.map(e => e.startTime)) : null,
    "search data downloaded": files.length ? Math.max(...files.map(e => e.responseEnd)) : null,
    "__bytes": files.reduce((n, e) => n + e.transferSize, 0),
  };
}
"""

BOX_KEY_JS = """
async (value) => {
  const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  const box = document.getElementById("msh-search-q");
  const start = performance.now();
  box.value = value;
  box.dispatchEvent(new Event("input", {bubbles: true}));
  const sync = performance.now() - start;
  await frame();
  return [sync, performance.now() - start];
}
"""

READY = "[data-msh-search][data-state=ready]"


def measure_box(browser: Any, base_url: str, loads: int, runs: int) -> list[tuple[str, float]]:
    """The header box on about/: fresh loads, a second page of the same visit (cache), ?q=, keys."""
    phases: dict[str, list[float]] = {}

    def keep(label: str, page: Any) -> None:
        for name, value in page.evaluate(BOX_PHASES_JS).items():
            if value is not None and not (name == "box: first results (?q=)" and "?q=" not in label):
                key = f"{label} → {name}" if not name.startswith("__") else f"{label}: search data transferred (bytes)"
                phases.setdefault(key, []).append(value)

    for _ in range(loads):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(base_url + "about/")
        page.wait_for_selector(READY)
        keep("box, fresh load", page)
        second = context.new_page()  # the next page of the same visit: the browser's cache
        second.goto(base_url + "about/sources/")
        second.wait_for_selector(READY)
        keep("box, second page (cached)", second)
        context.close()
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(base_url + "about/?q=" + quote("形式主义"))
        page.wait_for_selector("#msh-search-list [role=option]")
        keep("box, fresh load with ?q=", page)
        context.close()
    figures = [(f"{name}, median of {len(values)}", statistics.median(values))
               for name, values in sorted(phases.items(), key=lambda item: statistics.median(item[1]))]

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + "about/")
    page.wait_for_selector(READY)
    page.focus("#msh-search-q")
    keywords = ["形", "形式", "形式主", "形式主义", "形式主义 街", "形式主义 街道", "两个确立", "官僚主义", "红脸出汗", "季度", ""]
    sync, paint = [], []
    for _ in range(runs):
        for word in keywords:
            a, b = page.evaluate(BOX_KEY_JS, word)
            sync.append(a)
            paint.append(b)
    context.close()
    return figures + [
        ("box: keystroke → results under the box, median", statistics.median(sync)),
        ("box: keystroke → next frame painted, median", statistics.median(paint)),
        ("box: keystroke → results under the box, max", max(sync)),
    ]


def measure(site: Path, runs: int, loads: int = 9, material_site: Path | None = None) -> list[tuple[str, float]]:
    sys.path.insert(0, str(REPO_ROOT))
    from tests.browser import launch_chromium, serve_directory  # shared with the tests

    figures: list[tuple[str, float]] = []
    with serve_directory(site) as base_url, launch_chromium() as browser:
        figures += measure_load(browser, base_url + "find/", loads)
        # A URL with a condition has no first view: its results wait for the data.
        figures += measure_load(browser, base_url + "find/?type=example", loads, "load with a condition")
        figures += measure_box(browser, base_url, loads, runs)
        if material_site is not None:
            with serve_directory(material_site) as material_url:
                figures += material_search(browser, material_url, loads=3)
        page = browser.new_page()
        page.goto(base_url + "find/")
        page.wait_for_selector("#msh-find[data-state=live] #msh-find-count[data-count]")
        page.wait_for_selector("#msh-find[data-text-state='loaded']")  # keyword search ready

        keywords = ["形", "形式", "形式主", "形式主义", "形式主义 街", "形式主义 街道", "两个确立", "官僚主义", ""]
        facet_selectors = [
            "input[name='msh-level'][value='班子']", "input[name='msh-unit'][value='街道']",
            "input[name='msh-part'][value='问题']", "input[name='msh-meeting'][value='2025-niandu']",
            "input[name='msh-aspect'][value='dandang-zuowei']", "input[name='msh-dimension'][value='']",
            "input[name='msh-meeting'][value='']", "input[name='msh-level'][value='']",
            "input[name='msh-unit'][value='']", "input[name='msh-part'][value='']",
        ]
        key_sync, key_paint, facet_sync, facet_paint = [], [], [], []
        for run in range(runs):
            for word in keywords:
                sync, paint = page.evaluate(MEASURE_JS, ["key", word])
                key_sync.append(sync)
                key_paint.append(paint)
            for selector in facet_selectors:
                if page.locator(selector).count() and page.locator(selector).is_enabled():
                    sync, paint = page.evaluate(MEASURE_JS, ["click", selector])
                    facet_sync.append(sync)
                    facet_paint.append(paint)
        figures += [
            ("keystroke → results updated, median", statistics.median(key_sync)),
            ("keystroke → next frame painted, median", statistics.median(key_paint)),
            ("keystroke → results updated, max", max(key_sync)),
            ("facet click → results updated, median", statistics.median(facet_sync)),
            ("facet click → next frame painted, median", statistics.median(facet_paint)),
            ("facet click → results updated, max", max(facet_sync)),
        ]
    return figures


def sizes(site: Path) -> list[tuple[str, int, int]]:
    """Raw and gzip bytes of what find/ loads beyond Material's own assets, and of records.json."""
    files = ["api/records.js", "api/records-text.js", "api/pages.js", "api/records.json", "assets/search.js",
             "assets/search-box.js", "assets/search.css", "assets/find.js", "assets/find.css", "find/index.html"]
    rows = []
    for name in files:
        data = (site / name).read_bytes()
        rows.append((name, len(data), len(gzip.compress(data, compresslevel=6))))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=25, help="rounds of 9 keystrokes and ~10 facet clicks")
    parser.add_argument("--loads", type=int, default=9, help="fresh page loads timed (medians reported)")
    parser.add_argument("--site", type=Path, help="an existing build to copy instead of building")
    parser.add_argument("--material-site", type=Path,
                        help="a build with Material's search plugin, to time that search for scale")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="find-bench-") as tmp:
        site = Path(tmp) / "site"
        if args.site:
            shutil.copytree(args.site, site)
            print(f"site: copy of {args.site}, data replaced by {args.records} generated records")
        else:
            build_site(site)
            print(f"site: fresh build of {REPO_ROOT}, data replaced by {args.records} generated records")
        write_api(site, generate_dataset(args.records))
        for name, raw, gz in sizes(site):
            print(f"size {name}: {raw / 1024:.1f} KiB raw, {gz / 1024:.1f} KiB gzip")
        for label, value in measure(site, args.runs, args.loads, args.material_site):
            print(f"{label}: {value:.0f}" if "bytes" in label else f"{label}: {value:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
