"""People and privacy: persons, dossiers, consents, labour-status history, access log.

Owns: Person, Dossier (intake, goals, plan actions, contact moments), Consent,
LabourStatusObservation, AccessLog; the BSN pseudonym/encryption (bsn.py); the one
place that decides who may read personal data (access.py); data-subject rights and
retention (actions.py).
Must not: import services or any higher app; show or store a BSN in plain text.
"""
