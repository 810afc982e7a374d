"""What ``ccprofile list`` shows: each file ccprofile has changed, what it holds there now,
and whether the file is still as ccprofile left it (a file the user deleted or edited since
is reported, never an error)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ccprofile.claude import git_ignore, settings
from ccprofile.claude.variables import PINNABLE, PRIMARY
from ccprofile.errors import MarkersToFix
from ccprofile.startup import block, profile
from ccprofile.startup.home_snapshot import Home
from ccprofile.startup.shells import known_files, shell_for_file
from ccprofile.storage import codec, fileio, ledger
from ccprofile.storage.records import Record, Records
from ccprofile.storage.state import state_dir

AS_WRITTEN, CHANGED, DELETED, UNRECORDED = "as-written", "changed", "deleted", "not-in-ledger"


@dataclass(frozen=True)
class PlaceNow:
    path: Path
    kind: str  # "shell" (a startup file's block), "settings" or "git-ignore" (git's ignore file)
    label: str  # the shell, or the scope
    holds: tuple[tuple[str, str], ...]  # the pins ccprofile holds there now
    completion: bool  # the block holds tab completion
    state: str  # AS_WRITTEN, CHANGED, DELETED, or UNRECORDED (written before the ledger)
    changes: int
    last_command: str | None
    last_time: str | None
    backups: int
    backup_dir: Path | None

    def to_json(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "kind": self.kind,
            "label": self.label,
            "holds": dict(self.holds),
            "completion": self.completion,
            "state": self.state,
            "changes": self.changes,
            "last_change": {"command": self.last_command, "time_utc": self.last_time}
            if self.last_command
            else None,
            "backups": {"count": self.backups, "folder": str(self.backup_dir) if self.backup_dir else None},
        }


def block_pins(path: Path, data: bytes | None) -> tuple[tuple[tuple[str, str], ...], bool]:
    try:
        blocks = block.find_blocks(codec.decode(data or b""))
    except block.MarkerError as error:
        # What the file holds cannot be told: said on one line, never a traceback.
        raise MarkersToFix(f"{path}: {error}; fix the markers by hand") from None
    if not blocks:
        return (), False
    contents = profile.read_block(path, blocks[0], PINNABLE, strict=False)
    return tuple((n, contents.pins[n]) for n in PINNABLE if n in contents.pins), bool(contents.completion)


def _settings_pins(path: Path, data: bytes | None, names: list[str]) -> tuple[tuple[str, str], ...]:
    if data is None:
        return ()
    document = settings.parse("", path, data)
    values = {**document.env, **({PRIMARY: document.model} if document.model else {})}
    return tuple((n, values[n]) for n in PINNABLE if n in names and n in values)


def _backups(folder: Path) -> int:
    try:
        return sum(1 for entry in os.scandir(folder) if entry.is_file())
    except OSError:
        return 0


def places_now(home: Home) -> list[PlaceNow]:
    """Every place in the ledger, then files holding ccprofile's pins that it does not list."""
    state = state_dir(home)
    places = ledger.Ledger(state).read()
    records = {str(path): record for path, record in Records(state).read().items()}
    rows = [_recorded(real, place, records) for real, place in places.items()]
    known = {place.path for place in places.values()}
    for path in known_files(home):
        real = str(fileio.resolve(path))
        if real in places or str(path) in known or not path.is_file():
            continue
        holds, completes = block_pins(path, fileio.read(path).data)
        if holds or completes:
            shell = shell_for_file(path)
            label = shell.name if shell else "?"
            rows.append(PlaceNow(path, "shell", label, holds, completes, UNRECORDED, 0, None, None, 0, None))
    for real, record in records.items():
        if real not in places:
            holds = _settings_pins(Path(real), fileio.read(Path(real)).data, list(record.keys))
            rows.append(
                PlaceNow(
                    Path(real), "settings", record.scope, holds, False, UNRECORDED, 0, None, None, 0, None
                )
            )
    return rows


def _recorded(real: str, place: ledger.Place, records: Mapping[str, Record]) -> PlaceNow:
    """A place in the ledger as it is now: what it holds, and whether it is as ccprofile left it."""
    from ccprofile.claude.undo import iso_time

    data = fileio.read(Path(real)).data
    last = place.steps[-1]
    now = ledger.digest(data)
    # A step saved by a run killed before its write leaves the file as the step before.
    if now == last.after or (data is not None and now == last.before):
        status = AS_WRITTEN
    else:
        status = DELETED if data is None else CHANGED
    if place.kind == "shell":
        holds, completes = block_pins(Path(place.path), data)
    elif place.kind == git_ignore.KIND:
        has_rule = data is not None and git_ignore.RULE in codec.decode(data)
        holds, completes = ((("rule", git_ignore.RULE),) if has_rule else ()), False
    else:
        record = records.get(real)
        holds, completes = _settings_pins(Path(real), data, list(record.keys) if record else []), False
    folder = Path(place.backup_dir)
    steps, command, when = len(place.steps), last.command, iso_time(last)
    return PlaceNow(
        Path(place.path),
        place.kind,
        place.label,
        holds,
        completes,
        status,
        steps,
        command,
        when,
        _backups(folder),
        folder,
    )
