"""Models of casus: built by the issue that delivers CLI-*, CAS-*, AUT-*."""
