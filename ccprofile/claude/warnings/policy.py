"""Warnings about the organisation's model policy (``availableModels``, managed
``deniedModels``): a model it replaced, a background it does not restrict.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from ccprofile.claude import fixes, resolve
from ccprofile.claude.fixes import Fix
from ccprofile.claude.settings import have_policy
from ccprofile.claude.variables import FAST, PRIMARY
from ccprofile.claude.warnings.situation import Situation, StatusWarning


def restricted(s: Situation) -> Iterator[StatusWarning]:
    """A model the organisation's policy (availableModels, managed deniedModels) replaces, and a
    background model the list does not stop."""
    if not have_policy(s.settings):
        return
    from ccprofile.claude import allowed  # only with a model policy: see settings.have_policy

    columns = [("from this shell", s.primary_now, s.now)]
    if s.shell is not None:
        columns.append(("from a new terminal", s.primary_new, s.fresh))
    # A chosen model the policy lets through is used: only without one is a default needed.
    stuck = [
        who
        for who, model, composed in columns
        if not (model.selected and model.restricted is None)
        and allowed.nothing_left(composed, s.settings, s.catalog, s.aws_config_region)
    ]
    yield from _primary_restricted(s, columns, stuck)
    if stuck:
        rules = allowed.policy(s.settings)
        listed = f" (availableModels in {', '.join(rules.list_files)})" if rules.list_files else ""
        yield StatusWarning(
            "no-model-left",
            f"deniedModels in {', '.join(rules.denied_files)} denies the default primary model, and no "
            "model Claude Code would step down to (the default's family, then each smaller one down to "
            f"haiku) is both allowed{listed} and not denied: Claude Code"
            f"{'' if len(stuck) == len(columns) else ' started ' + stuck[0]} does not start (it says "
            '"Claude Code can\'t start").',
            ("ask the administrator to allow one",),
        )
    yield from _background_restricted(s)
    for document in s.settings:
        if document.denied and document.source != allowed.MANAGED:
            yield StatusWarning(
                "invalid-settings",
                f"{document.path}: deniedModels counts only in managed settings; Claude Code ignores it "
                "here (and shows a Settings Warning when it starts).",
                ("remove it, or ask an administrator to set it in managed settings",),
            )


def _primary_restricted(
    s: Situation, columns: list[tuple[str, resolve.Model, resolve.Composed]], stuck: list[str]
) -> Iterator[StatusWarning]:
    """The primary model the policy replaces, once per refused model and column (not where
    Claude Code does not start: ``stuck``)."""
    from ccprofile.claude import allowed

    restricted = [(who, m, c) for who, m, c in columns if m.restricted is not None and who not in stuck]
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
        repair: Fix = (
            (f"unset it, or pin a model {key} in that file {'does not deny' if denied else 'allows'}",)
            if denied or suggested is None
            else ("pin a model the list allows, e.g. ", fixes.pin(PRIMARY, suggested), ", or unset it")
        )
        yield StatusWarning(
            "model-restricted",
            f"The primary model {refused} is not allowed by {key} in {where}: Claude Code{started} uses "
            f"{model.model} instead (it prints 'Model \"{refused}\" is restricted by your organization's "
            f"settings. Using {model.model} instead.').",
            repair,
        )


def _background_restricted(s: Situation) -> Iterator[StatusWarning]:
    """A background model managed deniedModels denies, or one availableModels does not stop."""
    from ccprofile.claude import allowed

    rules = allowed.policy(s.settings)
    overrides, _ = resolve.overrides_in_force(s.settings)
    shown = (s.background_new, s.background_now) if s.shell is not None else (s.background_now,)
    backgrounds = {m.model: m for m in shown}
    for background in backgrounds.values():
        if background.restricted is not None:
            yield StatusWarning(
                "background-denied",
                f"deniedModels in {background.restricted[1]} denies the background model "
                f"{background.restricted[0]}: Claude Code sends titles and summaries to the primary model "
                f"{background.model} instead, at its price.",
                (
                    "ask the administrator to allow a small model, or pin one they allow with ",
                    fixes.pin(FAST, None),
                ),
            )
        elif rules.available is not None and not allowed.allows(
            rules.available, background.model, s.catalog, overrides
        ):
            # A listed model by name (a small one first): with none, the pin would be the
            # recommended small model, which a list without it does not name either.
            composed = s.fresh if s.shell is not None else s.now
            small = _small_listed(s, rules.available, overrides)
            listed = small or allowed.first_allowed(composed, s.settings, s.catalog, s.aws_config_region)
            how = "pin one of them, e.g. " if listed is not None else "pin one of them with "
            big = ", which asks first: it is no small model" if listed is not None and small is None else ""
            yield StatusWarning(
                "background-not-restricted",
                f"availableModels in {', '.join(rules.list_files)} does not apply to the background model: "
                f"Claude Code still sends titles and summaries to {background.model}, which the list does "
                "not name (it restricts only the primary model).",
                (f"if only the listed models may be used, {how}", fixes.pin(FAST, listed), big),
            )


def _small_listed(s: Situation, available: Sequence[str], overrides: Mapping[str, str]) -> str | None:
    """A model of the small family the list names (or allows through the family's alias)."""
    from ccprofile.claude import allowed  # only with a model policy: see settings.have_policy

    family = s.catalog.small_family
    alias = resolve.resolve_alias(family, s.fresh.env, s.provider, s.catalog, s.aws_config_region)
    candidates = [alias[0]] if alias is not None else []
    candidates += [entry.strip() for entry in available]
    for model in candidates:
        # Any column's ID names its model: `claude-haiku-4-5`, the list's own spelling, too.
        known = s.catalog.model_of(model, s.provider) or next((m for m, _ in s.catalog.by_id(model)), None)
        small = known is not None and known.family == family
        if small and allowed.allows(available, model, s.catalog, overrides):
            return model
    return None
