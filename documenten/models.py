"""Models of documenten: built by the issue that delivers DOC-*, NOT-*."""
