"""Shared fixtures: the site is built once per test session, in a subprocess, as a user would."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from browser import launch_chromium, require_chromium

REPO = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]


def build_site(site_dir: Path, *, offline: bool = False, data_dir: Path | None = None,
               check: bool = True) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` into site_dir; with data_dir, from that data folder instead."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_DIR": str(site_dir)}
    env.pop("OFFLINE", None)
    env.pop("MSH_DATA_DIR", None)
    if offline:
        env["OFFLINE"] = "1"
    if data_dir is not None:
        env["MSH_DATA_DIR"] = str(data_dir)
    result = subprocess.run([*MKDOCS, "build", "--strict"], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=900)
    if check and result.returncode != 0:
        raise AssertionError(f"build failed:\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    build_site(site)
    return site


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site-offline")
    build_site(site, offline=True)
    return site


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A private copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(REPO / "data", target)
    return target


# Names the browser tests use for the two builds.
@pytest.fixture(scope="session")
def http_build(built_site) -> Path:
    return built_site


@pytest.fixture(scope="session")
def offline_build(offline_site) -> Path:
    return offline_site


@pytest.fixture(scope="session")
def chromium():
    """One headless Debian chromium for the whole session (Playwright's sync API allows one)."""
    require_chromium()
    with launch_chromium() as browser:
        yield browser
