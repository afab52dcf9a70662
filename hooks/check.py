"""Check data/ without building the site: `python -m hooks.check [DATA_DIR]`.

load_checked is the whole check the build runs too: the data's own checks (hooks.data) and the
personal-data check (hooks.privacy), joined here so that data/ depends on no checker.
Prints every problem as file:line: field: expected …; found …, and exits 1 if there are any.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from hooks.data import library
from hooks.data.errors import DataErrors
from hooks.data.model import Library
from hooks.privacy.data_check import PersonalDataCheck
from hooks.review.rules import load_rules


def load_checked(data_dir: Path) -> tuple[Library, dict[str, Any]]:
    """Read, check (personal data included) and model data_dir, and read 自查's rules (each pattern
    must mean the same in Python and in the browser); raise DataErrors naming every problem."""
    loaded = library.load_library(data_dir, PersonalDataCheck(data_dir / "privacy"))
    return loaded, load_rules(data_dir)


def load_library(data_dir: Path) -> Library:
    """The checked library alone (see load_checked)."""
    return load_checked(data_dir)[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hooks.check", description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", default="data", type=Path, help="the data folder (default: data)")
    args = parser.parse_args(argv)
    try:
        library = load_library(args.data_dir.absolute())  # `.` is shown by its name too
    except DataErrors as errors:
        print(errors.report(), file=sys.stderr)
        return 1
    examples = sum(r.type == "example" for r in library.records)
    print(f"ok: {len(library.meetings)} meetings, {len(library.outlines)} outlines, "
          f"{examples} examples, {len(library.records) - examples} cases")
    return 0


if __name__ == "__main__":
    sys.exit(main())
