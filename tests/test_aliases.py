"""Every alias on every provider, as the real client sent it: ANTHROPIC_MODEL set to the alias
alone, one session per release, provider and alias (126 sessions on 2026-11-30, against the
fake API of tests/e2e; the columns are what 2.1.331 and 2.1.332 sent as the primary model).
The end-to-end suite keeps one scenario of each kind; this table keeps every cell."""

from __future__ import annotations

import pytest

from ccprofile.claude.catalog import load
from ccprofile.claude.resolve import Origin, compose, primary_model
from tests.e2e.harness import _PROVIDER_ENV

OBSERVED = [
    ("anthropic", "best", "claude-opus-5-5", "claude-opus-5-5"),
    ("anthropic", "default", "default", "default"),
    ("anthropic", "fable", "claude-fable-5-2", "claude-fable-5-2"),
    ("anthropic", "haiku", "claude-haiku-5-5", "claude-haiku-5-5"),
    ("anthropic", "opus", "claude-opus-5-5", "claude-opus-5-5"),
    ("anthropic", "opus[1m]", "claude-opus-5-5", "claude-opus-5-5"),
    ("anthropic", "opusplan", "claude-sonnet-5-5", "claude-sonnet-5-5"),
    ("anthropic", "sonnet", "claude-sonnet-5-5", "claude-sonnet-5-5"),
    ("anthropic", "sonnet[1m]", "claude-sonnet-5-5", "claude-sonnet-5-5"),
    ("anthropic_aws", "best", "claude-opus-5-5", "claude-opus-5-5"),
    ("anthropic_aws", "default", "default", "default"),
    ("anthropic_aws", "fable", "claude-fable-5-2", "claude-fable-5-2"),
    ("anthropic_aws", "haiku", "claude-haiku-4-5-20251001", "claude-haiku-4-5-20251001"),
    ("anthropic_aws", "opus", "claude-opus-5-5", "claude-opus-5-5"),
    ("anthropic_aws", "opus[1m]", "claude-opus-5-5", "claude-opus-5-5"),
    ("anthropic_aws", "opusplan", "claude-sonnet-4-6", "claude-sonnet-4-6"),
    ("anthropic_aws", "sonnet", "claude-sonnet-4-6", "claude-sonnet-4-6"),
    ("anthropic_aws", "sonnet[1m]", "claude-sonnet-4-6", "claude-sonnet-4-6"),
    ("anthropic_google_cloud", "best", "claude-opus-5-5", "claude-opus-5-5"),
    ("anthropic_google_cloud", "default", "default", "default"),
    ("anthropic_google_cloud", "fable", "claude-fable-5-2", "claude-fable-5-2"),
    ("anthropic_google_cloud", "haiku", "claude-haiku-4-5-20251001", "claude-haiku-4-5-20251001"),
    ("anthropic_google_cloud", "opus", "claude-opus-5-5", "claude-opus-5-5"),
    ("anthropic_google_cloud", "opus[1m]", "claude-opus-5-5", "claude-opus-5-5"),
    ("anthropic_google_cloud", "opusplan", "claude-sonnet-5-5", "claude-sonnet-5-5"),
    ("anthropic_google_cloud", "sonnet", "claude-sonnet-5-5", "claude-sonnet-5-5"),
    ("anthropic_google_cloud", "sonnet[1m]", "claude-sonnet-5-5", "claude-sonnet-5-5"),
    ("bedrock", "best", "us.anthropic.claude-opus-5-5", "us.anthropic.claude-opus-5-5"),
    ("bedrock", "default", "default", "default"),
    ("bedrock", "fable", "us.anthropic.claude-fable-5-2", "us.anthropic.claude-fable-5-2"),
    (
        "bedrock",
        "haiku",
        "us.anthropic.claude-haiku-4-5-20251001-v1:0",
        "us.anthropic.claude-haiku-4-5-20251001-v1:0",
    ),
    ("bedrock", "opus", "us.anthropic.claude-opus-5-5", "us.anthropic.claude-opus-5-5"),
    ("bedrock", "opus[1m]", "us.anthropic.claude-opus-5-5", "us.anthropic.claude-opus-5-5"),
    (
        "bedrock",
        "opusplan",
        "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
    ),
    (
        "bedrock",
        "sonnet",
        "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
    ),
    (
        "bedrock",
        "sonnet[1m]",
        "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
    ),
    ("foundry", "best", "claude-opus-4-6", "claude-opus-5-5"),
    ("foundry", "default", "default", "default"),
    ("foundry", "fable", "claude-fable-5-2", "claude-fable-5-2"),
    ("foundry", "haiku", "claude-haiku-4-5", "claude-haiku-4-5"),
    ("foundry", "opus", "claude-opus-4-6", "claude-opus-5-5"),
    ("foundry", "opus[1m]", "claude-opus-4-6", "claude-opus-5-5"),
    ("foundry", "opusplan", "claude-sonnet-4-5", "claude-sonnet-5-5"),
    ("foundry", "sonnet", "claude-sonnet-4-5", "claude-sonnet-5-5"),
    ("foundry", "sonnet[1m]", "claude-sonnet-4-5", "claude-sonnet-5-5"),
    ("gateway", "best", "claude-opus-5-5", "claude-opus-5-5"),
    ("gateway", "default", "default", "default"),
    ("gateway", "fable", "claude-fable-5-2", "claude-fable-5-2"),
    ("gateway", "haiku", "claude-haiku-5-5", "claude-haiku-5-5"),
    ("gateway", "opus", "claude-opus-5-5", "claude-opus-5-5"),
    ("gateway", "opus[1m]", "claude-opus-5-5", "claude-opus-5-5"),
    ("gateway", "opusplan", "claude-sonnet-5-5", "claude-sonnet-5-5"),
    ("gateway", "sonnet", "claude-sonnet-5-5", "claude-sonnet-5-5"),
    ("gateway", "sonnet[1m]", "claude-sonnet-5-5", "claude-sonnet-5-5"),
    ("mantle", "best", "anthropic.claude-opus-5-5", "anthropic.claude-opus-5-5"),
    ("mantle", "default", "default", "default"),
    ("mantle", "fable", "anthropic.claude-fable-5-2", "anthropic.claude-fable-5-2"),
    ("mantle", "haiku", "anthropic.claude-haiku-4-5", "anthropic.claude-haiku-4-5"),
    ("mantle", "opus", "anthropic.claude-opus-5-5", "anthropic.claude-opus-5-5"),
    ("mantle", "opus[1m]", "anthropic.claude-opus-5-5", "anthropic.claude-opus-5-5"),
    ("mantle", "opusplan", "anthropic.claude-haiku-4-5", "anthropic.claude-sonnet-5"),
    ("mantle", "sonnet", "anthropic.claude-haiku-4-5", "anthropic.claude-sonnet-5"),
    ("mantle", "sonnet[1m]", "anthropic.claude-haiku-4-5", "anthropic.claude-sonnet-5"),
    ("vertex", "best", "claude-opus-5-5", "claude-opus-5-5"),
    ("vertex", "default", "default", "default"),
    ("vertex", "fable", "claude-fable-5-2", "claude-fable-5-2"),
    ("vertex", "haiku", "claude-haiku-4-5@20251001", "claude-haiku-4-5@20251001"),
    ("vertex", "opus", "claude-opus-5-5", "claude-opus-5-5"),
    ("vertex", "opus[1m]", "claude-opus-5-5", "claude-opus-5-5"),
    ("vertex", "opusplan", "claude-sonnet-4-5@20250929", "claude-sonnet-5-5"),
    ("vertex", "sonnet", "claude-sonnet-4-5@20250929", "claude-sonnet-5-5"),
    ("vertex", "sonnet[1m]", "claude-sonnet-4-5@20250929", "claude-sonnet-5-5"),
]


def _env(provider: str) -> dict[str, str]:
    if provider == "anthropic":
        return {}
    if provider == "gateway":
        return {"ANTHROPIC_BASE_URL": "http://127.0.0.1:1", "ANTHROPIC_API_KEY": "gateway-key"}
    return {name: value.format(url="http://127.0.0.1:1") for name, value in _PROVIDER_ENV[provider].items()}


@pytest.mark.parametrize(("provider", "alias", "sent_331", "sent_332"), OBSERVED)
def test_each_alias_sends_what_the_real_client_sent(
    provider: str, alias: str, sent_331: str, sent_332: str
) -> None:
    env = {**_env(provider), "ANTHROPIC_MODEL": alias}
    composed = compose(env, {name: Origin("environment") for name in env}, [])
    for release, sent in (("2.1.331", sent_331), ("2.1.332", sent_332)):
        assert primary_model(composed, [], load(release)).model == sent, release


def test_the_variables_the_catalog_names_are_the_ones_ccprofile_defines() -> None:
    """catalog.json says which variable redefines each alias; a name spelled there and nowhere
    in variables.py would be one the rest of ccprofile never reads."""
    from ccprofile.claude import variables
    from ccprofile.claude.catalog import recorded_releases

    defined = {value for value in vars(variables).values() if isinstance(value, str)}
    named = {
        alias.variable
        for version in recorded_releases()
        for alias in load(version).aliases.values()
        if alias.variable is not None
    }
    assert named and named <= defined
