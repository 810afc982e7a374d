"""One edit of one file, the only way ccprofile changes a file it does not own.

``opened`` locks the file and reads it; the caller plans the new text and checks it with plain
calls of its own; ``commit`` then backs up the old bytes, records the step in the ledger and
replaces the file atomically. A caller that does not commit leaves the file as it was. The
lock is held from the read to the replace, so nothing another run writes is lost in between.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ccprofile.errors import NOTHING_WRITTEN, CcprofileError
from ccprofile.storage import codec, fileio, ledger


@dataclass
class Editing:
    """A file opened for one edit: its bytes when it was read, under the lock."""

    path: Path  # as the user knows it: the link, if it is one
    real: Path  # the file actually written
    data: bytes | None  # None: there is no file
    text: str  # the bytes decoded, once: a large file is planned, compared and diffed from it
    mode: int | None
    made: list[str] = field(default_factory=list)  # folders made so that the file could be locked
    backup: Path | None = None  # where the old bytes were saved, once committed
    committed: bool = False

    @property
    def missing(self) -> bool:
        return self.data is None

    def changes(self, new: str | None) -> bool:
        """Whether writing ``new`` (None: delete) changes anything; a missing file stays missing
        unless there is something to write into it."""
        return new not in (None, "") if self.missing else new != self.text

    def commit(self, new: str | None, *, backup_dir: Path, entry: ledger.Entry | None) -> None:
        """Back up the old bytes, add the ledger's step (after the backup, before the replace)
        and replace the file with ``new`` (None: delete it)."""
        fileio.check_writable(self.real)
        keep = entry.ledger.keep if entry is not None else fileio.BACKUPS_KEPT
        known = entry.ledger.read().get(str(self.real)) if entry is not None else None
        if self.data:
            first = known.first_backup if known is not None else None
            self.backup = fileio.backup(self.real, self.data, backup_dir, keep, protect=first)
        data = None if new is None else codec.encode(new)
        if entry is not None:
            place = ledger.Place(str(self.path), entry.kind, entry.label, str(backup_dir))
            step = ledger.Step(
                entry.run,
                entry.command,
                not self.missing,
                self.backup.name if self.backup is not None else None,
                ledger.digest(self.data),
                ledger.digest(data),
                entry.record,
                tuple([*entry.dirs, *self.made]),
            )
            entry.ledger.add(self.real, place, step)
        if data is None:
            fileio.delete(self.real)
        else:
            fileio.write(self.real, data, self.mode)
        self.committed = True


@contextmanager
def opened(path: Path, *, create: bool, clean: bool) -> Iterator[Editing]:
    """Lock ``path`` and read it for one edit. ``create``: make its missing folders (taken away
    again when nothing is committed); ``clean``: first remove what a killed run left behind."""
    real = fileio.resolve(path)
    made = fileio.missing_dirs(real.parent) if create else []
    with fileio.locked(real, create=create):
        if clean and real.parent.is_dir():
            # Also when nothing changes: a later run cleans up after a killed one.
            fileio.remove_stale_temps(real)
        snapshot = fileio.read(real)
        if b"\0" in (snapshot.data or b""):
            raise CcprofileError(
                f"{path} contains NUL bytes, so it is not a text file ccprofile may edit; {NOTHING_WRITTEN}"
            )
        editing = Editing(path, real, snapshot.data, codec.decode(snapshot.data or b""), snapshot.mode, made)
        yield editing
    if made and not editing.committed:
        fileio.remove_empty(made)  # made only to lock: nothing was written there


def restore(real: Path, previous: bytes | None, mode: int | None) -> None:
    """Put a file back as it was before an edit (``--strict`` after a failed check)."""
    with fileio.locked(real, create=False):
        if previous is None:
            if real.exists():
                fileio.delete(real)
        else:
            fileio.write(real, previous, mode)
