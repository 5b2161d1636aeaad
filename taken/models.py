"""Models of taken: built by the issue that delivers TAK-*, VER-*, AGE-*."""
