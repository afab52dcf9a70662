"""Key pages pass axe-core (WCAG 2 A/AA) in Debian's chromium with no serious or critical violation.

axe-core comes from npm (`make system-deps` puts it in .cache/node_modules/axe-core/axe.min.js).
Without chromium, Playwright or axe-core the tests skip locally and fail under CI=true.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from browser import IN_CI, serve_directory, watch_requests  # tests/ is on sys.path (rootdir conftest)

REPO = Path(__file__).resolve().parent.parent
AXE = REPO / ".cache" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}
PAGES = {
    "home": "",
    "meeting": "meetings/2025-niandu/",
    "aspect": "meetings/2025-niandu/zhengzhi-zhongcheng/",
    "outline": "outlines/banzi/2025-niandu/",
    "find": "find/",
    "dimension": "aspects/zhengzhi/",
}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def axe_script() -> Path:
    if not AXE.is_file():
        message = f"{AXE.relative_to(REPO)} is missing: run `make system-deps`"
        if IN_CI:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return AXE


@pytest.fixture(scope="module")
def served(http_build) -> str:
    with serve_directory(http_build) as base_url:
        yield base_url


def run_axe(browser, base_url: str, path: str, axe: Path) -> dict:
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    log = watch_requests(context, base_url)
    try:
        page = context.new_page()
        page.goto(base_url + path, wait_until="networkidle")
        if path == PAGES["find"]:
            page.wait_for_selector("#msh-find-results li", timeout=10_000)
        page.add_script_tag(path=str(axe))
        results = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            WCAG_TAGS)
        log.assert_nothing_left()
        return results
    finally:
        context.close()


def summary(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['impact']}: {violation['id']} ({violation['help']}), {len(violation['nodes'])} nodes")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_serious_or_critical_wcag_violation(chromium, served, axe_script, name, record_property):
    results = run_axe(chromium, served, PAGES[name], axe_script)
    assert results["testEngine"]["name"] == "axe-core", "axe did not run"
    violations = results["violations"]
    record_property("axe", json.dumps({v["id"]: [v["impact"], len(v["nodes"])] for v in violations},
                                      ensure_ascii=False))
    print(f"\naxe {name}: " + (summary(violations) or "no violations"))
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert blocking == [], f"{name} ({PAGES[name] or '/'}):\n{summary(blocking)}"
