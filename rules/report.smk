rule prisma:
    input:
        records=rules.link.output.records,
        screened_records=rules.screen.output.records,
        screened_reports=rules.screen.output.reports,
    output:
        flow_json="results/prisma/flow.json",
        flow_svg="results/prisma/flow.svg",
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
        studies="results/dataset/studies.csv",
        conflicts="results/dataset/conflicts.csv",
        dictionary="results/dataset/dictionary.csv",
    log:
        "logs/dataset.log",
    run:
        stages.dataset(input, output, log[0])
