"""Rules: customers (to be implemented)."""

from __future__ import annotations

from collections.abc import Iterable

from ..issues import Issue
from .context import LocatedCustomer, LocatedTransaction, RuleContext

TRANSACTION_RULES: tuple[object, ...] = ()
CUSTOMER_RULES: tuple[object, ...] = ()
DOCUMENT_RULES: tuple[object, ...] = ()
