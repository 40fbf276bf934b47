from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "dagsorden.portal"
    verbose_name = "Public portal"
