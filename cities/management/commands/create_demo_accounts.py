"""Create the demo cast for `make run`, printed with its password, only when none exists."""

from django.core.management.base import BaseCommand

from cities.services import DEMO_PASSWORD, create_demo_accounts


class Command(BaseCommand):
    help = "Buat akun demo / create demo accounts (only when none exist)"

    def handle(self, *args: object, **options: object) -> None:
        created = create_demo_accounts()
        if not created:
            self.stdout.write("Akun demo sudah ada / demo accounts already exist.")
            return
        self.stdout.write(f"Akun demo / demo accounts (kata sandi / password: {DEMO_PASSWORD}):")
        for username, role, region in created:
            self.stdout.write(f"  {username:<22} {role:<12} {region}")
