"""Turn what the user typed into the exact model ID to pin, or refuse it with the fix.

Claude Code sends the background model verbatim (docs/status.md, "Background model"), so for
``set-fast-model`` aliases and friendly names become the provider's exact ID here. The
primary model's aliases are resolved by Claude Code itself and are kept as typed. An ID the
catalog does not know for the provider is refused with the closest ones it does know: a typo
pinned is a request the API rejects, every time, with nothing to say why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ccprofile.claude.catalog import Catalog, KnownModel, is_arn
from ccprofile.claude.providers import BY_NAME, REGIONAL, TABLE
from ccprofile.claude.validate import check_value
from ccprofile.errors import BadValue, ModelShapeError, UnknownModel

# What an ID of each provider looks like (docs/providers.md), for IDs newer than the catalog, and one of them.
SHAPES = {p.name: (re.compile(p.id_shape), p.example) for p in TABLE}


@dataclass(frozen=True)
class Selection:
    value: str
    note: str | None = None
    known: bool = True  # False: not in the catalog (forced, an ARN, or a gateway's own name)
    model: KnownModel | None = None  # the catalog's model, when the value is one of its IDs


def closest(value: str, provider: str, catalog: Catalog) -> list[str]:
    """The provider's catalog IDs nearest to ``value`` (a typo's likely meaning), each compared
    as its ID and as its name (``claude-sonet-4-5`` is near Sonnet 4.5, not Sonnet 5): the
    best, and any as near as it; none when nothing is near."""
    import difflib  # only a refusal or a warning about an unknown ID pays for it

    def score(form: str) -> float:
        return difflib.SequenceMatcher(None, value.lower(), form.lower()).ratio()

    scored: dict[str, float] = {}
    any_id = BY_NAME[provider].serves_any_id
    for model in catalog.models:
        # A gateway's own column, else the first-party ID a gateway most often passes through.
        model_id = model.id_for(provider) or (model.id_for("anthropic") if any_id else None)
        if model_id:
            scored[model_id] = max(score(model_id), score(f"claude-{model.key}"))
    best = max(scored.values(), default=0.0)
    ranked = sorted(scored.items(), key=lambda item: -item[1])
    near = [i for i, s in ranked if s >= max(0.75, best - 0.02)][:3]
    region = REGIONAL.match(value)
    if BY_NAME[provider].prefixes and region:  # the catalog lists us.; the user's geography is kept
        near = [REGIONAL.sub(region.group(0), i) for i in near]
    return near


def did_you_mean(value: str, provider: str, catalog: Catalog) -> str:
    near = closest(value, provider, catalog)
    return f" (did you mean {' or '.join(near)}?)" if near else ""


def _suggest(catalog: Catalog, family: str, provider: str) -> str:
    model = catalog.newest(family, provider)
    return f"; use {model.id_for(provider)} ({model.name}) instead" if model else ""


def _exact(catalog: Catalog, value: str, provider: str) -> Selection | None:
    """A catalog ID: accept it for its provider, refuse it with the right one for another."""
    model = catalog.model_of(value, provider)
    if model is not None:
        return Selection(value, model=model)
    matches = catalog.by_id(value)
    if not matches:
        return None
    model = matches[0][0]
    right = model.id_for(provider)
    owners = " and ".join(sorted({p for _, p in matches}))
    hint = f"; on {provider} use {right}" if right else f"; {model.name} has no {provider} ID"
    raise BadValue(f"{value!r} is {model.name}'s ID on {owners}, not on {provider}{hint}")


def _catalog_choice(catalog: Catalog, value: str, provider: str, *, background: bool) -> Selection:
    retired = catalog.retirement(value)
    if retired is not None:
        raise BadValue(f"{value} was {retired.describe()}{_suggest(catalog, retired.family, provider)}")
    exact = _exact(catalog, value, provider)
    if exact is not None:
        return exact
    if value.lower() in catalog.families and background:
        model = catalog.newest(value.lower(), provider)
        if model is None:
            raise BadValue(f"no {value} model is known for {provider}; give an exact model ID")
        chosen = model.id_for(provider) or ""
        return Selection(
            chosen,
            f"{value} is a family name, not an ID (Claude Code would send it as is): "
            f"the newest {model.family} is {chosen} ({model.name})",
            model=model,
        )
    if value in catalog.aliases and not background:
        return Selection(value, f"{value} is an alias; Claude Code resolves it when it starts")
    if BY_NAME[provider].arns and is_arn(value):
        return Selection(
            value,
            "an inference profile ARN: ccprofile cannot check which model it points to "
            "(`aws bedrock get-inference-profile` shows it)",
            known=False,
        )
    return Selection(value, known=False)


def _named(value: str, provider: str, catalog: Catalog) -> Selection | None:
    """A friendly name (``haiku-4.5``, ``Haiku 4.5``), unless it is already an ID the provider
    takes as typed: ``claude-haiku-4-5`` is Foundry's ID for Haiku 4.5 and, on a gateway, a
    name the gateway was set up to serve; anywhere else it names Haiku 4.5."""
    if catalog.model_of(value, provider) is not None:
        return None
    named = catalog.by_name(value)
    if named is None:
        return None
    chosen = named.id_for(provider)
    if not chosen:
        raise BadValue(f"{named.name} has no {provider} model ID in the catalog; give an exact ID")
    return Selection(chosen, f"{value!r} is {named.name}, whose {provider} ID is {chosen}", model=named)


def _unknown(value: str, provider: str, catalog: Catalog) -> str:
    """Why an ID is refused: not one the catalog knows for the provider, and what is near it."""
    near = did_you_mean(value, provider, catalog)
    if BY_NAME[provider].serves_any_id:
        return (
            f"{value!r} is not a model ID in the catalog of Claude Code {catalog.claude_code_version}"
            f"{near} (a gateway serves the names it is set up with, which only it knows)"
        )
    return (
        f"{value!r} is not an ID the catalog of Claude Code {catalog.claude_code_version} "
        f"knows for {provider}{near}"
    )


def choose(
    value: str,
    provider: str,
    catalog: Catalog,
    *,
    background: bool,
    force: bool = False,
    accept_unknown: bool = False,
    prefix: str | None = None,
) -> Selection:
    """``prefix``: Bedrock's cross-region prefix for the user's region (``eu``): a name or a
    family becomes that geography's ID, as Claude Code's own picks do; an ID typed is kept."""
    if BY_NAME[provider].translates_first_party and not force:
        model = next((m for m in catalog.models if m.ids.get("first_party") == value), None)
        own = model.id_for(provider) if model is not None else None
        if model is not None and own:
            said = f"{value} is {model.name}, whose {provider} ID is {own} (what Claude Code sends for it)"
            return Selection(own, said, model=model)
    try:
        chosen = _choose(
            value, provider, catalog, background=background, force=force, accept_unknown=accept_unknown
        )
    except BadValue as error:
        if BY_NAME[provider].prefixes and prefix is not None:
            # The IDs it suggests, for the user's region; the value typed is quoted as typed.
            typed = repr(value)
            said = str(error).replace(typed, "\0").replace("us.anthropic.", f"{prefix}.anthropic.")
            error.args = (said.replace("\0", typed),)
        raise
    if not BY_NAME[provider].prefixes or prefix is None or chosen.value == value or chosen.model is None:
        return chosen
    from ccprofile.claude.bedrock_regions import with_prefix

    regional_id = with_prefix(chosen.value, prefix)
    note = chosen.note.replace(chosen.value, regional_id) if chosen.note else None
    return Selection(regional_id, note, chosen.known, chosen.model)


def _choose(
    value: str,
    provider: str,
    catalog: Catalog,
    *,
    background: bool,
    force: bool = False,
    accept_unknown: bool = False,
) -> Selection:
    """The value to pin for ``provider``, or a BadValue that says what to use instead.
    ``force``: skip the refusals (an unknown, retired or other provider's ID is taken as
    typed), but still read a name or a family, which taken as typed no provider serves;
    ``accept_unknown``: let an ID the catalog does not know pass with a note (a gateway's
    expected name, a Foundry deployment: names only they know)."""
    shape, example = SHAPES[provider]
    if not force or shape.fullmatch(value) is None:
        named = _named(value, provider, catalog)
        if named is not None:
            return named
    check_value(value)
    if force and background and value.lower() in catalog.families:
        return _catalog_choice(catalog, value.lower(), provider, background=True)
    if force:
        model = catalog.model_of(value, provider)
        note = None if model is not None else "taken as typed, without checking the catalog"
        return Selection(value, note, known=model is not None, model=model)
    selection = _catalog_choice(catalog, value, provider, background=background)
    if selection.known or selection.note:
        return selection
    if shape.fullmatch(value) is None:
        raise ModelShapeError(
            f"{value!r} does not look like a model ID for {provider} (for example {example})"
            f"{did_you_mean(value, provider, catalog)}"
        )
    deployment = BY_NAME[provider].deployment
    if deployment is not None:  # a deployment's name is the user's own, chosen with the provider
        note = f"{value} is taken as the name of your {deployment}, which the catalog cannot check"
        return Selection(value, note, known=False)
    if accept_unknown:
        note = f"{value} is not in the model catalog of Claude Code {catalog.claude_code_version}"
        return Selection(value, note + "; taken as given", known=False)
    raise UnknownModel(_unknown(value, provider, catalog))
