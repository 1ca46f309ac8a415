"""Dutch (and English) text normalisation for matching short labels such as job titles.

Everything here is deterministic and dictionary-free: the only "knowledge" is a
vocabulary of words built from the taxonomy's own labels (:class:`Vocabulary`),
used to split Dutch compounds (``vrachtwagenchauffeur`` → ``vrachtwagen`` +
``chauffeur``) and to map gendered forms onto the form the labels use
(``chauffeuse`` → ``chauffeur``, ``verkoopster`` → ``verkoper``) and to
complete dotted abbreviations (``adm.`` → ``administratief``).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache

__all__ = [
    "STOPWORDS",
    "Vocabulary",
    "char_ngrams",
    "fold",
    "strip_noise",
    "words",
]


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS: frozenset[str] = _word_set(
    """
    de het een van en in voor op met te ter der den des of bij aan uit tot om
    the and of for in at to a an on with
    """
)
"""Function words that never identify an occupation (Dutch and English)."""

# Vacancy boilerplate that says nothing about the occupation itself. Only whole
# words are removed; compounds such as "magazijnmedewerker" are never touched.
_NOISE_WORDS = _word_set(
    """
    vacature vacatures vacancy vacancies gezocht gevraagd dringend wanted hiring
    fulltime parttime voltijds deeltijds voltijd deeltijd fte uur uren
    week weken hours hour contract interim tijdelijk vast
    junior medior senior jr sr ervaren
    m v x f h w d mv
    """
)
_GENDER_MARK = re.compile(r"\b[mvfhwxd](?:\s*/\s*[mvfhwxd])+\b")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?\s*(?:%|u\b|h\b)?")
_NON_WORD = re.compile(r"[^\w]+")
_ABBREVIATION = re.compile(r"(?<!\w)([^\W\d_]{3,})\.(?=[\s,;:/()-]|$)")
_FULL_PART_TIME = re.compile(r"\b(full|part)\s*-\s*time\b")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case, strip accents (``ë`` → ``e``) and turn punctuation into spaces.

    ``&`` becomes ``en``; hyphens and slashes separate words, so ``chauffeur/
    verhuizer`` and ``beeldvormings- en …`` fall apart into plain words.
    """
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("&", " en ").replace("ß", "ss")
    return " ".join(_NON_WORD.sub(" ", text).replace("_", " ").split())


def strip_noise(text: str) -> str:
    """Remove vacancy boilerplate from a raw title, then :func:`fold` it.

    Drops gender markers (``m/v``, ``m/v/x``, ``h/f``), hours and percentages
    (``32 uur``, ``80%``), and words such as ``vacature``, ``fulltime``,
    ``junior``. Returns the folded title, or the folded original when nothing
    would be left.
    """
    lowered = text.casefold()
    cleaned = _FULL_PART_TIME.sub(" ", _GENDER_MARK.sub(" ", lowered))
    cleaned = _NUMBER.sub(" ", cleaned)
    kept = [w for w in fold(cleaned).split() if w not in _NOISE_WORDS]
    return " ".join(kept) if kept else fold(text)


def words(folded: str) -> list[str]:
    """Content words of a folded text: stopwords and one-letter words removed."""
    return [w for w in folded.split() if len(w) > 1 and w not in STOPWORDS]


def char_ngrams(folded: str, low: int = 3, high: int = 5) -> list[str]:
    """Character n-grams of each word padded with spaces (scikit-learn ``char_wb``)."""
    grams: list[str] = []
    for word in folded.split():
        padded = f" {word} "
        size = len(padded)
        for n in range(low, high + 1):
            if n > size:
                break
            grams.extend(padded[i : i + n] for i in range(size - n + 1))
    return grams


# Adjective inflection: the labels use both forms ("industriële", "industrieel");
# both map onto the uninflected form whenever the labels know it.
_INFLECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ische", ("isch",)),
    ("iele", ("ieel",)),
    ("ele", ("eel",)),
    ("ale", ("aal",)),
    ("ieve", ("ief",)),
    ("ige", ("ig",)),
)
# Female → male forms and plurals, tried in order for words the labels do not
# know; a rewrite counts only when its result is a known word. Vowel doubling and
# undoubling cover verkoopster → verkoper and kapster → kapper.
_VARIANTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("trice", ("teur", "tor")),
    ("euse", ("eur",)),
    ("ster", ("er", "")),
    ("esse", ("", "e")),
    ("ares", ("aar",)),
    ("eres", ("er",)),
    ("es", ("",)),
    ("ine", ("", "in")),
    ("in", ("",)),
    ("e", ("",)),
    ("en", ("",)),
    ("s", ("",)),
)
_MIN_CANONICAL = 5
_MIN_PART = 3
_MIN_SHORT_PART_COUNT = 5
_MIN_STEM = 3
_LINKS = ("", "s", "en", "e", "er")
_CACHE_LIMIT = 200_000
_MAX_COMPOUND = 60  # "arbeidsongeschiktheidsverzekeringsmaatschappij" has 46 letters


class Vocabulary:
    """Words of a label set, with compound splitting and gender canonicalisation.

    Args:
        texts: Folded label texts (see :func:`fold`); every content word of at
            least three letters becomes a known word.
    """

    __slots__ = ("_canon", "_completions", "_split", "counts")

    counts: Counter[str]

    def __init__(self, texts: Iterable[str]) -> None:
        """Collect the words of ``texts``."""
        self.counts = Counter(
            w for text in texts for w in words(text) if len(w) >= _MIN_PART
        )
        self._canon: dict[str, str] = {}
        self._split: dict[str, tuple[str, ...]] = {}
        self._completions: dict[str, str] = {}

    @classmethod
    def from_counts(cls, counts: Mapping[str, int]) -> Vocabulary:
        """A vocabulary with the given word counts (as in :attr:`counts`)."""
        vocab = cls(())
        vocab.counts.update(counts)
        return vocab

    def __contains__(self, word: object) -> bool:
        """Whether ``word`` occurs in the labels."""
        return word in self.counts

    def expand_abbreviations(self, text: str) -> str:
        """Replace dotted abbreviations by the most frequent label word they start.

        ``adm. medewerker`` → ``administratief medewerker``, ``verantw. aankoop``
        → ``verantwoordelijke aankoop``. Only abbreviations of three or more
        letters followed by a dot count; one without a known completion stays.
        """
        return _ABBREVIATION.sub(self._complete, text)

    def _complete(self, match: re.Match[str]) -> str:
        prefix = fold(match.group(1))
        word = self._completions.get(prefix)
        if word is None:
            if len(self._completions) > _CACHE_LIMIT:
                self._completions.clear()
            # Count inflected forms with their base form: "commerciele" backs
            # "commercieel".
            totals: Counter[str] = Counter()
            for known, count in self.counts.items():
                if known.startswith(prefix) and known != prefix:
                    totals[self.canonical(known)] += count
            best = min(totals, key=lambda w: (-totals[w], w), default="")
            word = self._completions[prefix] = best
        return word or match.group(0)

    def canonical(self, word: str) -> str:
        """The form of ``word`` the labels use: a known word, or a male form of it.

        ``chauffeuse`` → ``chauffeur``, ``directrice`` → ``directeur``,
        ``kapster`` → ``kapper``, ``verkoopster`` → ``verkoper``, ``studente`` →
        ``student``; a known word maps to itself; an unknown word with no known
        male form is returned unchanged.
        """
        cached = self._canon.get(word)
        if cached is None:
            if len(self._canon) > _CACHE_LIMIT:
                self._canon.clear()  # bounded memory for long-running services
            cached = self._canon[word] = self._find_canonical(word)
        return cached

    def _find_canonical(self, word: str) -> str:
        if word in self.counts:
            return self._rewrite(word, _INFLECTIONS) or word
        return self._rewrite(word, _INFLECTIONS + _VARIANTS) or word

    def _rewrite(
        self, word: str, rules: tuple[tuple[str, tuple[str, ...]], ...]
    ) -> str | None:
        for suffix, replacements in rules:
            if not word.endswith(suffix):
                continue
            stem = word[: -len(suffix)]
            if len(stem) < _MIN_STEM:
                continue
            for repl in replacements:
                for candidate in _stem_variants(stem, repl):
                    if len(candidate) >= _MIN_CANONICAL and candidate in self.counts:
                        return candidate
        return None

    def split(self, word: str) -> tuple[str, ...]:
        """Split a compound into known words, head (last part) last.

        Uses the segmentation with the fewest parts (ties: longest head), where
        parts may be joined by a linking ``s``, ``e``, ``en`` or ``er``, and each
        part is a known word or a gendered form of one. Returns ``()`` when
        ``word`` is not a compound of known words, or is longer than any real
        compound (the search is quadratic in the word's length).
        """
        if len(word) > _MAX_COMPOUND:
            return ()
        cached = self._split.get(word)
        if cached is None:
            if len(self._split) > _CACHE_LIMIT:
                self._split.clear()
            cached = self._split[word] = _segment(word, self)
        return cached


def _stem_variants(stem: str, repl: str) -> tuple[str, ...]:
    """``verkoop``+``er`` → ``verkoper``; ``kap``+``er`` → ``kapper``."""
    base = stem + repl
    if not repl or repl[0] not in "ae":
        return (base,)
    variants = [base]
    if len(stem) >= _MIN_STEM and stem[-2] == stem[-3] and stem[-2] in "aeou":
        variants.append(stem[:-2] + stem[-1] + repl)  # verkoop+er → verkoper
    if stem[-1] not in "aeiou":
        variants.append(stem + stem[-1] + repl)  # kap+er → kapper
    return tuple(variants)


def _segment(word: str, vocab: Vocabulary) -> tuple[str, ...]:
    """Fewest-parts segmentation of ``word`` into known words (dynamic programming)."""
    n = len(word)
    # best[i] = (parts, -head length) of the best segmentation of word[:i]
    best: list[tuple[int, tuple[str, ...]] | None] = [None] * (n + 1)
    best[0] = (0, ())
    for end in range(_MIN_PART, n + 1):
        candidate: tuple[int, tuple[str, ...]] | None = None
        for start in range(end - _MIN_PART + 1):
            prefix = best[start]
            if prefix is None or (start == 0 and end == n):
                continue  # no way to reach `start`, or the whole word (not a split)
            known = _known(word[start:end], vocab, head=end == n)
            if known is None:
                continue
            option = (prefix[0] + 1, (*prefix[1], known))
            if candidate is None or option[0] < candidate[0]:
                candidate = option
        if candidate is not None:
            current = best[end]
            if current is None or candidate[0] < current[0]:
                best[end] = candidate
        # Linking morphemes: a segmentation ending at `end` also ends at end+len(link).
        base = best[end]
        if base is not None:
            for link in _LINKS[1:]:
                if word.startswith(link, end) and end + len(link) < n:
                    # Only this link reaches `target` this early: no link is a
                    # suffix of another, and later ends compare at `target` itself.
                    best[end + len(link)] = base
    final = best[n]
    return final[1] if final is not None else ()


def _known(piece: str, vocab: Vocabulary, *, head: bool) -> str | None:
    """The known word ``piece`` stands for as part of a compound, if any.

    Only the head (last part) may be a gendered or plural form
    (``vrachtwagenchauffeuse``); earlier parts take linking letters instead.
    Three-letter parts must be common words: ``kok`` and ``bus`` are, but the
    rare ``per`` must not turn ``kapper`` into ``kap`` + ``per``.
    """
    if piece in vocab.counts:
        canon = piece
    elif head:
        canon = vocab.canonical(piece)
    else:
        return None
    count = vocab.counts.get(canon, 0)
    if count == 0 or (len(canon) <= _MIN_PART and count < _MIN_SHORT_PART_COUNT):
        return None
    return canon
