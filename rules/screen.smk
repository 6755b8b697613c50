rule screen:
    input:
        publications=rules.link.output.publications,
        records=rules.link.output.records,
        decisions=config["screening"]["decisions"],
        all_records=rules.records.output.combined,
        pubmed_records=rules.records.output.pubmed,
    output:
        records="results/screen/records.csv",
        reports="results/screen/reports.csv",
        undecided="results/screen/undecided.csv",
        suggestions="results/screen/suggestions.csv",
        warnings="results/screen/warnings.csv",
    log:
        "logs/screen.log",
    params:
        software=SOFTWARE,
    run:
        screen_step.run(input, output, params, log)
