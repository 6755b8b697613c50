"""Screen stage (``rules/screen.smk``): the reviewer's recorded decisions applied to records
and reports. ``step`` holds the rule's call, ``decisions`` applies the decision file,
``suggest`` lists what metadata alone suggests excluding."""
