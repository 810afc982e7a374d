"""The small tables and checks every command reads: the scopes, and the characters a model
value or an AWS region may have before it goes into a startup file. Word for word."""

from __future__ import annotations

import dataclasses

import pytest

from ccprofile.claude import providers, scopes
from ccprofile.claude.expectations import KEYS, ExpectationError, Expected, checked_scope, drifts, parse
from ccprofile.claude.inputs import WATCHED
from ccprofile.claude.resolve import Model
from ccprofile.claude.validate import MAX_LENGTH, check_region, check_value
from ccprofile.errors import BadValue

H45 = "claude-haiku-4-5-20251001"


def test_a_scope_is_named_in_any_letter_case_and_an_unknown_one_lists_the_choices() -> None:
    assert scopes.named("Project") == "project"
    assert scopes.named("shell") == "shell"
    assert scopes.named("team") is None
    assert (
        scopes.unknown("team") == "unknown scope 'team': choose one of shell, user, project, local, managed"
    )
    assert scopes.SETTINGS_SOURCES == {
        "user": "user-settings",
        "project": "project-settings",
        "local": "local-settings",
        "managed": "managed-settings",
    }


def test_each_scope_row_says_what_its_file_is_to_the_team() -> None:
    """What the writing commands and the fixes do differently per scope comes from these
    fields: the --project scopes, the shared file a team commits, the git-ignored one, the
    administrator's."""
    rows = {s.name: (s.per_project, s.shared, s.git_ignored, s.administered) for s in scopes.TABLE}
    assert rows == {
        "shell": (False, False, False, False),
        "user": (False, False, False, False),
        "project": (True, True, False, False),
        "local": (True, False, True, False),
        "managed": (False, False, False, True),
    }
    assert scopes.PER_PROJECT == ("project", "local")
    assert list(scopes.SOURCES) == list(scopes.BY_NAME) == list(scopes.SCOPES)
    ranked = [
        "environment",
        "profile",
        "user-settings",
        "project-settings",
        "local-settings",
        "managed-settings",
    ]
    assert [scopes.rank(source) for source in ranked] == [0, 0, 1, 2, 3, 4]


def test_what_sets_each_provider_apart_is_in_its_row() -> None:
    """The provider-specific branches of selection, resolution and the warnings read these
    fields; the rows are built at import, where a mutation run cannot reach, so they are
    checked here."""
    rows = {
        p.name: (p.switch, p.background, p.named_by_user, p.serves_any_id, p.api_key_background, p.arns)
        for p in providers.TABLE
    }
    assert rows == {
        "anthropic": (None, "own", False, False, None, False),
        "gateway": (None, "primary", True, True, "anthropic", False),
        "bedrock": ("CLAUDE_CODE_USE_BEDROCK", "own-until-primary", False, False, None, True),
        "foundry": ("CLAUDE_CODE_USE_FOUNDRY", "primary", True, False, None, False),
        "anthropic_aws": ("CLAUDE_CODE_USE_ANTHROPIC_AWS", "own", False, False, None, False),
        "anthropic_google_cloud": (
            "CLAUDE_CODE_USE_ANTHROPIC_GOOGLE_CLOUD",
            "own",
            False,
            False,
            None,
            False,
        ),
        "mantle": ("CLAUDE_CODE_USE_MANTLE", "primary", False, False, None, False),
        "vertex": ("CLAUDE_CODE_USE_VERTEX", "own-until-primary", False, False, None, False),
    }
    assert {p.name: p.prefixes for p in providers.TABLE if p.prefixes} == {
        "bedrock": providers.BEDROCK_PREFIXES
    }
    assert {p.name: p.deployment for p in providers.TABLE if p.deployment} == {
        "foundry": "Foundry deployment"
    }
    assert [p.name for p in providers.TABLE if p.translates_first_party] == ["mantle"]
    assert {p.name: p.setup for p in providers.TABLE if p.setup} == {
        "bedrock": ("AWS_REGION", "AWS_DEFAULT_REGION"),
        "foundry": ("ANTHROPIC_FOUNDRY_RESOURCE", "ANTHROPIC_FOUNDRY_BASE_URL"),
        "anthropic_aws": ("AWS_REGION", "AWS_DEFAULT_REGION", "ANTHROPIC_AWS_WORKSPACE_ID"),
        "anthropic_google_cloud": ("ANTHROPIC_GOOGLE_CLOUD_PROJECT", "ANTHROPIC_GOOGLE_CLOUD_LOCATION"),
        "mantle": ("AWS_REGION", "AWS_DEFAULT_REGION"),
        "vertex": ("CLOUD_ML_REGION", "ANTHROPIC_VERTEX_PROJECT_ID"),
    }
    # A new terminal's value of each is read from its startup files, to compare with this shell's.
    assert {v for p in providers.TABLE for v in p.setup} <= set(WATCHED)
    assert all(p.column == ("first_party" if p.name == "anthropic" else p.name) for p in providers.TABLE)


def test_a_value_a_probed_shell_got_from_a_line_the_scan_could_not_follow_is_the_shells() -> None:
    """`status --probe --check` with `scope = "shell"`: a pin set by such a line is where the
    team expects it, not a drift to another place."""
    pinned = Model(H45, "untraced", "ANTHROPIC_SMALL_FAST_MODEL")
    expected = Expected(background=H45, scope="shell", stated={"background": "x:1", "scope": "x:2"})
    assert list(drifts(expected, [("background", pinned, pinned)])) == []
    assert [
        d.wrong_scope
        for d in drifts(dataclasses.replace(expected, scope="user"), [("background", pinned, None)])
    ] == [True]


@pytest.mark.parametrize(
    ("value", "on"),
    [("1", True), ("true", True), (" Yes ", True), ("ON", True), ("0", False), ("", False), ("no", False)],
)
def test_a_provider_switch_is_on_as_claude_code_reads_it(value: str, on: bool) -> None:
    assert providers.is_truthy(value) is on
    selected = providers.detect_provider({"CLAUDE_CODE_USE_VERTEX": value})
    assert selected == ("vertex" if on else "anthropic")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        pytest.param("", "the model is empty: give a model ID such as claude-haiku-4-5-20251001", id="empty"),
        pytest.param(
            "x" * (MAX_LENGTH + 1),
            f"the model is {MAX_LENGTH + 1} characters long; the limit is {MAX_LENGTH}",
            id="too-long",
        ),
        pytest.param(
            "a b",
            "invalid model 'a b': it contains a space; a model ID has only letters, digits and . - _ : @ / [ ]",
            id="space",
        ),
        pytest.param(
            "a$b",
            "invalid model 'a$b': it contains a '$'; a model ID has only letters, digits and . - _ : @ / [ ]",
            id="dollar",
        ),
        pytest.param(
            "a=b",
            "invalid model 'a=b': it contains '='; a model ID has only letters, digits and . - _ : @ / [ ]",
            id="a-character-without-a-name",
        ),
    ],
)
def test_a_model_value_that_could_break_a_startup_file_is_refused(value: str, message: str) -> None:
    with pytest.raises(BadValue) as refused:
        check_value(value)
    assert str(refused.value) == message


def test_the_longest_allowed_value_and_every_allowed_character_pass() -> None:
    longest = "x" * MAX_LENGTH
    assert check_value(longest) == longest
    assert (
        check_value("us.anthropic.claude-haiku-4-5:0/a_b@c[1m]")
        == "us.anthropic.claude-haiku-4-5:0/a_b@c[1m]"
    )


def test_an_aws_region_has_a_regions_shape() -> None:
    assert check_region("us-gov-west-1") == "us-gov-west-1"
    with pytest.raises(BadValue) as refused:
        check_region("mars")
    assert str(refused.value) == "invalid AWS region 'mars': a region looks like us-west-2 or eu-central-1"


def test_a_teams_file_is_read_with_each_value_and_the_line_that_states_it() -> None:
    """Comments and blank lines anywhere; double or single quotes; the scope in any case."""
    text = '# the team\'s pins\n\nfast-model = \'claude-haiku-4-5\'  # cheap\n\n# primary\nmodel = "opus"\nscope = "Project"\n'
    assert parse(text, "/r/.ccprofile.toml") == Expected(
        "claude-haiku-4-5",
        "opus",
        "project",
        {
            "background": "/r/.ccprofile.toml:3",
            "primary": "/r/.ccprofile.toml:6",
            "scope": "/r/.ccprofile.toml:7",
        },
        "/r/.ccprofile.toml",
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("fast-model: x\n", "F:1: expected key = \"value\", found 'fast-model: x'"),
        ('# ok\nmodels = "x"\n', f"F:2: unknown key 'models': the keys are {', '.join(KEYS)}"),
        ('model = "a"\nmodel = "b"\n', "F:2: model is given twice"),
        ('model = "  "\n', "F:1: model is empty"),
        ('scope = "team"\n', f"F:1: {scopes.unknown('team')}"),
    ],
)
def test_a_broken_teams_file_is_refused_naming_the_file_and_line(text: str, message: str) -> None:
    with pytest.raises(ExpectationError) as raised:
        parse(text, "F")
    assert str(raised.value) == message


def test_an_expected_scope_from_the_command_line_is_checked_and_said_as_such() -> None:
    with pytest.raises(ExpectationError) as raised:
        checked_scope(Expected(scope="team"))
    assert str(raised.value) == f"the expected scope: {scopes.unknown('team')}"
    flags = Expected(scope="LOCAL", stated={"scope": "--expect-scope"})
    assert checked_scope(flags) == Expected(scope="local", stated={"scope": "--expect-scope"})


def test_flags_over_a_file_keep_the_files_name_and_its_other_values() -> None:
    file = Expected("a", "b", "user", {"background": "F:1", "primary": "F:2"}, "F")
    flags = Expected(primary="c", stated={"primary": "--expect-model"})
    assert flags.over(file) == Expected(
        "a", "c", "user", {"background": "F:1", "primary": "--expect-model"}, "F"
    )


@pytest.mark.parametrize(
    ("scope", "shown", "cited"),
    [
        ("shell", "a shell startup file", "F:2"),
        ("project", "project settings", "F:2"),
        (None, H45, "F:1"),
    ],
)
def test_a_drift_says_what_was_expected_and_where_it_was_stated(
    scope: str | None, shown: str, cited: str
) -> None:
    """The right model from the wrong place names the expected place and the scope's line;
    another model names the expected ID and its own line."""
    stated = {"background": "F:1", "scope": "F:2"} if scope else {"background": "F:1"}
    wrong = Model(H45, "user-settings", "ANTHROPIC_SMALL_FAST_MODEL", "/h/.claude/settings.json")
    if scope is None:
        wrong = Model("claude-haiku-5-5", "default", None, selected=False)
    [drift] = drifts(Expected(background=H45, scope=scope, stated=stated), [("background", wrong, wrong)])
    assert (drift.where, drift.expected, drift.stated, drift.wrong_scope) == (
        "this shell or a new terminal",
        shown,
        cited,
        scope is not None,
    )
