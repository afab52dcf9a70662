"""Check data/ without building the site: `python -m hooks.check [DATA_DIR]`.

Prints every problem as file:line: field: expected …; found …, and exits 1 if there are any.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hooks.errors import DataErrors
from hooks.library import load_library


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hooks.check", description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", default="data", type=Path, help="the data folder (default: data)")
    args = parser.parse_args(argv)
    try:
        library = load_library(args.data_dir)
    except DataErrors as errors:
        print(errors.report(), file=sys.stderr)
        return 1
    examples = sum(r.type == "example" for r in library.records)
    print(f"ok: {len(library.meetings)} meetings, {len(library.outlines)} outlines, "
          f"{examples} examples, {len(library.records) - examples} cases")
    return 0


if __name__ == "__main__":
    sys.exit(main())
