"""Would an offline Chinese named-entity recogniser add recall to the personal-data checker?

For each candidate library whose model ships in its pip package (no download at run time; CI
reaches only the package registries), prints what it costs (installed size, dependencies,
import, first call, time per 1,000 characters) and what it finds on the labelled real documents
of benchmarks/eval/ (default: tune+tune2+tune3+tune4+seeds, the splits the checker was fitted
to; tune5, which the checker was not tuned on, is reported apart):

  alone      the library's persons/places/units, as it tags them
  filtered   the same, kept only if they look private (see `keep_person`, `keep_place`)
  checker    hooks.privacy as the importer runs it (document.scan_text), the baseline
  union      the checker with the filtered library findings as a second opinion: a library
             finding is added to a line's findings where no checker finding overlaps it, before
             the whole-document pass (so a name it finds once is found everywhere)
  union, persons   the same with the library's persons only

Columns as benchmarks/privacy_real_eval.py: recall of labelled occurrences (an occurrence is found
when any finding overlaps it), per category; precision (findings overlapping a labelled
occurrence / all findings); damage (keep words touched outside labelled spans).

Candidates are looked for on sys.path: install each into a throwaway folder and pass it, e.g.
    pip install --target /tmp/jiagu jiagu
    python benchmarks/privacy_ner_candidates.py --site /tmp/jiagu --site /tmp/thulac
A candidate that is not installed is skipped. Each runs in a fresh process (fair import and
first-call times). Candidates rejected without a run, and why, are printed at the end.

Outcome (table in benchmarks/privacy_ner_candidates.txt): no library adopted. The rule was:
person recall of the union +3 points on the fitted splits, precision >= 93 %, damage +0.5 point at
most, <= ~150 MB installed, no torch/tensorflow/paddle, first result <= 5 s, data check <= +50 %.
The checker already finds 383/395 persons there (97.0 %), so +3 points would need every miss; the
unions add 1-4 persons (+0.3 to +1.0 point), and on tune5, which the checker was not tuned on,
0-1 of its 3 missed persons, at a large cost in precision. The misses are names the filter (the
checker's notion of a name) refuses or the libraries split, not names a tagger alone would see.
Time: ms per 1,000 characters is also s per million; the data check of 10,000 generated records
(benchmarks/generate.py: 1.34 M Han characters) takes 3.7 s warm, 6.7 s cold, so jiagu would add
~23 s uncached and thulac (also 510 MB installed) ~9 minutes.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_DIR))
sys.path.insert(0, str(REPO_DIR / "benchmarks" / "eval"))

FITTED_SPLITS = ("tune", "tune2", "tune3", "tune4", "seeds")
UNFITTED_SPLITS = ("tune5",)
CATEGORIES = ("person", "place", "unit")

# Looked at and not run: their model is not in the pip package, or they need a deep-learning
# framework the old build PC and CI should not carry (checked on their published metadata).
REJECTED = {
    "lac": "needs paddlepaddle (setup.py); LAC 2.1.2 is an sdist only (65 MB, models inside)",
    "ckiptagger": "model (data.zip) downloaded at run time (gdown, Google Drive); needs tf_keras (TensorFlow)",
    "hanlp": "models downloaded at run time (hanlp-downloader); needs torch and transformers",
    "ltp": "models downloaded at run time (huggingface-hub); ltp-core needs torch and transformers",
    "foolnltk": "needs tensorflow>=1.3 (tf.contrib: TensorFlow 1 only) and numpy; 61 MB sdist, 2018",
}


# ================================================================== candidates (child process)

def _spans_from_words(line: str, tagged: list[tuple[str, str]], kinds: dict[str, str]) -> list:
    """(category, start, end, text) of the words whose tag kinds maps, located in line."""
    out, position = [], 0
    for word, tag in tagged:
        start = line.find(word, position)
        if start < 0:
            continue  # a word the tool rewrote (spaces, normalised characters): not locatable
        position = start + len(word)
        if tag in kinds:
            out.append((kinds[tag], start, position, word))
    return out


def _jieba():
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    tagger = jieba.posseg.POSTokenizer(jieba.Tokenizer())
    kinds = {"nr": "person", "nrfg": "person", "nrt": "person", "ns": "place", "nt": "unit"}
    return lambda line: _spans_from_words(line, [(t.word, t.flag) for t in tagger.cut(line, HMM=True)], kinds)


def _thulac():
    import thulac

    tagger = thulac.thulac()  # segmentation + part of speech, models inside the package
    kinds = {"np": "person", "ns": "place", "ni": "unit"}
    return lambda line: _spans_from_words(line, [tuple(w) for w in tagger.cut(line)], kinds)


def _jiagu():
    import jiagu

    kinds = {"PER": "person", "LOC": "place", "ORG": "unit"}

    def entities(line: str) -> list:
        # jiagu's NER labels the words of its own segmentation (B-PER, I-PER, O …), as its code
        # says; given words it found 69 % of the persons of the fitted splits, given characters 58 %.
        tagged, kind = [], None
        for word, label in zip(words := jiagu.seg(line), jiagu.ner(words)):
            prefix, _, tag = label.partition("-")
            if prefix == "I" and tag == kind and tagged:
                tagged[-1] = (tagged[-1][0] + word, tag)
            else:
                kind = tag if prefix in ("B", "I") else None
                tagged.append((word, kind or "O"))
        return _spans_from_words(line, tagged, kinds)

    return entities


CANDIDATES = {
    # name: (distribution, module, loader)
    "jieba-posseg": ("jieba", "jieba", _jieba),
    "thulac": ("thulac", "thulac", _thulac),
    "jiagu": ("jiagu", "jiagu", _jiagu),
}


def _install_facts(distribution: str) -> tuple[float, list[str]]:
    """Installed size in MB (the files its metadata lists) and its declared dependencies."""
    from importlib import metadata

    dist = metadata.distribution(distribution)
    size = 0
    for f in dist.files or []:
        path = Path(dist.locate_file(f))
        size += path.stat().st_size if path.is_file() else 0
    return size / 1e6, [r for r in (dist.requires or []) if "extra ==" not in r]


def run_one(name: str, splits: list[str]) -> dict:
    """Time the candidate and tag every line of every document (in this fresh process)."""
    from labels import load

    distribution, module, loader = CANDIDATES[name]
    t0 = time.perf_counter()
    __import__(module)
    t1 = time.perf_counter()
    entities = loader()
    entities("会议由陈志强主持，王小红在大东镇参加。")
    t2 = time.perf_counter()
    size, requires = _install_facts(distribution)
    from hooks.text.script import to_simplified

    docs, chars, spent = {}, 0, 0.0
    for doc in load(splits):
        # As the checker reads a text: traditional characters as simplified ones, position for position.
        lines = to_simplified(doc.text).split("\n")
        start = time.perf_counter()
        docs[doc.key] = [entities(line) for line in lines]
        spent += time.perf_counter() - start
        chars += len(doc.text)
    return {"import_s": t1 - t0, "first_call_s": t2 - t0, "per_1000_chars_ms": 1000 * spent / chars * 1000,
            "size_mb": size, "requires": requires, "docs": docs}


# ================================================================== filters (what looks private)

def keep_person(word: str) -> bool:
    """Kept as a private person's name: 2-4 Han characters, a listed surname first, no
    placeholder, no listed public figure, and no word of jieba's dictionary except a rare name
    (a name known often is a public figure's: 毛泽东; other classes are ordinary words: 范文)."""
    from hooks.privacy import checker, rules, tagged

    if not 2 <= len(word) <= 4 or not all(map(checker._is_han, word)) or checker._has_placeholder(word):  # noqa: SLF001
        return False
    if rules.surname_of(word) not in rules.SURNAMES or word in rules.PUBLIC_NAMES:
        return False
    freq, tag = tagged._frequencies().get(word)  # noqa: SLF001
    return not freq or tag.startswith("nr") and freq < tagged.ACTING_KNOWN_NAME_BELOW


def keep_place(word: str) -> bool:
    """Kept as a private place or unit: at least two Han characters, no placeholder, no public
    name or place (中国, 长江, and what starts with one: 中国式, 中共中央组织部), no ordinary word, and
    holding a word of two characters or more that jieba's dictionary does not know or knows as a
    rare place (so 县委组织部, 镇党委, 光明日报 go; 青岛绿丰公司, 北京地铁八通线 stay)."""
    from hooks.privacy import checker, rules, tagged

    if len(word) < 2 or not all(map(checker._is_han, word)) or checker._has_placeholder(word):  # noqa: SLF001
        return False
    if (word in rules.PUBLIC_NAMES or word in rules.common_words()
            or word.startswith((*rules.PUBLIC_PLACES, "中共"))):
        return False
    lexicon = tagged._frequencies()  # noqa: SLF001
    return any(len(part) >= 2 and part not in rules.PUBLIC_PLACES
               and (not lexicon.get(part)[0] or tagged.is_known_place(part))
               for part in tagged._tokenizer().tokenizer.lcut(word, HMM=True))  # noqa: SLF001


def filtered(entities: list) -> list:
    return [e for e in entities if (keep_person if e[0] == "person" else keep_place)(e[3])]


# ================================================================== scoring (parent process)

class Score:
    def __init__(self) -> None:
        self.occ = {c: 0 for c in CATEGORIES}
        self.found = {c: 0 for c in CATEGORIES}
        self.all_occ = self.all_found = self.findings = self.correct = self.keep = self.damaged = 0

    def add(self, doc, findings: list[tuple[int, int]]) -> None:
        overlap = lambda a, b: a[0] < b[1] and b[0] < a[1]  # noqa: E731
        occ_spans = [(o[0], o[1]) for o in doc.occurrences]
        for start, end, _, cat in doc.occurrences:
            hit = any(overlap(f, (start, end)) for f in findings)
            self.all_occ += 1
            self.all_found += hit
            if cat in self.occ:
                self.occ[cat] += 1
                self.found[cat] += hit
        self.findings += len(findings)
        self.correct += sum(any(overlap(f, o) for o in occ_spans) for f in findings)
        from labels import find_all

        for word in doc.labels.get("keep") or []:
            for i in find_all(doc.text, word):
                span = (i, i + len(word))
                if not any(overlap(span, o) for o in occ_spans):
                    self.keep += 1
                    self.damaged += any(overlap(span, f) for f in findings)

    def cells(self) -> list[str]:
        pct = lambda a, b: f"{100 * a / b:5.1f}" if b else "    –"  # noqa: E731
        return ([f"{pct(self.found[c], self.occ[c])} ({self.found[c]}/{self.occ[c]})" for c in CATEGORIES]
                + [f"{pct(self.all_found, self.all_occ)}", f"{pct(self.correct, self.findings)} ({self.findings})",
                   f"{pct(self.damaged, self.keep)} ({self.damaged}/{self.keep})"])


def checker_findings(text: str) -> list[tuple[int, int]]:
    from hooks.privacy.document import scan_text

    return [(f.start, f.end) for f in scan_text(text)]


def union_findings(text: str, per_line: list[list]) -> list[tuple[int, int]]:
    """The checker with the library as a second opinion inside each line's scan, then the
    whole-document pass (document.scan_document) over both."""
    from hooks.privacy import document
    from hooks.privacy.checker import Finding, scan

    extra = {line: found for line, found in zip(text.split("\n"), per_line)}

    def scan_with_library(line: str, *, use_jieba: bool = True) -> list:
        own = scan(line, use_jieba=use_jieba)
        added = [Finding(cat, word, start, end, "××" if cat == "person" else "某")
                 for cat, start, end, word in extra.get(line, ())
                 if all(end <= f.start or start >= f.end for f in own)]
        return sorted(own + added, key=lambda f: f.start)

    original, document.scan = document.scan, scan_with_library
    try:
        return [(f.start, f.end) for f in document.scan_text(text)]
    finally:
        document.scan = original


def line_offsets(text: str) -> list[int]:
    out, offset = [], 0
    for line in text.split("\n"):
        out.append(offset)
        offset += len(line) + 1
    return out


def score_rows(docs, per_doc: dict | None) -> dict[str, Score]:
    """Scores of alone/filtered/union (per_doc: the library's entities per line) or of the checker."""
    rows: dict[str, Score] = {}
    for doc in docs:
        if per_doc is None:
            rows.setdefault("checker", Score()).add(doc, checker_findings(doc.text))
            continue
        lines = per_doc[doc.key]
        offsets = line_offsets(doc.text)
        alone = [(o + e[1], o + e[2]) for o, found in zip(offsets, lines) for e in found]
        kept_lines = [filtered(found) for found in lines]
        kept = [(o + e[1], o + e[2]) for o, found in zip(offsets, kept_lines) for e in found]
        rows.setdefault("alone", Score()).add(doc, alone)
        rows.setdefault("filtered", Score()).add(doc, kept)
        rows.setdefault("union", Score()).add(doc, union_findings(doc.text, kept_lines))
        persons = [[e for e in found if e[0] == "person"] for found in kept_lines]
        rows.setdefault("union, persons", Score()).add(doc, union_findings(doc.text, persons))
    return rows


def pad(text: str, width: int) -> str:
    import unicodedata

    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(0, width - used)


COLUMNS = ("persons", "places", "units", "recall", "precision (n)", "damage")
WIDTHS = (17, 17, 15, 7, 15, 12)


def table_line(name: str, cells: list[str]) -> str:
    return pad(name, 28) + "".join(f"{c:>{w}}" for c, w in zip(cells, WIDTHS))


HEAVY = ("torch", "tensorflow", "tf_keras", "paddlepaddle")


def verdict(name: str, base: Score, union: Score, cost: dict) -> str:
    """One line: the union against the checker, by the adoption rule of the issue."""
    person = 100 * (union.found["person"] - base.found["person"]) / base.occ["person"]
    precision = 100 * union.correct / union.findings
    damage = 100 * (union.damaged / union.keep - base.damaged / base.keep)
    failed = [why for why, bad in (
        (f"persons {person:+.1f}", person < 3), (f"precision {precision:.1f}", precision < 93),
        (f"damage {damage:+.1f}", damage > 0.5), (f"{cost['size_mb']:.0f} MB", cost["size_mb"] > 150),
        ("heavy dependency", any(r.startswith(HEAVY) for r in cost["requires"])),
        (f"first result {cost['first_call_s']:.1f} s", cost["first_call_s"] > 5)) if bad]
    return f"{name:<28}{'fails: ' + ', '.join(failed) if failed else 'passes'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", action="append", default=[], help="a folder a candidate was installed into")
    parser.add_argument("--only", action="append", choices=list(CANDIDATES), help="measure only these")
    parser.add_argument("--one", choices=list(CANDIDATES), help=argparse.SUPPRESS)
    parser.add_argument("--splits", default=",".join(FITTED_SPLITS + UNFITTED_SPLITS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    splits = args.splits.split(",")
    if args.one:  # the child: stdout stays free for what a library prints (thulac: "Model loaded succeed")
        with contextlib.redirect_stdout(sys.stderr):
            result = run_one(args.one, splits)
        json.dump(result, sys.stdout, ensure_ascii=False)
        return

    from labels import load

    env = dict(os.environ, PYTHONPATH=os.pathsep.join([*args.site, os.environ.get("PYTHONPATH", "")]))
    groups = {"+".join(FITTED_SPLITS): load(list(FITTED_SPLITS)), "tune5 (not fitted)": load(list(UNFITTED_SPLITS))}
    results = {}
    for name in args.only or CANDIDATES:
        proc = subprocess.run([sys.executable, __file__, "--one", name, "--splits", ",".join(splits)],
                              capture_output=True, text=True, env=env, cwd=REPO_DIR)
        if proc.returncode:
            last = (proc.stderr.strip().splitlines() or ["?"])[-1]
            print(f"{name}: skipped ({last})")
            continue
        results[name] = json.loads(proc.stdout)

    print("\n== cost (one fresh process each; 2-core shared machine)")
    print(f"{'candidate':<14}{'installed':>10}{'import':>9}{'to 1st result':>14}{'ms/1000 ch':>12}  dependencies")
    for name, r in results.items():
        print(f"{name:<14}{r['size_mb']:>8.0f}MB{r['import_s']:>8.2f}s{r['first_call_s']:>13.2f}s"
              f"{r['per_1000_chars_ms']:>12.1f}  {', '.join(r['requires']) or 'none'}")

    verdicts = []
    for group, docs in groups.items():
        occ = sum(len(d.occurrences) for d in docs)
        print(f"\n== {group}: {len(docs)} documents, {occ} labelled occurrences")
        print(table_line("", list(COLUMNS)))
        base = score_rows(docs, None)["checker"]
        print(table_line("checker (now)", base.cells()))
        for name, r in results.items():
            rows = score_rows(docs, r["docs"])
            for row, score in rows.items():
                print(table_line(f"{name} {row}", score.cells()))
            if group.startswith("tune+"):
                verdicts += [verdict(f"{name} {row}", base, rows[row], r) for row in ("union", "union, persons")]

    print("\n== decision rule on the fitted splits: persons +3 points, precision >= 93 %, damage +0.5 point at"
          "\n   most, <= 150 MB, no torch/tensorflow/paddle, first result <= 5 s (data check time: see the docstring)")
    for line in verdicts:
        print(line)

    print("\n== not run")
    for name, why in REJECTED.items():
        print(f"{name:<14}{why}")


if __name__ == "__main__":
    main()
