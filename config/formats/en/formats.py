# English dates as PeerPath writes them ("Nov 30, 2026"); Django's own formats cover the rest.
DATE_FORMAT = "M j, Y"
MONTH_DAY_FORMAT = "M j"
DATETIME_FORMAT = "M j, Y, P"
