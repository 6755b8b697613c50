"""Benchmark: fetch N SYNTHETIC records from the loopback E-utilities server through the
real client and report wall time against the rate-limit floor (requests / allowed rate).

    .venv/bin/python bench/bench_eutils.py --n 5000
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from eutils_server import EutilsServer, Fault, synthetic_records  # noqa: E402
from litcurate.search.pubmed.articleset import split_article_set  # noqa: E402
from litcurate.search.pubmed.ratelimit import RateLimiter  # noqa: E402
from litcurate.search.pubmed.search import make_client, run_search  # noqa: E402
from litcurate.search.pubmed.settings import load_settings  # noqa: E402

KEY_ENV = "LITCURATE_BENCH_EUTILS_KEY"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000, help="synthetic records served (default 5000)")
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--no-key", action="store_true", help="no API key: 3 requests/s instead of 10")
    parser.add_argument("--faults", type=int, default=0, help="transient faults (500/429/drop) to inject")
    parser.add_argument("--days", type=int, default=3650, help="days the publication dates spread over")
    args = parser.parse_args()

    if args.no_key:
        os.environ.pop(KEY_ENV, None)
    else:
        os.environ[KEY_ENV] = "synthetic-bench-key"
    kinds = ("500", "429", "drop")
    with EutilsServer(synthetic_records(args.n, days=args.days)) as srv:
        batches = max(1, -(-args.n // args.batch_size))
        for i in range(args.faults):  # spread over the batches, one or more per batch
            kind = kinds[i % 3]
            srv.faults.append(
                Fault(
                    kind, "efetch", retry_after="0" if kind == "429" else None, retstart=(i % batches) * args.batch_size
                )
            )
        config = {
            "pubmed": {
                "query": "synthetic benchmark",
                "eutils_url": srv.url,
                "api_key_env": KEY_ENV,
                "batch_size": args.batch_size,
                "backoff_base": 0.05,
                "email": "bench@example.org",
            }
        }
        settings = load_settings(config)
        client = make_client(settings)
        client.http.limiter = RateLimiter(settings.rate())  # fresh: nothing earlier in the window
        with tempfile.TemporaryDirectory() as tmp:
            started = time.monotonic()
            log = run_search(config, Path(tmp) / "p.xml", Path(tmp) / "l.json", client=client)
            wall = time.monotonic() - started
            pmids = [a.pmid for a in split_article_set((Path(tmp) / "p.xml").read_bytes()).articles]
        busiest = srv.max_in_window(1.0)
    assert len(pmids) == len(set(pmids)) == args.n, "records lost or duplicated"
    rate = settings.rate()
    floor = log["requests"] / rate
    print(f"records          {args.n} (batch {args.batch_size}, {'no key' if args.no_key else 'API key'})")
    print(f"wall time        {wall:.2f} s")
    print(
        f"requests         {log['requests']} ({log['batches']} efetch batches, "
        f"{len(log['date_split_parts'])} date parts)"
    )
    print(f"retries          {log['retries']}")
    print(f"rate limit       {rate}/s; busiest 1-s window at the server: {busiest} requests")
    print(f"floor            {floor:.2f} s (requests / rate)")
    print(f"wall / floor     {wall / floor:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
