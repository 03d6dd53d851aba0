"""netmap benchmarks: each workload runs netmap and its baseline in the same run and prints ratios.

    python benchmarks/run.py            # all workloads
    python benchmarks/run.py w1 w2      # some

W0  start-up: `netmap --version`, `netmap whoami` and the import of a 6-row export, vs `python -c pass`
W1  `netmap import` of a 30,000-row Connections.csv vs pandas.read_csv of the same file (whole processes)
W2  your export listing 1,000 friends, then one `netmap import --manifest` of their 1,000 exports
    (1,000,000 edges): wall time and peak RSS
W3  `netmap suggest --industry finance` on W2's store vs a pandas script that reads the same edges and
    people from CSV and counts finance two-hop paths (read, isin, merge, group)
W4  `netmap map` of a 30,000-contact network, the default map and the whole network (--max-people 31000):
    time to write, file size, and time to interactive in headless Chromium
W5  `netmap stats` on W2's store
W6  `netmap people --degree 2` on W2's store: --limit 50 as JSON, all of it as JSON and CSV, and as a table
W7  `netmap path`, `whoami` and `--version` on W2's store
Speed is measured here, never asserted in the test suite.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
import synth

PY = sys.executable
NETMAP = [PY, "-m", "netmap"]


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one whole process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{stderr}")
    return elapsed, usage.ru_maxrss / 1024


# Processes run as they do for a user: with Python's bytecode cache (this workplace sets
# PYTHONDONTWRITEBYTECODE, which would make every netmap run recompile its modules).
BASE_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def env_with_db(db: Path) -> dict[str, str]:
    return {**BASE_ENV, "NETMAP_DB": str(db)}


def ratio(name: str, ours: list[float], base: list[float], target: float) -> str:
    """Median and best of interleaved runs, and their ratios (this VM's timings vary by ±20 %)."""
    o, b = statistics.median(ours), statistics.median(base)
    return (
        f"{name}: netmap {o:.2f} s (best {min(ours):.2f}), baseline {b:.2f} s (best {min(base):.2f}); "
        f"ratio of medians {o / b:.2f}, of bests {min(ours) / min(base):.2f} (target <= {target})"
    )


def w0(tmp: Path, repeats: int = 15) -> None:
    """How long a command takes before it does anything: interpreter, imports, opening the store."""
    small = Path(__file__).parents[1] / "tests" / "data" / "scenario" / "ava_connections.csv"
    env = env_with_db(tmp / "w0.db")
    commands = {
        "--version": [*NETMAP, "--version"],
        "whoami": [*NETMAP, "whoami"],
        "import": [*NETMAP, "import", str(small)],
    }
    for cmd in commands.values():
        timed(cmd, env)  # writes the bytecode cache
    base: list[float] = []
    ours: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeats):
        base.append(timed([PY, "-c", "pass"], BASE_ENV)[0])
        for name, cmd in commands.items():
            (tmp / "w0.db").unlink(missing_ok=True)
            ours[name].append(timed(cmd, env)[0])
    for name, times in ours.items():
        print(
            f"W0 start-up of `netmap {name}`: median {statistics.median(times) * 1000:.0f} ms "
            f"(python -c pass: {statistics.median(base) * 1000:.0f} ms)"
        )


def w1(tmp: Path, repeats: int = 9) -> None:
    path = tmp / "Connections.csv"
    synth.write_connections(path, list(range(30_000)), seed=1)
    print(f"W1 data: {synth.shape(path)}")
    baseline = [PY, "-c", "import pandas, sys; pandas.read_csv(sys.argv[1], skiprows=3)", str(path)]
    ours, base = [], []
    timed([*NETMAP, "import", str(path)], env_with_db(tmp / "w1-warm-up.db"))  # writes the bytecode cache
    for n in range(repeats):  # interleaved, so both see the same machine
        base.append(timed(baseline, BASE_ENV)[0])
        (tmp / f"w1-{n}.db").unlink(missing_ok=True)  # a new store each time (NETMAP_BENCH_DIR keeps folders)
        ours.append(timed([*NETMAP, "import", str(path)], env_with_db(tmp / f"w1-{n}.db"))[0])
    print(ratio("W1 import of 30,000 rows vs pandas.read_csv", ours, base, 3))


def build_w2(tmp: Path, friends: int = 1000, per_friend: int = 1000) -> tuple[Path, Path, Path]:
    """Your export (1,000 friends and 500 others) and a manifest of the friends' exports."""
    rng = random.Random(2)
    population = 400_000
    me = tmp / "me.csv"
    synth.write_connections(me, list(range(friends + 500)), seed=3)
    folder = tmp / "friends"
    folder.mkdir(exist_ok=True)
    lines = ["path,owner,owner_url"]
    seen: set[tuple[str, str]] = set()  # the names of the people the exports so far brought in
    namesakes = 0
    for f in range(friends):
        centre = rng.randrange(population)
        circle = {(centre + rng.randrange(-3000, 3000)) % population + friends for _ in range(per_friend * 2)}
        contacts = sorted(circle)[: per_friend - 5] + rng.sample(range(friends), 5)
        with_url = f % 5 != 0  # every fifth friend's export is the 2021 variant without URLs
        path = folder / f"friend_{f:04d}.csv"
        synth.write_connections(path, contacts, seed=f, with_url=with_url)
        first, last, slug = synth.person(f)
        # every tenth owner by name alone, as people write manifests: netmap must find your contact of
        # that name, although earlier friends' exports may have brought in namesakes
        owner_url = f"https://www.linkedin.com/in/{slug}" if f % 10 else ""
        namesakes += not owner_url and (first, last) in seen
        seen.update(synth.person(i)[:2] for i in contacts if i >= friends)
        lines.append(f"friends/{path.name},{first} {last},{owner_url}")
    manifest = tmp / "manifest.csv"
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"W2 data: {friends // 10} owners named without a URL, {namesakes} of them with a namesake brought in before")
    return me, manifest, tmp / "w2.db"


def w2(tmp: Path) -> Path:
    me, manifest, db = build_w2(tmp)
    env = env_with_db(db)
    timed([*NETMAP, "whoami", "--name", "Bench User", "--url", "https://www.linkedin.com/in/bench-user"], env)
    t_me, _ = timed([*NETMAP, "import", str(me)], env)
    seconds, rss = timed([*NETMAP, "import", "--manifest", str(manifest)], env)
    friends = len(manifest.read_text().splitlines()) - 1
    edges = _count(db, "SELECT COUNT(*) FROM observations o JOIN sources s ON s.id = o.source_id WHERE s.owner_id != "
                       "(SELECT value FROM meta WHERE key = 'me_id')")  # fmt: skip
    print(
        f"W2 your export: {t_me:.2f} s; manifest of {friends} friends' exports ({edges:,} edges): "
        f"{seconds:.1f} s (target <= 60 s, ratio {seconds / 60:.2f}), peak RSS {rss:.0f} MB "
        f"(target <= 2048 MB, ratio {rss / 2048:.2f})"
    )
    return db


PANDAS_TWO_HOP = """
import sys, pandas as pd
edges = pd.read_csv(sys.argv[1])
people = pd.read_csv(sys.argv[2])
me = int(sys.argv[3])
first = edges.loc[edges.owner_id == me, "person_id"]
hops = edges[edges.owner_id.isin(first) & ~edges.person_id.isin(first) & (edges.person_id != me)]
finance = people.loc[people.industry == "finance", ["id"]]
paths = hops.merge(finance, left_on="person_id", right_on="id")
counts = paths.groupby("person_id").size().sort_values(ascending=False)
print(len(counts), counts.head(20).to_dict())
"""


def w3(tmp: Path, repeats: int = 5) -> None:
    """`netmap suggest --industry finance` on W2's store vs pandas counting the same two-hop paths."""
    import sqlite3

    db = w2_store(tmp)
    con = sqlite3.connect(db)
    me = con.execute("SELECT value FROM meta WHERE key = 'me_id'").fetchone()[0]
    with open(tmp / "edges.csv", "w") as out:
        out.write("owner_id,person_id\n")
        out.writelines(f"{o},{p}\n" for o, p in con.execute("SELECT DISTINCT owner_id, person_id FROM observations"))
    with open(tmp / "people.csv", "w") as out:
        out.write("id,industry\n")
        out.writelines(f"{i},{ind}\n" for i, ind in con.execute("SELECT id, industry FROM people"))
    con.close()
    script = tmp / "two_hop.py"
    script.write_text(PANDAS_TWO_HOP)
    baseline = [PY, str(script), str(tmp / "edges.csv"), str(tmp / "people.csv"), str(me)]
    ours, base = [], []
    for _ in range(repeats):
        base.append(timed(baseline, BASE_ENV)[0])
        ours.append(timed([*NETMAP, "suggest", "--industry", "finance"], env_with_db(db))[0])
    print(ratio("W3 suggest --industry finance on 1,000,000 edges vs pandas two-hop count", ours, base, 1.0))
    print(f"W3 netmap suggest: median {statistics.median(ours):.2f} s (target <= 1 s)")


def w4(tmp: Path) -> None:
    """A 30,000-contact network (your export, and 100 friends' exports of 1,000 people each) drawn as
    a map, the default one and the whole network: time to write, file size, and in headless Chromium
    the time from navigation to vis-network's first `afterDrawing`, then to a hover card."""
    rng = random.Random(4)
    db = tmp / "w4.db"
    env = env_with_db(db)
    me = tmp / "w4-me.csv"
    synth.write_connections(me, list(range(30_000)), seed=5)
    folder = tmp / "w4-friends"
    folder.mkdir(exist_ok=True)
    lines = ["path,owner,owner_url"]
    for f in range(100):
        path = folder / f"friend_{f:03d}.csv"
        contacts = rng.sample(range(30_000, 400_000), 900) + rng.sample(range(30_000), 100)
        synth.write_connections(path, contacts, seed=100 + f)
        first, last, slug = synth.person(f)
        lines.append(f"{path},{first} {last},https://www.linkedin.com/in/{slug}")
    manifest = tmp / "w4-manifest.csv"
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db.unlink(missing_ok=True)
    timed([*NETMAP, "whoami", "--name", "Bench User"], env)
    timed([*NETMAP, "import", str(me)], env)
    timed([*NETMAP, "import", "--manifest", str(manifest)], env)
    people = _count(db, "SELECT COUNT(*) FROM people WHERE NOT is_me")
    for label, extra, write_target in (("default", [], None), ("whole network", ["--max-people", "31000"], 5.0)):
        out = tmp / f"w4-map-{len(extra)}.html"
        seconds, rss = timed([*NETMAP, "map", "--out", str(out), *extra], env)
        size = out.stat().st_size / 1e6
        nodes, drawn, interactive = in_chromium(out)
        target = f" (target <= {write_target:.0f} s, ratio {seconds / write_target:.2f})" if write_target else ""
        print(
            f"W4 {label} map of a 30,000-contact network ({people:,} people in the store): "
            f"`netmap map {' '.join(extra)}` {seconds:.1f} s{target}, peak RSS {rss:.0f} MB; {nodes:,} people drawn, "
            f"file {size:.1f} MB (target <= 10 MB); "
            f"in Chromium first afterDrawing {drawn:.2f} s after navigation, hover card shown {interactive:.2f} s "
            f"after navigation (target <= 3 s, ratio {interactive / 3:.2f})"
        )


def in_chromium(out: Path) -> tuple[int, float, float]:
    """Open a map in headless Chromium: (people drawn, seconds to the first drawing, seconds to a hover
    card on the best suggestion in view), both from navigation."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))
    from conftest import CHROMIUM_ARGS, chromium_path

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        start = time.perf_counter()
        page.goto(out.as_uri())
        until(page, "window.netmapFirstDraw !== undefined", 60)
        drawn = page.evaluate("window.netmapFirstDraw") / 1000
        nodes = page.evaluate("window.netmap.network.body.data.nodes.length")
        # the best suggestion in the first view (on a map this large, the first view shows the best ten)
        target = page.evaluate(
            """(() => { const net = window.netmap.network, box = document.getElementById('map');
            return net.body.data.nodes.get().filter(n => n.card && n.card.rank)
              .sort((a, b) => a.card.rank - b.card.rank)
              .find(n => { const p = window.netmap.pointerOf(n.id);
                           return p.x > 0 && p.y > 0 && p.x < box.clientWidth && p.y < box.clientHeight; }).id; })()"""
        )
        point = page.evaluate(f"window.netmap.pointerOf({target})")
        box = page.locator("#map").bounding_box()
        page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
        until(page, "window.netmap.card() !== null", 10)
        interactive = time.perf_counter() - start
        browser.close()
    return nodes, drawn, interactive


def w2_store(tmp: Path) -> Path:
    """W2's store, built when this folder has none yet (NETMAP_BENCH_DIR keeps it across runs)."""
    db = tmp / "w2.db"
    return db if db.exists() else w2(tmp)


def w5(tmp: Path, repeats: int = 5) -> None:
    """`netmap stats` on W2's store (the counts a pooled network's owner looks at first)."""
    env = env_with_db(w2_store(tmp))
    runs = [timed([*NETMAP, "stats"], env) for _ in range(repeats + 1)][1:]
    seconds = statistics.median(t for t, _ in runs)
    print(f"W5 stats on 1,000,000 edges: median {seconds:.2f} s (target <= 0.5 s, ratio {seconds / 0.5:.2f})")


def w6(tmp: Path, repeats: int = 3) -> None:
    """`netmap people` on W2's store: a page of the second degree, the whole of it as JSON and CSV
    (streamed), and as a table (capped)."""
    db = w2_store(tmp)
    env = env_with_db(db)
    rows = [
        ("--limit 50 -f json", ["--limit", "50", "-f", "json"], 0.5, 100),
        ("-f json (all)", ["-f", "json"], 10, 200),
        ("-f csv (all)", ["-f", "csv"], 10, 200),
        ("as a table", [], 10, 200),
    ]
    for label, extra, target_s, target_mb in rows:
        cmd = [*NETMAP, "people", "--degree", "2", *extra]
        runs = [timed(cmd, env) for _ in range(repeats + 1)][1:]
        seconds, rss = statistics.median(t for t, _ in runs), max(m for _, m in runs)
        with open(tmp / "w6.out", "wb") as written:  # not into this process: its size would count in the
            # next child's peak RSS (a child's RSS before exec is this process's)
            out = subprocess.run(cmd, env=env, stdout=written, stderr=subprocess.PIPE, text=True, check=True)
        with open(tmp / "w6.out", "rb") as written:
            lines = sum(chunk.count(b"\n") for chunk in iter(lambda: written.read(1 << 20), b""))
        size = (tmp / "w6.out").stat().st_size / 1e6
        print(
            f"W6 people --degree 2 {label}: median {seconds:.2f} s (target <= {target_s} s, "
            f"ratio {seconds / target_s:.2f}), peak RSS {rss:.0f} MB (target <= {target_mb} MB, ratio "
            f"{rss / target_mb:.2f}); {lines:,} lines, {size:.1f} MB on stdout"
            + (f"; stderr: {out.stderr.strip().splitlines()[-1]}" if out.stderr.strip() else "")
        )


def w7(tmp: Path, repeats: int = 9) -> None:
    """`netmap path` to the best finance suggestion, `whoami` and `--version` on W2's store."""
    import json

    env = env_with_db(w2_store(tmp))
    listed = subprocess.run([*NETMAP, "suggest", "--industry", "finance", "--limit", "1", "-f", "json"], env=env,
                            capture_output=True, text=True, check=True)  # fmt: skip
    target = str(json.loads(listed.stdout)[0]["id"])
    for name, cmd, keep in (
        ("path", [*NETMAP, "path", target], 0.5),
        ("whoami", [*NETMAP, "whoami"], 0.062),
        ("--version", [*NETMAP, "--version"], 0.056),
    ):
        times = [timed(cmd, env)[0] for _ in range(repeats + 1)][1:]
        o = statistics.median(times)
        print(f"W7 `netmap {name}` on 1,000,000 edges: median {o * 1000:.0f} ms (keep: {keep * 1000:.0f} ms, "
              f"ratio {o / keep:.2f})")  # fmt: skip


def until(page: Any, expression: str, seconds: float) -> None:
    """Wait for a page expression to hold, asking from here: the map's Content-Security-Policy
    forbids the eval Playwright's own waiting would run inside the page."""
    end = time.perf_counter() + seconds
    while not page.evaluate(expression):
        if time.perf_counter() > end:
            raise TimeoutError(expression)
        time.sleep(0.005)


def _count(db: Path, query: str) -> int:
    import sqlite3

    con = sqlite3.connect(db)
    try:
        return int(con.execute(query).fetchone()[0])
    finally:
        con.close()


WORKLOADS = {"w0": w0, "w1": w1, "w2": w2, "w3": w3, "w4": w4, "w5": w5, "w6": w6, "w7": w7}

if __name__ == "__main__":
    chosen = [name.lower() for name in sys.argv[1:]] or list(WORKLOADS)
    if not set(chosen) <= set(WORKLOADS):
        sys.exit(__doc__)
    keep = os.environ.get("NETMAP_BENCH_DIR")  # reuse a folder (and W2's store) across runs
    with tempfile.TemporaryDirectory(prefix="netmap-bench-") as folder:
        where = Path(keep or folder)
        where.mkdir(parents=True, exist_ok=True)
        for name in chosen:
            WORKLOADS[name](where)
