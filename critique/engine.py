"""The lint flow, one stage after another:

    read → segment into answers → one spaCy pass → rule kinds ∥ classifier
         → merge (one finding per span and slug) → suppressions → score
"""

from __future__ import annotations

from dataclasses import dataclass, field

from critique import suppress
from critique.config import Settings
from critique.document import Document
from critique.errors import CritiqueError
from critique.findings import Finding
from critique.kinds import Context
from critique.packs import Rule, load_rules_cached

# The classifier learned from sentences of 6 words or more; on shorter ones ("We resolved
# it.") a bag of words has too little to go on, so only the rules speak there.
MODEL_MIN_WORDS = 6


@dataclass
class AnswerResult:
    index: int
    question: str | None
    line: int
    score: int
    signals: list[str]
    words: int


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    answers: list[AnswerResult] = field(default_factory=list)
    error: str | None = None
    document: Document | None = None


class Linter:
    """Rules and model loaded once per settings, reused for every file of a run."""

    def __init__(self, settings: Settings, warn=None, classifier=None) -> None:
        self.settings = settings
        self.rules: list[Rule] = list(load_rules_cached(settings.rule_paths))
        self.by_slug = {r.slug: r for r in self.rules}
        check_rule_names(settings, self.rules)
        self._warn = warn or (lambda message: None)
        warn_preview_selection(settings, self.rules, self._warn)
        self.context = Context(role=settings.role, budgets=dict(settings.budgets))
        self._classifier = classifier
        self._classifier_loaded = classifier is not None

    @property
    def classifier(self):
        if not self._classifier_loaded:
            self._classifier_loaded = True
            if self.settings.model:
                from critique.model.runtime import load_classifier

                self._classifier = load_classifier(self._warn)
        return self._classifier

    def active(self, path: str) -> list[tuple[Rule, str]]:
        out = []
        for rule in self.rules:
            if rule.preview and not self.settings.preview:
                continue
            if self.settings.enabled(rule, path):
                severity = self.settings.severity_of(rule)
                if severity:
                    out.append((rule, severity))
        return out

    def lint(self, documents: list[Document]) -> list[FileResult]:
        """Findings and scores for each document (one spaCy pass over all of them)."""
        import gc

        # Linting allocates many small objects but leaves no cyclic garbage to speak of,
        # and each collector pass walks every live document: pausing the collector saves
        # 7% on 1,000 answers and 8% on a 5 MB file, with the same peak memory.
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return self._lint(documents)
        finally:
            if was_enabled:
                gc.enable()

    def _lint(self, documents: list[Document]) -> list[FileResult]:
        from critique import nlp, structure
        from critique.patterns import forget_texts
        from critique.score import score_answer

        tokens = any(getattr(rule.check, "tokens", None) for rule, _ in self.active("-"))
        nlp.segment(documents, self.settings.spacy_model, keep_docs=tokens)
        nlp.apply_breaks(documents)
        structure.annotate(documents)
        model_hits = self._model_hits(documents)
        results = []
        for doc in documents:
            found: list[Finding] = []
            active = self.active(doc.path)
            for answer in doc.answers:
                for rule, severity in active:
                    for hit in rule.check.run(answer, doc, self.context):
                        found.append(self._finding(doc, answer.index, rule, severity, hit))
                for slug, sentence, probability in model_hits.get((id(doc), answer.index), []):
                    rule = self.by_slug.get(slug)
                    if rule is None or rule.model == "off":
                        continue
                    severity = next((sev for r, sev in active if r is rule), None)
                    if severity and not vetoed(rule, answer, sentence.index) \
                            and _model_may_say(rule, sentence):
                        found.append(self._model_finding(doc, answer.index, rule, severity,
                                                         sentence, probability))
            found = [f for f in merge(found)
                     if f.source != "model" or self.by_slug[f.rule].model == "alone"]
            unused = next(((r, sev) for r, sev in active if r.slug == suppress.UNUSED_SLUG),
                          (None, None))
            ran = {r.slug for r, _ in active}
            not_run = frozenset(self.by_slug) - ran
            found = suppress.apply(found, doc, suppress.parse(doc), *unused, not_run=not_run)
            found.sort(key=Finding.sort_key)
            answers = [score_answer(doc, answer, [f for f in found if f.answer == answer.index])
                       for answer in doc.answers]
            results.append(FileResult(doc.path, found, answers, document=doc))
            forget_texts()
        return results

    def _model_hits(self, documents):
        """The classifier over every sentence, in one pass: the slugs it finds (on sentences
        of MODEL_MIN_WORDS or more) by (document, answer), and each sentence's evidence
        probabilities, kept on the sentence for the answer checks that compose them."""
        from critique.model.features import sentence_context

        classifier = self.classifier
        if classifier is None:
            return {}
        keys, texts, contexts, sentences = [], [], [], []
        for doc in documents:
            for answer in doc.answers:
                for i, sentence in enumerate(answer.sentences):
                    keys.append((id(doc), answer.index))
                    texts.append(sentence.text)
                    contexts.append(sentence_context(answer, i))
                    sentences.append(sentence)
        if not texts:
            return {}
        probs = classifier.probabilities(texts, contexts)
        evidence = [(j, label.split(":", 1)[1]) for j, label in enumerate(classifier.labels)
                    if label.startswith("evidence:")]
        self.context.evidence_thresholds = {name: classifier.thresholds[f"evidence:{name}"]
                                            for _, name in evidence}
        for row, sentence in enumerate(sentences):
            sentence.evidence = {name: float(probs[row, j]) for j, name in evidence}
        out: dict = {}
        thresholds = dict(self.settings.thresholds)
        for key, sentence, labels in zip(keys, sentences, classifier.labelled(probs, thresholds)):
            if len(sentence.text.split()) < MODEL_MIN_WORDS:
                continue
            for slug, probability in labels:
                if not slug.startswith("evidence:"):
                    out.setdefault(key, []).append((slug, sentence,
                                                    classifier.confidence(probability)))
        return out

    def _finding(self, doc, answer_index, rule, severity, hit) -> Finding:
        line, column = doc.position(hit.start)
        end_line, end_column = doc.position(max(hit.end, hit.start + 1))
        message, suggestion = rule.message, rule.suggestion
        if hit.values:
            fields = {k: v for k, v in hit.values.items() if k not in ("message", "suggestion")}
            message = (hit.values.get("message") or message).format(**fields)
            suggestion = hit.values.get("suggestion") or suggestion
        scope = hit.scope or ("answer" if rule.scope == "answer" else "sentence")
        return Finding(doc.path, line, column, end_line, end_column, rule.code, rule.slug,
                       severity, message, suggestion, "rule", 1.0, answer_index, scope)

    def _model_finding(self, doc, answer_index, rule, severity, sentence, probability):
        line, column = doc.position(sentence.start)
        end_line, end_column = doc.position(sentence.end)
        return Finding(doc.path, line, column, end_line, end_column, rule.code, rule.slug,
                       severity, rule.message, rule.suggestion, "model", float(probability),
                       answer_index)


def check_rule_names(settings: Settings, rules: list[Rule]) -> None:
    """A misspelt rule in select/ignore/severity/thresholds would silently switch checks
    off (or never on): stop instead, naming the key."""
    from critique.errors import ConfigError

    def known(name: str) -> bool:
        return name == "ALL" or any(name == r.slug or r.code.startswith(name) for r in rules)

    where = settings.source or "command line"
    named = [("select", settings.select), ("ignore", settings.ignore),
             ("extend-select", settings.extend_select),
             ("severity", tuple(k for k, _ in settings.severity)),
             ("thresholds", tuple(k for k, _ in settings.thresholds))]
    named += [(f"per-file-ignores.{glob}", names) for glob, names in settings.per_file_ignores]
    for key, names in named:
        for name in names:
            if not known(name):
                raise ConfigError(f"{where}: unknown rule '{name}' in {key} "
                                  "(`critique rules` lists them)")


def warn_preview_selection(settings: Settings, rules: list[Rule], warn) -> None:
    """Naming a preview check without preview on selects nothing (ruff's convention): say so
    rather than leave the user wondering why it never reports."""
    if settings.preview:
        return
    for name in (*settings.select, *settings.extend_select):
        named = [r for r in rules if name in (r.slug, r.code)]
        if named and all(r.preview for r in named):
            warn(f"{name} is a preview check and runs only with --preview "
                 "(or preview = true in configuration)")


def _model_may_say(rule: Rule, sentence) -> bool:
    """Whether the sentence has what the rule's slug cannot be without (`model_requires`)."""
    need = rule.model_requires
    return need is None or need.search(sentence.text) is not None


def vetoed(rule: Rule, answer, index: int) -> bool:
    """A model finding is dropped where the rule's own "Not it" evidence clears the
    sentence: the model finds paraphrases, the catalogue's boundaries still hold."""
    clears = getattr(rule.check, "clears", None)
    return bool(clears and clears(answer, index))


def merge(findings: list[Finding]) -> list[Finding]:
    """One finding per span and slug, so a score never depends on how the text is wrapped.

    Rule findings are kept as they are (an exact repeat is dropped). A model finding spans
    its sentence: the rule findings of its slug inside that sentence become `both` and the
    model finding goes; elsewhere it stands alone. A rule finding keeps its confidence of
    1.0 when the model agrees: agreement never makes a finding look less sure. Every hit
    lies within one sentence, so overlap means starting inside the model's span."""
    import bisect

    rules: dict[tuple, Finding] = {}
    models: list[Finding] = []
    for finding in findings:
        if finding.source == "model":
            models.append(finding)
        else:
            rules.setdefault((finding.path, finding.rule, _start(finding), _end(finding),
                              finding.message), finding)
    by_slug: dict[tuple, list[Finding]] = {}
    for finding in sorted(rules.values(), key=_start):
        by_slug.setdefault((finding.path, finding.rule), []).append(finding)
    starts = {key: [_start(f) for f in group] for key, group in by_slug.items()}
    alone: list[Finding] = []
    for model in models:
        key = (model.path, model.rule)
        group = by_slug.get(key, [])
        lo = bisect.bisect_left(starts.get(key, []), _start(model))
        hi = bisect.bisect_left(starts.get(key, []), _end(model))
        if lo == hi:
            alone.append(model)
        for i in range(lo, hi):
            group[i] = Finding(**{**group[i].__dict__, "source": "both"})
    return [f for group in by_slug.values() for f in group] + alone


def _start(finding: Finding) -> tuple[int, int]:
    return finding.line, finding.column


def _end(finding: Finding) -> tuple[int, int]:
    return finding.end_line, finding.end_column


# Fork workers inherit the loaded spaCy pipeline, compiled rules and model, so they cost no
# start-up; below this much text one process is faster.
PARALLEL_MIN_CHARS = 300_000
_FORKED: tuple | None = None  # (linter, documents) inherited by forked workers


def _lint_slice(bounds: tuple[int, int]) -> list[FileResult]:
    linter, documents = _FORKED
    results = linter.lint(documents[bounds[0]:bounds[1]])
    for result in results:  # sentences and spaCy Docs stay behind: reporting needs neither
        for answer in result.document.answers:
            answer.sentences = []
    return results


def lint_documents(linter: Linter, documents: list[Document], jobs: int | None = None
                   ) -> list[FileResult]:
    """Lint in this process, or split across forked workers when there is enough text."""
    import os

    size = sum(len(d.text) for d in documents)
    if jobs is None:
        jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    if jobs < 2 or len(documents) < 2 or size < PARALLEL_MIN_CHARS or not _can_fork():
        return linter.lint(documents)
    from critique import nlp

    nlp.pipeline(linter.settings.spacy_model)  # load once, before the fork
    linter.classifier  # noqa: B018 - load the model before the fork, too
    global _FORKED
    _FORKED = (linter, documents)
    step = -(-len(documents) // jobs)
    slices = [(i, min(i + step, len(documents))) for i in range(0, len(documents), step)]
    import multiprocessing

    try:
        with multiprocessing.get_context("fork").Pool(len(slices)) as pool:
            parts = pool.map(_lint_slice, slices)
    finally:
        _FORKED = None
    return [result for part in parts for result in part]


def _can_fork() -> bool:
    import multiprocessing
    import sys

    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def lint_paths(paths: list[str], settings_for, warn=None, stdin_name: str | None = None
               ) -> tuple[list[FileResult], list[str]]:
    """Lint files (read errors are reported per file and never stop the others).

    Standard input is read as `stdin_name` when given: its suffix, its configuration and
    the path every report names.  A bad configuration or rule pack found for some files
    makes each of them an error naming it, and the other files are linted; only when it
    stops every file of the run is it one line, as a problem of the run."""
    from critique.errors import ConfigError, RulePackError
    from critique.reading import discover, parse, read_path, read_stdin

    files, problems = discover(paths, settings_for, stdin_name)
    errors = [str(p) for p in problems]
    groups: dict[Settings, list[Document]] = {}
    results: dict[str, FileResult] = {}
    order: list[str] = []
    setup_failures: list[tuple[list[str], CritiqueError]] = []
    for path in files:
        name = (stdin_name or path) if path == "-" else path
        order.append(name)
        try:
            settings = settings_for(name)
        except ConfigError as exc:
            setup_failures.append(([name], exc))
            continue
        try:
            document = parse(name, read_stdin(name) if path == "-" else read_path(path))
        except CritiqueError as exc:
            results[name] = FileResult(name, error=str(exc))
            errors.append(str(exc))
            continue
        if not document.answers and warn and any(ch.isalnum() for ch in document.text):
            warn(f"{name}: no answer text to check (in Markdown, short headings are questions "
                 "or section titles and lines indented four spaces or more are code; code, "
                 "comments and front matter are never checked)")
        groups.setdefault(settings, []).append(document)
    linters: list[tuple[Linter, list[Document]]] = []
    for settings, documents in groups.items():
        try:
            linters.append((Linter(settings, warn), documents))
        except (ConfigError, RulePackError) as exc:
            if settings.source is None:  # the command line itself: a problem of the run
                raise
            if isinstance(exc, RulePackError):
                exc = RulePackError(f"{settings.source}: key 'rule-paths': {exc}")
            setup_failures.append(([d.path for d in documents], exc))
    if setup_failures:
        failed = [p for group, _ in setup_failures for p in group]
        if not errors and len(failed) == len(order) \
                and len({str(e) for _, e in setup_failures}) == 1:
            raise setup_failures[0][1]
        for group, exc in setup_failures:
            for path in group:
                message = f"{path}: {exc}"
                results[path] = FileResult(path, error=message)
                errors.append(message)
    for linter, documents in linters:
        for result in _lint_around_timeouts(linter, documents):
            results[result.path] = result
            if result.error:
                errors.append(result.error)
    return [results[p] for p in order if p in results], errors


def _lint_around_timeouts(linter: Linter, documents: list[Document]) -> list[FileResult]:
    """Lint the documents; a document on which a user's pattern timed out becomes an
    error naming the rule, and the others are linted again without it."""
    from critique.errors import PatternTimeout

    done: dict[str, FileResult] = {}
    todo = list(documents)
    while todo:
        try:
            done.update((r.path, r) for r in lint_documents(linter, todo))
            break
        except PatternTimeout as exc:
            bad = _holder(todo, exc.text)
            if bad is None:  # the text does not tell which document: one at a time
                for document in todo:
                    done.update((r.path, r) for r in _lint_around_timeouts(linter, [document]))
                break
            done[bad.path] = FileResult(bad.path, error=f"{bad.path}: {exc}")
            todo = [d for d in todo if d is not bad]
    return [done[d.path] for d in documents]


def _holder(documents: list[Document], text: str) -> Document | None:
    """The one document that holds `text`, the sentence a pattern timed out on (as the
    patterns see it: lower-cased, perhaps with a space in front)."""
    if len(documents) == 1:
        return documents[0]
    needle = text.strip().lower()
    holders = [d for d in documents if needle and needle in d.analysis.lower()]
    return holders[0] if len(holders) == 1 else None
