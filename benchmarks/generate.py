"""Write a realistic large Zynk document: customers, invoices with splits, allocated receipts,
credits, balanced journals and bank transfers, in the proportions of a busy month.

Run: python benchmarks/generate.py 100000 benchmarks/data/tx-100k.xml
The file is written by string templates (fast enough for a million rows); it validates clean.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

TAX = Decimal("0.20")
CENT = Decimal("0.01")


def _row(fields: dict[str, object]) -> str:
    body = "".join(f"      <{name}>{value}</{name}>\n" for name, value in fields.items())
    return f"    <Transaction>\n{body}    </Transaction>\n"


def customers(count: int) -> Iterator[str]:
    """``count`` customers with an invoice address."""
    for n in range(1, count + 1):
        yield (
            "    <Customer>\n"
            f"      <Id>C{n:06d}</Id>\n"
            f"      <AccountReference>C{n:06d}</AccountReference>\n"
            f"      <CompanyName>Delegate Company {n}</CompanyName>\n"
            "      <CustomerInvoiceAddress>\n"
            f"        <Forename>Alex</Forename>\n        <Surname>Smith {n}</Surname>\n"
            f"        <Address1>{n} High Street</Address1>\n        <Town>Leeds</Town>\n"
            "        <Postcode>LS1 4AP</Postcode>\n        <Country>GB</Country>\n"
            "      </CustomerInvoiceAddress>\n"
            "      <Currency>GBP</Currency>\n      <TermsAgreed>true</TermsAgreed>\n"
            "    </Customer>\n"
        )


def transactions(count: int, accounts: int, rng: random.Random) -> Iterator[str]:
    """About ``count`` transaction rows (stops at the first group boundary past it)."""
    rows = 0
    ident = 0
    invoice_number = 0
    while rows < count:
        day = f"2026-11-{rng.randint(1, 28):02d}T00:00:00"
        account = f"C{rng.randint(1, accounts):06d}"
        roll = rng.random()
        if roll < 0.55:  # an invoice of 1-3 splits, paid (60%) or credited (10%)
            invoice_number += 1
            reference = f"INV{invoice_number:07d}"
            gross = Decimal(0)
            for split in range(rng.randint(1, 3)):
                ident += 1
                net = Decimal(rng.randint(1000, 200000)) * CENT
                tax = (net * TAX).quantize(CENT)
                gross += net + tax
                yield _row(
                    {
                        "Id": ident,
                        "TransactionType": "SalesInvoice",
                        "AccountReference": account,
                        "TransactionDate": day,
                        "Reference": reference,
                        "NominalCode": ("4000", "4010", "4020")[split],
                        "Details": "Course fee" if split == 0 else "Materials",
                        "NetAmount": net,
                        "TaxCode": 1,
                        "TaxAmount": tax,
                    }
                )
                rows += 1
            after = rng.random()
            if after < 0.6:
                ident += 1
                yield _row(
                    {
                        "Id": ident,
                        "TransactionType": "SalesReceiptOnAccount",
                        "AccountReference": account,
                        "TransactionDate": day,
                        "BankReference": "1200",
                        "Reference": reference,
                        "PaymentReference": f"CARD{ident}",
                        "Details": "Card payment",
                        "NetAmount": gross,
                        "TaxCode": 9,
                    }
                )
                rows += 1
            elif after < 0.7:
                ident += 1
                net = (gross / Decimal("1.2")).quantize(CENT)
                yield _row(
                    {
                        "Id": ident,
                        "TransactionType": "SalesCredit",
                        "AccountReference": account,
                        "TransactionDate": day,
                        "Reference": reference,
                        "NominalCode": "4000",
                        "Details": "Cancellation",
                        "NetAmount": net,
                        "TaxCode": 1,
                        "TaxAmount": gross - net,
                    }
                )
                rows += 1
        elif roll < 0.8:  # a balanced two- or three-leg journal
            amount = Decimal(rng.randint(1000, 50000)) * CENT
            legs = [("JournalDebit", "4000", amount)]
            if rng.random() < 0.5:
                half = (amount / 2).quantize(CENT)
                legs += [("JournalCredit", "2110", half), ("JournalCredit", "2120", amount - half)]
            else:
                legs.append(("JournalCredit", "2110", amount))
            reference = f"JNL{ident + 1:07d}"
            for kind, nominal, value in legs:
                ident += 1
                yield _row(
                    {
                        "Id": ident,
                        "TransactionType": kind,
                        "AccountReference": nominal,
                        "TransactionDate": day,
                        "Reference": reference,
                        "Details": "Deferral",
                        "NetAmount": value,
                        "TaxCode": 9,
                    }
                )
                rows += 1
        elif roll < 0.9:
            ident += 1
            amount = Decimal(rng.randint(10000, 500000)) * CENT
            yield _row(
                {
                    "Id": ident,
                    "TransactionType": "BankTransfer",
                    "FromBankAccount": "1200",
                    "ToBankAccount": "1210",
                    "TransactionDate": day,
                    "Reference": f"TRF{ident}",
                    "Details": "Bank Transfer",
                    "PaymentAmount": amount,
                    "ReceiptAmount": amount,
                }
            )
            rows += 1
        else:
            ident += 1
            net = Decimal(rng.randint(500, 30000)) * CENT
            yield _row(
                {
                    "Id": ident,
                    "TransactionType": "BankPayment",
                    "AccountReference": "1200",
                    "TransactionDate": day,
                    "NominalCode": "7500",
                    "Details": "Postage",
                    "NetAmount": net,
                    "TaxCode": 1,
                    "TaxAmount": (net * TAX).quantize(CENT),
                }
            )
            rows += 1


def write(path: Path, count: int, seed: int = 20261122) -> None:
    """Write a document of about ``count`` transactions (and count/50 customers) to ``path``."""
    rng = random.Random(seed)
    accounts = max(1, count // 50)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="utf-8"?>\n<Company xmlns:xsi='
            '"http://www.w3.org/2001/XMLSchema-instance">\n  <Customers>\n'
        )
        out.writelines(customers(accounts))
        out.write("  </Customers>\n  <Transactions>\n")
        out.writelines(transactions(count, accounts, rng))
        out.write("  </Transactions>\n</Company>\n")


if __name__ == "__main__":
    write(Path(sys.argv[2]), int(sys.argv[1]))
