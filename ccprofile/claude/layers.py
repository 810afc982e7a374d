"""The environments status composes: a new terminal's (what it inherits, then its startup
files' assignments, or what the probe saw) and the layers that may set a model or a region,
in the order Claude Code ranks them."""

from __future__ import annotations

from collections.abc import Sequence

from ccprofile.claude import resolve
from ccprofile.claude import variables as names
from ccprofile.claude.catalog import Catalog
from ccprofile.claude.inputs import WATCHED, Inputs, watched
from ccprofile.claude.resolve import Composed, Layer, Model, Origin
from ccprofile.claude.settings import Settings, have_policy
from ccprofile.machine.inherited import Session
from ccprofile.startup.scanned import Scan


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


def settings_model_layers(settings: Sequence[Settings]) -> list[Layer]:
    return [Layer(s.source, str(s.path), "model", s.model) for s in settings if s.model]


def models_sent(
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
