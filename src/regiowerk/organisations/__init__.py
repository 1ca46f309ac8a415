"""Partner organisations of a region, their users and the roles users hold in them.

Owns: Organisation, User, Membership and the Actor (a user acting for one organisation).
Must not: read personal data of job seekers (that is people/access.py).
"""
