rule link:
    input:
        studies=expand(rules.harmonise.output.studies, review=REVIEW_IDS),
        references=expand(rules.extract.output.references, review=REVIEW_IDS),
        records=rules.records.output.combined,
        overrides=optional_file(config["link"]["overrides"]),
    output:
        review_rows="results/link/review_rows.csv",
        references="results/link/references.csv",
        records="results/link/records.csv",
        publications="results/link/publications.csv",
        to_review="results/link/to_review.csv",
        relations="results/link/relations.csv",
        warnings="results/link/warnings.csv",
    log:
        "logs/link.log",
    params:
        software=SOFTWARE,
        link=config["link"],
    run:
        link_step.run(input, output, params, log)
