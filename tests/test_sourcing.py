"""Following what startup files source, read statically: the text rules and the walk."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccprofile.startup import shell_words, sourcing, steps
from ccprofile.startup.homes import read_home
from ccprofile.startup.scan import scan
from ccprofile.startup.scanned import Unended
from ccprofile.startup.shells import SHELLS
from ccprofile.startup.syntax import Unquoting, Word
from tests.helpers import DEBIAN_PROFILE

FAST = "ANTHROPIC_SMALL_FAST_MODEL"


def _kinds(text: str, family: str = "posix") -> list[str]:
    return [step.kind for step in sourcing.steps(text, family)]


def test_commands_split_at_semicolons_outside_quotes_and_comments() -> None:
    assert shell_words.split_commands("a; b 'c;d' \"e;f\" # g; h") == ["a", "b 'c;d' \"e;f\""]
    assert shell_words.split_commands("case $x in a) b;; esac") == ["case $x in a) b;; esac"]
    assert shell_words.split_commands("export X=1\r") == ["export X=1\r"]  # a CR stays, as for a shell


@pytest.mark.parametrize(
    ("line", "kinds"),
    [
        (". ~/.aliases", ["source"]),
        ("source ~/.aliases", ["source"]),
        ('\\. "$NVM_DIR/nvm.sh"', ["source"]),
        ('. "$HOME/x(1).sh"', ["source"]),  # a parenthesis in a quoted POSIX path is no substitution
        ("[ -f ~/.a ] && . ~/.a", ["if", "source", "close"]),
        ('if [ -r "$HOME/.a" ]; then . "$HOME/.a"; fi', ["if", "source", "close"]),
        ("for f in ~/.d/*.sh; do . $f; done", ["for", "source", "close"]),
        ('eval "$(starship init bash)"', ["opaque"]),
        ("source <(kubectl completion bash)", ["opaque"]),
        ('. "$(brew --prefix)/etc/x.sh"', ["opaque"]),
        ("f() { export X=1; }", ["open", "command", "close"]),  # a body that runs only when called
        ("greet() {", ["open"]),
        ("while read line; do", ["open"]),
    ],
)
def test_posix_lines_become_steps(line: str, kinds: list[str]) -> None:
    assert _kinds(line) == kinds


def test_tests_a_static_reading_can_decide() -> None:
    rules = Unquoting()
    test = shell_words.parse_test('[ ! -f "$HOME/x" ]', rules)
    assert test is not None and (test.op, test.word.value, test.negated) == ("-f", "$HOME/x", True)
    assert shell_words.parse_test("test -n $BASH_VERSION", rules) is not None
    assert shell_words.parse_test('[ "$TERM" = xterm ]', rules) is None  # a comparison: not decided
    assert shell_words.parse_test("command -v brew", rules) is None


def test_fish_and_csh_idioms() -> None:
    assert _kinds("test -f ~/a.fish; and source ~/a.fish", "fish") == ["command", "if", "source", "close"]
    assert _kinds("if test -r ~/a.fish\nsource ~/a.fish\nend", "fish") == ["if", "source", "close"]
    assert _kinds("for f in ~/.d/*.fish\nsource $f\nend", "fish") == ["for", "source", "close"]
    assert _kinds("source (echo ~/a.fish | psub)", "fish") == ["opaque"]
    assert _kinds("if ( -f ~/a.csh ) source ~/a.csh", "csh") == ["if", "source", "close"]
    assert _kinds("foreach f ( ~/.d/*.csh )\nsource $f\nend", "csh") == ["for", "source", "close"]


def _described(step: steps.Step) -> str:
    """A step with every field a walk reads, in a line."""
    said = [str(step.line), step.kind]
    if step.test is not None:
        said.append(("! " if step.test.negated else "") + f"{step.test.op} {step.test.word.value}")
    said += [f"word={step.word.value}"] if step.word is not None else []
    said += [f"raw={step.raw}"] if step.raw else []
    said += [f"text={step.text}"] if step.text else []
    said += [f"var={step.variable} items={','.join(w.value for w in step.items)}"] if step.variable else []
    said += [f"reason={step.reason}"] if step.reason else []
    said += [f"runs={step.runs}"] if step.runs is not None else []
    return " ".join(said)


@pytest.mark.parametrize(
    ("family", "text", "described"),
    [
        (
            "csh",
            "if ( -f ~/a.csh ) then\nelse if ( ! -r ~/b ) then\nelse\nendif\n"
            "if ( -f ~/a.csh ) source ~/a.csh\nforeach f ( ~/.d/*.csh 'x y' )\nend\nforeach f ( 'a )\n"
            "while (1)\nendsw\neval `x`\nsetenv X 1\n  \n"
            'if ( -f "/a b" ) then\nswitch ($x)\n'
            "if ( -f '/a\\!b' ) then\nsource '/a\\!b.csh'\n"
            'echo "a\\" ; source ~/c.csh\n'
            "goto skip\n",
            [
                "1 if -f ~/a.csh",
                "2 elif ! -r ~/b",
                "3 else",
                "4 close",
                "5 if -f ~/a.csh",
                "5 source word=~/a.csh raw=~/a.csh",
                "5 close",
                "6 for var=f items=~/.d/*.csh,x y",
                "7 close",
                "8 return reason=a quote left open (tcsh: Unmatched)",  # tcsh stops there
                "9 open reason=a while block",
                "10 close",
                "11 opaque reason=runs eval",
                "12 command text=setenv X 1",
                "14 if -f /a b",
                "15 open reason=a switch block",
                "16 if -f /a!b",  # csh's \! inside single quotes
                "17 source word=/a!b.csh raw='/a\\!b.csh'",
                '18 command text=echo "a\\"',  # a backslash is itself inside csh's double quotes
                "18 source word=~/c.csh raw=~/c.csh",
                "19 opaque reason=runs goto",
                "19 open reason=lines a goto may skip",  # which lines run is the label's
            ],
        ),
        (
            "pwsh",
            ". ~/a.ps1\n.  'C:/x y.ps1'\niex (x)\nInvoke-Expression $x\nIEX $x\n$env:X = 1\n.\\x.ps1\n"
            '$d = "C:\\tools\\"; . ~/b.ps1\n'
            'Write-Host "a`"b"; . ~/c.ps1\n'
            "Write-Host C:\\\n. ~/d.ps1\n",
            [
                "1 source word=~/a.ps1 raw=~/a.ps1",
                "2 source word=C:/x y.ps1 raw='C:/x y.ps1'",
                "3 opaque reason=runs Invoke-Expression",
                "4 opaque reason=runs Invoke-Expression",
                "5 opaque reason=runs Invoke-Expression",
                "6 command text=$env:X = 1",
                "7 command text=.\\x.ps1",  # runs the script in a scope of its own: not sourced
                '8 command text=$d = "C:\\tools\\"',  # a backslash escapes nothing in PowerShell
                "8 source word=~/b.ps1 raw=~/b.ps1",
                '9 command text=Write-Host "a`"b"',  # the backtick escapes the quote
                "9 source word=~/c.ps1 raw=~/c.ps1",
                "10 command text=Write-Host C:\\",  # a backslash at the end joins no lines
                "11 source word=~/d.ps1 raw=~/d.ps1",
            ],
        ),
        (
            "fish",
            "test -f ~/a.fish; and source ~/a.fish\ntest -f ~/b; or source ~/b\nif test -r ~/c\n"
            "else if test -d ~/d\nelse\nend\nreturn\nexit\nfor f in ~/.d/*.fish 'x y'\nfor g in (ls)\n"
            "while true\nswitch $x\nbegin\nfunction f\neval $x\n. ~/e.fish\nbuiltin source ~/g.fish\n"
            "command set -x A 1\ntest -f ~/a; and set -x A 1\n"
            'test -f "/x y" && source "/x y"\nsource "$HOME/x y.fish"\n'
            "source '/x\\'y.fish'\ntest -f '/a\\'b' && source '/a\\'b'\n",
            [
                "1 command text=test -f ~/a.fish",
                "1 if -f ~/a.fish",
                "1 source word=~/a.fish raw=~/a.fish",
                "1 close",
                "2 command text=test -f ~/b",
                "2 if ! -f ~/b",
                "2 source word=~/b raw=~/b",
                "2 close",
                "3 if -r ~/c",
                "4 elif -d ~/d",
                "5 else",
                "6 close",
                "7 return reason=return",
                "8 return reason=exit",
                "9 for var=f items=~/.d/*.fish,x y",
                "10 open reason=a loop",
                "11 open reason=a while block",
                "12 open reason=a switch block",
                "13 open reason=a begin block runs=True",
                "14 open reason=a function runs=False",
                "15 opaque reason=runs eval",
                "16 source word=~/e.fish raw=~/e.fish",
                "17 source word=~/g.fish raw=~/g.fish",
                "18 command text=set -x A 1",
                "19 command text=test -f ~/a",
                "19 if -f ~/a",
                "19 command text=set -x A 1",
                "19 close",
                "20 if -f /x y",
                '20 source word=/x y raw="/x y"',
                "20 close",
                '21 source word=$HOME/x y.fish raw="$HOME/x y.fish"',
                "22 source word=/x'y.fish raw='/x\\'y.fish'",  # fish's \' inside single quotes
                "23 if -f /a'b",  # the && is outside the quotes: fish's \' does not end them
                "23 source word=/a'b raw='/a\\'b'",
                "23 close",
            ],
        ),
    ],
)
def test_fish_csh_and_powershell_lines_become_these_steps(
    family: str, text: str, described: list[str]
) -> None:
    assert [_described(step) for step in sourcing.steps(text, family)] == described


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(list(" \t\n;&|'\"$`(){}[]#.\\~/abfi=-*sourcetdn")), max_size=80))
def test_any_text_becomes_steps_without_error(text: str) -> None:
    for family in ("posix", "fish", "csh", "pwsh"):
        found = sourcing.steps(text, family)
        for index, step in enumerate(found):
            if step.kind in steps.OPENERS:
                assert index < steps.block_end(found, index) <= len(found)


@settings(max_examples=200)
@given(st.lists(st.text(alphabet="abcxyz =", min_size=1, max_size=8), min_size=1, max_size=5))
def test_commands_without_quotes_split_back_into_the_line(parts: list[str]) -> None:
    line = ";".join(parts)
    assert shell_words.split_commands(line) == [p.strip(" \t") for p in parts if p.strip()]


def _home(tmp_path: Path, files: dict[str, str]) -> Path:
    home = tmp_path / "home"
    for name, text in files.items():
        (home / name).parent.mkdir(parents=True, exist_ok=True)
        (home / name).write_text(text)
    home.mkdir(exist_ok=True)
    return home


def _read(home: Path, shell: str, *, login: bool = False, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    snapshot = read_home(
        {"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"), **(env or {})}, "linux"
    )
    return scan(SHELLS[shell], snapshot, [FAST], login=login)


def _value(reading, name: str = FAST) -> str | None:  # type: ignore[no-untyped-def]
    final = reading.final(name)
    return final.value if final is not None else None


def test_a_login_bash_reads_bashrc_through_debians_profile_and_ksh_does_not(tmp_path: Path) -> None:
    home = _home(tmp_path, {".profile": DEBIAN_PROFILE, ".bashrc": f"export {FAST}=from-bashrc\n"})
    assert _value(_read(home, "bash", login=True)) == "from-bashrc"
    assert _value(_read(home, "ksh", login=True)) is None  # $BASH_VERSION is not set in ksh
    bash_profile = home / ".bash_profile"
    bash_profile.write_text("export PATH=$PATH:~/bin\n")  # now bash -l reads this one only
    assert _value(_read(home, "bash", login=True)) is None


def test_sourced_files_chain_through_variables_own_directories_and_loops(tmp_path: Path) -> None:
    home = _home(
        tmp_path,
        {
            ".zshrc": 'DOTS=$HOME/dots\nsource "$DOTS/main.zsh"\n',
            "dots/main.zsh": 'source "${0:A:h}/more.zsh"\nfor f in ~/dots/d/*.zsh; do source $f; done\n',
            "dots/more.zsh": f"export {FAST}=more\n",
            "dots/d/10.zsh": f"export {FAST}=ten\n",
            "dots/d/20.zsh": f"[ -f ~/none ] && export {FAST}=never\n",
        },
    )
    reading = _read(home, "zsh")
    assert reading.certain, reading.unseen
    assert _value(reading) == "ten"
    assert [p.name for p in reading.files] == [".zshrc", "main.zsh", "more.zsh", "10.zsh", "20.zsh"]


def test_what_cannot_be_followed_is_named_by_file_and_line(tmp_path: Path) -> None:
    home = _home(
        tmp_path,
        {
            ".bashrc": 'eval "$(direnv hook bash)"\nsource "$PLUGINS/x.sh"\n'
            f'if [ "$TERM" = xterm ]; then export {FAST}=maybe; fi\n'
            f"export {FAST}=$(cat ~/.model)\n. ~/.bashrc\n",
        },
    )
    reading = _read(home, "bash")
    assert not reading.certain
    assert [(u.line, u.reason.split(",")[0]) for u in reading.unseen] == [
        (1, "runs eval"),
        (2, "sources $PLUGINS/x.sh"),
        (3, f"sets {FAST} under a condition ccprofile cannot decide"),
        (4, f"sets {FAST} to a value ccprofile cannot work out"),
        (5, "sources a file that is already being read (a cycle): " + str(home / ".bashrc")),
    ]
    assert _value(reading) is None  # nothing uncertain is shown as a value


def test_function_bodies_do_not_run_when_read(tmp_path: Path) -> None:
    home = _home(tmp_path, {".bashrc": f"pin() {{\n  export {FAST}=inside\n}}\nexport {FAST}=outside\n"})
    assert _value(_read(home, "bash")) == "outside"


def test_ksh_reads_env_set_in_profile_and_kshrc_otherwise(tmp_path: Path) -> None:
    home = _home(tmp_path, {".kshrc": f"export {FAST}=kshrc\n", ".env.sh": f"export {FAST}=env\n"})
    assert _value(_read(home, "ksh")) == "kshrc"
    (home / ".profile").write_text("export ENV=$HOME/.env.sh\n")
    assert _value(_read(home, "ksh", login=True)) == "env"
    assert _value(_read(home, "ksh", env={"ENV": str(home / ".env.sh")})) == "env"
    assert _value(_read(home, "dash")) is None  # a non-login dash without ENV reads nothing


def test_a_missing_file_stops_dash_and_tcsh_as_they_do(tmp_path: Path) -> None:
    home = _home(
        tmp_path,
        {
            ".profile": f". ~/missing\nexport {FAST}=after\n",
            ".tcshrc": f"setenv {FAST} before\nsource ~/missing\nsetenv {FAST} after\n",
        },
    )
    assert _value(_read(home, "dash", login=True)) is None
    assert _value(_read(home, "ksh", login=True)) == "after"  # ksh goes on in a file it reads itself
    assert _value(_read(home, "tcsh")) == "before"


# Dotfiles a review found read wrong, each checked against the real shell: status's reading
# equals what the shell exports, or says it is uncertain (the last column).
BLOCK_THEN_OVERRIDE = "# >>> ccprofile >>>\nexport ANTHROPIC_MODEL='pinned'\n# <<< ccprofile <<<\nexport ANTHROPIC_MODEL=override\n"
PIN, OTHER = "export ANTHROPIC_MODEL=pinned", "export ANTHROPIC_MODEL=other"
TRICKY = [
    ("markers-are-not-heredocs", "bash", {".bashrc": BLOCK_THEN_OVERRIDE}, True),
    (
        "brace-expansion-loop",
        "bash",
        {
            ".bashrc": 'for file in ~/.{path,exports}; do [ -r "$file" ] && source "$file"; done\n',
            ".exports": "export ANTHROPIC_MODEL=from-exports\n",
        },
        True,
    ),
    (
        "builtin-and-command",
        "bash",
        {
            ".bashrc": "builtin source ~/.x\ncommand . ~/.y\n",
            ".x": "export ANTHROPIC_MODEL=x\n",
            ".y": "export ANTHROPIC_MODEL=y\n",
        },
        True,
    ),
    (
        "or-true-keeps-the-source",
        "bash",
        {".bashrc": "[ -f ~/.x ] && . ~/.x || true\n", ".x": "export ANTHROPIC_MODEL=x\n"},
        True,
    ),
    (
        "command-output-value",
        "bash",
        {".bashrc": "export ANTHROPIC_MODEL=$(cat ~/.m || echo d)\n", ".m": "m\n"},
        False,
    ),
    (
        "a-group-does-not-close-an-if",
        "bash",
        {
            ".bashrc": "if [ -f ~/.bashrc ]; then\n { echo; } >/dev/null\nelse\n export ANTHROPIC_MODEL=wrong\nfi\n"
        },
        True,
    ),
    ("a-guarded-group", "bash", {".bashrc": "[ -f ~/.nope ] && {\n export ANTHROPIC_MODEL=x\n}\n"}, True),
    (
        "case-on-another-subject",
        "bash",
        {".bashrc": 'case "$HOME" in\n /tmp/*) return ;;\nesac\nexport ANTHROPIC_MODEL=x\n'},
        False,
    ),
    (
        "case-dash-i-returns",
        "bash",
        {".bashrc": "case $- in\n *i*)\n  return\n  ;;\nesac\nexport ANTHROPIC_MODEL=x\n"},
        True,
    ),
    (
        "tilde-in-an-assignment",
        "bash",
        {".bashrc": "D=~/dots\n. $D/x\n", "dots/x": "export ANTHROPIC_MODEL=x\n"},
        True,
    ),
    ("a-quoted-tilde", "bash", {".bashrc": 'source "~/.x"\n', ".x": "export ANTHROPIC_MODEL=x\n"}, True),
    (
        "exists-on-a-folder",
        "bash",
        {".bashrc": "if [ -e ~/.dots ]; then . ~/.dots/env; fi\n", ".dots/env": "export ANTHROPIC_MODEL=x\n"},
        True,
    ),
    ("zsh-dot-looks-on-path", "zsh", {".zshrc": ". .x\n", ".x": "export ANTHROPIC_MODEL=x\n"}, False),
    (
        "exec-replaces-the-shell",
        "bash",
        {".bashrc": '[ -n "$NOPE" ] || exec true\nexport ANTHROPIC_MODEL=after\n'},
        False,
    ),
    (
        "loop-variable-keeps-its-last-value",
        "bash",
        {
            ".bashrc": "f=$HOME/.y\nfor f in $HOME/.x; do :; done\n. $f\n",
            ".x": "export ANTHROPIC_MODEL=x\n",
            ".y": "export ANTHROPIC_MODEL=y\n",
        },
        True,
    ),
    (
        "arch-interactive-guard",
        "bash",
        {".bashrc": "[[ $- != *i* ]] && return\nexport ANTHROPIC_MODEL=x\n"},
        True,
    ),
    ("a-function-that-sets-it", "bash", {".bashrc": "pin() { export ANTHROPIC_MODEL=x; }\npin\n"}, False),
    *(
        (
            f"ansi-c-quote-in-{shell}",
            shell,
            {rc: "echo $'it\\'s' >/dev/null; export ANTHROPIC_MODEL=after\n"},
            True,
        )
        for shell, rc in (("bash", ".bashrc"), ("zsh", ".zshrc"), ("ksh", ".kshrc"))
    ),
    ("ansi-c-computed-escape", "bash", {".bashrc": "export ANTHROPIC_MODEL=$'claude\\x2dopus'\n"}, False),
    ("backslash-in-double-quotes", "bash", {".bashrc": 'export ANTHROPIC_MODEL="op\\us"\n'}, True),
    (
        "fish-backslash-in-double-quotes",
        "fish",
        {".config/fish/config.fish": 'set -gx ANTHROPIC_MODEL "op\\us"\n'},
        True,
    ),
    ("csh-escaped-bang-in-double-quotes", "tcsh", {".tcshrc": 'setenv ANTHROPIC_MODEL "opus\\!"\n'}, True),
    *(
        (f"a-quoted-block-in-{shell}", shell, {rc: f"{PIN}\n: '\n{OTHER}\n'\n"}, True)
        for shell, rc in (("bash", ".bashrc"), ("zsh", ".zshrc"), ("ksh", ".kshrc"))
    ),
    (
        "a-quoted-block-in-fish",
        "fish",
        {
            ".config/fish/config.fish": "set -gx ANTHROPIC_MODEL pinned\necho '\nset -gx ANTHROPIC_MODEL other\n'\n"
        },
        True,
    ),
    ("a-quoted-block-of-two-lines", "bash", {".bashrc": f"{PIN}\n: '\nexport X=1\n{OTHER}\n'\n"}, True),
    ("a-value-over-two-lines", "bash", {".bashrc": f"X='a\nb'; {OTHER}\n"}, True),
    (
        "a-backslash-at-the-end-inside-single-quotes",
        "bash",
        {".bashrc": "export ANTHROPIC_MODEL='op\\\nus'\n"},
        True,
    ),
    (
        "a-backslash-at-the-end-inside-double-quotes",
        "bash",
        {".bashrc": 'export ANTHROPIC_MODEL="op\\\nus"\n'},
        True,
    ),
    # An erased variable set again without -x is not exported: the erase took its export away.
    (
        "fish-erase-then-set-global",
        "fish",
        {
            ".config/fish/config.fish": "set -gx ANTHROPIC_MODEL a\nset -e ANTHROPIC_MODEL\nset -g ANTHROPIC_MODEL b\n"
        },
        True,
    ),
    # Erasing the global FOO shows the universal one (fish_variables): not "" but `uni`.
    (
        "fish-erase-shows-a-universal-value",
        "fish",
        {
            ".config/fish/fish_variables": "# VERSION: 3.0\nSETUVAR FOO:uni\n",
            ".config/fish/config.fish": "set -gx FOO glob\nset -e FOO\nset -gx ANTHROPIC_MODEL $FOO\n",
        },
        False,
    ),
    (
        "csh-unsetenv-then-set",
        "tcsh",
        {".tcshrc": "setenv ANTHROPIC_MODEL a\nunsetenv ANTHROPIC_MODEL\nset ANTHROPIC_MODEL=b\n"},
        True,
    ),
    # fish computes \x2d, \n, \101 outside quotes (to `-`, a newline, `A`); `\-` is `-`.
    (
        "fish-computed-escape",
        "fish",
        {".config/fish/config.fish": "set -gx ANTHROPIC_MODEL claude\\x2dopus\n"},
        False,
    ),
    (
        "fish-plain-escape",
        "fish",
        {".config/fish/config.fish": "set -gx ANTHROPIC_MODEL claude\\-opus\\ x\n"},
        True,
    ),
    # fish's `\'` inside single quotes: the quote does not end there, so the first item is one word.
    (
        "fish-loop-over-a-quoted-escape",
        "fish",
        {
            ".config/fish/config.fish": "for f in ~/'it\\'s.fish' ~/.x.fish\n    source $f\nend\n",
            "it's.fish": "set -gx ANTHROPIC_MODEL first\n",
            ".x.fish": "set -gx ANTHROPIC_MODEL x\n",
        },
        True,
    ),
    # A quote closed right after an escape, an empty `$( )` and an empty `$''` end where the
    # shell ends them: the command after the `;` is read.
    (
        "fish-escaped-quote-then-the-close",
        "fish",
        {".config/fish/config.fish": "set -gx ANTHROPIC_MODEL 'it\\''; set -gx ANTHROPIC_MODEL x\n"},
        True,
    ),
    (
        "empty-command-substitution-in-quotes",
        "bash",
        {".bashrc": 'export A="$()"; export ANTHROPIC_MODEL=x\n'},
        True,
    ),
    ("empty-ansi-c-string", "bash", {".bashrc": "export A=$''; export ANTHROPIC_MODEL=x\n"}, True),
    # A line holding every quote character and `(` still leaves its last quote open.
    (
        "every-quote-character-and-one-left-open",
        "bash",
        {".bashrc": "echo \"(\" '`' 'open\nexport ANTHROPIC_MODEL=x\n'\n"},
        True,
    ),
    # A value ending in a capital X, with and without a `;` on the line.
    ("a-value-ending-in-x", "bash", {".bashrc": "export ANTHROPIC_MODEL=opusX\n"}, True),
    (
        "a-value-ending-in-x-before-a-semicolon",
        "bash",
        {".bashrc": "true; export ANTHROPIC_MODEL=opusX\n"},
        True,
    ),
    # A universal variable's value is known to the files fish reads after it.
    (
        "fish-universal-variable-in-a-later-value",
        "fish",
        {
            ".config/fish/fish_variables": "# VERSION: 3.0\nSETUVAR --export ANTHROPIC_MODEL:claude\\x2dopus\n",
            ".config/fish/config.fish": "set -gx ANTHROPIC_MODEL $ANTHROPIC_MODEL-later\n",
        },
        True,
    ),
    (
        "fish-command-output-value",
        "fish",
        {".config/fish/config.fish": "set -gx ANTHROPIC_MODEL (cat ~/.m)\n", ".m": "m\n"},
        False,
    ),
    (
        "csh-backslash-in-double-quotes",
        "tcsh",
        {".tcshrc": 'echo "a\\" >/dev/null; setenv ANTHROPIC_MODEL after\n'},
        True,
    ),
    # tcsh parses a whole line before it runs any of it: a quote left open there is an error
    # that ends every startup file ("Unmatched '"), except in a block it skips.
    (
        "csh-unmatched-quote",
        "tcsh",
        {".tcshrc": "setenv ANTHROPIC_MODEL a\necho 'x\nsetenv ANTHROPIC_MODEL b\n"},
        True,
    ),
    (
        # A comment's quote opens nothing, indented or not.
        "csh-comment-with-a-lone-quote",
        "tcsh",
        {".tcshrc": "  # don't panic\n# it's fine\nsetenv ANTHROPIC_MODEL after\n"},
        True,
    ),
    (
        "csh-unmatched-quote-ends-the-line",
        "tcsh",
        {".tcshrc": 'setenv ANTHROPIC_MODEL a\nsetenv ANTHROPIC_MODEL b; echo "x\n'},
        True,
    ),
    (
        "csh-unmatched-quote-in-a-sourced-file",
        "tcsh",
        {".tcshrc": "source ~/.x\nsetenv ANTHROPIC_MODEL b\n", ".x": "setenv ANTHROPIC_MODEL a\necho `x\n"},
        True,
    ),
    (
        "csh-unmatched-quote-in-a-skipped-block",
        "tcsh",
        {".tcshrc": "if ( -f ~/.nope ) then\necho 'x\nendif\nsetenv ANTHROPIC_MODEL b\n"},
        True,
    ),
    (
        "csh-no-here-document-in-a-comment",
        "tcsh",
        {".tcshrc": "echo a#<<END\nsetenv ANTHROPIC_MODEL b\n"},
        True,
    ),
    ("csh-comment-inside-a-word", "tcsh", {".tcshrc": "setenv ANTHROPIC_MODEL a#b\necho x#'y\n"}, True),
    # goto jumps to its label: which lines run is not read.
    (
        "csh-goto",
        "tcsh",
        {".tcshrc": "setenv ANTHROPIC_MODEL a\ngoto skip\necho 'x\nskip:\nsetenv ANTHROPIC_MODEL b\n"},
        False,
    ),
    (
        "csh-quotes-over-a-backslash-newline",
        "tcsh",
        {".tcshrc": "echo 'x\\\ny' >/dev/null\nsetenv ANTHROPIC_MODEL b\n"},
        True,
    ),
    # Lines joined and split as the shell does, found by mutation testing.
    (
        "here-document-text-in-quotes",
        "bash",
        {".bashrc": 'echo "a <<EOF" >/dev/null\nexport ANTHROPIC_MODEL=b\n'},
        True,
    ),
    ("an-escaped-backslash-at-the-end", "bash", {".bashrc": "X=a\\\\\nexport ANTHROPIC_MODEL=b\n"}, True),
    # An odd run joins: `X=a\export ANTHROPIC_MODEL=b` sets two variables and exports none.
    ("three-backslashes-at-the-end", "bash", {".bashrc": "X=a\\\\\\\nexport ANTHROPIC_MODEL=b\n"}, True),
    (
        "a-quote-opened-after-a-backslash-newline",
        "bash",
        {".bashrc": "X=\\\n'a\nb'; export ANTHROPIC_MODEL=b\n"},
        True,
    ),
    (
        "a-value-over-three-lines-then-more",
        "bash",
        {".bashrc": "X='a\nb\nc'\nexport ANTHROPIC_MODEL=b\n"},
        True,
    ),
    (
        "csh-quote-opened-after-a-backslash-newline",
        "tcsh",
        {".tcshrc": "echo \\\n'a\n' ; setenv ANTHROPIC_MODEL b\n"},
        True,
    ),
    (
        "and-without-spaces-in-an-if",
        "bash",
        {".bashrc": "if test -r ~/.x&&true; then . ~/.x; fi\n", ".x": "export ANTHROPIC_MODEL=x\n"},
        False,
    ),
    (
        "or-without-spaces-in-an-if",
        "bash",
        {".bashrc": "if test -r ~/.x||false; then . ~/.x; fi\n", ".x": "export ANTHROPIC_MODEL=x\n"},
        False,
    ),
    (
        "a-case-closed-on-its-last-branch",
        "bash",
        {".bashrc": "case $HOME in\n/nope) echo ;; esac\nexport ANTHROPIC_MODEL=b\n"},
        True,
    ),
    (
        "a-first-branch-on-the-case-line",
        "bash",
        {".bashrc": "case $- in *i*) . ~/.x ;;\nesac\n", ".x": "export ANTHROPIC_MODEL=x\n"},
        True,
    ),
    (
        "here-document-with-tabs-stripped",
        "bash",
        {".bashrc": "cat <<-END >/dev/null\n\texport ANTHROPIC_MODEL=in\n\tEND\nexport ANTHROPIC_MODEL=b\n"},
        True,
    ),
    (
        "here-document-whose-end-has-no-tab",
        "bash",
        {".bashrc": "cat <<END >/dev/null\n\tEND\nexport ANTHROPIC_MODEL=in\nEND\n"},
        True,
    ),
    (
        "here-document-to-the-end-of-the-file",
        "bash",
        {".bashrc": "export ANTHROPIC_MODEL=b\ncat <<END >/dev/null\nexport ANTHROPIC_MODEL=in\n"},
        True,
    ),
    # A here-document no line ends is read before anything runs: in a function (whose `}` it
    # takes in) or a branch that never runs, it takes in the rest of the file all the same.
    *(
        (
            f"here-document-unended-in-a-function-{shell}",
            shell,
            {
                rc: ". ~/.helpers\nexport ANTHROPIC_MODEL=after\n",
                ".helpers": "usage() {\ncat <<EOF\nhelp\n}\nexport ANTHROPIC_MODEL=in\n",
            },
            True,
        )
        for shell, rc in (("bash", ".bashrc"), ("zsh", ".zshrc"), ("ksh", ".kshrc"))
    ),
    # The word is the shell's word, to a blank or an operator; `<<` in arithmetic is a shift.
    (
        "here-document-word-with-a-hyphen",
        "bash",
        {".bashrc": "cat >/dev/null <<END-OF\nhi\nEND-OF\nexport ANTHROPIC_MODEL=b\n"},
        True,
    ),
    (
        "here-document-word-quoted-in-part",
        "bash",
        {".bashrc": "cat >/dev/null <<E'N'D\nexport ANTHROPIC_MODEL=in\nEND\nexport ANTHROPIC_MODEL=b\n"},
        True,
    ),
    # A backslash at the end of a line inside $'...' does not join the next line: the value
    # holds both (bash: a, backslash, newline, b), which the reading says it cannot work out.
    ("ansi-c-quote-over-two-lines", "bash", {".bashrc": "export ANTHROPIC_MODEL=$'a\\\nb'\n"}, False),
    (
        "arithmetic-shift-is-no-here-document",
        "bash",
        {".bashrc": "BIT=2; (( x = 1 << BIT ))\nexport ANTHROPIC_MODEL=b\n"},
        True,
    ),
    (
        "here-document-unended-in-a-branch-not-taken",
        "bash",
        {".bashrc": "export ANTHROPIC_MODEL=b\nif false; then\ncat <<EOF\nfi\nexport ANTHROPIC_MODEL=in\n"},
        True,
    ),
    (
        "here-document-then-a-line",
        "bash",
        {".bashrc": "cat <<END >/dev/null\nx\nEND\nexport ANTHROPIC_MODEL=b\n"},
        True,
    ),
    (  # <<- strips tabs, not spaces, and nothing else
        "here-document-strips-only-tabs",
        "bash",
        {".bashrc": "cat <<-END >/dev/null\n  END\n\tXEND\nexport ANTHROPIC_MODEL=in\nEND\n"},
        True,
    ),
    (
        "two-here-documents-on-one-line",
        "bash",
        {".bashrc": "export ANTHROPIC_MODEL=b\ncat <<A <<B >/dev/null\nx\nA\nexport ANTHROPIC_MODEL=in\nB\n"},
        True,
    ),
    (
        "here-document-with-a-quoted-end",
        "bash",
        {".bashrc": "cat << 'END' >/dev/null\nexport ANTHROPIC_MODEL=in\nEND\n"},
        True,
    ),
    (
        "a-case-on-one-line",
        "bash",
        {".bashrc": "case $- in *i*) . ~/.x ;; *) return;; esac\n", ".x": "export ANTHROPIC_MODEL=x\n"},
        True,
    ),
    (
        "an-undecided-case-on-one-line",
        "bash",
        {".bashrc": "case $HOME in /nope) export ANTHROPIC_MODEL=x ;; esac\n"},
        False,
    ),
    (
        "csh-goto-over-a-quote",
        "tcsh",
        {".tcshrc": "goto skip\nalias ll 'ls -l\nskip:\nsetenv ANTHROPIC_MODEL b\n"},
        False,
    ),
    # The command substitution after a tab is an argument fish runs: not followed.
    (
        "fish-source-argument-after-a-tab",
        "fish",
        {".config/fish/config.fish": "source ~/.x\t(echo y)\n", ".x": "set -gx ANTHROPIC_MODEL a\n"},
        False,
    ),
    # zsh's guard: an interactive zsh and ksh have the option, bash has no such option, and
    # sh no `[[` at all (the command fails, so `|| return` returns).
    *(
        (
            f"interactive-option-{shell}",
            shell,
            {rc: "[[ -o interactive ]] || return\nexport ANTHROPIC_MODEL=b\n"},
            True,
        )
        for shell, rc in (("zsh", ".zshrc"), ("bash", ".bashrc"), ("ksh", ".kshrc"))
    ),
    (
        "interactive-option-negated",
        "zsh",
        {".zshrc": "if [[ ! -o interactive ]]; then\n  return\nfi\nexport ANTHROPIC_MODEL=b\n"},
        True,
    ),
    (
        "csh-here-document",
        "tcsh",
        {".tcshrc": "cat <<END >/dev/null\nsetenv ANTHROPIC_MODEL in\nEND\n"},
        True,
    ),
    # csh ends a here-document only at its word as written, quotes and all: `END` is text.
    *(
        (
            f"csh-here-document-with-a-{kind}-quoted-end",
            "tcsh",
            {".tcshrc": f"cat << {q}END{q} >/dev/null\nEND\nsetenv ANTHROPIC_MODEL in\n{q}END{q}\n"},
            True,
        )
        for kind, q in (("single", "'"), ("double", '"'))
    ),
    (
        "csh-here-document-quoted-word-without-a-space",
        "tcsh",
        {
            ".tcshrc": "cat <<'END' >/dev/null\nEND\nsetenv ANTHROPIC_MODEL in\n'END'\nsetenv ANTHROPIC_MODEL b\n"
        },
        True,
    ),
    (
        "csh-here-document-dash-is-part-of-the-word",
        "tcsh",
        {".tcshrc": "cat <<-END >/dev/null\n\tEND\nsetenv ANTHROPIC_MODEL in\n-END\n"},
        True,
    ),
    (
        "csh-here-document-ends-not-at-a-quoted-word",
        "tcsh",
        {
            ".tcshrc": "cat << END >/dev/null\n'END'\nsetenv ANTHROPIC_MODEL in\nEND\nsetenv ANTHROPIC_MODEL b\n"
        },
        True,
    ),
    (
        "stdin-is-not-a-file",
        "bash",
        {".bashrc": "source /dev/stdin <<EOF\nexport ANTHROPIC_MODEL=x\nEOF\n"},
        False,
    ),
]


@pytest.mark.real_shell
@pytest.mark.parametrize(
    ("shell", "files", "certain"), [case[1:] for case in TRICKY], ids=[c[0] for c in TRICKY]
)
def test_tricky_dotfiles_are_read_as_the_real_shell_runs_them(
    tmp_path: Path, shell: str, files: dict[str, str], certain: bool
) -> None:
    from ccprofile.machine.probe import start_new_shell
    from tests.conftest import require_program

    require_program(shell)
    home = _home(tmp_path, files)
    env = {
        "HOME": str(home),
        "PATH": "/usr/bin:/bin",
        "TERM": "dumb",
        "XDG_CONFIG_HOME": str(home / ".config"),
    }
    reading = scan(SHELLS[shell], read_home(env, "linux"), ["ANTHROPIC_MODEL"])
    assert reading.certain == certain, reading.unseen
    if certain:
        real = start_new_shell(SHELLS[shell], env).env.get("ANTHROPIC_MODEL")
        assert _value(reading, "ANTHROPIC_MODEL") == real


def test_a_crlf_line_keeps_its_stray_cr_in_the_last_value(tmp_path: Path) -> None:
    """bash reads the \r of a Windows line ending as part of the last word: the value ends in it
    (the crlf warning says so), whether or not the line has a `;`."""
    for line in (f"export {FAST}=x\r\n", f"true; export {FAST}=x\r\n"):
        assert _value(_read(_home(tmp_path / str(len(line)), {".bashrc": line}), "bash")) == "x\r"


def test_a_here_document_no_line_ends_is_where_the_shell_stops_reading_the_file(tmp_path: Path) -> None:
    """Only the first such here-document counts (it takes in the others), and only where the
    file is read: under a test the reading cannot decide, it may stop there."""
    text = f"export {FAST}=before\ncat <<A >/dev/null\ncat <<B\nexport {FAST}=in\n"
    reading = _read(_home(tmp_path / "1", {".bashrc": text}), "bash")
    bashrc = tmp_path / "1" / "home" / ".bashrc"
    assert _value(reading) == "before" and reading.certain
    assert [(s.path, s.line, s.reason, s.word) for s in reading.stops if isinstance(s, Unended)] == [
        (bashrc, 2, "bash stops reading there: a here-document no line `A` ends", "A")
    ]
    undecided = {".bashrc": f'[ -f "$X" ] && . ~/.h\nexport {FAST}=after\n', ".h": "cat <<END\n"}
    reading = _read(_home(tmp_path / "2", undecided), "bash")
    assert reading.stops == () and [u.reason for u in reading.unseen if u.line == 1] == [
        "may stop reading the file here: a here-document no line `END` ends"
    ]
    skipped = {".bashrc": f"[ -n '' ] && . ~/.h\nexport {FAST}=after\n", ".h": "cat <<END\n"}
    reading = _read(_home(tmp_path / "3", skipped), "bash")
    assert reading.stops == () and reading.certain and _value(reading) == "after"
    ended = {".bashrc": f"cat <<A\nx\nA\nexport {FAST}=after\n"}
    assert _read(_home(tmp_path / "4", ended), "bash").stops == ()
    # Text that holds no block and names no variable cuts nothing that counts: no stop.
    last = {".bashrc": f"export {FAST}=before\ncat <<EOF\nwelcome\n"}
    reading = _read(_home(tmp_path / "5", last), "bash")
    assert reading.stops == () and reading.certain and _value(reading) == "before"


def test_a_return_that_ends_a_helper_stops_nothing(tmp_path: Path) -> None:
    home = _home(tmp_path, {".bashrc": f". ~/.helper\nexport {FAST}=after\n", ".helper": "return 0\n"})
    reading = _read(home, "bash")
    assert _value(reading) == "after" and reading.stops == () and reading.certain


def test_unreadable_and_overlong_paths_are_undecided_not_errors(tmp_path: Path) -> None:
    long = "x" * 300
    home = _home(tmp_path, {".bashrc": f"[ -f ~/{long} ] && . ~/{long}\n. ~/{long}\n"})
    assert _value(_read(home, "bash")) is None
    home = _home(tmp_path / "d", {".profile": f". ~/{long}\nexport {FAST}=after\n"})
    _read(home, "dash", login=True)  # no OSError


def test_deep_nesting_and_long_lines_read_quickly(tmp_path: Path) -> None:
    assert [_described(step) for step in sourcing.steps("a && " * 1500 + "b", "posix")] == [
        "1 opaque reason=is too deeply nested to read"
    ]
    assert sourcing.steps("for x in a" + " " * 4000 + "b; do :; done", "posix")[0].kind == "for"


def test_the_scan_never_starts_a_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the scan started a process")

    monkeypatch.setattr(subprocess, "Popen", refuse)
    files = {
        ".zshrc": 'eval "$(starship init zsh)"\nsource <(kubectl completion zsh)\n. "$(brew --prefix)/x"\n'
    }
    files |= {
        f".zsh.d/{i:02}.zsh": f"[ -f ~/.zsh.d/{i + 1:02}.zsh ] && source ~/.zsh.d/{i + 1:02}.zsh\n"
        for i in range(20)
    }
    files[".zshrc"] += "source ~/.zsh.d/00.zsh\n"
    reading = _read(_home(tmp_path, files), "zsh")
    assert len(reading.files) == 21 and not reading.certain


def test_ksh_stops_every_sourced_file_up_to_its_own_and_goes_on_there(tmp_path: Path) -> None:
    home = _home(
        tmp_path,
        {
            ".profile": f". ~/.a\nexport {FAST}=after-a\n",
            ".a": f". ~/.b\nexport {FAST}=in-a\n",
            ".b": f". ~/missing\nexport {FAST}=in-b\n",
        },
    )
    assert _value(_read(home, "ksh", login=True)) == "after-a"  # as the real ksh93 does


@pytest.mark.parametrize(
    ("text", "sources"),
    [
        ("[ -f ~/.bashrc ] && . ~/.bashrc", True),
        ('source "$HOME/.bashrc"', True),
        ("if [ -f ~/.bashrc ]; then . ~/.bashrc; fi", True),
        (". .bashrc", True),
        ("# . ~/.bashrc", False),
        ("x=1 # . ~/.bashrc", False),
        ("x=1 # . ~/.bashrc # old", False),  # everything after the first # is the comment
        ("  # . ~/.bashrc", False),
        ("source ~/.bashrc.local", False),
        ("echo ~/.bashrc", False),
    ],
)
def test_sources_named_sees_only_a_line_that_sources_the_file(text: str, sources: bool) -> None:
    from ccprofile.startup.shell_words import sources_named

    assert sources_named(text, ".bashrc") is sources


def test_a_source_a_static_reading_cannot_follow_says_why_on_its_line(tmp_path: Path) -> None:
    home = _home(tmp_path, {".bashrc": 'x=1\nsource $(brew --prefix)/x.sh\nsource ""\n. `cat f`\n'})
    assert [(u.line, u.reason) for u in _read(home, "bash").unseen] == [
        (2, "sources the output of a command"),
        (3, "sources a file named in a way ccprofile cannot read"),
        (4, "sources the output of a command"),
    ]


def test_fish_sources_the_output_of_a_command_only_in_the_first_word() -> None:
    rules = SHELLS["fish"].syntax.unquoting
    assert steps.source_step(7, "(brew --prefix)/x.fish", rules, fish=True).kind == steps.OPAQUE
    sourced = steps.source_step(7, "~/a.fish (echo an argument)", rules, fish=True)
    assert (sourced.line, sourced.kind, sourced.raw) == (7, steps.SOURCE, "~/a.fish (echo an argument)")


def test_the_branches_of_an_if_block_pass_over_nested_blocks() -> None:
    """(kind, test, first, end) per branch; an else inside a nested block is not the outer one's."""
    test = shell_words.Test("-n", None, False)  # type: ignore[arg-type]
    kinds = [steps.IF, steps.IF, steps.FOR, steps.CLOSE, steps.ELSE, steps.CLOSE, steps.ELIF, steps.COMMAND]
    found = [steps.Step(n, kind, test=test if n == 0 else None) for n, kind in enumerate(kinds)]
    found += [steps.Step(8, steps.ELSE), steps.Step(9, steps.COMMAND), steps.Step(10, steps.CLOSE)]
    assert steps.block_end(found, 0) == 10
    assert steps.branches(found, 0, 10) == [
        (steps.IF, test, 1, 6),
        (steps.ELIF, None, 7, 8),
        (steps.ELSE, None, 9, 10),
    ]


@pytest.mark.parametrize(
    ("line", "value"),
    [
        (f'[ -f "$HOME/missing" ] || export {FAST}=no-file', "no-file"),
        (f"[ -f ~/present ] || export {FAST}=no-file", "before"),
        (f'[ -n "$HOME" ] && export {FAST}=home-set', "home-set"),
        (f"[ -z ~ ] && export {FAST}=never", "before"),
        (f'[ -z "$HOME/present" ] || export {FAST}=home-set', "home-set"),
        (f"[ -f '/no such/file' ] || export {FAST}=quoted", "quoted"),
    ],
)
def test_a_decidable_test_before_and_or_or_decides_the_command_after_it(
    tmp_path: Path, line: str, value: str
) -> None:
    """`A || B` runs B when A's test fails (the test negated), `A && B` when it holds."""
    home = _home(tmp_path, {".bashrc": f"export {FAST}=before\n{line}\n", "present": ""})
    reading = _read(home, "bash")
    assert (_value(reading), reading.certain) == (value, True)


def test_a_command_before_and_or_or_that_cannot_be_followed_is_named_on_its_line(tmp_path: Path) -> None:
    home = _home(tmp_path, {".bashrc": f'x=1\neval "$(direnv hook bash)" || export {FAST}=maybe\n'})
    assert [(u.line, u.reason.split(",")[0]) for u in _read(home, "bash").unseen] == [
        (2, "runs eval"),
        (2, f"sets {FAST} under a condition ccprofile cannot decide"),
    ]


@pytest.mark.parametrize(
    ("condition", "value", "certain"),
    [
        ("[ -f ~/present ]", "in-group", True),
        ("[ -f ~/missing ]", "before", True),
        ("command -v brew >/dev/null", None, False),
    ],
)
def test_a_group_after_and_runs_under_the_test_before_it(
    tmp_path: Path, condition: str, value: str | None, certain: bool
) -> None:
    """`A && {` opens a group that runs when A holds; the group's `}` closes it."""
    home = _home(
        tmp_path,
        {
            ".bashrc": f"export {FAST}=before\n{condition} && {{\n  export {FAST}=in-group\n}}\n",
            "present": "",
        },
    )
    reading = _read(home, "bash")
    assert reading.certain is certain
    if certain:
        assert _value(reading) == value
    else:
        assert [(u.line, u.reason.split(",")[0]) for u in reading.unseen] == [
            (3, f"sets {FAST} under a condition ccprofile cannot decide")
        ]


@pytest.mark.parametrize(
    ("line", "value"),
    [
        (
            "[[ $- != *i* ]] && return",
            "after",
        ),  # Debian's "not interactive? stop": a terminal's shell goes on
        ("[[ $- == *i* ]] || return", "after"),
        ("[ $- = *i* ] || return", "after"),
        ("[[ $- == * ]] || return", "after"),  # any flags at all
        (f"[[ $- == *i* ]] && export {FAST}=interactive", "interactive"),
        (f"[[ $- != *i* ]] && export {FAST}=scripted", "before"),
    ],
)
def test_an_interactive_shells_flags_hold_i(tmp_path: Path, line: str, value: str) -> None:
    text = f"export {FAST}=before\n{line}\n" + ("" if "export" in line else f"export {FAST}=after\n")
    reading = _read(_home(tmp_path, {".bashrc": text}), "bash")
    assert (_value(reading), reading.certain) == (value, True)


def test_a_file_test_with_more_words_than_one_is_not_decided(tmp_path: Path) -> None:
    home = _home(tmp_path, {".bashrc": f"[ -f ~/present extra ] && export {FAST}=x\n", "present": ""})
    assert not _read(home, "bash").certain


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a\tb\tc", ["a", "b", "c"]),
        ("a b\r", ["a", "b\r"]),  # a CRLF file's \r is part of the last word, as the shell reads it
        ("Xa bX", ["Xa", "bX"]),
        ('aXb "c d"', ["aXb", "c d"]),
        ("a 'b c' d", ["a", "b c", "d"]),
        ("a 'b \" c' d", ["a", 'b " c', "d"]),
        ("a 'b\\' c", ["a", "b\\", "c"]),  # no escape inside single quotes
        ('a\\ b "c"', ["a b", "c"]),
        ('a\t"b c"\td', ["a", "b c", "d"]),
    ],
)
def test_a_line_splits_into_words_at_unquoted_blanks(text: str, words: list[str]) -> None:
    found = shell_words.split_words(text, Unquoting())
    assert found is not None and [word.value for word in found] == words


@pytest.mark.parametrize(
    ("line", "commands"),
    [
        ("x=$(a; b); y", ["x=$(a; b)", "y"]),
        ('x="$(a; b)"; y', ['x="$(a; b)"', "y"]),
        ("x=$(a $(b; c); d); y", ["x=$(a $(b; c); d)", "y"]),
        ("x=$(case a in (a) b;; esac); y", ["x=$(case a in (a) b;; esac)", "y"]),
        ("x=$(f (g; h)); y", ["x=$(f (g; h))", "y"]),
        ("x=$(a)b; y", ["x=$(a)b", "y"]),
        ('x="a(b;c)"; y', ['x="a(b;c)"', "y"]),
        ("a\\; b", ["a\\; b"]),
        ("a\\x; b", ["a\\x", "b"]),
        ('x="a(b"; y', ['x="a(b"', "y"]),
        ("x=$(f ((g)); h); y", ["x=$(f ((g)); h)", "y"]),
        ("a#b; c", ["a#b", "c"]),
        ("a #b; c", ["a"]),
        ("#a; b", []),
        ("a;#b", ["a"]),
        ('x="$(echo "a;b")"; y', ['x="$(echo "a;b")"', "y"]),  # quotes inside $( ) inside quotes
        ("x=$((1+2)); y", ["x=$((1+2))", "y"]),
        ("x=$(); y", ["x=$()", "y"]),
        ("aX#b; c", ["aX#b", "c"]),  # a # inside a word starts no comment
        ("a # b", ["a"]),  # a comment without a ;
        ("echo $'it\\'s; x' ; y", ["echo $'it\\'s; x'", "y"]),  # bash's $'...': \' is a quote
        ("echo $'a\\\\'; y", ["echo $'a\\\\'", "y"]),
        ('echo "$\'"; y', ['echo "$\'"', "y"]),  # inside double quotes $' is two characters
        ("x=$(echo $'a'); y", ["x=$(echo $'a')", "y"]),
        ('echo "a\\"; b"; c', ['echo "a\\"; b"', "c"]),  # \" inside double quotes is a quote
    ],
)
def test_commands_split_outside_command_substitutions_and_comments(line: str, commands: list[str]) -> None:
    assert shell_words.split_commands(line) == commands


@pytest.mark.parametrize(
    ("command", "halves"),
    [
        ("x=$(a && b) && y", ("x=$(a && b)", "y")),
        ('x="$(a && b)" && y', ('x="$(a && b)"', "y")),
        ("a \\&& b && c", ("a \\&& b", "c")),
        ("a 'b && c'", None),
    ],
)
def test_and_splits_only_at_the_top_level(command: str, halves: tuple[str, str] | None) -> None:
    assert shell_words.split_on(command, "&&") == halves


def test_a_single_quoted_file_name_with_a_space_is_sourced(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home = _home(
        tmp_path, {".bashrc": f". '{home}/with space.sh'\n", "with space.sh": f"export {FAST}=quoted\n"}
    )
    assert _value(_read(home, "bash")) == "quoted"


def test_fish_universal_variables_are_read_before_its_files(tmp_path: Path) -> None:
    """fish_variables as fish writes it: `\\xHH` for a byte outside [A-Za-z0-9_/.], `\\\\` for a
    backslash; only exported ones count; a file's later `set -gx` wins."""
    universal = (
        "# This file contains fish universal variable definitions.\n"
        "# VERSION: 3.0\n"
        f"SETUVAR {FAST}:not\\x2dexported\n"
        "SETUVAR --export OTHER:x\n"
        f"SETUVAR --export {FAST}:claude\\x2dhaiku\\x2D4\\x2d5\\x2d20251001\\\\x\n"  # \\x2D: by hand
    )
    home = _home(tmp_path, {".config/fish/fish_variables": universal})
    reading = _read(home, "fish")
    final = reading.final(FAST)
    assert final is not None
    assert (final.path.name, final.line, final.value) == ("fish_variables", 5, "claude-haiku-4-5-20251001\\x")
    (home / ".config" / "fish" / "config.fish").write_text(f"set -gx {FAST} from-config\n")
    assert _value(_read(home, "fish")) == "from-config"
    assert reading.pinned(FAST) is None  # a universal variable is never ccprofile's block
    ours = home / ".config" / "fish" / "conf.d" / "ccprofile.fish"
    ours.parent.mkdir()
    ours.write_text(f"# >>> ccprofile >>>\nset -gx {FAST} pinned\n# <<< ccprofile <<<\n")
    pinned = _read(home, "fish").pinned(FAST)
    assert pinned is not None and (pinned.path, pinned.line) == (ours, 2)


_DOTS_SH = {"dots/env.sh": f"export {FAST}=from-dots\n"}
_DOTS_FISH = {"dots/env.fish": f"set -gx {FAST} from-dots\n"}
_NOT_FOLLOWED_SH = ".zshrc:3 sources $D/env.sh, a path ccprofile cannot work out"


@pytest.mark.parametrize(
    ("shell", "files", "found", "unseen"),
    [
        ("zsh", {".zshrc": f"{FAST}=x\nexport {FAST}\n"}, (".zshrc", 2, "x"), []),  # exported later
        ("zsh", {".zshrc": f"{FAST}=x\n"}, None, []),  # never exported: a child does not get it
        ("zsh", {".zshrc": "D=~/dots\n. $D/env.sh\n", **_DOTS_SH}, ("env.sh", 1, "from-dots"), []),
        # A quoted ~ stays a ~: the shell looks for a file named ~/dots/env.sh, and finds none.
        ("zsh", {".zshrc": 'D="~/dots"\n. $D/env.sh\n', **_DOTS_SH}, None, []),
        # An unknown variable after the ~ leaves the path unknown, not `~//dots`.
        (
            "zsh",
            {".zshrc": "D=~/$NOPE/dots\n. $D/env.sh\n", **_DOTS_SH},
            None,
            [".zshrc:2 sources $D/env.sh, a path ccprofile cannot work out"],
        ),
        # Set again to a command's output: the value before is gone.
        ("zsh", {".zshrc": "D=~/dots\nD=$(pwd)\n. $D/env.sh\n", **_DOTS_SH}, None, [_NOT_FOLLOWED_SH]),
        (  # set again under a condition no reading decides: either value may hold
            "zsh",
            {".zshrc": "D=~/dots\nif command -v brew >/dev/null; then D=/x; fi\n. $D/env.sh\n", **_DOTS_SH},
            None,
            [_NOT_FOLLOWED_SH],
        ),
        (  # declared without a value under such a condition: the value stays
            "zsh",
            {
                ".zshrc": "D=~/dots\nif command -v brew >/dev/null; then typeset D; fi\n. $D/env.sh\n",
                **_DOTS_SH,
            },
            ("env.sh", 1, "from-dots"),
            [],
        ),
        ("zsh", {".zshrc": "D=~/dots\nunset D\n. $D/env.sh\n", **_DOTS_SH}, None, [_NOT_FOLLOWED_SH]),
        # No longer exported, still set.
        (
            "zsh",
            {".zshrc": "export D=~/dots\ntypeset +x D\n. $D/env.sh\n", **_DOTS_SH},
            ("env.sh", 1, "from-dots"),
            [],
        ),
        (
            "fish",
            {".config/fish/config.fish": "set D ~/dots\nsource $D/env.fish\n", **_DOTS_FISH},
            ("env.fish", 1, "from-dots"),
            [],
        ),
        (
            "fish",
            {
                ".config/fish/config.fish": 'if test -n "$X"\nset D ~/dots\nend\nsource $D/env.fish\n',
                **_DOTS_FISH,
            },
            None,
            ["config.fish:4 sources $D/env.fish, a path ccprofile cannot work out"],
        ),
        (  # set again to a value no reading knows: the earlier one is gone
            "fish",
            {".config/fish/config.fish": "set D ~/dots\nset D (pwd)\nsource $D/env.fish\n", **_DOTS_FISH},
            None,
            ["config.fish:3 sources $D/env.fish, a path ccprofile cannot work out"],
        ),
        (  # a condition no reading can decide: D may or may not be set
            "fish",
            {
                ".config/fish/config.fish": "if test (uname) = Darwin\nset D ~/dots\nend\nsource $D/env.fish\n",
                **_DOTS_FISH,
            },
            None,
            ["config.fish:4 sources $D/env.fish, a path ccprofile cannot work out"],
        ),
        (
            "fish",
            {".config/fish/config.fish": "set D $NOPE/dots\nsource $D/env.fish\n", **_DOTS_FISH},
            None,
            ["config.fish:2 sources $D/env.fish, a path ccprofile cannot work out"],
        ),
    ],
)
def test_the_shells_own_variables_lead_to_the_files_they_name(
    tmp_path: Path, shell: str, files: dict[str, str], found: tuple[str, int, str] | None, unseen: list[str]
) -> None:
    reading = _read(_home(tmp_path, files), shell)
    final = reading.final(FAST)
    assert (None if final is None else (final.path.name, final.line, final.value)) == found
    assert [f"{u.path.name}:{u.line} {u.reason}" for u in reading.unseen] == unseen


@pytest.mark.parametrize(
    ("zshrc", "found", "unseen"),
    [
        (f'export {FAST}="$UNKNOWN"\n', None, [f"1 sets {FAST} to a value ccprofile cannot work out"]),
        (f'D=/dots\nexport {FAST}="$D/x"\n', (2, "/dots/x"), []),
        (f"D=~/dots\nexport {FAST}=$D\n", (2, "HOME/dots"), []),  # the unquoted ~ expanded at D=
        (
            f"if command -v brew >/dev/null; then export {FAST}=a; fi\n",
            None,
            [f"1 sets {FAST} under a condition ccprofile cannot decide"],
        ),
        (
            f"{FAST}=a\nif command -v brew >/dev/null; then export {FAST}; fi\n",
            None,
            [f"2 sets {FAST} under a condition ccprofile cannot decide"],
        ),
        (f"export {FAST}\n", None, []),  # exporting a variable with no value sets nothing
        (f"export {FAST}=a\nexport -n {FAST}\n", (2, None), []),
        (f"export {FAST}=a\nunset {FAST}\n", (2, None), []),
        (f"export {FAST}=a\nunset {FAST}\n{FAST}=b\n", (2, None), []),  # no longer exported
        (f'P=\nexport {FAST}="${{P}}x"\n', (2, "x"), []),  # an empty value is empty
    ],
)
def test_each_assignment_of_a_pin_is_recorded_or_named_as_unknown(
    tmp_path: Path, zshrc: str, found: tuple[int, str | None] | None, unseen: list[str]
) -> None:
    home = _home(tmp_path, {".zshrc": zshrc})
    reading = _read(home, "zsh")
    final = reading.final(FAST)
    shown = None if final is None else (final.line, final.value and final.value.replace(str(home), "HOME"))
    assert shown == found
    assert [f"{u.line} {u.reason}" for u in reading.unseen] == unseen
    assert all(u.path == home / ".zshrc" for u in reading.unseen)


def test_dash_has_no_ansi_c_quotes_so_no_value_is_taken_from_one(tmp_path: Path) -> None:
    """dash 0.5.12 reads $'opus' as $opus; bash as opus: what a sh exports is not known."""
    home = _home(tmp_path, {".profile": f"export {FAST}=$'opus'\n"})
    reading = _read(home, "dash", login=True)
    assert _value(reading) is None and not reading.certain


def test_a_comment_ends_the_words_of_a_line() -> None:
    assert shell_words.split_words("a # c", shell_words.POSIX_RULES) == [Word("a", False)]


# Every POSIX form the reader tells apart, each line as the steps a walk reads.
_POSIX_TEXT = (
    "{ export A=1; }\n"
    "{ . ~/g.sh\n"
    "}\n"
    "if [ -f ~/a ]; then\n"
    "elif [ -r ~/b ]\n"
    "then . ~/c\n"
    "else . ~/d\n"
    "fi\n"
    "if [ -f ~/a ] && [ -f ~/b ]; then :; fi\n"
    "for f in ~/.d/*.sh 'x y'; do . \"$f\"; done\n"
    "case $- in *i*) ;; *) return;; esac\n"
    "case $- in\n"
    "*i*) ;;\n"
    "*) return ;;\n"
    "esac\n"
    'case "$TERM" in\n'
    "(xterm) . ~/x ;;\n"
    "esac\n"
    "return\n"
    "exit 0\n"
    "exec zsh\n"
    "exec 3>&1\n"
    "exec >/dev/null\n"
    "while true; do :; done\n"
    "until false\n"
    "select x in a b\n"
    "f() { export A=1; }\n"
    "function g { export A=1\n"
    "h () {\n"
    'eval "$(x)"\n'
    "emulate sh -c '. ~/e'\n"
    "emulate sh\n"
    "source ~/s.sh\n"
    "\\. ~/t.sh\n"
    "builtin source ~/u\n"
    "command . ~/v\n"
    "do . ~/w\n"
    "for h in 'open\n"  # a quote left open to the end: the loop's words are not known
)


def test_posix_lines_become_these_steps_too() -> None:
    """A lone brace opens a group; zsh closes a function without a `;`; a branch of
    `case $-` whose pattern has no i is not an interactive shell's; the loops no reading
    follows."""
    text = (
        "{\n. ~/y\n}\nk() { export A=1 }\ncase $- in\n*c*) return ;;\nesac\n"
        'case "$-" in\n*i*) ;;\nesac\ncase $x in\nesac\nexec Xorg\nfor x\nrepeat 3\nforeach x (a b)\n'
    )
    assert [_described(step) for step in sourcing.steps(text, "posix")] == [
        "1 open reason=a group runs=True",
        "2 source word=~/y raw=~/y text=.",
        "3 close",
        "4 open reason=a function runs=False",
        "4 command text=export A=1",
        "4 close",
        "5 open reason=case $- runs=True",
        "6 if -n ",
        "6 return reason=return",
        "7 close",
        "7 close",
        "8 open reason=case $- runs=True",  # quoted, the same test
        "9 if -n x",
        "10 close",
        "10 close",
        "11 open reason=a case block",
        "12 close",  # no branch began: one close
        "13 return reason=exec",
        "14 open reason=a for loop",  # no `in`: the positional parameters
        "15 open reason=a repeat loop",  # zsh's
        "16 open reason=a foreach loop",
    ]


def test_posix_lines_become_these_steps() -> None:
    assert [_described(step) for step in sourcing.steps(_POSIX_TEXT, "posix")] == [
        "1 open reason=a group runs=True",
        "1 command text=export A=1",
        "1 close",
        "2 open reason=a group runs=True",
        "2 source word=~/g.sh raw=~/g.sh text=.",
        "3 close",
        "4 if -f ~/a",
        "5 elif -r ~/b",
        "6 source word=~/c raw=~/c text=.",
        "7 else",
        "7 source word=~/d raw=~/d text=.",
        "8 close",
        "9 if",
        "9 command text=:",
        "9 close",
        "10 for var=f items=~/.d/*.sh,x y",
        '10 source word=$f raw="$f" text=.',
        "10 close",
        "11 open reason=case $- runs=True",  # a whole case block on one line
        "11 if -n x",
        "11 elif -n x",
        "11 return reason=return",
        "11 close",
        "11 close",
        "12 open reason=case $- runs=True",
        "13 if -n x",
        "14 elif -n x",
        "14 return reason=return",
        "15 close",
        "15 close",
        "16 open reason=a case block",
        "17 if",
        "17 source word=~/x raw=~/x text=.",
        "18 close",
        "18 close",
        "19 return reason=return",
        "20 return reason=exit",
        "21 return reason=exec",
        "22 command text=exec 3>&1",
        "23 command text=exec >/dev/null",
        "24 open reason=a while loop",
        "24 command text=:",
        "24 close",
        "25 open reason=a until loop",
        "26 open reason=a select loop",
        "27 open reason=a function runs=False",
        "27 command text=export A=1",
        "27 close",
        "28 open reason=a function runs=False",
        "28 command text=export A=1",
        "29 open reason=a function runs=False",
        "30 opaque reason=runs eval",
        "31 opaque reason=runs emulate",
        "32 command text=emulate sh",
        "33 source word=~/s.sh raw=~/s.sh text=source",
        "34 source word=~/t.sh raw=~/t.sh text=.",
        "35 source word=~/u raw=~/u text=source",
        "36 source word=~/v raw=~/v text=.",
        "37 source word=~/w raw=~/w text=.",
        "38 open reason=a loop",
    ]


@pytest.mark.real_shell
def test_a_quote_tcsh_finds_unmatched_ends_every_startup_file(tmp_path: Path) -> None:
    from ccprofile.machine.probe import start_new_shell
    from tests.conftest import require_program

    require_program("tcsh")
    home = _home(tmp_path, {".tcshrc": "echo 'x\n", ".login": f"setenv {FAST} from-login\n"})
    reading = _read(home, "tcsh", login=True)
    assert _value(reading) is None
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "TERM": "dumb"}
    assert FAST not in start_new_shell(SHELLS["tcsh"], env, login=True).env  # not .login either
    assert [f"{u.path.name}:{u.line} {u.reason}" for u in reading.stops] == [
        ".tcshrc:1 tcsh stops reading there: a quote left open (tcsh: Unmatched)"
    ]
    home = _home(tmp_path / "d", {".tcshrc": f"if ( $?X ) then\necho 'x\nendif\nsetenv {FAST} after\n"})
    reading = _read(home, "tcsh")
    assert not reading.certain and reading.stops == ()
    assert [f"{u.line} {u.reason}" for u in reading.unseen] == [
        "2 may stop reading the file here: a quote left open (tcsh: Unmatched)"
    ]


def test_a_path_with_an_escape_fish_computes_is_named_as_written(tmp_path: Path) -> None:
    home = _home(tmp_path, {".config/fish/config.fish": "source ~/a\\x2db.fish\n"})
    assert [u.reason for u in _read(home, "fish").unseen] == [
        "sources ~/a\\x2db.fish, a path ccprofile cannot work out"
    ]


def test_case_blocks_on_one_line_or_closed_on_a_branch_become_these_steps() -> None:
    text = (
        "case $x in a) b;; c) d ;; esac\n"
        'case "$-" in *i*) ;; esac\n'
        "case $x in esac\n"
        "case $- in *i*) . ~/.x ;;\n"
        "esac\n"
        "case $x in\n"
        "a) export A=1 ;; esac\n"
    )
    assert [_described(step) for step in sourcing.steps(text, "posix")] == [
        "1 open reason=a case block",
        "1 if",
        "1 command text=b",
        "1 elif",
        "1 command text=d",
        "1 close",
        "1 close",
        "2 open reason=case $- runs=True",
        "2 if -n x",
        "2 close",
        "2 close",
        "3 open reason=a case block",
        "3 close",  # no branch began: one close
        "4 open reason=case $- runs=True",
        "4 if -n x",  # a first branch on the case line
        "4 source word=~/.x raw=~/.x text=.",
        "5 close",
        "5 close",
        "6 open reason=a case block",
        "7 if",
        "7 command text=export A=1",  # the block ends with its last branch
        "7 close",
        "7 close",
    ]


def test_zsh_anonymous_functions_and_short_loops_are_read_as_zsh_runs_them() -> None:
    """`() { ... }` and `function { ... }` run where they stand; `for f (WORDS) COMMAND` is a
    loop over the words, whose command (or `{ }` body) closes it. Read as commands, a short
    loop's `source $f` was lost and a status that missed its override said "certain"."""
    text = (
        "() { export A=1 }\nfunction {\n. ~/b\n}\nfor f (~/.zsh/*.zsh) source $f\n"
        "for g (a b) {\n. ~/$g\n}\nfor h ($(ls)) . ~/$h\nexport Z=1\n"
        "for i (c); do . ~/$i; done\nfor j (d) do . ~/$j; done\nfor k (e) { . ~/$k }\nfor m ($(ls $(pwd))) . ~/$m\n"
        "for n (f) do\n. ~/$n\ndone\n"
    )
    assert [_described(step) for step in sourcing.steps(text, "posix")] == [
        "1 open reason=an anonymous function runs=True",
        "1 command text=export A=1",
        "1 close",
        "2 open reason=an anonymous function runs=True",
        "3 source word=~/b raw=~/b text=.",
        "4 close",
        "5 for var=f items=~/.zsh/*.zsh reason=a short loop",
        "5 source word=$f raw=$f text=source",
        "5 close",
        "6 for var=g items=a,b reason=a short loop",
        "7 source word=~/$g raw=~/$g text=.",
        "8 close",
        "9 for var=h items=$(ls) reason=a short loop",  # a word the walk cannot work out: unknown
        "9 source word=~/$h raw=~/$h text=.",
        "9 close",
        "10 command text=export Z=1",
        "11 for var=i items=c reason=a short loop",
        "11 source word=~/$i raw=~/$i text=.",
        "11 close",
        "12 for var=j items=d reason=a short loop",
        "12 source word=~/$j raw=~/$j text=.",
        "12 close",
        "13 for var=k items=e reason=a short loop",
        "13 source word=~/$k raw=~/$k text=.",
        "13 close",
        "14 opaque reason=runs a loop whose words ccprofile cannot read",  # parentheses in parentheses
        "15 for var=n items=f reason=a short loop",  # `do` ends the line: the `done` closes it
        "16 source word=~/$n raw=~/$n text=.",
        "17 close",
    ]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("~/.zsh/*.zsh(N)", ("~/.zsh/*.zsh", "N")),
        ("~/.zsh/*.zsh(.N)", ("~/.zsh/*.zsh", ".N")),
        ("~/.zsh/*(om[1])", ("~/.zsh/*", "om[1]")),  # letters the walk does not apply: unknown
        ("~/.zsh/*.zsh(om)", ("~/.zsh/*.zsh", "om")),
        ("~/a(N)", ("~/a", "N")),  # a qualifier makes any word a pattern (zsh's bare_glob_qual)
        ("(N)", ("(N)", "")),
        ("~/a()", ("~/a()", "")),
        ("~/.zsh/*.zsh", ("~/.zsh/*.zsh", "")),
        ("~/d/[ab](N)", ("~/d/[ab]", "N")),
        ("~/d/?(N)x", ("~/d/?(N)x", "")),  # not at the end
    ],
)
def test_a_zsh_patterns_qualifier_is_split_off(word: str, expected: tuple[str, str]) -> None:
    assert shell_words.glob_qualifier(word) == expected


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("setopt nullglob", {"nullglob": True}),
        ("setopt NULL_GLOB", {"nullglob": True}),
        ("unsetopt nomatch", {"nomatch": False}),
        ("setopt no_nomatch", {"nomatch": False}),
        ("setopt NoNoMatch extended_glob", {"nomatch": False}),
        ("unsetopt no_null_glob", {"nullglob": True}),
        ("setopt nomatch", {"nomatch": True}),
        ("set -o nullglob", {"nullglob": True}),
        ("set +o nomatch", {"nomatch": False}),
        ("set -o", {}),
        ("", {}),
        ("set -o nullglob -o extendedglob +o nomatch", {"nullglob": True, "nomatch": False}),
        ("set -G", {"nullglob": True}),
        ("set +G", {"nullglob": False}),
        ("setopt -G", {"nullglob": True}),
        ("unsetopt -G", {"nullglob": False}),
        ("unsetopt -o nullglob", {"nullglob": False}),
        ("set -e -u", {}),
        ("set nullglob", {}),
        ("set -- -G", {}),
        ("set - -o nullglob", {}),  # zsh: `-` ends the options, as `--` does (the real zsh: off)
        ("setopt localoptions nullglob", {"localoptions": True, "nullglob": True}),
        ("setopt local_options", {"localoptions": True}),
        ("emulate -L zsh", {"localoptions": True}),
        ("emulate zsh -o nullglob", {"localoptions": True}),  # reset: not followed
        ("setopt autocd", {}),
        ("echo setopt nullglob", {}),
        ("shopt -s nullglob", {}),  # bash's: a bash loop that matches nothing runs once anyway
    ],
)
def test_zsh_options_that_say_what_a_pattern_matching_nothing_does(
    command: str, expected: dict[str, bool]
) -> None:
    assert shell_words.zsh_options(command) == expected
