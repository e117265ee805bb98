"""Nearest-name suggestions for misspelt subcommands, choices and listed values."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import Any

import click


def nearest(word: str, names: Iterable[str]) -> str | None:
    """The known name closest to ``word`` (case-insensitive), if one is close enough."""
    by_folded = {name.casefold(): name for name in names}
    found = difflib.get_close_matches(word.casefold(), list(by_folded), n=1, cutoff=0.6)
    return by_folded[found[0]] if found else None


def did_you_mean(word: str, names: Iterable[str]) -> str:
    """`` Did you mean 'X'?`` or nothing."""
    match = nearest(word, names)
    return f" Did you mean {match!r}?" if match else ""


class SuggestingChoice(click.Choice):  # type: ignore[type-arg]
    """A ``click.Choice`` whose error names the nearest choice."""

    def __init__(self, choices: Sequence[str], case_sensitive: bool = False) -> None:
        super().__init__(choices, case_sensitive=case_sensitive)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as exc:
            hint = did_you_mean(str(value), [str(choice) for choice in self.choices])
            raise click.BadParameter(f"{exc.message}{hint}", ctx=ctx, param=param) from None
