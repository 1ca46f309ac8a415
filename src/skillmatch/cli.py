"""Command line: ``python -m skillmatch <command> ...``.

Commands read plain text on stdin and write one JSON object per line on stdout:

``titles``
    One job title per line → ``{"title": ..., "occupations": [{"uri", "label",
    "score"}, ...]}``, best first.

``transitions``
    One ESCO occupation URI per line → ``{"source": ..., "occupations": [{"uri",
    "label", "score", "shared", "gap"}, ...]}`` (occupations within reach, see
    :mod:`skillmatch.transitions`); an unknown URI gives ``{"source": ...,
    "error": ...}`` and the stream goes on.

Each command is one subparser: a ``_add_<command>`` function declares its
arguments and sets ``handler`` to a ``_run_<command>(args, streams)`` function
returning the exit code. Add a command by writing both and listing the
``_add_`` function in ``_COMMANDS``.

Bad input (a missing folder, a folder without ESCO files) ends with a one-line
message on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TextIO

from skillmatch import text as text_module
from skillmatch import titles as titles_module
from skillmatch.taxonomy import Taxonomy
from skillmatch.titles import TitleNormaliser
from skillmatch.transitions import TransitionModel, transitions_jsonl

__all__ = [
    "build_parser",
    "default_cache_dir",
    "load_normaliser",
    "load_taxonomy",
    "main",
]

EXIT_USAGE = 2
_CHUNK = 1024  # titles scored per batch: large enough to vectorise, small for latency
_CACHE_VERSION = "1"


class CommandError(Exception):
    """A problem with the user's input; reported on stderr with exit code 2."""


@dataclass(frozen=True, slots=True)
class Streams:
    """Where a command reads and writes (the real std streams, or test buffers)."""

    stdin: TextIO
    stdout: TextIO
    stderr: TextIO


# -- taxonomy loading with a safe cache --------------------------------------------


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/skillmatch``, or ``~/.cache/skillmatch``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "skillmatch"


def _cache_key(folders: Sequence[Path]) -> str:
    """Fingerprint of the folders' CSV files: paths, sizes and modification times.

    Any change to any file (or to the folder list or its order) gives a new key,
    so a stale cache entry is never used.
    """
    digest = hashlib.sha256(_CACHE_VERSION.encode())
    for folder in folders:
        digest.update(b"\0folder\0" + str(folder.resolve()).encode())
        for path in sorted(folder.iterdir()):
            if path.is_file() and path.suffix.lower() == ".csv":
                stat = path.stat()
                digest.update(
                    f"{path.name}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode()
                )
    return digest.hexdigest()[:32]


def load_taxonomy(
    folders: Sequence[str | os.PathLike[str]], *, cache_dir: Path | None = None
) -> Taxonomy:
    """Read ESCO folders (see :meth:`Taxonomy.from_esco`), through a cache if given.

    The cache holds :meth:`Taxonomy.save` files named by a fingerprint of the
    folders' file names, sizes and modification times. A cache that cannot be
    read or written is ignored: the CSV files are the source of truth.

    Raises:
        ValueError: A folder is missing or holds no ESCO files.
    """
    paths = [Path(f) for f in folders]
    for path in paths:
        if not path.is_dir():
            msg = f"ESCO folder {os.fspath(path)!r} does not exist or is not a folder"
            raise ValueError(msg)
    if cache_dir is None:
        return Taxonomy.from_esco(*paths)
    cached = cache_dir / f"taxonomy-{_cache_key(paths)}.json.gz"
    try:
        return Taxonomy.load(cached)
    except (OSError, ValueError):
        pass  # absent or unreadable: rebuild below
    taxonomy = Taxonomy.from_esco(*paths)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        taxonomy.save(cached)
    except OSError:
        pass  # a read-only cache location must not break the command
    return taxonomy


def load_normaliser(
    taxonomy: Taxonomy,
    folders: Sequence[str | os.PathLike[str]],
    *,
    cache_dir: Path | None = None,
) -> TitleNormaliser:
    """A :class:`TitleNormaliser` for ``taxonomy`` (read from ``folders``), cached.

    The built index is cached beside the taxonomy (:meth:`TitleNormaliser.save`,
    a NumPy file without pickles), named by the folders' fingerprint and by the
    source code of the normaliser, so an index built from other files or by
    other code is never used. As with the taxonomy, a cache that cannot be read
    or written is ignored.
    """
    if cache_dir is None:
        return TitleNormaliser(taxonomy)
    digest = hashlib.sha256(_cache_key([Path(f) for f in folders]).encode())
    try:
        for module in (titles_module, text_module):
            digest.update(Path(module.__file__ or "").read_bytes())
    except OSError:  # source not readable (a zipped install): no safe key
        return TitleNormaliser(taxonomy)
    cached = cache_dir / f"titles-{digest.hexdigest()[:32]}.npz"
    try:
        return TitleNormaliser.load(cached)
    except (OSError, ValueError):
        pass  # absent or unreadable: rebuild below
    normaliser = TitleNormaliser(taxonomy)
    partial = cached.with_name(f"{cached.stem}.{os.getpid()}.tmp")
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        normaliser.save(partial)
        partial.replace(cached)  # atomic: a concurrent reader never sees half a file
    except OSError:
        with contextlib.suppress(OSError):  # a read-only cache location is fine
            partial.unlink(missing_ok=True)
    return normaliser


def _cache_from_args(args: argparse.Namespace) -> Path | None:
    return None if args.no_cache else (args.cache or default_cache_dir())


def _taxonomy_from_args(args: argparse.Namespace) -> Taxonomy:
    try:
        return load_taxonomy(args.taxonomy, cache_dir=_cache_from_args(args))
    except ValueError as exc:
        raise CommandError(str(exc)) from exc


def _taxonomy_with_occupations(args: argparse.Namespace) -> Taxonomy:
    """The taxonomy, refused when it has no occupations (titles and transitions)."""
    taxonomy = _taxonomy_from_args(args)
    if not taxonomy.occupations:
        folders = ", ".join(args.taxonomy)
        msg = f"no occupations found in {folders} (expected occupations_<lang>.csv)"
        raise CommandError(msg)
    return taxonomy


def _add_taxonomy_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--taxonomy",
        action="append",
        required=True,
        metavar="DIR",
        help="ESCO CSV folder; repeat for fallbacks (first one wins for labels)",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        metavar="DIR",
        help=(
            "cache folder for the parsed taxonomy and the title index "
            "(default: $XDG_CACHE_HOME/skillmatch)"
        ),
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="always parse the CSV files"
    )


def _lines(stream: TextIO) -> Iterator[str]:
    for line in stream:
        yield line.rstrip("\r\n")


def _write(stdout: TextIO, record: object) -> None:
    stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


# -- titles ---------------------------------------------------------------------------


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        msg = f"must be a whole number of at least 1, not {value!r}"
        raise argparse.ArgumentTypeError(msg)
    return number


def _add_titles(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    parser = subparsers.add_parser(
        "titles",
        help="normalise job titles (one per line on stdin) to occupations",
        description="Read one job title per line on stdin; write one JSON object "
        'per line: {"title": ..., "occupations": [{"uri", "label", "score"}]}.',
    )
    _add_taxonomy_arguments(parser)
    parser.add_argument(
        "-k", type=_positive_int, default=10, help="occupations per title (default 10)"
    )
    parser.set_defaults(handler=_run_titles)


def _run_titles(args: argparse.Namespace, streams: Streams) -> int:
    taxonomy = _taxonomy_with_occupations(args)
    normaliser = load_normaliser(
        taxonomy, args.taxonomy, cache_dir=_cache_from_args(args)
    )
    lines = _lines(streams.stdin)
    while chunk := list(islice(lines, _CHUNK)):
        for title, matches in zip(
            chunk, normaliser.normalise_many(chunk, k=args.k), strict=True
        ):
            occupations = [
                {"uri": m.uri, "label": m.label, "score": m.score} for m in matches
            ]
            _write(streams.stdout, {"title": title, "occupations": occupations})
        streams.stdout.flush()
    return 0


# -- transitions ----------------------------------------------------------------------


def _add_transitions(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    parser = subparsers.add_parser(
        "transitions",
        help="occupations within reach of each occupation URI on stdin",
        description="Read one ESCO occupation URI per line on stdin; write one JSON "
        'object per line: {"source": ..., "occupations": [{"uri", "label", "score", '
        '"shared", "gap"}]}, or {"source": ..., "error": ...} for an unknown URI.',
    )
    _add_taxonomy_arguments(parser)
    parser.add_argument(
        "-k", type=_positive_int, default=10, help="occupations per source (default 10)"
    )
    parser.set_defaults(handler=_run_transitions)


def _run_transitions(args: argparse.Namespace, streams: Streams) -> int:
    taxonomy = _taxonomy_with_occupations(args)
    model = TransitionModel(taxonomy)
    for line in transitions_jsonl(model, _lines(streams.stdin), k=args.k):
        streams.stdout.write(line + "\n")
        streams.stdout.flush()
    return 0


# -- entry point ----------------------------------------------------------------------

# One entry per subcommand; the transitions command is added here by its owner.
_COMMANDS: list[
    Callable[[argparse._SubParsersAction[argparse.ArgumentParser]], None]
] = [
    _add_titles,
    _add_transitions,
]


def build_parser() -> argparse.ArgumentParser:
    """The ``skillmatch`` argument parser with one subparser per command."""
    parser = argparse.ArgumentParser(
        prog="python -m skillmatch",
        description="Match job titles and skills against an ESCO-style taxonomy.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in _COMMANDS:
        add(subparsers)
    return parser


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run the command line; returns the exit code (0 ok, 2 bad input)."""
    if stdin is None:
        stdin = sys.stdin
        if isinstance(stdin, io.TextIOWrapper):
            # Titles are UTF-8 text; a stray byte must not end the run in a traceback.
            stdin.reconfigure(encoding="utf-8", errors="replace")
    streams = Streams(stdin, stdout or sys.stdout, stderr or sys.stderr)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage error
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    handler: Callable[[argparse.Namespace, Streams], int] = args.handler
    try:
        return handler(args, streams)
    except CommandError as exc:
        streams.stderr.write(f"skillmatch {args.command}: error: {exc}\n")
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
