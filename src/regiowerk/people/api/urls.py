from regiowerk.common.api import api_path
from regiowerk.people.api import views

PERSON = "persons/<uuid:person_id>/"
DOSSIER = "dossiers/<uuid:dossier_id>/"

urlpatterns = [
    # Persons
    api_path("persons/", views.PersonListApi),
    api_path("persons/create/", views.PersonCreateApi),
    api_path("persons/find-by-bsn/", views.PersonFindByBsnApi),
    api_path("persons/aggregates/", views.PersonAggregatesApi),
    api_path(PERSON, views.PersonDetailApi),
    api_path(f"{PERSON}update/", views.PersonUpdateApi),
    api_path(f"{PERSON}export/", views.PersonExportApi),
    api_path(f"{PERSON}export/readable/", views.PersonReadableExportApi),
    api_path(f"{PERSON}erase/", views.PersonEraseApi),
    # Dossiers
    api_path(f"{PERSON}dossiers/", views.DossierListApi),
    api_path(f"{PERSON}dossiers/create/", views.DossierCreateApi),
    api_path(DOSSIER, views.DossierDetailApi),
    api_path(f"{DOSSIER}intake/", views.DossierIntakeApi),
    api_path(f"{DOSSIER}goals/", views.DossierGoalsApi),
    api_path(f"{DOSSIER}responsible/", views.DossierResponsibleApi),
    api_path(f"{DOSSIER}close/", views.DossierCloseApi),
    api_path("intake-questions/", views.IntakeQuestionListApi),
    # Plan actions and contact moments
    api_path(f"{DOSSIER}plan-actions/", views.PlanActionListApi),
    api_path(f"{DOSSIER}plan-actions/create/", views.PlanActionCreateApi),
    api_path(
        "plan-actions/<int:plan_action_id>/complete/", views.PlanActionCompleteApi
    ),
    api_path(f"{DOSSIER}contact-moments/", views.ContactMomentListApi),
    api_path(f"{DOSSIER}contact-moments/create/", views.ContactMomentCreateApi),
    api_path(f"{DOSSIER}contact-moments/planned/", views.DossierPlannedContactListApi),
    api_path(f"{DOSSIER}contact-moments/plan/", views.ContactMomentPlanApi),
    api_path("contact-moments/planned/", views.ContactMomentPlannedListApi),
    api_path("contact-moments/<int:contact_id>/held/", views.ContactMomentHeldApi),
    api_path("contact-moments/<int:contact_id>/cancel/", views.ContactMomentCancelApi),
    # Consents and labour status
    api_path(f"{PERSON}consents/", views.ConsentListApi),
    api_path(f"{PERSON}consents/create/", views.ConsentGiveApi),
    api_path("consents/<int:consent_id>/withdraw/", views.ConsentWithdrawApi),
    api_path(f"{PERSON}labour-status/", views.LabourStatusListApi),
    api_path(f"{PERSON}labour-status/create/", views.LabourStatusRecordApi),
]
