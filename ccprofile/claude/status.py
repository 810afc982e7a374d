"""``ccprofile status``: what Claude Code will use from this shell and from a new terminal.

``build`` is pure: it takes ``Inputs`` (this shell's environment, the environment new
terminals inherit, the startup-file scan, the settings documents) and returns a ``Report``;
``read_inputs`` is the edge that reads them from the machine. A new terminal's prediction starts
from the inherited environment, never from this shell's: a variable this shell exported by
hand, or kept after an uninstall, does not reach new terminals.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from ccprofile.claude import resolve, starts
from ccprofile.claude import variables as names
from ccprofile.claude.catalog import Catalog
from ccprofile.claude.inputs import Inputs, watched
from ccprofile.claude.layers import candidates, new_terminal_base, settings_model_layers, terminal_base
from ccprofile.claude.providers import detect_provider
from ccprofile.claude.report import BLIND_SPOTS, Report, View
from ccprofile.claude.resolve import Composed, Layer, Model
from ccprofile.claude.settings import Settings, have_policy
from ccprofile.claude.warnings import Situation, StatusWarning, find_warnings
from ccprofile.startup.scan import Unseen

# typing costs status 3 ms to import; the annotations that name Any are never evaluated.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ccprofile.claude import launchers
    from ccprofile.claude.expectations import Expected
    from ccprofile.startup import scan as startup_scan


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
    settings, catalog, region = inputs.settings, inputs.catalog, inputs.aws_config_region
    now = resolve.compose(watched(inputs.env), {}, settings)
    if inputs.shell is None:
        # No startup files to read: the warnings look at this environment alone.
        base, fresh = watched(inputs.env), now
    else:
        base, origins = new_terminal_base(inputs)
        fresh = resolve.compose(base, origins, settings)
    background_now, primary_now = _resolve(now, settings, catalog, region)
    background_new, primary_new = _resolve(fresh, settings, catalog, region)
    background_other, primary_other, subagents_other = _other_start_models(inputs)
    subagents = View(
        _subagent(now, primary_now, settings, catalog, region),
        _subagent(fresh, primary_new, settings, catalog, region) if inputs.shell is not None else None,
        (),
        subagents_other,
    )
    known = inputs.shell is not None
    background = View(
        background_now,
        background_new if known else None,
        _layers(now, inputs.scan, names.BACKGROUND),
        background_other,
        candidates(now, settings, "background"),
        candidates(fresh, settings, "background") if known else None,
    )
    primary = View(
        primary_now,
        primary_new if known else None,
        _layers(now, inputs.scan, (names.PRIMARY, names.DEFAULT_MODEL), settings_model_layers(settings)),
        primary_other,
        candidates(now, settings, "primary"),
        candidates(fresh, settings, "primary") if known else None,
    )
    provider = detect_provider(now.env)
    provider_new = detect_provider(fresh.env) if inputs.shell is not None else provider
    expected = exact_expectations(inputs.expected, provider, catalog)
    models = (background_now, primary_now, background_new, primary_new)
    situation = _situation(inputs, base, now, fresh, models, provider, expected)
    launched = _launched(inputs)
    return Report(
        provider=provider,
        shell=inputs.shell.name if inputs.shell is not None else None,
        startup_file=inputs.startup_file,
        background=background,
        primary=primary,
        warnings=_warnings(inputs, situation, launched, background, primary),
        notes=_notes(inputs, (background_now, background_new, primary_now, primary_new)),
        shell_reason=inputs.shell_reason,
        claude=inputs.claude.to_json(),
        table_notes=_table_notes(inputs),
        ours=inputs.ours,
        expected=expected,
        project=inputs.project,
        terminal_start=_terminal_start(inputs),
        unseen=_unseen(inputs),
        probed=inputs.probed is not None,
        launched=launched,
        subagents=subagents,
        aliases=tuple(resolve.alias_targets(now, catalog, region, settings)),
        fallback=resolve.fallback_models(now, settings, catalog, region),
        provider_new=provider_new if provider_new != provider else None,
    )


def _other_start_models(inputs: Inputs) -> tuple[Model | None, Model | None, Model | None]:
    """The background, primary and subagent model of the other start of the shell (a login
    one on Linux), where it reads other files; None each where it does not."""
    if inputs.shell is None or inputs.other is None:
        return None, None, None
    settings, catalog, region = inputs.settings, inputs.catalog, inputs.aws_config_region
    other_base, other_origins = new_terminal_base(inputs, inputs.other)
    other = resolve.compose(other_base, other_origins, settings)
    background, primary = _resolve(other, settings, catalog, region)
    return background, primary, _subagent(other, primary, settings, catalog, region)


def _layers(
    now: Composed, scan: startup_scan.Scan, variables: Sequence[str], extra: Sequence[Layer] = ()
) -> tuple[Layer, ...]:
    """The layers list: this shell's environment, then what the startup files add, then the
    settings files."""
    env_layers = [
        layer for layer in now.layers if layer.source == "environment" and layer.variable in variables
    ]
    settings_layers = [
        layer for layer in now.layers if layer.source != "environment" and layer.variable in variables
    ]
    mine = [
        Layer("profile", f"{a.path}:{a.line}", a.name, a.value or "")
        for a in scan.assignments
        if a.value is not None and a.name in variables
    ]
    return (*env_layers, *mine, *settings_layers, *extra)


def _situation(
    inputs: Inputs,
    base: Mapping[str, str],
    now: Composed,
    fresh: Composed,
    models: tuple[Model, Model, Model, Model],
    provider: str,
    expected: Expected | None,
) -> Situation:
    """What the warnings look at."""
    return Situation(
        env=inputs.env,
        base=base,
        scan=inputs.scan,
        shell=inputs.shell,
        settings=inputs.settings,
        now=now,
        fresh=fresh,
        models=models,
        provider=provider,
        catalog=inputs.catalog,
        ours=inputs.ours,
        expected=expected,
        unread=inputs.unread,
        start=str(inputs.project.start) if inputs.project else "",
        subdirectory=inputs.project.in_subdirectory if inputs.project else False,
        aws_config_region=inputs.aws_config_region,
    )


def _warnings(
    inputs: Inputs,
    situation: Situation,
    launched: tuple[launchers.LauncherView, ...],
    background: View,
    primary: View,
) -> tuple[StatusWarning, ...]:
    """Every warning, in the order status prints them."""
    warnings = find_warnings(situation) + _start_warnings(inputs, (background, primary))
    if launched:
        from ccprofile.claude import launchers  # macOS and Windows only: Linux does not pay for it

        for kind, view in (("background", background), ("primary", primary)):
            said = launchers.differences(launched, view.new_shell, kind)
            if said is not None:
                warnings += (StatusWarning("launchers-differ", said),)
    return warnings


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
