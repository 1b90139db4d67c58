"""Generate the benchmark corpus: deterministic, from a hand-written bank of sentences.

    python benchmarks/generate_corpus.py                 # seed 20261122 into benchmarks/corpus
    python benchmarks/generate_corpus.py --seed 7 --out /tmp/corpus
    python benchmarks/generate_corpus.py --verify        # regenerate in memory, compare to disk

Everything is drawn from one `random.Random(seed)` in a fixed order, files are written as
UTF-8 with LF line ends, and nothing depends on hash order, the clock or the locale, so the
same seed gives a byte-identical corpus (the printed corpus hash says so).

Written files (relative to --out):

    answers/0000.txt ... answers/0999.txt   one answer each, `Q: ...` first line, 150-350 words
    one-250.txt                             one answer of about 250 words
    long-5000.txt                           one answer of about 5,000 words
    big-1mb.txt, big-2mb.txt, big-4mb.txt, big-5mb.txt
                                            prose paragraphs, 1, 2, 4, 5 MB (10^6 bytes)
    cohort.csv                              id,question,answer: the 1,000 answers again
    MANIFEST.sha256                         sha256 of every file above, then the corpus hash
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import random
import sys
from pathlib import Path

DEFAULT_SEED = 20261122
DEFAULT_OUT = Path(__file__).resolve().parent / "corpus"
N_ANSWERS = 1000
MIN_WORDS, MAX_WORDS = 150, 350
MB = 1_000_000
BIG_SIZES = (1, 2, 4, 5)

# ---------------------------------------------------------------------------------------
# The bank.  Questions and sentences by topic; sentences mix weak habits (tool talk,
# hedging, "we" for everything, unmeasured claims, leaving for negative reasons, textbook
# process) with strong ones (numbers, trade-offs, risks and rollbacks, ownership).
# ---------------------------------------------------------------------------------------

QUESTIONS = {
    "pm": [
        "How would you prioritize the roadmap for a new AI feature?",
        "Tell me about a product you launched from zero to one.",
        "How would you improve onboarding for our mobile app?",
        "Walk me through how you would set goals for a search team.",
        "Describe a time you had to say no to a senior stakeholder.",
        "How would you decide whether to build or buy a recommendation engine?",
        "What metric would you pick for a meeting-notes summarizer, and why?",
        "How would you launch a chatbot for customer support?",
        "Tell me about a feature you killed.",
        "How do you work with engineering when a deadline slips?",
        "Design a product for small landlords.",
    ],
    "ml": [
        "How would you detect fraud in card payments?",
        "Walk me through a model you took to production.",
        "How would you evaluate a ranking model before launch?",
        "Your model's accuracy dropped last week. What do you do?",
        "How would you reduce the latency of an LLM-based feature?",
        "When would you fine-tune instead of prompting a hosted model?",
        "How do you handle class imbalance?",
        "Design a spam filter for a messaging product.",
        "How would you monitor a model after launch?",
        "Explain a technical trade-off you made in an ML system.",
    ],
    "behavioral": [
        "Why do you want to leave your current job?",
        "Tell me about a conflict with a teammate.",
        "Describe your biggest failure.",
        "Tell me about a time you influenced without authority.",
        "What is your greatest strength?",
        "Tell me about a time you made a decision with incomplete data.",
        "Why do you want to work here?",
        "Describe a time you received hard feedback.",
        "Tell me about a project you are proud of.",
    ],
}

SENTENCES = {
    "pm": [
        "I would start by talking to users, because the roadmap should come from their "
        "pain points.",
        "We used a RICE framework to score every item on the backlog.",
        "I ranked the twelve candidate features by expected revenue and engineering weeks, "
        "and cut the bottom half.",
        "The first thing I did was interview fourteen support agents about the tickets "
        "they hated most.",
        "We launched the feature and it was a big success.",
        "Activation rose from 31% to 44% in the six weeks after the new onboarding flow shipped.",
        "I chose weekly active teams as the north-star metric instead of sign-ups, because "
        "sign-ups hid churn.",
        "I think the roadmap should probably focus on the enterprise segment, maybe.",
        "We built it with React, GraphQL and a Postgres database on AWS.",
        "I would use Agile and Scrum to make sure the team delivers on time.",
        "The trade-off was clear: shipping in March meant dropping offline support "
        "for the first release.",
        "I said no to the VP's request because it would have delayed the payments fix "
        "by a full quarter.",
        "I wrote a one-page memo that compared three options and recommended the cheapest "
        "one to reverse.",
        "If the pilot missed its target, the plan was to turn the flag off within an hour.",
        "We rolled out to 5% of accounts first and watched refund requests daily.",
        "Customers kept asking for dark mode, so we prioritized it.",
        "The main risk was that landlords would not trust automated rent reminders, "
        "so we let them approve each message.",
        "I would measure success by the share of tickets resolved without a human, "
        "with a guardrail on CSAT.",
        "I killed the feature after usage stayed under 2% of weekly users for two months.",
        "Killing it freed two engineers, who then cut checkout latency by 300 milliseconds.",
        "We did a lot of user research and synthesized the insights into personas.",
        "I aligned all the stakeholders and drove consensus across the organization.",
        "I would buy the recommendation engine, since our differentiation is the catalog, "
        "not the ranking.",
        "Building it ourselves would have cost roughly four engineers for nine months.",
        "When the deadline slipped, I split the release so the import tool could go "
        "out two weeks early.",
        "I met the engineering lead every morning for ten minutes until we were back on plan.",
        "The summarizer's metric I care about is how often people edit the summary "
        "before sharing it.",
        "Accuracy of the summaries was our main goal for the launch.",
        "We A/B tested the new flow against the old one for three weeks.",
        "The new flow won by 6 points of completion, which was outside the noise we had "
        "measured in an A/A test.",
        "Honestly, I am not sure the metric was the right one, but it was what we had.",
        "For small landlords, the painful job is chasing late rent, not listing the unit.",
        "I would launch the support chatbot on billing questions only, where answers "
        "are short and checkable.",
        "Every answer the bot could not ground in a help article would be handed to an agent.",
        "We leveraged synergies between the growth and platform teams.",
        "The product was basically a wrapper around the OpenAI API with a nicer interface.",
        "I set a budget of two cents per conversation and tracked it on the launch dashboard.",
        "Search goals for the quarter were zero-result rate below 4% and click-through "
        "on the first page above 38%.",
        "I gave up the mobile version for the first release, which upset sales but kept "
        "the date.",
        "Our onboarding had seven steps, and we found that step four lost a third of users.",
        "I removed step four entirely and asked for that information after the first "
        "successful invoice.",
        "The roadmap was mostly driven by what the loudest customer wanted.",
        "We shipped on time and everyone was happy with the result.",
        "I would validate demand with a fake-door test before writing any code.",
        "The fake door got 1,900 clicks in a week from a list of 40,000 users.",
    ],
    "ml": [
        "I trained an XGBoost model with 400 trees, a max depth of 8 and a learning "
        "rate of 0.05.",
        "We used BERT because it is the state of the art.",
        "We got 99% accuracy on the test set.",
        "Accuracy was misleading, because only 0.3% of transactions were fraud.",
        "I optimized recall at a fixed false-positive rate of one in a thousand, "
        "since every false alarm blocked a real customer.",
        "Chargebacks fell by 27% in the first month, about $410,000 a quarter.",
        "I would start with a logistic regression baseline so we know what the "
        "complex model has to beat.",
        "The model uses an attention mechanism with twelve heads and layer normalization "
        "after every block.",
        "We fine-tuned Llama on our data and it worked really well.",
        "I chose a hosted model for the first version, trading cost per call for six "
        "weeks of time to market.",
        "Once we passed a million calls a month, fine-tuning a small model became "
        "cheaper than the API.",
        "Latency went from 2.1 seconds to 450 milliseconds after we cached embeddings "
        "and streamed tokens.",
        "The price of streaming was that we could no longer filter the whole answer "
        "before showing it.",
        "I used SMOTE to handle the class imbalance.",
        "Instead of resampling, I weighted the loss and tuned the threshold on a "
        "validation set from a later month.",
        "We monitored the model with a dashboard.",
        "I set alerts on the share of scores above the threshold and on the "
        "population stability index of the top ten features.",
        "When accuracy dropped, I first checked whether a feature pipeline had changed, "
        "before suspecting drift.",
        "It turned out an upstream team had started sending amounts in cents "
        "instead of dollars.",
        "We retrained the model and the problem went away.",
        "The ranking model was evaluated offline with NDCG at ten and then with an "
        "interleaving test.",
        "Offline NDCG went up, but the interleaving test showed no difference, "
        "so we did not ship it.",
        "For the spam filter, I would combine sender reputation features with a small "
        "text classifier.",
        "The risk is that spammers adapt, so I would retrain weekly and keep a "
        "rules layer that can be changed in minutes.",
        "If the new model misbehaved, we could route traffic back to the old one "
        "with a single config change.",
        "I think we maybe could have used a transformer, but I am not sure.",
        "We used PyTorch, Kubernetes, Airflow, MLflow and Spark.",
        "The embeddings were 768-dimensional and stored in a FAISS index with "
        "product quantization.",
        "The trade-off was recall for cost: quantization lost 2% of recall but cut "
        "memory by a factor of eight.",
        "We deployed the model as a microservice behind a REST API.",
        "I owned the feature store migration end to end, from the design doc to the "
        "on-call runbook.",
        "The labels came from analysts, and I found that two of them disagreed on "
        "a fifth of the cases.",
        "I wrote a labeling guide with twenty examples, and agreement rose to 91%.",
        "Our F1 score improved from 0.71 to 0.78.",
        "That lift meant roughly 1,200 fewer manual reviews every week.",
        "I would check calibration too, because the operations team used the score "
        "as a probability.",
        "We used gradient boosting since it usually performs best on tabular data.",
        "The model was a two-tower network with in-batch negatives and a temperature of 0.05.",
        "Before launch, I ran the model in shadow mode for two weeks next to the old rules.",
        "Shadow mode caught a bug where the model scored refunds as purchases.",
        "The LLM feature hallucinated order numbers, so we grounded every answer in "
        "the order record.",
        "We picked the biggest model available to get the best quality.",
        "I compared three prompt templates on 300 labeled conversations before "
        "choosing one.",
        "The cheaper model was within one point of the larger one on our eval set, "
        "at a tenth of the price.",
        "Data leakage from a timestamp column made the first results look far too good.",
        "I split train and test by customer and by time, and the AUC fell to a believable 0.83.",
    ],
    "behavioral": [
        "I want to leave because my manager micromanages everything and the culture is toxic.",
        "I am looking for a team where I can own a product area end to end.",
        "Honestly, the pay at my current company is just not good enough.",
        "My current company keeps changing direction, and I am tired of it.",
        "Your mission of making credit fair is the reason I applied.",
        "I used the product for a year before applying, and I have opinions "
        "about the export flow.",
        "A teammate and I disagreed about whether to rewrite the billing service.",
        "I asked him to write down his three strongest reasons, and I did the same.",
        "We agreed to rewrite only the invoicing module and to measure incidents "
        "for a month.",
        "Incidents in that module went from nine a month to one.",
        "We worked together as a team and resolved the conflict.",
        "My biggest failure was launching a pricing change without telling the sales team.",
        "Three enterprise deals stalled, and I spent two weeks repairing those relationships.",
        "Since then, I send a launch note to sales and support a week before any "
        "pricing change.",
        "My greatest strength is that I am a perfectionist.",
        "My strength is turning vague asks into plans: last year I scoped eleven "
        "requests into four shippable projects.",
        "I influenced the data team by building the prototype myself and showing "
        "the numbers.",
        "After the demo, they moved the pipeline work into their next sprint.",
        "I have an MBA from a top school and ten years of experience at big tech companies.",
        "I was promoted twice in three years at Google.",
        "We had only two weeks of data, so I made the call to launch in one region "
        "and decide after a month.",
        "I wrote down in advance what result would make us roll back, so the decision "
        "could not drift.",
        "The hard feedback was that my updates were too long for executives.",
        "I now lead every update with the decision I need, in one sentence.",
        "I am proud of the accessibility project, because blind users could file "
        "claims on their own for the first time.",
        "Completion for screen-reader users rose from 12% to 70%.",
        "I am a hard worker and a team player who is passionate about technology.",
        "We always tried to do our best for the customers.",
        "I kind of took the lead on it, sort of, when nobody else did.",
        "The team was great and we accomplished a lot together.",
        "I learned that I should communicate earlier and more often.",
        "I stayed late for a month to fix it, which I would not do again.",
        "I would rather be honest: I do not yet know your industry well, and I have "
        "a plan to learn it.",
        "I called each of the three customers myself and apologized before they heard "
        "it from anyone else.",
        "I disagreed with my director about the launch date and lost the argument.",
        "The launch slipped anyway, and afterwards we agreed on a shared checklist "
        "for launch readiness.",
        "Leaving now is about growth, not escape: I have shipped what I came to ship.",
        "Nobody on my current team listens to my ideas.",
        "I mentored two junior engineers, and one of them now leads the payments squad.",
        "I tend to overthink decisions, so I set myself a deadline for each one.",
    ],
    "general": [
        "First, I would clarify the goal and the constraints.",
        "To be concrete, here is what happened.",
        "The context matters here.",
        "Let me give a specific example.",
        "In short, the outcome was worth the cost.",
        "Looking back, I would have involved legal two weeks earlier.",
        "That is the part I would change if I did it again.",
        "There were three options on the table.",
        "The numbers told a different story from the anecdotes.",
        "I want to be clear about what I did and what the team did.",
        "It was a complicated situation with a lot of moving parts.",
        "At the end of the day, it is all about the customer.",
        "I would then check the result against the goal we set at the start.",
        "This took about six weeks from the first conversation to the launch.",
        "To summarize, I would pick the option that is easiest to undo.",
        "I basically just did whatever was needed.",
        "There are many ways to approach this problem.",
        "It depends on a lot of factors.",
        "The decision came down to time, cost and risk.",
        "I documented the decision so the next team would know why.",
        "Obviously, this is just my opinion.",
        "I think that's pretty much it.",
        "The key insight was that the problem was not technical at all.",
        "Our users were mostly finance managers at companies of fifty to five hundred people.",
        "I checked my assumptions with two people who disagreed with me.",
    ],
}

TOPIC_WEIGHTS = (("pm", 4), ("ml", 4), ("behavioral", 3))


def words(text: str) -> int:
    return len(text.split())


def bank_size() -> int:
    return sum(len(v) for v in SENTENCES.values())


def _pick_topic(rng: random.Random) -> str:
    topics = [t for t, _ in TOPIC_WEIGHTS]
    weights = [w for _, w in TOPIC_WEIGHTS]
    return rng.choices(topics, weights=weights, k=1)[0]


def _paragraphs(rng: random.Random, sentences: list[str]) -> list[list[str]]:
    """Group sentences into paragraphs of 2 to 6 sentences."""
    out, i = [], 0
    while i < len(sentences):
        n = rng.randint(2, 6)
        out.append(sentences[i:i + n])
        i += n
    if len(out) > 1 and len(out[-1]) == 1:  # no one-sentence tail paragraph
        out[-2].extend(out.pop())
    return out


def _answer_body(rng: random.Random, topic: str, target: int, cap: int) -> str:
    """Sentences of `topic` and general talk, no repeats, until `target` words (<= cap).

    Near the cap nothing may fit exactly: a total short of `target` but at least
    MIN_WORDS (or `target`, when that is smaller) is kept.
    """
    pool = SENTENCES[topic] + SENTENCES["general"]
    order = list(range(len(pool)))
    rng.shuffle(order)
    # keep the topic sentences ahead of the general ones most of the time
    order.sort(key=lambda i: (i >= len(SENTENCES[topic])) and rng.random() < 0.6)
    chosen: list[str] = []
    total = 0
    for i in order:
        if total >= target:
            break
        n = words(pool[i])
        if total + n > cap:
            continue
        chosen.append(pool[i])
        total += n
    if total < min(target, MIN_WORDS):  # pragma: no cover - the bank is far bigger than that
        raise RuntimeError(f"bank too small for {target} words of {topic}")
    return "\n\n".join(" ".join(p) for p in _paragraphs(rng, chosen))


def make_answer(rng: random.Random, lo: int = MIN_WORDS, hi: int = MAX_WORDS) -> tuple[str, str]:
    """(question, body) with lo <= words(body) <= hi."""
    topic = _pick_topic(rng)
    question = rng.choice(QUESTIONS[topic])
    target = rng.randint(lo, hi)
    return question, _answer_body(rng, topic, target, hi)


def answer_file(question: str, body: str) -> str:
    return f"Q: {question}\n{body}\n"


def _long_answer(rng: random.Random, target_words: int) -> tuple[str, str]:
    """A long answer: many answer-sized bodies on one question, joined as paragraphs."""
    topic = "ml"
    question = rng.choice(QUESTIONS[topic])
    parts, total = [], 0
    while total < target_words:
        left = target_words - total
        target = min(rng.randint(MIN_WORDS, MAX_WORDS), left)
        cap = target + 40 if target == left else MAX_WORDS
        body = _answer_body(rng, rng.choice(["pm", "ml", "behavioral"]), target, cap)
        parts.append(body)
        total += words(body)
    return question, "\n\n".join(parts)


def _big_prose(rng: random.Random, size: int) -> str:
    """Prose paragraphs (3-7 sentences, any topic) until at least `size` bytes."""
    every = [s for topic in ("pm", "ml", "behavioral", "general") for s in SENTENCES[topic]]
    out = io.StringIO()
    length = 0
    while length < size:
        n = rng.randint(3, 7)
        paragraph = " ".join(rng.choice(every) for _ in range(n)) + "\n\n"
        out.write(paragraph)
        length += len(paragraph.encode("utf-8"))
    return out.getvalue()


def generate(seed: int = DEFAULT_SEED) -> dict[str, bytes]:
    """Every corpus file as {relative path: bytes}, in a fixed order."""
    rng = random.Random(seed)
    files: dict[str, bytes] = {}
    rows = []
    for i in range(N_ANSWERS):
        question, body = make_answer(rng)
        files[f"answers/{i:04d}.txt"] = answer_file(question, body).encode("utf-8")
        rows.append((f"a{i:04d}", question, body))

    question, body = make_answer(rng, 245, 255)
    files["one-250.txt"] = answer_file(question, body).encode("utf-8")

    question, body = _long_answer(rng, 5000)
    files["long-5000.txt"] = answer_file(question, body).encode("utf-8")

    for mb in BIG_SIZES:
        files[f"big-{mb}mb.txt"] = _big_prose(rng, mb * MB).encode("utf-8")

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(["id", "question", "answer"])
    writer.writerows(rows)
    files["cohort.csv"] = buffer.getvalue().encode("utf-8")
    return files


def file_hashes(files: dict[str, bytes]) -> list[tuple[str, str]]:
    return [(name, hashlib.sha256(files[name]).hexdigest()) for name in sorted(files)]


def corpus_hash(files: dict[str, bytes]) -> str:
    """sha256 over the sorted `<sha256>  <path>` lines of every file."""
    lines = "".join(f"{digest}  {name}\n" for name, digest in file_hashes(files))
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


def manifest(files: dict[str, bytes], seed: int) -> bytes:
    lines = [f"# critique benchmark corpus, seed {seed}\n"]
    lines += [f"{digest}  {name}\n" for name, digest in file_hashes(files)]
    lines.append(f"# corpus {corpus_hash(files)}\n")
    return "".join(lines).encode("utf-8")


def write(files: dict[str, bytes], out: Path, seed: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    answers = out / "answers"
    answers.mkdir(exist_ok=True)
    wanted = {name.split("/", 1)[1] for name in files if name.startswith("answers/")}
    for stale in answers.iterdir():  # an older corpus with more answers
        if stale.name not in wanted and stale.is_file():
            stale.unlink()
    for name, data in files.items():
        path = out / name
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
    (out / "MANIFEST.sha256").write_bytes(manifest(files, seed))


def verify(files: dict[str, bytes], out: Path) -> list[str]:
    """Files on disk that differ from the freshly generated ones."""
    bad = []
    for name, data in files.items():
        path = out / name
        if not path.is_file() or hashlib.sha256(path.read_bytes()).digest() \
                != hashlib.sha256(data).digest():
            bad.append(name)
    return bad


def stats(files: dict[str, bytes]) -> dict[str, object]:
    counts = [words(files[n].decode("utf-8").split("\n", 1)[1])
              for n in files if n.startswith("answers/")]
    return {
        "answers": len(counts),
        "answer_words_min": min(counts),
        "answer_words_max": max(counts),
        "answer_words_mean": round(sum(counts) / len(counts), 1),
        "one_250_words": words(files["one-250.txt"].decode().split("\n", 1)[1]),
        "long_5000_words": words(files["long-5000.txt"].decode().split("\n", 1)[1]),
        **{f"big_{mb}mb_bytes": len(files[f"big-{mb}mb.txt"]) for mb in BIG_SIZES},
        "bank_sentences": bank_size(),
        "bank_questions": sum(len(v) for v in QUESTIONS.values()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--verify", action="store_true",
                        help="regenerate in memory and compare with the files in --out; "
                             "write nothing (exit 1 on any difference)")
    args = parser.parse_args(argv)

    files = generate(args.seed)
    digest = corpus_hash(files)
    if args.verify:
        bad = verify(files, args.out)
        if bad:
            print(f"corpus in {args.out} differs from seed {args.seed} in {len(bad)} file(s), "
                  f"e.g. {bad[:3]}", file=sys.stderr)
            return 1
        print(f"corpus {digest} (seed {args.seed}): {len(files)} files match")
        return 0
    write(files, args.out, args.seed)
    info = stats(files)
    print(f"wrote {len(files)} files to {args.out} (seed {args.seed})")
    print("  " + ", ".join(f"{k}={v}" for k, v in info.items()))
    print(f"corpus {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
