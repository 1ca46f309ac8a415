"""Existing API keys keep working, stored as their digest only.

Until now the personal API keys were Django REST framework's ``Token`` rows, the key in
plain text in ``authtoken_token``. That app is no longer installed; where its table
exists (a database made before), each key becomes an ``ApiToken`` holding the SHA-256
of the key (``organisations.api_keys.digest``, repeated here as migrations must not
import code that may change) with its user and date, and the plain key is deleted from
the old table. A fresh database has no such table and nothing to do. Run twice, it
changes nothing: a user who already has an ``ApiToken`` keeps it.

Going back cannot restore the keys (they are not kept): the old table stays empty, and
users make a new key.
"""

import hashlib
from datetime import UTC, datetime

from django.db import migrations
from django.utils import timezone
from django.utils.dateparse import parse_datetime

LEGACY_TABLE = "authtoken_token"


def _aware(value: object) -> datetime:
    """The stored date as an aware datetime (SQLite gives text, in UTC)."""
    parsed = parse_datetime(value) if isinstance(value, str) else value
    if not isinstance(parsed, datetime):
        return timezone.now()
    return timezone.make_aware(parsed, UTC) if timezone.is_naive(parsed) else parsed


def hash_legacy_keys(apps, schema_editor):
    connection = schema_editor.connection
    if LEGACY_TABLE not in connection.introspection.table_names():
        return
    ApiToken = apps.get_model("organisations", "ApiToken")
    table = connection.ops.quote_name(LEGACY_TABLE)
    key, user_id, created = (connection.ops.quote_name(c) for c in ("key", "user_id", "created"))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {key}, {user_id}, {created} FROM {table}")
        rows = cursor.fetchall()
    has_token = set(ApiToken.objects.values_list("user_id", flat=True))
    ApiToken.objects.bulk_create(
        ApiToken(
            user_id=row_user,
            digest=hashlib.sha256(row_key.encode("utf-8")).hexdigest(),
            created=_aware(row_created),
        )
        for row_key, row_user, row_created in rows
        if row_user not in has_token
    )
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")


class Migration(migrations.Migration):
    dependencies = [("organisations", "0003_api_token")]

    operations = [migrations.RunPython(hash_legacy_keys, migrations.RunPython.noop)]
