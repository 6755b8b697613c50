"""One reading of author names for every stage: folds, surnames, the same-surname test."""

from __future__ import annotations

import doctest

import pytest

import litcurate.names
from litcurate.names import SURNAME_THRESHOLD, first_author, fold, same_surname, surname, surname_key, surname_keys


def test_doctests():
    assert doctest.testmod(litcurate.names).failed == 0


@pytest.mark.parametrize(
    "text, folded",
    [
        ("Ørsted", "orsted"),
        ("Straße", "strasse"),
        ("Jørum", "jorum"),
        ("Kvarnström", "kvarnstrom"),
        ("Čeko", "ceko"),
        ("Łukasz", "lukasz"),
        ("Æsop", "aesop"),
        ("Lantéri-Minet", "lanteri-minet"),
    ],
)
def test_fold_leaves_no_accent_and_no_letter_behind(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Young JP Jr", "Young"),
        ("Myers FA Jr", "Myers"),
        ("Helm Ii S", "Helm"),
        ("Zarate CA Jr", "Zarate"),
        ("Huygen FJPM", "Huygen"),
        ("de Mos M", "de Mos"),
        ("Correll, G. E.", "Correll"),
        ("van der Graaf, Y", "van der Graaf"),
        ("Le, Quintrec M.", "Le Quintrec"),
        ("Wright Jr., T C", "Wright"),
        ("Holtman JR", "Holtman"),
        ("Ørsted HC", "Ørsted"),
        ("Sørensen", "Sørensen"),
        # initials before the surname (IEEE-style lists, some table labels)
        ("J. Smith", "Smith"),
        ("J.P. Smith", "Smith"),
        ("J.-Y. Kim", "Kim"),
        ("WL Chen", "Chen"),
        ("KW Ng", "Ng"),
        # ... but a particle in capitals is kept, and two all-capital words are surname and initials
        ("LE, QUINTREC M", "LE QUINTREC"),
        ("NG KW", "NG"),
    ],
)
def test_surname_of_hard_names(name, expected):
    assert surname(name) == expected


def test_surname_key_is_folded_and_keeps_particles():
    assert surname_key("Ørsted HC") == "orsted"
    assert surname_key("Straße, A") == "strasse"
    assert surname_key("van der Graaf, Y") == "van der graaf"


def test_first_author_of_any_list():
    assert first_author("Myers FA Jr; Bluth MH; Cheung WW") == "Myers FA Jr"
    assert first_author("Čeko M, Shir Y, Ouellet JA") == "Čeko M"
    assert first_author(None) == first_author(float("nan")) == ""


def test_same_surname_uses_the_one_threshold():
    assert SURNAME_THRESHOLD == 85
    assert same_surname("Jørum", "Jorum") and same_surname("Straße", "Strasse")
    assert same_surname("Correl", "Correll") and not same_surname("Kiefer", "Kvarnström")
    assert not same_surname("", "")


@pytest.mark.parametrize(
    "raw, surnames",
    [
        ("Correl, G", ("correl",)),
        ("Correll GE, Maleki J, Gracely EJ, Muir JJ, Harbut RE", ("correll", "maleki", "gracely", "muir", "harbut")),
        ("Kiefer, R et al", ("kiefer",)),
        ("Sigtermans MJ; van Hilten JJ; Bauer MCR", ("sigtermans", "van hilten", "bauer")),
        ("Zuna, R E and Wang, S S", ("zuna", "wang")),
        ("Le, Quintrec M. and Zuber, J.", ("le quintrec", "zuber")),
        (["Jözsi, M", "Strobel, S"], ("jozsi", "strobel")),
        ("Group, ASCUS-LSIL Triage Study (ALTS)", ()),
        ("Wright Jr., T C and Schiffman, M", ("wright", "schiffman")),
    ],
)
def test_surname_keys_from_every_list_format(raw, surnames):
    assert surname_keys(raw) == surnames
