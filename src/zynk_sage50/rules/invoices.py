"""Rules: Invoice documents (``Company/Invoices/Invoice``, fields.md §4; docs/invoices.md).

Two kinds of rule, both pure:

* ``INVOICE_RULES``: one invoice at a time, ``rule(invoice: LocatedInvoice) -> Iterable[Issue]``.
* ``INVOICE_DOCUMENT_RULES``: the whole document once,
  ``rule(document: InvoiceDocument) -> Iterable[Issue]``, where :class:`InvoiceDocument` holds
  the located invoices in document order, the document's customers as :class:`CustomerKeys`
  (``None`` when the document has no ``<Customers>`` element) and the caller's already-imported
  Ids.

:func:`run_invoice_rules` runs both, record rules first, as ``rules.run_rules`` does for
transactions. A :class:`LocatedInvoice` is anything shaped like ``rules.context.Located``
holding an ``Invoice`` (its ``record``, ``index``, ``line``, ``invalid_fields`` and
``issue()``). Item fields are named by their path below the invoice, with every item
indexed: ``InvoiceItems/Item[2]/QtyOrdered``.

Which invoices are new: Zynk's Update Invoices and Update Ledgers tasks read the same
``Invoice`` element, naming an invoice already in Sage by ``Id`` or ``InvoiceNumber`` and
carrying only the fields they change (addresses, notes, Custom1-3, order details). An invoice
with that shape (:func:`is_update`) is reported once as ``invoice.update`` (info) and is not
held to what a new invoice needs.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, Protocol

import attr
import pycountry

from ..issues import Issue, Severity
from ..modelinfo import class_info
from ..models import (
    Customer,
    Invoice,
    InvoiceAddress,
    InvoiceItem,
    InvoiceType,
)
from ..vocabulary import (
    INVOICE_CREDITS,
    INVOICE_NOT_POSTED,
    INVOICE_PRODUCT_TYPES,
    account_key,
    amount_text,
    decimal_places,
    exceeds_money_limit,
    round_to_pennies,
)
from .oss import code_for_name, country_code

I = InvoiceType  # noqa: E741 (short alias, as ``T`` is for TransactionType)

CREDITS = INVOICE_CREDITS
NOT_POSTED = INVOICE_NOT_POSTED
PRODUCT_TYPES = INVOICE_PRODUCT_TYPES
#: The fields the Update Invoices and Update Ledgers tasks read (Sage-50-UK-Update-*-XML).
UPDATE_FIELDS = frozenset(
    {
        "Id",
        "InvoiceNumber",
        "CustomerOrderNumber",
        "TakenBy",
        "InvoiceAddress",
        "InvoiceDeliveryAddress",
        "Notes1",
        "Notes2",
        "Notes3",
        "Custom1",
        "Custom2",
        "Custom3",
    }
)
#: The importer's Default Bank Account setting, unless changed (Importing Invoices page).
DEFAULT_BANK_ACCOUNT = "1200"

#: Invoice fields Zynk's export writes and its import ignores (decision 3), with a hint.
INVOICE_EXPORT_ONLY: Mapping[str, str] = {
    "UniqueId": "to stop an invoice being imported twice, use Id",
    "CurrencyUsed": "to give the currency, use Currency",
    "ItemsNet": "Sage totals the items itself",
    "ItemsTax": "Sage totals the items itself",
    "ItemsTotal": "Sage totals the items itself",
    "DiscountType": "",
    "PostedDate": "",
    "PostedFlag": "",
    "PrintedFlag": "",
    "PaidFlag": "",
    "AmountPaid": "to record a payment, use PaymentAmount",
    "TaxNumber": "",
    "CustomFields": "",
}
#: Export-only fields of InvoiceAddress / InvoiceDeliveryAddress.
ADDRESS_EXPORT_ONLY: Mapping[str, str] = {
    "Description": "",
    "TaxCode": "to set a line's tax code, use the item's TaxCode",
    "Birthdate": "",
    "Notes": "",
    "CustomFields": "",
    "Activities": "",
    "Groups": "",
}
#: Export-only fields of an item (and of Carriage).
ITEM_EXPORT_ONLY: Mapping[str, str] = {
    "TaxRate": "the rate follows from TaxCode",
    "TotalNet": "Sage computes the line totals",
    "TotalTax": "Sage computes the line totals",
    "Text": "",
    "Type": "",
    "QtyAllocated": "",
    "QtyDespatched": "",
    "QtyReceived": "",
    "QtyInvoiced": "",
    "PromisedDeliveryDate": "",
    "RequestedDeliveryDate": "",
    "CustomFields": "",
    "AnalysisCodes": "",
    "Batches": "",
}


class LocatedInvoice(Protocol):
    """What the invoice rules read of a located invoice (``rules.context.Located`` has it)."""

    @property
    def record(self) -> Invoice:
        """The bound invoice."""

    @property
    def index(self) -> int:
        """1-based position among the document's invoices."""

    @property
    def line(self) -> int | None:
        """The line of the ``<Invoice>`` element, when known."""

    @property
    def invalid_fields(self) -> frozenset[str]:
        """Elements present but failing the schema (already reported), by path."""

    def issue(
        self, code: str, severity: Severity, message: str, field: str | None = None
    ) -> Issue:
        """An issue about this invoice, or about one of its fields (path below it)."""


@attr.s(frozen=True, slots=True, kw_only=True, auto_attribs=True)
class CustomerKeys:
    """What an invoice can name a document's customer by: account reference or customer Id."""

    account_references: frozenset[str] = frozenset()
    ids: frozenset[str] = frozenset()

    @classmethod
    def of(cls, customers: Iterable[Customer]) -> CustomerKeys:
        """The keys of these customers (blank references and Ids are left out)."""
        references: set[str] = set()
        ids: set[str] = set()
        for customer in customers:
            if customer.account_reference and customer.account_reference.strip():
                references.add(account_key(customer.account_reference))
            if customer.id and customer.id.strip():
                ids.add(customer.id.strip())
        return cls(account_references=frozenset(references), ids=frozenset(ids))


@attr.s(frozen=True, slots=True, kw_only=True, auto_attribs=True)
class InvoiceDocument:
    """What the document-level invoice rules see."""

    invoices: Sequence[LocatedInvoice] = ()
    #: The document's customers; None when it has no <Customers> element.
    customers: CustomerKeys | None = None
    #: Ids already imported (the importer's Prevent Duplicates), as given by the caller.
    imported_ids: Collection[str] = frozenset()


# --- helpers ---------------------------------------------------------------------------------


def has_content(value: object) -> bool:
    """A value that carries data: not None, not a blank string, not an empty collection or
    element (a model all of whose fields are empty)."""
    if value is None:
        return False
    if isinstance(value, str):
        return value.strip() != ""
    if isinstance(value, list):
        return any(has_content(item) for item in value)
    if attr.has(type(value)):
        return any(
            has_content(getattr(value, field.name)) for field in class_info(type(value)).fields
        )
    return True


def _given(located: LocatedInvoice, xml_name: str) -> bool:
    """Was the invoice's element given data (or present but invalid, so already reported)?"""
    if xml_name in located.invalid_fields:
        return True
    field = class_info(Invoice).elements[xml_name]
    return has_content(getattr(located.record, field.name))


def _invalid(located: LocatedInvoice, path: str) -> bool:
    return path in located.invalid_fields


def is_update(located: LocatedInvoice) -> bool:
    """Update-shaped: names an invoice by Id or InvoiceNumber and gives nothing else but the
    fields the Update Invoices task changes (so no customer, type, items or payment)."""
    if not (_given(located, "Id") or _given(located, "InvoiceNumber")):
        return False
    return all(
        field.xml_name in UPDATE_FIELDS or not _given(located, field.xml_name)
        for field in class_info(Invoice).fields
    )


def _named(located: LocatedInvoice) -> str:
    """How a message names the invoice: by number, Id, or position."""
    invoice = located.record
    if invoice.invoice_number and invoice.invoice_number.strip():
        return f"Invoice {invoice.invoice_number.strip()}"
    if invoice.id and invoice.id.strip():
        return f"Invoice Id {invoice.id.strip()!r}"
    return f"Invoice {located.index}"


def items(invoice: Invoice) -> Iterator[tuple[str, str, InvoiceItem]]:
    """Each item of an invoice: its path below the invoice, its name in messages, the item."""
    if invoice.invoice_items is not None:
        for index, item in enumerate(invoice.invoice_items.item, start=1):
            if item is not None:
                yield f"InvoiceItems/Item[{index}]", f"item {index}", item


def lines(invoice: Invoice) -> Iterator[tuple[str, str, InvoiceItem]]:
    """The items, then Carriage when given."""
    yield from items(invoice)
    if invoice.carriage is not None:
        yield "Carriage", "Carriage", invoice.carriage


# --- record rules ----------------------------------------------------------------------------


def update(located: LocatedInvoice) -> Iterator[Issue]:
    """``invoice.update`` (info): an update-shaped invoice, for Update Invoices/Ledgers."""
    if not is_update(located):
        return
    yield located.issue(
        "invoice.update",
        Severity.INFO,
        f"{_named(located)} only names an invoice already in Sage and carries no customer, "
        "type or items: it is read as an update, for Zynk's Update Invoices or Update Ledgers "
        "task; Import Invoices cannot create an invoice from it.",
    )


def customer_missing(located: LocatedInvoice) -> Iterator[Issue]:
    """``invoice.customer-missing`` (warning): a new invoice with neither AccountReference nor
    CustomerId (I5: the importer may default or generate the account, otherwise fails)."""
    if is_update(located) or _given(located, "AccountReference"):
        return
    if _given(located, "CustomerId"):
        return
    yield located.issue(
        "invoice.customer-missing",
        Severity.WARNING,
        f"{_named(located)} has neither AccountReference nor CustomerId: Import Invoices will "
        "use its Default Account Reference setting or generate an account from the invoice "
        "address, and fails the invoice if neither is set up; give the customer's "
        "AccountReference (or the CustomerId the customer was imported with).",
        field="AccountReference",
    )


def type_missing(located: LocatedInvoice) -> Iterator[Issue]:
    """``invoice.type-missing`` (info): a new invoice without InvoiceType."""
    if is_update(located) or _given(located, "InvoiceType"):
        return
    yield located.issue(
        "invoice.type-missing",
        Severity.INFO,
        f"{_named(located)} has no InvoiceType, so the importer uses its default type: give "
        "ProductInvoice, ServiceInvoice, ProductCredit or ServiceCredit, so that a credit "
        "note is not imported as an invoice.",
        field="InvoiceType",
    )


def not_posted(located: LocatedInvoice) -> Iterator[Issue]:
    """``invoice.not-posted`` (info): a proforma or quotation is not a posting."""
    invoice_type = located.record.invoice_type
    if invoice_type not in NOT_POSTED:
        return
    kind = "quotation" if invoice_type is I.PRODUCT_QUOTATION else "proforma"
    yield located.issue(
        "invoice.not-posted",
        Severity.INFO,
        f"{_named(located)} is a {invoice_type.value}: Sage keeps it as a {kind}, "
        "which changes no ledger or customer balance until it is turned into an invoice in "
        "Sage; use ProductInvoice or ServiceInvoice to bill the customer.",
        field="InvoiceType",
    )


def no_items(located: LocatedInvoice) -> Iterator[Issue]:
    """``invoice.no-items`` (warning): a new invoice with no items and no carriage."""
    if is_update(located) or _given(located, "InvoiceItems") or _given(located, "Carriage"):
        return
    yield located.issue(
        "invoice.no-items",
        Severity.WARNING,
        f"{_named(located)} has no InvoiceItems/Item and no Carriage, so there is nothing to "
        "invoice: add an Item for each product or service sold.",
        field="InvoiceItems",
    )


def sku_missing(located: LocatedInvoice) -> Iterator[Issue]:
    """``invoice.sku-missing`` (warning): an item of a Product* invoice without a Sku."""
    invoice_type = located.record.invoice_type
    if invoice_type not in PRODUCT_TYPES:
        return
    for where, label, item in items(located.record):
        if has_content(item.sku) or _invalid(located, f"{where}/Sku"):
            continue
        yield located.issue(
            "invoice.sku-missing",
            Severity.WARNING,
            f"{_named(located)} {label} has no Sku, which a {invoice_type.value} needs: "
            "the importer uses its Default Product Code setting and fails the invoice if none "
            "is set; give the product code (S1, S2 or S3 for a special line, M for a message "
            "line), or use a Service type for lines that are not products.",
            field=f"{where}/Sku",
        )


def quantity_missing(located: LocatedInvoice) -> Iterator[Issue]:
    """``invoice.quantity-missing`` (error): an item without QtyOrdered (documented Required;
    Carriage does not need one)."""
    for where, label, item in items(located.record):
        if item.qty_ordered is not None or _invalid(located, f"{where}/QtyOrdered"):
            continue
        yield located.issue(
            "invoice.quantity-missing",
            Severity.ERROR,
            f"{_named(located)} {label} has no QtyOrdered, which the importer requires on "
            "every item: give the quantity sold (1 for a single service or fee).",
            field=f"{where}/QtyOrdered",
        )


def negative_quantity(located: LocatedInvoice) -> Iterator[Issue]:
    """``invoice.negative-quantity`` (warning): a negative QtyOrdered; on a credit note the type
    already makes every line a credit."""
    invoice_type = located.record.invoice_type
    for where, label, item in lines(located.record):
        quantity = item.qty_ordered
        if quantity is None or quantity >= 0:
            continue
        if invoice_type in CREDITS:
            fix = (
                f"a {invoice_type.value} already credits every line, so a negative "
                f"quantity turns this one back into a charge: write {-quantity}"
            )
        else:
            fix = (
                f"write the quantity as {-quantity} and set IsNegativeLine to true to take "
                "the line off the invoice, or raise a credit note (ProductCredit or "
                "ServiceCredit)"
            )
        yield located.issue(
            "invoice.negative-quantity",
            Severity.WARNING,
            f"{_named(located)} {label} has QtyOrdered {quantity}: {fix}.",
            field=f"{where}/QtyOrdered",
        )


def negative_price(located: LocatedInvoice) -> Iterator[Issue]:
    """``invoice.negative-price`` (warning): a negative UnitPrice (Sage's unit price is always
    positive; IsNegativeLine makes a line negative)."""
    for where, label, item in lines(located.record):
        price = item.unit_price
        if price is None or price >= 0:
            continue
        yield located.issue(
            "invoice.negative-price",
            Severity.WARNING,
            f"{_named(located)} {label} has UnitPrice {price}, but a unit price is always "
            f"positive in Sage: write {-price} and set IsNegativeLine to true to make the line "
            "negative.",
            field=f"{where}/UnitPrice",
        )


def _payment_amount(located: LocatedInvoice) -> Decimal | None:
    """The PaymentAmount when it records a payment (given and not zero)."""
    amount = located.record.payment_amount
    return None if amount is None or amount == 0 else amount


def payment_without_amount(located: LocatedInvoice) -> Iterator[Issue]:
    """``invoice.payment-without-amount`` (warning): PaymentType, PaymentRef or BankAccount
    given without a PaymentAmount: no receipt is created and they are ignored."""
    if _payment_amount(located) is not None or _invalid(located, "PaymentAmount"):
        return
    given = [
        name for name in ("PaymentType", "PaymentRef", "BankAccount") if _given(located, name)
    ]
    if not given:
        return
    listed = (
        " and ".join(given) if len(given) <= 2 else ", ".join(given[:-1]) + " and " + given[-1]
    )
    yield located.issue(
        "invoice.payment-without-amount",
        Severity.WARNING,
        f"{_named(located)} gives {listed} but no PaymentAmount, so no receipt is created and "
        f"{'it is' if len(given) == 1 else 'they are'} ignored: give the PaymentAmount "
        "received, or remove the payment fields.",
        field=given[0],
    )


def payment_type_missing(located: LocatedInvoice) -> Iterator[Issue]:
    """``invoice.payment-type-missing`` (warning): a PaymentAmount without PaymentType."""
    if _payment_amount(located) is None or _given(located, "PaymentType"):
        return
    yield located.issue(
        "invoice.payment-type-missing",
        Severity.WARNING,
        f"{_named(located)} has PaymentAmount {located.record.payment_amount} but no "
        "PaymentType: say SalesReceipt to have the receipt allocated to this invoice, or "
        "SalesReceiptOnAccount to leave it on the account unallocated.",
        field="PaymentType",
    )


def payment_default_bank(located: LocatedInvoice) -> Iterator[Issue]:
    """``invoice.payment-default-bank`` (info): a payment without BankAccount goes to the
    importer's Default Bank Account (1200 unless changed)."""
    if _payment_amount(located) is None or _given(located, "BankAccount"):
        return
    yield located.issue(
        "invoice.payment-default-bank",
        Severity.INFO,
        f"{_named(located)} has PaymentAmount {located.record.payment_amount} but no "
        "BankAccount: the receipt is posted to the importer's Default Bank Account setting "
        f"({DEFAULT_BANK_ACCOUNT} unless changed); give BankAccount if it was paid into "
        "another bank.",
        field="PaymentAmount",
    )


def payment_not_applicable(located: LocatedInvoice) -> Iterator[Issue]:
    """``invoice.payment-not-applicable`` (warning): a payment on a credit note, proforma or
    quotation."""
    invoice_type = located.record.invoice_type
    if _payment_amount(located) is None or invoice_type is None:
        return
    if invoice_type in CREDITS:
        why = (
            "a sales receipt is money in, but a credit note is owed to the customer: record "
            "a refund as a SalesPayment transaction instead"
        )
    elif invoice_type in NOT_POSTED:
        why = (
            "the receipt is created when the invoice is posted, and a proforma or quotation "
            "is never posted: record the payment on the invoice that replaces it"
        )
    else:
        return
    yield located.issue(
        "invoice.payment-not-applicable",
        Severity.WARNING,
        f"{_named(located)} is a {invoice_type.value} with PaymentAmount "
        f"{located.record.payment_amount}: {why}.",
        field="PaymentAmount",
    )


def _money(located: LocatedInvoice) -> Iterator[tuple[str, Decimal, bool]]:
    """Each money amount given on an invoice: its path, value, and whether Sage keeps it to 2
    places (a unit price may carry more, as Sage's unit decimal places setting allows)."""
    invoice = located.record
    for xml_name, value in (
        ("PaymentAmount", invoice.payment_amount),
        ("NetValueDiscount", invoice.net_value_discount),
    ):
        if value is not None:
            yield xml_name, value, True
    for where, _label, item in lines(invoice):
        if item.unit_price is not None:
            yield f"{where}/UnitPrice", item.unit_price, where == "Carriage"
        if item.unit_discount_amount is not None:
            yield f"{where}/UnitDiscountAmount", item.unit_discount_amount, True


def precision(located: LocatedInvoice) -> Iterator[Issue]:
    """``amount.precision`` (warning) on an invoice's money: more than 2 decimal places."""
    for path, value, two_places in _money(located):
        places = decimal_places(value)
        if not two_places or places <= 2:
            continue
        yield located.issue(
            "amount.precision",
            Severity.WARNING,
            f"{_named(located)} {path} {amount_text(value)} has {places} decimal places but "
            f"Sage stores 2, so it will be posted as {amount_text(round_to_pennies(value))}: "
            "round it yourself so the totals are the ones you expect.",
            field=path,
        )


def too_large(located: LocatedInvoice) -> Iterator[Issue]:
    """``amount.too-large`` (error) on an invoice's money: 100,000,000 or more in magnitude."""
    for path, value, _two_places in _money(located):
        if not exceeds_money_limit(value):
            continue
        yield located.issue(
            "amount.too-large",
            Severity.ERROR,
            f"{_named(located)} {path} {amount_text(value)} is too large for Sage, which "
            "stores at most 8 digits before the decimal point (up to 99,999,999.99): split it "
            "over several invoices or correct it.",
            field=path,
        )


@functools.cache
def _currency_codes() -> frozenset[str]:
    return frozenset(str(currency.alpha_3) for currency in pycountry.currencies)


def currency_unknown(located: LocatedInvoice) -> Iterator[Issue]:
    """``invoice.currency-unknown`` (warning): Currency is not an ISO 4217 code (I3)."""
    currency = located.record.currency
    if currency is None or not currency.strip() or _invalid(located, "Currency"):
        return
    if currency.strip().upper() in _currency_codes():
        return
    yield located.issue(
        "invoice.currency-unknown",
        Severity.WARNING,
        f"{_named(located)} has Currency {currency!r}, which is not an ISO 4217 currency code: "
        "give the three-letter code of a currency set up in Sage, e.g. GBP, EUR or USD.",
        field="Currency",
    )


def _addresses(invoice: Invoice) -> Iterator[tuple[str, InvoiceAddress]]:
    for name in ("InvoiceAddress", "InvoiceDeliveryAddress"):
        address = getattr(invoice, class_info(Invoice).elements[name].name)
        if address is not None:
            yield name, address


def address_country_unknown(located: LocatedInvoice) -> Iterator[Issue]:
    """``address.country-unknown`` (warning) in an invoice or delivery address."""
    for name, address in _addresses(located.record):
        country = address.country
        if country is None or not country.strip() or country_code(country):
            continue
        if _invalid(located, f"{name}/Country"):
            continue  # longer than 2 characters: already schema.too-long
        code = code_for_name(country)
        instead = f"write {code}" if code else "write one, e.g. GB for the United Kingdom"
        yield located.issue(
            "address.country-unknown",
            Severity.WARNING,
            f"Country {country!r} in {name} of {_named(located)} is not a two-letter ISO 3166 "
            f"country code, which is what Sage expects: {instead}.",
            field=f"{name}/Country",
        )


def _export_only_issues(
    located: LocatedInvoice, model: Any, fields: Mapping[str, str], where: str
) -> Iterator[Issue]:
    info = class_info(type(model))
    for xml_name, hint in fields.items():
        value = getattr(model, info.elements[xml_name].name)
        # As for transactions and customers: nil and blank strings carry nothing; an element
        # that is present (even an empty <CustomFields />) is reported.
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        path = f"{where}/{xml_name}" if where else xml_name
        also = f"; {hint}" if hint else ""
        inside = f" (in {where})" if where else ""
        yield located.issue(
            "field.export-only",
            Severity.WARNING,
            f"{xml_name} is only written by Zynk's export{inside} and the import ignores it: "
            f"remove it{also}.",
            field=path,
        )


def export_only(located: LocatedInvoice) -> Iterator[Issue]:
    """``field.export-only`` (warning) on an invoice, its addresses, items and carriage
    (``xsi:nil`` and blank strings carry nothing and are not reported)."""
    invoice = located.record
    yield from _export_only_issues(located, invoice, INVOICE_EXPORT_ONLY, "")
    for name, address in _addresses(invoice):
        yield from _export_only_issues(located, address, ADDRESS_EXPORT_ONLY, name)
    for where, _label, item in lines(invoice):
        yield from _export_only_issues(located, item, ITEM_EXPORT_ONLY, where)


# --- document rules --------------------------------------------------------------------------


def duplicate_id(document: InvoiceDocument) -> Iterator[Issue]:
    """``duplicate.id`` (error) among new invoices: two share an Id, or an Id was already
    imported (the importer's Prevent Duplicates skips it). Update-shaped invoices name an
    imported invoice by its Id on purpose and are left out."""
    imported = frozenset(value.strip() for value in document.imported_ids)
    first: dict[str, LocatedInvoice] = {}
    for located in document.invoices:
        record_id = located.record.id
        if record_id is None or not record_id.strip() or is_update(located):
            continue
        key = record_id.strip()
        if key in imported:
            yield located.issue(
                "duplicate.id",
                Severity.ERROR,
                f"Id {key} was already imported: with Prevent Duplicates on, the importer will "
                "skip this invoice to the fail file; give it a new Id if it is a new invoice, "
                "or leave it out of the file.",
                field="Id",
            )
            continue
        earlier = first.setdefault(key, located)
        if earlier is located:
            continue
        where = f" (line {earlier.line})" if earlier.line is not None else ""
        yield located.issue(
            "duplicate.id",
            Severity.ERROR,
            f"Id {key} is also the Id of invoice {earlier.index}{where}: the importer will skip "
            "this one to the fail file; give each invoice its own Id.",
            field="Id",
        )


def unknown_customer(document: InvoiceDocument) -> Iterator[Issue]:
    """``invoice.unknown-customer`` (info): the document has Customers and a new invoice's
    AccountReference and CustomerId name none of them (it may already be in Sage)."""
    customers = document.customers
    if customers is None:
        return
    for located in document.invoices:
        invoice = located.record
        reference = (invoice.account_reference or "").strip()
        customer_id = (invoice.customer_id or "").strip()
        if is_update(located) or not (reference or customer_id):
            continue  # invoice.update / invoice.customer-missing
        if reference and account_key(reference) in customers.account_references:
            continue
        if customer_id and customer_id in customers.ids:
            continue
        named = f"AccountReference {reference!r}" if reference else f"CustomerId {customer_id!r}"
        yield located.issue(
            "invoice.unknown-customer",
            Severity.INFO,
            f"{_named(located)}: {named} is not one of the customers in this document: it "
            "must already exist in Sage (or be created by the importer's Auto Create Account "
            "setting), otherwise add the customer or correct the reference.",
            field="AccountReference" if reference else "CustomerId",
        )


InvoiceRule = Callable[[LocatedInvoice], Iterable[Issue]]
InvoiceDocumentRule = Callable[[InvoiceDocument], Iterable[Issue]]

INVOICE_RULES: tuple[InvoiceRule, ...] = (
    update,
    customer_missing,
    type_missing,
    not_posted,
    no_items,
    sku_missing,
    quantity_missing,
    negative_quantity,
    negative_price,
    payment_without_amount,
    payment_type_missing,
    payment_default_bank,
    payment_not_applicable,
    precision,
    too_large,
    currency_unknown,
    address_country_unknown,
    export_only,
)
INVOICE_DOCUMENT_RULES: tuple[InvoiceDocumentRule, ...] = (duplicate_id, unknown_customer)


def run_invoice_rules(document: InvoiceDocument) -> Iterator[Issue]:
    """Every invoice rule: each invoice's record rules in document order, then the
    document-wide ones."""
    for located in document.invoices:
        for rule in INVOICE_RULES:
            yield from rule(located)
    for document_rule in INVOICE_DOCUMENT_RULES:
        yield from document_rule(document)
