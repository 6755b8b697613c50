"""Search stage (``rules/search.smk``): the PubMed search, the trial registers and the records of
every source.

``step`` holds the rules' calls, ``pubmed`` the E-utilities client, snapshot mode and MEDLINE
parser, ``imports`` the readers of other databases' exports, ``registers`` ClinicalTrials.gov and
WHO ICTRP, ``databases`` the records of every source in one table, ``sources`` the per-source
counts of the search log, ``cli`` the ``litcurate search`` command.
"""
