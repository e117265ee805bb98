"""Run the fuzzing property of ``tests/test_fuzz.py`` for as long as you like.

    python scripts/fuzz.py --examples 100000             # about 15 minutes on one core
    python scripts/fuzz.py --examples 100000 --workers 2 # split over two processes
    python scripts/fuzz.py --examples 2000 --seed 1      # reproducible

Every example is a valid generated document, mutated (tests/test_fuzz.py says how), checked by
``check_document``: ``validate()`` must return a report whose issues all have catalogue codes,
and ``loads()`` must agree with it. Unlike the test, a failure does not stop the run: each one is
saved under ``--failures`` (default ``fuzz-failures/``) with its traceback, and the summary
counts them. Re-run a saved input with ``python scripts/fuzz.py --replay FILE``.

Prints a summary: examples run, failures (distinct by exception and place), time, and how the
examples were reported (the first issue code of each), so that a run which only ever exercised
``xml.malformed`` shows it.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import multiprocessing
import sys
import time
import traceback
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # ``tests`` is a package of the checkout, not installed


def _signature(exc: BaseException) -> str:
    """The exception's type and the innermost frame of the library (or test) it came from."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = next(
        (f"{Path(f.filename).name}:{f.lineno}" for f in reversed(frames) if "zynk" in f.filename),
        frames[-1].name if frames else "?",
    )
    return f"{type(exc).__name__} at {where}"


def run(examples: int, seed: int | None, failures_dir: Path, worker: int = 0) -> dict[str, Any]:
    """Run ``examples`` examples in this process; return the counts as a dict."""
    from hypothesis import HealthCheck, Phase, given, settings  # noqa: PLC0415
    from hypothesis import seed as hypothesis_seed  # noqa: PLC0415

    from tests.test_fuzz import check_document, fuzzed_documents  # noqa: PLC0415

    counts: collections.Counter[str] = collections.Counter()
    failures: collections.Counter[str] = collections.Counter()
    state = {"examples": 0}

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(fuzzed_documents())
    def property_(data: bytes) -> None:
        state["examples"] += 1
        try:
            report = check_document(data)
        except Exception as exc:  # every failure is recorded, none stops the run
            signature = _signature(exc)
            failures[signature] += 1
            digest = hashlib.sha256(data).hexdigest()[:16]
            failures_dir.mkdir(parents=True, exist_ok=True)
            (failures_dir / f"{digest}.xml").write_bytes(data)
            (failures_dir / f"{digest}.txt").write_text(
                signature + "\n\n" + "".join(traceback.format_exception(exc)), encoding="utf-8"
            )
            return
        counts[report.issues[0].code if report.issues else "(no issue)"] += 1

    if seed is not None:
        property_ = hypothesis_seed(seed + worker)(property_)
    property_()
    return {"examples": state["examples"], "counts": dict(counts), "failures": dict(failures)}


def _worker(arguments: tuple[int, int | None, str, int]) -> dict[str, Any]:
    examples, seed, failures_dir, worker = arguments
    return run(examples, seed, Path(failures_dir), worker)


def replay(path: Path) -> int:
    from tests.test_fuzz import check_document  # noqa: PLC0415

    report = check_document(path.read_bytes())
    print(f"{path}: property holds; issues: {', '.join(report.codes) or 'none'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=10_000, help="examples in all")
    parser.add_argument("--workers", type=int, default=1, help="processes to split them over")
    parser.add_argument("--seed", type=int, help="for a reproducible run")
    parser.add_argument("--failures", type=Path, default=Path("fuzz-failures"))
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--replay", type=Path, help="check one saved input and exit")
    options = parser.parse_args(argv)
    if options.replay:
        return replay(options.replay)

    started = time.perf_counter()
    workers = max(1, options.workers)
    shares = [
        options.examples // workers + (n < options.examples % workers) for n in range(workers)
    ]
    jobs = [(share, options.seed, str(options.failures), n) for n, share in enumerate(shares)]
    if workers == 1:
        results = [_worker(jobs[0])]
    else:
        with multiprocessing.get_context("spawn").Pool(workers) as pool:
            results = pool.map(_worker, jobs)
    elapsed = time.perf_counter() - started

    counts: collections.Counter[str] = collections.Counter()
    failures: collections.Counter[str] = collections.Counter()
    for result in results:
        counts.update(result["counts"])
        failures.update(result["failures"])
    summary = {
        "examples": sum(result["examples"] for result in results),
        "failures": sum(failures.values()),
        "distinct_failures": dict(failures),
        "seconds": round(elapsed, 1),
        "workers": workers,
        "seed": options.seed,
        "first_issue_codes": dict(counts.most_common()),
    }
    if options.json:
        print(json.dumps(summary, indent=2))
    else:
        print(f"examples run: {summary['examples']:,}")
        print(f"failures:     {summary['failures']:,} ({len(failures)} distinct)")
        for signature, number in failures.most_common():
            print(f"  {number:>7,}  {signature}")
        print(f"time:         {elapsed:,.1f} s with {workers} worker(s)")
        print("first issue of each report:")
        for code, number in counts.most_common():
            print(f"  {number:>7,}  {code}")
        if failures:
            print(f"failing inputs and tracebacks: {options.failures}/")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
