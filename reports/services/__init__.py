from .exports import export_record_create  # noqa: F401
