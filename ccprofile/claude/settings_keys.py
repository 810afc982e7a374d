"""ccprofile's keys in a settings file: where each pin lives, which recorded keys still hold
what ccprofile wrote, which a clone adopts, and a plan's change in the shape of the text edit."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from ccprofile.claude import settings_text
from ccprofile.claude.variables import PINNABLE, PRIMARY
from ccprofile.storage.records import ABSENT, Key, Record


def key_of(name: str) -> tuple[str, str]:
    """Where a pin lives in a settings file: the primary model in ``model`` (as Claude Code's
    own /model writes it), every variable in ``env``."""
    return ("top", settings_text.MODEL) if name == PRIMARY else (settings_text.ENV, name)


def shown_key(name: str) -> str:
    section, key = key_of(name)
    return key if section == "top" else f"env.{key}"


def value_in(document: Mapping[str, object], name: str) -> object:
    section, key = key_of(name)
    holder = document if section == "top" else document.get(settings_text.ENV)
    return holder.get(key, ABSENT) if isinstance(holder, dict) else ABSENT


def adopted(base: Record, document: Mapping[str, object], adopt: Sequence[str]) -> Record:
    """``base`` with the keys of ``adopt`` it does not hold taken as ccprofile's: the bytes
    before them are unknown, so only those that hold a value can go."""
    taken = (n for n in adopt if n not in base.keys)
    found = {n: Key(ABSENT, v) for n in taken if isinstance(v := value_in(document, n), str)}
    return replace(base, keys={**found, **base.keys}) if found else base


def still_ours(
    base: Record, document: Mapping[str, object]
) -> tuple[dict[str, Key], dict[str, str], list[str]]:
    """The recorded keys that still hold what ccprofile wrote, their values, and the keys
    someone else changed since (theirs now)."""
    keys = dict(base.keys)
    before: dict[str, str] = {}
    left: list[str] = []
    for name, key in base.keys.items():
        current = value_in(document, name)
        if key.holds(current) and isinstance(current, str):
            before[name] = current
            keys[name] = replace(key, written=current, also=None)
        else:
            if current is not ABSENT:
                left.append(name)
            del keys[name]
    return keys, before, left


def in_env(names: Iterable[str]) -> bool:
    """Whether any of the pins ``names`` lives in the ``env`` object."""
    return any(key_of(n)[0] == settings_text.ENV for n in names)


@dataclass
class Changes:
    """The keys a plan sets or takes out, in the shape the text edit takes."""

    env: dict[str, str | None] = field(default_factory=dict)
    top: dict[str, str | None] = field(default_factory=dict)
    restored: dict[str, object] = field(default_factory=dict)  # previous values that are not strings

    @staticmethod
    def of(
        after: Mapping[str, str],
        before: Mapping[str, str],
        keys: dict[str, Key],
        document: Mapping[str, object],
    ) -> Changes:
        """Set each pin of ``after`` (recorded in ``keys``), and put back the value before
        ccprofile of each pin it drops (taken out of ``keys``)."""
        changes = Changes()
        for name in [n for n in PINNABLE if n in after]:
            if name not in keys:
                keys[name] = Key(value_in(document, name), after[name])
            else:
                keys[name] = replace(keys[name], written=after[name])
            changes.set(name, after[name])
        for name in [n for n in before if n not in after]:
            changes.set(name, keys.pop(name).previous)
        return changes

    def set(self, name: str, value: object) -> None:
        section, key = key_of(name)
        if value is not ABSENT and not isinstance(value, str):
            self.restored[name] = value  # set in the document below: the text edit takes strings
        (self.top if section == "top" else self.env)[key] = value if isinstance(value, str) else None

    def text(self, old: str, path: str, *, drop_empty_env: bool) -> tuple[str | None, dict[str, object]]:
        """The old text with these changes, everything else kept, and the document it holds."""
        new, result = settings_text.edit(old, path, env=self.env, top=self.top, drop_empty_env=drop_empty_env)
        for name, value in self.restored.items():
            section, slot = key_of(name)
            holder = result if section == "top" else result.setdefault(settings_text.ENV, {})
            if isinstance(holder, dict):
                holder[slot] = value
        return (settings_text.dump(result, settings_text.style_of(old)) if self.restored else new), result


def pending_keys(owned: Mapping[str, Key], keys: Mapping[str, Key]) -> dict[str, Key]:
    """Every key that may be on disk while the file is replaced, each with both its values."""
    pending = {}
    for name in {*owned, *keys}:
        if name in keys:
            prior = owned[name].written if name in owned else keys[name].previous
            pending[name] = replace(keys[name], also=prior if isinstance(prior, str) else None)
        else:
            prior = owned[name].previous
            pending[name] = replace(owned[name], also=prior if isinstance(prior, str) else None)
    return pending
