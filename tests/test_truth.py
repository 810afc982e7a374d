"""Every claim ccprofile prints holds in the situations users are in (issue: "every claim").

Each test is one situation found by using ccprofile as a user would: a shell that still has
the pin after uninstall, a settings file that beats the pin, a Windows-edited startup file,
a setup script run by another shell, a terminal of no width.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ccprofile.cli.app import app
from ccprofile.startup import block
from tests.conftest import require_program
from tests.helpers import run_cli, start_shell

runner = CliRunner()
FAST, HAIKU, PRIMARY = "ANTHROPIC_SMALL_FAST_MODEL", "ANTHROPIC_DEFAULT_HAIKU_MODEL", "ANTHROPIC_MODEL"
H45 = "claude-haiku-4-5-20251001"
LOADED = {FAST: H45, HAIKU: H45}  # this shell after `source ~/.zshrc`


def invoke(*args: str, env: dict[str, str] | None = None) -> Any:
    return runner.invoke(app, list(args), env={"COLUMNS": "200", "NO_COLOR": "1", **(env or {})})


def status_json(*args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    result = invoke("status", "--json", "--shell", "zsh", *args, env=env)
    assert result.exit_code in (0, 1), result.output
    report: dict[str, Any] = json.loads(result.output)
    return report


def codes(report: dict[str, Any]) -> list[str]:
    return [w["code"] for w in report["warnings"]]


def settings(home: Path, data: object) -> Path:
    path = home / ".claude" / "settings.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data))
    return path


# 1. status after unset/uninstall: a new terminal does not inherit this shell's variables.


@pytest.mark.parametrize(
    ("command", "left"),
    [
        pytest.param(["uninstall"], [], id="uninstall"),
        pytest.param(["unset-fast-model"], [PRIMARY], id="unset-fast-model"),
        pytest.param(["unset-model"], [FAST, HAIKU], id="unset-model"),
    ],
)
def test_after_removing_a_pin_status_does_not_predict_it_for_new_terminals(
    home: Path, command: list[str], left: list[str]
) -> None:
    assert invoke("set-fast-model", H45, "--shell", "zsh").exit_code == 0
    assert invoke("set-model", "claude-opus-5-5", "--shell", "zsh").exit_code == 0
    loaded = {**LOADED, PRIMARY: "claude-opus-5-5"}  # `source ~/.zshrc` in this shell
    assert invoke(*command, "--shell", "zsh", env=loaded).exit_code == 0
    report = status_json("--check", env=loaded)
    gone = [name for name in (FAST, HAIKU, PRIMARY) if name not in left]
    assert "stale-in-this-shell" in codes(report)
    stale = next(w["message"] for w in report["warnings"] if w["code"] == "stale-in-this-shell")
    assert f"unset {' '.join(gone)}" in stale
    if FAST in gone:
        assert report["background"]["new_shell"]["source"] == "default"
        assert report["background"]["new_shell"]["model"] == "claude-haiku-5-5"
        assert report["background"]["model"] == H45  # this shell still sends the old pin
    else:
        assert report["background"]["new_shell"]["model"] == H45
    expected_primary = ("default", "claude-opus-5-5") if PRIMARY in gone else ("profile", "claude-opus-5-5")
    assert (
        report["primary"]["new_shell"]["source"],
        report["primary"]["new_shell"]["model"],
    ) == expected_primary


def test_a_value_new_terminals_inherit_is_predicted_and_not_stale(home: Path, tmp_path: Path) -> None:

    session = subprocess.Popen(["sleep", "60"], env={FAST: "from-the-session", "PATH": os.defpath})
    try:
        env = {"CCPROFILE_SESSION_PID": str(session.pid), FAST: "from-the-session"}
        report = status_json(env=env)
    finally:
        session.kill()
        session.wait()
    assert report["background"]["new_shell"]["model"] == "from-the-session"
    assert report["background"]["new_shell"]["source"] == "session"
    assert "stale-in-this-shell" not in codes(report)


def test_an_unreadable_session_is_said_and_assumed_empty(home: Path) -> None:
    report = status_json(env={"CCPROFILE_SESSION_PID": "999999999"})
    assert (
        "The environment new terminals inherit could not be read (process 999999999 "
        "($CCPROFILE_SESSION_PID) cannot be read); the new-terminal column assumes it sets none of "
        "these variables."
    ) in report["notes"]


def test_without_a_shell_the_note_says_the_new_terminal_is_not_known(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ccprofile.machine import detect

    monkeypatch.delenv("SHELL", raising=False)
    monkeypatch.setattr(detect, "ancestors", lambda: [])  # not the terminal pytest was run from
    result = runner.invoke(app, ["status", "--json"])
    note = (
        "No shell: could not detect your shell and $SHELL is not set. The models shown are those of a "
        "claude started with this environment; what a new terminal would use is not known."
    )
    report = json.loads(result.stdout)
    assert note in report["notes"]
    for kind in ("background", "primary", "subagents"):
        assert report[kind]["new_shell"] is None, kind
    assert report["background"]["candidates"]["new_terminal"] is None
    assert report["primary"]["candidates"]["new_terminal"] is None
    table = runner.invoke(app, ["status"], env={"COLUMNS": "200"})
    assert note in " ".join(table.output.split())  # under the table, without --verbose


# 2. unset and uninstall print the command that drops the variables in this terminal.


@pytest.mark.parametrize(
    ("shell", "command"),
    [
        ("bash", f"unset {FAST} {HAIKU}"),
        ("zsh", f"unset {FAST} {HAIKU}"),
        ("fish", f"set -e {FAST}; set -e {HAIKU}"),
        ("tcsh", f"unsetenv {FAST}; unsetenv {HAIKU}"),
        ("pwsh", f"Remove-Item Env:{FAST}, Env:{HAIKU}"),
    ],
)
def test_removing_a_pin_prints_this_shells_command_to_drop_it(home: Path, shell: str, command: str) -> None:
    assert invoke("set-fast-model", H45, "--shell", shell).exit_code == 0
    result = invoke("unset-fast-model", "--shell", shell, env=LOADED)
    assert result.exit_code == 0, result.output
    assert command in result.output
    assert "source" not in result.output.split("To drop them here run:")[1]


def test_removing_one_pin_where_others_stay_drops_it_here_too(home: Path) -> None:
    """Loading the file again keeps what this shell holds: the background pins taken out beside
    a primary pin that stays are unset in both ways to apply it here."""
    assert invoke("set-fast-model", H45, "--shell", "bash").exit_code == 0
    assert invoke("set-model", "sonnet", "--shell", "bash").exit_code == 0
    result = invoke("unset-fast-model", "--shell", "bash", env={**LOADED, PRIMARY: "sonnet"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    at = lines.index("or paste:")
    assert lines[at - 1].endswith(f"For this terminal run:  unset {FAST} {HAIKU}; source ~/.bashrc")
    assert lines[at + 1] == f"  unset {FAST} {HAIKU}; export {PRIMARY}='sonnet'"


def test_a_login_start_the_settings_decide_is_not_blamed_on_its_files(home: Path) -> None:
    """The user settings give every claude their background model: a login bash's missing
    ~/.bash_profile is no reason, and creating it no fix (the settings' own warning is)."""
    settings = home / ".claude" / "settings.json"
    settings.parent.mkdir()
    settings.write_text(json.dumps({"env": {FAST: "claude-sonnet-4-5-20250929"}}))
    said = " ".join(invoke("set-fast-model", H45, "--shell", "bash").output.split())
    assert "login bash" not in said and ".bash_profile" not in said
    assert f"env.{FAST} in ~/.claude/settings.json sets it, and settings beat the shell." in said


def test_a_crlf_startup_file_qualifies_what_new_terminals_pick_up(home: Path) -> None:
    """bash stops reading a Windows-written file at a line it cannot parse: "New terminals pick
    this up" holds only if it gets past them, as the warning just above says."""
    (home / ".bashrc").write_bytes(b"case $- in\r\n    *i*) ;;\r\n      *) return;;\r\nesac\r\n")
    said = " ".join(invoke("set-fast-model", H45, "--shell", "bash").output.split())
    assert "warning crlf-startup-file: ~/.bashrc has Windows (CRLF) line endings" in said
    assert "if bash gets past its Windows line endings: see above) pick this up." in said


def test_a_bedrock_profile_the_region_cannot_call_is_said_when_it_is_pinned(home: Path) -> None:
    """Bedrock on in eu-west-1 for this shell and new terminals: a us. profile is written (it is
    a Bedrock ID) and the write says at once that Bedrock refuses it there."""
    (home / ".bashrc").write_text("export CLAUDE_CODE_USE_BEDROCK=1 AWS_REGION=eu-west-1\n")
    us = "us.anthropic.claude-haiku-4-5-20251001-v1:0"
    env = {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "eu-west-1"}
    said = " ".join(invoke("set-fast-model", us, "--shell", "bash", env=env).output.split())
    assert (
        f"warning bedrock-region: {FAST}={us} (~/.bashrc:5 (ccprofile's block)) cannot be called from "
        "eu-west-1 (the region Claude Code uses): Bedrock refuses every request for it there. Fix: "
        "`ccprofile set-fast-model eu.anthropic.claude-haiku-4-5-20251001-v1:0 --shell bash`." in said
    )


def test_a_value_a_later_file_sets_is_not_said_to_be_after_a_removed_block(home: Path) -> None:
    assert invoke("set-model", "claude-sonnet-5", "--shell", "zsh").exit_code == 0
    with (home / ".zshrc").open("a") as rc:
        rc.write("source ~/.late.zsh\n")
    (home / ".late.zsh").write_text(f"export {PRIMARY}=claude-sonnet-4-5-20250929\n")
    said = " ".join(invoke("uninstall", "--shell", "zsh").output.split())
    assert (
        "Without the primary-model pin in ~/.zshrc, Claude Code started from a new terminal still uses "
        "claude-sonnet-4-5-20250929: ~/.late.zsh:1 sets it. Fix: delete line 1 of ~/.late.zsh." in said
    )


def test_a_login_start_a_settings_model_key_gives_its_model_is_told_its_files(home: Path) -> None:
    """The settings `model` key is beaten by the ANTHROPIC_MODEL a pin exports: a login bash
    that does not read the pin gets the key's model, and reading it is the fix."""
    settings = home / ".claude" / "settings.json"
    settings.parent.mkdir()
    settings.write_text(json.dumps({"model": "claude-opus-4-5-20251101"}))
    said = " ".join(invoke("set-model", "claude-sonnet-4-5-20250929", "--shell", "bash").output.split())
    assert "Claude Code started from a login bash" in said and "uses claude-opus-4-5-20251101" in said
    assert "Fix: create ~/.bash_profile with the line `[ -f ~/.bashrc ] && . ~/.bashrc`." in said


def test_a_probed_new_terminal_is_known_to_lack_a_value_past_a_line_it_cannot_read(home: Path) -> None:
    """--probe started the shell: the new terminal's value is known, so stale-in-this-shell
    says it "will not" have it."""

    require_program("zsh")
    (home / ".zshrc").write_text('eval "$(echo true)"\n')
    report = status_json("--probe", env=LOADED)
    (message,) = [w["message"] for w in report["warnings"] if w["code"] == "stale-in-this-shell"]
    assert message.startswith(f"This shell has {FAST}={H45}, {HAIKU}={H45}, but a new terminal will not:")


def test_a_fish_file_no_start_reads_is_sourced_in_fishs_own_words(home: Path) -> None:
    said = " ".join(
        invoke(
            "set-fast-model", H45, "--shell", "fish", "--file", str(home / "extra.fish"), "--dry-run"
        ).output.split()
    )
    assert (
        f"With {H45} pinned in ~/extra.fish, Claude Code started from a new terminal uses claude-haiku-5-5: "
        "~/.config/fish/config.fish does not source ~/extra.fish. Fix: add `source ~/extra.fish` to "
        "~/.config/fish/config.fish." in said
    )


def test_a_login_start_past_a_line_ccprofile_cannot_follow_may_use_another_model(home: Path) -> None:
    (home / ".bash_profile").write_text('eval "$(true)"\n')
    said = " ".join(invoke("set-fast-model", H45, "--shell", "bash").output.split())
    assert (
        f"With {H45} pinned in ~/.bashrc, Claude Code started from a login bash (ssh; tmux or `bash -l` "
        "started where the pin is not set) may use claude-haiku-5-5: ccprofile finds no line that sources "
        "~/.bashrc, though it cannot follow every line." in said
    )


def test_on_macos_the_other_start_of_a_write_is_the_non_login_one_an_app_starts(home: Path) -> None:
    said = _said(invoke("set-fast-model", H45, "--shell", "bash", env={"CCPROFILE_PLATFORM": "darwin"}))
    assert (
        f"With {H45} pinned in ~/.bash_profile, Claude Code started from a non-login bash an app starts (some "
        "IDE terminals) uses claude-haiku-5-5: ~/.bashrc does not source ~/.bash_profile. Fix: add "
        "`[ -f ~/.bash_profile ] && . ~/.bash_profile` to ~/.bashrc." in said
    )


def test_the_other_starts_subagent_model_on_bedrock_is_in_the_aws_config_files_region(home: Path) -> None:
    """A login bash on Bedrock, its region from ~/.aws/config, pins the sonnet alias for
    subagents: its own model, in that region's geography, is what it keeps."""
    (home / ".aws").mkdir()
    (home / ".aws" / "config").write_text("[default]\nregion = eu-west-1\n")
    (home / ".bash_profile").write_text(
        "export CLAUDE_CODE_USE_BEDROCK=1\nexport CLAUDE_CODE_SUBAGENT_MODEL=sonnet\n"
    )
    said = _said(invoke("set-subagent-model", "haiku", "--shell", "bash"))
    assert (
        "With haiku pinned in ~/.bashrc, Claude Code started from a login bash (ssh; tmux or `bash -l` started "
        "where the pin is not set) uses eu.anthropic.claude-sonnet-4-5-20250929-v1:0: ~/.bash_profile does "
        "not source ~/.bashrc." in said
    )


def test_a_first_party_id_forced_on_mantle_is_met_by_the_id_mantle_sends_for_it(home: Path) -> None:
    """Mantle sends its own ID for a first-party one: the pin is read and is the model sent,
    so no "uses anthropic.claude-haiku-4-5 ... Fix: unset-fast-model" (it was said once)."""
    (home / ".zshrc").write_text("export CLAUDE_CODE_USE_MANTLE=1\n")
    said = _said(
        invoke("set-fast-model", H45, "--force", "--shell", "zsh", env={"CLAUDE_CODE_USE_MANTLE": "1"})
    )
    assert "New terminals pick this up." in said and "uses anthropic.claude-haiku-4-5" not in said


def test_a_pin_beaten_by_ccprofiles_own_block_later_is_fixed_by_unsetting_that_one(home: Path) -> None:
    """~/.zshrc sources ~/.zsh_early before its own block: a pin written there loses to the
    block, whose removal is the fix."""
    (home / ".zshrc").write_text(". ~/.zsh_early\n")
    (home / ".zsh_early").write_text("")
    assert invoke("set-fast-model", "claude-haiku-5-5", "--shell", "zsh").exit_code == 0
    said = _said(invoke("set-fast-model", H45, "--shell", "zsh", "--file", str(home / ".zsh_early")))
    assert said.endswith(
        f"With {H45} pinned in ~/.zsh_early, Claude Code started from a new terminal uses claude-haiku-5-5: "
        "~/.zshrc:5 (ccprofile's block) sets it. Fix: `ccprofile unset-fast-model --shell zsh`."
    )


def test_removing_a_pin_this_shell_never_loaded_says_so(home: Path) -> None:
    assert invoke("set-fast-model", H45, "--shell", "zsh").exit_code == 0
    result = invoke("uninstall", "--shell", "zsh")
    assert "This terminal does not have them set" in result.output and "unset" not in result.output


# 3. A write that has no effect says so, and --strict refuses it.


def test_a_pin_beaten_by_settings_says_which_model_claude_will_use(home: Path) -> None:
    path = settings(home, {"env": {FAST: "claude-haiku-5-5"}})
    result = invoke("set-fast-model", "haiku-4.5", "--shell", "zsh")
    said = " ".join(result.output.split())
    assert result.exit_code == 0
    assert (
        f"With {H45} pinned in ~/.zshrc, Claude Code started from a new terminal uses claude-haiku-5-5: "
        f"env.{FAST} in ~/.claude/settings.json sets it, and settings beat the shell. "
        f'Fix: remove "{FAST}" from the "env" object of ~/.claude/settings.json.'
    ) in said
    assert path == home / ".claude" / "settings.json"
    assert "New terminals pick this up" not in said


def test_strict_refuses_a_pin_without_effect_and_writes_nothing(home: Path) -> None:
    settings(home, {"env": {FAST: "claude-haiku-5-5"}})
    result = invoke("set-fast-model", "haiku-4.5", "--shell", "zsh", "--strict")
    assert result.exit_code == 1
    said = " ".join(result.output.split())
    assert "uses claude-haiku-5-5" in said and "(--strict: nothing was written)" in said
    assert "Pinned" not in said  # nothing was
    assert not (home / ".zshrc").exists()


def test_a_later_hand_written_export_beats_the_pin_and_the_fix_names_its_line(home: Path) -> None:
    assert invoke("set-fast-model", H45, "--shell", "zsh").exit_code == 0
    with (home / ".zshrc").open("a") as handle:
        handle.write("export ANTHROPIC_SMALL_FAST_MODEL=claude-haiku-5-5\n")
    result = invoke("set-fast-model", H45, "--shell", "zsh")
    said = " ".join(result.output.split())
    assert "already pins" in said
    assert "uses claude-haiku-5-5: ~/.zshrc:7 sets it after the ccprofile block" in said
    assert "Fix: delete line 7 of ~/.zshrc." in said


def test_a_removal_that_something_else_undoes_says_what_remains(home: Path) -> None:
    path = settings(home, {"env": {FAST: "claude-haiku-5-5"}})
    assert invoke("set-fast-model", "claude-haiku-5-5", "--shell", "zsh").exit_code == 0
    result = invoke("uninstall", "--shell", "zsh")
    said = " ".join(result.output.split())
    assert "Without the background-model pin in ~/.zshrc, Claude Code started from a new" in said
    assert f"still uses claude-haiku-5-5: env.{FAST} in ~/.claude/settings.json sets it" in said
    assert path == home / ".claude" / "settings.json"


def test_dry_run_checks_the_planned_text(home: Path) -> None:
    settings(home, {"env": {FAST: "claude-haiku-5-5"}})
    result = invoke("set-fast-model", "haiku-4.5", "--shell", "zsh", "--dry-run")
    said = " ".join(result.output.split())
    assert "Dry run: With claude-haiku-4-5-20251001 pinned in ~/.zshrc, Claude Code" in said
    assert "Pinned" not in said and "Removed" not in said
    assert not (home / ".zshrc").exists()


def _said(result: Any) -> str:
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def test_a_settings_pin_removed_shows_the_shells_pin_below_it_with_nothing_to_fix(home: Path) -> None:
    (home / ".zshrc").write_text(f"export {FAST}=claude-haiku-5-5\n")
    assert invoke("set-fast-model", H45, "--scope", "user").exit_code == 0
    said = _said(invoke("unset-fast-model", "--scope", "user", env={"SHELL": "/bin/zsh"}))
    assert said.endswith(
        "Without the background-model pin in ~/.claude/settings.json, Claude Code started from a new "
        "terminal still uses claude-haiku-5-5: ~/.zshrc:1 sets it too."
    )


def test_a_settings_pin_removed_that_puts_the_users_own_value_back_is_no_shortfall(home: Path) -> None:
    settings(home, {"env": {FAST: "claude-haiku-5-5"}})
    assert invoke("set-fast-model", H45, "--scope", "user").exit_code == 0
    said = _said(invoke("unset-fast-model", "--scope", "user"))
    assert "still uses" not in said and "Fix:" not in said


def test_uninstall_names_each_pin_something_else_still_sets_and_only_for_the_start_that_had_it(
    home: Path,
) -> None:
    """The background's removal is met (the default); the primary's is not. A login zsh that
    would not read the file is told nothing: it never had the pin (here the file is gone whole)."""
    assert invoke("set-fast-model", H45, "--shell", "zsh").exit_code == 0
    assert invoke("set-model", "claude-opus-5-5", "--shell", "zsh").exit_code == 0
    settings(home, {"model": "claude-sonnet-5-5"})
    said = _said(invoke("uninstall", "--shell", "zsh"))
    assert (
        "Without the primary-model pin in ~/.zshrc, Claude Code started from a new terminal still uses "
        'claude-sonnet-5-5: model in ~/.claude/settings.json sets it, and settings beat the shell. Fix: remove "model" '
        "from ~/.claude/settings.json. This terminal does not have them set."
    ) in said
    assert "background-model" not in said and "login" not in said


def test_a_user_pin_beaten_by_the_projects_local_file_names_it_and_ccprofiles_own_by_its_command(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = home / "repo"
    (project / ".git").mkdir(parents=True)
    monkeypatch.chdir(project)
    assert invoke("set-fast-model", "claude-haiku-5-5", "--scope", "local").exit_code == 0
    said = _said(invoke("set-fast-model", H45, "--scope", "user"))
    assert (
        f"With {H45} pinned in ~/.claude/settings.json, Claude Code started from a new terminal uses "
        f"claude-haiku-5-5: env.{FAST} in ~/repo/.claude/settings.local.json (ccprofile's, scope local) sets it, "
        "and that file takes precedence. Fix: `ccprofile unset-fast-model --scope local --project ~/repo`."
    ) in said
    assert invoke("unset-fast-model", "--scope", "local").exit_code == 0
    local = project / ".claude" / "settings.local.json"  # removed whole: ccprofile created it
    local.parent.mkdir(exist_ok=True)
    local.write_text(json.dumps({"env": {FAST: "claude-haiku-5-5"}}))  # now the user's own
    said = _said(invoke("set-fast-model", H45, "--scope", "user"))
    assert said.endswith(
        f"uses claude-haiku-5-5: env.{FAST} in ~/repo/.claude/settings.local.json sets it, and that file takes "
        f'precedence. Fix: remove "{FAST}" from the "env" object of ~/repo/.claude/settings.local.json.'
    )


def test_a_lower_file_that_names_the_pinned_model_another_way_is_not_cleared(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The user's settings say claude-haiku-4-5, the model pinned by its dated ID: once the
    project's local value is gone, that one gives the pinned model, so the fix stops there."""
    project = home / "repo"
    (project / ".claude").mkdir(parents=True)
    (project / ".git").mkdir()
    monkeypatch.chdir(project)
    (project / ".claude" / "settings.local.json").write_text(json.dumps({"env": {FAST: "claude-haiku-5-5"}}))
    settings(home, {"env": {FAST: "claude-haiku-4-5"}})
    said = _said(invoke("set-fast-model", H45, "--shell", "zsh"))
    assert said.endswith(
        f'settings beat the shell. Fix: remove "{FAST}" from the "env" object of '
        "~/repo/.claude/settings.local.json."
    )


def test_a_settings_pin_that_modeloverrides_maps_in_the_same_file_is_a_shortfall(home: Path) -> None:
    """Said word for word, the ID too: rich's emoji codes are off, so ":x:" in an ARN stays."""
    settings(home, {"modelOverrides": {H45: "arn:aws:bedrock:x"}})
    said = _said(invoke("set-fast-model", H45, "--scope", "user"))
    assert said.endswith(
        f"With {H45} pinned in ~/.claude/settings.json, Claude Code started from a new terminal uses "
        f"arn:aws:bedrock:x: modelOverrides in ~/.claude/settings.json maps {H45} to it. "
        f'Fix: remove "{H45}" from modelOverrides in ~/.claude/settings.json if {H45} is what you want sent.'
    )
    shown = invoke("status", "--shell", "zsh")
    assert "arn:aws:bedrock:x" in shown.output and "\N{CROSS MARK}" not in shown.output


@pytest.mark.real_shell
def test_a_pin_after_a_line_where_the_shell_stops_reading_says_where_it_stops(home: Path) -> None:
    """The fix (the block moved above the stop, where ccprofile keeps updating it) is one the
    real zsh then reads."""
    rc = home / ".zshrc"
    rc.write_text("alias ll=1\nreturn\n")
    said = _said(invoke("set-fast-model", H45, "--shell", "zsh"))
    assert said.endswith(
        f"With {H45} pinned in ~/.zshrc, Claude Code started from a new terminal uses claude-haiku-5-5: "
        f"~/.zshrc:2: zsh stops reading there: `return`, before the ccprofile block. Fix: move the "
        "ccprofile block above line 2 of ~/.zshrc."
    )
    report = json.loads(invoke("status", "--json", "--shell", "zsh").stdout)
    assert [w["message"] for w in report["warnings"] if w["code"] == "startup-file"] == [
        f"{rc}:2: zsh stops reading there: `return`, and reads nothing after it, the ccprofile block on "
        f"line 4 included: move the ccprofile block above line 2 of {rc}"
    ]
    [found] = block.find_blocks(text := rc.read_text())
    rc.write_text("alias ll=1\n" + text[found.start : found.end] + "return\n")
    report = json.loads(invoke("status", "--json", "--shell", "zsh").stdout)
    assert [w["code"] for w in report["warnings"]] == ["not-loaded"]  # only this shell lacks it now
    assert report["background"]["new_shell"]["model"] == H45
    assert "Updated ~/.zshrc" in invoke("set-fast-model", "claude-haiku-5-5", "--shell", "zsh").output
    assert rc.read_text().endswith("# <<< ccprofile <<<\nreturn\n")  # updated where it was moved
    started = start_shell("zsh", "-ic", home, f"printenv {FAST}")
    assert started.stdout == "claude-haiku-5-5\n", started.stderr


@pytest.mark.real_shell
def test_a_block_written_into_a_here_document_no_line_ends_gets_the_end_line(home: Path) -> None:
    """A file that ends inside a here-document (its end line lost) takes in the block written
    after it: the write and status say so, and the fix is the end line, not the block moved
    above the `cat` (which would put it inside the function the here-document broke); with
    that line added the real bash has the pin."""
    rc = home / ".bashrc"
    rc.write_text("usage() {\ncat <<EOF\nusage: x\n}\n")
    said = _said(invoke("set-fast-model", H45, "--shell", "bash"))
    assert (
        f"With {H45} pinned in ~/.bashrc, Claude Code started from a new terminal uses claude-haiku-5-5: "
        "~/.bashrc:2: bash stops reading there: a here-document no line `EOF` ends, before the ccprofile "
        "block. Fix: end the here-document on line 2 of ~/.bashrc: add a line `EOF` where its text ends."
    ) in said
    assert start_shell("bash", "-ic", home, f"printenv {FAST}").stdout == ""
    report = json.loads(invoke("status", "--json", "--shell", "bash").stdout)
    assert [w["message"] for w in report["warnings"] if w["code"] == "startup-file"] == [
        f"{rc}:2: bash stops reading there: a here-document no line `EOF` ends, and reads nothing after it, "
        f"the ccprofile block on line 6 included: end the here-document on line 2 of {rc}: add a line `EOF` "
        "where its text ends"
    ]
    rc.write_text(rc.read_text().replace("usage: x\n", "usage: x\nEOF\n"))  # where its text ends
    report = json.loads(invoke("status", "--json", "--shell", "bash").stdout)
    assert "startup-file" not in [w["code"] for w in report["warnings"]]
    assert report["background"]["new_shell"]["model"] == H45
    started = start_shell("bash", "-ic", home, f"printenv {FAST}")
    assert started.stdout == f"{H45}\n", started.stderr


def test_a_stop_before_the_line_that_sources_the_block_is_the_reason_for_both_starts(home: Path) -> None:
    """zsh stops reading ~/.zshrc at a loop over nothing, before the line that sources the
    file with the block: that is the reason for a login zsh too (not "~/.zshrc does not source
    it"), and no fix moves a block that is not in ~/.zshrc."""
    (home / ".zshrc").write_text("for f in ~/.zsh.d/*.zsh; do source $f; done\nsource ~/.zsh_local\n")
    said = _said(invoke("set-fast-model", H45, "--shell", "zsh", "--file", str(home / ".zsh_local")))
    assert said.endswith(
        f"With {H45} pinned in ~/.zsh_local, Claude Code started from a new terminal uses claude-haiku-5-5: "
        "~/.zshrc:1: zsh stops reading there: ~/.zsh.d/*.zsh matches no file, before the ccprofile block."
    )
    assert "does not source" not in said and "Fix:" not in said


@pytest.mark.parametrize(
    ("removals", "fix"),
    [
        (
            f"unset {FAST}\nunset {HAIKU}\n",
            f"take the removals after the ccprofile block out: line 7 of ~/.zshrc ({FAST}), "
            f"line 8 of ~/.zshrc ({HAIKU}).",
        ),
        (
            f"unset {FAST} {HAIKU}\n",
            f"take the {FAST} and {HAIKU} removal out of line 7 of ~/.zshrc (or move it above the block).",
        ),
        (
            f"unset {FAST} {HAIKU}\nunset {HAIKU}\n",
            f"take the removals after the ccprofile block out: line 7 of ~/.zshrc ({FAST}, {HAIKU}), "
            f"line 8 of ~/.zshrc ({HAIKU}).",
        ),
    ],
)
def test_removals_after_the_block_are_the_fix(home: Path, removals: str, fix: str) -> None:
    assert invoke("set-fast-model", H45, "--shell", "zsh").exit_code == 0
    with (home / ".zshrc").open("a") as handle:
        handle.write(removals)
    said = _said(invoke("set-fast-model", H45, "--shell", "zsh"))
    assert said.endswith(
        f"With {H45} pinned in ~/.zshrc, Claude Code started from a new terminal uses claude-haiku-5-5: "
        f"~/.zshrc:7 removes it after the ccprofile block. Fix: {fix}"
    )


# 4. Fixes point to the place that holds the value.


def test_an_alias_in_a_settings_file_is_fixed_in_that_file(home: Path) -> None:
    path = settings(home, {"env": {FAST: "haiku"}})
    report = status_json()
    (message,) = [w["message"] for w in report["warnings"] if w["code"] == "alias-not-resolved"]
    assert f'Fix: set "{FAST}" to "claude-haiku-5-5" in the "env" object of {path}.' in message
    assert "ccprofile set-fast-model" not in message


def test_an_alias_in_the_block_is_fixed_with_ccprofile(home: Path) -> None:
    # An older release (or --force before it read families) wrote the word itself.
    payload = [f"export {name}='haiku'" for name in (FAST, "ANTHROPIC_DEFAULT_HAIKU_MODEL")]
    (home / ".zshrc").write_text(block.render(payload))
    report = status_json()
    messages = [w["message"] for w in report["warnings"] if w["code"] == "alias-not-resolved"]
    assert messages and all(
        "Fix: `ccprofile set-fast-model claude-haiku-5-5 --shell zsh`." in m for m in messages
    )


# 5. A model ID of another provider is a warning with the right ID.


def test_a_first_party_id_on_bedrock_is_flagged_with_the_bedrock_id(home: Path) -> None:
    (home / ".zshrc").write_text("export CLAUDE_CODE_USE_BEDROCK=1\n")  # new terminals' too
    assert invoke("set-fast-model", H45, "--shell", "zsh", "--provider", "anthropic").exit_code == 0
    env = {**LOADED, "CLAUDE_CODE_USE_BEDROCK": "1"}
    result = invoke("status", "--json", "--check", "--shell", "zsh", env=env)
    assert result.exit_code == 1
    report = json.loads(result.output)
    messages = [w["message"] for w in report["warnings"] if w["code"] == "wrong-provider-id"]
    assert messages
    assert (
        "Fix: `ccprofile set-fast-model us.anthropic.claude-haiku-4-5-20251001-v1:0 --shell zsh`."
        in messages[0]
    )


def test_a_pin_right_for_new_terminals_is_fixed_in_this_shell_alone(home: Path) -> None:
    """Bedrock is on in this shell alone: the block's first-party ID is right for new terminals,
    so the fix is this shell's value, not the block (which the next status would undo)."""
    assert invoke("set-fast-model", H45, "--shell", "zsh", "--provider", "anthropic").exit_code == 0
    env = {**LOADED, "CLAUDE_CODE_USE_BEDROCK": "1"}
    report = json.loads(invoke("status", "--json", "--check", "--shell", "zsh", env=env).output)
    assert [w["code"] for w in report["warnings"]] == ["wrong-provider-id", "wrong-provider-id"]
    assert report["warnings"][0]["message"].endswith(
        "Fix: run `export ANTHROPIC_SMALL_FAST_MODEL='us.anthropic.claude-haiku-4-5-20251001-v1:0'` in this shell."
    )


# 6. The same value in settings and in the block is no conflict.


def test_the_same_value_in_settings_and_block_passes_check(home: Path) -> None:
    settings(home, {"env": {FAST: H45, HAIKU: H45}})
    assert invoke("set-fast-model", H45, "--shell", "zsh").exit_code == 0
    result = invoke("status", "--json", "--check", "--shell", "zsh", env=LOADED)
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["warnings"] == []
    assert [layer["source"] for layer in report["background"]["layers"]].count("profile") == 2


# 7. CRLF startup files.


def test_a_crlf_startup_file_gets_an_lf_block_and_uninstall_restores_every_byte(home: Path) -> None:
    original = b"export PATH=$PATH:/opt/bin\r\nalias ll='ls -l'\r\n"
    (home / ".bashrc").write_bytes(original)
    assert invoke("set-fast-model", H45, "--shell", "bash").exit_code == 0
    written = (home / ".bashrc").read_bytes()
    assert written.startswith(original)
    assert written[len(original) :].count(b"\r") == 0
    assert invoke("uninstall", "--shell", "bash").exit_code == 0
    assert (home / ".bashrc").read_bytes() == original


def test_an_old_crlf_block_is_rewritten_with_lf_and_still_restores_exactly(home: Path) -> None:
    original = "export PATH=/x\r\n"
    old_block = block.render([f"export {FAST}='old'"], "\r\n")
    (home / ".bashrc").write_text(original + "\r\n" + old_block, newline="")
    assert invoke("set-fast-model", H45, "--shell", "bash").exit_code == 0
    assert b"\r" not in (home / ".bashrc").read_bytes()[len(original) :]
    assert invoke("uninstall", "--shell", "bash").exit_code == 0
    assert (home / ".bashrc").read_bytes() == original.encode()


def test_status_reads_a_crlf_export_as_the_shell_does_and_warns(home: Path) -> None:
    (home / ".zshrc").write_bytes(b"export ANTHROPIC_SMALL_FAST_MODEL=claude-haiku-5-5\r\n")
    report = status_json("--check")
    assert report["background"]["new_shell"]["model"] == "claude-haiku-5-5\r"
    (message,) = [w["message"] for w in report["warnings"] if w["code"] == "crlf-startup-file"]
    assert f"dos2unix {home}/.zshrc" in message


def test_powershell_blocks_follow_the_file(home: Path) -> None:
    profile = home / ".config" / "powershell" / "Microsoft.PowerShell_profile.ps1"
    profile.parent.mkdir(parents=True)
    profile.write_bytes(b"Set-Alias ll Get-ChildItem\r\n")
    assert invoke("set-fast-model", H45, "--shell", "pwsh").exit_code == 0
    assert f"$env:{FAST} = '{H45}'\r\n".encode() in profile.read_bytes()


# 8. The shell from a script: see test_real_shells.py (real process trees) and test_cli.py.

# 9. No directory is created that the user did not ask for.


def test_file_in_a_missing_directory_is_refused(home: Path, tmp_path: Path) -> None:
    target = tmp_path / "nonexistent" / "dir" / "x.zshrc"
    result = run_cli(["set-fast-model", H45, "--file", str(target)])
    assert result.returncode == 1
    assert result.stderr == (
        f"ccprofile: error: cannot write {target}: its directory {target.parent} does not exist; "
        "nothing was written\n"
    )
    assert not (tmp_path / "nonexistent").exists()


def test_a_home_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    missing = tmp_path / "does-not-exist"
    result = run_cli(["set-fast-model", H45, "--shell", "zsh"], env={**os.environ, "HOME": str(missing)})
    assert result.returncode == 1 and "does not exist; nothing was written" in result.stderr
    assert not missing.exists()


def test_fish_conf_d_is_still_created(home: Path) -> None:
    assert invoke("set-fast-model", H45, "--shell", "fish").exit_code == 0
    assert (home / ".config" / "fish" / "conf.d" / "ccprofile.fish").is_file()


# 10. Any terminal width.


@pytest.mark.parametrize("columns", ["0", "1", "19", "-5", "junk"])
def test_any_columns_value_still_prints_and_writes(home: Path, columns: str) -> None:
    result = run_cli(["set-fast-model", H45, "--shell", "zsh"], env={**os.environ, "COLUMNS": columns})
    assert result.returncode == 0, result.stderr
    assert "Created ~/.zshrc: it now pins the background model to" in result.stdout
    assert f"export ANTHROPIC_SMALL_FAST_MODEL='{H45}'" in result.stdout
    assert (home / ".zshrc").is_file()
    shown = run_cli(["status", "--shell", "zsh"], env={**os.environ, "COLUMNS": columns})
    assert shown.returncode == 0 and shown.stdout.strip()


# Block placement: SDKMAN's last lines stay last.

SDKMAN = (
    "export PATH=/x\n\n"
    "#THIS MUST BE AT THE END OF THE FILE FOR SDKMAN TO WORK!!!\n"
    'export SDKMAN_DIR="$HOME/.sdkman"\n'
    '[[ -s "$HOME/.sdkman/bin/sdkman-init.sh" ]] && source "$HOME/.sdkman/bin/sdkman-init.sh"\n'
)


def test_the_block_goes_before_sdkmans_last_lines_and_comes_out_exactly(home: Path) -> None:
    (home / ".zshrc").write_text(SDKMAN)
    assert invoke("set-fast-model", H45, "--shell", "zsh").exit_code == 0
    text = (home / ".zshrc").read_text()
    assert text.index(block.END) < text.index("#THIS MUST BE AT THE END")
    assert text.rstrip("\n").endswith('sdkman-init.sh"')
    assert invoke("uninstall", "--shell", "zsh").exit_code == 0
    assert (home / ".zshrc").read_text() == SDKMAN


@pytest.mark.parametrize(
    ("shell", "later", "file", "names"),
    [
        ("fish", "set -e ANTHROPIC_SMALL_FAST_MODEL\n", ".config/fish/conf.d/zz.fish", "FAST"),
        ("fish", "set -ge ANTHROPIC_SMALL_FAST_MODEL\n", ".config/fish/conf.d/zz.fish", "FAST"),
        (
            "fish",
            "set -e ANTHROPIC_SMALL_FAST_MODEL ANTHROPIC_DEFAULT_HAIKU_MODEL\n",
            ".config/fish/conf.d/zz.fish",
            "both",
        ),
        ("zsh", "unset ANTHROPIC_SMALL_FAST_MODEL\n", ".zshrc", "FAST"),
        ("zsh", "unset ANTHROPIC_SMALL_FAST_MODEL ANTHROPIC_DEFAULT_HAIKU_MODEL\n", ".zshrc", "both"),
    ],
)
def test_a_write_whose_pin_a_later_line_removes_names_that_line(
    home: Path, shell: str, later: str, file: str, names: str
) -> None:
    """The check after the write once said "Claude Code's default sets it", with no fix, where
    status said (shadowed) that a later line removes the pin."""
    if shell == "zsh":
        assert invoke("set-fast-model", "claude-haiku-5-5", "--shell", shell, "--no-verify").exit_code == 0
    path = home / file
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        handle.write(later)
    only = ["--only-small-fast"] if names == "FAST" else []
    written = invoke("set-fast-model", "claude-haiku-4-5-20251001", "--shell", shell, *only, "--no-verify")
    assert written.exit_code == 0, written.output
    line = path.read_text().splitlines().index(later.strip()) + 1  # where the write left it
    removed = (
        "ANTHROPIC_SMALL_FAST_MODEL"
        if names == "FAST"
        else "ANTHROPIC_SMALL_FAST_MODEL and ANTHROPIC_DEFAULT_HAIKU_MODEL"
    )
    where = (
        "or move it above the block"
        if shell == "zsh"
        else f"a file read after {home}/.config/fish/conf.d/ccprofile.fish, which holds the block"
    )
    assert (
        f"Claude Code started from a new terminal uses claude-haiku-5-5: {path}:{line} removes it after the "
        f"ccprofile block. Fix: take the {removed} removal out of line {line} of {path} ({where})."
    ) in " ".join(written.output.replace("~", str(home)).split())


def _repository(home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    project = home / "repo"
    (project / ".git").mkdir(parents=True)
    (project / ".claude").mkdir()
    monkeypatch.chdir(project)
    return project


def test_a_user_pin_removed_under_the_projects_local_file_names_the_fix_there(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The removal is beaten by a file above it, not by the user's own value below: a fix."""
    project = _repository(home, monkeypatch)
    assert invoke("set-fast-model", H45, "--scope", "user").exit_code == 0
    (project / ".claude" / "settings.local.json").write_text(json.dumps({"env": {FAST: "claude-haiku-5-5"}}))
    said = _said(invoke("unset-fast-model", "--scope", "user"))
    assert said.endswith(
        "Without the background-model pin in ~/.claude/settings.json, Claude Code started from a new terminal "
        f"still uses claude-haiku-5-5: env.{FAST} in ~/repo/.claude/settings.local.json sets it too. "
        f'Fix: remove "{FAST}" from the "env" object of ~/repo/.claude/settings.local.json.'
    )


def test_a_user_pin_beaten_by_both_project_files_gets_one_fix_for_both(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The team's shared file is not the user's to edit: the fix pins in the local file, which
    replaces its value there too (one round, not one file at a time)."""
    project = _repository(home, monkeypatch)
    (project / ".claude" / "settings.local.json").write_text(json.dumps({"env": {FAST: "claude-haiku-5-5"}}))
    (project / ".claude" / "settings.json").write_text(
        json.dumps({"env": {FAST: "claude-3-5-haiku-20241022"}})
    )
    said = _said(invoke("set-fast-model", H45, "--scope", "user"))
    assert said.endswith(
        f"With {H45} pinned in ~/.claude/settings.json, Claude Code started from a new terminal uses "
        f"claude-haiku-5-5: env.{FAST} in ~/repo/.claude/settings.local.json sets it, and that file takes "
        "precedence. Fix: ~/repo/.claude/settings.json is the project's shared file (committed for the team), "
        f"so pin yours in your own: `ccprofile set-fast-model {H45} --scope local --project ~/repo` (it beats "
        "the project's file for you alone); it replaces the value in ~/repo/.claude/settings.local.json."
    )


def test_a_pin_written_to_a_file_no_start_reads_says_which_file_would_have_to_source_it(home: Path) -> None:
    said = _said(invoke("set-fast-model", H45, "--shell", "bash", "--file", str(home / ".bash_pins")))
    assert (
        f"With {H45} pinned in ~/.bash_pins, Claude Code started from a new terminal uses claude-haiku-5-5: "
        "~/.bashrc does not source ~/.bash_pins. Fix: add `[ -f ~/.bash_pins ] && . ~/.bash_pins` to ~/.bashrc."
    ) in said


def test_uninstall_that_puts_the_users_value_back_still_judges_the_next_pin(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The background gets the user's own value back (no shortfall); the primary after it is
    still beaten by the project's local file, and says so."""
    settings(home, {"env": {FAST: "claude-haiku-5-5"}})
    assert invoke("set-fast-model", H45, "--scope", "user").exit_code == 0
    assert invoke("set-model", "claude-opus-5-5", "--scope", "user").exit_code == 0
    project = _repository(home, monkeypatch)
    (project / ".claude" / "settings.local.json").write_text(json.dumps({"model": "claude-sonnet-5-5"}))
    said = _said(invoke("uninstall", "--scope", "user"))
    assert said.endswith(
        "Without the primary-model pin in ~/.claude/settings.json, Claude Code started from a new terminal "
        "still uses claude-sonnet-5-5: model in ~/repo/.claude/settings.local.json sets it too. "
        'Fix: remove "model" from ~/repo/.claude/settings.local.json.'
    )
    assert "background-model" not in said


@pytest.mark.parametrize(
    ("settings", "pin"),
    [
        ({"modelOverrides": {"claude-haiku-5-5": "x-haiku-ovr"}}, ["set-fast-model", "claude-haiku-5-5"]),
        ({"availableModels": ["claude-sonnet-5-5"], "enforceAvailableModels": True}, ["set-model", "opus"]),
    ],
    ids=["model-overrides", "available-models"],
)
def test_a_login_shell_that_sends_what_a_new_terminal_sends_is_no_difference(
    home: Path, settings: dict[str, object], pin: list[str]
) -> None:
    """Both starts send the same model (the overrides map or the policy decides it), so
    "a login bash uses X: create ~/.bash_profile" named a difference there was not."""
    (home / ".claude").mkdir()
    (home / ".claude" / "settings.json").write_text(json.dumps(settings))
    said = " ".join(invoke(*pin, "--shell", "bash", "--dry-run").output.split())
    assert "login bash" not in said and ".bash_profile" not in said
    report = json.loads(invoke("status", "--json", "--shell", "bash").output)
    assert "login-shells-differ" not in {w["code"] for w in report["warnings"]}


def test_a_login_start_that_gets_the_pinned_model_from_its_own_file_has_no_shortfall(home: Path) -> None:
    """A login bash (no ~/.bashrc read) that sets the same model in ~/.bash_profile gets what
    was pinned: nothing to say of it, even where a new terminal's own pin is beaten later."""
    (home / ".bash_profile").write_text(f"export {FAST}={H45}\n")
    (home / ".bashrc").write_text("")
    written = invoke("set-fast-model", H45, "--shell", "bash", "--no-verify", env={"COLUMNS": "300"})
    with (home / ".bashrc").open("a") as handle:
        handle.write(f"export {FAST}=claude-sonnet-4-5-20250929\n")  # shadows the pin in new terminals
    again = invoke("set-fast-model", H45, "--shell", "bash", "--no-verify", "--force", env={"COLUMNS": "300"})
    for said in (written.output, again.output):
        assert "login bash" not in said, said
    removed = invoke("unset-fast-model", "--shell", "bash", "--no-verify", env={"COLUMNS": "300"})
    # Removals are not judged by the other start's shortfalls: the note after a removal says it.
    assert "started from a login bash" not in " ".join(removed.output.split())
    assert f"still gets {FAST}={H45} (~/.bash_profile:1), from a line ccprofile did not write" in " ".join(
        removed.output.split()
    )
