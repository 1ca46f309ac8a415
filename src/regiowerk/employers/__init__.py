"""Employers of the region and their vacancies.

Owns: Employer (KvK-registered), Vacancy and the skills a vacancy asks for.
Must not: read personal data of job seekers; matching people to vacancies is the
``matching`` app's job (it sits above this app and calls the engine).
"""
