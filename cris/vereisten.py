"""`python -m cris.vereisten`: stop with a clear message when the system libraries CRIS needs are missing.

Python packages come from pip; WeasyPrint (letters, dossier PDFs) also needs Pango and HarfBuzz from the
operating system. `make run` and `make test` call this first, so a new machine hears what to install instead
of meeting an OSError deep in a letter."""

from __future__ import annotations

import sys

INSTALLEREN = (
    "  Debian/Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core\n"
    "  Fedora:        dnf install pango harfbuzz\n"
    "  macOS:         brew install pango\n"
    "  (see https://doc.courtbouillon.org/weasyprint/stable/first_steps.html#installation)"
)


def ontbrekend() -> str | None:
    """None when WeasyPrint can load its libraries, else what went wrong."""
    try:
        import weasyprint  # noqa: F401 - loading it opens Pango and HarfBuzz
    except OSError as fout:  # cffi: "cannot load library 'libpango-1.0-0'"
        return str(fout)
    return None


def main() -> int:
    fout = ontbrekend()
    if fout is None:
        return 0
    print(
        f"CRIS needs the system libraries Pango and HarfBuzz for WeasyPrint (PDF letters):\n  {fout}\n"
        f"Install them and run the command again:\n{INSTALLEREN}",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
