"""What the user typed becomes the exact ID to pin, or a refusal that says what to use: each
path of ``selection.choose``, in-process and word for word (test_catalog.py covers the same
through the commands)."""

from __future__ import annotations

import pytest

from ccprofile.claude.catalog import load
from ccprofile.claude.selection import SHAPES, choose, closest, did_you_mean
from ccprofile.errors import BadValue, ModelShapeError, UnknownModel

CATALOG = load("2.1.332")
H45 = "claude-haiku-4-5-20251001"
ARN = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc"


@pytest.mark.parametrize(
    ("value", "provider", "options", "chosen", "note", "known"),
    [
        pytest.param(H45, "anthropic", {}, H45, None, True, id="exact-id"),
        pytest.param(
            "eu.anthropic.claude-haiku-4-5-20251001-v1:0",
            "bedrock",
            {},
            "eu.anthropic.claude-haiku-4-5-20251001-v1:0",
            None,
            True,
            id="bedrock-eu-id",
        ),
        pytest.param(
            "apac.anthropic.claude-haiku-4-5-20251001-v1:0",
            "bedrock",
            {"prefix": "eu"},
            "apac.anthropic.claude-haiku-4-5-20251001-v1:0",
            None,
            True,
            id="bedrock-id-typed-keeps-its-geography",
        ),
        pytest.param(
            "haiku",
            "anthropic",
            {},
            "claude-haiku-5-5",
            "haiku is a family name, not an ID (Claude Code would send it as is): "
            "the newest haiku is claude-haiku-5-5 (Haiku 5.5)",
            True,
            id="family",
        ),
        pytest.param(
            "haiku",
            "gateway",
            {},
            H45,
            f"haiku is a family name, not an ID (Claude Code would send it as is): "
            f"the newest haiku is {H45} (Haiku 4.5)",
            True,
            id="family-on-a-gateway-has-the-gateway-column",
        ),
        pytest.param(
            "haiku",
            "bedrock",
            {"prefix": "eu"},
            "eu.anthropic.claude-haiku-5-5",
            "haiku is a family name, not an ID (Claude Code would send it as is): "
            "the newest haiku is eu.anthropic.claude-haiku-5-5 (Haiku 5.5)",
            True,
            id="family-in-the-users-geography",
        ),
        pytest.param(
            "Haiku 4.5",
            "vertex",
            {},
            "claude-haiku-4-5@20251001",
            "'Haiku 4.5' is Haiku 4.5, whose vertex ID is claude-haiku-4-5@20251001",
            True,
            id="friendly-name",
        ),
        pytest.param(
            "claude-haiku-4-5",
            "anthropic",
            {},
            H45,
            f"'claude-haiku-4-5' is Haiku 4.5, whose anthropic ID is {H45}",
            True,
            id="short-name-is-a-name-on-anthropic",
        ),
        pytest.param("claude-haiku-4-5", "foundry", {}, "claude-haiku-4-5", None, True, id="foundry-id"),
        pytest.param("claude-haiku-4-5", "gateway", {}, "claude-haiku-4-5", None, True, id="gateway-column"),
        pytest.param(
            H45,
            "mantle",
            {},
            "anthropic.claude-haiku-4-5",
            f"{H45} is Haiku 4.5, whose mantle ID is anthropic.claude-haiku-4-5 (what Claude Code sends for it)",
            True,
            id="mantle-translates-a-first-party-id",
        ),
        pytest.param(
            H45,
            "mantle",
            {"force": True},
            H45,
            "taken as typed, without checking the catalog",
            False,
            id="mantle-forced-takes-it-as-typed",
        ),
        pytest.param(
            "my-deployment",
            "foundry",
            {},
            "my-deployment",
            "my-deployment is taken as the name of your Foundry deployment, which the catalog cannot check",
            False,
            id="foundry-deployment",
        ),
        pytest.param(
            "my-model",
            "gateway",
            {"accept_unknown": True},
            "my-model",
            "my-model is not in the model catalog of Claude Code 2.1.332; taken as given",
            False,
            id="gateway-name-accepted",
        ),
        pytest.param(
            ARN,
            "bedrock",
            {},
            ARN,
            "an inference profile ARN: ccprofile cannot check which model it points to "
            "(`aws bedrock get-inference-profile` shows it)",
            False,
            id="bedrock-arn",
        ),
        pytest.param(
            "gpt-4",
            "anthropic",
            {"force": True},
            "gpt-4",
            "taken as typed, without checking the catalog",
            False,
            id="forced-unknown",
        ),
        pytest.param(
            "haiku-4.5",
            "anthropic",
            {"force": True},
            H45,
            f"'haiku-4.5' is Haiku 4.5, whose anthropic ID is {H45}",
            True,
            id="forced-name-is-still-read",
        ),
        pytest.param(
            "haiku",
            "anthropic",
            {"force": True},
            "claude-haiku-5-5",
            "haiku is a family name, not an ID (Claude Code would send it as is): "
            "the newest haiku is claude-haiku-5-5 (Haiku 5.5)",
            True,
            id="forced-family-is-still-read",
        ),
    ],
)
def test_a_background_value_becomes_the_id_to_pin(
    value: str, provider: str, options: dict[str, object], chosen: str, note: str | None, known: bool
) -> None:
    selection = choose(value, provider, CATALOG, background=True, **options)  # type: ignore[arg-type]
    assert (selection.value, selection.note, selection.known) == (chosen, note, known)


def test_a_primary_value_keeps_an_alias_for_claude_code_to_resolve() -> None:
    selection = choose("sonnet", "anthropic", CATALOG, background=False)
    assert (selection.value, selection.note) == (
        "sonnet",
        "sonnet is an alias; Claude Code resolves it when it starts",
    )
    assert selection.model is None


@pytest.mark.parametrize(
    ("value", "provider", "options", "kind", "message"),
    [
        pytest.param(
            H45,
            "bedrock",
            {},
            BadValue,
            f"'{H45}' is Haiku 4.5's ID on anthropic and anthropic_aws and anthropic_google_cloud and "
            "gateway, not on bedrock; on bedrock use us.anthropic.claude-haiku-4-5-20251001-v1:0",
            id="another-providers-id",
        ),
        pytest.param(
            "claude-sonnet-4-5@20250929",
            "bedrock",
            {"prefix": "apac"},
            BadValue,
            "'claude-sonnet-4-5@20250929' is Sonnet 4.5's ID on vertex, not on bedrock; "
            "on bedrock use apac.anthropic.claude-sonnet-4-5-20250929-v1:0",
            id="another-providers-id-in-the-users-geography",
        ),
        pytest.param(
            "eu.anthropic.claude-haiku-4-5-20251001-v1:0",
            "anthropic",
            {},
            BadValue,
            "'eu.anthropic.claude-haiku-4-5-20251001-v1:0' is Haiku 4.5's ID on bedrock, not on "
            f"anthropic; on anthropic use {H45}",
            id="a-bedrock-id-of-any-geography",
        ),
        pytest.param(
            "claude-mythos-5",
            "bedrock",
            {},
            BadValue,
            "Mythos 5 has no bedrock model ID in the catalog; give an exact ID",
            id="name-without-the-providers-id",
        ),
        pytest.param(
            "mythos",
            "bedrock",
            {},
            BadValue,
            "no mythos model is known for bedrock; give an exact model ID",
            id="family-without-the-providers-id",
        ),
        pytest.param(
            "claude-3-haiku-20240307",
            "bedrock",
            {},
            BadValue,
            "claude-3-haiku-20240307 was retired; use us.anthropic.claude-haiku-5-5 (Haiku 5.5) instead",
            id="retired",
        ),
        pytest.param(
            "claude-haiku-4-5-2025100",
            "anthropic",
            {},
            UnknownModel,
            "'claude-haiku-4-5-2025100' is not an ID the catalog of Claude Code 2.1.332 knows for "
            f"anthropic (did you mean {H45}?)",
            id="typo",
        ),
        pytest.param(
            "eu.anthropic.claude-haku-4-5",
            "bedrock",
            {},
            UnknownModel,
            "'eu.anthropic.claude-haku-4-5' is not an ID the catalog of Claude Code 2.1.332 knows for "
            "bedrock (did you mean eu.anthropic.claude-haiku-5-5?)",
            id="typo-keeps-its-geography",
        ),
        pytest.param(
            "my-model",
            "gateway",
            {},
            UnknownModel,
            "'my-model' is not a model ID in the catalog of Claude Code 2.1.332 (a gateway serves the "
            "names it is set up with, which only it knows)",
            id="gateway-unknown",
        ),
        pytest.param(
            "gpt-4",
            "anthropic",
            {},
            ModelShapeError,
            "'gpt-4' does not look like a model ID for anthropic (for example claude-haiku-4-5-20251001)",
            id="shape",
        ),
        pytest.param(
            "x y",
            "anthropic",
            {"force": True},
            BadValue,
            "invalid model 'x y': it contains a space; a model ID has only letters, digits and . - _ : @ / [ ]",
            id="characters-even-forced",
        ),
    ],
)
def test_a_refusal_says_what_to_use(
    value: str, provider: str, options: dict[str, object], kind: type[Exception], message: str
) -> None:
    with pytest.raises(kind) as refused:
        choose(value, provider, CATALOG, background=True, **options)  # type: ignore[arg-type]
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("value", "provider", "near"),
    [
        pytest.param("claude-sonet-4-5", "anthropic", ["claude-sonnet-4-5-20250929"], id="by-name"),
        pytest.param("claude-haiku-4-5-2025100", "gateway", [H45], id="gateway-first-party"),
        pytest.param(
            "eu.anthropic.claude-haiku-4-5-2025100-v1:0",
            "bedrock",
            ["eu.anthropic.claude-haiku-4-5-20251001-v1:0"],
            id="bedrock-geography",
        ),
        pytest.param(
            "us-gov.anthropic.claude-haiku-4-5-2025100-v1:0",
            "bedrock",
            ["us-gov.anthropic.claude-haiku-4-5-20251001-v1:0"],
            id="bedrock-govcloud",
        ),
        pytest.param("zzzz", "anthropic", [], id="nothing-near"),
    ],
)
def test_the_nearest_ids_are_the_providers_own(value: str, provider: str, near: list[str]) -> None:
    assert closest(value, provider, CATALOG) == near
    assert did_you_mean(value, provider, CATALOG) == (f" (did you mean {' or '.join(near)}?)" if near else "")


def test_every_providers_example_has_its_own_shape_and_no_other_first_party_shape_takes_bedrocks() -> None:
    for provider, (shape, example) in SHAPES.items():
        assert shape.fullmatch(example), provider
    bedrock = SHAPES["bedrock"][0]
    assert bedrock.fullmatch(ARN) and bedrock.fullmatch("us-gov.anthropic.claude-haiku-4-5-20251001-v1:0")
    assert not bedrock.fullmatch(H45) and not SHAPES["anthropic"][0].fullmatch("anthropic.claude-haiku-4-5")


@pytest.mark.parametrize(
    ("value", "provider", "said"),
    [
        ("claude-haiku", "anthropic", " (did you mean claude-haiku-4-5-20251001 or claude-haiku-5-5?)"),
        # The nearest first, at most three, in the user's own geography.
        (
            "eu.anthropic.claude-opus-4",
            "bedrock",
            " (did you mean eu.anthropic.claude-opus-4-7 or eu.anthropic.claude-opus-4-8 or "
            "eu.anthropic.claude-opus-5?)",
        ),
        ("zzzz", "anthropic", ""),
    ],
)
def test_several_near_ids_are_offered_nearest_first(value: str, provider: str, said: str) -> None:
    assert did_you_mean(value, provider, load("2.1.332")) == said


def test_a_choice_carries_the_catalog_model_it_names() -> None:
    """What the picker reads: the catalog model, through Mantle's translation and Bedrock's
    geography alike, and for a primary ID kept as typed."""
    mantle = choose("claude-haiku-4-5-20251001", "mantle", CATALOG, background=True)
    assert mantle.model is not None and (mantle.value, mantle.model.name) == (
        "anthropic.claude-haiku-4-5",
        "Haiku 4.5",
    )
    eu = choose("haiku-4.5", "bedrock", CATALOG, background=True, prefix="eu")
    assert eu.model is not None and (eu.value, eu.model.name) == (
        "eu.anthropic.claude-haiku-4-5-20251001-v1:0",
        "Haiku 4.5",
    )
    primary = choose("claude-sonnet-4-5-20250929", "anthropic", CATALOG, background=False)
    assert primary.model is not None and (primary.value, primary.model.name) == (
        "claude-sonnet-4-5-20250929",
        "Sonnet 4.5",
    )


def test_mantle_refuses_a_first_party_id_it_has_none_for_and_an_unknown_one() -> None:
    with pytest.raises(BadValue) as refused:
        choose("claude-sonnet-4-5-20250929", "mantle", CATALOG, background=False)
    assert str(refused.value).endswith("; Sonnet 4.5 has no mantle ID")
    with pytest.raises(ModelShapeError):
        choose("claude-unknown-9", "mantle", CATALOG, background=False)
    # A typo near a model Mantle has no ID for suggests none of another provider's IDs.
    assert closest("claude-sonet-4-5-20250929", "mantle", CATALOG) == []
