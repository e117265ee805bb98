"""Every conformance sample gives the manifest's expected errors through the CLI's JSON."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tests.conformance import Sample, samples
from zynk_sage50.cli import main

IN_SCOPE = [sample for sample in samples() if sample.kind != "invoice"]


@pytest.mark.parametrize("sample", IN_SCOPE, ids=[sample.file for sample in IN_SCOPE])
def test_sample_gives_expected_errors(sample: Sample) -> None:
    result = CliRunner().invoke(main, ["validate", "--format", "json", str(sample.path)])
    assert result.exit_code == (1 if sample.expected_errors else 0), result.output
    (report,) = json.loads(result.stdout)["files"]
    errors = {issue["code"] for issue in report["issues"] if issue["severity"] == "error"}
    assert errors == set(sample.expected_errors), report["issues"]
    for issue in report["issues"]:
        if issue["code"] == "xml.malformed":
            assert issue["line"] is not None


def test_manifest_covers_the_samples() -> None:
    listed = {sample.file for sample in samples()}
    on_disk = {
        str(path.relative_to(samples()[0].path.parent)).replace("\\", "/")
        for path in samples()[0].path.parent.rglob("*.xml")
    }
    assert on_disk == listed
    assert len([s for s in samples() if s.kind in ("complete", "fragment", "export")]) == 58
