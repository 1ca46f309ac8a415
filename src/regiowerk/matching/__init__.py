"""The Django adapter for the skillmatch engine.

Owns: the imported ESCO taxonomy tables, people's occupations and skills, which catalogue
services teach which skills, and the use cases that call the engine (title suggestions,
matched vacancies, ranked candidates, career transitions).
Must not: implement matching itself — that is ``skillmatch`` (framework-free); this app
only converts ORM rows to engine dataclasses (``convert.py``) and back.
"""
