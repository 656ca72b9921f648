"""A seeded uniform sample of mutmut's mutants per module, and its score.

On a busy machine a whole module can take hours; a uniform sample of a few hundred mutants
estimates its score (docs/handbook/development/testing.md, "Second list"):

    .venv/bin/mutmut run --max-children 2 $(.venv/bin/python tools/mutmut_sample.py pick generator.deadlines=200)
    .venv/bin/python tools/mutmut_sample.py score

`pick` needs mutants already made (any `mutmut run` makes them all) and writes the sample to
mutants/sample.json; it prints the names not yet checked, for `mutmut run`. `score` counts the
sample's verdicts: killed, killed by mutmut's time limit, survived, untested, not checked.
"""

from __future__ import annotations

import collections
import json
import random
import subprocess
import sys
from pathlib import Path

SAMPLE = Path("mutants") / "sample.json"
SEED = 27


def verdicts() -> dict[str, str]:
    out = subprocess.run([str(Path(sys.executable).with_name("mutmut")), "results", "--all",
                          "true"], capture_output=True, text=True, check=True).stdout
    rows = {}
    for line in out.splitlines():
        if ":" in line:
            name, status = (x.strip() for x in line.rsplit(":", 1))
            rows[name] = status
    return rows


def pick(specs: list[str]) -> None:
    rows = verdicts()
    picked = json.loads(SAMPLE.read_text()) if SAMPLE.exists() else {}
    for spec in specs:
        module, _, size = spec.partition("=")
        names = sorted(n for n in rows if n.startswith(module + ".x"))
        picked[module] = names if int(size) >= len(names) else \
            random.Random(SEED).sample(names, int(size))
    SAMPLE.write_text(json.dumps(picked, indent=0))
    print(" ".join(n for module in specs for n in picked[module.partition("=")[0]]
                   if rows[n] == "not checked"))


def score() -> None:
    rows = verdicts()
    for module, names in json.loads(SAMPLE.read_text()).items():
        count = collections.Counter(rows.get(n, "not checked") for n in names)
        checked = len(names) - count["not checked"]
        killed = count["killed"] + count["timeout"]
        print(f"{module}: {len(names)} sampled, {checked} checked, {killed} killed "
              f"({count['timeout']} by time-out), {count['survived']} survived, "
              f"{count['no tests']} untested: {100 * killed / max(1, checked):.0f}% "
              f"({100 * count['killed'] / max(1, checked):.0f}% without time-outs)")


if __name__ == "__main__":
    if sys.argv[1:2] == ["pick"]:
        pick(sys.argv[2:])
    elif sys.argv[1:2] == ["score"]:
        score()
    else:
        sys.exit(__doc__)
