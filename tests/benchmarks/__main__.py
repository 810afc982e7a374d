"""Benchmarks measured side by side in one run: ``python -m tests.benchmarks [--quick]``.

Each comparison alternates its commands run by run and reports medians and their ratio, so
a noisy machine slows both sides alike. Prints a table, then one JSON line with every figure.
``--quick`` (used by CI) proves the benchmark works with few runs; judge budgets from a full run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path

BIN = Path(sys.executable).parent
FLOOR_APP = """
import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer()

@app.command()
def main() -> None:
    table = Table()
    table.add_column("model")
    table.add_row("claude-haiku-4-5-20251001")
    Console().print(table)

app()
"""
BLOCK = (
    "\n# >>> ccprofile >>>\n# Managed by ccprofile\n"
    "export ANTHROPIC_SMALL_FAST_MODEL='claude-haiku-4-5-20251001'\n"
    "export ANTHROPIC_DEFAULT_HAIKU_MODEL='claude-haiku-4-5-20251001'\n# <<< ccprofile <<<\n"
)


def timed(command: Sequence[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        check=True,
    )
    return time.perf_counter() - start


def instructions(command: Sequence[str], env: dict[str, str]) -> list[int]:
    """Instructions each process of ``command`` executed, counted by valgrind's callgrind."""
    result = subprocess.run(
        ["valgrind", "--tool=callgrind", "--trace-children=yes", "--callgrind-out-file=/dev/null", *command],
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=True,
    )
    return [int(m) for m in re.findall(r"Collected : (\d+)", result.stderr)]


def interleaved(runs: int, jobs: dict[str, Callable[[], float]]) -> dict[str, list[float]]:
    """Seconds of each run of each job, the jobs interleaved run by run (after one warm-up each)."""
    samples: dict[str, list[float]] = {name: [] for name in jobs}
    for job in jobs.values():
        job()
    for _ in range(runs):
        for name, job in jobs.items():
            samples[name].append(job())
    return samples


def alternate(runs: int, jobs: dict[str, Callable[[], float]]) -> dict[str, float]:
    """Median seconds of each job, run interleaved."""
    return {name: statistics.median(values) for name, values in interleaved(runs, jobs).items()}


def isolated_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "CLAUDE_CODE_"))}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_STATE_HOME=str(home / ".state"),
        CLAUDE_CONFIG_DIR=str(home / ".claude"),
        CCPROFILE_MANAGED_SETTINGS_DIR=str(home / "managed"),
    )
    env.pop("ZDOTDIR", None)
    # Measure what an installed ccprofile costs: pip and pipx compile its bytecode, so a
    # machine that forbids writing it must not make every run compile from source.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def bench_cli(runs: int, home: Path, env: dict[str, str]) -> dict[str, float]:
    floor = home / "floor_app.py"
    floor.write_text(FLOOR_APP)
    ccprofile = str(BIN / "ccprofile")
    subprocess.run(
        [ccprofile, "set-fast-model", "claude-haiku-4-5-20251001", "--shell", "zsh"],
        env=env,
        check=True,
        capture_output=True,
    )
    # status finds the installed Claude Code on every run: measure it with one installed (the
    # first CI installs, else the one on PATH) as well as with none.
    installed = [p for p in os.environ.get("CCPROFILE_E2E_CLAUDES", "").split(":") if p]
    claude = installed[0] if installed else shutil.which("claude")
    with_claude = {**env, "CCPROFILE_CLAUDE": claude} if claude else None
    jobs = {
        "floor": lambda: timed([sys.executable, str(floor)], env),
        "status": lambda: timed([ccprofile, "status", "--shell", "zsh"], env),
        "version": lambda: timed([ccprofile, "--version"], env),
        # status --json is what prompts and scripts call: judged against Python doing nothing.
        "bare_python": lambda: timed([sys.executable, "-c", "pass"], env),
        "status_json": lambda: timed([ccprofile, "status", "--json", "--shell", "zsh"], env),
    }
    if with_claude is not None:
        jobs["status_with_claude"] = lambda: timed([ccprofile, "status", "--shell", "zsh"], with_claude)
    medians = alternate(runs, jobs)
    ratios = {
        f"{name}_ratio": medians[name] / medians["floor"]
        for name in medians
        if name not in ("floor", "bare_python", "status_json")
    }
    ratios["status_json_vs_bare_python"] = medians["status_json"] / medians["bare_python"]
    return {**medians, **ratios}


def bench_shells(runs: int, home: Path, env: dict[str, str]) -> dict[str, float]:
    """What ccprofile's block adds to ``SHELL -i -c exit``, written where ccprofile writes it."""
    ccprofile = str(BIN / "ccprofile")
    results: dict[str, float] = {}
    plain = "# an ordinary startup file\n" + "alias ll='ls -l'\n" * 20
    fish = home / ".config" / "fish"
    # (startup file, the file ccprofile writes): fish gets a conf.d file of its own.
    layout = {
        "zsh": (home / ".zshrc", home / ".zshrc"),
        "bash": (home / ".bashrc", home / ".bashrc"),
        "fish": (fish / "config.fish", fish / "conf.d" / "ccprofile.fish"),
    }
    for shell, (rc, target) in layout.items():
        program = shutil.which(shell)
        if program is None:
            continue
        rc.parent.mkdir(parents=True, exist_ok=True)
        rc.write_text(plain)
        subprocess.run(
            [ccprofile, "set-fast-model", "claude-haiku-4-5-20251001", "--shell", shell],
            env=env,
            check=True,
            capture_output=True,
        )
        with_block = target.read_text()
        assert "# >>> ccprofile >>>" in with_block, f"ccprofile did not write its block to {target}"
        subprocess.run([ccprofile, "completion", "--shell", shell], env=env, check=True, capture_output=True)
        with_completion = target.read_text()
        assert "_CCPROFILE_COMPLETE" in with_completion, f"no completion lines in {target}"
        texts = {"without": None, "with": with_block, "completion": with_completion}

        def start(
            kind: str,
            program: str = program,
            rc: Path = rc,
            target: Path = target,
            texts: dict[str, str | None] = texts,
        ) -> float:
            text = texts[kind]
            if target == rc:
                rc.write_text(text if text is not None else plain)
            elif text is not None:
                target.write_text(text)
            else:
                target.unlink(missing_ok=True)
            return timed([program, "-i", "-c", "exit"], env)

        samples = interleaved(runs, {kind: lambda kind=kind: start(kind) for kind in texts})
        results[f"{shell}_without_ms"] = statistics.median(samples["without"]) * 1000
        # The median of the paired differences: each "with" run against the "without" run just
        # before it, so drift in the machine's speed cancels out. Completion is measured
        # against the block without it: what `ccprofile completion` adds on top of the pin.
        pairs = zip(samples["without"], samples["with"], strict=True)
        results[f"{shell}_added_ms"] = statistics.median(w - wo for wo, w in pairs) * 1000
        pairs = zip(samples["with"], samples["completion"], strict=True)
        results[f"{shell}_completion_added_ms"] = statistics.median(c - w for w, c in pairs) * 1000
        if shutil.which("valgrind"):
            # Wall time of a 2-15 ms start is noisy to a millisecond; instruction counts are
            # exact, and valgrind reports one count per process, which counts the processes.
            counted = {}
            for kind in texts:
                start(kind)
                counted[kind] = instructions([program, "-i", "-c", "exit"], env)
            bare, pinned, completing = counted["without"], counted["with"], counted["completion"]
            results[f"{shell}_processes_without"] = len(bare)
            results[f"{shell}_processes_with"] = len(pinned)
            results[f"{shell}_processes_with_completion"] = len(completing)
            results[f"{shell}_added_instructions"] = sum(pinned) - sum(bare)
            results[f"{shell}_completion_added_instructions"] = sum(completing) - sum(pinned)
            # In ms at the rate this shell ran at in the wall-clock runs above.
            results[f"{shell}_added_ms_from_instructions"] = (
                (sum(pinned) - sum(bare)) / sum(bare) * results[f"{shell}_without_ms"]
            )
            results[f"{shell}_completion_added_ms_from_instructions"] = (
                (sum(completing) - sum(pinned)) / sum(bare) * results[f"{shell}_without_ms"]
            )
        rc.unlink()
        target.unlink(missing_ok=True)
    return results


def bench_scaling(runs: int, home: Path, env: dict[str, str], sizes: Sequence[int]) -> dict[str, float]:
    """``set-fast-model`` then ``uninstall`` on files of each size with the block in the middle."""
    ccprofile = str(BIN / "ccprofile")
    line = "export SOME_VARIABLE='some value that fills the file'  # comment\n"
    jobs: dict[str, Callable[[], float]] = {}
    for size in sizes:
        rc = home / f"rc-{size}"
        lines = size // len(line)
        text = line * (lines // 2) + BLOCK + line * (lines - lines // 2) if size else ""

        def cycle(rc: Path = rc, text: str = text) -> float:
            rc.write_text(text)  # untimed: every cycle starts from the same file
            where = ["--file", str(rc), "--shell", "zsh"]
            return timed([ccprofile, "set-fast-model", "claude-haiku-5-5", *where], env) + timed(
                [ccprofile, "uninstall", *where], env
            )

        jobs[f"{size}"] = cycle
    userpath = BIN / "userpath"
    if userpath.exists():
        # The same kind of job, "put a line into ~/.bashrc", done twice by userpath.
        jobs["userpath"] = lambda: (
            timed([str(userpath), "append", "-f", "/opt/bench/bin", "--shell", "bash"], env)
            + timed([str(userpath), "append", "-f", "/opt/bench/bin2", "--shell", "bash"], env)
        )
    medians = alternate(runs, jobs)
    results = {f"write_{name}_ms": value * 1000 for name, value in medians.items()}
    results["largest_over_empty_ratio"] = medians[str(sizes[-1])] / medians[str(sizes[0])]
    return results


def bench_chain(runs: int, home: Path, env: dict[str, str], length: int = 20) -> dict[str, float]:
    """``status`` on a home whose ~/.zshrc holds the pin, against one whose ~/.zshrc sources a
    chain of ``length`` files (each 20 lines, sourcing the next), the pin in the last."""
    ccprofile = str(BIN / "ccprofile")
    homes = {"one_file": home / "chain-1", "chained": home / f"chain-{length}"}
    for name, where in homes.items():
        where.mkdir()
        files = [where / ".zshrc", *(where / ".zsh.d" / f"{i:02}.zsh" for i in range(1, length))]
        files = files[:1] if name == "one_file" else files
        for index, path in enumerate(files):
            path.parent.mkdir(parents=True, exist_ok=True)
            # Lines of their own in every file: nothing read once is read again for free.
            filler = "".join(
                f"alias l{index}x{n}='ls -l'\nexport PATH=\"$PATH:$HOME/bin{index}x{n}\"\n" for n in range(9)
            )
            after = f'[ -f "$HOME/.zsh.d/{index + 1:02}.zsh" ] && source "$HOME/.zsh.d/{index + 1:02}.zsh"\n'
            path.write_text(filler + (after if index + 1 < len(files) else BLOCK))
    jobs = {
        name: lambda where=where: timed(
            [ccprofile, "status", "--json", "--shell", "zsh"],
            {**env, "HOME": str(where), "XDG_CONFIG_HOME": str(where / ".config")},
        )
        for name, where in homes.items()
    }
    medians = alternate(runs, jobs)
    return {
        "status_one_file_ms": medians["one_file"] * 1000,
        f"status_{length}_chained_ms": medians["chained"] * 1000,
        "chained_over_one_file_ratio": medians["chained"] / medians["one_file"],
    }


def versions() -> dict[str, str]:
    found = {"python": platform.python_version(), "machine": f"{platform.machine()} {os.cpu_count()} cores"}
    for name in ("ccprofile-cli", "typer", "rich", "shellingham", "userpath"):
        try:
            found[name.removesuffix("-cli")] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks", description=__doc__)
    parser.add_argument(
        "--quick", action="store_true", help="few runs and small files: proves it works, no budgets"
    )
    parser.add_argument("--runs", type=int, default=None)
    args = parser.parse_args(argv)
    runs = args.runs or (3 if args.quick else 21)
    sizes = [0, 100_000] if args.quick else [0, 1_000_000, 5_000_000]
    with tempfile.TemporaryDirectory(prefix="ccprofile-bench-") as tmp:
        home = Path(tmp)
        env = isolated_env(home)
        figures = {
            "runs": runs,
            **versions(),
            **bench_cli(runs, home, env),
            # A shell starts in milliseconds, and the difference sought is a fraction of one.
            **bench_shells(runs * 10, home, env),
            **bench_scaling(max(runs // 3, 3), home, env, sizes),
            **bench_chain(runs, home, env),
        }
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        if key in ("floor", "status", "version", "status_with_claude", "bare_python", "status_json"):
            shown = f"{value * 1000:.1f} ms"
        print(f"{key:<{width}}  {shown}")
    print(json.dumps(figures, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
