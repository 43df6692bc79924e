"""URLs of the mentoring app, one module per topic, each included by config/urls.py."""
