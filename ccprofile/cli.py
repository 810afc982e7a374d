"""The ccprofile command line: the typer app with every command registered on it."""

from __future__ import annotations

from ccprofile import pin_commands, show_commands
from ccprofile.app import app

# Importing the command modules registers their commands on ``app``.
COMMAND_MODULES = (pin_commands, show_commands)
__all__ = ["app", "main"]


def main() -> None:
    app(prog_name="ccprofile")
