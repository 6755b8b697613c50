"""Report stage (``rules/report.smk``): PRISMA 2020 flow (json, svg, png, csv), the harmonised
dataset with conflicts, dictionary and outcomes, the QC warnings, and the run summary.

``step`` holds the rules' calls (``prisma``, ``dataset``, ``qc``).
"""
