"""The sample network: made by the generator byte for byte, and as rich as the README promises."""

from __future__ import annotations

import filecmp
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from netmap.sample import write_sample
from netmap.store import Store
from tests.conftest import run

SAMPLE = Path(__file__).parents[1] / "sample_data"


def test_sample_data_is_the_generators_output(tmp_path: Path) -> None:
    write_sample(tmp_path)
    made = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    committed = sorted(p.relative_to(SAMPLE) for p in SAMPLE.rglob("*") if p.is_file() and p.name != "README.md")
    assert made == committed
    for relative in made:
        assert filecmp.cmp(tmp_path / relative, SAMPLE / relative, shallow=False), relative


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("sample") / "sample.db"
    for args in (
        ["import", str(SAMPLE / "Complete_LinkedInDataExport_11-20-2026")],
        ["import", "--manifest", str(SAMPLE / "friends.csv")],
    ):
        result = run("--db", str(db), *args)
        assert result.exit_code == 0, result.output
    return db


def test_the_sample_is_rich(imported: Path) -> None:
    def cli(*args: str) -> list | dict:
        return json.loads(run("--db", str(imported), *args, "-f", "json").stdout)

    stats = cli("stats")
    assert stats["people"] >= 1500 and stats["second_degree"] > stats["first_degree"] > 250
    assert len([s for s in cli("sources") if s["owner"] != "you"]) >= 7
    industries = [i for i in cli("industries") if i["count"] and i["industry"] not in ("other", "unknown")]
    assert len(industries) >= 12
    people = cli("people")
    assert set(Counter(p["seniority"] for p in people)) >= {
        "student",
        "intern",
        "entry",
        "mid",
        "senior",
        "manager",
        "director",
        "vp",
        "partner",
        "c_level",
    }
    finance = cli("suggest", "--industry", "finance", "--limit", "200")
    assert len([s for s in finance if s["mutual_count"] >= 2]) >= 20
    names = Counter(p["name"] for p in people)
    assert any(n > 1 for n in names.values())  # namesakes stay two people
    assert "Sam Ostridge" not in names  # every friend lists you; you are never a contact
    assert all(p["url"] is None or p["url"].endswith("-nmsample") for p in people)


def test_every_friend_lists_you_and_variants_are_mixed() -> None:
    texts = {p.name: p.read_bytes() for p in SAMPLE.glob("*_connections.csv")}
    assert all(b"Sam,Ostridge" in t for t in texts.values())
    assert sum(t.startswith(b"\xef\xbb\xbf") and b"\r\n" in t for t in texts.values()) >= 2  # Excel re-saves
    assert sum(b"First Name,Last Name,Email Address" in t for t in texts.values()) >= 2  # no URL column
    assert sum(t.startswith(b"First Name") for t in texts.values()) == 1  # 2018, no preamble
    assert all(re.search(rb"\n,,,,,,?\d\d \w\w\w \d{4}", t) for t in texts.values())  # ghost rows


def test_hidden_names_on_the_sample(imported: Path, tmp_path: Path) -> None:
    out = tmp_path / "shared.html"
    assert run("--db", str(imported), "map", "--hide-names", "--out", str(out)).exit_code == 0
    data = re.search(r'<script id="netmap-data" type="application/json">(.*?)</script>', out.read_text(), re.S)
    assert data

    def strings(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            return [s for v in value.values() for s in strings(v)]
        return [s for v in value for s in strings(v)] if isinstance(value, list) else []

    texts = strings(json.loads(data.group(1)))  # parsed: "Chloé" is not hidden behind "Chlo\\u00e9"
    shown = {w.casefold() for text in texts for w in re.findall(r"\w+", text)}
    store = Store(imported)
    names = {w.casefold() for (name,) in store.db.execute("SELECT name FROM people") for w in re.findall(r"\w+", name)}
    store.close()
    assert len(names) > 300 and "sam" in names  # the names the file must not hold
    assert {w for w in names if len(w) > 1} & shown == set()
    assert not [t for t in texts if "nmsample" in t or "linkedin.com" in t or "@example.com" in t]


SEEDED_RUN = """
import json, sys
from dataclasses import asdict
import netmap
store = netmap.Store(sys.argv[1])
netmap.import_paths(store, [sys.argv[2] + "/Complete_LinkedInDataExport_11-20-2026"])
netmap.import_manifest(store, sys.argv[2] + "/friends.csv")
print(json.dumps([asdict(p) for p in netmap.list_people(store)], ensure_ascii=False))
print(json.dumps([asdict(s) for s in netmap.suggest(store, industry="finance", limit=200)], ensure_ascii=False))
netmap.write_map(store, sys.argv[3])
"""


def test_same_answers_whatever_the_hash_seed(tmp_path: Path) -> None:
    """Python salts str hashes per process: nothing netmap stores, ranks or draws may depend on it."""

    def start(seed: str) -> subprocess.Popen[bytes]:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        args = [sys.executable, "-c", SEEDED_RUN, str(tmp_path / f"{seed}.db"), str(SAMPLE), str(tmp_path / seed)]
        return subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def outputs(seed: str, run: subprocess.Popen[bytes]) -> list[bytes]:
        stdout, stderr = run.communicate()
        assert run.returncode == 0, stderr
        return [*stdout.splitlines(), (tmp_path / seed).read_bytes()]

    runs = {seed: start(seed) for seed in ("1", "2")}  # side by side
    first, second = (outputs(seed, run) for seed, run in runs.items())
    assert len(json.loads(first[0])) == 1583 and len(json.loads(first[1])) == 200
    assert first == second
