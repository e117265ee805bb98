"""Transaction Ids: given by the caller or assigned in call order, never repeated.

An Id is only *proposed* while a call is checked, and *taken* once the call succeeds, so a
refused call leaves the next Id where it was: a retry gets the Id the first try would have.
"""

from __future__ import annotations

from ..errors import BuildError
from . import arguments


class IdPool:
    """The Ids used so far and the next one to assign (the smallest above all of them)."""

    def __init__(self, first_id: int) -> None:
        self.next_id = arguments.integer("first_id", first_id)
        self._used: set[int] = set()

    def propose(self, requested: object) -> int:
        """The Id a record gets (``requested``, or the next one), without taking it."""
        if requested is None:
            return self.next_id
        wanted = arguments.integer("id", requested)
        if wanted in self._used:
            raise BuildError(f"id {wanted} is already used by another transaction (duplicate.id)")
        return wanted

    def take(self, value: int) -> None:
        """Record ``value`` as used (the call that proposed it succeeded)."""
        self._used.add(value)
        self.next_id = max(self.next_id, value + 1)
