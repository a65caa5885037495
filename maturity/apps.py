from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaturityConfig(AppConfig):
    name = "maturity"
    verbose_name = _("Kematangan kota cerdas")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Celery finds tasks in ``<app>.tasks``; the parts keep theirs beside their services.
        # Importing the scores tasks also connects the scoring of changed assessments.
        from maturity.assessments import tasks as assessment_tasks  # noqa: F401
        from maturity.scores import tasks as score_tasks  # noqa: F401
