"""Networking for PhDs: how the site's own static assets are served (beside nfp/, the checklist engine).

Plain Python that tests call directly; `hooks/asset_bundles.py` only wires it to MkDocs events.
"""
