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

from ccprofile.claude import alias_targets, fixes, resolve, status_starts
from ccprofile.claude import variables as names
from ccprofile.claude.catalog import Catalog
from ccprofile.claude.inputs import Inputs, watched
from ccprofile.claude.layers import candidates, models_sent, new_terminal_base, settings_model_layers
from ccprofile.claude.providers import BY_NAME, detect_provider
from ccprofile.claude.report import BLIND_SPOTS, Report, View
from ccprofile.claude.resolve import Composed, Layer, Model
from ccprofile.claude.settings import Settings
from ccprofile.claude.warnings import Situation, StatusWarning, find_warnings

# typing costs status 3 ms to import; the annotations that name Any are never evaluated.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ccprofile.claude import launchers
    from ccprofile.claude.expectations import Expected
    from ccprofile.startup.scanned import Scan


def _subagent(
    composed: Composed, primary: Model, settings: Sequence[Settings], catalog: Catalog, region: str | None
) -> Model:
    """What general-purpose subagents use, after modelOverrides (the primary's, when they
    inherit it, is already mapped)."""
    model = resolve.subagent_model(composed, primary, catalog, region)
    return resolve.overridden(model, settings, catalog) if model.selected else model


def _table_notes(inputs: Inputs) -> tuple[str, ...]:
    if inputs.shell is None:
        return (
            f"No shell: {inputs.shell_reason}. The models shown are those of a claude started "
            "with this environment; what a new terminal would use is not known.",
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


def exact_expectations(
    expected: Expected | None, provider: str, catalog: Catalog, env: Mapping[str, str], region: str | None
) -> Expected | None:
    """The expected models as the exact IDs for ``provider`` (``haiku-4.5`` is Haiku 4.5's ID,
    on Bedrock in the geography of the region ``env`` and the AWS config file's ``region``
    give, as ``set-fast-model`` pins it); ExpectationError, naming where it was stated, for one
    that is not valid there."""
    if expected is None or expected.empty:
        return None
    from ccprofile.claude import selection  # only a check with expectations needs the catalog rules
    from ccprofile.claude.bedrock_regions import bedrock_prefix
    from ccprofile.claude.expectations import ExpectationError
    from ccprofile.errors import BadValue

    prefix = bedrock_prefix(env, region) if BY_NAME[provider].prefixes else None
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
                accept_unknown=BY_NAME[provider].serves_any_id,
                prefix=prefix,
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
    background_now, primary_now = models_sent(now, settings, catalog, region)
    background_new, primary_new = models_sent(fresh, settings, catalog, region)
    models = (background_now, primary_now, background_new, primary_new)
    background, primary, subagents = _views(inputs, now, fresh, models)
    provider = detect_provider(now.env)
    # A new terminal's provider, where it is known: from a probe, or from a certain reading of
    # its files over an inherited environment ccprofile could read; else this shell's.
    known = inputs.probed is not None or (inputs.scan.certain and inputs.session.env is not None)
    provider_new = detect_provider(fresh.env) if inputs.shell is not None and known else provider
    expected = exact_expectations(inputs.expected, provider, catalog, now.env, region)
    situation = _situation(inputs, base, now, fresh, models, (provider, provider_new), expected)
    launched = status_starts.launched(inputs)
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
        terminal_start=status_starts.terminal_start(inputs),
        unseen=status_starts.unseen_per_start(inputs),
        probed=inputs.probed is not None,
        launched=launched,
        subagents=subagents,
        aliases=tuple(alias_targets.alias_targets(now, catalog, region, settings)),
        fallback=alias_targets.fallback_models(now, settings, catalog, region),
        provider_new=provider_new if provider_new != provider else None,
    )


def _views(
    inputs: Inputs, now: Composed, fresh: Composed, models: tuple[Model, Model, Model, Model]
) -> tuple[View, View, View]:
    """The background, primary and subagent models from this shell, a new terminal and the
    other start, with the places that set each."""
    settings, catalog, region = inputs.settings, inputs.catalog, inputs.aws_config_region
    background_now, primary_now, background_new, primary_new = models
    background_other, primary_other, subagents_other = _other_start_models(inputs)
    known = inputs.shell is not None
    subagents = View(
        _subagent(now, primary_now, settings, catalog, region),
        _subagent(fresh, primary_new, settings, catalog, region) if known else None,
        (),
        subagents_other,
    )
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
    return background, primary, subagents


def _other_start_models(inputs: Inputs) -> tuple[Model | None, Model | None, Model | None]:
    """The background, primary and subagent model of the other start of the shell (a login
    one on Linux), where it reads other files; None each where it does not."""
    if inputs.shell is None or inputs.other is None:
        return None, None, None
    settings, catalog, region = inputs.settings, inputs.catalog, inputs.aws_config_region
    other_base, other_origins = new_terminal_base(inputs, inputs.other)
    other = resolve.compose(other_base, other_origins, settings)
    background, primary = models_sent(other, settings, catalog, region)
    return background, primary, _subagent(other, primary, settings, catalog, region)


def _layers(
    now: Composed, scan: Scan, variables: Sequence[str], extra: Sequence[Layer] = ()
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
    providers: tuple[str, str],
    expected: Expected | None,
) -> Situation:
    """What the warnings look at; ``providers``: this shell's and a new terminal's."""
    return Situation(
        env=inputs.env,
        base=base,
        scan=inputs.scan,
        shell=inputs.shell,
        settings=inputs.settings,
        now=now,
        fresh=fresh,
        models=models,
        provider=providers[0],
        provider_new=providers[1],
        catalog=inputs.catalog,
        ours=inputs.ours,
        expected=expected,
        unread=inputs.unread,
        start=str(inputs.project.start) if inputs.project else "",
        subdirectory=inputs.project.in_subdirectory if inputs.project else False,
        aws_config_region=inputs.aws_config_region,
        startup_file=str(inputs.startup_file) if inputs.startup_file else inputs.unknown_startup,
        probed=inputs.probed is not None,
    )


def _warnings(
    inputs: Inputs,
    situation: Situation,
    launched: tuple[launchers.LauncherView, ...],
    background: View,
    primary: View,
) -> tuple[StatusWarning, ...]:
    """Every warning, in the order status prints them."""
    warnings = find_warnings(situation) + status_starts.start_warnings(inputs, (background, primary))
    if launched:
        from ccprofile.claude import launchers  # macOS and Windows only: Linux does not pay for it

        for kind, view in (("background", background), ("primary", primary)):
            said = launchers.differences(launched, view.new_shell, kind)
            if said is not None:
                warnings += (StatusWarning("launchers-differ", *said),)
    moved = inputs.unknown_startup
    if moved is not None:
        warnings = tuple(dataclasses.replace(w, fix=fixes.pinned_in(w.fix, moved)) for w in warnings)
    return warnings
