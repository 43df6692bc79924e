# Spanish dates as PeerPath writes them ("30 nov 2026", "30 nov 2026, 18:30"); times are
# 24-hour and Django's own Spanish formats cover the rest (decimal comma, day-first input).
DATE_FORMAT = "j b Y"
MONTH_DAY_FORMAT = "j b"
DATETIME_FORMAT = "j b Y, H:i"
