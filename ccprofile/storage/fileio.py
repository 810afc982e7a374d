"""Safe reads and writes of any file ccprofile changes: lock, atomic replace, mode kept, links followed.

A startup file is either left untouched or fully replaced: the new bytes go to a temporary
file in the same directory, are fsynced, and are renamed over the old file in one step.

Nothing POSIX-only is imported at module level: the lock is ``fcntl.flock`` on the file's
directory where ``fcntl`` exists, else the portable lock of ``portable_lock.py`` (Windows).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from ccprofile.errors import CcprofileError

BACKUPS_KEPT = 10
_LOCK_TRIES = 20
_BACKUP_NAME = re.compile(r"\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ(?:-\d\d)?")
_TMP_SUFFIX = ".ccprofile.tmp"


def _fail(action: str, path: Path, error: OSError) -> CcprofileError:
    reason = error.strerror or str(error)
    return CcprofileError(f"cannot {action} {path}: {reason}")


def resolve(path: Path) -> Path:
    """The file to really read and write: through symlinks (stow, chezmoi, yadm) to the target."""
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    if path.is_symlink() and not target.exists():
        raise CcprofileError(f"cannot write {path}: it is a symlink to {target}, which does not exist")
    if target.is_dir():
        raise CcprofileError(f"cannot write {path}: it is a directory")
    return target


class Snapshot:
    """A file's bytes and mode as read (``data`` None: there is no file). A plain class: status imports it,
    and a dataclass costs status a millisecond to create (docs/performance.md)."""

    __slots__ = ("data", "mode", "path")

    def __init__(self, path: Path, data: bytes | None, mode: int | None) -> None:
        self.path = path  # the real file, after following links
        self.data = data  # None when the file does not exist
        self.mode = mode


def read(target: Path) -> Snapshot:
    try:
        with open(target, "rb") as handle:
            return Snapshot(target, handle.read(), os.fstat(handle.fileno()).st_mode & 0o7777)
    except FileNotFoundError:
        return Snapshot(target, None, None)
    except OSError as error:
        raise _fail("read", target, error) from None


@contextlib.contextmanager
def locked(target: Path, *, create: bool) -> Iterator[None]:
    """Hold an exclusive lock on the file's directory against concurrent ccprofile runs.

    The lock is on the directory, not the file, because the file's inode changes with
    every atomic replace; and it leaves no lock file behind in the user's home. With
    ``create`` a missing directory is made first; without it there is nothing to lock.
    """
    try:
        import fcntl
    except ImportError:  # Windows: a directory cannot be opened, let alone locked
        with _portable(target, create=create):
            yield
        return
    directory = target.parent
    for _ in range(_LOCK_TRIES):
        if not create and not directory.is_dir():
            yield
            return
        try:
            directory.mkdir(parents=True, exist_ok=True)
            fd = os.open(directory, os.O_RDONLY)
        except OSError as error:
            raise _fail("create the directory of", target, error) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            # Another run may have removed the directory, empty, while this one waited (ccprofile
            # removes the folders it made once empty): lock the one that is there now instead.
            if _same_directory(fd, directory):
                yield
                return
        finally:
            os.close(fd)  # closing releases the lock
    raise CcprofileError(f"cannot lock {directory}: it keeps being removed and made again")


@contextlib.contextmanager
def _portable(target: Path, *, create: bool) -> Iterator[None]:
    from ccprofile.storage import portable_lock

    directory = target.parent
    if create:
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise _fail("create the directory of", target, error) from None
    elif not directory.is_dir():
        yield
        return
    # Held outside the directory, the lock outlives its removal: nothing to check again.
    with portable_lock.held(directory):
        yield


def _same_directory(fd: int, directory: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(directory))
    except OSError:
        return False


def _temp_prefix(target: Path) -> str:
    return "." + target.name.lstrip(".") + "."


def remove_stale_temps(target: Path) -> None:
    """Delete temp files that killed runs left beside ``target``; call holding ``locked``."""
    # A run killed between mkstemp and rename leaves its temp file; the lock is held, so any
    # file matching the pattern is garbage.
    for stale in target.parent.glob(f"{_temp_prefix(target)}*{_TMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            stale.unlink()


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def check_writable(target: Path) -> None:
    """Refuse before anything is touched: a read-only file is a choice the user made."""
    # Root may write anything: the bits still say what the user chose.
    if not os.access(target.parent, os.W_OK) or not target.parent.stat().st_mode & 0o222:
        raise CcprofileError(f"cannot write {target}: directory {target.parent} is not writable")
    if target.exists() and (not os.access(target, os.W_OK) or not target.stat().st_mode & 0o222):
        raise CcprofileError(f"cannot write {target}: the file is read-only")


def write(target: Path, data: bytes, mode: int | None) -> None:
    """Atomically replace ``target`` with ``data``; call while holding ``locked(target)``."""
    try:
        import tempfile  # only writes need it; status reads through this module too

        fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=_TMP_SUFFIX, dir=target.parent)
    except OSError as error:
        raise _fail("write", target, error) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            _chmod(handle.fileno(), tmp, _default_mode() if mode is None else mode)
        replace(tmp, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise _fail("write", target, error) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_directory(target.parent)


def _chmod(fd: int, path: str, mode: int) -> None:
    if hasattr(os, "fchmod"):
        os.fchmod(fd, mode)
    else:  # Windows before Python 3.13: the mode there is only read-only or not
        os.chmod(path, mode)


# Windows refuses to replace a file another program holds open without FILE_SHARE_DELETE (an
# editor, a virus scanner, a sync client): ERROR_ACCESS_DENIED or ERROR_SHARING_VIOLATION.
# Those programs let go within moments, so the rename is tried again, for about 3 s in all.
_BUSY_WINERRORS = (5, 32)
REPLACE_TRIES = 12
_REPLACE_FIRST_WAIT = 0.02


def replace(source: str, target: Path) -> None:
    """``os.replace``, tried again while Windows says another program holds ``target`` open."""
    wait = _REPLACE_FIRST_WAIT
    for attempt in range(REPLACE_TRIES):
        try:
            os.replace(source, target)
            return
        except PermissionError as error:
            if getattr(error, "winerror", None) not in _BUSY_WINERRORS:
                raise
            if attempt == REPLACE_TRIES - 1:
                raise PermissionError(
                    error.errno,
                    "Windows refuses to replace it: another program may have it open (close it and "
                    "run the command again), or you may not have the right to change it",
                ) from None
            time.sleep(wait)
            wait = min(wait * 2, 0.5)


def delete(target: Path) -> None:
    try:
        target.unlink()
    except OSError as error:
        raise _fail("remove", target, error) from None
    _fsync_directory(target.parent)


def _fsync_directory(directory: Path) -> None:
    # Makes the rename durable; some filesystems refuse fsync on a directory, which is fine.
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def backup(
    target: Path, data: bytes, backup_dir: Path, keep: int = BACKUPS_KEPT, protect: str | None = None
) -> Path | None:
    """Keep a copy of ``data`` (the file before our change) in ``backup_dir``, the folder of
    this one file, named by the UTC time; the newest ``keep`` stay (none with 0), and
    ``protect`` (the copy from before ccprofile's first change, which undo --all needs)."""
    if keep <= 0:
        return None
    stamp = time.strftime("%Y-%m-%dT%H-%M-%SZ", time.gmtime())
    try:
        backup_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        for attempt in range(100):
            # Two writes in one second get -01, -02, ...: names still sort by time.
            copy = backup_dir / (stamp if attempt == 0 else f"{stamp}-{attempt:02d}")
            try:
                fd = os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                break
            except FileExistsError:
                continue
        else:
            raise FileExistsError(errno.EEXIST, "too many backups within one second", str(copy))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        copies = sorted(
            p for p in backup_dir.iterdir() if _BACKUP_NAME.fullmatch(p.name) and p.name != protect
        )
        for path in copies[:-keep]:
            path.unlink()
    except OSError as error:
        raise _fail("back up", target, error) from None
    return copy


def missing_dirs(directory: Path) -> list[str]:
    """``directory`` and its ancestors that do not exist yet, innermost first: the ones a
    write there would make, so that they can be removed again once empty."""
    made: list[str] = []
    while not directory.exists() and directory != directory.parent:
        made.append(str(directory))
        directory = directory.parent
    return made


def remove_empty(dirs: Sequence[str]) -> None:
    """Remove the directories ccprofile made, innermost first, while they are empty. Each
    under its own lock, the one writers in it hold: a run about to write there either finds it
    gone and makes it again, or has written before it is looked at. Call holding no lock."""
    for directory in dirs:
        with locked(Path(directory) / "-", create=False):
            try:
                os.rmdir(directory)
            except OSError:
                return  # not empty (something else lives there now), or already gone
