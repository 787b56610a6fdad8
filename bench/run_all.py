"""Run every benchmark, each in its own process; --quick uses small sizes (about a minute in all)."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
FULL: dict[str, list[str]] = {"rsvp_burst.py": [], "roster_import.py": [], "memory.py": []}
QUICK: dict[str, list[str]] = {
    "rsvp_burst.py": ["--delegates", "200"],
    "roster_import.py": ["--rows", "2000", "--repeat", "1"],
    "memory.py": ["--delegates", "2000", "--users", "20"],
}


def run(quick: bool, only: list[str]) -> int:
    """Run the selected scripts one after another; return the worst exit status."""
    worst = 0
    for script, args in (QUICK if quick else FULL).items():
        if only and script.removesuffix(".py") not in only:
            continue
        print(f"\n$ {Path(sys.executable).name} bench/{script} {' '.join(args)}".rstrip(), flush=True)
        status = subprocess.call([sys.executable, str(BENCH / script), *args], cwd=BENCH.parent)
        worst = max(worst, status)
    return worst


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes: 200 presses, 2,000 rows, 2,000 delegates")
    parser.add_argument(
        "only",
        nargs="*",
        choices=[[], "rsvp_burst", "roster_import", "memory"],
        default=[],
        help="run only these (default: all)",
    )
    args = parser.parse_args(argv)
    return run(args.quick, args.only)


if __name__ == "__main__":
    sys.exit(main())
