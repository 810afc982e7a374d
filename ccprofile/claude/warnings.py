"""The plain-language warnings of ``ccprofile status``, each with one fix at the right place.

Codes are part of the JSON contract: settings-override, not-loaded, shadowed,
unpinned-fallback, alias-not-resolved, retired-model, invalid-settings, unverified-alias,
startup-file, stale-in-this-shell, wrong-provider-id, crlf-startup-file, settings-pin-beaten,
project-settings-not-read, drift, unknown-model, costly-background.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from ccprofile.claude import resolve, scopes
from ccprofile.claude.catalog import Catalog, cost_words, is_arn
from ccprofile.claude.places import Ours, Place, fix, pin_fix, place_of
from ccprofile.claude.providers import (
    BY_NAME,
    NAMED_BY_USER,
    OWN,
    SWITCH_ORDER,
    detect_provider,
    switched_on,
    unmodelled_provider,
)
from ccprofile.claude.resolve import Composed, Model, Origin
from ccprofile.claude.settings import Settings, have_policy
from ccprofile.claude.variables import (
    API_KEY,
    AUTH_TOKEN,
    BACKGROUND,
    FAST,
    HAIKU,
    INHERIT,
    PINNABLE,
    PINNED,
    PRIMARY,
    REGION,
    REGION_PREFIX,
    SUBAGENT,
)
from ccprofile.startup.scan import Scan
from ccprofile.startup.shells import Shell

# typing costs status 3 ms to import; these names are only annotations, never evaluated.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ccprofile.claude.expectations import Drift, Expected


@dataclass(frozen=True)
class StatusWarning:
    code: str
    message: str


@dataclass(frozen=True)
class Situation:
    """What the warnings look at: both environments, the files, and the resolved models."""

    env: Mapping[str, str]  # this shell's
    base: Mapping[str, str]  # a new terminal's, before settings
    scan: Scan
    shell: Shell | None  # None: no shell, so no startup files and no new terminal to reason about
    settings: Sequence[Settings]
    now: Composed
    fresh: Composed
    models: tuple[Model, Model, Model, Model]  # background, primary: now, then new terminal
    provider: str
    catalog: Catalog
    ours: Ours = field(default_factory=dict)  # settings keys that are ccprofile's pins
    expected: Expected | None = None  # the pins the project expects (already exact IDs)
    # Settings files of the repository that a claude started here does not read.
    unread: Sequence[Settings] = ()
    start: str = ""  # the directory claude starts in
    subdirectory: bool = False  # below a repository's root, whose project file it does not read
    aws_config_region: str | None = None  # the AWS shared config file's region (Bedrock)

    def values(self, names: Sequence[str]) -> Iterator[tuple[str, str, Place]]:
        """Each distinct (variable, value, place) among ``names``, new terminals' first."""
        seen: set[tuple[str, str]] = set()
        for composed in (self.fresh, self.now):
            for name in names:
                value = composed.env.get(name, "")
                if name == SUBAGENT and value == INHERIT:
                    continue  # subagents use the primary model: no model ID to judge
                if value and (name, value) not in seen:
                    seen.add((name, value))
                    yield name, value, place_of(composed.origins[name], name, self.scan, self.ours)


def _settings_overrides(s: Situation) -> Iterator[StatusWarning]:
    for name in PINNED:
        pin = s.scan.final(name)
        shell_value = pin.value if pin is not None and pin.value else s.env.get(name)
        winners = [d for d in s.settings if name in d.env]
        # The same value in settings and in the shell is no conflict: both give what was pinned.
        if not shell_value or not winners or winners[-1].env[name] == shell_value:
            continue
        top = winners[-1]
        where = f"{pin.path}:{pin.line}" if pin is not None and pin.value else "this shell's environment"
        shown = repr(top.env[name]) if top.env[name] else "an empty string (which unsets it)"
        place = place_of(Origin(top.source, str(top.path)), name, s.scan, s.ours)
        yield StatusWarning(
            "settings-override",
            f"{name}={shell_value} from {where} has no effect: env.{name} in {top.path} sets {shown}, "
            f"and settings beat the shell. {fix(place, name, None, s.shell, keep=shell_value)}",
        )


def _not_loaded(s: Situation) -> Iterator[StatusWarning]:
    """One warning per startup file whose pins this shell does not have (yet)."""
    if s.shell is None:
        return
    stale: dict[str, list[str]] = {}
    for name in PINNED:
        pin = s.scan.pinned(name)
        if pin is None or s.scan.final(name) is not pin or pin.value is None:
            continue
        if s.env.get(name) != pin.value:
            have = repr(s.env[name]) if name in s.env else "unset"
            stale.setdefault(str(pin.path), []).append(f"{name}={pin.value} (this shell: {have})")
    for path, items in stale.items():
        yield StatusWarning(
            "not-loaded",
            f"{path} pins {', '.join(items)}, but this shell has not loaded it. "
            f"Fix: run `{s.shell.apply_hint(path)}` or open a new terminal.",
        )


def _stale(s: Situation) -> Iterator[StatusWarning]:
    """Values this shell holds that a new terminal will not have: left over after unset or
    uninstall, or just exported by hand; either way only this shell has them."""
    gone = [name for name in PINNABLE if s.env.get(name) and name not in s.base]
    if not gone or s.shell is None:
        return
    held = ", ".join(f"{name}={s.env[name]}" for name in gone)
    them = "them" if len(gone) > 1 else "it"
    used = [n for n in gone if s.now.origins.get(n, Origin("default")).source == "environment"]
    # A primary the organisation's policy replaces is asked for, not used.
    uses = "asks for" if PRIMARY in used and s.models[1].restricted is not None else "uses"
    here = (
        f"A claude started from this shell {uses} {them}; one started from a new terminal does not."
        if used
        else f"Settings beat {them} here too, so for now this changes nothing."
    )
    keep = _keep(s, gone)
    yield StatusWarning(
        "stale-in-this-shell",
        f"This shell has {held}, but a new terminal will not: no startup file sets {them} and new "
        f"terminals do not inherit {them}. {here} Fix: run `{s.shell.syntax.unset(gone)}` in this "
        f"shell if {'they are' if len(gone) > 1 else 'it is'} left over{_keeping(keep, len(gone) > 1)}",
    )


def _keeping(keep: str, several: bool) -> str:
    if not keep:
        return "."
    both = " and " in keep
    models = (
        "the models they give" if several and both else f"the model {'they give' if several else 'it gives'}"
    )
    return f"; to keep {models} claude, {keep} {'pin them' if both else 'pins it'} for new terminals too."


def _keep(s: Situation, gone: Sequence[str]) -> str:
    """The ccprofile commands that would give new terminals the models this shell uses: one
    set-fast-model for the background value that wins, one set-model; none for a value
    ccprofile would refuse."""
    commands = []
    background = next((n for n in BACKGROUND if n in gone), None)
    for name in (background, PRIMARY if PRIMARY in gone else None):
        if name is None:
            continue
        value = s.env[name]
        alias = name == PRIMARY and value.lower() in s.catalog.aliases
        if (alias and not _refused_by_policy(s, name, value)) or _sound(s, name, value):
            commands.append(f"`{pin_fix(name, value, 'shell').removeprefix('Fix: `').removesuffix('`.')}`")
    return " and ".join(commands)


def _shadowed(s: Situation) -> Iterator[StatusWarning]:
    for name in PINNED:
        pin = s.scan.pinned(name)
        for later in s.scan.after_block(name):
            if pin is not None and later.value == pin.value:
                continue
            what = "removes it" if later.value is None else f"sets {later.value!r}"
            # A line may hold other commands, and a later file cannot move above the block.
            where = (
                "or move it above the block"
                if pin is None or later.path == pin.path
                else f"a file read after {pin.path}, which holds the block"
            )
            yield StatusWarning(
                "shadowed",
                f"{later.path}:{later.line} {what} after the ccprofile block, so the pin "
                f"{name}={pin.value if pin else ''} does not reach new terminals. "
                f"Fix: take the {name} {'removal' if later.value is None else 'assignment'} out of line "
                f"{later.line} of {later.path} ({where}).",
            )


def _fix(s: Situation, place: Place, name: str, value: str) -> str:
    """The fix for a bad value at ``place``: the right value there, unless that settings value
    beats a sound pin of the shell's, whose fix (settings-override) is to remove it: one fix
    for both warnings, after which the shell's pin wins."""
    pin = s.scan.final(name)
    shell_pin = pin.value if pin is not None and pin.value else s.env.get(name)
    if place.kind == "settings" and shell_pin and _sound(s, name, shell_pin):
        return fix(place, name, None, s.shell, keep=shell_pin)
    return fix(place, name, value, s.shell)


def _refused_by_policy(s: Situation, name: str, value: str) -> bool:
    """A primary model the organisation's policy would replace (an alias resolved first)."""
    if name != PRIMARY or not have_policy(s.settings):
        return False
    from ccprofile.claude import allowed  # only with a model policy: see settings.have_policy

    rules = allowed.policy(s.settings)
    resolved = resolve.resolve_alias(value, s.now.env, s.provider, s.catalog, s.aws_config_region)
    sent = resolved[0] if resolved is not None else resolve.sent_as(value, s.provider, s.catalog)
    overrides, _ = resolve.overrides_in_force(s.settings)
    refused = rules.available is not None and not allowed.allows(rules.available, sent, s.catalog, overrides)
    return refused or allowed.denies(rules.denied, sent, s.catalog)


def _sound(s: Situation, name: str, value: str) -> bool:
    """A value no warning of its own would be about: a current model of this provider (for
    the background, a small one)."""
    if _refused_by_policy(s, name, value):
        return False
    model = s.catalog.model_of(value, s.provider)
    if model is None or s.catalog.retirement(value) is not None:
        return s.provider in NAMED_BY_USER and not s.catalog.retirement(value)
    return name not in BACKGROUND or model.family == s.catalog.small_family


def _fallback(s: Situation) -> Iterator[StatusWarning]:
    background, primary = s.models[0], s.models[1]
    env = s.now.env
    # A pin a new terminal gets is a pin: this shell not having it yet is not-loaded's to say.
    pinned_fresh = s.shell is not None and s.models[2].selected
    if background.selected or pinned_fresh or BY_NAME[s.provider].background == OWN:
        return  # a provider with a small model of its own uses it: nothing falls back
    if s.provider == "gateway" and resolve.sends_anthropic_key(env):
        yield StatusWarning(
            "unpinned-fallback",
            f"Nothing pins the background model; because ANTHROPIC_API_KEY is an Anthropic API key, "
            f"Claude Code sends titles and summaries through your gateway to {background.model}, "
            "which the gateway must serve. Fix: `ccprofile set-fast-model` with an ID it serves.",
        )
        return
    kind = "your primary model" if background.model == primary.model else "Sonnet"
    unseen_key = ""
    if s.provider == "gateway" and not env.get(API_KEY) and not env.get(AUTH_TOKEN):
        # The key then comes from apiKeyHelper or a login, where ccprofile cannot look.
        unseen_key = (
            " (If the key Claude Code sends is an Anthropic API key, sk-ant-api..., it uses "
            f"{s.catalog.default_background['anthropic']} instead.)"
        )
    yield StatusWarning(
        "unpinned-fallback",
        f"Nothing pins the background model, so on {s.provider} Claude Code uses {kind} "
        f"({background.model}) for titles and summaries, at that model's price.{unseen_key} "
        "Fix: `ccprofile set-fast-model`.",
    )


def _exact_for_alias(value: str, s: Situation) -> str | None:
    alias = s.catalog.aliases.get(value.lower())
    if alias is None or alias.model is None:
        return None
    return s.catalog.named(alias.model).id_for(s.provider)


def _aliases(s: Situation) -> Iterator[StatusWarning]:
    for name, value, place in s.values(BACKGROUND):
        if value.lower() not in s.catalog.aliases:
            continue
        exact = _exact_for_alias(value, s)
        repair = _fix(s, place, name, exact) if exact else "Fix: pin an exact model ID there."
        yield StatusWarning(
            "alias-not-resolved",
            f"{name}={value} ({place.where}) is an alias; Claude Code sends it verbatim and the API "
            f"rejects it. {repair}",
        )


def _retired(s: Situation) -> Iterator[StatusWarning]:
    for name, value, place in s.values(PINNED):
        retired = s.catalog.retirement(value)
        if retired is None:
            continue
        newest = s.catalog.newest(retired.family, s.provider)
        right = newest.id_for(s.provider) if newest else None
        repair = f" {_fix(s, place, name, right)}" if newest and right else ""
        yield StatusWarning(
            "retired-model",
            f"{name}={value} ({place.where}) was {retired.describe()}; requests with it fail.{repair}",
        )


def _wrong_provider(s: Situation) -> Iterator[StatusWarning]:
    if s.provider == "gateway":
        return  # a gateway serves whatever IDs it chooses to
    overrides, _ = resolve.overrides_in_force(s.settings)
    for name, value, place in s.values(PINNED):
        matches = s.catalog.by_id(value)
        owners = sorted({provider for _, provider in matches})
        if not matches or s.provider in owners or value in overrides:
            continue  # a key of modelOverrides is not sent as it is
        if BY_NAME[s.provider].translates_first_party and "anthropic" in owners:
            continue  # Mantle sends its own ID for a first-party one

        model = matches[0][0]
        right = model.id_for(s.provider)
        if right is not None:
            right = resolve.regional(right, s.provider, s.now.env, s.aws_config_region)
        repair = _fix(s, place, name, right) if right else f"Fix: {model.name} has no {s.provider} ID."
        yield StatusWarning(
            "wrong-provider-id",
            f"{name}={value} ({place.where}) is the {', '.join(owners)} ID of {model.name}, but Claude "
            f"Code talks to {s.provider}, which rejects it. {repair}",
        )


def _unknown_model(s: Situation) -> Iterator[StatusWarning]:
    """A pinned ID the catalog does not know for the provider: most often a typo, which the API
    rejects on every request. A gateway's names and a Foundry deployment's are their own."""
    if s.provider in NAMED_BY_USER:
        return
    catalog = s.catalog
    said: set[tuple[str, str | None]] = set()
    for name, value, place in s.values(PINNED):
        if (value, place.file) in said:
            continue  # both background variables from one place: one problem, one fix
        said.add((value, place.file))
        known = catalog.model_of(value, s.provider) or catalog.by_id(value) or catalog.retirement(value)
        named = value.lower() in catalog.aliases or value.lower() in catalog.families
        if known or named or is_arn(value):
            continue  # retired, another provider's or an alias: each has a warning of its own
        from ccprofile.claude.selection import closest  # only an unknown ID pays for difflib

        near = closest(value, s.provider, catalog)
        meant = f" Did you mean {' or '.join(near)}?" if near else ""
        repair = _fix(s, place, name, near[0]) if near else "Fix: pin an ID from `ccprofile models` there."
        yield StatusWarning(
            "unknown-model",
            f"{name}={value} ({place.where}) is not an ID the catalog of Claude Code "
            f"{catalog.claude_code_version} knows for {s.provider}; Claude Code sends it as it is, "
            f"and the provider rejects an ID it does not serve.{meant} {repair}",
        )


def _costly_background(s: Situation) -> Iterator[StatusWarning]:
    """A pinned background model that is not a small one: every title and summary at its price."""
    small = s.catalog.recommended_background(s.provider)
    if small is None or small.price is None:
        return
    seen: set[str] = set()
    for model in (s.models[2], s.models[0]) if s.shell is not None else (s.models[0],):
        chosen = s.catalog.model_of(model.model, s.provider)
        if not model.selected or chosen is None or chosen.family == small.family or model.model in seen:
            continue
        seen.add(model.model)
        if chosen.price is None:
            continue
        variable = model.variable or FAST
        place = place_of(Origin(model.source, model.file), variable, s.scan, s.ours)
        yield StatusWarning(
            "costly-background",
            f"{variable}={model.as_set} ({place.where}) makes {chosen.name} the background model: "
            f"every title and summary costs {cost_words(chosen, small)}. "
            f"{_fix(s, place, variable, small.id_for(s.provider) or '')}",
        )


def _crlf(s: Situation) -> Iterator[StatusWarning]:
    if s.shell is None:
        return
    for path in s.scan.crlf:
        yield StatusWarning(
            "crlf-startup-file",
            f"{path} has Windows (CRLF) line endings: {s.shell.name} reads each \\r as part of the "
            "line, so a command may fail (bash stops reading the file at the first line it cannot "
            f"parse) and a value ends in a stray \\r. "
            f"Fix: `dos2unix {path}` (or `sed -i 's/\\r$//' {path}`).",
        )


def _unverified_alias(s: Situation) -> Iterator[StatusWarning]:
    primary = s.models[1]
    if primary.alias and not primary.alias_verified:
        yield StatusWarning(
            "unverified-alias",
            f"The primary model is the alias {primary.alias!r}; ccprofile shows {primary.model}, "
            "but what Claude Code makes of this alias was not verified. Pin an exact ID to be sure.",
        )


def _settings_pin_beaten(s: Situation) -> Iterator[StatusWarning]:
    """A settings pin of ccprofile's that a higher settings file (or ANTHROPIC_MODEL) beats."""
    primary = s.models[1]
    for document in s.settings:
        for name, scope in s.ours.get(str(document.path), {}).items():
            if name == PRIMARY:
                beaten = primary.file != str(document.path) or primary.variable != "model"
                winner, variable, value = primary.model, primary.variable or "", document.model
                origin = Origin(primary.source, primary.file)
            else:
                origin = s.now.origins.get(name, Origin("default"))
                value, winner, variable = document.env.get(name), s.now.env.get(name, ""), name
                beaten = origin.file != str(document.path)
            if not beaten or origin.source == "default" or winner == value:
                continue
            if scope == "user" and origin.source == "project-settings":
                continue  # a team's committed pin beating a personal one is the team's design
            place = place_of(origin, variable, s.scan, s.ours)
            key = "model" if name == PRIMARY else f"env.{name}"
            repair = _repair(place, variable, None, s)
            yield StatusWarning(
                "settings-pin-beaten",
                f"{key}={value} in {document.path} (ccprofile's, --scope {scope}) has no effect: "
                f"{place.where} sets {winner!r}, and that takes precedence. {repair}",
            )


def _repair(place: Place, variable: str, value: str | None, s: Situation) -> str:
    """The one fix at ``place`` itself, the project's file included (a team's expectation);
    managed settings are an administrator's, not the user's to edit."""
    return fix(place, variable, value, s.shell, personal=False)


def _unread(s: Situation) -> Iterator[StatusWarning]:
    for document in s.unread:
        pins = [f"env.{n}" for n in PINNED if document.env.get(n)]
        pins += ["model"] if document.model else []
        if not pins:
            continue
        yield StatusWarning(
            "project-settings-not-read",
            f"{document.path} pins {', '.join(pins)}, but a claude started in {s.start} does not read "
            "it: Claude Code reads a project's settings only from the directory it starts in. "
            f"Fix: start claude in {document.path.parent.parent}.",
        )


def _unmodelled(s: Situation) -> Iterator[StatusWarning]:
    """Say what status does not apply, rather than show an ID that may not be the one sent."""
    said: set[str] = set()
    for composed in (s.fresh, s.now):
        found = unmodelled_provider(composed.env)
        if found is not None and found[0] not in said:
            said.add(found[0])
            yield StatusWarning(
                "not-modelled",
                f"{found[0]} is set, so Claude Code talks to {found[1]}, which ccprofile does not "
                "model yet: the provider and model IDs shown may not be the ones it sends, and "
                "ccprofile cannot know them. Inside claude, `/model` shows the primary model.",
            )


def _switch_places(s: Situation, composed: Composed, variable: str) -> str:
    """Where a provider switch is on: its place, and the startup-file line that sets it for new
    terminals too when this shell got it from there (unset here, it comes back)."""
    place = place_of(composed.origins[variable], variable, s.scan, s.ours)
    pin = s.scan.final(variable) if s.shell is not None else None
    also = (
        f" and {pin.path}:{pin.line}" if place.kind == "this-shell" and pin is not None and pin.value else ""
    )
    return f"{variable} in {place.where}{also}"


def _several_providers(s: Situation) -> Iterator[StatusWarning]:
    """More than one provider switch on: the first in Claude Code's order decides, silently."""
    said: set[tuple[str, ...]] = set()
    for composed in (s.fresh, s.now):
        switches = switched_on(composed.env)
        names = tuple(variable for variable, _ in switches)
        if len(switches) < 2 or names in said:
            continue
        said.add(names)
        (variable, provider), others = switches[0], switches[1:]
        where = "; ".join(_switch_places(s, composed, other) for other, _ in others)
        yield StatusWarning(
            "several-providers",
            f"{', '.join(names[:-1])} and {names[-1]} are on; Claude Code uses {provider} ({variable} "
            f"comes first in its order: {', '.join(p for _, p in SWITCH_ORDER)}) and says nothing of the "
            f"others. Fix: turn off the ones you do not mean ({where}).",
        )


def _restricted(s: Situation) -> Iterator[StatusWarning]:
    """A model the organisation's policy (availableModels, managed deniedModels) replaces, and a
    background model the list does not stop."""
    if not have_policy(s.settings):
        return
    from ccprofile.claude import allowed  # only with a model policy: see settings.have_policy

    rules = allowed.policy(s.settings)
    columns = [("from this shell", s.models[1], s.now)]
    if s.shell is not None:
        columns.append(("from a new terminal", s.models[3], s.fresh))
    restricted = [(who, m, c) for who, m, c in columns if m.restricted is not None]
    said: set[tuple[str, str]] = set()
    for who, model, composed in restricted:
        assert model.restricted is not None
        refused, where, key = model.restricted
        if (refused, model.model) in said:
            continue
        said.add((refused, model.model))
        both = len(restricted) == 2 and restricted[0][1].restricted == restricted[1][1].restricted
        started = "" if both or len(columns) == 1 else f" started {who}"
        denied = key == allowed.DENIED
        suggested = allowed.first_allowed(composed, s.settings, s.catalog, s.aws_config_region)
        if denied or suggested is None:
            repair = (
                f"Fix: unset it, or pin a model {key} in that file {'does not deny' if denied else 'allows'}."
            )
        else:
            repair = f"Fix: pin a model the list allows, e.g. `ccprofile set-model {suggested}`, or unset it."
        yield StatusWarning(
            "model-restricted",
            f"The primary model {refused} is not allowed by {key} in {where}: Claude Code{started} uses "
            f"{model.model} instead (it prints 'Model \"{refused}\" is restricted by your organization's "
            f"settings. Using {model.model} instead.'). {repair}",
        )
    for _, _, composed in columns:
        if allowed.nothing_left(composed, s.settings, s.catalog, s.aws_config_region):
            yield StatusWarning(
                "no-model-left",
                f"deniedModels in {', '.join(rules.denied_files)} denies the default primary model and every "
                "one Claude Code would step down to (opus, sonnet, haiku): Claude Code does not start "
                "(read in Claude Code's binary, not observed). Fix: ask the administrator to allow one.",
            )
            break
    rules = allowed.policy(s.settings)
    overrides, _ = resolve.overrides_in_force(s.settings)
    backgrounds = {
        m.model: m for m in ((s.models[2], s.models[0]) if s.shell is not None else (s.models[0],))
    }
    for background in backgrounds.values():
        if background.restricted is not None:
            yield StatusWarning(
                "background-denied",
                f"deniedModels in {background.restricted[1]} denies the background model "
                f"{background.restricted[0]}: Claude Code sends titles and summaries to the primary model "
                f"{background.model} instead, at its price. Fix: ask the administrator to allow a small "
                "model, or pin one they allow with `ccprofile set-fast-model`.",
            )
        elif rules.available is not None and not allowed.allows(
            rules.available, background.model, s.catalog, overrides
        ):
            yield StatusWarning(
                "background-not-restricted",
                f"availableModels in {', '.join(rules.list_files)} does not apply to the background model: "
                f"Claude Code still sends titles and summaries to {background.model}, which the list does "
                "not name (it restricts only the primary model). Fix: if only the listed models may be "
                "used, pin one of them with `ccprofile set-fast-model`.",
            )
    for document in s.settings:
        if document.denied and document.source != allowed.MANAGED:
            yield StatusWarning(
                "invalid-settings",
                f"{document.path}: deniedModels counts only in managed settings; Claude Code ignores it "
                "here (and shows a Settings Warning when it starts). Fix: remove it, or ask an "
                "administrator to set it in managed settings.",
            )


def override_words(model: Model, settings: Sequence[Settings], catalog: Catalog) -> tuple[str, str]:
    """Why ``model`` (rewritten by modelOverrides) is not the ID pinned, and the fix."""
    assert model.override is not None
    before, where, key = model.override
    managed = any(d.source == "managed-settings" and str(d.path) == where for d in settings)
    repair = (
        "Fix: that file is an administrator's: ask them if another ID is wanted."
        if managed
        else f'Fix: remove "{key}" from modelOverrides in {where} if {before} is what you want sent.'
    )
    return f"modelOverrides in {where} maps {key} to it", repair


def _overridden(s: Situation) -> Iterator[StatusWarning]:
    """A pin that modelOverrides rewrites: Claude Code sends another ID than the one pinned."""
    said: set[tuple[str, str]] = set()
    for model in s.models:
        if model.override is None or not model.selected or model.variable is None:
            continue
        if (model.variable, model.model) in said:
            continue
        said.add((model.variable, model.model))
        place = place_of(Origin(model.source, model.file), model.variable, s.scan, s.ours)
        reason, repair = override_words(model, s.settings, s.catalog)
        yield StatusWarning(
            "pin-overridden",
            f"{model.variable} pins {model.as_set} ({place.where}), but Claude Code sends "
            f"{model.model}: {reason}. {repair}",
        )


# Which regions each Bedrock cross-region inference profile can be called from.
_GEOGRAPHIES = {
    "us": ("us-",),
    "eu": ("eu-",),
    "apac": ("ap-",),
    "jp": ("ap-northeast-1", "ap-northeast-3"),
    "au": ("ap-southeast-2", "ap-southeast-4"),
    "us-gov": ("us-gov-",),
}
_PROFILE = re.compile(r"^(us-gov|us|eu|apac|jp|au|global)\.anthropic\.")
_ARN_REGION = re.compile(r"^arn:aws[a-z-]*:bedrock:([a-z0-9-]+):")


def _callable_from(value: str, region: str) -> bool | None:
    """Whether a Bedrock ID can be called from ``region``; None: no region in it."""
    arn = _ARN_REGION.match(value)
    if arn:
        return arn.group(1) == region
    profile = _PROFILE.match(value)
    if profile is None:
        return None
    if profile.group(1) == "global":
        return not region.startswith("us-gov-")
    fits = _GEOGRAPHIES[profile.group(1)]
    return region.startswith(fits) and not (profile.group(1) == "us" and region.startswith("us-gov-"))


def _bedrock_region(s: Situation) -> Iterator[StatusWarning]:
    """A pinned Bedrock ID for another geography than the region requests go to: Bedrock
    refuses every such request."""
    said: set[tuple[str, str]] = set()
    overrides, _ = resolve.overrides_in_force(s.settings)
    for composed in (s.fresh, s.now):
        env = composed.env
        if detect_provider(env) != "bedrock":
            continue  # that claude is not on Bedrock: its region decides nothing
        yield from _declared_prefix(s, composed, said)
        for name in PINNED:
            value = env.get(name, "")
            if not value or (name, value) in said or value in overrides:
                continue  # a key of modelOverrides is not sent as it is
            if name == HAIKU and env.get(FAST) == value:
                continue  # ccprofile's mirror of the background pin: one warning, on FAST
            said.add((name, value))
            place = place_of(composed.origins[name], name, s.scan, s.ours)
            region = resolve.aws_region(env, s.aws_config_region)
            why = "the region Claude Code uses"
            # The variable that decides the background sends it to its region when one is set.
            if name == (FAST if env.get(FAST) else HAIKU) and env.get(REGION):
                region, why = env[REGION], f"{REGION}, where background requests go"
            yield from _region_warning(s, name, value, place, region, why)


def _declared_prefix(s: Situation, composed: Composed, said: set[tuple[str, str]]) -> Iterator[StatusWarning]:
    """ANTHROPIC_BEDROCK_REGION_PREFIX makes Claude Code give every ID it picks that prefix,
    without checking that the region can call it."""
    declared = resolve.declared_prefix(composed.env)
    if declared is None or (REGION_PREFIX, declared) in said:
        return
    said.add((REGION_PREFIX, declared))
    region = resolve.aws_region(composed.env, s.aws_config_region)
    if _callable_from(f"{declared}.anthropic.x", region) is not False:
        return
    place = place_of(composed.origins[REGION_PREFIX], REGION_PREFIX, s.scan, s.ours)
    yield StatusWarning(
        "bedrock-region",
        f"{REGION_PREFIX}={declared} ({place.where}) makes Claude Code send {declared}. profiles for "
        f"the models it picks, which cannot be called from {region} (the region Claude Code uses): "
        f"Bedrock refuses every such request. {fix(place, REGION_PREFIX, None, s.shell)}",
    )


def _region_warning(
    s: Situation, name: str, value: str, place: Place, region: str, why: str
) -> Iterator[StatusWarning]:
    if _callable_from(value, region) is not False:
        return
    right = resolve.regional(value, "bedrock", {"AWS_REGION": region}) if _PROFILE.match(value) else None
    repair = (
        _fix(s, place, name, right)
        if right and right != value
        else f"Fix: pin an ID of {region}: `AWS_REGION={region} ccprofile models --provider bedrock` "
        "lists them."
    )
    yield StatusWarning(
        "bedrock-region",
        f"{name}={value} ({place.where}) cannot be called from {region} ({why}): Bedrock refuses "
        f"every request for it there. {repair}",
    )


def _rank(source: str) -> int:
    """A place's precedence: shell < user < project < local < managed."""
    return next((i for i, sources in enumerate(scopes.SOURCES.values()) if source in sources), -1)


def _scope_file(s: Situation, scope: str) -> Settings | None:
    source = scopes.SETTINGS_SOURCES.get(scope)
    return next((d for d in reversed(s.settings) if d.source == source), None)


def _holds(s: Situation, scope: str, name: str) -> bool:
    """Whether ``scope`` pins ``name`` at all (beaten or not)."""
    if scope == "shell":
        final = s.scan.final(name)
        return bool(final is not None and final.value) or bool(s.env.get(name))
    source = scopes.SETTINGS_SOURCES[scope]
    return any(d.source == source and (d.model if name == PRIMARY else d.env.get(name)) for d in s.settings)


def _drift_repair(drift: Drift, s: Situation, name: str, scope: str | None, wanted: str) -> str:
    """The one fix after which the expected model wins: following it never makes another drift."""
    model, variable = drift.model, drift.model.variable or ""
    target = scope or "project"
    unread = [d for d in s.unread if d.env.get(name) or (name == PRIMARY and d.model)]
    broken = _scope_file(s, target)
    if model.source == "default" and unread and target == "project":
        return f"Fix: start claude in {unread[0].path.parent.parent}, whose settings pin it."
    if broken is not None and broken.error and not _holds(s, target, name):
        return f"Fix: repair {broken.path} first ({broken.error})."
    # From a subdirectory, the project file Claude Code reads is the start directory's own.
    here = s.start if s.subdirectory and target == "project" else None
    pin = pin_fix(name, wanted, target, here)
    if model.source == "default":
        return pin
    origin = Origin(model.source, model.file)
    place = place_of(origin, variable, s.scan, s.ours)
    if scope is None or model.source in scopes.SOURCES[scope]:
        return _repair(place, variable, wanted, s)  # the right place, the wrong value
    removal = _repair(place, variable, None, s)
    if _rank(model.source) < _rank(scopes.SOURCES[target][0]):
        return pin  # a lower place shows only because the expected scope pins nothing
    if _holds(s, target, name):
        return removal  # the expected scope pins it, beaten from above
    return f"{pin[:-1]}, then {removal.removeprefix('Fix: ')}"  # pin, then clear what beats it


def _drift_warning(drift: Drift, s: Situation) -> StatusWarning:
    name = FAST if drift.kind == "background" else PRIMARY
    stated = f" ({drift.stated})" if drift.stated else ""
    expected = s.expected
    assert expected is not None, "a drift comes from an expectation"
    wanted = expected.background if drift.kind == "background" else expected.primary
    model = drift.model
    if model.source == "default":
        reads = "nothing it reads pins it" if s.unread else "nothing pins it, so Claude Code uses its default"
        got = f"{model.model}: {reads}"
    else:
        place = place_of(Origin(model.source, model.file), model.variable or "", s.scan, s.ours)
        got = f"{model.model}, set by {place.where}"
        if model.override is not None:
            got = (
                f"{model.model}, which modelOverrides in {model.override[1]} sends for {model.as_set} "
                f"set by {place.where}"
            )
    repair = _drift_repair(drift, s, name, expected.scope, wanted or model.model)
    return StatusWarning(
        "drift",
        f"Expected the {drift.kind} model {'from ' if drift.wrong_scope else ''}{drift.expected}{stated}, "
        f"but a claude started from {drift.where} uses {got}. {repair}",
    )


def _drifts(s: Situation) -> Iterator[StatusWarning]:
    if s.expected is None:
        return
    from ccprofile.claude.expectations import drifts  # only a check with expectations needs it

    fresh = s.shell is not None
    views = (
        ("background", s.models[0], s.models[2] if fresh else None),
        ("primary", s.models[1], s.models[3] if fresh else None),
    )
    for drift in drifts(s.expected, views):
        yield _drift_warning(drift, s)


def find_warnings(s: Situation) -> tuple[StatusWarning, ...]:
    found: list[StatusWarning] = [
        StatusWarning("invalid-settings", f"{d.path}: {d.error}") for d in s.settings if d.error
    ]
    found += [StatusWarning("startup-file", problem) for problem in s.scan.problems]
    for rule in (
        _crlf,
        _settings_overrides,
        _not_loaded,
        _stale,
        _shadowed,
        _fallback,
        _aliases,
        _retired,
        _wrong_provider,
        _unknown_model,
        _costly_background,
        _unverified_alias,
        _settings_pin_beaten,
        _unread,
        _drifts,
        _unmodelled,
        _restricted,
        _several_providers,
        _overridden,
        _bedrock_region,
    ):
        found += rule(s)
    return tuple(found)
