"""availableModels, enforceAvailableModels and deniedModels as Claude Code applies them: each
case is a session observed in the real client (2.1.331 and 2.1.332 behave the same), unless
marked "read in the binary"."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ccprofile.claude import allowed
from ccprofile.claude.catalog import load
from ccprofile.claude.resolve import Model, compose
from ccprofile.claude.settings import Settings
from ccprofile.cli.app import app

FAST, HAIKU, MODEL = "ANTHROPIC_SMALL_FAST_MODEL", "ANTHROPIC_DEFAULT_HAIKU_MODEL", "ANTHROPIC_MODEL"
GATEWAY = {"ANTHROPIC_BASE_URL": "https://gateway.example", "ANTHROPIC_API_KEY": "gw-key"}
BEDROCK = {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1"}
ONLY_SONNET = {"availableModels": ["claude-sonnet-5-5"]}
ENFORCED = {**ONLY_SONNET, "enforceAvailableModels": True}
CATALOG = load()


def _write(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data))


def sent(
    home: Path, env: dict[str, str], user: object = None, managed: object = None, project: object = None
) -> Any:
    if user is not None:
        _write(home / ".claude" / "settings.json", user)
    if managed is not None:
        _write(home.parent / "managed" / "managed-settings.json", managed)
    if project is not None:
        _write(home / "work" / ".claude" / "settings.json", project)
    (home / "work").mkdir(exist_ok=True)
    result = CliRunner().invoke(
        app, ["status", "--json", "--shell", "zsh", "--project", str(home / "work")], env=env
    )
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.output)
    return report["background"]["model"], report["primary"]["model"]


@pytest.mark.parametrize(
    ("env", "user", "expected"),
    [
        # Without enforce a refused primary becomes the default, even one not listed.
        ({MODEL: "x-main", FAST: "x-fast"}, ONLY_SONNET, ("x-fast", "claude-opus-5-5")),
        ({MODEL: "x-main", FAST: "x-fast"}, ENFORCED, ("x-fast", "claude-sonnet-5-5")),
        ({}, {"availableModels": ["sonnet"]}, ("claude-haiku-5-5", "claude-opus-5-5")),
        (
            {},
            {"availableModels": ["sonnet"], "enforceAvailableModels": True},
            ("claude-haiku-5-5", "claude-sonnet-5-5"),
        ),
        (
            {MODEL: "opus", HAIKU: "x-haiku"},
            {"availableModels": ["sonnet"], "enforceAvailableModels": True},
            ("x-haiku", "claude-sonnet-5-5"),
        ),
        # An alias entry allows the family's IDs; an ID entry allows the alias that means it.
        (
            {MODEL: "claude-sonnet-5-5"},
            {"availableModels": ["sonnet"]},
            ("claude-haiku-5-5", "claude-sonnet-5-5"),
        ),
        ({MODEL: "sonnet"}, ENFORCED, ("claude-haiku-5-5", "claude-sonnet-5-5")),
        # With enforce the default still comes first when the list allows it.
        (
            {MODEL: "claude-haiku-5-5"},
            {"availableModels": ["sonnet", "opus"], "enforceAvailableModels": True},
            ("claude-haiku-5-5", "claude-opus-5-5"),
        ),
        (
            {MODEL: "claude-opus-5-5"},
            {"availableModels": ["haiku", "sonnet"], "enforceAvailableModels": True},
            ("claude-haiku-5-5", "claude-haiku-5-5"),
        ),
        # Prefixes: an entry allows the IDs that begin with it and a "-", "claude-" put in front.
        (
            {MODEL: "claude-sonnet-5-5"},
            {"availableModels": ["claude-sonnet-5"]},
            ("claude-haiku-5-5", "claude-sonnet-5-5"),
        ),
        (
            {MODEL: "claude-sonnet-5-5"},
            {"availableModels": ["sonnet-5-5"]},
            ("claude-haiku-5-5", "claude-sonnet-5-5"),
        ),
        (
            {MODEL: "claude-sonnet-5-5-20990101"},
            {"availableModels": ["claude-sonnet-5-5"]},
            ("claude-haiku-5-5", "claude-sonnet-5-5-20990101"),
        ),
        # A dated entry does not allow the undated ID; enforced, the entry is sent as written.
        (
            {MODEL: "claude-sonnet-5-5"},
            {"availableModels": ["claude-sonnet-5-5-20990101"], "enforceAvailableModels": True},
            ("claude-haiku-5-5", "claude-sonnet-5-5-20990101"),
        ),
        (
            {MODEL: "claude-sonnet-5-5"},
            {"availableModels": ["us.anthropic.claude-sonnet-5-5-v1:0"], "enforceAvailableModels": True},
            ("claude-haiku-5-5", "us.anthropic.claude-sonnet-5-5-v1:0"),
        ),
        # An empty list keeps the default, enforced or not.
        (
            {},
            {"availableModels": [], "enforceAvailableModels": True},
            ("claude-haiku-5-5", "claude-opus-5-5"),
        ),
        (
            {MODEL: "claude-sonnet-5-5"},
            {"availableModels": [], "enforceAvailableModels": True},
            ("claude-haiku-5-5", "claude-opus-5-5"),
        ),
        # Where the background follows the primary, it follows the replacement.
        ({**GATEWAY, MODEL: "x-main"}, ENFORCED, ("claude-sonnet-5-5", "claude-sonnet-5-5")),
        ({**BEDROCK}, ENFORCED, ("us.anthropic.claude-sonnet-5-5", "us.anthropic.claude-sonnet-5-5")),
        (
            {**BEDROCK, MODEL: "x-main"},
            ENFORCED,
            ("us.anthropic.claude-sonnet-5-5", "us.anthropic.claude-sonnet-5-5"),
        ),
        # deniedModels counts only in managed settings.
        ({}, {"deniedModels": ["claude-opus-5-5"]}, ("claude-haiku-5-5", "claude-opus-5-5")),
        ({}, {"deniedModels": ["claude-haiku-5-5"]}, ("claude-haiku-5-5", "claude-opus-5-5")),
    ],
)
def test_the_models_sent_under_a_policy_in_user_settings(
    home: Path, env: dict[str, str], user: object, expected: tuple[str, str]
) -> None:
    assert sent(home, env, user=user) == expected


def test_a_project_files_list_applies_and_a_broken_file_is_skipped_whole(home: Path) -> None:
    assert sent(home, {MODEL: "x-main"}, project=ENFORCED) == ("claude-haiku-5-5", "claude-sonnet-5-5")
    # The project's file has a wrong type: Claude Code skips it, the user's list still applies.
    broken = {"availableModels": "claude-opus-5-5", "model": "x-project"}
    assert sent(home, {}, user=ENFORCED, project=broken) == ("claude-haiku-5-5", "claude-sonnet-5-5")


def test_managed_deny_sends_the_background_to_the_primary_and_steps_a_denied_default_down(home: Path) -> None:
    assert sent(home, {}, managed={"deniedModels": ["claude-haiku-5-5"]}) == (
        "claude-opus-5-5",
        "claude-opus-5-5",
    )
    # Read in the binary: a denied default primary steps down opus, sonnet, haiku.
    assert sent(home, {}, managed={"deniedModels": ["opus"]}) == ("claude-haiku-5-5", "claude-sonnet-5-5")


H55, S55, O55, O5 = "claude-haiku-5-5", "claude-sonnet-5-5", "claude-opus-5-5", "claude-opus-5"


@pytest.mark.parametrize(
    ("env", "user", "managed", "expected"),
    [
        # A list, enforced or not, steers the step down: sonnet is not listed, haiku is.
        ({}, {"availableModels": [H55]}, {"deniedModels": ["opus"]}, (H55, H55)),
        ({}, {"availableModels": [H55, S55]}, {"deniedModels": ["opus"]}, (H55, S55)),
        (
            {},
            {"availableModels": [H55, S55], "enforceAvailableModels": True},
            {"deniedModels": ["opus"]},
            (H55, S55),
        ),
        ({}, None, {"availableModels": [O55, S55], "deniedModels": ["opus"]}, (H55, S55)),
        # A denied ID steps down to the newest other model of its family the policy allows.
        (
            {},
            {"availableModels": ["sonnet", "haiku"]},
            {"deniedModels": ["opus", S55]},
            (H55, "claude-sonnet-5"),
        ),
        (
            {MODEL: "x-main"},
            {"availableModels": ["opus", H55], "enforceAvailableModels": True},
            {"deniedModels": [O55]},
            (H55, O5),
        ),
        ({MODEL: "opus"}, None, {"deniedModels": [O55, "haiku"]}, (O5, O5)),
        # Enforced: the first entry Claude Code can use; a denied one, or a name that is no
        # Claude model ID, is passed over, and with none the default stays.
        (
            {MODEL: O55},
            {"availableModels": [H55, O55], "enforceAvailableModels": True},
            {"deniedModels": ["opus"]},
            (H55, H55),
        ),
        (
            {MODEL: O55},
            None,
            {"availableModels": [O55, H55], "enforceAvailableModels": True, "deniedModels": ["opus"]},
            (H55, H55),
        ),
        (
            {MODEL: S55},
            None,
            {"availableModels": [O55, H55], "enforceAvailableModels": True, "deniedModels": ["opus"]},
            (H55, H55),
        ),
        ({}, {"availableModels": ["x-custom", H55], "enforceAvailableModels": True}, None, (H55, H55)),
        (
            {},
            {"availableModels": ["x-custom", H55], "enforceAvailableModels": True},
            {"deniedModels": ["opus"]},
            (H55, H55),
        ),
        (
            {**GATEWAY},
            {"availableModels": ["x-custom", H55], "enforceAvailableModels": True},
            None,
            (H55, H55),
        ),
        ({}, {"availableModels": ["x-custom"], "enforceAvailableModels": True}, None, (H55, O55)),
        (
            {},
            {"availableModels": ["x-custom", H55], "enforceAvailableModels": True},
            {"deniedModels": ["haiku"]},
            (O55, O55),
        ),
        (
            {},
            None,
            {"availableModels": [H55], "enforceAvailableModels": True, "deniedModels": ["haiku"]},
            (O55, O55),
        ),
        # An enforced family entry whose alias is denied is passed over, to the default here.
        (
            {},
            {"availableModels": ["sonnet"], "enforceAvailableModels": True},
            {"deniedModels": [S55]},
            (H55, O55),
        ),
        # Foundry's default is sonnet: its step down starts there.
        (
            {"CLAUDE_CODE_USE_FOUNDRY": "1"},
            None,
            {"deniedModels": ["sonnet"]},
            ("claude-haiku-4-5", "claude-haiku-4-5"),
        ),
        # Entries are read in lower case; opusplan is sonnet's.
        ({}, {"availableModels": ["CLAUDE-HAIKU-5-5"], "enforceAvailableModels": True}, None, (H55, H55)),
        ({}, {"availableModels": ["opusplan", H55], "enforceAvailableModels": True}, None, (H55, S55)),
    ],
)
def test_the_step_down_and_the_enforced_list_skip_what_the_policy_refuses(
    home: Path, env: dict[str, str], user: object, managed: object, expected: tuple[str, str]
) -> None:
    """Observed in 2.1.332, each a session (the "does not start" ones below too)."""
    assert sent(home, env, user=user, managed=managed) == expected


@pytest.mark.parametrize(
    ("env", "user", "managed"),
    [
        ({MODEL: O55}, {"availableModels": [H55]}, {"deniedModels": ["opus", "haiku"]}),
        ({}, {"availableModels": [H55]}, {"deniedModels": ["opus", "haiku"]}),
        ({MODEL: S55}, {"availableModels": [H55]}, {"deniedModels": ["opus", "haiku"]}),
        ({}, {"availableModels": ["x-custom"]}, {"deniedModels": ["opus"]}),
        (
            {MODEL: O55},
            None,
            {"availableModels": [O55], "enforceAvailableModels": True, "deniedModels": ["opus"]},
        ),
        # Never a list entry of another family (fable); on Bedrock nothing past the aliases.
        ({}, {"availableModels": ["fable"]}, {"deniedModels": ["opus"]}),
        # On Bedrock past the families' aliases nothing was taken, not even a listed haiku.
        (BEDROCK, {"availableModels": [H55], "enforceAvailableModels": True}, {"deniedModels": ["opus"]}),
    ],
)
def test_a_policy_that_allows_no_default_says_claude_code_does_not_start(
    home: Path, env: dict[str, str], user: object, managed: object
) -> None:
    """Each observed (2.1.332): Claude Code says "Claude Code can't start", and nothing else
    about the model (no "is restricted ... Using X instead" for a model it never uses)."""
    if user is not None:
        _write(home / ".claude" / "settings.json", user)
    _write(home.parent / "managed" / "managed-settings.json", managed)
    found = _warnings(home, env)
    (message,) = found["no-model-left"]
    assert "does not start" in message and "model-restricted" not in found


def test_a_chosen_model_the_policy_allows_starts_where_no_default_is_left(home: Path) -> None:
    """Observed: x-custom pinned and listed, the default denied with nothing to step to."""
    user, managed = {"availableModels": ["x-custom"]}, {"deniedModels": ["opus"]}
    assert sent(home, {MODEL: "x-custom"}, user=user, managed=managed) == (H55, "x-custom")
    (stuck,) = _warnings(home, {MODEL: "x-custom"})["no-model-left"]  # a new terminal has no pin
    assert "Claude Code started from a new terminal does not start" in stuck


def test_a_managed_policy_decides_alone(home: Path) -> None:
    """Read in the binary: enforce from user settings counts only where managed settings set no
    model policy of their own."""
    managed = {"availableModels": ["claude-sonnet-5-5"]}
    user = {"enforceAvailableModels": True}
    assert sent(home, {MODEL: "x-main"}, user=user, managed=managed) == (
        "claude-haiku-5-5",
        "claude-opus-5-5",
    )


@pytest.mark.parametrize(
    ("entries", "model", "expected"),
    [
        (["sonnet"], "claude-sonnet-4-5-20250929", True),
        (["sonnet", "claude-sonnet-5"], "claude-sonnet-4-5-20250929", False),  # a version named: only it
        (["SONNET[1m]"], "claude-sonnet-5-5", True),
        (["claude-sonnet-5-5"], "us.anthropic.claude-sonnet-5-5", True),  # a provider's spelling
        (["claude-opus-5-5"], "claude-opus-5", False),
        (["x-allowed"], "x-allowed", True),
        (["claude-sonnet-5-5"], "eu.anthropic.claude-sonnet-5-5", True),  # another geography
    ],
)
def test_an_entry_allows(entries: list[str], model: str, expected: bool) -> None:
    assert allowed.allows(entries, model, CATALOG, {}) is expected


def test_a_model_overrides_maps_to_counts_as_its_key() -> None:
    assert allowed.allows(["claude-opus-5-5"], "arn:x", CATALOG, {"claude-opus-5-5": "arn:x"})


@pytest.mark.parametrize(
    ("entries", "model", "expected"),
    [
        (["haiku"], "claude-haiku-4-5-20251001", True),
        (["claude-haiku-4-5"], "us.anthropic.claude-haiku-4-5-20251001-v1:0", True),
        (["claude-opus-5"], "claude-opus-5-5", True),
        (["claude-opus-5-5"], "claude-opus-5", False),
        (["opusplan", "best", "default"], "claude-opus-5-5", False),
        (["best", "claude-opus-5-5"], "claude-opus-5-5", True),  # passed over, not the end
        (["opus-5-5"], "claude-opus-5-5", True),  # "claude-" put in front
        (["sonnet"], "us.anthropic.claude-sonnet-9-9-v1:0", True),  # a family from the ID's shape
    ],
)
def test_a_managed_deny_entry_denies(entries: list[str], model: str, expected: bool) -> None:
    assert allowed.denies(entries, model, CATALOG) is expected


def test_a_pin_the_list_refuses_is_said_on_the_write_and_refused_with_strict(home: Path) -> None:
    _write(home / ".claude" / "settings.json", {"availableModels": ["sonnet"]})
    refused = CliRunner().invoke(app, ["set-model", "claude-haiku-5-5", "--shell", "bash", "--strict"])
    assert refused.exit_code == 1 and not (home / ".bashrc").exists()
    result = CliRunner().invoke(
        app, ["set-model", "claude-haiku-5-5", "--shell", "bash"], env={"COLUMNS": "200"}
    )
    said = " ".join(result.output.split())
    assert (
        "With claude-haiku-5-5 pinned in ~/.bashrc, Claude Code started from a new terminal uses claude-opus-5-5: "
        "availableModels in ~/.claude/settings.json does not allow it, so Claude Code replaces it when it "
        "starts. Fix: pin a model that availableModels allows."
    ) in said


def _warnings(home: Path, env: dict[str, str]) -> dict[str, list[str]]:
    result = CliRunner().invoke(app, ["status", "--json", "--shell", "zsh"], env=env)
    found: dict[str, list[str]] = {}
    for warning in json.loads(result.output)["warnings"]:
        found.setdefault(warning["code"], []).append(warning["message"])
    return found


def test_a_refused_pin_replaced_by_the_same_model_is_still_refused(home: Path) -> None:
    """Refused, then replaced by the default, which is the same model today: the model sent is
    right, but it comes from the default (a release that changes it changes the model), not the
    pin, and Claude Code says the pin is restricted: status says so rather than credit the pin."""
    settings = home / ".claude" / "settings.json"
    _write(settings, {"availableModels": ["sonnet", "haiku"]})
    for pinned in ("claude-opus-5-5", "opus"):
        result = CliRunner().invoke(app, ["status", "--json", "--shell", "zsh"], env={MODEL: pinned})
        report = json.loads(result.output)
        primary = report["primary"]
        assert (primary["model"], primary["source"], primary["restricted"]["from"]) == (
            "claude-opus-5-5",
            "default",
            pinned,
        )
        assert [w["message"] for w in report["warnings"] if w["code"] == "model-restricted"] == [
            f"The primary model {pinned} is not allowed by availableModels in {settings}: Claude Code started "
            "from this shell uses claude-opus-5-5 instead (it prints 'Model \""
            + pinned
            + '" is restricted by '
            "your organization's settings. Using claude-opus-5-5 instead.'). Fix: pin a model the list allows, "
            "e.g. `ccprofile set-model claude-sonnet-5-5 --shell zsh`, or unset it."
        ]


def test_a_denied_default_steps_down_silently_and_a_denied_background_is_not_a_pin(home: Path) -> None:
    _write(home.parent / "managed" / "managed-settings.json", {"deniedModels": ["claude-opus-5-5", "haiku"]})
    found = _warnings(home, {})
    assert "model-restricted" not in found and "costly-background" not in found
    assert [m.split(":")[0] for m in found["background-denied"]] == [
        f"deniedModels in {home.parent / 'managed' / 'managed-settings.json'} denies the background model "
        "claude-haiku-5-5"
    ]
    # A pin of opus is refused: the fix does not suggest a denied model. The default steps
    # down to the newest opus not denied (observed: claude-opus-5, not the next family).
    (restricted,) = _warnings(home, {MODEL: "opus"})["model-restricted"]
    assert "uses claude-opus-5 instead" in restricted
    assert restricted.endswith("Fix: unset it, or pin a model deniedModels in that file does not deny.")


def test_a_policy_that_leaves_no_model_says_claude_code_does_not_start(home: Path) -> None:
    _write(home.parent / "managed" / "managed-settings.json", {"deniedModels": ["opus", "sonnet", "haiku"]})
    (message,) = _warnings(home, {})["no-model-left"]
    assert "Claude Code does not start" in message


def test_the_stale_fix_does_not_pin_a_denied_model(home: Path) -> None:
    _write(home.parent / "managed" / "managed-settings.json", {"deniedModels": ["claude-opus-5-5"]})
    (stale,) = _warnings(home, {MODEL: "opus"})["stale-in-this-shell"]
    assert "set-model" not in stale


def test_verbose_says_the_policy_replaces_the_winning_value(home: Path) -> None:
    _write(home / ".claude" / "settings.json", ENFORCED)
    shown = (
        CliRunner()
        .invoke(app, ["status", "--shell", "zsh", "--verbose"], env={MODEL: "x-main", "COLUMNS": "200"})
        .output
    )
    assert (
        "    then the organisation's model policy in ~/.claude/settings.json refuses x-main: "
        "Claude Code uses claude-sonnet-5-5"
    ) in shown


def test_the_warning_names_the_list_that_refused_and_suggests_a_model_it_allows(home: Path) -> None:
    """Found by review: one managed file with both lists; and a family alias that a named
    version of it narrows (the first entry then allows nothing of its own)."""
    managed = home.parent / "managed" / "managed-settings.json"
    _write(managed, {"availableModels": ["sonnet"], "deniedModels": ["haiku"]})
    (refused,) = _warnings(home, {MODEL: "claude-opus-4-8"})["model-restricted"]
    assert f"is not allowed by availableModels in {managed}" in refused
    assert refused.endswith("e.g. `ccprofile set-model claude-sonnet-5-5 --shell zsh`, or unset it.")
    _write(managed, {"availableModels": ["sonnet", "claude-sonnet-4-6"]})
    (refused,) = _warnings(home, {MODEL: "claude-sonnet-5-5"})["model-restricted"]
    assert refused.endswith("e.g. `ccprofile set-model claude-sonnet-4-6 --shell zsh`, or unset it.")


def test_unsetting_a_pin_under_an_enforced_list_is_no_shortfall(home: Path) -> None:
    _write(
        home.parent / "managed" / "managed-settings.json",
        {"availableModels": ["sonnet"], "enforceAvailableModels": True},
    )
    assert CliRunner().invoke(app, ["set-model", "claude-sonnet-4-6", "--shell", "bash"]).exit_code == 0
    unset = CliRunner().invoke(app, ["unset-model", "--shell", "bash", "--strict"], env={"COLUMNS": "200"})
    assert unset.exit_code == 0, unset.output
    assert "still uses" not in unset.output


# The models the policy sends, whole: where each comes from and what it replaced.

USER, MANAGED = Path("/h/.claude/settings.json"), Path("/m/managed-settings.json")
CHOSEN = Model("x-main", "environment", MODEL)
BEDROCK_ONLY = {"CLAUDE_CODE_USE_BEDROCK": "1"}  # the region from the AWS config file


def _applied(env: dict[str, str], settings: list[Settings], region: str | None = None) -> tuple[Model, Model]:
    composed = compose(env, {}, settings)
    return (
        allowed.primary(CHOSEN, composed, settings, CATALOG, region),
        allowed.primary(
            Model("claude-opus-5-5", "default", None, selected=False), composed, settings, CATALOG, region
        ),
    )


def test_the_policy_says_what_it_replaced_and_which_file_refused_it() -> None:
    listed = [Settings("user-settings", USER, available=("claude-sonnet-5-5",))]
    refused = ("x-main", str(USER), allowed.AVAILABLE)
    assert _applied({}, listed) == (
        Model("claude-opus-5-5", "default", None, selected=False, restricted=refused),
        Model("claude-opus-5-5", "default", None, selected=False),
    )
    enforced = [Settings("user-settings", USER, available=("claude-sonnet-5-5",), enforce=True)]
    assert _applied({}, enforced) == (
        Model("claude-sonnet-5-5", "policy", None, str(USER), restricted=refused),
        Model("claude-sonnet-5-5", "policy", None, str(USER)),
    )
    denied = [Settings("managed-settings", MANAGED, denied=("opus",))]
    opus = Model("claude-opus-5-5", "environment", MODEL, alias="opus")
    assert allowed.primary(opus, compose({}, {}, denied), denied, CATALOG) == Model(
        "claude-sonnet-5-5",
        "default",
        None,
        selected=False,
        restricted=("opus", str(MANAGED), allowed.DENIED),
    )


def test_a_model_denied_in_one_file_is_named_with_that_file_where_another_enforces_the_list() -> None:
    """The replacement is the enforced list's, but the file that refused the chosen model is
    the managed one that denies it."""
    settings = [
        Settings("user-settings", USER, available=(H55, S55), enforce=True),
        Settings("managed-settings", MANAGED, denied=(S55,)),
    ]
    chosen = Model(S55, "environment", MODEL)
    assert allowed.primary(chosen, compose({}, {}, settings), settings, CATALOG) == Model(
        H55, "policy", None, str(MANAGED), restricted=(S55, str(MANAGED), allowed.DENIED)
    )


def test_on_bedrock_the_policy_sends_its_models_in_the_aws_config_files_region() -> None:
    enforced = [Settings("user-settings", USER, available=("claude-sonnet-5-5",), enforce=True)]
    primary, _ = _applied(BEDROCK_ONLY, enforced, "eu-west-1")
    assert primary.model == "eu.anthropic.claude-sonnet-5-5"
    alias = [Settings("user-settings", USER, available=("sonnet",), enforce=True)]
    assert _applied(BEDROCK_ONLY, alias, "eu-west-1")[0].model.startswith("eu.anthropic.claude-sonnet-")
    plan = [Settings("user-settings", USER, available=("opusplan",), enforce=True)]
    assert _applied(BEDROCK_ONLY, plan, "eu-west-1")[0].model.startswith("eu.anthropic.claude-sonnet-")
    composed = compose(BEDROCK_ONLY, {}, enforced)
    assert allowed.first_allowed(composed, enforced, CATALOG, "eu-west-1") == "eu.anthropic.claude-sonnet-5-5"
    every = [Settings("managed-settings", MANAGED, denied=("opus", "sonnet", "haiku"))]
    assert allowed.nothing_left(compose(BEDROCK_ONLY, {}, every), every, CATALOG, "eu-west-1")
    assert _applied(BEDROCK_ONLY, every, "eu-west-1")[1] == Model(
        "eu.anthropic.claude-opus-5-5", "default", None, selected=False
    )
    stepped = [Settings("managed-settings", MANAGED, denied=("opus",))]
    _, default = _applied(BEDROCK_ONLY, stepped, "eu-west-1")
    assert default == Model(default.model, "default", None, selected=False)
    assert default.model.startswith("eu.anthropic.claude-sonnet-")


def test_a_denied_background_becomes_the_primary_moved_by_the_policy() -> None:
    denied = [Settings("managed-settings", MANAGED, denied=("haiku",))]
    background = Model("claude-haiku-5-5", "default", None, selected=False)
    primary = Model("claude-opus-5-5", "default", None, selected=False)
    assert allowed.background(background, primary, denied, CATALOG) == Model(
        "claude-opus-5-5",
        "policy",
        None,
        str(MANAGED),
        selected=False,
        restricted=("claude-haiku-5-5", str(MANAGED), allowed.DENIED),
    )
    assert not allowed.nothing_left(compose({}, {}, []), [], CATALOG, None)


def test_which_files_decide_the_policy() -> None:
    """Managed settings with a list or enforce decide alone; a managed deny list alone leaves
    the other files' lists in force."""
    user = Settings("user-settings", USER, available=("claude-sonnet-5-5",), enforce=True)
    deny = Settings("managed-settings", MANAGED, denied=("opus",))
    assert allowed.policy([user, deny]) == allowed.Policy(
        ("claude-sonnet-5-5",), True, ("opus",), (str(USER),), (str(MANAGED),)
    )
    assert allowed.policy([deny]) == allowed.Policy(None, False, ("opus",), (), (str(MANAGED),))


def test_no_model_left_names_every_list_and_deny_file(home: Path) -> None:
    """The lists of several files count together, so the warning names each."""
    user, project = home / ".claude" / "settings.json", home / "work" / ".claude" / "settings.json"
    managed = home.parent / "managed" / "managed-settings.json"
    _write(user, {"availableModels": [H55]})
    _write(project, {"availableModels": [H55]})
    drop_in = managed.parent / "managed-settings.d" / "10-haiku.json"
    _write(managed, {"deniedModels": ["opus"]})
    _write(drop_in, {"deniedModels": ["haiku"]})
    result = CliRunner().invoke(
        app, ["status", "--json", "--shell", "zsh", "--project", str(home / "work")], env={}
    )
    (said,) = [w["message"] for w in json.loads(result.output)["warnings"] if w["code"] == "no-model-left"]
    assert said.startswith(f"deniedModels in {managed}, {drop_in} denies the default primary model")
    assert f"is both allowed (availableModels in {user}, {project}) and not denied" in said


@pytest.mark.parametrize(
    ("listed", "suggested", "asks"),
    [
        (["opus", "claude-haiku-4-5"], "claude-haiku-4-5", False),  # the small one, in the list's spelling
        (["claude-sonnet-5-5"], "claude-sonnet-5-5", True),  # none is small: it says the pin asks
    ],
)
def test_the_background_fix_names_a_listed_model_and_pinning_it_ends_the_warning(
    home: Path, listed: list[str], suggested: str, asks: bool
) -> None:
    """ "pin one of them with `ccprofile set-fast-model`" pinned the recommended small model,
    which the list may not name: the warning came straight back. The first entry (Opus) was
    no better: the pin refuses a model that is not small."""
    _write(home / ".claude" / "settings.json", {"availableModels": listed, "enforceAvailableModels": True})
    runner = CliRunner()

    def warnings(env: dict[str, str]) -> dict[str, str]:
        report = json.loads(runner.invoke(app, ["status", "--json", "--shell", "bash"], env=env).stdout)
        return {w["code"]: w["message"] for w in report["warnings"]}

    said = warnings({})["background-not-restricted"]
    fix = f"pin one of them, e.g. `ccprofile set-fast-model {suggested} --shell bash`"
    assert said.endswith(f"{fix}, which asks first: it is no small model." if asks else f"{fix}.")
    # As printed (from a terminal, which asks before a model that is not small; --force here).
    pinned = runner.invoke(
        app, ["set-fast-model", suggested, "--shell", "bash", *(["--force"] if asks else [])]
    )
    assert pinned.exit_code == 0, pinned.output
    assert "background-not-restricted" not in warnings({FAST: suggested, HAIKU: suggested})


@pytest.mark.parametrize(
    ("listed", "env", "fix"),
    [
        # No Claude model listed: nothing to name.
        (["x-custom"], {}, "pin one of them with `ccprofile set-fast-model --shell bash`."),
        # The small family by its alias, after Opus: the alias's model, not the first entry.
        (
            ["opus", "haiku"],
            {FAST: "claude-sonnet-4-5-20250929"},
            "e.g. `ccprofile set-fast-model claude-haiku-5-5 --shell bash`.",
        ),
        # None small: the first entry as a new terminal resolves it (this shell's sonnet is its own).
        (
            ["sonnet"],
            {"ANTHROPIC_DEFAULT_SONNET_MODEL": "claude-sonnet-4-5-20250929"},
            "e.g. `ccprofile set-fast-model claude-sonnet-5-5 --shell bash`, which asks first: it is no small model.",
        ),
    ],
    ids=["no-claude-model", "small-by-alias", "new-terminals-alias"],
)
def test_the_background_fix_names_what_a_new_terminal_would_be_allowed(
    home: Path, listed: list[str], env: dict[str, str], fix: str
) -> None:
    _write(home / ".claude" / "settings.json", {"availableModels": listed})
    report = json.loads(CliRunner().invoke(app, ["status", "--json", "--shell", "bash"], env=env).stdout)
    said = [w["message"] for w in report["warnings"] if w["code"] == "background-not-restricted"]
    assert said and all(message.endswith(fix) for message in said), said


@pytest.mark.parametrize(
    ("listed", "env", "suggested"),
    [
        (["opus"], {}, "eu.anthropic.claude-opus-5-5"),
        (
            ["opus", "haiku"],
            {FAST: "eu.anthropic.claude-sonnet-4-5-20250929-v1:0"},
            "eu.anthropic.claude-haiku-4-5-20251001-v1:0",
        ),
    ],
    ids=["none-small", "small-by-alias"],
)
def test_on_bedrock_the_background_fix_names_the_model_in_the_aws_config_files_region(
    home: Path, listed: list[str], env: dict[str, str], suggested: str
) -> None:
    """No AWS_REGION, and ~/.aws/config's region is eu-west-1: an alias resolves to the `eu.`
    profile there, which is what Claude Code sends (a `us.` one is refused in that region)."""
    (home / ".aws").mkdir()
    (home / ".aws" / "config").write_text("[default]\nregion = eu-west-1\n")
    _write(
        home / ".claude" / "settings.json",
        {"availableModels": listed, "env": {"CLAUDE_CODE_USE_BEDROCK": "1"}},
    )
    report = json.loads(CliRunner().invoke(app, ["status", "--json", "--shell", "bash"], env=env).stdout)
    said = [w["message"] for w in report["warnings"] if w["code"] == "background-not-restricted"]
    assert said and all(f"`ccprofile set-fast-model {suggested} --shell bash`" in m for m in said), said
