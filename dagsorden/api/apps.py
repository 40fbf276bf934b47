from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "dagsorden.api"
    label = "api"
    verbose_name = "API"
