"""Strategies of single records: customers, transactions, journals, bank transfers and invoice
documents."""

from __future__ import annotations

from hypothesis import strategies as st

from .. import vocabulary as voc
from ..models import Customer, Invoice, Transaction, TransactionType
from ._arguments import Types, parse_types
from ._customers import customer_details
from ._driver import MAX_LEGS, Driver
from ._invoice_documents import invoice_document
from ._values import money, xml_date

T = TransactionType
_IDS = st.integers(1, 999_999)


def customers() -> st.SearchStrategy[Customer]:
    """A customer as Zynk imports it: account reference, a company or a person's name, an
    invoice address, currency, sometimes a VAT number and a contact.

    Each one is valid on its own: no error or warning when validated.
    """
    return st.composite(_customer)()


def _customer(draw: st.DrawFn) -> Customer:
    return Driver(draw).customer(draw(st.integers(1, 999)), draw(customer_details()))


def transactions(types: Types = None) -> st.SearchStrategy[Transaction]:
    """One transaction row of one of ``types`` (default: the thirteen current TransactionType
    names; name ``SalesReceipt`` or ``PurchasePayment`` to get those aliases).

    Realistic values: account references, nominal codes, dates, amounts with 2 decimal places,
    VAT at 20% (or zero-rated, exempt, 5%) on invoice lines, OSS fields sometimes on sales types,
    an Id. Each row is valid on its own (no record-level error or warning): receipts and credit
    notes name an invoice already in Sage, and a journal line is one leg of a journal (use
    :func:`journals` for a balanced set).
    """
    kinds = parse_types(types)
    return st.composite(_transaction)(kinds)


def _transaction(draw: st.DrawFn, kinds: tuple[TransactionType, ...]) -> Transaction:
    kind = draw(st.sampled_from(kinds))
    driver = Driver(draw, first_id=draw(_IDS))
    if kind in voc.JOURNALS:
        journal = driver.builder.journal(
            reference=driver.reference("JNL"), date=xml_date(driver.day())
        )
        leg = journal.debit if kind is T.JOURNAL_DEBIT else journal.credit
        leg(nominal_code=driver.pick(["4000", "2110", "7000"]), amount=draw(money()))
        return journal.lines[0]
    return driver.act(kind)[0]


def journals() -> st.SearchStrategy[list[Transaction]]:
    """A balanced journal: JournalDebit and JournalCredit rows (2 to 6, at least one of each)
    with one Reference and date, debits equal to credits to the penny."""
    return st.composite(_journal)()


def _journal(draw: st.DrawFn) -> list[Transaction]:
    driver = Driver(draw, first_id=draw(_IDS))
    return driver.journal(draw(st.integers(2, MAX_LEGS)))


def bank_transfers() -> st.SearchStrategy[Transaction]:
    """A BankTransfer between two different banks: equal amounts, or a ReceiptAmount that is the
    PaymentAmount times the ExchangeRate rounded to the penny."""
    return st.composite(_bank_transfer)()


def _bank_transfer(draw: st.DrawFn) -> Transaction:
    return Driver(draw, first_id=draw(_IDS)).transfer()[0]


def invoices() -> st.SearchStrategy[Invoice]:
    """One invoice document (``Company/Invoices/Invoice``) as Zynk's Import Invoices task reads
    it: a ServiceInvoice, ProductInvoice, ServiceCredit or ProductCredit with 1 to 6 items
    (Skus on product types, quantities, list or negotiated unit prices, VAT codes, sometimes
    discounts, nominal codes, departments, a line taken off with IsNegativeLine), sometimes
    carriage on product types, an invoice and delivery address, notes, a currency; invoices
    sometimes record a payment with its PaymentType and BankAccount. The customer is named
    by AccountReference, CustomerId or both; the Id is unique.

    Each one is valid on its own: no error or warning when validated.
    """
    return st.composite(_invoice)()


def _invoice(draw: st.DrawFn) -> Invoice:
    return invoice_document(Driver(draw, invoiced=draw(st.integers(0, 99_999))))
