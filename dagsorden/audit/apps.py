from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "dagsorden.audit"
    verbose_name = "Audit log"
