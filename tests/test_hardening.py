"""Hostile input: nothing is read from disk or the network, nothing blows up, limits hold."""

from __future__ import annotations

import contextlib
import gzip
import io
import os
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from zynk_sage50 import (
    Company,
    ForbiddenXmlError,
    Limits,
    MalformedXmlError,
    SchemaBindingError,
    TooLargeError,
    ZynkSage50Error,
    load,
    loads,
)

SECRET = "CANARY-7f3a9c-DO-NOT-LEAK"


def with_field(value: str, prolog: str = "") -> str:
    """A document with ``value`` (raw XML) as a transaction's Details."""
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n{prolog}'
        "<Company>\n  <Transactions>\n    <Transaction>\n"
        f"      <Details>{value}</Details>\n"
        "    </Transaction>\n  </Transactions>\n</Company>\n"
    )


Loader = Callable[[str, Path], Company]


def _load_path(text: str, tmp_path: Path) -> Company:
    path = tmp_path / "hostile.xml"
    path.write_text(text, encoding="utf-8")
    return load(path)


def _load_file(text: str, tmp_path: Path) -> Company:
    return load(io.BytesIO(text.encode("utf-8")))


def _loads_bytes(text: str, tmp_path: Path) -> Company:
    return loads(text.encode("utf-8"))


def _loads_str(text: str, tmp_path: Path) -> Company:
    return loads(text)


LOADERS: list[Loader] = [_load_path, _load_file, _loads_bytes, _loads_str]
LOADER_IDS = ["load-path", "load-file", "loads-bytes", "loads-str"]


def error_text(error: BaseException) -> str:
    """Everything an exception carries that could leak file content."""
    parts = [str(error), repr(error), repr(vars(error)) if hasattr(error, "__dict__") else ""]
    for chained in (error.__cause__, error.__context__):
        if chained is not None:
            parts.append(str(chained))
    return "\n".join(parts)


class ConnectionCounter:
    """A TCP server on 127.0.0.1 that counts connections (any fetch would make one).

    libxml2 2.14 (lxml 6.1) is built without an HTTP client, so today even an unsafe parser
    makes no connection: this guards against a libxml2 built with one, or a resolver added
    later. The named-pipe test below is the one that proves a local file is never opened.
    """

    def __init__(self) -> None:
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.server.settimeout(0.05)
        self.port: int = self.server.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self.server.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            with contextlib.suppress(OSError):
                client.recv(4096)
                client.sendall(
                    b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n" + SECRET.encode()
                )
            client.close()

    def close(self) -> None:
        if self._stop.is_set():
            return
        # Give a connection started by the parser a moment to be accepted before counting.
        time.sleep(0.1)
        self._stop.set()
        self._thread.join(timeout=5)
        self.server.close()


@pytest.fixture
def http_canary() -> Iterator[ConnectionCounter]:
    server = ConnectionCounter()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def file_canary(tmp_path: Path) -> Path:
    path = tmp_path / "canary.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


# --- DOCTYPE and external entities --------------------------------------------------------


@pytest.mark.parametrize("loader", LOADERS, ids=LOADER_IDS)
def test_external_file_entity_is_refused_and_never_read(
    loader: Loader, file_canary: Path, tmp_path: Path
) -> None:
    uri = file_canary.as_uri()
    text = with_field("&x;", f'<!DOCTYPE Company [<!ENTITY x SYSTEM "{uri}">]>\n')
    with pytest.raises(ForbiddenXmlError) as caught:
        loader(text, tmp_path)
    assert SECRET not in error_text(caught.value)
    assert isinstance(caught.value, ZynkSage50Error)


def test_external_file_entity_is_never_opened(tmp_path: Path) -> None:
    """The entity points at a named pipe: opening it for reading would release the writer."""
    fifo = tmp_path / "canary.fifo"
    os.mkfifo(fifo)
    released = threading.Event()
    opened_by_parser = threading.Event()

    def writer() -> None:
        with contextlib.suppress(OSError):
            fd = os.open(fifo, os.O_WRONLY)  # blocks until someone opens the pipe to read
            if not released.is_set():
                opened_by_parser.set()
            with contextlib.suppress(OSError):
                os.write(fd, SECRET.encode())
            os.close(fd)

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    text = with_field("&x;", f'<!DOCTYPE Company [<!ENTITY x SYSTEM "{fifo.as_uri()}">]>\n')
    try:
        with pytest.raises(ForbiddenXmlError) as caught:
            loads(text.encode("utf-8"))
        time.sleep(0.1)
        assert not opened_by_parser.is_set(), "the parser opened the entity's file"
        assert SECRET not in error_text(caught.value)
    finally:
        released.set()
        reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # lets the writer finish
        thread.join(timeout=5)
        os.close(reader)
    assert not thread.is_alive()


@pytest.mark.parametrize(
    "prolog",
    [
        '<!DOCTYPE Company [<!ENTITY x SYSTEM "{url}x">]>\n',
        '<!DOCTYPE Company SYSTEM "{url}company.dtd">\n',
        '<!DOCTYPE Company PUBLIC "-//Zynk//X" "{url}public.dtd">\n',
        '<!DOCTYPE Company [<!ENTITY % p SYSTEM "{url}p.ent"> %p;]>\n',
    ],
    ids=["general-entity", "external-dtd", "public-dtd", "parameter-entity"],
)
@pytest.mark.parametrize("loader", LOADERS, ids=LOADER_IDS)
def test_network_entities_and_dtds_are_never_fetched(
    loader: Loader, prolog: str, http_canary: ConnectionCounter, tmp_path: Path
) -> None:
    text = with_field(
        "&x;" if "ENTITY x" in prolog else "plain", prolog.format(url=http_canary.url)
    )
    with pytest.raises((ForbiddenXmlError, MalformedXmlError)) as caught:
        loader(text, tmp_path)
    http_canary.close()
    assert http_canary.connections == 0, "the parser connected to the entity's URL"
    assert SECRET not in error_text(caught.value)
    if "%p;" not in prolog:
        # A parameter entity reference in the internal subset is malformed XML for libxml2
        # before the DOCTYPE is even complete; every other form is refused as a DOCTYPE.
        assert isinstance(caught.value, ForbiddenXmlError)


def test_an_internal_entity_is_refused_not_expanded() -> None:
    text = with_field("&x;", f'<!DOCTYPE Company [<!ENTITY x "{SECRET}">]>\n')
    with pytest.raises(ForbiddenXmlError) as caught:
        loads(text)
    assert SECRET not in error_text(caught.value)


def test_an_undeclared_entity_is_malformed() -> None:
    with pytest.raises(MalformedXmlError):
        loads(with_field("&x;"))


def billion_laughs(levels: int = 10) -> str:
    entities = ['<!ENTITY lol0 "lol">']
    for level in range(1, levels):
        entities.append(f'<!ENTITY lol{level} "' + f"&lol{level - 1};" * 10 + '">')
    return with_field(f"&lol{levels - 1};", "<!DOCTYPE Company [" + "".join(entities) + "]>\n")


@pytest.mark.parametrize("loader", LOADERS, ids=LOADER_IDS)
def test_billion_laughs_is_refused_quickly(loader: Loader, tmp_path: Path) -> None:
    started = time.perf_counter()
    with pytest.raises(ForbiddenXmlError):
        loader(billion_laughs(), tmp_path)
    assert time.perf_counter() - started < 2.0


def test_quadratic_blowup_is_refused_quickly() -> None:
    big = "x" * 100_000
    text = with_field("&a;" * 1000, f'<!DOCTYPE Company [<!ENTITY a "{big}">]>\n')
    started = time.perf_counter()
    with pytest.raises(ForbiddenXmlError):
        loads(text)
    assert time.perf_counter() - started < 2.0


def test_a_doctype_after_a_long_prolog_is_still_refused() -> None:
    # More than one 64 KiB probe chunk of comments before the DOCTYPE.
    padding = "<!-- padding -->\n" * 8000
    text = with_field("&x;", padding + '<!DOCTYPE Company [<!ENTITY x "y">]>\n')
    assert len(text) > 128 * 1024
    with pytest.raises(ForbiddenXmlError):
        loads(text)


def test_a_utf16_doctype_is_refused() -> None:
    text = billion_laughs().replace('encoding="utf-8"', 'encoding="utf-16"')
    with pytest.raises(ForbiddenXmlError):
        loads(text.encode("utf-16"))


@pytest.mark.parametrize("where", ["root", "record"])
@pytest.mark.parametrize("hint", ["noNamespaceSchemaLocation", "schemaLocation"])
def test_schema_location_hints_are_never_fetched(
    where: str, hint: str, http_canary: ConnectionCounter
) -> None:
    value = f"{http_canary.url}company.xsd"
    if hint == "schemaLocation":
        value = f"urn:zynk {value}"
    attribute = f'xsi:{hint}="{value}"'
    root, record = (attribute, "") if where == "root" else ("", attribute)
    text = (
        f'<Company xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" {root}>'
        f"<Transactions><Transaction {record}><Details>x</Details></Transaction></Transactions>"
        "</Company>"
    )
    with pytest.raises(SchemaBindingError) as caught:  # an attribute the models do not have
        loads(text)
    assert hint in str(caught.value)
    http_canary.close()
    assert http_canary.connections == 0


# --- XInclude -----------------------------------------------------------------------------


@pytest.mark.parametrize("parse", ["xml", "text"])
def test_xinclude_is_refused_and_nothing_is_included(
    parse: str, file_canary: Path, http_canary: ConnectionCounter
) -> None:
    for href in (file_canary.as_uri(), http_canary.url):
        include = (
            '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
            f'href="{href}" parse="{parse}"/>'
        )
        with pytest.raises(ForbiddenXmlError) as caught:
            loads(with_field(include))
        assert SECRET not in error_text(caught.value)
        assert "XInclude" in str(caught.value)
    http_canary.close()
    assert http_canary.connections == 0


def test_xinclude_at_the_root_is_refused() -> None:
    text = (
        '<Company xmlns:xi="http://www.w3.org/2001/XInclude">'
        '<xi:include href="/etc/passwd" parse="text"/></Company>'
    )
    with pytest.raises(ForbiddenXmlError):
        loads(text)


# --- nesting, size and other limits -------------------------------------------------------


@pytest.mark.parametrize("depth", [40, 200, 1000, 100_000])
def test_deep_nesting_is_refused_without_crashing(depth: int) -> None:
    text = "<Company>" + "<Transactions>" * depth + "</Transactions>" * depth + "</Company>"
    started = time.perf_counter()
    with pytest.raises((TooLargeError, MalformedXmlError)) as caught:
        loads(text)
    assert time.perf_counter() - started < 5.0
    if depth <= 200:  # below libxml2's own limit of 256: the library's limit applies
        assert isinstance(caught.value, TooLargeError)
        assert caught.value.limit == "max_depth"


def test_deep_unclosed_nesting_is_refused() -> None:
    with pytest.raises((TooLargeError, MalformedXmlError)):
        loads("<Company>" + "<a>" * 100_000)


def test_recursion_limit_is_not_reached() -> None:
    depth = sys.getrecursionlimit() * 2
    text = "<Company>" + "<a>" * depth + "</a>" * depth + "</Company>"
    with pytest.raises((TooLargeError, MalformedXmlError)):
        loads(text)


def test_a_custom_depth_limit_applies() -> None:
    text = (
        "<Company><Transactions><Transaction><Details>x</Details></Transaction>"
        "</Transactions></Company>"
    )
    assert loads(text, limits=Limits(max_depth=4)).transactions is not None
    with pytest.raises(TooLargeError) as caught:
        loads(text, limits=Limits(max_depth=3))
    assert caught.value.limit == "max_depth"


@pytest.mark.parametrize("loader", LOADERS, ids=LOADER_IDS)
def test_max_bytes_is_enforced_for_every_input_form(loader: Loader, tmp_path: Path) -> None:
    text = with_field("x" * 200)
    limits = Limits(max_bytes=100)

    def call() -> Company:
        if loader is _load_path:
            path = tmp_path / "big.xml"
            path.write_text(text, encoding="utf-8")
            return load(path, limits=limits)
        if loader is _load_file:
            return load(io.BytesIO(text.encode("utf-8")), limits=limits)
        if loader is _loads_bytes:
            return loads(text.encode("utf-8"), limits=limits)
        return loads(text, limits=limits)

    with pytest.raises(TooLargeError) as caught:
        call()
    assert caught.value.limit == "max_bytes"
    assert "100" in str(caught.value)


def test_max_bytes_boundary() -> None:
    text = "<Company>" + " " * 80 + "</Company>"
    data = text.encode("ascii")
    company = loads(data, limits=Limits(max_bytes=len(data)))
    assert (company.transactions, company.customers, company.invoices) == (None, None, None)
    with pytest.raises(TooLargeError):
        loads(data, limits=Limits(max_bytes=len(data) - 1))


def test_max_bytes_counts_utf8_bytes_of_text() -> None:
    text = with_field("\u20ac" * 40)  # 40 characters, 120 bytes in UTF-8
    size = len(text.encode("utf-8"))
    assert loads(text, limits=Limits(max_bytes=size)).transactions is not None
    with pytest.raises(TooLargeError):
        loads(text, limits=Limits(max_bytes=size - 1))


def test_max_text_length_is_enforced() -> None:
    with pytest.raises(TooLargeError) as caught:
        loads(with_field("x" * 50), limits=Limits(max_text_length=10))
    assert caught.value.limit == "max_text_length"


def test_max_records_is_enforced() -> None:
    text = "<Company><Transactions>" + "<Transaction/>" * 5 + "</Transactions></Company>"
    assert loads(text, limits=Limits(max_records=5)).transactions is not None
    with pytest.raises(TooLargeError) as caught:
        loads(text, limits=Limits(max_records=4))
    assert caught.value.limit == "max_records"


def test_a_gzip_file_named_xml_is_not_decompressed(tmp_path: Path) -> None:
    valid = with_field("compressed")
    assert loads(valid).transactions is not None
    path = tmp_path / "export.xml"
    path.write_bytes(gzip.compress(valid.encode("utf-8")))
    with pytest.raises(MalformedXmlError):
        load(path)
    with pytest.raises(MalformedXmlError):
        load(str(path))
    with path.open("rb") as handle, pytest.raises(MalformedXmlError):
        load(handle)


def test_a_gzip_bomb_is_not_inflated(tmp_path: Path) -> None:
    # 50 MB of XML compresses to about 50 KB; a limit of 1 MB must not be bypassed by inflating.
    bomb = gzip.compress(with_field("x" * 50_000_000).encode("utf-8"))
    path = tmp_path / "bomb.xml"
    path.write_bytes(bomb)
    started = time.perf_counter()
    with pytest.raises(MalformedXmlError):
        load(path, limits=Limits(max_bytes=1_000_000))
    assert time.perf_counter() - started < 2.0


# --- issue 12, point 3: a long prolog is read in linear time, none of it kept -------------------


class _Pipe(io.RawIOBase):
    """A stream that cannot seek, as standard input from a pipe or an upload stream."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def read(self, size: int = -1) -> bytes:
        return self._data.read(min(size, 10_000) if size >= 0 else size)


LONG_PROLOG = "<!-- padding, padding, padding -->\n" * 100_000  # 3.5 MB: past the 1 MiB spool


def _prolog_sources(text: str, tmp_path: Path) -> dict[str, Callable[[], Company]]:
    path = tmp_path / "prolog.xml"
    path.write_text(text, encoding="utf-8")
    data = text.encode("utf-8")
    return {
        "path": lambda: load(path),
        "bytes": lambda: loads(data),
        "text": lambda: loads(text),
        "file-object": lambda: load(io.BytesIO(data)),
        "pipe": lambda: load(_Pipe(data)),  # type: ignore[arg-type]
    }


def test_point_3_a_long_prolog_is_read_from_every_source(tmp_path: Path) -> None:
    text = with_field("after the prolog", LONG_PROLOG)
    for name, read in _prolog_sources(text, tmp_path).items():
        company = read()
        assert company.transactions is not None, name
        assert company.transactions.transaction[0].details == "after the prolog", name


def test_point_3_a_doctype_after_a_long_prolog_is_refused_from_every_source(
    tmp_path: Path,
) -> None:
    for doctype in (
        '<!DOCTYPE Company [<!ENTITY x "y">]>\n',
        # a syntax error to libxml2, found by the prolog scanner, not the parser's events
        "<!DOCTYPE Company [<!ENTITY % a \"<!ENTITY b SYSTEM 'x?%c;'>\"> %a; ]>\n",
    ):
        text = with_field("&x;", LONG_PROLOG + doctype)
        for name, read in _prolog_sources(text, tmp_path).items():
            with pytest.raises(ForbiddenXmlError):
                read()
            assert name


def test_point_3_a_caller_s_file_is_read_from_where_it_was_and_left_open() -> None:
    data = with_field("mine", LONG_PROLOG).encode("utf-8")
    handle = io.BytesIO(b"not this part" + data)
    handle.seek(len(b"not this part"))
    company = load(handle)
    assert company.transactions is not None
    assert company.transactions.transaction[0].details == "mine"
    assert not handle.closed


def test_point_3_the_size_limit_counts_each_byte_once() -> None:
    # The probe's bytes are read twice (seeking back or from the spool), counted once.
    data = with_field("x", LONG_PROLOG).encode("utf-8")
    exact = Limits(max_bytes=len(data))
    for source in (lambda: io.BytesIO(data), lambda: _Pipe(data)):
        company = load(source(), limits=exact)  # type: ignore[arg-type]
        assert company.transactions is not None
        with pytest.raises(TooLargeError):
            load(source(), limits=Limits(max_bytes=len(data) - 1))  # type: ignore[arg-type]
