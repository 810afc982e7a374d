"""ccprofile's ledger: every file it has changed, and each change, so that ``list`` can show
them and ``undo`` can rewind them byte for byte.

One JSON file in the state directory. Each place (a startup file, a settings file) keeps its
steps, oldest first: the command run that made the step, the backup of the bytes before it
(or that the file did not exist), and hashes of the bytes before and after. A step is saved
after the backup and before the file is replaced, while the file's lock is held; so after a
kill at any moment the file holds either the last step's "before" or its "after", and both
``list`` and ``undo`` can tell which. The ledger file itself is replaced atomically under a
lock of its own.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from ccprofile.errors import CcprofileError
from ccprofile.storage import fileio
from ccprofile.storage.state import LEDGER_FILE

# How many backups each file keeps (0: none): the newest, plus the one from before
# ccprofile's first change, which `undo --all` needs.
BACKUPS_SETTING = "CCPROFILE_BACKUPS"
MAX_STEPS = 50  # per file; older ones are folded into the first (see _bounded)


def digest(data: bytes | None) -> str:
    """The hash a step keeps of a file's bytes; "" for no file."""
    import hashlib  # status reads the ledger without hashing anything

    return "" if data is None else hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Step:
    run: str  # the command run that made it: "<UTC time>-<pid>", one per ccprofile process
    command: str  # its name, for `list` and `undo`'s words
    existed: bool  # whether the file existed before the step
    backup: str | None  # the backup of the bytes before, in the place's backup folder
    before: str  # digest of the bytes before
    after: str  # digest of the bytes ccprofile left ("": it deleted the file)
    record: Mapping[str, object] | None = None  # settings files: ccprofile's record before the step
    dirs: tuple[str, ...] = ()  # directories the step created for the file, innermost first

    def to_json(self) -> dict[str, object]:
        return {
            "run": self.run,
            "command": self.command,
            "existed": self.existed,
            "backup": self.backup,
            "before": self.before,
            "after": self.after,
            "record": self.record,
            "dirs": list(self.dirs),
        }

    @staticmethod
    def from_json(data: Mapping[str, object]) -> Step:
        record = data.get("record")
        dirs = data.get("dirs")
        return Step(
            str(data["run"]),
            str(data["command"]),
            bool(data["existed"]),
            str(data["backup"]) if data.get("backup") is not None else None,
            str(data["before"]),
            str(data["after"]),
            record if isinstance(record, dict) else None,
            tuple(str(d) for d in dirs) if isinstance(dirs, list) else (),
        )


@dataclass(frozen=True)
class Place:
    """One file ccprofile changed: what it is, where its backups are, and its steps."""

    path: str  # as the user named it (a link stays the link)
    kind: str  # "shell" (a startup file's block), "settings", or "git-ignore" (git's ignore file)
    label: str  # the shell's name, or the scope
    backup_dir: str
    steps: tuple[Step, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "kind": self.kind,
            "label": self.label,
            "backup_dir": self.backup_dir,
            "steps": [step.to_json() for step in self.steps],
        }

    @staticmethod
    def from_json(data: Mapping[str, object]) -> Place:
        steps = data.get("steps")
        return Place(
            str(data["path"]),
            str(data["kind"]),
            str(data["label"]),
            str(data["backup_dir"]),
            tuple(Step.from_json(s) for s in steps if isinstance(s, dict)) if isinstance(steps, list) else (),
        )

    @property
    def first_backup(self) -> str | None:
        return self.steps[0].backup if self.steps else None


@dataclass
class Entry:
    """What a write adds to the ledger, handed to ``Editing.commit`` by the command. A settings
    write fills ``record`` (ccprofile's settings record before the write) and ``dirs``."""

    ledger: Ledger
    kind: str
    label: str
    run: str
    command: str
    record: Mapping[str, object] | None = None
    dirs: list[str] = field(default_factory=list)


def backups_kept(env: Mapping[str, str]) -> int:
    """The number of backups each file keeps: ``$CCPROFILE_BACKUPS``, else 10."""
    value = env.get(BACKUPS_SETTING, "")
    if not value:
        return fileio.BACKUPS_KEPT
    if not value.isdigit():
        raise CcprofileError(
            f"{BACKUPS_SETTING}={value!r}: give a whole number of backups to keep (0 for none)"
        )
    return int(value)


class Ledger:
    """The ledger in ``state_dir``; ``keep`` backups per file."""

    def __init__(self, state_dir: Path, keep: int = fileio.BACKUPS_KEPT) -> None:
        self.state_dir = state_dir
        self.path = state_dir / LEDGER_FILE
        self.keep = keep
        # Taken before anything of this run is written (a backup makes the state directory):
        # the directories ccprofile makes for its state, which `uninstall --purge` removes.
        self.made = fileio.missing_dirs(state_dir)

    def read(self) -> dict[str, Place]:
        """real path -> place; a ledger that cannot be read is an error naming it."""
        return self._document()[0]

    def _document(self) -> tuple[dict[str, Place], list[str]]:
        """The places and the state folders ccprofile made, from one read of the file."""
        snapshot = fileio.read(self.path)
        if snapshot.data is None:
            return {}, []
        try:
            document = json.loads(snapshot.data)
            places = {str(real): Place.from_json(entry) for real, entry in document["places"].items()}
            return places, [str(d) for d in document.get("made_dirs", [])]
        except (ValueError, KeyError, TypeError, AttributeError):
            raise CcprofileError(
                f"{self.path} is not a ledger ccprofile can read; move it away to start a new one"
            ) from None

    def made_dirs(self) -> tuple[Path, ...]:
        """The directories ccprofile made for its state directory (for ``uninstall --purge``)."""
        snapshot = fileio.read(self.path)
        try:
            made = json.loads(snapshot.data or b"{}").get("made_dirs", [])
            return tuple(Path(str(d)) for d in made)
        except (ValueError, AttributeError):
            return ()

    def _save(self, change: Callable[[dict[str, Place]], None]) -> None:
        self.state_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        with fileio.locked(self.path, create=True):
            places, earlier = self._document()
            change(places)
            document = {
                "version": 1,
                "made_dirs": earlier + [d for d in self.made if d not in earlier],
                "places": {real: place.to_json() for real, place in places.items()},
            }
            text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
            fileio.write(self.path, text.encode(), 0o600)

    def tidy(self, emptied: Path) -> None:
        """Remove the directories ccprofile made that hold ``emptied`` (a directory a file was
        just deleted from), innermost first, while they are empty."""
        made = {Path(d) for place in self.read().values() for step in place.steps for d in step.dirs}
        around = sorted(
            (d for d in made if d == emptied or d in emptied.parents), key=lambda d: -len(d.parts)
        )
        fileio.remove_empty([str(d) for d in around])

    def add(self, real: Path, place: Place, step: Step) -> None:
        """Append ``step`` to the place of ``real`` (made from ``place`` when new)."""

        def change(places: dict[str, Place]) -> None:
            known = places.get(str(real), place)
            places[str(real)] = replace(known, path=place.path, steps=_bounded((*known.steps, step)))

        self._save(change)

    def drop(self, real: Path, count: int) -> None:
        """Forget the last ``count`` steps of ``real`` (undone); the place goes with its last."""

        def change(places: dict[str, Place]) -> None:
            known = places.get(str(real))
            if known is None:
                return
            kept = known.steps[: len(known.steps) - count]
            if kept:
                places[str(real)] = replace(known, steps=kept)
            else:
                del places[str(real)]

        self._save(change)


def _bounded(steps: tuple[Step, ...]) -> tuple[Step, ...]:
    """At most ``MAX_STEPS``: the oldest after the first are folded into the first, which keeps
    the backup from before ccprofile's first change, so `undo --all` stays exact and the chain
    of befores and afters unbroken; only undoing one by one stops at the fold."""
    if len(steps) <= MAX_STEPS:
        return steps
    cut = len(steps) - (MAX_STEPS - 1)  # the first step, then the newest MAX_STEPS - 1
    folded, kept = steps[1:cut], steps[cut:]
    dirs = tuple(dict.fromkeys(d for step in (steps[0], *folded) for d in step.dirs))
    return (replace(steps[0], after=folded[-1].after, dirs=dirs), *kept)
