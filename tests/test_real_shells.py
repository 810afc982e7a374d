"""Layer 5: start the real shells with the temporary home and read what they export."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ccprofile_command, require_program
from tests.helpers import run_cli

pytestmark = pytest.mark.real_shell

# How each shell is started so that it reads the file ccprofile writes for it: interactive
# for bash, zsh, fish, tcsh and ksh (which reads ~/.kshrc then); login for dash, which reads
# ~/.profile only then.
STARTS = {
    "bash": ["-i", "-c", "env"],
    "zsh": ["-i", "-c", "env"],
    "fish": ["-i", "-c", "env"],
    "dash": ["-l", "-c", "env"],
    "ksh": ["-i", "-c", "env"],
    "tcsh": ["-i", "-c", "env"],
}
FAST = "ANTHROPIC_SMALL_FAST_MODEL"
HAIKU = "ANTHROPIC_DEFAULT_HAIKU_MODEL"


def new_terminal_env(shell: str) -> dict[str, str]:
    """What a new terminal of ``shell`` exports, started as that terminal would start it."""
    program = require_program(shell)
    result = subprocess.run(
        [program, *STARTS[shell]],
        env=dict(os.environ),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=30,
        start_new_session=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return dict(line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)


def cli(*args: str) -> None:
    result = run_cli(args)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("shell", list(STARTS))
def test_new_terminal_exports_the_pin_then_the_update_then_nothing(home: Path, shell: str) -> None:
    require_program(shell)
    cli("set-fast-model", "claude-haiku-4-5-20251001", "--shell", shell)
    exported = new_terminal_env(shell)
    assert (exported.get(FAST), exported.get(HAIKU)) == (
        "claude-haiku-4-5-20251001",
        "claude-haiku-4-5-20251001",
    )

    cli("set-fast-model", "claude-haiku-5-5", "--shell", shell)
    cli("set-model", "claude-sonnet-4-5-20250929", "--shell", shell)
    cli("set-subagent-model", "haiku", "--shell", shell)
    exported = new_terminal_env(shell)
    assert exported.get(FAST) == "claude-haiku-5-5"
    assert exported.get("ANTHROPIC_MODEL") == "claude-sonnet-4-5-20250929"
    assert exported.get("CLAUDE_CODE_SUBAGENT_MODEL") == "haiku"

    cli("uninstall", "--shell", shell)
    exported = new_terminal_env(shell)
    pins = (FAST, HAIKU, "ANTHROPIC_MODEL", "CLAUDE_CODE_SUBAGENT_MODEL")
    assert not [name for name in pins if name in exported]


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_block_in_an_existing_startup_file_keeps_the_users_lines_working(home: Path, shell: str) -> None:
    require_program(shell)
    rc = home / f".{shell}rc"
    original = "export MY_VAR=kept\nalias ll='ls -l'"  # no trailing newline, on purpose
    rc.write_text(original)
    cli("set-fast-model", "claude-haiku-4-5-20251001", "--shell", shell)
    exported = new_terminal_env(shell)
    assert exported.get("MY_VAR") == "kept"
    assert exported.get(FAST) == "claude-haiku-4-5-20251001"
    cli("uninstall", "--shell", shell)
    assert rc.read_text() == original


def test_zsh_with_zdotdir_set_only_in_zshenv(home: Path) -> None:
    require_program("zsh")
    (home / ".zshenv").write_text('export ZDOTDIR="$HOME/.config/zsh"\n')
    cli("set-fast-model", "claude-haiku-4-5-20251001", "--shell", "zsh")
    assert (home / ".config" / "zsh" / ".zshrc").is_file()
    assert not (home / ".zshrc").exists()
    assert new_terminal_env("zsh").get(FAST) == "claude-haiku-4-5-20251001"


def test_a_fix_that_names_the_file_as_zsh_finds_it_works_as_printed(home: Path) -> None:
    """Past a ZDOTDIR ccprofile cannot work out, status's fix pins with `--file
    "${ZDOTDIR:?}"/.zshrc`; typed into the user's zsh as printed, it writes the file zsh reads."""
    zsh = require_program("zsh")
    dots = home / "dots"
    dots.mkdir()
    (dots / ".zshenv").write_text('ZDOTDIR="${${(%):-%x}:A:h}"\n')
    (home / ".zshenv").symlink_to(dots / ".zshenv")
    repo = home / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".ccprofile.toml").write_text('fast-model = "claude-haiku-4-5-20251001"\nscope = "shell"\n')
    report = json.loads(
        run_cli(["status", "--json", "--check", "--shell", "zsh", "--project", str(repo)]).stdout
    )
    (drift,) = [w["message"] for w in report["warnings"] if w["code"] == "drift"]
    typed = drift.split("Fix: `")[1].split("`")[0]
    program = shlex.quote(ccprofile_command()[0])
    assert typed.endswith('--file "${ZDOTDIR:?}"/.zshrc')
    # Typed where ZDOTDIR is unset (bash), the command fails rather than writing /.zshrc.
    bash = subprocess.run(
        ["bash", "-c", typed.replace("ccprofile", program, 1)], capture_output=True, text=True
    )
    assert bash.returncode != 0 and "ZDOTDIR" in bash.stderr
    line = program + typed.removeprefix("ccprofile")
    result = subprocess.run(
        [zsh, "-i", "-c", line], env=dict(os.environ), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert (dots / ".zshrc").is_file() and not (home / ".zshrc").exists()
    assert new_terminal_env("zsh").get(FAST) == "claude-haiku-4-5-20251001"


def test_zsh_with_zdotdir_from_a_dotfiles_repository_is_refused_then_written_where_named(home: Path) -> None:
    """~/.zshenv links into a dotfiles folder and sets ZDOTDIR to the folder it lives in: zsh
    reads that folder's .zshrc, which ccprofile cannot name, so it refuses to guess ~/.zshrc
    (a real zsh never reads it) and writes where --file names, which a real zsh then reads."""
    require_program("zsh")
    dots = home / "dots"
    dots.mkdir()
    (dots / ".zshenv").write_text('ZDOTDIR="${${(%):-%x}:A:h}"\n')
    (home / ".zshenv").symlink_to(dots / ".zshenv")
    refused = run_cli(["set-fast-model", "claude-haiku-4-5-20251001", "--shell", "zsh"])
    assert refused.returncode == 1 and "cannot tell which startup file zsh reads" in refused.stderr
    assert not (home / ".zshrc").exists()
    # Forced into ~/.zshrc, which zsh never reads: the check with the real zsh says so.
    forced = run_cli(
        ["set-fast-model", "claude-haiku-4-5-20251001", "--file", str(home / ".zshrc"), "--verify"]
    )
    assert forced.returncode == 1
    assert f"a non-login zsh has {FAST} unset instead of 'claude-haiku-4-5-20251001'" in " ".join(
        forced.stdout.split()
    )
    assert run_cli(["uninstall", "--file", str(home / ".zshrc")]).returncode == 0
    written = run_cli(
        [
            "set-fast-model",
            "claude-haiku-4-5-20251001",
            "--shell",
            "zsh",
            "--file",
            str(dots / ".zshrc"),
            "--verify",
        ]
    )
    assert written.returncode == 0, written.stderr
    said = " ".join(written.stdout.split())
    # ccprofile cannot tell whether zsh reads the file; the real zsh's check says it does.
    assert (
        "a new terminal may use claude-haiku-5-5: ccprofile cannot tell whether zsh reads ~/dots/.zshrc"
        in said
    )
    assert f"Checked: a new zsh, login or not, exports {FAST}=claude-haiku-4-5-20251001" in said
    assert new_terminal_env("zsh").get(FAST) == "claude-haiku-4-5-20251001"
    # Taking pins out is always safe: uninstall finds the block where the ledger put it.
    removed = run_cli(["uninstall", "--all", "--shell", "zsh"])
    assert removed.returncode == 0, removed.stderr
    assert not (dots / ".zshrc").exists()


def test_status_new_shell_matches_what_real_shells_export(home: Path) -> None:
    """status reads startup files statically; the real shells must agree with it."""
    import json

    for shell in ("bash", "zsh", "fish"):
        require_program(shell)
        cli("set-fast-model", "claude-haiku-4-5-20251001", "--shell", shell)
        if shell == "bash":
            with (home / ".bashrc").open("a") as handle:
                handle.write("export ANTHROPIC_SMALL_FAST_MODEL=claude-haiku-5-5\n")
        result = run_cli(["status", "--json", "--shell", shell])
        assert result.returncode == 0, result.stderr
        report = json.loads(result.stdout)
        real = new_terminal_env(shell)
        assert report["background"]["new_shell"]["model"] == real[FAST], shell
        probed = json.loads(run_cli(["status", "--json", "--probe", "--shell", shell]).stdout)
        assert probed["background"]["new_shell"]["model"] == real[FAST], shell


# A function, zsh's anonymous function and its short loop, each sourcing a file that overrides
# the pin (a lazy loader that is never called sources one that does not): (shell, lines after
# the pin, whether status can be certain).
_SOURCED_IN_A_BODY = {
    "zsh-function-called": ("zsh", "work() { source ~/.work.sh }\nwork\n", False),
    "bash-function-called": ("bash", "load() { . ~/.work.sh; }; load\n", False),
    "zsh-anonymous-function": ("zsh", "() { source ~/.work.sh }\n", True),
    "zsh-short-loop": ("zsh", "for f (~/.conf.d/*.sh) source $f\n", True),
    "zsh-short-loop-do": ("zsh", "for f (~/.conf.d/*.sh); do source $f; done\n", True),
    "bash-lazy-loader-not-called": ("bash", "nvm() { . ~/.nvm.sh; }\n", True),
}


@pytest.mark.parametrize("case", sorted(_SOURCED_IN_A_BODY))
def test_a_file_sourced_in_a_function_or_zsh_loop_is_no_certain_wrong_answer(home: Path, case: str) -> None:
    """A file sourced inside a function the file calls was not read, and status called the
    pin it overrides certain; zsh's `() { }` and `for f (...)` were read as plain commands."""
    shell, lines, certain = _SOURCED_IN_A_BODY[case]
    override = f"export {FAST}=claude-sonnet-4-5-20250929\n"
    (home / ".work.sh").write_text(override)
    (home / ".conf.d").mkdir()
    (home / ".conf.d" / "a.sh").write_text(override)
    (home / ".nvm.sh").write_text("NVM_DIR=~/.nvm\n")
    rc = home / (".zshrc" if shell == "zsh" else ".bashrc")
    rc.write_text(f"export {FAST}=claude-haiku-4-5-20251001\n{lines}")
    real = new_terminal_env(shell).get(FAST)
    report = json.loads(run_cli(["status", "--json", "--shell", shell]).stdout)
    predicted = report["background"]["new_shell"]
    assert predicted["certain"] is certain, case
    if certain:
        assert predicted["model"] == real, case
    else:
        assert "uncertain" in {w["code"] for w in report["warnings"]}


# zsh stops reading a file at a loop whose pattern matches nothing, unless an option or the
# pattern's qualifier says otherwise: (lines before the loop, the pattern).
_ZSH_NO_MATCH = {
    "default": ("", "~/.zsh/*.zsh"),
    "qualifier-N": ("", "~/.zsh/*.zsh(N)"),
    "qualifier-plain-files": ("", "~/.zsh/*.zsh(.N)"),
    "setopt-nullglob": ("setopt nullglob\n", "~/.zsh/*.zsh"),
    "setopt-NULL_GLOB": ("setopt NULL_GLOB\n", "~/.zsh/*.zsh"),
    "unsetopt-nomatch": ("unsetopt nomatch\n", "~/.zsh/*.zsh"),
    "setopt-no_nomatch": ("setopt no_nomatch\n", "~/.zsh/*.zsh"),
    "set-o-nullglob": ("set -o nullglob\n", "~/.zsh/*.zsh"),
    "undecided-setopt": ("[[ -o login ]] && setopt nullglob\n", "~/.zsh/*.zsh"),
    "set-o-twice": ("set -o nullglob -o extendedglob\n", "~/.zsh/*.zsh"),
    "set-G": ("set -G\n", "~/.zsh/*.zsh"),
    "bare-word-qualifier": ("", "~/.zsh/work.zsh(N)"),  # a qualifier makes any word a pattern
    # Set back when the function returns: not followed, so not certain.
    "localoptions-in-a-function": ("() { setopt localoptions nullglob }\n", "~/.zsh/*.zsh"),
}
_NOT_FOLLOWED = ("undecided-setopt", "localoptions-in-a-function")


@pytest.mark.parametrize("matches", [True, False], ids=["a-file-matches", "nothing-matches"])
@pytest.mark.parametrize("case", sorted(_ZSH_NO_MATCH))
def test_a_zsh_loop_over_a_pattern_is_read_with_its_options_and_qualifier(
    home: Path, case: str, matches: bool
) -> None:
    """`*.zsh(N)` matched no file name, so a loop that sourced an override was called a stop
    and the pin certain; `setopt nullglob` was not read, so a working pin was called broken."""
    before, pattern = _ZSH_NO_MATCH[case]
    (home / ".zsh").mkdir()
    if matches:
        (home / ".zsh" / "work.zsh").write_text(f"export {FAST}=claude-sonnet-4-5-20250929\n")
    pin = f"export {FAST}=claude-haiku-4-5-20251001\n"
    (home / ".zshrc").write_text(f"{before}for f in {pattern}; do source $f; done\n{pin}")
    real = new_terminal_env("zsh").get(FAST)
    report = json.loads(run_cli(["status", "--json", "--shell", "zsh"]).stdout)
    predicted = report["background"]["new_shell"]
    if predicted["certain"] and real is None:  # zsh stopped before the pin
        assert predicted["source"] == "default", case
    elif predicted["certain"]:
        assert predicted["model"] == real, case
    assert predicted["certain"] is (case not in _NOT_FOLLOWED or matches), case
    if not predicted["certain"]:
        assert any(u["reason"].startswith("may stop: zsh stops reading") for u in report["shell"]["unseen"])


@pytest.mark.parametrize(
    ("qualifier", "read"), [("(N.)", False), ("(N-.)", True), ("(N)", True)], ids=["plain", "follow", "any"]
)
def test_a_qualifier_that_leaves_out_links_leaves_out_a_stow_link(
    home: Path, qualifier: str, read: bool
) -> None:
    """`(.)` is a plain file that is no link (`(-.)` follows one): a dotfiles manager's link to
    an override was read as sourced. The short loop form too, with the qualifier inside it."""
    (home / ".zsh").mkdir()
    (home / "dots").mkdir()
    (home / "dots" / "over.zsh").write_text(f"export {FAST}=claude-sonnet-4-5-20250929\n")
    (home / ".zsh" / "over.zsh").symlink_to(home / "dots" / "over.zsh")
    pin = f"export {FAST}=claude-haiku-4-5-20251001\n"
    for loop in (
        f"for f in ~/.zsh/*.zsh{qualifier}; do source $f; done",
        f"for f (~/.zsh/*.zsh{qualifier}) source $f",
    ):
        (home / ".zshrc").write_text(f"{pin}{loop}\n")
        real = new_terminal_env("zsh").get(FAST)
        assert real == ("claude-sonnet-4-5-20250929" if read else "claude-haiku-4-5-20251001")
        predicted = json.loads(run_cli(["status", "--json", "--shell", "zsh"]).stdout)["background"][
            "new_shell"
        ]
        assert (predicted["model"], predicted["certain"]) == (real, True), loop


def test_zsh_syntax_in_a_bash_file_is_no_certain_reading(home: Path) -> None:
    """bash cannot parse `() { ... }`: it stops reading the file there, and status credited both
    lines (the function's as run, and the pin after it)."""
    (home / ".bashrc").write_text(
        f"() {{ export ANTHROPIC_MODEL=claude-opus-4-1; }}\nexport {FAST}=claude-haiku-4-5-20251001\n"
    )
    assert new_terminal_env("bash").get(FAST) is None  # the real bash stopped at line 1
    report = json.loads(run_cli(["status", "--json", "--shell", "bash"]).stdout)
    assert report["background"]["new_shell"]["certain"] is False
    [said] = [u["reason"] for u in report["shell"]["unseen"]]
    assert said == "is zsh's syntax (an anonymous function), which bash cannot parse: may stop"


@pytest.mark.parametrize("command", ["uninstall", "unset-fast-model"])
def test_a_removal_a_login_file_still_overrides_says_so_not_that_no_terminal_has_it(
    home: Path, command: str
) -> None:
    """The check printed "a login zsh exports X" and the next line "new terminals will not
    either": ssh and tmux start login shells, which read ~/.zlogin."""
    require_program("zsh")
    (home / ".zshrc").touch()
    cli("set-fast-model", "claude-haiku-4-5-20251001", "--shell", "zsh", "--no-verify")
    (home / ".zlogin").write_text(f"export {FAST}=claude-sonnet-4-5-20250929\n")
    result = run_cli([command, "--shell", "zsh", "--verify"], {**os.environ, "COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    said = " ".join(result.stdout.split())
    assert f"Checked: a login zsh exports {FAST}=claude-sonnet-4-5-20250929" in said
    assert (
        f"still gets {FAST}=claude-sonnet-4-5-20250929 (~/.zlogin:1), from a line ccprofile did not write: "
        "`ccprofile status --shell zsh` says what to do about it." in said
    )
    assert "new terminals will not either" not in said
    assert said.endswith("This terminal does not have them set.")


def test_a_write_for_another_shell_than_the_one_typed_in_names_that_shells_terminal(home: Path) -> None:
    """Typed in zsh at a terminal, `--shell fish` printed "New terminals pick this up. For this
    terminal run: source ...fish" and a `set -gx` to paste: in zsh that turns on xtrace and
    loads nothing, and zsh's new terminals do not read fish's file."""
    import pexpect

    require_program("fish")
    program = ccprofile_command()[0]

    def typed_in_zsh(args: str, env: dict[str, str] | None = None) -> str:
        # `; true`: zsh runs the last command of `-c` in its own place, and would be no parent.
        line = f"{program} {args} --no-verify; true"
        command = f"{require_program('zsh')} -ic {shlex.quote(line)}"
        said = pexpect.run(command, env={**os.environ, "COLUMNS": "200", **(env or {})}, encoding="utf-8")
        return " ".join(re.sub(r"\x1b\[[0-9;]*m", "", str(said)).split())  # a terminal's styles out

    h45 = "claude-haiku-4-5-20251001"
    said = typed_in_zsh(f"set-fast-model {h45} --shell fish")
    assert (
        "New fish terminals pick this up. In a fish terminal run: source ~/.config/fish/conf.d/ccprofile.fish"
        in said
    )
    assert "For this terminal" not in said
    config = home / ".config" / "fish" / "config.fish"
    said = typed_in_zsh(f"set-fast-model {h45} --file {config}")  # fish's by its name
    assert "In a fish terminal run: source ~/.config/fish/config.fish" in said
    held = {FAST: h45, HAIKU: h45}
    said = typed_in_zsh("unset-fast-model --shell fish", held)
    assert f"To drop them here run: unset {FAST} {HAIKU}" in said  # zsh's own syntax, for this terminal
    assert "For this terminal run: source ~/.zshrc" in typed_in_zsh(f"set-fast-model {h45} --shell zsh")


def test_a_removal_ccprofiles_own_block_in_a_login_file_still_overrides_names_that_block(home: Path) -> None:
    """ "from a line ccprofile did not write" was untrue of ccprofile's block in ~/.zlogin: its
    own `unset-fast-model --file` takes it out, which the real login zsh then confirms."""
    (home / ".zshrc").touch()
    h45 = "claude-haiku-4-5-20251001"
    cli("set-fast-model", h45, "--shell", "zsh", "--file", str(home / ".zlogin"), "--no-verify")
    cli("set-fast-model", h45, "--shell", "zsh", "--no-verify")
    result = run_cli(["unset-fast-model", "--shell", "zsh", "--no-verify"], {**os.environ, "COLUMNS": "200"})
    said = " ".join(result.stdout.split())
    assert (
        f"still gets {FAST}={h45} (~/.zlogin:4), from ccprofile's block there: "
        "`ccprofile unset-fast-model --file ~/.zlogin` takes it out." in said
    )
    cli("unset-fast-model", "--file", str(home / ".zlogin"), "--no-verify")
    from tests.helpers import start_shell

    assert start_shell("zsh", "-lic", home, f"printenv {FAST}; true").stdout == ""
