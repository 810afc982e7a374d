"""Layer 3: file I/O on a temporary home: modes, symlinks, backups, errors that change nothing."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from ccprofile.claude.variables import FAST, PINNABLE
from ccprofile.errors import CcprofileError
from ccprofile.startup.shells import SHELLS
from ccprofile.storage import fileio
from tests.helpers import run_cli
from tests.writes import remove_block, update_block

ZSH = SHELLS["zsh"]


def pin(value: str):  # type: ignore[no-untyped-def]
    def edit(pins: dict[str, str]) -> dict[str, str]:
        pins[FAST] = value
        return pins

    return edit


def test_set_and_uninstall_restore_bytes_and_mode(home: Path) -> None:
    rc = home / ".zshrc"
    original = b"\xef\xbb\xbfexport PATH=/x\r\n\xff\xfe junk"
    rc.write_bytes(original)
    rc.chmod(0o640)
    backups = home / "b"
    change = update_block(rc, ZSH, pin("m1"), names=PINNABLE, backup_dir=backups)
    assert change.changed and not change.created
    assert stat.S_IMODE(rc.stat().st_mode) == 0o640
    # A CRLF file gets an LF block: bash and zsh would read a \r into the value.
    assert b"\nexport ANTHROPIC_SMALL_FAST_MODEL='m1'\n" in rc.read_bytes()
    assert [p.read_bytes() for p in backups.iterdir()] == [original]
    remove_block(rc, ZSH, names=PINNABLE, backup_dir=backups)
    assert rc.read_bytes() == original
    assert stat.S_IMODE(rc.stat().st_mode) == 0o640


def test_second_identical_set_does_not_rewrite(home: Path) -> None:
    rc = home / ".zshrc"
    update_block(rc, ZSH, pin("m1"), names=PINNABLE, backup_dir=home / "b")
    inode = rc.stat().st_ino
    change = update_block(rc, ZSH, pin("m1"), names=PINNABLE, backup_dir=home / "b")
    assert not change.changed
    assert rc.stat().st_ino == inode


def test_created_file_is_deleted_by_uninstall_only_if_untouched(home: Path) -> None:
    rc = home / ".zshrc"
    update_block(rc, ZSH, pin("m1"), names=PINNABLE, backup_dir=home / "b")
    assert remove_block(rc, ZSH, names=PINNABLE, backup_dir=home / "b").deleted
    assert not rc.exists()
    update_block(rc, ZSH, pin("m1"), names=PINNABLE, backup_dir=home / "b")
    with rc.open("a") as handle:
        handle.write("alias g=git\n")
    change = remove_block(rc, ZSH, names=PINNABLE, backup_dir=home / "b")
    assert not change.deleted
    assert rc.read_text() == "alias g=git\n"


def test_empty_existing_file_stays_an_empty_file(home: Path) -> None:
    rc = home / ".zshrc"
    rc.write_bytes(b"")
    update_block(rc, ZSH, pin("m1"), names=PINNABLE, backup_dir=home / "b")
    remove_block(rc, ZSH, names=PINNABLE, backup_dir=home / "b")
    assert rc.exists() and rc.read_bytes() == b""


def test_symlink_is_written_through_and_stays_a_link(home: Path) -> None:
    dotfiles = home / "dotfiles"
    dotfiles.mkdir()
    (dotfiles / "zshrc").write_text("# mine\n")
    rc = home / ".zshrc"
    rc.symlink_to(dotfiles / "zshrc")
    change = update_block(rc, ZSH, pin("m1"), names=PINNABLE, backup_dir=home / "b")
    assert rc.is_symlink()
    assert change.real_path == dotfiles / "zshrc"
    assert "ANTHROPIC_SMALL_FAST_MODEL" in (dotfiles / "zshrc").read_text()


def test_missing_parent_directories_are_created(home: Path) -> None:
    target = home / ".config" / "fish" / "conf.d" / "ccprofile.fish"
    update_block(target, SHELLS["fish"], pin("m1"), names=PINNABLE, backup_dir=home / "b")
    assert "set -gx ANTHROPIC_SMALL_FAST_MODEL 'm1'" in target.read_text()


def test_dry_run_writes_nothing_and_returns_a_diff(home: Path) -> None:
    rc = home / "sub" / ".zshrc"
    change = update_block(rc, ZSH, pin("m1"), names=PINNABLE, backup_dir=home / "b", dry_run=True)
    assert not rc.parent.exists()
    assert change.diff.startswith(f"--- {rc}\n+++ {rc}\n")
    assert "+export ANTHROPIC_SMALL_FAST_MODEL='m1'\n" in change.diff


def test_backups_are_bounded(home: Path) -> None:
    rc = home / ".zshrc"
    rc.write_text("x\n")
    for index in range(fileio.BACKUPS_KEPT + 5):
        update_block(rc, ZSH, pin(f"m{index}"), names=PINNABLE, backup_dir=home / "b")
    assert len(list((home / "b").iterdir())) == fileio.BACKUPS_KEPT


def _no_temp_files(directory: Path) -> bool:
    return not [p for p in directory.iterdir() if p.name.endswith(".ccprofile.tmp")]


@pytest.mark.parametrize("what", ["directory", "file"])
def test_unwritable_directory_or_file_is_a_clean_error(home: Path, what: str) -> None:
    rc = home / ".zshrc"
    rc.write_text("keep\n")
    locked = home if what == "directory" else rc
    locked.chmod(0o555 if what == "directory" else 0o444)
    try:
        result = run_cli(
            ["set-fast-model", "claude-haiku-4-5-20251001", "--shell", "zsh"], respect_permissions=True
        )
    finally:
        locked.chmod(0o755 if what == "directory" else 0o644)
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("ccprofile: error: cannot write ")
    assert ".zshrc" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert rc.read_text() == "keep\n"
    assert _no_temp_files(home)


def test_directory_where_the_file_should_be(home: Path) -> None:
    (home / ".zshrc").mkdir()
    with pytest.raises(CcprofileError, match=r"\.zshrc: it is a directory"):
        update_block(home / ".zshrc", ZSH, pin("m1"), names=PINNABLE, backup_dir=home / "b")


def test_dangling_symlink_is_refused(home: Path) -> None:
    (home / ".zshrc").symlink_to(home / "nowhere" / "zshrc")
    with pytest.raises(CcprofileError, match="which does not exist"):
        update_block(home / ".zshrc", ZSH, pin("m1"), names=PINNABLE, backup_dir=home / "b")
    assert (home / ".zshrc").is_symlink()


def test_unbalanced_markers_name_file_and_lines_and_write_nothing(home: Path) -> None:
    rc = home / ".zshrc"
    original = "a\n# >>> ccprofile >>>\nb\n"
    rc.write_text(original)
    with pytest.raises(CcprofileError, match=r"\.zshrc: ccprofile begin marker at line 2 has no end marker"):
        update_block(rc, ZSH, pin("m1"), names=PINNABLE, backup_dir=home / "b")
    assert rc.read_text() == original


def test_hand_edited_block_is_refused_for_set_but_removed_by_uninstall(home: Path) -> None:
    rc = home / ".zshrc"
    rc.write_text("# >>> ccprofile >>>\nalias x=y\n# <<< ccprofile <<<\n")
    with pytest.raises(CcprofileError, match=r"\.zshrc:2: this line inside the ccprofile block"):
        update_block(rc, ZSH, pin("m1"), names=PINNABLE, backup_dir=home / "b")
    remove_block(rc, ZSH, names=PINNABLE, backup_dir=home / "b")
    assert rc.read_text() == ""


def test_stray_temp_file_from_a_killed_run_is_cleaned_up(home: Path) -> None:
    rc = home / ".zshrc"
    stray = home / ".zshrc.abc123.ccprofile.tmp"
    stray.write_text("half")
    update_block(rc, ZSH, pin("m1"), names=PINNABLE, backup_dir=home / "b")
    assert not stray.exists()


def test_block_written_for_another_shell_is_rewritten_in_this_ones_syntax(home: Path) -> None:
    rc = home / ".profile"
    rc.write_text("# >>> ccprofile >>>\nsetenv ANTHROPIC_MODEL 'x'\n# <<< ccprofile <<<\n")
    change = update_block(rc, SHELLS["sh"], pin("m1"), names=PINNABLE, backup_dir=home / "b")
    assert change.after == (("ANTHROPIC_SMALL_FAST_MODEL", "m1"), ("ANTHROPIC_MODEL", "x"))
    assert "export ANTHROPIC_MODEL='x'" in rc.read_text()
