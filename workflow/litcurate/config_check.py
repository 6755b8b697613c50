"""A one-line account of a config that breaks schemas/config.schema.yaml.

snakemake.utils.validate reports the whole schema and instance; a reviewer needs the
key and what is wrong with it.
"""
from __future__ import annotations

import re


def config_problem(error: Exception) -> str:
    text = str(error)
    problem = re.search(r"ValidationError: (.+)", text)
    where = re.search(r"On instance((?:\[[^\]]+\])*):", text)
    path = ".".join(re.findall(r"\['?([^'\]]+)'?\]", where.group(1))) if where else ""
    message = problem.group(1).strip() if problem else text.strip().splitlines()[-1]
    location = f"at '{path}'" if path else "at the top level"
    return f"config error {location}: {message} (see schemas/config.schema.yaml)"
