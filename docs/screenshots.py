"""Make the SVG screenshots in docs/ from a scripted scenario: ``python docs/screenshots.py``.

Each picture is the real ``ccprofile`` run as a subprocess in a throwaway home (nothing of the
machine's own setup shows), its colours read back and drawn by rich's SVG export.
``--check`` writes nothing and exits 1 when a committed picture differs from what the
program prints today (tests/test_docs.py runs it). Linux only: what new terminals inherit is
read from /proc.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.text import Text

DOCS = Path(__file__).resolve().parent
# The console script, found by name on PATH (see _environment), as a user's pipx install is:
# the commands in the pictures then say `ccprofile`, as they would for that user.
CCPROFILE = [str(Path(sys.executable).parent / "ccprofile")]
WIDTH = 100
PINNED = "claude-haiku-4-5-20251001"


def _environment(home: Path, session: int) -> dict[str, str]:
    keep = ("PATH", "LANG", "LC_ALL")
    env = {name: os.environ[name] for name in keep if name in os.environ}
    env["PATH"] = os.pathsep.join((str(Path(CCPROFILE[0]).parent), env.get("PATH", os.defpath)))
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        CLAUDE_CONFIG_DIR=str(home / ".claude"),
        CCPROFILE_MANAGED_SETTINGS_DIR=str(home / "managed"),
        CCPROFILE_SESSION_PID=str(session),
        CCPROFILE_CLAUDE=str(home / "no-claude-here"),
        SHELL="/bin/zsh",
        COLUMNS=str(WIDTH),
        FORCE_COLOR="1",
    )
    return env


def _run(args: list[str], env: dict[str, str], cwd: Path) -> str:
    result = subprocess.run(
        [*CCPROFILE, *args], env=env, cwd=cwd, capture_output=True, text=True, check=False
    )
    if result.stderr:
        raise SystemExit(f"ccprofile {' '.join(args)} failed: {result.stderr}")
    return result.stdout


def _status_with_a_warning(home: Path, env: dict[str, str]) -> str:
    """A pin in ~/.zshrc, loaded in this terminal, beaten by a project's settings file."""
    _run(["set-fast-model", PINNED, "--shell", "zsh", "--no-verify"], env, home)
    project = home / "work" / "webapp"
    (project / ".claude").mkdir(parents=True)
    settings = '{\n  "env": {\n    "ANTHROPIC_SMALL_FAST_MODEL": "claude-haiku-5-5"\n  }\n}\n'
    (project / ".claude" / "settings.json").write_text(settings)
    loaded = {**env, "ANTHROPIC_SMALL_FAST_MODEL": PINNED, "ANTHROPIC_DEFAULT_HAIKU_MODEL": PINNED}
    return "$ ccprofile status --shell zsh\n" + _run(["status", "--shell", "zsh"], loaded, project)


def _models(home: Path, env: dict[str, str]) -> str:
    args = ["models", "--provider", "bedrock", "--family", "haiku", "--family", "sonnet"]
    return f"$ ccprofile {' '.join(args)}\n" + _run(args, env, home)


SHOTS: dict[str, tuple[str, Callable[[Path, dict[str, str]], str]]] = {
    "status.svg": ("ccprofile status", _status_with_a_warning),
    "models.svg": ("ccprofile models", _models),
}


def render(name: str) -> str:
    title, scenario = SHOTS[name]
    with tempfile.TemporaryDirectory(prefix="ccprofile-shot-") as tmp:
        home = Path(tmp)
        session = subprocess.Popen(["sleep", "600"], env={"PATH": os.defpath})
        try:
            printed = scenario(home, _environment(home, session.pid))
        finally:
            session.kill()
            session.wait()
    console = Console(width=WIDTH, record=True, file=open(os.devnull, "w"), force_terminal=True)  # noqa: SIM115
    console.print(Text.from_ansi(printed.rstrip("\n")))
    return console.export_svg(title=title)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a picture is stale; write nothing")
    args = parser.parse_args(argv)
    stale = []
    for name in SHOTS:
        svg = render(name)
        path = DOCS / name
        if args.check:
            if not path.is_file() or path.read_text() != svg:
                stale.append(name)
        else:
            path.write_text(svg)
            print(f"wrote {path}")
    if stale:
        print(f"stale: {', '.join(stale)}; run `python docs/screenshots.py`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
