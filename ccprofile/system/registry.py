"""What Windows keeps in the registry that decides a new process's environment and where a
user's PowerShell profiles are.

Every process Explorer starts (the Start menu, the taskbar, Windows Terminal, an IDE) gets
the system environment with the user's (``HKCU\\Environment``) over it. The Documents folder,
under which PowerShell keeps its profiles, moves when OneDrive backs it up; the registry's
``User Shell Folders`` says where. Read with ``winreg`` on Windows; ``CCPROFILE_REGISTRY``
names a JSON file standing in for it (``{"KEY": {"NAME": "value" | {"expand": "value"}}}``), so
that the tests run Windows's rules on Linux. Anywhere else there is no registry: ``None``.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from pathlib import Path

REGISTRY_VARIABLE = "CCPROFILE_REGISTRY"
USER_ENVIRONMENT = "HKCU\\Environment"
SYSTEM_ENVIRONMENT = "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment"
SHELL_FOLDERS = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\User Shell Folders"
# cmd runs the AutoRun command of both (the machine's first) before its first prompt.
COMMAND_PROCESSORS = (
    "HKLM\\Software\\Microsoft\\Command Processor",
    "HKCU\\Software\\Microsoft\\Command Processor",
)
_PERCENT = re.compile(r"%([^%]+)%")

Values = dict[str, tuple[str, bool]]  # name: (data, whether it is REG_EXPAND_SZ)


def read_key(env: Mapping[str, str], key: str) -> Values | None:
    """The string values of ``key``; None where there is no registry or no such key."""
    fake = env.get(REGISTRY_VARIABLE)
    if fake:
        return _from_file(Path(fake), key)
    try:
        import winreg
    except ImportError:
        return None
    return _from_winreg(winreg, key)


def _from_file(path: Path, key: str) -> Values | None:
    try:
        keys = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    found = keys.get(key)
    if not isinstance(found, dict):
        return None
    values: Values = {}
    for name, value in found.items():
        if isinstance(value, str):
            values[name] = (value, False)
        elif isinstance(value, dict) and isinstance(value.get("expand"), str):
            values[name] = (value["expand"], True)
    return values


def _from_winreg(winreg: object, key: str) -> Values | None:  # pragma: no cover - Windows only
    api: object = winreg
    hive_name, _, sub_key = key.partition("\\")
    hive = getattr(api, "HKEY_CURRENT_USER" if hive_name == "HKCU" else "HKEY_LOCAL_MACHINE")
    values: Values = {}
    try:
        with getattr(api, "OpenKey")(hive, sub_key) as handle:  # noqa: B009
            index = 0
            while True:
                try:
                    name, data, kind = getattr(api, "EnumValue")(handle, index)  # noqa: B009
                except OSError:
                    break
                if isinstance(data, str):
                    values[name] = (data, kind == getattr(api, "REG_EXPAND_SZ"))  # noqa: B009
                index += 1
    except OSError:
        return None
    return values


def expand(data: str, env: Mapping[str, str]) -> str:
    """``%NAME%`` as Windows expands a REG_EXPAND_SZ value (names in any letter case; an
    unknown name stays as written)."""
    upper = {name.upper(): value for name, value in env.items()}
    return _PERCENT.sub(lambda m: upper.get(m.group(1).upper(), m.group(0)), data)


def new_process_environment(env: Mapping[str, str]) -> dict[str, str] | None:
    """The variables a process Explorer starts now gets from the registry: the system's, then
    the user's over them. None where there is no registry to read."""
    system = read_key(env, SYSTEM_ENVIRONMENT)
    user = read_key(env, USER_ENVIRONMENT)
    if system is None and user is None:
        return None
    found: dict[str, str] = {}
    for values in (system or {}, user or {}):
        for name, (data, expands) in values.items():
            found[name] = expand(data, {**env, **found}) if expands else data
    return found


def documents_folder(env: Mapping[str, str]) -> Path | None:
    """The user's Documents folder (``Personal``), wherever OneDrive or a policy moved it."""
    values = read_key(env, SHELL_FOLDERS) or {}
    if "Personal" not in values:
        return None
    data, expands = values["Personal"]
    path = expand(data, env) if expands else data
    if os.sep == "/":  # Windows's rules simulated on POSIX (the tests): \ separates there too
        path = path.replace("\\", "/")
    # Empty, relative, or with a %VARIABLE% left unexpanded: not a folder to write into.
    return Path(path) if os.path.isabs(path) and "%" not in path else None
