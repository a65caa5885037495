"""Load the product's reference data: regions and the default framework. Safe to run again."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from cities.services import load_regions
from maturity.frameworks.services import load_default_framework


class Command(BaseCommand):
    help = "Load the reference data: regions and the default framework."

    def handle(self, *args: object, **options: object) -> None:
        result = load_regions()
        self.stdout.write(
            _("Wilayah: %(created)s baru, %(updated)s diperbarui, %(unchanged)s tetap")
            % {
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            }
        )
        framework, created = load_default_framework()
        message = (
            _("Kerangka %(code)s %(version)s: dimuat")
            if created
            else _("Kerangka %(code)s %(version)s: sudah ada")
        )
        self.stdout.write(message % {"code": framework.code, "version": framework.version})
