rule search:
    input:
        search_inputs,
    output:
        xml="results/search/pubmed.xml",
        log_json="results/search/search_log.json",
        records="results/search/records.csv",
    log:
        "logs/search.log",
    params:
        software=SOFTWARE,
        pubmed=config["pubmed"],
    run:
        search_step.run(input, output, params, log)


rule records:
    input:
        pubmed=rules.search.output.records,
        others=[source["path"] for source in config["other_sources"]],
    output:
        pubmed="results/records/pubmed.csv",
        combined="results/records/all.csv",
    log:
        "logs/records.log",
    params:
        software=SOFTWARE,
        others=config["other_sources"],
    run:
        search_step.records(input, output, params, log)
