rule extract:
    input:
        pdf=lambda wildcards: REVIEWS[wildcards.review]["pdf"],
    output:
        tables=directory("results/extract/{review}/tables"),
        references="results/extract/{review}/references.csv",
        report="results/extract/{review}/report.json",
    params:
        software=SOFTWARE,
        hints=lambda wildcards: REVIEWS[wildcards.review]["hints"],
    log:
        "logs/extract/{review}.log",
    run:
        stages.extract(wildcards.review, input.pdf, params.hints, output.tables, output.references, output.report, log[0])


rule harmonise:
    input:
        tables=rules.extract.output.tables,
        report=rules.extract.output.report,
    output:
        studies="results/extract/{review}/studies.csv",
        warnings="results/extract/{review}/harmonise_warnings.csv",
    params:
        software=SOFTWARE,
    log:
        "logs/harmonise/{review}.log",
    run:
        stages.harmonise(wildcards.review, input.tables, input.report, output.studies, output.warnings, log[0])
