"""Benchmark the library against lxml's floor and xsdata's own parser and serializer.

Run from a checkout (after ``pip install -e ".[dev]"``):

    python benchmarks/run.py                 # 100,000 transactions, best of 3
    python benchmarks/run.py --sizes 100000,1000000 --repeat 3

Each measurement runs in a fresh process and reports its wall time and peak RSS (the best of
``--repeat`` runs: the machine is shared and noisy); the table ends with the ratios the
performance goals are stated in (docs/performance.md).
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"

#: Each job: Python code run in a fresh process with ``path`` (the input) and ``out`` set.
JOBS: dict[str, str] = {
    "lxml iterparse": """
from lxml import etree
for _, el in etree.iterparse(path, events=("end",), tag=("Transaction", "Customer")):
    el.clear()
    while el.getprevious() is not None:
        del el.getparent()[0]
""",
    "load": "import zynk_sage50 as zs\nzs.load(path)",
    "iter_transactions": """
import zynk_sage50 as zs
for _ in zs.iter_transactions(path):
    pass
""",
    "validate": """
import zynk_sage50 as zs
report = zs.validate(path)
assert report.valid, report.issues[:3]
""",
    "dump": """
import zynk_sage50 as zs
company = zs.load(path)
START()
zs.dump(company, out)
""",
    "xsdata XmlParser": """
from xsdata.formats.dataclass.context import XmlContext
from xsdata.formats.dataclass.parsers import XmlParser
from xsdata.formats.dataclass.parsers.config import ParserConfig
from xsdata.formats.dataclass.parsers.handlers import LxmlEventHandler
from zynk_sage50.models import Company
XmlParser(config=ParserConfig(fail_on_unknown_properties=True),
          context=XmlContext(class_type="attrs"), handler=LxmlEventHandler).parse(path, Company)
""",
    "xsdata XmlSerializer": """
from xsdata.formats.dataclass.context import XmlContext
from xsdata.formats.dataclass.serializers import XmlSerializer
from xsdata.formats.dataclass.serializers.config import SerializerConfig
import zynk_sage50 as zs
company = zs.load(path)
START()
with open(out, "w", encoding="utf-8") as handle:
    XmlSerializer(context=XmlContext(class_type="attrs"),
                  config=SerializerConfig(indent="  ")).write(handle, company)
""",
}

RUNNER = """
import json, resource, sys, time
path, out = sys.argv[1], sys.argv[2]
started = [time.perf_counter()]
def START():
    started[0] = time.perf_counter()
exec(compile(sys.argv[3], "<job>", "exec"))
seconds = time.perf_counter() - started[0]
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "rss_mb": rss}))
"""


def measure(job: str, path: Path, repeat: int) -> dict[str, float]:
    """The best of ``repeat`` runs of a job, each in a fresh interpreter: seconds and peak RSS
    in MB (each the lowest seen)."""
    runs = [_measure_once(job, path) for _ in range(repeat)]
    return {key: min(run[key] for run in runs) for key in runs[0]}


def _measure_once(job: str, path: Path) -> dict[str, float]:
    out = DATA / "out.xml"
    result = subprocess.run(
        [sys.executable, "-c", RUNNER, str(path), str(out), JOBS[job]],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"{job} failed:\n{result.stderr}")
    measured: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return measured


def table(size: int, results: dict[str, dict[str, float]]) -> list[str]:
    """The Markdown table of one size."""
    lines = [
        f"### {size:,} transactions",
        "",
        "| job | seconds | rows/s | peak RSS (MB) |",
        "| --- | ---: | ---: | ---: |",
    ]
    for job, figures in results.items():
        rate = size / figures["seconds"] if figures["seconds"] else float("inf")
        lines.append(
            f"| {job} | {figures['seconds']:.2f} | {rate:,.0f} | {figures['rss_mb']:.0f} |"
        )
    return lines


def ratios(results: dict[str, dict[str, float]]) -> list[str]:
    """The goals of the performance issue, measured."""
    s = {job: figures["seconds"] for job, figures in results.items()}
    checks = [
        ("validate ÷ lxml iterparse", s["validate"] / s["lxml iterparse"], "≤ 4"),
        ("xsdata XmlParser ÷ validate", s["xsdata XmlParser"] / s["validate"], "≥ 5"),
        ("load ÷ lxml iterparse", s["load"] / s["lxml iterparse"], "≤ 4.5"),
        ("xsdata XmlSerializer ÷ dump", s["xsdata XmlSerializer"] / s["dump"], "≥ 10"),
    ]
    lines = ["", "| ratio | measured | goal |", "| --- | ---: | --- |"]
    lines += [f"| {name} | {value:.2f} | {goal} |" for name, value, goal in checks]
    lines.append(f"| validate peak RSS (MB) | {results['validate']['rss_mb']:.0f} | ≤ 120 |")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000", help="comma-separated transaction counts")
    parser.add_argument("--jobs", default=",".join(JOBS), help="comma-separated jobs to run")
    parser.add_argument("--repeat", type=int, default=3, help="runs per job; the best counts")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from generate import write  # noqa: PLC0415 (the generator sits beside this script)

    print(
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"{platform.processor() or platform.platform()}"
    )
    sizes = [int(size) for size in args.sizes.split(",")]
    validated: dict[int, dict[str, float]] = {}
    for size in sizes:
        path = DATA / f"tx-{size}.xml"
        if not path.exists():
            write(path, size)
        results = {job: measure(job, path, args.repeat) for job in args.jobs.split(",")}
        print("\n".join(table(size, results)))
        if set(JOBS) <= set(results):
            print("\n".join(ratios(results)))
        if "validate" in results:
            validated[size] = results["validate"]
        print()
    if len(validated) > 1:
        small, large = min(validated), max(validated)
        factor = large / small
        print(
            f"validate, {large:,} vs {small:,} transactions ({factor:.0f}× the rows): "
            f"{validated[large]['seconds'] / validated[small]['seconds']:.2f}× the time "
            f"(linear: ≤ {factor * 1.05:.1f}), "
            f"{validated[large]['rss_mb'] / validated[small]['rss_mb']:.2f}× the peak RSS "
            "(goal ≤ 2)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
