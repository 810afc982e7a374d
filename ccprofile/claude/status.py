"""``ccprofile status``: what Claude Code will use from this shell and from a new terminal.

``build`` is pure: it takes ``Inputs`` (this shell's environment, the environment new
terminals inherit, the startup-file scan, the settings documents) and returns a ``Report``;
``read_inputs`` is the edge that reads them from the machine. A new terminal's prediction starts
from the inherited environment, never from this shell's: a variable this shell exported by
hand, or kept after an uninstall, does not reach new terminals.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ccprofile.claude import resolve, starts
from ccprofile.claude import variables as names
from ccprofile.claude.catalog import Catalog
from ccprofile.claude.places import Ours, pinned_scope
from ccprofile.claude.projects import Project, find_project
from ccprofile.claude.providers import SWITCHES, detect_provider
from ccprofile.claude.releases import ClaudeCode, claude_here
from ccprofile.claude.resolve import Composed, Layer, Model, Origin
from ccprofile.claude.settings import Settings, have_policy
from ccprofile.claude.warnings import Situation, StatusWarning, find_warnings
from ccprofile.machine.session import Session, read_session
from ccprofile.machine.targets import NoShell, Target
from ccprofile.startup.scan import Scan, Unseen
from ccprofile.startup.shells import Home, Shell

# typing costs status 3 ms to import; the annotations that name Any are never evaluated.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ccprofile.claude import launchers
    from ccprofile.claude.expectations import Expected

WATCHED = (
    names.FAST,
    names.HAIKU,
    names.REGION,
    names.PRIMARY,
    names.DEFAULT_MODEL,
    names.SONNET,
    names.OPUS,
    names.FABLE,
    names.BASE_URL,
    names.SUBAGENT,
    *names.AWS_REGIONS,
    names.AWS_PROFILE,
    names.REGION_PREFIX,
    *SWITCHES,
    # Read only for their shape (see resolve.sends_anthropic_key); never printed.
    names.API_KEY,
    names.AUTH_TOKEN,
)
BLIND_SPOTS = (
    "ccprofile cannot see `claude --model`, `/model` inside a session, `claude --settings`, "
    "or MDM/configuration profiles; any of them overrides what is shown here."
)


@dataclass(frozen=True)
class View:
    """One model as Claude Code resolves it from this shell and from a new terminal."""

    now: Model
    new_shell: Model | None  # None: no shell, so nothing to say about a new terminal
    layers: tuple[Layer, ...]
    other: Model | None = None  # the other start (login on Linux), when its shell reads other files
    # What could decide the model, highest precedence first (see ``candidates``): from this
    # shell, and from a new terminal (None: no shell).
    ranked_now: tuple[Layer, ...] = ()
    ranked_new: tuple[Layer, ...] | None = None


@dataclass(frozen=True)
class Report:
    provider: str
    shell: str | None  # None: no shell could be determined (shell_reason says why)
    startup_file: Path | None
    background: View
    primary: View
    warnings: tuple[StatusWarning, ...]
    notes: tuple[str, ...] = field(default=(BLIND_SPOTS,))
    shell_reason: str = ""
    claude: dict[str, str | None] = field(default_factory=dict)
    # The notes without which the table would claim too much; the rest hold for every report.
    table_notes: tuple[str, ...] = ()
    ours: Ours = field(default_factory=dict)  # settings keys that hold ccprofile's pins
    expected: Expected | None = None  # the pins the project expects, as exact IDs
    project: Project | None = None
    terminal_start: str = starts.NON_LOGIN  # the start of a new terminal's shell on this platform
    unseen: tuple[tuple[str, Unseen], ...] = ()  # (start, line) a static reading could not follow
    probed: bool = False  # --probe started the shells: what they export is known
    launched: tuple[launchers.LauncherView, ...] = ()  # macOS and Windows: the other ways claude starts
    subagents: View | None = None  # general-purpose subagents (custom ones without `model:`)
    aliases: tuple[resolve.AliasTarget, ...] = ()  # what each alias sends, from this shell
    fallback: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())  # the primary's fallbacks, and their files
    provider_new: str | None = None  # a new terminal's provider, when it is another than this shell's

    @property
    def certain(self) -> bool:
        """Whether the new-terminal prediction rests on every line its files run."""
        return not self._unseen_in(self.terminal_start)

    def scope_of(self, model: Model) -> str | None:
        """The --scope a settings value was pinned with, when the key is ccprofile's."""
        return pinned_scope(self.ours, model.file, model.variable)

    def to_json(self) -> dict[str, Any]:
        def one(model: Model) -> dict[str, Any]:
            return {
                "model": model.model,
                "source": model.source,
                "variable": model.variable,
                "file": model.file,
                "ccprofile_scope": self.scope_of(model),
                # modelOverrides rewrote the ID: which one it was, and whose map did it.
                "override": {"from": model.override[0], "file": model.override[1], "key": model.override[2]}
                if model.override
                else None,
                # The organisation's policy (availableModels, managed deniedModels) replaced the
                # model chosen: which one, and the file whose list refused it.
                "restricted": {
                    "from": model.restricted[0],
                    "file": model.restricted[1],
                    "key": model.restricted[2],
                }
                if model.restricted
                else None,
            }

        other_start = starts.other(self.terminal_start)

        def fresh(view: View) -> dict[str, Any] | None:
            if view.new_shell is None:
                return None
            other = view.other or view.new_shell
            return {
                **one(view.new_shell),
                "start": self.terminal_start,
                "certain": self.certain,
                "starts": {
                    self.terminal_start: {**one(view.new_shell), "certain": self.certain},
                    other_start: {**one(other), "certain": not self._unseen_in(other_start)},
                },
            }

        def ranked(layers: Sequence[Layer]) -> list[dict[str, Any]]:
            top = winner(layers)
            return [
                {
                    "variable": layer.variable,
                    "value": layer.value,
                    "source": layer.source,
                    "file": layer.file,
                    "wins": layer is top or layer is region_used(layers),
                }
                for layer in layers
            ]

        def model(view: View) -> dict[str, Any]:
            return {
                **one(view.now),
                "new_shell": fresh(view),
                "candidates": {
                    "this_shell": ranked(view.ranked_now),
                    "new_terminal": ranked(view.ranked_new) if view.ranked_new is not None else None,
                },
                "layers": [
                    {
                        "source": layer.source,
                        "file": layer.file,
                        "variable": layer.variable,
                        "value": layer.value,
                    }
                    for layer in view.layers
                ],
            }

        return {
            "provider": self.provider,
            # Another provider for a new terminal (its switch set here only, or only there).
            "provider_new_terminal": self.provider_new,
            "shell": {
                "name": self.shell,
                "startup_file": str(self.startup_file) if self.startup_file is not None else None,
                "reason": self.shell_reason,
                "new_terminal_start": self.terminal_start if self.shell is not None else None,
                "certain": self.certain if self.shell is not None else None,
                "unseen": [
                    {"start": start, "file": str(u.path), "line": u.line or None, "reason": u.reason}
                    for start, u in self.unseen
                ],
            },
            "background": model(self.background),
            "primary": model(self.primary),
            "warnings": [{"code": w.code, "message": w.message} for w in self.warnings],
            "expectations": self._expectations_json(),
            "project": {
                "directory": str(self.project.start),
                "repository_root": str(self.project.root) if self.project.root else None,
            }
            if self.project is not None
            else None,
            "notes": list(self.notes),
            "claude_code": self.claude,
            "subagents": self._subagents_json(one),
            # Tried in order for the primary after repeated 529 or 404 answers; never the background.
            "fallback": {"models": list(self.fallback[0]), "files": list(self.fallback[1])},
            "aliases": {
                a.alias: {
                    "model": a.model,
                    "variable": a.variable,
                    "source": a.origin.source if a.origin else "default",
                    "file": a.origin.file if a.origin else None,
                    "verified": a.verified,
                    "override": {"from": a.override[0], "file": a.override[1], "key": a.override[2]}
                    if a.override
                    else None,
                }
                for a in self.aliases
            },
            # macOS and Windows: what a claude started each other way uses ([] on Linux).
            "launchers": [view.to_json() for view in self.launched],
        }

    def _subagents_json(self, one: Any) -> dict[str, Any] | None:
        """General-purpose subagents (and custom ones without ``model:``); Explore always uses
        the primary model."""
        view = self.subagents
        if view is None:
            return None

        def entry(model: Model | None) -> dict[str, Any] | None:
            if model is None:
                return None
            return {**one(model), "inherits_primary": not model.selected}

        return {**(entry(view.now) or {}), "new_shell": entry(view.new_shell), "explore": "primary"}

    def _unseen_in(self, start: str) -> bool:
        return not self.probed and any(s == start for s, _ in self.unseen)

    def _expectations_json(self) -> dict[str, Any] | None:
        if self.expected is None:
            return None
        return {
            "file": self.expected.file,
            "background": self.expected.background,
            "primary": self.expected.primary,
            "scope": self.expected.scope,
            "met": not any(w.code == "drift" for w in self.warnings),
        }


@dataclass(frozen=True)
class Inputs:
    """Everything status reads from the machine, as plain values."""

    env: Mapping[str, str]  # this shell's environment
    session: Session  # what new terminals inherit before their startup files run
    shell: Shell | None  # None: no shell could be determined; shell_reason says why
    shell_reason: str
    startup_file: Path | None
    scan: Scan
    settings: Sequence[Settings]
    catalog: Catalog
    claude: ClaudeCode
    probed: Mapping[str, str] | None = None  # a real new shell's environment (--probe)
    ours: Ours = field(default_factory=dict)  # settings keys that hold ccprofile's pins
    expected: Expected | None = None  # as stated: friendly names not yet made exact
    project: Project | None = None
    unread: Sequence[Settings] = ()  # the repository's project settings, not read from here
    other: Scan | None = None  # the other start's reading (login on Linux), when its files differ
    platform: str = "linux"
    home: Home | None = None
    probed_other: Mapping[str, str] | None = None  # the other start's, probed too
    blocks: tuple[Path, ...] = ()  # files ccprofile wrote this shell's block to that still hold one
    # macOS and Windows: each other way claude is started, with its shell's reading (None: it
    # runs no startup file), what those files leave unseen, and what it inherits.
    launchers: tuple[tuple[launchers.Launcher, Scan | None, tuple[str, ...]], ...] = ()
    launch_session: Session | None = None
    aws_config_region: str | None = None  # the AWS shared config file's region for AWS_PROFILE

    @property
    def session_home(self) -> Home:
        assert self.home is not None, "a shell's inputs know its home"
        return self.home


def watched(env: Mapping[str, str]) -> dict[str, str]:
    """Only the variables that decide Claude Code's models: nothing else is kept or shown."""
    return {name: value for name, value in env.items() if name in WATCHED}


def new_terminal_base(inputs: Inputs, scan: Scan | None = None) -> tuple[dict[str, str], dict[str, Origin]]:
    """A new terminal's environment: what it inherits, then its startup files' assignments.
    ``scan``: another start's reading than the new terminal's."""
    inherited = Origin("session", inputs.session.source)
    if inputs.probed is not None and scan is None:
        return _probed_base(inputs.scan, inputs.session, watched(inputs.probed), inherited)
    if inputs.probed_other is not None and scan is not None:
        return _probed_base(scan, inputs.session, watched(inputs.probed_other), inherited)
    return terminal_base(inputs.session, scan or inputs.scan)


def terminal_base(session: Session, scan: Scan | None) -> tuple[dict[str, str], dict[str, Origin]]:
    """What ``session`` passes on, then what ``scan``'s files assign (None: no files run)."""
    base = watched(session.env or {})
    origins = dict.fromkeys(base, Origin("session", session.source))
    if scan is None:
        return base, origins
    for name in WATCHED:
        final = scan.final(name)
        if final is None:
            continue
        if final.value is None:
            base.pop(name, None)
            origins.pop(name, None)
        else:
            base[name] = final.value
            origins[name] = Origin("profile", f"{final.path}:{final.line}")
    return base, origins


def _probed_base(
    scan: Scan, session: Session, base: dict[str, str], inherited: Origin
) -> tuple[dict[str, str], dict[str, Origin]]:
    """A probed shell's values, each from the file line that sets it, or from the inherited
    environment when that holds the same value; anything else is set by a file ccprofile
    could not trace, and is never credited to a process it did not come from."""
    origins: dict[str, Origin] = {}
    inherits = session.env or {}
    for name, value in base.items():
        final = scan.final(name)
        if final is not None and final.value == value:
            origins[name] = Origin("profile", f"{final.path}:{final.line}")
        elif final is None and inherits.get(name) == value:
            origins[name] = inherited
        else:
            origins[name] = Origin("untraced")
    return base, origins


def candidates(composed: Composed, settings: Sequence[Settings], kind: str) -> tuple[Layer, ...]:
    """Every value that could decide ``kind``'s model, highest precedence first, the order the
    table resolves them in: per variable its highest layer first; for the background
    ANTHROPIC_SMALL_FAST_MODEL before ANTHROPIC_DEFAULT_HAIKU_MODEL; for the primary
    ANTHROPIC_MODEL, the settings ``model`` key, then ANTHROPIC_DEFAULT_MODEL."""

    def of(variable: str) -> list[Layer]:
        return [layer for layer in reversed(composed.layers) if layer.variable == variable]

    if kind == "background":
        # The region of the background's requests (Bedrock) is ranked after the models.
        return tuple(layer for variable in (*names.BACKGROUND, names.REGION) for layer in of(variable))
    keyed = [Layer(s.source, str(s.path), "model", s.model) for s in reversed(settings) if s.model]
    return (*of(names.PRIMARY), *keyed, *of(names.DEFAULT_MODEL))


def region_used(ranked: Sequence[Layer]) -> Layer | None:
    """The ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION that Claude Code uses, among ``ranked``."""
    top = next((layer for layer in ranked if layer.variable == names.REGION), None)
    return top if top is not None and top.value else None


def winner(ranked: Sequence[Layer]) -> Layer | None:
    """The candidate that decides: the first set one whose variable no higher layer set
    (an empty value in a higher layer unsets the variable, and counts as unset)."""
    seen: set[str] = set()
    for layer in ranked:
        if layer.variable in seen or layer.variable == names.REGION:
            continue
        seen.add(layer.variable)
        if layer.value:
            return layer
    return None


def _settings_model_layers(settings: Sequence[Settings]) -> list[Layer]:
    return [Layer(s.source, str(s.path), "model", s.model) for s in settings if s.model]


def _subagent(
    composed: Composed, primary: Model, settings: Sequence[Settings], catalog: Catalog, region: str | None
) -> Model:
    """What general-purpose subagents use, after modelOverrides (the primary's, when they
    inherit it, is already mapped)."""
    model = resolve.subagent_model(composed, primary, catalog, region)
    return resolve.overridden(model, settings, catalog) if model.selected else model


def _resolve(
    composed: Composed, settings: Sequence[Settings], catalog: Catalog, region: str | None = None
) -> tuple[Model, Model]:
    """The background and primary models as Claude Code sends them: resolved, then mapped by
    ``modelOverrides``. ``region``: the AWS shared config file's, for Bedrock's prefix."""
    primary = resolve.primary_model(composed, settings, catalog, region)
    if not have_policy(settings):
        background = resolve.background_model(composed, primary, catalog, region)
        return resolve.overridden(background, settings, catalog), resolve.overridden(
            primary, settings, catalog
        )
    from ccprofile.claude import allowed  # only with a model policy: see settings.have_policy

    primary = allowed.primary(primary, composed, settings, catalog, region)
    background = resolve.background_model(composed, primary, catalog, region)
    background = allowed.background(background, primary, settings, catalog)
    return resolve.overridden(background, settings, catalog), resolve.overridden(primary, settings, catalog)


def _table_notes(inputs: Inputs) -> tuple[str, ...]:
    if inputs.shell is None:
        return (
            f"No shell: {inputs.shell_reason}. The models shown are those of a claude started "
            "with this environment; what a new terminal would use is not known (pass --shell NAME).",
        )
    if inputs.session.env is None and inputs.probed is None:
        return (
            f"The environment new terminals inherit could not be read ({inputs.session.source}); "
            "the new-terminal column assumes it sets none of these variables.",
        )
    return ()


def _notes(inputs: Inputs, shown: Sequence[Model]) -> tuple[str, ...]:
    notes = [BLIND_SPOTS, *_table_notes(inputs)]
    if inputs.claude.rules.note:
        notes.append(inputs.claude.rules.note)
    if any(model.source == "default" for model in shown):
        notes.append(
            f"Defaults are those of Claude Code {inputs.catalog.claude_code_version}, measured in that "
            "release; another release can change them. A pin does not depend on them."
        )
    return tuple(notes)


def exact_expectations(expected: Expected | None, provider: str, catalog: Catalog) -> Expected | None:
    """The expected models as the exact IDs for ``provider`` (``haiku-4.5`` is Haiku 4.5's ID);
    ExpectationError, naming where it was stated, for one that is not valid there."""
    if expected is None or expected.empty:
        return None
    from ccprofile.claude import selection  # only a check with expectations needs the catalog rules
    from ccprofile.claude.expectations import ExpectationError
    from ccprofile.errors import BadValue

    exact: dict[str, str] = {}
    for kind, value in (("background", expected.background), ("primary", expected.primary)):
        if value is None:
            continue
        try:
            # A gateway serves the names it chooses; everywhere else the ID must be one the
            # provider knows, or the check would pass on a model no request can reach.
            choice = selection.choose(
                value,
                provider,
                catalog,
                background=kind == "background",
                accept_unknown=provider == "gateway",
            )
        except BadValue as error:
            raise ExpectationError(f"{expected.stated.get(kind, 'expected')}: {error}") from None
        exact[kind] = choice.value
    return dataclasses.replace(expected, background=exact.get("background"), primary=exact.get("primary"))


def build(inputs: Inputs) -> Report:
    """The whole report from its inputs."""
    scan, settings, catalog = inputs.scan, inputs.settings, inputs.catalog
    now = resolve.compose(watched(inputs.env), {}, settings)
    if inputs.shell is None:
        # No startup files to read: the warnings look at this environment alone.
        base, fresh = watched(inputs.env), now
    else:
        base, origins = new_terminal_base(inputs)
        fresh = resolve.compose(base, origins, settings)
    region = inputs.aws_config_region
    background_now, primary_now = _resolve(now, settings, catalog, region)
    background_new, primary_new = _resolve(fresh, settings, catalog, region)
    background_other = primary_other = subagents_other = None
    if inputs.shell is not None and inputs.other is not None:
        other_base, other_origins = new_terminal_base(inputs, inputs.other)
        other = resolve.compose(other_base, other_origins, settings)
        background_other, primary_other = _resolve(other, settings, catalog, region)
        subagents_other = _subagent(other, primary_other, settings, catalog, region)
    subagents = View(
        _subagent(now, primary_now, settings, catalog, region),
        _subagent(fresh, primary_new, settings, catalog, region) if inputs.shell is not None else None,
        (),
        subagents_other,
    )
    known = inputs.shell is not None
    # The layers list shows this shell's environment, then what the profile adds, then settings.
    profile_layers = [
        Layer("profile", f"{a.path}:{a.line}", a.name, a.value or "")
        for a in scan.assignments
        if a.value is not None
    ]

    def layers(variables: Sequence[str], extra: Sequence[Layer] = ()) -> tuple[Layer, ...]:
        env_layers = [
            layer for layer in now.layers if layer.source == "environment" and layer.variable in variables
        ]
        settings_layers = [
            layer for layer in now.layers if layer.source != "environment" and layer.variable in variables
        ]
        mine = [layer for layer in profile_layers if layer.variable in variables]
        return (*env_layers, *mine, *settings_layers, *extra)

    background = View(
        background_now,
        background_new if known else None,
        layers(names.BACKGROUND),
        background_other,
        candidates(now, settings, "background"),
        candidates(fresh, settings, "background") if known else None,
    )
    primary = View(
        primary_now,
        primary_new if known else None,
        layers((names.PRIMARY, names.DEFAULT_MODEL), _settings_model_layers(settings)),
        primary_other,
        candidates(now, settings, "primary"),
        candidates(fresh, settings, "primary") if known else None,
    )
    provider = detect_provider(now.env)
    provider_new = detect_provider(fresh.env) if inputs.shell is not None else provider
    expected = exact_expectations(inputs.expected, provider, catalog)
    warnings = find_warnings(
        Situation(
            env=inputs.env,
            base=base,
            scan=scan,
            shell=inputs.shell,
            settings=settings,
            now=now,
            fresh=fresh,
            models=(background_now, primary_now, background_new, primary_new),
            provider=provider,
            catalog=catalog,
            ours=inputs.ours,
            expected=expected,
            unread=inputs.unread,
            start=str(inputs.project.start) if inputs.project else "",
            subdirectory=inputs.project.in_subdirectory if inputs.project else False,
            aws_config_region=inputs.aws_config_region,
        )
    ) + _start_warnings(inputs, (background, primary))
    launched = _launched(inputs)
    if launched:
        from ccprofile.claude import launchers  # macOS and Windows only: Linux does not pay for it

        for kind, view in (("background", background), ("primary", primary)):
            said = launchers.differences(launched, view.new_shell, kind)
            if said is not None:
                warnings += (StatusWarning("launchers-differ", said),)
    shown = (background_now, background_new, primary_now, primary_new)
    return Report(
        provider,
        inputs.shell.name if inputs.shell is not None else None,
        inputs.startup_file,
        background,
        primary,
        warnings,
        _notes(inputs, shown),
        inputs.shell_reason,
        inputs.claude.to_json(),
        _table_notes(inputs),
        inputs.ours,
        expected,
        inputs.project,
        _terminal_start(inputs),
        _unseen(inputs),
        inputs.probed is not None,
        launched,
        subagents,
        tuple(resolve.alias_targets(now, catalog, region, settings)),
        resolve.fallback_models(now, settings, catalog, region),
        provider_new=provider_new if provider_new != provider else None,
    )


def _launched(inputs: Inputs) -> tuple[launchers.LauncherView, ...]:
    session = inputs.launch_session
    if session is None:
        return ()
    from ccprofile.claude import launchers

    views = []
    inherits = session.source if session.env is not None else launchers.INHERITS[inputs.platform]
    for launcher, scan, unseen in inputs.launchers:
        reads = (inherits, *(str(path) for path in (scan.files if scan else ())))
        reads += tuple(str(document.path) for document in inputs.settings)
        if session.env is None:
            views.append(launchers.LauncherView(launcher, reads, None, None, f"{session.source}", unseen))
            continue
        if launcher.shell == launchers.USERS_SHELL and scan is None:
            why = "no shell was found (`ccprofile status --shell NAME` names yours)"
            views.append(launchers.LauncherView(launcher, reads, None, None, why, unseen))
            continue
        composed = resolve.compose(*terminal_base(session, scan), inputs.settings)
        background, primary = _resolve(composed, inputs.settings, inputs.catalog, inputs.aws_config_region)
        unseen += tuple(f"{u.path}:{u.line}: {u.reason}" for u in (scan.unseen if scan else ()))
        views.append(launchers.LauncherView(launcher, reads, background, primary, "", unseen))
    return tuple(views)


def _terminal_start(inputs: Inputs) -> str:
    return starts.start_of(inputs.scan.login) if inputs.shell is not None else starts.NON_LOGIN


def _other_start(inputs: Inputs) -> str:
    return starts.other(_terminal_start(inputs))


def _unseen(inputs: Inputs) -> tuple[tuple[str, Unseen], ...]:
    scans = [inputs.scan, *([inputs.other] if inputs.other is not None else [])]
    if inputs.shell is None:
        return ()
    found = [(starts.start_of(scan.login), item) for scan in scans for item in scan.unseen]
    return tuple(dict.fromkeys(found))


def _start_warnings(inputs: Inputs, views: Sequence[View]) -> tuple[StatusWarning, ...]:
    """Where the other start gets other models, and where the prediction is not certain."""
    if inputs.shell is None:
        return ()
    home = inputs.session_home
    found: list[StatusWarning] = []
    if inputs.other is not None:
        for kind, view in zip(("background", "primary"), views, strict=True):
            if view.new_shell is None or view.other is None:
                continue
            said = starts.difference(
                kind,
                inputs.shell,
                home,
                view.new_shell,
                view.other,
                inputs.scan,
                inputs.other,
                inputs.platform,
            )
            if said is not None:
                found.append(StatusWarning("login-shells-differ", said[0].upper() + said[1:]))
    for path in inputs.blocks:
        read = path in inputs.scan.files or (inputs.other is not None and path in inputs.other.files)
        # Where a line could not be followed, `uncertain` says so: no claim it is not read.
        if not read and inputs.scan.certain:
            reason, repair = starts.unread(inputs.shell, home, path, inputs.scan)
            found.append(
                StatusWarning(
                    "block-not-read",
                    f"{path} holds ccprofile's block, but a new {inputs.shell.name} does not read it: "
                    f"{reason}. {repair[:-1]}, or remove the block: `ccprofile uninstall --file {path}`.",
                )
            )
    probed = {
        start
        for start, env in (
            (_terminal_start(inputs), inputs.probed),
            (_other_start(inputs), inputs.probed_other),
        )
        if env is not None
    }
    # A CRLF file has a warning of its own, whose fix ends the doubt too: one problem, one fix.
    crlf = set(inputs.scan.crlf)
    unseen = [item for item in _unseen(inputs) if item[0] not in probed and item[1].path not in crlf]
    if unseen:
        lines = starts.unseen_words(unseen, home, both=inputs.other is not None)
        seen_by = {start for start, _ in unseen}
        who = f"a new {inputs.shell.name}"
        if seen_by == {_other_start(inputs)}:
            who = starts.described(inputs.shell.name, _other_start(inputs), inputs.platform)
        found.append(
            StatusWarning(
                "uncertain",
                f"What {who} exports is not certain: ccprofile reads startup files "
                f"without running them, and cannot follow {'; '.join(lines)}. Fix: `ccprofile status "
                "--probe` starts one and shows what it really exports.",
            )
        )
    return tuple(found)


def new_terminal_start(env: Mapping[str, str], session: Session) -> dict[str, str]:
    """The environment to start a shell with as a new terminal would: with what terminals
    inherit, not with this shell's model variables."""
    return {k: v for k, v in env.items() if k not in WATCHED} | watched(session.env or {})


def read_inputs(
    env: Mapping[str, str],
    target: Target | NoShell,
    cwd: Path,
    platform: str,
    *,
    probe: bool = False,
    planned: Mapping[Path, bytes | None] | None = None,
    claude_version: str | None = None,
    expect: Expected | None = None,
    expecting: bool = False,
) -> Inputs:
    """Read everything status needs from this machine.

    ``planned`` gives startup files as a write would leave them, to check a change first;
    ``expecting``: check the expected pins, ``expect`` (the command line's) over those of the
    project's file. Only a check reads that file: a broken one must not break a plain report
    or a write.
    """
    from ccprofile.claude import catalog, pin_record
    from ccprofile.claude import settings as settings_module
    from ccprofile.storage.state import state_dir

    project = find_project(cwd, target.home.path)
    documents = settings_module.load(env, target.home.path, cwd, platform, planned, project)
    claude = claude_here(env, claude_version)
    shell: Shell | None = None
    path: Path | None = None
    scan, probed, other, probed_other = Scan("", (), (), ()), None, None, None
    if isinstance(target, NoShell):
        session, reason = Session(None, target.reason), target.reason
    else:
        shell, path, reason = target.shell, target.path, target.shell_reason
        session = read_session(env, WATCHED, platform)
        scan, other = _scan(target, planned, platform, session.env)
        if probe:
            from ccprofile.machine import probe as probe_module  # starts processes: only when asked

            start = new_terminal_start(env, session)
            login = starts.terminal_is_login(platform)
            probed = probe_module.new_shell_environment(target.shell, start, login=login)
            if other is not None:
                probed_other = probe_module.new_shell_environment(target.shell, start, login=not login)
    return Inputs(
        env,
        session,
        shell,
        reason,
        path,
        scan,
        documents,
        catalog.load(claude.rules.version),
        claude,
        probed,
        pin_record.ours(state_dir(target.home), documents),
        _expectations(project, expect) if expecting else None,
        project,
        _unread_project_settings(project, planned, documents),
        other,
        platform,
        target.home,
        probed_other,
        _written_blocks(target, shell),
        *_launcher_scans(env, target, planned, platform, session),
        aws_config_region(env, target.home.path),
    )


def aws_config_region(env: Mapping[str, str], home: Path) -> str | None:
    """The region the AWS shared config file gives AWS_PROFILE (``default``): where Claude Code
    takes Bedrock's region when neither AWS_REGION nor AWS_DEFAULT_REGION is set."""
    path = Path(env.get("AWS_CONFIG_FILE") or home / ".aws" / "config")
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    import configparser

    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(text)
    except configparser.Error:
        return None
    profile = env.get(names.AWS_PROFILE) or "default"
    section = "default" if profile == "default" else f"profile {profile}"
    return parser.get(section, "region", fallback=None) or None


def _launcher_scans(
    env: Mapping[str, str],
    target: Target | NoShell,
    planned: Mapping[Path, bytes | None] | None,
    platform: str,
    session: Session,
) -> tuple[tuple[tuple[launchers.Launcher, Scan | None, tuple[str, ...]], ...], Session | None]:
    """Each other way claude is started on this platform, read as it would run."""
    if platform not in ("darwin", "win32"):  # launchers.LAUNCHERS's keys, without importing it
        return (), None
    from ccprofile.claude import launchers
    from ccprofile.startup import scan as startup
    from ccprofile.startup.shells import SHELLS

    if session.env is None and isinstance(target, NoShell):
        session = read_session(env, WATCHED, platform)
    found: list[tuple[launchers.Launcher, Scan | None, tuple[str, ...]]] = []
    for launcher in launchers.LAUNCHERS[platform]:
        shell = SHELLS.get(launcher.shell or "") if launcher.shell else getattr(target, "shell", None)
        scan = None
        if launcher.shell is not None and shell is not None:
            login, inherited = launcher.login, session.env
            paths = [target.home.path / name for name in launcher.rc_when_alone]
            if paths and not any((planned or {}).get(p) is not None or p.exists() for p in paths):
                login = False
            scan = startup.scan(shell, target.home, WATCHED, planned, login=login, inherited=inherited)
        found.append((launcher, scan, _not_followed(env, launcher)))
    return tuple(found), session


def _not_followed(env: Mapping[str, str], launcher: launchers.Launcher) -> tuple[str, ...]:
    """What ccprofile cannot see of a way of starting claude: cmd runs the command its AutoRun
    value names; Git Bash reads its files from HOME where that is set (ccprofile, like Claude
    Code, from USERPROFILE)."""
    if launcher.key == "git-bash":
        home, profile = env.get("HOME", ""), env.get("USERPROFILE", "")
        if home and profile and os.path.normcase(home) != os.path.normcase(profile):
            return (f"HOME is {home}, where Git Bash reads its startup files; ccprofile reads {profile}'s",)
        return ()
    if launcher.key != "cmd":
        return ()
    from ccprofile.system import registry

    found = []
    for key in registry.COMMAND_PROCESSORS:
        values = {name.lower(): data for name, (data, _) in (registry.read_key(env, key) or {}).items()}
        if values.get("autorun"):
            found.append(f"{key}\\AutoRun runs `{values['autorun']}`, which ccprofile does not follow")
    return tuple(found)


def _scan(
    target: Target,
    planned: Mapping[Path, bytes | None] | None,
    platform: str,
    inherited: Mapping[str, str] | None,
) -> tuple[Scan, Scan | None]:
    """The new terminal's reading, and the other start's when the shell reads other files then."""
    from ccprofile.startup import scan as startup

    login = starts.terminal_is_login(platform)
    other = (
        startup.scan(target.shell, target.home, WATCHED, planned, login=not login, inherited=inherited)
        if target.shell.login_differs
        else None
    )
    scan = startup.scan(target.shell, target.home, WATCHED, planned, login=login, inherited=inherited)
    stopped = tuple(
        f"{stop.path}:{stop.line}: {stop.reason}, and reads nothing after it"
        for stop in (*scan.stops, *(other.stops if other is not None else ()))
    )
    scan = dataclasses.replace(scan, problems=(*scan.problems, *stopped))
    if other is not None:
        # A file only the other start reads is still this shell's: its problems are reported.
        scan = dataclasses.replace(
            scan,
            problems=tuple(dict.fromkeys((*scan.problems, *other.problems))),
            crlf=tuple(dict.fromkeys((*scan.crlf, *other.crlf))),
        )
    if target.missing_zdotdir is not None:
        # A diagnostic must not fail on the very mistake it should report.
        problem = (
            f"ZDOTDIR points to {target.missing_zdotdir}, which does not exist: zsh finds no "
            "startup files there, so a new terminal gets none of their pins"
        )
        scan = dataclasses.replace(scan, problems=(*scan.problems, problem))
    return scan, other


def _written_blocks(target: Target | NoShell, shell: Shell | None) -> tuple[Path, ...]:
    """The files the ledger says ccprofile wrote this shell's block to, that still hold one."""
    if shell is None:
        return ()
    from ccprofile.startup import block
    from ccprofile.storage import fileio
    from ccprofile.storage.state import ledger_places, state_dir

    places = ledger_places(state_dir(target.home))
    found = []
    for path, kind, label in places:
        if kind != "shell" or label != shell.name:
            continue
        try:
            text = fileio.decode(Path(path).read_bytes())
        except OSError:
            continue
        try:
            if block.find_blocks(text):
                found.append(Path(path))
        except block.MarkerError:
            found.append(Path(path))
    return tuple(found)


def _expectations(project: Project, given: Expected | None) -> Expected | None:
    """The command line's expectations over those of the project's ``.ccprofile.toml``."""
    from ccprofile.claude import expectations
    from ccprofile.claude.expectations import ExpectationError

    path = project.home / expectations.FILE_NAME
    try:
        with open(path, "rb") as handle:
            data = handle.read(expectations.MAX_BYTES + 1)
    except FileNotFoundError:
        found = None
    except OSError as error:
        raise ExpectationError(f"{path}: cannot be read ({error.strerror})") from None
    else:
        if len(data) > expectations.MAX_BYTES:
            raise ExpectationError(f"{path}: larger than {expectations.MAX_BYTES} bytes")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ExpectationError(f"{path}: not UTF-8 text") from None
        found = expectations.parse(text, str(path))
    if given is None or given.empty:
        return found
    return expectations.checked_scope(given.over(found or expectations.Expected()))


def _unread_project_settings(
    project: Project, planned: Mapping[Path, bytes | None] | None, read: Sequence[Settings]
) -> tuple[Settings, ...]:
    """The repository root's project settings, when claude starts below the root and so does
    not read them."""
    if project.root is None or not project.in_subdirectory:
        return ()
    from ccprofile.claude import settings as settings_module

    path = project.root / ".claude" / "settings.json"
    import os

    if any(os.path.realpath(d.path) == os.path.realpath(path) for d in read):
        return ()  # the same file under another layer (user settings, when the root is ~)
    document = settings_module.read("project-settings", path, planned)
    return (document,) if document is not None else ()
