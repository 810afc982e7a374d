"""A new terminal's shell, started as a login or a non-login shell, and what each one misses.

Terminal emulators on Linux start non-login shells; tmux's default, ssh and macOS terminals
start login shells, which read other files (bash: ~/.bash_profile and not ~/.bashrc). Status
predicts both; this module words the difference, and the uncertainty a static reading leaves,
as warnings with one fix each.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ccprofile.claude import fixes
from ccprofile.claude.fixes import Command, Fix
from ccprofile.claude.resolve import Model
from ccprofile.claude.variables import PIN_OF_KIND
from ccprofile.startup.home_snapshot import FromEnv, Home, Unknowable, unknowable
from ccprofile.startup.scanned import Scan, Unended, Unseen
from ccprofile.startup.shell_words import sources_named
from ccprofile.startup.shells import Shell, shell_for_file

LOGIN, NON_LOGIN = "login", "non-login"

# A pin to move: the command that pins its value, and how it comes out of the file it is in.
Move = tuple[Command, Fix]


def terminal_is_login(platform: str) -> bool:
    """Whether a new terminal on ``platform`` starts a login shell: macOS's Terminal and iTerm2
    do, and Git Bash (mintty) on Windows."""
    return platform in ("darwin", "win32")


def start_of(login: bool) -> str:
    return LOGIN if login else NON_LOGIN


def other(start: str) -> str:
    """The start that is not ``start``."""
    return NON_LOGIN if start == LOGIN else LOGIN


# A shell typed into a terminal inherits that terminal's exported pins, whatever it reads:
# only shells started without them (ssh, an app, a tmux server started elsewhere) are named.
_TERMINAL_WORDS = {"darwin": "a new terminal on macOS", "win32": "a new Git Bash terminal"}


def described(shell: str, start: str, platform: str) -> str:
    """Which shells a start is, in a user's words."""
    terminal = _TERMINAL_WORDS.get(platform) if terminal_is_login(platform) else None
    if start == LOGIN:
        first = f"{terminal}, " if terminal else ""
        return f"a login {shell} ({first}ssh; tmux or `{shell} -l` started where the pin is not set)"
    if terminal:
        return f"a non-login {shell} an app starts (some IDE terminals)"
    return f"a non-login {shell} (a new terminal window or tab)"


def unread(
    shell: Shell, home: Home, pinned: Path, other: Scan, text: str, move: Move | None = None
) -> tuple[str, Fix]:
    """Why the other start does not read ``pinned``, and the fix: the one line that makes it.
    ``text`` is ``pinned``'s (empty when unknown): a line it sources the fix's file with would
    make the two files source each other. ``move``: the command that pins the value and how it
    comes out of ``pinned``, where the pin is there itself: a file only one start reads then
    gets a move to the file both read, not a line that sources it."""
    shown = _tilde(pinned, home)
    line = _source_line(shell, shown, other)
    entries = shell.reads(home, other.login)
    unknown = unknowable(entries)
    if unknown is not None:  # the file may be one the shell reads from where ccprofile cannot see
        return _cannot_tell(shell.name, shown, unknown, home)
    first = next((e for e in entries if isinstance(e, Path)), None)
    if first is None and entries and isinstance(entries[0], FromEnv):
        if entries[0].default is None:
            return _no_env_file(entries[0].variable, shell.path_word(shown))
        first = entries[0].default  # ksh93's ~/.kshrc, where ENV is not set
    owner = shell_for_file(pinned)
    if move and owner not in (None, shell):
        # Sourcing another shell's file runs its lines here (bash's `shopt` in zsh, at every
        # start): the pin belongs in this shell's own file.
        assert owner is not None
        return _foreign(shell, home, other, (shown, owner.name), move[0])
    if shell.name == "bash" and other.login and not other.files:
        none = "it reads ~/.bash_profile (or ~/.bash_login, ~/.profile), and there is none"
        return none, (f"create ~/.bash_profile with the line `{line}`",)
    target = other.files[0] if other.files else first
    if target is None:  # every supported shell reads at least one file
        return (f"it does not read {shown}", fixes.NONE)
    where = _tilde(target, home)
    if sources_named(text, target.name):
        # The one line would make each file source the other: every new shell would loop.
        return f"{where} does not source {shown}", _move_into_its_source(shown, where)
    if not other.certain:
        # Some line could not be followed: it may be the one that sources the file.
        return (
            f"ccprofile finds no line that sources {shown}, though it cannot follow every line",
            (f"add `{line}` to {where} (", Command(fixes.PROBE), " shows what a new shell really exports)"),
        )
    main = shell.startup_file(home)
    if move and _read_by_both(shell, home, main) and pinned in shell.reads(home, not other.login):
        # A file of one start only (~/.zprofile): sourcing it from ~/.zshrc would run a login
        # file in every shell, twice in a login one. Out first, so that no step in between
        # says the pin left behind beats the other.
        pin, removal = move
        reason = f"only a {start_of(not other.login)} {shell.name} reads {shown}"
        return reason, (*removal, ", then ", _pin_in(pin, main, home), ", which both starts read")
    return (f"{where} does not source {shown}", (f"add `{line}` to {where}",))


def _no_env_file(variable: str, shown: str) -> tuple[str, Fix]:
    return (
        f"it reads no startup file unless ${variable} names one, and {variable} is not set",
        (f"export {variable}={shown} in the environment your terminals start with",),
    )


def _move_into_its_source(shown: str, where: str) -> Fix:
    """The pin moved from ``shown`` into ``where``, the file that sources it already."""
    return (
        f"move the pin to {where}, which {shown} sources already: ",
        Command(fixes.UNINSTALL, file=shown),
        ", then the same pin again with ",
        Command(fixes.PIN_IN, file=where),
    )


def _source_line(shell: Shell, shown: str, other: Scan) -> str:
    """The line that makes the start ``other`` read ``shown``."""
    word = shell.path_word(shown)
    line = f"[ -f {word} ] && . {word}" if shell.syntax.name == "posix" else shell.apply_hint(shown)
    if shell.name == "bash" and other.files and other.files[0].name == ".profile":
        # ~/.profile is read by sh, dash and ksh too, which cannot read bash's files.
        line = f'[ -n "$BASH_VERSION" ] && {line}'
    return line


def _foreign(shell: Shell, home: Home, other: Scan, pinned: tuple[str, str], pin: Command) -> tuple[str, Fix]:
    """A pin written to ``pinned``, (shown, owner): another shell's file, which this start does
    not read: the fix pins in this shell's own file, made read where this start does not (a
    login bash's ~/.bash_profile that does not source ~/.bashrc; fish and csh read theirs at
    every start)."""
    shown, owner = pinned
    main = shell.startup_file(home)
    reason = f"{shell.name} does not read {shown}, {owner}'s file"
    here = _pin_in(pin, main, home)
    if main in shell.reads(home, other.login) or main in other.files:
        return reason, (here, f", which {shell.name} reads")
    line = _source_line(shell, _tilde(main, home), other)
    if other.files:
        return reason, (here, f", then add `{line}` to {_tilde(other.files[0], home)}")
    if shell.name == "bash" and other.login:
        return reason, (here, f", then create ~/.bash_profile with the line `{line}`")
    return reason, fixes.NONE


def _pin_in(pin: Command, path: Path, home: Home) -> Command:
    """``pin`` written to ``path`` by name: whichever shell the user types it in."""
    return Command(fixes.PIN, pin.variable, pin.value, file=_tilde(path, home))


def _read_by_both(shell: Shell, home: Home, path: Path) -> bool:
    return all(path in shell.reads(home, login) for login in (False, True))


def move_above(stop: Unseen) -> str:
    """The fix for a ccprofile block below ``stop`` in its file, which ccprofile keeps updating
    wherever it is; a here-document gets its end line (above it may be inside a function)."""
    where = f"line {stop.line} of {stop.path}"
    if isinstance(stop, Unended):
        return f"end the here-document on {where}: add a line `{stop.word}` where its text ends"
    return f"move the ccprofile block above {where}"


def _cannot_tell(shell: str, shown: str, unknown: Unknowable, home: Home) -> tuple[str, Fix]:
    return (
        f"ccprofile cannot tell whether {shell} reads {shown}: line {unknown.line} of "
        f"{_tilde(unknown.path, home)} {unknown.why}",
        (Command(fixes.PROBE), " shows what a new shell really exports"),
    )


def _tilde(path: Path, home: Home) -> str:
    try:
        return "~/" + str(path.relative_to(home.path))
    except ValueError:
        return str(path)


def difference(
    kind: str,
    shell: Shell,
    home: Home,
    terminal: Model,
    other: Model,
    mine: Scan,
    theirs: Scan,
    platform: str,
) -> tuple[str, Fix] | None:
    """The warning's words when the other start gets another ``kind`` model, else None."""
    if terminal.model == other.model:
        return None
    who = described(shell.name, start_of(theirs.login), platform)
    said = (
        f"{who} gets {other.model} for the {kind} model ({_source(other, home)}), where a new terminal "
        f"gets {terminal.model} ({_source(terminal, home)})"
    )
    pinned = _file_of(terminal)
    if pinned is not None and pinned not in theirs.files:
        top = _to_source(shell, home, pinned, mine, theirs)
        pin = fixes.pin(PIN_OF_KIND[kind], terminal.alias or terminal.as_set)
        move = (pin, _removal(mine, terminal, pinned, home, kind)) if top == pinned else None
        reason, repair = unread(shell, home, top, theirs, mine.texts.get(top, ""), move)
        return f"{said}: {reason}.", repair
    theirs_only = _file_of(other)
    if theirs_only is not None and theirs_only not in mine.files:
        found = _pin_where_both_read(kind, shell, home, other, (mine, theirs), theirs_only)
        if found is not None:
            return f"{said}: {found[0]}.", found[1]
    return f"{said}.", fixes.NONE


def _to_source(shell: Shell, home: Home, pinned: Path, mine: Scan, theirs: Scan) -> Path:
    """The file the fix makes the other start read, for a pin in ``pinned`` it does not: for a
    login start, the file the terminal's shell reads itself that leads to the pin (~/.bashrc
    from ~/.bash_profile); for a non-login one the pin's own file, where a login file leads to
    it: sourcing ~/.zprofile would run a login file in every shell."""
    if not theirs.login:
        return pinned
    own = [e for e in shell.reads(home, False) if isinstance(e, Path) and e in mine.files]
    return next((p for p in own if p not in theirs.files), pinned)


def _pin_where_both_read(
    kind: str, shell: Shell, home: Home, other: Model, scans: tuple[Scan, Scan], held: Path
) -> tuple[str, Fix] | None:
    """For a pin only the other start's file ``held`` holds (~/.zprofile): which of the two the
    user wants is theirs to say, so the fix offers both, the pin where both starts read first;
    None where the shell has no file both starts read. ``scans``: this start's and theirs; a
    file both read what they source too (~/.bashrc from a ~/.bash_profile that sources it)."""
    mine, theirs = scans
    target = shell.startup_file(home)
    if not (_read_by_both(shell, home, target) or (target in mine.files and target in theirs.files)):
        return None
    return (
        f"a new terminal does not read {_tilde(held, home)}",
        (
            fixes.pin(PIN_OF_KIND[kind], other.alias or other.as_set),
            f" pins it in {_tilde(target, home)}, which both read; or, to drop it, ",
            *_removal(theirs, other, held, home, kind),
        ),
    )


def _removal(scan: Scan, model: Model, held: Path, home: Home, kind: str) -> Fix:
    """How the pin ``model`` comes from comes out of ``held``: from ccprofile's block (its
    other pins stay), or its line."""
    block = scan.pinned(model.variable or "")
    if block is not None and block.path == held:
        return (unpin_in(kind, held, home),)
    return (f"delete line {(model.file or '').rpartition(':')[2]} of {_tilde(held, home)}",)


def unpin_in(kind: str, path: Path, home: Home) -> Command:
    """The ``kind`` pin taken out of ccprofile's block in ``path``, named by its file."""
    return Command(fixes.UNPIN, PIN_OF_KIND[kind], file=_tilde(path, home))


def _file_of(model: Model) -> Path | None:
    """The startup file a model's value comes from, or None."""
    return Path(model.file.rpartition(":")[0]) if model.source == "profile" and model.file else None


def _source(model: Model, home: Home) -> str:
    if model.source == "default":
        return "Claude Code's default"
    if model.file:  # a startup file's line ("FILE:LINE") or a settings file
        return _tilde(Path(model.file), home)
    return model.source


def unseen_words(unseen: Sequence[tuple[str, Unseen]], home: Home, *, both: bool) -> list[str]:
    """Each line status could not follow, as ``~/.zshrc:12 runs eval``; ``both``: the shell
    was read as a login and a non-login shell, so a line only one of them reads says which."""
    found: dict[tuple[Path, int, str], set[str]] = {}
    for start, item in unseen:
        found.setdefault((item.path, item.line, item.reason), set()).add(start)
    words = []
    for (path, line, reason), seen_by in found.items():
        where = _tilde(path, home) + (f":{line}" if line else "")
        only = f" ({next(iter(seen_by))} shells only)" if both and len(seen_by) == 1 else ""
        words.append(f"{where} {reason}{only}")
    return words
