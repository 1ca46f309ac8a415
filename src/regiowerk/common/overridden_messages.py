"""Django's and DRF's own messages that regiowerk words itself in Dutch.

The project's catalogue comes before theirs (``LOCALE_PATHS``), so these entries in
``locale/nl/LC_MESSAGES/django.po`` replace the frameworks' wording. They are listed
here only so that ``make messages`` (``makemessages``, which keeps just the messages it
finds in regiowerk's own source) keeps them; nothing imports this module.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

# Django 5.2's password length rule (its Dutch catalogue has the older wording)
ngettext_lazy(
    "This password is too short. It must contain at least %d character.",
    "This password is too short. It must contain at least %d characters.",
)

# Django REST framework's field errors, said the way the rest of the API says them
gettext_noop("Not a valid string.")
gettext_noop("Must be a valid boolean.")
gettext_noop("Date has wrong format. Use one of these formats instead: {format}.")
gettext_noop("Datetime has wrong format. Use one of these formats instead: {format}.")
gettext_noop("Time has wrong format. Use one of these formats instead: {format}.")
gettext_noop("Invalid data. Expected a dictionary, but got {datatype}.")
gettext_noop('Expected a dictionary of items but got type "{input_type}".')
