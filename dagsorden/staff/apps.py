from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "dagsorden.staff"
    verbose_name = "Staff pages"
