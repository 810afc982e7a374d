"""Pins in Claude Code's settings files: which file a scope names, and the plan of its new
text when a pin is set or taken out.

The second kind of pin file beside the block in a startup file (``startup/profile.py``): the
same runner writes both (lock, plan the new text, check, back up, replace atomically).

The record of what was changed (``storage.records``) makes undo exact: the previous bytes
when the file is still what ccprofile wrote; when something else rewrote it since (Claude Code
does, when settings change in a session), only ccprofile's keys are restored, and a key whose
value was changed since is left alone.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ccprofile.claude import settings, settings_text
from ccprofile.claude.scopes import SETTINGS_SOURCES, unknown
from ccprofile.claude.variables import PINNABLE, PRIMARY
from ccprofile.errors import BadValue
from ccprofile.storage import fileio, ledger
from ccprofile.storage.records import ABSENT, Key, Record, Records, sha

# status reads the record on every run: the write path (the runner, difflib, hashlib) is
# imported only by the functions that write.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ccprofile.startup import profile


def key_of(name: str) -> tuple[str, str]:
    """Where a pin lives in a settings file: the primary model in ``model`` (as Claude Code's
    own /model writes it), every variable in ``env``."""
    return ("top", settings_text.MODEL) if name == PRIMARY else (settings_text.ENV, name)


def shown_key(name: str) -> str:
    section, key = key_of(name)
    return key if section == "top" else f"env.{key}"


def scope_path(scope: str, env: Mapping[str, str], home: Path, project: Path, platform: str) -> Path:
    """The settings file a scope names (the managed one is managed-settings.json)."""
    if scope not in SETTINGS_SOURCES:
        raise BadValue(unknown(scope))
    wanted = SETTINGS_SOURCES[scope]
    return next(path for source, path in settings.locations(env, home, project, platform) if source == wanted)


def _current(document: Mapping[str, object], name: str) -> object:
    section, key = key_of(name)
    holder = document if section == "top" else document.get(settings_text.ENV)
    return holder.get(key, ABSENT) if isinstance(holder, dict) else ABSENT


@dataclass
class _Outcome:
    """What a plan decided, for after the write: the record to keep, the keys left alone."""

    record: Record | None = None
    left: list[str] = field(default_factory=list)
    remove_dir: bool = False  # the file went, and ccprofile had made its directory
    pending: Record | None = None  # the record while the file is being replaced
    known: Record | None = None  # the record as the plan found it
    adopted: list[str] = field(default_factory=list)  # pins taken as ccprofile's without a record


def _planner(
    path: Path,
    scope: str,
    records: Records,
    edit: Callable[[dict[str, str]], dict[str, str]] | None,
    outcome: _Outcome,
    made_dir: bool,
    adopt: Sequence[str] = (),
) -> Callable[[str, bool], profile.Plan]:
    """The plan for the runner: the file's new text from its old text. ``edit`` None: undo
    everything ccprofile did to this file. ``adopt``: pins to take as ccprofile's when this
    machine has no record of the file (a teammate's clone of a committed project pin)."""

    from ccprofile.startup import profile

    def plan(old: str, missing: bool) -> profile.Plan:
        # Read under the file's lock, like the file: a record read before it could be one a
        # concurrent run has replaced since, and the keys it wrote would look like the user's.
        record = outcome.known = records.read().get(str(path))
        document = settings_text.load(old, str(path))
        base = record or Record(scope, previous_text=None if missing else old)
        if record is None:
            # No record here, so the bytes before the pin are unknown: only the keys can go.
            taken = {n: Key(ABSENT, v) for n in adopt if isinstance(v := _current(document, n), str)}
            base = replace(base, keys=taken)
            outcome.adopted = list(taken)
        keys = dict(base.keys)
        before: dict[str, str] = {}
        for name, key in base.keys.items():
            current = _current(document, name)
            if key.holds(current) and isinstance(current, str):
                before[name] = current
                keys[name] = replace(key, written=current, also=None)
            else:
                if current is not ABSENT:
                    outcome.left.append(name)  # changed by someone else since: theirs now
                del keys[name]
        owned = dict(keys)
        after = (edit or (lambda pins: {}))(dict(before))
        env_change: dict[str, str | None] = {}
        top_change: dict[str, str | None] = {}
        restored: dict[str, object] = {}  # previous values that are not strings (a number, null)

        def change(name: str, value: object) -> None:
            section, key = key_of(name)
            if value is not ABSENT and not isinstance(value, str):
                restored[name] = value  # set in the document below: the text edit takes strings
            (top_change if section == "top" else env_change)[key] = value if isinstance(value, str) else None

        for name in [n for n in PINNABLE if n in after]:
            if name not in keys:
                keys[name] = Key(_current(document, name), after[name])
            else:
                keys[name] = replace(keys[name], written=after[name])
            change(name, after[name])
        for name in [n for n in before if n not in after]:
            change(name, keys.pop(name).previous)
        had_env = settings_text.ENV in document
        created_env = base.created_env or (not had_env and any(key_of(n)[0] == "env" for n in after))
        exact = not keys and record is not None and record.wrote(old)
        new: str | None
        if exact:
            new = base.previous_text  # the very bytes from before ccprofile's first change
        else:
            new, result = settings_text.edit(
                old,
                str(path),
                env=env_change,
                top=top_change,
                drop_empty_env=created_env and not any(key_of(n)[0] == settings_text.ENV for n in keys),
            )
            for name, value in restored.items():
                section, slot = key_of(name)
                holder = result if section == "top" else result.setdefault(settings_text.ENV, {})
                if isinstance(holder, dict):
                    holder[slot] = value
            if restored:
                new = settings_text.dump(result, settings_text.style_of(old))
            if not keys and (missing or (base.created_file and not result)):
                new = None  # nothing to hold: a missing file stays missing (unset where nothing is)
        created_file = base.created_file or missing
        created_dir = base.created_dir or made_dir
        outcome.record = (
            Record(scope, keys, created_file, created_env, base.previous_text, sha(new), created_dir)
            if keys and new is not None
            else None
        )
        # Saved before the file is replaced: every key that may be on disk after a kill at
        # any moment, with both its values, and both texts' hashes.
        pending = {}
        for name in {*owned, *keys}:
            if name in keys:
                prior = owned[name].written if name in owned else keys[name].previous
                pending[name] = replace(keys[name], also=prior if isinstance(prior, str) else None)
            else:
                prior = owned[name].previous
                pending[name] = replace(owned[name], also=prior if isinstance(prior, str) else None)
        outcome.pending = Record(
            scope,
            pending,
            created_file,
            created_env,
            base.previous_text,
            sha(new) if new is not None else "",
            created_dir,
            sha(old),
        )
        outcome.remove_dir = new is None and created_dir
        ordered_before = tuple((n, before[n]) for n in PINNABLE if n in before)
        ordered_after = tuple((n, after[n]) for n in PINNABLE if n in after)
        return profile.Plan(new, ordered_before, ordered_after, 0)

    return plan


def _lines(pins: Sequence[tuple[str, str]]) -> tuple[str, ...]:
    return tuple(f"{shown_key(name)} = {json.dumps(value, ensure_ascii=False)}" for name, value in pins)


@dataclass(frozen=True)
class SettingsChange:
    change: profile.Change
    left: tuple[str, ...]  # keys left alone: changed by someone else since ccprofile wrote them
    adopted: tuple[str, ...] = ()  # keys removed as pins although this machine had no record of them


def update(
    path: Path,
    scope: str,
    edit: Callable[[dict[str, str]], dict[str, str]] | None,
    *,
    state_dir: Path,
    backup_dir: Path,
    dry_run: bool = False,
    check: profile.Check | None = None,
    adopt: Sequence[str] = (),
    entry: ledger.Entry | None = None,
) -> SettingsChange:
    """Apply ``edit`` to ccprofile's pins in one settings file (None: undo them all);
    ``adopt`` as for ``_planner``."""
    records = Records(state_dir)
    made_dir = edit is not None and not dry_run and not path.parent.is_dir()
    if made_dir:
        # The scope names the place (~/.claude, the project's .claude): asked for, so made,
        # and the record says so, so that undo takes it away again.
        path.parent.mkdir(parents=True, exist_ok=True)
    real = Path(os.path.abspath(fileio.resolve(path)))
    outcome = _Outcome()

    def writing() -> None:
        if entry is not None:
            # The ledger's step keeps the record as it was, so undo can put both back.
            entry.record = outcome.known.to_json() if outcome.known is not None else None
            entry.dirs = [str(real.parent)] if made_dir else []
        records.save(real, outcome.pending)

    def done(changed: bool) -> None:
        # Also when the file stays as it is: a key someone else changed is no longer ccprofile's.
        if changed or outcome.record != outcome.known:
            records.save(real, outcome.record)

    try:
        from ccprofile.startup import profile

        change = profile.run(
            path,
            _planner(real, scope, records, edit, outcome, made_dir, adopt),
            _lines,
            label=scope,
            backup_dir=backup_dir,
            dry_run=dry_run,
            may_create=not dry_run and edit is not None,
            check=check,
            writing=writing,
            done=done,
            entry=entry,
        )
    except BaseException:
        if made_dir:
            fileio.remove_empty([str(path.parent)])  # refused or failed: leave no directory behind either
        raise
    if not dry_run and (outcome.remove_dir or (made_dir and not change.changed)):
        fileio.remove_empty([str(real.parent)])  # kept while not empty: something else lives there
    return SettingsChange(
        change,
        tuple(shown_key(name) for name in outcome.left),
        tuple(shown_key(name) for name in outcome.adopted if name not in dict(change.after)),
    )


def recorded(state_dir: Path) -> dict[Path, Record]:
    """Every settings file ccprofile holds pins in, with its record (for uninstall --all)."""
    return {Path(path): record for path, record in Records(state_dir).read().items()}
