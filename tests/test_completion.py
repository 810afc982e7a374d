"""Tab completion lives inside the ccprofile block: added and removed like a pin, gone with
uninstall (the file back byte for byte), and working in real bash, zsh and fish."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pexpect
import pytest
from click.testing import Result
from typer.testing import CliRunner

from ccprofile.cli.app import app
from ccprofile.startup import block
from ccprofile.startup.shells import SHELLS
from tests.conftest import ccprofile_command, require_program
from tests.helpers import run_cli, start_shell
from tests.writes import remove_block, update_block

BIN = str(Path(ccprofile_command()[0]).parent)
ZSHRC_WITH_COMPINIT = "autoload -Uz compinit && compinit -u\n"


def _completes_to(shell: str, home: Path, typed: str, wanted: str, *, timeout: float = 8) -> bool:
    """Type ``typed`` and Tab into an interactive shell; True if ``wanted`` appears."""
    env = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}", "TERM": "xterm", "SHELL": f"/bin/{shell}"}
    child = pexpect.spawn(
        require_program(shell), ["-i"], env=env, encoding="utf-8", timeout=30, cwd=str(home)
    )
    try:
        child.sendline("echo ready$((1+1))" if shell != "fish" else "echo ready(math 1+1)")
        child.expect("ready2")
        child.send(typed + "\t")
        return child.expect([wanted, pexpect.TIMEOUT], timeout=timeout) == 0
    finally:
        child.sendcontrol("c")
        child.close(force=True)


def _tab_completes(shell: str, home: Path, *, timeout: float) -> bool:
    """Type `ccprofile set-f<Tab>`; True if it became set-fast-model."""
    return _completes_to(shell, home, "ccprofile set-f", "set-fast-model", timeout=timeout)


@pytest.mark.real_shell
@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_in_the_block_completes_in_a_real_shell_and_uninstall_takes_it_back(
    home: Path, shell: str
) -> None:
    startup = {"bash": home / ".bashrc", "zsh": home / ".zshrc"}.get(shell)
    if startup is not None:
        startup.write_text(ZSHRC_WITH_COMPINIT if shell == "zsh" else "export EDITOR=vi\n")
    original = startup.read_bytes() if startup else None
    # The control: without the lines, Tab does not know ccprofile's commands.
    assert not _tab_completes(shell, home, timeout=3)

    added = run_cli(["completion", "--shell", shell])
    assert added.returncode == 0, added.stderr
    assert "complete `ccprofile <Tab>`" in added.stdout
    assert _tab_completes(shell, home, timeout=20)

    removed = run_cli(["uninstall", "--shell", shell, "--no-verify"])
    assert removed.returncode == 0, removed.stderr
    if startup is not None:
        assert startup.read_bytes() == original
    else:
        assert not (home / ".config" / "fish" / "conf.d" / "ccprofile.fish").exists()


def test_completion_stays_when_the_last_pin_goes_and_goes_with_remove(home: Path) -> None:
    rc = home / ".zshrc"
    rc.write_text("export PATH=/x\n")
    assert run_cli(["set-fast-model", "haiku-4.5", "--shell", "zsh", "--no-verify"]).returncode == 0
    assert run_cli(["completion", "--shell", "zsh"]).returncode == 0
    unset = run_cli(["unset-fast-model", "--shell", "zsh", "--no-verify"])
    assert "Updated ~/.zshrc: it now has no background-model pin." in unset.stdout
    (found,) = block.find_blocks(rc.read_text())
    assert found.body[-3:] == (block.COMPLETION_NOTE, *SHELLS["zsh"].completion)
    removed = run_cli(["completion", "--remove", "--shell", "zsh"])
    assert removed.returncode == 0, removed.stderr
    assert "no longer get it there" in " ".join(removed.stdout.split())
    assert rc.read_text() == "export PATH=/x\n"


def test_completion_with_pins_round_trips_byte_for_byte(home: Path) -> None:
    rc = home / ".zshrc"
    original = b"# mine\r\nexport A=1\r\n"
    rc.write_bytes(original)
    backups = home / "backups"
    update_block(
        rc,
        SHELLS["zsh"],
        lambda p: {**p, "ANTHROPIC_MODEL": "m"},
        names=["ANTHROPIC_MODEL"],
        backup_dir=backups,
    )
    change = update_block(
        rc, SHELLS["zsh"], lambda p: p, names=["ANTHROPIC_MODEL"], backup_dir=backups, completion=True
    )
    assert change.completion is True and change.after == (("ANTHROPIC_MODEL", "m"),)
    remove_block(rc, SHELLS["zsh"], names=["ANTHROPIC_MODEL"], backup_dir=backups)
    assert rc.read_bytes() == original


def test_completion_lines_changed_by_hand_are_refused(home: Path) -> None:
    rc = home / ".zshrc"
    assert run_cli(["completion", "--shell", "zsh"]).returncode == 0
    rc.write_text(rc.read_text().replace("compdef _ccprofile_completion", "compdef _mine"))
    result = run_cli(["set-fast-model", "haiku-4.5", "--shell", "zsh", "--no-verify"])
    assert result.returncode == 1
    assert result.stderr.startswith("ccprofile: error: ")
    assert "the completion lines inside the ccprofile block are not ccprofile's" in result.stderr
    assert "compdef _mine" in rc.read_text()


@pytest.mark.parametrize("shell", ["sh", "dash", "ksh", "tcsh", "pwsh"])
def test_shells_without_completion_are_refused_in_one_line(home: Path, shell: str) -> None:
    result = run_cli(["completion", "--shell", shell])
    assert result.returncode == 2
    assert result.stderr == (
        f"ccprofile: error: ccprofile has no tab completion for {shell}: it has it for bash, zsh, fish; "
        "nothing was written\n"
    )


def test_install_completion_is_the_completion_command(home: Path) -> None:
    result = run_cli(["--install-completion"], env={**os.environ, "SHELL": "/bin/zsh"})
    assert result.returncode == 0, result.stderr
    assert block.COMPLETION_NOTE in (home / ".zshrc").read_text()


# (typed, what Tab must make of it): each option's values come from the table it is checked
# against, the model from the provider's catalog IDs; --file and --project complete paths.
_VALUE_CASES = (
    ("ccprofile set-fast-model --scope loc", "local"),
    ("ccprofile set-fast-model --provider bed", "bedrock"),
    ("ccprofile set-fast-model --shell fi", "fish"),
    ("ccprofile set-fast-model claude-haiku-5", "claude-haiku-5-5"),
    (
        "ccprofile set-fast-model --provider bedrock us.anthropic.claude-haiku-5",
        "us.anthropic.claude-haiku-5-5",
    ),
    ("ccprofile set-fast-model --file myrcf", "myrcfile-unique"),
    ("ccprofile unset-model --project projd", "projdir-unique"),
)


@pytest.mark.real_shell
@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_tab_completes_option_values_models_and_paths_in_a_real_shell(home: Path, shell: str) -> None:
    if shell == "zsh":
        (home / ".zshrc").write_text(ZSHRC_WITH_COMPINIT)
    (home / "myrcfile-unique").write_text("")
    (home / "projdir-unique").mkdir()
    # The control: without ccprofile's lines, Tab knows no scope (and finds no file named so).
    assert not _completes_to(shell, home, "ccprofile set-fast-model --scope loc", "local", timeout=3)
    assert run_cli(["completion", "--shell", shell]).returncode == 0
    for typed, wanted in _VALUE_CASES:
        assert _completes_to(shell, home, typed, wanted), (shell, typed)
    if shell != "bash":  # bash's `-o default` offers file names wherever ccprofile offers nothing
        # zsh used to offer file names after --scope: its values are all it offers now.
        assert not _completes_to(
            shell, home, "ccprofile set-fast-model --scope myrc", "myrcfile-unique", timeout=3
        )


# The same edits in this process, word for word (what mutation testing can see).

runner = CliRunner()


def _invoke(*args: str) -> Result:
    return runner.invoke(app, [*args, "--shell", "zsh"], env={"COLUMNS": "200", "NO_COLOR": "1"})


def test_a_pin_keeps_the_completion_and_an_edited_completion_line_is_named(home: Path) -> None:
    assert _invoke("completion").exit_code == 0
    assert _invoke("set-fast-model", "claude-haiku-4-5-20251001").exit_code == 0
    rc = home / ".zshrc"
    [found] = block.find_blocks(rc.read_text())
    assert found.body[-3:] == (block.COMPLETION_NOTE, *SHELLS["zsh"].completion)
    rc.write_text(rc.read_text().replace("compdef _ccprofile_completion", "compdef _mine"))
    edited = rc.read_bytes()
    refused = _invoke("set-fast-model", "claude-haiku-5-5")
    assert refused.exit_code == 1 and rc.read_bytes() == edited
    assert refused.output.splitlines()[-1] == (
        f"ccprofile: error: {rc}:8: the completion lines inside the ccprofile block are not ccprofile's; "
        "move your changes out of the block, nothing was written"
    )


@pytest.mark.parametrize(
    ("edit", "named"),
    [
        # A line added after ccprofile's completion lines, still inside the block.
        (lambda text: text.replace("ccprofile; fi\n", "ccprofile; fi\nalias cc=ccprofile\n"), 9),
        # The last completion line taken out: the line named is where it was.
        (lambda text: "".join(line for line in text.splitlines(True) if "compdef" not in line), 8),
    ],
    ids=["a-line-added-after-them", "the-last-one-taken-out"],
)
def test_completion_lines_changed_by_hand_name_the_first_line_that_differs(
    home: Path, edit: Callable[[str], str], named: int
) -> None:
    assert _invoke("completion").exit_code == 0
    assert _invoke("set-fast-model", "claude-haiku-4-5-20251001").exit_code == 0
    rc = home / ".zshrc"
    rc.write_text(edit(rc.read_text()))
    refused = _invoke("set-fast-model", "claude-haiku-5-5")
    assert refused.exit_code == 1
    assert refused.output.splitlines()[-1] == (
        f"ccprofile: error: {rc}:{named}: the completion lines inside the ccprofile block are not "
        "ccprofile's; move your changes out of the block, nothing was written"
    )


def test_a_hand_written_line_inside_the_block_is_named_by_its_line(home: Path) -> None:
    assert _invoke("set-fast-model", "claude-haiku-4-5-20251001").exit_code == 0
    rc = home / ".zshrc"
    rc.write_text(rc.read_text().replace("export ANTHROPIC_DEFAULT", "alias x=1\nexport ANTHROPIC_DEFAULT"))
    refused = _invoke("set-fast-model", "claude-haiku-5-5")
    assert refused.exit_code == 1
    assert refused.output.splitlines()[-1] == (
        f"ccprofile: error: {rc}:5: this line inside the ccprofile block is not ccprofile's; "
        "move it out of the block, nothing was written"
    )


def test_a_dry_run_shows_the_diff_of_a_file_without_a_final_newline(home: Path) -> None:
    rc = home / ".zshrc"
    rc.write_text("alias x=1")
    added = _invoke("set-fast-model", "claude-haiku-4-5-20251001", "--dry-run").output
    assert (
        f"--- {rc}\n+++ {rc}\n@@ -1 +1,6 @@\n-alias x=1\n\\ No newline at end of file\n+alias x=1\n" in added
    )
    assert _invoke("set-fast-model", "claude-haiku-4-5-20251001").exit_code == 0
    removed = _invoke("uninstall", "--dry-run").output
    assert (
        "@@ -1,6 +1 @@\n-alias x=1\n" in removed and "+alias x=1\n\\ No newline at end of file\n" in removed
    )
    assert rc.read_text().startswith("alias x=1\n# >>> ccprofile >>>")


def test_removing_the_block_of_a_file_ccprofile_created_deletes_it_in_the_diff(home: Path) -> None:
    assert _invoke("completion").exit_code == 0
    removed = _invoke("uninstall", "--dry-run").output
    assert f"--- {home / '.zshrc'}\n+++ /dev/null\n" in removed


def test_completion_in_a_file_new_terminals_may_not_read_says_so(home: Path) -> None:
    """ "New terminals complete" is said only of a file they read: of one no start reads, that
    it must be sourced; past a ZDOTDIR ccprofile cannot work out, that it cannot tell."""
    runner = CliRunner()
    env = {"COLUMNS": "300", "PATH": f"{BIN}:{os.environ['PATH']}"}
    unread = runner.invoke(app, ["completion", "--shell", "bash", "--file", str(home / "x.sh")], env=env)
    assert unread.exit_code == 0, unread.output
    assert (
        "New bash terminals do not read ~/x.sh: source it from a file they read to complete." in unread.output
    )
    read = runner.invoke(app, ["completion", "--shell", "bash"], env=env)
    assert "New bash terminals complete `ccprofile <Tab>`. For this terminal run:" in read.output
    dots = home / "dots"
    dots.mkdir()
    (dots / ".zshenv").write_text('ZDOTDIR="${${(%):-%x}:A:h}"\n')
    (home / ".zshenv").symlink_to(dots / ".zshenv")
    hidden = runner.invoke(app, ["completion", "--shell", "zsh", "--file", str(dots / ".zshrc")], env=env)
    assert hidden.exit_code == 0, hidden.output
    assert (
        "New zsh terminals complete `ccprofile <Tab>` if they read ~/dots/.zshrc (ccprofile cannot tell: "
        "`ccprofile status` says why)."
    ) in hidden.output


def _in(shell: str, file: Path, *args: str) -> Result:
    return runner.invoke(app, [*args, "--shell", shell, "--file", str(file)], env={"COLUMNS": "300"})


@pytest.mark.real_shell
def test_a_pin_for_another_shell_keeps_the_completion_that_is_there(home: Path) -> None:
    """A zsh pin written into ~/.bashrc keeps bash's completion lines, never zsh's, which bash
    would fail on at every start."""
    rc = home / ".bashrc"
    assert runner.invoke(app, ["completion", "--shell", "bash"]).exit_code == 0
    pinned = _in("zsh", rc, "set-fast-model", "claude-haiku-4-5-20251001", "--no-verify")
    assert pinned.exit_code == 0, pinned.output
    [found] = block.find_blocks(rc.read_text())
    assert found.body[-3:] == (block.COMPLETION_NOTE, *SHELLS["bash"].completion)
    assert "export ANTHROPIC_SMALL_FAST_MODEL='claude-haiku-4-5-20251001'" in found.body
    started = start_shell("bash", "-ic", home, "type -t _ccprofile_completion")
    assert started.stdout == "function\n" and "error" not in started.stderr, started.stderr


def test_completion_for_a_second_shell_in_one_file_is_refused(home: Path) -> None:
    shared = home / "shellrc"  # a name no shell claims, so only its block tells
    assert _in("bash", shared, "completion").exit_code == 0
    before = shared.read_bytes()
    refused = _in("zsh", shared, "completion")
    assert refused.exit_code == 1 and shared.read_bytes() == before
    assert refused.output.splitlines()[-1] == (
        f"ccprofile: error: {shared}: its ccprofile block has bash's tab completion, which zsh's would "
        "replace (a file completes one shell: give zsh a file of its own), nothing was written"
    )
    assert _in("bash", shared, "completion").exit_code == 0 and shared.read_bytes() == before
    removed = _in("zsh", shared, "completion", "--remove")  # taking lines out is always safe
    assert removed.exit_code == 0 and not shared.exists()


def test_completion_in_a_file_named_for_another_shell_is_refused_unless_forced(home: Path) -> None:
    rc = home / ".bashrc"
    refused = _in("zsh", rc, "completion")
    assert refused.exit_code == 2 and not rc.exists()
    assert refused.output.splitlines()[-1] == (
        f"ccprofile: error: {rc} is read by bash, and bash cannot run zsh's lines; "
        "nothing was written (--force writes it anyway)"
    )
    forced = _in("zsh", rc, "completion", "--force")
    assert forced.exit_code == 0, forced.output
    assert block.find_blocks(rc.read_text())[0].body[-2:] == SHELLS["zsh"].completion
    assert _in("zsh", rc, "completion", "--remove").exit_code == 0 and not rc.exists()


def test_completion_for_a_shell_without_it_says_so_before_any_file_check(home: Path) -> None:
    refused = _in("sh", home / ".bashrc", "completion")
    assert refused.exit_code == 2
    assert "ccprofile has no tab completion for sh: it has it for bash, zsh, fish" in refused.output


@pytest.mark.real_shell
def test_completion_in_the_profile_sh_reads_is_refused_as_dash_fails_on_it(home: Path) -> None:
    profile = home / ".profile"
    refused = _in("bash", profile, "completion")
    assert refused.exit_code == 2 and not profile.exists()
    assert f"{profile} is read by sh, and sh cannot run bash's lines" in refused.output
    assert _in("bash", profile, "completion", "--force").exit_code == 0
    dash = subprocess.run(
        [require_program("dash"), "-c", f". {profile}"], capture_output=True, text=True, timeout=30
    )
    assert dash.returncode != 0 and dash.stderr  # what the refusal spares every login sh


@pytest.mark.real_shell
def test_zsh_completion_without_compinit_says_so_and_the_fix_makes_tab_work(home: Path) -> None:
    """`compdef` exists once compinit has run: with no file running it before the block, new
    terminals would not complete, and ccprofile says so rather than the contrary."""
    rc = home / ".zshrc"
    rc.write_text("export EDITOR=vi\n")
    env = {"COLUMNS": "300", "PATH": f"{BIN}:{os.environ['PATH']}"}
    added = runner.invoke(app, ["completion", "--shell", "zsh"], env=env)
    assert added.exit_code == 0, added.output
    assert (
        "New zsh terminals do not complete `ccprofile <Tab>` yet: no file they read runs compinit before "
        "the ccprofile block. Add `autoload -Uz compinit && compinit` above it."
    ) in added.output
    assert not _tab_completes("zsh", home, timeout=3)  # as said
    rc.write_text(ZSHRC_WITH_COMPINIT + rc.read_text())
    assert _tab_completes("zsh", home, timeout=8)
    again = runner.invoke(app, ["completion", "--remove", "--shell", "zsh"], env=env)
    assert again.exit_code == 0
    readded = runner.invoke(app, ["completion", "--shell", "zsh"], env=env)
    assert "New zsh terminals complete `ccprofile <Tab>`." in readded.output
    assert "compinit has run earlier" not in readded.output  # found, so no hedge


@pytest.mark.parametrize("typed", ["ccprofile ", "ccprofile status --", "ccprofile set-fast-model --"])
def test_zsh_gets_one_answer_per_line_however_long_its_help(typed: str) -> None:
    """typer wraps each help through rich; a line break inside an answer broke zsh's menu."""
    env = {
        **os.environ,
        "_CCPROFILE_COMPLETE": "complete_zsh",
        "_TYPER_COMPLETE_ARGS": typed,
        "COLUMNS": "80",
    }
    answer = subprocess.run(ccprofile_command(), capture_output=True, text=True, env=env, timeout=30).stdout
    lines = answer.splitlines()
    assert lines[0].startswith("_arguments '*: :((\"") and len(lines) > 3
    assert all(line.startswith('"') for line in lines[1:]), answer
    assert any(len(line) > 80 for line in lines)  # a long help stayed on its one line


def test_completion_in_a_file_fish_reads_by_its_suffix_is_refused(home: Path) -> None:
    """conf.d's files are fish's by their `.fish` suffix, not by a name fish reads."""
    snippet = home / ".config" / "fish" / "conf.d" / "mine.fish"
    snippet.parent.mkdir(parents=True)
    refused = _in("bash", snippet, "completion")
    assert refused.exit_code == 2 and not snippet.exists()
    assert f"{snippet} is read by fish, and fish cannot run bash's lines" in refused.output


def test_zsh_completion_with_compinit_in_a_file_zshrc_sources_is_said_to_work(home: Path) -> None:
    """The file ~/.zshrc sources above the block runs compinit: that counts, though the scan
    lists it after ~/.zshrc."""
    (home / ".zsh").mkdir()
    (home / ".zsh" / "comp.zsh").write_text(ZSHRC_WITH_COMPINIT)
    (home / ".zshrc").write_text("source ~/.zsh/comp.zsh\n")
    env = {"COLUMNS": "300", "PATH": f"{BIN}:{os.environ['PATH']}"}
    added = runner.invoke(app, ["completion", "--shell", "zsh"], env=env)
    assert "New zsh terminals complete `ccprofile <Tab>`." in added.output, added.output
