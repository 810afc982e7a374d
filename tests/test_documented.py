"""Behaviours the docs promise that no other test pinned down: each would go unnoticed if
deleted (issue 18's reading found all four removable with the suite green)."""

from __future__ import annotations

import os
from pathlib import Path

from tests.helpers import run_cli

H45 = "claude-haiku-4-5-20251001"


def test_completion_in_zsh_says_it_needs_compinit(home: Path) -> None:
    """Where ccprofile cannot tell whether compinit runs first (oh-my-zsh's file through a
    variable), the note says it is needed; where no file runs it, that new terminals do not
    complete yet; bash needs none."""
    (home / ".zshrc").write_text("source $ZSH/oh-my-zsh.sh\n")
    added = run_cli(["completion", "--shell", "zsh"])
    assert added.returncode == 0, added.stderr
    said = " ".join(added.stdout.split())
    assert "zsh completes with it once compinit has run earlier in the file" in said
    (home / ".zshrc").unlink()
    fresh = " ".join(run_cli(["completion", "--shell", "zsh"]).stdout.split())
    assert "no file they read runs compinit before the ccprofile block" in fresh
    bash = run_cli(["completion", "--shell", "bash"])
    assert "compinit" not in bash.stdout


def test_uninstall_all_takes_no_file_scope_or_project(home: Path) -> None:
    """Without the refusal, `uninstall --all --file X` would strip every file, not X."""
    (home / ".bashrc").write_text("# mine\n")
    assert run_cli(["set-fast-model", H45, "--shell", "bash", "--no-verify"]).returncode == 0
    before = (home / ".bashrc").read_bytes()
    for extra in (["--file", str(home / ".zshrc")], ["--scope", "user"], ["--project", str(home)]):
        refused = run_cli(["uninstall", "--all", *extra])
        assert refused.returncode == 2, extra
        assert refused.stderr.strip().endswith(
            "--all removes every pin ccprofile wrote; it takes no --file, --scope or --project"
        ), refused.stderr
    assert (home / ".bashrc").read_bytes() == before


def test_a_probe_failure_names_the_option(home: Path) -> None:
    """A failure of the real shell `--probe` starts says it came from --probe."""
    failed = run_cli(["status", "--probe", "--shell", "tcsh"], {**os.environ, "PATH": _path_without("tcsh")})
    assert failed.returncode == 3, failed.stderr
    assert failed.stderr.startswith("ccprofile: error: --probe: tcsh is not on PATH"), failed.stderr


def _path_without(program: str) -> str:
    """PATH with every directory that holds ``program`` left out (ccprofile's own kept first)."""
    kept = [d for d in os.environ["PATH"].split(os.pathsep) if not (Path(d) / program).exists()]
    return os.pathsep.join(kept)


def test_writing_through_a_link_says_where_it_writes(home: Path, tmp_path: Path) -> None:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    (dotfiles / "bashrc").write_text("# mine\n")
    (home / ".bashrc").symlink_to(dotfiles / "bashrc")
    written = run_cli(["set-fast-model", H45, "--shell", "bash", "--no-verify"])
    assert written.returncode == 0, written.stderr
    said = " ".join(written.stdout.split())
    assert f"~/.bashrc is a link; writing to {dotfiles / 'bashrc'}." in said
    assert (home / ".bashrc").is_symlink() and H45 in (dotfiles / "bashrc").read_text()
