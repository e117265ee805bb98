"""Time and peak RSS of the command on a million empty records (issue 12, point 4).

``zynk-sage50 validate --format json`` on documents of N ``<Transaction/>`` rows (every one an
error), next to lxml's own ``iterparse`` of the same file, and next to N rows that all differ
(each checked in full: what repeating saves). Run from a checkout:

    python benchmarks/repeated.py                    # 100,000 and 1,000,000 rows
    python benchmarks/repeated.py --rows 1000000 --distinct 0 --records Transaction,Invoice

Each figure comes from a fresh process; the goal is a million empty rows within 10 s and
under 1 GiB, the JSON written included.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"

#: Runs the command in a fresh process; prints seconds, peak RSS and the size of the output.
COMMAND = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
with open(sys.argv[2], "wb") as output:
    done = subprocess.run(sys.argv[3:], stdout=output, check=False)
seconds = time.perf_counter() - started
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "rss_mb": rss, "exit": done.returncode}))
"""
ITERPARSE = """
import json, resource, sys, time
from lxml import etree
started = time.perf_counter()
tags = ("Transaction", "Customer", "Invoice")
for _, element in etree.iterparse(sys.argv[1], events=("end",), tag=tags):
    parent = element.getparent()
    element.clear()
    parent.remove(element)
seconds = time.perf_counter() - started
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "rss_mb": rss}))
"""


def write(path: Path, rows: int, *, distinct: bool, record: str = "Transaction") -> None:
    """``rows`` empty records, or transactions that each give a different Reference."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        handle.write(f'<?xml version="1.0" encoding="utf-8"?>\n<Company><{record}s>\n')
        for number in range(rows):
            if distinct:
                handle.write(f"<Transaction><Reference>R{number}</Reference></Transaction>\n")
            else:
                handle.write(f"<{record}/>\n")
        handle.write(f"</{record}s></Company>\n")


def run(code: str, *args: str) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"the job failed:\n{result.stderr}")
    figures: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def command() -> str:
    """The installed command beside this interpreter."""
    return str(Path(sys.executable).with_name("zynk-sage50"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="100000,1000000", help="comma-separated row counts")
    parser.add_argument(
        "--distinct", type=int, default=100_000, help="also time rows that differ, up to N"
    )
    parser.add_argument(
        "--records",
        default="Transaction",
        help="comma-separated kinds of empty record: Transaction, Customer, Invoice",
    )
    args = parser.parse_args()
    print(
        "| rows | document | lxml iterparse s | validate --format json s | × lxml "
        "| peak RSS MB | JSON MB |"
    )
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    for rows in (int(text) for text in args.rows.split(",")):
        cases = [(record, False) for record in args.records.split(",")]
        if rows <= args.distinct:
            cases.append(("Transaction", True))
        for record, distinct in cases:
            name = "distinct" if distinct else f"empty {record}"
            path = DATA / f"repeated-{name.replace(' ', '-')}-{rows}.xml"
            if not path.exists():
                write(path, rows, distinct=distinct, record=record)
            output = path.with_suffix(".json")
            baseline = run(ITERPARSE, str(path))
            figures = run(
                COMMAND,
                str(path),
                str(output),
                command(),
                "validate",
                "--format",
                "json",
                str(path),
            )
            print(
                f"| {rows:,} | {name} | {baseline['seconds']:.2f} | {figures['seconds']:.2f} "
                f"| {figures['seconds'] / baseline['seconds']:.1f} | {figures['rss_mb']:.0f} "
                f"| {output.stat().st_size / 1_000_000:.1f} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
