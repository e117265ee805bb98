"""Load a Zynk document, print a summary, change it, and write it back.

Run: python examples/roundtrip.py examples/training-company.xml out.xml
"""

from __future__ import annotations

import sys
from collections import Counter
from decimal import Decimal

import zynk_sage50 as zs


def main(source: str, target: str) -> None:
    company = zs.load(source)
    customers = company.customers.customer if company.customers else []
    transactions = company.transactions.transaction if company.transactions else []
    print(f"{len(customers)} customers, {len(transactions)} transactions")
    for kind, count in sorted(
        Counter(t.transaction_type.value for t in transactions if t.transaction_type).items()
    ):
        print(f"  {kind}: {count}")
    total = sum(
        (
            t.net_amount or Decimal(0)
            for t in transactions
            if t.transaction_type is zs.TransactionType.SALES_INVOICE
        ),
        Decimal(0),
    )
    print(f"invoiced net: {total}")
    for transaction in transactions:  # tag every posting with the export batch
        transaction.payment_reference = transaction.payment_reference or "BATCH-2026-11"
    zs.dump(company, target)
    print(f"written to {target}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
