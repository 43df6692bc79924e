"""Reports' models: `from reports.models import ExportRecord` works."""

from .exports import ExportKind, ExportRecord  # noqa: F401
