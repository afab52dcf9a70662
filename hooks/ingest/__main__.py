"""python -m hooks.ingest INPUT [-o OUTPUT.yaml]: draft YAML from a .txt/.md/.docx material,
minutes or a notice (通知, which drafts a data/meetings/ file).

The YAML goes to OUTPUT (or stdout); the report goes to stderr. Exit 0: a draft was written;
3: no draft, and the report says why (not a material, meeting not recognised …); 2: bad input.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .classify import MATERIALS
from .emit import report
from .pipeline import run
from hooks.text.read import InputError

REPO = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hooks.ingest", description=__doc__.splitlines()[0])
    parser.add_argument("input", type=Path, help="a .txt, .md or .docx material, minutes or notice")
    parser.add_argument("-o", "--output", type=Path, help="draft YAML to write (default: stdout)")
    parser.add_argument("--meeting", help="the meeting id (data/meetings/<id>.yaml) when the report says "
                                          "it could not be recognised")
    parser.add_argument("--type", dest="type_name", metavar="TYPE",
                        help="read the document as this material when the report says it is none "
                             f"({', '.join(MATERIALS)})")
    parser.add_argument("--data", type=Path, default=REPO / "data", help="data directory with meetings/")
    parser.add_argument("--show-originals", action="store_true",
                        help="print replaced names in the report (for checking; never commit it)")
    args = parser.parse_args(argv)
    try:
        output = run(args.input, args.data, meeting_id=args.meeting, type_name=args.type_name)
    except (InputError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if output.text is not None:
        if args.output:
            args.output.write_text(output.text, encoding="utf-8")
        else:
            sys.stdout.write(output.text)
    sys.stderr.write(report(output, args.show_originals) if args.show_originals else output.report)
    return output.status


if __name__ == "__main__":
    sys.exit(main())
