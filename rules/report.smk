rule prisma:
    input:
        records=rules.link.output.records,
        screened_records=rules.screen.output.records,
        screened_reports=rules.screen.output.reports,
    output:
        flow_json="results/prisma/flow.json",
        flow_svg=report("results/prisma/flow.svg", caption="../report/flow.rst", category="PRISMA 2020"),
        flow_png="results/prisma/flow.png",
        prisma_csv="results/prisma/flow.csv",
    params:
        software=SOFTWARE,
    log:
        "logs/prisma.log",
    run:
        stages.prisma(input, output, log[0])


rule dataset:
    input:
        screened_reports=rules.screen.output.reports,
        publications=rules.link.output.publications,
        review_rows=rules.link.output.review_rows,
        studies=expand("results/extract/{review}/studies.csv", review=REVIEW_IDS),
    output:
        studies=report("results/dataset/studies.csv", caption="../report/studies.rst", category="Dataset"),
        conflicts="results/dataset/conflicts.csv",
        dictionary="results/dataset/dictionary.csv",
        outcomes="results/dataset/outcomes.csv",
    params:
        software=SOFTWARE,
    log:
        "logs/dataset.log",
    run:
        stages.dataset(input, output, log[0])


rule qc:
    input:
        harmonise_warnings=expand("results/extract/{review}/harmonise_warnings.csv", review=REVIEW_IDS),
        extraction_reports=expand("results/extract/{review}/report.json", review=REVIEW_IDS),
        to_review=rules.link.output.to_review,
        undecided=rules.screen.output.undecided,
    output:
        warnings=report("results/qc/warnings.csv", caption="../report/qc.rst", category="Quality control"),
        summary="results/qc/summary.json",
    params:
        software=SOFTWARE,
    log:
        "logs/qc.log",
    run:
        stages.qc(input, output, log[0])
