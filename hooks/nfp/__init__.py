"""Networking for PhDs: the checklist engine beneath the MkDocs hooks.

Everything here is plain Python that tests call directly; `hooks/*.py` only wires it to MkDocs events.
"""
