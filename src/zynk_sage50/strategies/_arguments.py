"""Checking the arguments of the public strategies: TransactionType names and record counts."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeAlias

import attr
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from ..models import TransactionType
from ..vocabulary import ALL_TYPES

#: What ``types=`` accepts: TransactionType members or their names (``"SalesInvoice"``), as an
#: iterable or one comma-separated string.
Types: TypeAlias = Iterable[TransactionType | str] | str | None
#: What a count accepts: an exact number, an inclusive ``(min, max)`` range, or a strategy.
Count: TypeAlias = int | tuple[int, int] | st.SearchStrategy[int] | None

#: The thirteen current names: the default of ``types=`` (aliases only when asked for).
CURRENT_TYPES = tuple(t for t in TransactionType if t in ALL_TYPES)


class StrategyArgumentError(InvalidArgument, ValueError):
    """A strategy was given an argument it cannot honour (both a ``ValueError`` and Hypothesis's
    ``InvalidArgument``, so either may be caught). ``argument`` names it (``"types"``)."""

    def __init__(self, message: str, argument: str | None = None) -> None:
        super().__init__(message)
        self.argument = argument


def parse_types(types: Types) -> tuple[TransactionType, ...]:
    """The TransactionTypes named, in the enumeration's order, without repeats."""
    if types is None:
        return CURRENT_TYPES
    if isinstance(types, str):
        types = [part.strip() for part in types.split(",") if part.strip()]
    wanted: set[TransactionType] = set()
    for item in types:
        if isinstance(item, TransactionType):
            wanted.add(item)
            continue
        try:
            wanted.add(TransactionType(item))
        except ValueError:
            known = ", ".join(t.value for t in TransactionType)
            raise StrategyArgumentError(
                f"{item!r} is not a TransactionType name; use one of {known}", "types"
            ) from None
    if not wanted:
        raise StrategyArgumentError("no TransactionType is named", "types")
    return tuple(t for t in TransactionType if t in wanted)


@attr.s(frozen=True, slots=True, auto_attribs=True)
class Span:
    """How many records to draw: from ``low`` to ``high``, or as ``strategy`` draws."""

    low: int
    high: int
    strategy: st.SearchStrategy[int] | None = None


def span(
    name: str,
    value: Count,
    default: tuple[int, int],
    feasible: Callable[[int], bool] = lambda _n: True,
    why: str = "",
) -> Span:
    """The counts ``value`` allows; counts ``feasible`` refuses are never drawn."""
    if value is None:
        value = default
    if isinstance(value, st.SearchStrategy):
        return Span(0, 0, value.filter(lambda n: n >= 0 and feasible(n)))
    if isinstance(value, bool) or not isinstance(value, (int, tuple)):
        raise StrategyArgumentError(
            f"{name}= must be an int, a (min, max) tuple or a strategy of ints, not {value!r}",
            name,
        )
    if isinstance(value, int):
        if value < 0:
            raise StrategyArgumentError(f"{name}={value} is negative", name)
        if not feasible(value):
            raise StrategyArgumentError(f"{name}={value} is impossible{why}", name)
        return Span(value, value)
    if (
        len(value) != 2
        or not all(isinstance(n, int) and not isinstance(n, bool) for n in value)
        or not 0 <= value[0] <= value[1]
    ):
        raise StrategyArgumentError(
            f"{name}={value!r} must be a (min, max) tuple with 0 <= min <= max", name
        )
    low, high = value
    possible = next((n for n in range(low, high + 1) if feasible(n)), None)
    if possible is None:
        raise StrategyArgumentError(f"{name}={value!r} allows no possible count{why}", name)
    return Span(possible, high)
