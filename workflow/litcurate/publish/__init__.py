"""Publish stage: a finished run becomes a new, never-modified version of the dataset.

``step`` publishes one run (``litcurate publish``), ``checks`` decides whether a run is fit
to publish, ``changes`` says what changed since the last version, ``install`` writes the
version and switches ``current``, ``nightly`` reruns the workflow and publishes it
(``litcurate nightly``), ``cli`` holds both commands.
"""
