"""For every scenario, ``ccprofile status --json`` names the models the real Claude Code sends.

Needs ``claude`` (npm package @anthropic-ai/claude-code; ``CCPROFILE_E2E_CLAUDE`` may point at
another build) and tmux. Without them a local run skips with the reason; under CI=true it fails.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ccprofile.claude.catalog import load
from tests.conftest import ccprofile_command, require_program
from tests.e2e.harness import Scenario, claude_version, run_scenario
from tests.e2e.scenarios import SCENARIOS

pytestmark = pytest.mark.e2e
RULES_VERSION = load().claude_code_version


@pytest.fixture(scope="module")
def claude() -> tuple[str, str]:
    override = os.environ.get("CCPROFILE_E2E_CLAUDE")
    program = override or require_program("claude")
    require_program("tmux")
    version = claude_version(program)
    assert "Claude Code" in version, f"{program} --version printed {version!r}"
    return program, version


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_status_matches_what_claude_code_sends(
    scenario: Scenario, claude: tuple[str, str], tmp_path: Path
) -> None:
    program, version = claude
    outcome = run_scenario(scenario, tmp_path / "e2e", program, ccprofile_command())
    sent = ", ".join(f"{r.model}{' (tools)' if r.has_tools else ''}" for r in outcome.requests)
    context = f"{version}, rules recorded for {RULES_VERSION}; requests: {sent}"
    assert outcome.claude.background, "no title request reached the fake API"
    assert outcome.claude.primary, "no main request reached the fake API"
    assert outcome.status.background == outcome.claude.background, context
    assert outcome.status.primary == outcome.claude.primary, context
    # Before any new shell ran, status read the startup files and predicted the same.
    assert outcome.predicted.background == outcome.claude.background, context
    assert outcome.predicted.primary == outcome.claude.primary, context
