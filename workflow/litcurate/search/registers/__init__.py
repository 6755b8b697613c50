"""Trial registers: ClinicalTrials.gov (API v2) and WHO ICTRP exports."""
