"""API routes of placements."""

from regiowerk.common.api import api_path
from regiowerk.placements.api import views

CANDIDACY = "candidacies/<uuid:candidacy_id>/"
PLACEMENT = "placements/<uuid:placement_id>/"
PROGRAMME = "follow-up-programmes/<int:follow_up_programme_id>/"

urlpatterns = [
    api_path("candidacies/", views.CandidacyListApi),
    api_path("candidacies/create/", views.CandidacyCreateApi),
    api_path(CANDIDACY, views.CandidacyDetailApi),
    api_path(f"{CANDIDACY}move/", views.CandidacyMoveApi),
    api_path(f"{CANDIDACY}end/", views.CandidacyEndApi),
    api_path("placements/", views.PlacementListApi),
    api_path("placements/create/", views.PlacementCreateApi),
    api_path(PLACEMENT, views.PlacementDetailApi),
    api_path(f"{PLACEMENT}update/", views.PlacementUpdateApi),
    api_path(f"{PLACEMENT}end/", views.PlacementEndApi),
    api_path(f"{PLACEMENT}check-ins/", views.PlacementCheckInListApi),
    api_path(f"{PLACEMENT}check-ins/create/", views.PlacementCheckInCreateApi),
    api_path(
        f"{PLACEMENT}check-ins/<uuid:check_in_id>/update/",
        views.PlacementCheckInUpdateApi,
    ),
    api_path(f"{PLACEMENT}follow-up-schedule/", views.PlacementScheduleApi),
    api_path(f"{PLACEMENT}follow-up-schedule/set/", views.PlacementScheduleSetApi),
    api_path(f"{PLACEMENT}follow-up-schedule/reset/", views.PlacementScheduleResetApi),
    api_path(f"{PLACEMENT}follow-up-programme/set/", views.PlacementProgrammeSetApi),
    api_path(
        f"{PLACEMENT}follow-up-programme/reset/", views.PlacementProgrammeResetApi
    ),
    api_path("follow-up-programmes/", views.FollowUpProgrammeListApi),
    api_path("follow-up-programmes/create/", views.FollowUpProgrammeCreateApi),
    api_path(PROGRAMME, views.FollowUpProgrammeDetailApi),
    api_path(f"{PROGRAMME}update/", views.FollowUpProgrammeUpdateApi),
    api_path("follow-up/", views.FollowUpListApi),
    api_path("durability/", views.DurabilityApi),
    api_path("employer-view/", views.EmployerViewApi),
    api_path(
        "employer-view/placements/<uuid:placement_id>/help/", views.EmployerHelpApi
    ),
]
