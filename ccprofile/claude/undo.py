"""``ccprofile undo``: put files back as they were before ccprofile's last change (``--all``:
before its first), from the ledger's backups, byte for byte.

A file is rewound only when it still holds what ccprofile left (its hash is the last step's
"after"): then the bytes from before are written back, the settings record returns to what
it was, and the steps leave the ledger. A file changed since is refused unless forced; forced,
only ccprofile's part is rewound (the block of a startup file, ccprofile's keys of a settings
file, the rule it added to git's ignore file) and the user's later edits stay. A file that
already holds the bytes from before (an undo killed after its write) only has its steps dropped.
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ccprofile.claude import git_ignore, settings_text
from ccprofile.claude.settings_keys import key_of
from ccprofile.claude.variables import PINNABLE
from ccprofile.errors import BackupChanged, BackupGone, CannotUndo, ChangedSince, NoBackupKept
from ccprofile.startup import block
from ccprofile.storage import codec, fileio, ledger
from ccprofile.storage.records import Record, Records

EXACT, ALREADY, CHANGED = "exact", "already", "changed"


@dataclass(frozen=True)
class Rewind:
    """What undo does (or, in a dry run, would do) to one file."""

    path: str  # as the user named it
    real: Path  # the file written: where the path leads now (a dotfiles link is followed)
    steps: tuple[ledger.Step, ...]  # the steps undone, oldest first
    state: str  # EXACT, ALREADY or CHANGED (then forced)
    current: bytes | None
    restored: bytes | None  # None: the file goes

    @property
    def first(self) -> ledger.Step:
        return self.steps[0]

    def diff(self) -> str:
        old = codec.decode(self.current or b"").splitlines(keepends=True)
        new = codec.decode(self.restored or b"").splitlines(keepends=True)
        return "".join(difflib.unified_diff(old, new, self.path, f"{self.path} (after undo)"))


def chosen(places: Mapping[str, ledger.Place], everything: bool) -> dict[str, int]:
    """real path -> how many of its last steps to undo: those of the newest run, or all."""
    if everything:
        return {real: len(place.steps) for real, place in places.items() if place.steps}
    runs = [place.steps[-1].run for place in places.values() if place.steps]
    if not runs:
        return {}
    newest = max(runs)
    return {
        real: sum(1 for _ in _trailing(place.steps, newest))
        for real, place in places.items()
        if place.steps and place.steps[-1].run == newest
    }


def _trailing(steps: Sequence[ledger.Step], run: str) -> list[ledger.Step]:
    found: list[ledger.Step] = []
    for step in reversed(steps):
        if step.run != run:
            break
        found.append(step)
    return found


def _before(place: ledger.Place, step: ledger.Step) -> bytes | None:
    """The bytes the file had before ``step``: from its backup; None when there was no file."""
    if not step.existed:
        return None
    if step.before == ledger.digest(b""):
        return b""
    if step.backup is None:
        raise NoBackupKept(
            f"cannot put back {place.path}: no backup was kept of it before `{step.command}` "
            f"(${ledger.BACKUPS_SETTING} was 0 then); nothing was restored"
        )
    backup = Path(place.backup_dir) / step.backup
    data = fileio.read(backup).data
    if data is None:
        raise BackupGone(
            f"cannot put back {place.path}: its backup from before `{step.command}` is gone (pruned, "
            "as only the newest are kept, or deleted); nothing was restored"
        )
    if ledger.digest(data) != step.before:
        raise BackupChanged(
            f"cannot put back {place.path}: its backup from before `{step.command}`, {backup}, was "
            "changed after ccprofile saved it, so it no longer holds the file as it was; nothing was restored"
        )
    return data


def plan(real: Path, place: ledger.Place, count: int, *, force: bool) -> Rewind:
    """What undoing the last ``count`` steps of ``place`` does to the file as it is now.

    ``real`` is where ccprofile wrote; the file is read and written where the user's path
    leads now, so a startup file moved into a dotfiles folder and linked back stays a link.
    """
    steps = place.steps[-count:]
    now_at = fileio.resolve(Path(place.path))
    if now_at != real and Path(place.path).is_symlink() and not steps[0].existed:
        raise CannotUndo(
            f"cannot put back {place.path}: ccprofile created it, and it is now a link to {now_at}; "
            "delete it yourself if you want it gone; nothing was restored"
        )
    real = now_at
    current = fileio.read(real).data
    now = ledger.digest(current)
    landed = steps
    while landed and now != landed[-1].after and now == landed[-1].before:
        landed = landed[:-1]  # saved, but killed before its file was replaced: it never happened
    if not landed or now == steps[0].before:
        return Rewind(place.path, real, steps, ALREADY, current, current)
    before = _before(place, steps[0])
    # Edited by hand between two of ccprofile's commands: the bytes from before the first
    # would lose that edit too, so the chain of steps must be unbroken for an exact rewind.
    gap = next((b for a, b in itertools.pairwise(landed) if a.after != b.before), None)
    if now == landed[-1].after and gap is None:
        return Rewind(place.path, real, steps, EXACT, current, before)
    if not force:
        if current is None:
            happened = f"was deleted after ccprofile's `{steps[-1].command}`"
        elif gap is not None:
            happened = f"was changed by hand before ccprofile's `{gap.command}`"
        else:
            happened = f"was changed after ccprofile's `{steps[-1].command}`"
        raise ChangedSince(f"{place.path} {happened}, so undo would lose that; nothing was restored")
    if current is None:
        # Deleted since: there are no later edits to keep, so the file comes back whole.
        return Rewind(place.path, real, steps, EXACT, current, before)
    return Rewind(place.path, real, steps, CHANGED, current, _merge(place, current, before))


def _merge(place: ledger.Place, current: bytes | None, before: bytes | None) -> bytes | None:
    """The file as it is now with only ccprofile's part put back as it was before."""
    text, old = codec.decode(current or b""), codec.decode(before or b"")
    if place.kind == git_ignore.KIND:
        kept = text if git_ignore.RULE in old else git_ignore.without_rule(text)
        return None if before is None and not kept.strip() else codec.encode(kept)
    if place.kind == "shell":
        blocks = block.find_blocks(old)
        if blocks:
            payload = [line for line in blocks[0].body if not block.is_own_comment(line)]
            found = blocks[0]
            return codec.encode(
                block.apply(text, payload, created_file=found.created_file, newline=found.newline).text
            )
        removal = block.remove(text)
        return None if removal.created_file and not removal.text else codec.encode(removal.text)
    document = settings_text.load(old, place.path)
    env_change: dict[str, str | None] = {}
    top_change: dict[str, str | None] = {}
    for name in PINNABLE:
        section, key = key_of(name)
        holder = document if section == "top" else document.get(settings_text.ENV)
        value = holder.get(key) if isinstance(holder, dict) else None
        (top_change if section == "top" else env_change)[key] = value if isinstance(value, str) else None
    # An env object the file did not have before ccprofile goes again once empty.
    fresh = settings_text.ENV not in document
    new, _ = settings_text.edit(text, place.path, env=env_change, top=top_change, drop_empty_env=fresh)
    return codec.encode(new)


def apply(rewind: Rewind, place: ledger.Place, book: ledger.Ledger, state_dir: Path) -> list[str]:
    """Write what ``rewind`` planned, roll back the settings record, and drop the steps.
    Called with the file's lock held; the file is written first, so a kill between the two
    leaves a file that ``plan`` recognises as ALREADY restored. Returns the directories the
    undone steps made, to remove once the lock is released (``fileio.remove_empty``)."""
    if rewind.state != ALREADY:
        if rewind.restored is None:
            if rewind.real.exists():
                fileio.delete(rewind.real)
        else:
            # Its folder may be gone: ccprofile removes the folders it made once they are empty.
            rewind.real.parent.mkdir(parents=True, exist_ok=True)
            snapshot = fileio.read(rewind.real)
            fileio.write(rewind.real, rewind.restored, snapshot.mode)
    if place.kind == "settings":
        record = rewind.first.record
        Records(state_dir).save(rewind.real, Record.from_json(record) if record else None)
    book.drop(rewind.real, len(rewind.steps))
    return [d for step in reversed(rewind.steps) for d in step.dirs] if rewind.restored is None else []


def iso_time(step: ledger.Step) -> str:
    """The time of a step, ISO 8601 in UTC: ``2026-11-29T18:43:07Z``."""
    import time

    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(int(step.run.split("-", 1)[0]) / 1e9))


def when(step: ledger.Step) -> str:
    """The time of a step, for people: ``2026-11-29 18:43 UTC``."""
    import time

    seconds = int(step.run.split("-", 1)[0]) / 1e9
    return time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(seconds))
