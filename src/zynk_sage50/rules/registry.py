"""One registry for every rule: record rules (one Transaction, Customer or Invoice at a time)
and document rules (across records), registered the same way, by decorator.

A topic module writes ``@REGISTRY.record(Transaction)`` above a function of a
``Located[Transaction]``, ``@REGISTRY.record(Invoice, options=True)`` above one that also reads
the caller's :class:`.RuleOptions`, and ``@REGISTRY.document`` above a function of the
:class:`.DocumentContext`. Rules run topic by topic, in the order ``rules/__init__.py`` gives to
:meth:`Registry.order` (whatever order the modules were imported in), and within a topic in
the order of definition.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Literal, TypeVar, overload

from ..issues import Issue
from ..models import Customer, Invoice, Transaction
from .document import DEFAULT_OPTIONS, DocumentContext, RuleOptions
from .located import Located, R

RecordCheck = Callable[[Located[Any]], Iterable[Issue]]
RecordCheckWithOptions = Callable[[Located[Any], RuleOptions], Iterable[Issue]]
DocumentCheck = Callable[[DocumentContext], Iterable[Issue]]
F = TypeVar("F", bound=Callable[..., Iterable[Issue]])

_KINDS: dict[type[Any], str] = {
    Transaction: "Transaction",
    Customer: "Customer",
    Invoice: "Invoice",
}


class Registry:
    """The rules of each record kind, and the document rules, in registration order."""

    def __init__(self) -> None:
        self._plain: dict[str, list[RecordCheck]] = {kind: [] for kind in _KINDS.values()}
        self._with_options: dict[str, list[RecordCheckWithOptions]] = {
            kind: [] for kind in _KINDS.values()
        }
        self._document: list[DocumentCheck] = []

    @overload
    def record(
        self, kind: type[R], *, options: Literal[False] = False
    ) -> Callable[
        [Callable[[Located[R]], Iterable[Issue]]], Callable[[Located[R]], Iterable[Issue]]
    ]: ...

    @overload
    def record(
        self, kind: type[R], *, options: Literal[True]
    ) -> Callable[
        [Callable[[Located[R], RuleOptions], Iterable[Issue]]],
        Callable[[Located[R], RuleOptions], Iterable[Issue]],
    ]: ...

    def record(self, kind: type[R], *, options: bool = False) -> Callable[[F], F]:
        """Register a record rule of one kind (with ``options=True``, it also gets the
        caller's options)."""
        name = _KINDS[kind]

        def register(check: F) -> F:
            if options:
                self._with_options[name].append(check)
            else:
                self._plain[name].append(check)
            return check

        return register

    def order(self, topics: Sequence[str]) -> None:
        """Put the rules in topic order (module names, e.g. ``zynk_sage50.rules.types``);
        the sort is stable, so within a topic they stay in the order of definition."""
        position = {name: index for index, name in enumerate(topics)}

        def rank(check: Callable[..., Any]) -> int:
            return position.get(check.__module__, len(position))

        for rules in self._plain.values():
            rules.sort(key=rank)
        for rules_with_options in self._with_options.values():
            rules_with_options.sort(key=rank)
        self._document.sort(key=rank)

    def document(self, check: DocumentCheck) -> DocumentCheck:
        """Register a document rule."""
        self._document.append(check)
        return check

    def record_rules(self, kind: str) -> tuple[RecordCheck, ...]:
        """The record rules of a kind that read only the record, in order."""
        return tuple(self._plain[kind])

    def record_rules_with_options(self, kind: str) -> tuple[RecordCheckWithOptions, ...]:
        """The record rules of a kind that also read the options, in order."""
        return tuple(self._with_options[kind])

    def document_rules(self) -> tuple[DocumentCheck, ...]:
        """The document rules, in order."""
        return tuple(self._document)

    def run_record(self, entry: Located[Any], options: RuleOptions) -> Iterator[Issue]:
        """Every record rule of the entry's kind."""
        for check in self._plain[entry.kind]:
            yield from check(entry)
        for check_with_options in self._with_options[entry.kind]:
            yield from check_with_options(entry, options)

    def run_document(self, context: DocumentContext) -> Iterator[Issue]:
        """Every document rule."""
        for check in self._document:
            yield from check(context)


#: The library's rules: the topic modules register into it when ``rules`` is imported.
REGISTRY = Registry()


def run_record_rules(
    entry: Located[Any], options: RuleOptions = DEFAULT_OPTIONS
) -> Iterator[Issue]:
    """The rules about one record on its own (Transaction, Customer or Invoice)."""
    return REGISTRY.run_record(entry, options)


def run_document_rules(context: DocumentContext) -> Iterator[Issue]:
    """The rules across records, over every record's facts: transactions, customers and
    invoices."""
    return REGISTRY.run_document(context)
