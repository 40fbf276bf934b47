from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "dagsorden.feeds"
    verbose_name = "Calendars and feeds"
