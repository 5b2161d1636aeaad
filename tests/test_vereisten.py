"""`make run` and `make test` stop with a clear message when WeasyPrint's system libraries are missing."""

import subprocess
import sys

from cris import vereisten

ZONDER_PANGO = """
import sys
class GeenPango:
    def find_spec(self, name, path=None, target=None):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file")
sys.meta_path.insert(0, GeenPango())
sys.modules.pop("weasyprint", None)
from cris import vereisten
sys.exit(vereisten.main())
"""


def test_with_the_libraries_present_the_check_passes():
    assert vereisten.ontbrekend() is None
    assert vereisten.main() == 0


def test_without_pango_the_check_names_what_to_install():
    result = subprocess.run([sys.executable, "-c", ZONDER_PANGO], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Pango and HarfBuzz" in result.stderr
    assert "libpango-1.0-0" in result.stderr and "apt-get install" in result.stderr
    assert "Traceback" not in result.stderr
