"""Time and peak RSS of ``validate`` on documents with a long prolog (issue 12, point 3).

A prolog of comments, processing instructions or blank lines before the root element must cost
time in proportion to its size and no memory that grows with it. Run from a checkout:

    python benchmarks/prolog.py                      # 10, 30 and 100 MB of comments
    python benchmarks/prolog.py --sizes 10,100 --kind blanks

Each size runs in a fresh process; the table gives seconds, seconds per MB (constant when time
is linear) and peak RSS next to that of the same document without the prolog.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
MB = 1_000_000

#: One prolog unit of each kind, repeated to the size asked for.
UNITS = {
    "comments": b"<!-- " + b"c" * 90 + b" -->\n",
    "pis": b"<?note " + b"p" * 89 + b"?>\n",
    "blanks": b" " * 99 + b"\n",
}
DOCUMENT = (
    b"<Company><Transactions><Transaction>"
    b"<Id>1</Id><TransactionType>SalesInvoice</TransactionType>"
    b"<AccountReference>ABS001</AccountReference>"
    b"<TransactionDate>2019-05-16T00:00:00</TransactionDate><Reference>SI1</Reference>"
    b"<NominalCode>4000</NominalCode><Details>Course fee</Details>"
    b"<NetAmount>100.00</NetAmount><TaxCode>1</TaxCode><TaxAmount>20.00</TaxAmount>"
    b"</Transaction></Transactions></Company>\n"
)

#: Runs a job (Python code with ``path`` set) in a fresh process; prints seconds and peak RSS.
RUNNER = """
import json, resource, sys, time
path = sys.argv[1]
started = time.perf_counter()
exec(compile(sys.argv[2], "<job>", "exec"))
seconds = time.perf_counter() - started
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "rss_mb": rss}))
"""
VALIDATE = """
import zynk_sage50 as zs
report = zs.validate(path)
assert report.valid, report.issues[:3]
"""


def write(path: Path, megabytes: int, kind: str) -> None:
    """A valid document with ``megabytes`` MB of ``kind`` between its declaration and root."""
    unit = UNITS[kind]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        handle.write(b'<?xml version="1.0" encoding="utf-8"?>\n')
        block = unit * (MB // len(unit))
        for _ in range(megabytes):
            handle.write(block)
        handle.write(DOCUMENT)


def measure(path: Path) -> dict[str, float]:
    """``validate(path)`` in a fresh interpreter: its seconds and peak RSS in MB."""
    return measure_job(VALIDATE, path)


def measure_job(job: str, path: Path) -> dict[str, float]:
    """``job`` (code using ``path``) in a fresh interpreter: its seconds and peak RSS in MB."""
    result = subprocess.run(
        [sys.executable, "-c", RUNNER, str(path), job], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"the job on {path} failed:\n{result.stderr}")
    measured: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return measured


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,30,100", help="comma-separated prolog MB")
    parser.add_argument("--kind", default="comments", choices=sorted(UNITS))
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    baseline_path = DATA / "prolog-0.xml"
    write(baseline_path, 0, args.kind)
    baseline = measure(baseline_path)
    print(f"validate, {args.kind} before the root (baseline RSS {baseline['rss_mb']:.0f} MB)")
    print()
    print("| prolog (MB) | seconds | s/MB | peak RSS (MB) | RSS over baseline (MB) |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for size in sizes:
        path = DATA / f"prolog-{args.kind}-{size}.xml"
        if not path.exists():
            write(path, size, args.kind)
        figures = measure(path)
        print(
            f"| {size} | {figures['seconds']:.2f} | {figures['seconds'] / size:.3f} "
            f"| {figures['rss_mb']:.0f} | {figures['rss_mb'] - baseline['rss_mb']:.0f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
