"""The benchmark's synthetic data passes the real loader (schemas, cross-references, privacy)."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from benchmarks.generate import generate
from hooks.check import load_library


def test_generated_data_loads_with_requested_count(tmp_path: Path) -> None:
    library = load_library(generate(300, tmp_path / "data", seed=3))
    synthetic = [r for r in library.records if r.id.startswith(("bx-", "bc-"))]
    assert len(synthetic) == 300
    assert {r.type for r in synthetic} == {"example", "case"}
    # spread over meetings and parts, not piled into one slot
    assert len(Counter(r.meeting.id for r in synthetic)) == len(library.meetings)
    assert len(Counter(r.part for r in synthetic)) >= 6


def test_same_seed_same_data(tmp_path: Path) -> None:
    first = generate(20, tmp_path / "a", seed=5)
    second = generate(20, tmp_path / "b", seed=5)
    names = sorted(p.relative_to(first) for p in first.rglob("bench-*.yaml"))
    assert names and all((first / n).read_text("utf-8") == (second / n).read_text("utf-8") for n in names)
