"""Job-title normalisation: noise, compounds, gendered forms, scores, determinism."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillmatch import Occupation, Taxonomy, TitleMatch, TitleNormaliser
from skillmatch.text import Vocabulary, char_ngrams, fold, strip_noise, words

OCC = "http://data.europa.eu/esco/occupation/"


def occ(key: str, label: str, *alt: str, hidden: tuple[str, ...] = ()) -> Occupation:
    return Occupation(OCC + key, label, alt, hidden)


SMALL = Taxonomy.from_rows(
    occupations=[
        occ(
            "truck",
            "vrachtwagenchauffeur",
            "chauffeur vrachtwagen",
            "vrachtwagenchauffeuse",
            "bestuurder vrachtwagen",
        ),
        occ("bus", "buschauffeur", "chauffeur bus", "buschauffeuse", "bestuurder bus"),
        occ("taxi", "taxichauffeur", "chauffeur taxi", "taxichauffeuse"),
        occ("hair", "kapper", "haarkapper", "kapster"),
        occ("sales", "verkoper", "verkoopmedewerker", "medewerker verkoop"),
        occ("director", "directeur", "algemeen directeur"),
        occ("shop", "winkelmanager", "manager winkel", "hoofd winkel"),
        occ(
            "comms", "communicatiemanager", "manager communicatie", "hoofd communicatie"
        ),
        occ(
            "ware",
            "magazijnmedewerker",
            "medewerker magazijn",
            "magazijnier",
            hidden=("magazijnbediende",),
        ),
        occ("nurse", "verpleegkundige", "verpleger", "verpleegster"),
        occ("teacher", "leraar", "lerares", "docent"),
        occ("nolabel", ""),
        occ("baker", "bakker", "van de"),  # a label of stopwords only: no words
    ]
)


@pytest.fixture(scope="module")
def small() -> TitleNormaliser:
    return TitleNormaliser(SMALL)


def top_uri(normaliser: TitleNormaliser, title: str) -> str:
    matches = normaliser.normalise(title)
    assert matches, f"no match for {title!r}"
    return matches[0].uri


# -- text helpers -------------------------------------------------------------------


def test_fold_lowercases_strips_accents_and_punctuation() -> None:
    assert fold("Inspiciënte / Chef-Kok & Co.") == "inspiciente chef kok en co"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Vrachtwagenchauffeur (m/v/x) 32 uur", "vrachtwagenchauffeur"),
        ("Vacature: fulltime medewerker magazijn M/V", "medewerker magazijn"),
        ("Part-time verkoopster 80%", "verkoopster"),
        ("Junior Software-ontwikkelaar (h/f)", "software ontwikkelaar"),
        ("vacature", "vacature"),  # nothing left: keep the original words
    ],
)
def test_strip_noise_removes_vacancy_boilerplate(raw: str, clean: str) -> None:
    assert strip_noise(raw) == clean


def test_words_drop_stopwords_and_single_letters() -> None:
    assert words("medewerker in de x fruitteelt") == ["medewerker", "fruitteelt"]


def test_char_ngrams_pad_each_word() -> None:
    assert char_ngrams("ab", 3, 5) == [" ab", "ab ", " ab "]
    assert char_ngrams("a", 3, 5) == [" a "]


def test_vocabulary_maps_gendered_and_inflected_forms_to_known_words() -> None:
    vocab = Vocabulary(
        [
            "chauffeur",
            "directeur",
            "kapper",
            "verkoper",
            "kassier",
            "student",
            "industrieel",
            "financieel",
            "sociaal",
            "administratief",
            "medisch",
        ]
    )
    assert vocab.canonical("chauffeuse") == "chauffeur"
    assert vocab.canonical("directrice") == "directeur"
    assert vocab.canonical("kapster") == "kapper"
    assert vocab.canonical("verkoopster") == "verkoper"
    assert vocab.canonical("kassierster") == "kassier"
    assert vocab.canonical("studente") == "student"
    assert vocab.canonical("industriele") == "industrieel"
    assert vocab.canonical("sociale") == "sociaal"
    assert vocab.canonical("administratieve") == "administratief"
    assert vocab.canonical("medische") == "medisch"
    assert vocab.canonical("onbekend") == "onbekend"
    assert vocab.canonical("xes") == "xes"  # stem too short to rewrite
    assert "kapper" in vocab
    assert "kapster" not in vocab


def test_vocabulary_splits_compounds_with_linking_letters() -> None:
    vocab = Vocabulary(
        ["vrachtwagen", "chauffeur", "beeldvorming", "deskundige", "bus"]
    )
    assert vocab.split("vrachtwagenchauffeur") == ("vrachtwagen", "chauffeur")
    assert vocab.split("beeldvormingsdeskundige") == ("beeldvorming", "deskundige")
    assert vocab.split("vrachtwagenchauffeuse") == ("vrachtwagen", "chauffeur")
    assert vocab.split("chauffeur") == ()
    assert vocab.split("onbekendwoord") == ()


def test_dotted_abbreviations_expand_to_the_most_frequent_label_word() -> None:
    vocab = Vocabulary(
        ["administratief medewerker", "administratieve hulp", "administratie", "adm"]
    )
    assert vocab.expand_abbreviations("Adm. medewerker") == "administratief medewerker"
    assert vocab.expand_abbreviations("medewerker adm.") == "medewerker administratief"
    assert vocab.expand_abbreviations("xyz. medewerker") == "xyz. medewerker"
    assert vocab.expand_abbreviations("ad. medewerker") == "ad. medewerker"  # too short


def test_abbreviation_cache_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("skillmatch.text._CACHE_LIMIT", 1)
    vocab = Vocabulary(["verkoper", "kassier", "bakker"])
    expanded = [vocab.expand_abbreviations(t) for t in ("verk.", "kas.", "bak.")]
    assert expanded == ["verkoper", "kassier", "bakker"]


def test_an_abbreviated_title_finds_the_occupation(small: TitleNormaliser) -> None:
    assert top_uri(small, "verk. (m/v)") == OCC + "sales"


def test_absurdly_long_words_are_not_split() -> None:
    vocab = Vocabulary(["bus", "chauffeur"])
    assert vocab.split("buschauffeur" * 10) == ()


def test_a_huge_title_is_handled_quickly(small: TitleNormaliser) -> None:
    assert isinstance(small.normalise("kapper" + "x" * 20_000 + " " * 50), list)


def test_vocabulary_caches_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("skillmatch.text._CACHE_LIMIT", 2)
    vocab = Vocabulary(["bakker"])
    for word in ["aaa", "bbb", "ccc", "ddd"]:
        assert vocab.canonical(word) == word
        assert vocab.split(word) == ()


# -- normalisation on a small taxonomy ----------------------------------------------


def test_an_exact_preferred_label_scores_one(small: TitleNormaliser) -> None:
    best = small.normalise("Kapper")[0]
    assert best == TitleMatch(OCC + "hair", "kapper", 1.0)


def test_word_order_and_compounding_do_not_matter(small: TitleNormaliser) -> None:
    assert top_uri(small, "chauffeur vrachtwagen") == OCC + "truck"
    assert top_uri(small, "vrachtwagen chauffeur") == OCC + "truck"
    assert top_uri(small, "vrachtwagenchauffeur") == OCC + "truck"


@pytest.mark.parametrize(
    ("title", "key"),
    [
        ("Vrachtwagenchauffeuse (m/v)", "truck"),
        ("kapster 32 uur", "hair"),
        ("Vacature verkoopster fulltime", "sales"),
        ("directrice", "director"),
        ("magazijnbediende", "ware"),
        ("verpleegkundige m/v/x", "nurse"),
    ],
)
def test_noise_and_gendered_forms_find_the_occupation(
    small: TitleNormaliser, title: str, key: str
) -> None:
    assert top_uri(small, title) == OCC + key


def test_an_ambiguous_title_returns_several_comparable_candidates(
    small: TitleNormaliser,
) -> None:
    matches = small.normalise("chauffeur", k=3)
    assert {m.uri for m in matches} == {OCC + "truck", OCC + "bus", OCC + "taxi"}
    assert matches[-1].score >= 0.8 * matches[0].score
    assert matches[0].score < 0.9  # no candidate pretends to be the one answer


def test_a_word_mined_as_substitute_expands_the_title(small: TitleNormaliser) -> None:
    # "hoofd" and "manager" replace each other in labels of two occupations.
    assert top_uri(small, "hoofd winkel") == OCC + "shop"
    assert top_uri(small, "manager winkel") == OCC + "shop"
    assert top_uri(small, "hoofd manager winkel") == OCC + "shop"


def test_the_description_breaks_a_tie_between_equal_labels() -> None:
    # given two occupations listing the same synonym, the first in taxonomy order
    taxonomy = Taxonomy.from_rows(
        occupations=[
            Occupation(OCC + "a", "installateur", ("monteur",), description="Plaatst."),
            Occupation(
                OCC + "b",
                "technicus",
                ("monteur",),
                description="Een monteur monteert machines.",
            ),
        ]
    )
    # when the title is that synonym
    matches = TitleNormaliser(taxonomy).normalise("monteur")
    # then the one whose description is about it comes first, both stay below 1
    assert [m.uri for m in matches] == [OCC + "b", OCC + "a"]
    assert matches[0].score > matches[1].score
    assert matches[0].score < 1.0


def test_a_title_whose_words_are_spread_over_labels_of_one_occupation_prefers_it() -> (
    None
):
    # given one occupation listing "kantoorbediende", one "facturist", one both
    taxonomy = Taxonomy.from_rows(
        occupations=[
            Occupation(OCC + "a", "secretaris", ("kantoorbediende",)),
            Occupation(OCC + "b", "boekhouder", ("kantoorbediende", "facturist")),
            Occupation(OCC + "c", "kassier", ("facturist",)),
        ]
    )
    # when a title names both
    matches = TitleNormaliser(taxonomy).normalise("kantoorbediende facturist")
    # then the occupation whose labels hold both words comes first
    assert matches[0].uri == OCC + "b"
    assert matches[0].score > max(m.score for m in matches[1:])


def test_the_isco_group_name_finds_its_occupations_at_a_lower_score() -> None:
    taxonomy = Taxonomy.from_rows(
        occupations=[
            Occupation(OCC + "a", "hotelreceptionist", isco_group="4224"),
            Occupation(OCC + "b", "nachtportier", isco_group="4224"),
            Occupation(OCC + "c", "kapper", isco_group="5141"),
        ],
        isco_groups={"4224": "Hotelreceptionisten", "5141": ""},
    )
    matches = TitleNormaliser(taxonomy).normalise("hotelreceptionisten")
    assert [m.uri for m in matches] == [OCC + "a", OCC + "b"]
    assert matches[1].score <= 0.8


def test_unknown_or_empty_titles_give_no_candidates(small: TitleNormaliser) -> None:
    assert small.normalise("") == []
    assert small.normalise("m/v 32 uur") == []
    assert small.normalise("qqqqzzzz") == []


def test_k_limits_the_number_of_candidates(small: TitleNormaliser) -> None:
    assert len(small.normalise("chauffeur", k=2)) == 2
    assert small.normalise("chauffeur", k=0) == []
    assert len(small.normalise("chauffeur", k=1000)) <= len(small)


def test_occupations_without_labels_are_not_indexed(small: TitleNormaliser) -> None:
    assert len(small) == len(SMALL.occupations) - 1


def test_normalise_many_equals_normalise_per_title(small: TitleNormaliser) -> None:
    titles = ["kapster", "chauffeur", "", "hoofd communicatie"] * 100  # > one batch
    assert small.normalise_many(titles, k=3) == [
        small.normalise(t, k=3) for t in titles
    ]


def test_an_empty_taxonomy_finds_nothing() -> None:
    normaliser = TitleNormaliser(Taxonomy.from_rows(occupations=[]))
    assert normaliser.normalise("kapper") == []
    assert len(normaliser) == 0


def test_char_cache_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("skillmatch.titles._CACHE_LIMIT", 1)
    normaliser = TitleNormaliser(SMALL)
    titles = ["kapper", "verkoper", "leraar", "kapper"]
    assert [top_uri(normaliser, t) for t in titles] == [
        OCC + "hair",
        OCC + "sales",
        OCC + "teacher",
        OCC + "hair",
    ]


# -- properties ---------------------------------------------------------------------

TITLE_TEXT = st.text(
    alphabet=st.sampled_from("abcdeklmnoprstuvwz ëé-/()0123456789"), max_size=40
)


@settings(max_examples=150, deadline=None)
@given(title=TITLE_TEXT)
def test_scores_lie_in_unit_interval_and_are_sorted(title: str) -> None:
    normaliser = _shared_small()
    matches = normaliser.normalise(title)
    scores = [m.score for m in matches]
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert scores == sorted(scores, reverse=True)
    assert len({m.uri for m in matches}) == len(matches)


@settings(max_examples=60, deadline=None)
@given(title=TITLE_TEXT)
def test_ranking_is_deterministic(title: str) -> None:
    assert _shared_small().normalise(title) == TitleNormaliser(SMALL).normalise(title)


@settings(max_examples=60, deadline=None)
@given(
    key=st.sampled_from(["truck", "bus", "taxi"]),
    noise=st.sampled_from(
        ["", " (m/v)", " m/v/x", " 32 uur", " fulltime", " vacature"]
    ),
)
def test_a_female_form_ranks_the_same_occupation_first(key: str, noise: str) -> None:
    normaliser = _shared_small()
    male = SMALL.occupations[OCC + key].label
    female = male.replace("chauffeur", "chauffeuse")
    assert top_uri(normaliser, female + noise) == top_uri(normaliser, male) == OCC + key


_CACHE: dict[str, TitleNormaliser] = {}


def _shared_small() -> TitleNormaliser:
    if "small" not in _CACHE:
        _CACHE["small"] = TitleNormaliser(SMALL)
    return _CACHE["small"]


# -- saving and loading the index -----------------------------------------------------


def test_a_saved_index_loads_and_answers_exactly_alike(
    small: TitleNormaliser, tmp_path: Path
) -> None:
    path = tmp_path / "index.npz"
    small.save(path)
    loaded = TitleNormaliser.load(path)
    titles = ["chauffeur", "vrachtwagenchauffeuse (m/v)", "adm. medewerker", "xyz"]
    assert len(loaded) == len(small)
    assert loaded.normalise_many(titles) == small.normalise_many(titles)


def test_a_missing_index_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        TitleNormaliser.load(tmp_path / "absent.npz")


def _resave(source: Path, target: Path, **changes: object) -> None:
    with np.load(source, allow_pickle=False) as npz:
        arrays = {name: npz[name] for name in npz.files}
    arrays.update(changes)  # type: ignore[arg-type]
    np.savez(target, **arrays)


@pytest.mark.parametrize(
    "damage",
    ["garbage", "no meta", "other format", "meta not an object", "idf too short"],
)
def test_a_file_that_is_not_a_title_index_is_a_value_error_naming_it(
    small: TitleNormaliser, tmp_path: Path, damage: str
) -> None:
    good, bad = tmp_path / "good.npz", tmp_path / "bad.npz"
    small.save(good)
    if damage == "garbage":
        bad.write_bytes(b"not an index")
    elif damage == "no meta":
        _resave(good, bad, meta=np.zeros(0, dtype=np.uint8))
    else:
        with np.load(good, allow_pickle=False) as npz:
            meta = json.loads(npz["meta"].tobytes())
        if damage == "other format":
            meta["format"] = "something-else-1"
            _resave(good, bad, meta=np.frombuffer(json.dumps(meta).encode(), np.uint8))
        elif damage == "meta not an object":
            _resave(good, bad, meta=np.frombuffer(b"[1, 2]", np.uint8))
        else:
            _resave(good, bad, **{"_word_space.idf": np.ones(1)})
    with pytest.raises(ValueError, match=r"bad\.npz.* is not a title index"):
        TitleNormaliser.load(bad)


# -- real ESCO -----------------------------------------------------------------------


@pytest.fixture(scope="session")
def esco_titles(shared_data: Path) -> TitleNormaliser:
    taxonomy = Taxonomy.from_esco(shared_data / "esco" / "v1.2.1" / "nl")
    return TitleNormaliser(taxonomy)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Vrachtwagenchauffeur (m/v/x) 32 uur", "vrachtwagenchauffeur"),
        ("chauffeur vrachtwagen", "vrachtwagenchauffeur"),
        ("Kapster", "kapper"),
        ("Vacature: magazijnmedewerker fulltime", "magazijnmedewerker"),
        ("Metselaar", "metselaar"),
    ],
)
def test_real_esco_titles_find_the_expected_occupation(
    esco_titles: TitleNormaliser, title: str, expected: str
) -> None:
    assert esco_titles.normalise(title)[0].label == expected


@pytest.mark.slow
def test_real_esco_ambiguous_title_has_close_candidates(
    esco_titles: TitleNormaliser,
) -> None:
    matches = esco_titles.normalise("chauffeur", k=5)
    assert len(matches) == 5
    assert matches[0].score < 1.0
    assert matches[-1].score > 0.5 * matches[0].score
