"""Warnings about the model IDs themselves: retired, unknown, for another provider, an
alias not resolved, a costly background, a fallback left unpinned, modelOverrides.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ccprofile.claude import bedrock_regions, fixes, resolve
from ccprofile.claude.catalog import KnownModel, cost_words, is_arn
from ccprofile.claude.fixes import Command, Fix
from ccprofile.claude.places import Place, place_of
from ccprofile.claude.providers import (
    BY_NAME,
    NAMED_BY_USER,
    OWN,
    TAKE_ARNS,
    switched_on,
)
from ccprofile.claude.resolve import Composed, Model, Origin
from ccprofile.claude.settings import Settings
from ccprofile.claude.variables import (
    API_KEY,
    AUTH_TOKEN,
    BACKGROUND,
    FAST,
    PINNED,
)
from ccprofile.claude.warnings.situation import Situation, StatusWarning, fix_at


def fallback(s: Situation) -> Iterator[StatusWarning]:
    background, primary = s.background_now, s.primary_now
    env = s.now.env
    # A pin a new terminal gets is a pin: this shell not having it yet is not-loaded's to say.
    pinned_fresh = s.shell is not None and s.background_new.selected
    provider = BY_NAME[s.provider]
    if background.selected or pinned_fresh or provider.background == OWN:
        return  # a provider with a small model of its own uses it: nothing falls back
    if provider.api_key_background is not None and resolve.sends_anthropic_key(env):
        yield StatusWarning(
            "unpinned-fallback",
            f"Nothing pins the background model; because ANTHROPIC_API_KEY is an Anthropic API key, "
            f"Claude Code sends titles and summaries through your gateway to {background.model}, "
            "which the gateway must serve.",
            (fixes.pin(FAST, None), " with an ID it serves"),
        )
        return
    known = s.catalog.model_of(background.model, s.provider)
    # The family, from the catalog: the default the provider falls back to is the catalog's.
    family = known.family.capitalize() if known is not None else background.model
    kind = "your primary model" if background.model == primary.model else family
    unseen_key = ""
    if provider.api_key_background is not None and not env.get(API_KEY) and not env.get(AUTH_TOKEN):
        # The key then comes from apiKeyHelper or a login, where ccprofile cannot look.
        unseen_key = (
            " (If the key Claude Code sends is an Anthropic API key, sk-ant-api..., it uses "
            f"{s.catalog.default_background[provider.api_key_background]} instead.)"
        )
    yield StatusWarning(
        "unpinned-fallback",
        f"Nothing pins the background model, so on {s.provider} Claude Code uses {kind} "
        f"({background.model}) for titles and summaries, at that model's price.{unseen_key}",
        (fixes.pin(FAST, None),),
    )


def _exact_for_alias(value: str, s: Situation) -> str | None:
    alias = s.catalog.aliases.get(value.lower())
    if alias is None or alias.model is None:
        return None
    return s.catalog.named(alias.model).id_for(s.provider)


def aliases(s: Situation) -> Iterator[StatusWarning]:
    for name, value, place in s.values(BACKGROUND):
        if value.lower() not in s.catalog.aliases:
            continue
        exact = _exact_for_alias(value, s)
        repair = fix_at(s, place, name, exact) if exact else ("pin an exact model ID there",)
        yield StatusWarning(
            "alias-not-resolved",
            f"{name}={value} ({place.where}) is an alias; Claude Code sends it verbatim and the API "
            "rejects it.",
            repair,
        )


def retired(s: Situation) -> Iterator[StatusWarning]:
    for name, value, place in s.values(PINNED):
        retired = s.catalog.retirement(value)
        if retired is None:
            continue
        newest = s.catalog.newest(retired.family, s.provider)
        right = newest.id_for(s.provider) if newest else None
        yield StatusWarning(
            "retired-model",
            f"{name}={value} ({place.where}) was {retired.describe()}; requests with it fail.",
            fix_at(s, place, name, right) if newest and right else fixes.NONE,
        )


def wrong_provider(s: Situation) -> Iterator[StatusWarning]:
    """An ID of another provider than the one each start talks to: this shell's values with
    this shell's provider, a new terminal's with a new terminal's where that is known to be
    another (a provider switched on in this shell alone)."""
    overrides, _ = resolve.overrides_in_force(s.settings)
    said: set[tuple[str, str, str]] = set()
    for composed, provider in ((s.fresh, s.provider_new or s.provider), (s.now, s.provider)):
        if BY_NAME[provider].serves_any_id:
            continue  # a gateway serves whatever IDs it chooses to
        for name, value, place in s.values(PINNED, (composed,)):
            matches = s.catalog.by_id(value)
            # An inference profile's ARN is an ID only a provider that takes ARNs resolves.
            arn = list(TAKE_ARNS) if not matches and is_arn(value) else []
            owners = sorted({owner for _, owner in matches}) or arn
            # A new terminal's: one problem per value and file (both background variables).
            key = (name if provider == s.provider else str(place.file), value, provider)
            if not owners or provider in owners or value in overrides or key in said:
                continue  # a key of modelOverrides is not sent as it is
            if BY_NAME[provider].translates_first_party and "anthropic" in owners:
                continue  # Mantle sends its own ID for a first-party one
            said.add(key)
            if arn:
                said_of = f"{name}={value} ({place.where}) is the ARN of a {', '.join(arn)} inference profile"
                repair: Fix = (f"{provider} takes no ARN: pin one of its model IDs",)
            else:
                said_of, repair = _of_another(
                    s, (name, value, place), matches[0][0], owners, provider, composed
                )
            if provider == s.provider:
                yield StatusWarning(
                    "wrong-provider-id",
                    f"{said_of}, but Claude Code talks to {provider}, which rejects it.",
                    repair,
                )
            else:
                yield _new_terminal_provider(s, said_of, provider, owners, repair)


def _of_another(
    s: Situation,
    pin: tuple[str, str, Place],
    model: KnownModel,
    owners: list[str],
    provider: str,
    composed: Composed,
) -> tuple[str, Fix]:
    """The words and the fix for ``model``'s ID of another provider than ``provider``."""
    name, value, place = pin
    right = model.id_for(provider)
    if right is not None:
        right = bedrock_regions.regional(right, provider, composed.env, s.aws_config_region)
    repair = fix_at(s, place, name, right) if right else (f"{model.name} has no {provider} ID",)
    return f"{name}={value} ({place.where}) is the {', '.join(owners)} ID of {model.name}", repair


def _new_terminal_provider(
    s: Situation, said_of: str, provider: str, owners: list[str], repair: Fix
) -> StatusWarning:
    switches = [variable for variable, on in switched_on(s.now.env) if on == s.provider]
    if s.provider in owners and switches and s.shell is not None:
        # The pin is right for this shell: what new terminals miss is the provider switch, and
        # where it goes as this shell has it and they do not (Bedrock's region, Vertex's project).
        setup = [v for v in BY_NAME[s.provider].setup if s.now.env.get(v)]
        missing = [switches[0], *(v for v in setup if s.fresh.env.get(v) != s.now.env[v])]
        lines = " and ".join(f"`{s.shell.syntax.assign(v, s.now.env[v])}`" for v in missing)
        repair = (
            f"turn {s.provider} on for new terminals too, as in this shell: {lines} in "
            f"{s.startup_file or 'a startup file'} (or in a settings file's env), with the "
            f"credentials this shell's {s.provider} uses",
        )
    why = f": {switches[0]} is set here, not by a startup file or settings" if switches else ""
    return StatusWarning(
        "new-terminal-provider",
        f"{said_of}, but a claude started from a new terminal talks to {provider}, which rejects "
        f"it. This shell's talks to {s.provider}{why}.",
        repair,
    )


def unknown_model(s: Situation) -> Iterator[StatusWarning]:
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
        repair = (
            fix_at(s, place, name, near[0]) if near else ("pin an ID from ", Command(fixes.MODELS), " there")
        )
        yield StatusWarning(
            "unknown-model",
            f"{name}={value} ({place.where}) is not an ID the catalog of Claude Code "
            f"{catalog.claude_code_version} knows for {s.provider}; Claude Code sends it as it is, "
            f"and the provider rejects an ID it does not serve.{meant}",
            repair,
        )


def costly_background(s: Situation) -> Iterator[StatusWarning]:
    """A pinned background model that is not a small one: every title and summary at its price."""
    small = s.catalog.recommended_background(s.provider)
    if small is None or small.price is None:
        return
    seen: set[str] = set()
    for model in (s.background_new, s.background_now) if s.shell is not None else (s.background_now,):
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
            f"every title and summary costs {cost_words(chosen, small)}.",
            fix_at(s, place, variable, small.id_for(s.provider) or ""),
        )


def unverified_alias(s: Situation) -> Iterator[StatusWarning]:
    primary = s.primary_now
    if primary.alias and not primary.alias_verified:
        yield StatusWarning(
            "unverified-alias",
            f"The primary model is the alias {primary.alias!r}; ccprofile shows {primary.model}, "
            "but what Claude Code makes of this alias was not verified. Pin an exact ID to be sure.",
        )


def override_words(model: Model, settings: Sequence[Settings]) -> tuple[str, Fix]:
    """Why ``model`` (rewritten by modelOverrides) is not the ID pinned, and the fix."""
    assert model.override is not None
    before, where, key = model.override
    managed = any(d.source == "managed-settings" and str(d.path) == where for d in settings)
    repair = (
        "that file is an administrator's: ask them if another ID is wanted"
        if managed
        else f'remove "{key}" from modelOverrides in {where} if {before} is what you want sent'
    )
    return f"modelOverrides in {where} maps {key} to it", (repair,)


def overridden(s: Situation) -> Iterator[StatusWarning]:
    """A pin that modelOverrides rewrites: Claude Code sends another ID than the one pinned."""
    said: set[tuple[str, str]] = set()
    for model in s.models:
        if model.override is None or not model.selected or model.variable is None:
            continue
        if (model.variable, model.model) in said:
            continue
        said.add((model.variable, model.model))
        place = place_of(Origin(model.source, model.file), model.variable, s.scan, s.ours)
        reason, repair = override_words(model, s.settings)
        yield StatusWarning(
            "pin-overridden",
            f"{model.variable} pins {model.as_set} ({place.where}), but Claude Code sends "
            f"{model.model}: {reason}.",
            repair,
        )
