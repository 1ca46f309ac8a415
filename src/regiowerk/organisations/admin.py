from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from regiowerk.organisations import actions
from regiowerk.organisations.models import (
    ApiToken,
    Membership,
    Organisation,
    Region,
    User,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(User)
class RegiowerkUserAdmin(UserAdmin):
    inlines = [MembershipInline]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "region", "is_active"]
    list_filter = ["type", "region", "is_active"]
    search_fields = ["name"]


admin.site.register(Region)


class ApiTokenAddForm(ModelForm):
    class Meta:
        model = ApiToken
        fields = ["user"]

    def validate_unique(self) -> None:
        """A user who has a key may get a new one: it replaces theirs."""


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Whose API key exists since when; never the key (it is not stored) nor its digest.
    Adding one makes a new key for the chosen user (replacing theirs) and shows it on
    that response only; deleting one revokes it. Nothing else can be changed."""

    form = ApiTokenAddForm
    list_display = ["user", "created"]
    list_filter = ["created"]
    search_fields = ["user__username"]
    ordering = ["user__username"]
    fields = ["user", "created"]
    readonly_fields = ["created"]
    list_select_related = ["user"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["user", "created"] if obj is not None else ["created"]

    def save_model(
        self, request: HttpRequest, obj: ApiToken, form: ModelForm, change: bool
    ) -> None:
        token, key = actions.create_api_token(user=obj.user)
        obj.pk, obj.digest, obj.created = token.pk, token.digest, token.created
        obj._state.adding = False
        request.new_api_key = key  # type: ignore[attr-defined]  # this response only

    def response_add(
        self, request: HttpRequest, obj: ApiToken, post_url_continue: Any = None
    ) -> HttpResponse:
        """The new key, once, on this response (never in a redirect or a message,
        which would keep it in a URL or a cookie)."""
        return TemplateResponse(
            request,
            "admin/organisations/apitoken/created.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "token": obj,
                "new_key": request.new_api_key,  # type: ignore[attr-defined]
                "title": self.opts.verbose_name,
            },
        )
