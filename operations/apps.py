from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Operational state of the service itself: worker heartbeats."""

    name = "operations"
    verbose_name = _("Operasi")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Start and stop each Celery worker's heartbeat with the worker (signal handlers).
        from operations import workers  # noqa: F401
