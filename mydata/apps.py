from django.apps import AppConfig


class MydataConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "mydata"
    verbose_name = "My data"
