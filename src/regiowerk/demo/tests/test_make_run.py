"""`make run PORT=…` prints the log-in URL with the port the server really uses."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[4]


def test_make_run_passes_its_host_and_port_to_the_printed_login_url():
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    commands = subprocess.run(  # noqa: S603 - fixed arguments, our own Makefile
        [make, "-n", "run", "HOST=127.0.0.1", "PORT=8123"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout

    assert "load_demo_region --site http://127.0.0.1:8123" in commands
    assert "runserver 127.0.0.1:8123" in commands
