from django.core.management.base import BaseCommand

from cris.audit.context import AuditContext, current
from cris.jobs import nachtjob, peildatum_lezen
from taken.services.levenscyclus import casusstatus_herberekenen


class Command(BaseCommand):
    help = "Zet casussen die lang genoeg Passief zijn op Afgerond (CAS-3); met --alles: herbereken elke casus."

    def add_arguments(self, parser):
        parser.add_argument(
            "--alles", action="store_true", help="Herbereken de status van alle casussen uit hun taken."
        )
        parser.add_argument("--peildatum", help="Reken alsof het nu dit tijdstip is (ISO 8601), bijv. 2026-12-31T02:00")

    @nachtjob("casusstatus_herberekenen")
    def handle(self, *args, alles: bool, peildatum: str | None, **options):
        nu = peildatum_lezen(peildatum, "2026-12-31T02:00")
        current.set(AuditContext(bron="commando"))
        result = casusstatus_herberekenen(alles=alles, nu=nu)
        details = ", ".join(f"{k}: {v}" for k, v in sorted(result.items()) if k != "gewijzigd")
        self.stdout.write(f"{result['gewijzigd']} casussen gewijzigd" + (f" ({details})" if details else ""))
