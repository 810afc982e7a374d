"""Claude Code's model resolution as a pure function: every rule docs/status.md states."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ccprofile.claude.catalog import load
from ccprofile.claude.resolve import Layer, Model, Origin, background_model, compose, primary_model
from ccprofile.claude.settings import MAX_BYTES, Settings, have_policy, parse

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
            # Observed in 2.1.332 (tests/e2e): Bedrock's `sonnet` is Sonnet 4.5, not the newest.
            (
                "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
                "default",
                "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
                "environment",
            ),
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


_SKIPS = "Claude Code skips this whole file when it starts (it shows a Settings Error)"


@pytest.mark.parametrize(
    ("data", "error"),
    [
        pytest.param(b" " * (MAX_BYTES + 1), f"larger than {MAX_BYTES} bytes; ignored", id="too-large"),
        pytest.param(b"\xff", "not UTF-8 text (invalid start byte); ignored", id="binary"),
        pytest.param(b"[]", "is not a JSON object; ignored", id="array"),
        pytest.param(
            b'{"modelOverrides": [], "availableModels": "opus", "enforceAvailableModels": "yes"}',
            '"modelOverrides" is not an object; "availableModels" is not a list of model names; '
            f'"enforceAvailableModels" is not true or false: {_SKIPS}',
            id="wrong-types",
        ),
    ],
)
def test_a_settings_file_claude_code_ignores_keeps_only_its_error(data: bytes, error: str) -> None:
    """Nothing of such a file is read: its source and path, and why."""
    path = Path("/p/.claude/settings.json")
    assert parse("project-settings", path, data) == Settings("project-settings", path, error=error)


def test_a_settings_file_of_exactly_the_size_limit_is_read() -> None:
    data = b'{"model": "opus"}'
    parsed = parse("user-settings", Path("/s.json"), data + b" " * (MAX_BYTES - len(data)))
    assert (parsed.model, parsed.error) == ("opus", None)


def test_values_of_the_wrong_type_are_named_and_the_rest_is_read() -> None:
    data = (
        b'{"env": [], "model": 3, "fallbackModel": 3, "deniedModels": "opus",'
        b' "availableModels": ["sonnet"], "enforceAvailableModels": false}'
    )
    parsed = parse("managed-settings", Path("/m.json"), data)
    assert parsed == Settings(
        "managed-settings",
        Path("/m.json"),
        error='"env" is not an object; its values are ignored; "model" is not a string; ignored; '
        '"fallbackModel" is not a list of model names; what Claude Code does with it is not known; '
        '"deniedModels" is not a list of model names',
        available=("sonnet",),
        enforce=False,
    )
    assert have_policy([parsed])
    assert not have_policy([parse("user-settings", Path("/s.json"), b'{"model": "opus"}')])


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


# Providers of 2.1.332 and modelOverrides: the tables of the 2026-11-29 observations, which
# tests/e2e checks against both recorded releases.
CATALOG_332 = load("2.1.332")
OVERRIDES = {
    "claude-opus-5-5": "x-opus-ovr",
    "claude-haiku-5-5": "x-haiku-ovr",
    "claude-sonnet-5-5": "x-sonnet-ovr",
    "claude-haiku-4-5": "x-haiku45-ovr",
    "claude-haiku-4-5-20251001": "x-haiku45d-ovr",
}


def sent(env: dict[str, str], *settings: Settings) -> tuple[str, str]:
    """(background, primary) as Claude Code 2.1.332 sends them, modelOverrides applied."""
    from ccprofile.claude.resolve import overridden

    composed = compose(env, {}, settings)
    primary = primary_model(composed, settings, CATALOG_332)
    background = background_model(composed, primary, CATALOG_332)
    return overridden(background, settings, CATALOG_332).model, overridden(
        primary, settings, CATALOG_332
    ).model


def with_overrides(overrides: dict[str, str], source: str = "user-settings") -> Settings:
    return Settings(source, Path(f"/{source}.json"), {}, None, overrides=overrides)


MANTLE = {"CLAUDE_CODE_USE_MANTLE": "1"}
AWS = {"CLAUDE_CODE_USE_ANTHROPIC_AWS": "1"}
GOOGLE = {"CLAUDE_CODE_USE_ANTHROPIC_GOOGLE_CLOUD": "1"}


@pytest.mark.parametrize(
    ("env", "settings", "expected"),
    [
        ({**MANTLE}, [], ("anthropic.claude-opus-5-5", "anthropic.claude-opus-5-5")),
        ({**MANTLE, "ANTHROPIC_SMALL_FAST_MODEL": "x-fast"}, [], ("x-fast", "anthropic.claude-opus-5-5")),
        ({**MANTLE, "ANTHROPIC_MODEL": "x-main"}, [], ("x-main", "x-main")),
        (
            {**MANTLE, "ANTHROPIC_MODEL": "sonnet"},
            [],
            ("anthropic.claude-sonnet-5", "anthropic.claude-sonnet-5"),
        ),
        (
            {**MANTLE, "ANTHROPIC_MODEL": "haiku"},
            [],
            ("anthropic.claude-haiku-4-5", "anthropic.claude-haiku-4-5"),
        ),
        # Mantle sends its own ID for a first-party one.
        (
            {**MANTLE, "ANTHROPIC_SMALL_FAST_MODEL": "claude-haiku-5-5", "ANTHROPIC_MODEL": "opus"},
            [],
            ("anthropic.claude-haiku-5-5", "anthropic.claude-opus-5-5"),
        ),
        ({**AWS}, [], ("claude-haiku-4-5-20251001", "claude-opus-5-5")),
        ({**AWS, "ANTHROPIC_MODEL": "x-main"}, [], ("claude-haiku-4-5-20251001", "x-main")),
        ({**AWS, "ANTHROPIC_MODEL": "sonnet"}, [], ("claude-haiku-4-5-20251001", "claude-sonnet-4-6")),
        (
            {**GOOGLE, "ANTHROPIC_SMALL_FAST_MODEL": "x-fast", "ANTHROPIC_MODEL": "x-main"},
            [],
            ("x-fast", "x-main"),
        ),
        # Claude Code's order: bedrock > foundry > anthropic_aws > anthropic_google_cloud > mantle > vertex.
        ({**MANTLE, **VERTEX}, [], ("anthropic.claude-opus-5-5", "anthropic.claude-opus-5-5")),
        (
            {**BEDROCK, **MANTLE, "ANTHROPIC_MODEL": "haiku"},
            [],
            ("us.anthropic.claude-haiku-4-5-20251001-v1:0",) * 2,
        ),
        # modelOverrides, after pins, aliases and defaults, on every provider.
        ({}, [with_overrides(OVERRIDES)], ("x-haiku-ovr", "x-opus-ovr")),
        ({"ANTHROPIC_MODEL": "sonnet"}, [with_overrides(OVERRIDES)], ("x-haiku-ovr", "x-sonnet-ovr")),
        (
            {"ANTHROPIC_MODEL": "x-main", "ANTHROPIC_SMALL_FAST_MODEL": "x-fast"},
            [with_overrides(OVERRIDES)],
            ("x-fast", "x-main"),
        ),
        (
            {**BEDROCK},
            [with_overrides(OVERRIDES)],
            ("us.anthropic.claude-sonnet-4-5-20250929-v1:0", "x-opus-ovr"),
        ),
        (
            {**BEDROCK},
            [with_overrides({"claude-sonnet-4-5-20250929": "x-s45"})],
            ("x-s45", "us.anthropic.claude-opus-5-5"),
        ),
        (
            {**BEDROCK, "ANTHROPIC_SMALL_FAST_MODEL": "claude-haiku-5-5"},
            [with_overrides(OVERRIDES)],
            ("x-haiku-ovr", "x-opus-ovr"),
        ),
        (
            {**BEDROCK, "ANTHROPIC_MODEL": "haiku"},
            [with_overrides(OVERRIDES)],
            ("x-haiku45d-ovr", "x-haiku45d-ovr"),
        ),
        (
            {**BEDROCK, "ANTHROPIC_MODEL": "haiku"},
            [with_overrides({"claude-haiku-4-5": "x-h45-undated"})],
            ("us.anthropic.claude-haiku-4-5-20251001-v1:0",) * 2,
        ),
        ({**GATEWAY}, [with_overrides(OVERRIDES)], ("x-opus-ovr", "x-opus-ovr")),
        ({**VERTEX}, [with_overrides(OVERRIDES)], ("x-sonnet-ovr", "x-opus-ovr")),
        ({**MANTLE}, [with_overrides(OVERRIDES)], ("x-opus-ovr", "x-opus-ovr")),
        ({**AWS}, [with_overrides(OVERRIDES)], ("x-haiku45d-ovr", "x-opus-ovr")),
        # Every file's map applies, key by key; a higher file's entry wins (tests/e2e).
        (
            {},
            [
                with_overrides({"claude-haiku-5-5": "x-user", "claude-opus-5-5": "x-user-opus"}),
                with_overrides({"claude-opus-5-5": "x-proj"}, "project-settings"),
            ],
            ("x-user", "x-proj"),
        ),
        # A Bedrock ID pinned as such is no key: it is sent as pinned (tests/e2e).
        (
            {**BEDROCK, "ANTHROPIC_SMALL_FAST_MODEL": "us.anthropic.claude-haiku-4-5-20251001-v1:0"},
            [with_overrides(OVERRIDES)],
            ("us.anthropic.claude-haiku-4-5-20251001-v1:0", "x-opus-ovr"),
        ),
    ],
)
def test_providers_and_overrides_of_2_1_332(
    env: dict[str, str], settings: list[Settings], expected: tuple[str, str]
) -> None:
    assert sent(env, *settings) == expected


SKIPPED = ": Claude Code skips this whole file when it starts (it shows a Settings Error)"


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (b'{"modelOverrides": ["x"]}', '"modelOverrides" is not an object' + SKIPPED),
        (
            b'{"modelOverrides": {"claude-opus-5-5": 5, "claude-haiku-5-5": "x"}}',
            '"modelOverrides.claude-opus-5-5" is not a string' + SKIPPED,
        ),
        (
            b'{"availableModels": "claude-sonnet-5-5"}',
            '"availableModels" is not a list of model names' + SKIPPED,
        ),
        (b'{"enforceAvailableModels": "yes"}', '"enforceAvailableModels" is not true or false' + SKIPPED),
    ],
)
def test_a_wrong_type_in_a_model_key_makes_claude_code_skip_the_whole_file(text: bytes, error: str) -> None:
    """Observed in 2.1.331 and 2.1.332: the file's other keys (its env, its model) are not
    applied either, so status applies none of them."""
    data = json.loads(text)
    data.update({"model": "x-main", "env": {"ANTHROPIC_SMALL_FAST_MODEL": "x-fast"}})
    document = parse("user-settings", Path("/h/.claude/settings.json"), json.dumps(data).encode())
    assert document.error == error
    assert (document.model, dict(document.env), document.overrides, document.available) == (
        None,
        {},
        None,
        None,
    )


@pytest.mark.parametrize(
    ("env", "config_region", "prefix"),
    [
        ({}, None, "us"),
        ({"AWS_REGION": "eu-west-1"}, None, "eu"),
        ({"AWS_REGION": "ap-northeast-1"}, None, "apac"),
        ({"AWS_REGION": "ca-central-1"}, None, "global"),
        ({"AWS_REGION": "us-gov-west-1", "ANTHROPIC_BEDROCK_REGION_PREFIX": "global"}, None, "us-gov"),
        ({"AWS_REGION": "eu-west-1", "ANTHROPIC_BEDROCK_REGION_PREFIX": "global"}, None, "global"),
        ({"AWS_REGION": "", "AWS_DEFAULT_REGION": "sa-east-1"}, None, "global"),
        ({"AWS_REGION": "not a region", "AWS_DEFAULT_REGION": "eu-north-1"}, None, "eu"),
        ({}, "ap-southeast-2", "apac"),  # ~/.aws/config's, after the variables
        ({"AWS_REGION": "us-east-2"}, "eu-west-1", "us"),
    ],
)
def test_bedrock_prefix_follows_the_region_claude_code_uses(
    env: dict[str, str], config_region: str | None, prefix: str
) -> None:
    from ccprofile.claude.bedrock_regions import bedrock_prefix

    assert bedrock_prefix(env, config_region) == prefix


@pytest.mark.parametrize(
    ("model_id", "expected"),
    [
        ("anthropic.claude-opus-5-5", "eu.anthropic.claude-opus-5-5"),  # no geography yet
        ("us.anthropic.claude-opus-5-5", "eu.anthropic.claude-opus-5-5"),  # another one's
        ("us-gov.anthropic.claude-opus-5-5", "eu.anthropic.claude-opus-5-5"),
        ("global.anthropic.claude-opus-5-5", "eu.anthropic.claude-opus-5-5"),
        # An ARN names its own region and model; a name that is no Bedrock ID is not touched.
        (
            "arn:aws:bedrock:us-east-1:1:inference-profile/x",
            "arn:aws:bedrock:us-east-1:1:inference-profile/x",
        ),
        ("claude-opus-5-5", "claude-opus-5-5"),
        ("ANTHROPIC.claude-opus-5-5", "ANTHROPIC.claude-opus-5-5"),
    ],
)
def test_a_bedrock_id_takes_a_geography_and_anything_else_stays(model_id: str, expected: str) -> None:
    from ccprofile.claude.bedrock_regions import with_prefix

    assert with_prefix(model_id, "eu") == expected


def test_a_region_prefix_is_declared_only_with_a_value_claude_code_takes() -> None:
    from ccprofile.claude.bedrock_regions import declared_prefix

    assert declared_prefix({}) is None
    assert declared_prefix({"ANTHROPIC_BEDROCK_REGION_PREFIX": ""}) is None
    assert declared_prefix({"ANTHROPIC_BEDROCK_REGION_PREFIX": "EU"}) is None
    assert [declared_prefix({"ANTHROPIC_BEDROCK_REGION_PREFIX": p}) for p in ("us", "au", "global")] == [
        "us",
        "au",
        "global",
    ]


def test_bedrock_defaults_and_aliases_take_the_regions_prefix_and_pins_stay() -> None:
    eu = {**BEDROCK, "AWS_REGION": "eu-west-1"}
    assert sent(eu) == ("eu.anthropic.claude-sonnet-4-5-20250929-v1:0", "eu.anthropic.claude-opus-5-5")
    assert sent({**eu, "ANTHROPIC_MODEL": "haiku"}) == ("eu.anthropic.claude-haiku-4-5-20251001-v1:0",) * 2
    pinned = {**eu, "ANTHROPIC_SMALL_FAST_MODEL": "us.anthropic.claude-haiku-4-5-20251001-v1:0"}
    assert sent(pinned)[0] == "us.anthropic.claude-haiku-4-5-20251001-v1:0"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        # The reference's subagent runs (2.1.332): general-purpose and custom agents without model:.
        ({}, ("claude-opus-5-5", False)),
        ({"CLAUDE_CODE_SUBAGENT_MODEL": "x-sub"}, ("x-sub", True)),
        ({"CLAUDE_CODE_SUBAGENT_MODEL": "inherit", "ANTHROPIC_MODEL": "x-main"}, ("x-main", False)),
        ({**GATEWAY, "ANTHROPIC_MODEL": "x-main"}, ("x-main", False)),
        (
            {"CLAUDE_CODE_SUBAGENT_MODEL": "haiku", "ANTHROPIC_DEFAULT_HAIKU_MODEL": "x-haiku"},
            ("x-haiku", True),
        ),
        ({"CLAUDE_CODE_SUBAGENT_MODEL": "haiku"}, ("claude-haiku-5-5", True)),
        (
            {**BEDROCK, "CLAUDE_CODE_SUBAGENT_MODEL": "haiku"},
            ("us.anthropic.claude-haiku-4-5-20251001-v1:0", True),
        ),
    ],
)
def test_subagents_use_their_variable_else_inherit_the_primary(
    env: dict[str, str], expected: tuple[str, bool]
) -> None:
    from ccprofile.claude.resolve import subagent_model

    composed = compose(env, {}, [])
    primary = primary_model(composed, [], CATALOG_332)
    model = subagent_model(composed, primary, CATALOG_332)
    assert (model.model, model.selected) == expected


def test_what_a_user_trial_found_in_regions_and_overrides() -> None:
    from ccprofile.claude.bedrock_regions import bedrock_prefix

    eu = {**BEDROCK, "AWS_REGION": "eu-west-1"}
    # A default in another geography's prefix is still the model modelOverrides names.
    assert sent(eu, with_overrides({"claude-opus-5-5": "x-opus-ovr"}))[1] == "x-opus-ovr"
    # An empty value maps nothing (Claude Code then sends the model's own ID), also over a
    # lower file's entry for the same key.
    document = parse("project-settings", Path("/p/s.json"), b'{"modelOverrides": {"claude-opus-5-5": ""}}')
    assert sent({}, document)[1] == "claude-opus-5-5"
    assert sent({}, with_overrides({"claude-opus-5-5": "x-user"}), document)[1] == "claude-opus-5-5"
    # A prefix Claude Code does not know is not taken.
    assert bedrock_prefix({**eu, "ANTHROPIC_BEDROCK_REGION_PREFIX": "bogus"}) == "eu"
    assert bedrock_prefix({**eu, "ANTHROPIC_BEDROCK_REGION_PREFIX": "jp"}) == "jp"


SUB = "CLAUDE_CODE_SUBAGENT_MODEL"


def _subagent(env: dict[str, str], *settings: Settings, config_region: str | None = None) -> Model:
    from ccprofile.claude.resolve import subagent_model

    composed = compose(env, {name: Origin("environment") for name in env}, settings)
    primary = primary_model(composed, settings, CATALOG_332, config_region)
    return subagent_model(composed, primary, CATALOG_332, config_region)


def test_a_subagent_model_says_where_it_was_set_and_what_was_set() -> None:
    """What status shows and the warnings read of the subagents' model, field by field."""
    from_file = _subagent({}, user({SUB: "claude-haiku-4-5-20251001"}))
    assert from_file == Model(
        "claude-haiku-4-5-20251001", "user-settings", SUB, "/h/.claude/settings.json", selected=True
    )
    from_a_file = _subagent({}, user({SUB: "opus"}))
    assert (from_a_file.source, from_a_file.variable, from_a_file.file, from_a_file.alias) == (
        "user-settings",
        SUB,
        "/h/.claude/settings.json",
        "opus",
    )
    aliased = _subagent({SUB: "opus"})
    assert aliased == Model("claude-opus-5-5", "environment", SUB, None, alias="opus", alias_verified=True)
    # Mantle sends its own ID for a first-party one: the value as set is kept beside it.
    mantle = _subagent({"CLAUDE_CODE_USE_MANTLE": "1", SUB: "claude-haiku-4-5-20251001"})
    assert mantle == Model(
        "anthropic.claude-haiku-4-5", "environment", SUB, None, pinned="claude-haiku-4-5-20251001"
    )
    assert _subagent({SUB: "x-sub"}).pinned is None  # sent as set
    # An alias on Bedrock takes the geography of the AWS config file's region.
    assert _subagent({**BEDROCK, SUB: "haiku"}, config_region="eu-west-1").model == (
        "eu.anthropic.claude-haiku-4-5-20251001-v1:0"
    )
    inherit = _subagent({SUB: "inherit", "ANTHROPIC_MODEL": "x-main"})
    assert (inherit.model, inherit.source, inherit.variable, inherit.selected) == (
        "x-main",
        "inherit",
        None,
        False,
    )


def test_a_background_pin_mantle_translates_keeps_the_value_as_set() -> None:
    env = {"CLAUDE_CODE_USE_MANTLE": "1", "ANTHROPIC_SMALL_FAST_MODEL": "claude-haiku-4-5-20251001"}
    composed = compose(env, {name: Origin("environment") for name in env}, [])
    background = background_model(composed, primary_model(composed, [], CATALOG_332), CATALOG_332)
    assert (background.model, background.pinned, background.as_set) == (
        "anthropic.claude-haiku-4-5",
        "claude-haiku-4-5-20251001",
        "claude-haiku-4-5-20251001",
    )
    composed = compose(
        {**env, "ANTHROPIC_SMALL_FAST_MODEL": "anthropic.claude-haiku-4-5"},
        {name: Origin("environment") for name in env},
        [],
    )
    assert background_model(composed, primary_model(composed, [], CATALOG_332), CATALOG_332).pinned is None


def test_bedrock_defaults_take_the_aws_config_files_region_and_a_mantle_primary_keeps_its_value() -> None:
    composed = compose(BEDROCK, {}, [])
    primary = primary_model(composed, [], CATALOG_332, "eu-west-1")
    background = background_model(composed, primary, CATALOG_332, "eu-west-1")
    assert (background.model, primary.model) == (
        "eu.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "eu.anthropic.claude-opus-5-5",
    )
    env = {"CLAUDE_CODE_USE_MANTLE": "1", "ANTHROPIC_MODEL": "claude-opus-5-5"}
    mantle = primary_model(compose(env, {"ANTHROPIC_MODEL": Origin("environment")}, []), [], CATALOG_332)
    assert (mantle.model, mantle.pinned) == ("anthropic.claude-opus-5-5", "claude-opus-5-5")
    own = {**env, "ANTHROPIC_MODEL": "anthropic.claude-opus-5-5"}
    assert (
        primary_model(compose(own, {"ANTHROPIC_MODEL": Origin("environment")}, []), [], CATALOG_332).pinned
        is None
    )
