"""Hypothesis's entry point: ``[project.entry-points.hypothesis]`` in pyproject.toml names
:func:`_hypothesis_setup_hook`, so that ``st.from_type(Company)`` (and ``Customer``,
``Transaction``, ``Invoice``) works in a test that never imports ``zynk_sage50.strategies``.

Hypothesis loads its entry points at the end of its own import: it imports this module, which
first imports the ``zynk_sage50.strategies`` package, whose import registers the strategies.
When that package is imported first, it imports Hypothesis, which then loads this module while
the package is still half-imported; the package finishes registering after Hypothesis's import
returns. Either way the strategies are registered once the import that started it all is done,
and this module imports nothing else.

Harmless by design: it registers strategies for this library's own classes only, touches no
settings, profiles, files or other strategies, evaluates no strategy during Hypothesis's
initialisation (no ``HypothesisSideeffectWarning``), and ``HYPOTHESIS_NO_PLUGINS=1`` turns it
off like any Hypothesis plugin.
"""

from __future__ import annotations


def _hypothesis_setup_hook() -> None:
    """Called by Hypothesis when it is imported; importing this module (and so the
    ``zynk_sage50.strategies`` package) has already registered the strategies."""
