from django.apps import AppConfig


class AlertsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "dagsorden.alerts"
    verbose_name = "E-mailadviseringer"
