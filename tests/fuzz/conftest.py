"""The fuzz runs: schemathesis over the API on pytest-django's live server, hypothesis
over the import parser. pytest runs with ``--disable-socket
--allow-hosts=127.0.0.1,::1``, so the live server binds 127.0.0.1 (not "localhost")."""

import os

os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")
