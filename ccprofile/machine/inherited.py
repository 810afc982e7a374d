"""What a new terminal inherits, as a value: the environment of the process that starts
terminals, and where it was read (``session`` reads it)."""

from __future__ import annotations

from collections.abc import Mapping

# How each platform's inherited environment is named: a fix for a value there depends on it.
LAUNCHD_SOURCE = "launchd (launchctl getenv)"
REGISTRY_SOURCE = "the registry's environment (HKCU\\Environment over the system's, HKLM)"


class Session:
    """A plain slotted class: a dataclass costs status a millisecond to create at import."""

    __slots__ = ("env", "source")

    def __init__(self, env: Mapping[str, str] | None, source: str) -> None:
        self.env = env  # None: it could not be read
        self.source = source  # where it was read from, or why it could not be

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Session) and (self.env, self.source) == (other.env, other.source)

    def __repr__(self) -> str:
        return f"Session({self.env!r}, {self.source!r})"
