#!/usr/bin/env python3
"""Builds the labelled near-duplicate evaluation set (articles.jsonl).

Originals are the project's own sample articles (corpus/sample/articles.jsonl,
written for newsdex). Reprints of about half of them are made the ways news
is re-published: a new headline, a dateline or credit line, a footer, cuts,
reordered sentences, edited words and sentences, and mixes of these. Every
article carries a "story" label (the original's id), which the indexer
ignores: two articles are copies of one story exactly when their labels are
equal. Articles about one event written separately (the sample has several,
e.g. nd-0045..nd-0050 on the October 2023 chip rules) keep distinct labels,
as do the hand-written same-event articles in same_event.jsonl, so merging
them counts against precision.

Deterministic: run it again and the output is the same.
  python3 tests/data/near_duplicates/make_eval_set.py
"""
import json
import pathlib
import random
import re

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[2]
rng = random.Random(13)

OUTLETS = ["Daily Courier", "Northern Echo Online", "Coastal Herald", "Metro Wire",
           "Valley News", "The Evening Ledger", "Capital Post", "Riverside Times"]
FOOTERS = [
    "Copyright 2024 Metro Wire. All rights reserved. This material may not be published, "
    "broadcast, rewritten or redistributed.",
    "Sign up for our morning briefing to get the day's top stories in your inbox. "
    "Follow us on social media for live updates.",
    "This article was produced by a news agency and published unedited by our newsroom. "
    "Comments are closed for legal reasons.",
]
CREDITS = ["(Reporting by Ana Ruiz; Editing by Tom Hale)",
           "(Additional reporting by Kenji Mori; writing by Lena Berg; editing by Paul Ode)",
           "-- Staff and agencies"]
SYNONYMS = {"said": "stated", "says": "states", "large": "big", "big": "large",
            "rose": "climbed", "fell": "dropped", "increase": "rise", "warned": "cautioned",
            "announced": "unveiled", "officials": "authorities", "government": "administration",
            "company": "firm", "expected": "forecast", "new": "fresh", "week": "seven days",
            "percent": "per cent", "help": "assist", "about": "around", "also": "as well",
            "however": "but", "more": "further", "first": "initial", "biggest": "largest"}


def sentences(paragraph):
    return [s for s in re.split(r"(?<=[.!?\"”])\s+(?=[A-Z\"“])", paragraph) if s]


def paragraphs(body):
    return [p for p in body.split("\n\n") if p.strip()]


def dateline(article):
    place = (article.get("places") or ["London"])[0].upper()
    return f"{place} ({article.get('source') or 'Wire'}) - "


def cut(body, share):
    """Keeps the first paragraphs (a sub-editor cutting from the bottom)."""
    paras = paragraphs(body)
    words = sum(len(p.split()) for p in paras)
    kept, count = [], 0
    for p in paras:
        if kept and count >= share * words:
            break
        kept.append(p)
        count += len(p.split())
    return "\n\n".join(kept)


def reorder(body):
    paras = paragraphs(body)
    out = []
    for p in paras:
        s = sentences(p)
        if len(s) > 1:
            i = rng.randrange(len(s) - 1)
            s[i], s[i + 1] = s[i + 1], s[i]
        out.append(" ".join(s))
    if len(out) > 2:
        # Moves one paragraph after the lead elsewhere.
        p = out.pop(rng.randrange(1, len(out)))
        out.insert(rng.randrange(1, len(out) + 1), p)
    return "\n\n".join(out)


def edit(body, share):
    """Replaces words with synonyms, drops a sentence, adds one."""
    words = body.split(" ")
    for i, w in enumerate(words):
        bare = w.strip(".,;:\"”“").lower()
        if bare in SYNONYMS and rng.random() < 0.7:
            words[i] = w.replace(bare, SYNONYMS[bare])
        elif rng.random() < share and w.isalpha() and len(w) > 3:
            words[i] = w + "s" if not w.endswith("s") else w[:-1]
    paras = paragraphs(" ".join(words))
    if len(paras) > 2:
        s = sentences(paras[-2])
        if len(s) > 1:
            s.pop(rng.randrange(len(s)))
            paras[-2] = " ".join(s)
    paras.insert(1, "The development was being closely watched by analysts and residents alike.")
    return "\n\n".join(paras)


VARIANTS = {
    "headline": lambda a: (f"UPDATE 1-{a['title']}", a["body"]),
    "dateline_credit": lambda a: (a["title"], dateline(a) + a["body"] + "\n\n" + rng.choice(CREDITS)),
    "footer": lambda a: (a["title"] + " | " + rng.choice(OUTLETS), a["body"] + "\n\n" + rng.choice(FOOTERS)),
    "cut_60": lambda a: (a["title"], cut(a["body"], 0.6)),
    "cut_45": lambda a: ("In brief: " + a["title"], cut(a["body"], 0.45)),
    "reorder": lambda a: (a["title"], reorder(a["body"])),
    "edit": lambda a: (a["title"].replace(" ", "  ", 1), edit(a["body"], 0.05)),
    "cut_edit_credit": lambda a: (
        "Wire: " + a["title"], dateline(a) + edit(cut(a["body"], 0.7), 0.04) + "\n\n" + rng.choice(CREDITS)),
    "reorder_footer": lambda a: (a["title"], reorder(a["body"]) + "\n\n" + rng.choice(FOOTERS)),
}


def main():
    originals = [json.loads(line) for line in open(ROOT / "corpus/sample/articles.jsonl")]
    out = []
    for a in originals:
        out.append(dict(a, story=a["id"]))
    names = sorted(VARIANTS)
    for n, a in enumerate(originals):
        if len(a.get("body", "").split()) < 100 or n % 2:  # every other long article
            continue
        for k, name in enumerate(rng.sample(names, 4)):
            title, body = VARIANTS[name](a)
            copy = dict(a, id=f"{a['id']}-copy{k}-{name}", title=title, body=body,
                        source=rng.choice(OUTLETS), story=a["id"], variant=name)
            copy.pop("url", None)
            out.append(copy)
    for line in open(HERE / "same_event.jsonl"):
        a = json.loads(line)
        out.append(dict(a, story=a["id"]))
    rng.shuffle(out)
    with open(HERE / "articles.jsonl", "w") as f:
        for a in out:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
