"""Recheck ccprofile's rules against any installed Claude Code: ``python -m tests.e2e``.

Runs every scenario of tests/e2e/scenarios.py (or those whose name contains ``-k TEXT``) with
the given ``claude``, prints the Claude Code version and a table of what ``ccprofile status``
said against what Claude Code sent, then one JSON line. Exit 0 when all agree, 1 when any
disagrees, 2 when the harness could not run a scenario.

``--discover`` instead runs the scenarios with nothing pinned, prints the defaults they
measure as a ``releases`` entry for catalog.json (only what differs from the newest recorded
release) and compares the binary's model table with catalog.json: the first step of adding
a release (docs/claude-code-releases.md). Exit 1 when the model table differs.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from rich.console import Console
from rich.table import Table

from ccprofile import __version__
from ccprofile.claude.catalog import load, recorded_releases
from ccprofile.claude.releases import version_key
from tests.e2e.harness import Outcome, claude_version, run_scenario
from tests.e2e.releases import (
    DEFAULT_SCENARIOS,
    UnknownFormat,
    compare_table,
    defaults_block,
    model_table,
    release_entry,
)
from tests.e2e.scenarios import SCENARIOS
from tests.e2e.session import E2eError


def _cell(status: str | None, predicted: str | None, sent: str | None) -> str:
    if status == predicted == sent:
        return str(sent)
    return f"status: {status}\npredicted: {predicted}\nsent: {sent}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.e2e", description=__doc__.splitlines()[0])
    parser.add_argument("--claude", default=shutil.which("claude"), help="the claude program (default: PATH)")
    parser.add_argument("-k", dest="match", default="", help="only scenarios whose name contains this")
    parser.add_argument(
        "--discover", action="store_true", help="measure the defaults of this release and print them"
    )
    args = parser.parse_args(argv)
    if not args.claude:
        parser.error("no claude on PATH; install it (npm install @anthropic-ai/claude-code) or pass --claude")
    if shutil.which("tmux") is None:
        parser.error("tmux is needed to give Claude Code a terminal")
    console = Console(width=max(Console().width, 150))
    version = claude_version(args.claude)
    console.print(f"Claude Code: {version} ({args.claude})")
    console.print(f"ccprofile {__version__}, rules recorded for Claude Code {', '.join(recorded_releases())}")
    if args.discover:
        return _discover(console, args.claude, version)

    outcomes: list[Outcome] = []
    errors: dict[str, str] = {}
    ccprofile = [sys.executable, "-m", "ccprofile"]
    for scenario in (s for s in SCENARIOS if args.match in s.name):
        with tempfile.TemporaryDirectory(prefix="ccprofile-e2e-") as root:
            try:
                outcomes.append(run_scenario(scenario, Path(root) / "run", args.claude, ccprofile))
            except E2eError as error:
                errors[scenario.name] = str(error)
                console.print(f"[red]{scenario.name}: {error}[/]")

    table = Table(
        "scenario", "background model", "primary model", "", title="status vs. what Claude Code sent"
    )
    for outcome in outcomes:
        table.add_row(
            outcome.scenario.name,
            _cell(outcome.status.background, outcome.predicted.background, outcome.claude.background),
            _cell(outcome.status.primary, outcome.predicted.primary, outcome.claude.primary),
            "[green]agree[/]" if outcome.agrees else "[red]DIFFER[/]",
        )
    console.print(table)
    differ = [o.scenario.name for o in outcomes if not o.agrees]
    summary = {
        "claude_code": version,
        "ccprofile": __version__,
        "scenarios": len(outcomes) + len(errors),
        "agree": len(outcomes) - len(differ),
        "differ": differ,
        "errors": sorted(errors),
    }
    print(json.dumps(summary))
    if errors:
        return 2
    return 1 if differ else 0


def _discover(console: Console, claude: str, version: str) -> int:
    """Measure the defaults of ``claude`` and check its model table against catalog.json."""
    ccprofile = [sys.executable, "-m", "ccprofile"]
    measured = {}
    for name, _ in DEFAULT_SCENARIOS.values():
        scenario = next(s for s in SCENARIOS if s.name == name)
        with tempfile.TemporaryDirectory(prefix="ccprofile-e2e-") as root:
            measured[name] = run_scenario(scenario, Path(root) / "run", claude, ccprofile).claude
    release = version.split()[0]
    # Compared with the newest recorded release before it: what its entry must record.
    before = [r for r in recorded_releases() if version_key(r) < version_key(release)]
    base = load(before[-1] if before else recorded_releases()[0])
    newest = load()
    console.print(f"Defaults measured in Claude Code {release}:")
    print(json.dumps(defaults_block(measured), indent=1))
    console.print(f"As a releases entry of catalog.json (what differs from {base.claude_code_version}):")
    print(release_entry(release, defaults_block(measured), base))
    try:
        problems = compare_table(newest, model_table(claude))
    except UnknownFormat as error:
        console.print(f"[red]model table: {error}[/]")
        return 2
    for problem in problems:
        console.print(f"[red]model table: {problem}[/]")
    if not problems:
        console.print("model table: the same as catalog.json")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
