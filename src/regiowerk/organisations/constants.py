"""Choice lists for organisations and roles."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationType(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    UWV = "uwv", _("UWV")
    EMPLOYER_SERVICE_DESK = "employer_service_desk", _("Employer service desk")
    UNION = "union", _("Union")
    EMPLOYER_ORGANISATION = "employer_organisation", _("Employer organisation")
    TRAINING_FUND = "training_fund", _("Training fund")
    CAREER_GUIDANCE_PROVIDER = (
        "career_guidance_provider",
        _("Career-guidance / re-integration provider"),
    )
    TRAINING_INSTITUTE = "training_institute", _("Training institute")
    LABOUR_EXPERT_PRACTICE = "labour_expert_practice", _("Labour-expert practice")


class Role(models.TextChoices):
    CONSULTANT = "consultant", _("Consultant")
    LABOUR_EXPERT = "labour_expert", _("Labour expert")
    ACCOUNT_MANAGER = "account_manager", _("Employer account manager")
    PROJECT_LEADER = "project_leader", _("Project leader")
    ANALYST = "analyst", _("Analyst")
    ADMINISTRATOR = "administrator", _("Administrator")
    # the funder's side of a subsidy programme (monitoring); they do no casework
    PROGRAMME_MANAGER = "programme_manager", _("Programme manager")
    AUDITOR = "auditor", _("Auditor")


# Roles that work with individual people's dossiers. Analysts see aggregates only;
# account managers work with employers and see a person only through a match later.
CASEWORK_ROLES = frozenset({Role.CONSULTANT, Role.LABOUR_EXPERT, Role.PROJECT_LEADER})
