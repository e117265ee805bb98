"""``python -m zynk_sage50``: the ``zynk-sage50`` command."""

from .cli import main

main(prog_name="zynk-sage50")
