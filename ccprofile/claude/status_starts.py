"""What status says about the ways a claude starts: the start a new terminal uses and the
other one, what each start's reading leaves unseen, the other launchers on macOS and Windows,
and the warnings about them."""

from __future__ import annotations

from collections.abc import Sequence

from ccprofile.claude import fixes, resolve, starts
from ccprofile.claude.fixes import Command
from ccprofile.claude.inputs import Inputs
from ccprofile.claude.layers import models_sent, terminal_base
from ccprofile.claude.report import View
from ccprofile.claude.warnings import StatusWarning
from ccprofile.startup.scanned import Unseen

# typing costs status 3 ms to import; these annotations are never evaluated.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ccprofile.claude import launchers
    from ccprofile.startup.home_snapshot import Home
    from ccprofile.startup.shells import Shell

# Why a launcher that starts the user's shell has no models: there is no shell to read.
NO_SHELL = "no shell was found"


def launched(inputs: Inputs) -> tuple[launchers.LauncherView, ...]:
    session = inputs.launch_session
    if session is None:
        return ()
    from ccprofile.claude import launchers

    views = []
    inherits = session.source if session.env is not None else launchers.INHERITS[inputs.platform]
    for launcher, scan, unseen in inputs.launchers:
        reads = (inherits, *(str(path) for path in (scan.files if scan else ())))
        reads += tuple(str(document.path) for document in inputs.settings)
        if session.env is None:
            views.append(launchers.LauncherView(launcher, reads, None, None, f"{session.source}", unseen))
            continue
        if launcher.shell == launchers.USERS_SHELL and scan is None:
            why = NO_SHELL
            views.append(launchers.LauncherView(launcher, reads, None, None, why, unseen))
            continue
        composed = resolve.compose(*terminal_base(session, scan), inputs.settings)
        background, primary = models_sent(composed, inputs.settings, inputs.catalog, inputs.aws_config_region)
        unseen += tuple(f"{u.path}:{u.line}: {u.reason}" for u in (scan.unseen if scan else ()))
        views.append(launchers.LauncherView(launcher, reads, background, primary, "", unseen))
    return tuple(views)


def terminal_start(inputs: Inputs) -> str:
    return starts.start_of(inputs.scan.login) if inputs.shell is not None else starts.NON_LOGIN


def other_start(inputs: Inputs) -> str:
    return starts.other(terminal_start(inputs))


def unseen_per_start(inputs: Inputs) -> tuple[tuple[str, Unseen], ...]:
    scans = [inputs.scan, *([inputs.other] if inputs.other is not None else [])]
    if inputs.shell is None:
        return ()
    found = [(starts.start_of(scan.login), item) for scan in scans for item in scan.unseen]
    return tuple(dict.fromkeys(found))


def start_warnings(inputs: Inputs, views: Sequence[View]) -> tuple[StatusWarning, ...]:
    """Where the other start gets other models, and where the prediction is not certain."""
    if inputs.shell is None:
        return ()
    home = inputs.session_home
    found: list[StatusWarning] = []
    if inputs.other is not None:
        for kind, view in zip(("background", "primary"), views, strict=True):
            if view.new_shell is None or view.other is None:
                continue
            said = starts.difference(
                kind,
                inputs.shell,
                home,
                view.new_shell,
                view.other,
                inputs.scan,
                inputs.other,
                inputs.platform,
            )
            if said is not None:
                found.append(StatusWarning("login-shells-differ", said[0][0].upper() + said[0][1:], said[1]))
    for path in inputs.blocks:
        read = path in inputs.scan.files or (inputs.other is not None and path in inputs.other.files)
        # Where a line could not be followed, `uncertain` says so: no claim it is not read.
        if not read and inputs.scan.certain:
            reason, repair = starts.unread(inputs.shell, home, path, inputs.scan, inputs.blocks[path])
            removal = (
                ", or " if repair else "",
                "remove the block: ",
                Command(fixes.UNINSTALL, file=str(path)),
            )
            found.append(
                StatusWarning(
                    "block-not-read",
                    f"{path} holds ccprofile's block, but a new {inputs.shell.name} does not read it: "
                    f"{reason}.",
                    (*repair, *removal),
                )
            )
    return (*found, *_uncertain(inputs, inputs.shell, home))


def _uncertain(inputs: Inputs, shell: Shell, home: Home) -> tuple[StatusWarning, ...]:
    """Lines a static reading cannot follow, in the starts the probe did not run."""
    probed = {
        start
        for start, env in (
            (terminal_start(inputs), inputs.probed),
            (other_start(inputs), inputs.probed_other),
        )
        if env is not None
    }
    # A CRLF file has a warning of its own, whose fix ends the doubt too: one problem, one fix.
    crlf = set(inputs.scan.crlf)
    unseen = [item for item in unseen_per_start(inputs) if item[0] not in probed and item[1].path not in crlf]
    if not unseen:
        return ()
    lines = starts.unseen_words(unseen, home, both=inputs.other is not None)
    who = f"a new {shell.name}"
    if {start for start, _ in unseen} == {other_start(inputs)}:
        who = starts.described(shell.name, other_start(inputs), inputs.platform)
    return (
        StatusWarning(
            "uncertain",
            f"What {who} exports is not certain: ccprofile reads startup files "
            f"without running them, and cannot follow {'these lines' if len(lines) > 1 else 'this line'}: "
            f"{'; '.join(lines)}.",
            (Command(fixes.PROBE), " starts one and shows what it really exports"),
        ),
    )
