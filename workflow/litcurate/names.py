"""Author names, the one way every stage reads them.

Extraction ties a table row to a reference by its first author, the citation linker
compares author lists, the link step names publications and studies after a first
author: all of them fold text, find a surname and compare surnames here, so that
"Jørum", "Straße" and "Young JP Jr" read the same everywhere.

>>> fold("Jørum"), fold("Straße"), fold("Kvarnström")
('jorum', 'strasse', 'kvarnstrom')
>>> surname("Young JP Jr"), surname("Correll, G. E."), surname("de Mos M"), surname("Le, Quintrec M.")
('Young', 'Correll', 'de Mos', 'Le Quintrec')
>>> surname_key("van der Graaf, Y"), surname_key("Ørsted HC")
('van der graaf', 'orsted')
>>> first_author("Myers FA Jr; Bluth MH; Cheung WW"), first_author("Correll, G E and Maleki, J")
('Myers FA Jr', 'Correll, G E')
>>> same_surname("Correl", "Correll"), same_surname("Ørsted", "Orsted"), same_surname("Kiefer", "Kvarnström")
(True, True, False)
>>> label_surname("Correl, G et al"), label_surname("Amr,¹⁵⁵ 2010"), label_surname("Thomas R"), label_surname("de Kort, S")
('Correl', 'Amr', 'Thomas', 'de Kort')
>>> label_surname("Zhao et al. (2015)"), label_surname("Ip et al. [4]"), label_surname("Tian and Cheng [22]")
('Zhao', 'Ip', 'Tian')
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata

from rapidfuzz.fuzz import ratio

# Two folded surnames at least this similar (rapidfuzz ratio, 0-100) name the same person:
# "Correl" / "Correll", "Sigtermans" / "Sigtermanns".
SURNAME_THRESHOLD = 85

# Letters that Unicode does not decompose into a base letter plus accents.
_TRANSLITERATE = str.maketrans(
    {
        "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "ẞ": "SS", "ł": "l", "Ł": "L",
        "đ": "d", "Đ": "D", "þ": "th", "Þ": "TH", "œ": "oe", "Œ": "OE", "ı": "i",
    }
)  # fmt: skip
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_ET_AL = re.compile(r"\bet\.?\s*al\.?", re.IGNORECASE)
SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "2nd", "3rd"}
PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "di", "da", "le", "la", "du", "dos", "ter", "ten"}


def fold(text: str) -> str:
    """Lower case without accents, for comparing: ``Jözsi`` -> ``jozsi``, ``Ørsted`` -> ``orsted``.

    >>> fold("Straße"), fold("Œdipe"), fold("ŁUKASZ")
    ('strasse', 'oedipe', 'lukasz')
    """
    if text.isascii():
        return text.lower()  # the same result, without the Unicode work (most text is ASCII)
    decomposed = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def alnum_words(text: str) -> str:
    """Folded text with every run of non-alphanumerics turned into one space.

    >>> alnum_words("Pain Med (Malden, Mass.)")
    'pain med malden mass'
    """
    return _NON_ALNUM.sub(" ", fold(text)).strip()


def slug(text: str) -> str:
    """Folded letters and digits only, for identifiers: ``"de Mos"`` -> ``demos``."""
    return _NON_ALNUM.sub("", fold(text))


def is_initials(token: str) -> bool:
    """``G``, ``GE``, ``G.E.``, ``J.-Y.``, ``ABCD``: initials rather than a name.

    >>> is_initials("GE"), is_initials("G.E."), is_initials("Mos"), is_initials("Jr")
    (True, True, False, False)
    """
    letters = re.sub(r"[.\-\s]", "", token)
    if not letters or not letters.isalpha():
        return False
    return (len(letters) <= 4 and letters.isupper()) or (len(letters) <= 3 and "." in token)


def is_suffix(token: str) -> bool:
    """``Jr``, ``Sr.``, ``III``, ``2nd``: a generational suffix after a name."""
    return alnum_words(token) in SUFFIXES


def split_authors(value: object) -> tuple[str, ...]:
    """Author names as written, one per author, from any of the usual list formats.

    Accepts a list, ``"Surname, I and Surname, I"`` (BibTeX), ``"Surname I; Surname I"``
    (RIS/MEDLINE style) and ``"Surname IJ, Surname K"`` (Vancouver).

    >>> split_authors("Correll, G E and Maleki, J")
    ('Correll, G E', 'Maleki, J')
    >>> split_authors("Sigtermans MJ, van Hilten JJ, Bauer MC, et al.")
    ('Sigtermans MJ', 'van Hilten JJ', 'Bauer MC')
    """
    if isinstance(value, (list, tuple)):
        return tuple(text for v in value if (text := as_text(v)))
    text = _ET_AL.sub("", as_text(value)).strip(" ,;.")
    if not text:
        return ()
    if re.search(r"\s+and\s+", text):
        parts = re.split(r"\s+and\s+", text)
    elif ";" in text:
        parts = text.split(";")
    elif "," in text:
        pieces = [p.strip() for p in text.split(",")]
        # "Correl, G" / "Smith, J, Jones, K": every second piece is initials only.
        if len(pieces) % 2 == 0 and all(is_initials(p) for p in pieces[1::2]):
            parts = [f"{pieces[k]}, {pieces[k + 1]}" for k in range(0, len(pieces), 2)]
        elif len(pieces) == 2 and len(pieces[1].split()) >= 1 and not is_initials(pieces[0].split()[-1]):
            parts = [text]  # "Surname, Given Names"
        else:
            parts = pieces
    else:
        parts = [text]
    return tuple(p.strip() for p in parts if p.strip())


def first_author(authors: object) -> str:
    """The first name of an author list as printed (``""`` when there is none).

    >>> first_author("Eagle KA, Berger PB, Calkins H, et al; American College of Cardiology")
    'Eagle KA'
    """
    found = split_authors(authors)
    if not found:
        return ""
    # A list whose first entry is itself a list ("A, B, et al; Group"): that list's first name.
    inner = split_authors(found[0])
    return inner[0] if inner else found[0]


def surname(name: str) -> str:
    """The surname of one author name as printed, initials and suffixes left out.

    ``"Correll GE"``, ``"Correll, G. E."`` -> ``Correll``; ``"Young JP Jr"`` -> ``Young``;
    ``"van der Graaf, Y"`` -> ``van der Graaf``; ``"Le, Quintrec M."`` -> ``Le Quintrec``
    (a particle cut off by a bad export); initials before the surname, ``"J.P. Smith"``,
    ``"WL Chen"`` -> ``Smith``, ``Chen``.
    """
    name = str(name).strip()
    if "," in name:
        head, _, given = name.partition(",")
        if is_suffix(head):  # "Jr., T C" after a split
            head = given
        elif head.split() and head.split()[-1].lower() in PARTICLES and given.split():
            head = f"{head} {given.split()[0]}"
        tokens = head.split()
    else:
        tokens = name.split()
    while len(tokens) > 1 and (is_initials(tokens[-1]) or is_suffix(tokens[-1])):
        tokens.pop()
    while (
        len(tokens) > 1
        and is_initials(tokens[0])
        and tokens[0].lower() not in PARTICLES
        and not is_initials(tokens[-1])
    ):
        tokens.pop(0)
    return " ".join(tokens).strip(" .")


_LABEL_MARKS = re.compile(r"[\u00b9\u00b2\u00b3\u2070-\u209f]+")
_LABEL_YEAR = re.compile(r"\b((?:19|20)\d{2})[a-z]?\b")  # "2010a": the first of two papers of a year
_LABEL_END = re.compile(r",|;|\bet\.?\s*al\b|\band\b|&|\(|\[|\s\d")


def _label_name(label: str) -> str:
    text = _LABEL_YEAR.sub(" ", _LABEL_MARKS.sub(" ", str(label)))
    return _LABEL_END.split(text)[0].strip()


def label_surname(label: str) -> str:
    """The first author's surname in a table row's study label, the one reading every
    stage uses: citation marks and years dropped, cut at the co-author or "et al"."""
    return surname(_label_name(label))


def label_name_words(label: str) -> list[str]:
    """Every word of the first author's name in a study label, for labels that print the given
    name first: "Mehulkumar K. Kanadiya 2013" -> ["Mehulkumar", "Kanadiya"] (initials left out)."""
    words = (w.strip(".") for w in _label_name(label).split())
    return [w for w in words if len(w) >= 2 and not (is_initials(w) or is_suffix(w) or w.lower() in PARTICLES)]


def label_year(label: str) -> str:
    """The year printed in a study label or year cell ("Smith 2010a" -> "2010"); '' without one."""
    match = _LABEL_YEAR.search(str(label))
    return match.group(1) if match else ""


@functools.lru_cache(maxsize=1 << 16)  # an author's name recurs in every record of their papers
def surname_key(name: str) -> str:
    """The surname of one author name, folded to words for comparing (particles kept)."""
    return " ".join(w for w in alnum_words(surname(name)).split() if w not in SUFFIXES)


def surname_keys(authors: object) -> tuple[str, ...]:
    """Folded surnames of the personal authors of a list, in order; group authors left out."""
    names = (a for a in split_authors(authors) if not is_corporate(a))
    return tuple(key for key in (surname_key(a) for a in names) if key)


def same_surname(a: str, b: str) -> bool:
    """Whether two surnames (as :func:`surname` gives them) name the same person:
    equal once folded, or at least :data:`SURNAME_THRESHOLD` similar.

    >>> same_surname("Sigtermans", "Sigtermanns"), same_surname("Amr", "Arai")
    (True, False)
    """
    return same_flat_surname(slug(a), slug(b))


def same_flat_surname(a: str, b: str) -> bool:
    """:func:`same_surname` for surnames already folded to letters and digits (see :func:`slug`)."""
    return bool(a and b) and (a == b or ratio(a, b) >= SURNAME_THRESHOLD)


_CORPORATE = re.compile(
    r"\b(?:group|study|studies|trial|consortium|collaborat\w*|committee|investigators|network|"
    r"society|association|organi[sz]ation|institute|pharmaceuticals?|inc|ltd|gmbh|council|team|writing)\b",
    re.IGNORECASE,
)


def is_corporate(name: str) -> bool:
    """``"Group, ASCUS-LSIL Triage Study (ALTS)"``, ``"Alexion Pharmaceuticals, Inc"``."""
    return bool(_CORPORATE.search(name))


def is_missing(value: object) -> bool:
    """An empty cell: ``None``, NaN, ``pd.NA`` or blank text."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        import pandas as pd

        if value is pd.NA:
            return True
    except ImportError:  # pragma: no cover - pandas is a dependency
        pass
    return isinstance(value, str) and not value.strip()


def as_text(value: object) -> str:
    """Cell as stripped text; integral floats lose their ``.0`` (volumes read as floats)."""
    if is_missing(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
