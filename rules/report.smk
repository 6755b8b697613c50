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
    log:
        "logs/prisma.log",
    params:
        software=SOFTWARE,
    run:
        report_step.prisma(input, output, params, log)


rule dataset:
    input:
        **({"register_links": "results/records/register_links.csv"} if REGISTERS_ON else {}),
        screened_reports=rules.screen.output.reports,
        publications=rules.link.output.publications,
        review_rows=rules.link.output.review_rows,
        studies=expand(rules.harmonise.output.studies, review=REVIEW_IDS),
        extra=expand(rules.harmonise.output.extra, review=REVIEW_IDS),
        codebook=CODEBOOK_FILES,
    output:
        studies=report("results/dataset/studies.csv", caption="../report/studies.rst", category="Dataset"),
        conflicts="results/dataset/conflicts.csv",
        dictionary="results/dataset/dictionary.csv",
        outcomes="results/dataset/outcomes.csv",
        extra="results/dataset/extra.csv",
    log:
        "logs/dataset.log",
    params:
        software=SOFTWARE,
    run:
        report_step.dataset(input, output, params, log)


rule qc:
    input:
        warnings=[
            *IMPORT_WARNINGS,
            *expand(rules.extract.output.warnings, review=REVIEW_IDS),
            *expand(rules.harmonise.output.warnings, review=REVIEW_IDS),
            rules.link.output.warnings,
            rules.screen.output.warnings,
        ],
    output:
        warnings=report("results/qc/warnings.csv", caption="../report/qc.rst", category="Quality control"),
        summary="results/qc/summary.json",
    log:
        "logs/qc.log",
    params:
        software=SOFTWARE,
    run:
        report_step.qc(input, output, params, log)
