from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "dagsorden.search"
    verbose_name = _("Søgning")

    def ready(self):
        # The index follows every change to a meeting's content, as the page cache does.
        from dagsorden.search.signals import receivers_connect

        receivers_connect()
