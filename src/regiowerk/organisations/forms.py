"""Forms of the organisation and user administration pages (parsing only)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from regiowerk.organisations.constants import Role


class CheckboxGroup(forms.CheckboxSelectMultiple):
    """Checkboxes whose label and error link point at the first box.

    Django 5 returns no id for a checkbox group, which would leave the shared form
    template's ``<label for>`` and error-summary link without a target.
    """

    def id_for_label(self, id_: str, index: str | None = "0") -> str:
        return super().id_for_label(id_, index)


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
            "At least 8 characters, not only digits and not a common password. "
            "Give it to the user in person."
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
