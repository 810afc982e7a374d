"""Status's reading of startup files against the real shells, on generated homes.

Each home is a set of startup files that source each other through every idiom status
follows (``.``/``source`` with ``~``, ``$HOME``, a variable set earlier, file tests, loops over
a directory), and some it cannot (``eval``, a command's output, a variable it cannot know),
with exports and removals of the pinned variables before and after. For each home the real
shell is started as a login and as a non-login interactive shell, and what it exports must
equal status's prediction, unless status said the prediction is uncertain.

The figures (homes, disagreements, uncertain share) are printed at the end of the run and
recorded in docs/reliability.md; pytest prints them at the end of its report.
``CCPROFILE_DIFFERENTIAL_HOMES`` sets the number of homes
per shell (100 by default: 600 in all).
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccprofile.machine.probe import start_new_shell
from ccprofile.startup.homes import read_home
from ccprofile.startup.scan import scan
from ccprofile.startup.shells import SHELLS
from tests.conftest import require_program

VARIABLES = ("ANTHROPIC_SMALL_FAST_MODEL", "ANTHROPIC_DEFAULT_HAIKU_MODEL", "ANTHROPIC_MODEL")
HOMES = int(os.environ.get("CCPROFILE_DIFFERENTIAL_HOMES", "100"))
TALLY: Counter[str] = Counter()


@dataclass(frozen=True)
class Kind:
    """How one shell's startup files are written, for the generator."""

    shell: str
    roots: tuple[str, ...]  # the files the shell reads itself, in an order that never cycles
    ext: str
    export: str
    unset: str
    sources: tuple[str, ...]  # {p}: a path under the home
    loops: tuple[str, ...]  # over ~/.rc.d/*{ext}
    opaque: tuple[str, ...]  # what status cannot follow
    variable: str  # a plain assignment of D, which a source may then use: {d}
    through_variable: str  # a source through $D: {p} relative to D
    noise: tuple[str, ...] = ("# a comment", "alias ll='ls -l'")  # lines that set nothing watched


_POSIX_SOURCES = (
    ". ~/{p}",
    '. "$HOME/{p}"',
    "[ -f ~/{p} ] && . ~/{p}",
    '[ -r "$HOME/{p}" ] && . "$HOME/{p}"',
    'if [ -f "$HOME/{p}" ]; then\n    . "$HOME/{p}"\nfi',
    "test -f ~/{p} && . ~/{p}",
    'if [ ! -f "$HOME/{p}" ]; then\n    :\nelse\n    . "$HOME/{p}"\nfi',
)
_POSIX_LOOPS = (
    'for f in ~/.rc.d/*{ext}; do\n    [ -r "$f" ] && . "$f"\ndone',
    'for f in "$HOME"/.rc.d/*{ext}; do . "$f"; done',
)
# What startup files hold besides: Debian's interactive guard, a here-document that looks like
# an export, a line continued with a backslash.
_POSIX_NOISE = (
    "# a comment",
    "alias ll='ls -l'",
    '[ -z "$PS1" ] && return',
    "case $- in\n    *i*) ;;\n      *) return;;\nesac",
    "cat >/dev/null <<'EOF'\nexport ANTHROPIC_MODEL='in-a-heredoc'\nEOF",
    "export ANTHROPIC_DEFAULT_MODEL=\\\n  'continued'",
    "export EDITOR=vi ANTHROPIC_MODEL='multi'",
    "ANTHROPIC_SMALL_FAST_MODEL='not-exported-unless-it-was'",
    "ANTHROPIC_MODEL='for-one-command' true",
)
_POSIX_OPAQUE = (
    "eval \"export ANTHROPIC_MODEL='from-eval'\"",
    '. "$(echo ~/.leaf{ext})"',
    '[ -f "$NOT_SET_ANYWHERE/x" ] && . "$NOT_SET_ANYWHERE/x"',
)
KINDS = {
    "bash": Kind(
        "bash",
        (".bash_profile", ".bash_login", ".profile", ".bashrc"),
        ".sh",
        "export {n}='{v}'",
        "unset {n}",
        (*_POSIX_SOURCES, "source ~/{p}"),
        _POSIX_LOOPS,
        _POSIX_OPAQUE,
        "D=$HOME/.d",
        '. "$D/{p}"',
        _POSIX_NOISE,
    ),
    "zsh": Kind(
        "zsh",
        (".zshenv", ".zprofile", ".zlogin", ".zshrc"),
        ".zsh",
        "export {n}='{v}'",
        "unset {n}",
        (*_POSIX_SOURCES, "source ~/{p}", "[[ -f ~/{p} ]] && source ~/{p}"),
        _POSIX_LOOPS,
        _POSIX_OPAQUE,
        "D=$HOME/.d",
        'source "$D/{p}"',
        _POSIX_NOISE,
    ),
    **{
        # ksh and dash write alike; they differ in the files they read (see shells.md).
        name: Kind(
            name,
            roots,
            ".sh",
            "export {n}='{v}'",
            "unset {n}",
            _POSIX_SOURCES,
            _POSIX_LOOPS,
            _POSIX_OPAQUE,
            "D=$HOME/.d",
            '. "$D/{p}"',
            _POSIX_NOISE,
        )
        for name, roots in (("ksh", (".profile", ".kshrc")), ("dash", (".profile", ".shinit")))
    },
    "fish": Kind(
        "fish",
        (".config/fish/conf.d/a.fish", ".config/fish/config.fish"),
        ".fish",
        "set -gx {n} '{v}'",
        "set -e {n}",
        (
            "source ~/{p}",
            "source $HOME/{p}",
            "test -f ~/{p}; and source ~/{p}",
            "test -f ~/{p} && source ~/{p}",
            "if test -r $HOME/{p}\n    source $HOME/{p}\nend",
        ),
        ("for f in ~/.rc.d/*.fish\n    source $f\nend",),
        ("eval \"set -gx ANTHROPIC_MODEL 'from-eval'\"", "source (echo ~/.leaf.fish)"),
        "set D $HOME/.d",
        "source $D/{p}",
    ),
    "tcsh": Kind(
        "tcsh",
        (".login", ".tcshrc"),
        ".csh",
        "setenv {n} '{v}'",
        "unsetenv {n}",
        (
            "source ~/{p}",
            "source $HOME/{p}",
            "if ( -f ~/{p} ) source ~/{p}",
            "if ( -r $HOME/{p} ) then\n    source $HOME/{p}\nendif",
        ),
        ("foreach f ( ~/.rc.d/*.csh )\n    source $f\nend",),
        ('eval "setenv ANTHROPIC_MODEL from-eval"', "source `echo ~/.leaf.csh`"),
        "set D = $HOME/.d",
        "source $D/{p}",
    ),
}
_EXTRAS = (".x1", ".x2", ".config/x3", ".d/x4", ".rc.d/10", ".rc.d/20")


@st.composite
def homes(draw: st.DrawFn, kind: Kind) -> tuple[dict[str, str], bool]:
    """Relative path -> text, and whether a line status cannot follow is among them. A file
    sources only files after it in the list, so there is no cycle."""
    files = [*kind.roots, *(extra + kind.ext for extra in _EXTRAS)]
    present = [f for f in files if draw(st.booleans()) or f in kind.roots[-1:]]
    texts: dict[str, str] = {}
    opaque = False
    for index, name in enumerate(present):
        later = [
            f for f in files[files.index(name) + 1 :] if not f.startswith(".rc.d/") or "rc.d" not in name
        ]
        lines: list[str] = []
        for number in range(draw(st.integers(0, 5))):
            choice = draw(
                st.sampled_from(
                    ("export", "export", "unset", "source", "source", "loop", "opaque", "var", "noise")
                )
            )
            variable = draw(st.sampled_from(VARIABLES))
            if choice == "export":
                lines.append(kind.export.format(n=variable, v=f"{Path(name).name.strip('.')}-{number}"))
            elif choice == "unset":
                lines.append(kind.unset.format(n=variable))
            elif choice == "source" and later:
                target = draw(st.sampled_from(later))
                lines.append(draw(st.sampled_from(kind.sources)).format(p=target))
            elif choice == "loop" and "rc.d" not in name:
                lines.append(draw(st.sampled_from(kind.loops)).format(ext=kind.ext))
            elif choice == "opaque" and index % 2 == 0 and draw(st.integers(0, 3)) == 0:
                lines.append(draw(st.sampled_from(kind.opaque)).format(ext=kind.ext))
                opaque = True
            elif choice == "var":
                targets = [f for f in later if f.startswith(".d/")]
                if targets:
                    lines += [kind.variable, kind.through_variable.format(p=targets[0][len(".d/") :])]
            else:
                lines.append(draw(st.sampled_from(kind.noise)))
        texts[name] = "\n".join(lines) + "\n"
    texts[".leaf" + kind.ext] = kind.export.format(n="ANTHROPIC_MODEL", v="leaf") + "\n"
    if kind.shell == "zsh" and draw(st.integers(0, 4)) == 0:
        # ZDOTDIR set in .zshenv: the other files are read from there.
        texts = {(f".zdot/{n}" if n in kind.roots[1:] else n): t for n, t in texts.items()}
        texts[".zshenv"] = "export ZDOTDIR=$HOME/.zdot\n" + texts.get(".zshenv", "")
    if kind.shell in ("ksh", "dash") and draw(st.booleans()):
        texts[".profile"] = "export ENV=$HOME/.shinit\n" + texts.get(".profile", "")
    return texts, opaque


def summary() -> str | None:
    """The run's figures, for the end of pytest's report (tests/conftest.py prints them)."""
    checked = TALLY["certain"] + TALLY["uncertain"]
    if not checked:
        return None
    return (
        f"differential: {TALLY['homes']} homes, {checked} shell starts checked, "
        f"{TALLY['disagree']} disagreements, {TALLY['uncertain']} uncertain "
        f"({100 * TALLY['uncertain'] / checked:.1f}%); {TALLY['pinned']} certain starts export a pin"
    )


def _environment(home: Path, kind: Kind) -> dict[str, str]:
    env = {
        "HOME": str(home),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "TERM": "dumb",
        "LANG": "C.UTF-8",
    }
    if kind.shell == "dash":
        env["ENV"] = str(home / ".shinit")  # what a login session exports for non-login dash
    return env


@pytest.mark.real_shell
@pytest.mark.parametrize("name", sorted(KINDS))
def test_status_predicts_what_real_shells_export(name: str) -> None:
    kind = KINDS[name]
    require_program(name)

    @settings(
        max_examples=HOMES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(homes(kind))
    def check(home_and_opaque: tuple[dict[str, str], bool]) -> None:
        texts, opaque = home_and_opaque
        with tempfile.TemporaryDirectory() as scratch:
            home = Path(scratch) / "home"
            for relative, text in texts.items():
                (home / relative).parent.mkdir(parents=True, exist_ok=True)
                (home / relative).write_text(text)
            (home / ".d").mkdir(exist_ok=True)
            env = _environment(home, kind)
            TALLY["homes"] += 1
            for login in (False, True):
                reading = scan(SHELLS[name], read_home(env, "linux"), VARIABLES, login=login)
                predicted = {}
                for variable in VARIABLES:
                    final = reading.final(variable)
                    if final is not None and final.value is not None:
                        predicted[variable] = final.value
                started = start_new_shell(SHELLS[name], env, login=login)
                real = {v: started.env[v] for v in VARIABLES if v in started.env}
                files = "\n".join(f"--- {n}\n{t}" for n, t in sorted(texts.items()))
                start = "login" if login else "non-login"
                # A home of only the idioms status follows is never uncertain.
                assert reading.certain or opaque, f"{name} {start}: {reading.unseen}\n{files}"
                if not reading.certain:
                    TALLY["uncertain"] += 1
                    continue
                TALLY["certain"] += 1
                TALLY["pinned"] += bool(predicted)
                if real != predicted:
                    TALLY["disagree"] += 1
                assert real == predicted, f"{name} {start}:\n{files}"

    check()
