"""Everything ccprofile prints for the writing commands: one place that talks to the terminal."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ccprofile.claude.effect import Shortfall
from ccprofile.claude.fixes import Fix
from ccprofile.claude.warnings import StatusWarning
from ccprofile.cli import wording
from ccprofile.cli.program import runnable
from ccprofile.machine.targets import Target
from ccprofile.startup.profile import FileChange


def tilde(path: Path, home: Path) -> str:
    """``~/.zshrc`` rather than ``/home/me/.zshrc``: shorter, and still pastes into every shell."""
    try:
        return "~/" + str(path.relative_to(home))
    except ValueError:
        return str(path)


def tilde_text(text: str, home: Path) -> str:
    """Every path under ``home`` in a message written as ``~/...``, as the tables show them; a
    quoted one as ``~/'...'``, since no shell expands a ~ inside quotes."""
    prefix = str(home).rstrip("/") + "/"
    if prefix == "/":
        return text
    return text.replace(f"'{prefix}", "~/'").replace(f'"{prefix}', '~/"').replace(prefix, "~/")


# A word, or a command in backticks with what sticks to it (`ccprofile set-model X`.).
_TOKENS = re.compile(r"[^\s`]*`[^`]*`\S*|\S+")


def wrap(text: str, width: int, indent: str = "") -> str:
    """``text`` wrapped at ``width``, except that a command in backticks is never broken: it
    moves whole to the next line, and one longer than a line stays one (the terminal shows it
    folded, and copying it gives the command back in one piece). Print with soft_wrap."""
    lines: list[str] = []
    for paragraph in text.split("\n"):  # a line break in the message stays one
        line = ""
        for token in _TOKENS.findall(paragraph):
            if line and len(indent) + len(line) + 1 + len(token) > width:
                lines.append(line)
                line = token
            else:
                line = f"{line} {token}" if line else token
        lines.append(line)
    return "\n".join(indent + each for each in lines)


def say(console: Console, text: str, style: str | None = None, *, indent: str = "", lead: str = "") -> None:
    """One message, wrapped to the terminal with every command in it whole (see ``wrap``).
    ``lead``: markup in front of the message (ending in a space), wrapped as its plain text."""
    lead_plain = Text.from_markup(lead).plain
    text = runnable(text)  # every command in a message as it can be typed here
    wrapped = wrap(lead_plain + text, console.width, indent)
    head = len(indent) + len(lead_plain)
    rest = wrapped[head:]
    if lead_plain and wrapped[head - 1 : head] == "\n":
        # The first word does not fit after the lead. One longer than a line (a whole command)
        # fits nowhere: it follows the lead, as it must anyway; else the message starts on the
        # next line, where it was wrapped to start.
        first = rest.removeprefix(indent).partition("\n")[0]
        if len(indent) + len(first) > console.width:
            rest = rest.removeprefix(indent)
        else:
            lead, rest = lead.rstrip(), "\n" + rest
    body = f"[{style}]{escape(rest)}[/{style}]" if style else escape(rest)
    console.print(f"{indent}{lead}{body}", highlight=False, soft_wrap=True)


def show_change(
    console: Console, change: FileChange, home: Path, *, what: str, why: str | None = None, pins: bool = True
) -> None:
    """What happened to the file; ``pins``: list the block's assignments after it."""
    shown = tilde(change.path, home)
    if why:
        console.print(f"[dim]Using {escape(shown)}: {escape(tilde_text(why, home))}.[/dim]")
    if change.real_path != change.path and not change.dry_run:
        console.print(f"[dim]{escape(shown)} is a link; writing to {escape(str(change.real_path))}.[/dim]")
    kept = bool(change.after or change.completion)
    if change.collapsed and kept:
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
    elif kept:
        verb = "Created" if change.created else "Updated"
        console.print(f"{verb} {escape(shown)}: it now {what}.")
        for line in change.exports if pins else ():
            console.print(f"  [green]{escape(line)}[/green]", highlight=False, soft_wrap=True)
    else:
        removed = "ccprofile's keys" if change.path.suffix == ".json" else "the ccprofile block"
        if change.collapsed:
            removed = (
                "both ccprofile blocks"
                if change.collapsed == 1
                else f"all {change.collapsed + 1} ccprofile blocks"
            )
        console.print(f"Updated {escape(shown)}: removed {removed}.")
    if change.changed and change.backup is not None:
        # Printed whole, never wrapped: it is a path to copy.
        saved = escape(tilde(change.backup, home))
        console.print(f"[dim]Previous version saved as {saved}[/dim]", soft_wrap=True)


def show_shell(console: Console, target: Target) -> None:
    """Which shell, and why: a zsh user running a bash setup script must see this line."""
    line = f"Shell: {target.shell.name}, {wording.shell_reason(target.shell_reason, target.path)}."
    if target.login_shell is not None:
        line += (
            f" Your login shell ($SHELL) is {target.login_shell.name}: "
            f"pass --shell {target.login_shell.name} to pin it there instead."
        )
    console.print(f"[dim]{escape(line)}[/dim]")


def show_shortfalls(
    console: Console, shortfalls: Sequence[Shortfall], dry_run: bool, home: Path, shell: str | None = None
) -> None:
    """Each shortfall, then its fix on a line of its own, as a warning's; ``shell``: as
    ``show_warnings``'s."""
    for shortfall in shortfalls:
        prefix = "Dry run: " if dry_run else ""  # the words hold either way (see effect.shortfalls)
        say(console, prefix + tilde_text(shortfall.message, home), "yellow")
        _show_fix(console, shortfall.fix, home, shell)


def show_warnings(
    console: Console, warnings: Sequence[StatusWarning], home: Path, shell: str | None = None
) -> None:
    """Each warning, then its fix on a line of its own; paths with ``~``, never wrapped inside.
    ``shell``: the shell the fixes' commands name (``wording.carried``)."""
    for warning in warnings:
        lead = f"[yellow]warning[/yellow] [bold]{warning.code}[/bold]: "
        say(console, tilde_text(warning.message, home), lead=lead)
        _show_fix(console, warning.fix, home, shell)


def _show_fix(console: Console, fix: Fix, home: Path, shell: str | None) -> None:
    if fix:
        said = tilde_text(f"{wording.words(fix, shell)}.", home)
        say(console, said, indent="  ", lead="[bold]Fix:[/bold] ")


def show_verified(console: Console, who: str, values: Mapping[str, str | None]) -> None:
    """``who``: the shell started, in words ("a new zsh", "a login bash")."""
    exported = ", ".join(f"{n}={v}" for n, v in values.items() if v is not None)
    unset = ", ".join(n for n, v in values.items() if v is None)
    parts = [f"exports {exported}" if exported else "", f"does not set {unset}" if unset else ""]
    said = " and ".join(part for part in parts if part)
    console.print(f"[green]Checked: {escape(who)} {escape(said)}.[/green]")


def show_verify_problem(console: Console, problem: str) -> None:
    say(console, f"Check failed: {problem}.", "yellow")


def show_note(console: Console, note: str) -> None:
    say(console, note, lead="[cyan]Note:[/cyan] ")


def fitting_table(
    console: Console,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    plain: Sequence[Sequence[str]],
    **options: Any,
) -> Table | None:
    """The table, if at this console's width it shows every word of ``plain`` whole; else None.

    rich shares a narrow width out by its own ratios and then cuts words (with …), so the widths
    are chosen here: each column gets its longest word, and what is left goes first to the columns
    that need little more to fit their lines. The table is then drawn once off screen and its
    words checked, so no layout rule of rich's can cut one. ``rows`` are ``plain`` with markup.
    """
    cells = [[name, *(row[index] for row in plain)] for index, name in enumerate(header)]
    least = [max(len(word) for cell in column for word in cell.split() or [""]) for column in cells]
    natural = [max(len(line) for cell in column for line in cell.splitlines() or [""]) for column in cells]
    room = console.width - 3 * len(header) - 1  # borders and one space of padding each side
    if sum(least) > room:
        return None
    # Water-filling: the columns that want least get all they want, the rest share equally.
    spare, widths = room - sum(least), list(least)
    wants = [n - m for n, m in zip(natural, least, strict=True)]
    for served, index in enumerate(sorted(range(len(header)), key=wants.__getitem__)):
        given = min(wants[index], spare // (len(header) - served))
        widths[index] += given
        spare -= given
    table = Table(**options)
    for name, width in zip(header, widths, strict=True):
        table.add_column(name, overflow="fold", width=width)
    for row in rows:
        table.add_row(*row)
    scratch = Console(width=console.width, file=io.StringIO(), color_system=None, emoji=False)
    scratch.print(table)
    drawn = scratch.file.getvalue()  # type: ignore[attr-defined]
    lines = [line.strip("│┃ ") for line in drawn.splitlines()]
    words = {word for row in plain for cell in row for word in cell.split()}
    shown = {word for line in lines for cell in re.split(r"[│┃]", line) for word in cell.split()}
    return table if words <= shown else None
