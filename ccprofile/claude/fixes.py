"""A fix as a value: what to do, in words and in ccprofile commands, never in flags.

Knowledge of Claude Code decides what the fix is (pin this value in this scope, remove that
key, delete line 12); only ``cli/`` knows what the commands are called and which flags they
take, and words a ``Fix`` for the terminal and the JSON alike. A fix reads in order: plain
words, and a ``Command`` wherever one of ccprofile's own commands does the step.
"""

from __future__ import annotations

# What a Command does; cli/wording.py names each.
PIN = "pin"  # pin ``variable`` to ``value`` (None: the command names no model), in ``file`` if named
UNPIN = "unpin"  # take the pin of ``variable`` out
UNINSTALL = "uninstall"  # take ccprofile's block out of ``file``
PIN_IN = "pin-in"  # the same pin again, written to ``file`` (after an uninstall of another)
PROBE = "probe"  # status, starting the shells to see what they export
MODELS = "models"  # the model IDs of ``provider`` (in ``region``)


class Command:
    """One of ccprofile's commands, as what it does; ``cli/`` words it. A plain class: every
    status run imports it, and a dataclass costs status a millisecond to create
    (docs/performance.md)."""

    __slots__ = ("action", "file", "project", "provider", "region", "scope", "value", "variable")

    def __init__(
        self,
        action: str,
        variable: str | None = None,
        value: str | None = None,
        scope: str | None = None,  # None or "shell": the startup file's block
        project: str | None = None,  # the directory whose project or local file, when not the start's
        file: str | None = None,
        provider: str | None = None,
        region: str | None = None,
    ) -> None:
        self.action, self.variable, self.value, self.scope = action, variable, value, scope
        self.project, self.file, self.provider, self.region = project, file, provider, region

    def _key(self) -> tuple[str | None, ...]:
        return (
            self.action,
            self.variable,
            self.value,
            self.scope,
            self.project,
            self.file,
            self.provider,
            self.region,
        )

    def __eq__(self, other: object) -> bool:
        # One fix said twice (a new terminal's and a login shell's) is printed once.
        return isinstance(other, Command) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Command{self._key()!r}"


# A fix in order: words, and commands. It names no flag and ends without its full stop,
# so that fixes join ("pin it, then remove that key") and the wording ends them.
Fix = tuple[str | Command, ...]

NONE: Fix = ()


def pin(variable: str, value: str | None, scope: str | None = None, project: str | None = None) -> Command:
    return Command(PIN, variable, value, scope, project)


def then(*fixes: Fix) -> Fix:
    """Steps done one after the other, as one fix."""
    joined: list[str | Command] = []
    for fix in (f for f in fixes if f):
        joined += [", then "] if joined else []
        joined += fix
    return tuple(joined)


def pinned_in(fix: Fix, file: str) -> Fix:
    """``fix`` with each pin and unpin in the shell's startup file done in ``file``: where the
    shell moves that file out of ccprofile's sight, the command without it is refused (a pin)
    or leaves the file the shell reads alone (an unpin)."""

    def moved(step: Command) -> bool:
        return step.action in (PIN, UNPIN) and step.scope in (None, "shell") and not step.file

    return tuple(
        Command(s.action, s.variable, s.value, file=file) if isinstance(s, Command) and moved(s) else s
        for s in fix
    )
