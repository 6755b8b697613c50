"""Search stage (``rules/search.smk``): the PubMed search and the records of every database.

``step`` holds the rules' calls, ``pubmed`` the E-utilities client, snapshot mode and
MEDLINE parser, ``databases`` the RIS/MEDLINE exports of other databases, ``cli`` the
``litcurate search`` command.
"""
