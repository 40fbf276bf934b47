from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "dagsorden.demo"
    verbose_name = "Demo data"
