from django.core.management.base import BaseCommand

from cris.jobs import nachtjob
from diensten.services.productie import productie_voorberekenen


class Command(BaseCommand):
    help = (
        "Bereken de productiecijfers (DIE-4) van afgesloten maanden die ontbreken of verouderd zijn, zoals de "
        "periodieke taak doet."
    )

    def add_arguments(self, parser):
        parser.add_argument("--alles", action="store_true", help="Bereken elke afgesloten maand opnieuw.")

    @nachtjob("productie_voorberekenen")
    def handle(self, *args, alles: bool, **options):
        maanden = productie_voorberekenen(alles=alles)
        self.stdout.write(
            f"{len(maanden)} maand(en) berekend" + (f": {maanden[0]:%m-%Y} – {maanden[-1]:%m-%Y}" if maanden else ".")
        )
