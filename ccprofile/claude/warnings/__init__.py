"""The plain-language warnings of ``ccprofile status``, each with one fix at the right place.

Codes are part of the JSON contract: settings-override, not-loaded, shadowed,
unpinned-fallback, alias-not-resolved, retired-model, invalid-settings, unverified-alias,
startup-file, stale-in-this-shell, wrong-provider-id, crlf-startup-file, settings-pin-beaten,
project-settings-not-read, drift, unknown-model, costly-background, new-terminal-provider.
"""

from __future__ import annotations

from ccprofile.claude.warnings.beaten import settings_pin_beaten
from ccprofile.claude.warnings.drift import drifts
from ccprofile.claude.warnings.models import (
    aliases,
    costly_background,
    fallback,
    overridden,
    override_words,
    retired,
    unknown_model,
    unverified_alias,
    wrong_provider,
)
from ccprofile.claude.warnings.overrides import (
    crlf,
    not_loaded,
    settings_overrides,
    several_providers,
    shadowed,
    stale,
    unmodelled,
    unread,
)
from ccprofile.claude.warnings.policy import restricted
from ccprofile.claude.warnings.regions import bedrock_region
from ccprofile.claude.warnings.situation import Situation, StatusWarning

__all__ = ["Situation", "StatusWarning", "find_warnings", "override_words"]


def find_warnings(s: Situation) -> tuple[StatusWarning, ...]:
    found: list[StatusWarning] = [
        StatusWarning("invalid-settings", f"{d.path}: {d.error}") for d in s.settings if d.error
    ]
    found += [StatusWarning("startup-file", problem) for problem in s.scan.problems]
    for rule in (
        crlf,
        settings_overrides,
        not_loaded,
        stale,
        shadowed,
        fallback,
        aliases,
        retired,
        wrong_provider,
        unknown_model,
        costly_background,
        unverified_alias,
        settings_pin_beaten,
        unread,
        drifts,
        unmodelled,
        restricted,
        several_providers,
        overridden,
        bedrock_region,
    ):
        found += rule(s)
    return tuple(found)
