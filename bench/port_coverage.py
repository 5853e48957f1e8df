"""How much of the test corpus ``cscmdlets port`` translates to Python, and what keeps the rest.

Ports every script of the corpora the port/run equivalence tests use, counts the scripts
translated statement by statement, and tallies the constructs named at the top of the others
(a script counts once per construct). Not a timing: a coverage figure, kept beside the benches.

Run: ``python bench/port_coverage.py [--scripts]`` (``--scripts``: each kept script and its reasons).
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from cscmdlets.scripts.porter import port_script

CORPORA = Path(__file__).resolve().parent.parent / "tests" / "scripts"
FOLDERS = (CORPORA / "corpus", CORPORA / "corpus" / "admin", CORPORA / "porter_cases")


def reasons_of(source: str) -> list[str] | None:
    """The constructs a port names at its top, or ``None`` when it is translated."""
    header = source[: source.index('"""')]
    if "# NOT TRANSLATED" not in header:
        return None
    return re.findall(r"^#     \((.*)\)$", header, re.M)


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--scripts", action="store_true", help="list each kept script and its reasons")
    shown = options.parse_args().scripts
    scripts = [path for folder in FOLDERS for path in sorted(folder.glob("*.ps1"))]
    tally: Counter[str] = Counter()
    translated = 0
    for path in scripts:
        reasons = reasons_of(port_script(path, script_name=path.name))
        if reasons is None:
            translated += 1
            continue
        tally.update({r for r in reasons if not r.endswith("set by an untranslated statement")})
        if shown:
            print(f"{path.parent.name}/{path.name}: {'; '.join(dict.fromkeys(reasons))}")
    print(f"translated: {translated} of {len(scripts)} scripts")
    for reason, count in tally.most_common():
        print(f"{count:4}  {reason}")


if __name__ == "__main__":
    main()
