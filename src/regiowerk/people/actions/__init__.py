"""Changes to persons, dossiers, consents and labour-status history.

Every write about people goes through these functions, so the privacy rules have one
home. Callers (views, API, imports, commands) first get the person or dossier through
people.access; each action checks the actor's right to write again (defence in depth).
Who may read or change personal data (``may_change_person``, ``may_erase``,
``may_register_persons``) is decided in people.access, not here: in people every right
is a rule about personal data, so there is no separate ``permissions.py``.

One module per aggregate, all re-exported here (``actions.register_person(...)``):

- :mod:`.persons` registering and changing persons, labour-status observations;
- :mod:`.dossiers` dossiers, intake, goals, plan actions, contact moments (held,
  planned or cancelled), the responsible consultant;
- :mod:`.consents` giving and withdrawing consent (and the BSN kept for reporting);
- :mod:`.privacy` export, erasure, retention and BSN key rotation.

Errors: ``ValidationError`` whose ``message_dict`` names the field and the reason (a
BSN is never echoed), ``AccessDenied`` for a record the actor may not change,
``PermissionDenied`` for an actor whose role may not do this at all, and
``ConcurrentEditError`` when a ``version`` is out of date.
"""

from regiowerk.people.actions.consents import give_consent, withdraw_consent
from regiowerk.people.actions.dossiers import (
    add_plan_action,
    cancel_contact,
    close_dossier,
    complete_plan_action,
    hand_over_dossier,
    open_dossier,
    plan_contact,
    record_contact,
    record_contact_held,
    record_intake,
    update_goals,
)
from regiowerk.people.actions.persons import (
    KNOWN_ELSEWHERE_NOTICE,
    RegistrationResult,
    record_labour_status,
    register_person,
    update_person,
)
from regiowerk.people.actions.privacy import (
    RetentionResult,
    apply_retention,
    erase_person,
    export_person,
    readable_person_export,
    rotate_bsn_encryption,
)
from regiowerk.people.models import PERSON_EDITABLE_FIELDS

__all__ = [
    "KNOWN_ELSEWHERE_NOTICE",
    "PERSON_EDITABLE_FIELDS",
    "RegistrationResult",
    "RetentionResult",
    "add_plan_action",
    "apply_retention",
    "cancel_contact",
    "close_dossier",
    "complete_plan_action",
    "erase_person",
    "export_person",
    "give_consent",
    "hand_over_dossier",
    "open_dossier",
    "plan_contact",
    "readable_person_export",
    "record_contact",
    "record_contact_held",
    "record_intake",
    "record_labour_status",
    "register_person",
    "rotate_bsn_encryption",
    "update_goals",
    "update_person",
    "withdraw_consent",
]
