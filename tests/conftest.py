"""Shared fixtures: every test gets its own store file; nothing touches real user data."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from netmap.cli import main
from netmap.store import Store

DATA = Path(__file__).parent / "data"
SCENARIO = DATA / "scenario"


@pytest.fixture(autouse=True)
def isolated_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point NETMAP_DB at a temporary file (and HOME at a temporary folder) for every test."""
    path = tmp_path / "netmap.db"
    (tmp_path / "home").mkdir(exist_ok=True)
    monkeypatch.setenv("NETMAP_DB", str(path))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / "data"))
    monkeypatch.setenv("COLUMNS", "80")  # tables fit an 80-column terminal, as a newcomer's
    return path


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def store(isolated_store: Path):
    s = Store(isolated_store)
    yield s
    s.close()


PERSON_KEYS = set("id name url email company position industry function seniority degree via via_ids".split())


def run(*args: str, input: str | None = None) -> Result:
    """Invoke the CLI in-process; stdout and stderr are kept apart."""
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def cli():
    return run


def make_archive(folder: Path, dest: Path, extra: dict[str, bytes] | None = None) -> Path:
    """Zip an archive folder the way LinkedIn does: CSVs at the zip root."""
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        for member in sorted(folder.iterdir()):
            zf.write(member, member.name)
        for name, content in (extra or {}).items():
            zf.writestr(name, content)
    return dest


@pytest.fixture
def sam_zip(tmp_path: Path) -> Path:
    return make_archive(SCENARIO / "sam_archive", tmp_path / "Complete_LinkedInDataExport_02-08-2026.zip")


@pytest.fixture
def scenario(tmp_path: Path, sam_zip: Path) -> Path:
    """Your archive plus Ava's, Ben's and Chloé's exports, imported through the CLI."""
    copy = tmp_path / "scenario"
    shutil.copytree(SCENARIO, copy)
    for args in (
        [str(sam_zip)],
        [str(copy / "ava_connections.csv"), "--owner", "Ava Chen"],
        [str(copy / "ben_connections.csv"), "--owner", "https://www.linkedin.com/in/ben-okafor"],
        [str(copy / "chloe_connections.csv"), "--owner", "Chloé Dubois"],
    ):
        result = run("import", *args)
        assert result.exit_code == 0, result.output
    return copy


# --- a real browser ------------------------------------------------------------------------------

CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    import os
    import shutil

    for candidate in (
        os.environ.get("NETMAP_CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
        shutil.which("google-chrome"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium through Playwright. Skipped where there is none, unless NETMAP_REQUIRE_BROWSER
    is set (CI sets it), where a missing browser fails the test."""
    import os

    path = chromium_path()
    required = os.environ.get("NETMAP_REQUIRE_BROWSER") not in (None, "", "0")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if required:
            pytest.fail("NETMAP_REQUIRE_BROWSER is set but playwright is not installed")
        pytest.skip("playwright is not installed")
    if path is None:
        if required:
            pytest.fail("NETMAP_REQUIRE_BROWSER is set but no Chromium was found (install Debian's chromium)")
        pytest.skip("no Chromium on this machine")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
