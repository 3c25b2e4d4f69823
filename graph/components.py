"""Everything a build uses, loaded once: the spaCy pipeline, the event lexicon, the gazetteer,
the date resolver, the figure extractor, the duplicate finder, the trigger synonyms and the
headline recaser.

Handed to every stage (graph.pipeline), so a test or a notebook can swap one part.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.duplicates import DuplicateFinder

if TYPE_CHECKING:
    from spacy.language import Language

    from graph.extract import EventExtractor
    from graph.gazetteer import Gazetteer
    from graph.lexicon import EventLexicon
    from graph.synonyms import TriggerSynonyms
    from graph.truecase import HeadlineRecaser


@dataclass
class Components:
    """Everything a build uses; load once with :meth:`load`, reuse across builds."""

    nlp: Language
    lexicon: EventLexicon
    gazetteer: Gazetteer
    dates: Callable[..., Any]
    figures: Any
    ontology_dir: Path
    #: Finds syndicated copies, whose mentions are left out; None keeps every article's (for
    #: evaluations against gold annotations of every document).
    duplicates: DuplicateFinder | None = field(default_factory=DuplicateFinder)
    #: Synonym groups of trigger lemmas the merger matches by (graph.synonyms); None: each
    #: lemma alone.
    synonyms: TriggerSynonyms | None = None
    #: The spaCy pipeline's name as given to :meth:`load`, for worker processes to load the same;
    #: None for components made by hand (they are extracted in the calling process only).
    model: str | None = None
    #: Puts Title Case headlines in sentence case before the parse (graph.truecase); None
    #: parses every text as written.
    recaser: HeadlineRecaser | None = None

    @classmethod
    def load(cls, model: str | None = None) -> Components:
        """The components a build uses: the spaCy pipeline ``model`` (default: the small English
        one) and the tables in ``graph/data`` and ``ontology/``.

        What is alive once they are loaded (the model, the gazetteer's hundreds of thousands of
        names, the imports) lives as long as the process, so it is moved out of the garbage
        collector's reach (``gc.freeze``): a full collection otherwise walks it again each time,
        0.95 s of a 1,000-article build here (0.22 s after), and more as a build grows.
        """
        import gc

        from graph.figures import FigureExtractor, UnitTable
        from graph.gazetteer import Gazetteer
        from graph.lexicon import EventLexicon, ontology_dir
        from graph.nlp import DEFAULT_MODEL, load_pipeline
        from graph.synonyms import TriggerSynonyms
        from graph.temporal import DateResolver
        from graph.truecase import COMMON_WORDS, HeadlineRecaser, read_words

        gazetteer = Gazetteer.load()
        units = UnitTable.from_file()
        synonyms = TriggerSynonyms.from_file()
        common = read_words() | read_words(COMMON_WORDS) | gazetteer.titles()

        def is_name(word: str) -> bool:
            found = gazetteer.match(word)
            return found is not None and not found.geonames

        loaded = cls(
            nlp=load_pipeline(model or DEFAULT_MODEL),
            model=model or DEFAULT_MODEL,
            lexicon=EventLexicon.from_ttl(),
            gazetteer=gazetteer,
            dates=DateResolver(),
            figures=FigureExtractor(units),
            ontology_dir=ontology_dir(),
            synonyms=synonyms,
            recaser=HeadlineRecaser(common, is_name),
        )
        gc.collect()
        gc.freeze()
        return loaded

    def parse_input(self, text: str) -> str:
        """What the parser reads of an article's ``text``: the same text, its Title Case
        headlines in sentence case (same length, so offsets hold)."""
        return self.recaser(text) if self.recaser is not None else text

    def extractor(self, resolver: Any) -> EventExtractor:
        """The event extractor over these components, resolving names with ``resolver``."""
        from graph.extract import EventExtractor

        is_common = self.recaser.is_common if self.recaser is not None else None
        return EventExtractor(
            self.lexicon, resolver, self.dates, self.figures, self.gazetteer, is_common=is_common
        )

    def fingerprint(self) -> str:
        """A hash of the code, data, ontology and spaCy model: what makes a build cache reusable."""
        from graph.cache import fingerprint

        meta = self.nlp.meta
        model = f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"
        # The views and the evaluation do not change what an article yields.
        return fingerprint(
            [Path(__file__).resolve().parent, self.ontology_dir], model, skip={"export", "evaluate"}
        )
