from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaterialsConfig(AppConfig):
    name = "materials"
    verbose_name = _("Study materials")

    def ready(self):
        from materials import checks, rules  # noqa: F401
