"""Admin scripts (.ps1): parse, run, check and port them (issue 4)."""
