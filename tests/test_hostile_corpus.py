"""The hostile-input corpus (``tests/hostile/MANIFEST.tsv``) through ``validate()``, ``load()``
and the ``zynk-sage50 validate`` command, with file and network canaries; and the ``Limits``.

Each entry's outcome was decided on purpose (the manifest's notes say why). Large inputs (100,000
levels of nesting, 50 MB text nodes) are generated into a temporary directory, never committed.
The command runs in a subprocess under an address-space limit of 1 GiB and a 10 s hang guard.
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import json
import os
import resource
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

import pytest

import zynk_sage50 as zs
from tests.conftest import CONFORMANCE_DIR
from zynk_sage50 import Limits, TooLargeError, ZynkSage50Error, load, loads, validate

HOSTILE = Path(__file__).resolve().parent / "hostile"
MANIFEST = HOSTILE / "MANIFEST.tsv"
SECRET = "CANARY-hostile-5d1e-DO-NOT-LEAK"
GENERATED = "generated/"

#: What a ``load()`` outcome implies for ``validate()``: the codes it may give alongside.
READING_CODES = {
    "MalformedXmlError": {"xml.malformed"},
    "ForbiddenXmlError": {"xml.forbidden"},
    "TooLargeError": {"xml.too-large"},
    "WrongRootError": {"xml.wrong-root"},
}
#: The command's hang guard and memory bound (a guard, not a performance assertion).
CLI_TIMEOUT = 10
CLI_ADDRESS_SPACE = 1024**3


class Entry(NamedTuple):
    """One row of ``MANIFEST.tsv``."""

    file: str
    expected: str
    load: str
    notes: str

    @property
    def codes(self) -> set[str]:
        return set() if self.expected == "valid" else set(self.expected.split())

    @property
    def valid(self) -> bool:
        return self.expected == "valid"


def manifest() -> list[Entry]:
    with MANIFEST.open(encoding="utf-8", newline="") as handle:
        return [Entry(**row) for row in csv.DictReader(handle, delimiter="\t")]


ENTRIES = manifest()
IDS = [entry.file for entry in ENTRIES]


# --- generated inputs ----------------------------------------------------------------------------

DECL = '<?xml version="1.0" encoding="utf-8"?>\n'


def _record(inner: str, opening: str = "<Transaction>") -> str:
    return (
        f"{DECL}<Company><Transactions>{opening}{inner}</Transaction></Transactions></Company>\n"
    )


def _invoice(details: str = "Course fee") -> str:
    return (
        "<Id>1</Id><TransactionType>SalesInvoice</TransactionType>"
        "<AccountReference>ABS001</AccountReference>"
        "<TransactionDate>2019-05-16T00:00:00</TransactionDate><Reference>SI1</Reference>"
        f"<NominalCode>4000</NominalCode><Details>{details}</Details>"
        "<NetAmount>100.00</NetAmount><TaxCode>1</TaxCode><TaxAmount>20.00</TaxAmount>"
    )


def _contacts(count: int) -> str:
    contact = "<Contact><Country>" + "Z" * 300 + "</Country></Contact>"
    return (
        f"{DECL}<Company><Customers><Customer><AccountReference>A1</AccountReference>"
        f"<CompanyName>Acme</CompanyName><DeliveryAddresses>{contact * count}"
        "</DeliveryAddresses></Customer></Customers></Company>\n"
    )


def _unclosed(depth: int) -> bytes:
    return (DECL + "<Company><Transactions><Transaction>" + "<a>" * depth).encode()


def _after_prolog(unit: str, size: int, document: str | None = None) -> bytes:
    """``document`` (a valid one by default) with ``size`` characters of ``unit`` repeated
    between its XML declaration and its root."""
    text = document if document is not None else _record(_invoice())
    declaration, rest = text.split("\n", 1)
    return (declaration + "\n" + unit * (size // len(unit)) + rest).encode()


def _hostile(name: str) -> str:
    return (HOSTILE / name).read_text(encoding="utf-8")


def _windows_1252_far_in(records: int) -> bytes:
    line = f"<Transaction>{_invoice()}</Transaction>\n"
    bad = line.replace("Course fee", "\u00a3100 fee")
    text = f"{DECL}<Company><Transactions>\n{line * records}{bad}</Transactions></Company>\n"
    return text.encode("cp1252")


MB10 = 10_000_000
COMMENT = "<!-- " + "c" * 90 + " -->\n"
MB50 = 50_000_000
GENERATORS: dict[str, Callable[[], bytes]] = {
    "prolog-10mb-comments.xml": lambda: _after_prolog(COMMENT, MB10),
    "prolog-10mb-processing-instructions.xml": lambda: _after_prolog(
        "<?note " + "p" * 89 + "?>\n", MB10
    ),
    "prolog-10mb-blank-lines.xml": lambda: _after_prolog("\r\n", MB10),
    "doctype-after-2mb-prolog.xml": lambda: _after_prolog(
        COMMENT, 2_000_000, _hostile("doctype-on-valid-document.xml")
    ),
    "parameter-entity-after-2mb-prolog.xml": lambda: _after_prolog(
        COMMENT, 2_000_000, _hostile("parameter-entity-exfiltration.xml")
    ),
    "windows-1252-byte-after-500-records.xml": lambda: _windows_1252_far_in(500),
    "nesting-100000-deep.xml": lambda: _record("<a>" * 100_000 + "</a>" * 100_000).encode(),
    "nesting-100000-unclosed.xml": lambda: _unclosed(100_000),
    "text-node-50mb.xml": lambda: _record(_invoice("x" * MB50)).encode(),
    "text-node-2mb.xml": lambda: _record(_invoice("x" * 2_000_000)).encode(),
    "text-2mb-in-unknown-element.xml": lambda: _record(
        _invoice() + "<Remark>" + "x" * 2_000_000 + "</Remark>"
    ).encode(),
    "attribute-value-2mb.xml": lambda: _record(
        _invoice(), '<Transaction RecordOperation="' + "x" * 2_000_000 + '">'
    ).encode(),
    "comment-50mb.xml": lambda: _record(_invoice("<!--" + "x" * MB50 + "-->")).encode(),
    "cdata-50mb.xml": lambda: _record(_invoice("<![CDATA[" + "x" * MB50 + "]]>")).encode(),
    "element-name-60000-characters.xml": lambda: _record(
        _invoice() + "<" + "N" * 60_000 + "/>"
    ).encode(),
    "50000-attributes-on-record.xml": lambda: _record(
        "<Details>x</Details>",
        "<Transaction " + " ".join(f'a{n}="{n}"' for n in range(50_000)) + ">",
    ).encode(),
    "gzip-of-valid-document.xml": lambda: gzip.compress(_record(_invoice()).encode()),
    "2000-invalid-contacts.xml": lambda: _contacts(2000).encode(),
    "5000-namespace-declarations.xml": lambda: (
        _record(_invoice())
        .replace(
            "<Company>",
            "<Company " + " ".join(f'xmlns:p{n}="urn:p{n}"' for n in range(5000)) + ">",
        )
        .encode()
    ),
    "attribute-name-49000-characters.xml": lambda: _record(
        _invoice().replace("<Details>", "<Details " + "a" * 49_000 + '="1">')
    ).encode(),
    "200-unknown-elements-in-a-record.xml": lambda: _record(
        _invoice() + "".join(f"<Extra{n}>x</Extra{n}>" for n in range(200))
    ).encode(),
    "100000-empty-transactions.xml": (
        DECL + "<Company><Transactions>" + "<Transaction/>" * 100_000 + "</Transactions></Company>"
    ).encode,
}


# --- canaries ------------------------------------------------------------------------------------


class Canaries:
    """A named pipe that notices being opened for reading, and a 127.0.0.1 port that counts
    connections. Opening the pipe would release a writer blocked in ``open()``; a fetch of any
    ``http://127.0.0.1:PORT/`` URL would be a connection."""

    def __init__(self, directory: Path) -> None:
        self.pipe = directory / "canary.fifo"
        os.mkfifo(self.pipe)
        self.opened = threading.Event()
        self.connections = 0
        self._stop = threading.Event()
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.server.settimeout(0.05)
        self.url = f"http://127.0.0.1:{self.server.getsockname()[1]}/"
        self._threads = [
            threading.Thread(target=self._watch_pipe, daemon=True),
            threading.Thread(target=self._serve, daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def _watch_pipe(self) -> None:
        while not self._stop.is_set():
            try:
                fd = os.open(self.pipe, os.O_WRONLY)  # blocks until someone opens it to read
            except OSError:
                return
            if not self._stop.is_set():
                self.opened.set()
                with contextlib.suppress(OSError):
                    os.write(fd, SECRET.encode())
            os.close(fd)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self.server.accept()
            except OSError:
                continue
            self.connections += 1
            with contextlib.suppress(OSError):
                client.settimeout(1)
                client.recv(4096)
                client.sendall(b"HTTP/1.0 200 OK\r\n\r\n" + SECRET.encode())
            client.close()

    def substitute(self, data: bytes) -> bytes:
        for placeholder, value in (
            ("@CANARY_FILE_URI@", self.pipe.as_uri()),
            ("@CANARY_PATH@", str(self.pipe)),
            ("@CANARY_URL@", self.url),
        ):
            for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                data = data.replace(placeholder.encode(encoding), value.encode(encoding))
        return data

    def untouched(self) -> bool:
        time.sleep(0.1)  # a connection or open under way gets the time to be seen
        return not self.opened.is_set() and self.connections == 0

    def close(self) -> None:
        self._stop.set()
        with contextlib.suppress(OSError):
            reader = os.open(self.pipe, os.O_RDONLY | os.O_NONBLOCK)  # releases the writer
            time.sleep(0.05)
            os.close(reader)
        for thread in self._threads:
            thread.join(timeout=5)
        self.server.close()


@pytest.fixture(scope="module")
def canaries(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Canaries]:
    watch = Canaries(tmp_path_factory.mktemp("canary"))
    try:
        yield watch
    finally:
        touched = not watch.untouched()
        watch.close()
    assert not touched, "a corpus entry opened the canary pipe or connected to the canary port"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, canaries: Canaries) -> dict[str, Path]:
    """Every manifest entry as a file, placeholders replaced, generated inputs written."""
    directory = tmp_path_factory.mktemp("hostile")
    paths: dict[str, Path] = {}
    for entry in ENTRIES:
        if entry.file.startswith(GENERATED):
            data = canaries.substitute(GENERATORS[entry.file[len(GENERATED) :]]())
        else:
            data = canaries.substitute((HOSTILE / entry.file).read_bytes())
        path = directory / entry.file.replace("/", "-")
        path.write_bytes(data)
        paths[entry.file] = path
    return paths


def outcome_of_load(path: Path) -> str:
    try:
        load(path)
    except ZynkSage50Error as exc:
        return type(exc).__name__
    return "ok"


def codes_of(report: Any) -> set[str]:
    return {issue.code for issue in report.issues}


# --- the manifest --------------------------------------------------------------------------------


def test_manifest_and_directory_agree() -> None:
    listed = {entry.file for entry in ENTRIES}
    assert len(listed) == len(ENTRIES), "a file is listed twice"
    committed = {path.name for path in HOSTILE.glob("*.xml")}
    assert committed == {name for name in listed if not name.startswith(GENERATED)}
    assert set(GENERATORS) == {
        name[len(GENERATED) :] for name in listed if name.startswith(GENERATED)
    }
    for entry in ENTRIES:
        assert entry.load == "ok" or hasattr(zs, entry.load), entry
        assert entry.notes.strip(), f"{entry.file}: say what it tests"


# --- each entry: validate(), load(), the command -------------------------------------------------


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_validate_gives_the_decided_outcome(entry: Entry, corpus: dict[str, Path]) -> None:
    path = corpus[entry.file]
    report = validate(path)
    assert codes_of(report) == entry.codes, [str(issue) for issue in report.issues]
    if entry.valid:
        assert report.valid
    else:
        assert not report.valid
    for issue in report.issues:
        assert SECRET not in issue.message
        if issue.code == "xml.too-large":
            assert "(Limits." in issue.message, "the message names the Limits attribute"
    if path.stat().st_size < 5_000_000:
        assert codes_of(validate(path.read_bytes())) == entry.codes  # bytes as for a path


#: Entries whose message must say what the input is (issue 12, point 9; issue 17, point 7),
#: with the words it must hold and the line of its first issue.
SAYS_WHAT_IT_IS: dict[str, tuple[tuple[str, ...], int]] = {
    "ebcdic-with-declaration.xml": (("EBCDIC",), 1),
    "ebcdic-without-declaration.xml": (("EBCDIC",), 1),
    "double-bom-utf8.xml": (("two byte order marks",), 1),
    "double-bom-utf16le.xml": (("two byte order marks",), 1),
    "nel-line-breaks.xml": (("NEL (U+0085)", "line break"), 1),
    "line-separator-line-breaks.xml": (("LINE SEPARATOR (U+2028)", "line break"), 1),
    "windows-1252-pound-declared-utf8.xml": (("not valid UTF-8", "Windows-1252", "'£'"), 11),
    "windows-1252-curly-quote-undeclared.xml": (("Windows-1252", "'’'"), 10),
    "generated/windows-1252-byte-after-500-records.xml": (("Windows-1252", "'£'"), 503),
    "cr-only-line-ends.xml": (("Bogus",), 17),
    "cr-and-lf-alternating-line-ends.xml": (("Bogus",), 17),
    "crlf-line-ends.xml": (("Bogus",), 17),
    "cr-only-line-ends-windows-1252.xml": (("Bogus",), 17),
}


@pytest.mark.parametrize("name", SAYS_WHAT_IT_IS)
def test_messages_say_what_the_input_is_at_its_line(name: str, corpus: dict[str, Path]) -> None:
    words, line = SAYS_WHAT_IT_IS[name]
    (first, *_) = validate(corpus[name]).issues
    for word in words:
        assert word in first.message
    for misleading in ("this is not XML", "detecting", "no such file"):
        assert misleading not in first.message
    assert first.line == line


#: Messages that still quote a huge value whole (the rule, not the reading, writes them).
@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_messages_stay_one_readable_sentence(entry: Entry, corpus: dict[str, Path]) -> None:
    for issue in validate(corpus[entry.file]).issues:
        assert len(issue.message) < 400, issue.message[:200]


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_load_agrees_with_validate(entry: Entry, corpus: dict[str, Path]) -> None:
    path = corpus[entry.file]
    assert outcome_of_load(path) == entry.load
    if path.stat().st_size < 5_000_000:
        try:
            loads(path.read_bytes())
            outcome = "ok"
        except ZynkSage50Error as exc:
            outcome = type(exc).__name__
        assert outcome == entry.load
    # What load() refuses, validate() reports as an error of the same kind (and the reverse).
    reading = {code for code in entry.codes if code.startswith("xml.")}
    schema = {code for code in entry.codes if code.startswith("schema.")}
    if entry.load in READING_CODES:
        assert entry.codes == READING_CODES[entry.load]
    elif entry.load == "SchemaBindingError":
        assert schema
    else:
        assert entry.load == "ok"
        assert not reading
        assert not schema


def _limit_resources() -> None:  # pragma: no cover - runs in the child process
    resource.setrlimit(resource.RLIMIT_AS, (CLI_ADDRESS_SPACE, CLI_ADDRESS_SPACE))


def run_cli(*paths: Path) -> subprocess.CompletedProcess[str]:
    """``python -m zynk_sage50 validate --format json`` under 1 GiB of address space."""
    return subprocess.run(
        [sys.executable, "-m", "zynk_sage50", "validate", "--format", "json", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=CLI_TIMEOUT * len(paths),
        preexec_fn=_limit_resources,
        check=False,
    )


@pytest.fixture(scope="module")
def command_results(corpus: dict[str, Path]) -> dict[str, tuple[dict[str, Any], int, str]]:
    """The command run over the corpus in two batches, the valid entries (exit 0 expected)
    and the others (exit 1): each file's JSON result, with its batch's exit status and output.
    A batch's status is 2 if any one file was unreadable, so 0 and 1 hold for every file."""
    results: dict[str, tuple[dict[str, Any], int, str]] = {}
    for valid in (True, False):
        names = [entry.file for entry in ENTRIES if entry.valid is valid]
        run = run_cli(*(corpus[name] for name in names))
        output = run.stdout + run.stderr
        files = json.loads(run.stdout)["files"] if run.stdout.strip() else []
        assert len(files) == len(names), output[-2000:]
        for name, result in zip(names, files, strict=True):
            assert result["path"] == str(corpus[name])
            results[name] = (result, run.returncode, output)
    return results


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_the_command_gives_the_decided_outcome(
    entry: Entry, command_results: dict[str, tuple[dict[str, Any], int, str]]
) -> None:
    result, status, output = command_results[entry.file]
    assert "Traceback" not in output
    assert SECRET not in output
    assert status == (0 if entry.valid else 1)
    assert result["valid"] is entry.valid
    assert {issue["code"] for issue in result["issues"]} == entry.codes


@pytest.mark.parametrize(
    "name",
    [
        "utf16-with-bom.xml",
        "billion-laughs.xml",
        "generated/text-node-50mb.xml",
        "generated/nesting-100000-deep.xml",
        "truncated.xml",
        "schema-location-hint-on-record.xml",
        "netamount-10000-digits.xml",
    ],
)
def test_the_command_on_one_file_at_a_time(name: str, corpus: dict[str, Path]) -> None:
    (entry,) = (entry for entry in ENTRIES if entry.file == name)
    run = run_cli(corpus[name])
    assert "Traceback" not in run.stdout + run.stderr
    assert run.returncode == (0 if entry.valid else 1), run.stderr
    (result,) = json.loads(run.stdout)["files"]
    assert {issue["code"] for issue in result["issues"]} == entry.codes


def test_nothing_is_read_or_fetched(corpus: dict[str, Path], canaries: Canaries) -> None:
    """Every entry naming the canaries, in process (path and bytes) and through the command:
    the pipe is never opened, the port never connected to, the secret never shown."""
    named = [
        entry.file
        for entry in ENTRIES
        if not entry.file.startswith(GENERATED) and b"@CANARY" in _decoded(HOSTILE / entry.file)
    ]
    assert len(named) >= 15, "the canary entries are gone from the corpus"
    for name in named:
        path = corpus[name]
        for report in (validate(path), validate(path.read_bytes())):
            assert all(SECRET not in issue.message for issue in report.issues)
        with contextlib.suppress(ZynkSage50Error):
            loads(path.read_bytes())
    result = run_cli(*(corpus[name] for name in named))
    assert result.returncode == 1
    assert SECRET not in result.stdout + result.stderr
    assert canaries.untouched(), "the canary pipe was opened or the canary port connected to"


def _decoded(path: Path) -> bytes:
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16").encode()
    return data


def test_the_canaries_do_notice(tmp_path: Path) -> None:
    """The watchers are not blind: opening the pipe and connecting are both seen."""
    watch = Canaries(tmp_path)
    try:
        with open(watch.pipe, "rb") as handle:  # as a parser would
            assert handle.read(len(SECRET)) == SECRET.encode()
        with socket.create_connection(("127.0.0.1", int(watch.url.rsplit(":", 1)[1][:-1]))):
            pass
        time.sleep(0.2)
        assert watch.opened.is_set()
        assert watch.connections == 1
        assert not watch.untouched()
    finally:
        watch.close()


# --- legitimate inputs read as intended ----------------------------------------------------------


def first_transaction(name: str) -> Any:
    company = load(HOSTILE / name)
    assert company.transactions is not None
    return company.transactions.transaction[0]


def test_comments_cdata_and_processing_instructions_inside_fields() -> None:
    assert first_transaction("comment-inside-field.xml").net_amount == Decimal("240")
    cdata = first_transaction("cdata-inside-field.xml")
    assert cdata.net_amount == Decimal("100.00")
    assert cdata.details == "Fees & <extras>"
    pi = first_transaction("processing-instruction-inside-field.xml")
    assert pi.net_amount == Decimal("100.00")


def test_dates_keep_their_offsets_and_fractions() -> None:
    company = load(HOSTILE / "dates-with-offsets-and-fractions.xml")
    text = zs.dumps(company)
    for lexical in (
        "2019-05-16T00:00:00+01:00",
        "2019-05-16T09:30:00Z",
        "2019-05-16T09:30:00.1234567",
        "2019-05-16T09:30:00.5-05:00",
        "2019-05-16T09:30:00.123456789012+00:00",
    ):
        assert f"<TransactionDate>{lexical}</TransactionDate>" in text
    assert loads(text) == company


def test_padded_values_and_leading_zeros() -> None:
    padded = first_transaction("whitespace-padded-values.xml")
    assert padded.net_amount == Decimal("100.00")
    assert padded.tax_code == 1
    assert padded.details == "  Course fee  "
    assert first_transaction("taxcode-5000-leading-zeros.xml").tax_code == 1
    assert first_transaction("amount-leading-zeros.xml").net_amount == Decimal("100.00")


def test_encodings() -> None:
    for name in ("utf16-with-bom.xml", "utf16le-with-bom-no-declaration.xml", "utf8-with-bom.xml"):
        assert first_transaction(name).details == "Café £"
    # Undetectable: UTF-8 bytes under an ISO-8859-1 declaration read as Latin-1.
    assert first_transaction("utf8-bytes-declared-latin1.xml").details == "CafÃ©"
    assert first_transaction("del-and-c1-characters.xml").details == "Course\x7f\x85fee"


# --- limits --------------------------------------------------------------------------------------


def _document(records: int = 1, details: str = "Course fee", inner: str = "") -> str:
    """Sales invoices with their own Ids and references (a valid document)."""
    body = "".join(
        "<Transaction>"
        + _invoice(details).replace("<Id>1<", f"<Id>{n}<").replace(">SI1<", f">SI{n}<")
        + inner
        + "</Transaction>"
        for n in range(1, records + 1)
    )
    return f"{DECL}<Company><Transactions>{body}</Transactions></Company>\n"


LIMIT_CASES = {
    "max_bytes": (Limits(max_bytes=400), _document(records=2)),
    "max_depth": (Limits(max_depth=3), _document()),  # Company/Transactions/Transaction/Id
    "max_text_length": (Limits(max_text_length=20), _document(details="x" * 21)),
    "max_records": (Limits(max_records=2), _document(records=3)),
}


@pytest.mark.parametrize("name", list(LIMIT_CASES))
def test_each_limit_gives_too_large_naming_it(name: str, tmp_path: Path) -> None:
    limits, text = LIMIT_CASES[name]
    path = tmp_path / "doc.xml"
    path.write_text(text, encoding="utf-8")
    for source in (path, text, text.encode("utf-8")):
        report = validate(source, limits=limits)
        assert [issue.code for issue in report.issues] == ["xml.too-large"]
        assert f"(Limits.{name})" in report.issues[0].message
    with pytest.raises(TooLargeError) as caught:
        load(path, limits=limits)
    assert caught.value.limit == name
    assert f"Limits.{name}" in str(caught.value)
    # The same document is accepted with the defaults.
    assert outcome_of_load(path) == "ok"


def test_a_limit_just_met_is_accepted() -> None:
    text = _document(records=2, details="x" * 20)
    limits = Limits(
        max_bytes=len(text.encode("utf-8")), max_depth=4, max_text_length=20, max_records=2
    )
    assert load_text(text, limits)


def load_text(text: str, limits: Limits) -> bool:
    company = loads(text, limits=limits)
    return company.transactions is not None and len(company.transactions.transaction) == 2


def test_the_text_limit_covers_attributes_tails_and_unknown_elements() -> None:
    limits = Limits(max_text_length=50)
    long = "y" * 51
    for text in (
        _document(inner=f"<Remark>{long}</Remark>"),
        _document(inner=f"<Id>1</Id>{long}"),
        _document().replace("<Transaction>", f'<Transaction RecordOperation="{long}">'),
        _document().replace("<Transactions>", f"<Junk>{long}</Junk><Transactions>"),
    ):
        codes = [issue.code for issue in validate(text, limits=limits).issues]
        assert codes == ["xml.too-large"], text
        with pytest.raises(TooLargeError):
            loads(text, limits=limits)


def test_defaults_accept_a_million_transaction_export() -> None:
    """Arithmetic, not a 700 MB file: the largest honest record of the conformance corpus (an
    export with every field), a million times over with half again for safety, fits
    ``max_bytes``; records, depth and text have wide margins over every honest sample."""
    from lxml import etree  # noqa: PLC0415 - only this test looks inside the samples

    defaults = Limits()
    assert defaults.max_records >= 1_000_000 + 100_000  # transactions plus customers
    largest, deepest, longest = 0, 0, 0
    samples = sorted(CONFORMANCE_DIR.glob("**/*.xml"))
    assert samples, "the conformance corpus is missing"
    for sample in samples:
        try:
            root = etree.parse(str(sample), etree.XMLParser(resolve_entities=False)).getroot()
        except etree.XMLSyntaxError:
            continue
        for record in root.iter("Transaction"):
            largest = max(largest, len(etree.tostring(record)))
        for element in root.iter():
            deepest = max(deepest, sum(1 for _ in element.iterancestors()) + 1)
            longest = max(longest, len(element.text or ""))
    assert largest > 500  # the export sample, with its export-only fields
    assert 1_000_000 * largest * 3 // 2 <= defaults.max_bytes
    assert deepest * 4 <= defaults.max_depth
    assert longest * 1000 <= defaults.max_text_length


def test_a_generated_file_measures_as_estimated(tmp_path: Path) -> None:
    """Bytes per transaction of a realistic generated file, checked against the estimate."""
    text = _document(records=1000)
    per_record = len(text.encode("utf-8")) / 1000
    assert 1_000_000 * per_record <= Limits().max_bytes / 4
    assert validate(text).valid


@pytest.mark.parametrize("value", [-1, 1.5, "10", True, None])
def test_limits_refuse_nonsense(value: object) -> None:
    with pytest.raises(ValueError, match=r"Limits\.max_depth"):
        Limits(max_depth=value)  # type: ignore[arg-type]
