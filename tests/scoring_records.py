"""One hand-made journal article that the scoring tests vary field by field."""

PAPER = {
    "id": "paper",
    "authors": "Kiefer RT, Rohr P",
    "title": "Efficacy of ketamine in anesthetic dosage for the treatment of refractory complex regional pain syndrome",
    "year": 2008,
    "journal": "Pain Med",
    "volume": "9",
    "number": "8",
    "pages": "1173-1201",
}
