"""Re-encrypt stored BSNs under the newest key (after adding one in front)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from regiowerk.people.actions import rotate_bsn_encryption
from regiowerk.people.bsn import InvalidToken


class Command(BaseCommand):
    help = (
        "Re-encrypt every stored BSN under the first key of "
        "REGIOWERK_BSN_ENCRYPTION_KEYS. Put the new key first, keep the old ones "
        "behind it, run this, then remove the old keys."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            count = rotate_bsn_encryption()
        except InvalidToken as exc:
            raise CommandError(
                "A stored BSN fits none of the configured keys; nothing was changed."
            ) from exc
        self.stdout.write(f"Re-encrypted {count} BSN(s).")
