from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BodiesConfig(AppConfig):
    name = "dagsorden.bodies"
    verbose_name = _("Organer og medlemmer")
