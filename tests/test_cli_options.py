"""``validate`` options: --min-severity and --quiet (issue 15, point 3), directories and --jobs
(point 4), progress and streamed standard input (point 5), limits (point 6), suggestions
(point 9)."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import attr
import click
import pytest

from tests.cli_files import UNBALANCED, VALID, WARNING, invoke, write_corpus
from tests.documents import company, sales_invoice, tx
from zynk_sage50 import Limits
from zynk_sage50.cli._options import accepts, limit_option_name, parse_tax_rate


def _run(*args: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "zynk_sage50", *args],
        capture_output=True,
        check=False,
        timeout=120,
        **kwargs,  # type: ignore[arg-type]
    )


# --- point 3: severities -------------------------------------------------------------------


def test_min_severity_hides_lower_issues_counts_and_status_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "w.xml"
    path.write_text(WARNING, encoding="utf-8")
    shown = invoke("validate", "--strict", "--format", "json", str(path))
    hidden = invoke(
        "validate", "--strict", "--format", "json", "--min-severity", "error", str(path)
    )
    assert shown.exit_code == hidden.exit_code == 1
    before, after = (json.loads(r.stdout)["files"][0] for r in (shown, hidden))
    assert [i["code"] for i in before["issues"]] == ["amount.precision"]
    assert after["issues"] == []
    assert after["counts"] == before["counts"] == {"error": 0, "warning": 1, "info": 0}
    assert json.loads(hidden.stdout)["min_severity"] == "error"
    text = invoke("validate", "--min-severity", "error", str(path)).stdout
    assert "amount.precision" not in text
    assert text.strip().endswith("valid (0 errors, 1 warning)")
    assert "amount.precision" in invoke("validate", "--min-severity", "warning", str(path)).stdout


def test_quiet_with_json_is_honoured(tmp_path: Path) -> None:
    path = tmp_path / "u.xml"
    path.write_text(UNBALANCED, encoding="utf-8")
    result = invoke("validate", "--quiet", "--format", "json", str(path))
    document = json.loads(result.stdout)
    assert document["quiet"] is True
    (entry,) = document["files"]
    assert "issues" not in entry
    assert entry["counts"]["error"] == 1
    assert result.exit_code == 1


@pytest.mark.parametrize("fmt", ["sarif", "junit", "github"])
def test_quiet_with_listing_formats_is_refused(tmp_path: Path, fmt: str) -> None:
    result = invoke("validate", "--quiet", "--format", fmt, str(tmp_path))
    assert result.exit_code == 2
    assert "--quiet applies to --format text and json" in result.stderr


# --- point 4: many files -------------------------------------------------------------------


def test_directory_argument_validates_every_xml_below_it_sorted(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in")
    result = invoke("validate", "--quiet", str(tmp_path / "in"))
    names = [line.split(": ")[0] for line in result.stdout.splitlines()]
    assert names == [
        str(corpus[name])
        for name in ("a-unbalanced.xml", "b-valid.xml", "sub/c-warning.xml", "sub/d-malformed.xml")
    ]
    assert result.exit_code == 1


def test_directory_without_xml_files_exits_2(tmp_path: Path) -> None:
    (tmp_path / "readme.txt").write_text("hello", encoding="utf-8")
    result = invoke("validate", str(tmp_path))
    assert result.exit_code == 2
    assert "no *.xml file" in result.stderr


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github"])
def test_jobs_output_identical_to_serial(tmp_path: Path, fmt: str) -> None:
    write_corpus(tmp_path / "in")
    for number in range(6):
        (tmp_path / "in" / f"x{number}.xml").write_text(
            UNBALANCED if number % 2 else WARNING, encoding="utf-8"
        )
    args = ["validate", "--format", fmt, str(tmp_path / "in"), str(tmp_path / "missing.xml")]
    serial = invoke(*args)
    parallel = invoke(*args, "--jobs", "3")
    assert parallel.stdout == serial.stdout
    assert parallel.stderr == serial.stderr
    assert parallel.exit_code == serial.exit_code == 2


def test_jobs_8_many_rounds_same_as_serial(tmp_path: Path) -> None:
    """Issue 12's mix for the command: valid files, a 40-character Reference, an unknown
    element in every record; eight processes, several rounds, each equal to the serial run."""
    folder = tmp_path / "mix"
    folder.mkdir()
    unknown = company(*(tx(Id=n, Colour="red") for n in range(1, 30)))
    long_reference = company(sales_invoice(Reference="R" * 40))
    for number in range(16):
        text = (VALID, unknown, long_reference, UNBALANCED)[number % 4]
        (folder / f"f{number:02}.xml").write_text(text, encoding="utf-8")
    args = ["validate", "--format", "json", str(folder)]
    serial = invoke(*args)
    assert serial.exit_code == 1
    for _round in range(3):
        parallel = invoke(*args, "--jobs", "8")
        assert parallel.stdout == serial.stdout
        assert parallel.exit_code == serial.exit_code


def test_jobs_with_standard_input_among_files(tmp_path: Path) -> None:
    write_corpus(tmp_path / "in")
    args = ["validate", "--quiet", str(tmp_path / "in"), "-"]
    serial = invoke(*args, input=UNBALANCED)
    parallel = invoke(*args, "-j", "2", input=UNBALANCED)
    assert parallel.stdout == serial.stdout
    assert serial.stdout.splitlines()[-1] == "-: invalid (1 error, 0 warnings)"


# --- point 5: progress and streamed standard input ------------------------------------------


def _big(tmp_path: Path, rows: int = 30_000) -> Path:
    """Rows that differ (identical rows are checked once and take no time at all)."""
    record = (
        "<Transaction><Id>{}</Id><TransactionType>SalesInvoice</TransactionType>"
        "<AccountReference>A</AccountReference><NetAmount>1.00</NetAmount></Transaction>"
    )
    path = tmp_path / "big.xml"
    body = "".join(record.format(number) for number in range(rows))
    path.write_text(f"<Company><Transactions>{body}</Transactions></Company>", encoding="utf-8")
    return path


def _stderr_on_terminal(*args: str) -> bytes:
    """Run the command with standard error on a pseudo-terminal; what it drew there."""
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "zynk_sage50", *args],
            stdout=subprocess.DEVNULL,
            stderr=follower,
        )
        os.close(follower)
        drawn = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed: the process ended
                break
            if not chunk:
                break
            drawn += chunk
        process.wait(timeout=120)
    finally:
        os.close(leader)
    return drawn


def test_progress_drawn_on_a_terminal_for_a_large_input(tmp_path: Path) -> None:
    drawn = _stderr_on_terminal("validate", str(_big(tmp_path)))
    assert b"records," in drawn
    assert b"MB read" in drawn


def test_no_progress_when_quiet_or_not_a_terminal(tmp_path: Path) -> None:
    big = _big(tmp_path)
    assert b"records," not in _stderr_on_terminal("validate", "--quiet", str(big))
    assert b"records," not in _run("validate", str(big)).stderr


def test_standard_input_is_streamed_not_read_whole() -> None:
    """An endless standard input ends as soon as the reader has seen enough to refuse it."""
    with Path("/dev/zero").open("rb") as endless:
        result = _run("validate", "-", stdin=endless)
    assert result.returncode == 1
    assert b"xml.malformed" in result.stdout


def test_standard_input_stops_at_max_bytes() -> None:
    with subprocess.Popen(
        [sys.executable, "-c", "import sys\nwhile True: sys.stdout.write('<Company>' * 1000)"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    ) as endless:
        result = _run("validate", "--max-bytes", "100000", "-", stdin=endless.stdout)
        endless.kill()
    assert b"xml.too-large" in result.stdout


# --- point 6: limits ------------------------------------------------------------------------


def test_every_limits_field_has_an_option() -> None:
    help_text = invoke("validate", "--help").stdout
    for field in attr.fields(Limits):
        assert limit_option_name(field) in help_text


def test_limit_options_reach_validate(tmp_path: Path) -> None:
    path = tmp_path / "u.xml"
    path.write_text(UNBALANCED, encoding="utf-8")
    assert invoke("validate", "--max-depth", "2", str(path)).stdout.count("xml.too-large") == 1
    assert "xml.too-large" in invoke("validate", "--max-bytes", "100", str(path)).stdout
    assert "xml.too-large" in invoke("validate", "--max-records", "1", str(path)).stdout
    assert "xml.too-large" in invoke("validate", "--max-text-length", "3", str(path)).stdout
    assert "xml.too-large" not in invoke("validate", "--max-depth", "30", str(path)).stdout


def test_bad_limit_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke("validate", "--max-depth", "-1", str(tmp_path))
    assert result.exit_code == 2
    assert "--max-depth" in result.stderr


# --- point 9: nearest names -----------------------------------------------------------------


def test_suggestions_for_misspelt_names() -> None:
    assert "Did you mean 'validate'?" in invoke("valdate", "x").stderr
    assert "Did you mean '--strict'?" in invoke("validate", "--strct", "x").stderr
    assert "Did you mean 'json'?" in invoke("validate", "--format", "jsn", "x").stderr
    assert "Did you mean 'warning'?" in invoke("validate", "--min-severity", "warn", "x").stderr
    assert "Did you mean '--max-depth'?" in invoke("validate", "--max-dept", "3", "x").stderr


def test_no_suggestion_for_a_name_far_from_any() -> None:
    result = invoke("validate", "--format", "qqqqqq", "x")
    assert result.exit_code == 2
    assert "Did you mean" not in result.stderr


# --- issue 17's --tax-rate, parsed here (the option appears once validate() takes tax_rates) --


@pytest.mark.parametrize(
    ("text", "expected"),
    [("T1=20", (1, "20")), ("1=17.5", (1, "17.5")), ("t9 = 0%", (9, "0")), ("T99=5", (99, "5"))],
)
def test_tax_rate_parsed(text: str, expected: tuple[int, str]) -> None:
    code, rate = parse_tax_rate(text)
    assert (code, str(rate)) == expected


@pytest.mark.parametrize("text", ["T1", "X1=20", "T100=20", "T1=twenty", "T1=-5", "T1=NaN"])
def test_tax_rate_refused(text: str) -> None:
    with pytest.raises(click.BadParameter):
        parse_tax_rate(text)


def test_tax_rate_option_follows_validate() -> None:
    assert ("--tax-rate" in invoke("validate", "--help").stdout) is accepts("tax_rates")


def test_tax_rate_reaches_validate(tmp_path: Path) -> None:
    """17.50 on 100.00 at T1 is a mismatch with Sage's default 20%, not with T1=17.5."""
    path = tmp_path / "t1.xml"
    path.write_text(
        company(sales_invoice(NetAmount="100.00", TaxCode=1, TaxAmount="17.50")), "utf-8"
    )
    assert "amount.tax-mismatch" in invoke("validate", str(path)).stdout
    assert (
        "amount.tax-mismatch" not in invoke("validate", "--tax-rate", "T1=17.5", str(path)).stdout
    )
    assert (
        "amount.tax-mismatch"
        in invoke(
            "validate",
            "--tax-rate",
            "T1=17.5",
            "--tax-rate",
            "T1=20",
            "--tax-rate",
            "2=0",
            str(path),
        ).stdout
    )  # repeatable; the last rate given for a code wins
    refused = invoke("validate", "--tax-rate", "T1=abc", str(path))
    assert refused.exit_code == 2
    assert "'--tax-rate'" in refused.stderr
