"""Load the product's reference data: regions and the default framework. Safe to run again."""

from django.core.management.base import BaseCommand

from cities.services import load_regions
from maturity.frameworks.services import load_default_framework


class Command(BaseCommand):
    help = "Muat data bawaan (wilayah, kerangka bawaan) / load regions and the default framework"

    def handle(self, *args: object, **options: object) -> None:
        result = load_regions()
        self.stdout.write(
            f"Wilayah / regions: {result.created} baru/created, "
            f"{result.updated} diperbarui/updated, {result.unchanged} tetap/unchanged"
        )
        framework, created = load_default_framework()
        state = "dimuat/loaded" if created else "sudah ada/already present"
        self.stdout.write(f"Kerangka / framework {framework.code} {framework.version}: {state}")
