"""Racing calls in threads, each on its own connection, on PostgreSQL and on SQLite.

On PostgreSQL the racers use the test database. On SQLite the test database lives in
memory (a shared cache, whose table locks are not SQLite's file locking), so the race
runs on a copy of it in a temporary file, opened with the settings' OPTIONS (WAL, busy
timeout, immediate transactions) as a production SQLite file would be. Needs
``django_db(transaction=True)``: the data the test made must be committed.

    with racing_database() as race:
        outcomes = race.run(lambda: post(first), lambda: post(second))
        count = race.after(lambda: Enrolment.objects.count())
"""

import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.db import connection, connections


class Race:
    def run(self, *calls: Callable[[], Any]) -> list[Any]:
        """Start ``calls`` together; each one's result, or the exception it raised."""
        barrier = threading.Barrier(len(calls))
        outcomes: list[Any] = [None] * len(calls)

        def racer(index: int, call: Callable[[], Any]) -> None:
            barrier.wait()
            outcomes[index] = self._call(call)

        threads = [
            threading.Thread(target=racer, args=(index, call))
            for index, call in enumerate(calls)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return outcomes

    def after(self, call: Callable[[], Any]) -> Any:
        """Run ``call`` on the database the racers wrote to (to assert what they left)."""
        [outcome] = self.run(call)
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    @staticmethod
    def _call(call: Callable[[], Any]) -> Any:
        try:
            return call()
        except Exception as error:  # the outcome of a racer that lost
            return error
        finally:
            connections.close_all()  # this thread's own connections


@contextmanager
def racing_database() -> Iterator[Race]:
    if connection.vendor != "sqlite":
        yield Race()
        return
    shared = connections.settings["default"]  # the dict new connections are made from
    in_memory = shared["NAME"]
    connection.ensure_connection()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "race.sqlite3"
        with sqlite3.connect(path) as copy:
            connection.connection.backup(copy)
        copy.close()
        shared["NAME"] = str(path)  # this thread keeps its open in-memory connection
        try:
            race = Race()
            race.after(lambda: connections["default"].ensure_connection())  # to WAL
            yield race
        finally:
            shared["NAME"] = in_memory
