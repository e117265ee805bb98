"""validate() and load() from many threads at once give exactly the serial results."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import zynk_sage50 as zs

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

ROUNDS = 6
THREADS = 8


def _repeated(text: str, times: int) -> str:
    """The document with its transactions repeated: long enough for threads to interleave."""
    start = text.index("<Transactions>") + len("<Transactions>")
    end = text.index("</Transactions>")
    return text[:start] + text[start:end] * times + text[end:]


def _documents() -> dict[str, bytes]:
    text = _repeated((EXAMPLES / "training-company.xml").read_text(encoding="utf-8"), 15)
    valid = text.encode("utf-8")
    long_reference = text.replace("<Reference>", "<Reference>" + "R" * 40, 1).encode("utf-8")
    unknown_everywhere = text.replace(
        "</Transaction>", "<Colour>red</Colour></Transaction>"
    ).encode("utf-8")
    other = (EXAMPLES / "training-day.xml").read_bytes()
    return {
        "valid": valid,
        "other-valid": other,
        "long-reference": long_reference,
        "unknown-element-in-every-record": unknown_everywhere,
    }


def _outcome_of_validate(data: bytes) -> tuple[object, ...]:
    report = zs.validate(data)
    return tuple((i.code, i.line, i.path, i.message) for i in report.issues)


def _outcome_of_load(data: bytes) -> object:
    try:
        return zs.dumps(zs.loads(data))
    except zs.ZynkSage50Error as exc:
        return f"{type(exc).__name__}: {exc}"


@pytest.mark.parametrize("job", [_outcome_of_validate, _outcome_of_load])
def test_threads_get_the_serial_results(job: object) -> None:
    documents = _documents()
    assert callable(job)
    serial = {name: job(data) for name, data in documents.items()}
    # The broken documents really are broken, and differently: the test can fail.
    assert serial["valid"] != serial["long-reference"] != serial["unknown-element-in-every-record"]
    work = [name for _ in range(ROUNDS) for name in documents]
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = list(pool.map(lambda name: (name, job(documents[name])), work))
    differing = [name for name, result in results if result != serial[name]]
    assert differing == []
