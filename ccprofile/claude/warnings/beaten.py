"""A pin of ccprofile's in a settings file that something else beats: a higher settings file,
or ANTHROPIC_MODEL from the environment over a ``model`` key."""

from __future__ import annotations

from collections.abc import Iterator

from ccprofile.claude import fixes
from ccprofile.claude.places import Place, place_of
from ccprofile.claude.resolve import Composed, Model, Origin
from ccprofile.claude.settings import Settings
from ccprofile.claude.variables import PRIMARY
from ccprofile.claude.warnings.situation import Situation, StatusWarning, fix_for


def settings_pin_beaten(s: Situation) -> Iterator[StatusWarning]:
    """A settings pin of ccprofile's that a higher settings file (or ANTHROPIC_MODEL) beats,
    in this shell or in a new terminal (one fix for each place that beats it)."""
    columns = [(s.primary_now, s.now, "this shell")]
    if s.shell is not None:
        columns.append((s.primary_new, s.fresh, "a new terminal"))
    for document in s.settings:
        for name, scope in s.ours.get(str(document.path), {}).items():
            value = document.model if name == PRIMARY else document.env[name]
            found: dict[str, tuple[Place, str, str, str]] = {}
            beaten = 0  # the claudes it is beaten in
            for primary, composed, who in columns:
                beating = _beating(primary, composed, document, name)
                if beating is None or beating[2] == value:
                    continue
                origin, variable, winner = beating
                if scope == "user" and origin.source == "project-settings":
                    continue  # a team's committed pin beating a personal one is the team's design
                place = place_of(origin, variable, s.scan, s.ours)
                found.setdefault(place.where, (place, variable, winner, who))
                beaten += 1
            if not found:
                continue
            key = "model" if name == PRIMARY else f"env.{name}"
            everywhere = len(found) == 1 and beaten == len(columns)  # one place, in every claude
            said = [
                f"{p.where} sets {w!r}" + ("" if everywhere else f" for {who}")
                for p, _, w, who in found.values()
            ]
            repair = fixes.then(*(fix_for(p, v, None, s) for p, v, _, _ in reversed(found.values())))
            yield StatusWarning(
                "settings-pin-beaten",
                f"{key}={value} in {document.path} (ccprofile's, scope {scope}) has no effect: "
                f"{'; '.join(said)}, and that takes precedence.",
                repair,
            )


def _beating(
    primary: Model, composed: Composed, document: Settings, name: str
) -> tuple[Origin, str, str] | None:
    """What beats ``document``'s pin of ``name`` in one claude: (origin, variable, value)."""
    if name == PRIMARY:
        beaten = primary.file != str(document.path) or primary.variable != "model"
        return (
            (Origin(primary.source, primary.file), primary.variable or "", primary.model) if beaten else None
        )
    # ccprofile's keys hold its value (pin_record.ours), so each is set, with an origin.
    origin = composed.origins[name]
    return (origin, name, composed.env[name]) if origin.file != str(document.path) else None
