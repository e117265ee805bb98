"""Where :class:`.located.Located` used to live: a name kept for ``reading.py``, which imports
it from here (``from zynk_sage50.rules import Located`` is the home)."""

from __future__ import annotations

from .located import Located

__all__ = ["Located"]
