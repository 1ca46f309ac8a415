"""The demo region: a generated labour-market region for trying regiowerk out.

Owns: ``manage.py load_demo_region`` and the builder that creates partner organisations,
one user per role, fictitious persons with histories, services, enrolments and events.
Must not: be imported by any other app, or write models directly — it calls the owning
apps' actions, so every rule (consent, access, status transitions) holds for demo data
too. Nothing here is real: names come from Faker, BSNs are generated at run time.
"""
