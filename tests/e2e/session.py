"""Drive one interactive Claude Code session in a private tmux pane and read its requests.

Claude Code needs a terminal for an interactive session, and only an interactive session
sends the session-title request (the background model), after the first prompt.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import shlex
import signal
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from tests.e2e.fake_api import FakeApi, Request

# Claude Code names a session only when the first prompt says enough to name it.
PROMPT = "Please write a short poem about the sea and then explain how its rhyme scheme works"
PROMPT_GLYPH = "\u276f"  # the input box's prompt in Claude Code 2.1
READY_SECONDS = 30.0
REQUESTS_SECONDS = 45.0


@dataclass(frozen=True)
class Models:
    background: str | None
    primary: str | None
    subagent: str | None = None  # asked for only by a scenario that makes a subagent call
    fallback: str | None = None  # asked for only by a scenario that fails the primary model


class E2eError(RuntimeError):
    """The harness could not get an answer (as opposed to getting a wrong one)."""


class Tmux:
    """One private tmux server holding one pane, so Claude Code has a real terminal."""

    _count = itertools.count()

    def __init__(self) -> None:
        # A socket name, not a path: tmux keeps it in its own short directory, and a unix
        # socket path longer than about 100 bytes (a deep TMPDIR) would fail.
        self.socket = f"ccprofile-e2e-{os.getpid()}-{next(self._count)}"

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )

    def start(self, command: Sequence[str], env: Mapping[str, str], cwd: Path, pid_file: Path) -> None:
        """Run ``command`` in the pane; its process ID is written to ``pid_file``."""
        # `env -i` so the pane sees exactly the new terminal's environment, not tmux's. The
        # inner sh writes its PID and execs the command, so that PID is the command's; the
        # trailing sleep keeps the pane readable if Claude Code exits early.
        assignments = [f"{name}={value}" for name, value in env.items()]
        inner = f"echo $$ > {shlex.quote(str(pid_file))}; exec " + shlex.join(
            ["env", "-i", *assignments, *command]
        )
        line = shlex.join(["sh", "-c", inner]) + '; echo "[exited $?]"; sleep 600'
        result = self._run("new-session", "-d", "-x", "200", "-y", "50", "-c", str(cwd), line)
        if result.returncode != 0:
            raise E2eError(f"tmux new-session failed: {result.stderr.strip()}")

    def screen(self) -> str:
        return self._run("capture-pane", "-p").stdout

    def type(self, text: str) -> None:
        self._run("send-keys", "-l", text)

    def press(self, key: str) -> None:
        self._run("send-keys", key)

    def close(self) -> None:
        self._run("kill-server")


def _wait(predicate: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def _reap(pid_file: Path, seconds: float = 10.0) -> None:
    """Wait for Claude Code to exit after its terminal went away, killing it if it lingers.

    It keeps writing session files under HOME while it shuts down; removing the temporary
    home before it is gone would race with it. (Where there is no /proc, it does not wait.)
    """
    try:
        pid = int(pid_file.read_text())
    except (OSError, ValueError):
        return

    def gone() -> bool:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return True
        # An exited process whose new parent does not reap it stays a zombie: it is gone too.
        return stat.rpartition(")")[2].split()[0] == "Z"

    if not _wait(gone, seconds):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        _wait(gone, seconds)


_DIALOG = "Enter to confirm"
_CONTINUE = re.compile(r"(\d)\. Continue")


def _start(tmux: Tmux) -> None:
    """Wait for the input box, answering the dialogs a settings file can raise at start:
    "Settings Error" (a file Claude Code skips) and "Settings Warning" (a key it ignores) are
    both left by their "Continue" choice, as a user who reads on would."""
    for _ in range(4):
        _wait(
            lambda: any(mark in tmux.screen() for mark in (PROMPT_GLYPH, "[exited", _DIALOG)),
            READY_SECONDS,
        )
        screen = tmux.screen()
        if _DIALOG not in screen or "[exited" in screen:
            return
        choice = _CONTINUE.search(screen)
        if choice is None:
            raise E2eError(f"Claude Code asks something the harness cannot answer:\n{screen}")
        option = choice.group(0)
        tmux.type(choice.group(1))
        time.sleep(1.0)
        if _DIALOG in tmux.screen() and option in tmux.screen():
            tmux.press("Enter")
        _wait(lambda option=option: option not in tmux.screen(), READY_SECONDS)  # type: ignore[misc]


def run_claude(
    claude: str,
    env: Mapping[str, str],
    cwd: Path,
    api: FakeApi,
    scratch: Path,
    args: Sequence[str] = (),
    *,
    subagent: bool = False,
    fallback: bool = False,
    prefix: Sequence[str] = (),
) -> Models:
    """Type one prompt into an interactive ``claude`` and read the models its requests named;
    ``subagent``: wait for the subagent's request too, ``fallback``: for a main request that
    did not fail (the fake API fails the primary model's); ``prefix``: a command claude runs under."""
    tmux = Tmux()
    pid_file = scratch / "claude.pid"
    tmux.start([*prefix, claude, *args], env, cwd, pid_file)
    try:
        # The prompt glyph marks the input box; a version that draws another glyph still gets
        # the prompt once the time is up.
        _start(tmux)
        tmux.type(PROMPT)
        # Enter only once the text is in the box, so a slow first paint cannot eat the prompt.
        _wait(lambda: PROMPT[:40] in tmux.screen().replace("\n", ""), READY_SECONDS)
        tmux.press("Enter")

        def answered(requests: list[Request]) -> bool:
            return (
                any(r.is_primary for r in requests)
                and any(r.is_title for r in requests)
                and (not subagent or any(r.is_subagent for r in requests))
                and (not fallback or any(r.is_primary and not r.failed for r in requests))
            )

        if not api.wait_for(answered, REQUESTS_SECONDS):
            seen = ", ".join(f"{r.model}{' (tools)' if r.has_tools else ''}" for r in api.requests) or "none"
            raise E2eError(
                f"Claude Code did not send both a title request and a main request within "
                f"{REQUESTS_SECONDS:.0f} s (requests seen: {seen}); its screen:\n{tmux.screen()}"
            )
    finally:
        tmux.close()
        _reap(pid_file)
    requests = list(api.requests)
    return Models(
        background=next(r.model for r in requests if r.is_title),
        primary=next(r.model for r in requests if r.is_primary),
        subagent=next((r.model for r in requests if r.is_subagent), None) if subagent else None,
        fallback=next((r.model for r in requests if r.is_primary and not r.failed), None)
        if fallback
        else None,
    )
