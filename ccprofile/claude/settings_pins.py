"""Pins in Claude Code's settings files: which file a scope names, the plan of its new text
when a pin is set or taken out, and its commit with ccprofile's record of it.

The second kind of pin file beside the block in a startup file (``startup/profile.py``): both
are edited in one ``storage.edit`` session (open, plan, check, commit).

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

from ccprofile.claude import settings_files, settings_text
from ccprofile.claude.scopes import SETTINGS_SOURCES, unknown
from ccprofile.claude.settings_keys import (
    Changes,
    adopted,
    in_env,
    key_of,
    pending_keys,
    shown_key,
    still_ours,
    value_in,
)
from ccprofile.claude.variables import PINNABLE
from ccprofile.errors import BadValue
from ccprofile.storage import fileio, ledger
from ccprofile.storage.records import ABSENT, Key, Record, Records, sha

# status reads the record on every run: the write path (the runner, difflib, hashlib) is
# imported only by the functions that write.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ccprofile.startup import profile
    from ccprofile.storage.edit import Editing


def scope_path(scope: str, env: Mapping[str, str], home: Path, project: Path, platform: str) -> Path:
    """The settings file a scope names (the managed one is managed-settings.json)."""
    if scope not in SETTINGS_SOURCES:
        raise BadValue(unknown(scope))
    wanted = SETTINGS_SOURCES[scope]
    return next(
        path for source, path in settings_files.locations(env, home, project, platform) if source == wanted
    )


@dataclass
class SettingsPlan:
    """The plan of a settings file's new text, and what it decided for the record: the record
    to keep after the write, the one to keep while it is under way, the keys left alone."""

    plan: profile.Plan  # the file's new text
    record: Record | None = None
    left: list[str] = field(default_factory=list)
    remove_dir: bool = False  # the file went, and ccprofile had made its directory
    pending: Record | None = None  # the record while the file is being replaced
    known: Record | None = None  # the record as the plan found it
    adopted: list[str] = field(default_factory=list)  # pins taken as ccprofile's without a record


def plan(
    file: Editing,
    scope: str,
    record: Record | None,
    edit: Callable[[dict[str, str]], dict[str, str]] | None,
    *,
    made_dir: bool,
    adopt: Sequence[str] = (),
) -> SettingsPlan:
    """The file's new text. ``record``: ccprofile's, read under the file's lock (before it, a
    concurrent run's keys would look like the user's). ``edit`` None: undo all ccprofile did
    here. ``adopt``: pins to take as ccprofile's without a record (a teammate's clone)."""
    from ccprofile.startup import profile

    path = Path(os.path.abspath(file.real))
    old, missing = file.text, file.missing
    outcome = SettingsPlan(profile.Plan(None, (), (), 0), known=record)
    document = settings_text.load(old, str(path))
    fresh = Record(scope, previous_text=None if missing else old)
    base, outcome.adopted = _adopting(record, fresh, document, adopt, str(path))
    keys, before, outcome.left = still_ours(base, document)
    owned = dict(keys)
    after = (edit or (lambda pins: {}))(dict(before))
    changes = Changes.of(after, before, keys, document)
    created_env = base.created_env or (settings_text.ENV not in document and in_env(after))
    new = _new_text(old, str(path), record, base, keys, changes, missing, created_env)
    created_file = base.created_file or missing
    created_dir = base.created_dir or made_dir
    outcome.record = (
        Record(scope, keys, created_file, created_env, base.previous_text, sha(new), created_dir)
        if keys and new is not None
        else None
    )
    # Saved before the file is replaced: every key that may be on disk after a kill at
    # any moment, with both its values, and both texts' hashes.
    outcome.pending = Record(
        scope,
        pending_keys(owned, keys),
        created_file,
        created_env,
        base.previous_text,
        sha(new) if new is not None else "",
        created_dir,
        sha(old),
    )
    outcome.remove_dir = new is None and created_dir
    outcome.plan = profile.Plan(new, _ordered(before), _ordered(after), 0)
    return outcome


def _ordered(pins: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple((n, pins[n]) for n in PINNABLE if n in pins)


def _new_text(
    old: str,
    where: str,
    record: Record | None,
    base: Record,
    keys: Mapping[str, Key],
    changes: Changes,
    missing: bool,
    created_env: bool,
) -> str | None:
    """The file's new text; None: the file goes (or, missing, stays missing)."""
    if not keys and record is not None and record.wrote(old):
        return base.previous_text  # the very bytes from before ccprofile's first change
    new, result = changes.text(old, where, drop_empty_env=created_env and not in_env(keys))
    if not keys and (missing or (base.created_file and not result)):
        return None  # nothing to hold: a missing file stays missing (unset where nothing is)
    return new


def _undone(old: str, where: str, base: Record, document: Mapping[str, object]) -> str | None:
    """``old`` with every change of ccprofile's undone: the text to put back after the user
    edited the file since ccprofile last wrote it, whose bytes from before ccprofile's first
    change would lose that edit. None where nothing is left in a file ccprofile created."""
    keys, before, _ = still_ours(base, document)
    text, result = Changes.of({}, before, keys, document).text(old, where, drop_empty_env=base.created_env)
    return None if base.created_file and not result else text


def _adopting(
    record: Record | None, fresh: Record, document: Mapping[str, object], adopt: Sequence[str], where: str
) -> tuple[Record, list[str]]:
    """The record to plan from, and the pins of ``adopt`` taken as ccprofile's without its
    record: a shared file's pins this machine has no record of are the team's, and a removal
    takes them too (a record of this machine's own writes there does not make them the user's)."""
    base = adopted(record or fresh, document, adopt)
    taken = [name for name in base.keys if record is None or name not in record.keys]
    if record is not None and taken:
        base = _without_in_previous(base, taken, where)
    if record is not None and fresh.previous_text is not None and not record.wrote(fresh.previous_text):
        # The user changed the file since ccprofile last wrote it: that change is theirs to keep.
        base = replace(base, previous_text=_undone(fresh.previous_text, where, base, document))
    return base, taken


def _without_in_previous(base: Record, taken: Sequence[str], where: str) -> Record:
    """The team's pins taken out now stay out: the bytes from before ccprofile's first change,
    which undoing all it did here restores, lose them too."""
    if base.previous_text is None:
        return base
    keys = [key_of(name) for name in taken]
    env = {key: None for section, key in keys if section != "top"}
    top = {key: None for section, key in keys if section == "top"}
    previous, _ = settings_text.edit(base.previous_text, where, env=env, top=top)
    return replace(base, previous_text=previous)


def make_dir(path: Path, *, creating: bool) -> bool:
    """Make the folder a scope names (~/.claude, the project's .claude) when a pin is set there:
    asked for, so made, and the record says so, so that undo takes it away again. True if made."""
    if not creating or path.parent.is_dir():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    return True


def commit(
    file: Editing,
    settings_plan: SettingsPlan,
    records: Records,
    *,
    backup_dir: Path,
    entry: ledger.Entry | None,
    made_dir: bool,
    dry_run: bool,
) -> None:
    """Write a planned settings file, the record first: saved before the file is replaced with
    both values of every key (a kill at any moment leaves it able to undo what is on disk),
    and after it with what the file now holds."""
    real = Path(os.path.abspath(file.real))
    known = settings_plan.known
    changed = file.changes(settings_plan.plan.new)
    if changed and not dry_run:
        fileio.check_writable(file.real)
        if entry is not None:
            # The ledger's step keeps the record as it was, so undo can put both back.
            entry.record = known.to_json() if known is not None else None
            entry.dirs = [str(real.parent)] if made_dir else []
        records.save(real, settings_plan.pending)
        file.commit(settings_plan.plan.new, backup_dir=backup_dir, entry=entry)
    # Also when the file stays as it is: a key someone else changed is no longer ccprofile's.
    if not dry_run and (changed or settings_plan.record != known):
        records.save(real, settings_plan.record)


def change(file: Editing, settings_plan: SettingsPlan, *, made_dir: bool, dry_run: bool) -> SettingsChange:
    """What the write did, once the file is unlocked; the folder ccprofile made goes again when
    the file went or was never written (kept while not empty: something else lives there)."""
    from ccprofile.startup import profile

    plan = settings_plan.plan
    if not dry_run and (settings_plan.remove_dir or (made_dir and not file.changes(plan.new))):
        fileio.remove_empty([os.path.abspath(file.real.parent)])
    written = profile.change(file, plan, lines=lines(plan.after), dry_run=dry_run)
    return SettingsChange(
        written,
        tuple(shown_key(name) for name in settings_plan.left),
        tuple(shown_key(name) for name in settings_plan.adopted if name not in dict(written.after)),
        _as_before(settings_plan.known, plan.new),
    )


def _as_before(record: Record | None, new: str | None) -> tuple[str, ...]:
    """The keys ``new`` holds with the value they held before ccprofile's first change here,
    as the record's copy of that text says: the file's own, not ccprofile's."""
    if record is None or record.previous_text is None or new is None:
        return ()
    try:
        before, after = settings_text.load(record.previous_text, ""), settings_text.load(new, "")
    except settings_text.SettingsTextError:
        return ()
    held = ((name, value_in(after, name)) for name in PINNABLE)
    return tuple(
        shown_key(name) for name, value in held if value is not ABSENT and value == value_in(before, name)
    )


def lines(pins: Sequence[tuple[str, str]]) -> tuple[str, ...]:
    """Pins as the keys and values of a settings file, ready to read."""
    return tuple(f"{shown_key(name)} = {json.dumps(value, ensure_ascii=False)}" for name, value in pins)


@dataclass(frozen=True)
class SettingsChange:
    change: profile.FileChange
    left: tuple[str, ...]  # keys left alone: changed by someone else since ccprofile wrote them
    adopted: tuple[str, ...] = ()  # keys removed as pins although this machine had no record of them
    as_before: tuple[str, ...] = ()  # keys holding what they held before ccprofile's first change


def recorded(state_dir: Path) -> dict[Path, Record]:
    """Every settings file ccprofile holds pins in, with its record (for uninstall --all)."""
    return {Path(path): record for path, record in Records(state_dir).read().items()}
