"""ccprofile as a real package: built, checked and installed the way a user gets it.

The distribution is ``ccprofile-cli`` (``ccprofile`` on the package index is another
project's); the command and the import name stay ``ccprofile``, and the version lives in one
place, ``ccprofile/__init__.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ccprofile import __version__

ROOT = Path(__file__).resolve().parents[1]


def _run(args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=600, check=False, env=env)


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An sdist and a wheel, built from this checkout as `python -m build` builds them."""
    out = tmp_path_factory.mktemp("dist")
    built = _run([sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", str(out), str(ROOT)])
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    return out


def test_the_sdist_and_wheel_pass_twine_check_and_carry_one_version(dist: Path) -> None:
    wheel = next(dist.glob("*.whl"))
    sdist = next(dist.glob("*.tar.gz"))
    assert wheel.name == f"ccprofile_cli-{__version__}-py3-none-any.whl"
    assert sdist.name == f"ccprofile_cli-{__version__}.tar.gz"
    checked = _run([sys.executable, "-m", "twine", "check", "--strict", str(wheel), str(sdist)])
    assert checked.returncode == 0, checked.stdout + checked.stderr
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = archive.read(f"ccprofile_cli-{__version__}.dist-info/METADATA").decode()
    # The data the program reads at run time, and the marker that its types are checked.
    assert "ccprofile/claude/catalog.json" in names and "ccprofile/py.typed" in names
    assert "Name: ccprofile-cli" in metadata and f"Version: {__version__}" in metadata
    assert "Requires-Python: >=3.10" in metadata and "Classifier: Typing :: Typed" in metadata


def test_the_wheel_installs_with_pip_into_a_clean_environment_and_runs(dist: Path, tmp_path: Path) -> None:
    """A fresh virtualenv, the wheel and its dependencies from the index: `ccprofile`
    runs, prints the one version, and reads its catalog (which only the wheel's data has)."""
    venv = tmp_path / "venv"
    assert _run([sys.executable, "-m", "venv", str(venv)]).returncode == 0
    wheel = next(dist.glob("*.whl"))
    installed = _run([str(venv / "bin" / "pip"), "install", "-q", str(wheel)])
    assert installed.returncode == 0, installed.stderr[-2000:]
    env = {**os.environ, "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    version = _run([str(venv / "bin" / "ccprofile"), "--version"], env=env)
    assert version.stdout == f"ccprofile {__version__}\n", version.stderr
    models = _run([str(venv / "bin" / "ccprofile"), "models", "--json", "--family", "haiku"], env=env)
    assert models.returncode == 0 and '"claude-haiku-4-5-20251001"' in models.stdout, models.stderr


def _tool_env(tmp_path: Path) -> dict[str, str]:
    """Every folder pipx and uv write to, inside this test's directory."""
    return {
        **os.environ,
        "PIPX_HOME": str(tmp_path / "pipx-home"),
        "PIPX_BIN_DIR": str(tmp_path / "bin"),
        "PIPX_MAN_DIR": str(tmp_path / "man"),
        "UV_TOOL_DIR": str(tmp_path / "uv-tools"),
        "UV_TOOL_BIN_DIR": str(tmp_path / "bin"),
        "UV_CACHE_DIR": str(tmp_path / "uv-cache"),
        "UV_PYTHON": sys.executable,
    }


@pytest.mark.parametrize("installer", ["pipx", "uv"])
def test_the_wheel_installs_as_a_tool_with_pipx_and_uv(dist: Path, tmp_path: Path, installer: str) -> None:
    """How users install a command-line tool: each puts `ccprofile` in its bin folder, which
    runs from any directory and prints the one version."""
    wheel = next(dist.glob("*.whl"))
    env = _tool_env(tmp_path)
    command = {
        "pipx": [sys.executable, "-m", "pipx", "install", str(wheel)],
        "uv": [str(Path(sys.executable).parent / "uv"), "tool", "install", str(wheel)],
    }[installer]
    installed = _run(command, env=env)
    assert installed.returncode == 0, installed.stdout[-2000:] + installed.stderr[-2000:]
    program = tmp_path / "bin" / "ccprofile"
    version = _run([str(program), "--version"], env=env)
    assert version.stdout == f"ccprofile {__version__}\n", version.stderr


OLDEST_PYTHON = "3.10"  # requires-python in pyproject.toml, and the oldest classifier


def _oldest_python() -> str | None:
    """An interpreter of the oldest supported Python: on PATH, or one pyenv installed (this
    project's CI machines have pyenv's 3.10 without it being on PATH)."""
    import glob
    import shutil

    found = [shutil.which(f"python{OLDEST_PYTHON}")]
    # The test's HOME is a temporary one: pyenv's root comes from PYENV_ROOT or pyenv itself.
    pyenv = shutil.which("pyenv")
    root = os.environ.get("PYENV_ROOT") or (_run([pyenv, "root"]).stdout.strip() if pyenv else "")
    if root:
        found += sorted(glob.glob(f"{root}/versions/{OLDEST_PYTHON}.*/bin/python{OLDEST_PYTHON}"))
    for python in filter(None, found):
        ran = _run([python, "-c", "import sys; print(sys.version_info[:2])"])
        if ran.returncode == 0 and ran.stdout.strip() == f"({OLDEST_PYTHON.replace('.', ', ')})":
            return python
    return None


def test_the_wheel_runs_a_whole_cycle_on_the_oldest_supported_python(
    dist: Path, tmp_path: Path, home: Path
) -> None:
    """requires-python says 3.10: the wheel installs there and pins, reports and uninstalls."""
    from tests.conftest import IN_CI

    python = _oldest_python()
    if python is None:
        if IN_CI:
            pytest.fail(f"Python {OLDEST_PYTHON} is not installed, and CI=true requires the oldest one")
        pytest.skip(f"Python {OLDEST_PYTHON} is not installed (CI=true makes this a failure)")
    venv = tmp_path / "venv"
    assert _run([python, "-m", "venv", str(venv)]).returncode == 0
    installed = _run([str(venv / "bin" / "pip"), "install", "-q", str(next(dist.glob("*.whl")))])
    assert installed.returncode == 0, installed.stderr[-2000:]
    program = str(venv / "bin" / "ccprofile")
    bashrc = home / ".bashrc"
    bashrc.write_text("alias ll='ls -l'\n")
    pinned = _run(
        [program, "set-fast-model", "claude-haiku-4-5-20251001", "--shell", "bash"], dict(os.environ)
    )
    assert pinned.returncode == 0, pinned.stderr
    status = _run([program, "status", "--json", "--shell", "bash"], dict(os.environ))
    assert '"model": "claude-haiku-4-5-20251001"' in status.stdout, status.stderr
    removed = _run([program, "uninstall", "--shell", "bash"], dict(os.environ))
    assert removed.returncode == 0, removed.stderr
    assert bashrc.read_text() == "alias ll='ls -l'\n"
