"""Reading data files in two processes gives what reading them one by one gives: the same
documents (line marks included), the same Library, the same errors in the same order. Word
files built in a forked process, and pages streamed from one, are those built here; if that
process fails, they are built here."""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from benchmarks.generate import generate
from hooks.check import load_library
from hooks.data import library as lib
from hooks.privacy.data_check import PersonalDataCheck, personal_data
from hooks.word import templates as docx_templates
from hooks.data.loader import MarkedDict, MarkedList


# Forking is refused while other threads run (hooks.data.library.can_fork), and earlier tests leave
# some behind (the browser, local servers): then these checks run in a fresh interpreter.
ISOLATED = os.environ.get("MSH_PARALLEL_ISOLATED") == "1"


def require_fork() -> None:
    if lib.can_fork():
        return
    if ISOLATED:
        pytest.fail("a fresh interpreter on this machine cannot fork a reader: the parallel path is untested")
    pytest.skip("other threads run in this process: test_parallel_paths_in_a_fresh_process covers this")


def test_parallel_paths_in_a_fresh_process() -> None:
    if ISOLATED or lib.can_fork():
        pytest.skip("the checks below run directly in this process")
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", __file__],
                            env={**os.environ, "MSH_PARALLEL_ISOLATED": "1"}, capture_output=True,
                            text=True, timeout=600, cwd=Path(__file__).resolve().parent.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "7 passed" in result.stdout, result.stdout


def marks(value: object) -> object:
    """The value with every line mark spelled out, so == compares them too."""
    if isinstance(value, MarkedDict):
        return ("map", value.line, value.key_lines, {k: marks(v) for k, v in value.items()})
    if isinstance(value, MarkedList):
        return ("seq", value.line, value.item_lines, [marks(v) for v in value])
    return (type(value).__name__, value)


def read(data_dir: Path, parallel: bool) -> tuple[dict, list]:
    documents, errors = lib.read_documents(data_dir, parallel=parallel)
    return {kind: [(d.path, marks(d.content)) for d in docs] for kind, docs in documents.items()}, errors


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(600, tmp_path_factory.mktemp("parallel") / "data", seed=11)


def test_same_documents_and_library(data_dir: Path) -> None:
    require_fork()
    sequential, parallel = read(data_dir, False), read(data_dir, True)
    assert sequential == parallel
    assert sum(len(docs) for docs in sequential[0].values()) > 10
    documents, errors = lib.read_documents(data_dir, parallel=True)
    assert not errors
    assert lib.build_library(documents) == lib.build_library(lib.read_documents(data_dir, parallel=False)[0])


def test_same_errors_on_broken_data(data_dir: Path, tmp_path: Path) -> None:
    require_fork()
    broken = tmp_path / "data"
    shutil.copytree(data_dir, broken)
    examples = sorted((broken / "examples").glob("*.yaml"))
    cases = sorted((broken / "cases").glob("*.yaml"))
    examples[0].write_text(examples[0].read_text("utf-8") + "\n  - id: [unclosed\n", "utf-8")  # syntax
    text = examples[1].read_text("utf-8")
    examples[1].write_text(text.replace("level: 班子", "level: 全体", 2).replace("unit:", "unti:", 1), "utf-8")
    cases[0].write_bytes(b"\xff\xfe not utf-8")
    (broken / "dimensions.yaml").unlink()  # a missing single file, listed among the others
    (broken / "stray.yaml").write_text("x: 1\n", "utf-8")
    sequential, parallel = read(broken, False), read(broken, True)
    assert sequential[1] == parallel[1]
    assert sequential == parallel
    files = {error.file for error in sequential[1]}
    assert {"data/dimensions.yaml", "data/stray.yaml"} <= files
    assert any(e.file.endswith(examples[1].name) and "unti" in e.field for e in sequential[1])
    assert len(files) == 5, sequential[1]


def unzipped(content: bytes) -> dict[str, bytes]:
    """A .docx's members (their zip timestamps are the time of saving, so they are left out)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_docx_built_in_a_fork_are_those_built_here() -> None:
    require_fork()
    library = load_library(Path(__file__).resolve().parent.parent / "data")
    here = docx_templates.docx_files(library)
    forked = docx_templates.docx_files(library, docx_templates.docx_contents_in_fork(library)())
    assert len(here) > 3
    assert [(f.path, f.outline_page, f.label, f.meeting_id) for f in forked] == \
        [(f.path, f.outline_page, f.label, f.meeting_id) for f in here]
    assert [unzipped(f.content) for f in forked] == [unzipped(f.content) for f in here]


def test_docx_fork_failure_builds_here(monkeypatch: pytest.MonkeyPatch) -> None:
    require_fork()
    library = load_library(Path(__file__).resolve().parent.parent / "data")

    def broken(_library: object) -> list[bytes]:
        raise RuntimeError("the forked process fails")
    monkeypatch.setattr(docx_templates, "docx_contents", broken)  # inherited by the fork
    assert docx_templates.docx_contents_in_fork(library)() is None
    monkeypatch.undo()
    assert [f.path for f in docx_templates.docx_files(library, None)] == \
        [f.path for f in docx_templates.docx_targets(library)]


def test_same_personal_data_errors(data_dir: Path, tmp_path: Path) -> None:
    require_fork()
    named = tmp_path / "data"
    shutil.copytree(data_dir, named)
    for path in sorted((named / "examples").glob("*.yaml"))[:2] + sorted((named / "cases").glob("*.yaml"))[:1]:
        text = path.read_text("utf-8")
        path.write_text(text.replace("title: ", "title: 王建国书记在海淀区", 2), "utf-8")
    sequential_documents, errors = lib.read_documents(named, parallel=False)
    assert not errors
    findings: dict = {}
    parallel_documents, errors = lib.read_documents(named, parallel=True, findings=findings, scan=PersonalDataCheck().scan)
    assert not errors
    assert findings  # scanned while reading
    expected = personal_data(sequential_documents)
    assert personal_data(parallel_documents, findings) == expected
    assert len({error.file for error in expected}) == 3 and len(expected) >= 9, expected


def test_pages_streamed_from_a_fork_are_those_rendered_here(data_dir: Path) -> None:
    require_fork()
    from hooks.site.page_stream import PageStream
    from hooks.site.pages import Renderer

    library = load_library(data_dir)
    here = list(Renderer(library).pages())
    stream = PageStream(list(Renderer(library).page_jobs()))
    # MkDocs asks in its own order; a page asked for early is waited for, others are kept.
    asked = [path for path, _ in here[5:]] + [path for path, _ in here[:5]]
    streamed = {path: stream.take(path) for path in asked}
    stream.close()
    assert len(here) > 50 and streamed == dict(here)


def test_page_stream_failure_renders_here() -> None:
    require_fork()
    from hooks.site.page_stream import PageStream

    def broken() -> str:
        raise RuntimeError("a template error")

    stream = PageStream([("a.md", lambda: "A"), ("b.md", broken), ("c.md", lambda: "C")])
    assert stream.take("a.md") == "A"
    assert stream.take("c.md") == "C"  # never sent: the process stopped at b.md, c.md is rendered here
    with pytest.raises(RuntimeError, match="a template error"):  # raised here, as without the fork
        stream.take("b.md")
    stream.close()
