"""Every change ccprofile made: listed, undone, and cleaned up without a trace.

The ledger (storage/ledger.py), `ccprofile list`, `ccprofile undo`, nothing-to-do commands,
directories and history left behind, backups, the one report of `uninstall --all`, and the
ledger's consistency under SIGKILL and 32 concurrent commands.
"""

from __future__ import annotations

import itertools
import json
import os
import stat
import subprocess
from pathlib import Path

import pytest

from ccprofile.claude.variables import PINNABLE
from ccprofile.startup import block, profile
from ccprofile.storage import fileio, ledger
from tests.conftest import ccprofile_command, require_program
from tests.helpers import killed_at_random_moments, run_cli

H45 = "claude-haiku-4-5-20251001"
H55 = "claude-haiku-5-5"
S45 = "claude-sonnet-4-5-20250929"
ORIGINAL = "export EDITOR=vim\n# my own line\n"


def ok(*args: str, env: dict[str, str] | None = None) -> str:
    result = run_cli(list(args), env)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def tree(root: Path) -> dict[str, bytes | None]:
    """Every path below ``root`` with its bytes (None for a directory)."""
    return {
        str(p.relative_to(root)): (p.read_bytes() if p.is_file() else None) for p in sorted(root.rglob("*"))
    }


def state(home: Path) -> Path:
    return home / ".local" / "state" / "ccprofile"


def places(home: Path) -> dict[str, ledger.Place]:
    return ledger.Ledger(state(home)).read()


def consistent(home: Path) -> None:
    """Each file the ledger names holds what its last step left (or, after a kill between the
    step and the write, what it had before that step)."""
    for real, place in places(home).items():
        now = ledger.digest(fileio.read(Path(real)).data)
        assert now in (place.steps[-1].after, place.steps[-1].before), real


# --- The ledger and `list` --------------------------------------------------------------


def test_every_write_is_a_step_and_list_shows_each_place(home: Path, tmp_path: Path) -> None:
    (home / ".zshrc").write_text(ORIGINAL)
    project = tmp_path / "repo"
    project.mkdir()
    ok("set-fast-model", H45, "--shell", "zsh", "--no-verify")
    ok("set-model", S45, "--shell", "zsh", "--no-verify")
    ok("set-fast-model", H45, "--scope", "project", "--project", str(project))
    book = places(home)
    zshrc = book[str(home / ".zshrc")]
    assert [s.command for s in zshrc.steps] == ["set-fast-model", "set-model"]
    assert zshrc.steps[0].existed and zshrc.steps[0].before == ledger.digest(ORIGINAL.encode())
    settings = book[str(project / ".claude" / "settings.json")]
    assert settings.kind == "settings" and settings.label == "project"
    assert not settings.steps[0].existed and settings.steps[0].dirs == (str(project / ".claude"),)
    listed = json.loads(ok("list", "--json"))["places"]
    by_path = {row["path"]: row for row in listed}
    row = by_path[str(home / ".zshrc")]
    assert row["holds"] == {
        "ANTHROPIC_SMALL_FAST_MODEL": H45,
        "ANTHROPIC_DEFAULT_HAIKU_MODEL": H45,
        "ANTHROPIC_MODEL": S45,
    }
    assert row["state"] == "as-written" and row["changes"] == 2
    assert row["last_change"]["command"] == "set-model" and row["backups"]["count"] == 2
    assert by_path[str(project / ".claude" / "settings.json")]["holds"] == {
        "ANTHROPIC_SMALL_FAST_MODEL": H45,
        "ANTHROPIC_DEFAULT_HAIKU_MODEL": H45,
    }
    text = ok("list", env={**os.environ, "COLUMNS": "200"})
    assert "~/.zshrc (zsh block)" in text and "as ccprofile left it; 2 changes, the last `set-model`" in text
    assert f"holds: ANTHROPIC_SMALL_FAST_MODEL={H45}, ANTHROPIC_DEFAULT_HAIKU_MODEL={H45}, " in text


def test_list_names_a_settings_files_pins_by_their_keys_there(home: Path, tmp_path: Path) -> None:
    """`model` is not `env.ANTHROPIC_MODEL`: Claude Code ranks them apart (the env key beats
    the model key), so list once said the one that was not in the file."""
    ok("set-model", S45, "--scope", "project", "--project", str(tmp_path))
    ok("set-fast-model", H45, "--scope", "user")
    text = " ".join(ok("list", env={**os.environ, "COLUMNS": "200"}).split())
    assert f"(project settings) holds: model={S45} " in text
    assert f"holds: env.ANTHROPIC_SMALL_FAST_MODEL={H45}, env.ANTHROPIC_DEFAULT_HAIKU_MODEL={H45} " in text
    assert "ANTHROPIC_MODEL" not in text
    rows = json.loads(ok("list", "--json"))["places"]
    assert {"ANTHROPIC_MODEL": S45} in [row["holds"] for row in rows]  # the JSON names the pin


def test_list_reports_a_file_edited_or_deleted_since_and_never_fails(home: Path) -> None:
    (home / ".zshrc").write_text(ORIGINAL)
    ok("set-fast-model", H45, "--shell", "zsh", "--no-verify")
    ok("set-fast-model", H45, "--scope", "user")
    with (home / ".zshrc").open("a") as handle:
        handle.write("alias ll='ls -l'\n")
    (home / ".claude" / "settings.json").unlink()
    rows = {row["path"]: row for row in json.loads(ok("list", "--json"))["places"]}
    assert rows[str(home / ".zshrc")]["state"] == "changed"
    assert rows[str(home / ".claude" / "settings.json")]["state"] == "deleted"
    assert rows[str(home / ".claude" / "settings.json")]["holds"] == {}


def test_a_block_written_before_the_ledger_is_listed_as_such(home: Path) -> None:
    payload = ["export ANTHROPIC_SMALL_FAST_MODEL='claude-haiku-4-5-20251001'"]
    (home / ".bashrc").write_text(block.apply(ORIGINAL, payload).text)
    [row] = json.loads(ok("list", "--json"))["places"]
    assert row["state"] == "not-in-ledger" and row["holds"] == {"ANTHROPIC_SMALL_FAST_MODEL": H45}
    assert "not in ccprofile's ledger" in ok("list")


# --- undo -------------------------------------------------------------------------------


def test_undo_rewinds_the_last_command_then_undo_all_the_rest_byte_for_byte(
    home: Path, tmp_path: Path
) -> None:
    (home / ".zshrc").write_bytes(ORIGINAL.encode())
    project = tmp_path / "repo"
    project.mkdir()
    before = tree(home), tree(project)
    ok("set-fast-model", H45, "--shell", "zsh", "--no-verify")
    ok("set-fast-model", H45, "--scope", "user")
    after_first = (home / ".zshrc").read_bytes()
    ok("set-model", S45, "--shell", "zsh", "--no-verify")
    said = ok("undo")
    assert "Restored ~/.zshrc as it was before `set-model`" in said
    assert (home / ".zshrc").read_bytes() == after_first
    ok("set-model", S45, "--scope", "project", "--project", str(project))
    ok("uninstall", "--all", "--no-verify")
    ok("undo")  # uninstall --all is one command: undo puts every file back
    assert (project / ".claude" / "settings.json").is_file() and b"ccprofile" in (
        home / ".zshrc"
    ).read_bytes()
    ok("undo", "--all")
    assert (home / ".zshrc").read_bytes() == ORIGINAL.encode()
    current = tree(home), tree(project)
    assert {k: v for k, v in current[0].items() if not k.startswith(".local")} == {
        k: v for k, v in before[0].items() if not k.startswith(".local")
    }
    assert current[1] == before[1]  # no .claude directory left in the project
    assert places(home) == {}
    assert "Nothing to undo" in ok("undo")


def test_undo_of_a_settings_pin_rolls_the_record_back_too(home: Path) -> None:
    user = home / ".claude" / "settings.json"
    user.parent.mkdir()
    user.write_text('{\n  "theme": "dark"\n}\n')
    ok("set-fast-model", H45, "--scope", "user")
    ok("set-fast-model", H55, "--scope", "user")
    ok("undo")
    assert json.loads(user.read_text())["env"]["ANTHROPIC_SMALL_FAST_MODEL"] == H45
    report = json.loads(ok("status", "--json"))
    assert report["background"]["ccprofile_scope"] == "user"  # still ccprofile's key, as before
    ok("uninstall", "--scope", "user")
    assert user.read_text() == '{\n  "theme": "dark"\n}\n'


@pytest.mark.real_shell
def test_undo_says_what_this_terminal_still_holds_and_the_command_gives_the_files(home: Path) -> None:
    """A running shell keeps the values an undone write loaded, as after unset-fast-model: undo
    says so, and the command it prints (run in the real zsh) leaves the file's values."""
    fast, haiku = "ANTHROPIC_SMALL_FAST_MODEL", "ANTHROPIC_DEFAULT_HAIKU_MODEL"
    (home / ".zshrc").write_text("setopt no_beep\n")
    ok("set-fast-model", H45, "--shell", "zsh")
    ok("set-fast-model", H55, "--shell", "zsh")
    said = ok("undo", env={**os.environ, fast: H55, haiku: H55, "COLUMNS": "200"})
    assert said.endswith(
        "This terminal still has the values undone. To have the file's here run:  source ~/.zshrc\n"
    ), said
    real = subprocess.run(
        [require_program("zsh"), "-fc", f"source ~/.zshrc; printenv {fast}"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "HOME": str(home), fast: H55},
    )
    assert real.stdout == f"{H45}\n", real.stderr
    # Undone to no block at all: loading the file gives nothing back, the values are dropped.
    said = ok("undo", env={**os.environ, fast: H45, haiku: H45, "COLUMNS": "200"})
    assert said.endswith(f"To drop them here run:  unset {fast} {haiku}\n"), said
    # Nothing said where this terminal holds none of them.
    ok("set-fast-model", H45, "--shell", "zsh")
    assert "still has" not in ok("undo", env={**os.environ, "COLUMNS": "200"})


def test_undo_refuses_a_file_changed_since_and_dry_run_shows_what_it_would_do(home: Path) -> None:
    (home / ".zshrc").write_text(ORIGINAL)
    ok("set-fast-model", H45, "--shell", "zsh", "--no-verify")
    edited = (home / ".zshrc").read_text() + "alias ll='ls -l'\n"
    (home / ".zshrc").write_text(edited)
    refused = run_cli(["undo"])
    assert refused.returncode == 1
    assert refused.stderr.startswith(
        f"ccprofile: error: {home}/.zshrc was changed after ccprofile's `set-fast-model`"
    )
    assert "nothing was restored" in refused.stderr and "--force" in refused.stderr
    assert (home / ".zshrc").read_text() == edited
    shown = run_cli(["undo", "--dry-run"])  # the refusal, with the difference it is about
    assert (
        shown.returncode == 1
        and "Would refuse:" in shown.stdout
        and "-export ANTHROPIC_SMALL_FAST_MODEL" in shown.stdout
    )
    assert (home / ".zshrc").read_text() == edited
    preview = ok("undo", "--force", "--dry-run")
    assert (
        "Would put back ccprofile's part of ~/.zshrc" in preview
        and "-export ANTHROPIC_SMALL_FAST_MODEL" in preview
    )
    assert (home / ".zshrc").read_text() == edited
    ok("undo", "--force")
    assert (home / ".zshrc").read_text() == ORIGINAL + "alias ll='ls -l'\n"  # the later edit stays


def test_undo_force_on_a_settings_file_keeps_the_users_later_keys(home: Path) -> None:
    ok("set-fast-model", H45, "--scope", "user")
    user = home / ".claude" / "settings.json"
    document = json.loads(user.read_text())
    document["theme"] = "dark"
    user.write_text(json.dumps(document, indent=2) + "\n")
    assert run_cli(["undo"]).returncode == 1
    ok("undo", "--force")
    assert json.loads(user.read_text()) == {"theme": "dark"}  # the env object ccprofile made goes too


# --- Nothing to do is not an error, and leaves no trace -----------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["unset-fast-model", "--scope", "user"],
        ["unset-model", "--scope", "project"],
        ["uninstall", "--scope", "local"],
        ["uninstall", "--scope", "project"],
        ["unset-fast-model", "--shell", "zsh"],
        ["unset-fast-model", "--shell", "fish"],
        ["unset-model", "--shell", "fish"],
        ["uninstall", "--shell", "fish"],
        ["uninstall", "--all"],
        ["undo"],
    ],
    ids=lambda a: "-".join(a).replace("--", ""),
)
def test_nothing_to_do_creates_nothing_and_says_so_in_one_line(
    home: Path, tmp_path: Path, args: list[str]
) -> None:
    project = tmp_path / "repo"
    project.mkdir()
    before = tree(home), tree(project)
    extra = ["--project", str(project)] if "project" in args or "local" in args else []
    result = run_cli([*args, *extra], {**os.environ, "COLUMNS": "300"})
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line and not line.startswith("Shell:")]
    assert len(lines) == 1 and ("nothing" in lines[0].lower()), result.stdout
    assert (tree(home), tree(project)) == before


def test_directories_ccprofile_made_go_when_they_become_empty(home: Path, tmp_path: Path) -> None:
    project = tmp_path / "repo"
    project.mkdir()
    ok("set-fast-model", H45, "--scope", "project", "--project", str(project))
    ok("set-model", S45, "--scope", "local", "--project", str(project))
    ok("set-fast-model", H45, "--shell", "fish", "--no-verify")
    assert (home / ".config" / "fish" / "conf.d" / "ccprofile.fish").is_file()
    ok("uninstall", "--all", "--no-verify")
    assert not (project / ".claude").exists()
    assert not (home / ".config").exists()
    ok("uninstall", "--all", "--purge")
    assert sorted(p.name for p in home.iterdir()) == []  # not even ~/.local/state


@pytest.mark.real_shell
@pytest.mark.parametrize("shell", ["ksh", "fish", "bash", "zsh"])
def test_verify_leaves_no_history_or_data_folder_in_the_home(home: Path, shell: str) -> None:
    require_program(shell)
    ok("set-fast-model", H45, "--shell", shell, "--verify")
    ok("uninstall", "--all", "--purge", "--verify")
    assert sorted(str(p.relative_to(home)) for p in home.rglob("*")) == []


# --- Backups ----------------------------------------------------------------------------


def test_backups_keep_the_newest_and_the_one_before_the_first_change(home: Path) -> None:
    (home / ".zshrc").write_text(ORIGINAL)
    env = {**os.environ, ledger.BACKUPS_SETTING: "2"}
    for value in (H45, H55, S45, H45, H55):
        ok("set-fast-model", value, "--shell", "zsh", "--no-verify", "--force", env=env)
    folder = state(home) / "backups" / "zshrc"
    copies = sorted(folder.iterdir())
    assert len(copies) == 3  # the newest 2, and the original
    assert any(c.read_bytes() == ORIGINAL.encode() for c in copies)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(c.stat().st_mode) == 0o600 for c in copies)
    ok("undo", "--all", env=env)
    assert (home / ".zshrc").read_text() == ORIGINAL
    [row] = json.loads(ok("list", "--json", env=env))["places"] or [None]
    assert row is None


def test_with_no_backups_kept_undo_says_what_it_cannot_restore(home: Path) -> None:
    (home / ".zshrc").write_text(ORIGINAL)
    env = {**os.environ, ledger.BACKUPS_SETTING: "0"}
    ok("set-fast-model", H45, "--shell", "zsh", "--no-verify", env=env)
    assert not (state(home) / "backups" / "zshrc").exists()
    refused = run_cli(["undo"], env)
    assert refused.returncode == 1
    assert (
        "no backup was kept of it before `set-fast-model` ($CCPROFILE_BACKUPS was 0 then); nothing was "
        "restored. `ccprofile uninstall` still takes ccprofile's pins out of it\n" in refused.stderr
    )
    bad = run_cli(["set-fast-model", H45, "--shell", "zsh"], {**os.environ, ledger.BACKUPS_SETTING: "ten"})
    assert bad.returncode == 1 and "CCPROFILE_BACKUPS='ten'" in bad.stderr


def test_undo_past_a_pruned_backup_says_undo_all_still_goes_back(home: Path) -> None:
    (home / ".zshrc").write_text(ORIGINAL)
    env = {**os.environ, ledger.BACKUPS_SETTING: "1"}
    for value in (H45, H55, S45):
        ok("set-fast-model", value, "--shell", "zsh", "--no-verify", "--force", env=env)
    ok("undo", env=env)  # the newest backup is kept
    refused = run_cli(["undo"], env)
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1
    assert refused.stderr.endswith(
        "is gone (pruned, as only the newest are kept, or deleted); nothing was restored. `ccprofile "
        "undo --all` still goes back to before ccprofile's first change\n"
    )
    ok("undo", "--all", env=env)
    assert (home / ".zshrc").read_text() == ORIGINAL


def test_undo_past_a_backup_changed_since_says_so_not_that_it_was_pruned(home: Path) -> None:
    """Two changes of the ten kept: the backup was there, altered, and "only the newest are
    kept" was a false reason."""
    (home / ".zshrc").write_text(ORIGINAL)
    ok("set-fast-model", H45, "--shell", "zsh", "--no-verify")
    ok("set-model", S45, "--shell", "zsh", "--no-verify")
    [newest] = sorted((state(home) / "backups" / "zshrc").iterdir())[-1:]
    newest.write_text("garbage\n")
    refused = run_cli(["undo"])
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1
    said = refused.stderr
    assert f"its backup from before `set-model`, {newest}, was changed after ccprofile saved it" in said
    assert "pruned" not in said and said.endswith(
        "`ccprofile uninstall` still takes ccprofile's pins out of it\n"
    )
    assert (home / ".zshrc").read_text() != ORIGINAL  # nothing was restored


# --- uninstall --all reports once -----------------------------------------------------------


def test_uninstall_all_reports_once_without_warnings_about_what_it_removes(home: Path) -> None:
    (home / ".zshrc").write_text(ORIGINAL)
    ok("set-fast-model", H45, "--shell", "zsh", "--no-verify")
    ok("set-fast-model", H55, "--scope", "user")  # beats the shell pin: status would warn
    dry = ok("uninstall", "--all", "--dry-run", env={**os.environ, "COLUMNS": "200"})
    assert dry.startswith("Would remove ccprofile's pins from:\n  ~/.zshrc\n  ~/.claude/settings.json")
    assert "Dry run: nothing was changed." in dry and "Removed" not in dry
    done = ok("uninstall", "--all", "--no-verify", env={**os.environ, "COLUMNS": "200"})
    assert "warning" not in done.lower() and "Fix:" not in done and "saved as" not in done
    assert done.splitlines()[:3] == [
        "Removed ccprofile's pins from:",
        "  ~/.zshrc",
        "  ~/.claude/settings.json (deleted: ccprofile had created it, and nothing else was in it)",
    ]
    assert "A claude started from a new terminal now uses the background model claude-haiku-5-5" in done


@pytest.mark.parametrize(("shell", "unset"), [("zsh", "unset A B"), ("fish", "set -e A; set -e B")])
def test_uninstall_all_in_a_shell_that_has_the_pins_says_how_to_drop_them_here(
    home: Path, shell: str, unset: str
) -> None:
    """As `uninstall` of one file does: this shell keeps what it exported until told, and the
    report's sentences wrap at 80 columns with the command whole."""
    fast, haiku = "ANTHROPIC_SMALL_FAST_MODEL", "ANTHROPIC_DEFAULT_HAIKU_MODEL"
    ok("set-fast-model", H45, "--shell", shell, "--no-verify")
    loaded = {**os.environ, "COLUMNS": "80", fast: H45, haiku: H45}
    done = ok("uninstall", "--all", "--shell", shell, "--no-verify", env=loaded)
    command = unset.replace("A", haiku).replace("B", fast)
    assert f"This terminal still has the old values.\nTo drop them here run:\n  {command}\n" in done
    assert all(len(line) <= 80 for line in done.splitlines() if line != f"  {command}")
    ok("set-fast-model", H45, "--shell", shell, "--no-verify")
    unloaded = ok("uninstall", "--all", "--shell", shell, "--no-verify", env={**os.environ, "COLUMNS": "80"})
    assert "still has the old values" not in unloaded


# --- Reliability: SIGKILL and concurrency ----------------------------------------------------

_CYCLER = """
import sys
from typer.testing import CliRunner
from ccprofile.cli.app import app
runner = CliRunner()
commands = [
    ["set-fast-model", "claude-haiku-4-5-20251001", "--shell", "zsh", "--no-verify"],
    ["set-fast-model", "claude-haiku-5-5", "--scope", "user"],
    ["uninstall", "--all", "--no-verify"],
    ["undo"],
    ["set-model", "claude-sonnet-4-5-20250929", "--shell", "zsh", "--no-verify"],
    ["undo"],
    ["uninstall", "--all", "--no-verify"],
]
print("ready", flush=True)
i = 0
while True:
    runner.invoke(app, commands[i % len(commands)])
    i += 1
"""


def test_sigkill_during_undo_and_uninstall_all_leaves_files_and_ledger_consistent(
    home: Path, request: pytest.FixtureRequest
) -> None:
    kills = 300 if request.config.getoption("--soak") else 25
    (home / ".zshrc").write_text(ORIGINAL)
    for _ in killed_at_random_moments(_CYCLER, [], kills, seed=2129):
        text = (home / ".zshrc").read_text()
        assert len(block.find_blocks(text)) <= 1 and text.startswith(ORIGINAL)
        consistent(home)
    # However it was left, the ledger takes every file back to where it started.
    assert run_cli(["undo", "--all"]).returncode == 0
    assert (home / ".zshrc").read_text() == ORIGINAL
    assert not (home / ".claude" / "settings.json").exists()


def test_32_concurrent_mixed_commands_leave_one_consistent_block_and_a_matching_ledger(
    home: Path, tmp_path: Path
) -> None:
    project = tmp_path / "repo"
    project.mkdir()
    (home / ".zshrc").write_text(ORIGINAL)
    (home / ".bashrc").write_text(ORIGINAL)
    where = [
        ["--shell", "zsh"],
        ["--shell", "bash"],
        ["--scope", "user"],
        ["--scope", "project", "--project", str(project)],
    ]
    commands = []
    for i in range(32):
        place = where[i % 4]
        verify = ["--no-verify"] if place[0] == "--shell" else []
        kind = (i // 4) % 4
        if kind == 0:
            commands.append(["set-fast-model", f"claude-haiku-{i}-0", "--force", *place, *verify])
        elif kind == 1:
            commands.append(["unset-fast-model", *place, *verify])
        elif kind == 2:
            commands.append(["uninstall", *place, *verify])
        else:
            commands.append(["undo"])
    processes = [
        subprocess.Popen(
            [*ccprofile_command(), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for args in commands
    ]
    for args, process in zip(commands, processes, strict=True):
        out, err = process.communicate(timeout=120)
        # An undo racing the others may find a file changed under it: it says so and exits 1.
        raced = args == ["undo"] and process.returncode == 1 and "another ccprofile run changed it" in out
        assert process.returncode == 0 or raced, (args, out, err)
    for rc in (home / ".zshrc", home / ".bashrc"):
        text = rc.read_text()
        blocks = block.find_blocks(text)
        assert len(blocks) <= 1 and text.startswith(ORIGINAL)
        if blocks:
            profile.read_block(rc, blocks[0], PINNABLE)  # well formed
    for settings in (home / ".claude" / "settings.json", project / ".claude" / "settings.json"):
        if settings.exists():
            json.loads(settings.read_text())
    for real, place in places(home).items():
        assert ledger.digest(fileio.read(Path(real)).data) == place.steps[-1].after, real
    assert run_cli(["undo", "--all"]).returncode == 0
    assert (home / ".zshrc").read_text() == ORIGINAL and (home / ".bashrc").read_text() == ORIGINAL


def test_the_ledger_keeps_at_most_max_steps_per_file_and_undo_all_stays_exact(home: Path) -> None:
    state_dir = state(home)
    book = ledger.Ledger(state_dir)
    real = home / ".zshrc"
    real.write_text(ORIGINAL)
    original = ORIGINAL.encode()
    backups = state_dir / "backups" / "zshrc"
    backups.mkdir(parents=True)
    (backups / "original").write_bytes(original)
    previous = original
    for i in range(ledger.MAX_STEPS + 7):
        new = original + f"# step {i}\n".encode()
        book.add(
            real,
            ledger.Place(str(real), "shell", "zsh", str(backups)),
            ledger.Step(
                f"{i:020d}-1",
                "set-fast-model",
                True,
                "original" if i == 0 else None,
                ledger.digest(previous),
                ledger.digest(new),
            ),
        )
        previous = new
    real.write_bytes(previous)
    steps = book.read()[str(real)].steps
    assert len(steps) == ledger.MAX_STEPS
    assert all(a.after == b.before for a, b in itertools.pairwise(steps))  # an unbroken chain
    assert steps[0].backup == "original" and steps[-1].after == ledger.digest(previous)
    assert run_cli(["undo", "--all"]).returncode == 0
    assert real.read_bytes() == original


def test_undo_writes_through_a_link_into_a_dotfiles_folder_and_keeps_the_link(home: Path) -> None:
    rc = home / ".bashrc"
    rc.write_text(ORIGINAL)
    ok("set-fast-model", H45, "--shell", "bash", "--no-verify")
    dotfiles = home / "dotfiles"
    dotfiles.mkdir()
    rc.rename(dotfiles / "bashrc")  # what `stow --adopt` or chezmoi do
    rc.symlink_to(dotfiles / "bashrc")
    rows = json.loads(ok("list", "--json"))["places"]
    assert [row["path"] for row in rows] == [str(rc)]  # listed once
    ok("undo")
    assert rc.is_symlink() and (dotfiles / "bashrc").read_text() == ORIGINAL


def test_a_file_inside_ccprofiles_own_folder_is_refused_not_a_hang(home: Path) -> None:
    target = state(home) / "x.sh"
    state(home).mkdir(parents=True)
    result = run_cli(["set-fast-model", H45, "--file", str(target), "--shell", "bash", "--no-verify"])
    assert result.returncode == 2 and "inside ccprofile's own folder" in result.stderr
    assert not target.exists()


def test_a_file_deleted_since_comes_back_whole_only_with_force(home: Path) -> None:
    (home / ".zshrc").write_text(ORIGINAL)
    ok("set-fast-model", H45, "--shell", "zsh", "--no-verify")
    (home / ".zshrc").unlink()
    assert run_cli(["undo"]).returncode == 1
    said = ok("undo", "--force")
    assert "Restored ~/.zshrc as it was before `set-fast-model`" in said
    assert (home / ".zshrc").read_text() == ORIGINAL


def test_with_no_backups_kept_uninstall_all_does_not_promise_an_undo(home: Path) -> None:
    (home / ".zshrc").write_text(ORIGINAL)
    env = {**os.environ, ledger.BACKUPS_SETTING: "0", "COLUMNS": "200"}
    ok("set-fast-model", H45, "--shell", "zsh", "--no-verify", env=env)
    said = ok("uninstall", "--all", "--no-verify", env=env)
    assert "No backups were kept ($CCPROFILE_BACKUPS is 0)" in said and "puts the pins back" not in said


@pytest.mark.parametrize(
    "scope", [["--shell", "zsh", "--no-verify"], ["--scope", "user"]], ids=["block", "settings"]
)
def test_undo_all_refuses_a_file_edited_between_two_commands_and_force_keeps_the_edit(
    home: Path, scope: list[str]
) -> None:
    """Going back to before the first change would lose a hand edit made between two of them."""
    (home / ".zshrc").write_text(ORIGINAL)
    ok("set-fast-model", H45, *scope)
    path = home / ".zshrc" if scope[0] == "--shell" else home / ".claude" / "settings.json"
    if scope[0] == "--shell":
        path.write_text(path.read_text() + "export EDIT_BETWEEN=1\n")
    else:
        path.write_text(
            json.dumps({**json.loads(path.read_text()), "permissions": {"allow": []}}, indent=2) + "\n"
        )
    ok("set-model", S45, *scope)
    edited = path.read_text()
    refused = run_cli(["undo", "--all"])
    assert refused.returncode == 1 and "was changed by hand before ccprofile's `set-model`" in refused.stderr
    assert path.read_text() == edited
    ok("undo", "--all", "--force")
    if scope[0] == "--shell":
        assert path.read_text() == ORIGINAL + "export EDIT_BETWEEN=1\n"
    else:
        assert json.loads(path.read_text()) == {"permissions": {"allow": []}}


@pytest.mark.parametrize("args", [["list"], ["list", "--json"]])
def test_list_says_which_file_has_broken_markers_on_one_line(home: Path, args: list[str]) -> None:
    """A fresh-eyes review found `list` ending in a traceback here, where status warns."""
    rc = home / ".zshrc"
    rc.write_text(f"{block.BEGIN}\nexport A=1\n")
    result = run_cli(args)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr == (
        f"ccprofile: error: {rc}: ccprofile begin marker at line 1 has no end marker; fix the markers "
        "by hand (`ccprofile status` shows it too)\n"
    )
