"""python -m hooks.ingest INPUT [-o OUTPUT.yaml]: draft YAML from a .txt/.md/.docx material.

The YAML goes to OUTPUT (or stdout); the report (type, meeting, sections, items,
replacements, what could not be placed, the sources.yaml entry) goes to stderr.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from .emit import dump
from .pipeline import Result, run
from hooks.text.read import InputError
from .structure import walk

REPO = Path(__file__).resolve().parents[2]


def report(result: Result, show_originals: bool = False) -> str:
    out: list[str] = [f"== hooks.ingest: {result.path}"]
    guess = result.doc_type
    out.append(f"type: {guess.value} (confidence {guess.confidence:.2f}; {'; '.join(guess.evidence)})")
    if result.case_analysis:
        out.append("  includes 典型案例剖析")
    if result.meeting:
        m = result.meeting_guess
        out.append(f"meeting: {result.meeting.id} {result.meeting.title} (confidence {m.confidence:.2f}; {'; '.join(m.evidence)})")
    else:
        out.append("meeting: NOT RECOGNISED (records use meeting 'unknown'; set it by hand)")
    out.append(f"level: {result.level}; unit: {result.unit.value} (confidence {result.unit.confidence:.2f}; {'; '.join(result.unit.evidence)})")
    out.append("sections:")
    for depth, section in walk(result.tree):
        if section is result.tree:
            continue
        out.append(f"  {'  ' * (depth - 1)}line {section.line}: {section.marker}{section.heading}")
    if result.reading:
        out.append("aspects:")
        for group in result.reading.groups:
            heading = group.section.heading or "(items directly under 存在的问题)"
            where = f"{group.aspect.id} ({group.score:.2f})" if group.aspect else f"NO OFFICIAL ASPECT, kept as a tag (best {group.score:.2f})"
            out.append(f"  line {group.section.line}: {heading} → {where}: {len(group.items)} items")
        for section, why in result.reading.kept:
            out.append(f"  line {section.line}: {section.heading} → kept, not emitted: {why}")
        for part, section, items in result.reading.part_items:
            out.append(f"  line {section.line}: {section.heading} → part {part}: {len(items)} items")
    if result.minutes:
        minutes = result.minutes
        out.append("header: " + "; ".join(f"{k}={v}" for k, v in minutes.header.items()))
        out.append(f"agenda ({len(minutes.agenda)}): " + " / ".join(minutes.agenda))
        out.append("speakers (自我批评): " + ", ".join(minutes.speakers))
        out.append(f"critical opinions ({len(minutes.opinions)}):")
        for opinion in minutes.opinions:
            out.append(f"  line {opinion.line}: {opinion.giver} → {opinion.receiver}: {opinion.heading}")
    counts = Counter((d.part, d.aspect or "-") for d in result.drafts)
    out.append(f"records: {len(result.drafts)} (" + ", ".join(f"{p}/{a} {n}" for (p, a), n in counts.items()) + ")")
    out.append(f"anonymisation: {len(result.replacements)} replacements")
    for r in result.replacements:
        original = f" (was {r.original!r})" if show_originals else ""
        out.append(f"  line {r.line} col {r.column}: {r.category} → {r.placeholder}{original}")
    out.append(f"not placed: {len(result.unplaced)}")
    for line, why in result.unplaced:
        out.append(f"  line {line}: {why}")
    out.append("add to data/sources.yaml (the output's `source` refers to it):")
    for key, value in result.source.items():
        out.append(f"  {'- ' if key == 'id' else '  '}{key}: {value}")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hooks.ingest", description=__doc__.splitlines()[0])
    parser.add_argument("input", type=Path, help="a .txt, .md or .docx material")
    parser.add_argument("-o", "--output", type=Path, help="draft YAML to write (default: stdout)")
    parser.add_argument("--data", type=Path, default=REPO / "data", help="data directory with meetings/")
    parser.add_argument("--show-originals", action="store_true",
                        help="print replaced names in the report (for checking; never commit it)")
    args = parser.parse_args(argv)
    try:
        result = run(args.input, args.data)
    except (InputError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    text = dump(result.source, result.examples)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    sys.stderr.write(report(result, args.show_originals))
    return 0


if __name__ == "__main__":
    sys.exit(main())
