"""A throwaway certificate authority, so a loopback proxy can stand in for api.anthropic.com.

Claude Code trusts it through NODE_EXTRA_CA_CERTS; nothing else ever sees it. Made with the
openssl command line, which every machine that runs the suite has (.ci/run makes sure).
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

_EC = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]


@dataclass(frozen=True)
class Authority:
    ca_cert: Path  # give this to NODE_EXTRA_CA_CERTS
    cert: Path  # the server certificate for ``host``, signed by the CA
    key: Path
    host: str


def _openssl(*args: str, cwd: Path) -> None:
    program = shutil.which("openssl")
    if program is None:
        raise RuntimeError("openssl is needed to make the test certificate authority")
    subprocess.run([program, *args], cwd=cwd, check=True, capture_output=True, timeout=60)


def make_authority(directory: Path, host: str) -> Authority:
    directory.mkdir(parents=True, exist_ok=True)
    _openssl(
        "req", "-x509", *_EC, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
        "-subj", "/CN=ccprofile e2e throwaway CA",
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        cwd=directory,
    )  # fmt: skip
    _openssl(
        "req", *_EC, "-keyout", "server.key", "-out", "server.csr", "-subj", f"/CN={host}", cwd=directory
    )
    (directory / "server.ext").write_text(f"subjectAltName=DNS:{host}\nextendedKeyUsage=serverAuth\n")
    _openssl(
        "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", "server.pem", "-days", "2", "-extfile", "server.ext",
        cwd=directory,
    )  # fmt: skip
    return Authority(directory / "ca.pem", directory / "server.pem", directory / "server.key", host)
