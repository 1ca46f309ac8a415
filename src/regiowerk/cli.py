"""The ``regiowerk`` command: job titles and career transitions as JSON lines.

    regiowerk titles      < titles.txt   # one title per line
    regiowerk transitions < uris.txt     # one ESCO occupation URI per line

Output, one JSON object per input line::

    {"title": ..., "occupations": [{"uri": ..., "label": ..., "score": ...}, ...]}
    {"source": ..., "occupations": [{"uri", "label", "score", "shared", "gap"}, ...]}

By default both read the taxonomy imported into regiowerk's database (``manage.py
import_esco``; settings from ``DJANGO_SETTINGS_MODULE``, default the dev settings).
With ``--taxonomy DIR`` (an ESCO CSV folder, repeatable) the command is the engine's
own (``python -m skillmatch``) and needs no database.
"""

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from itertools import islice
from typing import TextIO

from skillmatch import cli as skillmatch_cli
from skillmatch.transitions import transitions_jsonl

EXIT_USAGE = 2
CHUNK = 1024  # titles normalised per batch
DEFAULT_SETTINGS = "regiowerk.config.settings.dev"


def _positive_int(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        msg = f"must be a whole number of at least 1, not {value!r}"
        raise argparse.ArgumentTypeError(msg)
    return int(value)


def _uses_folders(argv: Sequence[str]) -> bool:
    return any(arg == "--taxonomy" or arg.startswith("--taxonomy=") for arg in argv)


def build_parser() -> argparse.ArgumentParser:
    """The parser for the database mode (``--taxonomy`` goes to skillmatch's CLI)."""
    parser = argparse.ArgumentParser(
        prog="regiowerk",
        description="Job titles and career transitions over regiowerk's imported "
        "taxonomy (or, with --taxonomy DIR, over an ESCO CSV folder).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, help_text, default_k in (
        ("titles", "normalise job titles (one per line on stdin) to occupations", 10),
        ("transitions", "occupations within reach of each occupation URI on stdin", 10),
    ):
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument(
            "--taxonomy",
            action="append",
            metavar="DIR",
            help="ESCO CSV folder instead of the database (repeat for fallbacks)",
        )
        sub.add_argument(
            "-k",
            type=_positive_int,
            default=default_k,
            help=f"occupations per line (default {default_k})",
        )
    return parser


def _lines(stream: TextIO) -> Iterator[str]:
    for line in stream:
        yield line.rstrip("\r\n")


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    import django  # only the database mode needs Django

    django.setup()


def _titles(k: int, stdin: TextIO, stdout: TextIO) -> None:
    from regiowerk.matching import convert  # after django.setup()

    normaliser = convert.title_normaliser()
    lines = _lines(stdin)
    while chunk := list(islice(lines, CHUNK)):
        for title, matches in zip(
            chunk, normaliser.normalise_many(chunk, k=k), strict=True
        ):
            record = {
                "title": title,
                "occupations": [
                    {"uri": m.uri, "label": m.label, "score": m.score} for m in matches
                ],
            }
            stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        stdout.flush()


def _transitions(k: int, stdin: TextIO, stdout: TextIO) -> None:
    from regiowerk.matching import convert  # after django.setup()

    for line in transitions_jsonl(convert.transition_model(), _lines(stdin), k=k):
        stdout.write(line + "\n")
        stdout.flush()


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run the command; returns the exit code (0 ok, 2 bad input or no taxonomy)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    stderr = stderr or sys.stderr
    if _uses_folders(args_list):
        return skillmatch_cli.main(args_list, stdin=stdin, stdout=stdout, stderr=stderr)
    try:
        args = build_parser().parse_args(args_list)
    except SystemExit as exc:  # argparse printed the usage error
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    _setup_django()
    from regiowerk.matching.models import Occupation  # after django.setup()

    if not Occupation.objects.exists():
        stderr.write(
            f"regiowerk {args.command}: error: no taxonomy in the database; run "
            "`manage.py import_esco DIR` (or `--demo`), or pass --taxonomy DIR\n"
        )
        return EXIT_USAGE
    run = _titles if args.command == "titles" else _transitions
    try:
        run(args.k, stdin, stdout)
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
