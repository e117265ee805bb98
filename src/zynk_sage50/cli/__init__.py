"""The ``zynk-sage50`` command: a click group with one module per subcommand.

Adding a subcommand: create ``cli/<name>.py`` defining a module-level ``command`` (a
``click.Command``, e.g. made with ``@click.command("name")``). Every public module of this
package (name not starting with ``_``) is imported and its ``command`` registered on
:func:`main`; nothing here needs editing. Shared helpers live in ``_``-prefixed modules
(``_status`` for exit codes). Import optional dependencies (Hypothesis) inside the command
function, not at module level: ``import zynk_sage50.cli`` must stay light.
"""

from __future__ import annotations

import importlib
import pkgutil

import click

from .. import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
