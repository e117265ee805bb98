"""``zynk-sage50 validate``: check files and report every issue, as text, JSON, SARIF, JUnit
or GitHub annotations, written as each file is checked."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import click

from ..issues import Severity
from ..report_formats import WRITERS, OutputOptions
from ._files import check_files, expand
from ._options import validation_options
from ._status import EXIT_INVALID, EXIT_UNREADABLE, EXIT_VALID
from ._streams import output_failed, stdout_text
from ._suggest import SuggestingChoice
from ._together import check_together, repeated_name

#: Formats for programs that read every issue: ``--quiet`` would empty them, so it is refused.
_LISTING_FORMATS = ("sarif", "junit", "github")


def _stderr_is_terminal() -> bool:
    try:
        return sys.stderr is not None and sys.stderr.isatty()
    except (OSError, ValueError):
        return False


@click.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option(
    "--format",
    "output_format",
    type=SuggestingChoice(list(WRITERS)),
    default="text",
    show_default=True,
    help="text: a line per issue and a summary per file; json: one document (its JSON Schema: "
    "zynk-sage50 schema --report); sarif: SARIF 2.1.0; junit: JUnit XML; github: GitHub "
    "Actions annotations.",
)
@click.option(
    "--min-severity",
    type=SuggestingChoice([severity.value for severity in Severity]),
    default="info",
    show_default=True,
    help="Hide issues below this severity from the output; counts and exit status are unchanged.",
)
@click.option(
    "--quiet",
    is_flag=True,
    help="Only the summary per file: text prints the summary lines, json leaves out the "
    "issue lists. Refused with sarif, junit and github.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    metavar="N",
    help="Check files in N processes; the output is the same as with one.",
)
@click.option(
    "--together",
    is_flag=True,
    help="The files are one import run: the rules across records (duplicate Ids and account "
    "references, customers, allocation targets, grouping) apply across them. Each file still "
    "gets its own report; --jobs does not apply.",
)
@validation_options
def validate_command(
    files: Sequence[str],
    output_format: str,
    min_severity: str,
    quiet: bool,
    jobs: int,
    together: bool,
    validation: dict[str, Any],
) -> None:
    """Check each FILE: well-formedness and safety, the XSD, then every business rule.

    A directory means every *.xml file below it, in sorted order. Use - to read standard input
    (streamed). With --together the files are checked as one import. Exit status: 0 every file
    valid, 1 at least one invalid, 2 usage error or a file that cannot be read.
    """
    if quiet and output_format in _LISTING_FORMATS:
        raise click.UsageError(
            f"--quiet applies to --format text and json; --format {output_format} lists every "
            "issue (use --min-severity to show fewer)"
        )
    out = stdout_text()
    writer = WRITERS[output_format](
        out, OutputOptions(min_severity=Severity(min_severity), quiet=quiet)
    )
    status = EXIT_VALID
    targets = expand(files)
    if together:
        twice = repeated_name(targets)
        if twice is not None:
            raise click.UsageError(
                f"{twice} is given twice: files checked --together are one import, each once"
            )
    results = (
        check_together(targets, validation)
        if together
        else check_files(
            targets, validation, jobs=jobs, show_progress=not quiet and _stderr_is_terminal()
        )
    )
    try:
        writer.start()
        for result in results:
            if result.report is None:
                click.echo(f"zynk-sage50: {result.problem}", err=True)
                status = EXIT_UNREADABLE
            elif not result.report.valid and status == EXIT_VALID:
                status = EXIT_INVALID
            writer.file(result)
            out.flush()
        writer.finish()
        out.flush()
    except OSError as exc:  # standard output full or gone
        raise output_failed(exc) from None
    except ValueError as exc:
        if getattr(out, "closed", False):  # "I/O operation on closed file"
            raise output_failed(exc) from None
        raise
    sys.exit(status)


command = validate_command
