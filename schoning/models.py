"""Models of schoning: built by the issue that delivers SCH-*."""
