"""A pin of ccprofile's in a settings file that something else beats: a higher settings file,
or ANTHROPIC_MODEL from the environment over a ``model`` key."""

from __future__ import annotations

from collections.abc import Iterator

from ccprofile.claude.places import place_of
from ccprofile.claude.resolve import Origin
from ccprofile.claude.variables import PRIMARY
from ccprofile.claude.warnings.situation import Situation, StatusWarning, fix_for


def settings_pin_beaten(s: Situation) -> Iterator[StatusWarning]:
    """A settings pin of ccprofile's that a higher settings file (or ANTHROPIC_MODEL) beats."""
    primary = s.primary_now
    for document in s.settings:
        for name, scope in s.ours.get(str(document.path), {}).items():
            if name == PRIMARY:
                beaten = primary.file != str(document.path) or primary.variable != "model"
                winner, variable, value = primary.model, primary.variable or "", document.model
                origin = Origin(primary.source, primary.file)
            else:
                # ccprofile's keys hold its value (pin_record.ours), so each is set, with an origin.
                origin = s.now.origins[name]
                value, winner, variable = document.env[name], s.now.env[name], name
                beaten = origin.file != str(document.path)
            if not beaten or winner == value:
                continue
            if scope == "user" and origin.source == "project-settings":
                continue  # a team's committed pin beating a personal one is the team's design
            place = place_of(origin, variable, s.scan, s.ours)
            key = "model" if name == PRIMARY else f"env.{name}"
            repair = fix_for(place, variable, None, s)
            yield StatusWarning(
                "settings-pin-beaten",
                f"{key}={value} in {document.path} (ccprofile's, scope {scope}) has no effect: "
                f"{place.where} sets {winner!r}, and that takes precedence.",
                repair,
            )
