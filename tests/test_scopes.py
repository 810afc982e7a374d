"""Pins in Claude Code's settings files (--scope): only ccprofile's keys change, undo is exact,
and the safety of the block applies to settings files too."""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ccprofile.claude import scopes, settings_pins, settings_text
from ccprofile.claude.variables import FAST, HAIKU, PRIMARY
from ccprofile.cli import render
from ccprofile.errors import CcprofileError
from ccprofile.storage.state import RECORD_FILE
from tests.conftest import ccprofile_command
from tests.helpers import CLAUDE_WRITTEN, run_cli
from tests.writes import update_settings

H45, H55 = "claude-haiku-4-5-20251001", "claude-haiku-5-5"


def _pin(pins: dict[str, str]) -> dict[str, str]:
    return {**pins, FAST: H45, HAIKU: H45}


def _update(path: Path, edit: object, state: Path, scope: str = "user") -> settings_pins.SettingsChange:
    return update_settings(path, scope, edit, state_dir=state, backup_dir=state / "backups")  # type: ignore[arg-type]


# The text edit: every other key, its order, the indentation and the final newline stay.


@pytest.mark.parametrize("indent", [2, 4, "\t"])
@pytest.mark.parametrize("final_newline", [True, False])
def test_edits_keep_other_keys_order_indentation_non_ascii_and_final_newline(
    indent: int | str, final_newline: bool
) -> None:
    document = json.loads(CLAUDE_WRITTEN)
    text = json.dumps(document, indent=indent, ensure_ascii=False) + ("\n" if final_newline else "")
    edited, _ = settings_text.edit(text, "s.json", env={FAST: H45}, top={"model": "opus"})
    expected = dict(document)
    expected["env"] = {**document["env"], FAST: H45}
    expected["model"] = "opus"
    assert edited == json.dumps(expected, indent=indent, ensure_ascii=False) + ("\n" if final_newline else "")
    assert list(json.loads(edited)) == ["permissions", "env", "theme", "model"]
    back, _ = settings_text.edit(edited, "s.json", env={FAST: None}, top={"model": None})
    assert back == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{\n  "env": {\n    "A": "b",\n  }\n}\n', r"s\.json:4:3: not valid JSON \(Expecting property name"),
        ("[1, 2]\n", r"s\.json:1:1: the top level is not a JSON object"),
        ('{\n  "theme": "dark",\n  "env": ["A=b"]\n}\n', r's\.json:3:3: "env" is not an object'),
    ],
    ids=["trailing-comma", "array", "env-array"],
)
def test_invalid_files_are_refused_with_file_line_and_column(text: str, message: str) -> None:
    with pytest.raises(settings_text.SettingsTextError, match=message):
        settings_text.edit(text, "s.json", env={FAST: H45}, top={})


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**6), 10**6) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=8,
)
# Any settings object, often with an env object of its own (holding a pin's name or not).
SETTINGS_OBJECTS = st.builds(
    lambda document, env: {**document, **({"env": env} if env is not None else {})},
    st.dictionaries(st.text(max_size=8), JSON_VALUES, max_size=5),
    st.none()
    | st.dictionaries(st.sampled_from(["EDITOR", FAST, "ANTHROPIC_MODEL", "Ä"]), JSON_VALUES, max_size=3),
)


@given(
    document=SETTINGS_OBJECTS,
    indent=st.sampled_from([2, 4]),
    final_newline=st.booleans(),
    pins=st.dictionaries(st.sampled_from([FAST, HAIKU, PRIMARY]), st.sampled_from([H45, H55]), min_size=1),
)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_set_then_unset_gives_back_the_same_bytes_for_any_json_object(
    document: dict[str, object], indent: int, final_newline: bool, pins: dict[str, str]
) -> None:
    assume(isinstance(document.get("env", {}), dict))  # otherwise refused: a test of its own
    with tempfile.TemporaryDirectory() as tmp:
        path, state = Path(tmp) / "settings.json", Path(tmp) / "state"
        text = json.dumps(document, indent=indent, ensure_ascii=False) + ("\n" if final_newline else "")
        path.write_text(text)
        _update(path, lambda current: {**current, **pins}, state)
        written = json.loads(path.read_text())
        for name, value in pins.items():
            holder = written if name == PRIMARY else written["env"]
            assert holder["model" if name == PRIMARY else name] == value  # always a string
        _update(path, None, state)
        assert path.read_text() == text


@given(
    document=SETTINGS_OBJECTS,
    extra=st.dictionaries(st.text(min_size=1, max_size=6), st.text(max_size=6), min_size=1, max_size=3),
)
@settings(max_examples=100, deadline=None)
def test_rewritten_in_between_only_ccprofiles_keys_are_undone(
    document: dict[str, object], extra: dict[str, str]
) -> None:
    assume(isinstance(document.get("env", {}), dict))
    """Claude Code rewrites settings files when settings change in a session: undo then takes
    out ccprofile's keys and keeps whatever else is there now."""
    with tempfile.TemporaryDirectory() as tmp:
        path, state = Path(tmp) / "settings.json", Path(tmp) / "state"
        path.write_text(json.dumps(document, indent=2) + "\n")
        _update(path, _pin, state)
        rewritten = json.loads(path.read_text())
        rewritten["addedLater"] = extra
        rewritten["env"]["SOMETHING_ELSE"] = "kept"
        path.write_text(json.dumps(rewritten, indent=4))
        _update(path, None, state)
        after = json.loads(path.read_text())
        assert after["addedLater"] == extra and after["env"]["SOMETHING_ELSE"] == "kept"
        original_env = document.get("env") or {}
        assert isinstance(original_env, dict)
        for name in (FAST, HAIKU):  # ccprofile's keys are back to what they were, or gone
            assert after["env"].get(name, "absent") == original_env.get(name, "absent")
        assert {k: v for k, v in after.items() if k not in ("addedLater", "env")} == {
            k: v for k, v in document.items() if k not in ("addedLater", "env")
        }


def test_a_value_the_user_changed_since_is_left_alone_and_said(home: Path) -> None:
    path = home / ".claude" / "settings.json"
    path.parent.mkdir()
    path.write_text(CLAUDE_WRITTEN)
    assert run_cli(["set-fast-model", H45, "--scope", "user"]).returncode == 0
    path.write_text(path.read_text().replace(f'"{FAST}": "{H45}"', f'"{FAST}": "my-own"'))
    result = run_cli(["unset-fast-model", "--scope", "user"])
    assert result.returncode == 0, result.stderr
    said = " ".join(result.stdout.split())
    assert (
        f"left env.{FAST} in ~/.claude/settings.json alone: its value was changed after ccprofile wrote it"
        in said
    )
    after = json.loads(path.read_text())
    assert after["env"][FAST] == "my-own" and HAIKU not in after["env"]
    # It is no longer ccprofile's: uninstall --all leaves it too.
    assert run_cli(["uninstall", "--all", "--no-verify"]).returncode == 0
    assert json.loads(path.read_text())["env"][FAST] == "my-own"


def test_a_previous_value_of_the_user_comes_back(home: Path) -> None:
    path = home / ".claude" / "settings.json"
    path.parent.mkdir()
    path.write_text(
        '{\n  "model": "sonnet",\n  "env": {\n    "ANTHROPIC_SMALL_FAST_MODEL": "theirs"\n  }\n}\n'
    )
    original = path.read_bytes()
    assert run_cli(["set-fast-model", H45, "--scope", "user"]).returncode == 0
    assert run_cli(["set-model", "opus", "--scope", "user"]).returncode == 0
    document = json.loads(path.read_text())
    assert (document["model"], document["env"][FAST]) == ("opus", H45)
    assert run_cli(["unset-model", "--scope", "user"]).returncode == 0
    assert json.loads(path.read_text())["model"] == "sonnet"
    assert run_cli(["unset-fast-model", "--scope", "user"]).returncode == 0
    assert path.read_bytes() == original


def test_a_subagent_pin_in_settings_is_read_by_status_and_its_unset_restores_the_users_value(
    home: Path,
) -> None:
    path = home / ".claude" / "settings.json"
    path.parent.mkdir()
    path.write_text('{\n  "env": {\n    "CLAUDE_CODE_SUBAGENT_MODEL": "opus"\n  }\n}\n')
    original = path.read_bytes()
    assert run_cli(["set-subagent-model", "haiku", "--scope", "user"]).returncode == 0
    report = json.loads(run_cli(["status", "--json", "--shell", "bash"]).stdout)
    agents = report["subagents"]["new_shell"]
    assert (agents["model"], agents["source"], agents["ccprofile_scope"]) == (
        "claude-haiku-5-5",
        "user-settings",
        "user",
    )
    assert run_cli(["unset-subagent-model", "--scope", "user"]).returncode == 0
    assert path.read_bytes() == original


# Each scope's file, written and taken back by the real program.

SCOPE_FILES = {
    "user": lambda home, project: home / ".claude" / "settings.json",
    "project": lambda home, project: project / ".claude" / "settings.json",
    "local": lambda home, project: project / ".claude" / "settings.local.json",
    "managed": lambda home, project: (
        Path(os.environ["CCPROFILE_MANAGED_SETTINGS_DIR"]) / "managed-settings.json"
    ),
}


@pytest.mark.parametrize("scope", list(SCOPE_FILES))
def test_each_scope_writes_its_file_and_uninstall_takes_it_back(
    home: Path, tmp_path: Path, scope: str
) -> None:
    project = tmp_path / "repo"
    project.mkdir()
    path = SCOPE_FILES[scope](home, project)
    dirs_before = {p for p in (home, project) for p in p.rglob("*") if p.is_dir()}
    where = ["--scope", scope] + (["--project", str(project)] if scope in ("project", "local") else [])
    result = run_cli(["set-fast-model", H45, *where])
    assert result.returncode == 0, result.stderr
    assert json.loads(path.read_text()) == {"env": {FAST: H45, HAIKU: H45}}
    assert "Claude Code reads this file when a session starts" in result.stdout
    status = json.loads(run_cli(["status", "--json", "--project", str(project)]).stdout)
    assert status["background"]["model"] == H45
    assert status["background"]["source"] == scopes.SETTINGS_SOURCES[scope]
    assert (
        status["background"]["ccprofile_scope"]
        == status["background"]["new_shell"]["ccprofile_scope"]
        == scope
    )
    removed = run_cli(["uninstall", *where, "--no-verify"])
    assert removed.returncode == 0
    assert not path.exists()
    created = {p for p in (home, project) for p in p.rglob("*") if p.is_dir()} - dirs_before
    left = {p for p in created if "state" not in p.parts and ".local" not in p.parts}
    if scope == "local":
        # git's ignore rule stays (it guards every repository's local file) and says so;
        # uninstall --all takes it out with its folders.
        assert left == {home / ".config", home / ".config" / "git"}
        assert "uninstall --all` takes it out" in " ".join(removed.stdout.split())
        assert run_cli(["uninstall", "--all"]).returncode == 0
        left = {p for p in (home, project) for p in p.rglob("*") if p.is_dir()} - dirs_before
        left = {p for p in left if "state" not in p.parts and ".local" not in p.parts}
    assert left == set()


def test_status_names_the_scope_and_its_fix_is_the_exact_command(home: Path, tmp_path: Path) -> None:
    project = tmp_path / "repo"
    project.mkdir()
    assert run_cli(["set-fast-model", H45, "--shell", "zsh", "--no-verify"]).returncode == 0
    assert run_cli(["set-fast-model", H55, "--scope", "local", "--project", str(project)]).returncode == 0
    result = run_cli(
        ["status", "--shell", "zsh", "--project", str(project)], env={**os.environ, "COLUMNS": "200"}
    )
    said = " ".join(result.stdout.split())
    assert "ccprofile's pin (--scope local)" in said
    assert f"Fix: `ccprofile unset-fast-model --scope local --project {project}`." in said
    report = json.loads(run_cli(["status", "--json", "--shell", "zsh", "--project", str(project)]).stdout)
    overrides = [w["message"] for w in report["warnings"] if w["code"] == "settings-override"]
    assert overrides and all("--scope local" in message for message in overrides)


def test_a_settings_pin_beaten_by_a_higher_scope_is_said_before_writing(home: Path, tmp_path: Path) -> None:
    project = tmp_path / "repo"
    (project / ".claude").mkdir(parents=True)
    (project / ".claude" / "settings.local.json").write_text(json.dumps({"env": {FAST: "local-one"}}))
    result = run_cli(["set-fast-model", H45, "--scope", "project", "--project", str(project), "--strict"])
    assert result.returncode == 1
    assert "that file takes precedence" in result.stderr and "nothing was written" in result.stderr
    assert not (project / ".claude" / "settings.json").exists()


def test_dry_run_shows_a_diff_and_writes_nothing(home: Path) -> None:
    result = run_cli(["set-fast-model", H45, "--scope", "user", "--dry-run"])
    assert result.returncode == 0, result.stderr
    assert f'+    "{FAST}": "{H45}",' in result.stdout
    assert "Dry run: ~/.claude/settings.json was not changed." in result.stdout
    assert not (home / ".claude").exists()


def test_an_invalid_settings_file_is_refused_and_left_untouched(home: Path) -> None:
    path = home / ".claude" / "settings.json"
    path.parent.mkdir()
    path.write_bytes(b'{\n  "env": {\n    "A": "b",\n  }\n}\n')
    result = run_cli(["set-fast-model", H45, "--scope", "user"])
    assert result.returncode == 1
    assert re.fullmatch(
        rf"ccprofile: error: {re.escape(str(path))}:4:3: not valid JSON \(.*\); nothing was written\n",
        result.stderr,
    )
    assert path.read_bytes() == b'{\n  "env": {\n    "A": "b",\n  }\n}\n'


def test_links_are_followed_and_the_mode_is_kept(home: Path, tmp_path: Path) -> None:
    dotfiles = tmp_path / "dotfiles" / "claude-settings.json"
    dotfiles.parent.mkdir()
    dotfiles.write_text(CLAUDE_WRITTEN)
    dotfiles.chmod(0o600)
    (home / ".claude").mkdir()
    (home / ".claude" / "settings.json").symlink_to(dotfiles)
    assert run_cli(["set-fast-model", H45, "--scope", "user"]).returncode == 0
    assert (home / ".claude" / "settings.json").is_symlink()
    assert json.loads(dotfiles.read_text())["env"][FAST] == H45
    assert dotfiles.stat().st_mode & 0o777 == 0o600
    assert run_cli(["uninstall", "--scope", "user", "--no-verify"]).returncode == 0
    assert dotfiles.read_text() == CLAUDE_WRITTEN


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--scope", "team"], "unknown scope 'team': choose one of shell, user, project, local, managed"),
        (
            # A path nothing on the machine holds: click checks an existing one first.
            ["--scope", "user", "--file", "/nonexistent/ccprofile-test/x"],
            "--file names a startup file; --scope user writes Claude Code's settings file",
        ),
        (
            ["--scope", "user", "--project", "."],
            "--project names the project of --scope project or local, not of --scope user",
        ),
        (["--project", "."], "--project names the project of --scope project or local"),
        (
            ["--scope", "user", "--verify"],
            "--verify starts a shell, and no shell reads ~/.claude/settings.json",
        ),
        (["--scope", "project", "--project", "/nonexistent"], "--project /nonexistent: no such directory"),
    ],
    ids=["unknown", "file", "project-with-user", "project-with-shell", "verify", "missing-project"],
)
def test_options_that_do_not_fit_a_scope_are_one_line_errors(
    home: Path, args: list[str], message: str
) -> None:
    result = run_cli(["set-fast-model", H45, *args])
    assert result.returncode == 2
    assert result.stderr == f"ccprofile: error: {message}\n"
    assert not (home / ".claude").exists()


def test_managed_settings_need_administrator_rights(home: Path, tmp_path: Path) -> None:
    managed = tmp_path / "etc-claude-code"
    managed.mkdir()
    managed.chmod(0o555)
    env = {**os.environ, "CCPROFILE_MANAGED_SETTINGS_DIR": str(managed)}
    result = run_cli(["set-fast-model", H45, "--scope", "managed"], env=env, respect_permissions=True)
    assert result.returncode == 1
    assert result.stderr == (
        f"ccprofile: error: cannot write {managed}/managed-settings.json: managed settings need administrator "
        "rights (run the command with sudo); nothing was written\n"
    )


def test_uninstall_all_lists_every_place_and_purge_leaves_nothing(home: Path, tmp_path: Path) -> None:
    project = tmp_path / "repo"
    project.mkdir()
    (home / ".zshrc").write_text("export EDITOR=vim\n")
    assert run_cli(["set-fast-model", H45, "--shell", "zsh", "--no-verify"]).returncode == 0
    assert run_cli(["set-fast-model", H45, "--scope", "user"]).returncode == 0
    assert run_cli(["set-model", "opus", "--scope", "project", "--project", str(project)]).returncode == 0
    listed = run_cli(["uninstall", "--all", "--no-verify"], env={**os.environ, "COLUMNS": "200"})
    assert listed.returncode == 0, listed.stderr
    for line in (
        "Removed ccprofile's pins from:",
        "  ~/.zshrc",
        "  ~/.claude/settings.json (deleted: ccprofile had created it, and nothing else was in it)",
        f"  {project}/.claude/settings.json (deleted: ccprofile had created it, and nothing else was in it)",
        "Backups of every file ccprofile changed are in ~/.local/state/ccprofile/backups; they may hold API keys.",
    ):
        assert line in listed.stdout.splitlines() or line in listed.stdout
    assert (home / ".zshrc").read_text() == "export EDITOR=vim\n"
    assert not (project / ".claude").exists() and not (home / ".claude").exists()
    state = home / ".local" / "state" / "ccprofile"
    assert state.is_dir()
    purged = run_cli(["uninstall", "--all", "--purge", "--no-verify"])
    assert purged.returncode == 0, purged.stderr
    assert (
        "Deleted ~/.local/state/ccprofile: ccprofile's backups, record and ledger are gone."
        in " ".join(purged.stdout.split())  # wrapped at 80 columns, as every sentence is
    )
    assert "saved as" not in purged.stdout  # no backup announced that --purge then deletes
    assert not state.exists()
    assert run_cli(["uninstall", "--purge"]).returncode == 2


def test_an_unreadable_record_is_a_clear_error_not_a_guess(home: Path) -> None:
    state = home / ".local" / "state" / "ccprofile"
    state.mkdir(parents=True)
    (state / RECORD_FILE).write_text("not json")
    with pytest.raises(CcprofileError, match="is not a record ccprofile can read"):
        _update(home / "settings.json", _pin, state)


def test_status_reports_even_with_an_unreadable_record(home: Path) -> None:
    assert run_cli(["set-fast-model", H45, "--scope", "user"]).returncode == 0
    record = home / ".local" / "state" / "ccprofile" / RECORD_FILE
    record.write_text("{ broken")
    report = json.loads(run_cli(["status", "--json"]).stdout)
    assert report["background"]["model"] == H45
    assert report["background"]["ccprofile_scope"] is None  # unknown, not guessed


def test_uninstall_all_with_verify_still_takes_settings_pins_out(home: Path) -> None:
    assert run_cli(["set-fast-model", H45, "--scope", "user"]).returncode == 0
    result = run_cli(["uninstall", "--all", "--verify"])
    assert result.returncode == 0, result.stderr
    assert not (home / ".claude" / "settings.json").exists()


def test_a_pin_a_higher_scope_beats_is_said_and_not_promised(home: Path, tmp_path: Path) -> None:
    project = tmp_path / "repo"
    (project / ".claude").mkdir(parents=True)
    (project / ".claude" / "settings.local.json").write_text(json.dumps({"env": {FAST: "local-one"}}))
    result = run_cli(["set-fast-model", H45, "--scope", "user"], env={**os.environ, "COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    said = " ".join(result.stdout.split())
    assert (
        f"With {H45} pinned in ~/.claude/settings.json, Claude Code started from a new terminal" not in said
    )
    # Run from the project, the local file beats the user's: said, and no promise made.
    inside = subprocess.run(
        [*ccprofile_command(), "set-fast-model", H55, "--scope", "user"],
        cwd=project,
        env={**os.environ, "COLUMNS": "200"},
        capture_output=True,
        text=True,
        check=False,
    )
    said = " ".join(inside.stdout.split())
    assert (
        f"With {H55} pinned in ~/.claude/settings.json, Claude Code started from a new terminal uses local-one"
        in said
    )
    assert "that file takes precedence" in said
    assert "new `claude` sessions use it" not in said


def test_a_pin_written_into_a_file_claude_code_skips_says_so(home: Path) -> None:
    path = home / ".claude" / "settings.json"
    path.parent.mkdir()
    path.write_text('{"modelOverrides": "x"}\n')
    written = run_cli(["set-model", "opus", "--scope", "user"])
    said = " ".join(written.stdout.split())
    assert (
        'warning invalid-settings: ~/.claude/settings.json: "modelOverrides" is not an object: Claude Code '
        "skips this whole file when it starts (it shows a Settings Error), so the pin in it has no effect either."
    ) in said
    assert "\n  Fix: correct that key (or pin with another --scope)." in written.stdout


@pytest.mark.parametrize("scope", ["user", "local"])
def test_unset_model_where_only_the_users_own_model_key_is_says_it_stays(home: Path, scope: str) -> None:
    """Not "already has no primary-model pin": Claude Code's /model wrote one, which is not
    ccprofile's to take (a project's shared file is the exception, see docs/scopes.md)."""
    repo = home / "repo"
    (repo / ".git").mkdir(parents=True)
    path = (
        repo / ".claude" / "settings.local.json" if scope == "local" else home / ".claude" / "settings.json"
    )
    path.parent.mkdir(parents=True)
    path.write_text('{\n  "model": "opus"\n}\n')
    before = path.read_bytes()
    for dry_run in ([], ["--dry-run"]):
        result = run_cli(
            ["unset-model", "--scope", scope, *dry_run], {**os.environ, "COLUMNS": "200"}, cwd=repo
        )
        assert result.returncode == 0, result.stderr
        said = " ".join(result.stdout.split())
        assert "already has no primary-model pin;" not in said
        assert (
            f"model = 'opus' in {render.tilde(path, home)} stays: your own, not ccprofile's (Claude Code's "
            "/model writes it), and Claude Code still reads it; remove it from that file to drop it"
        ) in said
        assert path.read_bytes() == before


def test_an_unset_that_puts_the_users_value_back_says_so_and_asks_no_fix(home: Path) -> None:
    """The value from before the pin comes back: it is the user's, not a shortfall whose fix
    would remove it (a fresh-eyes trial found "still uses opus: model in the same file sets it
    too. Fix: remove model")."""
    path = home / ".claude" / "settings.json"
    path.parent.mkdir()
    path.write_text('{"model": "opus", "env": {"ANTHROPIC_SMALL_FAST_MODEL": "theirs"}}')
    env = {**os.environ, "COLUMNS": "200"}
    assert run_cli(["set-model", "sonnet", "--scope", "user"], env).returncode == 0
    assert run_cli(["set-fast-model", H45, "--scope", "user"], env).returncode == 0
    for command, note in (
        (
            "unset-model",
            "model = 'opus' in ~/.claude/settings.json stays: your own, not ccprofile's "
            "(Claude Code's /model writes it), and Claude Code still reads it",
        ),
        (
            "unset-fast-model",
            f"env.{FAST} = 'theirs' in ~/.claude/settings.json stays: your own, not "
            "ccprofile's, and Claude Code still reads it",
        ),
    ):
        result = run_cli([command, "--scope", "user"], env)
        said = " ".join(result.stdout.split())
        assert result.returncode == 0 and note in said, said
        assert "still uses" not in said and "Fix:" not in said


@pytest.mark.parametrize("created", [True, False])
def test_a_users_edit_between_two_pins_survives_taking_them_out(tmp_path: Path, created: bool) -> None:
    """The file ccprofile wrote last held the user's edit: its text from before ccprofile's first
    change is no longer the one to put back (a created file was deleted with the user's keys)."""
    path, state = tmp_path / "settings.json", tmp_path / "state"
    if not created:
        path.write_text('{\n  "theme": "dark"\n}\n')
    _update(path, _pin, state)
    data = json.loads(path.read_text())
    data["env"]["AWS_REGION"] = "eu-west-1"
    path.write_text(json.dumps(data, indent=2) + "\n")
    _update(path, lambda pins: {**pins, FAST: H55, HAIKU: H55}, state)
    _update(path, None, state)
    assert json.loads(path.read_text()) == {
        **({} if created else {"theme": "dark"}),
        "env": {"AWS_REGION": "eu-west-1"},
    }
    _update(path, _pin, state)  # pinned again and taken out again: the same text
    _update(path, None, state)
    assert json.loads(path.read_text())["env"] == {"AWS_REGION": "eu-west-1"}
