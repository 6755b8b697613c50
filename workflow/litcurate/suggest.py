"""What an unknown id in a reviewer's file probably meant, for the error that names it."""

from __future__ import annotations

from rapidfuzz import fuzz, process


def did_you_mean(ident: str, known: set[str]) -> str:
    """``" (did you mean a, b?)"`` for the known ids ``ident`` probably meant, else ``""``: the
    same id with a suffix ("chen2012" -> "chen2012-expression", a study renamed when a second
    paper of that author and year appeared), the end of it ("chiranjeevdash2014" -> "dash2014",
    once a label's given name is no longer read as the surname), or an id spelt nearly alike."""
    base = ident.split("-")[0]
    renamed = sorted(k for k in known if k == base or k.startswith(base + "-"))
    shortened = sorted(k for k in known if len(k) >= 6 and ident.endswith(k))
    alike = [k for k, _, _ in process.extract(ident, sorted(known), scorer=fuzz.ratio, score_cutoff=85, limit=3)]
    near = list(dict.fromkeys(renamed + shortened + alike))
    return f" (did you mean {', '.join(near[:5])}?)" if near else ""
