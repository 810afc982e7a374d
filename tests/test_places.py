"""Where a value lives and the fix that works there, word for word, branch by branch: the
fixes every warning ends with are made here (test_warnings.py checks them inside warnings)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ccprofile.claude import fixes, starts
from ccprofile.claude.fixes import Command
from ccprofile.claude.inputs import new_terminal_start
from ccprofile.claude.launchers import LAUNCHERS, Launcher, LauncherView, differences
from ccprofile.claude.layers import region_used, winner
from ccprofile.claude.places import Place, Seen, clearing, fix, pin_fix, pinned_scope, place_of
from ccprofile.claude.resolve import Layer, Model, Origin
from ccprofile.claude.settings import Settings
from ccprofile.cli import wording
from ccprofile.cli.wording import sentence
from ccprofile.machine.inherited import LAUNCHD_SOURCE as LAUNCHD
from ccprofile.machine.inherited import REGISTRY_SOURCE as REGISTRY
from ccprofile.machine.inherited import Session
from ccprofile.startup.home_snapshot import Home
from ccprofile.startup.scanned import Assignment, Scan, Unseen
from ccprofile.startup.shells import SHELLS

FAST, PRIMARY, REGION = (
    "ANTHROPIC_SMALL_FAST_MODEL",
    "ANTHROPIC_MODEL",
    "ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION",
)
H45 = "claude-haiku-4-5-20251001"
ZSH = SHELLS["zsh"]
SCAN = Scan(
    "zsh",
    (Path("/h/.zshrc"),),
    (
        Assignment(Path("/h/.zshrc"), 3, FAST, H45, True),
        Assignment(Path("/h/.zshrc"), 9, FAST, "x", False),
    ),
    (),
)
OURS = {"/h/.claude/settings.json": {FAST: "user", PRIMARY: "user"}}


@pytest.mark.parametrize(
    ("origin", "variable", "place"),
    [
        pytest.param(
            Origin("user-settings", "/h/.claude/settings.json"),
            FAST,
            Place(
                "settings",
                f"env.{FAST} in /h/.claude/settings.json (ccprofile's, scope user)",
                "/h/.claude/settings.json",
                scope="user",
                source="user-settings",
            ),
            id="settings-key-ccprofile-wrote",
        ),
        pytest.param(
            Origin("user-settings", "/h/.claude/settings.json"),
            "model",
            Place(
                "settings",
                "model in /h/.claude/settings.json (ccprofile's, scope user)",
                "/h/.claude/settings.json",
                scope="user",
                source="user-settings",
            ),
            id="settings-model-key-ccprofile-wrote",
        ),
        pytest.param(
            Origin("project-settings", "/r/.claude/settings.json"),
            "model",
            Place(
                "settings",
                "model in /r/.claude/settings.json",
                "/r/.claude/settings.json",
                source="project-settings",
            ),
            id="settings-model-key",
        ),
        pytest.param(
            Origin("local-settings", "/r/.claude/settings.local.json"),
            FAST,
            Place(
                "settings",
                f"env.{FAST} in /r/.claude/settings.local.json",
                "/r/.claude/settings.local.json",
                source="local-settings",
            ),
            id="settings-env-key",
        ),
        pytest.param(
            Origin("profile", "/h/.zshrc:3"),
            FAST,
            Place("block", "/h/.zshrc:3 (ccprofile's block)", "/h/.zshrc", 3),
            id="block",
        ),
        pytest.param(
            Origin("profile", "/h/.zshrc:9"),
            FAST,
            Place("startup-file", "/h/.zshrc:9", "/h/.zshrc", 9),
            id="startup-file-line",
        ),
        pytest.param(
            Origin("profile", "C:\\Users\\me\\Documents\\PowerShell\\profile.ps1:3"),
            FAST,
            Place(
                "startup-file",
                "C:\\Users\\me\\Documents\\PowerShell\\profile.ps1:3",
                "C:\\Users\\me\\Documents\\PowerShell\\profile.ps1",
                3,
            ),
            id="a-windows-path-with-its-drive",
        ),
        pytest.param(
            Origin("untraced", None),
            FAST,
            Place("untraced", "a startup file line ccprofile could not trace (starting the shell found it)"),
            id="untraced",
        ),
        pytest.param(
            Origin("session", "tmux"),
            FAST,
            Place("session", "the environment new terminals inherit (tmux)", "tmux"),
            id="session",
        ),
        pytest.param(
            Origin("environment", None), FAST, Place("this-shell", "this shell's environment"), id="shell"
        ),
        pytest.param(Origin("default", None), FAST, Place("default", "Claude Code's default"), id="default"),
    ],
)
def test_a_place_is_named_as_the_user_finds_it(origin: Origin, variable: str, place: Place) -> None:
    assert place_of(origin, variable, SCAN, OURS) == place


def test_the_scope_ccprofile_wrote_a_key_with_is_read_from_its_record() -> None:
    assert pinned_scope(OURS, "/h/.claude/settings.json", "model") == "user"
    assert pinned_scope(OURS, "/h/.claude/settings.json", FAST) == "user"
    assert pinned_scope(OURS, "/elsewhere.json", FAST) is None
    assert pinned_scope(None, "/h/.claude/settings.json", FAST) is None


def test_a_pin_fix_names_the_command_scope_and_project() -> None:
    assert sentence(pin_fix(FAST, H45, "shell")) == f"Fix: `ccprofile set-fast-model {H45}`."
    assert sentence(pin_fix(PRIMARY, "opus", "user")) == "Fix: `ccprofile set-model opus --scope user`."
    assert (
        sentence(pin_fix(FAST, H45, "project", "/r/src"))
        == f"Fix: `ccprofile set-fast-model {H45} --scope project --project /r/src`."
    )
    assert (
        sentence(pin_fix(REGION, "eu-west-1", "local"))
        == "Fix: `ccprofile set-fast-model --aws-region eu-west-1 --scope local`."
    )


MANAGED = Place("settings", "", "/etc/claude-code/managed-settings.json", source="managed-settings")
PROJECT = Place("settings", "", "/r/.claude/settings.json", source="project-settings")
OURS_LOCAL = Place("settings", "", "/r/.claude/settings.local.json", scope="local", source="local-settings")
OURS_USER = Place("settings", "", "/h/.claude/settings.json", scope="user", source="user-settings")
USER = Place("settings", "", "/h/.claude/settings.json", source="user-settings")
BLOCK = Place("block", "", "/h/.zshrc", 3)
LINE = Place("startup-file", "", "/h/.zshrc", 9)
UNIVERSAL = Place("startup-file", "", "/h/.config/fish/fish_variables", 2)
SHELL = Place("this-shell", "")


@pytest.mark.parametrize(
    ("place", "variable", "value", "keep", "personal", "shell", "said"),
    [
        pytest.param(
            MANAGED,
            FAST,
            H45,
            None,
            True,
            ZSH,
            "Fix: managed settings are set by an administrator: ask them to change env.ANTHROPIC_SMALL_FAST_MODEL in /etc/claude-code/managed-settings.json.",
            id="managed",
        ),
        pytest.param(
            MANAGED,
            "model",
            None,
            None,
            True,
            ZSH,
            "Fix: managed settings are set by an administrator: ask them to change model in /etc/claude-code/managed-settings.json.",
            id="managed-model",
        ),
        pytest.param(
            PROJECT,
            FAST,
            H45,
            None,
            True,
            ZSH,
            f"Fix: /r/.claude/settings.json is the project's shared file (committed for the team), so pin yours in your own: `ccprofile set-fast-model {H45} --scope local --project /r` (it beats the project's file for you alone).",
            id="project-is-shared",
        ),
        pytest.param(
            PROJECT,
            "model",
            None,
            "opus",
            True,
            ZSH,
            "Fix: /r/.claude/settings.json is the project's shared file (committed for the team), so pin yours in your own: `ccprofile set-model opus --scope local --project /r` (it beats the project's file for you alone).",
            id="project-keeps-the-users-pin",
        ),
        pytest.param(
            PROJECT,
            FAST,
            None,
            None,
            True,
            ZSH,
            f'Fix: remove "{FAST}" from the "env" object of /r/.claude/settings.json.',
            id="project-removal-without-a-pin-to-keep",
        ),
        pytest.param(
            PROJECT,
            FAST,
            H45,
            None,
            False,
            ZSH,
            f'Fix: set "{FAST}" to "{H45}" in the "env" object of /r/.claude/settings.json.',
            id="project-for-the-team",
        ),
        pytest.param(
            OURS_LOCAL,
            FAST,
            None,
            None,
            True,
            ZSH,
            "Fix: `ccprofile unset-fast-model --scope local --project /r`.",
            id="ours-local-unset",
        ),
        pytest.param(
            OURS_USER,
            "model",
            "opus",
            None,
            True,
            ZSH,
            "Fix: `ccprofile set-model opus --scope user`.",
            id="ours-user-set",
        ),
        pytest.param(
            USER,
            "model",
            "opus",
            None,
            True,
            ZSH,
            'Fix: set "model" to "opus" in /h/.claude/settings.json.',
            id="settings-model-set",
        ),
        pytest.param(
            USER,
            "model",
            None,
            None,
            True,
            ZSH,
            'Fix: remove "model" from /h/.claude/settings.json.',
            id="settings-model-remove",
        ),
        pytest.param(
            BLOCK, FAST, H45, None, True, ZSH, f"Fix: `ccprofile set-fast-model {H45}`.", id="block-set"
        ),
        pytest.param(
            BLOCK, PRIMARY, None, None, True, ZSH, "Fix: `ccprofile unset-model`.", id="block-unset"
        ),
        pytest.param(BLOCK, "OTHER", None, None, True, ZSH, "", id="block-other-variable"),
        pytest.param(
            UNIVERSAL,
            FAST,
            H45,
            None,
            True,
            SHELLS["fish"],
            f"Fix: run `set -Ux {FAST} {H45}` in fish (it is a universal variable).",
            id="fish-universal-set",
        ),
        pytest.param(
            UNIVERSAL,
            FAST,
            None,
            None,
            True,
            SHELLS["fish"],
            f"Fix: run `set -Ue {FAST}` in fish (it is a universal variable).",
            id="fish-universal-erase",
        ),
        pytest.param(
            LINE,
            FAST,
            H45,
            None,
            True,
            ZSH,
            f"Fix: change line 9 of /h/.zshrc to `export {FAST}='{H45}'`.",
            id="line-change",
        ),
        pytest.param(LINE, FAST, None, None, True, ZSH, "Fix: delete line 9 of /h/.zshrc.", id="line-delete"),
        pytest.param(LINE, FAST, None, None, True, None, "", id="line-without-a-shell"),
        pytest.param(
            SHELL,
            FAST,
            H45,
            None,
            True,
            None,
            f"Fix: set {FAST}={H45} in the environment claude is started with.",
            id="no-shell-set",
        ),
        pytest.param(
            SHELL,
            FAST,
            None,
            None,
            True,
            None,
            f"Fix: remove {FAST} from the environment claude is started with.",
            id="no-shell-remove",
        ),
        pytest.param(
            SHELL,
            FAST,
            H45,
            None,
            True,
            ZSH,
            f"Fix: run `export {FAST}='{H45}'` in this shell.",
            id="shell-set",
        ),
        pytest.param(
            SHELL,
            FAST,
            None,
            None,
            True,
            SHELLS["fish"],
            f"Fix: run `set -e {FAST}` in this shell.",
            id="shell-unset",
        ),
        pytest.param(Place("default", ""), FAST, H45, None, True, ZSH, "", id="default"),
    ],
)
def test_a_fix_works_at_its_place(
    place: Place, variable: str, value: str | None, keep: str | None, personal: bool, shell: object, said: str
) -> None:
    assert sentence(fix(place, variable, value, shell, keep, personal=personal)) == said  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("source", "value", "said"),
    [
        pytest.param(
            REGISTRY,
            H45,
            f"Fix: `setx {FAST} {H45}` sets your own (HKCU\\Environment), over the system's; apps started before that (an IDE, Windows Terminal) keep the old value until restarted.",
            id="registry-set",
        ),
        pytest.param(
            REGISTRY,
            None,
            f"Fix: `reg delete HKCU\\Environment /v {FAST} /f` removes your own; a value the system environment (HKLM) sets is an administrator's. Apps started before that (an IDE, Windows Terminal) keep the old value until restarted.",
            id="registry-delete",
        ),
        pytest.param(
            LAUNCHD,
            H45,
            f"Fix: `launchctl setenv {FAST} {H45}` (apps started before that keep the old value until restarted).",
            id="launchd-set",
        ),
        pytest.param(
            LAUNCHD,
            None,
            f"Fix: `launchctl unsetenv {FAST}` (apps started before that keep the old value until restarted).",
            id="launchd-unset",
        ),
        pytest.param(
            "tmux server (pid 4)",
            H45,
            f"Fix: change {FAST} where your session sets it, tmux server (pid 4): for example in ~/.config/environment.d or with `tmux set-environment -g`.",
            id="process",
        ),
    ],
)
def test_a_value_new_terminals_inherit_is_changed_where_it_was_read(
    source: str, value: str | None, said: str
) -> None:
    assert sentence(fix(Place("session", "", source), FAST, value, ZSH)) == said


# --- the fix that makes another start read the pinned file -----------------------------------

_HOME = Home(Path("/h"), {}, "linux")
_PROFILE = Path("/h/.bash_profile")
_LINE = "[ -f ~/.bashrc ] && . ~/.bashrc"


@pytest.mark.parametrize(
    ("files", "unseen", "text", "said"),
    [
        pytest.param(
            (_PROFILE,),
            (),
            "",
            ("~/.bash_profile does not source ~/.bashrc", f"Fix: add `{_LINE}` to ~/.bash_profile."),
            id="the-one-line",
        ),
        pytest.param(
            (_PROFILE,),
            (Unseen(_PROFILE, 3, "runs eval"),),
            "",
            (
                "ccprofile finds no line that sources ~/.bashrc, though it cannot follow every line",
                f"Fix: add `{_LINE}` to ~/.bash_profile (`ccprofile status --probe` shows what a new shell "
                "really exports).",
            ),
            id="not-certain",
        ),
        pytest.param(
            (_PROFILE,),
            (),
            "[ -f ~/.bash_profile ] && . ~/.bash_profile\n",
            (
                "~/.bash_profile does not source ~/.bashrc",
                "Fix: move the pin to ~/.bash_profile, which ~/.bashrc sources already: `ccprofile "
                "uninstall --file ~/.bashrc`, then the same pin again with `--file ~/.bash_profile`.",
            ),
            id="a-loop",
        ),
        pytest.param(
            (),
            (),
            "",
            (
                "it reads ~/.bash_profile (or ~/.bash_login, ~/.profile), and there is none",
                f"Fix: create ~/.bash_profile with the line `{_LINE}`.",
            ),
            id="no-login-file",
        ),
    ],
)
def test_the_other_start_is_told_the_one_step_that_makes_it_read_the_pin(
    files: tuple[Path, ...], unseen: tuple[Unseen, ...], text: str, said: tuple[str, str]
) -> None:
    other = Scan("bash", files, (), (), unseen=unseen, login=True)
    reason, repair = starts.unread(SHELLS["bash"], _HOME, Path("/h/.bashrc"), other, text)
    assert (reason, sentence(repair)) == said


# --- a fix's commands, in the command line's words --------------------------------------------


@pytest.mark.parametrize(
    ("step", "said"),
    [
        (fixes.pin(FAST, H45), f"ccprofile set-fast-model {H45}"),
        (fixes.pin(FAST, H45, "shell"), f"ccprofile set-fast-model {H45}"),
        (fixes.pin(FAST, None), "ccprofile set-fast-model"),
        (fixes.pin(PRIMARY, "opus", "local", "/r"), "ccprofile set-model opus --scope local --project /r"),
        (fixes.pin(REGION, "eu-west-1"), "ccprofile set-fast-model --aws-region eu-west-1"),
        (Command(fixes.UNPIN, PRIMARY, scope="user"), "ccprofile unset-model --scope user"),
        (Command(fixes.UNPIN, "ANTHROPIC_DEFAULT_HAIKU_MODEL"), "ccprofile unset-fast-model"),
        (Command(fixes.UNINSTALL, file="~/.bashrc"), "ccprofile uninstall --file ~/.bashrc"),
        (Command(fixes.UNINSTALL, file="/my home/.zshrc"), "ccprofile uninstall --file '/my home/.zshrc'"),
        (
            Command(fixes.PIN, FAST, H45, file="$ZDOTDIR/.zshrc"),
            f'ccprofile set-fast-model {H45} --file "${{ZDOTDIR:?}}"/.zshrc',
        ),
        (
            Command(fixes.UNPIN, FAST, file="$ZDOTDIR/.zshrc"),
            'ccprofile unset-fast-model --file "${ZDOTDIR:?}"/.zshrc',
        ),
        (
            Command(fixes.UNPIN, FAST, file="$ZDOTDIR/my dots/.zshrc"),
            "ccprofile unset-fast-model --file \"${ZDOTDIR:?}\"/'my dots/.zshrc'",
        ),
        (
            Command(fixes.PIN, FAST, H45, file="$(x /y)/z"),
            f"ccprofile set-fast-model {H45} --file '$(x /y)/z'",
        ),
        (Command(fixes.PIN_IN, file="~/.profile"), "--file ~/.profile"),
        (Command(fixes.PROBE), "ccprofile status --probe"),
        (Command(fixes.MODELS), "ccprofile models"),
        (
            Command(fixes.MODELS, provider="bedrock", region="eu-west-1"),
            "AWS_REGION=eu-west-1 ccprofile models --provider bedrock",
        ),
    ],
)
def test_each_command_of_a_fix_is_worded_with_its_flags(step: Command, said: str) -> None:
    assert wording.command(step) == said


def test_fixes_join_as_steps_and_an_empty_one_is_no_step() -> None:
    pin = (fixes.pin(FAST, H45),)
    assert fixes.then(pin, fixes.NONE, ("remove it",)) == (pin[0], ", then ", "remove it")
    assert fixes.then(fixes.NONE, fixes.NONE) == fixes.NONE
    assert wording.sentence(fixes.then(("a",), ("b",))) == "Fix: a, then b."
    assert wording.sentence(fixes.NONE) == "" and wording.said("Broken.", fixes.NONE) == "Broken."
    assert wording.said("Broken.", pin) == f"Broken. Fix: `ccprofile set-fast-model {H45}`."


def test_pins_in_the_shell_are_written_to_a_file_named_and_others_stay() -> None:
    """Where the shell's startup file is out of ccprofile's sight, its pins name the file."""
    user = fixes.pin(FAST, H45, "user")
    fix = ("first ", fixes.pin(FAST, H45), ", then ", user, ", or ", fixes.pin(PRIMARY, "opus", "shell"))
    fix += (", ", Command(fixes.UNPIN, FAST), ", ", Command(fixes.UNINSTALL, file="~/.zshrc"))
    moved = fixes.pinned_in(fix, "$ZDOTDIR/.zshrc")
    zshrc = '--file "${ZDOTDIR:?}"/.zshrc'
    assert wording.words(moved) == (
        f"first `ccprofile set-fast-model {H45} {zshrc}`, then `ccprofile set-fast-model {H45} --scope "
        f"user`, or `ccprofile set-model opus {zshrc}`, `ccprofile unset-fast-model {zshrc}`, "
        "`ccprofile uninstall --file ~/.zshrc`"
    )
    named = (Command(fixes.PIN, FAST, H45, file="~/dots/.zshrc"),)
    assert fixes.pinned_in(named, "$ZDOTDIR/.zshrc") == named


def test_an_anthropic_model_key_is_never_ccprofiles_even_where_it_pinned_the_model() -> None:
    ours = {"/h/.claude/settings.json": {PRIMARY: "user"}}
    assert pinned_scope(ours, "/h/.claude/settings.json", "model") == "user"
    assert pinned_scope(ours, "/h/.claude/settings.json", PRIMARY) is None


def test_a_session_is_its_environment_and_where_it_was_read() -> None:
    """Two reads of the inherited environment are the same only with the same values from the
    same place; a read that failed (no environment) keeps why."""
    read = Session({"A": "1"}, LAUNCHD)
    assert read == Session({"A": "1"}, LAUNCHD)
    assert read != Session({"A": "2"}, LAUNCHD) and read != Session({"A": "1"}, REGISTRY)
    assert read != ({"A": "1"}, LAUNCHD)
    failed = Session(None, "launchctl was not found")
    assert (failed.env, failed.source) == (None, "launchctl was not found")


def test_a_new_terminal_starts_with_this_environment_but_the_inherited_model_variables() -> None:
    """--probe starts a shell as a new terminal would: this shell's model variables are not
    passed on (a new terminal does not have them), the ones terminals inherit are."""
    env = {"TERM": "xterm", "ANTHROPIC_SMALL_FAST_MODEL": "mine", "ANTHROPIC_MODEL": "m"}
    inherited = Session({"LANG": "C", "ANTHROPIC_DEFAULT_HAIKU_MODEL": "theirs"}, LAUNCHD)
    assert new_terminal_start(env, inherited) == {"TERM": "xterm", "ANTHROPIC_DEFAULT_HAIKU_MODEL": "theirs"}
    assert new_terminal_start(env, Session(None, "launchctl was not found")) == {"TERM": "xterm"}


_TERMINAL, _DOCK = LAUNCHERS["darwin"]
_OPUS = Model("claude-opus-5-5", "default", None, selected=False)


def _view(launcher: Launcher, background: Model | None, primary: Model | None = _OPUS) -> LauncherView:
    return LauncherView(launcher, ("launchd",), background, primary)


def test_launchers_that_send_other_models_are_named_with_the_one_fix_for_every_way() -> None:
    """Each model with the ways that send it; the fix pins the user's own pin (a startup
    file's before a settings file's), never what launchd or the registry holds over."""
    leftover = Model("claude-3-5-haiku-20241022", "session", "ANTHROPIC_SMALL_FAST_MODEL", "launchd")
    mine = Model("claude-haiku-4-5-20251001", "profile", "ANTHROPIC_SMALL_FAST_MODEL", "/h/.zprofile:3")
    settings = Model("claude-haiku-5-5", "user-settings", "ANTHROPIC_SMALL_FAST_MODEL", "/h/s.json")
    found = differences([_view(_DOCK, leftover), _view(_TERMINAL, mine)], settings, "background")
    assert found is not None
    words, repair = found
    assert words == (
        "claude's background model depends on how it is started: claude-3-5-haiku-20241022 from an app "
        "from the Dock or Finder (an IDE); claude-haiku-4-5-20251001 from Terminal or iTerm2."
    )
    assert sentence(repair) == (
        "Fix: `ccprofile set-fast-model claude-haiku-4-5-20251001 --scope user` pins it in the settings "
        "file every claude reads."
    )
    # Without the startup file's pin, the settings file's comes before launchd's leftover.
    found = differences([_view(_DOCK, leftover), _view(_TERMINAL, settings)], None, "background")
    assert found is not None and "set-fast-model claude-haiku-5-5 --scope user" in sentence(found[1])
    # Ways that send the same model are named together; the new terminal's own pin is the
    # fix's value though no way of starting shown here sends it.
    pwsh, powershell, git_bash = LAUNCHERS["win32"][:3]
    views = [_view(pwsh, leftover), _view(powershell, leftover), _view(git_bash, settings)]
    found = differences(views, mine, "background")
    assert found is not None
    assert found[0] == (
        "claude's background model depends on how it is started: claude-3-5-haiku-20241022 from "
        f"{pwsh.name}, {powershell.name}; claude-haiku-5-5 from {git_bash.name}."
    )
    assert "set-fast-model claude-haiku-4-5-20251001 --scope user" in sentence(found[1])


def test_launchers_that_agree_or_are_not_known_say_nothing() -> None:
    mine = Model("claude-haiku-4-5-20251001", "profile", "ANTHROPIC_SMALL_FAST_MODEL", "/h/.zprofile:3")
    assert differences([_view(_DOCK, mine), _view(_TERMINAL, mine)], mine, "background") is None
    assert differences([_view(_DOCK, None, None), _view(_TERMINAL, mine)], mine, "background") is None
    assert differences([_view(_DOCK, mine), _view(_TERMINAL, mine)], None, "primary") is None
    # A way whose models are not known is passed over, not the end of the list.
    pwsh, powershell, git_bash = LAUNCHERS["win32"][:3]
    other = Model("claude-haiku-5-5", "user-settings", "ANTHROPIC_SMALL_FAST_MODEL", "/h/s.json")
    views = [_view(pwsh, mine), _view(powershell, None, None), _view(git_bash, other)]
    assert differences(views, None, "background") is not None


def test_launchers_that_differ_only_by_defaults_are_fixed_with_a_model_to_choose() -> None:
    sonnet = Model("claude-sonnet-5-5", "default", None, selected=False)
    found = differences([_view(_DOCK, _OPUS, _OPUS), _view(_TERMINAL, _OPUS, sonnet)], None, "primary")
    assert found is not None
    assert found[0].startswith("claude's primary model depends on how it is started: claude-opus-5-5 from an")
    assert sentence(found[1]) == (
        "Fix: `ccprofile set-model MODEL --scope user` pins it in the settings file every claude reads."
    )


def test_an_unseen_line_is_its_file_line_and_reason() -> None:
    seen = Unseen(Path("/h/.zshrc"), 3, "runs eval")
    assert (
        seen == Unseen(Path("/h/.zshrc"), 3, "runs eval")
        and len({seen, Unseen(Path("/h/.zshrc"), 3, "runs eval")}) == 1
    )
    assert seen != Unseen(Path("/h/.zshrc"), 4, "runs eval") and seen != "/h/.zshrc:3 runs eval"
    assert str(seen) == "/h/.zshrc:3 runs eval"


def test_the_first_set_value_wins_and_an_empty_one_above_unsets_its_variable() -> None:
    """What --verbose marks "wins": an empty value in a higher layer unsets the variable there,
    so its lower layers lose too; the AWS region is never the model."""
    region = "ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION"
    emptied = Layer("user-settings", "/h/s.json", FAST, "")
    exported = Layer("environment", None, FAST, "claude-haiku-5-5")
    haiku = Layer("environment", None, "ANTHROPIC_DEFAULT_HAIKU_MODEL", "claude-haiku-4-5-20251001")
    assert winner([emptied, exported, haiku]) is haiku
    assert winner([Layer("environment", None, region, "eu-west-1"), exported]) is exported
    assert winner([emptied, exported]) is None
    used = Layer("environment", None, region, "eu-west-1")
    assert region_used([exported, used, Layer("user-settings", "/h/s.json", region, "us-east-1")]) is used
    assert region_used([Layer("user-settings", "/h/s.json", region, ""), used]) is None
    assert region_used([exported]) is None


def test_each_start_of_a_new_shell_is_described_in_a_users_words() -> None:
    assert [starts.terminal_is_login(p) for p in ("darwin", "win32", "linux")] == [True, True, False]
    assert (starts.other(starts.LOGIN), starts.other(starts.NON_LOGIN)) == (starts.NON_LOGIN, starts.LOGIN)
    unset = "tmux or `bash -l` started where the pin is not set)"
    assert starts.described("bash", starts.LOGIN, "linux") == f"a login bash (ssh; {unset}"
    assert (
        starts.described("bash", starts.LOGIN, "darwin")
        == f"a login bash (a new terminal on macOS, ssh; {unset}"
    )
    assert (
        starts.described("bash", starts.LOGIN, "win32")
        == f"a login bash (a new Git Bash terminal, ssh; {unset}"
    )
    assert (
        starts.described("zsh", starts.NON_LOGIN, "linux") == "a non-login zsh (a new terminal window or tab)"
    )
    assert (
        starts.described("bash", starts.NON_LOGIN, "darwin")
        == "a non-login bash an app starts (some IDE terminals)"
    )


def test_lines_a_static_reading_could_not_follow_say_which_start_reads_them() -> None:
    home = _HOME
    rc, profile = Path("/h/.zshrc"), Path("/h/.zprofile")
    unseen = [
        (starts.LOGIN, Unseen(rc, 3, "runs eval")),
        (starts.NON_LOGIN, Unseen(rc, 3, "runs eval")),
        (starts.LOGIN, Unseen(profile, 0, "cannot be read")),
        (starts.NON_LOGIN, Unseen(Path("/etc/zshrc"), 7, "runs eval")),
    ]
    assert starts.unseen_words(unseen, home, both=True) == [
        "~/.zshrc:3 runs eval",
        "~/.zprofile cannot be read (login shells only)",
        "/etc/zshrc:7 runs eval (non-login shells only)",
    ]
    assert starts.unseen_words(unseen, home, both=False)[1] == "~/.zprofile cannot be read"


def test_a_teams_shared_file_that_beats_the_pin_is_cleared_with_the_users_own_file() -> None:
    """Every warning but the team's own check clears a project's shared file by a pin in the
    user's local file of that project (the default), not by editing what the team committed."""
    shared = Path("/work/app/.claude/settings.json")
    settings = [Settings("project-settings", shared, env={FAST: "claude-3-5-haiku-20241022"})]
    place = Place("settings", f"env.{FAST} in {shared}", str(shared), source="project-settings")
    seen = Seen(SCAN, ZSH, {}, lambda a, b: a == b)
    mine = sentence(clearing(settings, place, FAST, H45, seen))
    assert mine == sentence(fix(place, FAST, None, ZSH, keep=H45, personal=True))
    assert "pin yours in your own" in mine and "--scope local" in mine
    teams = sentence(clearing(settings, place, FAST, H45, seen, personal=False))
    assert teams == f'Fix: remove "{FAST}" from the "env" object of {shared}.'


def test_commands_are_equal_by_what_they_do_so_one_fix_is_said_once() -> None:
    """A new terminal's fix and a login shell's, built apart, are one fix when their steps are
    the same; a step that differs in any field, or that is words, is another."""
    pin = Command(fixes.PIN, "ANTHROPIC_MODEL", "opus", file="~/.zshrc")
    assert pin == Command(fixes.PIN, "ANTHROPIC_MODEL", "opus", file="~/.zshrc")
    assert (
        len(
            {
                (pin, " which zsh reads"),
                (Command(fixes.PIN, "ANTHROPIC_MODEL", "opus", file="~/.zshrc"), " which zsh reads"),
            }
        )
        == 1
    )
    assert pin != Command(fixes.PIN, "ANTHROPIC_MODEL", "opus", file="~/.bashrc")
    assert pin != Command(fixes.UNPIN, "ANTHROPIC_MODEL", file="~/.zshrc")
    assert pin != "`ccprofile set-model opus --file ~/.zshrc`"


def test_a_stop_with_no_block_below_it_names_none() -> None:
    """Scan.block_past: the ccprofile block the shell never reads, below a stop in the same
    file; none above it or in another file."""
    rc = Path("/h/.bashrc")
    text = "return\n# >>> ccprofile >>>\nexport A=1\n# <<< ccprofile <<<\n"
    scan = Scan("bash", (rc,), (), (), texts={rc: text})
    assert scan.block_past(Unseen(rc, 1, "return")) == 2
    assert scan.block_past(Unseen(rc, 3, "return")) is None
    assert (
        Scan("bash", (rc,), (), (), texts={rc: "return\nexport A=1\n"}).block_past(Unseen(rc, 1, "return"))
        is None
    )
