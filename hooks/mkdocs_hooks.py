"""MkDocs adapter: the event functions call plain functions (load, validate, model, render).

Data flow: on_config loads and checks data/ (a bad file stops the build with file:line:field),
on_files adds the generated pages and Word files (made in forked processes when that is safe: the
pages are streamed to MkDocs as it reads them, the Word files filled in by on_env), on_page_content
writes the 检索 page's first view and keeps every page's own text for the search, on_post_build
writes the JSON API, api/pages.js and 自查's rules (api/review.js).
"""
from __future__ import annotations

import functools
import gc
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # make `hooks` importable as a package (MkDocs loads this file by path)
    sys.path.insert(0, str(ROOT))

import markdown  # noqa: E402
from jinja2 import Environment  # noqa: E402
from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402
from mkdocs.structure.nav import Navigation  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402

from hooks.check import load_checked  # noqa: E402
from hooks.data.errors import DataErrors  # noqa: E402
from hooks.data.library import can_fork, is_large  # noqa: E402
from hooks.data.model import Library, Record  # noqa: E402
from hooks.mkdocs_stream import StreamedPage  # noqa: E402
from hooks.privacy.checker import load_exceptions  # noqa: E402
from hooks.review.export import review_data  # noqa: E402
from hooks.site.api import ApiData, api_data, parsed_script, write_api  # noqa: E402
from hooks.site.find_view import first_view_html, replace_first_view  # noqa: E402
from hooks.site.markdown_text import MarkdownEscaper  # noqa: E402
from hooks.site.navigation import build_nav  # noqa: E402
from hooks.site.page_stream import PageStream  # noqa: E402
from hooks.site.pages import Renderer, canonical_page  # noqa: E402
from hooks.site.search_pages import SearchPage, is_excluded, page_sections, write_pages  # noqa: E402
from hooks.word.templates import docx_contents_in_fork, docx_files, docx_targets  # noqa: E402

log = logging.getLogger("mkdocs.hooks.site")
FIND_PAGE = "find.md"

# Reset in on_config: MkDocs keeps this module loaded across `mkdocs serve` rebuilds.
_state: dict = {}


def _timed(hook: Callable) -> Callable:
    """Log the hook's own time at debug level (`mkdocs build -v`): what the hooks add to a build."""
    @functools.wraps(hook)
    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return hook(*args, **kwargs)
        finally:
            elapsed = time.perf_counter() - start
            if elapsed >= 0.01:  # on_page_content runs for every page, mostly doing nothing
                log.debug("hook %s: %.3f s", hook.__name__, elapsed)
    return timed


# ---- hooks -------------------------------------------------------------------------------

@event_priority(100)  # before the plugins': the offline plugin's on_config sees OFFLINE=1 (_switch_offline)
@_timed
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _state.clear()
    # MSH_DATA_DIR lets tests and benchmarks build the site from another data folder.
    data_dir = Path(os.environ.get("MSH_DATA_DIR") or Path(config.config_file_path).parent / "data")
    try:
        library, review_rules = load_checked(data_dir)
    except DataErrors as errors:
        raise PluginError(errors.report()) from None
    config.nav = build_nav(library, Path(config.docs_dir))
    _switch_offline(config)
    _state["library"] = library
    _state["review_rules"] = review_rules
    _state["data_dir"] = data_dir
    _state["escaper"] = MarkdownEscaper(_escaped_chars(config))
    if can_fork():  # the Word files are built in a second process while MkDocs converts the pages
        if is_large(data_dir):
            # The library lives until the end: kept out of the collector's full passes (10,000
            # records: 0.7 s less), and not copied into the fork by them.
            gc.freeze()
        _state["docx_contents"] = docx_contents_in_fork(library)
    return config


@_timed
def on_files(files: Files, config: MkDocsConfig) -> Files:
    library: Library = _state["library"]
    # Word templates: files MkDocs copies (and checks links to); pages link them percent-encoded.
    downloads: dict[str, list[dict]] = {}
    for word in docx_targets(library):
        downloads.setdefault(word.outline_page, []).append({"label": word.label, "path": quote(word.path)})
    renderer = Renderer(library, _state["escaper"], downloads=downloads)
    forking = "docx_contents" in _state and can_fork()  # as on_config found, and still no thread
    # Built in the fork: registered now (MkDocs checks the links to them), filled in by on_env.
    words = docx_targets(library) if forking else docx_files(library)
    for word in words:
        files.append(File.generated(config, word.path, content=word.content))
    jobs = list(renderer.page_jobs())
    for path, _ in jobs:
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} is generated from data/; remove the file from docs/")
    if forking:  # rendered in another process while MkDocs converts the pages before them
        stream = _state["page_stream"] = PageStream(jobs)
        pages = [StreamedPage.of(config, path, stream) for path, _ in jobs]
    else:
        pages = [File.generated(config, path, content=render()) for path, render in jobs]
    for page in pages:
        files.append(page)
    _state["files"] = files
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    _state["nav_order"] = {page.file.src_uri: n for n, page in enumerate(nav.pages)}
    return nav


@_timed
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """The Word files from the fork, before MkDocs copies files into the site. If the process
    failed they are built here, so an error is raised as without the fork."""
    collect_docx = _state.pop("docx_contents", None)
    if collect_docx is not None:
        for word in docx_files(_state["library"], collect_docx()):
            files.get_file_from_path(word.path).content_bytes = word.content
    if "page_stream" in _state:  # MkDocs has read every page by now
        _state.pop("page_stream").close()
    return env


@_timed
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not is_excluded(page.meta):  # the page's own text, without the records it holds
        record_ids = _records_by_page().get(page.file.src_uri, ())
        _state.setdefault("search_pages", []).append((page.file.src_uri, SearchPage(
            url=page.url, title=page.title or "",
            path=" › ".join(section.title for section in reversed(page.ancestors) if section.title),
            sections=tuple(page_sections(html, record_ids)))))
    if page.file.src_uri != FIND_PAGE:
        return html
    # The 检索 page shows its first results with the page, not after its data has loaded.
    return replace_first_view(html, first_view_html(_api_data().find, page.url))


@_timed
def on_post_build(config: MkDocsConfig) -> None:
    sizes = write_api(_api_data(), Path(config.site_dir))
    order = _state.get("nav_order", {})
    # In navigation order (pages outside it, such as the tags page, last): the order of ties.
    pages = [page for src, page in sorted(_state.get("search_pages", []),
                                            key=lambda item: order.get(item[0], len(order)))]
    pages_size = write_pages(pages, Path(config.site_dir))
    log.info("api: %d records, records.json %d bytes; %d pages for search, pages.js %d bytes",
             len(_state["library"].records), sizes["records.json"], len(pages), pages_size)
    _write_review_data(Path(config.site_dir))


# ---- helpers -----------------------------------------------------------------------------

def _write_review_data(site_dir: Path) -> None:
    """api/review.js, beside records.js: every rule the 自查 page applies (hooks.review.export)."""
    data_dir: Path = _state["data_dir"]
    data = review_data(_state["library"], _state["review_rules"],
                       load_exceptions(data_dir / "privacy_exceptions.yaml"))
    (site_dir / "api" / "review.js").write_text(parsed_script("MSH_REVIEW", data), encoding="utf-8")


def _api_data() -> ApiData:
    """The dataset as the API publishes it, made once per build (after on_files: urls)."""
    if "api" not in _state:
        files: Files = _state["files"]
        page_urls: dict[str, str] = {}  # many records share a page; get_file_from_path builds a PurePath

        def url_of(record: Record) -> str:
            page = canonical_page(record)
            page_url = page_urls.get(page)
            if page_url is None:
                page_url = page_urls[page] = files.get_file_from_path(page).url
            return f"{page_url}#{record.id}"

        _state["api"] = api_data(_state["library"], url_of)
    return _state["api"]


def _records_by_page() -> dict[str, list[str]]:
    """The ids of the records each generated page holds in full (their canonical page)."""
    if "records_by_page" not in _state:
        by_page: dict[str, list[str]] = {}
        for record in _state["library"].records:
            by_page.setdefault(canonical_page(record), []).append(record.id)
        _state["records_by_page"] = by_page
    return _state["records_by_page"]


def _switch_offline(config: MkDocsConfig) -> None:
    """OFFLINE=1 (or true/yes) turns on Material's offline plugin.

    mkdocs.yml cannot read the variable itself: `!ENV` parses 1 as a number and the plugin
    accepts only a boolean. The plugin's on_config runs after this hook's (event_priority above).
    """
    offline = config.plugins.get("material/offline")
    if offline is None or os.environ.get("OFFLINE", "").lower() not in {"1", "true", "yes", "on"}:
        return
    offline.config.enabled = True


def _escaped_chars(config: MkDocsConfig) -> set[str]:
    """The characters the configured Markdown honours a backslash escape for."""
    md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    return set(md.ESCAPED_CHARS)
