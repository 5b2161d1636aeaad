"""Models of koppelingen: built by the issue that delivers KOP-*."""
