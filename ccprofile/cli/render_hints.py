"""What to run in this terminal after a write: the hints that follow a change (load the file,
drop what is left, tab completion), each command whole on its line; and the file to name where
the shell reads one ccprofile cannot work out."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape

from ccprofile.cli import wording
from ccprofile.cli.failures import NotTouched
from ccprofile.cli.program import runnable
from ccprofile.cli.render import say, tilde, wrap
from ccprofile.machine.targets import Target
from ccprofile.startup.profile import FileChange
from ccprofile.startup.shells import SHELLS


def say_then_run(console: Console, sentence: str, lead: str, command: str) -> None:
    """``sentence``, then ``lead`` ("For this terminal run:") and ``command`` in bold: on one
    line where all fit, else the sentence wrapped and the lead whole, the command on the
    lead's line or a line of its own, so that a triple click copies it."""
    width = console.width
    if len(sentence) + len(lead) + len(command) + 3 <= width:
        console.print(f"{escape(sentence)} {escape(lead)}  [bold]{escape(command)}[/bold]", soft_wrap=True)
        return
    console.print(escape(wrap(sentence, width)), soft_wrap=True)
    gap = "  " if len(lead) + 2 + len(command) <= width else "\n  "
    console.print(f"{escape(lead)}{gap}[bold]{escape(command)}[/bold]", soft_wrap=True)


def show_apply_hint(
    console: Console,
    change: FileChange,
    *,
    source_command: str,
    unset_command: str | None,
    effective: bool,
    who: str = "New terminals",
    another: str | None = None,
) -> None:
    """How to get the change into the terminal the user is typing in. ``who``: the terminals
    that pick it up (with what misses it, as said just above); ``another``: the shell the file
    is for, when the user types in another one (``--shell fish`` from zsh): loading it is for
    that shell's terminals, and ``unset_command`` is in this terminal's own syntax.

    A running shell keeps what it has: loading the file again cannot remove a variable, so a
    removal prints the command that drops it here.
    """
    if change.dry_run or not change.changed:
        return
    if change.exports:
        if effective:
            # Loading the file again keeps a removed pin this terminal holds: it is unset first.
            first = [unset_command] if unset_command and not another else []
            run = "; ".join([*first, source_command])
            lead = f"In a {another} terminal run:" if another else "For this terminal run:"
            say_then_run(console, f"{who} pick this up.", lead, run)
            console.print("or paste:", highlight=False)
            console.print(
                f"  {escape('; '.join([*first, *change.exports]))}", highlight=False, soft_wrap=True
            )
        if not (effective and another and unset_command):
            return  # else this terminal's own unset, which the load line for another shell left out
    if unset_command:
        say_then_run(
            console, "This terminal still has the old values.", "To drop them here run:", unset_command
        )
    elif effective:
        console.print("This terminal does not have them set; new terminals will not either.")
    else:  # something else still sets them for new terminals: said just above
        console.print("This terminal does not have them set.")


_ONCE_ON_PATH = " once they find ccprofile by name"


def show_completion_hint(
    console: Console,
    change: FileChange,
    shell: str,
    source_command: str,
    *,
    on_path: bool = True,
    reach: bool | None = True,
    file: str = "",
    ready: bool | None = True,
) -> None:
    """``reach``: whether a new terminal reads ``file``; ``ready``: whether a file it reads
    before the block runs what the completion needs (None: ccprofile cannot tell)."""
    if not on_path and change.completion:
        say(
            console,
            "ccprofile is not on your PATH, and Tab completes the command `ccprofile`: install it "
            "with pipx (see the README) so that new terminals find it by name.",
            "yellow",
        )
    if change.dry_run or not change.changed:
        return
    if change.completion:
        said = f"New {shell} terminals complete `ccprofile <Tab>`"
        if reach is None:
            said += f" if they read {file} (ccprofile cannot tell: `{runnable('ccprofile status')}` says why)"
        said += f"{_ONCE_ON_PATH if not on_path else ''}."
        needs = SHELLS[shell].completion_needs if shell in SHELLS else None
        if reach is False:
            said = f"New {shell} terminals do not read {file}: source it from a file they read to complete."
        elif ready is False and needs is not None:
            said = (
                f"New {shell} terminals do not complete `ccprofile <Tab>` yet: no file they read runs "
                f"{needs[0]} before the ccprofile block. Add `{needs[1]}` above it."
            )
        say_then_run(console, said, "For this terminal run:", source_command)
        note = SHELLS[shell].completion_note if shell in SHELLS and ready is None else ""
        if note:
            console.print(f"[dim]{escape(note)}[/dim]")
    else:
        console.print(
            f"Tab completion of `ccprofile` is out of {file}: new {shell} terminals no longer get it there."
        )


# What a removal of tab completion takes out, beside the pins' names.
COMPLETION = "completion"


def untouched_elsewhere(console: Console, target: Target, change: FileChange, takes: Sequence[str]) -> None:
    """Where the shell's lines hide the file it reads, this file having nothing to take out
    says nothing of that one; a removal (``takes``: the pins it takes out, and COMPLETION)
    fails where ccprofile's record has a block of the shell elsewhere that holds one of them
    (it may be there still, and a script must not read success)."""
    if not change.changed and target.unknowable is not None:
        from ccprofile.claude.ledger_view import places_now  # this rare case only

        shell = target.shell.name
        wrote = [
            tilde(place.path, target.home.path)
            for place in places_now(target.home)
            if place.kind == "shell" and place.label == shell and place.path != target.path
            if (place.holds or place.completion)
            and (
                not takes
                or any(n in takes for n, _ in place.holds)
                or (place.completion and COMPLETION in takes)
            )
        ]
        said = f"A ccprofile block in the file {shell} reads instead is not touched"
        if len(wrote) == 1:
            said += f". ccprofile's record has a {shell} block in {wrote[0]}: run this command again "
            said += f"with `--file {wording.path_word(wrote[0])}`"
        elif wrote:
            said += f". ccprofile's record has {shell} blocks in {', '.join(wrote)}: run this command "
            said += "again with --file naming each"
        else:
            said += ": name it with --file"
        said += ", or run `ccprofile uninstall --all`, which finds every file ccprofile wrote"
        if wrote and takes:
            raise NotTouched(said[0].lower() + said[1:])
        say(console, said + ".")
