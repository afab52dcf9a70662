"""How well the personal-data checker (hooks/privacy/) does on real documents it was not tuned on.

Runs the checker on every document of the labelled set in benchmarks/eval/ (see
benchmarks/eval/README.md) and prints, per labelled document type, per category and overall:
  recall     labelled personal occurrences (every occurrence of every `personal` string) that
             a finding overlaps; `covered` = the finding spans the whole occurrence
  precision  findings that overlap a labelled occurrence / all findings
  damage     occurrences of `keep` words (ordinary words next to personal data: 区委, 县以上,
             邻县, public figures, theory names) that a finding touches, outside labelled spans
Complements benchmarks/privacy_eval.py (sentence sets in tests/); this one needs no rule
knowledge and is not tuned on. Tune on `tune`; `holdout` is for reporting.

Usage: python benchmarks/privacy_real_eval.py [--split tune|holdout|seeds|all] [--errors] [--lines]
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_DIR))
sys.path.insert(0, str(REPO_DIR / "benchmarks" / "eval"))
from labels import SPLITS, TYPES, find_all, load  # noqa: E402


# ================================================================== the checker call (adapt here)

def find_personal(text: str, lines: bool = False) -> list[tuple[int, int, str, str]]:
    """(start, end, category, matched text) of every finding in text, offsets into text.
    By default as the importer anonymises a document (hooks.privacy.document.scan_document: what is
    found in one line is found in all); lines=True: each line on its own, as hooks.privacy.scan_file
    and the data check do."""
    from hooks.privacy.checker import scan
    from hooks.privacy.document import scan_text

    if not lines:
        return [(f.start, f.end, f.category, f.match) for f in scan_text(text)]
    out, offset = [], 0
    for line in text.split("\n"):
        out += [(offset + f.start, offset + f.end, f.category, f.match) for f in scan(line)]
        offset += len(line) + 1
    return out


# ================================================================== scoring

def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


class Score:
    def __init__(self) -> None:
        self.docs = self.occ = self.found = self.covered = 0
        self.findings = self.correct = 0
        self.keep = self.damaged = 0

    def add(self, other: "Score") -> None:
        for k, v in vars(other).items():
            setattr(self, k, getattr(self, k) + v)

    def row(self, name: str) -> str:
        pct = lambda a, b: f"{100 * a / b:5.1f}%" if b else "    –"  # noqa: E731
        return (f"{pad(name, 16)}{self.docs:>5}  {pct(self.found, self.occ)} ({self.found:>3}/{self.occ:<3})"
                f"  {pct(self.covered, self.occ)}  {pct(self.correct, self.findings)} ({self.correct:>3}/{self.findings:<3})"
                f"  {pct(self.damaged, self.keep)} ({self.damaged}/{self.keep})")


def pad(text: str, width: int) -> str:
    import unicodedata

    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(0, width - used)


HEADER = (f"{'':<16}{'docs':>5}  {'recall':>16}  {'covered':>6}  {'precision':>16}  {'damage (keep words hit)'}")


def evaluate(doc, findings, errors: list[str]) -> tuple[Score, dict[str, Counter]]:
    s, by_cat = Score(), defaultdict(Counter)
    s.docs = 1
    spans = [(f[0], f[1]) for f in findings]
    for start, end, text, cat in doc.occurrences:
        hit = [sp for sp in spans if overlaps(sp, (start, end))]
        s.occ += 1
        by_cat[cat]["occ"] += 1
        if hit:
            s.found += 1
            by_cat[cat]["found"] += 1
            s.covered += any(a <= start and end <= b for a, b in hit)
        else:
            errors.append(f"  FN {doc.key}: {cat} «{text}» …{doc.text[max(0, start - 8):end + 8]!r}")
    occ_spans = [(o[0], o[1]) for o in doc.occurrences]
    for start, end, cat, match in findings:
        s.findings += 1
        if any(overlaps((start, end), o) for o in occ_spans):
            s.correct += 1
        else:
            errors.append(f"  FP {doc.key}: {cat} «{match}»")
    for word in doc.labels.get("keep") or []:
        for i in find_all(doc.text, word):
            span = (i, i + len(word))
            if any(overlaps(span, o) for o in occ_spans):
                continue
            s.keep += 1
            touched = [f for f in findings if overlaps(span, (f[0], f[1]))]
            if touched:
                s.damaged += 1
                errors.append(f"  DAMAGE {doc.key}: keep «{word}» hit by «{touched[0][3]}»")
    return s, by_cat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="all")
    parser.add_argument("--errors", action="store_true", help="list every miss, false finding and damaged keep word")
    parser.add_argument("--lines", action="store_true",
                        help="scan each line on its own (the data check) instead of the whole document (the importer)")
    args = parser.parse_args()
    splits = ["tune", "holdout", "seeds"] if args.split == "all" else [args.split]
    for split in splits:
        docs = load(split)
        by_type: dict[str, Score] = defaultdict(Score)
        cats: dict[str, Counter] = defaultdict(Counter)
        overall, errors = Score(), []
        for doc in docs:
            s, by_cat = evaluate(doc, find_personal(doc.text, args.lines), errors)
            by_type[doc.type].add(s)
            overall.add(s)
            for c, n in by_cat.items():
                cats[c].update(n)
        print(f"== privacy on {split}: {len(docs)} documents, {overall.occ} labelled occurrences")
        print(HEADER)
        for t in TYPES:
            if t in by_type:
                print(by_type[t].row(t))
        print(overall.row("overall"))
        print("recall by category: " + ", ".join(
            f"{c} {n['found']}/{n['occ']}" for c, n in sorted(cats.items())))
        if args.errors:
            print("\n".join(errors))
        print()


if __name__ == "__main__":
    main()
