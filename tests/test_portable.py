"""ccprofile without POSIX-only modules (Windows): the portable lock, the rename that waits for
a file another program holds open, and a whole cycle run with ``fcntl`` taken away."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import types
from pathlib import Path

import pytest

from ccprofile.errors import CcprofileError
from ccprofile.storage import fileio, portable_lock

# Run in a fresh interpreter: the POSIX-only modules are made unimportable before anything of
# ccprofile is imported, then every module is imported and the command line runs.
_WITHOUT_POSIX = """
import sys
for name in ("fcntl", "termios", "pwd", "grp", "resource", "pty", "msvcrt"):
    sys.modules[name] = None  # `import name` now raises ImportError
import importlib, pkgutil, ccprofile
for module in pkgutil.walk_packages(ccprofile.__path__, "ccprofile."):
    importlib.import_module(module.name)
from ccprofile.cli.main import main
sys.argv = ["ccprofile", *sys.argv[1:]]
main()
"""


def _run_without_posix(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _WITHOUT_POSIX, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def test_a_whole_cycle_runs_without_fcntl_under_the_portable_lock(home: Path, tmp_path: Path) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp)}
    bashrc = home / ".bashrc"
    bashrc.write_text("alias ll='ls -l'\n")
    before = bashrc.read_bytes()

    pinned = _run_without_posix(["set-fast-model", "claude-haiku-4-5-20251001", "--shell", "bash"], env)
    assert pinned.returncode == 0, pinned.stderr
    assert "export ANTHROPIC_SMALL_FAST_MODEL='claude-haiku-4-5-20251001'" in bashrc.read_text()

    status = _run_without_posix(["status", "--json", "--shell", "bash"], env)
    assert status.returncode == 0, status.stderr
    report = json.loads(status.stdout)
    assert report["background"]["new_shell"]["model"] == "claude-haiku-4-5-20251001"

    removed = _run_without_posix(["uninstall", "--shell", "bash"], env)
    assert removed.returncode == 0, removed.stderr
    assert bashrc.read_bytes() == before
    # The lock files lived in the temporary folder, never in the home; the exclusive kind
    # (no msvcrt either) is removed on release.
    assert (temp / "ccprofile-locks").is_dir()
    assert list((temp / "ccprofile-locks").iterdir()) == []


def test_the_exclusive_lock_waits_for_its_holder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    monkeypatch.setitem(sys.modules, "msvcrt", None)
    assert _second_waits_for_first(tmp_path / "dir") == ["first in", "first out", "second in"]


def _second_waits_for_first(directory: Path) -> list[str]:
    """A holder keeps the lock 0.3 s; a second run takes it: the order each got it in."""
    order: list[str] = []

    def hold() -> None:
        with portable_lock.held(directory):
            order.append("first in")
            time.sleep(0.3)
            order.append("first out")

    holder = threading.Thread(target=hold)
    holder.start()
    while not order:
        time.sleep(0.01)
    with portable_lock.held(directory):
        order.append("second in")
    holder.join()
    return order


def test_a_lock_left_by_a_killed_run_is_taken_over_once_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    monkeypatch.setitem(sys.modules, "msvcrt", None)
    left = portable_lock.lock_file(tmp_path / "dir")
    left.parent.mkdir(parents=True)
    left.write_text("12345\n")
    old = time.time() - portable_lock.STALE_SECONDS - 5
    os.utime(left, (old, old))
    with portable_lock.held(tmp_path / "dir"):
        assert left.read_text() == f"{os.getpid()}\n"
    assert not left.exists()


def test_a_lock_held_too_long_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    monkeypatch.setitem(sys.modules, "msvcrt", None)
    monkeypatch.setattr(portable_lock, "WAIT_SECONDS", 0.2)
    held = portable_lock.lock_file(tmp_path / "dir")
    held.parent.mkdir(parents=True)
    held.write_text("1\n")  # fresh: another run holds it
    busy = r"cannot lock .*dir: another ccprofile run has held it"
    with pytest.raises(CcprofileError, match=busy), portable_lock.held(tmp_path / "dir"):
        pass
    assert held.read_text() == "1\n"


class _FakeMsvcrt(types.ModuleType):
    """msvcrt.locking's contract: LK_NBLCK fails at once on a byte another handle holds."""

    LK_NBLCK, LK_UNLCK = 2, 0

    def __init__(self) -> None:
        super().__init__("msvcrt")
        self.held: set[int] = set()
        self.calls: list[tuple[int, int]] = []
        self.guard = threading.Lock()

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        assert nbytes == 1 and os.lseek(fd, 0, os.SEEK_CUR) == 0
        inode = os.fstat(fd).st_ino
        with self.guard:
            self.calls.append((mode, inode))
            if mode == self.LK_UNLCK:
                self.held.discard(inode)
            elif inode in self.held:
                raise PermissionError(13, "Permission denied")
            else:
                self.held.add(inode)


def test_on_windows_the_lock_is_a_byte_the_system_lets_go_of(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    fake = _FakeMsvcrt()
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    assert _second_waits_for_first(tmp_path / "dir") == ["first in", "first out", "second in"]
    assert fake.held == set()
    # The file stays (it means nothing without the lock), where the next run finds it.
    assert portable_lock.lock_file(tmp_path / "dir").exists()


def _busy(times: int) -> object:
    real = os.replace
    left = [times]

    def replace(source: str, target: object) -> None:
        if left[0] > 0:
            left[0] -= 1
            error = PermissionError(13, "Access is denied")
            error.winerror = 32  # type: ignore[attr-defined]
            raise error
        real(source, target)  # type: ignore[arg-type]

    return replace


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    """A PowerShell profile alone in its folder, so a temp file left beside it would show."""
    (tmp_path / "docs").mkdir()
    target = tmp_path / "docs" / "profile.ps1"
    target.write_bytes(b"old\r\n")
    return target


def test_a_file_held_open_on_windows_is_replaced_once_it_is_let_go(
    profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = profile
    monkeypatch.setattr(os, "replace", _busy(3))
    fileio.write(target, b"new\r\n", None)
    assert target.read_bytes() == b"new\r\n"
    assert [p.name for p in target.parent.iterdir()] == ["profile.ps1"]


def test_a_file_held_open_for_good_is_left_untouched_with_a_clear_error(
    profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = profile
    monkeypatch.setattr(os, "replace", _busy(fileio.REPLACE_TRIES))
    monkeypatch.setattr(fileio, "_REPLACE_FIRST_WAIT", 0.001)
    with pytest.raises(
        CcprofileError,
        match=r"cannot write .*profile\.ps1: Windows refuses to replace it: another program may have it open",
    ):
        fileio.write(target, b"new\r\n", None)
    assert target.read_bytes() == b"old\r\n"
    assert [p.name for p in target.parent.iterdir()] == ["profile.ps1"]


def test_a_real_permission_error_is_not_waited_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def refuse(source: str, target: object) -> None:
        calls.append(source)
        raise PermissionError(13, "Permission denied")  # POSIX: no winerror

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(CcprofileError, match="Permission denied"):
        fileio.write(tmp_path / "f", b"x", None)
    assert len(calls) == 1


def test_a_probe_that_hangs_is_ended_where_there_are_no_sessions(monkeypatch: pytest.MonkeyPatch) -> None:
    from ccprofile.system import processes

    sleeper = subprocess.Popen(["sleep", "30"])
    monkeypatch.delattr(os, "killpg")  # as on Windows
    processes.kill_session(sleeper.pid)
    assert sleeper.wait(timeout=5) != 0


def test_on_windows_every_shell_finds_the_same_lock_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PowerShell, cmd and Git Bash may give ccprofile other temporary folders; LOCALAPPDATA
    is the same for all of them."""
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "local"))
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "some-temp"))
    assert portable_lock.lock_file(tmp_path / "dir").parent == tmp_path / "local" / "ccprofile" / "locks"
