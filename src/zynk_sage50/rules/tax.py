"""Rules: VAT arithmetic (``amount.tax-mismatch``).

A line's TaxAmount should be its NetAmount × the rate, within a penny (HMRC allows VAT to be
rounded per line, up or down). The rate is the line's TaxRate when given, else its TaxCode's
rate: Sage 50 UK's default table (:data:`zynk_sage50.vocabulary.DEFAULT_TAX_RATES`) with the
caller's ``tax_rates`` on top. T9 and codes not in the table are not checked, since each
company can edit its own table. Checked on the types whose lines carry VAT
(:data:`zynk_sage50.vocabulary.VAT_TYPES`: invoices, credits, bank receipts and payments;
receipts and payments on account are ``amount.tax-on-receipt``) and on the items of invoice
documents that give their totals (TotalNet and TotalTax, as exports do).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..issues import Issue
from ..models import Invoice, Transaction
from ..vocabulary import VAT_TYPES, exceeds_money_limit, money_text, round_line_amount
from .catalogue import AMOUNT_TAX_MISMATCH
from .document import RuleOptions
from .invoice_lines import lines, named
from .located import Located
from .registry import REGISTRY

#: HMRC allows each line's VAT to be rounded: a difference up to a penny is not a mismatch.
TOLERANCE = Decimal("0.01")


def _percent(rate: Decimal) -> str:
    text = format(rate.normalize(), "f")
    return f"{text}%"


def _rate(
    options: RuleOptions, tax_rate: Decimal | None, tax_code: int | None
) -> tuple[Decimal, str] | None:
    """The rate to check against and how the message names it, or None when unknown."""
    if tax_rate is not None:
        return tax_rate, f"TaxRate {_percent(tax_rate)}"
    if tax_code is None:
        return None
    rate = options.tax_rate(tax_code)
    if rate is None:
        return None
    source = "as you set it" if tax_code in options.tax_rates else "in Sage's default table"
    return rate, f"TaxCode {tax_code} ({_percent(rate)} {source})"


def mismatch(
    net: Decimal, tax: Decimal, rate: Decimal, discount: Decimal = Decimal(0)
) -> Decimal | None:
    """The expected tax (rounded to pennies) when ``tax`` is more than a penny off, else None.

    ``discount`` is a settlement discount percentage: VAT is then due on the net less that
    discount (how Sage's own invoice exports compute it). Amounts Sage cannot store
    (``amount.too-large``) and absurd rates are not checked.
    """
    if exceeds_money_limit(net) or exceeds_money_limit(tax) or rate > 1000:
        return None
    if not 0 <= discount <= 100:
        return None
    expected = net * (100 - discount) / 100 * rate / 100
    if abs(tax - expected) <= TOLERANCE:
        return None
    return round_line_amount(expected)


def _message(
    what: str, names: tuple[str, str], net: Decimal, tax: Decimal, rate: str, expected: Decimal
) -> str:
    net_name, tax_name = names
    return (
        f"{what}{tax_name} {money_text(tax)} does not match {net_name} {money_text(net)} at "
        f"{rate}, which gives {money_text(expected)} (a penny either way is fine): correct "
        "the amounts or the TaxCode; if your Sage tax table differs, give the rate "
        "(tax_rates=, or --tax-rate CODE=PERCENT)."
    )


@REGISTRY.record(Transaction, options=True)
def transaction_tax_mismatch(
    located: Located[Transaction], options: RuleOptions
) -> Iterator[Issue]:
    """``amount.tax-mismatch`` on an invoice, credit, bank receipt or payment."""
    if located.posted_type not in VAT_TYPES:
        return
    record = located.record
    net, tax = record.net_amount, record.tax_amount
    if net is None or tax is None or {"NetAmount", "TaxAmount"} & located.invalid_fields:
        return
    tax_rate = None if "TaxRate" in located.invalid_fields else record.tax_rate
    tax_code = None if "TaxCode" in located.invalid_fields else record.tax_code
    found = _rate(options, tax_rate, tax_code)
    if found is None:
        return
    rate, named_rate = found
    expected = mismatch(net, tax, rate)
    if expected is None:
        return
    yield located.issue(
        AMOUNT_TAX_MISMATCH,
        _message("", ("NetAmount", "TaxAmount"), net, tax, named_rate, expected),
        field="TaxAmount",
    )


@REGISTRY.record(Invoice, options=True)
def item_tax_mismatch(located: Located[Invoice], options: RuleOptions) -> Iterator[Issue]:
    """``amount.tax-mismatch`` on an invoice document's items that give TotalNet and TotalTax
    (VAT on the net less the invoice's SettlementDiscount, if any)."""
    invalid = located.invalid_fields
    discount = located.record.settlement_discount
    if "SettlementDiscount" in invalid:
        return
    discount = discount or Decimal(0)
    for where, label, item in lines(located.record):
        net, tax = item.total_net, item.total_tax
        if net is None or tax is None:
            continue
        if f"{where}/TotalNet" in invalid or f"{where}/TotalTax" in invalid:
            continue
        tax_rate = None if f"{where}/TaxRate" in invalid else item.tax_rate
        tax_code = None if f"{where}/TaxCode" in invalid else item.tax_code
        found = _rate(options, tax_rate, tax_code)
        if found is None:
            continue
        rate, named_rate = found
        expected = mismatch(net, tax, rate, discount)
        if expected is None:
            continue
        what = f"{named(located)} {label}: "
        if discount:
            named_rate += f" after the {_percent(discount)} SettlementDiscount"
        message = _message(what, ("TotalNet", "TotalTax"), net, tax, named_rate, expected)
        yield located.issue(AMOUNT_TAX_MISMATCH, message, field=f"{where}/TotalTax")
