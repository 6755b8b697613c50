rule link:
    input:
        studies=expand("results/extract/{review}/studies.csv", review=REVIEW_IDS),
        references=expand("results/extract/{review}/references.csv", review=REVIEW_IDS),
        records=rules.records.output.combined,
        overrides=optional_file(config["link"]["overrides"]),
    output:
        review_rows="results/link/review_rows.csv",
        references="results/link/references.csv",
        records="results/link/records.csv",
        publications="results/link/publications.csv",
        to_review="results/link/to_review.csv",
    params:
        software=SOFTWARE,
        link=config["link"],
    log:
        "logs/link.log",
    run:
        stages.link(input, output, params.link, log[0])
