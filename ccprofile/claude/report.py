"""The status report as a value: each model Claude Code will send, where it comes from, and
the warnings; ``cli/`` renders it as the table or as JSON (``--json``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ccprofile.claude import starts
from ccprofile.claude.places import Ours, pinned_scope
from ccprofile.claude.resolve import Layer, Model
from ccprofile.claude.warnings import StatusWarning
from ccprofile.startup.scanned import Unseen

# Only annotations name these; importing them would cost status time for nothing.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ccprofile.claude import alias_targets, launchers
    from ccprofile.claude.expectations import Expected
    from ccprofile.claude.projects import Project


BLIND_SPOTS = (
    "ccprofile cannot see `claude --model`, `/model` inside a session, `claude --settings`, "
    "or MDM/configuration profiles; any of them overrides what is shown here."
)


@dataclass(frozen=True)
class View:
    """One model as Claude Code resolves it from this shell and from a new terminal."""

    now: Model
    new_shell: Model | None  # None: no shell, so nothing to say about a new terminal
    layers: tuple[Layer, ...]
    other: Model | None = None  # the other start (login on Linux), when its shell reads other files
    # What could decide the model, highest precedence first (see ``candidates``): from this
    # shell, and from a new terminal (None: no shell).
    ranked_now: tuple[Layer, ...] = ()
    ranked_new: tuple[Layer, ...] | None = None


@dataclass(frozen=True)
class Report:
    provider: str
    shell: str | None  # None: no shell could be determined (shell_reason says why)
    startup_file: Path | None
    background: View
    primary: View
    warnings: tuple[StatusWarning, ...]
    notes: tuple[str, ...] = field(default=(BLIND_SPOTS,))
    shell_reason: str = ""  # why this shell (machine/detect's reasons); without one, why not
    claude: dict[str, str | None] = field(default_factory=dict)
    # The notes without which the table would claim too much; the rest hold for every report.
    table_notes: tuple[str, ...] = ()
    ours: Ours = field(default_factory=dict)  # settings keys that hold ccprofile's pins
    expected: Expected | None = None  # the pins the project expects, as exact IDs
    project: Project | None = None
    terminal_start: str = starts.NON_LOGIN  # the start of a new terminal's shell on this platform
    unseen: tuple[tuple[str, Unseen], ...] = ()  # (start, line) a static reading could not follow
    probed: bool = False  # --probe started the shells: what they export is known
    launched: tuple[launchers.LauncherView, ...] = ()  # macOS and Windows: the other ways claude starts
    subagents: View | None = None  # general-purpose subagents (custom ones without `model:`)
    aliases: tuple[alias_targets.AliasTarget, ...] = ()  # what each alias sends, from this shell
    fallback: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())  # the primary's fallbacks, and their files
    provider_new: str | None = None  # a new terminal's provider, when it is another than this shell's

    @property
    def certain(self) -> bool:
        """Whether the new-terminal prediction rests on every line its files run."""
        return not self.unseen_in(self.terminal_start)

    def scope_of(self, model: Model) -> str | None:
        """The scope a settings value was pinned with, when the key is ccprofile's."""
        return pinned_scope(self.ours, model.file, model.variable)

    def unseen_in(self, start: str) -> bool:
        return not self.probed and any(s == start for s, _ in self.unseen)
