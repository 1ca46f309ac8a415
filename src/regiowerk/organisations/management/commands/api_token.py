"""Make or revoke a user's personal API key from the command line."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from regiowerk.organisations import actions
from regiowerk.organisations.models import User


class Command(BaseCommand):
    help = (
        "Make a new personal API key for USERNAME (replacing theirs) and print it once: "
        "only its digest is stored, so it cannot be shown again. With --revoke, revoke "
        "the user's key instead."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--revoke", action="store_true", help="revoke the user's key instead"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = User.objects.get(username=options["username"])
        except User.DoesNotExist as exc:
            raise CommandError("There is no user with that user name.") from exc
        if options["revoke"]:
            revoked = actions.revoke_api_token(user=user)
            self.stdout.write("Revoked the API key." if revoked else "No API key.")
            return
        _token, key = actions.create_api_token(user=user)
        self.stderr.write(
            "New API key (shown only this once; a previous key stops working):"
        )
        self.stdout.write(key)
