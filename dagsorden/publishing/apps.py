from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "dagsorden.publishing"
    verbose_name = "Publishing"
