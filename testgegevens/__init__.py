"""Data that is not production data: the demo organisation of `manage.py demo` (`testgegevens.demo`) and the
production-volume generator of `manage.py genereer_testdata` (`testgegevens.generator`).

This package sits above every app in the layer order (docs/architectuur.md): it may import any of them, and
no app imports it."""
