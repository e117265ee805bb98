"""Time of ``validate`` on documents whose root declares many namespaces (issue 12, point 2).

Each record check once copied every declaration in scope, so 5,000 declarations × 200 records
took 15 s. Records are now checked in batches (one copy per batch) and declarations are bounded
by ``Limits.max_namespaces`` (raised here to measure). Run from a checkout:

    python benchmarks/namespaces.py                         # 500, 1,000, 2,000, 5,000 × 2,000
    python benchmarks/namespaces.py --declarations 5000 --records 200,2000,20000

Each run is a fresh process; seconds per (declaration × record) falling as either grows means
the cost is no longer their product.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from prolog import DATA, measure_job  # noqa: E402 (the shared runner sits beside this script)

ROW = (
    b"<Transaction><TransactionType>SalesInvoice</TransactionType>"
    b"<AccountReference>ABS001</AccountReference>"
    b"<TransactionDate>2019-05-16T00:00:00</TransactionDate><Reference>SI{n}</Reference>"
    b"<NominalCode>4000</NominalCode><NetAmount>100.00</NetAmount><TaxCode>1</TaxCode>"
    b"<TaxAmount>20.00</TaxAmount></Transaction>"
)
JOB = """
import zynk_sage50 as zs
report = zs.validate(path, limits=zs.Limits(max_namespaces=1_000_000))
assert not [i for i in report.issues if i.code.startswith(("xml.", "schema."))], report.issues[:3]
"""


def write(path: Path, declarations: int, records: int) -> None:
    """A document whose root declares ``declarations`` unused prefixes, with ``records`` rows."""
    declared = b" ".join(b'xmlns:p%d="urn:p%d"' % (n, n) for n in range(declarations))
    rows = b"".join(ROW.replace(b"{n}", str(n).encode()) for n in range(records))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(
        b"<Company " + declared + b"><Transactions>" + rows + b"</Transactions></Company>"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--declarations", default="500,1000,2000,5000")
    parser.add_argument("--records", default="2000")
    args = parser.parse_args()
    print("| declarations | records | seconds | µs per declaration × record |")
    print("| ---: | ---: | ---: | ---: |")
    for declarations in (int(d) for d in args.declarations.split(",")):
        for records in (int(r) for r in args.records.split(",")):
            path = DATA / f"namespaces-{declarations}x{records}.xml"
            if not path.exists():
                write(path, declarations, records)
            seconds = measure_job(JOB, path)["seconds"]
            per = seconds / (declarations * records) * 1e6
            print(f"| {declarations:,} | {records:,} | {seconds:.2f} | {per:.4f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
