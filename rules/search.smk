rule search:
    input:
        search_inputs(config["pubmed"]),
    output:
        xml="results/search/pubmed.xml",
        log_json="results/search/search_log.json",
        records="results/search/records.csv",
    params:
        software=SOFTWARE,
        pubmed=config["pubmed"],
    log:
        "logs/search.log",
    run:
        stages.search(params.pubmed, output.xml, output.log_json, output.records, log[0])


rule records:
    input:
        pubmed=rules.search.output.records,
        others=[source["path"] for source in config["other_sources"]],
    output:
        pubmed="results/records/pubmed.csv",
        combined="results/records/all.csv",
    params:
        software=SOFTWARE,
        others=config["other_sources"],
    log:
        "logs/records.log",
    run:
        stages.records(input.pubmed, params.others, output.pubmed, output.combined, log[0])
