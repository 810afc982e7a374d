"""ccprofile status: the table, the JSON contract, what status resolves and --check (each warning's
words, once, in tests/test_warnings.py)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ccprofile.claude.catalog import recorded_releases
from ccprofile.cli.app import app

runner = CliRunner()
SOURCES = {
    "environment",
    "profile",
    "user-settings",
    "project-settings",
    "local-settings",
    "managed-settings",
    "default",
}


def status(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> tuple[int, Any]:
    extra = ["--project", str(cwd)] if cwd else []
    result = runner.invoke(app, ["status", "--json", "--shell", "zsh", *extra, *args], env=env)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.output)


def codes(report: dict[str, Any]) -> list[str]:
    return [w["code"] for w in report["warnings"]]


def write_json(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data))


def pin(home: Path, value: str = "claude-haiku-4-5-20251001") -> None:
    result = runner.invoke(app, ["set-fast-model", value, "--shell", "zsh"])
    assert result.exit_code == 0, result.output


def check_schema(report: dict[str, Any]) -> None:
    assert set(report) >= {"provider", "shell", "background", "primary", "warnings"}
    assert report["provider"] in {"anthropic", "gateway", "bedrock", "vertex", "foundry"}
    assert set(report["shell"]) == {
        "name",
        "startup_file",
        "reason",
        "new_terminal_start",
        "certain",
        "unseen",
    }
    for key in ("background", "primary"):
        model = report[key]
        assert isinstance(model["model"], str) and model["source"] in SOURCES
        assert set(model["new_shell"]) >= {"model", "source"} and model["new_shell"]["source"] in SOURCES
        assert set(model["new_shell"]["starts"]) == {"login", "non-login"}
        assert set(model["candidates"]) == {"this_shell", "new_terminal"}
        for layer in model["layers"]:
            assert set(layer) == {"source", "file", "variable", "value"}
    assert report["background"]["variable"] in {
        "ANTHROPIC_SMALL_FAST_MODEL",
        "ANTHROPIC_DEFAULT_HAIKU_MODEL",
        None,
    }
    assert report["primary"]["variable"] in {"ANTHROPIC_MODEL", "model", "ANTHROPIC_DEFAULT_MODEL", None}
    for warning in report["warnings"]:
        assert set(warning) == {"code", "message"} and warning["message"]
    assert set(report["claude_code"]) == {"version", "path", "rules"}
    assert report["claude_code"]["rules"] in recorded_releases()
    assert all(isinstance(note, str) and note for note in report["notes"])


def test_clean_setup_passes_check(home: Path, tmp_path: Path) -> None:
    pin(home)
    env = {
        "ANTHROPIC_SMALL_FAST_MODEL": "claude-haiku-4-5-20251001",
        "ANTHROPIC_DEFAULT_HAIKU_MODEL": "claude-haiku-4-5-20251001",
    }
    code, report = status("--check", env=env, cwd=tmp_path)
    check_schema(report)
    assert code == 0 and report["warnings"] == []
    assert report["background"]["model"] == "claude-haiku-4-5-20251001"
    assert report["background"]["source"] == "environment"
    pinned = {
        "model": "claude-haiku-4-5-20251001",
        "source": "profile",
        "variable": "ANTHROPIC_SMALL_FAST_MODEL",
        "file": f"{home}/.zshrc:4",
        "ccprofile_scope": None,
        "override": None,
        "restricted": None,
    }
    assert report["background"]["new_shell"] == {
        **pinned,
        "start": "non-login",
        "certain": True,
        "starts": {"non-login": {**pinned, "certain": True}, "login": {**pinned, "certain": True}},
    }
    assert report["shell"] == {
        "name": "zsh",
        "startup_file": str(home / ".zshrc"),
        "reason": "as given with --shell",
        "new_terminal_start": "non-login",
        "certain": True,
        "unseen": [],
    }


def test_settings_override_names_the_file(home: Path, tmp_path: Path) -> None:
    pin(home)
    write_json(
        home / ".claude" / "settings.json", {"env": {"ANTHROPIC_SMALL_FAST_MODEL": "claude-haiku-5-5"}}
    )
    env = {
        "ANTHROPIC_SMALL_FAST_MODEL": "claude-haiku-4-5-20251001",
        "ANTHROPIC_DEFAULT_HAIKU_MODEL": "claude-haiku-4-5-20251001",
    }
    _, report = status(env=env, cwd=tmp_path)
    check_schema(report)
    assert report["background"]["model"] == "claude-haiku-5-5"
    assert report["background"]["source"] == "user-settings"
    assert codes(report) == ["settings-override"]
    assert str(home / ".claude" / "settings.json") in report["warnings"][0]["message"]
    sources = [layer["source"] for layer in report["background"]["layers"]]
    assert sources == ["environment", "environment", "profile", "profile", "user-settings"]


def test_project_and_local_settings_come_from_project_dir(tmp_path: Path) -> None:
    project = tmp_path / "proj"
    write_json(
        project / ".claude" / "settings.json",
        {"env": {"ANTHROPIC_DEFAULT_HAIKU_MODEL": "p"}, "model": "opus"},
    )
    write_json(project / ".claude" / "settings.local.json", {"env": {"ANTHROPIC_DEFAULT_HAIKU_MODEL": "l"}})
    _, report = status(cwd=project)
    assert (report["background"]["model"], report["background"]["source"]) == ("l", "local-settings")
    assert (report["primary"]["model"], report["primary"]["variable"]) == ("claude-opus-5-5", "model")


def test_managed_settings_and_drop_ins(tmp_path: Path) -> None:
    managed = Path(os.environ["CCPROFILE_MANAGED_SETTINGS_DIR"])
    write_json(managed / "managed-settings.json", {"env": {"ANTHROPIC_MODEL": "a"}})
    write_json(managed / "managed-settings.d" / "20-team.json", {"env": {"ANTHROPIC_MODEL": "b"}})
    _, report = status(cwd=tmp_path)
    assert (report["primary"]["model"], report["primary"]["source"]) == ("b", "managed-settings")


def test_shadowed_by_a_later_export(home: Path, tmp_path: Path) -> None:
    pin(home)
    with (home / ".zshrc").open("a") as handle:
        handle.write("export ANTHROPIC_SMALL_FAST_MODEL=claude-haiku-5-5\n")
    with (home / ".zshrc").open("a") as handle:
        handle.write("unset ANTHROPIC_DEFAULT_HAIKU_MODEL\n")
    _, report = status(cwd=tmp_path)
    assert codes(report).count("shadowed") == 2
    assert report["background"]["new_shell"]["model"] == "claude-haiku-5-5"  # the words: test_warnings


@pytest.mark.parametrize(
    ("env", "provider"),
    [
        ({"ANTHROPIC_BASE_URL": "https://llm.example.internal"}, "gateway"),
        ({"CLAUDE_CODE_USE_BEDROCK": "1"}, "bedrock"),
        ({"CLAUDE_CODE_USE_VERTEX": "true"}, "vertex"),
        ({"CLAUDE_CODE_USE_FOUNDRY": "1"}, "foundry"),
    ],
)
def test_unpinned_fallback_per_provider(tmp_path: Path, env: dict[str, str], provider: str) -> None:
    code, report = status("--check", env=env, cwd=tmp_path)
    assert code == 1 and report["provider"] == provider
    assert codes(report) == ["unpinned-fallback"]  # its words: tests/test_warnings.py


def test_gateway_with_an_anthropic_key_keeps_the_haiku_default_and_never_prints_the_key(
    home: Path, tmp_path: Path
) -> None:
    _, report = status(env={"ANTHROPIC_BASE_URL": "https://llm.example.internal"}, cwd=tmp_path)
    assert report["background"]["model"] == "claude-opus-5-5"
    assert "sk-ant-api" in report["warnings"][0]["message"], "no key visible: say what one would change"
    key = "sk-ant-api03-secret-value-that-must-not-leak"
    env = {"ANTHROPIC_BASE_URL": "https://llm.example.internal", "ANTHROPIC_API_KEY": key}
    code, report = status("--check", env=env, cwd=tmp_path)
    assert code == 1 and report["background"]["model"] == "claude-haiku-5-5"
    assert codes(report) == ["unpinned-fallback"]
    assert "Anthropic API key" in report["warnings"][0]["message"]
    table = runner.invoke(app, ["status", "--shell", "zsh", "--project", str(tmp_path)], env=env)
    assert key not in json.dumps(report) and key not in table.output
    assert "secret" not in table.output
    # Read from a startup file too, for a new terminal, and still never shown.
    (home / ".zshrc").write_text(f"export ANTHROPIC_API_KEY='{key}x'\n")
    _, report = status(env={"ANTHROPIC_BASE_URL": "https://llm.example.internal"}, cwd=tmp_path)
    assert report["background"]["new_shell"]["model"] == "claude-haiku-5-5"
    assert "secret" not in json.dumps(report)


def test_defaults_are_marked_with_the_claude_code_version_they_belong_to(home: Path, tmp_path: Path) -> None:
    from ccprofile.claude.catalog import load

    version = load().claude_code_version
    _, report = status(cwd=tmp_path)
    assert report["primary"]["source"] == "default"
    assert any(f"Claude Code {version}" in note for note in report["notes"])
    pin(home)
    assert runner.invoke(app, ["set-model", "claude-opus-5-5", "--shell", "zsh"]).exit_code == 0
    pinned = {
        "ANTHROPIC_SMALL_FAST_MODEL": "claude-haiku-4-5-20251001",
        "ANTHROPIC_DEFAULT_HAIKU_MODEL": "claude-haiku-4-5-20251001",
        "ANTHROPIC_MODEL": "claude-opus-5-5",
    }
    _, report = status(env=pinned, cwd=tmp_path)
    assert not any("Defaults are" in note for note in report["notes"])


@pytest.mark.parametrize("data", [b"{not json", b"\x00\xff" * 100, b'{"env": []}'])
def test_invalid_settings_warns_and_keeps_going(home: Path, tmp_path: Path, data: bytes) -> None:
    (home / ".claude").mkdir()
    (home / ".claude" / "settings.json").write_bytes(data)
    write_json(
        tmp_path / ".claude" / "settings.json", {"env": {"ANTHROPIC_SMALL_FAST_MODEL": "claude-haiku-5-5"}}
    )
    _, report = status(cwd=tmp_path)
    assert codes(report) == ["invalid-settings"]
    assert str(home / ".claude" / "settings.json") in report["warnings"][0]["message"]
    assert report["background"]["model"] == "claude-haiku-5-5"


def test_huge_and_binary_startup_files_do_not_crash(home: Path, tmp_path: Path) -> None:
    (home / ".zshrc").write_bytes(b"\x00\x01binary" * 10)
    (home / ".zshenv").write_bytes(b"# x\n" * 1_200_000)
    _, report = status(cwd=tmp_path)
    assert codes(report) == ["startup-file", "startup-file"]


def test_table_output_names_models_sources_and_blind_spots(home: Path, tmp_path: Path) -> None:
    pin(home)
    result = runner.invoke(
        app, ["status", "--shell", "zsh", "--project", str(tmp_path), "--verbose"], env={"COLUMNS": "160"}
    )
    assert result.exit_code == 0
    for text in (
        "Background",
        "Primary",
        "claude-haiku-4-5-20251001",
        "claude-opus-5-5",
        "not-loaded",
        "--model",
    ):
        assert text in result.output


def test_run_from_home_the_user_settings_file_is_listed_once(home: Path) -> None:
    write_json(home / ".claude" / "settings.json", {"env": {"ANTHROPIC_SMALL_FAST_MODEL": "u"}})
    _, report = status(cwd=home)
    assert report["background"]["source"] == "user-settings"
    assert [layer["source"] for layer in report["background"]["layers"]] == ["user-settings"]


def test_an_exported_zdotdir_that_does_not_exist_is_a_warning_not_a_failure(home: Path) -> None:
    """status is a diagnostic: the mistake it should report must not stop it."""
    missing = home / "no-such-zdotdir"
    code, report = status("--check", env={"ZDOTDIR": str(missing)})
    assert code == 1
    (warning,) = [w for w in report["warnings"] if w["code"] == "startup-file"]
    assert str(missing) in warning["message"] and "does not exist" in warning["message"]
    # The writing commands still refuse it, with the flag that works around it.
    refused = runner.invoke(
        app, ["set-fast-model", "haiku-4.5", "--shell", "zsh"], env={"ZDOTDIR": str(missing)}
    )
    assert refused.exit_code == 1
    assert f"ZDOTDIR points to {missing}, which does not exist: fix ZDOTDIR or pass --file" in refused.output
    assert not missing.exists()


# A dotfiles repository's ~/.zshenv: ZDOTDIR is the folder this file's link points into.
_DOTFILES_ZSHENV = 'ZDOTDIR="${${(%):-%x}:A:h}"\n'


def test_past_an_unknown_zdotdir_a_removal_fails_only_for_a_block_that_holds_what_it_removes(
    home: Path,
) -> None:
    """A block elsewhere that holds only tab completion leaves no pin for unset-fast-model to
    miss (run again with --file, it would do nothing): the note, and success; uninstall, which
    takes completion out too, and completion --remove fail; a block of background pins fails
    unset-fast-model, not unset-model."""
    (home / ".zshenv").write_text(f"# mine\n{_DOTFILES_ZSHENV}")
    dots = home / "dots"
    dots.mkdir()
    assert runner.invoke(app, ["completion", "--shell", "zsh", "--file", str(dots / ".zshrc")]).exit_code == 0
    env = {"COLUMNS": "300"}
    for command, code in (
        ("unset-fast-model", 0),
        ("unset-model", 0),
        ("uninstall", 1),
    ):
        result = runner.invoke(app, [command, "--shell", "zsh"], env=env)
        assert result.exit_code == code, (command, result.output)
    removed = runner.invoke(app, ["completion", "--remove", "--shell", "zsh"], env=env)
    assert removed.exit_code == 1 and "has a zsh block in ~/dots/.zshrc" in removed.stderr
    assert (
        runner.invoke(
            app, ["completion", "--remove", "--shell", "zsh", "--file", str(dots / ".zshrc")]
        ).exit_code
        == 0
    )
    pinned = runner.invoke(
        app, ["set-fast-model", "haiku-4.5", "--shell", "zsh", "--file", str(dots / ".zshrc")]
    )
    assert pinned.exit_code == 0, pinned.output
    for command, code in (("unset-model", 0), ("unset-subagent-model", 0), ("unset-fast-model", 1)):
        result = runner.invoke(app, [command, "--shell", "zsh"], env=env)
        assert result.exit_code == code, (command, result.output)


def test_a_zdotdir_ccprofile_cannot_work_out_is_said_not_guessed(home: Path) -> None:
    """zsh reads .zshrc from a folder ccprofile cannot name: status says the new terminal's
    reading and the startup file are not known, and set-fast-model writes nothing (a ~/.zshrc
    zsh never reads would be "picked up by new terminals" only in ccprofile's words)."""
    (home / ".zshenv").write_text(f"# mine\n{_DOTFILES_ZSHENV}")
    _, report = status()
    assert report["shell"]["startup_file"] is None and report["shell"]["certain"] is False
    (warning,) = [w for w in report["warnings"] if w["code"] == "uncertain"]
    assert (
        "~/.zshenv:2 sets ZDOTDIR to a value ccprofile cannot work out, and zsh reads its other "
        "startup files there." in warning["message"]
    )
    shown = runner.invoke(app, ["status", "--shell", "zsh"], env={"COLUMNS": "200"})
    assert "Startup file: not known (zsh reads it from a folder ccprofile cannot work out)" in shown.output
    refused = runner.invoke(app, ["set-fast-model", "haiku-4.5", "--shell", "zsh"])
    assert refused.exit_code == 1
    assert refused.output.splitlines()[-1] == (
        f"ccprofile: error: cannot tell which startup file zsh reads: line 2 of {home}/.zshenv sets "
        "ZDOTDIR to a value ccprofile cannot work out, and zsh reads its other startup files there; "
        'nothing was written (from zsh, pass --file "${ZDOTDIR:?}"/.zshrc, which it expands to the file it '
        "reads; `echo $ZDOTDIR` in a new terminal names the folder)"
    )
    assert sorted(p.name for p in home.iterdir()) == [".zshenv"]
    # Named with --file, the file is written; whether zsh reads it ccprofile cannot tell.
    dots = home / "dots"
    dots.mkdir()
    named = runner.invoke(
        app, ["set-fast-model", "haiku-4.5", "--shell", "zsh", "--file", str(dots / ".zshrc"), "--dry-run"]
    )
    assert named.exit_code == 0, named.output
    assert (
        "Dry run: With claude-haiku-4-5-20251001 pinned in ~/dots/.zshrc, Claude Code started from a new "
        "terminal may use claude-haiku-5-5: ccprofile cannot tell whether zsh reads ~/dots/.zshrc: line 2 of "
        "~/.zshenv sets ZDOTDIR to a value ccprofile cannot work out, and zsh reads its other startup files "
        "there. Fix: `ccprofile status --probe --shell zsh` shows what a new shell really exports."
    ) in " ".join(named.output.split())
    # Taking the pin out of ~/.zshrc, which has none, says the file zsh reads is not touched.
    removed = runner.invoke(app, ["unset-fast-model", "--shell", "zsh"], env={"COLUMNS": "200"})
    assert removed.exit_code == 0, removed.output
    assert removed.output.splitlines()[-1] == (
        "A ccprofile block in the file zsh reads instead is not touched: name it with --file, or run "
        "`ccprofile uninstall --all`, which finds every file ccprofile wrote."
    )
    # Exported (ccprofile runs in the zsh that set it), the folder is known.
    done = runner.invoke(app, ["set-fast-model", "haiku-4.5", "--shell", "zsh"], env={"ZDOTDIR": str(dots)})
    assert done.exit_code == 0, done.output
    assert (dots / ".zshrc").exists()
    # Once ccprofile has written a zsh block elsewhere, its record names the file to pass, and
    # the removal fails: the pin may be there still, and a script must not read success.
    again = runner.invoke(app, ["unset-fast-model", "--shell", "zsh"], env={"COLUMNS": "300"})
    assert again.exit_code == 1 and (dots / ".zshrc").exists(), again.output
    assert again.stderr == (
        "ccprofile: error: a ccprofile block in the file zsh reads instead is not touched. ccprofile's "
        "record has a zsh block in ~/dots/.zshrc: run this command again with `--file ~/dots/.zshrc`, or "
        "run `ccprofile uninstall --all`, which finds every file ccprofile wrote\n"
    )
    spaced = home / "my dots" / ".zshrc"
    spaced.parent.mkdir()
    assert runner.invoke(app, ["completion", "--shell", "zsh", "--file", str(spaced)]).exit_code == 0
    (home / "other.sh").write_text("")  # a bash block is no zsh one
    assert (
        runner.invoke(app, ["completion", "--shell", "bash", "--file", str(home / "other.sh")]).exit_code == 0
    )
    both = runner.invoke(app, ["uninstall", "--shell", "zsh"], env={"COLUMNS": "300"})
    assert both.exit_code == 1
    assert both.stderr.splitlines() == [
        "ccprofile: error: a ccprofile block in the file zsh reads instead is not touched. ccprofile's "
        "record has zsh blocks in ~/dots/.zshrc, ~/my dots/.zshrc: run this command again with --file "
        "naming each, or run `ccprofile uninstall --all`, which finds every file ccprofile wrote"
    ]
    assert runner.invoke(app, ["uninstall", "--shell", "zsh", "--file", str(spaced)]).exit_code == 0
    one = runner.invoke(app, ["uninstall", "--shell", "zsh"], env={"COLUMNS": "300"})
    assert "has a zsh block in ~/dots/.zshrc: run this command again with `--file ~/dots/.zshrc`" in (
        one.stderr
    )
    assert runner.invoke(app, ["uninstall", "--shell", "zsh", "--file", str(dots / ".zshrc")]).exit_code == 0
    # With nothing in ccprofile's record there is nothing to say it missed: the note, and success.
    assert runner.invoke(app, ["uninstall", "--shell", "zsh"]).exit_code == 0


def test_a_fix_past_a_zdotdir_ccprofile_cannot_work_out_names_the_file_zsh_reads(home: Path) -> None:
    """A pin in the shell is refused without --file there, so a fix names the file as zsh finds
    it, which the user's own zsh expands (test_real_shells runs it), and this shell loads it so."""
    fast = "ANTHROPIC_SMALL_FAST_MODEL"
    (home / ".zshenv").write_text(_DOTFILES_ZSHENV)
    repo = home / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".ccprofile.toml").write_text('fast-model = "claude-haiku-4-5-20251001"\nscope = "shell"\n')
    path = home / ".claude" / "settings.json"
    path.parent.mkdir()
    path.write_text(json.dumps({"env": {fast: "claude-haiku-5-5"}}))
    _, report = status("--check", "--project", str(repo))
    (drift,) = [w["message"] for w in report["warnings"] if w["code"] == "drift"]
    zshrc = '"${ZDOTDIR:?}"/.zshrc'  # fails where ZDOTDIR is unset, rather than naming /.zshrc
    assert drift.endswith(
        f"Fix: `ccprofile set-fast-model claude-haiku-4-5-20251001 --file {zshrc}`, then remove "
        f'"{fast}" from the "env" object of {path}, then run `source {zshrc}` in this shell (or open a new '
        "terminal)."
    )


def test_a_drift_past_a_zdotdir_ccprofile_cannot_work_out_is_a_may_with_the_probe_first(home: Path) -> None:
    """Pinned in the folder zsh reads, the new terminal has the model; ccprofile cannot see
    that file, so it says what it does not find and that a probe tells (no loop back to the
    command the user just ran)."""
    fast, h45 = "ANTHROPIC_SMALL_FAST_MODEL", "claude-haiku-4-5-20251001"
    (home / ".zshenv").write_text(_DOTFILES_ZSHENV)
    repo = home / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".ccprofile.toml").write_text(f'fast-model = "{h45}"\nscope = "shell"\n')
    env = {fast: h45, "ANTHROPIC_DEFAULT_HAIKU_MODEL": h45}
    _, report = status("--check", "--project", str(repo), env=env)
    (drift,) = [w["message"] for w in report["warnings"] if w["code"] == "drift"]
    assert drift == (
        f"Expected the background model {h45} ({repo}/.ccprofile.toml:1), but a claude started from a new "
        "terminal may use claude-haiku-5-5: ccprofile finds nothing that pins it, though it cannot follow every "
        "line. Fix: `ccprofile status --probe --shell zsh` shows what a new terminal really exports; if it differs, "
        f'`ccprofile set-fast-model {h45} --file "${{ZDOTDIR:?}}"/.zshrc`.'
    )


def test_claude_config_dir_moves_the_user_settings_file(home: Path, tmp_path: Path) -> None:
    """CLAUDE_CONFIG_DIR replaces ~/.claude: only the file there is the user layer."""
    elsewhere = tmp_path / "claude-config"
    write_json(elsewhere / "settings.json", {"env": {"ANTHROPIC_SMALL_FAST_MODEL": "from-config-dir"}})
    write_json(home / ".claude" / "settings.json", {"env": {"ANTHROPIC_SMALL_FAST_MODEL": "from-home"}})
    _, report = status(env={"CLAUDE_CONFIG_DIR": str(elsewhere)}, cwd=tmp_path)
    assert report["background"]["model"] == "from-config-dir"
    assert report["background"]["file"] == str(elsewhere / "settings.json")
    assert all(layer["value"] != "from-home" for layer in report["background"]["layers"])


def test_verbose_ranks_each_model_as_the_table_resolves_it_for_each_side(home: Path, tmp_path: Path) -> None:
    """Both variables set: ANTHROPIC_SMALL_FAST_MODEL is listed first and wins, for this shell
    and a new terminal apart, never mixed into one list."""
    pin(home)
    env = {"ANTHROPIC_DEFAULT_HAIKU_MODEL": "claude-haiku-5-5"}
    _, report = status(env=env, cwd=tmp_path)
    ranked = report["background"]["candidates"]
    assert [(c["variable"], c["wins"]) for c in ranked["this_shell"]] == [
        ("ANTHROPIC_DEFAULT_HAIKU_MODEL", True)
    ]
    assert [(c["variable"], c["source"], c["wins"]) for c in ranked["new_terminal"]] == [
        ("ANTHROPIC_SMALL_FAST_MODEL", "profile", True),
        ("ANTHROPIC_DEFAULT_HAIKU_MODEL", "profile", False),
    ]
    shown = runner.invoke(app, ["status", "--verbose", "--shell", "zsh"], env={**env, "COLUMNS": "200"})
    lines = shown.output.splitlines()
    start = lines.index("Background, highest precedence first (the first one set wins):")
    assert lines[start + 1 : start + 6] == [
        "  claude started from this shell:",
        "    ANTHROPIC_DEFAULT_HAIKU_MODEL='claude-haiku-5-5'  this shell's environment <- wins",
        "  claude started from a new terminal:",
        f"    ANTHROPIC_SMALL_FAST_MODEL='claude-haiku-4-5-20251001'  startup file {home}/.zshrc:4 <- wins".replace(
            str(home), "~"
        ),
        "    ANTHROPIC_DEFAULT_HAIKU_MODEL='claude-haiku-4-5-20251001'  startup file ~/.zshrc:5",
    ]


# --- Startup files as a new shell reads them (issue 20's situations) -----------------------


def _bash_status(*args: str) -> tuple[int, Any]:
    result = runner.invoke(app, ["status", "--json", "--shell", "bash", *args])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.output)


def test_a_login_file_that_does_not_source_bashrc_is_said_at_the_write_and_in_status(home: Path) -> None:
    """What `pipx ensurepath` leaves: a ~/.bash_profile of its own. tmux and ssh start login
    shells, which read it and not ~/.bashrc."""
    (home / ".bash_profile").write_text('export PATH="$PATH:$HOME/.local/bin"\n')
    wrote = runner.invoke(app, ["set-fast-model", "haiku-4.5", "--shell", "bash"], env={"COLUMNS": "200"})
    assert wrote.exit_code == 0, wrote.output
    said = " ".join(wrote.output.split())
    assert (
        "With claude-haiku-4-5-20251001 pinned in ~/.bashrc, Claude Code started from a login bash (ssh; tmux "
        "or `bash -l` started where the pin is not set) uses claude-haiku-5-5: ~/.bash_profile does not source ~/.bashrc. Fix: add "
        "`[ -f ~/.bashrc ] && . ~/.bashrc` to ~/.bash_profile." in said
    )
    assert "New terminals (not login shells: see above) pick this up." in said
    code, report = _bash_status("--check")
    assert code == 1 and "login-shells-differ" in codes(report)
    starts = report["background"]["new_shell"]["starts"]
    assert starts["non-login"]["model"] == "claude-haiku-4-5-20251001"
    assert starts["login"]["model"] == "claude-haiku-5-5" and starts["login"]["source"] == "default"
    # The fix, applied as printed, ends the difference.
    with (home / ".bash_profile").open("a") as handle:
        handle.write("[ -f ~/.bashrc ] && . ~/.bashrc\n")
    _, report = _bash_status()
    assert "login-shells-differ" not in codes(report)
    assert report["background"]["new_shell"]["starts"]["login"]["model"] == "claude-haiku-4-5-20251001"


def test_a_line_only_the_login_file_hides_makes_only_the_login_start_uncertain(home: Path) -> None:
    (home / ".bashrc").write_text("export ANTHROPIC_SMALL_FAST_MODEL=claude-haiku-4-5-20251001\n")
    (home / ".bash_profile").write_text('. "$WORK_ENV/env.sh"\n. ~/.bashrc\n')
    _, report = _bash_status()
    starts = report["background"]["new_shell"]["starts"]
    assert starts["non-login"]["certain"] is True
    assert starts["login"]["certain"] is False


def test_a_settings_pin_of_ccprofiles_names_its_scope_in_the_json(home: Path) -> None:
    pinned = runner.invoke(app, ["set-fast-model", "haiku-4.5", "--scope", "user"])
    assert pinned.exit_code == 0, pinned.output
    _, report = _bash_status()
    background = report["background"]
    assert background["ccprofile_scope"] == background["new_shell"]["ccprofile_scope"] == "user"
    assert background["source"] == "user-settings"


@pytest.mark.parametrize("policy", [{}, {"availableModels": ["claude-opus-5-5"]}])
def test_on_bedrock_the_default_background_is_sent_in_the_aws_config_files_region(
    home: Path, policy: dict[str, Any]
) -> None:
    (home / ".aws").mkdir()
    (home / ".aws" / "config").write_text("[default]\nregion = eu-west-1\n")
    write_json(home / ".claude" / "settings.json", policy)
    _, report = status(env={"CLAUDE_CODE_USE_BEDROCK": "1"})
    assert report["background"]["model"] == "eu.anthropic.claude-sonnet-4-5-20250929-v1:0"
    assert report["primary"]["model"] == "eu.anthropic.claude-opus-5-5"


@pytest.mark.parametrize("policy", [{}, {"availableModels": ["sonnet"]}])
def test_modeloverrides_map_the_defaults_and_the_settings_model_is_a_layer(
    home: Path, policy: dict[str, Any]
) -> None:
    path = home / ".claude" / "settings.json"
    overrides = {"claude-haiku-5-5": "arn:background", "claude-sonnet-5-5": "arn:primary"}
    write_json(path, {"model": "sonnet", "modelOverrides": overrides, **policy})
    _, report = status()
    assert (report["background"]["model"], report["primary"]["model"]) == ("arn:background", "arn:primary")
    assert report["primary"]["layers"] == [
        {"source": "user-settings", "file": str(path), "variable": "model", "value": "sonnet"}
    ]


O55, S55, H55 = "claude-opus-5-5", "claude-sonnet-5-5", "claude-haiku-5-5"


@pytest.mark.parametrize(
    ("env", "overrides", "sent"),
    [
        # A default goes through the map as Claude Code resolves it and once more as it sends.
        ({}, {O55: S55, S55: H55, H55: "x-final"}, ("x-final", H55, H55)),
        ({}, {H55: S55, S55: "x-two"}, ("x-two", O55, O55)),
        # An alias too; an ID pinned as such goes through once.
        ({"ANTHROPIC_MODEL": "opus"}, {O55: S55, S55: "x-two"}, (H55, "x-two", "x-two")),
        ({"ANTHROPIC_MODEL": O55}, {O55: S55, S55: "x-two"}, (H55, S55, S55)),
        # The second pass looks a provider's ID up as it is, not by its first-party form.
        (
            {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1"},
            {O55: "us.anthropic.claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4-5-20250929": "x-two"},
            (
                "x-two",
                "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
                "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
            ),
        ),
    ],
)
def test_a_chain_of_modeloverrides_is_followed_as_claude_code_follows_it(
    home: Path, env: dict[str, str], overrides: dict[str, str], sent: tuple[str, str, str]
) -> None:
    """Each observed in 2.1.332 (the first with a subagent, which uses the primary's)."""
    write_json(home / ".claude" / "settings.json", {"modelOverrides": overrides})
    _, report = status(env=env)
    assert (report["background"]["model"], report["primary"]["model"], report["subagents"]["model"]) == sent


def test_strict_refuses_a_pin_login_shells_would_not_get(home: Path) -> None:
    (home / ".bash_profile").write_text("export PATH=$PATH\n")
    refused = runner.invoke(app, ["set-fast-model", "haiku-4.5", "--shell", "bash", "--strict"])
    assert refused.exit_code == 1 and not (home / ".bashrc").exists()


def test_a_file_named_with_file_is_read_where_it_is_sourced_and_found_by_uninstall_all(home: Path) -> None:
    (home / ".zshrc").write_text("source ~/.zsh_local\n")
    assert (
        runner.invoke(
            app, ["set-fast-model", "haiku-4.5", "--shell", "zsh", "--file", str(home / ".zsh_local")]
        ).exit_code
        == 0
    )
    _, report = status()
    assert report["background"]["new_shell"]["file"] == f"{home}/.zsh_local:4"
    (home / ".zshrc").write_text("# the source line is gone\n")
    _, report = status()
    [said] = [w["message"] for w in report["warnings"] if w["code"] == "block-not-read"]
    assert said == (
        f"{home}/.zsh_local holds ccprofile's block, but a new zsh does not read it: ~/.zshrc does not "
        "source ~/.zsh_local. Fix: add `[ -f ~/.zsh_local ] && . ~/.zsh_local` to ~/.zshrc, or remove "
        f"the block: `ccprofile uninstall --file {home}/.zsh_local`."
    )
    gone = runner.invoke(app, ["uninstall", "--all"])
    assert gone.exit_code == 0, gone.output
    assert not (home / ".zsh_local").exists()  # ccprofile had created it


def test_a_block_one_start_reads_is_read(home: Path) -> None:
    """On Linux a login bash reads ~/.bash_profile alone: the block in ~/.bashrc is a new
    terminal's, which is said as a difference between the starts, not as a block no one reads."""
    assert runner.invoke(app, ["set-fast-model", "haiku-4.5", "--shell", "bash"]).exit_code == 0
    (home / ".bash_profile").write_text("export PATH=$PATH\n")
    result = runner.invoke(app, ["status", "--json", "--shell", "bash"])
    assert codes(json.loads(result.output)) == ["not-loaded", "login-shells-differ"]


def test_a_line_status_cannot_follow_makes_the_prediction_uncertain_and_the_check_fail(home: Path) -> None:
    pin(home)
    with (home / ".zshrc").open("a") as handle:
        handle.write('eval "$(starship init zsh)"\n')
    code, report = status("--check")
    assert code == 1 and "uncertain" in codes(report)
    assert [w["message"] for w in report["warnings"] if w["code"] == "uncertain"] == [
        "What a new zsh exports is not certain: ccprofile reads startup files without running them, "
        "and cannot follow this line: ~/.zshrc:7 runs eval. Fix: `ccprofile status --probe --shell zsh` starts one and shows "
        "what it really exports."
    ]
    assert report["shell"]["certain"] is False and report["background"]["new_shell"]["certain"] is False
    assert {"start": "non-login", "file": f"{home}/.zshrc", "line": 7, "reason": "runs eval"} in report[
        "shell"
    ]["unseen"]
    table = runner.invoke(app, ["status", "--shell", "zsh"], env={"COLUMNS": "200"})
    assert "not certain: see the warnings" in table.output


def test_the_bedrock_region_ccprofile_writes_is_read_back_like_the_pins(home: Path) -> None:
    env = {"CLAUDE_CODE_USE_BEDROCK": "1"}
    (home / ".zshrc").write_text("export CLAUDE_CODE_USE_BEDROCK=1\n")  # new terminals' too
    wrote = runner.invoke(
        app,
        [
            "set-fast-model",
            "eu.anthropic.claude-haiku-4-5-20251001-v1:0",
            "--aws-region",
            "eu-west-1",
            "--shell",
            "zsh",
        ],
        env=env,
    )
    assert wrote.exit_code == 0, wrote.output
    loaded = {
        **env,
        "ANTHROPIC_SMALL_FAST_MODEL": "eu.anthropic.claude-haiku-4-5-20251001-v1:0",
        "ANTHROPIC_DEFAULT_HAIKU_MODEL": "eu.anthropic.claude-haiku-4-5-20251001-v1:0",
        "ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION": "eu-west-1",
    }
    code, report = status("--check", env=loaded)
    assert code == 0, report["warnings"]
    zshrc = (home / ".zshrc").read_text().splitlines()
    line = next(n for n, text in enumerate(zshrc, 1) if "_AWS_REGION=" in text)
    regions = [
        c for c in report["background"]["candidates"]["new_terminal"] if c["variable"].endswith("REGION")
    ]
    assert regions == [
        {
            "variable": "ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION",
            "value": "eu-west-1",
            "source": "profile",
            "file": f"{home}/.zshrc:{line}",
            "wins": True,
        }
    ]


def test_a_provider_on_in_this_shell_alone_is_said_when_pinning_and_by_status(home: Path) -> None:
    """Bedrock is on in this shell, not in a startup file: the Bedrock ID ccprofile pins reaches
    new terminals, which talk to Anthropic, which rejects it."""
    env = {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "eu-west-1"}
    wrote = runner.invoke(app, ["set-fast-model", "haiku-4.5", "--shell", "zsh"], env=env)
    assert wrote.exit_code == 0, wrote.output
    said = " ".join(wrote.output.split())
    eu = "eu.anthropic.claude-haiku-4-5-20251001-v1:0"
    assert (
        f"warning new-terminal-provider: ANTHROPIC_SMALL_FAST_MODEL={eu} (~/.zshrc:4 (ccprofile's block))"
        in said
    )
    assert "but a claude started from a new terminal talks to anthropic, which rejects it." in said
    assert "New terminals (which talk to anthropic: see above) pick this up." in said
    loaded = {**env, "ANTHROPIC_SMALL_FAST_MODEL": eu, "ANTHROPIC_DEFAULT_HAIKU_MODEL": eu}
    code, report = status("--check", env=loaded)
    assert (code, codes(report), report["provider_new_terminal"]) == (
        1,
        ["new-terminal-provider"],
        "anthropic",
    )
    # Turned on for new terminals too, as the fix says: then their region is the one missing.
    zshrc = home / ".zshrc"
    pinned = zshrc.read_text()
    zshrc.write_text("export CLAUDE_CODE_USE_BEDROCK='1'\n" + pinned)
    code, report = status("--check", env=loaded)
    assert (code, codes(report), report["provider_new_terminal"]) == (1, ["bedrock-region"], None)
    zshrc.write_text("export CLAUDE_CODE_USE_BEDROCK='1' AWS_REGION=eu-west-1\n" + pinned)
    code, report = status("--check", env=loaded)
    assert (code, codes(report), report["provider_new_terminal"]) == (0, [], None)


def test_a_settings_pin_a_new_terminals_provider_rejects_is_said_when_pinning(home: Path) -> None:
    env = {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1"}
    wrote = runner.invoke(app, ["set-fast-model", "haiku-4.5", "--scope", "user", "--shell", "zsh"], env=env)
    assert wrote.exit_code == 0, wrote.output
    said = " ".join(wrote.output.split())
    assert "warning new-terminal-provider: ANTHROPIC_SMALL_FAST_MODEL=us.anthropic." in said
    assert "talks to anthropic, which rejects it" in said


def test_a_settings_model_key_is_a_candidate_for_the_primary(home: Path) -> None:
    user = home / ".claude" / "settings.json"
    write_json(user, {"model": "claude-opus-4-5-20251101"})
    _, report = status(env={"ANTHROPIC_DEFAULT_MODEL": "claude-sonnet-4-5-20250929"})
    assert report["primary"]["candidates"]["this_shell"] == [
        {
            "variable": "model",
            "value": "claude-opus-4-5-20251101",
            "source": "user-settings",
            "file": str(user),
            "wins": True,
        },
        {
            "variable": "ANTHROPIC_DEFAULT_MODEL",
            "value": "claude-sonnet-4-5-20250929",
            "source": "environment",
            "file": None,
            "wins": False,
        },
    ]


def test_a_new_terminals_provider_is_not_claimed_past_a_line_ccprofile_cannot_follow(home: Path) -> None:
    (home / ".zshrc").write_text('eval "$(cat ~/.aws-env)"\n')
    _, report = status(env={"CLAUDE_CODE_USE_BEDROCK": "1"})
    assert (report["provider"], report["provider_new_terminal"]) == ("bedrock", None)
    assert "uncertain" in codes(report)


def test_a_pin_a_line_ccprofile_cannot_follow_may_beat_is_not_promised_to_new_terminals(home: Path) -> None:
    (home / ".zshrc").write_text('eval "$(starship init zsh)"\n')  # before the block: it cannot
    wrote = runner.invoke(app, ["set-fast-model", "haiku-4.5", "--shell", "zsh"])
    assert wrote.exit_code == 0, wrote.output
    assert "New terminals pick this up." in " ".join(wrote.output.split())
    with (home / ".zshrc").open("a") as zshrc:
        zshrc.write('eval "$(cat ~/.model-env)"\n')
    wrote = runner.invoke(app, ["set-fast-model", "haiku-5.5", "--shell", "zsh"])
    said = " ".join(wrote.output.split())
    assert (
        "New terminals (unless a line ccprofile cannot follow sets it: `ccprofile status` names it)" in said
    )


def test_subagents_are_a_row_only_when_they_do_not_use_the_primary(home: Path) -> None:
    _, plain = status()
    assert plain["subagents"]["inherits_primary"] is True and plain["subagents"]["source"] == "inherit"
    assert (
        plain["subagents"]["model"] == plain["primary"]["model"]
        and plain["subagents"]["explore"] == "primary"
    )
    table = runner.invoke(app, ["status", "--shell", "zsh"], env={"COLUMNS": "120"}).output
    assert "Subagents" not in table
    (home / ".zshrc").write_text("export CLAUDE_CODE_SUBAGENT_MODEL=haiku\n")
    write_json(home / ".claude" / "settings.json", {"modelOverrides": {"claude-haiku-5-5": "x-subagents"}})
    _, report = status()
    fresh = report["subagents"]["new_shell"]
    assert fresh["model"] == "x-subagents" and fresh["inherits_primary"] is False
    assert fresh["override"] == {
        "from": "claude-haiku-5-5",
        "file": str(home / ".claude" / "settings.json"),
        "key": "claude-haiku-5-5",
    }
    table = runner.invoke(app, ["status", "--shell", "zsh"], env={"COLUMNS": "120"}).output
    assert "Subagents (general-purpose," in table and "x-subagents" in table


def test_verbose_and_json_show_what_each_alias_sends_and_why(home: Path) -> None:
    env = {
        "CLAUDE_CODE_USE_BEDROCK": "1",
        "AWS_REGION": "eu-west-1",
        "ANTHROPIC_DEFAULT_OPUS_MODEL": "x-opus",
    }
    _, report = status(env=env)
    aliases = report["aliases"]
    assert aliases["sonnet"] == {
        "model": "eu.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "variable": None,
        "source": "default",
        "file": None,
        "verified": True,
        "override": None,
    }
    assert (
        aliases["opus"]["model"] == "x-opus" and aliases["opus"]["variable"] == "ANTHROPIC_DEFAULT_OPUS_MODEL"
    )
    assert aliases["opus"]["source"] == "environment"
    shown = runner.invoke(
        app, ["status", "--shell", "zsh", "--verbose"], env={**env, "COLUMNS": "120"}
    ).output
    assert "Aliases on bedrock, for a claude started from this shell:" in shown
    assert "  sonnet -> eu.anthropic.claude-sonnet-4-5-20250929-v1:0 (Claude Code's own)" in shown
    assert "  opus -> x-opus (ANTHROPIC_DEFAULT_OPUS_MODEL, this shell's environment)" in shown
    assert "opusplan -> eu.anthropic.claude-sonnet-4-5-20250929-v1:0 (Claude Code's own)" in shown


def test_the_primarys_fallback_list_is_shown_and_the_background_never_falls_back(home: Path) -> None:
    write_json(home / ".claude" / "settings.json", {"fallbackModel": ["sonnet", "default"]})
    _, report = status()
    assert report["fallback"] == {
        "models": ["claude-sonnet-5-5", "claude-opus-5-5"],
        "files": [str(home / ".claude" / "settings.json")],
    }
    shown = " ".join(
        runner.invoke(app, ["status", "--shell", "zsh", "--verbose"], env={"COLUMNS": "100"}).output.split()
    )
    assert (
        "If the primary model keeps failing (529 overloaded, 404), Claude Code switches to claude-sonnet-5-5, "
        "then claude-opus-5-5 (fallbackModel in ~/.claude/settings.json); background requests never fall back."
    ) in shown
    write_json(home / ".claude" / "settings.json", {"fallbackModel": {"x": 1}})
    _, report = status()
    assert report["fallback"] == {"models": [], "files": []}
    assert any(
        '"fallbackModel" is not a list of model names; what Claude Code does with it is not known'
        in w["message"]
        for w in report["warnings"]
    )


def test_aliases_and_fallbacks_are_shown_as_modelOverrides_sends_them(home: Path) -> None:
    write_json(
        home / ".claude" / "settings.json",
        {
            "modelOverrides": {"claude-opus-4-8": "x-opus48", "claude-sonnet-5-5": "x-sonnet"},
            "fallbackModel": ["sonnet"],
        },
    )
    _, report = status(env={"ANTHROPIC_DEFAULT_OPUS_MODEL": "claude-opus-4-8"})
    settings = str(home / ".claude" / "settings.json")
    assert report["aliases"]["opus"]["model"] == "x-opus48"
    assert report["aliases"]["opus"]["override"] == {
        "from": "claude-opus-4-8",
        "file": settings,
        "key": "claude-opus-4-8",
    }
    assert report["aliases"]["sonnet"]["model"] == "x-sonnet"
    assert report["fallback"]["models"] == ["x-sonnet"]
    shown = runner.invoke(
        app,
        ["status", "--shell", "zsh", "--verbose"],
        env={"COLUMNS": "200", "ANTHROPIC_DEFAULT_OPUS_MODEL": "claude-opus-4-8"},
    ).output
    assert (
        "sonnet -> x-sonnet (Claude Code's own; modelOverrides in ~/.claude/settings.json sends it for claude-sonnet-5-5)"
        in shown
    )


def test_a_provider_only_new_terminals_switch_to_is_named_with_their_regions_ids(home: Path) -> None:
    """~/.zshrc makes new terminals use Bedrock; this shell does not. The region is the AWS
    config file's, which only a new terminal's IDs (and its subagents' alias) are made for."""
    (home / ".aws").mkdir()
    (home / ".aws" / "config").write_text("[default]\nregion = eu-west-1\n")
    (home / ".zshrc").write_text(
        "export CLAUDE_CODE_USE_BEDROCK=1\nexport CLAUDE_CODE_SUBAGENT_MODEL=haiku\n"
    )
    _, report = status()
    assert (report["provider"], report["provider_new_terminal"]) == ("anthropic", "bedrock")
    new = {kind: report[kind]["new_shell"]["model"] for kind in ("background", "subagents")}
    assert new == {
        "background": "eu.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "subagents": "eu.anthropic.claude-haiku-4-5-20251001-v1:0",
    }
    login = report["background"]["new_shell"]["starts"]["login"]["model"]
    assert login == new["background"]  # a login zsh reads ~/.zshrc too, in the same region


def test_this_shells_bedrock_ids_follow_the_aws_config_files_region(home: Path) -> None:
    """No AWS_REGION: the region is ~/.aws/config's, for the subagents' alias, every alias the
    verbose table lists and the fallback models alike."""
    (home / ".aws").mkdir()
    (home / ".aws" / "config").write_text("[default]\nregion = eu-west-1\n")
    write_json(home / ".claude" / "settings.json", {"fallbackModel": ["sonnet"]})
    (home / ".zshrc").write_text("export ANTHROPIC_SMALL_FAST_MODEL=\n")
    _, report = status(env={"CLAUDE_CODE_USE_BEDROCK": "1", "CLAUDE_CODE_SUBAGENT_MODEL": "haiku"})
    assert report["subagents"]["model"] == "eu.anthropic.claude-haiku-4-5-20251001-v1:0"
    assert report["aliases"]["sonnet"]["model"] == "eu.anthropic.claude-sonnet-4-5-20250929-v1:0"
    assert report["fallback"]["models"] == ["eu.anthropic.claude-sonnet-4-5-20250929-v1:0"]
    assert [layer["value"] for layer in report["background"]["layers"]] == [""]  # set empty
