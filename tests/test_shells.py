"""Shells as data: quoting per syntax, startup-file rules per shell and platform."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ccprofile.cli.failures import describe
from ccprofile.errors import BadValue
from ccprofile.startup.home_snapshot import FromEnv, Home, Unknowable
from ccprofile.startup.homes import read_home
from ccprofile.startup.shell_files import zdotdir, zdotdir_unknown
from ccprofile.startup.shells import SHELLS, get_shell, known_files, shell_for_file
from ccprofile.startup.syntax import CSH, FISH, POSIX, PWSH, SYNTAXES, Syntax, parse_any


@pytest.mark.parametrize(
    ("syntax", "line"),
    [
        pytest.param(POSIX, "export X='claude-haiku-4-5'", id="posix"),
        pytest.param(FISH, "set -gx X 'claude-haiku-4-5'", id="fish"),
        pytest.param(CSH, "setenv X 'claude-haiku-4-5'", id="csh"),
        pytest.param(PWSH, "$env:X = 'claude-haiku-4-5'", id="pwsh"),
    ],
)
def test_assignment_lines(syntax: Syntax, line: str) -> None:
    assert syntax.assign("X", "claude-haiku-4-5") == line


@pytest.mark.parametrize(
    ("syntax", "value", "line"),
    [
        pytest.param(POSIX, "it's", "export X='it'\\''s'", id="posix-quote"),
        pytest.param(FISH, "a\\b'c", "set -gx X 'a\\\\b\\'c'", id="fish-backslash-quote"),
        pytest.param(CSH, "a!b", "setenv X 'a\\!b'", id="csh-history-bang"),
        pytest.param(PWSH, "it's", "$env:X = 'it''s'", id="pwsh-doubled-quote"),
    ],
)
def test_quoting_of_awkward_values(syntax: Syntax, value: str, line: str) -> None:
    assert syntax.assign("X", value) == line


@given(
    st.sampled_from(SYNTAXES), st.text(alphabet=st.characters(blacklist_characters="\n\r\x00"), max_size=30)
)
def test_property_every_syntax_reads_back_what_it_writes(syntax: Syntax, value: str) -> None:
    statement = syntax.parse(syntax.assign("ANTHROPIC_MODEL", value))
    assert statement is not None and statement.value is not None
    assert (statement.name, statement.value.value) == ("ANTHROPIC_MODEL", value)


@pytest.mark.parametrize(
    ("line", "name", "value", "dynamic"),
    [
        pytest.param('export A="x y"  # note', "A", "x y", False, id="posix-double"),
        pytest.param("A=plain", "A", "plain", False, id="posix-plain"),
        pytest.param('export A="$HOME/x"', "A", "$HOME/x", True, id="posix-dynamic"),
        pytest.param("unset A", "A", None, False, id="posix-unset"),
        pytest.param("set -x -g A v", "A", "v", False, id="fish-split-flags"),
        pytest.param("set -e A", "A", None, False, id="fish-erase"),
        pytest.param("unsetenv A", "A", None, False, id="csh-unsetenv"),
    ],
)
def test_hand_written_forms_are_read(line: str, name: str, value: str | None, dynamic: bool) -> None:
    statement = parse_any(line)
    assert statement is not None and statement.name == name
    if value is None:
        assert statement.value is None
    else:
        assert statement.value is not None
        assert (statement.value.value, statement.value.dynamic) == (value, dynamic)


def _home(tmp: Path, platform: str = "linux", **env: str) -> Home:
    """The snapshot as commands take it: read from the disk at the edge, once."""
    return read_home({"HOME": str(tmp), **env}, platform)


def test_path_rules_read_only_the_snapshot_never_the_disk(tmp_path: Path) -> None:
    """The records are pure: what exists is what the snapshot says, whatever is on disk."""
    home = tmp_path / "nowhere"  # does not exist at all
    snapshot = Home(
        home,
        {"HOME": str(home)},
        "darwin",
        existing=frozenset({home / ".profile", home / ".cshrc"}),
        texts={home / ".zshenv": 'export ZDOTDIR="$HOME/z"\n'},
        listings={home / ".config" / "fish" / "conf.d": ("b.fish", "a.fish", "notes.txt")},
    )
    assert SHELLS["bash"].startup_file(snapshot) == home / ".profile"
    assert SHELLS["tcsh"].startup_file(snapshot) == home / ".cshrc"
    assert SHELLS["zsh"].startup_file(snapshot) == home / "z" / ".zshrc"
    assert SHELLS["zsh"].why(snapshot) == f"ZDOTDIR is set to {home / 'z'} in {home / '.zshenv'}"
    conf_d = home / ".config" / "fish" / "conf.d"
    assert (
        SHELLS["fish"].reads(snapshot, False)
        == SHELLS["fish"].reads(snapshot, True)
        == [
            conf_d / "a.fish",
            conf_d / "b.fish",
            home / ".config/fish/config.fish",
        ]
    )


@pytest.mark.parametrize(
    ("shell", "expected"),
    [
        ("zsh", ".zshrc"),
        ("bash", ".bashrc"),
        ("fish", ".config/fish/conf.d/ccprofile.fish"),
        ("sh", ".profile"),
        ("dash", ".profile"),
        ("ksh", ".kshrc"),
        ("tcsh", ".tcshrc"),
        ("csh", ".tcshrc"),
        ("pwsh", ".config/powershell/Microsoft.PowerShell_profile.ps1"),
    ],
)
def test_startup_files_on_linux(home: Path, shell: str, expected: str) -> None:
    assert SHELLS[shell].startup_file(_home(home)) == home / expected


def test_zdotdir_from_the_environment(home: Path) -> None:
    assert SHELLS["zsh"].startup_file(_home(home, ZDOTDIR=str(home / "z"))) == home / "z" / ".zshrc"


@pytest.mark.parametrize(
    "line",
    [
        'export ZDOTDIR="$HOME/.config/zsh"',
        "ZDOTDIR=~/.config/zsh",
        'export ZDOTDIR="${XDG_CONFIG_HOME:-$HOME/.config}/zsh"',
        # A value that cannot be worked out before it leaves the later lines read.
        "export HOST=$(hostname)\nexport ZDOTDIR=~/.config/zsh",
    ],
)
def test_zdotdir_set_only_inside_zshenv(home: Path, line: str) -> None:
    (home / ".zshenv").write_text(f"# mine\n{line}\n")
    assert zdotdir(_home(home)) == home / ".config" / "zsh"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('ZDOTDIR="${${(%):-%x}:A:h}"\n', 1),  # a dotfiles repository's: this file's folder
        ("export ZDOTDIR=~/.config/zsh\nexport ZDOTDIR=$(brew --prefix)/zsh\n", 2),  # the last one
        ("D=$(dirname ~/x)\nZDOTDIR=$D/zsh\n", 2),  # through a variable that cannot be worked out
        ("typeset -gx ZDOTDIR=~/dots\n", 1),  # a form the line reader does not take apart
        ("[[ -d ~/dots ]] && ZDOTDIR=~/dots\n", 1),  # under a condition
        ("# ZDOTDIR=~/dots\ntrue  # ZDOTDIR=~/dots # old\n", None),  # comments
        ("export ZDOTDIR=$(brew --prefix)/zsh\nexport ZDOTDIR=~/.config/zsh\n", None),  # known last
        ("export ZDOTDIR=~/.config/zsh\n", None),
        ("", None),
    ],
)
def test_zsh_files_in_a_folder_ccprofile_cannot_work_out_are_not_guessed(
    home: Path, text: str, line: int | None
) -> None:
    (home / ".zshenv").write_text(text)
    snapshot = _home(home)
    unknown = zdotdir_unknown(snapshot)
    reads = SHELLS["zsh"].reads(snapshot, False)
    if line is None:
        assert unknown is None and all(isinstance(entry, Path) for entry in reads)
        return
    assert unknown == Unknowable(
        home / ".zshenv",
        line,
        "ZDOTDIR",
        "sets ZDOTDIR to a value ccprofile cannot work out, and zsh reads its other startup files there",
    )
    assert reads == [home / ".zshenv", unknown]
    assert SHELLS["zsh"].why(snapshot) == (
        f"ccprofile cannot tell which .zshrc zsh reads: line {line} of {home}/.zshenv {unknown.why}"
    )
    # Exported, it is known: zsh reads .zshenv from there too.
    exported = _home(home, ZDOTDIR=str(home / "z"))
    assert zdotdir_unknown(exported) is None
    assert SHELLS["zsh"].reads(exported, True)[0] == home / "z" / ".zshenv"


def test_zdotdir_that_cannot_be_evaluated_falls_back_to_home(home: Path) -> None:
    (home / ".zshenv").write_text('export ZDOTDIR="$(brew --prefix)/zsh"\n')
    assert zdotdir(_home(home)) == home


@pytest.mark.parametrize(
    ("existing", "expected"),
    [
        pytest.param([], ".bash_profile", id="none-creates-bash_profile"),
        pytest.param([".profile"], ".profile", id="profile-only-never-shadowed"),
        pytest.param([".bash_login", ".profile"], ".bash_login", id="bash_login-first"),
        pytest.param([".bash_profile", ".profile"], ".bash_profile", id="bash_profile-wins"),
    ],
)
def test_bash_on_macos_uses_the_login_file(home: Path, existing: list[str], expected: str) -> None:
    for name in existing:
        (home / name).write_text("# x\n")
    assert SHELLS["bash"].startup_file(_home(home, "darwin")) == home / expected


def test_bash_on_macos_uses_bashrc_where_the_login_file_on_disk_sources_it(home: Path) -> None:
    """The login file's text is read from the disk on macOS (where it decides the file), so a
    .bash_profile that sources ~/.bashrc makes ~/.bashrc the file both starts read."""
    (home / ".bash_profile").write_text("[ -f ~/.bashrc ] && . ~/.bashrc\n")
    assert SHELLS["bash"].startup_file(_home(home, "darwin")) == home / ".bashrc"


def test_tcsh_uses_an_existing_cshrc(home: Path) -> None:
    (home / ".cshrc").write_text("set x\n")
    assert SHELLS["tcsh"].startup_file(_home(home)) == home / ".cshrc"


def test_fish_respects_xdg_config_home(home: Path) -> None:
    path = SHELLS["fish"].startup_file(_home(home, XDG_CONFIG_HOME=str(home / "cfg")))
    assert path == home / "cfg" / "fish" / "conf.d" / "ccprofile.fish"


def test_pwsh_on_windows(home: Path) -> None:
    expected = home / "Documents" / "PowerShell" / "Microsoft.PowerShell_profile.ps1"
    assert SHELLS["pwsh"].startup_file(_home(home, "win32")) == expected


@pytest.mark.parametrize(
    ("name", "shell"), [("-zsh", "zsh"), ("mksh", "ksh"), ("powershell.exe", "powershell"), ("BASH", "bash")]
)
def test_shell_names_and_aliases(name: str, shell: str) -> None:
    assert get_shell(name).name == shell


def test_unknown_shell_lists_the_supported_ones() -> None:
    with pytest.raises(BadValue, match=r"unsupported shell 'nu': supported are bash, csh, .*zsh$") as refused:
        get_shell("nu")
    # The list is the answer; "pass --shell NAME" to a user who just did would be no help.
    assert describe(refused.value) == (str(refused.value), 2)


def test_a_hint_quotes_a_path_outside_home_whole_and_keeps_home_unquoted() -> None:
    assert SHELLS["bash"].apply_hint("/tmp/One Drive/p$x") == "source '/tmp/One Drive/p$x'"
    assert SHELLS["bash"].apply_hint("~/One Drive/p") == "source ~/'One Drive/p'"
    assert SHELLS["sh"].apply_hint("/h/plain.sh") == ". /h/plain.sh"
    # PowerShell expands $HOME in double quotes, where a backtick escapes ` " and $.
    assert SHELLS["pwsh"].apply_hint('~/a `b"$c') == '. "$HOME/a ``b`"`$c"'
    assert SHELLS["pwsh"].apply_hint("/tmp/One Drive/p$x") == ". '/tmp/One Drive/p$x'"


def test_a_path_word_is_one_word_of_each_shells_line() -> None:
    """What a fix writes into a line (`[ -f W ] && . W`, `export ENV=W`): plain as it is, a
    folder a variable names expanded (in POSIX shells) or refused where unset, ~/ outside quotes."""
    assert SHELLS["sh"].path_word("~/.kshrc") == "~/.kshrc"
    assert SHELLS["sh"].path_word("~/my dots/kshenv") == "~/'my dots/kshenv'"
    assert SHELLS["zsh"].path_word("$ZDOTDIR/.zshrc") == '"${ZDOTDIR:?}"/.zshrc'
    assert SHELLS["fish"].path_word("$ZDOTDIR/.zshrc") == "'$ZDOTDIR/.zshrc'"
    assert SHELLS["tcsh"].path_word("~/a b") == "~/'a b'"
    assert SHELLS["pwsh"].path_word("~/a b") == '"$HOME/a b"'
    assert SHELLS["pwsh"].path_word("/a b") == "'/a b'"


def test_a_file_belongs_to_a_shell_by_its_name_or_its_own_suffix() -> None:
    assert shell_for_file(Path("/h/.zshrc")) is SHELLS["zsh"]
    assert shell_for_file(Path("/h/.config/fish/conf.d/env.fish")) is SHELLS["fish"]
    assert shell_for_file(Path("/h/notes.txt")) is None
    assert shell_for_file(Path("/h/.bashrc")) is SHELLS["bash"]


def test_known_files_are_every_file_a_shell_reads_in_either_start(tmp_path: Path) -> None:
    """What uninstall and the ledger look through: the login files too (~/.zprofile), the
    file $ENV names as ~/.profile sets it, and on macOS bash's ~/.bashrc beside its login file."""
    home = tmp_path / "h"
    profile = home / ".profile"
    text = "# ENV from a variable the file sets first\nD=$HOME/rc\nENV=$D/.shrc; export ENV\n"
    linux = Home(home, {"HOME": str(home)}, "linux", frozenset({profile}), {profile: text})
    found = known_files(linux)
    wanted = {home / ".zprofile", home / ".zlogin", home / "rc" / ".shrc", home / ".kshrc", home / ".login"}
    assert wanted <= set(found)
    assert len(found) == len(set(found))
    assert home / ".bashrc" in known_files(Home(home, {"HOME": str(home)}, "darwin"))


_H = Path("/h")


def _snapshot(
    platform: str = "linux",
    env: dict[str, str] | None = None,
    texts: dict[Path, str] | None = None,
    documents: Path | None = None,
    listings: dict[Path, tuple[str, ...]] | None = None,
) -> Home:
    texts = texts or {}
    return Home(
        _H, {"HOME": "/h", **(env or {})}, platform, frozenset(texts), texts, listings or {}, documents
    )


_CONF_D = _H / ".config/fish/conf.d"
_ONEDRIVE = _H / "OneDrive/Documents/PowerShell"


@pytest.mark.parametrize(
    ("shell", "snapshot", "file", "why", "reads", "login_reads"),
    [
        (
            "zsh",
            _snapshot(env={"ZDOTDIR": "/h/z"}),
            "/h/z/.zshrc",
            None,  # exported: the user set it where they know
            ["/h/z/.zshenv", "/h/z/.zshrc"],
            ["/h/z/.zshenv", "/h/z/.zprofile", "/h/z/.zshrc", "/h/z/.zlogin"],
        ),
        (
            "zsh",
            _snapshot(texts={_H / ".zshenv": "export ZDOTDIR=$HOME/z\n"}),
            "/h/z/.zshrc",
            "ZDOTDIR is set to /h/z in /h/.zshenv",
            ["/h/.zshenv", "/h/z/.zshrc"],  # .zshenv is read before ZDOTDIR is known
            ["/h/.zshenv", "/h/z/.zprofile", "/h/z/.zshrc", "/h/z/.zlogin"],
        ),
        (
            "bash",
            _snapshot("darwin", texts={_H / ".bash_login": "[ -f ~/.bashrc ] && . ~/.bashrc\n"}),
            "/h/.bashrc",
            "macOS Terminal starts login shells, which read .bash_login, and it sources .bashrc, which "
            "non-login shells read too",
            ["/h/.bashrc"],
            ["/h/.bash_login"],
        ),
        (
            "bash",
            _snapshot("darwin", texts={_H / ".profile": "export PATH=$PATH\n"}),
            "/h/.profile",
            "macOS Terminal starts login shells, which read .profile (the first of .bash_profile, "
            ".bash_login, .profile) and not .bashrc",
            ["/h/.bashrc"],
            ["/h/.profile"],
        ),
        (
            "sh",
            _snapshot(env={"ENV": "$HOME/.shrc"}),
            "/h/.shrc",
            "an interactive shell reads the file ENV names, /h/.shrc",
            ["ENV"],
            ["/h/.profile", "ENV"],
        ),
        ("sh", _snapshot(env={"ENV": "shrc"}), "/h/.profile", None, ["ENV"], ["/h/.profile", "ENV"]),
        (
            "ksh",
            _snapshot(),
            "/h/.kshrc",
            "an interactive ksh reads ~/.kshrc (ENV is not set), a login one ~/.profile first",
            ["ENV or /h/.kshrc"],
            ["/h/.profile", "ENV or /h/.kshrc"],
        ),
        (
            "ksh",
            _snapshot(env={"ENV": "/h/.kshenv"}),
            "/h/.kshenv",
            "an interactive shell reads the file ENV names, /h/.kshenv",
            ["ENV or /h/.kshrc"],
            ["/h/.profile", "ENV or /h/.kshrc"],
        ),
        (
            "pwsh",
            _snapshot("win32", documents=_H / "OneDrive/Documents"),
            f"{_ONEDRIVE}/Microsoft.PowerShell_profile.ps1",
            "your Documents folder is /h/OneDrive/Documents (the registry's User Shell Folders say so)",
            [f"{_ONEDRIVE}/profile.ps1", f"{_ONEDRIVE}/Microsoft.PowerShell_profile.ps1"],
            [f"{_ONEDRIVE}/profile.ps1", f"{_ONEDRIVE}/Microsoft.PowerShell_profile.ps1"],
        ),
        (
            "powershell",
            _snapshot("win32", documents=_H / "Documents"),
            "/h/Documents/WindowsPowerShell/Microsoft.PowerShell_profile.ps1",
            None,
            [
                "/h/Documents/WindowsPowerShell/profile.ps1",
                "/h/Documents/WindowsPowerShell/Microsoft.PowerShell_profile.ps1",
            ],
            [
                "/h/Documents/WindowsPowerShell/profile.ps1",
                "/h/Documents/WindowsPowerShell/Microsoft.PowerShell_profile.ps1",
            ],
        ),
        (
            "fish",
            _snapshot(listings={_CONF_D: ("b.fish", "a.fish", "notes.txt")}),
            f"{_CONF_D}/ccprofile.fish",
            None,
            [f"{_CONF_D}/a.fish", f"{_CONF_D}/b.fish", "/h/.config/fish/config.fish"],
            [f"{_CONF_D}/a.fish", f"{_CONF_D}/b.fish", "/h/.config/fish/config.fish"],
        ),
    ],
)
def test_each_shell_says_which_file_it_pins_why_and_what_each_start_reads(
    shell: str, snapshot: Home, file: str, why: str | None, reads: list[str], login_reads: list[str]
) -> None:
    def shown(entries: Sequence[Path | FromEnv]) -> list[str]:
        return [
            str(e) if isinstance(e, Path) else e.variable + (f" or {e.default}" if e.default else "")
            for e in entries
        ]

    record = SHELLS[shell]
    assert (str(record.startup_file(snapshot)), record.why(snapshot)) == (file, why)
    assert (shown(record.reads(snapshot, False)), shown(record.reads(snapshot, True))) == (reads, login_reads)
