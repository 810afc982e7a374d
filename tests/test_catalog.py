"""The model catalog, friendly names, validation outcomes and the model picker."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pexpect
import pytest
from typer.testing import CliRunner

from ccprofile.claude.catalog import COLUMNS, Price, load
from ccprofile.claude.selection import choose
from ccprofile.cli.app import app
from ccprofile.cli.failures import describe
from ccprofile.errors import BadValue, UnknownModel
from tests.conftest import ccprofile_command
from tests.helpers import run_cli

CATALOG = load()


def test_every_alias_and_default_names_a_model_in_the_catalog() -> None:
    """The defaults and aliases are data too: each must point at a row of the model table."""
    names = {m.name for m in CATALOG.models}
    for alias, meaning in CATALOG.aliases.items():
        assert meaning.model is None or meaning.model in names, alias
    for kind, defaults in (("background", CATALOG.default_background), ("primary", CATALOG.default_primary)):
        for provider, model_id in defaults.items():
            assert any(m.id_for(provider) == model_id for m in CATALOG.models), (kind, provider, model_id)


def test_every_model_has_a_first_party_id_and_one_family() -> None:
    assert CATALOG.families == ("haiku", "sonnet", "opus", "fable", "mythos")
    for model in CATALOG.models:
        assert model.ids["first_party"], model.name
        assert model.family in CATALOG.families
        assert set(model.ids) <= {*COLUMNS.values(), "anthropic_aws", "anthropic_google_cloud", "mantle"}


@pytest.mark.parametrize(
    ("typed", "provider", "expected"),
    [
        ("haiku-4.5", "anthropic", "claude-haiku-4-5-20251001"),
        ("Haiku 4.5", "vertex", "claude-haiku-4-5@20251001"),
        ("claude-haiku-4-5", "bedrock", "us.anthropic.claude-haiku-4-5-20251001-v1:0"),
        ("claude-haiku-4-5", "foundry", "claude-haiku-4-5"),
        ("HAIKU 5.5", "bedrock", "us.anthropic.claude-haiku-5-5"),
        ("haiku", "anthropic", "claude-haiku-5-5"),
        ("haiku", "vertex", "claude-haiku-5-5"),
    ],
)
def test_friendly_names_and_aliases_map_to_the_provider_id(typed: str, provider: str, expected: str) -> None:
    assert choose(typed, provider, CATALOG, background=True).value == expected


@pytest.mark.parametrize(
    ("typed", "provider", "message"),
    [
        pytest.param(
            "claude-3-5-haiku-20241022",
            "anthropic",
            "retired on 2026-02-19; use claude-haiku-5-5",
            id="retired",
        ),
        pytest.param(
            "claude-haiku-4-5@20251001",
            "bedrock",
            "on bedrock use us.anthropic.claude-haiku-4-5-20251001-v1:0",
            id="vertex-id-on-bedrock",
        ),
        pytest.param(
            "us.anthropic.claude-haiku-5-5",
            "vertex",
            "on vertex use claude-haiku-5-5",
            id="bedrock-id-on-vertex",
        ),
        pytest.param(
            "claude-haiku-9@20270101",
            "anthropic",
            "does not look like a model ID for anthropic",
            id="wrong-shape",
        ),
    ],
)
def test_refusals_suggest_the_right_value(typed: str, provider: str, message: str) -> None:
    with pytest.raises(BadValue, match=message.replace(".", r"\.")):
        choose(typed, provider, CATALOG, background=True)


@pytest.mark.parametrize(
    ("typed", "provider", "meant"),
    [
        ("claude-haiku-4-5-2025101", "anthropic", "claude-haiku-4-5-20251001"),
        ("claude-sonet-4-5", "anthropic", "claude-sonnet-4-5-20250929"),
        ("claude-opus-4-7x", "vertex", "claude-opus-4-7"),
        (
            "eu.anthropic.claude-haiku-4-5-2025100-v1:0",
            "bedrock",
            "eu.anthropic.claude-haiku-4-5-20251001-v1:0",
        ),
        ("claude-sonet-4-5", "gateway", "claude-sonnet-4-5-20250929"),
        ("claude-haiku-6-0@20270101", "vertex", "claude-haiku-4-5@20251001"),
        ("claude-unheard-of", "anthropic", None),
        ("my/proxy-model", "gateway", None),
    ],
)
def test_an_id_the_catalog_does_not_know_is_refused_with_the_nearest(
    typed: str, provider: str, meant: str | None
) -> None:
    """A typo pinned is a request the API rejects every time: refused (exit 2, the nearest IDs
    named); --force pins it as typed."""
    with pytest.raises(UnknownModel) as refused:
        choose(typed, provider, CATALOG, background=True)
    text, code = describe(refused.value)
    assert code == 2 and "nothing was written" in text and "--force pins it as typed" in text
    if meant is None:
        assert "did you mean" not in text
    else:
        assert f"did you mean {meant}?" in text
    assert ("a gateway serves the names" in text) == (provider == "gateway")
    forced = choose(typed, provider, CATALOG, background=True, force=True)
    assert forced.value == typed and not forced.known


def test_a_foundry_deployment_name_is_taken_as_the_users_own() -> None:
    """On Foundry the ID is the name of the user's deployment, which only Azure knows."""
    selection = choose("team-haiku-deployment", "foundry", CATALOG, background=True)
    assert selection.value == "team-haiku-deployment" and not selection.known
    assert selection.note and "Foundry deployment" in selection.note


def test_force_skips_the_refusals_but_still_reads_names_and_families() -> None:
    """`--force` after a refusal pins what was meant: a family or a friendly name taken as
    typed would be sent verbatim and rejected; an ID-shaped value is kept as typed."""
    assert choose("sonnet", "anthropic", CATALOG, background=True, force=True).value == "claude-sonnet-5-5"
    assert choose("haiku-4.5", "bedrock", CATALOG, background=True, force=True).value == (
        "us.anthropic.claude-haiku-4-5-20251001-v1:0"
    )
    assert (
        choose("claude-haiku-4-5", "anthropic", CATALOG, background=True, force=True).value
        == "claude-haiku-4-5"
    )
    forced = choose("claude-opus-5-5", "anthropic", CATALOG, background=True, force=True)
    assert forced.model is not None and forced.model.name == "Opus 5.5" and forced.note is None


def test_a_bedrock_arn_passes_and_says_it_cannot_be_checked() -> None:
    arn = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123"
    selection = choose(arn, "bedrock", CATALOG, background=True)
    assert selection.value == arn and selection.note and "cannot check which model" in selection.note


def test_on_a_gateway_the_name_typed_is_kept() -> None:
    """A gateway's names are its contract: a catalog ID (any provider's) stays as typed, even
    one without a gateway column, and an alias-like ID is not rewritten to a dated one."""
    for typed in ("claude-haiku-4-5", "claude-haiku-5-5", "claude-sonnet-4-5-20250929"):
        assert choose(typed, "gateway", CATALOG, background=True).value == typed
    assert choose("haiku-4.5", "gateway", CATALOG, background=True).value == "claude-haiku-4-5-20251001"


def test_a_gateway_expectation_the_catalog_does_not_know_passes_with_a_note() -> None:
    selection = choose("my/proxy-model", "gateway", CATALOG, background=True, accept_unknown=True)
    assert selection.value == "my/proxy-model" and selection.note and "taken as given" in selection.note


def test_force_skips_the_catalog_but_not_the_character_check() -> None:
    assert (
        choose("claude-3-5-haiku-20241022", "anthropic", CATALOG, background=True, force=True).value
        == "claude-3-5-haiku-20241022"
    )
    with pytest.raises(BadValue, match="contains a space"):
        choose("a b", "anthropic", CATALOG, background=True, force=True)


def test_primary_aliases_are_kept_for_claude_code_to_resolve() -> None:
    assert choose("sonnet", "anthropic", CATALOG, background=False).value == "sonnet"


def test_models_command_json_and_table() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["models", "--provider", "bedrock", "--family", "haiku", "--json"])
    data = json.loads(result.output)
    # Only rows with an ID: retired IDs are first-party IDs, which Bedrock does not take.
    assert [m["id"] for m in data["models"]] == [
        "us.anthropic.claude-haiku-4-5-20251001-v1:0",
        "us.anthropic.claude-haiku-5-5",
    ]
    assert [m["recommended_background"] for m in data["models"]] == [False, True]
    assert [m["price"] for m in data["models"]] == [
        {"input": 1.0, "output": 5.0},
        {"input": 0.1, "output": 0.5},
    ]
    assert data["not_on_provider"] == [] and "cost table" in data["prices"]
    first_party = json.loads(runner.invoke(app, ["models", "--family", "haiku", "--json"]).output)
    assert [m["retired_on"] for m in first_party["models"]] == [None, None, "2026-02-19", None]
    table = runner.invoke(app, ["models", "--provider", "anthropic"], env={"COLUMNS": "200"}).output
    assert (
        "Recommended background model: Haiku 5.5 (claude-haiku-5-5)." in table
        and "claude-3-5-haiku-20241022" in table
        and "retired on 2026-02-19" in table
    )


def test_provider_detection_feeds_set_fast_model(home: Path) -> None:
    env = {**os.environ, "CLAUDE_CODE_USE_BEDROCK": "1"}
    result = run_cli(["set-fast-model", "haiku-4.5", "--shell", "zsh"], env)
    assert result.returncode == 0, result.stderr
    assert (
        "export ANTHROPIC_SMALL_FAST_MODEL='us.anthropic.claude-haiku-4-5-20251001-v1:0'"
        in (home / ".zshrc").read_text()
    )


def test_aws_region_goes_into_the_block(home: Path) -> None:
    result = run_cli(
        [
            "set-fast-model",
            "haiku-4.5",
            "--provider",
            "bedrock",
            "--aws-region",
            "us-west-2",
            "--shell",
            "fish",
        ]
    )
    assert result.returncode == 0, result.stderr
    text = (home / ".config" / "fish" / "conf.d" / "ccprofile.fish").read_text()
    assert "set -gx ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION 'us-west-2'" in text


def test_no_model_without_a_terminal_pins_the_recommended_one(home: Path) -> None:
    result = run_cli(["set-fast-model", "--shell", "zsh", "--provider", "vertex"])
    assert result.returncode == 0, result.stderr
    assert "recommended background model for vertex" in result.stdout
    assert "export ANTHROPIC_SMALL_FAST_MODEL='claude-haiku-5-5'" in (home / ".zshrc").read_text()


def spawn_picker(provider: str) -> pexpect.spawn:
    """``set-fast-model`` without MODEL in a pseudo-terminal, so it asks."""
    return pexpect.spawn(
        ccprofile_command()[0],
        ["set-fast-model", "--shell", "zsh", "--provider", provider],
        env=dict(os.environ),
        encoding="utf-8",
        timeout=20,
    )


@pytest.mark.parametrize(
    ("keys", "expected"),
    [("\r", "us.anthropic.claude-haiku-5-5"), ("1\r", "us.anthropic.claude-haiku-4-5-20251001-v1:0")],
)
def test_interactive_pick_in_a_pseudo_terminal(home: Path, keys: str, expected: str) -> None:
    child = spawn_picker("bedrock")
    child.expect(r"Choose 1-2, or type a model ID or name \[2\]: ")
    assert "(recommended)" in (child.before or "")
    child.send(keys)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert f"export ANTHROPIC_SMALL_FAST_MODEL='{expected}'" in (home / ".zshrc").read_text()


def test_interactive_pick_reprompts_on_bad_input(home: Path) -> None:
    child = spawn_picker("anthropic")
    child.expect(r"Choose 1-2, or type a model ID or name \[2\]: ")
    child.send("9\r")
    child.expect("Type a number from 1 to 2, an ID or a name")
    child.send("claude-haiku-4-5-2025101\r")  # a typo: said, and asked again
    child.expect("did you mean claude-haiku-4-5-20251001")
    child.send("1\r")
    child.expect(pexpect.EOF)
    assert "claude-haiku-4-5-20251001" in (home / ".zshrc").read_text()


def test_the_picker_takes_a_typed_name_and_shows_the_current_pin_first(home: Path) -> None:
    """A setup run again: the pin already there is option 1 and Enter keeps it; a name works."""
    assert run_cli(["set-fast-model", "haiku-4.5", "--shell", "zsh", "--no-verify"]).returncode == 0
    child = spawn_picker("anthropic")
    child.expect(r"\[1\]: ")
    assert "1) Haiku 4.5  claude-haiku-4-5-20251001  (current)" in (child.before or "")
    child.send("haiku-5.5\r")
    child.expect(pexpect.EOF)
    assert "export ANTHROPIC_SMALL_FAST_MODEL='claude-haiku-5-5'" in (home / ".zshrc").read_text()


def test_without_a_terminal_a_rerun_keeps_the_pin_it_finds(home: Path) -> None:
    """A dotfiles script run again, with no one to ask: the eu. pin stays (and it says so)."""
    eu = "eu.anthropic.claude-haiku-4-5-20251001-v1:0"
    first = run_cli(["set-fast-model", eu, "--provider", "bedrock", "--shell", "zsh", "--no-verify"])
    assert first.returncode == 0, first.stderr
    again = run_cli(["set-fast-model", "--provider", "bedrock", "--shell", "zsh", "--no-verify"])
    assert again.returncode == 0, again.stderr
    assert f"kept the current pin {eu}" in " ".join(again.stdout.split())
    assert f"export ANTHROPIC_SMALL_FAST_MODEL='{eu}'" in (home / ".zshrc").read_text()


def test_a_rerun_for_another_provider_does_not_keep_a_pin_it_cannot_use(home: Path) -> None:
    """The block holds the Anthropic API's ID; a rerun for Bedrock takes Bedrock's model and
    says why, rather than keep an ID Bedrock rejects."""
    assert run_cli(["set-fast-model", "claude-haiku-5-5", "--shell", "zsh", "--no-verify"]).returncode == 0
    again = run_cli(["set-fast-model", "--provider", "bedrock", "--shell", "zsh", "--no-verify"])
    assert again.returncode == 0, again.stderr
    assert "kept the current pin" not in again.stdout
    assert (
        "export ANTHROPIC_SMALL_FAST_MODEL='us.anthropic.claude-haiku-5-5'" in (home / ".zshrc").read_text()
    )


def test_a_family_forced_after_the_cost_refusal_pins_the_model_not_the_word(home: Path) -> None:
    refused = run_cli(["set-fast-model", "sonnet", "--shell", "zsh", "--no-verify"])
    assert refused.returncode == 2 and "Sonnet 5.5 is not a small model" in refused.stderr
    forced = run_cli(["set-fast-model", "sonnet", "--force", "--shell", "zsh", "--no-verify"])
    assert forced.returncode == 0, forced.stderr
    assert "export ANTHROPIC_SMALL_FAST_MODEL='claude-sonnet-5-5'" in (home / ".zshrc").read_text()


def test_a_large_background_model_is_refused_without_a_terminal_and_asked_on_one(home: Path) -> None:
    """Every title and summary at Opus prices: refused where nobody is asked (exit 2, the
    price ratio named), pinned with --force; on a terminal, asked with the default no."""
    refused = run_cli(["set-fast-model", "claude-opus-5-5", "--shell", "zsh", "--no-verify"])
    assert refused.returncode == 2 and not (home / ".zshrc").exists()
    assert (
        "Opus 5.5 is not a small model" in refused.stderr
        and "40 times what it costs on Haiku 5.5" in refused.stderr
    )
    assert "--force pins it without asking" in refused.stderr
    child = pexpect.spawn(
        ccprofile_command()[0],
        ["set-fast-model", "claude-opus-5-5", "--shell", "zsh", "--no-verify"],
        env=dict(os.environ),
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 200),
    )
    child.expect(r"\[y/N\] ")
    assert "ANTHROPIC_DEFAULT_HAIKU_MODEL" in (child.before or "") and "--only-small-fast" in (
        child.before or ""
    )
    child.send("\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1 and not (home / ".zshrc").exists()
    forced = run_cli(["set-fast-model", "claude-opus-5-5", "--force", "--shell", "zsh", "--no-verify"])
    assert forced.returncode == 0, forced.stderr
    status = run_cli(
        ["status", "--json", "--shell", "zsh"],
        env={**os.environ, "ANTHROPIC_SMALL_FAST_MODEL": "claude-opus-5-5"},
    )
    assert "costly-background" in [w["code"] for w in json.loads(status.stdout)["warnings"]]


@pytest.mark.parametrize("provider", ["anthropic", "gateway", "bedrock", "vertex", "foundry"])
def test_models_json_lists_exactly_the_rows_of_the_table(provider: str) -> None:
    runner = CliRunner()
    data = json.loads(runner.invoke(app, ["models", "--provider", provider, "--json"]).output)
    table = runner.invoke(app, ["models", "--provider", provider], env={"COLUMNS": "300"}).output
    body = [line for line in table.splitlines() if line.startswith("│")]
    assert len(body) == len(data["models"])
    for line, row in zip(body, data["models"], strict=True):
        cells = [cell.strip().replace("\u00a0", " ") for cell in line.strip("│").split("│")]
        assert cells[0] == (row["name"] or "retired") and cells[1] == row["id"]
        price = row["price"]
        assert cells[2] == (str(Price(price["input"], price["output"])) if price else "-")
    # Every row has an ID; what the provider lacks is named once, below the table and in the JSON.
    assert all(row["id"] for row in data["models"])
    missing = data["not_on_provider"]
    assert (f"Not on {provider}: {', '.join(missing)}." in " ".join(table.split())) == bool(missing)


def test_every_provider_has_an_id_shape_and_a_catalog_column() -> None:
    from ccprofile.claude.providers import PROVIDERS
    from ccprofile.claude.selection import SHAPES

    assert set(SHAPES) == set(PROVIDERS) == set(COLUMNS)
    for provider, (shape, example) in SHAPES.items():
        assert shape.fullmatch(example), provider


def test_names_pin_and_models_list_the_bedrock_ids_of_the_users_region() -> None:
    from ccprofile.claude.selection import choose

    catalog = load()
    chosen = choose("haiku-4.5", "bedrock", catalog, background=True, prefix="eu")
    assert chosen.value == "eu.anthropic.claude-haiku-4-5-20251001-v1:0"
    assert (
        chosen.note
        == "'haiku-4.5' is Haiku 4.5, whose bedrock ID is eu.anthropic.claude-haiku-4-5-20251001-v1:0"
    )
    assert (
        choose("haiku", "bedrock", catalog, background=True, prefix="apac").value
        == "apac.anthropic.claude-haiku-5-5"
    )
    # An ID typed is the user's own choice: kept (status warns when it cannot be called there).
    typed = "us.anthropic.claude-haiku-4-5-20251001-v1:0"
    assert choose(typed, "bedrock", catalog, background=True, prefix="eu").value == typed
    listed = CliRunner().invoke(
        app,
        ["models", "--json", "--family", "haiku"],
        env={"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "eu-west-1"},
    )
    ids = [row["id"] for row in json.loads(listed.output)["models"]]
    assert ids and all(i.startswith("eu.anthropic.") for i in ids)


def test_govcloud_profiles_are_bedrock_ids_and_names_pin_them_there(home: Path) -> None:
    """Claude Code gives GovCloud's requests us-gov. profiles; ccprofile refused a typed one as
    no Bedrock ID, and from us-gov-west-1 pinned a name as the us. profile, which GovCloud
    cannot call."""
    from ccprofile.claude.selection import choose

    catalog = load()
    typed = "us-gov.anthropic.claude-haiku-4-5-20251001-v1:0"
    chosen = choose(typed, "bedrock", catalog, background=True)
    assert (chosen.value, chosen.known, chosen.model and chosen.model.name) == (typed, True, "Haiku 4.5")
    assert choose("haiku", "bedrock", catalog, background=True, prefix="us-gov").value == (
        "us-gov.anthropic.claude-haiku-5-5"
    )
    govcloud = {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-gov-west-1"}
    pinned = CliRunner().invoke(app, ["set-fast-model", "haiku", "--shell", "bash"], env=govcloud)
    assert pinned.exit_code == 0, pinned.output
    assert (
        "export ANTHROPIC_SMALL_FAST_MODEL='us-gov.anthropic.claude-haiku-5-5'"
        in (home / ".bashrc").read_text()
    )
    listed = CliRunner().invoke(app, ["models", "--json", "--family", "haiku"], env=govcloud)
    ids = [row["id"] for row in json.loads(listed.output)["models"]]
    assert ids and all(i.startswith("us-gov.anthropic.") for i in ids)


def test_what_a_user_trial_found_in_choosing_ids() -> None:
    from ccprofile.claude.selection import choose
    from ccprofile.errors import BadValue

    catalog = load()
    # Mantle sends its own ID for a first-party one: pinning that ID is no error there.
    mantle = choose("claude-haiku-4-5-20251001", "mantle", catalog, background=True)
    assert mantle.value == "anthropic.claude-haiku-4-5"
    # A refusal names the ID for the user's region.
    with pytest.raises(BadValue, match=r"on bedrock use eu\.anthropic\.claude-sonnet-4-5-20250929-v1:0$"):
        choose("claude-sonnet-4-5@20250929", "bedrock", catalog, background=False, prefix="eu")


def test_a_refusal_on_bedrock_keeps_its_kind_and_quotes_what_was_typed() -> None:
    from ccprofile.claude.selection import choose
    from ccprofile.errors import UnknownModel

    with pytest.raises(UnknownModel) as refused:
        choose("us.anthropic.claude-haku-4-5", "bedrock", load(), background=True, prefix="eu")
    assert str(refused.value).startswith("'us.anthropic.claude-haku-4-5' is not an ID")
