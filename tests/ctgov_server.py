"""A loopback ClinicalTrials.gov API v2 server (``GET /api/v2/studies``) for tests and benchmarks.

It serves SYNTHETIC studies only: trial ids ``SYNTHETIC-NCT-0001``... (never a real NCT number),
titles saying so. Paging follows API v2: ``pageSize``, ``pageToken`` / ``nextPageToken``,
``countTotal=true`` -> ``totalCount`` on the first page. Faults are queued per request:
``429`` (with Retry-After), ``503``, ``truncated`` (JSON cut short), ``drop`` (connection closed),
and, for the whole server, ``repeat_token`` (the second page hands out the first page's token
again) and ``over_report`` (totalCount one more than served).
"""

from __future__ import annotations

import json
import threading
import urllib.parse
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def synthetic_study(k: int, references: list[str] = (), secondary: list[str] = ()) -> dict:
    trial = f"SYNTHETIC-NCT-{k:04d}"
    return {
        "protocolSection": {
            "identificationModule": {
                "nctId": trial,
                "briefTitle": f"Synthetic register record {k} (test fixture, not a real trial)",
                "officialTitle": f"Synthetic official title {k} (test fixture)",
                "orgStudyIdInfo": {"id": f"SYN-PROTOCOL-{k:04d}"},
                "secondaryIdInfos": [{"id": s} for s in secondary],
            },
            "statusModule": {"startDateStruct": {"date": f"{2010 + k % 10}-03"}},
            "sponsorCollaboratorsModule": {"leadSponsor": {"name": "Synthetic Sponsor"}},
            "referencesModule": {"references": [{"pmid": p, "type": "RESULT"} for p in references]},
        }
    }


class CtgovServer:
    def __init__(self, studies: list[dict], *, repeat_token: bool = False, over_report: int = 0):
        self.studies = studies
        self.repeat_token = repeat_token
        self.over_report = over_report
        self.faults: deque[str] = deque()
        self.requests: list[dict[str, str]] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}/api/v2/"

    def __enter__(self) -> CtgovServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def page(self, params: dict[str, str]) -> dict:
        size = int(params.get("pageSize", "10"))
        start = int(params.get("pageToken", "tok0")[3:])
        body: dict = {"studies": self.studies[start : start + size]}
        if start + size < len(self.studies):
            body["nextPageToken"] = "tok" + str(size if self.repeat_token and start > 0 else start + size)
        if params.get("countTotal") == "true" and "pageToken" not in params:
            body["totalCount"] = len(self.studies) + self.over_report
        return body

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                parsed = urllib.parse.urlparse(self.path)
                params = dict(urllib.parse.parse_qsl(parsed.query))
                server.requests.append(params)
                fault = server.faults.popleft() if server.faults else ""
                if parsed.path != "/api/v2/studies":
                    return self._send(404, b'{"message": "not found"}')
                if fault == "429":
                    return self._send(429, b"{}", {"Retry-After": "0"})
                if fault == "503":
                    return self._send(503, b"busy")
                if fault == "drop":
                    self.close_connection = True
                    return self.wfile.flush()
                body = json.dumps(server.page(params)).encode("utf-8")
                if fault == "truncated":
                    body = body[: len(body) // 2]
                self._send(200, body)

            def _send(self, status, body, headers=None):
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

        return Handler
