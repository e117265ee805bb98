"""``zynk-sage50 schema``: the JSON Schemas of the JSON document form and of the JSON report."""

from __future__ import annotations

import json

import click

from ..interchange import json_schema
from ..report_formats.report_schema import report_schema
from ._streams import output_failed, stdout_text


@click.command("schema")
@click.option(
    "--json",
    "document",
    is_flag=True,
    help="The JSON form of a document (zynk_sage50.to_json, zynk-sage50 convert --to json).",
)
@click.option("--report", is_flag=True, help="The report of zynk-sage50 validate --format json.")
def schema_command(document: bool, report: bool) -> None:
    """Print a JSON Schema (draft 2020-12): --json or --report.

    Both are generated from the library itself (the document form from the XSD the models
    come from), so they always match this version.
    """
    if document == report:
        raise click.UsageError("say which schema: --json (documents) or --report (validate)")
    schema = json_schema() if document else report_schema()
    try:
        out = stdout_text()
        out.write(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
        out.flush()
    except OSError as exc:
        raise output_failed(exc) from None


command = schema_command
