"""Forms of the organisation and user administration pages (parsing only)."""

from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from regiowerk.common.forms import CheckboxGroup
from regiowerk.organisations.constants import Role
from regiowerk.organisations.models import User


class UserCreateForm(forms.Form):
    """A new user of the organisation; the field names match ``create_user``."""

    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        help_text=_("Letters, digits and @/./+/-/_ only; used to log in."),
    )
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    # Never echo a password back into a re-rendered form.
    password = forms.CharField(
        label=_("Initial password"),
        widget=forms.PasswordInput(render_value=False),
        help_text=_(
            "At least 12 characters, not only digits, not a common password and not "
            "the name of regiowerk or of an organisation. Give it to the user in person."
        ),
        strip=False,
    )
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=Role.choices,
        widget=CheckboxGroup,
        help_text=_("Analysts see aggregate figures only, never individual people."),
    )


class RoleForm(forms.Form):
    """One role to grant or revoke."""

    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class OwnPasswordChangeForm(PasswordChangeForm):
    """Django's form; the page states the rules in a sentence instead of a list."""

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(user, *args, **kwargs)
        self.fields["new_password1"].help_text = ""


class OwnSetPasswordForm(SetPasswordForm):
    """Django's form for a first (or a forgotten) password; the rules in a sentence."""

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(user, *args, **kwargs)
        self.fields["new_password1"].help_text = ""


class TokenForm(forms.Form):
    """The 6-digit code an authenticator app shows."""

    wrong_code = _("This code is not correct. Enter the code your app shows now.")

    token = forms.CharField(
        label=_("Code from the authenticator app"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
        help_text=_("6 digits; a new code appears every 30 seconds."),
    )

    def clean_token(self) -> str:
        token = str(self.cleaned_data["token"]).replace(" ", "")
        if not (token.isdigit() and len(token) == 6):
            raise forms.ValidationError(self.wrong_code)
        return token
