"""A team's expected pins, and where what Claude Code would send differs from them.

A repository states what its members' Claude Code must send in a small file at its root,
``.ccprofile.toml`` (docs/scopes.md)::

    # Checked by `ccprofile status --check`.
    fast-model = "claude-haiku-4-5-20251001"
    model = "claude-sonnet-4-5-20250929"
    scope = "project"

A subset of TOML (``key = "value"`` lines and comments), read here with exact line numbers so
that every error names the file and line; ``--expect-fast-model``, ``--expect-model`` and
``--expect-scope`` give the same on the command line and win over the file. ``parse`` and
``drifts`` are pure; the caller reads the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from ccprofile.claude import scopes
from ccprofile.claude.resolve import Model
from ccprofile.errors import CcprofileError

FILE_NAME = ".ccprofile.toml"
MAX_BYTES = 64 << 10
# key in the file -> what it expects
KEYS = {"fast-model": "background", "model": "primary", "scope": "scope"}
_LINE = re.compile(r"""\s*([A-Za-z0-9_-]+)\s*=\s*(?:"([^"\\]*)"|'([^']*)')\s*(?:#.*)?""")
_COMMENT = re.compile(r"\s*(#.*)?")


class ExpectationError(CcprofileError):
    """The expected pins cannot be read or checked: status cannot give a verdict."""


@dataclass(frozen=True)
class Expected:
    background: str | None = None
    primary: str | None = None
    scope: str | None = None
    # Where each expectation was stated: "FILE:LINE" or "--expect-model".
    stated: Mapping[str, str] = field(default_factory=dict)
    file: str | None = None

    @property
    def empty(self) -> bool:
        return self.background is None and self.primary is None and self.scope is None

    def over(self, lower: Expected) -> Expected:
        """These expectations, with ``lower``'s where these state none (flags over the file)."""
        return Expected(
            self.background or lower.background,
            self.primary or lower.primary,
            self.scope or lower.scope,
            {**lower.stated, **self.stated},
            lower.file,
        )


def parse(text: str, path: str) -> Expected:
    """The expectations in a ``.ccprofile.toml``; ExpectationError names the file and line."""
    values: dict[str, str] = {}
    stated: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if _COMMENT.fullmatch(line):
            continue
        match = _LINE.fullmatch(line)
        if match is None:
            raise ExpectationError(f'{path}:{number}: expected key = "value", found {line.strip()!r}')
        key, value = match.group(1), match.group(2) if match.group(2) is not None else match.group(3)
        if key not in KEYS:
            raise ExpectationError(f"{path}:{number}: unknown key {key!r}: the keys are {', '.join(KEYS)}")
        if KEYS[key] in values:
            raise ExpectationError(f"{path}:{number}: {key} is given twice")
        if not value.strip():
            raise ExpectationError(f"{path}:{number}: {key} is empty")
        values[KEYS[key]] = value.strip()
        stated[KEYS[key]] = f"{path}:{number}"
    expected = Expected(values.get("background"), values.get("primary"), values.get("scope"), stated, path)
    return checked_scope(expected)


def checked_scope(expected: Expected) -> Expected:
    """``expected`` with its scope in lower case, or ExpectationError naming where it was stated."""
    if expected.scope is None:
        return expected
    scope = scopes.named(expected.scope)
    if scope is None:
        raise ExpectationError(
            f"{expected.stated.get('scope', 'the expected scope')}: {scopes.unknown(expected.scope)}"
        )
    return replace(expected, scope=scope)


@dataclass(frozen=True)
class Drift:
    """One way what Claude Code would send differs from what was expected."""

    kind: str  # background or primary
    where: str  # "this shell", "a new terminal", or "this shell or a new terminal"
    expected: str  # the expected ID, or the expected scope's name
    stated: str  # where the expectation was stated
    model: Model  # what Claude Code would use instead
    wrong_scope: bool  # the model is right, but comes from another place than expected

    @property
    def new_terminal(self) -> bool:
        """A new terminal's claude is among those that drift."""
        return "a new terminal" in self.where

    @property
    def this_shell(self) -> bool:
        """This shell's claude (or, without a shell, the one here) is among those that drift."""
        return self.where != "a new terminal"


def drifts(expected: Expected, views: Sequence[tuple[str, Model, Model | None]]) -> Iterator[Drift]:
    """Each difference between ``expected`` and the models of ``views``: (kind, a claude
    started from this shell, one started from a new terminal or None without a shell).
    A difference both columns share is told once."""
    for kind, now, fresh in views:
        wanted = expected.background if kind == "background" else expected.primary
        if wanted is None:
            continue  # a scope alone says nothing about a model nobody expects
        stated = expected.stated.get(kind, "")
        columns = [("this shell" if fresh is not None else "here", now)]
        columns += [("a new terminal", fresh)] if fresh is not None else []
        found: dict[tuple[str, str | None, str | None, bool], list[str]] = {}
        for where, model in columns:
            if wanted not in (model.model, model.alias):
                found.setdefault((model.model, model.source, model.file, False), []).append(where)
            elif expected.scope is not None and model.source not in scopes.SOURCES[expected.scope]:
                found.setdefault((model.model, model.source, model.file, True), []).append(where)
        for (_, _, _, wrong_scope), wheres in found.items():
            model = dict(columns)[wheres[0]]
            cited = expected.stated.get("scope", stated) if wrong_scope else stated
            shown = wanted
            if wrong_scope:
                shown = "a shell startup file" if expected.scope == "shell" else f"{expected.scope} settings"
            yield Drift(kind, " or ".join(wheres), shown, cited, model, wrong_scope)
