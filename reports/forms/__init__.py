from .ranges import DateRangeForm  # noqa: F401
