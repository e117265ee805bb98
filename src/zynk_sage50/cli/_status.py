"""Exit statuses of every subcommand (0 valid, 1 invalid, 2 usage or unreadable)."""

from __future__ import annotations

EXIT_VALID, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2
