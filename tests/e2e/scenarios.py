"""The configurations the end-to-end suite checks against the real Claude Code.

Each one is a setup a user plausibly has; the assertion is always the same (what ``ccprofile
status`` reports equals what Claude Code sent), so expected models are deliberately not listed:
the client is the oracle, which keeps the matrix valid for whatever version is installed.
"""

from __future__ import annotations

from tests.e2e.harness import ANTHROPIC_KEY, Scenario

HAIKU_45 = "claude-haiku-4-5-20251001"
SONNET_45 = "claude-sonnet-4-5-20250929"
OPUS_45 = "claude-opus-4-5-20251101"

SCENARIOS = (
    # The Anthropic API itself (no ANTHROPIC_BASE_URL), reached through an HTTPS proxy.
    Scenario("anthropic API, no pin", provider="anthropic"),
    Scenario("anthropic API, pin", provider="anthropic", pin=[HAIKU_45]),
    # The pin alone, written into each shell's own startup file.
    Scenario("pin only, bash", pin=[HAIKU_45]),
    Scenario("pin only, zsh, friendly name", shell="zsh", pin=["haiku-4.5"]),
    Scenario("pin only, fish", shell="fish", pin=[HAIKU_45]),
    # The other commands: the primary pinned too, then everything undone again.
    Scenario("set-model pins the primary too", pin=[HAIKU_45], then=[["set-model", SONNET_45]]),
    Scenario(
        "unset-fast-model keeps the primary pin",
        pin=[HAIKU_45],
        then=[["set-model", SONNET_45], ["unset-fast-model"]],
    ),
    Scenario(
        "uninstall takes the pins away",
        shell="zsh",
        pin=[HAIKU_45],
        then=[["set-model", SONNET_45], ["uninstall"]],
    ),
    # A terminal that loaded the pin, then removed it: status there must not promise the old pin
    # to new terminals (they do not inherit this shell's variables).
    Scenario(
        "uninstall typed in a terminal that loaded the pin",
        shell="zsh",
        pin=[HAIKU_45],
        then=[["set-model", SONNET_45]],
        in_loaded_shell=[["uninstall"]],
    ),
    Scenario(
        "unset-fast-model typed in a terminal that loaded the pin",
        shell="bash",
        pin=[HAIKU_45],
        then=[["set-model", SONNET_45]],
        in_loaded_shell=[["unset-fast-model"]],
    ),
    Scenario(
        "unset-fast-model typed in a fish that loaded the pin",
        shell="fish",
        pin=[HAIKU_45],
        in_loaded_shell=[["unset-fast-model"]],
    ),
    # A startup file saved on Windows: the block ccprofile adds is LF, so the value is exact.
    Scenario("pin in a CRLF .bashrc", pin=[HAIKU_45], crlf=True),
    Scenario("pin in a CRLF .zshrc", shell="zsh", pin=[HAIKU_45], crlf=True),
    # Settings files write their env over the shell's.
    Scenario(
        "user settings override written after the pin",
        shell="zsh",
        pin=[HAIKU_45],
        user_after_pin={"env": {"ANTHROPIC_SMALL_FAST_MODEL": SONNET_45}},
    ),
    Scenario(
        "pin beaten by user settings env",
        pin=[HAIKU_45],
        user={"env": {"ANTHROPIC_SMALL_FAST_MODEL": SONNET_45}},
    ),
    Scenario(
        "project settings beaten by local settings",
        pin=[HAIKU_45],
        project={"env": {"ANTHROPIC_SMALL_FAST_MODEL": SONNET_45}, "model": SONNET_45},
        local={"env": {"ANTHROPIC_SMALL_FAST_MODEL": OPUS_45}, "model": OPUS_45},
    ),
    Scenario(
        "project settings over user settings",
        user={"model": OPUS_45},
        project={"env": {"ANTHROPIC_DEFAULT_HAIKU_MODEL": SONNET_45}, "model": SONNET_45},
    ),
    # An empty string in settings env counts as unset, so the next variable or the default shows.
    Scenario(
        "empty override, both variables pinned",
        pin=[HAIKU_45],
        user={"env": {"ANTHROPIC_SMALL_FAST_MODEL": ""}},
    ),
    Scenario(
        "empty override, --only-small-fast",
        pin=[HAIKU_45, "--only-small-fast"],
        user={"env": {"ANTHROPIC_SMALL_FAST_MODEL": ""}},
    ),
    Scenario("ANTHROPIC_DEFAULT_HAIKU_MODEL only", exports={"ANTHROPIC_DEFAULT_HAIKU_MODEL": HAIKU_45}),
    Scenario(
        "both variables, small-fast wins",
        exports={"ANTHROPIC_SMALL_FAST_MODEL": SONNET_45, "ANTHROPIC_DEFAULT_HAIKU_MODEL": HAIKU_45},
    ),
    # A gateway with nothing pinned sends titles to the primary model.
    Scenario("gateway, no pin"),
    Scenario("gateway, no pin, ANTHROPIC_MODEL exported", exports={"ANTHROPIC_MODEL": SONNET_45}),
    Scenario("gateway, no pin, settings model key", user={"model": SONNET_45}),
    # ... unless the key is an Anthropic API key: then the Anthropic API's default holds.
    Scenario("gateway, no pin, Anthropic API key", api_key=ANTHROPIC_KEY),
    Scenario(
        "gateway, no pin, Anthropic API key in settings env",
        user={"env": {"ANTHROPIC_API_KEY": ANTHROPIC_KEY}},
    ),
    Scenario(
        "gateway, no pin, Anthropic API key and ANTHROPIC_AUTH_TOKEN",
        api_key=ANTHROPIC_KEY,
        auth_token="ccprofile-e2e-token",
    ),
    Scenario(
        "empty override, --only-small-fast, Anthropic API key",
        api_key=ANTHROPIC_KEY,
        pin=[HAIKU_45, "--only-small-fast"],
        user={"env": {"ANTHROPIC_SMALL_FAST_MODEL": ""}},
    ),
    # Aliases are resolved for the primary model.
    Scenario(
        "ANTHROPIC_MODEL alias with its DEFAULT variable",
        pin=[HAIKU_45],
        exports={"ANTHROPIC_MODEL": "sonnet", "ANTHROPIC_DEFAULT_SONNET_MODEL": SONNET_45},
    ),
    Scenario(
        "ANTHROPIC_MODEL alias, no pin",
        exports={"ANTHROPIC_MODEL": "opus", "ANTHROPIC_DEFAULT_OPUS_MODEL": OPUS_45},
    ),
    # Bedrock and Vertex: provider-specific IDs and defaults.
    Scenario("bedrock, no pin", provider="bedrock"),
    Scenario("bedrock, pin", provider="bedrock", pin=["haiku-4.5"]),
    Scenario(
        "bedrock, no pin, primary selected",
        provider="bedrock",
        exports={"ANTHROPIC_MODEL": "us.anthropic.claude-opus-4-5-20251101-v1:0"},
    ),
    Scenario("vertex, no pin", provider="vertex"),
    Scenario("vertex, pin", provider="vertex", pin=["haiku-4.5"], shell="zsh"),
    Scenario(
        "vertex, no pin, primary selected", provider="vertex", user={"model": "claude-opus-4-5@20251101"}
    ),
    Scenario("foundry, no pin", provider="foundry"),
    Scenario("foundry, pin", provider="foundry", pin=["haiku-4.5"]),
    # Bedrock's cross-region prefix follows the region Claude Code uses (AWS_REGION, then
    # AWS_DEFAULT_REGION; ANTHROPIC_BEDROCK_REGION_PREFIX over it): for its defaults and aliases.
    Scenario("bedrock in eu-west-1, no pin", provider="bedrock", exports={"AWS_REGION": "eu-west-1"}),
    Scenario(
        "bedrock in ap-northeast-1, ANTHROPIC_MODEL=haiku",
        provider="bedrock",
        exports={"AWS_REGION": "ap-northeast-1", "ANTHROPIC_MODEL": "haiku"},
    ),
    Scenario(
        "bedrock in ca-central-1 by AWS_DEFAULT_REGION, no pin",
        provider="bedrock",
        exports={"AWS_REGION": "", "AWS_DEFAULT_REGION": "ca-central-1"},
    ),
    Scenario(
        "bedrock in eu-west-1 with a us. pin and a prefix set",
        provider="bedrock",
        pin=["haiku-4.5"],
        exports={"AWS_REGION": "eu-west-1", "ANTHROPIC_BEDROCK_REGION_PREFIX": "global"},
    ),
    # Aliases mean other models on other providers (Bedrock's `sonnet` is Sonnet 4.5).
    Scenario("bedrock, ANTHROPIC_MODEL=sonnet", provider="bedrock", exports={"ANTHROPIC_MODEL": "sonnet"}),
    Scenario("bedrock, ANTHROPIC_MODEL=haiku", provider="bedrock", exports={"ANTHROPIC_MODEL": "haiku"}),
    Scenario("vertex, ANTHROPIC_MODEL=sonnet", provider="vertex", exports={"ANTHROPIC_MODEL": "sonnet"}),
    Scenario("vertex, ANTHROPIC_MODEL=haiku", provider="vertex", exports={"ANTHROPIC_MODEL": "haiku"}),
    # Bedrock Mantle: the background follows the primary, and first-party IDs are translated.
    Scenario("mantle, no pin", provider="mantle"),
    Scenario("mantle, pin", provider="mantle", pin=["haiku-4.5"]),
    Scenario(
        "mantle, first-party IDs exported",
        provider="mantle",
        exports={"ANTHROPIC_SMALL_FAST_MODEL": "claude-haiku-5-5", "ANTHROPIC_MODEL": "opus"},
    ),
    Scenario("mantle, ANTHROPIC_MODEL=sonnet", provider="mantle", exports={"ANTHROPIC_MODEL": "sonnet"}),
    # Claude Platform on AWS and on Google Cloud: a small model of their own, as first party.
    Scenario("anthropic_aws, no pin", provider="anthropic_aws"),
    Scenario("anthropic_aws, pin", provider="anthropic_aws", pin=["haiku-5.5"]),
    Scenario(
        "anthropic_aws, ANTHROPIC_MODEL=sonnet",
        provider="anthropic_aws",
        exports={"ANTHROPIC_MODEL": "sonnet"},
    ),
    Scenario("anthropic_google_cloud, no pin", provider="anthropic_google_cloud"),
    Scenario(
        "anthropic_google_cloud, ANTHROPIC_MODEL=haiku",
        provider="anthropic_google_cloud",
        exports={"ANTHROPIC_MODEL": "haiku"},
    ),
    Scenario(
        "anthropic_google_cloud, ANTHROPIC_MODEL=sonnet",
        provider="anthropic_google_cloud",
        exports={"ANTHROPIC_MODEL": "sonnet", "ANTHROPIC_SMALL_FAST_MODEL": "claude-haiku-5-5"},
    ),
    # modelOverrides maps first-party IDs (dated where the catalog's are) to the IDs sent.
    Scenario(
        "modelOverrides in user settings, gateway",
        user={
            "modelOverrides": {"claude-opus-5-5": "x-opus-override", "claude-haiku-5-5": "x-haiku-override"}
        },
    ),
    Scenario(
        "modelOverrides in project settings over the user's, anthropic API",
        provider="anthropic",
        user={"modelOverrides": {"claude-haiku-5-5": "x-user-override"}},
        project={"modelOverrides": {"claude-opus-5-5": "x-project-override"}},
    ),
    Scenario(
        "modelOverrides on bedrock rewrite a pin and an alias",
        provider="bedrock",
        pin=["haiku-4.5"],
        exports={"ANTHROPIC_MODEL": "sonnet"},
        user={
            "modelOverrides": {
                "claude-haiku-4-5-20251001": "x-haiku45-override",
                "claude-sonnet-4-5-20250929": "x-sonnet45-override",
                "claude-haiku-4-5": "x-undated-key-is-not-used",
            }
        },
    ),
    # Two switches: Claude Code takes Mantle over Vertex.
    Scenario(
        "mantle and vertex both switched on",
        provider="mantle",
        exports={"CLAUDE_CODE_USE_VERTEX": "1", "ANTHROPIC_MODEL": "haiku"},
    ),
    # Pins written into Claude Code's settings files (--scope): both models, then undone.
    Scenario(
        "scope user: both pins",
        pin=[HAIKU_45, "--scope", "user"],
        then=[["set-model", SONNET_45, "--scope", "user"]],
    ),
    Scenario(
        "scope project: both pins",
        shell="zsh",
        pin=[HAIKU_45, "--scope", "project"],
        then=[["set-model", SONNET_45, "--scope", "project"]],
    ),
    Scenario(
        "scope local: both pins, over the user's settings",
        pin=[HAIKU_45, "--scope", "local"],
        then=[["set-model", OPUS_45, "--scope", "local"]],
        user={"env": {"ANTHROPIC_SMALL_FAST_MODEL": SONNET_45}, "theme": "dark"},
    ),
    Scenario(
        "scope user: pins, then uninstall",
        pin=[HAIKU_45, "--scope", "user"],
        then=[["set-model", SONNET_45, "--scope", "user"], ["uninstall", "--scope", "user"]],
    ),
    Scenario(
        "scope project and local: pins, then uninstall --all",
        pin=[HAIKU_45, "--scope", "project"],
        then=[["set-model", SONNET_45, "--scope", "local"], ["uninstall", "--all"]],
    ),
    Scenario(
        "scope project: the pin beats the user's shell export",
        shell="zsh",
        exports={"ANTHROPIC_SMALL_FAST_MODEL": SONNET_45},
        pin=[HAIKU_45, "--scope", "project"],
    ),
    # Started in a subdirectory of a git repository: project settings come from the start
    # directory only, local settings from the repository root too.
    Scenario(
        "start in a subdirectory: the root's project and local settings",
        start_in="src",
        project={"env": {"ANTHROPIC_SMALL_FAST_MODEL": SONNET_45}},
        local={"model": OPUS_45},
    ),
    Scenario(
        "start in a subdirectory: its own local file over the root's",
        start_in="src",
        local={"env": {"ANTHROPIC_SMALL_FAST_MODEL": SONNET_45}, "model": OPUS_45},
        files={"src/.claude/settings.local.json": {"env": {"ANTHROPIC_SMALL_FAST_MODEL": HAIKU_45}}},
    ),
    Scenario(
        "start in a subdirectory: its own local file alone",
        start_in="src",
        files={
            "src/.claude/settings.local.json": {
                "env": {"ANTHROPIC_SMALL_FAST_MODEL": HAIKU_45},
                "model": OPUS_45,
            }
        },
    ),
    Scenario(
        "start in a subdirectory: its own project file",
        start_in="src",
        project={"model": OPUS_45},
        files={"src/.claude/settings.json": {"model": SONNET_45}},
    ),
    Scenario(
        "scope project from a subdirectory writes at the root",
        start_in="src",
        pin=[HAIKU_45, "--scope", "project"],
    ),
    Scenario(
        "scope local from a subdirectory writes at the root",
        start_in="src/lib",
        pin=[HAIKU_45, "--scope", "local"],
        then=[["set-model", SONNET_45, "--scope", "local"]],
    ),
    # Aliases as each provider resolves them (opusplan outside plan mode is sonnet; fable has a
    # variable of its own; "default" is no alias and is sent as it is).
    Scenario(
        "bedrock, ANTHROPIC_MODEL=opusplan", provider="bedrock", exports={"ANTHROPIC_MODEL": "opusplan"}
    ),
    Scenario(
        "vertex, fable redefined by ANTHROPIC_DEFAULT_FABLE_MODEL",
        provider="vertex",
        exports={"ANTHROPIC_MODEL": "fable", "ANTHROPIC_DEFAULT_FABLE_MODEL": "x-fable"},
    ),
    Scenario("foundry, ANTHROPIC_MODEL=opus", provider="foundry", exports={"ANTHROPIC_MODEL": "opus"}),
    Scenario("gateway, ANTHROPIC_MODEL=default", exports={"ANTHROPIC_MODEL": "default"}),
    # A chain of modelOverrides: a default or an alias is mapped as it is resolved and once
    # more as it is sent; an ID pinned as such once.
    Scenario(
        "a chain of modelOverrides, a default primary and its subagent",
        provider="anthropic",
        agent="general-purpose",
        claude_args=("--permission-mode", "default"),
        user={
            "modelOverrides": {
                "claude-opus-5-5": "claude-sonnet-5-5",
                "claude-sonnet-5-5": "claude-haiku-5-5",
                "claude-haiku-5-5": "x-final",
            }
        },
    ),
    Scenario(
        "a chain of modelOverrides, the default background",
        provider="anthropic",
        user={"modelOverrides": {"claude-haiku-5-5": "claude-sonnet-5-5", "claude-sonnet-5-5": "x-two"}},
    ),
    Scenario(
        "a chain of modelOverrides, an ID pinned",
        provider="anthropic",
        exports={"ANTHROPIC_MODEL": "claude-opus-5-5"},
        user={"modelOverrides": {"claude-opus-5-5": "claude-sonnet-5-5", "claude-sonnet-5-5": "x-two"}},
    ),
    # Subagents: the fake API answers the main request with a subagent call.
    Scenario(
        "subagent general-purpose, nothing pinned",
        provider="anthropic",
        agent="general-purpose",
        claude_args=("--permission-mode", "default"),
    ),
    Scenario(
        "subagent general-purpose, set-subagent-model haiku",
        provider="anthropic",
        then=[["set-subagent-model", "haiku"]],
        exports={"ANTHROPIC_DEFAULT_HAIKU_MODEL": "x-haiku"},
        agent="general-purpose",
        claude_args=("--permission-mode", "default"),
    ),
    Scenario(
        "subagent Explore ignores the subagent pin",
        provider="anthropic",
        then=[["set-subagent-model", "claude-haiku-5-5"]],
        agent="Explore",
        claude_args=("--permission-mode", "default"),
    ),
    Scenario(
        "subagent pin in user settings, gateway",
        user={"env": {"CLAUDE_CODE_SUBAGENT_MODEL": "x-sub"}},
        exports={"ANTHROPIC_MODEL": "x-main"},
        agent="general-purpose",
        claude_args=("--permission-mode", "default"),
    ),
    # Fallback: the fake API answers the primary model with 529 (overloaded).
    Scenario(
        "fallbackModel after 529, first-party",
        provider="anthropic",
        user={"fallbackModel": ["sonnet"]},
        fail={"claude-opus-5-5": 529},
    ),
    Scenario(
        "fallbackModel after 529, gateway",
        exports={"ANTHROPIC_MODEL": "x-main"},
        user={"fallbackModel": ["x-fallback"]},
        fail={"x-main": 529},
    ),
    # Managed settings (/etc/claude-code), in a mount namespace of the scenario's own.
    Scenario(
        "modelOverrides in managed settings, bedrock",
        provider="bedrock",
        managed={
            "modelOverrides": {
                "claude-opus-5-5": "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/opus"
            }
        },
    ),
    Scenario(
        "managed model over user settings, gateway",
        user={"model": "x-user"},
        managed={"model": "x-managed"},
    ),
    # The organisation's model policy (availableModels, enforceAvailableModels, deniedModels).
    Scenario(
        "availableModels refuses the pinned primary",
        provider="anthropic",
        exports={"ANTHROPIC_MODEL": "claude-haiku-5-5"},
        user={"availableModels": ["sonnet"]},
    ),
    Scenario(
        "availableModels refuses a pin of the model the default is",
        provider="anthropic",
        exports={"ANTHROPIC_MODEL": "opus"},
        user={"availableModels": ["sonnet", "haiku"]},
    ),
    Scenario(
        "availableModels enforced, gateway",
        exports={"ANTHROPIC_MODEL": "x-main"},
        user={"availableModels": ["claude-sonnet-5-5"], "enforceAvailableModels": True},
    ),
    Scenario(
        "availableModels enforced, bedrock, nothing pinned",
        provider="bedrock",
        project={"availableModels": ["claude-sonnet-5-5"], "enforceAvailableModels": True},
    ),
    Scenario(
        "managed deniedModels sends the background to the primary",
        provider="anthropic",
        managed={"deniedModels": ["claude-haiku-5-5"]},
    ),
    Scenario(
        "managed availableModels over the user's enforce",
        provider="anthropic",
        exports={"ANTHROPIC_MODEL": "claude-haiku-5-5"},
        user={"enforceAvailableModels": True},
        managed={"availableModels": ["claude-sonnet-5-5"]},
    ),
    Scenario(
        "managed deniedModels refuses a model the user's enforced list allows",
        provider="anthropic",
        exports={"ANTHROPIC_MODEL": "claude-opus-5-5"},
        user={"availableModels": ["claude-haiku-5-5", "claude-opus-5-5"], "enforceAvailableModels": True},
        managed={"deniedModels": ["opus"]},
    ),
    Scenario(
        "the enforced list's first entry is the denied model chosen",
        provider="anthropic",
        exports={"ANTHROPIC_MODEL": "claude-opus-5-5"},
        managed={
            "availableModels": ["claude-opus-5-5", "claude-haiku-5-5"],
            "enforceAvailableModels": True,
            "deniedModels": ["opus"],
        },
    ),
    Scenario(
        "an enforced list passes over a name that is no Claude model ID",
        provider="anthropic",
        user={"availableModels": ["x-custom", "claude-haiku-5-5"], "enforceAvailableModels": True},
    ),
    Scenario(
        "an enforced list with nothing usable keeps the default",
        provider="anthropic",
        user={"availableModels": ["x-custom", "claude-haiku-5-5"], "enforceAvailableModels": True},
        managed={"deniedModels": ["haiku"]},
    ),
    Scenario(
        "a list steers a denied default's step down",
        provider="anthropic",
        user={"availableModels": ["claude-haiku-5-5"]},
        managed={"deniedModels": ["opus"]},
    ),
    Scenario(
        "a denied ID steps down to its family's newest other model",
        provider="anthropic",
        user={"availableModels": ["sonnet", "haiku"]},
        managed={"deniedModels": ["opus", "claude-sonnet-5-5"]},
    ),
    # A wrong type makes Claude Code skip the whole file (its model and env too).
    Scenario(
        "a settings file with a malformed modelOverrides is skipped whole",
        user={"modelOverrides": "x", "model": "x-user", "env": {"ANTHROPIC_SMALL_FAST_MODEL": "x-fast"}},
    ),
    Scenario(
        "deniedModels in user settings is ignored",
        provider="anthropic",
        user={"deniedModels": ["claude-haiku-5-5"]},
    ),
)
