from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitiesConfig(AppConfig):
    name = "cities"
    verbose_name = _("Wilayah dan pengguna")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cities import signals  # noqa: F401  (password change → tokens revoked)
