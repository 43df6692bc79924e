"""Matching pages, one module per topic (see matching/urls/); shared helpers in `common`."""
