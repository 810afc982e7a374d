"""What ``ccprofile list`` prints: one short record per file, every path whole."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from ccprofile.claude.ledger_view import AS_WRITTEN, CHANGED, DELETED, PlaceNow
from ccprofile.claude.settings_keys import shown_key
from ccprofile.cli.render import tilde, wrap

_STATES = {
    AS_WRITTEN: "as ccprofile left it",
    CHANGED: "changed since ccprofile's last change",
    DELETED: "deleted since ccprofile's last change",
}


def show_places(console: Console, rows: Sequence[PlaceNow], home: Path) -> None:
    if not rows:
        console.print("ccprofile has changed no file (its ledger is empty, and no file holds its pins).")
        return
    for row in rows:
        what = {"shell": f"{row.label} block", "git-ignore": "git's global ignore file"}.get(
            row.kind, f"{row.label} settings"
        )
        console.print(f"[bold]{escape(tilde(row.path, home))}[/bold] ({escape(what)})", soft_wrap=True)
        # A settings file's pin by its key there: `model` is not env.ANTHROPIC_MODEL, which beats it.
        key = shown_key if row.kind == "settings" else str
        pins = [value if name == "rule" else f"{key(name)}={value}" for name, value in row.holds] + (
            ["tab completion"] if row.completion else []
        )
        holds = f"holds: {', '.join(pins) if pins else 'nothing now'}"
        console.print(escape(wrap(holds, console.width, "  ")), soft_wrap=True)
        if row.last_command is None:
            console.print(
                "  not in ccprofile's ledger (written before ccprofile kept one): `undo` cannot rewind it"
            )
            continue
        count = f"{row.changes} change{'s' * (row.changes > 1)}"
        when = (row.last_time or "").replace("T", " ")[:16]
        state = f"{_STATES[row.state]}; {count}, the last `{row.last_command}` at {when} UTC"
        console.print(escape(wrap(state, console.width, "  ")), soft_wrap=True)
        folder = tilde(row.backup_dir, home) if row.backup_dir else "-"
        saved = f"{row.backups} in {escape(folder)}" if row.backups else "none kept"
        console.print(f"  backups: {saved}", soft_wrap=True)
