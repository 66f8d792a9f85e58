"""manage.py import_org FILE [--deactivate-missing] [--dry-run]: the org chart from a CSV or XLSX file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from workflows.org_import import import_org


class Command(BaseCommand):
    help = (
        "Import people and units from a CSV or XLSX file with the columns "
        "email, full_name, title, unit_path, manager_email, hire_date. Every row is checked first: "
        "on any error nothing is imported and each bad row is reported as 'line N: ...'."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the CSV or XLSX file (UTF-8, header row required)")
        parser.add_argument(
            "--deactivate-missing", action="store_true",
            help="deactivate active people who are neither in the file nor named in it as a manager",
        )
        parser.add_argument("--dry-run", action="store_true", help="check and summarise, then write nothing")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        try:
            result = import_org(
                path, deactivate_missing=options["deactivate_missing"], dry_run=options["dry_run"]
            )
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror or exc}") from exc
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(result.errors)} error(s) in {path.name}; nothing was imported")
        prefix = "Dry run, nothing written: would have " if result.dry_run else ""
        self.stdout.write(
            f"{prefix}created {result.created}, updated {result.updated}, unchanged {result.unchanged}, "
            f"reactivated {result.reactivated}, deactivated {result.deactivated}, "
            f"units created {result.units_created}, unit leads set {result.leads_set}"
        )
