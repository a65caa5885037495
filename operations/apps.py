from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Operational state of the service itself: worker heartbeats."""

    name = "operations"
    verbose_name = _("Operasi")
    default_auto_field = "django.db.models.BigAutoField"
