from django.core.management.base import BaseCommand
from django.db import transaction

from branches import demo as branches_demo
from materials import demo as materials_demo


class Command(BaseCommand):
    help = "Create or refresh the demo organisations, people and content of the source article."

    @transaction.atomic
    def handle(self, *args, **options):
        orgs, people = branches_demo.seed()
        materials_demo.seed(orgs, people)
        self.stdout.write(self.style.SUCCESS(
            f"Demo data ready: {len(orgs)} organisations, {len(people)} people "
            f"(password {branches_demo.DEMO_PASSWORD})."
        ))
