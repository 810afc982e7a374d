"""Run one scenario end to end: ccprofile writes the pin, a real shell starts, and both
``ccprofile status --json`` and the real ``claude`` run in the environment that shell exports.

Nothing here trusts ccprofile's own code: startup-file locations, export syntax and the
environment of a new terminal are worked out independently, the way a user's terminal does it.
Claude Code runs in a tmux pane (``session.py``) against :class:`~tests.e2e.fake_api.FakeApi`,
with ``HOME`` in a temporary directory.
"""

from __future__ import annotations

import atexit
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.e2e.fake_api import FakeApi, Request
from tests.e2e.session import E2eError, Models, run_claude
from tests.e2e.tls import make_authority

# Most gateways take a key of their own; the key's shape changes Claude Code's defaults (an
# Anthropic key, sk-ant-api…, keeps the Anthropic API's background model), so scenarios pick one.
GATEWAY_KEY = "ccprofile-e2e-gateway-key-0000000000"
ANTHROPIC_KEY = "sk-ant-api03-ccprofile-e2e-fake-key-0000000000"
API_HOST = "api.anthropic.com"
_ENV_MARK = "__ccprofile_e2e_env__"
# Stands in for the terminal emulator: a process (not a shell) whose own environment is the
# login environment, and which runs a command with the environment of the shell typed into.
# ccprofile reads what new terminals inherit from this process, as it would from a real one.
_TERMINAL = (
    "import json, subprocess, sys; sys.exit(subprocess.call(sys.argv[2:], env=json.loads(sys.argv[1])))"
)

# Where each shell a scenario may use reads its interactive startup file, and how a user writes
# an export there by hand.
STARTUP_FILES = {"bash": ".bashrc", "zsh": ".zshrc", "fish": ".config/fish/config.fish"}
_EXPORT = {
    "bash": "export {name}={value}",
    "zsh": "export {name}={value}",
    "fish": "set -gx {name} {value}",
}


@dataclass(frozen=True)
class Scenario:
    """One configuration a user might have, from shell exports to settings files."""

    name: str
    provider: str = "gateway"  # one of ccprofile's providers (anthropic, gateway, bedrock, ...)
    shell: str = "bash"
    pin: Sequence[str] | None = None  # arguments after `ccprofile set-fast-model`
    then: Sequence[Sequence[str]] = ()  # more ccprofile commands, run after the pin
    exports: Mapping[str, str] = field(default_factory=dict)  # written by hand in the startup file
    user: Mapping[str, object] | None = None  # ~/.claude/settings.json
    project: Mapping[str, object] | None = None  # <project>/.claude/settings.json
    local: Mapping[str, object] | None = None  # <project>/.claude/settings.local.json
    api_key: str = GATEWAY_KEY  # gateway only: ANTHROPIC_API_KEY (the Anthropic API gets ANTHROPIC_KEY)
    auth_token: str | None = None  # gateway only: ANTHROPIC_AUTH_TOKEN
    crlf: bool = False  # the user's startup file was saved with Windows line endings
    # Typed in a terminal that had loaded the pin (its variables still set): e.g. uninstall.
    in_loaded_shell: Sequence[Sequence[str]] = ()
    user_after_pin: Mapping[str, object] | None = None  # ~/.claude/settings.json, written later
    # Start ccprofile and claude in this subdirectory of the project, which is then a git
    # repository: which settings files a start below the root reads is Claude Code's rule.
    start_in: str = ""
    # More settings files, by path relative to the project: {"src/.claude/settings.json": {...}}.
    files: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    # The fake API answers the first main request with a subagent call of this type
    # (general-purpose, Explore, or an agent of .claude/agents); the subagent's model is compared.
    agent: str | None = None
    # The fake API answers main requests for these models with this HTTP status (529: overloaded);
    # the model Claude Code falls back to is compared with status's first fallbackModel.
    fail: Mapping[str, int] = field(default_factory=dict)
    # /etc/claude-code/managed-settings.json, seen by ccprofile and claude alone: each runs in a
    # mount namespace of its own with an overlay on /etc (the machine's /etc is not changed).
    managed: Mapping[str, object] | None = None
    # Arguments for claude (a subagent call needs --permission-mode default: auto mode asks
    # about its classifier's billing first).
    claude_args: Sequence[str] = ()


@dataclass(frozen=True)
class Outcome:
    scenario: Scenario
    status: Models  # status run in the new terminal's environment
    predicted: Models  # status run before it, predicting a new terminal from the startup files
    claude: Models
    requests: tuple[Request, ...]

    @property
    def agrees(self) -> bool:
        return self.status == self.claude == self.predicted


def claude_version(claude: str) -> str:
    result = subprocess.run([claude, "--version"], capture_output=True, text=True, timeout=60, check=False)
    if result.returncode != 0:
        raise E2eError(f"{claude} --version exited {result.returncode}: {result.stderr.strip()}")
    return result.stdout.strip()


# What a user of a cloud provider exports, with {url} for the fake API; auth is skipped, as
# Claude Code allows for proxies that sign requests themselves.
_PROVIDER_ENV = {
    "bedrock": {
        "CLAUDE_CODE_USE_BEDROCK": "1",
        "CLAUDE_CODE_SKIP_BEDROCK_AUTH": "1",
        "AWS_REGION": "us-east-1",
        "ANTHROPIC_BEDROCK_BASE_URL": "{url}",
    },
    "vertex": {
        "CLAUDE_CODE_USE_VERTEX": "1",
        "CLAUDE_CODE_SKIP_VERTEX_AUTH": "1",
        "CLOUD_ML_REGION": "us-east5",
        "ANTHROPIC_VERTEX_PROJECT_ID": "ccprofile-e2e",
        "ANTHROPIC_VERTEX_BASE_URL": "{url}",
    },
    "foundry": {
        "CLAUDE_CODE_USE_FOUNDRY": "1",
        "CLAUDE_CODE_SKIP_FOUNDRY_AUTH": "1",
        "ANTHROPIC_FOUNDRY_BASE_URL": "{url}",
    },
    # The three below send the Anthropic Messages API to their base URL.
    "mantle": {
        "CLAUDE_CODE_USE_MANTLE": "1",
        "CLAUDE_CODE_SKIP_MANTLE_AUTH": "1",
        "AWS_REGION": "us-east-1",
        "ANTHROPIC_BEDROCK_MANTLE_BASE_URL": "{url}",
    },
    "anthropic_aws": {
        "CLAUDE_CODE_USE_ANTHROPIC_AWS": "1",
        "CLAUDE_CODE_SKIP_ANTHROPIC_AWS_AUTH": "1",
        "AWS_REGION": "us-east-1",
        "ANTHROPIC_AWS_WORKSPACE_ID": "ccprofile-e2e",
        "ANTHROPIC_AWS_BASE_URL": "{url}",
    },
    "anthropic_google_cloud": {
        "CLAUDE_CODE_USE_ANTHROPIC_GOOGLE_CLOUD": "1",
        "CLAUDE_CODE_SKIP_ANTHROPIC_GOOGLE_CLOUD_AUTH": "1",
        "ANTHROPIC_GOOGLE_CLOUD_PROJECT": "ccprofile-e2e",
        "ANTHROPIC_GOOGLE_CLOUD_LOCATION": "us-east5",
        "ANTHROPIC_GOOGLE_CLOUD_BASE_URL": "{url}",
    },
}


def provider_env(scenario: Scenario, url: str, ca_cert: Path | None) -> dict[str, str]:
    """What a user of each provider exports so that Claude Code talks to ``url``."""
    provider = scenario.provider
    if provider == "anthropic":
        # No base URL: the real first-party path, sent through the fake API as an HTTPS proxy.
        assert ca_cert is not None
        return {"ANTHROPIC_API_KEY": ANTHROPIC_KEY, "HTTPS_PROXY": url, "NODE_EXTRA_CA_CERTS": str(ca_cert)}
    if provider == "gateway":
        env = {"ANTHROPIC_BASE_URL": url, "ANTHROPIC_API_KEY": scenario.api_key}
        if scenario.auth_token is not None:
            env["ANTHROPIC_AUTH_TOKEN"] = scenario.auth_token
        return env
    if provider not in _PROVIDER_ENV:
        raise ValueError(f"unknown provider {provider!r}")
    return {name: value.format(url=url) for name, value in _PROVIDER_ENV[provider].items()}


class Sandbox:
    """A temporary home and project directory laid out for one scenario."""

    def __init__(self, root: Path, scenario: Scenario, claude: str, ccprofile: Sequence[str]) -> None:
        self.root = root
        self.scenario = scenario
        self.claude = claude
        self.ccprofile = list(ccprofile)
        self.home = root / "home"
        self.project = root / "project"
        self.home.mkdir(parents=True)
        self.project.mkdir()
        self.workdir = self.project / scenario.start_in
        if scenario.start_in:
            self.workdir.mkdir(parents=True)
            subprocess.run(["git", "init", "-q", str(self.project)], check=True, capture_output=True)
        self.prefix: list[str] = self._managed_overlay() if scenario.managed is not None else []
        self._write_claude_state()
        self._write_settings()
        self._write_exports()

    def _managed_overlay(self) -> list[str]:
        """The command prefix that runs a program with the scenario's managed settings file in
        /etc/claude-code, where Claude Code 2.1.332 reads it on Linux (no variable moves it)."""
        # Not under the sandbox's root: mount's options are comma-separated, and a scenario's
        # directory may have a comma in its name.
        base = Path(tempfile.mkdtemp(prefix="ccprofile-e2e-etc-"))
        atexit.register(shutil.rmtree, base, True)
        upper, work = base / "upper", base / "work"
        (upper / "claude-code").mkdir(parents=True)
        work.mkdir()
        (upper / "claude-code" / "managed-settings.json").write_text(json.dumps(self.scenario.managed))
        mount = f"mount -t overlay overlay -o lowerdir=/etc,upperdir={upper},workdir={work} /etc"
        prefix = ["unshare", "--mount", "--propagation", "private", "sh", "-c", f'{mount} && exec "$@"', "sh"]
        probe = subprocess.run([*prefix, "true"], capture_output=True, text=True, timeout=30, check=False)
        if probe.returncode != 0:
            raise E2eError(
                f"cannot give a scenario its own /etc (unshare and overlay need root): {probe.stderr}"
            )
        return prefix

    def _write_claude_state(self) -> None:
        # Skip onboarding, approve the fake key and trust the project, as a returning user has.
        state = {
            "hasCompletedOnboarding": True,
            "customApiKeyResponses": {"approved": [GATEWAY_KEY[-20:], ANTHROPIC_KEY[-20:]], "rejected": []},
            "projects": {
                str(place): {"hasTrustDialogAccepted": True} for place in {self.project, self.workdir}
            },
        }
        (self.home / ".claude.json").write_text(json.dumps(state))

    def _write_settings(self) -> None:
        layers = (
            (self.scenario.user, self.home / ".claude" / "settings.json"),
            (self.scenario.project, self.project / ".claude" / "settings.json"),
            (self.scenario.local, self.project / ".claude" / "settings.local.json"),
            *((content, self.project / name) for name, content in self.scenario.files.items()),
        )
        for content, path in layers:
            if content is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(json.dumps(content, indent=2))

    def _write_exports(self) -> None:
        startup = self.home / STARTUP_FILES[self.scenario.shell]
        startup.parent.mkdir(parents=True, exist_ok=True)
        lines = ["# a user's own startup file"]
        template = _EXPORT[self.scenario.shell]
        for name, value in self.scenario.exports.items():
            lines.append(template.format(name=name, value=shlex.quote(value)))
        newline = "\r\n" if self.scenario.crlf else "\n"
        startup.write_bytes((newline.join(lines) + newline).encode())

    def login_env(self, api_url: str, ca_cert: Path | None = None) -> dict[str, str]:
        """The environment the terminal emulator hands to a new shell."""
        path_dirs = [
            str(Path(self.claude).parent),
            str(Path(sys.executable).parent),
            "/usr/local/bin",
            "/usr/bin",
            "/bin",
        ]
        env = {
            "HOME": str(self.home),
            "USER": os.environ.get("USER", "root"),
            "PATH": os.pathsep.join(dict.fromkeys(path_dirs)),
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "SHELL": shutil.which(self.scenario.shell) or self.scenario.shell,
            # A real session would update itself in the middle of the run.
            "DISABLE_AUTOUPDATER": "1",
        }
        env.update(provider_env(self.scenario, api_url, ca_cert))
        return env

    def pin(self, env: Mapping[str, str]) -> None:
        """Run ``ccprofile set-fast-model`` and then the scenario's other commands, as a user would;
        then, in a terminal that loaded the pin, the scenario's commands typed there."""
        commands = [["set-fast-model", *self.scenario.pin]] if self.scenario.pin is not None else []
        for command in [*commands, *self.scenario.then]:
            self._ccprofile([*command, "--shell", self.scenario.shell], env)
        if self.scenario.user_after_pin is not None:
            path = self.home / ".claude" / "settings.json"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(self.scenario.user_after_pin, indent=2))

    def loaded_shell_env(self, login: Mapping[str, str]) -> dict[str, str]:
        """A terminal opened after the pin, where the scenario's later commands are typed: it
        keeps the variables it started with, whatever those commands remove."""
        env = self.new_terminal_env(login)
        for command in self.scenario.in_loaded_shell:
            self._ccprofile([*command, "--shell", self.scenario.shell], env, login)
        return env

    def _ccprofile(
        self, args: Sequence[str], env: Mapping[str, str], login: Mapping[str, str] | None = None
    ) -> str:
        """Run ccprofile with ``env`` from the project directory, under a stand-in terminal
        emulator with ``login`` (default: ``env``); its stdout, or E2eError if it failed."""
        command = [*self.ccprofile, *args]
        launched = [*self.prefix, sys.executable, "-c", _TERMINAL, json.dumps(dict(env)), *command]
        result = subprocess.run(
            launched,
            env=dict(login if login is not None else env),
            cwd=self.workdir,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if result.returncode != 0:
            raise E2eError(f"{shlex.join(command)} exited {result.returncode}: {result.stderr.strip()}")
        return result.stdout

    def new_terminal_env(self, env: Mapping[str, str]) -> dict[str, str]:
        """Start the scenario's shell as a new interactive terminal does; return what it exports."""
        shell = shutil.which(self.scenario.shell, path=env["PATH"])
        if shell is None:
            raise E2eError(f"{self.scenario.shell} is not installed")
        script = f"printf '%s\\0' {_ENV_MARK}; env -0"
        result = subprocess.run(
            [shell, "-i", "-c", script],
            env=dict(env),
            cwd=self.workdir,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=30,
            start_new_session=True,
            check=False,
        )
        marker = (_ENV_MARK + "\0").encode()
        if marker not in result.stdout:
            raise E2eError(
                f"{shell} -i did not print its environment: {result.stderr.decode(errors='replace')}"
            )
        exported: dict[str, str] = {}
        for entry in result.stdout.split(marker, 1)[1].split(b"\0"):
            name, sep, value = entry.decode().partition("=")
            if sep:
                exported[name] = value
        return exported

    def _subagent_model(
        self, report: dict[str, Any], agents: dict[str, Any], primary: dict[str, Any]
    ) -> str | None:
        """The model status gives the scenario's subagent: Explore's is the primary's."""
        if self.scenario.agent is None:
            return None
        if self.scenario.agent == "Explore":
            assert report["subagents"]["explore"] == "primary", report["subagents"]
            return str(primary["model"])
        return str(agents["model"])

    def status(
        self, env: Mapping[str, str], view: str = "now", login: Mapping[str, str] | None = None
    ) -> Models:
        """``status --json`` in ``env``: the models for this shell, or (``new_shell``) the ones
        it predicts for a new terminal from reading the startup files."""
        args = ["status", "--json", "--shell", self.scenario.shell]
        report = json.loads(self._ccprofile(args, env, login))
        background, primary, agents = report["background"], report["primary"], report["subagents"]
        if view == "new_shell":
            background, primary, agents = background["new_shell"], primary["new_shell"], agents["new_shell"]
        fallback = report["fallback"]["models"] if report.get("fallback") else []
        return Models(
            background["model"],
            primary["model"],
            subagent=self._subagent_model(report, agents, primary),
            fallback=(fallback[0] if fallback else None) if self.scenario.fail else None,
        )


def run_scenario(scenario: Scenario, root: Path, claude: str, ccprofile: Sequence[str]) -> Outcome:
    """Pin with ccprofile, start a new terminal, then ask ccprofile and Claude Code alike."""
    authority = make_authority(root / "tls", API_HOST) if scenario.provider == "anthropic" else None
    with FakeApi(authority, agent=scenario.agent, fail=scenario.fail) as api:
        sandbox = Sandbox(root, scenario, claude, ccprofile)
        login = sandbox.login_env(api.url, authority.ca_cert if authority else None)
        sandbox.pin(login)
        if scenario.in_loaded_shell:
            # Predicted from inside the terminal that still has the old variables.
            predicted = sandbox.status(sandbox.loaded_shell_env(login), view="new_shell", login=login)
        else:
            predicted = sandbox.status(login, view="new_shell")
        terminal = sandbox.new_terminal_env(login)
        status = sandbox.status(terminal)
        claude_models = run_claude(
            claude,
            terminal,
            sandbox.workdir,
            api,
            root,
            scenario.claude_args,
            prefix=sandbox.prefix,
            subagent=scenario.agent is not None,
            fallback=bool(scenario.fail),
        )
        return Outcome(scenario, status, predicted, claude_models, tuple(api.requests))
