"""netmap benchmarks: each workload runs netmap and its baseline in the same run and prints ratios.

    python benchmarks/run.py            # all workloads
    python benchmarks/run.py w1 w2      # some

W1  `netmap import` of a 30,000-row Connections.csv vs pandas.read_csv of the same file (whole processes)
W2  your export listing 1,000 friends, then one `netmap import --manifest` of their 1,000 exports
    (1,000,000 edges): wall time and peak RSS
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


def env_with_db(db: Path) -> dict[str, str]:
    return {**os.environ, "NETMAP_DB": str(db)}


def w1(tmp: Path, repeats: int = 5) -> None:
    path = tmp / "Connections.csv"
    synth.write_connections(path, list(range(30_000)), seed=1)
    baseline = [PY, "-c", "import pandas, sys; pandas.read_csv(sys.argv[1], skiprows=3)", str(path)]
    ours, base = [], []
    for n in range(repeats):
        db = tmp / f"w1-{n}.db"
        base.append(timed(baseline)[0])
        ours.append(timed([*NETMAP, "import", str(path)], env_with_db(db))[0])
    o, b = statistics.median(ours), statistics.median(base)
    print(f"W1 import 30,000 rows: netmap {o:.2f} s, pandas.read_csv {b:.2f} s, ratio {o / b:.2f} (target <= 3)")


def build_w2(tmp: Path, friends: int = 1000, per_friend: int = 1000) -> tuple[Path, Path, Path]:
    """Your export (1,000 friends and 500 others) and a manifest of the friends' exports."""
    rng = random.Random(2)
    population = 400_000
    me = tmp / "me.csv"
    synth.write_connections(me, list(range(friends + 500)), seed=3)
    folder = tmp / "friends"
    folder.mkdir(exist_ok=True)
    lines = ["path,owner,owner_url"]
    for f in range(friends):
        centre = rng.randrange(population)
        circle = {(centre + rng.randrange(-3000, 3000)) % population + friends for _ in range(per_friend * 2)}
        contacts = sorted(circle)[: per_friend - 5] + rng.sample(range(friends), 5)
        with_url = f % 5 != 0  # every fifth friend's export is the 2021 variant without URLs
        path = folder / f"friend_{f:04d}.csv"
        synth.write_connections(path, contacts, seed=f, with_url=with_url)
        first, last, slug = synth.person(f)
        lines.append(f"friends/{path.name},{first} {last},https://www.linkedin.com/in/{slug}")
    manifest = tmp / "manifest.csv"
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return me, manifest, tmp / "w2.db"


def w2(tmp: Path) -> Path:
    me, manifest, db = build_w2(tmp)
    env = env_with_db(db)
    timed([*NETMAP, "whoami", "--name", "Bench User", "--url", "https://www.linkedin.com/in/bench-user"], env)
    t_me, _ = timed([*NETMAP, "import", str(me)], env)
    seconds, rss = timed([*NETMAP, "import", "--manifest", str(manifest)], env)
    edges = len(manifest.read_text().splitlines()) - 1
    print(
        f"W2 your export: {t_me:.2f} s; manifest of {edges} friends' exports (1,000,000 edges): "
        f"{seconds:.1f} s (target <= 60 s, ratio {seconds / 60:.2f}), peak RSS {rss:.0f} MB "
        f"(target <= 2048 MB, ratio {rss / 2048:.2f})"
    )
    return db


WORKLOADS = {"w1": w1, "w2": w2}

if __name__ == "__main__":
    chosen = sys.argv[1:] or list(WORKLOADS)
    with tempfile.TemporaryDirectory(prefix="netmap-bench-") as folder:
        for name in chosen:
            WORKLOADS[name](Path(folder))
