"""The lock where there is no ``fcntl`` (Windows): one lock file per directory, kept in
``%LOCALAPPDATA%`` (else the temporary folder), never beside the user's files.

On Windows the lock is ``msvcrt.locking`` on one byte of that file: the system lets go of it
when the process ends, however it ends, so a killed run leaves no lock behind, only a file
that means nothing. Without ``msvcrt`` either, the file itself is the lock: made with
``O_EXCL``, removed on release. A run killed while holding it leaves it behind, so one older
than ``STALE_SECONDS`` (no ccprofile command holds a lock nearly that long) is taken over.

ccprofile's dependencies are fixed (typer, rich, shellingham), so this is the few lines of
``filelock`` it needs, not ``filelock`` itself.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from ccprofile.errors import CcprofileError

WAIT_SECONDS = 10.0
STALE_SECONDS = 120.0
_POLL = 0.05


def lock_file(directory: Path) -> Path:
    """The lock file of ``directory``: one per directory, named by a digest of its path, in
    ``%LOCALAPPDATA%\\ccprofile\\locks`` where that is set (the same for a ccprofile started
    from PowerShell, cmd or Git Bash, whose temporary folders may differ), else the temporary
    folder's ``ccprofile-locks``."""
    key = os.path.normcase(os.path.abspath(directory)).encode("utf-8", "surrogateescape")
    local = os.environ.get("LOCALAPPDATA", "")
    folder = (
        Path(local) / "ccprofile" / "locks"
        if os.path.isabs(local)
        else Path(tempfile.gettempdir()) / "ccprofile-locks"
    )
    return folder / (hashlib.sha256(key).hexdigest()[:32] + ".lock")


def _busy(directory: Path) -> CcprofileError:
    return CcprofileError(
        f"cannot lock {directory}: another ccprofile run has held it for {WAIT_SECONDS:.0f} s; "
        "run the command again when it has finished"
    )


@contextlib.contextmanager
def held(directory: Path) -> Iterator[None]:
    path = lock_file(directory)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CcprofileError(f"cannot make the lock folder {path.parent}: {error.strerror}") from None
    try:
        import msvcrt
    except ImportError:
        with _exclusive_file(path, directory):
            yield
        return
    with _byte_lock(msvcrt, path, directory):
        yield


@contextlib.contextmanager
def _byte_lock(msvcrt: object, path: Path, directory: Path) -> Iterator[None]:
    locking = getattr(msvcrt, "locking")  # noqa: B009 - typeshed has msvcrt only on Windows
    nonblocking, unlock = getattr(msvcrt, "LK_NBLCK"), getattr(msvcrt, "LK_UNLCK")  # noqa: B009
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as error:
        raise CcprofileError(f"cannot lock {directory}: {path}: {error.strerror}") from None
    try:
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            try:
                locking(fd, nonblocking, 1)  # one byte from the start: the file is never written
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise _busy(directory) from None
                time.sleep(_POLL)
        try:
            yield
        finally:
            os.lseek(fd, 0, os.SEEK_SET)
            with contextlib.suppress(OSError):
                locking(fd, unlock, 1)
    finally:
        os.close(fd)  # closing lets go of the lock too


@contextlib.contextmanager
def _exclusive_file(path: Path, directory: Path) -> Iterator[None]:
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            if _stale(path):
                with contextlib.suppress(OSError):
                    path.unlink()
                continue
            if time.monotonic() > deadline:
                raise _busy(directory) from None
            time.sleep(_POLL)
            continue
        except OSError as error:
            raise CcprofileError(f"cannot lock {directory}: {path}: {error.strerror}") from None
        try:
            with os.fdopen(fd, "w") as handle:
                handle.write(f"{os.getpid()}\n")  # for a person who finds the file
        except OSError as error:
            with contextlib.suppress(OSError):
                path.unlink()
            raise CcprofileError(f"cannot lock {directory}: {path}: {error.strerror}") from None
        break
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            path.unlink()


def _stale(path: Path) -> bool:
    try:
        return time.time() - path.stat().st_mtime > STALE_SECONDS
    except OSError:
        return False  # gone already: the next try makes it
