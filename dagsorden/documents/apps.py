from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "dagsorden.documents"
    verbose_name = "Documents"
