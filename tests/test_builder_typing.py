"""The builder's types tell the truth (issue 13.4): ``mypy --strict`` refuses a misspelt builder
keyword, and accepts the Python examples of the README and of docs/builder.md as written.

One mypy run over all the files, with its cache in a scratch directory.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

mypy_api = pytest.importorskip(
    "mypy.api", reason="mypy is not installed: pip install -e '.[dev]' (CI installs it)"
)

ROOT = Path(__file__).resolve().parents[1]
PAGES = {"readme": ROOT / "README.md", "builder_doc": ROOT / "docs" / "builder.md"}
FENCE = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)

MISSPELT = """\
from decimal import Decimal

import zynk_sage50 as zs

b = zs.DocumentBuilder()
b.customer(account_reference="ACME01", company_nme="Acme Engineering Ltd")
b.sales_receipt(account_reference="ACME01", bank_reference="1200", amount=Decimal(1),
                date="2026-11-02T00:00:00", alocate_to="INV1")
"""


def python_blocks(page: Path) -> str:
    """A page's ```python blocks, in order, as one script (later blocks use earlier ones)."""
    found = FENCE.findall(page.read_text(encoding="utf-8"))
    assert found, f"{page.name} has no Python example"
    return "\n".join(found)


def test_mypy_strict_refuses_misspelt_keywords_and_accepts_the_examples(tmp_path: Path) -> None:
    (tmp_path / "misspelt.py").write_text(MISSPELT, encoding="utf-8")
    for name, page in PAGES.items():
        (tmp_path / f"{name}.py").write_text(python_blocks(page), encoding="utf-8")
    files = sorted(str(path) for path in tmp_path.glob("*.py"))
    stdout, stderr, _status = mypy_api.run(
        [
            "--strict",
            "--follow-imports=silent",
            "--no-error-summary",
            "--show-error-codes",
            "--cache-dir",
            str(tmp_path / ".mypy_cache"),
            *files,
        ]
    )
    assert not stderr, stderr
    errors: dict[str, list[str]] = {}
    for line in stdout.splitlines():
        if ": error:" in line:
            errors.setdefault(Path(line.split(":", 1)[0]).stem, []).append(line)
    assert set(errors) == {"misspelt"}, stdout
    assert len(errors["misspelt"]) == 2, stdout
    assert 'Unexpected keyword argument "company_nme"' in errors["misspelt"][0]
    assert 'Unexpected keyword argument "alocate_to"' in errors["misspelt"][1]
