"""Reads of the mentoring app, one module per topic: import from the topic module."""
