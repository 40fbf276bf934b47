from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "dagsorden.meetings"
    verbose_name = _("Møder og dagsordener")

    def ready(self):
        # Every write to what a meeting page shows moves the meeting's stamp, which is
        # what the portal's page cache keys on.
        from dagsorden.meetings.stamps import receivers_connect

        receivers_connect()
