"""Hypothesis drives the builder with random sequences of bookkeeping calls: whatever it builds
validates with zero errors and zero warnings, and round-trips through dumps/loads."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

import zynk_sage50 as zs
from zynk_sage50 import BuildError, DocumentBuilder, InvoiceHandle

CUSTOMERS = ["ACME01", "BRIGHT01", "CORE01"]
SUPPLIERS = ["CON001", "SUP002"]
DATES = ["2026-11-02T00:00:00", "2026-11-03T00:00:00", "2026-11-04T00:00:00.000"]
BANKS = ["1200", "1210", "1220"]
OPERATIONS = [
    "customer",
    "sales_invoice",
    "purchase_invoice",
    "split",
    "sales_receipt",
    "sales_credit",
    "purchase_payment",
    "purchase_credit",
    "sales_payment",
    "purchase_receipt",
    "bank_receipt",
    "bank_payment",
    "bank_transfer",
    "journal",
    "dispute",
    "document_link",
]

money = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("5000"), places=2)


def up_to(limit: Decimal) -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=Decimal("0.01"), max_value=limit, places=2)


class Driver:
    """Applies one drawn operation to the builder, tracking the handles it returned."""

    def __init__(self, data: st.DataObject) -> None:
        self.data = data
        self.b = DocumentBuilder()
        self.invoices: list[InvoiceHandle] = []
        self.counter = 0

    def draw(self, strategy: st.SearchStrategy[object], label: str) -> object:
        return self.data.draw(strategy, label=label)

    def reference(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def add_split(self, handle: InvoiceHandle, limit: Decimal | None = None) -> None:
        net = self.draw(up_to(limit) if limit else money, "net")
        assert isinstance(net, Decimal)
        handle.split(
            nominal_code=str(self.draw(st.sampled_from(["4000", "4010", "5000"]), "nom")),
            net_amount=net,
            tax_code=1,
            details="Line",
        )

    def remaining(self, handle: InvoiceHandle) -> Decimal:
        return handle.gross - self.b._allocated_to(handle)

    def targets(self, sales: bool) -> list[InvoiceHandle]:
        wanted = zs.TransactionType.SALES_INVOICE if sales else zs.TransactionType.PURCHASE_INVOICE
        return [
            h
            for h in self.invoices
            if h.transaction_type is wanted and self.remaining(h) >= Decimal("0.01")
        ]

    def run(self, operation: str) -> None:
        draw, b = self.draw, self.b
        date = str(draw(st.sampled_from(DATES), "date"))
        if operation == "customer":
            account = str(draw(st.sampled_from(CUSTOMERS), "account"))
            b.customer(account_reference=account, company_name=f"{account} Ltd", currency="GBP")
        elif operation in ("sales_invoice", "purchase_invoice"):
            accounts = CUSTOMERS if operation == "sales_invoice" else SUPPLIERS
            account = str(draw(st.sampled_from(accounts), "account"))
            handle = getattr(b, operation)(
                account_reference=account, reference=self.reference("INV"), date=date
            )
            self.add_split(handle)
            self.invoices.append(handle)
        elif operation == "split" and self.invoices:
            handle = draw(st.sampled_from(self.invoices), "invoice")
            assert isinstance(handle, InvoiceHandle)
            self.add_split(handle)
        elif operation in ("sales_receipt", "purchase_payment", "sales_credit", "purchase_credit"):
            sales = operation.startswith("sales")
            targets = self.targets(sales)
            external = not targets or draw(st.booleans(), "external")
            if external:
                account = str(draw(st.sampled_from(CUSTOMERS if sales else SUPPLIERS), "acc"))
                target: InvoiceHandle | str = self.reference("EXT")
                limit = Decimal("5000")
            else:
                chosen = draw(st.sampled_from(targets), "target")
                assert isinstance(chosen, InvoiceHandle)
                target, account, limit = chosen, chosen.account_reference, self.remaining(chosen)
            if operation.endswith("credit"):
                handle = getattr(b, operation)(
                    account_reference=account, date=date, allocate_to=target
                )
                self.add_split(handle, limit)
            else:
                getattr(b, operation)(
                    account_reference=account,
                    bank_reference="1200",
                    amount=draw(up_to(limit), "amount"),
                    date=date,
                    allocate_to=target,
                )
        elif operation in ("sales_payment", "purchase_receipt"):
            accounts = CUSTOMERS if operation == "sales_payment" else SUPPLIERS
            getattr(b, operation)(
                account_reference=str(draw(st.sampled_from(accounts), "a")),
                bank_reference="1200",
                amount=draw(money, "amount"),
                date=date,
                reference=self.reference("RF"),
            )
        elif operation in ("bank_receipt", "bank_payment"):
            getattr(b, operation)(
                bank=str(draw(st.sampled_from(BANKS), "bank")),
                nominal_code="4900",
                net_amount=draw(money, "amount"),
                date=date,
                tax_code=9,
            )
        elif operation == "bank_transfer":
            banks = draw(st.permutations(BANKS), "banks")
            assert isinstance(banks, list)
            rate = draw(
                st.none()
                | st.decimals(min_value=Decimal("0.5"), max_value=Decimal("2"), places=4),
                "rate",
            )
            b.bank_transfer(
                from_bank=banks[0],
                to_bank=banks[1],
                payment_amount=draw(money, "paid"),
                exchange_rate=rate,
                reference=self.reference("TR"),
                date=date,
            )
        elif operation == "journal":
            variance = draw(st.sampled_from([None, "9998"]), "variance")
            journal = b.journal(
                reference=self.reference("J"), date=date, variance_nominal=variance
            )
            debits = draw(st.lists(money, min_size=1, max_size=3), "debits")
            assert isinstance(debits, list)
            for amount in debits:
                journal.debit(nominal_code="4000", amount=amount)
            credit = sum(debits, Decimal(0)) if variance is None else draw(money, "credit")
            assert isinstance(credit, Decimal)
            journal.credit(nominal_code="2110", amount=credit)
        elif operation == "dispute":
            b.dispute(
                transaction_number=int(str(draw(st.integers(1, 999), "number"))),
                dispute_code=1,
                dispute_reason="No Reason",
            )
        elif operation == "document_link":
            b.document_link(
                transaction_number=int(str(draw(st.integers(1, 999), "n"))),
                link="\\\\SHARE\\Documents\\Invoice.pdf",
            )


@given(st.data())
def test_built_documents_are_clean_and_round_trip(data: st.DataObject) -> None:
    driver = Driver(data)
    for operation in data.draw(st.lists(st.sampled_from(OPERATIONS), max_size=25), label="ops"):
        try:
            driver.run(operation)
        except BuildError as refused:
            # The driver only makes two refusable calls: a customer or an invoice key repeated.
            reason = str(refused)
            if "already a customer" not in reason and "already exists" not in reason:
                raise
    company = driver.b.build()
    text = zs.dumps(company)
    report = zs.validate(text)
    problems = [str(issue) for issue in report.issues if issue.severity is not zs.Severity.INFO]
    assert problems == []
    assert zs.loads(text) == company
