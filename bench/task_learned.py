"""Does a learned reader find the assignments the rules never generate? An experiment, judged
leave-one-set-out on the nine real-text sets (issue 26).

1. Candidates: every mention of an agency-like name in every sentence of a text — the
   extractor's own list reader (`_Parser.agency_list`) at every position, plus general shapes
   (a head word such as Sở / Ban / Bộ / UBND / Công an / Cục / Tỉnh ủy … or a collective
   "các …" with the spans it may end at, and the items of a list after a shared head).
2. A logistic regression (pure Python, deterministic) decides which candidates are the lead of
   an assignment in that sentence, on general features: the words around the mention, a
   directive cue before it and how far, a command after it, past / report markers, "phối hợp
   với" before it, position in the sentence and the text, list position. No feature names a text.
3. For each set in turn, train on the other eight and score the held-out one by the scorer's
   rule (`tests/task_eval.py`: the same lead, the label's action inside the task's sentence):
   (a) the model alone, (b) the rules' tasks plus the model's extra ones, (c) the rules' tasks
   the model does not reject, (d) the rules alone, (e) the rules' tasks plus the model's in the
   sentences the rules made no task from; and the candidates' recall ceiling.

    .venv/bin/python bench/task_learned.py                     # the leave-one-set-out table
    .venv/bin/python bench/task_learned.py --judge tests/data/tasks_NEW   # a set labelled later

Each variant is printed at four thresholds on the model's probability (0.5, 0.3, 0.7, 0.9);
choosing one from the held-out table would tune on the held-out sets, so a set labelled later
(--judge: trained on all nine) is the test of a choice.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import task_eval  # noqa: E402
from task_extraction import SETS  # noqa: E402

JUDGES = ("blind8",)

from generator.agencies import tokens  # noqa: E402
from generator.link.extract_tasks import _sentences, _verb  # noqa: E402
from generator.load import load_document  # noqa: E402
from generator.outline import blocks  # noqa: E402
from generator.text import canonical  # noqa: E402

# Head words of an agency's name (folded, lower case), longest first.
_HEADS = sorted({tuple(h.split()) for h in (
    "so", "ban", "bo", "ubnd", "uy ban", "cong an", "cuc", "chi cuc", "tong cuc", "trung tam",
    "van phong", "tinh uy", "huyen uy", "thanh uy", "quan uy", "thi uy", "dang uy", "hdnd",
    "hoi dong", "thanh tra", "kho bac", "ngan hang", "bao hiem", "dai", "bao", "lien doan",
    "hoi", "doan", "mat tran", "mttq", "bch", "bo chi huy", "vien", "benh vien", "tap doan",
    "tong cong ty", "cong ty", "chinh phu", "thu tuong", "quoc hoi", "cac", "cap uy",
    "chu dau tu", "toa an", "vien kiem sat", "cuc thue", "hoi nong dan", "hoi lien hiep",
    "truong", "phong", "nhnn", "canh sat", "bo doi", "lien minh", "thuong truc", "ubmttq",
    "to cong tac", "doan thanh nien", "chi nhanh", "quy", "hoc vien", "dai hoc", "cang vu",
    "tung", "moi", "dia phuong", "co quan", "don vi", "nganh", "nha truong", "quan huyen",
    "luc luong", "to chuc")},
    key=len, reverse=True)
_CUES = sorted({tuple(c.split()) for c in (
    "giao", "yeu cau", "de nghi", "chi dao", "co trach nhiem", "chu tri", "phan cong",
    "kien nghi", "thong nhat giao", "duoc giao", "chi thi", "dong y", "de xuat", "giao cho",
    "nhiem vu", "can", "phai", "khan truong", "tiep tuc", "to chuc", "trach nhiem")},
    key=len, reverse=True)
_PAST = {"da", "vua", "qua"}
# heads that start a name in lower case too (collectives, kinds of body)
_LOWER_OK = {("cac",), ("tung",), ("moi",), ("cap", "uy"), ("dia", "phuong"), ("co", "quan"),
             ("don", "vi"), ("nganh",), ("chu", "dau", "tu"), ("nha", "truong"), ("quan", "huyen"),
             ("luc", "luong"), ("to", "chuc")}
# a name stops after these: the command or cue that follows its subject
_STOP_AFTER = {"yeu", "de", "giao", "chi", "phai", "can", "khan", "tiep", "chu", "phoi", "co",
               "da", "se", "vua", "tap", "thuc", "bao", "tham", "kiem", "xay", "to", "huong",
               "trien", "nghien", "ra", "gui", "lam", "cu", "tang"}
# a plural's head for the items listed after it: "các bộ: Công an, GTVT" → Bộ Công an
_PLURAL_HEADS = {"so": "Sở", "bo": "Bộ", "ban": "Ban", "cuc": "Cục", "tinh": "UBND tỉnh",
                 "huyen": "UBND huyện"}
_FUNCTION = {"va", "cac", "cua", "tinh", "huyen", "thanh", "pho", "xa", "thi", "quan", "tp"}


@dataclass
class Cand:
    name: str
    slug: str | None
    sent: str           # the sentence: the task's text
    feats: list
    key: tuple          # (text, sentence index, start token): one mention, several spans
    label: bool = False


def _caps(text: str, tok) -> bool:
    ch = text[tok.start:tok.start + 1]
    return ch.isupper()


def _at(toks, i: int, phrase: tuple) -> bool:
    return tuple(t.word for t in toks[i:i + len(phrase)]) == phrase


def _head_at(toks, i: int) -> tuple | None:
    return next((h for h in _HEADS if _at(toks, i, h)), None)


def _cue_before(toks, i: int):
    """The nearest directive cue before token i in the clause: (cue, distance) or None."""
    for k in range(i - 1, max(-1, i - 25), -1):
        if toks[k + 1].hard_before and k + 1 <= i - 1:
            break
        for c in _CUES:
            if _at(toks, k, c) and k + len(c) <= i:
                return " ".join(c), i - (k + len(c))
    return None


def _bucket(n: int) -> str:
    return str(n) if n < 3 else "3-5" if n < 6 else "6-10" if n < 11 else "11+"


def _ends(text: str, toks, i: int, limit: int = 14) -> list[int]:
    """Token indices a name starting at i may end before (exclusive)."""
    out = []
    n = len(toks)
    for e in range(i + 1, min(n, i + limit) + 1):
        if e < n and toks[e].hard_before:
            out.append(e)
            break
        if e == n:
            out.append(e)
            break
        t = toks[e]
        low = canonical(text[t.start:t.end])
        natural = t.comma_before or t.word in ("va", "cung", "phoi", "chu", "co", "tai", "ve",
                                               "theo", "de", "trong", "khan", "tiep") or \
            _verb(low, canonical(text[toks[e + 1].start:toks[e + 1].end]) if e + 1 < n else "") \
            or (_caps(text, toks[e - 1]) and not _caps(text, t)) or \
            (not _caps(text, toks[e - 1]) and _caps(text, t) and e - i > 1)
        if natural:
            out.append(e)
        if e - i >= 1 and t.word in _STOP_AFTER and not _caps(text, t):
            break   # a lower-case command word ends every name
        if t.comma_before and not (toks[e].word in ("ban", "nganh", "thi", "thanh", "doan",
                                                    "don", "co", "dia", "huyen", "quan", "xa",
                                                    "phuong", "hoi", "the", "to", "cap", "so")
                                   and not _caps(text, t)):
            break   # a comma ends a name unless a collective's next kind follows in lower case
    return out


def candidates(name: str, body: str, first_line: int, ex) -> list[Cand]:
    parser = ex.parser
    out: list[Cand] = []
    blist = blocks(body, first_line)
    nblocks = len(blist)
    sidx = 0
    for b, block in enumerate(blist):
        sents = _sentences(block.text)
        for s, (sent, sep) in enumerate(sents):
            sidx += 1
            toks = list(tokens(sent))
            n = len(toks)
            if not n:
                continue
            own: dict[tuple[int, str], bool] = {}
            for i in range(n):
                if not (_caps(sent, toks[i]) or toks[i].word in ("cac", "cap", "toan")):
                    continue
                j, parties = parser.agency_list(sent, toks, i, lower=True)
                for p in parties:
                    own[(p.start if p.start >= 0 else i, p.name)] = p.slug is not None
            spans: dict[tuple[int, str], tuple[int, int, str | None, bool]] = {}
            for (start, pname), _ in own.items():
                # the parser's name with its start; the end is found by length
                spans[(start, pname)] = (start, -1, None, True)
            last_head = plural = None
            for i in range(n):
                colon = i and ":" in sent[toks[i - 1].end:toks[i].start]
                if toks[i].hard_before and not colon:
                    last_head = plural = None
                listed = toks[i].comma_before or colon or (i and toks[i - 1].word in ("va", "gom"))
                if plural and listed and _caps(sent, toks[i]):
                    # "các bộ: Công an, Giao thông vận tải" → Bộ Công an, Bộ Giao thông vận tải
                    for e in _ends(sent, toks, i):
                        span = f"{plural} {sent[toks[i].start:toks[e - 1].end]}"
                        spans.setdefault((i, span), (i, e, "plural", False))
                head = _head_at(toks, i)
                if head is not None and not _caps(sent, toks[i]) and head not in _LOWER_OK \
                        and not (i and toks[i - 1].word in ("cac", "tung", "moi")):
                    head = None
                if head is not None:
                    if _caps(sent, toks[i]) and head not in _LOWER_OK:
                        last_head = sent[toks[i].start:toks[i + len(head) - 1].end]
                    if head in (("cac",), ("tung",)) and i + 1 < n and \
                            toks[i + 1].word in _PLURAL_HEADS:
                        last_head = plural = _PLURAL_HEADS[toks[i + 1].word]
                    for e in _ends(sent, toks, i + len(head) - 1):
                        if e <= i + len(head) - 1 and head != ("cac",):
                            continue
                        span = sent[toks[i].start:toks[e - 1].end]
                        spans.setdefault((i, span), (i, e, None, False))
                elif last_head and listed and _caps(sent, toks[i]):
                    for e in _ends(sent, toks, i):
                        span = f"{last_head} {sent[toks[i].start:toks[e - 1].end]}"
                        spans.setdefault((i, span), (i, e, "carried", False))
                elif (toks[i].comma_before or (i and toks[i - 1].word == "va")) and \
                        not _caps(sent, toks[i]) and i and any(
                            toks[k].word in ("cac", "tung") for k in range(max(0, i - 8), i)):
                    # a lower-case item of a collective's list: "các bộ, cơ quan trung ương và
                    # địa phương" → "cơ quan trung ương", "địa phương"
                    for e in _ends(sent, toks, i, limit=6):
                        span = sent[toks[i].start:toks[e - 1].end]
                        spans.setdefault((i, span), (i, e, "item", False))
            for (start, span), (i, e, how, parsed) in spans.items():
                if e < 0:   # the parser's: find its end by the name's words
                    e = i + max(1, len(tokens(span)))
                    e = min(e, n)
                feats = _features(sent, toks, i, e, span, how, parsed or (i, span) in own,
                                  b, nblocks, s, len(sents), block, sidx)
                slug = ex.matcher.resolve(span)
                if slug:
                    feats.append("vocab")
                out.append(Cand(span.strip(" ,;:."), slug, sent, feats, (name, sidx, i)))
    return out


def _features(sent, toks, i, e, span, how, parsed, b, nblocks, s, nsents, block, sidx):
    n = len(toks)
    w = [t.word for t in toks]
    f = ["bias", f"h:{w[i]}", f"h2:{' '.join(w[i:i + 2])}", f"len:{_bucket(e - i)}",
         f"lw:{w[e - 1]}", f"cap:{_caps(sent, toks[i])}"]
    if how:
        f.append(how)
    if parsed:
        f.append("parsed")
    f.append(f"pv:{w[i - 1] if i else '^'}")
    f.append(f"pv2:{' '.join(w[max(0, i - 2):i]) if i else '^'}")
    f.append(f"nx:{w[e] if e < n else '$'}")
    f.append(f"nx2:{' '.join(w[e:e + 2]) if e < n else '$'}")
    if e < n:
        if toks[e].hard_before:
            f.append("nx:hard")
        elif toks[e].comma_before:
            f.append("nx:comma")
        nxt = canonical(sent[toks[e + 1].start:toks[e + 1].end]) if e + 1 < n else ""
        if _verb(canonical(sent[toks[e].start:toks[e].end]), nxt):
            f.append("verb_after")
        if not _caps(sent, toks[e]):
            f.append("nx:lower")
    if i and toks[i].comma_before:
        f.append("after_comma")
    if i == 0 or toks[i].hard_before:
        f.append("clause_start")
    cue = _cue_before(toks, i)
    if cue:
        f.extend([f"cue:{cue[0]}", f"cued:{_bucket(cue[1])}", f"cue_d:{cue[0]}:{_bucket(cue[1])}"])
    else:
        f.append("no_cue")
    window = w[max(0, i - 7):i]
    if "phoi" in window and "hop" in window:
        f.append("coop_before")
    if any(x in _PAST for x in w[max(0, i - 4):i]):
        f.append("past_before")
    if any(x in ("da", "vua") for x in w[e:e + 3]):
        f.append("past_after")
    if "se" in w[e:e + 3]:
        f.append("will_after")
    if any(x in ("bao", "ket") for x in w[max(0, i - 3):i]):
        f.append("report_before")
    f.append(f"caps:{sum(_caps(sent, t) for t in toks[i:e]) * 2 >= (e - i)}")
    f.append(f"block:{_bucket(b)}")
    f.append(f"blockend:{'last' if b == nblocks - 1 else 'first' if b == 0 else 'mid'}")
    f.append(f"sent:{_bucket(s)}")
    if block.heading:
        f.append("heading")
    if block.point:
        f.append("point")
    if not block.text.rstrip().endswith((".", ":", ";", "!", "?")):
        f.append("no_stop")
    if sent.rstrip().endswith(":"):
        f.append("colon_end")
    if re.search(r"(?i)thông báo (?:để|cho)|biết,? (?:thực hiện|phối hợp)", sent):
        f.append("closing")
    if cue and "verb_after" in f:
        f.append("cue+verb")
    if "clause_start" in f and "verb_after" in f:
        f.append("start+verb")
    return f


# ---------------------------------------------------------------------------- the model

def train(rows, epochs: int = 4, rate: float = 0.1, l2: float = 1e-5) -> dict[str, float]:
    """Logistic regression by stochastic gradient descent over the rows in their own order
    (deterministic: the same rows give the same weights, bit for bit); a positive counts as
    many negatives as there are negatives per positive (at most ten), so both classes weigh."""
    index: dict[str, int] = {}
    coded = [([index.setdefault(x, len(index)) for x in feats], y) for feats, y in rows]
    w = [0.0] * len(index)
    pos = sum(1 for _, y in rows if y) or 1
    weight = min(10.0, (len(rows) - pos) / pos)
    for epoch in range(epochs):
        step = rate / (1 + epoch)
        shrink = 1 - step * l2
        for idx, y in coded:
            z = 0.0
            for i in idx:
                z += w[i]
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
            g = step * ((p - 1.0) * weight if y else p)
            for i in idx:
                w[i] = w[i] * shrink - g
    return {x: round(w[i], 6) for x, i in index.items() if w[i]}


def prob(w, feats) -> float:
    z = sum(w.get(x, 0.0) for x in feats)
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


# ---------------------------------------------------------------------------- scoring

def _matches(gold_lead: str, lead: str, slug, matcher) -> bool:
    return task_eval._same_lead(gold_lead, SimpleNamespace(lead=lead, lead_slug=slug), matcher)


def score(predicted: dict, golds: dict, matcher) -> tuple[int, int, int]:
    """(predicted, labelled, matched) by task_eval.score's greedy rule."""
    npred = nlab = nmat = 0
    for name, gold in golds.items():
        pred = predicted.get(name, [])
        npred += len(pred)
        nlab += len(gold or [])
        free = list(pred)
        for label in gold or []:
            hit = next((p for p in free if _matches(label["lead"], p.lead, p.lead_slug, matcher)
                        and task_eval._norm(label["action"]) in task_eval._norm(p.text)), None)
            if hit is not None:
                free.remove(hit)
                nmat += 1
    return npred, nlab, nmat


def load_set(data: Path, ex):
    golds = task_eval.labels(data)
    cands: list[Cand] = []
    rules: dict[str, list] = {}
    for name, gold in golds.items():
        doc = load_document(task_eval._path(name, data), task_eval.ROOT)
        date = doc.data.get("date") if doc.data else None
        rules[name] = ex.extract(doc.body, doc.body_line,
                                 date if isinstance(date, dt.date) else None)
        mine = candidates(name, doc.body, doc.body_line, ex)
        for c in mine:
            c.label = any(_matches(g["lead"], c.name, c.slug, ex.matcher) and
                          task_eval._norm(g["action"]) in task_eval._norm(c.sent)
                          for g in gold or [])
        cands.extend(mine)
    return golds, cands, rules


def stack(data: dict, matcher) -> None:
    """Give each candidate the rules' verdict as a feature: did the rules make a task of this
    lead from this sentence? (the model then learns when to add to or overrule them)"""
    for golds, cands, rules in data.values():
        for c in cands:
            mine = SimpleNamespace(lead=c.name, lead_slug=c.slug, text=c.sent)
            found = any(_same_task(mine, r, matcher) for r in rules.get(c.key[0], []))
            c.feats = [x for x in c.feats if not x.startswith("rules:")] + \
                [f"rules:{found}"]


def ceiling(golds, cands, matcher) -> int:
    by_text: dict[str, list[Cand]] = {}
    for c in cands:
        by_text.setdefault(c.key[0], []).append(c)
    found = 0
    for name, gold in golds.items():
        for g in gold or []:
            act = task_eval._norm(g["action"])
            if any(act in task_eval._norm(c.sent) and _matches(g["lead"], c.name, c.slug, matcher)
                   for c in by_text.get(name, [])):
                found += 1
    return found


def model_tasks(cands, w, threshold):
    """One task per mention (its best span) and per lead in a sentence, when p ≥ threshold."""
    best: dict[tuple, tuple[float, Cand]] = {}
    for c in cands:
        p = prob(w, c.feats)
        if c.key not in best or p > best[c.key][0]:
            best[c.key] = (p, c)
    out: dict[str, list] = {}
    seen = set()
    for key, (p, c) in sorted(best.items(), key=lambda kv: kv[0]):
        lk = (key[0], key[1], task_eval._lead_key(c.name))
        if p < threshold or lk in seen:
            continue
        seen.add(lk)
        out.setdefault(key[0], []).append(SimpleNamespace(lead=c.name, lead_slug=c.slug,
                                                          text=c.sent, p=p, certain=False))
    return out


def _same_task(a, b, matcher) -> bool:
    same_lead = (a.lead_slug is not None and a.lead_slug == b.lead_slug) or \
        task_eval._lead_key(a.lead) == task_eval._lead_key(b.lead)
    na, nb = task_eval._norm(a.text), task_eval._norm(b.text)
    return same_lead and (na in nb or nb in na)


def combined(rules, model, matcher):
    out = {}
    for name in set(rules) | set(model):
        tasks = list(rules.get(name, []))
        for m in model.get(name, []):
            if not any(_same_task(m, r, matcher) for r in tasks):
                tasks.append(m)
        out[name] = tasks
    return out


def where_none(rules, model):
    """The rules' tasks plus the model's in the sentences from which the rules made none."""
    out = {}
    for name in set(rules) | set(model):
        tasks = list(rules.get(name, []))
        covered = [task_eval._norm(r.text) for r in tasks]
        for m in model.get(name, []):
            nm = task_eval._norm(m.text)
            if not any(nm in c or c in nm for c in covered):
                tasks.append(m)
        out[name] = tasks
    return out


def filtered(rules, cands, w, threshold, matcher):
    """The rules' tasks, less those whose lead the model scores below the threshold in the
    task's sentence; a task with no candidate to judge it by is kept."""
    by_text: dict[str, list[Cand]] = {}
    for c in cands:
        by_text.setdefault(c.key[0], []).append(c)
    out = {}
    for name, tasks in rules.items():
        kept = []
        for t in tasks:
            nt = task_eval._norm(t.text)
            ps = [prob(w, c.feats) for c in by_text.get(name, [])
                  if task_eval._norm(c.sent) in nt and _same_task(
                      SimpleNamespace(lead=c.name, lead_slug=c.slug, text=t.text), t, matcher)]
            if not ps or max(ps) >= threshold:
                kept.append(t)
        out[name] = kept
    return out


def _pr(a) -> str:
    pred, lab, mat = a
    p = mat / pred if pred else 1.0
    r = mat / lab if lab else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return f"{p:.2f}/{r:.2f}/{f1:.2f} {mat}/{pred}"


def load_all(ex) -> dict:
    data = {}
    for name, (path, _) in SETS.items():
        if name in JUDGES:
            continue    # labelled after this experiment: it judges it (--judge), never trains it
        data[name] = load_set(path, ex)
        golds, cands, _ = data[name]
        print(f"# {name}: {len(golds)} texts, {len(cands)} candidates, "
              f"{sum(c.label for c in cands)} positive", file=sys.stderr, flush=True)
    return data


def evaluate(data: dict, matcher, thresholds: list[float]) -> None:
    totals = {k: [0, 0, 0] for k in ("rules", "ceil")}
    print(f"{'held out':<9} {'labels':>6} {'ceiling':>8} {'(d) rules':>23} "
          + " ".join(f"{x:>23}" for t in thresholds for x in
                     (f"(a) model {t}", f"(b) +extra {t}", f"(c) filter {t}",
                      f"(e) +where none {t}")))
    for name, (golds, cands, rules) in data.items():
        rows = [(c.feats, c.label) for other, (_, cs, _) in data.items() if other != name
                for c in cs]
        w = train(rows)
        r = score(rules, golds, matcher)
        ceil = ceiling(golds, cands, matcher)
        totals["ceil"][0] += ceil
        totals["ceil"][1] += r[1]
        line = [f"{name:<9} {r[1]:>6} {ceil / r[1] if r[1] else 1:>8.2f} {_pr(r):>23}"]
        for k in range(3):
            totals["rules"][k] += r[k]
        for t in thresholds:
            model = model_tasks(cands, w, t)
            for kind, pred in (("a", model), ("b", combined(rules, model, matcher)),
                               ("c", filtered(rules, cands, w, t, matcher)),
                               ("e", where_none(rules, model))):
                s = score(pred, golds, matcher)
                acc = totals.setdefault((kind, t), [0, 0, 0])
                for k in range(3):
                    acc[k] += s[k]
                line.append(f"{_pr(s):>23}")
        print(" ".join(line), flush=True)
    line = [f"{'micro':<9} {totals['rules'][1]:>6} "
            f"{totals['ceil'][0] / totals['ceil'][1]:>8.2f} {_pr(totals['rules']):>23}"]
    for t in thresholds:
        for kind in "abce":
            line.append(f"{_pr(totals[(kind, t)]):>23}")
    print(" ".join(line))
    print("(P/R/F1 matched/extracted by the scorer's rule; ceiling: share of labels whose lead is among the "
          "candidates of a sentence holding the action)")


def judge(data: dict, path: Path, ex, thresholds: list[float]) -> None:
    """Train (stacked) on all nine sets and score a set gathered later, labelled the same way."""
    new = {"new": load_set(path, ex)}
    stack(data, ex.matcher)
    stack(new, ex.matcher)
    w = train([(c.feats, c.label) for _, cs, _ in data.values() for c in cs])
    golds, cands, rules = new["new"]
    r = score(rules, golds, ex.matcher)
    print(f"{path.name}: {r[1]} labels, ceiling {ceiling(golds, cands, ex.matcher) / r[1]:.2f}, "
          f"(d) rules {_pr(r)}")
    for t in thresholds:
        model = model_tasks(cands, w, t)
        print(f"  threshold {t}: (a) model {_pr(score(model, golds, ex.matcher))}, "
              f"(b) +extra {_pr(score(combined(rules, model, ex.matcher), golds, ex.matcher))}, "
              f"(c) filter {_pr(score(filtered(rules, cands, w, t, ex.matcher), golds, ex.matcher))}, "
              f"(e) +where none {_pr(score(where_none(rules, model), golds, ex.matcher))}")


def main() -> None:
    thresholds = [0.5, 0.3, 0.7, 0.9]
    ex = task_eval.extractor()
    data = load_all(ex)
    if "--judge" in sys.argv:
        judge(data, Path(sys.argv[sys.argv.index("--judge") + 1]), ex, thresholds)
        return
    print("The model on the candidates' own features:")
    evaluate(data, ex.matcher, thresholds)
    stack(data, ex.matcher)
    print("\nStacked: the rules' verdict on each candidate as one more feature:")
    evaluate(data, ex.matcher, thresholds)


if __name__ == "__main__":
    main()
