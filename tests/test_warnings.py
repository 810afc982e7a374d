"""Every status warning, word for word: the messages are what the user acts on.

Each case sets up one situation and asserts the whole message of its warning, so a changed
word, a wrong file or a missing fix fails here (these tests are what mutation testing of
ccprofile/claude/warnings/ measures).
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ccprofile.cli.app import app
from ccprofile.machine import detect
from ccprofile.startup import block
from tests.conftest import require_program
from tests.helpers import run_cli, start_shell

runner = CliRunner()
FAST, HAIKU, PRIMARY = "ANTHROPIC_SMALL_FAST_MODEL", "ANTHROPIC_DEFAULT_HAIKU_MODEL", "ANTHROPIC_MODEL"
H45 = "claude-haiku-4-5-20251001"
H55 = "claude-haiku-5-5"
BASE_URL, GW, MANTLE = "ANTHROPIC_BASE_URL", "http://127.0.0.1:8080", "CLAUDE_CODE_USE_MANTLE"


@pytest.fixture(autouse=True)
def _detected(monkeypatch: pytest.MonkeyPatch) -> None:
    """Status finds the shell as in a terminal started by the login shell: no interactive shell
    above it, whatever runs pytest. (A shell named with --shell is named in every fix's
    command too, which test_output.py checks once.)"""
    monkeypatch.setattr(detect, "ancestors", lambda: [])


def _report(home: Path, env: dict[str, str], shell: str = "zsh") -> dict[str, Any]:
    args = ["status", "--json", "--project", str(home)]
    result = runner.invoke(app, args, env={"SHELL": f"/bin/{shell}", **env})
    assert result.exit_code in (0, 1), result.output
    report: dict[str, Any] = json.loads(result.output)
    return report


def _messages(report: dict[str, Any], code: str) -> list[str]:
    return [w["message"] for w in report["warnings"] if w["code"] == code]


def _settings(home: Path, data: object) -> Path:
    path = home / ".claude" / "settings.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data))
    return path


def _pin(*args: str, shell: str = "zsh") -> None:
    result = runner.invoke(app, [*args, "--shell", shell, "--no-verify"])
    assert result.exit_code == 0, result.output


Case = Callable[[Path], tuple[dict[str, str], str, list[str]]]


def settings_override(home: Path) -> tuple[dict[str, str], str, list[str]]:
    _pin("set-fast-model", H45)
    path = _settings(home, {"env": {FAST: ""}})
    return (
        {},
        "settings-override",
        [
            f"{FAST}={H45} from {home}/.zshrc:4 has no effect: env.{FAST} in {path} sets an empty string "
            f'(which unsets it), and settings beat the shell. Fix: remove "{FAST}" from the "env" object of {path}.'
        ],
    )


def settings_override_of_this_shell(home: Path) -> tuple[dict[str, str], str, list[str]]:
    path = _settings(home, {"env": {PRIMARY: "claude-opus-5-5"}})
    return (
        {PRIMARY: "claude-sonnet-5-5"},
        "settings-override",
        [
            f"{PRIMARY}=claude-sonnet-5-5 from this shell's environment has no effect: env.{PRIMARY} in {path} "
            f'sets \'claude-opus-5-5\', and settings beat the shell. Fix: remove "{PRIMARY}" from the "env" '
            f"object of {path}."
        ],
    )


def not_loaded(home: Path) -> tuple[dict[str, str], str, list[str]]:
    _pin("set-fast-model", H45)
    return (
        {HAIKU: "old"},
        "not-loaded",
        [
            f"{home}/.zshrc pins {FAST}={H45} (this shell: unset), {HAIKU}={H45} (this shell: 'old'), but this "
            f"shell has not loaded it. Fix: run `source {home}/.zshrc` or open a new terminal."
        ],
    )


def stale_one(home: Path) -> tuple[dict[str, str], str, list[str]]:
    return (
        {FAST: H45},
        "stale-in-this-shell",
        [
            f"This shell has {FAST}={H45}, but a new terminal will not: no startup file sets it and new "
            "terminals do not inherit it. A claude started from this shell uses it; one started from a new "
            f"terminal does not. Fix: run `unset {FAST}` in this shell if it is left over; to keep the model it "
            f"gives claude, `ccprofile set-fast-model {H45}` pins it for new terminals too."
        ],
    )


def stale_past_a_line_ccprofile_cannot_follow(home: Path) -> tuple[dict[str, str], str, list[str]]:
    """A new terminal may get the value from a line ccprofile cannot follow: no flat "will not"."""
    (home / ".zshrc").write_text('eval "$(cat ~/.exports)"\n')
    return (
        {FAST: H45},
        "stale-in-this-shell",
        [
            f"This shell has {FAST}={H45}, but a new terminal may not: ccprofile finds no startup file that "
            "sets it and new terminals do not inherit it. A claude started from this shell uses it; one "
            f"started from a new terminal may not. Fix: run `unset {FAST}` in this shell if it is left over; "
            f"to keep the model it gives claude, `ccprofile set-fast-model {H45}` pins it for new terminals too."
        ],
    )


def stale_two_fish(home: Path) -> tuple[dict[str, str], str, list[str]]:
    return (
        {FAST: H45, PRIMARY: "sonnet"},
        "stale-in-this-shell",
        [
            f"This shell has {FAST}={H45}, {PRIMARY}=sonnet, but a new terminal will not: no startup file sets "
            "them and new terminals do not inherit them. A claude started from this shell uses them; one "
            f"started from a new terminal does not. Fix: run `set -e {FAST}; set -e {PRIMARY}` in this shell if "
            f"they are left over; to keep the models they give claude, `ccprofile set-fast-model {H45}` and "
            "`ccprofile set-model sonnet` pin them for new terminals too."
        ],
    )


def shadowed(home: Path) -> tuple[dict[str, str], str, list[str]]:
    _pin("set-fast-model", H45)
    with (home / ".zshrc").open("a") as handle:
        handle.write(f"export ANTHROPIC_SMALL_FAST_MODEL={H55}\nunset ANTHROPIC_DEFAULT_HAIKU_MODEL\n")
    return (
        {},
        "shadowed",
        [
            f"{home}/.zshrc:7 sets '{H55}' after the ccprofile block, so the pin {FAST}={H45} does not reach new "
            f"terminals. Fix: take the {FAST} assignment out of line 7 of {home}/.zshrc (or move it above the "
            "block).",
            f"{home}/.zshrc:8 removes it after the ccprofile block, so the pin {HAIKU}={H45} does not reach new "
            f"terminals. Fix: take the {HAIKU} removal out of line 8 of {home}/.zshrc (or move it above the "
            "block).",
        ],
    )


def fallback_gateway(home: Path) -> tuple[dict[str, str], str, list[str]]:
    return (
        {"ANTHROPIC_BASE_URL": "https://llm.example"},
        "unpinned-fallback",
        [
            "Nothing pins the background model, so on gateway Claude Code uses your primary model "
            "(claude-opus-5-5) for titles and summaries, at that model's price. (If the key Claude Code sends is "
            "an Anthropic API key, sk-ant-api..., it uses claude-haiku-5-5 instead.) Fix: `ccprofile set-fast-model`."
        ],
    )


def fallback_gateway_with_token(home: Path) -> tuple[dict[str, str], str, list[str]]:
    env = {"ANTHROPIC_BASE_URL": "https://llm.example", "ANTHROPIC_AUTH_TOKEN": "t"}
    return (
        env,
        "unpinned-fallback",
        [
            "Nothing pins the background model, so on gateway Claude Code uses your primary model "
            "(claude-opus-5-5) for titles and summaries, at that model's price. Fix: `ccprofile set-fast-model`."
        ],
    )


def fallback_gateway_anthropic_key(home: Path) -> tuple[dict[str, str], str, list[str]]:
    env = {"ANTHROPIC_BASE_URL": "https://llm.example", "ANTHROPIC_API_KEY": "sk-ant-api03-x"}
    return (
        env,
        "unpinned-fallback",
        [
            "Nothing pins the background model; because ANTHROPIC_API_KEY is an Anthropic API key, Claude Code "
            "sends titles and summaries through your gateway to claude-haiku-5-5, which the gateway must serve. "
            "Fix: `ccprofile set-fast-model` with an ID it serves."
        ],
    )


def fallback_bedrock(home: Path) -> tuple[dict[str, str], str, list[str]]:
    return (
        {"CLAUDE_CODE_USE_BEDROCK": "1"},
        "unpinned-fallback",
        [
            "Nothing pins the background model, so on bedrock Claude Code uses Sonnet "
            "(us.anthropic.claude-sonnet-4-5-20250929-v1:0) for titles and summaries, at that model's price. "
            "Fix: `ccprofile set-fast-model`."
        ],
    )


def alias_in_a_startup_file(home: Path) -> tuple[dict[str, str], str, list[str]]:
    (home / ".zshrc").write_text("export ANTHROPIC_SMALL_FAST_MODEL=haiku\n")
    return (
        {},
        "alias-not-resolved",
        [
            f"{FAST}=haiku ({home}/.zshrc:1) is an alias; Claude Code sends it verbatim and the API rejects it. "
            f"Fix: change line 1 of {home}/.zshrc to `export {FAST}='claude-haiku-5-5'`."
        ],
    )


def alias_in_this_shell(home: Path) -> tuple[dict[str, str], str, list[str]]:
    return (
        {HAIKU: "sonnet"},
        "alias-not-resolved",
        [
            f"{HAIKU}=sonnet (this shell's environment) is an alias; Claude Code sends it verbatim and the API "
            f"rejects it. Fix: run `export {HAIKU}='claude-sonnet-5-5'` in this shell."
        ],
    )


def default_is_sent_as_it_is(home: Path) -> tuple[dict[str, str], str, list[str]]:
    # "default" is no alias: Claude Code 2.1.331 and 2.1.332 send it verbatim, on every provider.
    path = _settings(home, {"env": {FAST: "default"}})
    return (
        {},
        "unknown-model",
        [
            f"{FAST}=default (env.{FAST} in {path}) is not an ID the catalog of Claude Code 2.1.332 knows "
            "for anthropic; Claude Code sends it as it is, and the provider rejects an ID it does not serve. "
            "Fix: pin an ID from `ccprofile models` there."
        ],
    )


def retired_with_date(home: Path) -> tuple[dict[str, str], str, list[str]]:
    path = _settings(home, {"env": {FAST: "claude-3-5-haiku-20241022"}})
    return (
        {},
        "retired-model",
        [
            f"{FAST}=claude-3-5-haiku-20241022 (env.{FAST} in {path}) was retired on 2026-02-19; requests with "
            f'it fail. Fix: set "{FAST}" to "claude-haiku-5-5" in the "env" object of {path}.'
        ],
    )


def retired_without_date_in_the_block(home: Path) -> tuple[dict[str, str], str, list[str]]:
    _pin("set-model", "claude-sonnet-4-20250514", "--force")
    return (
        {},
        "retired-model",
        [
            f"{PRIMARY}=claude-sonnet-4-20250514 ({home}/.zshrc:4 (ccprofile's block)) was retired; requests "
            "with it fail. Fix: `ccprofile set-model claude-sonnet-5-5`."
        ],
    )


def retired_above_the_block(home: Path) -> tuple[dict[str, str], str, list[str]]:
    """The user's line above ccprofile's block in the same file is the user's, not the block's."""
    (home / ".zshrc").write_text(f"export {PRIMARY}=claude-sonnet-4-20250514\n")
    _pin("set-fast-model", H45)
    return (
        {},
        "retired-model",
        [
            f"{PRIMARY}=claude-sonnet-4-20250514 ({home}/.zshrc:1) was retired; requests with it fail. Fix: "
            f"change line 1 of {home}/.zshrc to `export {PRIMARY}='claude-sonnet-5-5'`."
        ],
    )


def wrong_provider(home: Path) -> tuple[dict[str, str], str, list[str]]:
    path = _settings(home, {"env": {"CLAUDE_CODE_USE_VERTEX": "1", FAST: H45}})
    return (
        {},
        "wrong-provider-id",
        [
            f"{FAST}={H45} (env.{FAST} in {path}) is the anthropic, anthropic_aws, anthropic_google_cloud, gateway ID of Haiku 4.5, but Claude Code "
            f'talks to vertex, which rejects it. Fix: set "{FAST}" to "claude-haiku-4-5@20251001" in the '
            f'"env" object of {path}.'
        ],
    )


def wrong_provider_without_an_id(home: Path) -> tuple[dict[str, str], str, list[str]]:
    (home / ".zshrc").write_text(f"export CLAUDE_CODE_USE_VERTEX=1\nexport {PRIMARY}=claude-mythos-5\n")
    return (
        {"CLAUDE_CODE_USE_VERTEX": "1"},
        "wrong-provider-id",
        [
            f"{PRIMARY}=claude-mythos-5 ({home}/.zshrc:2) is the anthropic ID of Mythos 5, but Claude Code talks "
            "to vertex, which rejects it. Fix: Mythos 5 has no vertex ID."
        ],
    )


def crlf(home: Path) -> tuple[dict[str, str], str, list[str]]:
    (home / ".zshrc").write_bytes(b"alias ll='ls -l'\r\n")
    return (
        {},
        "crlf-startup-file",
        [
            f"{home}/.zshrc has Windows (CRLF) line endings: zsh reads each \\r as part of the line, so a "
            "command may fail (bash stops reading the file at the first line it cannot parse) and a value ends "
            f"in a stray \\r. Fix: `dos2unix {home}/.zshrc` (or `sed -i 's/\\r$//' {home}/.zshrc`)."
        ],
    )


def invalid_settings(home: Path) -> tuple[dict[str, str], str, list[str]]:
    path = _settings(home, {"env": {FAST: ["x"]}, "model": 3})
    return (
        {},
        "invalid-settings",
        [f'{path}: "env.{FAST}" is not a string; ignored; "model" is not a string; ignored'],
    )


def not_loaded_only_the_primary(home: Path) -> tuple[dict[str, str], str, list[str]]:
    _pin("set-model", "claude-opus-5-5")
    return (
        {},
        "not-loaded",
        [
            f"{home}/.zshrc pins {PRIMARY}=claude-opus-5-5 (this shell: unset), but this shell has not loaded "
            f"it. Fix: run `source {home}/.zshrc` or open a new terminal."
        ],
    )


def shadowed_after_a_repeat(home: Path) -> tuple[dict[str, str], str, list[str]]:
    _pin("set-fast-model", H45, "--only-small-fast")
    with (home / ".zshrc").open("a") as handle:
        handle.write(f"export {FAST}={H45}\nexport {FAST}=later\n")
    return (
        {},
        "shadowed",
        [
            f"{home}/.zshrc:7 sets 'later' after the ccprofile block, so the pin {FAST}={H45} does not reach new "
            f"terminals. Fix: take the {FAST} assignment out of line 7 of {home}/.zshrc (or move it above the "
            "block)."
        ],
    )


def shadowed_primary_alone(home: Path) -> tuple[dict[str, str], str, list[str]]:
    """Only the primary is pinned: the background variables, unpinned, are passed over."""
    _pin("set-model", "claude-opus-5-5")
    with (home / ".zshrc").open("a") as handle:
        handle.write(f"export {PRIMARY}=claude-sonnet-5-5\n")
    return (
        {},
        "shadowed",
        [
            f"{home}/.zshrc:6 sets 'claude-sonnet-5-5' after the ccprofile block, so the pin "
            f"{PRIMARY}=claude-opus-5-5 does not reach new terminals. Fix: take the {PRIMARY} assignment out "
            f"of line 6 of {home}/.zshrc (or move it above the block)."
        ],
    )


def alias_with_no_id_on_the_provider(home: Path) -> tuple[dict[str, str], str, list[str]]:
    """`haiku` on a gateway: its model has no gateway ID in the catalog, so there is no exact
    ID to offer."""
    return (
        {"ANTHROPIC_BASE_URL": "https://llm.example", FAST: "haiku"},
        "alias-not-resolved",
        [
            f"{FAST}=haiku (this shell's environment) is an alias; Claude Code sends it verbatim and the API "
            "rejects it. Fix: pin an exact model ID there."
        ],
    )


def fallback_gateway_pinned_only_in_new_terminals(home: Path) -> tuple[dict[str, str], str, list[str]]:
    """A pin this shell has not loaded yet is a pin (not-loaded says the rest)."""
    _pin("set-fast-model", H45)
    return ({"ANTHROPIC_BASE_URL": "https://llm.example"}, "unpinned-fallback", [])


def fallback_gateway_pinned_only_in_this_shell(home: Path) -> tuple[dict[str, str], str, list[str]]:
    """Exported by hand here: this shell's claude is pinned (stale-in-this-shell says the rest)."""
    return ({"ANTHROPIC_BASE_URL": "https://llm.example", FAST: H45}, "unpinned-fallback", [])


def fallback_gateway_with_its_own_key(home: Path) -> tuple[dict[str, str], str, list[str]]:
    env = {"ANTHROPIC_BASE_URL": "https://llm.example", "ANTHROPIC_API_KEY": "gateway-key"}
    return (
        env,
        "unpinned-fallback",
        [
            "Nothing pins the background model, so on gateway Claude Code uses your primary model "
            "(claude-opus-5-5) for titles and summaries, at that model's price. Fix: `ccprofile set-fast-model`."
        ],
    )


def alias_in_the_second_variable(home: Path) -> tuple[dict[str, str], str, list[str]]:
    path = _settings(home, {"env": {FAST: H45, HAIKU: "haiku"}})
    return (
        {},
        "alias-not-resolved",
        [
            f"{HAIKU}=haiku (env.{HAIKU} in {path}) is an alias; Claude Code sends it verbatim and the API "
            f'rejects it. Fix: set "{HAIKU}" to "claude-haiku-5-5" in the "env" object of {path}.'
        ],
    )


def retired_primary_after_a_current_background(home: Path) -> tuple[dict[str, str], str, list[str]]:
    path = _settings(home, {"env": {FAST: H45, PRIMARY: "claude-opus-4-20250514"}})
    return (
        {},
        "retired-model",
        [
            f"{PRIMARY}=claude-opus-4-20250514 (env.{PRIMARY} in {path}) was retired; requests with it fail. "
            f'Fix: set "{PRIMARY}" to "claude-opus-5-5" in the "env" object of {path}.'
        ],
    )


def wrong_provider_in_a_hand_written_export(home: Path) -> tuple[dict[str, str], str, list[str]]:
    (home / ".zshrc").write_text(
        f"export CLAUDE_CODE_USE_BEDROCK=1\nexport {FAST}=claude-haiku-5-5\nexport {PRIMARY}=claude-opus-5-5\n"
    )
    return (
        {"CLAUDE_CODE_USE_BEDROCK": "1"},
        "wrong-provider-id",
        [
            f"{FAST}=claude-haiku-5-5 ({home}/.zshrc:2) is the anthropic, anthropic_aws, anthropic_google_cloud, foundry, vertex ID of "
            "Haiku 5.5, but Claude Code talks to bedrock, which rejects it. "
            f"Fix: change line 2 of {home}/.zshrc to `export {FAST}='us.anthropic.claude-haiku-5-5'`.",
            f"{PRIMARY}=claude-opus-5-5 ({home}/.zshrc:3) is the anthropic, anthropic_aws, anthropic_google_cloud, foundry, gateway, vertex ID of "
            "Opus 5.5, but Claude Code talks to bedrock, which rejects it. "
            f"Fix: change line 3 of {home}/.zshrc to `export {PRIMARY}='us.anthropic.claude-opus-5-5'`.",
        ],
    )


def wrong_provider_after_a_right_one(home: Path) -> tuple[dict[str, str], str, list[str]]:
    env = {FAST: "us.anthropic.claude-haiku-5-5", PRIMARY: "claude-mythos-5", "CLAUDE_CODE_USE_BEDROCK": "1"}
    path = _settings(home, {"env": env})
    return (
        {"CLAUDE_CODE_USE_BEDROCK": "1"},
        "wrong-provider-id",
        [
            f"{PRIMARY}=claude-mythos-5 (env.{PRIMARY} in {path}) is the anthropic ID of Mythos 5, but Claude "
            "Code talks to bedrock, which rejects it. Fix: Mythos 5 has no bedrock ID."
        ],
    )


def wrong_provider_in_a_new_terminal(home: Path) -> tuple[dict[str, str], str, list[str]]:
    """Bedrock is on in this shell alone: a new terminal sends the pinned Bedrock ID (both
    background variables, one problem) to Anthropic."""
    bedrock = "us.anthropic.claude-haiku-5-5"
    (home / ".zshrc").write_text(f"export {FAST}={bedrock}\nexport {HAIKU}={bedrock}\n")
    return (
        {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "eu-west-1", FAST: bedrock, HAIKU: bedrock},
        "new-terminal-provider",
        [
            f"{FAST}={bedrock} ({home}/.zshrc:1) is the bedrock ID of Haiku 5.5, but a claude started "
            "from a new terminal talks to anthropic, which rejects it. This shell's talks to bedrock: "
            "CLAUDE_CODE_USE_BEDROCK is set here, not by a startup file or settings. Fix: turn bedrock on "
            "for new terminals too, as in this shell: `export CLAUDE_CODE_USE_BEDROCK='1'` and "
            f"`export AWS_REGION='eu-west-1'` in {home}/.zshrc (or in a settings file's env), with the "
            "credentials this shell's bedrock uses."
        ],
    )


ARN = "arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/abcdef123456"


def an_arn_in_a_new_terminal(home: Path) -> tuple[dict[str, str], str, list[str]]:
    """An inference profile's ARN is Bedrock's as much as a catalog ID: a new terminal that
    talks to Anthropic sends it there, rejected."""
    (home / ".zshrc").write_text(f"export {FAST}={ARN}\nexport {HAIKU}={ARN}\n")
    return (
        {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "eu-west-1", FAST: ARN, HAIKU: ARN},
        "new-terminal-provider",
        [
            f"{FAST}={ARN} ({home}/.zshrc:1) is the ARN of a bedrock inference profile, but a claude started "
            "from a new terminal talks to anthropic, which rejects it. This shell's talks to bedrock: "
            "CLAUDE_CODE_USE_BEDROCK is set here, not by a startup file or settings. Fix: turn bedrock on "
            "for new terminals too, as in this shell: `export CLAUDE_CODE_USE_BEDROCK='1'` and "
            f"`export AWS_REGION='eu-west-1'` in {home}/.zshrc (or in a settings file's env), with the "
            "credentials this shell's bedrock uses."
        ],
    )


def new_terminal_provider_fix_gives_vertex_its_region_and_project(
    home: Path,
) -> tuple[dict[str, str], str, list[str]]:
    """Vertex on in this shell alone: new terminals need its region and project as well as
    the switch (the project a startup file already sets is not said again)."""
    vertex = "claude-haiku-4-5@20251001"
    (home / ".zshrc").write_text(f"export ANTHROPIC_VERTEX_PROJECT_ID=p1\nexport {FAST}={vertex}\n")
    env = {"CLAUDE_CODE_USE_VERTEX": "1", "CLOUD_ML_REGION": "us-east5", "ANTHROPIC_VERTEX_PROJECT_ID": "p1"}
    return (
        {**env, FAST: vertex},
        "new-terminal-provider",
        [
            f"{FAST}={vertex} ({home}/.zshrc:2) is the vertex ID of Haiku 4.5, but a claude started from a "
            "new terminal talks to anthropic, which rejects it. This shell's talks to vertex: "
            "CLAUDE_CODE_USE_VERTEX is set here, not by a startup file or settings. Fix: turn vertex on for "
            "new terminals too, as in this shell: `export CLAUDE_CODE_USE_VERTEX='1'` and "
            f"`export CLOUD_ML_REGION='us-east5'` in {home}/.zshrc (or in a settings file's env), with the "
            "credentials this shell's vertex uses."
        ],
    )


def an_arn_on_a_provider_that_takes_none(home: Path) -> tuple[dict[str, str], str, list[str]]:
    """Vertex has no inference profiles: no ID of its own to offer, so the fix says so."""
    return (
        {"CLAUDE_CODE_USE_VERTEX": "1", "CLOUD_ML_REGION": "us-east5", FAST: ARN},
        "wrong-provider-id",
        [
            f"{FAST}={ARN} (this shell's environment) is the ARN of a bedrock inference profile, but Claude "
            "Code talks to vertex, which rejects it. Fix: vertex takes no ARN: pin one of its model IDs."
        ],
    )


def new_terminal_provider_fix_names_only_what_new_terminals_miss(
    home: Path,
) -> tuple[dict[str, str], str, list[str]]:
    """New terminals have this shell's region already: the fix is the switch alone."""
    bedrock = "eu.anthropic.claude-haiku-4-5-20251001-v1:0"
    (home / ".zshrc").write_text(f"export AWS_REGION=eu-west-1\nexport {FAST}={bedrock}\n")
    return (
        {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "eu-west-1", FAST: bedrock},
        "new-terminal-provider",
        [
            f"{FAST}={bedrock} ({home}/.zshrc:2) is the bedrock ID of Haiku 4.5, but a claude started from a "
            "new terminal talks to anthropic, which rejects it. This shell's talks to bedrock: "
            "CLAUDE_CODE_USE_BEDROCK is set here, not by a startup file or settings. Fix: turn bedrock on for "
            f"new terminals too, as in this shell: `export CLAUDE_CODE_USE_BEDROCK='1'` in {home}/.zshrc (or in "
            "a settings file's env), with the credentials this shell's bedrock uses."
        ],
    )


def new_terminal_provider_fix_in_the_new_terminals_region(
    home: Path,
) -> tuple[dict[str, str], str, list[str]]:
    """Bedrock is on in new terminals alone, in eu-west-1: the fix is the eu. ID."""
    (home / ".zshrc").write_text(
        f"export CLAUDE_CODE_USE_BEDROCK=1 AWS_REGION=eu-west-1\nexport {FAST}={H45}\n"
    )
    return (
        {FAST: H45},
        "new-terminal-provider",
        [
            f"{FAST}={H45} ({home}/.zshrc:2) is the anthropic, anthropic_aws, anthropic_google_cloud, gateway ID "
            "of Haiku 4.5, but a claude started from a new terminal talks to bedrock, which rejects it. This "
            f"shell's talks to anthropic. Fix: change line 2 of {home}/.zshrc to "
            f"`export {FAST}='eu.anthropic.claude-haiku-4-5-20251001-v1:0'`."
        ],
    )


def new_terminal_provider_not_claimed_where_the_reading_is_uncertain(
    home: Path,
) -> tuple[dict[str, str], str, list[str]]:
    """What new terminals switch on is not known past an eval (it may turn Bedrock on)."""
    bedrock = "us.anthropic.claude-haiku-5-5"
    (home / ".zshrc").write_text(f'eval "$(cat ~/.bedrock-env)"\nexport {FAST}={bedrock}\n')
    return {"CLAUDE_CODE_USE_BEDROCK": "1", FAST: bedrock}, "new-terminal-provider", []


def new_terminal_provider_not_claimed_where_the_inherited_environment_is_unknown(
    home: Path,
) -> tuple[dict[str, str], str, list[str]]:
    """A new terminal inherits what ccprofile could not read: Bedrock may be on there."""
    bedrock = "us.anthropic.claude-haiku-5-5"
    (home / ".zshrc").write_text(f"export {FAST}={bedrock}\n")
    env = {"CLAUDE_CODE_USE_BEDROCK": "1", FAST: bedrock, "CCPROFILE_SESSION_PID": "999999999"}
    return env, "new-terminal-provider", []


def bedrock_region_judged_in_each_starts_region(home: Path) -> tuple[dict[str, str], str, list[str]]:
    """A us. profile a new terminal (us-east-1) can call and this shell (eu-west-1) cannot."""
    us = "us.anthropic.claude-haiku-4-5-20251001-v1:0"
    (home / ".zshrc").write_text(f"export CLAUDE_CODE_USE_BEDROCK=1\nexport {FAST}={us}\n")
    return (
        {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "eu-west-1", FAST: us},
        "bedrock-region",
        [
            f"{FAST}={us} (this shell's environment) cannot be called from eu-west-1 (the region Claude "
            "Code uses): Bedrock refuses every request for it there. Fix: run "
            f"`export {FAST}='eu.anthropic.claude-haiku-4-5-20251001-v1:0'` in this shell."
        ],
    )


def a_gateway_serves_any_id(home: Path) -> tuple[dict[str, str], str, list[str]]:
    env = {"ANTHROPIC_BASE_URL": "https://llm.example", FAST: "us.anthropic.claude-haiku-5-5"}
    return env, "wrong-provider-id", []


def unknown_model_in_the_block(home: Path) -> tuple[dict[str, str], str, list[str]]:
    _pin("set-fast-model", "claude-haiku-4-5-2025101", "--force", "--only-small-fast")
    return (
        {},
        "unknown-model",
        [
            f"{FAST}=claude-haiku-4-5-2025101 ({home}/.zshrc:4 (ccprofile's block)) is not an ID the catalog "
            "of Claude Code 2.1.332 knows for anthropic; Claude Code sends it as it is, and the provider "
            f"rejects an ID it does not serve. Did you mean {H45}? Fix: `ccprofile set-fast-model {H45}`."
        ],
    )


def unknown_model_twice(home: Path) -> tuple[dict[str, str], str, list[str]]:
    """Both background variables from one place are one problem; the primary's is another.
    Every near ID is offered."""
    _pin("set-fast-model", "claude-haiku-5", "--force")
    return (
        {PRIMARY: "claude-opus-4-2"},
        "unknown-model",
        [
            f"{FAST}=claude-haiku-5 ({home}/.zshrc:4 (ccprofile's block)) is not an ID the catalog of Claude "
            "Code 2.1.332 knows for anthropic; Claude Code sends it as it is, and the provider rejects an ID "
            f"it does not serve. Did you mean {H45} or {H55}? Fix: `ccprofile set-fast-model {H45}`.",
            f"{PRIMARY}=claude-opus-4-2 (this shell's environment) is not an ID the catalog of Claude Code "
            "2.1.332 knows for anthropic; Claude Code sends it as it is, and the provider rejects an ID it "
            "does not serve. Did you mean claude-opus-4-1-20250805 or claude-opus-4-5-20251101 or "
            "claude-opus-4-6? Fix: run `export ANTHROPIC_MODEL='claude-opus-4-1-20250805'` in this shell.",
        ],
    )


def unknown_model_nothing_near(home: Path) -> tuple[dict[str, str], str, list[str]]:
    return (
        {PRIMARY: "my-own-model"},
        "unknown-model",
        [
            f"{PRIMARY}=my-own-model (this shell's environment) is not an ID the catalog of Claude Code "
            "2.1.332 knows for anthropic; Claude Code sends it as it is, and the provider rejects an ID it "
            "does not serve. Fix: pin an ID from `ccprofile models` there."
        ],
    )


def costly_background_in_settings(home: Path) -> tuple[dict[str, str], str, list[str]]:
    path = _settings(home, {"env": {FAST: "claude-opus-5-5"}})
    return (
        {},
        "costly-background",
        [
            f"{FAST}=claude-opus-5-5 (env.{FAST} in {path}) makes Opus 5.5 the background model: every title "
            "and summary costs 40 times what it costs on Haiku 5.5 ($4/$20 against $0.10/$0.50 per million "
            f'input/output tokens, list prices). Fix: set "{FAST}" to "{H55}" in the "env" object of {path}.'
        ],
    )


def costly_background_in_the_second_variable(home: Path) -> tuple[dict[str, str], str, list[str]]:
    """ANTHROPIC_DEFAULT_HAIKU_MODEL alone decides: the warning and its fix name it."""
    path = _settings(home, {"env": {HAIKU: "claude-opus-5-5"}})
    return (
        {},
        "costly-background",
        [
            f"{HAIKU}=claude-opus-5-5 (env.{HAIKU} in {path}) makes Opus 5.5 the background model: every "
            "title and summary costs 40 times what it costs on Haiku 5.5 ($4/$20 against $0.10/$0.50 per "
            f'million input/output tokens, list prices). Fix: set "{HAIKU}" to "{H55}" in the "env" object of '
            f"{path}."
        ],
    )


def costly_background_pinned_by_ccprofile(home: Path) -> tuple[dict[str, str], str, list[str]]:
    """ccprofile's own settings pin: named as ccprofile's, fixed with the command that wrote it."""
    _pin("set-fast-model", "claude-opus-5-5", "--scope", "user", "--force")
    path = home / ".claude" / "settings.json"
    said = (
        "=claude-opus-5-5 (env.{0} in {1} (ccprofile's, scope user)) makes Opus 5.5 the background model: "
        "every title and summary costs 40 times what it costs on Haiku 5.5 ($4/$20 against $0.10/$0.50 per "
        "million input/output tokens, list prices). Fix: `ccprofile set-fast-model claude-haiku-5-5 --scope "
        "user`."
    )
    return {}, "costly-background", [FAST + said.format(FAST, path)]


def costly_background_over_a_retired_shell_pin(home: Path) -> tuple[dict[str, str], str, list[str]]:
    """The settings value beats a shell pin that is itself retired: taking the settings value out
    would let a retired ID win, so the fix sets the right one there instead."""
    (home / ".zshrc").write_text(f"export {FAST}={H35}\n")
    return costly_background_in_settings(home)


def retired_in_the_model_key(home: Path) -> tuple[dict[str, str], str, list[str]]:
    """The primary from a settings file's model key is judged as the variable is (it was not:
    status said "No problems found" for a retired ID there)."""
    path = _settings(home, {"model": "claude-3-5-sonnet-20241022"})
    return (
        {},
        "retired-model",
        [
            f"model=claude-3-5-sonnet-20241022 (model in {path}) was retired on 2025-10-28; requests with it "
            f'fail. Fix: set "model" to "claude-sonnet-5-5" in {path}.'
        ],
    )


def unknown_model_in_the_model_key(home: Path) -> tuple[dict[str, str], str, list[str]]:
    path = _settings(home, {"model": "claude-nonsense-9"})
    return (
        {},
        "unknown-model",
        [
            f"model=claude-nonsense-9 (model in {path}) is not an ID the catalog of Claude Code 2.1.332 knows "
            "for anthropic; Claude Code sends it as it is, and the provider rejects an ID it does not serve. "
            "Fix: pin an ID from `ccprofile models` there."
        ],
    )


def wrong_provider_in_the_model_key(home: Path) -> tuple[dict[str, str], str, list[str]]:
    path = _settings(home, {"model": "us.anthropic.claude-opus-5-5"})
    return (
        {},
        "wrong-provider-id",
        [
            f"model=us.anthropic.claude-opus-5-5 (model in {path}) is the bedrock ID of Opus 5.5, but Claude "
            f'Code talks to anthropic, which rejects it. Fix: set "model" to "claude-opus-5-5" in {path}.'
        ],
    )


def model_key_beaten_by_the_variable_is_not_judged(home: Path) -> tuple[dict[str, str], str, list[str]]:
    """ANTHROPIC_MODEL beats the model key (here and in new terminals, from the same file): the
    key's ID is never sent, so it is not judged."""
    _settings(home, {"model": "claude-3-5-sonnet-20241022", "env": {PRIMARY: "claude-opus-5-5"}})
    return {}, "retired-model", []


def stale_beaten_by_settings(home: Path) -> tuple[dict[str, str], str, list[str]]:
    _settings(home, {"env": {FAST: H55}})
    return (
        {FAST: H45},
        "stale-in-this-shell",
        [
            f"This shell has {FAST}={H45}, but a new terminal will not: no startup file sets it and new "
            "terminals do not inherit it. Settings beat it here too, so for now this changes nothing. Fix: "
            f"run `unset {FAST}` in this shell if it is left over; to keep the model it gives claude, "
            f"`ccprofile set-fast-model {H45}` pins it for new terminals too."
        ],
    )


def stale_both_background_variables(home: Path) -> tuple[dict[str, str], str, list[str]]:
    return (
        {FAST: H45, HAIKU: H55},
        "stale-in-this-shell",
        [
            f"This shell has {FAST}={H45}, {HAIKU}={H55}, but a new terminal will not: no startup file sets "
            "them and new terminals do not inherit them. A claude started from this shell uses them; one "
            f"started from a new terminal does not. Fix: run `unset {FAST} {HAIKU}` in this shell if they are "
            f"left over; to keep the model they give claude, `ccprofile set-fast-model {H45}` pins it for new "
            "terminals too."
        ],
    )


def retired_in_both_the_shell_and_settings(home: Path) -> tuple[dict[str, str], str, list[str]]:
    """The shell's pin is as bad as the settings value: the fix is the right value, not removal."""
    path = _settings(home, {"env": {FAST: "claude-3-5-haiku-20241022"}})
    return (
        {FAST: "claude-3-5-haiku-20241022"},
        "retired-model",
        [
            f"{FAST}=claude-3-5-haiku-20241022 (env.{FAST} in {path}) was retired on 2026-02-19; requests with "
            f'it fail. Fix: set "{FAST}" to "{H55}" in the "env" object of {path}.'
        ],
    )


def not_modelled_provider(home: Path) -> tuple[dict[str, str], str, list[str]]:
    # A gateway an app such as Claude Desktop manages: its models are the app's to choose.
    return (
        {"CLAUDE_CODE_USE_GATEWAY": "1", "CLAUDE_CODE_PROVIDER_MANAGED_BY_HOST": "1"},
        "not-modelled",
        [
            "CLAUDE_CODE_USE_GATEWAY is set, so Claude Code talks to a gateway an app manages "
            "(CLAUDE_CODE_PROVIDER_MANAGED_BY_HOST), which ccprofile does not model yet: the provider and "
            "model IDs shown may not be the ones it sends, and ccprofile cannot know them. Inside claude, "
            "`/model` shows the primary model."
        ],
    )


def not_modelled_provider_here_and_in_new_terminals(home: Path) -> tuple[dict[str, str], str, list[str]]:
    """Set in the startup file and loaded here: one warning, not one per start."""
    env = {"CLAUDE_CODE_USE_GATEWAY": "1", "CLAUDE_CODE_PROVIDER_MANAGED_BY_HOST": "1"}
    (home / ".zshrc").write_text("".join(f"export {name}={value}\n" for name, value in env.items()))
    _, code, said = not_modelled_provider(home)
    return env, code, said


def several_providers_three_here_and_in_new_terminals(home: Path) -> tuple[dict[str, str], str, list[str]]:
    """The same three switches here and in a new terminal: one warning, each other switch
    named by the line that sets it."""
    env = {"CLAUDE_CODE_USE_BEDROCK": "1", "CLAUDE_CODE_USE_FOUNDRY": "1", "CLAUDE_CODE_USE_VERTEX": "1"}
    (home / ".zshrc").write_text("".join(f"export {name}={value}\n" for name, value in env.items()))
    rc = home / ".zshrc"
    return (
        env,
        "several-providers",
        [
            "CLAUDE_CODE_USE_BEDROCK, CLAUDE_CODE_USE_FOUNDRY and CLAUDE_CODE_USE_VERTEX are on; Claude Code "
            "uses bedrock (CLAUDE_CODE_USE_BEDROCK comes first in its order: bedrock, foundry, anthropic_aws, "
            "anthropic_google_cloud, mantle, vertex) and says nothing of the others. Fix: turn off the ones "
            f"you do not mean (CLAUDE_CODE_USE_FOUNDRY in {rc}:2; CLAUDE_CODE_USE_VERTEX in {rc}:3)."
        ],
    )


def not_modelled_provider_alone_is_no_switch(home: Path) -> tuple[dict[str, str], str, list[str]]:
    # Without an app managing the session, CLAUDE_CODE_USE_GATEWAY selects nothing.
    return ({"CLAUDE_CODE_USE_GATEWAY": "1"}, "not-modelled", [])


def denied_models_outside_managed_settings(home: Path) -> tuple[dict[str, str], str, list[str]]:
    path = _settings(home, {"deniedModels": ["claude-haiku-5-5"]})
    return (
        {},
        "invalid-settings",
        [
            f"{path}: deniedModels counts only in managed settings; Claude Code ignores it here (and shows "
            "a Settings Warning when it starts). Fix: remove it, or ask an administrator to set it in "
            "managed settings."
        ],
    )


def several_providers(home: Path) -> tuple[dict[str, str], str, list[str]]:
    (home / ".zshrc").write_text("export CLAUDE_CODE_USE_VERTEX=1\n")
    env = {"CLAUDE_CODE_USE_VERTEX": "true", "CLAUDE_CODE_USE_MANTLE": "1", "CLAUDE_CODE_USE_FOUNDRY": "0"}
    return (
        env,
        "several-providers",
        [
            "CLAUDE_CODE_USE_MANTLE and CLAUDE_CODE_USE_VERTEX are on; Claude Code uses mantle "
            "(CLAUDE_CODE_USE_MANTLE comes first in its order: bedrock, foundry, anthropic_aws, "
            "anthropic_google_cloud, mantle, vertex) and says nothing of the others. Fix: turn off the ones "
            f"you do not mean (CLAUDE_CODE_USE_VERTEX in this shell's environment and {home / '.zshrc'}:1)."
        ],
    )


def several_providers_in_a_startup_file(home: Path) -> tuple[dict[str, str], str, list[str]]:
    """Switches a new terminal gets from its startup file (this shell has none): each named by
    its line alone."""
    (home / ".zshrc").write_text("export CLAUDE_CODE_USE_BEDROCK=1\nexport CLAUDE_CODE_USE_VERTEX=1\n")
    return (
        {},
        "several-providers",
        [
            "CLAUDE_CODE_USE_BEDROCK and CLAUDE_CODE_USE_VERTEX are on; Claude Code uses bedrock "
            "(CLAUDE_CODE_USE_BEDROCK comes first in its order: bedrock, foundry, anthropic_aws, "
            "anthropic_google_cloud, mantle, vertex) and says nothing of the others. Fix: turn off the ones "
            f"you do not mean (CLAUDE_CODE_USE_VERTEX in {home / '.zshrc'}:2)."
        ],
    )


def several_providers_in_a_settings_file(home: Path) -> tuple[dict[str, str], str, list[str]]:
    """A switch in a settings file is named by its key there, once."""
    path = _settings(home, {"env": {"CLAUDE_CODE_USE_VERTEX": "1"}})
    return (
        {"CLAUDE_CODE_USE_BEDROCK": "1"},
        "several-providers",
        [
            "CLAUDE_CODE_USE_BEDROCK and CLAUDE_CODE_USE_VERTEX are on; Claude Code uses bedrock "
            "(CLAUDE_CODE_USE_BEDROCK comes first in its order: bedrock, foundry, anthropic_aws, "
            "anthropic_google_cloud, mantle, vertex) and says nothing of the others. Fix: turn off the ones "
            f"you do not mean (env.CLAUDE_CODE_USE_VERTEX in {path})."
        ],
    )


def model_restricted(home: Path) -> tuple[dict[str, str], str, list[str]]:
    path = _settings(home, {"availableModels": ["sonnet"]})
    return (
        {"ANTHROPIC_MODEL": "claude-haiku-5-5"},
        "model-restricted",
        [
            f"The primary model claude-haiku-5-5 is not allowed by availableModels in {path}: Claude Code "
            'started from this shell uses claude-opus-5-5 instead (it prints \'Model "claude-haiku-5-5" is '
            "restricted by your organization's settings. Using claude-opus-5-5 instead.'). Fix: pin a model "
            "the list allows, e.g. `ccprofile set-model claude-sonnet-5-5`, or unset it."
        ],
    )


def model_restricted_on_bedrock_suggests_in_the_aws_config_files_region(
    home: Path,
) -> tuple[dict[str, str], str, list[str]]:
    (home / ".aws").mkdir()
    (home / ".aws" / "config").write_text("[default]\nregion = eu-west-1\n")
    path = _settings(home, {"availableModels": ["claude-sonnet-5-5"]})
    return (
        {"CLAUDE_CODE_USE_BEDROCK": "1", "ANTHROPIC_MODEL": "claude-haiku-5-5"},
        "model-restricted",
        [
            f"The primary model claude-haiku-5-5 is not allowed by availableModels in {path}: Claude Code "
            "started from this shell uses eu.anthropic.claude-opus-5-5 instead (it prints 'Model "
            '"claude-haiku-5-5" is restricted by your organization\'s settings. Using '
            "eu.anthropic.claude-opus-5-5 instead.'). Fix: pin a model the list allows, e.g. "
            "`ccprofile set-model eu.anthropic.claude-sonnet-5-5`, or unset it."
        ],
    )


def model_restricted_with_nothing_the_list_allows_left(home: Path) -> tuple[dict[str, str], str, list[str]]:
    """The one entry listed is denied too: no model to suggest."""
    path = home.parent / "managed" / "managed-settings.json"
    path.parent.mkdir()
    path.write_text(json.dumps({"availableModels": ["claude-sonnet-5-5"], "deniedModels": ["sonnet"]}))
    return (
        {"ANTHROPIC_MODEL": "claude-haiku-5-5"},
        "model-restricted",
        [
            f"The primary model claude-haiku-5-5 is not allowed by availableModels in {path}: Claude Code "
            'started from this shell uses claude-opus-5-5 instead (it prints \'Model "claude-haiku-5-5" is '
            "restricted by your organization's settings. Using claude-opus-5-5 instead.'). Fix: unset it, or "
            "pin a model availableModels in that file allows."
        ],
    )


def _not_restricted(lists: str, model: str) -> str:
    return (
        f"availableModels in {lists} does not apply to the background model: Claude Code still sends "
        f"titles and summaries to {model}, which the list does not name (it restricts only the primary "
        "model). Fix: if only the listed models may be used, pin one of them, e.g. `ccprofile set-fast-model "
        "claude-sonnet-5-5`, which asks first: it is no small model."
    )


def background_not_restricted_by_two_lists(home: Path) -> tuple[dict[str, str], str, list[str]]:
    user = _settings(home, {"availableModels": ["claude-sonnet-5-5"]})
    local = home / ".claude" / "settings.local.json"  # the project's (status runs with --project HOME)
    local.write_text(json.dumps({"availableModels": ["claude-opus-5-5"]}))
    return (
        {},
        "background-not-restricted",
        [_not_restricted(f"{user}, {local}", "claude-haiku-5-5")],
    )


def background_not_restricted(home: Path) -> tuple[dict[str, str], str, list[str]]:
    path = _settings(home, {"availableModels": ["sonnet"], "enforceAvailableModels": True})
    return (
        {FAST: "x-fast"},
        "background-not-restricted",
        # a new terminal's, then this shell's
        [_not_restricted(str(path), model) for model in ("claude-haiku-5-5", "x-fast")],
    )


def background_denied(home: Path) -> tuple[dict[str, str], str, list[str]]:
    managed = home.parent / "managed" / "managed-settings.json"
    managed.parent.mkdir(parents=True, exist_ok=True)
    managed.write_text(json.dumps({"deniedModels": ["claude-haiku-5-5"]}))
    return (
        {},
        "background-denied",
        [
            f"deniedModels in {managed} denies the background model claude-haiku-5-5: Claude Code sends "
            "titles and summaries to the primary model claude-opus-5-5 instead, at its price. Fix: ask the "
            "administrator to allow a small model, or pin one they allow with `ccprofile set-fast-model`."
        ],
    )


def not_modelled_subagent(home: Path) -> tuple[dict[str, str], str, list[str]]:
    # Subagents are a row of the table now: their variable is no longer a blind spot.
    _settings(home, {"env": {"CLAUDE_CODE_SUBAGENT_MODEL": "haiku"}})
    return ({}, "not-modelled", [])


def pin_overridden(home: Path) -> tuple[dict[str, str], str, list[str]]:
    _pin("set-fast-model", H45)
    path = _settings(home, {"modelOverrides": {H45: "x-haiku-profile"}})
    return (
        {},
        "pin-overridden",
        [
            f"{FAST} pins {H45} ({home}/.zshrc:4 (ccprofile's block)), but Claude Code sends x-haiku-profile: "
            f'modelOverrides in {path} maps {H45} to it. Fix: remove "{H45}" from modelOverrides in {path} if '
            f"{H45} is what you want sent."
        ],
    )


def pin_overridden_by_managed_settings(home: Path) -> tuple[dict[str, str], str, list[str]]:
    managed = home.parent / "managed" / "managed-settings.json"
    managed.parent.mkdir(parents=True, exist_ok=True)
    managed.write_text(json.dumps({"modelOverrides": {"claude-opus-5-5": "arn:aws:bedrock:x"}}))
    return (
        {PRIMARY: "opus"},
        "pin-overridden",
        [
            f"{PRIMARY} pins claude-opus-5-5 (this shell's environment), but Claude Code sends arn:aws:bedrock:x: "
            f"modelOverrides in {managed} maps claude-opus-5-5 to it. Fix: that file is an administrator's: ask "
            "them if another ID is wanted."
        ],
    )


def bedrock_region(home: Path) -> tuple[dict[str, str], str, list[str]]:
    return (
        {
            "CLAUDE_CODE_USE_BEDROCK": "1",
            "AWS_REGION": "eu-west-1",
            FAST: "us.anthropic.claude-haiku-4-5-20251001-v1:0",
        },
        "bedrock-region",
        [
            f"{FAST}=us.anthropic.claude-haiku-4-5-20251001-v1:0 (this shell's environment) cannot be called from "
            "eu-west-1 (the region Claude Code uses): Bedrock refuses every request for it there. Fix: run "
            f"`export {FAST}='eu.anthropic.claude-haiku-4-5-20251001-v1:0'` in this shell."
        ],
    )


def bedrock_region_of_the_background_requests(home: Path) -> tuple[dict[str, str], str, list[str]]:
    arn = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc"
    env = {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1", FAST: arn}
    return (
        {**env, "ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION": "us-west-2"},
        "bedrock-region",
        [
            f"{FAST}={arn} (this shell's environment) cannot be called from us-west-2 "
            "(ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION, where background requests go): Bedrock refuses every "
            "request for it there. Fix: pin an ID of us-west-2: `AWS_REGION=us-west-2 ccprofile models --provider bedrock` lists them."
        ],
    )


def bedrock_region_of_the_background_requests_by_the_haiku_variable(
    home: Path,
) -> tuple[dict[str, str], str, list[str]]:
    """Without ANTHROPIC_SMALL_FAST_MODEL the haiku variable decides the background, and goes
    to the background's region."""
    us = "us.anthropic.claude-haiku-4-5-20251001-v1:0"
    env = {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1", HAIKU: us}
    return (
        {**env, "ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION": "eu-west-1"},
        "bedrock-region",
        [
            f"{HAIKU}={us} (this shell's environment) cannot be called from eu-west-1 "
            "(ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION, where background requests go): Bedrock refuses every "
            f"request for it there. Fix: run `export {HAIKU}='eu.anthropic.claude-haiku-4-5-20251001-v1:0'` "
            "in this shell."
        ],
    )


def bedrock_region_of_an_arn_of_another_region(home: Path) -> tuple[dict[str, str], str, list[str]]:
    arn = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc"
    return (
        {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "eu-west-1", PRIMARY: arn},
        "bedrock-region",
        [
            f"{PRIMARY}={arn} (this shell's environment) cannot be called from eu-west-1 (the region Claude "
            "Code uses): Bedrock refuses every request for it there. Fix: pin an ID of eu-west-1: "
            "`AWS_REGION=eu-west-1 ccprofile models --provider bedrock` lists them."
        ],
    )


def bedrock_region_global_profile_fits_anywhere(home: Path) -> tuple[dict[str, str], str, list[str]]:
    env = {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "ca-central-1"}
    return ({**env, FAST: "global.anthropic.claude-haiku-4-5-20251001-v1:0"}, "bedrock-region", [])


def bedrock_region_declared_prefix_is_the_users_choice(home: Path) -> tuple[dict[str, str], str, list[str]]:
    # The prefix applies without a check: from eu-west-1, jp. profiles are refused, both the
    # ones Claude Code picks and a pin of one.
    env = {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "eu-west-1", "ANTHROPIC_BEDROCK_REGION_PREFIX": "jp"}
    return (
        {**env, FAST: "jp.anthropic.claude-haiku-4-5-20251001-v1:0"},
        "bedrock-region",
        [
            "ANTHROPIC_BEDROCK_REGION_PREFIX=jp (this shell's environment) makes Claude Code send jp. profiles "
            "for the models it picks, which cannot be called from eu-west-1 (the region Claude Code uses): "
            "Bedrock refuses every such request. Fix: run `unset ANTHROPIC_BEDROCK_REGION_PREFIX` in this shell.",
            f"{FAST}=jp.anthropic.claude-haiku-4-5-20251001-v1:0 (this shell's environment) cannot be called from "
            "eu-west-1 (the region Claude Code uses): Bedrock refuses every request for it there. Fix: run "
            f"`export {FAST}='eu.anthropic.claude-haiku-4-5-20251001-v1:0'` in this shell.",
        ],
    )


def bedrock_region_of_a_haiku_that_is_not_the_background_mirror(
    home: Path,
) -> tuple[dict[str, str], str, list[str]]:
    arn = "arn:aws:bedrock:us-west-2:123456789012:application-inference-profile/h"
    env = {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1", FAST: H45, HAIKU: arn}
    return (
        env,
        "bedrock-region",
        [
            f"{HAIKU}={arn} (this shell's environment) cannot be called from us-east-1 (the region Claude Code "
            "uses): Bedrock refuses every request for it there. Fix: pin an ID of us-east-1: "
            "`AWS_REGION=us-east-1 ccprofile models --provider bedrock` lists them."
        ],
    )


def bedrock_region_of_ccprofiles_settings_pin(home: Path) -> tuple[dict[str, str], str, list[str]]:
    """The place names the settings key and ccprofile's scope, and the fix is its command."""
    us = "us.anthropic.claude-haiku-4-5-20251001-v1:0"
    _pin("set-fast-model", us, "--scope", "user", "--provider", "bedrock")
    path = home / ".claude" / "settings.json"
    return (
        {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "eu-west-1"},
        "bedrock-region",
        [
            f"{FAST}={us} (env.{FAST} in {path} (ccprofile's, scope user)) cannot be called from eu-west-1 "
            "(the region Claude Code uses): Bedrock refuses every request for it there. Fix: `ccprofile "
            "set-fast-model eu.anthropic.claude-haiku-4-5-20251001-v1:0 --scope user`."
        ],
    )


def bedrock_region_declared_prefix_in_settings(home: Path) -> tuple[dict[str, str], str, list[str]]:
    path = _settings(home, {"env": {"ANTHROPIC_BEDROCK_REGION_PREFIX": "jp"}})
    return (
        {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "eu-west-1"},
        "bedrock-region",
        [
            f"ANTHROPIC_BEDROCK_REGION_PREFIX=jp (env.ANTHROPIC_BEDROCK_REGION_PREFIX in {path}) makes Claude "
            "Code send jp. profiles for the models it picks, which cannot be called from eu-west-1 (the "
            "region Claude Code uses): Bedrock refuses every such request. Fix: remove "
            f'"ANTHROPIC_BEDROCK_REGION_PREFIX" from the "env" object of {path}.'
        ],
    )


def bedrock_region_only_where_claude_is_on_bedrock(home: Path) -> tuple[dict[str, str], str, list[str]]:
    # This shell is on Bedrock in eu-west-1; a new terminal is not on Bedrock at all.
    (home / ".zshrc").write_text(
        f"export {FAST}=arn:aws:bedrock:us-west-2:123456789012:application-inference-profile/x\n"
    )
    return ({"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "eu-west-1"}, "bedrock-region", [])


def wrong_provider_fix_in_the_users_region(home: Path) -> tuple[dict[str, str], str, list[str]]:
    env = {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "eu-west-1", PRIMARY: "claude-haiku-4-5@20251001"}
    return (
        env,
        "wrong-provider-id",
        [
            f"{PRIMARY}=claude-haiku-4-5@20251001 (this shell's environment) is the vertex ID of Haiku 4.5, but "
            f"Claude Code talks to bedrock, which rejects it. Fix: run `export {PRIMARY}="
            "'eu.anthropic.claude-haiku-4-5-20251001-v1:0'` in this shell."
        ],
    )


def wrong_provider_fix_in_the_aws_config_files_region(home: Path) -> tuple[dict[str, str], str, list[str]]:
    (home / ".aws").mkdir()
    (home / ".aws" / "config").write_text("[default]\nregion = ap-southeast-2\n")
    env = {"CLAUDE_CODE_USE_BEDROCK": "1", PRIMARY: "claude-haiku-4-5@20251001"}
    return (
        env,
        "wrong-provider-id",
        [
            f"{PRIMARY}=claude-haiku-4-5@20251001 (this shell's environment) is the vertex ID of Haiku 4.5, but "
            f"Claude Code talks to bedrock, which rejects it. Fix: run `export {PRIMARY}="
            "'apac.anthropic.claude-haiku-4-5-20251001-v1:0'` in this shell."
        ],
    )


def wrong_provider_not_for_a_first_party_id_on_mantle(home: Path) -> tuple[dict[str, str], str, list[str]]:
    return {"CLAUDE_CODE_USE_MANTLE": "1", FAST: H45}, "wrong-provider-id", []  # Mantle sends its own


def wrong_provider_not_for_a_key_of_model_overrides(home: Path) -> tuple[dict[str, str], str, list[str]]:
    _settings(
        home,
        {"modelOverrides": {H45: "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/x"}},
    )
    return ({"CLAUDE_CODE_USE_BEDROCK": "1", FAST: H45}, "wrong-provider-id", [])


def wrong_provider_in_this_shell_where_new_terminals_use_a_gateway(
    home: Path,
) -> tuple[dict[str, str], str, list[str]]:
    """A gateway serves any ID, so new terminals' value is not judged; this shell's is."""
    bedrock = "us.anthropic.claude-haiku-5-5"
    (home / ".zshrc").write_text(f"export {BASE_URL}={GW}\nexport {FAST}={bedrock}\n")
    return (
        {FAST: bedrock},
        "wrong-provider-id",
        [
            f"{FAST}={bedrock} (this shell's environment) is the bedrock ID of Haiku 5.5, but Claude Code "
            f"talks to anthropic, which rejects it. Fix: run `export {FAST}='claude-haiku-5-5'` in this shell."
        ],
    )


def new_terminal_provider_once_per_file(home: Path) -> tuple[dict[str, str], str, list[str]]:
    """New terminals send the same first-party ID from two files to Bedrock: each file has its
    own fix."""
    (home / ".zshenv").write_text(f"export {HAIKU}={H45}\n")
    (home / ".zshrc").write_text(
        f"export CLAUDE_CODE_USE_BEDROCK=1 AWS_REGION=eu-west-1\nexport {FAST}={H45}\n"
    )
    eu = "eu.anthropic.claude-haiku-4-5-20251001-v1:0"
    said = (
        "is the anthropic, anthropic_aws, anthropic_google_cloud, gateway ID of Haiku 4.5, but a claude "
        "started from a new terminal talks to bedrock, which rejects it. This shell's talks to anthropic. "
    )
    return (
        {FAST: H45, HAIKU: H45},
        "new-terminal-provider",
        [
            f"{FAST}={H45} ({home}/.zshrc:2) {said}Fix: change line 2 of {home}/.zshrc to `export {FAST}='{eu}'`.",
            f"{HAIKU}={H45} ({home}/.zshenv:1) {said}Fix: change line 1 of {home}/.zshenv to `export {HAIKU}='{eu}'`.",
        ],
    )


def wrong_provider_after_a_first_party_id_on_mantle(home: Path) -> tuple[dict[str, str], str, list[str]]:
    """Mantle translates the first-party background ID; the Vertex primary after it is still judged."""
    vertex = "claude-sonnet-4-5@20250929"
    return (
        {MANTLE: "1", FAST: H45, PRIMARY: vertex},
        "wrong-provider-id",
        [
            f"{PRIMARY}={vertex} (this shell's environment) is the vertex ID of Sonnet 4.5, but Claude Code "
            "talks to mantle, which rejects it. Fix: Sonnet 4.5 has no mantle ID."
        ],
    )


def bedrock_region_of_a_primary_after_a_background_said_for_new_terminals(
    home: Path,
) -> tuple[dict[str, str], str, list[str]]:
    """The background's warning is given once for both starts; this shell's own primary after it
    is still judged."""
    eu_haiku = "eu.anthropic.claude-haiku-4-5-20251001-v1:0"
    eu_sonnet = "eu.anthropic.claude-sonnet-4-5-20250929-v1:0"
    (home / ".zshrc").write_text(
        f"export CLAUDE_CODE_USE_BEDROCK=1 AWS_REGION=us-east-1\nexport {FAST}={eu_haiku}\n"
    )
    env = {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1", FAST: eu_haiku, PRIMARY: eu_sonnet}
    us = "us.anthropic.claude-{}-v1:0"
    return (
        env,
        "bedrock-region",
        [
            f"{FAST}={eu_haiku} ({home}/.zshrc:2) cannot be called from us-east-1 (the region Claude Code "
            f"uses): Bedrock refuses every request for it there. Fix: change line 2 of {home}/.zshrc to "
            f"`export {FAST}='{us.format('haiku-4-5-20251001')}'`.",
            f"{PRIMARY}={eu_sonnet} (this shell's environment) cannot be called from us-east-1 (the region "
            "Claude Code uses): Bedrock refuses every request for it there. Fix: run "
            f"`export {PRIMARY}='{us.format('sonnet-4-5-20250929')}'` in this shell.",
        ],
    )


def login_shells_differ_without_a_file_both_read(home: Path) -> tuple[dict[str, str], str, list[str]]:
    """A login bash reads ~/.bash_profile and a new terminal ~/.bashrc: no file both read, so no
    fix that pins "where both read"."""
    (home / ".bash_profile").write_text(f"export {FAST}={H45}\n")
    return (
        {},
        "login-shells-differ",
        [
            "A login bash (ssh; tmux or `bash -l` started where the pin is not set) gets "
            f"{H45} for the background model (~/.bash_profile:1), where a new terminal gets claude-haiku-5-5 "
            "(Claude Code's default)."
        ],
    )


CASES: dict[str, tuple[Case, str]] = {
    case.__name__: (case, shell)
    for case, shell in [
        (settings_override, "zsh"),
        (settings_override_of_this_shell, "zsh"),
        (not_loaded, "zsh"),
        (stale_one, "zsh"),
        (stale_two_fish, "fish"),
        (stale_past_a_line_ccprofile_cannot_follow, "zsh"),
        (shadowed, "zsh"),
        (fallback_gateway, "zsh"),
        (fallback_gateway_with_token, "zsh"),
        (fallback_gateway_anthropic_key, "zsh"),
        (fallback_bedrock, "zsh"),
        (alias_in_a_startup_file, "zsh"),
        (alias_in_this_shell, "zsh"),
        (default_is_sent_as_it_is, "zsh"),
        (retired_with_date, "zsh"),
        (retired_without_date_in_the_block, "zsh"),
        (retired_above_the_block, "zsh"),
        (wrong_provider, "zsh"),
        (wrong_provider_without_an_id, "zsh"),
        (crlf, "zsh"),
        (invalid_settings, "zsh"),
        (not_loaded_only_the_primary, "zsh"),
        (shadowed_after_a_repeat, "zsh"),
        (shadowed_primary_alone, "zsh"),
        (alias_with_no_id_on_the_provider, "zsh"),
        (fallback_gateway_pinned_only_in_new_terminals, "zsh"),
        (fallback_gateway_pinned_only_in_this_shell, "zsh"),
        (fallback_gateway_with_its_own_key, "zsh"),
        (alias_in_the_second_variable, "zsh"),
        (retired_primary_after_a_current_background, "zsh"),
        (wrong_provider_in_a_hand_written_export, "zsh"),
        (a_gateway_serves_any_id, "zsh"),
        (wrong_provider_after_a_right_one, "zsh"),
        (wrong_provider_in_a_new_terminal, "zsh"),
        (an_arn_in_a_new_terminal, "zsh"),
        (new_terminal_provider_fix_gives_vertex_its_region_and_project, "zsh"),
        (an_arn_on_a_provider_that_takes_none, "zsh"),
        (new_terminal_provider_fix_in_the_new_terminals_region, "zsh"),
        (new_terminal_provider_fix_names_only_what_new_terminals_miss, "zsh"),
        (bedrock_region_judged_in_each_starts_region, "zsh"),
        (new_terminal_provider_not_claimed_where_the_reading_is_uncertain, "zsh"),
        (new_terminal_provider_not_claimed_where_the_inherited_environment_is_unknown, "zsh"),
        (unknown_model_in_the_block, "zsh"),
        (unknown_model_nothing_near, "zsh"),
        (unknown_model_twice, "zsh"),
        (costly_background_in_settings, "zsh"),
        (retired_in_the_model_key, "zsh"),
        (costly_background_over_a_retired_shell_pin, "zsh"),
        (unknown_model_in_the_model_key, "zsh"),
        (wrong_provider_in_the_model_key, "zsh"),
        (model_key_beaten_by_the_variable_is_not_judged, "zsh"),
        (costly_background_in_the_second_variable, "zsh"),
        (costly_background_pinned_by_ccprofile, "zsh"),
        (stale_beaten_by_settings, "zsh"),
        (stale_both_background_variables, "zsh"),
        (retired_in_both_the_shell_and_settings, "zsh"),
        (not_modelled_provider, "zsh"),
        (not_modelled_provider_alone_is_no_switch, "zsh"),
        (denied_models_outside_managed_settings, "zsh"),
        (several_providers, "zsh"),
        (several_providers_in_a_startup_file, "zsh"),
        (several_providers_in_a_settings_file, "zsh"),
        (several_providers_three_here_and_in_new_terminals, "zsh"),
        (not_modelled_provider_here_and_in_new_terminals, "zsh"),
        (model_restricted, "zsh"),
        (background_not_restricted, "zsh"),
        (model_restricted_on_bedrock_suggests_in_the_aws_config_files_region, "zsh"),
        (model_restricted_with_nothing_the_list_allows_left, "zsh"),
        (background_not_restricted_by_two_lists, "zsh"),
        (background_denied, "zsh"),
        (not_modelled_subagent, "zsh"),
        (pin_overridden, "zsh"),
        (pin_overridden_by_managed_settings, "zsh"),
        (bedrock_region, "zsh"),
        (bedrock_region_of_the_background_requests, "zsh"),
        (bedrock_region_of_the_background_requests_by_the_haiku_variable, "zsh"),
        (bedrock_region_of_an_arn_of_another_region, "zsh"),
        (bedrock_region_global_profile_fits_anywhere, "zsh"),
        (bedrock_region_declared_prefix_is_the_users_choice, "zsh"),
        (bedrock_region_of_a_haiku_that_is_not_the_background_mirror, "zsh"),
        (bedrock_region_only_where_claude_is_on_bedrock, "zsh"),
        (bedrock_region_of_ccprofiles_settings_pin, "zsh"),
        (bedrock_region_declared_prefix_in_settings, "zsh"),
        (wrong_provider_fix_in_the_users_region, "zsh"),
        (wrong_provider_not_for_a_key_of_model_overrides, "zsh"),
        (wrong_provider_fix_in_the_aws_config_files_region, "zsh"),
        (wrong_provider_not_for_a_first_party_id_on_mantle, "zsh"),
        (login_shells_differ_without_a_file_both_read, "bash"),
        (wrong_provider_in_this_shell_where_new_terminals_use_a_gateway, "zsh"),
        (new_terminal_provider_once_per_file, "zsh"),
        (wrong_provider_after_a_first_party_id_on_mantle, "zsh"),
        (bedrock_region_of_a_primary_after_a_background_said_for_new_terminals, "zsh"),
    ]
}


@pytest.mark.parametrize("name", list(CASES))
def test_warning_word_for_word(home: Path, name: str) -> None:
    case, shell = CASES[name]
    env, code, expected = case(home)
    assert _messages(_report(home, env, shell), code) == expected


def test_a_shadowed_pin_is_not_also_reported_as_not_loaded(home: Path) -> None:
    shadowed(home)
    assert [w["code"] for w in _report(home, {})["warnings"]] == ["shadowed", "shadowed"]


def test_a_teams_committed_file_is_never_the_fix_a_personal_scope_is(home: Path) -> None:
    """The project's .claude/settings.json beats the shell pin: the fix is `--scope local`,
    which beats it for this user alone, not an edit of the team's file; managed settings are
    the administrator's to change."""
    _pin("set-fast-model", H45)
    repo = home / "repo"
    team = repo / ".claude" / "settings.json"
    team.parent.mkdir(parents=True)
    team.write_text(json.dumps({"env": {FAST: H55}}))
    result = runner.invoke(app, ["status", "--json", "--shell", "zsh", "--project", str(repo)])
    (message,) = _messages(json.loads(result.output), "settings-override")
    assert message == (
        f"{FAST}={H45} from {home}/.zshrc:4 has no effect: env.{FAST} in {team} sets '{H55}', and settings "
        f"beat the shell. Fix: {team} is the project's shared file (committed for the team), so pin yours "
        f"in your own: `ccprofile set-fast-model {H45} --scope local --project {repo}` (it beats the "
        "project's file for you alone)."
    )
    # Following the fix makes the pin win.
    followed = runner.invoke(
        app, ["set-fast-model", H45, "--scope", "local", "--project", str(repo), "--shell", "zsh"]
    )
    assert followed.exit_code == 0, followed.output
    after = json.loads(
        runner.invoke(app, ["status", "--json", "--shell", "zsh", "--project", str(repo)]).output
    )
    assert after["background"]["new_shell"]["model"] == H45


def test_a_shadowing_line_in_a_later_file_is_not_moved_above_the_block(home: Path) -> None:
    _pin("set-fast-model", H45)
    with (home / ".zshrc").open("a") as handle:
        handle.write("source ~/.later.zsh\n")
    (home / ".later.zsh").write_text(f"export ANTHROPIC_SMALL_FAST_MODEL={H55}; export ANTHROPIC_MODEL=x\n")
    assert _messages(_report(home, {}), "shadowed") == [
        f"{home}/.later.zsh:1 sets '{H55}' after the ccprofile block, so the pin {FAST}={H45} does not reach "
        f"new terminals. Fix: take the {FAST} assignment out of line 1 of {home}/.later.zsh (a file read "
        f"after {home}/.zshrc, which holds the block)."
    ]


def test_an_alias_recorded_without_being_observed_is_flagged(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every alias of the recorded releases was observed; one a later release records from the
    docs alone is shown with a warning that says so."""
    import copy

    from ccprofile.claude import catalog

    raw = copy.deepcopy(catalog._raw())
    raw["releases"][-1]["aliases"]["opusplan"] = {"same_as": "sonnet", "verified": False}
    monkeypatch.setattr(catalog, "_raw", lambda: raw)
    catalog.load.cache_clear()
    try:
        _settings(home, {"model": "opusplan"})
        assert _messages(_report(home, {}), "unverified-alias") == [
            "The primary model is the alias 'opusplan'; ccprofile shows claude-sonnet-5-5, but what Claude Code "
            "makes of this alias was not verified. Pin an exact ID to be sure."
        ]
        _settings(home, {"model": "sonnet"})
        assert _messages(_report(home, {}), "unverified-alias") == []
    finally:
        catalog.load.cache_clear()


def _stale(variable: str, value: str, keep: str | None, uses: str = "uses") -> str:
    kept = (
        "."
        if keep is None
        else f"; to keep the model it gives claude, `{keep}` pins it for new terminals too."
    )
    return (
        f"This shell has {variable}={value}, but a new terminal will not: no startup file sets it and new "
        f"terminals do not inherit it. A claude started from this shell {uses} it; one started from a new "
        f"terminal does not. Fix: run `unset {variable}` in this shell if it is left over{kept}"
    )


SET_MODEL = "ccprofile set-model"


@pytest.mark.parametrize(
    ("env", "settings", "keep"),
    [
        # A sound value is offered: any current model for the primary, a small one for the background.
        pytest.param(
            {PRIMARY: "claude-opus-5-5"}, None, f"{SET_MODEL} claude-opus-5-5", id="current-primary"
        ),
        pytest.param({FAST: "claude-opus-5-5"}, None, None, id="a-large-background"),
        pytest.param({PRIMARY: "claude-3-5-sonnet-20241022"}, None, None, id="retired"),
        pytest.param({PRIMARY: "my-model"}, None, None, id="unknown-on-anthropic"),
        # A gateway's names are its own: an unknown one is no typo, a retired one still is.
        pytest.param({BASE_URL: GW, PRIMARY: "my-model"}, None, f"{SET_MODEL} my-model", id="gateway-name"),
        pytest.param({BASE_URL: GW, PRIMARY: "claude-3-5-sonnet-20241022"}, None, None, id="gateway-retired"),
        # availableModels restricts the primary model only, after resolving an alias.
        pytest.param(
            {PRIMARY: "claude-sonnet-5-5"},
            {"availableModels": ["sonnet"]},
            f"{SET_MODEL} claude-sonnet-5-5",
            id="allowed",
        ),
        pytest.param(
            {PRIMARY: "sonnet"}, {"availableModels": ["sonnet"]}, f"{SET_MODEL} sonnet", id="alias-allowed"
        ),
        pytest.param(
            {FAST: H45},
            {"availableModels": ["sonnet"]},
            f"ccprofile set-fast-model {H45}",
            id="the-background-is-not-restricted",
        ),
        # Mantle sends its own ID for a first-party one, which the list allows; ccprofile pins
        # only Mantle's own form there.
        pytest.param(
            {MANTLE: "1", PRIMARY: "claude-opus-5-5"}, {"availableModels": ["opus"]}, None, id="mantle"
        ),
        pytest.param(
            {MANTLE: "1", PRIMARY: "anthropic.claude-opus-5-5"},
            {"availableModels": ["opus"]},
            f"{SET_MODEL} anthropic.claude-opus-5-5",
            id="mantle-own-id",
        ),
    ],
)
def test_a_left_over_value_is_offered_as_a_pin_only_when_it_is_sound(
    home: Path, env: dict[str, str], settings: dict[str, object] | None, keep: str | None
) -> None:
    if settings is not None:
        _settings(home, settings)
    variable, value = next((k, v) for k, v in env.items() if k in (FAST, PRIMARY))
    assert _messages(_report(home, env), "stale-in-this-shell") == [_stale(variable, value, keep)]


@pytest.mark.parametrize("value", ["claude-haiku-5-5", "opus"])
def test_a_left_over_primary_the_policy_replaces_is_asked_for_and_not_offered(home: Path, value: str) -> None:
    """opus too, though the default it is replaced by is Opus: the value is refused all the same."""
    _settings(home, {"availableModels": ["sonnet"]})
    assert _messages(_report(home, {PRIMARY: value}), "stale-in-this-shell") == [
        _stale(PRIMARY, value, None, uses="asks for")
    ]


@pytest.mark.parametrize(
    ("allowed", "keep"),
    [("eu.anthropic.claude-opus-5-5", f"{SET_MODEL} opus"), ("us.anthropic.claude-opus-5-5", None)],
)
def test_on_bedrock_the_policy_judges_an_alias_in_the_aws_config_files_region(
    home: Path, allowed: str, keep: str | None
) -> None:
    (home / ".aws").mkdir()
    (home / ".aws" / "config").write_text("[default]\nregion = eu-west-1\n")
    _settings(home, {"availableModels": [allowed]})
    env = {"CLAUDE_CODE_USE_BEDROCK": "1", PRIMARY: "opus"}
    uses = "uses" if keep else "asks for"  # refused, though the default that replaces it is Opus too
    assert _messages(_report(home, env), "stale-in-this-shell") == [_stale(PRIMARY, "opus", keep, uses)]


SUB, RETIRED_HAIKU = "CLAUDE_CODE_SUBAGENT_MODEL", "claude-3-haiku-20240307"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        # Subagents told to inherit use the primary model: there is no model ID to judge.
        pytest.param({SUB: "inherit"}, [], id="subagents-inherit"),
        pytest.param(
            {SUB: "inherit", PRIMARY: RETIRED_HAIKU},
            [
                (
                    "retired-model",
                    f"{PRIMARY}={RETIRED_HAIKU} (this shell's environment) was retired; requests with it "
                    f"fail. Fix: run `export {PRIMARY}='{H55}'` in this shell.",
                )
            ],
            id="the-primary-is-still-judged",
        ),
        pytest.param(
            {SUB: RETIRED_HAIKU},
            [
                (
                    "retired-model",
                    f"{SUB}={RETIRED_HAIKU} (this shell's environment) was retired; requests with it fail. "
                    f"Fix: run `export {SUB}='{H55}'` in this shell.",
                )
            ],
            id="a-subagent-model-is-judged",
        ),
        # Only the subagent variable takes `inherit`: anywhere else it is a model ID nobody serves.
        pytest.param(
            {FAST: "inherit"},
            [
                (
                    "unknown-model",
                    f"{FAST}=inherit (this shell's environment) is not an ID the catalog of Claude Code 2.1.332 "
                    "knows for anthropic; Claude Code sends it as it is, and the provider rejects an ID it "
                    "does not serve. Fix: pin an ID from `ccprofile models` there.",
                )
            ],
            id="inherit-elsewhere",
        ),
    ],
)
def test_inherit_is_judged_only_as_the_subagents_choice(
    home: Path, env: dict[str, str], expected: list[tuple[str, str]]
) -> None:
    warnings = _report(home, env)["warnings"]
    assert [(w["code"], w["message"]) for w in warnings if w["code"] != "stale-in-this-shell"] == expected


def test_a_retired_pin_ccprofile_wrote_in_settings_is_named_as_its_and_fixed_with_its_command(
    home: Path,
) -> None:
    _pin("set-fast-model", RETIRED_HAIKU, "--scope", "user", "--force")
    path = home / ".claude" / "settings.json"
    assert _messages(_report(home, {}), "retired-model") == [
        f"{name}={RETIRED_HAIKU} (env.{name} in {path} (ccprofile's, scope user)) was retired; requests "
        f"with it fail. Fix: `ccprofile set-fast-model {H55} --scope user`."
        for name in (FAST, HAIKU)
    ]


def test_a_retired_settings_value_over_a_large_background_pin_is_replaced_not_removed(home: Path) -> None:
    """Removing the settings value would let the shell's pin win, but a large model is no
    sound background pin: the fix sets the newest small model in the settings file instead."""
    (home / ".zshrc").write_text(f"export {FAST}=claude-opus-5-5\n")
    path = _settings(home, {"env": {FAST: RETIRED_HAIKU}})
    assert _messages(_report(home, {FAST: "claude-opus-5-5"}), "retired-model") == [
        f"{FAST}={RETIRED_HAIKU} (env.{FAST} in {path}) was retired; requests with it fail. "
        f'Fix: set "{FAST}" to "{H55}" in the "env" object of {path}.'
    ]


def test_a_retired_value_in_a_teams_file_over_a_sound_shell_pin_keeps_that_pin_for_you(home: Path) -> None:
    (home / ".zshrc").write_text(f"export {FAST}={H45}\n")
    repo = home / "repo"
    (repo / ".git").mkdir(parents=True)
    path = _settings(repo, {"env": {FAST: RETIRED_HAIKU}})
    result = runner.invoke(
        app, ["status", "--json", "--shell", "zsh", "--project", str(repo)], env={FAST: H45}
    )
    assert _messages(json.loads(result.stdout), "retired-model") == [
        f"{FAST}={RETIRED_HAIKU} (env.{FAST} in {path}) was retired; requests with it fail. Fix: {path} is the "
        "project's shared file (committed for the team), so pin yours in your own: "
        f"`ccprofile set-fast-model {H45} --scope local --project {repo}` (it beats the project's file for "
        "you alone)."
    ]


# --- drift: the expected pins of a repository (.ccprofile.toml), in-process -----------------
# test_teams.py runs the same situations through the installed program, as a CI job does; these
# run status in this process, where the mutation run sees them.

EXPECTED = f'fast-model = "{H45}"\nscope = "project"\n'


def _repository(home: Path, expect: str = EXPECTED) -> Path:
    repo = home / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".ccprofile.toml").write_text(expect)
    return repo


def _drifts(home: Path, start: Path, *args: str) -> list[str]:
    result = runner.invoke(
        app, ["status", "--json", "--check", "--shell", "zsh", "--project", str(start), *args], env={}
    )
    assert result.exit_code == 1, result.output
    return _messages(json.loads(result.stdout), "drift")


def _file(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data))
    return path


BOTH = "this shell or a new terminal"
DEFAULT = f"uses {H55}: nothing pins it, so Claude Code uses its default"


def test_a_drift_from_the_default_pins_in_the_expected_scope(home: Path) -> None:
    repo = _repository(home)
    assert _drifts(home, repo) == [
        f"Expected the background model {H45} ({repo}/.ccprofile.toml:1), but a claude started from {BOTH} "
        f"{DEFAULT}. Fix: `ccprofile set-fast-model {H45} --scope project`."
    ]


def test_without_a_shell_a_drift_is_told_once_for_the_claude_started_here(home: Path) -> None:
    repo = _repository(home)
    result = runner.invoke(
        app,
        ["status", "--json", "--check", "--project", str(repo), "--expect-model", "claude-sonnet-5-5"],
        env={"CI": "true", "SHELL": None},
    )
    assert _messages(json.loads(result.stdout), "drift") == [
        f"Expected the background model {H45} ({repo}/.ccprofile.toml:1), but a claude started from here "
        f"{DEFAULT}. Fix: `ccprofile set-fast-model {H45} --scope project`.",
        "Expected the primary model claude-sonnet-5-5 (--expect-model), but a claude started from here uses "
        "claude-opus-5-5: nothing pins it, so Claude Code uses its default. "
        "Fix: `ccprofile set-model claude-sonnet-5-5 --scope project`.",
    ]


def test_a_drift_of_the_primary_model_stated_on_the_command_line(home: Path) -> None:
    repo = home / "repo"
    repo.mkdir()
    assert _drifts(home, repo, "--expect-model", "claude-sonnet-4-5-20250929") == [
        f"Expected the primary model claude-sonnet-4-5-20250929 (--expect-model), but a claude started from "
        f"{BOTH} uses claude-opus-5-5: nothing pins it, so Claude Code uses its default. "
        "Fix: `ccprofile set-model claude-sonnet-4-5-20250929 --scope project`."
    ]


def test_a_wrong_value_in_the_expected_file_is_changed_there(home: Path) -> None:
    repo = _repository(home)
    project = _file(repo / ".claude" / "settings.json", {"env": {FAST: H55}})
    assert _drifts(home, repo) == [
        f"Expected the background model {H45} ({repo}/.ccprofile.toml:1), but a claude started from {BOTH} "
        f"uses {H55}, set by env.{FAST} in {project}. "
        f'Fix: set "{FAST}" to "{H45}" in the "env" object of {project}.'
    ]


@pytest.mark.parametrize(
    ("where", "fix"),
    [
        pytest.param("user", "Fix: `ccprofile set-fast-model {id} --scope project`.", id="lower-place"),
        pytest.param(
            "local",
            "Fix: `ccprofile set-fast-model {id} --scope project`, then remove "
            '"{var}" from the "env" object of {path}.',
            id="higher-place",
        ),
    ],
)
def test_the_right_model_from_another_place_is_a_scope_drift(home: Path, where: str, fix: str) -> None:
    repo = _repository(home)
    folder = home / ".claude" if where == "user" else repo / ".claude"
    path = _file(
        folder / ("settings.json" if where == "user" else "settings.local.json"), {"env": {FAST: H45}}
    )
    assert _drifts(home, repo) == [
        f"Expected the background model from project settings ({repo}/.ccprofile.toml:2), but a claude "
        f"started from {BOTH} uses {H45}, set by env.{FAST} in {path}. "
        + fix.format(id=H45, var=FAST, path=path)
    ]


@pytest.mark.parametrize(
    "project",
    [
        pytest.param({"env": {FAST: H45}}, id="valid"),
        # Only the wrong key is ignored: the file still pins, so it needs no repair first.
        pytest.param({"env": {FAST: H45}, "model": 5}, id="partly-ignored"),
    ],
)
def test_a_higher_place_that_beats_the_expected_pin_is_removed(
    home: Path, project: dict[str, object]
) -> None:
    repo = _repository(home)
    _file(repo / ".claude" / "settings.json", project)
    local = _file(repo / ".claude" / "settings.local.json", {"env": {FAST: H55}})
    assert _drifts(home, repo) == [
        f"Expected the background model {H45} ({repo}/.ccprofile.toml:1), but a claude started from {BOTH} "
        f'uses {H55}, set by env.{FAST} in {local}. Fix: remove "{FAST}" from the "env" object of {local}.'
    ]


def test_an_invalid_expected_file_is_repaired_first(home: Path) -> None:
    repo = _repository(home)
    (repo / ".claude").mkdir()
    (repo / ".claude" / "settings.json").write_text("{,}\n")
    assert _drifts(home, repo) == [
        f"Expected the background model {H45} ({repo}/.ccprofile.toml:1), but a claude started from {BOTH} "
        f"{DEFAULT}. Fix: repair {repo}/.claude/settings.json first (not valid JSON: Expecting property name "
        "enclosed in double quotes at line 1 column 2; ignored)."
    ]


def test_from_a_subdirectory_the_fix_is_where_claude_reads_settings(home: Path) -> None:
    repo = _repository(home, f'fast-model = "{H45}"\n')
    src = repo / "src"
    src.mkdir()
    assert _drifts(home, src) == [
        f"Expected the background model {H45} ({repo}/.ccprofile.toml:1), but a claude started from {BOTH} "
        f"{DEFAULT}. Fix: `ccprofile set-fast-model {H45} --scope project --project {src}`."
    ]
    _file(repo / ".claude" / "settings.json", {"env": {FAST: H45}})
    assert _drifts(home, src) == [
        f"Expected the background model {H45} ({repo}/.ccprofile.toml:1), but a claude started from {BOTH} "
        f"uses {H55}: nothing it reads pins it. Fix: start claude in {repo}, whose settings pin it."
    ]


def test_a_shell_scope_drift_differs_between_this_shell_and_a_new_terminal(home: Path) -> None:
    repo = _repository(home, f'fast-model = "{H45}"\nscope = "shell"\n')
    (home / ".zshrc").write_text(f"export {FAST}={H55}\n")
    assert _drifts(home, repo) == [
        f"Expected the background model {H45} ({repo}/.ccprofile.toml:1), but a claude started from this shell "
        f"{DEFAULT}. Fix: `ccprofile set-fast-model {H45} --shell zsh`, then run `source {home}/.zshrc` in this shell (or "
        "open a new terminal).",
        f"Expected the background model {H45} ({repo}/.ccprofile.toml:1), but a claude started from a new "
        f"terminal uses {H55}, set by {home}/.zshrc:1. Fix: change line 1 of {home}/.zshrc to "
        f"`export {FAST}='{H45}'`.",
    ]


def test_a_pin_that_model_overrides_rewrites_is_fixed_in_model_overrides(home: Path) -> None:
    """The pin is the expected one; modelOverrides sends another ID. The fix once said to set
    the pin to the value it already had."""
    repo = _repository(home)
    path = _file(repo / ".claude" / "settings.json", {"env": {FAST: H45}, "modelOverrides": {H45: H55}})
    assert _drifts(home, repo) == [
        f"Expected the background model {H45} ({repo}/.ccprofile.toml:1), but a claude started from {BOTH} "
        f"uses {H55}, which modelOverrides in {path} sends for {H45} set by env.{FAST} in {path}. "
        f'Fix: remove "{H45}" from modelOverrides in {path} if {H45} is what you want sent.'
    ]


PIN_STEP, LOAD_STEP = (
    f"`ccprofile set-fast-model {H45} --shell zsh`",
    "run `source {zshrc}` in this shell (or open a new terminal)",
)


@pytest.mark.parametrize(
    ("zshrc", "env", "steps"),
    [
        pytest.param("", {}, [PIN_STEP, "remove", LOAD_STEP], id="nothing-pins-it"),
        pytest.param(f"export {FAST}={H45}\n", {FAST: H45}, ["remove"], id="startup-file-and-this-shell"),
        # This shell has it, a new terminal does not: removing the settings value alone leaves
        # a new terminal on the default, so the pin comes first.
        pytest.param("", {FAST: H45}, [PIN_STEP, "remove"], id="only-this-shell"),
        pytest.param(f"export {FAST}=\n", {FAST: H45}, [PIN_STEP, "remove"], id="a-new-terminal-clears-it"),
        # A new terminal has it, this shell does not (or has another value): pinning again
        # changes nothing; loading the file does.
        pytest.param(f"export {FAST}={H45}\n", {}, ["remove", LOAD_STEP], id="not-loaded"),
        pytest.param(f"export {FAST}={H45}\n", {FAST: H55}, ["remove", LOAD_STEP], id="a-left-over-value"),
        pytest.param(f"export {FAST}=sonnet\n", {}, [PIN_STEP, "remove", LOAD_STEP], id="another-value"),
    ],
)
def test_a_shell_scope_pin_beaten_by_settings_is_freed_only_where_every_claude_then_has_it(
    home: Path, zshrc: str, env: dict[str, str], steps: list[str]
) -> None:
    repo = _repository(home, f'fast-model = "{H45}"\nscope = "shell"\n')
    (home / ".zshrc").write_text(zshrc)
    user = _settings(home, {"env": {FAST: H55}})
    removal = f'remove "{FAST}" from the "env" object of {user}'
    words = [removal if step == "remove" else step.format(zshrc=home / ".zshrc") for step in steps]
    result = runner.invoke(
        app, ["status", "--json", "--check", "--shell", "zsh", "--project", str(repo)], env=env
    )
    assert _messages(json.loads(result.stdout), "drift") == [
        f"Expected the background model {H45} ({repo}/.ccprofile.toml:1), but a claude started from {BOTH} "
        f"uses {H55}, set by env.{FAST} in {user}. Fix: {', then '.join(words)}."
    ]


@pytest.mark.parametrize(
    ("later", "taken"),
    [
        pytest.param(f"unset {FAST} {HAIKU}\n", [1], id="both-removed"),
        pytest.param(f"unset {FAST}\n", [1], id="one-removed"),
        # A repeat gives the pin; another model and a removal after it take it back.
        pytest.param(
            f"export {FAST}={H45}\nexport {FAST}=claude-3-5-haiku-20241022\nunset {FAST}\n",
            [2, 3],
            id="several",
        ),
    ],
)
def test_a_shell_scope_pin_taken_back_after_the_block_is_freed_by_taking_those_lines_out(
    home: Path, later: str, taken: list[int]
) -> None:
    """Pinning again would change nothing: the block already pins it, and later lines take it
    back (the shadowed warning's cause); every one that does is named, not the first."""
    repo = _repository(home, f'fast-model = "{H45}"\nscope = "shell"\n')
    _pin("set-fast-model", H45)
    zshrc = home / ".zshrc"
    block_end = len(zshrc.read_text().splitlines())
    with zshrc.open("a") as rc:
        rc.write(later)
    user = _settings(home, {"env": {FAST: H55}})
    lines = ", ".join(f"line {block_end + n} of {zshrc}" for n in taken)
    assert _drifts(home, repo) == [
        f"Expected the background model {H45} ({repo}/.ccprofile.toml:1), but a claude started from {BOTH} "
        f"uses {H55}, set by env.{FAST} in {user}. Fix: take the {FAST} {'lines' if len(taken) > 1 else 'line'} "
        f'after the block out ({lines}), then remove "{FAST}" from the "env" object of {user}, then run '
        f"`source {zshrc}` in this shell (or open a new terminal)."
    ]


@pytest.mark.parametrize("here", ["sonnet", "opus"])
def test_a_shell_scope_alias_that_gives_the_expected_model_is_held(home: Path, here: str) -> None:
    """The alias is resolved, in the startup file and in this shell: `sonnet` gives the expected
    model and needs no loading; `opus` here gives another, and the fix loads the file."""
    repo = _repository(home, 'model = "claude-sonnet-5-5"\nscope = "shell"\n')
    (home / ".zshrc").write_text(f"export {PRIMARY}=sonnet\n")
    user = _settings(home, {"env": {PRIMARY: "claude-opus-5-5"}})
    result = runner.invoke(
        app,
        ["status", "--json", "--check", "--shell", "zsh", "--project", str(repo)],
        env={PRIMARY: here},
    )
    load = (
        ""
        if here == "sonnet"
        else f", then run `source {home}/.zshrc` in this shell (or open a new terminal)"
    )
    assert _messages(json.loads(result.stdout), "drift") == [
        f"Expected the primary model claude-sonnet-5-5 ({repo}/.ccprofile.toml:1), but a claude started from "
        f"{BOTH} uses claude-opus-5-5, set by env.{PRIMARY} in {user}. "
        f'Fix: remove "{PRIMARY}" from the "env" object of {user}{load}.'
    ]


@pytest.mark.parametrize(("later", "steps"), [(H55, "changed"), (H45, "repeated")])
def test_a_later_line_after_a_shell_scope_block_is_taken_out_only_if_it_changes_the_pin(
    home: Path, later: str, steps: str
) -> None:
    repo = _repository(home, f'fast-model = "{H45}"\nscope = "shell"\n')
    _pin("set-fast-model", H45)
    with (home / ".zshrc").open("a") as rc:
        rc.write(f"export {FAST}={later}\n")
    line = len((home / ".zshrc").read_text().splitlines())
    user = _settings(home, {"env": {FAST: "claude-opus-5-5"}})
    removal = f'remove "{FAST}" from the "env" object of {user}'
    fix = (
        f"take the {FAST} line after the block out (line {line} of {home}/.zshrc), then {removal}, then run "
        f"`source {home}/.zshrc` in this shell (or open a new terminal)"
        if steps == "changed"
        else removal
    )
    result = runner.invoke(
        app, ["status", "--json", "--check", "--shell", "zsh", "--project", str(repo)], env={FAST: later}
    )
    assert _messages(json.loads(result.stdout), "drift") == [
        f"Expected the background model {H45} ({repo}/.ccprofile.toml:1), but a claude started from {BOTH} "
        f"uses claude-opus-5-5, set by env.{FAST} in {user}. Fix: {fix}."
    ]


def test_a_background_alias_in_the_shell_is_no_pin_of_the_model_it_names(home: Path) -> None:
    """Claude Code sends a background value as it is: `haiku` there is no Haiku pin."""
    repo = _repository(home, f'fast-model = "{H55}"\nscope = "shell"\n')
    (home / ".zshrc").write_text(f"export {FAST}=haiku\n")
    user = _settings(home, {"env": {FAST: "claude-sonnet-4-5-20250929"}})
    result = runner.invoke(
        app, ["status", "--json", "--check", "--shell", "zsh", "--project", str(repo)], env={FAST: "haiku"}
    )
    assert _messages(json.loads(result.stdout), "drift") == [
        f"Expected the background model {H55} ({repo}/.ccprofile.toml:1), but a claude started from {BOTH} "
        f"uses claude-sonnet-4-5-20250929, set by env.{FAST} in {user}. Fix: `ccprofile set-fast-model {H55} --shell zsh`, "
        f'then remove "{FAST}" from the "env" object of {user}, then run `source {home}/.zshrc` in this shell '
        "(or open a new terminal)."
    ]


@pytest.mark.parametrize("beaten_by_the_model_key", [False, True])
def test_a_shell_scope_pin_this_shell_has_not_loaded_is_loaded_not_pinned_again(
    home: Path, beaten_by_the_model_key: bool
) -> None:
    """Pinning again would change nothing. ANTHROPIC_MODEL beats the settings' model key, so
    that key needs no removal either."""
    sonnet = "claude-sonnet-4-5-20250929"
    repo = _repository(home, f'model = "{sonnet}"\nscope = "shell"\n')
    _pin("set-model", sonnet)
    if beaten_by_the_model_key:
        user = _settings(home, {"model": "opus"})
    got = (
        f"claude-opus-5-5, set by model in {user}"
        if beaten_by_the_model_key
        else "claude-opus-5-5: " + ("nothing pins it, so Claude Code uses its default")
    )
    assert _drifts(home, repo) == [
        f"Expected the primary model {sonnet} ({repo}/.ccprofile.toml:1), but a claude started from this shell "
        f"uses {got}. Fix: run `source {home}/.zshrc` in this shell (or open a new terminal)."
    ]


def test_a_primary_pinned_by_the_expected_files_model_key_is_freed_by_removing_the_higher_one(
    home: Path,
) -> None:
    repo = home / "repo"
    _file(repo / ".claude" / "settings.json", {"model": "claude-sonnet-5-5"})
    local = _file(repo / ".claude" / "settings.local.json", {"model": "claude-opus-5-5"})
    args = ("--expect-model", "claude-sonnet-5-5", "--expect-scope", "project")
    assert _drifts(home, repo, *args) == [
        f"Expected the primary model claude-sonnet-5-5 (--expect-model), but a claude started from {BOTH} uses "
        f'claude-opus-5-5, set by model in {local}. Fix: remove "model" from {local}.'
    ]


def test_a_wrong_pin_that_model_overrides_rewrites_is_fixed_where_it_is_pinned(home: Path) -> None:
    repo = _repository(home)
    path = _file(repo / ".claude" / "settings.json", {"env": {FAST: H55}, "modelOverrides": {H55: "x-proxy"}})
    assert _drifts(home, repo) == [
        f"Expected the background model {H45} ({repo}/.ccprofile.toml:1), but a claude started from {BOTH} "
        f"uses x-proxy, which modelOverrides in {path} sends for {H55} set by env.{FAST} in {path}. "
        f'Fix: set "{FAST}" to "{H45}" in the "env" object of {path}.'
    ]


def test_from_a_subdirectory_only_the_unread_key_of_the_expected_model_means_start_elsewhere(
    home: Path,
) -> None:
    repo = _repository(home, f'fast-model = "{H45}"\n')
    _file(repo / ".claude" / "settings.json", {"model": "claude-sonnet-5-5"})
    src = repo / "src"
    src.mkdir()
    assert _drifts(home, src, "--expect-model", "claude-sonnet-5-5") == [
        f"Expected the background model {H45} ({repo}/.ccprofile.toml:1), but a claude started from {BOTH} "
        f"uses {H55}: nothing it reads pins it. Fix: `ccprofile set-fast-model {H45} --scope project "
        f"--project {src}`.",
        f"Expected the primary model claude-sonnet-5-5 (--expect-model), but a claude started from {BOTH} uses "
        f"claude-opus-5-5: nothing it reads pins it. Fix: start claude in {repo}, whose settings pin it.",
    ]


def test_a_wrong_pin_ccprofile_wrote_is_named_as_its_and_changed_with_its_command(home: Path) -> None:
    repo = _repository(home)
    _pin("set-fast-model", H55, "--scope", "project", "--project", str(repo))
    path = repo / ".claude" / "settings.json"
    assert _drifts(home, repo) == [
        f"Expected the background model {H45} ({repo}/.ccprofile.toml:1), but a claude started from {BOTH} "
        f"uses {H55}, set by env.{FAST} in {path} (ccprofile's, scope project). "
        f"Fix: `ccprofile set-fast-model {H45} --scope project --project {repo}`."
    ]


# --- one fix for two warnings: a bad settings value over a shell's pin ---------------------


@pytest.mark.parametrize(
    ("shell_line", "fix"),
    [
        pytest.param(
            None, 'Fix: set "{var}" to "{newest}" in the "env" object of {path}.', id="no-shell-pin"
        ),
        pytest.param(
            f"export {FAST}={H45}\n",
            'Fix: remove "{var}" from the "env" object of {path}.',
            id="a-sound-shell-pin-wins-once-the-settings-value-goes",
        ),
        pytest.param(
            f"export {FAST}=claude-3-5-haiku-20241022\n",
            'Fix: set "{var}" to "{newest}" in the "env" object of {path}.',
            id="a-retired-shell-pin-is-no-fix",
        ),
    ],
)
def test_a_retired_settings_value_is_removed_only_where_a_sound_shell_pin_then_wins(
    home: Path, shell_line: str | None, fix: str
) -> None:
    if shell_line is not None:
        (home / ".zshrc").write_text(shell_line)
    path = _settings(home, {"env": {FAST: "claude-3-haiku-20240307"}})
    assert _messages(_report(home, {}), "retired-model") == [
        f"{FAST}=claude-3-haiku-20240307 (env.{FAST} in {path}) was retired; requests with it fail. "
        + fix.format(var=FAST, newest=H55, path=path)
    ]


# --- Bedrock regions, in-process ---------------------------------------------------------

BEDROCK_HAIKU, BEDROCK_OPUS = "us.anthropic.claude-haiku-4-5-20251001-v1:0", "us.anthropic.claude-opus-5-5"


@pytest.mark.parametrize(
    ("value", "region", "callable"),
    [
        ("global.anthropic.claude-opus-5-5", "eu-west-1", True),
        ("global.anthropic.claude-opus-5-5", "us-gov-west-1", False),  # GovCloud has no global profiles
        ("us.anthropic.claude-opus-5-5", "us-east-2", True),
        ("us.anthropic.claude-opus-5-5", "us-gov-west-1", False),  # nor the commercial us. ones
        ("us-gov.anthropic.claude-opus-5-5", "us-gov-east-1", True),
        ("eu.anthropic.claude-opus-5-5", "us-east-1", False),
        ("arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/x", "eu-west-1", True),
        ("arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/x", "eu-central-1", False),
        ("anthropic.claude-opus-5-5", "eu-west-1", None),  # no geography in it
    ],
)
def test_which_bedrock_ids_a_region_can_call(value: str, region: str, callable: bool | None) -> None:
    from ccprofile.claude.warnings.regions import _callable_from

    assert _callable_from(value, region) is callable


@pytest.mark.parametrize("overridden", [False, True])
def test_each_pin_from_another_geography_is_told_once_in_the_aws_config_files_region(
    home: Path, overridden: bool
) -> None:
    """The region is ~/.aws/config's; the haiku mirror and a key of modelOverrides (not sent
    as it is) are not told; a pin this shell and a new terminal share is told once."""
    (home / ".aws").mkdir()
    (home / ".aws" / "config").write_text("[default]\nregion = eu-west-1\n")
    pins = {"CLAUDE_CODE_USE_BEDROCK": "1", FAST: BEDROCK_HAIKU, HAIKU: BEDROCK_HAIKU, PRIMARY: BEDROCK_OPUS}
    (home / ".zshrc").write_text("".join(f"export {name}={value}\n" for name, value in pins.items()))
    if overridden:
        _settings(home, {"modelOverrides": {BEDROCK_HAIKU: "arn:aws:bedrock:eu-west-1:123456789012:x/y"}})
    told = [
        f"{name}={value} ({home}/.zshrc:{line}) cannot be called from eu-west-1 (the region Claude Code uses): "
        f"Bedrock refuses every request for it there. Fix: change line {line} of {home}/.zshrc to "
        f"`export {name}='{value.replace('us.', 'eu.', 1)}'`."
        for name, value, line in ((FAST, BEDROCK_HAIKU, 2), (PRIMARY, BEDROCK_OPUS, 4))
    ]
    assert _messages(_report(home, pins), "bedrock-region") == (told[1:] if overridden else told)


# --- The model policy, in-process -----------------------------------------------------------

RESTRICTED = (
    "The primary model {refused} is not allowed by {key} in {where}: Claude Code started from {who} uses "
    "claude-opus-5-5 instead (it prints 'Model \"{refused}\" is restricted by your organization's settings. "
    "Using claude-opus-5-5 instead.'). Fix: {fix}"
)


def test_a_refused_primary_is_told_for_each_claude_that_asks_for_another_one(home: Path) -> None:
    (home / ".zshrc").write_text(f"export {PRIMARY}={H55}\n")
    path = _settings(home, {"availableModels": ["sonnet"]})
    fix = "pin a model the list allows, e.g. `ccprofile set-model claude-sonnet-5-5`, or unset it."
    assert _messages(_report(home, {PRIMARY: H45}), "model-restricted") == [
        RESTRICTED.format(refused=refused, key="availableModels", where=path, who=who, fix=fix)
        for refused, who in ((H45, "this shell"), (H55, "a new terminal"))
    ]


def test_a_primary_managed_settings_deny_is_fixed_by_one_they_do_not_deny(home: Path) -> None:
    managed = home.parent / "managed" / "managed-settings.json"
    managed.parent.mkdir(parents=True, exist_ok=True)
    managed.write_text(json.dumps({"deniedModels": [H55]}))
    fix = "unset it, or pin a model deniedModels in that file does not deny."
    assert _messages(_report(home, {PRIMARY: H55}), "model-restricted") == [
        RESTRICTED.format(refused=H55, key="deniedModels", where=managed, who="this shell", fix=fix)
    ]


def test_a_primary_refused_alike_in_this_shell_and_a_new_terminal_is_told_once(home: Path) -> None:
    (home / ".zshrc").write_text(f"export {PRIMARY}={H55}\n")
    path = _settings(home, {"availableModels": ["sonnet"]})
    fix = "pin a model the list allows, e.g. `ccprofile set-model claude-sonnet-5-5`, or unset it."
    told = RESTRICTED.format(refused=H55, key="availableModels", where=path, who="", fix=fix)
    assert _messages(_report(home, {PRIMARY: H55}), "model-restricted") == [
        told.replace("Claude Code started from  uses", "Claude Code uses")
    ]


def test_mantle_sends_its_own_id_for_a_first_party_one_so_that_is_no_wrong_provider(home: Path) -> None:
    env = {MANTLE: "1", PRIMARY: "claude-opus-5-5", FAST: H45}
    assert _messages(_report(home, env), "wrong-provider") == []


COSTLY = (
    "{name}=claude-opus-5-5 ({where}) makes Opus 5.5 the background model: every title and summary costs 40 "
    "times what it costs on Haiku 5.5 ($4/$20 against $0.10/$0.50 per million input/output tokens, list "
    "prices). Fix: {fix}"
)


@pytest.mark.parametrize("loaded", [True, False])
def test_a_costly_background_in_a_startup_file_is_told_once_and_changed_on_its_line(
    home: Path, loaded: bool
) -> None:
    (home / ".zshrc").write_text(f"export {FAST}=claude-opus-5-5\n")
    fix = f"change line 1 of {home}/.zshrc to `export {FAST}='{H55}'`."
    env = {FAST: "claude-opus-5-5"} if loaded else {}
    assert _messages(_report(home, env), "costly-background") == [
        COSTLY.format(name=FAST, where=f"{home}/.zshrc:1", fix=fix)
    ]


def test_a_costly_background_without_a_shell_is_changed_where_claude_is_started(home: Path) -> None:
    result = runner.invoke(
        app,
        ["status", "--json", "--project", str(home)],
        env={"CI": "true", "SHELL": None, FAST: "claude-opus-5-5"},
    )
    fix = f"set {FAST}={H55} in the environment claude is started with."
    assert _messages(json.loads(result.stdout), "costly-background") == [
        COSTLY.format(name=FAST, where="this shell's environment", fix=fix)
    ]


def test_no_model_left_is_told_once_and_the_other_policy_warnings_still_follow(home: Path) -> None:
    managed = home.parent / "managed" / "managed-settings.json"
    managed.parent.mkdir(parents=True, exist_ok=True)
    managed.write_text(json.dumps({"deniedModels": ["opus", "sonnet", "haiku"]}))
    user = _settings(home, {"deniedModels": ["x"]})
    warnings = [(w["code"], w["message"]) for w in _report(home, {})["warnings"]]
    assert warnings == [
        (
            "no-model-left",
            f"deniedModels in {managed} denies the default primary model, and no model Claude Code would step "
            "down to (the default's family, then each smaller one down to haiku) is both allowed and not "
            'denied: Claude Code does not start (it says "Claude Code can\'t start"). Fix: ask the '
            "administrator to allow one.",
        ),
        (
            "background-denied",
            f"deniedModels in {managed} denies the background model {H55}: Claude Code sends titles and "
            "summaries to the primary model claude-opus-5-5 instead, at its price. Fix: ask the administrator "
            "to allow a small model, or pin one they allow with `ccprofile set-fast-model`.",
        ),
        (
            "invalid-settings",
            f"{user}: deniedModels counts only in managed settings; Claude Code ignores it here (and shows a "
            "Settings Warning when it starts). Fix: remove it, or ask an administrator to set it in managed "
            "settings.",
        ),
    ]


def test_a_declared_prefix_in_a_startup_file_is_told_once_in_the_aws_config_files_region(home: Path) -> None:
    (home / ".aws").mkdir()
    (home / ".aws" / "config").write_text("[default]\nregion = eu-west-1\n")
    pins = {"CLAUDE_CODE_USE_BEDROCK": "1", "ANTHROPIC_BEDROCK_REGION_PREFIX": "us"}
    (home / ".zshrc").write_text("".join(f"export {name}={value}\n" for name, value in pins.items()))
    assert _messages(_report(home, pins), "bedrock-region") == [
        f"ANTHROPIC_BEDROCK_REGION_PREFIX=us ({home}/.zshrc:2) makes Claude Code send us. profiles for the "
        "models it picks, which cannot be called from eu-west-1 (the region Claude Code uses): Bedrock refuses "
        f"every such request. Fix: delete line 2 of {home}/.zshrc."
    ]


# --- a pin beaten by several settings files: one fix for all of them --------------------------

H35 = "claude-3-5-haiku-20241022"


def _background(home: Path, start: Path) -> tuple[str, list[str]]:
    result = runner.invoke(
        app, ["status", "--json", "--shell", "zsh", "--project", str(start)], env={FAST: H45, HAIKU: H45}
    )
    report = json.loads(result.stdout)
    return report["background"]["new_shell"]["model"], _messages(report, "settings-override")


def test_a_shell_pin_beaten_by_two_settings_files_is_fixed_in_one_round(home: Path) -> None:
    _pin("set-fast-model", H45)
    repo = home / "repo"
    (repo / ".git").mkdir(parents=True)
    user = _settings(home, {"env": {FAST: H35}})
    local = _file(repo / ".claude" / "settings.local.json", {"env": {FAST: H55}})
    assert _background(home, repo) == (
        H55,
        [
            f"{FAST}={H45} from {home}/.zshrc:4 has no effect: env.{FAST} in {local} sets '{H55}', and "
            f'settings beat the shell; {user} sets it too. Fix: remove "{FAST}" from the "env" object of '
            f'{local}, then remove "{FAST}" from the "env" object of {user}.'
        ],
    )
    _file(local, {"env": {}})
    _file(user, {"env": {}})
    assert _background(home, repo) == (H45, [])


def test_a_shared_project_file_in_the_way_is_beaten_by_one_pin_in_the_users_own(home: Path) -> None:
    """The local pin beats the project's file and the user's below it, and replaces the local
    file's own value: no step removes that one first, and the fix says so."""
    _pin("set-fast-model", H45)
    repo = home / "repo"
    (repo / ".git").mkdir(parents=True)
    _settings(home, {"env": {FAST: H35}})
    project = _file(repo / ".claude" / "settings.json", {"env": {FAST: H55}})
    local = _file(repo / ".claude" / "settings.local.json", {"env": {FAST: H35}})
    model, [said] = _background(home, repo)
    assert model == H35 and said.endswith(
        f"Fix: {project} is the project's shared file (committed for the team), so pin yours in your own: "
        f"`ccprofile set-fast-model {H45} --scope local --project {repo}` (it beats the project's file for "
        f"you alone); it replaces the value in {local}."
    )
    _pin("set-fast-model", H45, "--scope", "local", "--project", str(repo))
    assert json.loads(local.read_text())["env"][FAST] == H45
    assert _background(home, repo) == (H45, [])


def test_a_shell_scope_drift_beaten_twice_is_ended_by_its_one_fix(home: Path) -> None:
    repo = _repository(home, f'fast-model = "{H45}"\nscope = "shell"\n')
    _pin("set-fast-model", H45)
    user = _settings(home, {"env": {FAST: H35}})
    local = _file(repo / ".claude" / "settings.local.json", {"env": {FAST: H55}})
    [said] = _drifts(home, repo)
    assert said.endswith(
        f'Fix: remove "{FAST}" from the "env" object of {local}, then remove "{FAST}" from the "env" object '
        f"of {user}, then run `source {home}/.zshrc` in this shell (or open a new terminal)."
    )
    _file(local, {"env": {}})
    _file(user, {"env": {}})
    assert _checked(repo, {FAST: H45, HAIKU: H45}) == 0  # the fix followed: no drift is left


def test_a_user_scope_drift_beaten_by_two_higher_files_names_both(home: Path) -> None:
    repo = _repository(home, f'fast-model = "{H45}"\nscope = "user"\n')
    _settings(home, {"env": {FAST: H45}})
    project = _file(repo / ".claude" / "settings.json", {"env": {FAST: H35}})
    local = _file(repo / ".claude" / "settings.local.json", {"env": {FAST: H55}})
    [said] = _drifts(home, repo)
    assert said.endswith(
        f'Fix: remove "{FAST}" from the "env" object of {local}, then remove "{FAST}" from the "env" object '
        f"of {project}."
    )
    _file(local, {"env": {}})
    _file(project, {"env": {}})
    assert _checked(repo, {}) == 0


def test_from_a_subdirectory_the_roots_local_file_is_cleared_before_the_pin_in_its_own(home: Path) -> None:
    """From repo/sub, Claude Code reads repo/.claude/settings.local.json over sub's own files:
    the local pin goes into sub's, so the root's value must go too (a fresh-eyes review)."""
    _pin("set-fast-model", H45)
    repo = home / "repo"
    (repo / ".git").mkdir(parents=True)
    sub = repo / "sub"
    root_local = _file(repo / ".claude" / "settings.local.json", {"env": {FAST: H55}})
    shared = _file(sub / ".claude" / "settings.json", {"env": {FAST: H35}})
    model, [said] = _background(home, sub)
    assert model == H55 and said.endswith(
        f'Fix: remove "{FAST}" from the "env" object of {root_local}, then {shared} is the project\'s shared '
        f"file (committed for the team), so pin yours in your own: `ccprofile set-fast-model {H45} --scope "
        f"local --project {sub}` (it beats the project's file for you alone)."
    )
    _file(root_local, {"env": {}})
    _pin("set-fast-model", H45, "--scope", "local", "--project", str(sub))
    assert _background(home, sub) == (H45, [])


def test_a_settings_value_that_names_the_shells_model_exactly_is_no_override(home: Path) -> None:
    """set-fast-model writes the exact ID for a friendly name or an undated one: the settings
    value then names the shell's model, and following the fix does not bring it back."""
    (home / ".zshrc").write_text(f"export {FAST}=claude-haiku-4-5\n")
    repo = home / "repo"
    (repo / ".git").mkdir(parents=True)
    _file(repo / ".claude" / "settings.local.json", {"env": {FAST: H45}})
    result = runner.invoke(app, ["status", "--json", "--shell", "zsh", "--project", str(repo)], env={})
    assert _messages(json.loads(result.stdout), "settings-override") == []
    _file(repo / ".claude" / "settings.local.json", {"env": {FAST: H55}})
    result = runner.invoke(app, ["status", "--json", "--shell", "zsh", "--project", str(repo)], env={})
    assert len(_messages(json.loads(result.stdout), "settings-override")) == 1


def test_the_check_after_a_shell_pin_names_every_settings_file_in_its_way(home: Path) -> None:
    """The write's own check gives the whole chain, as status does (a fresh-eyes trial: it
    named only the top file, and the next one then won)."""
    repo = home / "repo"
    (repo / ".git").mkdir(parents=True)
    user = _settings(home, {"env": {FAST: H35}})
    local = _file(repo / ".claude" / "settings.local.json", {"env": {FAST: H55}})
    result = run_cli(
        ["set-fast-model", H45, "--shell", "zsh", "--no-verify"], {**os.environ, "COLUMNS": "300"}, cwd=repo
    )
    said = " ".join(result.stdout.split())
    assert (
        f'Fix: remove "{FAST}" from the "env" object of ~/repo/.claude/settings.local.json, then remove '
        f'"{FAST}" from the "env" object of ~/.claude/settings.json.'
    ) in said
    _file(local, {"env": {}})
    _file(user, {"env": {}})
    assert _background(home, repo) == (H45, [])


def test_with_a_team_scope_a_settings_override_is_fixed_in_the_files_not_by_a_local_pin(home: Path) -> None:
    """A repository expecting the shell pin: a personal local pin would be a drift of its own,
    so settings-override gives the drift's fix (a fresh-eyes trial found the two disagreeing)."""
    repo = _repository(home, f'fast-model = "{H45}"\nscope = "shell"\n')
    _pin("set-fast-model", H45)
    project = _file(repo / ".claude" / "settings.json", {"env": {FAST: H55}})
    report = json.loads(
        runner.invoke(
            app,
            ["status", "--json", "--check", "--shell", "zsh", "--project", str(repo)],
            env={FAST: H45, HAIKU: H45},
        ).stdout
    )
    removal = f'Fix: remove "{FAST}" from the "env" object of {project}.'
    assert _messages(report, "settings-override")[0].endswith(removal)
    assert _messages(report, "drift")[0].endswith(removal)


def test_with_a_team_scope_the_check_before_a_write_gives_the_drifts_fix_too(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check before a write reads the scope the repository states, as status --check does:
    no personal local pin there, which the team's check would call a drift (and a broken
    .ccprofile.toml is the check's to report, not a reason to refuse the write)."""
    repo = _repository(home, f'fast-model = "{H45}"\nscope = "shell"\n')
    monkeypatch.chdir(repo)
    project = _file(repo / ".claude" / "settings.json", {"env": {FAST: H55}})
    written = runner.invoke(
        app, ["set-fast-model", H45, "--shell", "zsh", "--no-verify"], env={"COLUMNS": "300"}
    )
    assert written.exit_code == 0, written.output
    assert f'  Fix: remove "{FAST}" from the "env" object of ~/repo/.claude/settings.json.' in written.output
    assert f'Fix: remove "{FAST}" from the "env" object of {project}, then ' in _drifts(home, repo)[0]
    (repo / ".ccprofile.toml").write_text('scope = "nowhere"\n')
    again = runner.invoke(
        app, ["set-fast-model", H45, "--shell", "zsh", "--no-verify"], env={"COLUMNS": "300"}
    )
    assert again.exit_code == 0, again.output
    assert "--scope local --project ~/repo` (it beats the project's file for you alone)" in again.output


def test_the_report_names_the_scope_of_ccprofiles_settings_pin_and_no_other(home: Path) -> None:
    _pin("set-fast-model", H45, "--scope", "user")
    assert _report(home, {})["background"]["ccprofile_scope"] == "user"
    _settings(home, {"env": {FAST: H55, HAIKU: H55}})  # changed by hand: the user's now
    assert _report(home, {})["background"]["ccprofile_scope"] is None


def test_without_a_shell_the_report_says_why_in_this_process(home: Path) -> None:
    result = runner.invoke(app, ["status", "--json"], env={"CI": "true", "SHELL": None})
    shell = json.loads(result.stdout)["shell"]
    assert (shell["name"], shell["reason"]) == (None, "could not detect your shell and $SHELL is not set")


def _checked_report(repo: Path, env: dict[str, str]) -> dict[str, Any]:
    args = ["status", "--json", "--check", "--shell", "zsh", "--project", str(repo)]
    report: dict[str, Any] = json.loads(runner.invoke(app, args, env=env).stdout)
    return report


def test_a_costly_background_the_repository_does_not_expect_is_fixed_to_the_expected_model(
    home: Path,
) -> None:
    """costly-background's fix is the drift's when the repository expects another model (two
    warnings about one value, two different fixes, was a trap); where it expects this very
    model, the cheaper one stays the advice."""
    repo = _repository(home, f'fast-model = "{H45}"\n')
    user = _settings(home, {"env": {FAST: "claude-opus-5-5"}})
    report = _checked_report(repo, {})
    repair = f'Fix: set "{FAST}" to "{H45}" in the "env" object of {user}.'
    assert _messages(report, "costly-background")[0].endswith(repair)
    assert _messages(report, "drift")[0].endswith(repair)
    (repo / ".ccprofile.toml").write_text('fast-model = "claude-opus-5-5"\n')
    report = _checked_report(repo, {})
    assert _messages(report, "drift") == []
    assert _messages(report, "costly-background")[0].endswith(
        f'Fix: set "{FAST}" to "{H55}" in the "env" object of {user}.'
    )
    # Only this shell sends it, not a new terminal: still the model expected, so not the fix.
    user.write_text("{}")
    [costly] = _messages(_checked_report(repo, {FAST: "claude-opus-5-5"}), "costly-background")
    assert H55 in costly, costly


@pytest.mark.parametrize(
    ("expect", "fixed_to"),
    [
        ('model = "claude-opus-5-5"\n', "claude-opus-5-5"),  # the primary the repository expects
        (f'fast-model = "{H45}"\n', "claude-sonnet-5-5"),  # it expects no primary: the newest of the family
    ],
)
def test_a_retired_primary_is_fixed_to_the_primary_the_repository_expects(
    home: Path, expect: str, fixed_to: str
) -> None:
    repo = _repository(home, expect)
    user = _settings(home, {"model": "claude-3-5-sonnet-20241022"})
    [retired] = _messages(_checked_report(repo, {}), "retired-model")
    assert retired.endswith(f'Fix: set "model" to "{fixed_to}" in {user}.'), retired


def test_a_drift_from_the_wrong_scope_clears_ccprofiles_own_pin_there_too(home: Path) -> None:
    """The right model from a local pin of ccprofile's, with more settings files under it: the
    one fix takes every one of them out (a fresh-eyes trial needed a second round for the
    local pin)."""
    repo = _repository(home, f'fast-model = "{H45}"\nscope = "shell"\n')
    _pin("set-fast-model", H45)
    project = _file(repo / ".claude" / "settings.json", {"env": {FAST: H55}})
    _pin("set-fast-model", H45, "--scope", "local", "--project", str(repo))
    [said] = _drifts(home, repo)
    assert (
        f'Fix: `ccprofile unset-fast-model --scope local --project {repo}`, then remove "{FAST}" from the '
        f'"env" object of {project}, then run `source {home}/.zshrc` in this shell'
    ) in said


def test_removing_a_settings_pin_over_the_shells_own_asks_no_fix_for_the_shell_pin(home: Path) -> None:
    """The shell's pin shows again: it is the user's to keep (a repository may expect it), so
    the write says so and offers no fix that would take it out."""
    repo = home / "repo"
    (repo / ".git").mkdir(parents=True)
    _pin("set-fast-model", H45, shell="bash")
    _pin("set-fast-model", H45, "--scope", "local", "--project", str(repo))
    env = {**os.environ, "COLUMNS": "300", FAST: H45, HAIKU: H45}
    result = run_cli(["unset-fast-model", "--scope", "local", "--project", str(repo), "--shell", "bash"], env)
    said = " ".join(result.stdout.split())
    assert (
        "Without the background-model pin in ~/repo/.claude/settings.local.json, Claude Code started from a new "
        f"terminal still uses {H45}: ~/.bashrc:4 (ccprofile's block) sets it too."
    ) in said
    assert "Fix:" not in said


@pytest.mark.parametrize("value", ["Best", "OPUSPLAN", "mythos", "Haiku"])
def test_an_alias_or_a_family_in_any_case_is_not_an_unknown_id(home: Path, value: str) -> None:
    """ccprofile matches aliases and family names case-blind, as its alias warnings do: such a
    value has a warning of its own where it is wrong, never unknown-model."""
    report = _report(home, {PRIMARY: value})
    assert "unknown-model" not in [w["code"] for w in report["warnings"]]


def test_a_costly_background_in_the_teams_file_is_fixed_in_the_users_own(home: Path) -> None:
    """The shared file is never the fix when a personal one works (places.fix's default)."""
    repo = home / "repo"
    (repo / ".git").mkdir(parents=True)
    project = _file(repo / ".claude" / "settings.json", {"env": {FAST: "claude-opus-5-5"}})
    report = json.loads(
        runner.invoke(app, ["status", "--json", "--shell", "zsh", "--project", str(repo)], env={}).stdout
    )
    [said] = _messages(report, "costly-background")
    assert said.endswith(
        f"Fix: {project} is the project's shared file (committed for the team), so pin yours in your own: "
        f"`ccprofile set-fast-model {H55} --scope local --project {repo}` (it beats the project's file for "
        "you alone)."
    )


def test_an_alias_before_an_unknown_id_does_not_hide_it(home: Path) -> None:
    report = _report(home, {FAST: "haiku", HAIKU: "haiku", PRIMARY: "my-own-model"})
    [said] = _messages(report, "unknown-model")
    assert said.startswith(f"{PRIMARY}=my-own-model (this shell's environment) is not an ID")


def test_settings_pins_of_ccprofiles_beaten_by_a_higher_file_or_the_shell(home: Path) -> None:
    """settings-pin-beaten, in this process: the background's by a local file, the primary's
    by ANTHROPIC_MODEL, and a user pin under a team's committed one is the team's design."""
    repo = home / "repo"
    (repo / ".git").mkdir(parents=True)
    _pin("set-fast-model", H45, "--scope", "user")
    _pin("set-model", "claude-opus-5-5", "--scope", "user")
    user = home / ".claude" / "settings.json"
    local = _file(repo / ".claude" / "settings.local.json", {"env": {FAST: H55}})

    def beaten(env: dict[str, str]) -> list[str]:
        result = runner.invoke(app, ["status", "--json", "--shell", "zsh", "--project", str(repo)], env=env)
        return _messages(json.loads(result.stdout), "settings-pin-beaten")

    assert beaten({PRIMARY: "claude-sonnet-5-5"}) == [
        f"env.{FAST}={H45} in {user} (ccprofile's, scope user) has no effect: env.{FAST} in {local} sets "
        f'\'{H55}\', and that takes precedence. Fix: remove "{FAST}" from the "env" object of {local}.',
        f"model=claude-opus-5-5 in {user} (ccprofile's, scope user) has no effect: this shell's environment "
        "sets 'claude-sonnet-5-5' for this shell, and that takes precedence. Fix: run `unset ANTHROPIC_MODEL` "
        "in this shell.",
    ]
    _file(repo / ".claude" / "settings.json", {"model": "claude-sonnet-5-5"})
    assert [said.split(" ", 1)[0] for said in beaten({})] == [f"env.{FAST}={H45}"]


def test_a_project_model_pin_a_startup_file_beats_is_said_for_new_terminals_too(home: Path) -> None:
    """ANTHROPIC_MODEL in ~/.zshrc beats the project's `model` key in every new terminal: the
    warning named this shell only, its fix was `unset` here, and once run the warning went
    while new terminals still sent the shell's pin."""
    repo = home / "repo"
    (repo / ".git").mkdir(parents=True)
    _pin("set-model", "sonnet")
    _pin("set-model", "opus", "--scope", "project", "--project", str(repo))
    path = repo / ".claude" / "settings.json"

    def beaten(env: dict[str, str]) -> list[str]:
        result = runner.invoke(
            app, ["status", "--json", "--project", str(repo)], env={"SHELL": "/bin/zsh", **env}
        )
        return _messages(json.loads(result.stdout), "settings-pin-beaten")

    head = f"model=opus in {path} (ccprofile's, scope project) has no effect: "
    assert beaten({PRIMARY: "sonnet"}) == [
        f"{head}this shell's environment sets 'claude-sonnet-5-5' for this shell; {home}/.zshrc:4 (ccprofile's "
        "block) sets 'claude-sonnet-5-5' for a new terminal, and that takes precedence. Fix: `ccprofile "
        "unset-model`, then run `unset ANTHROPIC_MODEL` in this shell."
    ]
    assert beaten({}) == [
        f"{head}{home}/.zshrc:4 (ccprofile's block) sets 'claude-sonnet-5-5' for a new terminal, and that "
        "takes precedence. Fix: `ccprofile unset-model`."
    ]
    _pin("unset-model")
    assert beaten({}) == []


def test_three_other_settings_files_are_listed_as_a_sentence(home: Path) -> None:
    _pin("set-fast-model", H45)
    repo = home / "repo"
    (repo / ".git").mkdir(parents=True)
    managed = Path(os.environ["CCPROFILE_MANAGED_SETTINGS_DIR"])
    top = _file(managed / "managed-settings.json", {"env": {FAST: ""}})
    local = _file(repo / ".claude" / "settings.local.json", {"env": {FAST: H55}})
    project = _file(repo / ".claude" / "settings.json", {"env": {FAST: H35}})
    user = _settings(home, {"env": {FAST: H35}})
    report = _report_in(repo)
    [said] = _messages(report, "settings-override")
    assert (
        f"env.{FAST} in {top} sets an empty string (which unsets it), and settings beat the shell; {local}, "
        f"{project} and {user} set it too. Fix: managed settings are set by an administrator: ask them to "
        f"change env.{FAST} in {top}, then "
    ) in said


def test_two_other_settings_files_are_joined_by_and(home: Path) -> None:
    _pin("set-fast-model", H45)
    repo = home / "repo"
    (repo / ".git").mkdir(parents=True)
    _file(repo / ".claude" / "settings.local.json", {"env": {FAST: H55}})
    project = _file(repo / ".claude" / "settings.json", {"env": {FAST: H35}})
    user = _settings(home, {"env": {FAST: H35}})
    [said] = _messages(_report_in(repo), "settings-override")
    assert f"and settings beat the shell; {project} and {user} set it too. Fix: " in said


def test_a_settings_override_by_ccprofiles_own_settings_pin_is_fixed_by_unpinning_it(home: Path) -> None:
    """The shell's pin beaten by a pin ccprofile wrote in the user's file: the fix is the
    command that takes that pin out, which also makes the record forget it."""
    _pin("set-fast-model", H45)
    _pin("set-fast-model", H55, "--scope", "user")
    said = _messages(_report(home, {FAST: H45, HAIKU: H45}), "settings-override")
    assert len(said) == 2 and all(
        m.endswith("Fix: `ccprofile unset-fast-model --scope user`.") for m in said
    ), said


def _report_in(repo: Path) -> dict[str, Any]:
    result = runner.invoke(
        app, ["status", "--json", "--shell", "zsh", "--project", str(repo)], env={FAST: H45, HAIKU: H45}
    )
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def _beaten(home: Path, env: dict[str, str] | None = None) -> list[str]:
    return _messages(_report(home, env or {}), "settings-pin-beaten")


def test_a_settings_pin_taken_out_by_hand_or_in_effect_is_not_beaten(home: Path) -> None:
    """ccprofile's record still names a key the user deleted from the file: nothing beats a
    pin that is not there. A model pin that modelOverrides rewrites still wins (the
    rewrite has a warning of its own)."""
    _pin("set-fast-model", H45, "--scope", "user")
    user = home / ".claude" / "settings.json"
    _file(user, {"env": {HAIKU: H45}})
    assert _beaten(home) == []
    _pin("set-model", "claude-opus-5-5", "--scope", "user")
    document = json.loads(user.read_text())
    _file(user, {**document, "modelOverrides": {"claude-opus-5-5": "claude-opus-custom"}})
    assert _beaten(home) == []


def test_a_settings_pin_beaten_by_another_files_model_key(home: Path) -> None:
    """The primary pin in the user's file, beaten by the model key of a local file above it."""
    _pin("set-model", "claude-opus-5-5", "--scope", "user")
    user = home / ".claude" / "settings.json"
    local = _file(home / ".claude" / "settings.local.json", {"model": "claude-sonnet-5-5"})
    assert _beaten(home) == [
        f"model=claude-opus-5-5 in {user} (ccprofile's, scope user) has no effect: model in {local} sets "
        f"'claude-sonnet-5-5', and that takes precedence. Fix: remove \"model\" from {local}."
    ]


@pytest.mark.parametrize(("team", "other"), [(FAST, HAIKU), (HAIKU, FAST)])
def test_a_teams_pin_over_a_personal_one_is_passed_over_and_the_next_key_still_looked_at(
    home: Path, team: str, other: str
) -> None:
    _pin("set-fast-model", H45, "--scope", "user")
    user = home / ".claude" / "settings.json"
    repo = home / "repo"
    (repo / ".git").mkdir(parents=True)
    _file(repo / ".claude" / "settings.json", {"env": {team: H55}})  # the team's: its design
    local = _file(repo / ".claude" / "settings.local.json", {"env": {other: H55}})
    assert _messages(_report_in(repo), "settings-pin-beaten") == [
        f"env.{other}={H45} in {user} (ccprofile's, scope user) has no effect: env.{other} in {local} sets "
        f'\'{H55}\', and that takes precedence. Fix: remove "{other}" from the "env" object of {local}.'
    ]


def test_a_pin_of_ccprofiles_beaten_by_its_own_higher_pin_is_fixed_by_unpinning_that(home: Path) -> None:
    _pin("set-fast-model", H45, "--scope", "user")
    repo = home / "repo"
    (repo / ".git").mkdir(parents=True)
    _pin("set-fast-model", H55, "--scope", "local", "--project", str(repo))
    said = _messages(_report_in(repo), "settings-pin-beaten")
    assert len(said) == 2 and all(
        m.endswith(f"Fix: `ccprofile unset-fast-model --scope local --project {repo}`.") for m in said
    ), said


def test_a_model_pin_beaten_by_anthropic_model_in_its_own_file(home: Path) -> None:
    """env.ANTHROPIC_MODEL beats the model key, even in the same file; it is not ccprofile's,
    so the fix removes it rather than ccprofile's own pin (which would lose neither's value)."""
    _pin("set-model", "claude-opus-5-5", "--scope", "user")
    user = home / ".claude" / "settings.json"
    document = json.loads(user.read_text())
    _file(user, {**document, "env": {PRIMARY: "claude-sonnet-5-5"}})
    [said] = _messages(_report(home, {}), "settings-pin-beaten")
    assert said == (
        f"model=claude-opus-5-5 in {user} (ccprofile's, scope user) has no effect: env.{PRIMARY} in {user} "
        f'sets \'claude-sonnet-5-5\', and that takes precedence. Fix: remove "{PRIMARY}" from the "env" '
        f"object of {user}."
    )


def test_the_repositorys_settings_a_subdirectory_does_not_read_are_named_with_their_pins(home: Path) -> None:
    """project-settings-not-read, in this process: each key that pins (an empty one does not),
    the model key last, and the directory to start claude in."""
    repo = home / "repo"
    (repo / ".git").mkdir(parents=True)
    sub = repo / "sub"
    sub.mkdir()
    path = _file(
        repo / ".claude" / "settings.json",
        {"model": "claude-opus-5-5", "env": {FAST: H45, HAIKU: H45, PRIMARY: ""}},
    )
    _file(repo / ".claude" / "settings.local.json", {"env": {"OTHER": "x"}})  # pins nothing: not named
    result = runner.invoke(app, ["status", "--json", "--shell", "zsh", "--project", str(sub)], env={})
    assert _messages(json.loads(result.stdout), "project-settings-not-read") == [
        f"{path} pins env.{FAST}, env.{HAIKU}, model, but a claude started in {sub} does not read it: Claude "
        f"Code reads a project's settings only from the directory it starts in. Fix: start claude in {repo}."
    ]


def test_a_repository_pin_that_a_subdirectory_gets_from_elsewhere_is_no_problem(home: Path) -> None:
    """From a subdirectory, a pin of the root's project file that the shell (or another file)
    pins too needs no restart in the root: only what differs is named, and a model key that
    matches Claude Code's default still is (a release may change the default, not a pin)."""
    repo = home / "repo"
    (repo / ".git").mkdir(parents=True)
    sub = repo / "sub"
    sub.mkdir()
    path = _file(
        repo / ".claude" / "settings.json", {"model": "claude-opus-5-5", "env": {FAST: H45, HAIKU: H55}}
    )
    result = runner.invoke(
        app, ["status", "--json", "--shell", "zsh", "--project", str(sub)], env={FAST: H45, HAIKU: H45}
    )
    assert _messages(json.loads(result.stdout), "project-settings-not-read") == [
        f"{path} pins env.{HAIKU}, model, but a claude started in {sub} does not read it: Claude Code reads a "
        f"project's settings only from the directory it starts in. Fix: start claude in {repo}."
    ]
    _file(path, {"env": {FAST: "claude-haiku-4-5", HAIKU: H45}})  # a friendly ID of the same model
    result = runner.invoke(
        app, ["status", "--json", "--shell", "zsh", "--project", str(sub)], env={FAST: H45, HAIKU: H45}
    )
    assert _messages(json.loads(result.stdout), "project-settings-not-read") == []
    # The model key against a primary pinned here: named only when that pin is another model.
    _file(path, {"model": "claude-opus-5-5"})
    for primary, named in (("claude-opus-5-5", False), ("claude-sonnet-5-5", True)):
        result = runner.invoke(
            app, ["status", "--json", "--shell", "zsh", "--project", str(sub)], env={PRIMARY: primary}
        )
        said = _messages(json.loads(result.stdout), "project-settings-not-read")
        expected = (
            f"{path} pins model, but a claude started in {sub} does not read it: Claude Code reads a "
            f"project's settings only from the directory it starts in. Fix: start claude in {repo}."
        )
        assert said == ([expected] if named else [])


def test_a_repository_pin_the_roots_local_settings_beat_there_too_is_no_problem(home: Path) -> None:
    """From a subdirectory Claude Code reads the root's local settings, not its project ones:
    a key the local file sets beats the project's at the root too, so starting there changes
    nothing of it (and `--check` must not fail on it); a key the local file leaves is named."""
    repo = home / "repo"
    (repo / ".git").mkdir(parents=True)
    sub = repo / "src" / "deep"
    sub.mkdir(parents=True)
    path = _file(
        repo / ".claude" / "settings.json", {"model": "claude-sonnet-5-5", "env": {FAST: H55, HAIKU: H55}}
    )
    _file(
        repo / ".claude" / "settings.local.json", {"model": "claude-opus-5-5", "env": {FAST: H45, HAIKU: H45}}
    )
    checked = runner.invoke(
        app, ["status", "--json", "--check", "--shell", "zsh", "--project", str(sub)], env={}
    )
    assert _messages(json.loads(checked.stdout), "project-settings-not-read") == [] and checked.exit_code == 0
    _file(repo / ".claude" / "settings.local.json", {"env": {FAST: H45}})
    result = runner.invoke(app, ["status", "--json", "--shell", "zsh", "--project", str(sub)], env={})
    assert _messages(json.loads(result.stdout), "project-settings-not-read") == [
        _not_read(path, f"env.{HAIKU}, model", sub)
    ]


def _not_read(path: Path, pins: str, start: Path) -> str:
    """project-settings-not-read's words for the root's ``path`` pinning ``pins``."""
    return (
        f"{path} pins {pins}, but a claude started in {start} does not read it: Claude Code reads a "
        f"project's settings only from the directory it starts in. Fix: start claude in {path.parent.parent}."
    )


def test_a_repository_pin_the_subdirectorys_own_project_file_sets_otherwise_is_named(home: Path) -> None:
    """From a subdirectory with a project file of its own, that file is read and the root's is
    not: the root's key is named where it differs, since it is no file of higher precedence
    (at the root, the root's file gives the model)."""
    repo = home / "repo"
    (repo / ".git").mkdir(parents=True)
    sub = repo / "sub"
    path = _file(repo / ".claude" / "settings.json", {"env": {FAST: H55}})
    _file(sub / ".claude" / "settings.json", {"env": {FAST: H45}})
    result = runner.invoke(app, ["status", "--json", "--shell", "zsh", "--project", str(sub)], env={})
    assert _messages(json.loads(result.stdout), "project-settings-not-read") == [
        _not_read(path, f"env.{FAST}", sub)
    ]


def test_a_lower_settings_file_that_gives_the_shells_model_is_left_alone(home: Path) -> None:
    _pin("set-fast-model", H45)
    repo = home / "repo"
    (repo / ".git").mkdir(parents=True)
    _settings(home, {"env": {FAST: "claude-haiku-4-5"}})  # the same model, as a friendly ID
    local = _file(repo / ".claude" / "settings.local.json", {"env": {FAST: H55}})
    [said] = _messages(_report_in(repo), "settings-override")
    assert said.endswith(
        f'and settings beat the shell. Fix: remove "{FAST}" from the "env" object of {local}.'
    )


def _checked(repo: Path, env: dict[str, str]) -> int:
    """status --check's exit code for a claude started in ``repo`` with ``env``."""
    result = runner.invoke(
        app, ["status", "--json", "--check", "--shell", "zsh", "--project", str(repo)], env=env
    )
    return result.exit_code


def test_the_one_round_fix_stops_at_a_file_that_gives_the_shells_model(home: Path) -> None:
    """Files above the beaten pin that do not set it are passed over; below the top, a file
    that names the shell's model ends the list, since it gives that model once the ones above
    it are gone (the user's file under it no longer counts)."""
    _pin("set-fast-model", H45)
    repo = home / "repo"
    (repo / ".git").mkdir(parents=True)
    _file(
        Path(os.environ["CCPROFILE_MANAGED_SETTINGS_DIR"]) / "managed-settings.json", {"env": {"OTHER": "1"}}
    )
    local = _file(repo / ".claude" / "settings.local.json", {"env": {FAST: H55}})
    project = _file(repo / ".claude" / "settings.json", {"env": {"OTHER": "1"}})
    user = _settings(home, {"env": {FAST: H35}})
    [said] = _messages(_report_in(repo), "settings-override")
    assert said.endswith(
        f'Fix: remove "{FAST}" from the "env" object of {local}, then remove "{FAST}" from the "env" object '
        f"of {user}."
    )
    _file(project, {"env": {FAST: H45}})
    [said] = _messages(_report_in(repo), "settings-override")
    assert said.endswith(f'Fix: remove "{FAST}" from the "env" object of {local}.')
    _file(local, {"env": {}})
    assert _messages(_report_in(repo), "settings-override") == []


@pytest.fixture
def inherited(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """New terminals inherit ANTHROPIC_SMALL_FAST_MODEL (a process that holds it stands for
    the session, as /proc shows it)."""
    process = subprocess.Popen(["sleep", "600"], env={"PATH": os.defpath, FAST: H45})
    monkeypatch.setenv("CCPROFILE_SESSION_PID", str(process.pid))
    yield process.pid
    process.kill()
    process.wait()


def test_a_value_new_terminals_inherit_is_credited_to_the_session_in_this_process(
    home: Path, inherited: int
) -> None:
    fresh = _report(home, {})["background"]["new_shell"]
    assert (fresh["model"], fresh["source"], fresh["variable"]) == (H45, "session", FAST)
    assert fresh["file"] == f"process {inherited} ($CCPROFILE_SESSION_PID)"


@pytest.mark.real_shell
def test_a_probed_new_terminal_credits_each_value_to_where_it_came_from(home: Path, inherited: int) -> None:
    """--probe starts zsh as a new terminal: a value its file sets is the file's line, one it
    inherits unchanged is the session's, and one set by a line ccprofile cannot follow is
    untraced (never credited to a process it did not come from)."""
    (home / ".zshrc").write_text(f'export {FAST}={H55}\neval "export {PRIMARY}=claude-opus-5-5"\n')
    result = runner.invoke(
        app, ["status", "--json", "--probe", "--shell", "zsh", "--project", str(home)], env={}
    )
    report = json.loads(result.stdout)
    fresh = {kind: report[kind]["new_shell"] for kind in ("background", "primary")}
    assert (fresh["background"]["model"], fresh["background"]["source"]) == (H55, "profile")
    assert fresh["background"]["file"] == f"{home / '.zshrc'}:1"
    assert (fresh["primary"]["model"], fresh["primary"]["source"]) == ("claude-opus-5-5", "untraced")
    assert fresh["primary"]["certain"] is True  # the eval was run, not read: nothing is unknown
    assert "uncertain" not in [w["code"] for w in report["warnings"]]
    (home / ".zshrc").write_text("true\n")
    fresh = json.loads(
        runner.invoke(
            app, ["status", "--json", "--probe", "--shell", "zsh", "--project", str(home)], env={}
        ).stdout
    )["background"]["new_shell"]
    assert (fresh["model"], fresh["source"], fresh["file"]) == (
        H45,
        "session",
        f"process {inherited} ($CCPROFILE_SESSION_PID)",
    )


@pytest.mark.real_shell
def test_a_probed_login_start_is_the_probes_not_the_reading(home: Path) -> None:
    """On Linux a new terminal is a non-login bash; --probe starts the login one too, whose
    value (set by an eval no reading follows) is the probe's."""
    (home / ".bash_profile").write_text(f'eval "export {FAST}={H45}"\n')
    result = runner.invoke(
        app, ["status", "--json", "--probe", "--shell", "bash", "--project", str(home)], env={}
    )
    login = json.loads(result.stdout)["background"]["new_shell"]["starts"]["login"]
    assert (login["model"], login["source"], login["certain"]) == (H45, "untraced", True)


def test_a_startup_file_that_unsets_an_inherited_value_takes_it_from_new_terminals(
    home: Path, inherited: int
) -> None:
    (home / ".zshrc").write_text(f"unset {FAST}\n")
    fresh = _report(home, {})["background"]["new_shell"]
    assert (fresh["model"], fresh["source"]) == (H55, "default")


_LOGIN_BASH = (
    "A login bash (ssh; tmux or `bash -l` started where the pin is not set) gets claude-haiku-5-5 for the "
    f"background model (Claude Code's default), where a new terminal gets {H45} (~/.bashrc:1): "
)


@pytest.mark.parametrize(
    ("files", "said"),
    [
        (
            {},
            "it reads ~/.bash_profile (or ~/.bash_login, ~/.profile), and there is none. Fix: create "
            "~/.bash_profile with the line `[ -f ~/.bashrc ] && . ~/.bashrc`.",
        ),
        (
            {".profile": "export PATH=$PATH:/x\n"},  # read by sh and ksh too: only bash may source it
            '~/.profile does not source ~/.bashrc. Fix: add `[ -n "$BASH_VERSION" ] && [ -f ~/.bashrc ] && '
            ". ~/.bashrc` to ~/.profile.",
        ),
        (
            {".bash_profile": 'eval "$(brew shellenv)"\n'},
            "ccprofile finds no line that sources ~/.bashrc, though it cannot follow every line. Fix: add "
            "`[ -f ~/.bashrc ] && . ~/.bashrc` to ~/.bash_profile (`ccprofile status --probe` shows what a new "
            "shell really exports).",
        ),
        (
            {".bash_profile": "export PATH=$PATH:/x\n", ".bashrc": ". ~/.bash_profile\n"},
            "~/.bash_profile does not source ~/.bashrc. Fix: move the pin to ~/.bash_profile, which ~/.bashrc "
            "sources already: `ccprofile uninstall --file ~/.bashrc`, then the same pin again with "
            "`--file ~/.bash_profile`.",
        ),
    ],
)
def test_login_shells_that_miss_the_pin_are_told_how_to_read_it(
    home: Path, files: dict[str, str], said: str
) -> None:
    """Each way a login bash can miss ~/.bashrc's pin, with the one line (or move) that ends it;
    never a line that would make two files source each other."""
    for name, text in files.items():
        (home / name).write_text(text)
    with (home / ".bashrc").open("w") as rc:
        rc.write(f"export {FAST}={H45}\n" + files.get(".bashrc", ""))
    report = _report(home, {FAST: H45}, shell="bash")
    assert _messages(report, "login-shells-differ") == [_LOGIN_BASH + said]


_SKIPS_PINS = '[ -z "$FROM_PROFILE" ] && . ~/.pins\n'


@pytest.mark.real_shell
def test_a_login_bash_missing_a_file_bashrc_sources_gets_bashrc_sourced(home: Path) -> None:
    """The pin is in ~/.bash_aliases, which ~/.bashrc sources: a login bash whose ~/.bash_profile
    reads neither gets the usual line for ~/.bashrc (not one for the aliases file); applied as
    printed, the real login bash has the pin."""
    (home / ".bashrc").write_text(". ~/.bash_aliases\n")
    (home / ".bash_aliases").write_text(f"export {FAST}={H45}\n")
    (home / ".bash_profile").write_text("export PATH=$PATH:/x\n")
    line = "[ -f ~/.bashrc ] && . ~/.bashrc"
    assert _messages(_report(home, {FAST: H45}, shell="bash"), "login-shells-differ") == [
        "A login bash (ssh; tmux or `bash -l` started where the pin is not set) gets claude-haiku-5-5 for the "
        f"background model (Claude Code's default), where a new terminal gets {H45} (~/.bash_aliases:1): "
        f"~/.bash_profile does not source ~/.bashrc. Fix: add `{line}` to ~/.bash_profile."
    ]
    with (home / ".bash_profile").open("a") as profile:
        profile.write(line + "\n")
    assert _messages(_report(home, {FAST: H45}, shell="bash"), "login-shells-differ") == []
    started = start_shell("bash", "-lic", home, f"printenv {FAST}")
    assert started.stdout == f"{H45}\n", started.stderr


@pytest.mark.parametrize(
    ("shell", "files"),
    [
        ("bash", {".bash_profile": "export FROM_PROFILE=1\n. ~/.bashrc\n", ".bashrc": _SKIPS_PINS}),
        # No ~/.zshenv: a file a new zsh would read but does not have is no file to source.
        ("zsh", {".zprofile": "export FROM_PROFILE=1\n", ".zshrc": _SKIPS_PINS}),
    ],
)
def test_a_pin_a_login_start_skips_in_a_file_both_starts_read_is_sourced_where_it_is(
    home: Path, shell: str, files: dict[str, str]
) -> None:
    """The rc file sources ~/.pins only where the login file did not say it is a login: both
    starts read the rc file, so the line sources the pin's own file, from the login file."""
    for name, text in files.items():
        (home / name).write_text(text)
    (home / ".pins").write_text(f"export {FAST}={H45}\n")
    login = next(iter(files))
    assert _messages(_report(home, {FAST: H45}, shell=shell), "login-shells-differ") == [
        f"A login {shell} (ssh; tmux or `{shell} -l` started where the pin is not set) gets claude-haiku-5-5 for "
        f"the background model (Claude Code's default), where a new terminal gets {H45} (~/.pins:1): "
        f"~/{login} does not source ~/.pins. Fix: add `[ -f ~/.pins ] && . ~/.pins` to ~/{login}."
    ]


@pytest.mark.parametrize(
    ("shell", "platform", "file", "said"),
    [
        (
            "bash",
            "darwin",
            ".bash_profile",
            "A non-login bash an app starts (some IDE terminals) gets claude-haiku-5-5 for the background "
            f"model (Claude Code's default), where a new terminal gets {H45} (~/.bash_profile:1): ~/.bashrc "
            "does not source ~/.bash_profile. Fix: add `[ -f ~/.bash_profile ] && . ~/.bash_profile` to "
            "~/.bashrc.",
        ),
        (
            "zsh",
            "linux",
            ".zprofile",
            f"A login zsh (ssh; tmux or `zsh -l` started where the pin is not set) gets {H45} for the "
            "background model (~/.zprofile:1), where a new terminal gets claude-haiku-5-5 (Claude Code's "
            f"default): a new terminal does not read ~/.zprofile. Fix: `ccprofile set-fast-model {H45} --shell zsh` "
            "pins it in ~/.zshrc, which both read; or, to drop it, delete line 1 of ~/.zprofile.",
        ),
        (
            "zsh",
            "darwin",
            ".zprofile",  # no ~/.zshenv: the files a start reads are the ones there are
            # Not a line in ~/.zshenv that sources a login file into every zsh: the pin moves.
            "A non-login zsh an app starts (some IDE terminals) gets claude-haiku-5-5 for the background "
            f"model (Claude Code's default), where a new terminal gets {H45} (~/.zprofile:1): only a "
            f"login zsh reads ~/.zprofile. Fix: delete line 1 of ~/.zprofile, then `ccprofile "
            f"set-fast-model {H45} --file ~/.zshrc`, which both starts read.",
        ),
        (
            "dash",
            "darwin",
            ".profile",  # a non-login dash reads only the file $ENV names
            "A non-login dash an app starts (some IDE terminals) gets claude-haiku-5-5 for the background "
            f"model (Claude Code's default), where a new terminal gets {H45} (~/.profile:1): it reads no "
            "startup file unless $ENV names one, and ENV is not set. Fix: export ENV=~/.profile in the "
            "environment your terminals start with.",
        ),
        (
            "bash",
            "darwin",
            ".profile",  # the login file bash reads when it has no ~/.bash_profile or ~/.bash_login
            "A non-login bash an app starts (some IDE terminals) gets claude-haiku-5-5 for the background "
            f"model (Claude Code's default), where a new terminal gets {H45} (~/.profile:1): ~/.bashrc "
            "does not source ~/.profile. Fix: add `[ -f ~/.profile ] && . ~/.profile` to ~/.bashrc.",
        ),
        (
            "bash",
            "darwin",
            ".shared_env",  # sourced by ~/.bash_profile: the fix sources the pin's file, not a login one
            "A non-login bash an app starts (some IDE terminals) gets claude-haiku-5-5 for the background "
            f"model (Claude Code's default), where a new terminal gets {H45} (~/.shared_env:1): ~/.bashrc "
            "does not source ~/.shared_env. Fix: add `[ -f ~/.shared_env ] && . ~/.shared_env` to "
            "~/.bashrc.",
        ),
        (
            "zsh",
            "darwin",
            ".pins",  # sourced by ~/.zprofile: not ~/.zprofile, a login file, sourced into every zsh
            "A non-login zsh an app starts (some IDE terminals) gets claude-haiku-5-5 for the background "
            f"model (Claude Code's default), where a new terminal gets {H45} (~/.pins:1): ~/.zshrc does "
            "not source ~/.pins. Fix: add `[ -f ~/.pins ] && . ~/.pins` to ~/.zshrc.",
        ),
    ],
)
def test_the_start_that_differs_is_named_for_the_platform(
    home: Path, shell: str, platform: str, file: str, said: str
) -> None:
    """macOS terminals start login shells, so the start that misses a login file's pin is a
    non-login one an app starts; on Linux a pin only a login file holds is named where it is."""
    (home / file).write_text(f"export {FAST}={H45}\n")
    sourced_by = {".shared_env": ".bash_profile", ".pins": ".zprofile"}
    if file in sourced_by:
        (home / sourced_by[file]).write_text(f". ~/{file}\n")
    if shell == "zsh":
        (home / ".zshrc").touch()  # the file both starts read
    report = json.loads(
        runner.invoke(
            app, ["status", "--json", "--shell", shell], env={"CCPROFILE_PLATFORM": platform, FAST: H45}
        ).stdout
    )
    assert _messages(report, "login-shells-differ") == [said]
    if "pins it in ~/.zshrc" in said:  # the fix, applied as printed, ends the difference
        assert runner.invoke(app, ["set-fast-model", H45, "--shell", shell]).exit_code == 0
        if "then delete line 1" in said:
            (home / file).write_text("")
        report = json.loads(
            runner.invoke(
                app, ["status", "--json", "--shell", shell], env={"CCPROFILE_PLATFORM": platform, FAST: H45}
            ).stdout
        )
        assert _messages(report, "login-shells-differ") == []


@pytest.mark.parametrize(
    ("platform", "who"),
    [
        ("linux", "Claude Code started from a new terminal"),
        ("darwin", "Claude Code started from a non-login zsh an app starts (some IDE terminals)"),
    ],
)
def test_a_pin_written_to_a_login_file_gets_the_move_status_gives(
    home: Path, platform: str, who: str
) -> None:
    """`set-fast-model --file ~/.zprofile` and status give one fix: the pin where both starts
    read, not ~/.zprofile sourced from ~/.zshrc (a login file in every shell, twice in a login
    one); applied as printed, status finds nothing left."""
    (home / ".zshrc").write_text("")
    env = {"CCPROFILE_PLATFORM": platform, "COLUMNS": "300"}
    zprofile = str(home / ".zprofile")
    written = runner.invoke(app, ["set-fast-model", H45, "--shell", "zsh", "--file", zprofile], env=env)
    assert written.exit_code == 0, written.output
    said = " ".join(written.output.split())
    assert (
        f"With {H45} pinned in ~/.zprofile, {who} uses claude-haiku-5-5: only a login zsh reads ~/.zprofile. "
        f"Fix: `ccprofile unset-fast-model --file ~/.zprofile`, then `ccprofile set-fast-model {H45} "
        "--file ~/.zshrc`, which both starts read."
    ) in said
    # Each step as printed says nothing against the next (no "the pin left behind beats it").
    removed = runner.invoke(app, ["unset-fast-model", "--file", zprofile], env={**env, FAST: H45, HAIKU: H45})
    assert removed.exit_code == 0 and "Fix:" not in removed.output, removed.output
    pinned = runner.invoke(app, ["set-fast-model", H45, "--file", str(home / ".zshrc")], env=env)
    assert pinned.exit_code == 0 and "Fix:" not in pinned.output, pinned.output
    loaded = {**env, FAST: H45, HAIKU: H45}  # this shell, after `source ~/.zshrc`
    report = json.loads(runner.invoke(app, ["status", "--json", "--shell", "zsh"], env=loaded).stdout)
    # macOS's apps from the Dock read no shell file at all: that warning is not this one's.
    assert [w["code"] for w in report["warnings"]] == (["launchers-differ"] if platform == "darwin" else [])


@pytest.mark.real_shell
@pytest.mark.parametrize("profile", [None, "export EDITOR=vi\n"])
def test_a_bash_pin_in_fishs_file_is_moved_to_bashrc_for_both_starts(home: Path, profile: str | None) -> None:
    """fish runs `export`, so the write is allowed; bash never reads config.fish, and sourcing
    it would run fish's lines in bash. Both fixes, applied as printed, give the real bash the
    pin, login or not (a ~/.bash_profile that does not source ~/.bashrc is made to)."""
    config = home / ".config" / "fish" / "config.fish"
    config.parent.mkdir(parents=True)
    (home / ".bashrc").write_text("")
    if profile is not None:
        (home / ".bash_profile").write_text(profile)
    written = runner.invoke(
        app, ["set-fast-model", H45, "--shell", "bash", "--file", str(config)], env={"COLUMNS": "300"}
    )
    said = " ".join(written.output.split())
    pin = f"`ccprofile set-fast-model {H45} --file ~/.bashrc`"
    assert (
        f"bash does not read ~/.config/fish/config.fish, fish's file. Fix: {pin}, which bash reads." in said
    )
    source = "[ -f ~/.bashrc ] && . ~/.bashrc"
    login_fix = (
        f"add `{source}` to ~/.bash_profile"
        if profile
        else f"create ~/.bash_profile with the line `{source}`"
    )
    assert f"fish's file. Fix: {pin}, then {login_fix}." in said
    assert runner.invoke(app, ["set-fast-model", H45, "--file", str(home / ".bashrc")]).exit_code == 0
    (home / ".bash_profile").write_text((profile or "") + source + "\n")
    for flags in ("-ic", "-lic"):
        started = start_shell("bash", flags, home, f"printenv {FAST}")
        assert started.stdout == f"{H45}\n", (flags, started.stderr)


@pytest.mark.parametrize("background", ["zshrc", "settings"])
def test_the_other_starts_primary_is_judged_past_a_background_it_gets_or_settings_decide(
    home: Path, background: str
) -> None:
    """macOS: a new terminal is a login zsh and reads ~/.zprofile; an app's non-login zsh does
    not. Its background pin comes from ~/.zshrc (met) or a settings file (not the file's to
    answer for): the primary pin it misses is still said."""
    if background == "zshrc":
        (home / ".zshrc").write_text(f"export {FAST}={H45}\n")
    else:  # settings beat the pin for every claude: a new terminal's shortfall, not the file's
        _settings(home, {"env": {FAST: H55}})
    env = {"CCPROFILE_PLATFORM": "darwin", "COLUMNS": "300"}
    zprofile = str(home / ".zprofile")
    assert (
        runner.invoke(app, ["set-fast-model", H45, "--shell", "zsh", "--file", zprofile], env=env).exit_code
        == 0
    )
    written = runner.invoke(
        app, ["set-model", "claude-opus-5", "--shell", "zsh", "--file", zprofile], env=env
    )
    said = " ".join(written.output.split())
    assert (
        "With claude-opus-5 pinned in ~/.zprofile, Claude Code started from a non-login zsh an app starts "
        "(some IDE terminals) uses claude-opus-5-5: only a login zsh reads ~/.zprofile."
    ) in said
    assert said.count("only a login zsh reads") == 1  # the primary's; the background is not the file's


@pytest.mark.real_shell
def test_probe_names_a_pin_this_shell_lacks_from_a_file_status_cannot_trace(home: Path) -> None:
    """In this process (what mutation testing sees): a dotfiles repository's zsh, the probe
    finds the pin in a new zsh, and this shell holds another value."""
    require_program("zsh")
    dots = home / "dots"
    dots.mkdir()
    (dots / ".zshenv").write_text('ZDOTDIR="${${(%):-%x}:A:h}"\n')
    (home / ".zshenv").symlink_to(dots / ".zshenv")
    assert (
        runner.invoke(
            app, ["set-fast-model", H45, "--shell", "zsh", "--file", str(dots / ".zshrc")]
        ).exit_code
        == 0
    )
    result = runner.invoke(
        app, ["status", "--json", "--probe", "--shell", "zsh"], env={FAST: H55, HAIKU: None}
    )
    assert _messages(json.loads(result.stdout), "not-loaded") == [
        f"A new zsh exports {FAST}={H45} (this shell: '{H55}'), {HAIKU}={H45} (this shell: unset) from a "
        "startup file ccprofile could not trace, but this shell has not loaded it. Fix: open a new terminal."
    ]


@pytest.mark.real_shell
def test_probe_says_a_traced_pin_this_shell_lacks_once(home: Path) -> None:
    require_program("zsh")
    assert runner.invoke(app, ["set-fast-model", H45, "--shell", "zsh"]).exit_code == 0
    result = runner.invoke(
        app, ["status", "--json", "--probe", "--shell", "zsh"], env={FAST: None, HAIKU: None}
    )
    [said] = _messages(json.loads(result.stdout), "not-loaded")
    assert said.startswith(f"{home}/.zshrc pins {FAST}={H45} (this shell: unset)"), said


def test_a_login_file_a_line_ccprofile_cannot_follow_may_source_gets_no_move(home: Path) -> None:
    """`source "$(echo ...)"` in ~/.zshrc may be what reads ~/.zprofile: no confident "only a
    login zsh reads it", and status --probe is the first step."""
    (home / ".zshrc").write_text('f=~/.zprofile\nsource "$(echo $f)"\n')
    written = runner.invoke(
        app,
        ["set-fast-model", H45, "--shell", "zsh", "--file", str(home / ".zprofile")],
        env={"COLUMNS": "300"},
    )
    said = " ".join(written.output.split())
    assert "only a login zsh reads" not in said
    assert (
        "ccprofile finds no line that sources ~/.zprofile, though it cannot follow every line. Fix: add "
        "`[ -f ~/.zprofile ] && . ~/.zprofile` to ~/.zshrc (`ccprofile status --probe --shell zsh` shows what a new "
        "shell really exports)."
    ) in said


@pytest.mark.real_shell
def test_a_zsh_pin_in_bashs_file_is_moved_to_zshs_not_sourced(home: Path) -> None:
    """Sourcing ~/.bashrc from a zsh file would run bash's lines in every zsh (`shopt`: command
    not found): the fix pins in ~/.zshrc by name, so it holds whichever shell it is typed in."""
    (home / ".bashrc").write_text("shopt -s histappend\n")
    env = {"COLUMNS": "300"}
    written = runner.invoke(
        app, ["set-fast-model", H45, "--shell", "zsh", "--file", str(home / ".bashrc")], env=env
    )
    said = " ".join(written.output.split())
    assert (
        said.count("Fix:") == 1
        and (
            f"Claude Code started from a new terminal uses {H55}: zsh does not read ~/.bashrc, bash's file. "
            f"Fix: `ccprofile set-fast-model {H45} --file ~/.zshrc`, which zsh reads."
        )
        in said
    )
    fixed = runner.invoke(app, ["set-fast-model", H45, "--file", str(home / ".zshrc")], env=env)
    assert fixed.exit_code == 0 and "Fix:" not in fixed.output, fixed.output
    started = start_shell("zsh", "-ic", home, f"printenv {FAST}")
    assert (started.stdout, started.stderr) == (f"{H45}\n", "")


@pytest.mark.real_shell
def test_a_pin_a_login_file_sources_gets_its_own_file_sourced_by_status_and_the_write(home: Path) -> None:
    """~/.zprofile sources ~/.pins, which holds the pin, on macOS (login terminals): the fix
    sources ~/.pins from ~/.zshrc, not ~/.zprofile, a login file, into every zsh; the write
    and status say the same, and applied as printed the real non-login zsh has the pin."""
    (home / ".zprofile").write_text(". ~/.pins\n")
    (home / ".zshrc").write_text("setopt no_beep\n")
    (home / ".pins").touch()
    env = {"CCPROFILE_PLATFORM": "darwin", "COLUMNS": "300"}
    written = runner.invoke(
        app, ["set-fast-model", H45, "--shell", "zsh", "--file", str(home / ".pins")], env=env
    )
    fix = "~/.zshrc does not source ~/.pins. Fix: add `[ -f ~/.pins ] && . ~/.pins` to ~/.zshrc."
    assert written.exit_code == 0 and fix in " ".join(written.output.split()), written.output
    loaded = {**env, FAST: H45, HAIKU: H45}  # the login terminal, after `source ~/.pins`
    report = json.loads(runner.invoke(app, ["status", "--json", "--shell", "zsh"], env=loaded).stdout)
    assert [m.endswith(fix) for m in _messages(report, "login-shells-differ")] == [True]
    assert start_shell("zsh", "-ic", home, f"printenv {FAST}").stdout == ""
    with (home / ".zshrc").open("a") as zshrc:
        zshrc.write("[ -f ~/.pins ] && . ~/.pins\n")
    report = json.loads(runner.invoke(app, ["status", "--json", "--shell", "zsh"], env=loaded).stdout)
    assert _messages(report, "login-shells-differ") == []
    for flags in ("-ic", "-lic"):
        started = start_shell("zsh", flags, home, f"printenv {FAST}")
        assert (started.stdout, started.stderr) == (f"{H45}\n", ""), flags


@pytest.mark.real_shell
def test_a_ksh_pin_in_the_env_file_of_this_shell_alone_is_sourced_from_kshrc_quoted(home: Path) -> None:
    """ENV names ~/my dots/kshenv here only: a new ksh93 reads ~/.kshrc (not "no startup file"),
    and every path the fixes print pastes whole (~/ outside the quotes, which expand no ~)."""
    env_file = home / "my dots" / "kshenv"
    env_file.parent.mkdir()
    env_file.write_text("# env\n")
    env = {"ENV": str(env_file), "COLUMNS": "300"}
    written = runner.invoke(app, ["set-fast-model", H45, "--shell", "ksh"], env=env)
    line = "[ -f ~/'my dots/kshenv' ] && . ~/'my dots/kshenv'"
    said = " ".join(written.output.split())
    assert (
        f"Claude Code started from a new terminal uses claude-haiku-5-5: ~/.kshrc does not source ~/my "
        f"dots/kshenv. Fix: add `{line}` to ~/.kshrc."
    ) in said, said
    report = json.loads(runner.invoke(app, ["status", "--json", "--shell", "ksh"], env=env).stdout)
    assert _messages(report, "block-not-read") == [
        f"{env_file} holds ccprofile's block, but a new ksh does not read it: ~/.kshrc does not source ~/my "
        f"dots/kshenv. Fix: add `{line}` to ~/.kshrc, or remove the block: `ccprofile uninstall --file "
        f"'{env_file}'`."
    ]
    shown = " ".join(runner.invoke(app, ["status", "--shell", "ksh"], env=env).output.split())
    assert "`ccprofile uninstall --file ~/'my dots/kshenv'`." in shown, shown
    started = subprocess.run(
        [require_program("sh"), "-c", f"HOME={home} && cd / && {line} && printenv {FAST}"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "HOME": str(home)},
    )
    assert started.stdout == f"{H45}\n", started.stderr  # the line, as a shell runs it
    (home / ".kshrc").write_text(line + "\n")
    new = start_shell("ksh", "-ic", home, f"printenv {FAST}")
    assert new.stdout == f"{H45}\n", new.stderr
    assert "block-not-read" not in [
        w["code"]
        for w in json.loads(runner.invoke(app, ["status", "--json", "--shell", "ksh"], env=env).stdout)[
            "warnings"
        ]
    ]


@pytest.mark.parametrize(("shell", "file"), [("bash", ".bash_profile"), ("dash", ".profile")])
def test_a_pin_only_a_login_file_holds_gets_no_fix_where_no_file_is_read_by_both(
    home: Path, shell: str, file: str
) -> None:
    """A login bash does not read ~/.bashrc, a non-login dash no ~/.profile: there is no file
    "both read" to offer, so the difference is said without a fix."""
    (home / file).write_text(f"export {FAST}={H45}\n")
    assert _messages(_report(home, {}, shell=shell), "login-shells-differ") == [
        f"A login {shell} (ssh; tmux or `{shell} -l` started where the pin is not set) gets {H45} for the "
        f"background model (~/{file}:1), where a new terminal gets {H55} (Claude Code's default)."
    ]


@pytest.mark.real_shell
def test_a_pin_only_a_login_bash_profile_holds_moves_to_the_bashrc_it_sources(home: Path) -> None:
    """~/.bash_profile sources ~/.bashrc, the usual setup: ~/.bashrc is read by both starts, so
    the fix pins there; applied as printed, the real bash has the pin either way."""
    (home / ".bashrc").write_text("alias ll='ls -l'\n")
    (home / ".bash_profile").write_text(f"[ -f ~/.bashrc ] && . ~/.bashrc\nexport {FAST}={H45}\n")
    assert _messages(_report(home, {}, shell="bash"), "login-shells-differ") == [
        f"A login bash (ssh; tmux or `bash -l` started where the pin is not set) gets {H45} for the "
        f"background model (~/.bash_profile:2), where a new terminal gets {H55} (Claude Code's default): "
        f"a new terminal does not read ~/.bash_profile. Fix: `ccprofile set-fast-model {H45}` pins it in "
        "~/.bashrc, which both read; or, to drop it, delete line 2 of ~/.bash_profile."
    ]
    assert runner.invoke(app, ["set-fast-model", H45, "--shell", "bash"]).exit_code == 0
    assert _messages(_report(home, {FAST: H45, HAIKU: H45}, shell="bash"), "login-shells-differ") == []
    for flags in ("-ic", "-lic"):
        started = start_shell("bash", flags, home, f"printenv {FAST}")
        assert started.stdout == f"{H45}\n", (flags, started.stderr)


def test_a_pin_the_other_start_skips_inside_a_file_both_read_is_sourced_where_it_is(home: Path) -> None:
    """~/.bashrc sources ~/.bash_profile, which skips ~/.pins when ~/.bashrc said so: every
    file the login start reads is read by the other start too, so the fix sources the pin's
    own file (real bash: `bash -lic` has the pin, `bash -ic` does not)."""
    (home / ".bashrc").write_text("PINS_OFF=1\n. ~/.bash_profile\n")
    (home / ".bash_profile").write_text('[ -z "$PINS_OFF" ] && . ~/.pins\n')
    (home / ".pins").write_text(f"export {FAST}={H45}\n")
    assert _messages(
        _report(home, {"CCPROFILE_PLATFORM": "darwin"}, shell="bash"), "login-shells-differ"
    ) == [
        f"A non-login bash an app starts (some IDE terminals) gets {H55} for the background model (Claude "
        f"Code's default), where a new terminal gets {H45} (~/.pins:1): ~/.bashrc does not source ~/.pins. "
        "Fix: add `[ -f ~/.pins ] && . ~/.pins` to ~/.bashrc."
    ]


def test_a_provider_only_the_login_file_switches_on_is_a_difference_without_a_fix(home: Path) -> None:
    """Neither start's model is a startup file's pin (both are defaults), so there is no pin to
    move; the difference is still said, for both models."""
    (home / ".zprofile").write_text("export CLAUDE_CODE_USE_BEDROCK=1\nexport AWS_REGION=us-east-1\n")
    login = "A login zsh (ssh; tmux or `zsh -l` started where the pin is not set)"
    assert _messages(_report(home, {}), "login-shells-differ") == [
        f"{login} gets us.anthropic.claude-sonnet-4-5-20250929-v1:0 for the background model (Claude Code's "
        f"default), where a new terminal gets {H55} (Claude Code's default).",
        f"{login} gets us.anthropic.claude-opus-5-5 for the primary model (Claude Code's default), where a new "
        "terminal gets claude-opus-5-5 (Claude Code's default).",
    ]


def test_a_terminal_model_the_policy_chose_is_no_startup_files_pin(home: Path) -> None:
    """The enforced list gives a new terminal its first entry (from the settings file, not a
    startup file); the login start's own pin is the difference, fixed where both read."""
    (home / ".zprofile").write_text("export ANTHROPIC_MODEL=claude-haiku-5-5\n")
    _settings(home, {"availableModels": ["claude-sonnet-5-5", H55], "enforceAvailableModels": True})
    assert _messages(_report(home, {}), "login-shells-differ") == [
        "A login zsh (ssh; tmux or `zsh -l` started where the pin is not set) gets claude-haiku-5-5 for the "
        "primary model (~/.zprofile:1), where a new terminal gets claude-sonnet-5-5 (~/.claude/settings.json): "
        "a new terminal does not read ~/.zprofile. Fix: `ccprofile set-model claude-haiku-5-5` pins it in "
        "~/.zshrc, which both read; or, to drop it, delete line 1 of ~/.zprofile."
    ]


def test_a_primary_of_another_geography_is_judged_after_the_backgrounds_mirror(home: Path) -> None:
    """ANTHROPIC_DEFAULT_HAIKU_MODEL mirroring the background pin is one warning, on the pin;
    the variables after it are still judged."""
    us_haiku, us_sonnet = (
        "us.anthropic.claude-haiku-4-5-20251001-v1:0",
        "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
    )
    env = {
        "CLAUDE_CODE_USE_BEDROCK": "1",
        "AWS_REGION": "eu-west-1",
        FAST: us_haiku,
        HAIKU: us_haiku,
        PRIMARY: us_sonnet,
    }
    said = [m.split(" (")[0] for m in _messages(_report(home, env), "bedrock-region")]
    assert said == [f"{FAST}={us_haiku}", f"{PRIMARY}={us_sonnet}"]


def test_a_shell_alias_that_gives_the_expected_bedrock_model_needs_no_loading(home: Path) -> None:
    """This shell's `sonnet` is, in the AWS config file's region, the expected eu. profile:
    once the settings value that beats it is out, this shell needs nothing more."""
    (home / ".aws").mkdir()
    (home / ".aws" / "config").write_text("[default]\nregion = eu-west-1\n")
    wanted = "eu.anthropic.claude-sonnet-4-5-20250929-v1:0"
    repo = _repository(home, f'model = "{wanted}"\nscope = "shell"\n')
    path = _settings(home, {"env": {PRIMARY: "x-other"}})
    env = {"CLAUDE_CODE_USE_BEDROCK": "1", PRIMARY: "sonnet"}
    result = runner.invoke(
        app, ["status", "--json", "--check", "--shell", "zsh", "--project", str(repo)], env=env
    )
    drifts = [w["message"] for w in json.loads(result.output)["warnings"] if w["code"] == "drift"]
    here = [d for d in drifts if "started from this shell" in d]
    assert here and all("in this shell (or open a new terminal)" not in d for d in here), drifts
    assert all(f'remove "{PRIMARY}" from the "env" object of {path}' in d for d in here)


def test_a_pin_in_a_home_whose_path_holds_a_colon_is_named_by_its_file_and_line(tmp_path: Path) -> None:
    """A place is written FILE:LINE; the file is everything before the last colon."""
    home = tmp_path / "me:work"
    home.mkdir()
    (home / ".zprofile").write_text(f"export {FAST}={H45}\n")
    result = runner.invoke(
        app, ["status", "--json", "--shell", "zsh"], env={"HOME": str(home), "ZDOTDIR": None}
    )
    [said] = _messages(json.loads(result.stdout), "login-shells-differ")
    assert said.endswith(
        f"Fix: `ccprofile set-fast-model {H45} --shell zsh` pins it in ~/.zshrc, which both read; or, to drop it, delete "
        "line 1 of ~/.zprofile."
    )


def test_a_drift_fixed_in_settings_loads_the_file_that_holds_the_shells_pin(home: Path) -> None:
    """The expected pin is in a file ~/.zshrc sources, beaten by a settings file: the fix takes
    the settings value out, then loads that file in this shell (not the block's file)."""
    repo = _repository(home, f'fast-model = "{H45}"\nscope = "shell"\n')
    (home / ".zshrc").write_text(". ~/.env\n")
    (home / ".env").write_text(f"export {FAST}={H45}\n")
    path = _settings(home, {"env": {FAST: H55}})
    assert _drifts(home, repo) == [
        f"Expected the background model {H45} ({repo}/.ccprofile.toml:1), but a claude started from this "
        f'shell or a new terminal uses {H55}, set by env.{FAST} in {path}. Fix: remove "{FAST}" from the '
        f'"env" object of {path}, then run `source {home}/.env` in this shell (or open a new terminal).'
    ]


def test_a_line_only_the_login_file_runs_makes_only_the_login_start_uncertain(home: Path) -> None:
    """Named for the start that reads it, the line marked as login shells' only; a CRLF file's
    doubt is its own warning's (one problem, one fix)."""
    (home / ".zprofile").write_text('eval "$(brew shellenv)"\n')
    (home / ".zshrc").write_text("alias ll=1\n")
    assert _messages(_report(home, {}), "uncertain") == [
        "What a login zsh (ssh; tmux or `zsh -l` started where the pin is not set) exports is not certain: "
        "ccprofile reads startup files without running them, and cannot follow this line: ~/.zprofile:1 runs eval "
        "(login shells only). Fix: `ccprofile status --probe` starts one and shows what it really exports."
    ]
    (home / ".zprofile").write_text('eval "$(brew shellenv)"\r\n')
    report = _report(home, {})
    assert _messages(report, "uncertain") == [] and len(_messages(report, "crlf-startup-file")) == 1
    # On macOS a new terminal is a login shell: the other start is the non-login one.
    (home / ".bashrc").write_text('eval "$(pyenv init -)"\n')
    (home / ".bash_profile").write_text("export PATH=$PATH\n")
    assert _messages(_report(home, {"CCPROFILE_PLATFORM": "darwin"}, shell="bash"), "uncertain") == [
        "What a non-login bash an app starts (some IDE terminals) exports is not certain: ccprofile reads "
        "startup files without running them, and cannot follow this line: ~/.bashrc:1 runs eval (non-login shells "
        "only). Fix: `ccprofile status --probe` starts one and shows what it really exports."
    ]
    (home / ".bashrc").write_text('eval "$(pyenv init -)"\neval "$(direnv hook bash)"\n')
    assert _messages(_report(home, {"CCPROFILE_PLATFORM": "darwin"}, shell="bash"), "uncertain") == [
        "What a non-login bash an app starts (some IDE terminals) exports is not certain: ccprofile reads "
        "startup files without running them, and cannot follow these lines: ~/.bashrc:1 runs eval (non-login "
        "shells only); ~/.bashrc:2 runs eval (non-login shells only). Fix: `ccprofile status --probe` starts one "
        "and shows what it really exports."
    ]


@pytest.mark.parametrize(
    ("line", "fix"),
    [
        # The primary's fallback variable: the fix pins the primary (it once crashed status).
        (
            "export ANTHROPIC_DEFAULT_MODEL=claude-sonnet-4-5-20250929",
            "`ccprofile set-model claude-sonnet-4-5-20250929` pins it in ~/.zshrc, which both read; or, to "
            "drop it, delete line 1 of ~/.zprofile.",
        ),
        # An alias is pinned as written; a value the shell would glob is quoted.
        (
            f"export {PRIMARY}=sonnet",
            "`ccprofile set-model sonnet` pins it in ~/.zshrc, which both read; or, to drop it, delete line 1 "
            "of ~/.zprofile.",
        ),
        (
            f"export {PRIMARY}='claude-sonnet-4-5-20250929[1m]'",
            "`ccprofile set-model 'claude-sonnet-4-5-20250929[1m]'` pins it in ~/.zshrc, which both read; or, "
            "to drop it, delete line 1 of ~/.zprofile.",
        ),
    ],
)
def test_a_primary_only_a_login_file_pins_gets_both_fixes(home: Path, line: str, fix: str) -> None:
    (home / ".zprofile").write_text(line + "\n")
    [said] = _messages(_report(home, {}), "login-shells-differ")
    assert said.endswith(f"Fix: {fix}")


def test_ccprofiles_own_block_in_a_login_file_is_dropped_with_unset(home: Path) -> None:
    """After `unset-fast-model` in ~/.zshrc, the block left in ~/.zprofile is the difference;
    dropping it takes that one pin out, and the block's primary pin stays."""
    zprofile = str(home / ".zprofile")
    assert runner.invoke(app, ["set-fast-model", H45, "--file", zprofile]).exit_code == 0
    assert runner.invoke(app, ["set-model", "claude-opus-5", "--file", zprofile]).exit_code == 0
    [said, _] = _messages(_report(home, {}), "login-shells-differ")
    assert said.endswith(
        f"Fix: `ccprofile set-fast-model {H45}` pins it in ~/.zshrc, which both read; or, to drop it, "
        "`ccprofile unset-fast-model --file ~/.zprofile`."
    )
    assert runner.invoke(app, ["unset-fast-model", "--file", zprofile]).exit_code == 0
    [found] = block.find_blocks((home / ".zprofile").read_text())
    assert found.body[-1] == "export ANTHROPIC_MODEL='claude-opus-5'" and H45 not in "".join(found.body)
