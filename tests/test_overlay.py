"""The planned bytes of a write, as every reading before the write sees them: one path rule
(the real path) for the startup-file scan and the settings files alike."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from ccprofile.cli.app import app
from ccprofile.storage.overlay import NONE, Overlay

H45 = "claude-haiku-4-5-20251001"


def test_a_path_is_the_file_it_names_through_links(tmp_path: Path) -> None:
    real = tmp_path / "data" / "dotfiles"
    real.mkdir(parents=True)
    (real / "bashrc").write_text("# old\n")
    (tmp_path / ".dotfiles").symlink_to(real)
    (tmp_path / ".bashrc").symlink_to(tmp_path / ".dotfiles" / "bashrc")
    overlay = Overlay({tmp_path / ".bashrc": b"# new\n", tmp_path / "gone": None})
    for spelling in (tmp_path / ".bashrc", tmp_path / ".dotfiles" / "bashrc", real / "bashrc"):
        assert (overlay.holds(spelling), overlay.data(spelling), overlay.writes(spelling)) == (
            True,
            b"# new\n",
            True,
        )
    assert (overlay.deletes(tmp_path / "gone"), overlay.writes(tmp_path / "gone")) == (True, False)
    assert not overlay.holds(tmp_path / ".profile")
    assert not overlay.deletes(tmp_path / ".profile")
    assert overlay.written() == {tmp_path / ".bashrc"}  # as the write names it


def test_a_new_file_is_listed_in_its_folder_under_any_spelling_of_it(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "conf.d"
    folder.mkdir(parents=True)
    (tmp_path / "conf.d").symlink_to(folder)
    overlay = Overlay({tmp_path / "conf.d" / "ccprofile.fish": b"set -gx X 1\n", folder / "old.fish": None})
    assert overlay.written_in(folder) == [folder / "ccprofile.fish"]
    assert overlay.written_in(tmp_path / "conf.d") == [tmp_path / "conf.d" / "ccprofile.fish"]
    assert overlay.written_in(tmp_path) == []


def test_a_reading_without_a_write_holds_nothing(tmp_path: Path) -> None:
    assert not NONE
    assert not NONE.holds(tmp_path)
    assert NONE.written_in(tmp_path) == []
    assert NONE.written() == frozenset()


def test_the_check_before_a_write_reads_the_planned_file_under_another_links_spelling(home: Path) -> None:
    """~/.bashrc links into a linked dotfiles folder, and ~/.bash_profile sources the file by
    that folder's name. The check once matched planned bytes by two spellings only, read the
    old file there, and told the user to add a source line that was already there."""
    real = home.parent / "data" / "dotfiles"
    real.mkdir(parents=True)
    (real / "bashrc").write_text("# my bashrc\n")
    (home / ".dotfiles").symlink_to(real)
    (home / ".bashrc").symlink_to(home / ".dotfiles" / "bashrc")
    (home / ".bash_profile").write_text(". ~/.dotfiles/bashrc\n")
    result = CliRunner().invoke(app, ["set-fast-model", H45, "--shell", "bash", "--no-verify"])
    assert result.exit_code == 0, result.output
    assert "does not source" not in result.output
    assert "New terminals pick this up." in result.output
    assert f"export ANTHROPIC_SMALL_FAST_MODEL='{H45}'" in (real / "bashrc").read_text()
