"""Edit a Claude Code settings file's text: a few keys change, everything else stays.

Pure text in, text out. The document is read with key order kept and written back in the
file's own style: its indentation (Claude Code writes 2 spaces), its final newline or the lack
of one, non-ASCII text as it is. A file already in that style (every file Claude Code wrote)
comes back byte for byte except for the keys that changed. A file formatted by hand in another
way is rewritten in its indentation; its keys, values and order stay (and ccprofile's record
keeps the exact previous bytes for undo).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass

from ccprofile.errors import NOTHING_WRITTEN, CcprofileError

ENV = "env"
MODEL = "model"


class SettingsTextError(CcprofileError):
    """The file cannot be edited safely: not JSON, not an object, or ``env`` not an object."""


@dataclass(frozen=True)
class Style:
    indent: str | int | None  # as json.dumps takes it; None: everything on one line
    final_newline: bool
    newline: str  # "\n" or "\r\n"


def style_of(text: str) -> Style:
    """How the file is laid out: indentation of its first indented line, its line ends."""
    newline = "\r\n" if "\r\n" in text else "\n"
    found = re.search(r"\n([ \t]+)\S", text)
    if found is None:
        indent: str | int | None = 2 if "\n" in text.strip() or not text.strip() else None
    else:
        first = found.group(1)
        indent = len(first) if set(first) == {" "} else first
    return Style(indent, text.endswith("\n") or not text, newline)


def load(text: str, where: str) -> dict[str, object]:
    """The settings object; SettingsTextError naming ``where``, line and column otherwise."""
    if not text.strip():
        return {}
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise SettingsTextError(
            f"{where}:{error.lineno}:{error.colno}: not valid JSON ({error.msg}); {NOTHING_WRITTEN}"
        ) from None
    if not isinstance(document, dict):
        raise SettingsTextError(f"{where}:1:1: the top level is not a JSON object; {NOTHING_WRITTEN}")
    env = document.get(ENV)
    if env is not None and not isinstance(env, dict):
        line, column = _position(text, f'"{ENV}"')
        raise SettingsTextError(f'{where}:{line}:{column}: "env" is not an object; {NOTHING_WRITTEN}')
    return document


def _position(text: str, needle: str) -> tuple[int, int]:
    at = max(text.find(needle), 0)
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def dump(document: Mapping[str, object], style: Style) -> str:
    text = json.dumps(document, indent=style.indent, ensure_ascii=False)
    if style.newline != "\n":
        text = text.replace("\n", style.newline)
    return text + style.newline if style.final_newline else text


Change = Mapping[str, "str | None"]  # key -> new value; None removes the key


def edit(
    text: str, where: str, *, env: Change, top: Change, drop_empty_env: bool = False
) -> tuple[str, dict[str, object]]:
    """``text`` with ``env`` keys and top-level keys (``model``) set or removed; new keys go
    last. ``drop_empty_env`` removes an ``env`` object left empty. Returns the text and the
    document it holds."""
    document = load(text, where)
    style = style_of(text)
    current = document.get(ENV)
    block: dict[str, object] = dict(current) if isinstance(current, dict) else {}
    for name, value in env.items():
        if value is None:
            block.pop(name, None)
        else:
            block[name] = value
    if block or (ENV in document and not drop_empty_env):
        document[ENV] = block
    else:
        document.pop(ENV, None)
    for name, value in top.items():
        if value is None:
            document.pop(name, None)
        else:
            document[name] = value
    return dump(document, style), document
