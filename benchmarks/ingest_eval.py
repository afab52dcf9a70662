"""How well the importer (hooks.ingest) reads real documents it was not tuned on.

Runs the importer on every document of the labelled set in benchmarks/eval/ (see
benchmarks/eval/README.md) and prints, per labelled document type and overall:
  type     document type right (the label's type; the importer knows only three, so the other
           six types can only be right once it learns them)
  meeting  meeting id right (a null label must give null)
  items    recall and precision of the records: a labelled item is found when its `starts`
           text begins a record's title+text (both in simplified characters without a mirror's
           pinyin glosses, as the importer reads them; whitespace, numbering and punctuation
           removed; placeholders ×/某/成员A/同志 and the labelled personal strings ignored), or
           when the first characters of the record are ≥ 0.8 similar to it; a record of the
           item's own part is preferred
  aspect   accuracy over matched items whose labelled aspect is known
  opinions 批评意见 records found / labelled, and attribution: giver and receiver of a matched
           opinion equal the label (role-normalised; names the importer replaced are compared
           through its own replacement table)

Usage: python benchmarks/ingest_eval.py [--split tune|tune2|tune3|tune5|holdout|seeds|all] [--details]
(--details: per document, the missed items and the false records)
Tune on `tune` only; `holdout` is for reporting.
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from difflib import SequenceMatcher
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_DIR))
sys.path.insert(0, str(REPO_DIR / "benchmarks" / "eval"))
from labels import PLACEHOLDER, SPLITS, TYPES, UNKNOWN_ASPECT, load, norm, norm_role  # noqa: E402

from hooks.ingest.clean import PINYIN_GLOSS  # noqa: E402
from hooks.text.script import to_simplified  # noqa: E402


# ================================================================== the importer call (adapt here)

def run_importer(path: Path) -> dict:
    """The importer's reading of one document, in a form that does not depend on its internals:
    {"type": str|None, "meeting": str|None, "records": [{"text", "part", "aspect", "giver",
    "receiver"}], "renamed": {original: placeholder}, "error": str|None}.

    The records are every record the importer read, also when it writes no draft (a meeting it
    does not recognise is left to the maintainer, but the reading is still measured)."""
    from hooks.ingest.pipeline import run

    try:
        output = run(path, REPO_DIR / "data")
    except Exception as error:  # an input the importer refuses is a (wrong) answer, not a crash
        return {"type": None, "meeting": None, "records": [], "renamed": {}, "error": f"{type(error).__name__}: {error}"}
    classified = output.anonymised.drafted.placed.classified
    kind = {"讲话": "其他"}.get(classified.doc_type.value, classified.doc_type.value)
    records = [{"text": f"{d.title}{d.text}", "title": d.title, "body": d.text, "part": d.part, "aspect": d.aspect,
                "giver": d.giver, "receiver": d.receiver} for d in output.anonymised.drafts]
    meeting = classified.meeting.meeting
    return {"type": kind, "meeting": meeting.id if meeting else None, "records": records,
            "renamed": {e.surface: e.placeholder for e in output.anonymised.mask.entities}, "error": None}


# ================================================================== matching

FUZZY = 0.8


def _clean(text: str, personal: list[str]) -> str:
    for p in sorted(personal, key=len, reverse=True):
        text = text.replace(p, "")
    # Labels quote the source as written; the importer reads traditional characters as simplified
    # ones and drops a mirror's pinyin glosses (學(xué)): compare both alike, or such a page never matches.
    return PLACEHOLDER.sub("", norm(to_simplified(PINYIN_GLOSS.sub("", text))))


def item_matches(starts: str, record: dict, personal: list[str]) -> bool:
    want = _clean(starts, personal)
    if not want:
        return False
    for candidate in (record["text"], record.get("body", "")):
        got = _clean(candidate, personal)
        if got.startswith(want) or want in got[:len(want) + 3]:
            return True
        if SequenceMatcher(None, want, got[:len(want)], autojunk=False).ratio() >= FUZZY:
            return True
    return False


def match(labelled: list[dict], records: list[dict], personal: list[str]) -> list[int | None]:
    """For each labelled item (in order) the index of the record it matches, greedily, or None: first
    among the records of its part (two parts may open with the same words: 整改情况 and 问题 of one
    aspect), then among all."""
    used: set[int] = set()
    out: list[int | None] = [None] * len(labelled)
    for same_part in (True, False):
        for index, item in enumerate(labelled):
            if out[index] is not None:
                continue
            hit = next((i for i, r in enumerate(records) if i not in used
                        and (not same_part or r.get("part") == item.get("part", r.get("part")))
                        and item_matches(item["starts"], r, personal)), None)
            if hit is not None:
                used.add(hit)
                out[index] = hit
    return out


def same_person(label: str | None, produced: str | None, renamed: dict) -> bool:
    if not label:  # giver not written in the document: any answer is accepted
        return True
    want = norm_role(label)
    got = norm_role(produced)
    if want == got:
        return True
    # the importer replaces names before it reads the structure: compare through its table
    placeholder = renamed.get(label) or next((v for k, v in renamed.items() if norm_role(k) == want), None)
    return bool(placeholder) and norm_role(placeholder) == got


# ================================================================== scoring

def pad(text: str, width: int) -> str:
    """Left-justify by display width (CJK characters take two columns)."""
    import unicodedata

    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(0, width - used)


class Score:
    def __init__(self) -> None:
        self.docs = self.type_ok = self.meeting_ok = 0
        self.items = self.items_found = self.records = self.records_matched = 0
        self.aspect_n = self.aspect_ok = 0
        self.ops = self.ops_produced = self.ops_matched = self.attr_ok = 0
        self.errors = 0

    def row(self, name: str) -> str:
        pct = lambda a, b: f"{100 * a / b:5.1f}%" if b else "    –"  # noqa: E731
        return (f"{pad(name, 16)}{self.docs:>5}  {pct(self.type_ok, self.docs)}  {pct(self.meeting_ok, self.docs)}"
                f"  {pct(self.items_found, self.items)} ({self.items_found:>3}/{self.items:<3})"
                f"  {pct(self.records_matched, self.records)} ({self.records_matched:>3}/{self.records:<3})"
                f"  {pct(self.aspect_ok, self.aspect_n)} ({self.aspect_ok}/{self.aspect_n})"
                f"  {self.ops_produced:>3}/{self.ops:<3} {pct(self.attr_ok, self.ops_matched)} ({self.attr_ok}/{self.ops_matched})")


HEADER = (f"{'type':<16}{'docs':>5}  {'type':>6}  {'meet.':>6}  {'item recall':>16}  {'item precision':>16}"
          f"  {'aspect':>14}  {'opinions found/lab, attribution'}")


def evaluate(doc, out: dict, score_rows: list[Score], details: bool) -> None:
    lab = doc.labels
    personal = [p["text"] for p in lab.get("personal") or []]
    personal += [to_simplified(p) for p in personal] + list(out["renamed"].values())
    items = lab.get("items") or []
    records = out["records"]
    hits = match(items, records, personal)
    opinions = lab.get("opinions") or []
    produced_ops = [r for r in records if r["part"] == "批评意见"]
    op_hits = match(opinions, produced_ops, personal)
    type_ok = out["type"] == lab["type"]
    meeting_ok = out["meeting"] == lab.get("meeting")
    for s in score_rows:
        s.docs += 1
        s.type_ok += type_ok
        s.meeting_ok += meeting_ok
        s.errors += out["error"] is not None
        s.items += len(items)
        s.items_found += sum(h is not None for h in hits)
        s.records += len(records)
        s.records_matched += sum(h is not None for h in hits)
        for item, h in zip(items, hits):
            if h is not None and item.get("aspect") != UNKNOWN_ASPECT:
                s.aspect_n += 1
                s.aspect_ok += records[h]["aspect"] == item.get("aspect")
        s.ops += len(opinions)
        s.ops_produced += len(produced_ops)
        for op, h in zip(opinions, op_hits):
            if h is not None:
                s.ops_matched += 1
                r = produced_ops[h]
                s.attr_ok += (same_person(op.get("giver"), r["giver"], out["renamed"])
                              and same_person(op.get("receiver"), r["receiver"], out["renamed"]))
    if details:
        found = sum(h is not None for h in hits)
        print(f"  {doc.key}: type {out['type']} ({'ok' if type_ok else 'want ' + lab['type']}), "
              f"meeting {out['meeting']} ({'ok' if meeting_ok else 'want ' + str(lab.get('meeting'))}), "
              f"items {found}/{len(items)}, records {len(records)}, opinions {len(produced_ops)}/{len(opinions)}"
              + (f", ERROR {out['error']}" if out["error"] else ""))
        for item, h in zip(items, hits):
            if h is None:
                print(f"      missed {item['part']} {item['starts']!r}")
        matched = {h for h in hits if h is not None}
        for index, record in enumerate(records):
            if index not in matched:
                print(f"      false  {record['part']} {record['text'][:30]!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="all")
    parser.add_argument("--details", action="store_true", help="one line per document and the missed items")
    args = parser.parse_args()
    splits = ["tune", "holdout", "seeds"] if args.split == "all" else [args.split]
    for split in splits:
        docs = load(split)
        by_type: dict[str, Score] = defaultdict(Score)
        overall = Score()
        print(f"== ingest on {split}: {len(docs)} documents")
        for doc in docs:
            evaluate(doc, run_importer(doc.text_path), [by_type[doc.type], overall], args.details)
        print(HEADER)
        for t in TYPES:
            if t in by_type:
                print(by_type[t].row(t))
        print(overall.row("overall"))
        if overall.errors:
            print(f"(importer refused {overall.errors} document(s); counted as wrong type/meeting, no records)")
        print()


if __name__ == "__main__":
    main()
