"""Tiny shared kernel: base models, optimistic locking, the API error format, the page layout.

Only what two or more apps need lives here; it is not a junk drawer.
"""
