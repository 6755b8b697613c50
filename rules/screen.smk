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
    params:
        software=SOFTWARE,
    log:
        "logs/screen.log",
    run:
        stages.screen(input, output, log[0])
