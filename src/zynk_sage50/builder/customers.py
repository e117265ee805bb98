"""Customers in the builder: one keyword argument per field the Import Customers task reads
(the export-only ones are not arguments), each checked by the customer rules."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attr

from ..errors import BuildError
from ..modelinfo import class_info
from ..models import (
    AnalysisCodes,
    Banks,
    Contact,
    Contacts,
    Customer,
    CustomerAddress,
    DeliveryAddress,
    DeliveryAddresses,
    DepartmentInfo,
    DiscountType,
    PaymentDueFrom,
    PaymentTermsBasis,
)
from ..vocabulary import account_key
from . import arguments as a
from .state import BuilderState

#: Customer elements → the argument behind them, where the names differ.
ARGUMENTS = {
    "CustomerInvoiceAddress": "invoice_address",
    "CustomerDeliveryAddress": "delivery_address",
    "Contacts/Contact": "contacts",
    "DeliveryAddresses/Contact": "delivery_addresses",
}
#: Arguments → the Customer field they fill, where the names differ.
FIELDS = {
    "invoice_address": "customer_invoice_address",
    "delivery_address": "customer_delivery_address",
}
_FIELD_INFO = {field.name: field for field in class_info(Customer).fields}
#: Money fields: exactly 2 places, as Sage stores them.
_MONEY = frozenset({"credit_limit"})


def _address(name: str, address: CustomerAddress) -> CustomerAddress:
    """The address (a copy already) with its country written as a code where it names one."""
    if address.country is not None:
        address.country = a.country_code(f"{name}.country", address.country)
    return address


class CustomerCalls(BuilderState):
    """``customer``."""

    def customer(
        self,
        *,
        account_reference: str,
        company_name: str | None = None,
        invoice_address: CustomerAddress | None = None,
        delivery_address: CustomerAddress | None = None,
        contacts: Sequence[Contact] = (),
        delivery_addresses: Sequence[DeliveryAddress] = (),
        id: str | None = None,
        short_name: str | None = None,
        currency: str | None = None,
        vat_number: str | None = None,
        tax_code: int | None = None,
        override_tax_code: bool | None = None,
        nominal_code: str | None = None,
        override_nominal_code: bool | None = None,
        credit_limit: Decimal | int | None = None,
        terms_agreed: bool | None = None,
        terms: str | None = None,
        cost_centre: str | None = None,
        department: str | None = None,
        department_info: DepartmentInfo | None = None,
        order_priority: str | None = None,
        analysis1: str | None = None,
        analysis2: str | None = None,
        analysis3: str | None = None,
        fixed_discount: Decimal | int | None = None,
        discount_type: DiscountType | str | None = None,
        discount_table: str | None = None,
        price_list_reference: str | None = None,
        discount_group_reference: str | None = None,
        order_value_discount_reference: str | None = None,
        settlement_days: int | None = None,
        settlement_discount: Decimal | int | None = None,
        payment_days: int | None = None,
        payment_due_from: PaymentDueFrom | str | None = None,
        payment_terms_days: int | None = None,
        payment_terms_basis: PaymentTermsBasis | str | None = None,
        account_status: int | None = None,
        dunsnumber: str | None = None,
        account_on_hold: bool | None = None,
        account_opened: a.Date | None = None,
        memo: str | None = None,
        restrict_mailing: bool | None = None,
        send_electronic_invoice: bool | None = None,
        send_electronic_letter: bool | None = None,
        banks: Banks | None = None,
        analysis_codes: AnalysisCodes | None = None,
    ) -> Customer:
        """Add a customer. Its ``id`` defaults to the account reference; a customer needs a
        name (``company_name``, or one in ``invoice_address``)."""
        given: dict[str, Any] = {
            "company_name": company_name,
            "invoice_address": invoice_address,
            "delivery_address": delivery_address,
            "short_name": short_name,
            "currency": currency,
            "vat_number": vat_number,
            "tax_code": tax_code,
            "override_tax_code": override_tax_code,
            "nominal_code": nominal_code,
            "override_nominal_code": override_nominal_code,
            "credit_limit": credit_limit,
            "terms_agreed": terms_agreed,
            "terms": terms,
            "cost_centre": cost_centre,
            "department": department,
            "department_info": department_info,
            "order_priority": order_priority,
            "analysis1": analysis1,
            "analysis2": analysis2,
            "analysis3": analysis3,
            "fixed_discount": fixed_discount,
            "discount_type": discount_type,
            "discount_table": discount_table,
            "price_list_reference": price_list_reference,
            "discount_group_reference": discount_group_reference,
            "order_value_discount_reference": order_value_discount_reference,
            "settlement_days": settlement_days,
            "settlement_discount": settlement_discount,
            "payment_days": payment_days,
            "payment_due_from": payment_due_from,
            "payment_terms_days": payment_terms_days,
            "payment_terms_basis": payment_terms_basis,
            "account_status": account_status,
            "dunsnumber": dunsnumber,
            "account_on_hold": account_on_hold,
            "account_opened": account_opened,
            "memo": memo,
            "restrict_mailing": restrict_mailing,
            "send_electronic_invoice": send_electronic_invoice,
            "send_electronic_letter": send_electronic_letter,
            "banks": banks,
            "analysis_codes": analysis_codes,
        }
        account = a.required_text("account_reference", account_reference)
        customer_id = account if id is None else a.text("id", id)
        fields: dict[str, Any] = {}
        for name, value in given.items():
            if value is None:
                continue
            field = FIELDS.get(name, name)
            if name in _MONEY:
                fields[field] = a.money(name, value)
            elif name == "currency":
                fields[field] = a.currency_code(name, value)
            else:
                fields[field] = a.as_field(name, value, _FIELD_INFO[field])
        for name in ("customer_invoice_address", "customer_delivery_address"):
            if name in fields:
                fields[name] = _address(name.removeprefix("customer_"), fields[name])
        if contacts:
            fields["contacts"] = Contacts(contact=_copies("contacts", contacts, Contact))
        if delivery_addresses:
            fields["delivery_addresses"] = DeliveryAddresses(
                contact=_copies("delivery_addresses", delivery_addresses, DeliveryAddress)
            )
        customer = Customer(id=customer_id, account_reference=account, **fields)
        if account_key(account) in self._customer_accounts:
            raise BuildError(
                f"account_reference {account!r} is already a customer: Sage compares account "
                "references ignoring case and blanks around them "
                "(customer.duplicate-account-reference)"
            )
        if customer_id.strip() in self._customer_ids:
            raise BuildError(f"id {customer_id!r} is already used by another customer")
        self._check(customer, ARGUMENTS)
        self._customer_accounts.add(account_key(account))
        self._customer_ids.add(customer_id.strip())
        self._customers.append(customer)
        return customer


def _copies(name: str, values: object, cls: type[Any]) -> list[Any]:
    """Copies of a sequence of ``cls`` models (the builder never changes what it is given)."""
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence):
        raise TypeError(f"{name} must be a sequence of {cls.__name__}")
    found = []
    for index, value in enumerate(values):
        if not isinstance(value, cls):
            raise TypeError(
                f"{name}[{index}] must be a {cls.__name__}, not {type(value).__name__}"
            )
        found.append(attr.evolve(value))
    return found
