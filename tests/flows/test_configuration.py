"""Every environment variable the settings read is documented in .env.example."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BASE_SETTINGS = ROOT / "src" / "regiowerk" / "config" / "settings" / "base.py"
ENV_EXAMPLE = ROOT / ".env.example"

# django-environ reads: env("X"), env.str("X"), env.bool("X"), env.db("X"), ...
_ENV_CALLEES = {"env"}


def variables_read_by(settings_file: Path) -> set[str]:
    """Names passed as the first argument to ``env(...)`` or ``env.<type>(...)``."""
    names = set()
    for node in ast.walk(ast.parse(settings_file.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        is_env_call = (isinstance(func, ast.Name) and func.id in _ENV_CALLEES) or (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id in _ENV_CALLEES
        )
        first = node.args[0]
        if (
            is_env_call
            and isinstance(first, ast.Constant)
            and isinstance(first.value, str)
        ):
            names.add(first.value)
    return names


def variables_documented_in(example_file: Path) -> set[str]:
    """Variable names assigned in the file, commented-out lines included."""
    pattern = re.compile(r"^\s*#?\s*([A-Z][A-Z0-9_]*)=", re.MULTILINE)
    return set(pattern.findall(example_file.read_text(encoding="utf-8")))


def test_the_settings_read_some_environment_variables():
    # guards the scanner itself: a refactor that hides the calls must not pass silently
    names = variables_read_by(BASE_SETTINGS)

    assert {"DJANGO_SECRET_KEY", "DATABASE_URL"} <= names


def test_every_environment_variable_of_the_settings_is_in_env_example():
    read = variables_read_by(BASE_SETTINGS)
    documented = variables_documented_in(ENV_EXAMPLE)

    missing = sorted(read - documented)

    assert not missing, f"add these to .env.example with a comment: {missing}"


def test_every_variable_in_env_example_has_a_comment_above_it():
    lines = ENV_EXAMPLE.read_text(encoding="utf-8").splitlines()
    assignment = re.compile(r"^\s*#?\s*([A-Z][A-Z0-9_]*)=")
    uncommented = []
    for index, line in enumerate(lines):
        match = assignment.match(line)
        if not match:
            continue
        # walk up over other (commented) assignments to the nearest prose comment
        above = index - 1
        while above >= 0 and assignment.match(lines[above]):
            above -= 1
        if above < 0 or not lines[above].lstrip().startswith("#"):
            uncommented.append(match.group(1))

    assert not uncommented, f"give these a one-line comment: {uncommented}"
