"""Time and peak memory of `python -m hooks.check` on the data mistakes that cost the most: a 1 KB
billion-laughs file (YAML aliases), deep nesting (flow and block), and data/ as shipped for
comparison. One line per case: exit code, wall time, peak memory (RSS of the check and its
children), and the first line of what it printed.

    .venv/bin/python benchmarks/data_mistakes.py [--repo CHECKOUT] [--memory-gb 8] [--timeout 300]

--repo measures another checkout (e.g. one from before issue 13) with its own data/; the memory
and time limits keep such a run from taking the machine down.
"""
from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def billion_laughs() -> str:
    """A record whose title is nine levels of nine aliases: 9^9 (387 million) strings once
    expanded, in under 1 KB."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 9):
        previous, name = chr(ord("a") + n - 1), chr(ord("a") + n)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    record = ["id: bomb", "meeting: 2025-niandu", "part: 问题", "level: 班子", "unit: 通用", *lines,
              "title: *i", "text: *i"]
    return "source: authored\nexamples:\n  - " + "\n    ".join(record) + "\n"


def nested(levels: int, block: bool) -> str:
    body = "- " * levels + "x" if block else "[" * levels + "]" * levels
    return f"source: authored\nexamples:\n  - {body}\n"


CASES = {
    "data/ as shipped": None,
    f"billion laughs ({len(billion_laughs())} bytes)": billion_laughs(),
    "flow nesting, 1,000 levels": nested(1_000, block=False),
    "flow nesting, 50,000 levels": nested(50_000, block=False),
    "block nesting, 50,000 levels": nested(50_000, block=True),
}


def measure(repo: Path, text: str | None, memory_gb: int, timeout: float) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(repo / "data", data)
        if text is not None:
            (data / "examples" / "mistake.yaml").write_text(text, "utf-8")

        def limit() -> None:
            resource.setrlimit(resource.RLIMIT_AS, (memory_gb << 30, memory_gb << 30))
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "hooks.check", str(data)], cwd=repo, text=True,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=limit)
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            return f"stopped after {timeout:.0f} s"
        finally:
            elapsed = time.perf_counter() - start
        # The process is reaped by communicate; its peak RSS is the children's maximum so far.
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        said = [line.strip() for line in (err or out).splitlines() if line.strip()]
        first = next((line for line in said if "mistake.yaml" in line), said[-1] if said else "")
        how = f"signal {-process.returncode}" if process.returncode < 0 else f"exit {process.returncode}"
        traceback = " (traceback)" if "Traceback" in err else ""
        return f"{how}{traceback}, {elapsed:.2f} s, peak ≤ {peak_mb:.0f} MB: {first[:160]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, default=REPO_ROOT)
    parser.add_argument("--memory-gb", type=int, default=8)
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args(argv)
    for name, text in CASES.items():
        # Each case in a fresh process of its own, so the children's peak is this case's alone.
        line = subprocess.run([sys.executable, __file__, "--one", name, "--repo", str(args.repo),
                               "--memory-gb", str(args.memory_gb), "--timeout", str(args.timeout)],
                              capture_output=True, text=True).stdout.strip()
        print(f"{name}: {line}", flush=True)
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        options = dict(zip(sys.argv[3::2], sys.argv[4::2]))
        print(measure(Path(options["--repo"]), CASES[sys.argv[2]], int(options["--memory-gb"]),
                      float(options["--timeout"])))
        sys.exit(0)
    sys.exit(main())
