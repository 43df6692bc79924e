"""Who can see a mentee's record: every record says explicitly whether it is shared."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    SHARED = "shared", _("Shared with my mentor")
    PRIVATE = "private", _("Private")
