# The export lines not read (QC stage import), written only when there are exports to read.
IMPORT_WARNINGS = ["results/records/warnings.csv"] if (config["other_sources"] or REGISTERS_ON) else []
# Each export's search-log entry, written by the records step that reads the exports (once).
EXPORTS_LOG = ["results/records/exports_log.json"] if config["other_sources"] else []


# Registers are searched only when the config names one (registers.clinicaltrials_gov or
# registers.ictrp); without them the rules below are exactly the PubMed-and-exports ones.
if REGISTERS_ON:

    rule registers:
        input:
            register_inputs,
        output:
            records="results/search/registers.csv",
            studies="results/search/ctgov_studies.json",
            log_json="results/search/registers_log.json",
        log:
            "logs/registers.log",
        params:
            software=SOFTWARE,
            registers=config["registers"],
        run:
            search_step.registers(input, output, params, log)


rule search:
    input:
        search_inputs,
    output:
        xml="results/search/pubmed.xml",
        log_json="results/search/pubmed_log.json",
        records="results/search/records.csv",
    log:
        "logs/search.log",
    params:
        software=SOFTWARE,
        pubmed=config["pubmed"],
    run:
        search_step.run(input, output, params, log)


# Its own rule so that adding an export or a register never sends the PubMed query again.
rule search_log:
    input:
        **({"registers_log": "results/search/registers_log.json"} if REGISTERS_ON else {}),
        **({"exports": EXPORTS_LOG[0]} if EXPORTS_LOG else {}),
        pubmed=rules.search.output.log_json,
    output:
        "results/search/search_log.json",
    log:
        "logs/search_log.log",
    params:
        software=SOFTWARE,
    run:
        search_step.search_log(input, output, params, log)


rule records:
    input:
        **({"registers": "results/search/registers.csv"} if REGISTERS_ON else {}),
        **({"registers_log": "results/search/registers_log.json"} if REGISTERS_ON else {}),
        # PubMed's own trial ids (DataBankList) tie its records to the registers
        **({"xml": "results/search/pubmed.xml"} if REGISTERS_ON else {}),
        pubmed=rules.search.output.records,
        others=[source["path"] for source in config["other_sources"]],
    output:
        **({"register_links": "results/records/register_links.csv"} if REGISTERS_ON else {}),
        **({"warnings": IMPORT_WARNINGS[0]} if IMPORT_WARNINGS else {}),
        **({"exports": EXPORTS_LOG[0]} if EXPORTS_LOG else {}),
        pubmed="results/records/pubmed.csv",
        combined="results/records/all.csv",
    log:
        "logs/records.log",
    params:
        software=SOFTWARE,
        others=config["other_sources"],
    run:
        search_step.records(input, output, params, log)
