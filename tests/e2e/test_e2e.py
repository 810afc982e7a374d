"""For every scenario and every Claude Code release under test, ``ccprofile status --json``
names the models the real Claude Code sends.

Needs ``claude`` and tmux. CI lists one binary per release recorded in catalog.json in
``CCPROFILE_E2E_CLAUDES`` (':'-separated); ``CCPROFILE_E2E_CLAUDE`` names one; otherwise
``claude`` on PATH. Without them a local run skips with the reason; under CI=true it fails.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from ccprofile.claude.catalog import load, recorded_releases
from tests.conftest import IN_CI, ccprofile_command, require_program
from tests.e2e.harness import Outcome, Scenario, claude_version, run_scenario
from tests.e2e.releases import binaries_under_test, compare_prices, compare_table, model_table, prices
from tests.e2e.scenarios import SCENARIOS

pytestmark = pytest.mark.e2e
BINARIES = binaries_under_test(os.environ) or ["claude"]


def _release(program: str) -> str:
    match = re.match(r"(\d+\.\d+\.\d+)", claude_version(program))
    assert match, f"{program} --version printed no version"
    return match.group(1)


@pytest.fixture(scope="module", params=BINARIES, ids=lambda p: Path(p).parent.parent.parent.name or p)
def claude(request: pytest.FixtureRequest) -> tuple[str, str]:
    program = str(request.param)
    if os.sep not in program:
        program = require_program(program)
    require_program("tmux")
    return program, _release(program)


def test_every_recorded_release_is_under_test() -> None:
    """CI runs the whole matrix against each release catalog.json has rules for."""
    if not IN_CI and not binaries_under_test(os.environ):
        pytest.skip("set CCPROFILE_E2E_CLAUDES to test every release (CI=true requires it)")
    found = {_release(p) for p in BINARIES}
    assert set(recorded_releases()) <= found, f"releases under test: {sorted(found)}"


def test_catalog_matches_the_model_table_in_the_binary(claude: tuple[str, str]) -> None:
    """A new model (or a changed ID) in a release shows up here; an unknown format fails."""
    program, release = claude
    rules = release if release in recorded_releases() else None
    assert compare_table(load(rules), model_table(program)) == []


def test_catalog_prices_are_the_cost_table_in_the_binary(claude: tuple[str, str]) -> None:
    """The prices ccprofile compares (cost confirmation, costly-background, `models`) are the
    ones Claude Code itself counts with; a release that changes one fails here."""
    program, release = claude
    rules = release if release in recorded_releases() else None
    assert compare_prices(load(rules), prices(program)) == []


@pytest.fixture(scope="module")
def claudes() -> list[tuple[str, str]]:
    """Every Claude Code under test, with its release."""
    require_program("tmux")
    programs = [p if os.sep in p else require_program(p) for p in BINARIES]
    return [(program, _release(program)) for program in programs]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_status_matches_what_claude_code_sends(
    scenario: Scenario, claudes: list[tuple[str, str]], tmp_path: Path
) -> None:
    """Each release runs the scenario at the same time, in a sandbox of its own: a session
    mostly waits for Claude Code to start, so two releases take little longer than one."""
    from concurrent.futures import ThreadPoolExecutor

    def run(index: int, program: str) -> Outcome:
        return run_scenario(scenario, tmp_path / f"e2e-{index}", program, ccprofile_command())

    with ThreadPoolExecutor(max_workers=len(claudes)) as pool:
        outcomes = list(pool.map(run, range(len(claudes)), [program for program, _ in claudes]))
    for (_, release), outcome in zip(claudes, outcomes, strict=True):
        _check(outcome, release)


def _check(outcome: Outcome, release: str) -> None:
    sent = ", ".join(f"{r.model}{' (tools)' if r.has_tools else ''}" for r in outcome.requests)
    context = f"Claude Code {release}; requests: {sent}"
    assert outcome.claude.background, f"no title request reached the fake API ({context})"
    assert outcome.claude.primary, f"no main request reached the fake API ({context})"
    assert outcome.status.background == outcome.claude.background, context
    assert outcome.status.primary == outcome.claude.primary, context
    # Before any new shell ran, status read the startup files and predicted the same.
    assert outcome.predicted.background == outcome.claude.background, context
    assert outcome.predicted.primary == outcome.claude.primary, context
    if outcome.scenario.agent:
        assert outcome.claude.subagent, f"no subagent request reached the fake API ({context})"
        assert outcome.status.subagent == outcome.predicted.subagent == outcome.claude.subagent, context
    if outcome.scenario.fail:
        assert outcome.claude.fallback, f"Claude Code sent no main request after the failures ({context})"
        assert outcome.status.fallback == outcome.predicted.fallback == outcome.claude.fallback, context
