"""Services (the cafeteria model) and events.

Owns: the service catalogue (Service), enrolments of persons in services (Enrolment,
Attendance per session), events and learning-network meetings (Event, named
EventRegistration plus an anonymous head count) and the services import.
Must not: read personal data except through people.access; import any higher app.
"""
