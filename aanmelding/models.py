"""Models of aanmelding: built by the issue that delivers AAN-*."""
