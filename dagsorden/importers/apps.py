from django.apps import AppConfig


class ImportersConfig(AppConfig):
    name = "dagsorden.importers"
    verbose_name = "Importers"
