"""Standard input and output that fail with one line and exit status 2, never a traceback.

A closed standard input (``<&-``), a full disk (``>/dev/full``) or a closed pipe is a problem of
the surroundings, like an unreadable file: the command says so once on standard error.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Any, BinaryIO, TextIO

import click

from ._status import EXIT_UNREADABLE


class StreamError(click.ClickException):
    """A standard stream that cannot be used: one line on standard error, exit status 2."""

    exit_code = EXIT_UNREADABLE

    def __init__(self, message: str, *, output: bool = False) -> None:
        super().__init__(message)
        #: About standard output: it is pointed at the null device when this is shown.
        self.output = output

    def show(self, file: object = None) -> None:
        if self.output:
            _silence_stdout()
        with contextlib.suppress(OSError, ValueError):  # standard error broken too: give up
            click.echo(f"zynk-sage50: {self.format_message()}", err=True)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def stdin_binary() -> BinaryIO:
    """Standard input as bytes, to be streamed (never read whole)."""
    stream = sys.stdin
    if stream is None:  # Python's view of a closed descriptor 0
        raise StreamError("cannot read standard input: it is closed")
    return stream.buffer


def stdout_text() -> TextIO:
    """Standard output for text; :class:`StreamError` when it is closed."""
    if sys.stdout is None:
        raise StreamError("cannot write standard output: it is closed")
    return sys.stdout


def stdout_binary() -> BinaryIO:
    """Standard output for bytes (flushes the text layer first, so nothing interleaves)."""
    text = stdout_text()
    text.flush()
    return text.buffer


def output_failed(exc: BaseException) -> StreamError:
    """The error for a failed write or flush of standard output."""
    return StreamError(f"cannot write standard output: {_reason(exc)}", output=True)


def _silence_stdout() -> None:
    """Point descriptor 1 at the null device, so that the interpreter's own flush at exit
    does not fail a second time with a traceback of its own."""
    stream = sys.stdout  # in a test runner's capture, it has no descriptor: left alone
    if stream is None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def flush_stdout() -> None:
    """Flush now, so a full disk is reported here rather than lost at exit."""
    if sys.stdout is None:
        return
    try:
        sys.stdout.flush()
    except (OSError, ValueError) as exc:
        raise output_failed(exc) from None


class GuardedStdout:
    """Standard output whose failed writes and flushes raise :class:`StreamError`, so that even
    click's own output (``--help``, ``--version``) to a full disk is one line and exit 2."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        if not text:  # click probes with empty writes and copes with what they raise
            return self._stream.write(text)
        try:
            return self._stream.write(text)
        except OSError as exc:
            raise output_failed(exc) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            raise output_failed(exc) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def write_output(data: bytes, output: str | None) -> None:
    """Write a command's result to ``-o OUT`` (a path) or, without one or with ``-``, to
    standard output; a target that cannot be written is a usage error naming ``-o``."""
    if output is None or output == "-":
        try:
            out = stdout_binary()
            out.write(data)
            out.flush()
        except OSError as exc:
            raise output_failed(exc) from None
        return
    try:
        Path(output).write_bytes(data)
    except OSError as exc:
        raise click.BadParameter(
            f"cannot write {output}: {exc.strerror or exc}", param_hint="'-o'"
        ) from None
