"""Helpers shared by the test modules: running the real CLI as a subprocess."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from tests.conftest import IN_CI, ccprofile_command, require_program

# Root ignores permission bits through CAP_DAC_OVERRIDE; CI runs as root, so tests of
# unwritable files drop that capability (util-linux setpriv) to make the bits count again.
_DROP_OVERRIDE = [
    "--inh-caps=-dac_override,-dac_read_search",
    "--bounding-set=-dac_override,-dac_read_search",
    "--",
]


def run_cli(
    args: Sequence[str],
    env: dict[str, str] | None = None,
    *,
    respect_permissions: bool = False,
    input: str | None = None,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """The installed ``ccprofile`` as a real subprocess, with this test's environment (in
    ``cwd``, else the test's working directory)."""
    command = [*ccprofile_command(), *args]
    if respect_permissions and os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            if IN_CI:
                pytest.fail("setpriv (util-linux) is needed to test permissions as root")
            pytest.skip("running as root without setpriv: permission bits cannot be tested")
        command = [setpriv, *_DROP_OVERRIDE, *command]
    return subprocess.run(
        command,
        env=env if env is not None else dict(os.environ),
        cwd=cwd,
        capture_output=True,
        text=True,
        input=input,
        stdin=None if input is not None else subprocess.DEVNULL,
        timeout=60,
        check=False,
    )


def run_all_at_once(commands: Sequence[Sequence[str]]) -> None:
    """Start every ``ccprofile`` command line at once, as concurrent runs would; all succeed."""
    processes = [
        subprocess.Popen(
            [*ccprofile_command(), *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        for args in commands
    ]
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err


def killed_at_random_moments(script: str, args: Sequence[str], kills: int, seed: int) -> Iterator[int]:
    """Start ``python -c script ARGS`` (it prints "ready", then writes in a loop) ``kills``
    times and SIGKILL it at a random moment each time; yields after each kill, for checks."""
    rng = random.Random(seed)
    for kill in range(kills):
        child = subprocess.Popen(
            [sys.executable, "-c", script, *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).parent.parent,  # the scripts import tests.writes
        )
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0, 0.08))
        child.send_signal(signal.SIGKILL)
        _, errors = child.communicate()
        # Killed while writing, not stopped by an error of its own: a script that fails at once
        # would make every check after the kill pass on a file nobody wrote.
        assert child.returncode == -signal.SIGKILL, errors
        yield kill


# Debian's /etc/skel/.profile (and Ubuntu's): a login bash reads ~/.bashrc through it.
DEBIAN_PROFILE = """\
# ~/.profile: executed by the command interpreter for login shells.
# if running bash
if [ -n "$BASH_VERSION" ]; then
    # include .bashrc if it exists
    if [ -f "$HOME/.bashrc" ]; then
\t. "$HOME/.bashrc"
    fi
fi

# set PATH so it includes user's private bin if it exists
if [ -d "$HOME/bin" ] ; then
    PATH="$HOME/bin:$PATH"
fi
"""


# As Claude Code writes a settings file: JSON.stringify(settings, null, 2) plus a newline.
CLAUDE_WRITTEN = (
    '{\n  "permissions": {\n    "allow": [\n      "Bash(npm test)"\n    ]\n  },\n'
    '  "env": {\n    "EDITOR": "vim",\n    "GREETING": "grüß dich"\n  },\n  "theme": "dark"\n}\n'
)


def start_shell(shell: str, flags: str, home: Path, command: str) -> subprocess.CompletedProcess[str]:
    """The real ``shell`` started as a new terminal would (``-ic``; ``-lic`` as a login one) in
    ``home``, running ``command``: what it really exports, to check a claim or a fix with."""
    return subprocess.run(
        [require_program(shell), flags, command],
        capture_output=True,
        text=True,
        env={**os.environ, "HOME": str(home)},
        timeout=30,
    )
