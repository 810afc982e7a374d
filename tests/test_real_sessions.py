"""Real shells, used the way a user uses them: a terminal that sources the pin and then
removes it, startup files written on Windows, startup files that stop early, ccprofile run
from a setup script or from a shell that is not the login shell."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path
from typing import Any

import pexpect
import pytest

from tests.conftest import ccprofile_command, require_program
from tests.helpers import run_cli
from tests.test_real_shells import FAST, HAIKU, new_terminal_env

pytestmark = pytest.mark.real_shell
H45 = "claude-haiku-4-5-20251001"
BIN = str(Path(ccprofile_command()[0]).parent)


class Terminal:
    """An interactive shell on a pty, typed into line by line, as a user's terminal."""

    def __init__(self, shell: str, env: dict[str, str]) -> None:
        program = require_program(shell)
        env = {**env, "PATH": f"{BIN}:{env['PATH']}", "TERM": "dumb"}
        args = ["-i"] if shell != "fish" else ["-i", "--no-config"]
        self.child = pexpect.spawn(program, args, env=env, encoding="utf-8", timeout=60)
        self.count = 0
        self.run("true")  # wait until the shell is up

    def run(self, command: str) -> str:
        self.count += 1
        mark = f"__done_{self.count}__"
        # The marker is built from two halves so the echoed command line never matches it.
        half = len(mark) // 2
        self.child.sendline(f"{command}; echo '{mark[:half]}''{mark[half:]}'")
        self.child.expect(mark)
        return str(self.child.before)

    def close(self) -> None:
        self.child.sendline("exit")
        self.child.close(force=True)


def _status(term: Terminal, out: Path) -> dict[str, Any]:
    term.run(f"ccprofile status --json > {out}")
    report: dict[str, Any] = json.loads(out.read_text())
    return report


SOURCE = {
    "bash": "source ~/.bashrc",
    "zsh": "source ~/.zshrc",
    "fish": "source ~/.config/fish/conf.d/ccprofile.fish",
}


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize("removal", ["uninstall", "unset-fast-model"])
def test_a_terminal_that_loaded_the_pin_then_removed_it(
    home: Path, tmp_path: Path, shell: str, removal: str
) -> None:
    """After the removal status must not promise the old pin to new terminals, must name
    this terminal's leftovers, and the command it prints must really clear them."""
    term = Terminal(shell, {**os.environ, "SHELL": f"/bin/{shell}"})
    try:
        term.run(f"ccprofile set-fast-model {H45} --no-verify")
        term.run(SOURCE[shell])
        printed = term.run(f"ccprofile {removal} --no-verify")
        report = _status(term, tmp_path / "before.json")
        assert report["shell"]["name"] == shell
        assert report["background"]["model"] == H45  # this terminal still has it
        assert report["background"]["new_shell"]["source"] == "default"
        stale = [w["message"] for w in report["warnings"] if w["code"] == "stale-in-this-shell"]
        assert stale, report["warnings"]
        command = stale[0].split("Fix: run `")[1].split("`")[0]
        assert command in " ".join(printed.split())  # the command printed a moment ago
        term.run(command)
        report = _status(term, tmp_path / "after.json")
        assert "stale-in-this-shell" not in [w["code"] for w in report["warnings"]]
        assert report["background"]["model"] == report["background"]["new_shell"]["model"]
    finally:
        term.close()


# Startup files saved with Windows line endings: the block ccprofile adds is LF, so every
# shell reads the exact value, and status warns about the rest of the file.
CRLF_FILES = {
    "bash": ".bashrc",
    "zsh": ".zshrc",
    "dash": ".profile",
    "ksh": ".kshrc",
    "tcsh": ".tcshrc",
}


@pytest.mark.parametrize("shell", [*CRLF_FILES, "fish"])
def test_crlf_startup_files_get_a_block_every_shell_reads_exactly(home: Path, shell: str) -> None:
    require_program(shell)
    if shell == "fish":
        rc = home / ".config" / "fish" / "config.fish"
        rc.parent.mkdir(parents=True)
        line = b"set -gx MY_VAR kept\r\n"
        args = ["--file", str(rc)]
    else:
        rc = home / CRLF_FILES[shell]
        line = b"setenv MY_VAR kept\r\n" if shell == "tcsh" else b"export MY_VAR=kept\r\n"
        args = ["--shell", shell]
    rc.write_bytes(line)
    result = run_cli(["set-fast-model", H45, *args, "--no-verify"])
    assert result.returncode == 0, result.stderr
    exported = new_terminal_env(shell)
    assert (exported.get(FAST), exported.get(HAIKU)) == (H45, H45)
    report = json.loads(run_cli(["status", "--json", "--shell", shell]).stdout)
    assert "crlf-startup-file" in [w["code"] for w in report["warnings"]]
    assert run_cli(["uninstall", *args, "--no-verify"]).returncode == 0
    assert rc.read_bytes() == line


# A startup file that stops before the block: the static scan cannot know, the real shell can.
BROKEN_BEFORE_THE_BLOCK = {
    # Debian's default .bashrc, saved with CRLF: `case $- in\r` is a syntax error and bash
    # stops reading the file there.
    "bash": (
        ".bashrc",
        b"# ~/.bashrc\r\n\r\n# If not running interactively, don't do anything\r\n"
        b"case $- in\r\n    *i*) ;;\r\n      *) return;;\r\nesac\r\n",
    ),
}


@pytest.mark.parametrize("shell", list(BROKEN_BEFORE_THE_BLOCK))
def test_verify_catches_a_startup_file_that_never_reaches_the_block(home: Path, shell: str) -> None:
    require_program(shell)
    name, text = BROKEN_BEFORE_THE_BLOCK[shell]
    rc = home / name
    rc.write_bytes(text)
    assert new_terminal_env(shell).get(FAST) is None
    result = run_cli(["set-fast-model", H45, "--shell", shell, "--verify"])
    # The file is written, and the failed check is the exit code and an error with the way on.
    assert result.returncode == 1, result.stderr
    said = " ".join(result.stdout.split())
    assert f"Check failed: a non-login {shell} has {FAST} unset instead of '{H45}'" in said
    assert "New terminals pick this up" not in said
    assert (
        f"is written, but a new shell does not export what ccprofile read in its startup files: "
        f"`ccprofile status --probe` shows what a new {shell} exports" in result.stderr
    )
    strict = run_cli(["set-fast-model", "claude-haiku-5-5", "--shell", shell, "--verify", "--strict"])
    assert strict.returncode == 1
    assert "was put back as it was" in strict.stderr
    assert "Updated" not in strict.stdout and "Created" not in strict.stdout  # nothing said it was written
    assert H45 in rc.read_text(errors="replace") and "claude-haiku-5-5" not in rc.read_text(errors="replace")


def test_a_stop_status_knows_of_is_the_reason_and_the_real_zsh_agrees(home: Path) -> None:
    require_program("zsh")
    # zsh stops reading a file at a loop over a pattern that matches nothing.
    (home / ".zshrc").write_text("for f in ~/.zsh.d/*.zsh; do source $f; done\n")
    result = run_cli(["set-fast-model", H45, "--shell", "zsh", "--verify"])
    assert result.returncode == 0, result.stderr
    said = " ".join(result.stdout.split())
    assert (
        "new terminal uses claude-haiku-5-5: ~/.zshrc:1: zsh stops reading there: ~/.zsh.d/*.zsh "
        "matches no file, before the ccprofile block" in said
    )
    assert f"Checked: a new zsh, login or not, does not set {FAST}, {HAIKU}." in said  # as predicted
    report = json.loads(run_cli(["status", "--json", "--shell", "zsh"]).stdout)
    assert "startup-file" in [w["code"] for w in report["warnings"]]


def test_verify_checks_a_pin_already_in_place_and_a_failed_check_leaves_the_file_alone(home: Path) -> None:
    """Run again with --verify, "nothing changed" is no reason to check nothing: the user asked.
    A check that cannot run fails, and with --strict puts back nothing (there is nothing to)."""
    require_program("bash")
    (home / ".bash_profile").write_text(". ~/.bashrc\n")
    assert run_cli(["set-fast-model", H45, "--shell", "bash"]).returncode == 0
    rc = (home / ".bashrc").read_bytes()
    again = run_cli(["set-fast-model", H45, "--shell", "bash", "--verify"])
    assert again.returncode == 0, again.stderr
    said = " ".join(again.stdout.split())
    assert "nothing changed" in said and f"Checked: a new bash, login or not, exports {FAST}={H45}" in said
    no_shell = {**os.environ, "PATH": str(home / "nowhere")}
    failed = run_cli(["set-fast-model", H45, "--shell", "bash", "--verify"], env=no_shell)
    assert failed.returncode == 1 and failed.stderr == (
        "ccprofile: error: ~/.bashrc is unchanged, but the check could not start the shell: "
        f"`{ccprofile_command()[0]} status --probe` shows what a new bash exports, and from where\n"
    )
    strict = run_cli(["set-fast-model", H45, "--shell", "bash", "--verify", "--strict"], env=no_shell)
    assert strict.returncode == 1 and strict.stderr.endswith("; ~/.bashrc is unchanged (--strict)\n")
    assert (home / ".bashrc").read_bytes() == rc
    listed = json.loads(run_cli(["list", "--json"]).stdout)
    assert [p["changes"] for p in listed["places"]] == [1]  # the ledger's one step is still there


def test_uninstall_all_verifies_only_the_files_it_changed(home: Path) -> None:
    """--verify is about what the command wrote: a tcsh file it left alone is not started
    (here tcsh could not be, and that must not fail the removal from ~/.zshrc)."""
    require_program("zsh")
    (home / ".tcshrc").write_text("setenv ANTHROPIC_MODEL mine\n")
    assert run_cli(["set-fast-model", H45, "--shell", "zsh"]).returncode == 0
    zsh_only = home / "bin"
    zsh_only.mkdir()
    (zsh_only / "zsh").symlink_to(require_program("zsh"))
    env = {**os.environ, "PATH": str(zsh_only)}
    done = run_cli(["uninstall", "--all", "--verify", "--strict"], env=env)
    assert done.returncode == 0, done.stderr
    assert (
        "tcsh" not in done.stdout + done.stderr
        and "Removed ccprofile's pins from:\n  ~/.zshrc" in done.stdout
    )


def test_probe_names_a_pin_this_shell_lacks_from_a_file_the_reading_cannot_trace(home: Path) -> None:
    """A dotfiles repository's zsh (a ZDOTDIR ccprofile cannot work out): the probe finds the
    pin in a new zsh, this shell does not have it, and "No problems found" would be untrue."""
    require_program("zsh")
    dots = home / "dots"
    dots.mkdir()
    (dots / ".zshenv").write_text('ZDOTDIR="${${(%):-%x}:A:h}"\n')
    (home / ".zshenv").symlink_to(dots / ".zshenv")
    assert run_cli(["set-fast-model", H45, "--shell", "zsh", "--file", str(dots / ".zshrc")]).returncode == 0
    env = {k: v for k, v in os.environ.items() if k not in (FAST, HAIKU)}
    report = json.loads(run_cli(["status", "--json", "--probe", "--shell", "zsh"], env=env).stdout)
    assert [w["message"] for w in report["warnings"] if w["code"] == "not-loaded"] == [
        f"A new zsh exports {FAST}={H45} (this shell: unset), {HAIKU}={H45} (this shell: unset) from a "
        "startup file ccprofile could not trace, but this shell has not loaded it. Fix: open a new terminal."
    ]
    loaded = json.loads(
        run_cli(["status", "--json", "--probe", "--shell", "zsh"], env={**env, FAST: H45, HAIKU: H45}).stdout
    )
    assert [w["code"] for w in loaded["warnings"]] == []


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_verify_confirms_a_pin_a_new_shell_really_exports(home: Path, shell: str) -> None:
    require_program(shell)
    result = run_cli(["set-fast-model", H45, "--shell", shell, "--verify"])
    assert result.returncode == 0, result.stderr
    said = " ".join(result.stdout.split())
    # fish reads the same files either way; bash and zsh are started as both, and where both
    # export the same one line says so.
    if shell == "bash":  # no ~/.bash_profile or ~/.profile: a login bash reads nothing, as said
        assert f"Checked: a non-login bash exports {FAST}={H45}, {HAIKU}={H45}." in said
        assert f"Checked: a login bash does not set {FAST}, {HAIKU}." in said
        assert (
            "login bash (ssh; tmux or `bash -l` started where the pin is not set) uses claude-haiku-5-5"
            in said
        )
    else:
        both = "a new fish" if shell == "fish" else "a new zsh, login or not,"
        assert f"Checked: {both} exports {FAST}={H45}, {HAIKU}={H45}." in said
    removed = run_cli(["unset-fast-model", "--shell", shell, "--verify"])
    terminal = "a new fish" if shell == "fish" else f"a new {shell}, login or not,"
    assert f"Checked: {terminal} does not set {FAST}, {HAIKU}." in " ".join(removed.stdout.split())


def test_verify_says_when_the_shell_does_not_start_in_time(home: Path) -> None:
    require_program("bash")
    (home / ".bashrc").write_text("sleep 60\n")
    result = run_cli(["set-fast-model", H45, "--shell", "bash", "--verify"])
    assert result.returncode == 1, result.stderr
    said = " ".join(result.stdout.split())
    assert (
        "Check failed: could not check with a non-login bash: bash did not finish starting within 10 s."
        in said
    )


# Which shell: the nearest interactive one, not the one running a script.


def test_a_setup_script_run_by_bash_from_zsh_pins_zsh(home: Path, tmp_path: Path) -> None:
    script = tmp_path / "setup.sh"
    script.write_text(f"#!/bin/bash\nccprofile set-fast-model {H45} --no-verify\n")
    term = Terminal("zsh", {**os.environ, "SHELL": "/usr/bin/zsh"})
    try:
        output = term.run(f"bash {script}")
    finally:
        term.close()
    assert (home / ".zshrc").is_file() and not (home / ".bashrc").exists()
    assert "Shell: zsh, the shell you ran ccprofile from." in " ".join(output.split())


def test_a_setup_script_with_no_terminal_above_uses_the_login_shell(home: Path, tmp_path: Path) -> None:
    """Run detached (as from cron or CI): no interactive shell above it, so $SHELL decides."""
    script, out = tmp_path / "setup.sh", tmp_path / "out.txt"
    script.write_text(
        f"#!/bin/bash\n{ccprofile_command()[0]} set-fast-model {H45} --no-verify > {out} 2>&1\n"
    )
    env = {**os.environ, "SHELL": "/usr/bin/zsh"}
    # The inner bash exits at once, so the script's bash is adopted by init: nothing above it.
    subprocess.run(["bash", "-c", f"bash {script} &"], env=env, check=True, timeout=30)
    deadline = time.monotonic() + 60
    while not (home / ".zshrc").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert (home / ".zshrc").is_file() and not (home / ".bashrc").exists()
    deadline = time.monotonic() + 10
    while "Shell:" not in (out.read_text() if out.exists() else "") and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "Shell: zsh, your login shell ($SHELL)." in out.read_text()


def test_an_interactive_fish_with_bash_as_login_shell_pins_fish(home: Path) -> None:
    term = Terminal("fish", {**os.environ, "SHELL": "/bin/bash"})
    try:
        output = term.run(f"ccprofile set-fast-model {H45} --no-verify")
    finally:
        term.close()
    assert (home / ".config" / "fish" / "conf.d" / "ccprofile.fish").is_file()
    assert not (home / ".bashrc").exists()
    said = " ".join(output.split())
    assert "Shell: fish, the shell you ran ccprofile from." in said
    assert "Your login shell ($SHELL) is bash: pass --shell bash to pin it there instead." in said


def test_probe_credits_a_value_only_to_a_line_that_sets_it(home: Path) -> None:
    """A value the real shell has that no line ccprofile read sets is "set by a startup file
    ccprofile could not trace", never a process it did not come from."""
    require_program("zsh")
    (home / ".zshrc").write_text('eval "export ANTHROPIC_MODEL=claude-sonnet-4-5-20250929"\n')
    plain = json.loads(run_cli(["status", "--json", "--shell", "zsh"]).stdout)
    assert plain["shell"]["certain"] is False
    assert plain["primary"]["new_shell"]["model"] == "claude-opus-5-5"  # what the static read knows
    probed = json.loads(run_cli(["status", "--json", "--shell", "zsh", "--probe"]).stdout)
    assert probed["primary"]["new_shell"]["model"] == "claude-sonnet-4-5-20250929"
    assert probed["primary"]["new_shell"]["source"] == "untraced"
    assert "uncertain" not in [w["code"] for w in probed["warnings"]]
    table = run_cli(["status", "--shell", "zsh", "--probe"], env={**os.environ, "COLUMNS": "200"})
    assert "set by a startup file ccprofile could not trace" in table.stdout
