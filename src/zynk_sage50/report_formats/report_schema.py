"""The JSON Schema of ``zynk-sage50 validate --format json`` (``schema --report``)."""

from __future__ import annotations

from typing import Any

from ..issues import Severity

_SEVERITIES = [severity.value for severity in Severity]
_COUNT = {"type": "integer", "minimum": 0}
_LINE = {"type": ["integer", "null"], "minimum": 1}

ISSUE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["code", "severity", "message", "line", "path", "record"],
    "additionalProperties": False,
    "properties": {
        "code": {"type": "string", "description": "Stable rule code, e.g. journal.unbalanced."},
        "severity": {"enum": _SEVERITIES},
        "message": {"type": "string"},
        "line": {**_LINE, "description": "Line in the file; null for file-level issues."},
        "path": {
            "type": ["string", "null"],
            "description": "e.g. /Company/Transactions/Transaction[3]",
        },
        "record": {
            "oneOf": [
                {"type": "null"},
                {
                    "type": "object",
                    "required": ["kind", "index", "id"],
                    "additionalProperties": False,
                    "properties": {
                        "kind": {"type": "string"},
                        "index": {"type": "integer", "minimum": 1},
                        "id": {"type": ["string", "null"]},
                    },
                },
            ]
        },
        "file": {
            "type": "string",
            "description": "Only with --together: the file of the import the issue is in (the "
            "file entry's path).",
        },
    },
}


def report_schema() -> dict[str, Any]:
    """The schema of the whole JSON document ``validate --format json`` writes."""
    checked_file = {
        "type": "object",
        "required": ["path", "valid", "counts", "omitted"],
        "additionalProperties": False,
        "properties": {
            "path": {"type": "string"},
            "valid": {"type": "boolean"},
            "counts": {
                "type": "object",
                "required": _SEVERITIES,
                "additionalProperties": False,
                "properties": dict.fromkeys(_SEVERITIES, _COUNT),
                "description": "Every issue found, whatever --min-severity hides.",
            },
            "issues": {
                "type": "array",
                "items": {"$ref": "#/$defs/issue"},
                "description": "The issues shown, in document order (absent with --quiet).",
            },
            "omitted": {
                "type": "object",
                "additionalProperties": _COUNT,
                "description": "Per code, how many more issues were found but not kept.",
            },
        },
    }
    unreadable_file = {
        "type": "object",
        "required": ["path", "valid", "error"],
        "additionalProperties": False,
        "properties": {
            "path": {"type": "string"},
            "valid": {"const": False},
            "error": {"type": "string", "description": "Why the file could not be read."},
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://zynk-sage50.invalid/schema/report.json",
        "title": "zynk-sage50 validate --format json",
        "type": "object",
        "required": ["tool", "min_severity", "quiet", "files"],
        "additionalProperties": False,
        "properties": {
            "tool": {
                "type": "object",
                "required": ["name", "version", "pycountry", "python"],
                "additionalProperties": False,
                "properties": {
                    "name": {"const": "zynk-sage50"},
                    "version": {"type": "string"},
                    "pycountry": {
                        "type": "string",
                        "description": "The pycountry version: country and currency verdicts "
                        "depend on its data.",
                    },
                    "python": {"type": "string"},
                },
            },
            "min_severity": {"enum": _SEVERITIES},
            "quiet": {"type": "boolean"},
            "files": {
                "type": "array",
                "items": {"oneOf": [checked_file, unreadable_file]},
            },
        },
        "$defs": {"issue": ISSUE_SCHEMA},
    }
