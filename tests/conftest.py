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
    monkeypatch.setenv("NETMAP_DB", str(path))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / "data"))
    return path


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def store(isolated_store: Path):
    s = Store(isolated_store)
    yield s
    s.close()


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
