"""Precision, recall and F1 of hooks/privacy.scan per category, and its speed.

Sets: tests/privacy_labelled.yaml (written with the rules), and tests/privacy_real.yaml (seed
sentences + hard negatives/positives) split by a fixed rule into a tune half and a held-out half
(REAL_SPLIT); rules may be tuned on the first two, the held-out half is only reported.

Usage: python benchmarks/privacy_eval.py [--no-jieba] [--errors] [--set NAME]
"""
from __future__ import annotations

import argparse
import sys
import time
import zlib
from collections import Counter
from pathlib import Path

import yaml

REPO_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_DIR))
from hooks.privacy import rules as privacy_rules  # noqa: E402
from hooks.privacy.checker import CATEGORIES, scan  # noqa: E402

LABELLED_PATH = REPO_DIR / "tests" / "privacy_labelled.yaml"
REAL_PATH = REPO_DIR / "tests" / "privacy_real.yaml"


def load_items(path: Path = LABELLED_PATH) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["items"]


def is_held_out(text: str) -> bool:
    """The fixed split of the real-text set: odd CRC-32 of the sentence → held out."""
    return zlib.crc32(text.encode("utf-8")) % 2 == 1


def load_sets() -> dict[str, list[dict]]:
    real = load_items(REAL_PATH)
    return {"labelled": load_items(),
            "real-tune": [i for i in real if not is_held_out(i["text"])],
            "real-heldout": [i for i in real if is_held_out(i["text"])]}


def count(items: list[dict], use_jieba: bool = True) -> tuple[Counter, Counter, Counter, list[str]]:
    """True positives, false positives, false negatives per category, and a list of errors."""
    tp, fp, fn, errors = Counter(), Counter(), Counter(), []
    for item in items:
        expected = Counter((f["category"], str(f["match"])) for f in item["findings"])
        got = Counter((f.category, f.match) for f in scan(item["text"], use_jieba=use_jieba))
        for key in (expected & got).elements():
            tp[key[0]] += 1
        for key in (got - expected).elements():
            fp[key[0]] += 1
            errors.append(f"FP {key[0]} «{key[1]}» in {item['text']}")
        for key in (expected - got).elements():
            fn[key[0]] += 1
            errors.append(f"FN {key[0]} «{key[1]}» in {item['text']}")
    return tp, fp, fn, errors


def scores(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-jieba", dest="jieba", action="store_false",
                        help="without the part-of-speech pass (hooks/privacy/tagged.py)")
    parser.add_argument("--errors", action="store_true", help="list every FP and FN")
    parser.add_argument("--set", choices=("labelled", "real-tune", "real-heldout"), action="append",
                        help="report only these sets (default: all three)")
    args = parser.parse_args()
    sets = load_sets()
    for name in args.set or sets:
        report(name, sets[name], args.jieba, args.errors)
    time_scan(sets["labelled"] + sets["real-tune"], args.jieba)


def report(name: str, items: list[dict], use_jieba: bool, show_errors: bool) -> None:
    tp, fp, fn, errors = count(items, use_jieba)
    print(f"== {name}: {len(items)} sentences, {sum(bool(i['findings']) for i in items)} with findings")
    print(f"{'category':<11}{'TP':>4}{'FP':>4}{'FN':>4}{'precision':>11}{'recall':>8}{'F1':>7}")
    for cat in (*CATEGORIES, "overall"):
        t, p, n = ((sum(tp.values()), sum(fp.values()), sum(fn.values())) if cat == "overall"
                   else (tp[cat], fp[cat], fn[cat]))
        if t + p + n or cat == "overall":
            print(f"{cat:<11}{t:>4}{p:>4}{n:>4}" + "".join(f"{v:>{w}.3f}" for v, w in
                                                           zip(scores(t, p, n), (11, 8, 7))))
    if show_errors:
        print("\n".join(errors))


def time_scan(items: list[dict], use_jieba: bool) -> None:
    """1,000 records of 300 characters, after one warm-up call (lexicons load lazily)."""
    texts = [i["text"] for i in items]
    records = ["".join(texts[(k + j) % len(texts)] for j in range(20))[:300] for k in range(1000)]
    privacy_rules.common_words.cache_clear()
    began = time.perf_counter()
    scan("预热，到柳林村调研", use_jieba=use_jieba)
    print(f"first call (loads lexicons): {time.perf_counter() - began:.3f} s")
    began, cpu = time.perf_counter(), time.process_time()
    for record in records:
        scan(record, use_jieba=use_jieba)
    elapsed, cpu = time.perf_counter() - began, time.process_time() - cpu
    print(f"speed: {len(records)} records of {sum(map(len, records)) // len(records)} characters "
          f"in {elapsed:.3f} s wall, {cpu:.3f} s CPU")


if __name__ == "__main__":
    main()
