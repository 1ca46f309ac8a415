"""API: who am I, and for which organisations may I act."""

from typing import cast

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from regiowerk.common.api import BaseApi
from regiowerk.organisations.models import Membership, User


class MeApi(BaseApi):
    class MembershipSerializer(serializers.Serializer):
        organisation_id = serializers.IntegerField()
        organisation = serializers.CharField(source="organisation.name")
        role = serializers.CharField()

    class OutputSerializer(serializers.Serializer):
        username = serializers.CharField()
        memberships = serializers.ListField(child=serializers.DictField())

    @extend_schema(responses=OutputSerializer)
    def get(self, request: Request) -> Response:
        memberships = Membership.objects.filter(
            user=cast(User, request.user)
        ).select_related("organisation")
        return Response(
            {
                "username": request.user.get_username(),
                "memberships": self.MembershipSerializer(memberships, many=True).data,
            }
        )
