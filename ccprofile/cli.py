"""The typer app with every command registered on it (``ccprofile.main`` is the entry point)."""

from __future__ import annotations

from ccprofile import pin_commands, show_commands
from ccprofile.app import app

# Importing the command modules registers their commands on ``app``.
COMMAND_MODULES = (pin_commands, show_commands)
__all__ = ["app"]
