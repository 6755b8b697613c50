"""Link stage (``rules/link.smk``): every reference, record and table row tied to a
publication and a study.

``step`` holds the rule's call; ``sources`` links the workflow's sources (publications,
studies, readable ids), ``rows`` ties table rows to reference entries, ``reanalysis`` finds
reports re-analysing an earlier trial, ``accuracy`` scores links against hand labels.
``citations`` is the generic citation engine (blocking, scoring, clustering, file readers,
``litcurate dedup``), usable on its own.
"""
