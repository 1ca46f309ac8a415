"""Placements: the mediation pipeline from a candidacy for a vacancy to a placement,
and the placement with its ending.

Owns candidacies (and their steps), placements and their endings; its pure rules
(``rules.py``) decide the pipeline's steps and the follow-up schedule. Reads persons
only through ``people.access``; publishes its fact tables (``facts.py``) for
monitoring; must not import ``monitoring`` (a sibling).
"""
