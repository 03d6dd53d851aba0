"""The README is executable documentation: its set-up block, every command it shows, and every
command's help."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from netmap.cli import main
from tests.conftest import run

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^[ \t]*```[^\n]*\n(.*?)^[ \t]*```", README, re.S | re.M)


def commands() -> list[str]:
    """Every line of a code block that runs netmap, in order (comments dropped)."""
    return [line.strip() for block in BLOCKS for line in block.splitlines() if line.strip().startswith("netmap ")]


def test_the_first_block_is_the_two_set_up_commands() -> None:
    lines = [line for line in BLOCKS[0].splitlines() if line.strip()]
    assert lines == ["pip install -e . && netmap demo", 'pip install -e ".[test]" && pytest']


@pytest.mark.parametrize("name", list(main.commands))
def test_every_command_is_documented_and_has_an_example(name: str) -> None:
    assert any(line.split()[1] == name for line in commands()), f"the README shows no `netmap {name}` example"
    help_text = run(name, "--help").stdout
    assert "Example" in help_text and f"netmap {name}" in help_text


def test_every_command_in_the_readme_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "sample_data", tmp_path / "sample_data")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BROWSER", "true")  # `netmap map --open` "opens" the map with /bin/true
    ran = {}
    for line in commands():
        args = shlex.split(line, comments=True)[1:]
        result = run(*args, input="y\n")  # a newcomer answers "y" when asked to confirm
        assert result.exit_code == 0, f"{line}\n{result.output}"
        ran[args[0]] = result.output
    assert {"import", "suggest", "map", "merge", "unmerge", "forget", "demo"} <= set(ran)
    assert "merged Priya Valmore (id 555) into Priya Valmore (id 343)" in ran["merge"]  # the README's ids
    assert "split import 4's rows of Priya Valmore (id 343)" in ran["unmerge"]
    assert (tmp_path / "netmap-map.html").exists() and (tmp_path / "network-to-share.html").exists()
    assert (tmp_path / "demo" / "netmap-demo.html").exists()


def test_the_library_exports_what_api_declares() -> None:
    import netmap
    from netmap import api

    assert set(api.__all__) == set(netmap._API)
    assert all(getattr(netmap, name) is getattr(api, name) for name in api.__all__)
