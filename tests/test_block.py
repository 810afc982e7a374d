"""Layer 1 and 2: the pure block logic, with literal cases and hypothesis properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccprofile.startup import block
from ccprofile.startup.block import BEGIN, CREATED_NOTE, END, OWNERSHIP, MarkerError

PAYLOAD = ["export ANTHROPIC_SMALL_FAST_MODEL='claude-haiku-4-5-20251001'"]
BLOCK = f"{BEGIN}\n{OWNERSHIP}\n{PAYLOAD[0]}\n{END}\n"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param("", BLOCK, id="empty"),
        pytest.param("alias ll='ls -l'\n", f"alias ll='ls -l'\n\n{BLOCK}", id="trailing-newline"),
        pytest.param("alias ll='ls -l'", f"alias ll='ls -l'\n{BLOCK}", id="no-trailing-newline"),
        pytest.param("a\r\nb\r\n", "a\r\nb\r\n\r\n" + BLOCK.replace("\n", "\r\n"), id="crlf"),
        pytest.param("\ufeffa\n", f"\ufeffa\n\n{BLOCK}", id="bom"),
        pytest.param("x\udcff\n", f"x\udcff\n\n{BLOCK}", id="non-utf8-byte"),
        pytest.param(
            "# >>> conda initialize >>>\nconda\n# <<< conda initialize <<<\n",
            "# >>> conda initialize >>>\nconda\n# <<< conda initialize <<<\n\n" + BLOCK,
            id="another-tools-block",
        ),
        pytest.param(
            "# >>> ccprofile-old >>>\n", "# >>> ccprofile-old >>>\n\n" + BLOCK, id="look-alike-marker"
        ),
    ],
)
def test_apply_appends_and_remove_restores(before: str, after: str) -> None:
    assert block.apply(before, PAYLOAD).text == after
    assert block.remove(after).text == before


def test_apply_updates_in_place_keeping_position() -> None:
    text = f"top\n\n{BLOCK}bottom\n"
    new = block.apply(text, ["export ANTHROPIC_MODEL='x'"]).text
    assert new == f"top\n\n{BEGIN}\n{OWNERSHIP}\nexport ANTHROPIC_MODEL='x'\n{END}\nbottom\n"


def test_apply_is_unchanged_when_payload_is_the_same() -> None:
    text = f"top\n\n{BLOCK}"
    assert block.apply(text, PAYLOAD).text == text


def test_duplicate_blocks_collapse_to_the_first() -> None:
    text = f"a\n\n{BLOCK}b\n\n{BLOCK}c\n"
    edit = block.apply(text, PAYLOAD)
    assert edit.collapsed == 1
    assert edit.text == f"a\n\n{BLOCK}b\nc\n"


def test_adjacent_duplicate_blocks_collapse() -> None:
    edit = block.apply(BLOCK + BLOCK, PAYLOAD)
    assert edit.text == BLOCK
    assert edit.collapsed == 1


def test_remove_takes_every_block() -> None:
    removal = block.remove(f"a\n\n{BLOCK}b\n\n{BLOCK}")
    assert (removal.text, removal.removed) == ("a\nb\n", 2)


def test_created_note_is_kept_and_reported() -> None:
    text = block.apply("", PAYLOAD, created_file=True).text
    assert CREATED_NOTE in text
    updated = block.apply(text, ["export ANTHROPIC_MODEL='x'"]).text
    assert CREATED_NOTE in updated
    assert block.remove(updated).created_file


def test_end_fence_without_terminator_stays_so() -> None:
    text = "a\n\n" + BLOCK[:-1]
    assert block.apply(text, PAYLOAD).text == text


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        pytest.param(f"a\n{BEGIN}\nb\n", (2,), id="begin-without-end"),
        pytest.param(f"a\n{END}\n", (2,), id="end-without-begin"),
        pytest.param(f"{BEGIN}\n{BEGIN}\n{END}\n", (1, 2), id="nested"),
        pytest.param(f"x\r\n{BEGIN}\r\n", (2,), id="crlf-begin-without-end"),
    ],
)
def test_unbalanced_markers_are_refused_with_line_numbers(text: str, lines: tuple[int, ...]) -> None:
    with pytest.raises(MarkerError) as info:
        block.apply(text, PAYLOAD)
    assert info.value.lines == lines
    with pytest.raises(MarkerError):
        block.remove(text)


def test_markers_with_crlf_and_trailing_spaces_are_found() -> None:
    text = f"{BEGIN}  \r\n{OWNERSHIP}\r\n{END}\r\n"
    assert len(block.find_blocks(text)) == 1


def test_every_known_marker_pair_is_removed() -> None:
    for begin, end in block.MARKERS:
        assert block.remove(f"a\n\n{begin}\nx\n{end}\n").text == "a\n"


# Text made of the pieces that matter here: newlines of both kinds, lone CRs, a BOM, bytes
# that are not UTF-8 (as surrogates), and almost-markers.
_pieces = st.sampled_from(
    ["\n", "\r\n", "\r", "\ufeff", "\udc80", "\udcff", "# >>> conda >>>", "# <<< ccprofile", " ", "x", "é"]
)
marker_free = (
    st.lists(st.one_of(_pieces, st.text(max_size=5)), max_size=25)
    .map("".join)
    .filter(lambda t: BEGIN not in t and END not in t)
)
payloads = st.lists(
    st.sampled_from(["export A='1'", "export B='2'", "set -gx C '3'"]), min_size=1, max_size=3
)


@settings(max_examples=400)
@given(marker_free, payloads)
def test_property_round_trip_is_exact(text: str, payload: list[str]) -> None:
    assert block.remove(block.apply(text, payload).text).text == text


@settings(max_examples=300)
@given(marker_free, payloads, payloads)
def test_property_apply_is_idempotent_and_updates_in_place(
    text: str, first: list[str], second: list[str]
) -> None:
    once = block.apply(text, first).text
    assert block.apply(once, first).text == once
    twice = block.apply(once, second).text
    assert block.apply(twice, second).text == twice
    assert block.remove(twice).text == text


@settings(max_examples=300)
@given(marker_free, marker_free, payloads)
def test_property_bytes_outside_the_fences_never_change(head: str, tail: str, payload: list[str]) -> None:
    text = head + ("" if head == "" or head.endswith("\n") else "\n") + BLOCK + tail
    found = block.find_blocks(text)[0]
    edited = block.apply(text, payload).text
    assert edited.startswith(text[: found.start])
    assert edited.endswith(text[found.end :])


@settings(max_examples=500)
@given(st.lists(st.sampled_from([*"ab\r\n #<>", BEGIN, END, "ccprofile"]), max_size=40).map("".join))
def test_property_parser_never_crashes_on_arbitrary_text(text: str) -> None:
    try:
        blocks = block.find_blocks(text)
    except MarkerError as error:
        assert error.lines
    else:
        for found in blocks:
            assert text[found.start : found.end].startswith("# >>>")


def _split_lines(text: str) -> list[tuple[int, str, str]]:
    """``(offset, content, terminator)`` per line: only \\n ends a line; a \\r before it is
    part of the terminator."""
    out: list[tuple[int, str, str]] = []
    offset = 0
    for raw in _by_newline(text):
        terminator = "\r\n" if raw.endswith("\r\n") else "\n" if raw.endswith("\n") else ""
        out.append((offset, raw[: len(raw) - len(terminator)], terminator))
        offset += len(raw)
    return out


def _by_newline(text: str) -> list[str]:
    parts = text.split("\n")
    pieces = [part + "\n" for part in parts[:-1]]
    return pieces + ([parts[-1]] if parts[-1] else [])


def _walk_every_line(text: str) -> list[block.Block]:
    """The straightforward parser find_blocks replaced: visit every line in turn.

    Kept as the specification the fast one (which jumps from fence to fence) must equal.
    """
    blocks: list[block.Block] = []
    opened: tuple[int, int, str] | None = None
    body: list[str] = []
    for number, (offset, content, terminator) in enumerate(_split_lines(text), start=1):
        line = content.rstrip()
        if line == BEGIN:
            if opened is not None:
                raise MarkerError("nested", (opened[0], number))
            opened, body = (number, offset, terminator or block.newline_of(text)), []
        elif line == END:
            if opened is None:
                raise MarkerError("end without begin", (number,))
            first, start, newline = opened
            end = offset + len(content) + len(terminator)
            blocks.append(block.Block(start, end, first, number, newline, tuple(body)))
            opened = None
        elif opened is not None:
            body.append(content)
    if opened is not None:
        raise MarkerError("begin without end", (opened[0],))
    return blocks


_fence_soup = st.lists(
    st.sampled_from([*"ab\r\n \t\x0b\x85#<>", BEGIN, END, f"\n{BEGIN}\n", f"\n{END}\r\n", "ccprofile"]),
    max_size=60,
).map("".join)


@settings(max_examples=1000)
@given(_fence_soup)
def test_property_fast_parser_equals_the_line_by_line_one(text: str) -> None:
    assert block.MARKERS == ((BEGIN, END),), "extend _walk_every_line when a marker pair is added"
    try:
        expected = _walk_every_line(text)
    except MarkerError as error:
        with pytest.raises(MarkerError) as info:
            block.find_blocks(text)
        assert info.value.lines == error.lines
    else:
        assert block.find_blocks(text) == expected


TAIL = block.MUST_STAY_LAST[0]
B = block.render(["export A='1'"])
B_CRLF = block.render(["export A='1'"], "\r\n")


def test_render_defaults_to_lf_without_the_created_note() -> None:
    assert block.render(["x"]) == f"{BEGIN}\n{OWNERSHIP}\nx\n{END}\n"
    assert block.render(["x"], created_file=True) == f"{BEGIN}\n{OWNERSHIP}\n{CREATED_NOTE}\nx\n{END}\n"


def test_a_new_block_reports_no_earlier_blocks() -> None:
    edit = block.apply("x\n", ["p"])
    assert (edit.blocks_before, edit.collapsed) == (0, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(f"a\n{TAIL}\nz\n", f"a\n\n{B}{TAIL}\nz\n", id="tail-after-a-line"),
        pytest.param(f"{TAIL}\nz\n", f"{B}{TAIL}\nz\n", id="tail-first-line"),
        pytest.param(f"a\n{TAIL}  \n", f"a\n\n{B}{TAIL}  \n", id="tail-with-trailing-spaces"),
        pytest.param(f"echo '{TAIL}'\n", f"echo '{TAIL}'\n\n{B}", id="marker-inside-a-line-is-no-tail"),
        pytest.param(f"{TAIL} etc\n", f"{TAIL} etc\n\n{B}", id="marker-with-more-text-is-no-tail"),
        pytest.param(
            f"x{TAIL}\n{TAIL}\nz\n", f"x{TAIL}\n\n{B}{TAIL}\nz\n", id="second-occurrence-is-the-tail"
        ),
    ],
)
def test_a_new_block_goes_before_the_must_stay_last_lines(text: str, expected: str) -> None:
    edit = block.apply(text, ["export A='1'"])
    assert edit.text == expected
    assert block.remove(edit.text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(f"{B}\n{B}", B, id="duplicate-after-a-blank-line-takes-it"),
        pytest.param(f"{B}{B}", B, id="adjacent-duplicate-keeps-the-first-intact"),
        pytest.param(f"{B}x\n{B}", f"{B}x", id="duplicate-after-text-takes-the-line-end"),
    ],
)
def test_collapsing_duplicates_takes_exactly_their_separators(text: str, expected: str) -> None:
    assert block.apply(text, ["export A='1'"]).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(f"\n{B}", "", id="separator-at-offset-zero"),
        pytest.param(f"\n\n{B}", "\n", id="one-separator-only"),
    ],
)
def test_remove_takes_one_separator(text: str, expected: str) -> None:
    assert block.remove(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(B_CRLF, id="crlf-block-alone"),
        pytest.param(f"\r\n{B_CRLF}", id="crlf-block-after-a-separator-at-zero"),
        pytest.param(f"a\r\n\r\n{B_CRLF}", id="crlf-block-after-text"),
        pytest.param(f"a\r\n\r\n{B_CRLF}b\r\n", id="crlf-block-mid-file"),
        pytest.param(f"a\r\n{B_CRLF}", id="crlf-block-after-unterminated-line"),
    ],
)
def test_converting_an_old_crlf_block_keeps_the_exact_restore(text: str) -> None:
    converted = block.apply(text, ["export A='2'"], newline="\n")
    assert "\r" not in converted.text[converted.text.index(BEGIN) :].split(END)[0]
    assert block.remove(converted.text).text == block.remove(text).text


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param("a\n", "", id="at-the-end"),
        pytest.param("a\n\n", "b\n", id="after-an-empty-line"),
    ],
)
def test_converting_a_crlf_block_after_an_lf_line_keeps_its_begin_fences_crlf(
    before: str, after: str
) -> None:
    """No separator in front (the line before ends with LF alone), yet an LF begin fence there
    would read as one: the begin fence keeps its CRLF, which tells uninstall there is none."""
    text = f"{before}{B_CRLF}{after}"
    converted = block.apply(text, ["export A='2'"], newline="\n").text
    assert converted == f"{before}{BEGIN}\r\n{OWNERSHIP}\nexport A='2'\n{END}\n{after}"
    assert block.remove(converted).text == block.remove(text).text == before + after


def test_the_ownership_comment_names_ccprofile_as_it_is_run() -> None:
    assert block.ownership() == OWNERSHIP
    assert block.ownership("/opt/tools/ccprofile") == (
        "# Managed by ccprofile: change with `/opt/tools/ccprofile set-fast-model`, remove with "
        "`/opt/tools/ccprofile uninstall`."
    )


def test_a_new_block_names_the_program_and_an_existing_one_keeps_its_comment() -> None:
    program = "/opt/tools/ccprofile"
    assert block.apply("", PAYLOAD, program=program).text == (
        f"{BEGIN}\n{block.ownership(program)}\n{PAYLOAD[0]}\n{END}\n"
    )
    # Written by another install (pipx, a venv): the same pins leave the file as it is.
    assert block.apply(BLOCK, PAYLOAD, program=program).text == BLOCK
    # A first line that is not the comment is no comment to keep, even if one follows it.
    stray = f"{BEGIN}\n{PAYLOAD[0]}\n{OWNERSHIP}\n{END}\n"
    assert block.apply(stray, PAYLOAD, program=program).text == (
        f"{BEGIN}\n{block.ownership(program)}\n{PAYLOAD[0]}\n{END}\n"
    )


@settings(max_examples=500)
@given(marker_free, marker_free, payloads, st.sampled_from(["\n", None]))
def test_property_an_update_never_changes_what_uninstall_gives_back(
    text: str, added: str, payload: list[str], newline: str | None
) -> None:
    """A file as any release left it (its block in the file's own newline, as releases before
    LF blocks wrote it, or LF), with lines added after the block later: updating the block
    (and converting it to LF) never changes what uninstall gives back."""
    old = block.apply(text, ["export A='1'"], newline=None).text + added
    expected = block.remove(old).text
    updated = block.apply(old, payload, newline=newline).text
    assert block.remove(updated).text == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            f"{BEGIN}\n{BEGIN}\n{END}\n", "nested ccprofile begin markers at lines 1 and 2", id="nested"
        ),
        pytest.param(f"x\n{END}\n", "ccprofile end marker at line 2 has no begin marker", id="end-alone"),
        pytest.param(
            f"x\ny\n{BEGIN}\n", "ccprofile begin marker at line 3 has no end marker", id="begin-alone"
        ),
    ],
)
def test_marker_errors_say_which_lines(text: str, message: str) -> None:
    with pytest.raises(MarkerError) as raised:
        block.find_blocks(text)
    assert str(raised.value) == message


def test_the_first_of_several_tails_is_the_tail() -> None:
    text = f"echo '{TAIL}'\n{TAIL}\nz\n{TAIL}\n"
    assert block.apply(text, ["export A='1'"]).text == f"echo '{TAIL}'\n\n{B}{TAIL}\nz\n{TAIL}\n"


def test_a_crlf_block_after_an_lf_line_has_no_separator_to_take() -> None:
    assert block.remove(f"a\n{B_CRLF}").text == "a\n"


def _rendered(nl: str) -> str:
    return f"{BEGIN}{nl}{OWNERSHIP}{nl}{PAYLOAD[0]}{nl}{END}"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # The end fence ends as the block does (CRLF), and the text after it stays a line of its own.
        pytest.param(f"{BEGIN}\r\n{END}\na", _rendered("\r\n") + "\r\na", id="lf-end-after-crlf-begin"),
        # A converted CRLF block after a lone LF gains no separator in front.
        pytest.param(f"\n{BEGIN}\r\n{END}", "\n" + _rendered("\r\n"), id="crlf-block-after-a-lone-lf"),
        # The duplicate goes with the blank line in front of it, judged with the first block there.
        pytest.param(
            f"{BEGIN}\n{END}\n\n{BEGIN}\n{END}\na", _rendered("\n") + "\na", id="duplicate-after-a-blank"
        ),
    ],
)
def test_what_random_files_found_in_apply(before: str, after: str) -> None:
    """Three round trips the fuzz test of test_reliability.py found broken (812a17f), here
    where the mutation run sees them."""
    assert block.apply(before, PAYLOAD).text == after
    assert block.remove(after).text == block.remove(before).text
