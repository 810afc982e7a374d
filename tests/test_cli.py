"""Layer 4: the CLI through typer's CliRunner and as the installed program."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ccprofile import __version__
from ccprofile.cli.app import app
from ccprofile.errors import ShellNotDetected
from ccprofile.startup.shells import SHELLS
from ccprofile.system.processes import Process
from tests.helpers import run_cli

runner = CliRunner()
COMMANDS = [
    "set-fast-model",
    "set-model",
    "unset-fast-model",
    "unset-model",
    "set-subagent-model",
    "unset-subagent-model",
    "uninstall",
    "completion",
    "status",
    "models",
    "list",
    "undo",
]


def invoke(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=input, env={"COLUMNS": "200", "NO_COLOR": "1"})


def test_version() -> None:
    result = invoke("--version")
    assert (result.exit_code, result.output) == (0, f"ccprofile {__version__}\n")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example_or_explanation(command: str) -> None:
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.output and len(result.output.splitlines()) > 6


def test_set_fast_model_writes_both_variables_and_says_how_to_apply(home: Path) -> None:
    result = invoke("set-fast-model", "claude-haiku-4-5-20251001", "--shell", "zsh")
    assert result.exit_code == 0, result.output
    assert "Created ~/.zshrc" in result.output
    assert "source ~/.zshrc" in result.output
    paste = (
        "export ANTHROPIC_SMALL_FAST_MODEL='claude-haiku-4-5-20251001'; "
        "export ANTHROPIC_DEFAULT_HAIKU_MODEL='claude-haiku-4-5-20251001'"
    )
    assert paste in result.output
    text = (home / ".zshrc").read_text()
    assert "export ANTHROPIC_DEFAULT_HAIKU_MODEL='claude-haiku-4-5-20251001'\n" in text


def test_only_small_fast_flag_writes_one_variable(home: Path) -> None:
    invoke("set-fast-model", "claude-haiku-4-5-20251001", "--shell", "bash")
    invoke("set-fast-model", "claude-haiku-4-5-20251001", "--shell", "bash", "--only-small-fast")
    text = (home / ".bashrc").read_text()
    assert "ANTHROPIC_SMALL_FAST_MODEL" in text and "ANTHROPIC_DEFAULT_HAIKU_MODEL" not in text


def test_unchanged_second_run_says_so(home: Path) -> None:
    invoke("set-fast-model", "claude-haiku-4-5-20251001", "--shell", "zsh")
    result = invoke("set-fast-model", "claude-haiku-4-5-20251001", "--shell", "zsh")
    assert "nothing changed" in result.output


def test_unset_one_pin_keeps_the_other_and_last_unset_removes_the_block(home: Path) -> None:
    (home / ".bashrc").write_text("# mine\n")
    invoke("set-fast-model", "claude-haiku-4-5-20251001", "--shell", "bash")
    invoke("set-model", "claude-sonnet-4-5-20250929", "--shell", "bash")
    invoke("unset-fast-model", "--shell", "bash")
    text = (home / ".bashrc").read_text()
    assert "ANTHROPIC_MODEL='claude-sonnet-4-5-20250929'" in text and "SMALL_FAST" not in text
    result = invoke("unset-model", "--shell", "bash")
    assert result.exit_code == 0
    assert (home / ".bashrc").read_text() == "# mine\n"


def test_subagent_pin_is_resolved_by_status_and_its_unset_leaves_the_file_as_it_was(home: Path) -> None:
    (home / ".bashrc").write_text("# mine\n")
    result = invoke("set-subagent-model", "haiku", "--shell", "bash")
    assert result.exit_code == 0, result.output
    assert "export CLAUDE_CODE_SUBAGENT_MODEL='haiku'" in (home / ".bashrc").read_text()
    report = json.loads(invoke("status", "--json", "--shell", "bash").output)
    # A new terminal's subagents get the alias's target; this shell's still inherit the primary.
    fresh = report["subagents"]["new_shell"]
    assert (fresh["model"], fresh["variable"], fresh["inherits_primary"]) == (
        "claude-haiku-5-5",
        "CLAUDE_CODE_SUBAGENT_MODEL",
        False,
    )
    assert report["subagents"]["inherits_primary"] is True and report["subagents"]["explore"] == "primary"
    assert invoke("unset-subagent-model", "--shell", "bash").exit_code == 0
    assert (home / ".bashrc").read_text() == "# mine\n"


def test_a_subagent_pin_a_login_shell_misses_is_said_as_for_the_other_pins(home: Path) -> None:
    result = invoke("set-subagent-model", "sonnet", "--shell", "bash")
    said = " ".join(result.output.split())
    assert "With sonnet pinned in ~/.bashrc, Claude Code started from a login bash" in said
    assert "Fix: create ~/.bash_profile with the line `[ -f ~/.bashrc ] && . ~/.bashrc`." in said


def test_inherit_is_the_subagents_default_not_a_model(home: Path) -> None:
    refused = invoke("set-subagent-model", "inherit", "--shell", "bash")
    assert refused.exit_code == 2 and "unset-subagent-model` instead" in refused.output
    report = json.loads(invoke("status", "--json", "--shell", "bash", input=None).output)
    assert report["subagents"]["inherits_primary"] is True
    found = runner.invoke(
        app, ["status", "--json", "--shell", "bash"], env={"CLAUDE_CODE_SUBAGENT_MODEL": "inherit"}
    )
    codes = {w["code"] for w in json.loads(found.output)["warnings"]}
    assert not codes & {"unknown-model", "wrong-provider-id", "retired-model"}, codes


def test_a_subagent_pin_beaten_by_settings_is_said_on_the_write(home: Path) -> None:
    settings = home / ".claude" / "settings.json"
    settings.parent.mkdir()
    settings.write_text('{"env": {"CLAUDE_CODE_SUBAGENT_MODEL": "sonnet"}}')
    refused = invoke("set-subagent-model", "claude-haiku-5-5", "--shell", "bash", "--strict")
    assert refused.exit_code == 1 and not (home / ".bashrc").exists()
    result = invoke("set-subagent-model", "claude-haiku-5-5", "--shell", "bash")
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "With claude-haiku-5-5 pinned in ~/.bashrc, Claude Code started from a new terminal uses " in said
    assert "claude-sonnet-5-5: env.CLAUDE_CODE_SUBAGENT_MODEL in ~/.claude/settings.json sets it" in said


def test_dry_run_prints_a_diff_and_writes_nothing(home: Path) -> None:
    result = invoke("set-fast-model", "claude-haiku-4-5-20251001", "--shell", "zsh", "--dry-run")
    assert result.exit_code == 0
    assert "+export ANTHROPIC_SMALL_FAST_MODEL='claude-haiku-4-5-20251001'" in result.output
    assert "Dry run" in result.output
    assert not (home / ".zshrc").exists()


def test_explicit_file_infers_the_shell_from_its_name(home: Path) -> None:
    target = home / "dots" / "mine.fish"
    target.parent.mkdir()
    result = invoke("set-fast-model", "claude-haiku-4-5-20251001", "--file", str(target))
    assert result.exit_code == 0, result.output
    assert "set -gx ANTHROPIC_SMALL_FAST_MODEL 'claude-haiku-4-5-20251001'" in target.read_text()


def test_uninstall_all_cleans_every_known_file(home: Path) -> None:
    (home / ".profile").write_text("PATH=$PATH:/x\n")
    for shell in ("zsh", "bash", "fish", "sh", "tcsh"):
        invoke("set-fast-model", "claude-haiku-4-5-20251001", "--shell", shell)
    result = invoke("uninstall", "--all")
    assert result.exit_code == 0, result.output
    assert (home / ".profile").read_text() == "PATH=$PATH:/x\n"
    for gone in (".zshrc", ".bashrc", ".tcshrc", ".config/fish/conf.d/ccprofile.fish"):
        assert not (home / gone).exists(), gone
    assert "No startup file has a ccprofile block" in invoke("uninstall", "--all").output


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        pytest.param("claude haiku", "contains a space", id="space"),
        pytest.param("x'y", "contains a quote", id="quote"),
        pytest.param("$(rm -rf ~)", "contains a '$'", id="dollar"),
        pytest.param("a`b`", "contains a backtick", id="backtick"),
        pytest.param("a\nb", "contains a newline", id="newline"),
        pytest.param("", "is empty", id="empty"),
    ],
)
def test_bad_model_values_are_refused_in_one_line(home: Path, value: str, fragment: str) -> None:
    result = run_cli(["set-fast-model", value, "--shell", "zsh", "--force"])
    assert result.returncode == 2
    assert result.stderr.startswith("ccprofile: error: ") and fragment in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (home / ".zshrc").exists()


def test_unknown_shell_is_a_clear_error(home: Path) -> None:
    result = run_cli(["set-fast-model", "claude-haiku-4-5-20251001", "--shell", "nushell"])
    assert result.returncode == 2
    assert "unsupported shell 'nushell': supported are bash, csh, dash, fish" in result.stderr


def test_home_unset_is_a_clear_error(home: Path) -> None:
    import os

    env = {k: v for k, v in os.environ.items() if k != "HOME"}
    result = run_cli(["set-fast-model", "claude-haiku-4-5-20251001", "--shell", "zsh"], env)
    assert result.returncode == 1
    assert (
        result.stderr
        == "ccprofile: error: HOME is not set: cannot tell where your startup files and backups are\n"
    )


def _tree(*argvs: str) -> list[Process]:
    """A process tree as /proc would give it, nearest ancestor first."""
    return [Process(100 + i, tuple(argv.split())) for i, argv in enumerate(argvs)]


@pytest.mark.parametrize(
    ("tree", "login", "expected", "reason"),
    [
        pytest.param(
            ["bash setup.sh", "-zsh", "login"],
            "/usr/bin/zsh",
            "zsh",
            "ran ccprofile from",
            id="script-in-zsh",
        ),
        pytest.param(
            ["bash setup.sh", "make", "sshd: me"],
            "/usr/bin/zsh",
            "zsh",
            "login shell",
            id="script-no-terminal",
        ),
        pytest.param(
            ["fish", "tmux: server"], "/bin/bash", "fish", "ran ccprofile from", id="fish-over-bash-login"
        ),
        pytest.param(
            ["bash -c true", "python3 ci.py"], "/bin/tcsh", "tcsh", "login shell", id="dash-c-skipped"
        ),
        pytest.param(
            ["/bin/zsh -i -c ccprofile"],
            "/bin/bash",
            "zsh",
            "ran ccprofile from",
            id="zsh-i-c-is-interactive",
        ),
        pytest.param(
            ["xonsh", "sshd"], "/bin/bash", "bash", "login shell", id="unsupported-shell-then-SHELL"
        ),
    ],
)
def test_shell_detection_takes_the_nearest_interactive_shell(
    tree: list[str], login: str, expected: str, reason: str
) -> None:
    from ccprofile.cli.wording import shell_reason
    from ccprofile.machine.detect import choose_shell

    detection = choose_shell(_tree(*tree), {"SHELL": login})
    assert detection.shell.name == expected and reason in shell_reason(detection.reason, None)


def test_shell_detection_says_when_the_login_shell_differs_and_fails_without_any() -> None:
    from ccprofile.machine.detect import choose_shell

    assert choose_shell(_tree("fish"), {"SHELL": "/bin/bash"}).other is SHELLS["bash"]
    assert choose_shell(_tree("-bash"), {"SHELL": "/bin/bash"}).other is None
    with pytest.raises(ShellNotDetected, match=r"could not detect your shell and \$SHELL is not set"):
        choose_shell(_tree("bash script.sh"), {})


def test_python_dash_m_and_installed_script_agree(home: Path) -> None:
    import subprocess

    module = subprocess.run(
        [sys.executable, "-m", "ccprofile", "--version"], capture_output=True, text=True, check=True
    )
    assert module.stdout == run_cli(["--version"]).stdout == f"ccprofile {__version__}\n"
    # Run as a module, the hints name it so: `ccprofile` may not be on PATH.
    hinted = subprocess.run(
        [sys.executable, "-m", "ccprofile", "status", "--shell", "zsh"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert f"More: {sys.executable} -m ccprofile status --verbose" in " ".join(hinted.stdout.split())


def test_real_subprocess_set_and_uninstall_restore_the_file(home: Path) -> None:
    rc = home / ".zshrc"
    rc.write_bytes(b"setopt autocd\r\n")
    assert run_cli(["set-fast-model", "claude-haiku-4-5-20251001", "--shell", "zsh"]).returncode == 0
    assert run_cli(["uninstall", "--shell", "zsh"]).returncode == 0
    assert rc.read_bytes() == b"setopt autocd\r\n"


# ``ccprofile status`` skips typer when it can (ccprofile.fast_status); CliRunner always goes
# through typer. The installed program must print and exit exactly as typer would.
STATUS_LINES = [  # (arguments after `status`, whether the fast path takes them)
    ([], True),
    (["--json"], True),
    (["--check"], True),
    (["--json", "--check", "--shell", "bash"], True),
    (["--shell=fish", "--json"], True),
    (["--project", "{project}", "--json"], True),
    (["--project={project}"], True),
    (["--shell", "nosuchshell"], True),
    (["--project", "{file}"], False),
    (["--shell"], False),
    (["--jsn"], False),
    (["--help"], False),
    (["extra-argument"], False),
]


@pytest.mark.parametrize(
    ("args", "fast"), STATUS_LINES, ids=[" ".join(a) or "(none)" for a, _ in STATUS_LINES]
)
def test_status_fast_path_matches_typer(home: Path, tmp_path: Path, args: list[str], fast: bool) -> None:
    import os

    from ccprofile.cli import fast_status

    project, file = tmp_path / "project", tmp_path / "a-file"
    (project / ".claude").mkdir(parents=True)
    (project / ".claude" / "settings.json").write_text('{"env": {"ANTHROPIC_SMALL_FAST_MODEL": "p"}}')
    file.write_text("")
    (home / ".zshrc").write_text("export ANTHROPIC_MODEL='claude-opus-4-5-20251101'\n")
    args = [a.format(project=project, file=file) for a in args]
    assert (fast_status.parse(args) is not None) == fast
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1", "SHELL": "/bin/zsh"}
    typer_result = runner.invoke(app, ["status", *args], env=env)
    installed = run_cli(["status", *args], env=env)
    assert installed.returncode == typer_result.exit_code
    if "--help" in args:
        # CliRunner lays help out at 80 columns, a real program at the terminal's width less 2.
        assert installed.stdout.split() == typer_result.stdout.split()
    else:
        assert installed.stdout == typer_result.stdout
    assert installed.stderr == typer_result.stderr


@pytest.mark.parametrize("args", [["status", "--json"], ["status"], ["models"], ["--help"]])
def test_a_closed_pipe_ends_quietly(args: list[str]) -> None:
    import os
    import subprocess

    from tests.conftest import ccprofile_command

    read_end, write_end = os.pipe()
    os.close(read_end)  # as `ccprofile ... | head -0`: every write fails
    try:
        result = subprocess.run(
            [*ccprofile_command(), *args], stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=60
        )
    finally:
        os.close(write_end)
    assert (result.returncode, result.stderr) == (1, "")


def test_status_options_typer_and_the_fast_parser_agree_on_names_kinds_defaults_and_help() -> None:
    import typer.main
    from typer.core import TyperOption

    from ccprofile.cli import fast_status

    command = typer.main.get_command(app).commands["status"]  # type: ignore[attr-defined]
    declared = {
        param.opts[0]: (param.name, param.is_flag, param.default, param.help)
        for param in command.params
        if isinstance(param, TyperOption)
    }
    table = {
        option.flag: (option.dest, option.kind is bool, option.default, option.help)
        for option in fast_status.OPTIONS
    }
    assert declared == table
    # And the fast parser reads each of them: a flag alone, an option with its value.
    for option in fast_status.OPTIONS:
        words = [option.flag] if option.kind is bool else [option.flag, "x"]
        parsed = fast_status.parse(words)
        assert parsed is not None and getattr(parsed, option.dest) in (True, "x", Path("x")), option.flag


def test_the_file_chosen_is_named_with_the_reason_when_it_is_not_the_obvious_one(home: Path) -> None:
    (home / ".zshenv").write_text('export ZDOTDIR="$HOME/.config/zsh"\n')
    result = invoke("set-fast-model", "claude-haiku-4-5-20251001", "--shell", "zsh")
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())  # the long temporary path wraps
    assert "Using ~/.config/zsh/.zshrc: ZDOTDIR is set to ~/.config/zsh in ~/.zshenv." in said
    assert (home / ".config" / "zsh" / ".zshrc").is_file() and not (home / ".zshrc").exists()


def test_duplicate_blocks_are_collapsed_and_the_user_is_told(home: Path) -> None:
    from ccprofile.startup import block

    one = block.render(["export ANTHROPIC_SMALL_FAST_MODEL='old'"])
    (home / ".bashrc").write_text(f"a\n{one}b\n{one}")
    result = invoke("set-fast-model", "claude-haiku-4-5-20251001", "--shell", "bash")
    assert result.exit_code == 0, result.output
    assert "~/.bashrc had 2 ccprofile blocks; kept the first and removed the duplicates." in result.output
    text = (home / ".bashrc").read_text()
    # The removed duplicate takes the newline in front of it, as uninstall would.
    assert text.count(block.BEGIN) == 1 and text.startswith("a\n") and text.endswith("<<<\nb")


def test_uninstall_of_duplicate_blocks_says_it_removed_them_all(home: Path) -> None:
    """None is kept, so "kept the first" would be false."""
    from ccprofile.startup import block

    one = block.render(["export ANTHROPIC_SMALL_FAST_MODEL='old'"])
    (home / ".bashrc").write_text(f"a\n{one}")
    assert "Updated ~/.bashrc: removed the ccprofile block." in invoke("uninstall", "--shell", "bash").output
    (home / ".bashrc").write_text(f"a\n{one}b\n{one}")
    result = invoke("uninstall", "--shell", "bash")
    assert result.exit_code == 0, result.output
    assert "Updated ~/.bashrc: removed both ccprofile blocks." in result.output
    assert "kept the first" not in result.output
    assert (home / ".bashrc").read_text() == "a\nb"
    (home / ".bashrc").write_text(f"a\n{one}{one}{one}")
    assert (
        "Updated ~/.bashrc: removed all 3 ccprofile blocks." in invoke("uninstall", "--shell", "bash").output
    )


def test_a_dry_run_uninstall_of_a_file_ccprofile_created_shows_it_deleted(home: Path) -> None:
    assert invoke("set-fast-model", "claude-haiku-4-5-20251001", "--shell", "bash").exit_code == 0
    result = invoke("uninstall", "--shell", "bash", "--dry-run")
    assert result.exit_code == 0, result.output
    diff = result.output[result.output.index("---") : result.output.index("Dry run:")]
    assert "+++ /dev/null" in diff
    assert [line for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")] == []
    assert (home / ".bashrc").exists()


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--shell", "zsh"], "Shell: zsh, as given with --shell."),
        (["--file", "{home}/.bashrc"], "Shell: bash, the name of .bashrc."),
    ],
)
def test_a_write_says_why_it_chose_the_shell(home: Path, args: list[str], said: str) -> None:
    """The reason is a value below the command line (machine/detect); these are its words."""
    named = [arg.format(home=home) for arg in args]
    env = {**os.environ, "COLUMNS": "200"}
    result = run_cli(["set-fast-model", "claude-haiku-4-5-20251001", *named, "--no-verify"], env)
    assert result.returncode == 0, result.stderr
    assert said in result.stdout


def test_refusals_are_worded_the_same_in_this_process(home: Path, tmp_path: Path) -> None:
    """What the subprocess tests read on stderr, from the command functions run here."""
    refused = runner.invoke(app, ["completion", "--shell", "tcsh"])
    assert refused.exit_code == 2
    assert "ccprofile has no tab completion for tcsh: it has it for bash, zsh, fish; nothing was written" in (
        " ".join(refused.output.split())
    )
    missing = tmp_path / "does-not-exist"
    refused = runner.invoke(
        app, ["set-fast-model", "claude-haiku-4-5-20251001", "--shell", "zsh"], env={"HOME": str(missing)}
    )
    assert refused.exit_code == 1
    said = " ".join(refused.output.split())
    assert f"your home directory (HOME) {missing} does not exist; nothing was written" in said
    assert not missing.exists()


def test_uninstall_refuses_a_block_without_its_end_naming_the_file_and_line(home: Path) -> None:
    text = "a\n# >>> ccprofile >>>\nexport ANTHROPIC_SMALL_FAST_MODEL=x\n"
    (home / ".bashrc").write_text(text)
    result = invoke("uninstall", "--shell", "bash")
    assert result.exit_code == 1
    assert (
        f"ccprofile: error: {home / '.bashrc'}: ccprofile begin marker at line 2 has no end marker; "
        "fix the markers by hand, nothing was written"
    ) in " ".join(result.output.split())
    assert (home / ".bashrc").read_text() == text
