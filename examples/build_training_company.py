"""Build a training company's day of exports with the DocumentBuilder, write it, validate it.

Run: python examples/build_training_company.py [out.xml]
"""

from __future__ import annotations

import sys
from decimal import Decimal

import zynk_sage50 as zs
from zynk_sage50.models import CustomerAddress

DAY = "2026-11-02T00:00:00"


def build() -> zs.Company:
    """Customers, invoices with course-fee and materials splits, a receipt, a cancellation,
    a refund, an invoice document paid by a receipt, a deposit, a deferred-revenue journal
    and a bank sweep."""
    b = zs.DocumentBuilder(first_id=1001)
    b.customer(
        account_reference="ACME01",
        company_name="Acme Engineering Ltd",
        invoice_address=CustomerAddress(
            forename="Priya",
            surname="Shah",
            address1="4 Quayside",
            town="Newcastle upon Tyne",
            postcode="NE1 3DX",
            country="GB",
            email="accounts@acme-engineering.example",
        ),
        currency="GBP",
    )
    b.customer(account_reference="BRIGHT01", company_name="Bright Minds LLP")

    acme = b.sales_invoice(account_reference="ACME01", reference="INV1001", date=DAY)
    acme.split(
        nominal_code="4000",
        net_amount=Decimal("1000.00"),
        tax_code=1,
        tax_amount=Decimal("200.00"),
        details="Health and Safety, 4 delegates",
    )
    acme.split(
        nominal_code="4010",
        net_amount=Decimal("50.00"),
        tax_code=1,
        tax_amount=Decimal("10.00"),
        details="Course materials, 4 packs",
    )

    bright = b.sales_invoice(account_reference="BRIGHT01", reference="INV1002", date=DAY)
    bright.split(
        nominal_code="4000",
        net_amount=Decimal("500.00"),
        tax_code=1,
        tax_amount=Decimal("100.00"),
        details="First Aid at Work, 2 delegates",
    )

    # The receipt names the invoice handle: its Reference is set from it, and the builder
    # checks the account, the ledger and that the invoice is not over-allocated.
    b.sales_receipt(
        account_reference="ACME01",
        bank_reference="1200",
        amount=Decimal("1260.00"),
        date="2026-11-03T00:00:00",
        allocate_to=acme,
        payment_reference="CARD-88412",
    )
    # The credit's Reference is the invoice it allocates to; its own number is the
    # SecondReference.
    b.sales_credit(
        account_reference="BRIGHT01",
        date="2026-11-04T00:00:00",
        allocate_to=bright,
        second_reference="CN0042",
    ).split(
        nominal_code="4000",
        net_amount=Decimal("500.00"),
        tax_code=1,
        tax_amount=Decimal("100.00"),
        details="Cancellation of INV1002",
    )
    b.sales_payment(
        account_reference="BRIGHT01",
        bank_reference="1200",
        amount=Decimal("75.00"),
        date="2026-11-04T00:00:00",
        reference="RFND0042",
        details="Refund of overpayment",
    )

    # An invoice document (items at a price; Sage works out the VAT). Sage posts it as an SI
    # whose Ref is its invoice number, so a receipt can be allocated to it.
    course = b.invoice(
        account_reference="ACME01",
        date="2026-11-20T00:00:00",
        invoice_number=5001,
        notes=["Course: First Aid at Work"],
    )
    course.item(
        quantity=2,
        unit_price=Decimal("150.00"),
        name="First Aid at Work",
        nominal_code="4000",
        tax_code=1,
    )
    b.sales_receipt(
        account_reference="ACME01",
        bank_reference="1200",
        amount=Decimal("360.00"),
        date="2026-11-21T00:00:00",
        allocate_to=course,
    )
    # A deposit for a course not yet invoiced: a payment on account with a reference of its
    # own, left unallocated.
    b.sales_receipt(
        account_reference="BRIGHT01",
        bank_reference="1200",
        amount=Decimal("200.00"),
        date="2026-11-25T00:00:00",
        reference="DEP-BRIGHT-1",
    )

    deferral = b.journal(reference="DEF1126", date="2026-11-30T00:00:00")
    deferral.debit(nominal_code="4000", amount=Decimal("250.00"), details="Defer course income")
    deferral.credit(nominal_code="2110", amount=Decimal("250.00"), details="Defer course income")

    b.bank_transfer(
        from_bank="1200",
        to_bank="1210",
        payment_amount=Decimal("1000.00"),
        reference="SWEEP1130",
        date="2026-11-30T00:00:00",
        details="Bank Transfer",
    )
    return b.build()


def main(target: str) -> int:
    zs.dump(build(), target)
    report = zs.validate(target)
    for issue in report.issues:
        print(issue)
    print(
        f"{target}: {'valid' if report.valid else 'invalid'} "
        f"({len(report.errors)} errors, {len(report.warnings)} warnings)"
    )
    return 0 if report.valid else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "training-company-built.xml"))
