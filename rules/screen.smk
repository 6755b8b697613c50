rule screen:
    input:
        publications=rules.link.output.publications,
        records=rules.link.output.records,
        decisions=config["screening"]["decisions"],
    output:
        records="results/screen/records.csv",
        reports="results/screen/reports.csv",
        undecided="results/screen/undecided.csv",
    log:
        "logs/screen.log",
    run:
        stages.screen(input, output, log[0])
