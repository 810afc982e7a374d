"""Everything ccprofile prints for the writing commands: one place that talks to the terminal."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.markup import escape

from ccprofile.startup.profile import Change


def tilde(path: Path, home: Path) -> str:
    """``~/.zshrc`` rather than ``/home/me/.zshrc``: shorter, and still pastes into every shell."""
    try:
        return "~/" + str(path.relative_to(home))
    except ValueError:
        return str(path)


def _paste_line(change: Change) -> str:
    return "; ".join(change.exports)


def show_change(console: Console, change: Change, home: Path, *, what: str, why: str | None = None) -> None:
    shown = tilde(change.path, home)
    if why:
        console.print(f"[dim]Using {escape(shown)}: {escape(why)}.[/dim]")
    if change.real_path != change.path and not change.dry_run:
        console.print(f"[dim]{escape(shown)} is a link; writing to {escape(str(change.real_path))}.[/dim]")
    if change.collapsed:
        console.print(
            f"[yellow]{escape(shown)} had {change.collapsed + 1} ccprofile blocks; kept the first "
            "and removed the duplicates.[/yellow]"
        )
    if change.dry_run:
        if change.changed:
            console.print(escape(change.diff), end="", highlight=False, soft_wrap=True)
            console.print(f"[bold]Dry run:[/bold] {escape(shown)} was not changed.")
        else:
            console.print(f"Dry run: {escape(shown)} is already up to date; nothing would change.")
        return
    if not change.changed:
        console.print(f"{escape(shown)} already {what}; nothing changed.")
    elif change.deleted:
        console.print(f"Removed {escape(shown)}: ccprofile had created it and nothing else was in it.")
    elif change.after:
        verb = "Created" if change.created else "Updated"
        console.print(f"{verb} {escape(shown)}: it now {what}.")
        for line in change.exports:
            console.print(f"  [green]{escape(line)}[/green]", highlight=False)
    else:
        console.print(f"Updated {escape(shown)}: removed the ccprofile block.")
    if change.changed and change.backup is not None:
        console.print(f"[dim]Previous version saved as {escape(str(change.backup))}[/dim]")


def show_apply_hint(console: Console, change: Change, source_command: str) -> None:
    """How to get the change into the terminal the user is typing in."""
    if change.dry_run or not change.changed:
        return
    console.print(
        f"New terminals pick this up. For this terminal run:  [bold]{escape(source_command)}[/bold]"
    )
    if change.exports:
        console.print("or paste:", highlight=False)
        console.print(f"  {escape(_paste_line(change))}", highlight=False, soft_wrap=True)
    else:
        console.print(
            "A running terminal keeps the variables it has; open a new one to drop them.",
            highlight=False,
        )


def show_note(console: Console, note: str) -> None:
    console.print(f"[cyan]Note:[/cyan] {escape(note)}", highlight=False)
