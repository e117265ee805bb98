"""Every Python block in README.md and docs/*.md runs, and the README's links work on PyPI.

How a page runs: its ```python blocks run top to bottom in one namespace (a later block may use
what an earlier one imported or defined), in a scratch directory holding a copy of
``examples/``, so ``zs.load("examples/training-company.xml")`` and ``zs.dump(..., "out.xml")``
work as written. Afterwards every ``test_*`` function the page defined is called (Hypothesis
properties with a few examples, ``@pytest.mark.parametrize`` cases one by one).

Two explicit hints, HTML comments that the rendered pages do not show, give a block what the
prose around it supplies:

* ``<!-- docs-test: file NAME -->`` on the line before a fenced block (a blank line between is
  fine) writes that block to NAME, for a Python block that reads "the document above".
* ``<!-- docs-test: file NAME from PATH -->`` before a block copies the repository file PATH to
  NAME first, for a block that reads a file of the reader's own (``huge-export.xml``).

``myapp.sage``, which the testing guide's examples import as "the code under test", is the
stand-in below: it reads the document with this library, as an integration would.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import textwrap
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from hypothesis import settings

import zynk_sage50 as zs

if sys.version_info >= (3, 11):
    import tomllib
else:  # pytest depends on tomli before 3.11
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^(?P<indent> *)```(?P<lang>[\w-]*)\s*$")
HINT = re.compile(r"^\s*<!-- docs-test: file (?P<name>\S+)(?: from (?P<source>\S+))? -->\s*$")


class Block(NamedTuple):
    """A fenced code block: its language, first line of code (1-based) and text."""

    lang: str
    line: int
    code: str
    hints: list[re.Match[str]]


def blocks(page: Path) -> list[Block]:
    """The fenced blocks of a Markdown page, each with the docs-test hints just before it."""
    found: list[Block] = []
    lines = page.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        opening = FENCE.match(lines[i])
        if not opening:
            i += 1
            continue
        hints: list[re.Match[str]] = []
        before = i - 1
        while before >= 0 and (not lines[before].strip() or HINT.match(lines[before])):
            hint = HINT.match(lines[before])
            if hint:
                hints.insert(0, hint)
            before -= 1
        start = i + 1
        i = start
        while i < len(lines) and not FENCE.match(lines[i]):
            i += 1
        code = textwrap.dedent("\n".join(lines[start:i]))
        found.append(Block(opening["lang"], start + 1, code, hints))
        i += 1
    return found


def pages_with_python() -> list[Path]:
    return [page for page in PAGES if any(b.lang == "python" for b in blocks(page))]


class _Imported:
    """What the stand-in ``import_document`` returns: how many rows it imported."""

    def __init__(self, transactions: int) -> None:
        self.transactions = transactions


def _import_document(xml: str) -> _Imported:
    company = zs.loads(xml)
    return _Imported(len(company.transactions.transaction) if company.transactions else 0)


def _check_before_upload(xml: str) -> list[zs.Issue]:
    return list(zs.validate(xml).issues)


@pytest.fixture
def myapp(monkeypatch: pytest.MonkeyPatch) -> None:
    """Install the stand-in ``myapp.sage`` that the testing guide's examples import."""
    package = types.ModuleType("myapp")
    package.__path__ = []
    sage = types.ModuleType("myapp.sage")
    sage.import_document = _import_document  # type: ignore[attr-defined]
    sage.check_before_upload = _check_before_upload  # type: ignore[attr-defined]
    package.sage = sage  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "myapp", package)
    monkeypatch.setitem(sys.modules, "myapp.sage", sage)


@pytest.fixture
def few_examples() -> Iterator[None]:
    """A page's Hypothesis properties run a few examples: the page is checked, not fuzzed."""
    settings.register_profile("docs-pages", max_examples=3, deadline=None, database=None)
    settings.load_profile("docs-pages")
    try:
        yield
    finally:
        settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def _calls(function: Callable[..., Any]) -> list[dict[str, Any]]:
    """The keyword arguments of each case of a page's test function (one if not parametrized)."""
    cases: list[dict[str, Any]] = [{}]
    for mark in getattr(function, "pytestmark", []):
        if mark.name != "parametrize":
            continue
        names = mark.args[0]
        if isinstance(names, str):
            names = [n.strip() for n in names.split(",")]
        values = [v if len(names) > 1 else (v,) for v in mark.args[1]]
        cases = [
            {**case, **dict(zip(names, value, strict=True))} for case in cases for value in values
        ]
    return cases


@pytest.mark.parametrize("page", pages_with_python(), ids=lambda p: p.relative_to(ROOT).as_posix())
@pytest.mark.usefixtures("myapp", "few_examples")
def test_python_blocks_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {"__name__": f"docs_{page.stem}"}
    for block in blocks(page):
        for hint in block.hints:
            target = tmp_path / hint["name"]
            if hint["source"]:
                shutil.copyfile(ROOT / hint["source"], target)
            else:
                target.write_text(block.code + "\n", encoding="utf-8")
        if block.lang != "python":
            continue
        # Padded so that a traceback names the page's own line.
        source = "\n" * (block.line - 1) + block.code
        exec(compile(source, str(page), "exec"), namespace)
    tests = {name: value for name, value in namespace.items() if name.startswith("test_")}
    for function in tests.values():
        for kwargs in _calls(function):
            function(**kwargs)


def test_every_hint_names_a_file_the_page_uses() -> None:
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for block in blocks(page):
            for hint in block.hints:
                assert f'"{hint["name"]}"' in text, (page, hint["name"])
                assert not hint["source"] or (ROOT / hint["source"]).is_file(), (page, hint[0])


def _project() -> dict[str, Any]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return dict(tomllib.load(handle)["project"])


def test_readme_links_are_absolute_and_point_at_the_repository() -> None:
    """PyPI shows the README without the repository around it: relative links would break."""
    repository = _project()["urls"]["Repository"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)]+)\)", readme)
    assert targets
    for target in targets:
        assert re.match(r"https?://", target), f"relative link in README.md: {target}"
        if "github.com" in target:
            assert target.startswith(repository + "/"), target
            path = target.removeprefix(repository + "/blob/main/").split("#")[0]
            if not target.startswith(repository + "/blob/main/"):
                continue
            assert (ROOT / path).exists(), f"README.md links to {path}, not in the repository"


def test_the_docs_site_names_the_same_repository() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    repo_url = re.search(r"^repo_url: (\S+)$", config, re.MULTILINE)
    assert repo_url
    assert repo_url[1] == _project()["urls"]["Repository"]


def test_python_versions_agree() -> None:
    """The classifiers, requires-python and the README name the same Python versions."""
    project = _project()
    versions = sorted(
        c.rsplit(" :: ", 1)[1]
        for c in project["classifiers"]
        if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)
    )
    oldest = min(versions, key=lambda v: tuple(map(int, v.split("."))))
    assert project["requires-python"] == f">={oldest}"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    newest = max(versions, key=lambda v: tuple(map(int, v.split("."))))
    assert f"Python {oldest} to {newest}" in readme


def test_floors_are_the_lowest_versions_pyproject_allows() -> None:
    """constraints/floors.txt (which CI installs on the oldest Python) matches every ">=" bound."""
    project = _project()
    requirements = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        requirements += extra
    bounds: dict[str, str] = {}
    for requirement in requirements:
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)(\[[^]]*\])?>=([^,;\s]+)", requirement)
        assert match, f"{requirement!r}: give a floor (>=) and no upper cap"
        bounds[match[1].lower()] = match[3]
    floors = dict(
        line.split("==")
        for line in (ROOT / "constraints" / "floors.txt").read_text("utf-8").splitlines()
        if line and not line.startswith("#")
    )
    assert floors == bounds
