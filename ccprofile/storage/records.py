"""ccprofile's record of what it changed in Claude Code's settings files, and its storage.

Per file: each key ccprofile set, the value it had before (or that it was absent) and the
value written; whether ccprofile created the file, its ``env`` object or its directory; the
file's text before ccprofile's first change; and a hash of the text it last wrote. While a
write is under way the record holds both values of each key and both texts' hashes, so a
kill at any moment leaves it able to undo whatever is on disk. ``settings_pins`` plans with
it; status reads the few fields it needs through the lighter ``claude/pin_record``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ccprofile.errors import CcprofileError
from ccprofile.storage import codec, fileio
from ccprofile.storage.state import RECORD_FILE


class Absent:
    """A key's previous value when the file did not have it (JSON null is a value)."""

    def __repr__(self) -> str:
        return "<absent>"


ABSENT = Absent()


@dataclass(frozen=True)
class Key:
    previous: object  # the JSON value before ccprofile set it; ABSENT: the key was not there
    written: str
    # Between the record and the file being written (a kill may fall there) the file may still
    # hold the value before: the key is ccprofile's with either value.
    also: str | None = None

    def holds(self, value: object) -> bool:
        return value == self.written or (self.also is not None and value == self.also)


@dataclass(frozen=True)
class Record:
    scope: str
    keys: dict[str, Key] = field(default_factory=dict)  # pin name -> what ccprofile did
    created_file: bool = False
    created_env: bool = False
    previous_text: str | None = None  # before ccprofile's first change; None: no file
    written_sha: str = ""
    created_dir: bool = False  # ccprofile made the file's directory (~/.claude, .claude)
    also_sha: str = ""  # while a write is under way: the hash of the text before it

    def wrote(self, text: str) -> bool:
        """The file's text is one ccprofile wrote (or was about to replace)."""
        return sha(text) in {self.written_sha, self.also_sha} - {""}

    def to_json(self) -> dict[str, object]:
        return {
            "scope": self.scope,
            "keys": {
                name: {
                    "previous": None if key.previous is ABSENT else key.previous,
                    "had_previous": key.previous is not ABSENT,
                    "written": key.written,
                    "also": key.also,
                }
                for name, key in self.keys.items()
            },
            "created_file": self.created_file,
            "created_env": self.created_env,
            "previous_text": self.previous_text,
            "written_sha": self.written_sha,
            "created_dir": self.created_dir,
            "also_sha": self.also_sha,
        }

    @staticmethod
    def from_json(data: Mapping[str, object]) -> Record:
        raw_keys = data.get("keys")
        keys = {
            str(name): Key(
                entry.get("previous") if entry.get("had_previous") else ABSENT,
                str(entry["written"]),
                entry["also"] if isinstance(entry.get("also"), str) else None,
            )
            for name, entry in (raw_keys.items() if isinstance(raw_keys, dict) else ())
            if isinstance(entry, dict)
        }
        previous = data.get("previous_text")
        return Record(
            str(data.get("scope", "")),
            keys,
            bool(data.get("created_file")),
            bool(data.get("created_env")),
            previous if isinstance(previous, str) else None,
            str(data.get("written_sha", "")),
            bool(data.get("created_dir")),
            str(data.get("also_sha", "")),
        )


def sha(text: str) -> str:
    import hashlib

    return hashlib.sha256(codec.encode(text)).hexdigest()


class Records:
    """ccprofile's record of the settings files it changed, kept in its state directory."""

    def __init__(self, state_dir: Path) -> None:
        self.path = state_dir / RECORD_FILE

    def read(self) -> dict[str, Record]:
        snapshot = fileio.read(self.path)
        if snapshot.data is None:
            return {}
        try:
            data = json.loads(snapshot.data)
            files = data["files"]
            return {str(path): Record.from_json(entry) for path, entry in files.items()}
        except (ValueError, KeyError, TypeError, AttributeError):
            raise CcprofileError(
                f"{self.path} is not a record ccprofile can read; move it away to start a new one"
            ) from None

    def save(self, path: Path, record: Record | None) -> None:
        """Replace one file's record (None: forget the file), under the record's own lock."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with fileio.locked(self.path, create=True):
            files = {key: value.to_json() for key, value in self.read().items()}
            if record is None:
                files.pop(str(path), None)
            else:
                files[str(path)] = record.to_json()
            text = json.dumps({"version": 1, "files": files}, indent=2, ensure_ascii=False) + "\n"
            fileio.write(self.path, codec.encode(text), None)
