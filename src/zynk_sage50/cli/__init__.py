"""The ``zynk-sage50`` command: a click group with one module per subcommand.

Adding a subcommand: create ``cli/<name>.py`` defining a module-level ``command`` (a
``click.Command``, e.g. made with ``@click.command("name")``). Every public module of this
package (name not starting with ``_``) is imported and its ``command`` registered on
:func:`main`; nothing here needs editing. Shared helpers live in ``_``-prefixed modules:

- ``_options.validation_options``: the options of ``validate`` that decide what is checked
  (``--strict``, ``--tax-rate``, ``--max-…``...); the command gets one ``validation`` argument,
  the keyword arguments for ``zynk_sage50.validate``; ``_options.limit_options``: only the
  ``--max-…`` options, as one ``limits`` argument.
- ``_files.expand``/``check_files``: directory arguments, ``-`` streamed, ``--jobs``.
- ``_input``: XML or JSON from a document's first bytes; bounded whole reads.
- ``_streams``: standard input and output that fail with one line and exit status 2.
- ``_status``: the exit statuses; ``_suggest.SuggestingChoice``: a choice that says
  "did you mean".

Import optional dependencies (Hypothesis) inside the command function, not at module level:
``import zynk_sage50.cli`` must stay light.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from typing import Any

import click

from .. import __version__
from ._streams import GuardedStdout, flush_stdout, output_failed
from ._suggest import did_you_mean, nearest


class _Group(click.Group):
    """Says "did you mean" for a misspelt subcommand, and turns a failed write to standard
    output into one line and exit status 2 instead of a traceback."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        original = sys.stdout
        if original is None or isinstance(original, GuardedStdout):
            return super().main(*args, **kwargs)
        sys.stdout = GuardedStdout(original)
        try:
            return super().main(*args, **kwargs)
        finally:
            sys.stdout = original

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as exc:
            name = args[0] if args else ""
            hint = did_you_mean(name, self.list_commands(ctx)) if name else ""
            if not hint:
                raise
            raise click.UsageError(f"{exc.message}{hint}", ctx) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            result = super().invoke(ctx)
        except click.exceptions.Exit:
            flush_stdout()
            raise
        except click.NoSuchOption as exc:  # name only the nearest option, not up to three
            best = nearest(exc.option_name, exc.possibilities or ())
            if best is None or len(exc.possibilities or ()) < 2:
                raise
            raise click.NoSuchOption(exc.option_name, possibilities=[best], ctx=exc.ctx) from None
        except BrokenPipeError as exc:  # a click.echo to a reader that went away
            raise output_failed(exc) from None
        flush_stdout()
        return result


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="zynk-sage50")
def main() -> None:
    """Check, convert and generate Zynk XML documents for Sage 50 UK."""


def _register_commands() -> None:
    """Import each public submodule and add its ``command`` to the group."""
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        command = getattr(module, "command", None)
        if not isinstance(command, click.Command):
            raise TypeError(f"{module.__name__} defines no click command named 'command'")
        main.add_command(command)


_register_commands()

__all__ = ["main"]
