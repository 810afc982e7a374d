"""Claude Code's model resolution as a pure function: every rule of shared/claude-code-models.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from ccprofile.claude.catalog import load
from ccprofile.claude.resolve import Layer, Origin, background_model, compose, primary_model
from ccprofile.claude.settings import Settings, parse

# The cases below are the reference table, measured in Claude Code 2.1.331; the defaults that
# moved in 2.1.332 have their own test at the end.
CATALOG = load("2.1.331")


def user(env: dict[str, str] | None = None, model: str | None = None) -> Settings:
    return Settings("user-settings", Path("/h/.claude/settings.json"), env or {}, model)


def project(env: dict[str, str] | None = None, model: str | None = None) -> Settings:
    return Settings("project-settings", Path("/p/.claude/settings.json"), env or {}, model)


def managed(env: dict[str, str] | None = None, model: str | None = None) -> Settings:
    return Settings("managed-settings", Path("/etc/claude-code/managed-settings.json"), env or {}, model)


def models(env: dict[str, str], *settings: Settings) -> tuple[str, str, str, str]:
    composed = compose(env, {}, settings)
    primary = primary_model(composed, settings, CATALOG)
    background = background_model(composed, primary, CATALOG)
    return background.model, background.source, primary.model, primary.source


BEDROCK = {"CLAUDE_CODE_USE_BEDROCK": "1"}
VERTEX = {"CLAUDE_CODE_USE_VERTEX": "1"}
GATEWAY = {"ANTHROPIC_BASE_URL": "http://127.0.0.1:8080"}


@pytest.mark.parametrize(
    ("env", "settings", "expected"),
    [
        pytest.param(
            {}, [], ("claude-haiku-5-5", "default", "claude-opus-5-5", "default"), id="anthropic-defaults"
        ),
        pytest.param(
            {"ANTHROPIC_BASE_URL": "https://api.anthropic.com/"},
            [],
            ("claude-haiku-5-5", "default", "claude-opus-5-5", "default"),
            id="official-base-url-is-not-a-gateway",
        ),
        pytest.param(
            {"ANTHROPIC_SMALL_FAST_MODEL": "a", "ANTHROPIC_DEFAULT_HAIKU_MODEL": "b"},
            [],
            ("a", "environment", "claude-opus-5-5", "default"),
            id="small-fast-beats-haiku",
        ),
        pytest.param(
            {"ANTHROPIC_DEFAULT_HAIKU_MODEL": "b"},
            [],
            ("b", "environment", "claude-opus-5-5", "default"),
            id="haiku-only",
        ),
        pytest.param(
            {"ANTHROPIC_SMALL_FAST_MODEL": "a"},
            [user({"ANTHROPIC_SMALL_FAST_MODEL": "u"})],
            ("u", "user-settings", "claude-opus-5-5", "default"),
            id="settings-env-beats-shell",
        ),
        pytest.param(
            {"ANTHROPIC_SMALL_FAST_MODEL": "a"},
            [user({"ANTHROPIC_SMALL_FAST_MODEL": "u"}), project({"ANTHROPIC_SMALL_FAST_MODEL": "p"})],
            ("p", "project-settings", "claude-opus-5-5", "default"),
            id="project-beats-user",
        ),
        pytest.param(
            {"ANTHROPIC_SMALL_FAST_MODEL": "a"},
            [project({"ANTHROPIC_SMALL_FAST_MODEL": "p"}), managed({"ANTHROPIC_SMALL_FAST_MODEL": "m"})],
            ("m", "managed-settings", "claude-opus-5-5", "default"),
            id="managed-beats-all",
        ),
        pytest.param(
            {"ANTHROPIC_SMALL_FAST_MODEL": "a", "ANTHROPIC_DEFAULT_HAIKU_MODEL": "b"},
            [user({"ANTHROPIC_SMALL_FAST_MODEL": ""})],
            ("b", "environment", "claude-opus-5-5", "default"),
            id="empty-string-override-unsets",
        ),
        pytest.param(
            GATEWAY,
            [],
            ("claude-opus-5-5", "default", "claude-opus-5-5", "default"),
            id="gateway-falls-back-to-primary",
        ),
        pytest.param(
            {**GATEWAY, "ANTHROPIC_MODEL": "claude-sonnet-4-5-20250929"},
            [],
            ("claude-sonnet-4-5-20250929", "default", "claude-sonnet-4-5-20250929", "environment"),
            id="gateway-follows-chosen-primary",
        ),
        pytest.param(
            {**GATEWAY, "ANTHROPIC_API_KEY": "sk-ant-api03-abc"},
            [],
            ("claude-haiku-5-5", "default", "claude-opus-5-5", "default"),
            id="gateway-with-anthropic-api-key-keeps-haiku-default",
        ),
        pytest.param(
            GATEWAY,
            [user({"ANTHROPIC_API_KEY": "sk-ant-api03-abc"})],
            ("claude-haiku-5-5", "default", "claude-opus-5-5", "default"),
            id="anthropic-api-key-from-settings-env-counts",
        ),
        pytest.param(
            {**GATEWAY, "ANTHROPIC_API_KEY": "sk-ant-api03-abc", "ANTHROPIC_AUTH_TOKEN": "t"},
            [],
            ("claude-opus-5-5", "default", "claude-opus-5-5", "default"),
            id="auth-token-beats-anthropic-api-key",
        ),
        pytest.param(
            {**GATEWAY, "ANTHROPIC_API_KEY": "sk-ant-oat01-abc"},
            [],
            ("claude-opus-5-5", "default", "claude-opus-5-5", "default"),
            id="other-sk-ant-keys-fall-back-to-primary",
        ),
        pytest.param(
            BEDROCK,
            [],
            (
                "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
                "default",
                "us.anthropic.claude-opus-5-5",
                "default",
            ),
            id="bedrock-defaults",
        ),
        pytest.param(
            {**BEDROCK, "ANTHROPIC_MODEL": "us.anthropic.claude-opus-4-8"},
            [],
            ("us.anthropic.claude-opus-4-8", "default", "us.anthropic.claude-opus-4-8", "environment"),
            id="bedrock-primary-selected",
        ),
        pytest.param(
            VERTEX,
            [],
            ("claude-sonnet-4-5@20250929", "default", "claude-opus-5-5", "default"),
            id="vertex-defaults",
        ),
        pytest.param(
            {**VERTEX},
            [user(model="claude-opus-4-7")],
            ("claude-opus-4-7", "default", "claude-opus-4-7", "user-settings"),
            id="vertex-primary-from-settings-model",
        ),
        pytest.param(
            {"CLAUDE_CODE_USE_FOUNDRY": "1"},
            [],
            ("claude-sonnet-4-5", "default", "claude-sonnet-4-5", "default"),
            id="foundry-defaults",
        ),
        pytest.param(
            {"ANTHROPIC_MODEL": "sonnet"},
            [],
            ("claude-haiku-5-5", "default", "claude-sonnet-5-5", "environment"),
            id="alias-sonnet",
        ),
        pytest.param(
            {"ANTHROPIC_MODEL": "sonnet", "ANTHROPIC_DEFAULT_SONNET_MODEL": "my-sonnet"},
            [],
            ("claude-haiku-5-5", "default", "my-sonnet", "environment"),
            id="alias-sonnet-redefined",
        ),
        pytest.param(
            {"ANTHROPIC_MODEL": "opus"},
            [],
            ("claude-haiku-5-5", "default", "claude-opus-5-5", "environment"),
            id="alias-opus",
        ),
        pytest.param(
            {"ANTHROPIC_MODEL": "haiku", "ANTHROPIC_DEFAULT_HAIKU_MODEL": "h"},
            [],
            ("h", "environment", "h", "environment"),
            id="alias-haiku-redefined",
        ),
        pytest.param(
            {"ANTHROPIC_MODEL": "x"},
            [user(model="y")],
            ("claude-haiku-5-5", "default", "x", "environment"),
            id="anthropic-model-beats-settings-model",
        ),
        pytest.param(
            {},
            [user({"ANTHROPIC_MODEL": "s"}, model="y")],
            ("claude-haiku-5-5", "default", "s", "user-settings"),
            id="settings-env-model-beats-model-key",
        ),
        pytest.param(
            {},
            [user(model="u"), project(model="p")],
            ("claude-haiku-5-5", "default", "p", "project-settings"),
            id="highest-model-key",
        ),
        pytest.param(
            {"ANTHROPIC_DEFAULT_MODEL": "d"},
            [],
            ("claude-haiku-5-5", "default", "d", "environment"),
            id="default-model-variable",
        ),
        pytest.param(
            {"ANTHROPIC_DEFAULT_MODEL": "d"},
            [user(model="k")],
            ("claude-haiku-5-5", "default", "k", "user-settings"),
            id="model-key-beats-default-model",
        ),
        pytest.param(
            {**BEDROCK, "ANTHROPIC_MODEL": "sonnet"},
            [],
            ("us.anthropic.claude-sonnet-5-5", "default", "us.anthropic.claude-sonnet-5-5", "environment"),
            id="bedrock-alias-uses-bedrock-id",
        ),
    ],
)
def test_resolution(
    env: dict[str, str], settings: list[Settings], expected: tuple[str, str, str, str]
) -> None:
    assert models(env, *settings) == expected


def test_background_value_is_verbatim_even_for_an_alias() -> None:
    assert models({"ANTHROPIC_SMALL_FAST_MODEL": "haiku"})[0] == "haiku"


def test_profile_origin_is_kept() -> None:
    composed = compose(
        {"ANTHROPIC_SMALL_FAST_MODEL": "a"},
        {"ANTHROPIC_SMALL_FAST_MODEL": Origin("profile", "/h/.zshrc:3")},
        [],
    )
    primary = primary_model(composed, [], CATALOG)
    background = background_model(composed, primary, CATALOG)
    assert (background.source, background.file) == ("profile", "/h/.zshrc:3")


@pytest.mark.parametrize(
    ("data", "error"),
    [
        pytest.param(b"{", "not valid JSON", id="truncated"),
        pytest.param(b"[]", "not a JSON object", id="array"),
        pytest.param(b'{"env": 3}', '"env" is not an object', id="env-not-object"),
        pytest.param(b"\xff\xfe\x00", "not UTF-8", id="binary"),
        pytest.param(b'{"env": {"A": {"x": 1}}}', '"env.A" is not a string', id="nested-value"),
    ],
)
def test_bad_settings_become_errors_not_exceptions(data: bytes, error: str) -> None:
    parsed = parse("user-settings", Path("/s.json"), data)
    assert parsed.error is not None and error in parsed.error


def test_settings_scalars_are_stringified_and_bom_accepted() -> None:
    parsed = parse(
        "user-settings",
        Path("/s.json"),
        b'\xef\xbb\xbf{"env": {"CLAUDE_CODE_USE_BEDROCK": 1}, "model": "opus"}',
    )
    assert (dict(parsed.env), parsed.model, parsed.error) == ({"CLAUDE_CODE_USE_BEDROCK": "1"}, "opus", None)


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        pytest.param(VERTEX, ("claude-sonnet-5-5", "default", "claude-opus-5-5", "default"), id="vertex"),
        pytest.param(
            {"CLAUDE_CODE_USE_FOUNDRY": "1"},
            ("claude-sonnet-5-5", "default", "claude-sonnet-5-5", "default"),
            id="foundry",
        ),
    ],
)
def test_defaults_that_moved_in_2_1_332(env: dict[str, str], expected: tuple[str, str, str, str]) -> None:
    catalog = load("2.1.332")
    composed = compose(env, {}, [])
    primary = primary_model(composed, [], catalog)
    background = background_model(composed, primary, catalog)
    assert (background.model, background.source, primary.model, primary.source) == expected


def test_every_assignment_is_a_layer_with_its_file_and_value() -> None:
    composed = compose(
        {"ANTHROPIC_MODEL": "a"},
        {"ANTHROPIC_MODEL": Origin("profile", "/h/.zshrc:3")},
        [user({"ANTHROPIC_MODEL": "b"})],
    )
    assert composed.layers == (
        Layer("profile", "/h/.zshrc:3", "ANTHROPIC_MODEL", "a"),
        Layer("user-settings", "/h/.claude/settings.json", "ANTHROPIC_MODEL", "b"),
    )
    assert composed.origins["ANTHROPIC_MODEL"] == Origin("user-settings", "/h/.claude/settings.json")


def test_each_model_says_which_variable_and_file_chose_it() -> None:
    settings = [user(model="claude-sonnet-5-5")]
    composed = compose({}, {}, settings)
    primary = primary_model(composed, settings, CATALOG)
    assert (primary.model, primary.source, primary.variable, primary.file, primary.selected) == (
        "claude-sonnet-5-5",
        "user-settings",
        "model",
        "/h/.claude/settings.json",
        True,
    )
    composed = compose({"ANTHROPIC_MODEL": "x"}, {}, [])
    assert primary_model(composed, [], CATALOG).variable == "ANTHROPIC_MODEL"
    default = primary_model(compose({}, {}, []), [], CATALOG)
    assert (default.variable, default.file, default.selected) == (None, None, False)


def test_an_alias_whose_model_the_provider_lacks_resolves_to_the_first_party_id() -> None:
    # Haiku 5.5 has no gateway ID in the table: ccprofile falls back to its first-party ID.
    assert models({**GATEWAY, "ANTHROPIC_MODEL": "haiku"})[2] == "claude-haiku-5-5"


def test_an_alias_keeps_the_file_that_set_it() -> None:
    settings = [user(model="sonnet")]
    primary = primary_model(compose({}, {}, settings), settings, CATALOG)
    assert (primary.model, primary.alias, primary.file) == (
        "claude-sonnet-5-5",
        "sonnet",
        "/h/.claude/settings.json",
    )
