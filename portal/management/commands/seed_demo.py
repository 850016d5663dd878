from django.core.management.base import BaseCommand
from django.db import transaction

from activities import demo as activities_demo
from branches import demo as branches_demo
from materials import demo as materials_demo
from oversight import demo as oversight_demo
from pairings import demo as pairings_demo


class Command(BaseCommand):
    help = "Create or refresh the demo organisations, people and content of the source article."

    @transaction.atomic
    def handle(self, *args, **options):
        orgs, people = branches_demo.seed()
        pairings_demo.seed(orgs, people)
        activities_demo.seed(orgs, people)
        materials_demo.seed(orgs, people)
        oversight_demo.seed(orgs, people)
        self.stdout.write(self.style.SUCCESS(
            f"Demo data ready: {len(orgs)} organisations, {len(people)} people "
            f"(password {branches_demo.DEMO_PASSWORD})."
        ))
