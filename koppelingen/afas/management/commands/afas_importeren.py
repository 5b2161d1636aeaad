from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cris.audit.context import AuditContext, current
from cris.jobs import nachtjob
from koppelingen.afas.formaat import ExportUnreadable
from koppelingen.afas.services import afas_importeren


class Command(BaseCommand):
    help = "Importeer medewerkers uit een AFAS-export (CSV of JSON); zie docs/afas.md."

    def add_arguments(self, parser):
        parser.add_argument("pad", type=Path)
        parser.add_argument(
            "--niet-volledig", action="store_true", help="De export is een deel: deactiveer niemand die ontbreekt."
        )

    @nachtjob("afas_importeren")
    def handle(self, *args, pad: Path, niet_volledig: bool, **options):
        current.set(AuditContext(bron="commando"))
        try:
            run = afas_importeren(path=pad, volledig=not niet_volledig)
        except ExportUnreadable as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{run.regels} regels: {run.aangemaakt} aangemaakt, {run.bijgewerkt} bijgewerkt, "
            f"{run.ongewijzigd} ongewijzigd, {run.gedeactiveerd} gedeactiveerd, {len(run.fouten)} fouten"
        )
        for fout in run.fouten:
            self.stderr.write(f"regel {fout['regel']}, {fout['veld']}: {fout['melding']}")
        for melding in run.meldingen:
            self.stdout.write(melding)
