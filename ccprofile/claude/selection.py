"""Turn what the user typed into the exact model ID to pin, or refuse it with the fix.

Claude Code sends the background model verbatim (shared/claude-code-models.md §2), so for
``set-fast-model`` aliases and friendly names become the provider's exact ID here. The
primary model's aliases are resolved by Claude Code itself and are kept as typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ccprofile.claude.catalog import Catalog, Model
from ccprofile.claude.validate import check_value
from ccprofile.errors import BadValue, ModelShapeError, UnknownModel

_BEDROCK_PREFIX = r"(?:(?:us|eu|apac|jp|au|global)\.)?"
_BEDROCK_REGION = re.compile(r"^(?:us|eu|apac|jp|au|global)\.")
# What an ID of each provider looks like (§4), for IDs newer than the catalog.
SHAPES = {
    "anthropic": (re.compile(r"claude-[a-z0-9-]+"), "claude-haiku-4-5-20251001"),
    "gateway": (re.compile(r".+"), "claude-haiku-4-5-20251001"),
    "bedrock": (
        re.compile(
            _BEDROCK_PREFIX + r"anthropic\.claude-[a-z0-9.-]+(?::\d+)?"
            r"|arn:aws[a-z-]*:bedrock:[a-z0-9-]+:\d{12}:[a-z-]+/[A-Za-z0-9._:/-]+"
        ),
        "us.anthropic.claude-haiku-4-5-20251001-v1:0",
    ),
    "vertex": (re.compile(r"claude-[a-z0-9-]+(?:@\d{8})?"), "claude-haiku-4-5@20251001"),
    "foundry": (re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*"), "claude-haiku-4-5"),
}


@dataclass(frozen=True)
class Selection:
    value: str
    note: str | None = None
    known: bool = True  # False: not in the catalog, accepted on its shape alone


def _suggest(catalog: Catalog, family: str, provider: str) -> str:
    model = catalog.newest(family, provider)
    return f"; use {model.id_for(provider)} ({model.name}) instead" if model else ""


def _exact(catalog: Catalog, value: str, provider: str) -> Selection | None:
    """A catalog ID: accept it for its provider, refuse it with the right one for another."""
    matches = catalog.by_id(value)
    if not matches and provider == "bedrock":
        # The catalog lists the us. inference profile; eu., apac., ... name the same model.
        bare = _BEDROCK_REGION.sub("", value)
        known = {_BEDROCK_REGION.sub("", m.id_for("bedrock") or ""): m for m in catalog.models}
        if bare in known and known[bare].id_for("bedrock"):
            return Selection(value)
    if not matches:
        return None
    if any(p == provider for _, p in matches) or provider == "gateway":
        return Selection(value)
    model: Model = matches[0][0]
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
            f"{value} is a family name, not an ID (Claude Code would send it as is); "
            f"pinned the newest {model.family}: {chosen} ({model.name})",
        )
    if value in catalog.aliases and not background:
        return Selection(value, f"{value} is an alias; Claude Code resolves it when it starts")
    return Selection(value, known=False)


def choose(
    value: str,
    provider: str,
    catalog: Catalog,
    *,
    background: bool,
    strict: bool = False,
    force: bool = False,
) -> Selection:
    """The value to pin for ``provider``, or a BadValue that says what to use instead."""
    # A friendly name unless it is already this provider's exact ID: `claude-haiku-4-5` is
    # Foundry's ID for Haiku 4.5 and, anywhere else, a name for it.
    own_id = any(p == provider for _, p in catalog.by_id(value))
    named = None if force or own_id else catalog.by_name(value)
    if named is not None:
        chosen = named.id_for(provider)
        if not chosen:
            raise BadValue(f"{named.name} has no {provider} model ID in the catalog; give an exact ID")
        return Selection(chosen, f"{value!r} is {named.name}: pinned {chosen}")
    check_value(value)
    if force:
        return Selection(value, "written as given, without checking the catalog", known=False)
    selection = _catalog_choice(catalog, value, provider, background=background)
    if selection.known:
        return selection
    shape, example = SHAPES[provider]
    if shape.fullmatch(value) is None:
        raise ModelShapeError(
            f"{value!r} does not look like a model ID for {provider} (for example {example})"
        )
    note = f"{value} is not in the model catalog of Claude Code {catalog.claude_code_version}"
    if strict:
        raise UnknownModel(note)
    return Selection(value, note + "; pinned as given", known=False)
