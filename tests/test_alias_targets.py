"""What each alias and the primary's fallback list send (``status --verbose``), in-process:
the region's Bedrock geography, the alias variables, Mantle's translation, modelOverrides."""

from __future__ import annotations

from pathlib import Path

from ccprofile.claude.alias_targets import FALLBACK_DEFAULT, alias_targets, fallback_models
from ccprofile.claude.catalog import load
from ccprofile.claude.resolve import Composed, Origin, compose
from ccprofile.claude.settings import Settings
from ccprofile.claude.variables import AWS_REGIONS

CATALOG = load("2.1.332")
BEDROCK = {"CLAUDE_CODE_USE_BEDROCK": "1"}
MANTLE = {"CLAUDE_CODE_USE_MANTLE": "1"}
USER = Path("/h/.claude/settings.json")
PROJECT = Path("/p/.claude/settings.json")


def _composed(env: dict[str, str], *settings: Settings) -> Composed:
    return compose(env, {name: Origin("environment") for name in env}, settings)


def _sent(env: dict[str, str], *settings: Settings, config_region: str | None = None) -> dict[str, str]:
    targets = alias_targets(_composed(env, *settings), CATALOG, config_region, settings)
    return {target.alias: target.model for target in targets}


def test_every_alias_of_the_catalog_is_shown_once_in_its_order() -> None:
    assert [t.alias for t in alias_targets(_composed({}), CATALOG)] == list(CATALOG.aliases)


def test_on_bedrock_an_alias_takes_the_geography_of_the_aws_config_files_region() -> None:
    # No AWS_REGION: the shared config file's region decides (eu-west-1 is eu.), not us-east-1.
    sent = _sent(BEDROCK, config_region="eu-west-1")
    assert sent["opus"] == "eu.anthropic.claude-opus-5-5"
    assert sent["haiku"] == "eu.anthropic.claude-haiku-4-5-20251001-v1:0"
    assert _sent(BEDROCK)["opus"] == "us.anthropic.claude-opus-5-5"


def test_an_alias_variable_is_sent_as_it_is_and_says_where_it_came_from() -> None:
    env = {"ANTHROPIC_DEFAULT_OPUS_MODEL": "my-opus"}
    targets = {t.alias: t for t in alias_targets(_composed(env), CATALOG)}
    assert (targets["opus"].model, targets["opus"].variable) == ("my-opus", "ANTHROPIC_DEFAULT_OPUS_MODEL")
    assert targets["opus"].origin == Origin("environment")
    assert (targets["sonnet"].variable, targets["sonnet"].origin) == (None, None)
    assert all(t.verified for t in targets.values() if t.alias in ("opus", "sonnet", "haiku"))


def test_modelOverrides_matches_a_picked_model_by_its_first_party_id_and_a_pin_only_as_it_is() -> None:
    overrides = Settings("user-settings", USER, overrides={"claude-opus-5-5": "arn:aws:bedrock:opus"})
    # Claude Code picked Bedrock's Opus for `opus`: its first-party ID is the key.
    picked = alias_targets(_composed(BEDROCK, overrides), CATALOG, None, (overrides,))
    opus = next(t for t in picked if t.alias == "opus")
    assert opus.model == "arn:aws:bedrock:opus"
    assert opus.override == ("us.anthropic.claude-opus-5-5", str(USER), "claude-opus-5-5")
    # The same ID pinned in the alias variable is the user's value: only an exact key matches.
    env = {**BEDROCK, "ANTHROPIC_DEFAULT_OPUS_MODEL": "us.anthropic.claude-opus-5-5"}
    pinned = alias_targets(_composed(env, overrides), CATALOG, None, (overrides,))
    opus = next(t for t in pinned if t.alias == "opus")
    assert (opus.model, opus.override) == ("us.anthropic.claude-opus-5-5", None)
    exact = Settings(
        "user-settings", USER, overrides={"us.anthropic.claude-opus-5-5": "arn:aws:bedrock:mine"}
    )
    opus = next(t for t in alias_targets(_composed(env, exact), CATALOG, None, (exact,)) if t.alias == "opus")
    assert opus.model == "arn:aws:bedrock:mine"


def _fallback(
    env: dict[str, str], *settings: Settings, config_region: str | None = None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return fallback_models(_composed(env, *settings), settings, CATALOG, config_region)


def test_no_fallbackModel_is_no_list_and_no_file() -> None:
    assert _fallback({}, Settings("user-settings", USER)) == ((), ())


def test_each_fallback_entry_is_sent_as_claude_code_sends_it() -> None:
    entries = (FALLBACK_DEFAULT, "sonnet", "claude-haiku-4-5-20251001", "my-model")
    user = Settings("user-settings", USER, fallback=entries)
    assert _fallback({}, user)[0] == (
        "claude-opus-5-5",
        "claude-sonnet-5-5",
        "claude-haiku-4-5-20251001",
        "my-model",
    )
    # Mantle sends its own ID for a first-party one; a name it does not know goes as it is.
    assert _fallback(MANTLE, user)[0] == (
        "anthropic.claude-opus-5-5",
        "anthropic.claude-sonnet-5",
        "anthropic.claude-haiku-4-5",
        "my-model",
    )


def test_on_bedrock_the_default_and_aliases_in_fallbackModel_take_the_regions_geography() -> None:
    user = Settings("user-settings", USER, fallback=(FALLBACK_DEFAULT, "opus"))
    eu = ("eu.anthropic.claude-opus-5-5", "eu.anthropic.claude-opus-5-5")
    assert _fallback({**BEDROCK, AWS_REGIONS[0]: "eu-central-1"}, user)[0] == eu
    assert _fallback(BEDROCK, user, config_region="eu-west-1")[0] == eu
    assert (
        _fallback({**BEDROCK, AWS_REGIONS[0]: "ap-south-1"}, user)[0][0] == "apac.anthropic.claude-opus-5-5"
    )


def test_the_highest_file_with_a_fallback_list_decides_and_every_such_file_is_named() -> None:
    user = Settings("user-settings", USER, fallback=("claude-haiku-4-5-20251001",))
    project = Settings("project-settings", PROJECT, fallback=("my-model",))
    assert _fallback({}, user, project) == (("my-model",), (str(PROJECT), str(USER)))


def test_fallback_entries_are_sent_after_modelOverrides() -> None:
    user = Settings(
        "user-settings",
        USER,
        fallback=(FALLBACK_DEFAULT, "my-model"),
        overrides={"claude-opus-5-5": "proxy-opus"},
    )
    assert _fallback({}, user)[0] == ("proxy-opus", "my-model")
