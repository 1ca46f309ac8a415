"""Refuse files that contain a 9-digit number passing the elfproef (a possible BSN).

Used as a pre-commit hook: ``python .ci/no_plain_bsn.py FILE...``. Test modules may hold
such numbers only when they generate them at run time, so they are skipped here by path
(``tests/`` folders); everything else must not contain one. Prints file and line, never
the number itself.
"""

import re
import sys
from pathlib import Path

_CANDIDATE = re.compile(rb"(?<![0-9A-Za-z])[0-9]{9}(?![0-9A-Za-z])")
_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def passes_elfproef(digits: bytes) -> bool:
    if digits == b"000000000":
        return False
    return sum(int(chr(d)) * w for d, w in zip(digits, _WEIGHTS, strict=True)) % 11 == 0


def main(paths: list[str]) -> int:
    found = 0
    for name in paths:
        path = Path(name)
        if "tests" in path.parts or not path.is_file():
            continue
        for number, line in enumerate(path.read_bytes().splitlines(), start=1):
            if any(passes_elfproef(m.group()) for m in _CANDIDATE.finditer(line)):
                print(f"{name}:{number}: a 9-digit number passing the elfproef (BSN?)")  # noqa: T201
                found += 1
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
