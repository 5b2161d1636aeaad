"""Models of diensten: built by the issue that delivers DIE-*."""
