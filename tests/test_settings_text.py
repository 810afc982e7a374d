"""The settings file's text edit, case by case: each layout a real file has comes back in that
layout (test_scopes.py checks the same through the commands and with random documents)."""

from __future__ import annotations

import pytest

from ccprofile.claude import settings_text
from ccprofile.claude.settings_text import SettingsTextError, Style, edit, style_of

FAST = "ANTHROPIC_SMALL_FAST_MODEL"
H45 = "claude-haiku-4-5-20251001"


@pytest.mark.parametrize(
    ("text", "style"),
    [
        pytest.param("", Style(2, True, "\n"), id="new-file"),
        pytest.param("   \n", Style(2, True, "\n"), id="blank-file"),
        pytest.param('{"theme": "dark"}', Style(None, False, "\n"), id="one-line"),
        pytest.param('{"theme": "dark"}\n', Style(None, True, "\n"), id="one-line-with-newline"),
        pytest.param('{\n"theme": "dark"\n}\n', Style(2, True, "\n"), id="several-lines-no-indent"),
        pytest.param('{\n    "theme": "dark"\n}', Style(4, False, "\n"), id="four-spaces"),
        pytest.param('{\n\t"theme": "dark"\n}\n', Style("\t", True, "\n"), id="tab"),
        pytest.param('{\n \t"theme": "dark"\n}\n', Style(" \t", True, "\n"), id="mixed"),
        pytest.param('{\r\n  "theme": "dark"\r\n}\r\n', Style(2, True, "\r\n"), id="crlf"),
    ],
)
def test_the_style_is_read_from_the_file(text: str, style: Style) -> None:
    assert style_of(text) == style


def test_a_crlf_file_stays_crlf_and_comes_back_byte_for_byte() -> None:
    text = '{\r\n  "theme": "dark",\r\n  "env": {\r\n    "A": "b"\r\n  }\r\n}\r\n'
    pinned, document = edit(text, "s.json", env={FAST: H45}, top={})
    assert pinned == (
        f'{{\r\n  "theme": "dark",\r\n  "env": {{\r\n    "A": "b",\r\n    "{FAST}": "{H45}"\r\n  }}\r\n}}\r\n'
    )
    assert document == {"theme": "dark", "env": {"A": "b", FAST: H45}}
    back, _ = edit(pinned, "s.json", env={FAST: None}, top={})
    assert back == text


def test_a_one_line_file_stays_on_one_line_without_a_newline_it_did_not_have() -> None:
    pinned, _ = edit('{"theme": "dark"}', "s.json", env={FAST: H45}, top={"model": "opus"})
    assert pinned == f'{{"theme": "dark", "env": {{"{FAST}": "{H45}"}}, "model": "opus"}}'


def test_a_new_file_is_written_as_claude_code_writes_one() -> None:
    created, document = edit("", "s.json", env={FAST: H45}, top={})
    assert created == f'{{\n  "env": {{\n    "{FAST}": "{H45}"\n  }}\n}}\n'
    assert document == {"env": {FAST: H45}}


def test_non_ascii_text_is_kept_as_it_is() -> None:
    pinned, _ = edit('{\n  "name": "Zoë ☕"\n}\n', "s.json", env={}, top={"model": "opus"})
    assert pinned == '{\n  "name": "Zoë ☕",\n  "model": "opus"\n}\n'


@pytest.mark.parametrize(
    ("drop", "expected"),
    [
        pytest.param(True, '{\n  "theme": "dark"\n}\n', id="dropped"),
        pytest.param(False, '{\n  "theme": "dark",\n  "env": {}\n}\n', id="kept"),
    ],
)
def test_an_env_left_empty_goes_only_when_asked(drop: bool, expected: str) -> None:
    text = f'{{\n  "theme": "dark",\n  "env": {{\n    "{FAST}": "{H45}"\n  }}\n}}\n'
    removed, document = edit(text, "s.json", env={FAST: None}, top={}, drop_empty_env=drop)
    assert removed == expected
    assert ("env" in document) is not drop


def test_a_file_without_env_gets_none_from_a_removal() -> None:
    text = '{\n  "theme": "dark"\n}\n'
    assert edit(text, "s.json", env={FAST: None}, top={"model": None})[0] == text
    assert edit(text, "s.json", env={FAST: None}, top={}, drop_empty_env=True)[0] == text


def test_a_removal_keeps_the_other_keys_and_a_set_replaces_in_place() -> None:
    text = f'{{\n  "model": "sonnet",\n  "env": {{\n    "A": "b",\n    "{FAST}": "old"\n  }}\n}}\n'
    changed, _ = edit(text, "s.json", env={FAST: H45}, top={"model": "opus"})
    assert changed == f'{{\n  "model": "opus",\n  "env": {{\n    "A": "b",\n    "{FAST}": "{H45}"\n  }}\n}}\n'
    removed, _ = edit(text, "s.json", env={FAST: None}, top={"model": None}, drop_empty_env=True)
    assert removed == '{\n  "env": {\n    "A": "b"\n  }\n}\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("{", "s.json:1:2: not valid JSON (Expecting property name", id="cut-short"),
        pytest.param(
            '\n\n  {"a": 1,}', "s.json:3:11: not valid JSON (Expecting property name", id="line-and-column"
        ),
        pytest.param('"text"', "s.json:1:1: the top level is not a JSON object", id="a-string"),
        pytest.param('{"env": 3}', 's.json:1:2: "env" is not an object', id="env-first-line"),
        pytest.param(
            '{\n  "a": 1,\n    "env": "x"\n}', 's.json:3:5: "env" is not an object', id="env-column"
        ),
        pytest.param('\n{"env": 3}', 's.json:2:2: "env" is not an object', id="env-after-a-blank-line"),
        pytest.param(
            '{"env": "x",\n "p": {"env": 1}}',
            's.json:1:2: "env" is not an object',
            id="env-before-a-nested-one",
        ),
        # A key spelled with an escape is not found as written: the file's start is named.
        pytest.param('{"\\u0065nv": "x"}', 's.json:1:1: "env" is not an object', id="an-escaped-env-key"),
    ],
)
def test_a_refusal_names_the_file_line_and_column_and_that_nothing_was_written(
    text: str, message: str
) -> None:
    with pytest.raises(SettingsTextError) as refused:
        edit(text, "s.json", env={FAST: H45}, top={})
    assert str(refused.value).startswith(message)
    assert str(refused.value).endswith("; nothing was written")


def test_a_blank_file_is_an_empty_object() -> None:
    assert settings_text.load(" \n\t", "s.json") == {}


def test_an_env_emptied_by_a_removal_stays_unless_the_caller_drops_it() -> None:
    """The user's own `"env": {}` is theirs to keep: only a caller that made the object (a
    fresh pin, undone) asks for it to go."""
    text = f'{{"env": {{"{FAST}": "x"}}}}\n'
    assert edit(text, "s.json", env={FAST: None}, top={})[0] == '{"env": {}}\n'
    assert edit(text, "s.json", env={FAST: None}, top={}, drop_empty_env=True)[0] == "{}\n"
