"""Precision, recall and F1 of hooks/privacy.scan on tests/privacy_labelled.yaml, and its speed.

Usage: python benchmarks/privacy_eval.py [--jieba]   (--jieba adds jieba `nr` names)
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

REPO_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_DIR))
from hooks.privacy import CATEGORIES, scan  # noqa: E402

LABELLED_PATH = REPO_DIR / "tests" / "privacy_labelled.yaml"


def load_items(path: Path = LABELLED_PATH) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["items"]


def count(items: list[dict], use_jieba: bool = False) -> tuple[Counter, Counter, Counter, list[str]]:
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
    parser.add_argument("--jieba", action="store_true", help="add jieba nr names")
    parser.add_argument("--errors", action="store_true", help="list every FP and FN")
    args = parser.parse_args()
    items = load_items()
    tp, fp, fn, errors = count(items, args.jieba)
    print(f"{len(items)} sentences, {sum(bool(i['findings']) for i in items)} with findings")
    print(f"{'category':<11}{'TP':>4}{'FP':>4}{'FN':>4}{'precision':>11}{'recall':>8}{'F1':>7}")
    for cat in (*CATEGORIES, "overall"):
        t, p, n = ((sum(tp.values()), sum(fp.values()), sum(fn.values())) if cat == "overall"
                   else (tp[cat], fp[cat], fn[cat]))
        print(f"{cat:<11}{t:>4}{p:>4}{n:>4}" + "".join(f"{v:>{w}.3f}" for v, w in
                                                       zip(scores(t, p, n), (11, 8, 7))))
    if args.errors:
        print("\n".join(errors))
    texts = [i["text"] for i in items]
    records = ["".join(texts[(k + j) % len(texts)] for j in range(20))[:300] for k in range(1000)]
    if args.jieba:
        scan("预热", use_jieba=True)  # load jieba's dictionary outside the timing
    began = time.perf_counter()
    for record in records:
        scan(record, use_jieba=args.jieba)
    elapsed = time.perf_counter() - began
    print(f"speed: {len(records)} records of {sum(map(len, records)) // len(records)} characters "
          f"in {elapsed:.3f} s")


if __name__ == "__main__":
    main()
