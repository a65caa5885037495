"""Load the demo cycle "2026" so that `make run` shows a living product (idempotent).

The demo is described in ``maturity/data/demo/demo_cycle.yaml`` and loaded through the services
by :mod:`maturity.demo.loader`. Requires the demo accounts (``create_demo_accounts``); does
nothing when the cycle exists.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from cities.services import DEMO_PASSWORD
from maturity.demo.loader import DemoPrerequisiteMissing, load_demo_cycle
from maturity.demo.story import read_story


class Command(BaseCommand):
    help = (
        "Muat data demo siklus 2026 / load the demo cycle 2026 with assessments of 34 regions "
        "(does nothing if the cycle exists)"
    )

    def handle(self, *args: object, **options: object) -> None:
        story = read_story()
        try:
            counts = load_demo_cycle(story)
        except DemoPrerequisiteMissing as error:
            raise CommandError(str(error))
        if counts is None:
            self.stdout.write(
                f"Siklus demo {story.name} sudah ada / the demo cycle already exists."
            )
            return
        self.stdout.write(
            f"Siklus demo / demo cycle {story.name}: "
            + ", ".join(f"{count} {status}" for status, count in sorted(counts.items()))
            + f". CSCO wilayah dikembalikan / of a returned region: csco.{story.sign_in_login} "
            f"({DEMO_PASSWORD})."
        )
