"""The README is for writers, and its two commands work: checks that fail when it drifts (issue #19)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def _block_after(heading: str) -> list[str]:
    section = README.split(heading, 1)[1]
    return re.search(r"```sh\n(.*?)```", section, re.S).group(1).strip().splitlines()


def test_the_readme_stays_under_200_lines():
    assert len(README.splitlines()) < 200


def test_the_readme_test_command_is_the_one_ci_runs_verbatim():
    (command,) = _block_after("## Run the tests")
    assert command in CI


def test_the_readme_apt_list_is_the_one_ci_installs():
    apt_line = next(line for line in _block_after("## Install and run") if "apt-get install" in line)
    readme_packages = set(apt_line.split("install -y", 1)[1].split())
    ci_list = re.search(r'QT_LIBS="(.*?)"', CI, re.S).group(1)
    assert readme_packages == set(ci_list.split())


def test_every_relative_link_and_image_in_the_readme_exists():
    targets = re.findall(r"\]\(([^)#\s]+)\)", README)
    local = [t for t in targets if not re.match(r"[a-z]+:", t)]
    assert local, "the README links to its docs"
    missing = [t for t in local if not (ROOT / t).exists()]
    assert not missing, f"broken links in README.md: {missing}"


def test_the_install_line_works_as_root_and_as_a_user(tmp_path: Path):
    """A fresh Debian where the writer is root has no sudo: the line must not start with a bare
    ``sudo``. The shell expands its prefix to ``sudo`` only where sudo exists (issue #22)."""
    import shutil
    import subprocess

    apt_line = next(line for line in _block_after("## Install and run") if "apt-get install" in line)
    prefix = apt_line.split("apt-get", 1)[0]
    assert not apt_line.startswith("sudo ")
    bash = shutil.which("bash")
    assert bash is not None
    no_sudo = tmp_path / "bare"
    no_sudo.mkdir()
    with_sudo = tmp_path / "with-sudo"
    with_sudo.mkdir()
    (with_sudo / "sudo").write_text("#!/bin/sh\nexit 0\n")
    (with_sudo / "sudo").chmod(0o755)
    for folder, expected in ((no_sudo, "apt-get"), (with_sudo, f"{with_sudo}/sudo apt-get")):
        shown = subprocess.run([bash, "-c", f"echo {prefix}apt-get"], capture_output=True, text=True,
                               env={"PATH": str(folder)}, timeout=10).stdout.strip()
        assert shown == expected
