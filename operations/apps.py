from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Operational state of the service itself: worker heartbeats."""

    name = "operations"
    verbose_name = "Operasi / Operations"
    default_auto_field = "django.db.models.BigAutoField"
