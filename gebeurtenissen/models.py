"""Models of gebeurtenissen: built by the issue that delivers CAS-9."""
