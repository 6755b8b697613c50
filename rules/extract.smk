rule extract:
    input:
        pdf=review_pdf,
    output:
        tables=directory("results/extract/{review}/tables"),
        references="results/extract/{review}/references.csv",
        report="results/extract/{review}/report.json",
        warnings="results/extract/{review}/extract_warnings.csv",
    log:
        "logs/extract/{review}.log",
    params:
        software=SOFTWARE,
        review=lambda wildcards: wildcards.review,
        hints=review_hints,
    run:
        extract_step.run(input, output, params, log)


rule harmonise:
    input:
        tables=rules.extract.output.tables,
        report=rules.extract.output.report,
        codebook=CODEBOOK_FILES,
    output:
        studies="results/extract/{review}/studies.csv",
        extra="results/extract/{review}/extra.csv",
        warnings="results/extract/{review}/harmonise_warnings.csv",
    log:
        "logs/harmonise/{review}.log",
    params:
        software=SOFTWARE,
        review=lambda wildcards: wildcards.review,
    run:
        harmonise_step.run(input, output, params, log)
