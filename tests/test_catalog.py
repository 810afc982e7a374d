"""The model catalog, friendly names, validation outcomes and the model picker."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pexpect
import pytest
from typer.testing import CliRunner

from ccprofile.claude.catalog import COLUMNS, load
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
    ("typed", "provider"),
    [
        ("claude-haiku-6-0", "anthropic"),
        ("claude-haiku-6-0@20270101", "vertex"),
        ("eu.anthropic.claude-haiku-6-0-v1:0", "bedrock"),
        ("global.anthropic.claude-haiku-6-0", "bedrock"),
        ("arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123", "bedrock"),
        ("team-haiku-deployment", "foundry"),
        ("my/proxy-model", "gateway"),
    ],
)
def test_unknown_ids_of_a_valid_shape_pass_with_a_note_or_fail_strict(typed: str, provider: str) -> None:
    selection = choose(typed, provider, CATALOG, background=True)
    assert selection.value == typed and selection.note and "not in the model catalog" in selection.note
    with pytest.raises(UnknownModel, match="not in the model catalog") as refused:
        choose(typed, provider, CATALOG, background=True, strict=True)
    # The domain states the fact; the command line names the flag and the exit code.
    assert describe(refused.value) == (
        f"{refused.value}; --strict refuses unknown IDs (see `ccprofile models`)",
        2,
    )


def test_region_prefixed_bedrock_id_of_a_known_model_is_known() -> None:
    selection = choose("eu.anthropic.claude-haiku-4-5-20251001-v1:0", "bedrock", CATALOG, background=True)
    assert selection.known and selection.note is None


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
    # The table's rows, retired IDs included; Bedrock has no ID for those: null.
    assert [m["id"] for m in data["models"]] == [
        "us.anthropic.claude-haiku-4-5-20251001-v1:0",
        "us.anthropic.claude-haiku-5-5",
        None,
        None,
    ]
    assert [m["recommended_background"] for m in data["models"]] == [False, True, False, False]
    assert [m["retired_on"] for m in data["models"]] == [None, None, "2026-02-19", None]
    table = runner.invoke(app, ["models", "--provider", "anthropic"], env={"COLUMNS": "200"}).output
    assert (
        "recommended background model" in table
        and "claude-3-5-haiku-20241022" in table
        and "retired" in table
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
    child.expect(r"Choose 1-2 \[2\]: ")
    assert "(recommended)" in (child.before or "")
    child.send(keys)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert f"export ANTHROPIC_SMALL_FAST_MODEL='{expected}'" in (home / ".zshrc").read_text()


def test_interactive_pick_reprompts_on_bad_input(home: Path) -> None:
    child = spawn_picker("anthropic")
    child.expect(r"Choose 1-2 \[2\]: ")
    child.send("9\r")
    child.expect("Please type a number from 1 to 2")
    child.send("1\r")
    child.expect(pexpect.EOF)
    assert "claude-haiku-4-5-20251001" in (home / ".zshrc").read_text()


@pytest.mark.parametrize("provider", ["anthropic", "gateway", "bedrock", "vertex", "foundry"])
def test_models_json_lists_exactly_the_rows_of_the_table(provider: str) -> None:
    runner = CliRunner()
    data = json.loads(runner.invoke(app, ["models", "--provider", provider, "--json"]).output)
    table = runner.invoke(app, ["models", "--provider", provider], env={"COLUMNS": "300"}).output
    body = [line for line in table.splitlines() if line.startswith("│")]
    assert len(body) == len(data["models"])
    for line, row in zip(body, data["models"], strict=True):
        cells = [cell.strip() for cell in line.strip("│").split("│")]
        assert cells[0] == row["family"] and cells[1] == (row["name"] or "-")
        assert cells[2] == (row["id"] or "not on this provider")
