"""`netmap demo`, and the notebook, which the suite executes so it never rots."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run

ROOT = Path(__file__).parents[1]


def test_demo_runs_in_its_own_store(tmp_path: Path, isolated_store: Path) -> None:
    result = run("demo", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Top finance suggestions" in out and "M&A Associate" in out
    # entry-level analysts a student can reach, at employers whose business their titles fit
    assert out.count("entry level") >= 4 and "Investment Banking" in out
    assert "Private Equity Associate  Citadel" not in out and "Investment Banking Analyst  Citadel" not in out
    assert f"The map: {tmp_path / 'out' / 'netmap-demo.html'}" in out
    assert "netmap import friend_connections.csv --owner" in out and "netmap draft --industry finance" in out
    assert "Your ask to Jonah Holtine, drafted" in out and "  Subject: Could you introduce me to Silas?" in out
    long = [line for line in out.splitlines() if len(line) > 80 and str(tmp_path) not in line]
    assert not long  # an 80-column terminal (conftest sets COLUMNS)
    assert (tmp_path / "out" / "netmap-demo.db").exists()
    assert not isolated_store.exists()  # your own store is never touched
    again = run("demo", "--out", str(tmp_path / "out"))  # a second run starts afresh
    assert again.exit_code == 0 and again.stdout == out


def test_the_notebook_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    monkeypatch.chdir(tmp_path)
    notebook = nbformat.read(ROOT / "notebooks" / "explore.ipynb", as_version=4)
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")
    nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3").execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "\n".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", "")) for o in outputs)
    assert "first_degree" in text and "ask" in text and "you →" in text
    assert any("<iframe srcdoc=" in str(o.get("data", {}).get("text/html", "")) for o in outputs)
