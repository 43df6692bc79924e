"""Accounts pages, one module per topic (see accounts/urls.py)."""
