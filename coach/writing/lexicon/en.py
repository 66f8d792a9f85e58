"""English. The gendered words are the ones the studies in coach/README.md name; the rest follow the rules' aims."""

import re

from . import Lexicon

COPULA = (r"(?:is|was|are|were|am|seems?|seemed|appears?|appeared|can\s+be|could\s+be|has\s+been|have\s+been|"
          r"had\s+been|comes?\s+across\s+as|came\s+across\s+as|tends?\s+to\s+be|gets|got|becomes?|became|remains|"
          r"will\s+be|would\s+be|is\s+not|was\s+not|isn't|wasn't|'s)")
INTENSIFIER = (r"(?:very|really|quite|rather|too|so|a\s+bit|a\s+little|extremely|overly|somewhat|incredibly|always|"
               r"often|sometimes|usually|occasionally|frequently|generally|not|never|more|less|pretty|fairly|super|"
               r"such|an?|seen\s+as|perceived\s+as|known\s+as|considered|at\s+times|kind\s+of|sort\s+of)")

# Capitalised words before "is" that are not a person's name.
NOT_A_NAME = (r"(?:This|That|It|There|The|These|Those|What|Which|Here|One|Each|Everything|Nothing|We|Our|Its|His|"
              r"Her|Their|My|Your)")

LEXICON = Lexicon(
    code="en",
    min_words=12,
    absolute=("always", "never", "every time", "every single time", "each and every time", "all the time",
              "constantly", "invariably", "not once", "never once", "never ever", "without exception",
              "at all times", "24/7"),
    personality=(
        "rude", "stubborn", "immature", "moody", "grumpy", "unfriendly", "unpleasant", "annoying", "insecure",
        "timid", "introverted", "introvert", "extroverted", "extrovert", "naive", "naïve", "condescending",
        "patronising", "patronizing", "obnoxious", "egotistical", "egocentric", "narcissistic", "self-centered",
        "self-centred", "toxic", "whiny", "passive-aggressive", "hot-headed", "hotheaded", "short-tempered",
        "thin-skinned", "know-it-all", "control freak", "charismatic", "humble", "easygoing", "easy-going",
        "laid-back", "good-natured", "kind-hearted", "genius", "personality", "people person", "born leader",
        "natural leader", "good person", "great person", "lovely person", "bad attitude", "poor attitude",
        "negative attitude", "attitude problem", "great attitude", "good attitude", "positive attitude",
        "excellent attitude", "superb attitude", "fantastic attitude", "terrible attitude", "can-do attitude",
        "a pleasure to work with", "a joy to work with", "a delight to work with",
        "hard to work with", "difficult to work with", "easy to work with",
    ),
    personality_of_person=(
        "lazy", "difficult", "negative", "cold", "smart", "intelligent", "brilliant", "talented", "gifted", "kind",
        "friendly", "pleasant", "passionate", "sensitive", "oversensitive", "defensive", "shy", "quiet", "loud",
        "intense", "dramatic", "weird", "odd", "lovely", "careless", "sloppy", "unmotivated", "motivated",
        "driven", "negative person",
    ),
    gendered=(
        # Snyder 2014: abrasive, bossy, strident, shrill, emotional, irrational in women's reviews only.
        "abrasive", "bossy", "strident", "shrill", "irrational", "hysterical",
        # Textio 2022: opinionated (28 % of women, 4 % of men), abrasive (22 %, 2 %), overachiever (twice as often).
        "opinionated", "overachiever", "over-achiever",
        # Smith et al. 2018: women's negative words, men's positive and negative words.
        "frivolous", "excitable", "temperamental", "panicky", "inept", "selfish", "indecisive", "level-headed",
        "arrogant", "irresponsible", "compassionate",
        # Stereotyped words about women named across these studies.
        "feisty", "bubbly", "sassy", "catty", "ditzy", "high-maintenance", "drama queen", "ice queen", "nurturing",
        "motherly", "mother hen",
    ),
    gendered_of_person=(
        # Snyder 2014 (aggressive, emotional); Textio 2022 (nice, collaborative for women; confident, ambitious
        # for men); Smith et al. 2018 (the rest).
        "aggressive", "emotional", "nice", "sweet", "collaborative", "ambitious", "confident", "analytical",
        "logical", "competent", "dependable", "articulate", "athletic", "versatile", "practical", "enthusiastic",
        "energetic", "organized", "organised", "passive", "vain", "scattered", "complacent",
    ),
    vague=(
        "great job", "good job", "nice job", "fantastic job", "amazing job", "excellent job", "great work",
        "good work", "nice work", "excellent work", "amazing work", "fantastic work", "outstanding work",
        "solid work", "well done", "did well", "does well", "doing well", "did great", "doing great",
        "great performance", "good performance", "strong performance", "solid performance", "poor performance",
        "weak performance", "great year", "good year", "strong year", "solid year", "great contributor",
        "strong contributor", "valuable member", "valuable asset", "great asset", "an asset", "team player",
        "rockstar", "rock star", "superstar", "top performer", "high performer", "hard worker", "works hard",
        "hard-working", "hardworking", "keep it up", "keep up the good work", "exceeds expectations",
        "exceeded expectations", "above expectations", "meets expectations", "met expectations",
        "below expectations", "needs to improve", "needs improvement", "need to improve", "room for improvement",
        "could do better", "could be better", "can do better", "not good enough", "underperforming",
        "underperformed", "disappointing", "unsatisfactory", "mediocre", "subpar", "more proactive",
        "take more ownership", "more ownership", "step up", "improve communication", "communication skills",
        "lacks initiative", "lack of initiative", "more initiative", "great", "excellent", "amazing", "awesome",
        "fantastic", "outstanding", "terrific", "superb", "wonderful", "impressive", "stellar", "good",
    ),
    evidence=(
        re.compile(r"\d"),
        re.compile(r"\bby\s+[a-z]+ing\b", re.IGNORECASE),
        re.compile(r"(?-i:\b(?:January|February|March|April|May|June|July|August|September|October|November|"
                   r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"),
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "twenty", "dozen*",
        "hundred*", "thousand*", "twice", "half", "percent", "per cent",
        "for example", "for instance", "e.g", "e. g", "such as", "like when", "when", "whenever", "because",
        "which meant", "which led", "as a result", "resulting in", "led to", "after", "before",
        "during", "while", "thanks to", "specifically", "in particular", "instead of", "the time",
        "yesterday", "last week", "last month", "last quarter", "last year", "last sprint", "last release",
        "this week", "this month", "this quarter", "this sprint", "earlier this year",
        "incident*", "outage*", "release", "releases", "demo", "demos", "migration*", "rollout*", "roll-out*",
        "presentation*", "workshop*", "interview*", "code review*", "pull request*", "design review*",
        "post-mortem*", "postmortem*", "retro", "retrospective*", "on-call", "escalation*", "deadline*",
        "shipped", "ships", "launched", "launches", "delivered", "delivers", "led", "leads", "built", "builds",
        "wrote", "writes", "rewrote", "fixed", "fixes", "reduced", "reduces", "increased", "cut", "presented",
        "presents", "mentored", "mentors", "coached", "organised", "organized", "resolved", "resolves", "closed",
        "migrated", "designed", "redesigned", "negotiated", "onboarded", "trained", "automated", "handled",
        "drove", "ran", "runs", "documented", "reviewed", "reviews", "prepared", "released", "completed",
        "finished", "missed", "misses", "skipped", "skips", "interrupted", "interrupts", "dismissed", "ignored",
        "ignores", "escalated", "answered", "answers", "replied", "refactored", "tested", "deployed", "proposed",
        "suggested", "found", "spotted", "caught", "analysed", "analyzed", "hired", "interviewed", "taught",
        "introduced", "set up", "cleaned up", "took over", "stepped in", "unblocked", "paired", "debugged",
        "investigated", "measured", "published", "sold", "signed", "won", "lost", "pushed back", "forgot",
        "forgets", "postponed", "delayed", "arrived", "arrives", "spoke", "explained", "shared", "sent",
        "facilitated", "chaired", "scoped", "estimated", "planned", "prioritised", "prioritized", "rolled out",
        "raised", "volunteered", "rebuilt", "streamlined", "replaced", "removed", "added", "cancelled",
        "canceled", "declined", "refused", "blamed", "shouted", "yelled", "talked over",
    ),
    positive=(
        "excellent", "outstanding", "exceptional", "great", "amazing", "superb", "brilliant", "fantastic",
        "terrific", "impressive", "stellar", "remarkable", "tremendous", "wonderful", "awesome", "best",
        "strongest", "exceeded", "exceeds", "excelled", "excels", "superstar", "rockstar", "flawless", "perfect",
        "perfectly", "above and beyond", "well done", "success", "successful", "successfully", "praised",
        "delighted", "good", "strong", "solid", "reliable", "helpful", "valuable", "role model",
    ),
    negative=(
        "poor", "poorly", "weak", "bad", "badly", "terrible", "awful", "disappointing", "disappointed",
        "unacceptable", "failed", "fails", "failing", "failure", "insufficient", "inadequate", "lacking", "lacks",
        "struggled", "struggles", "struggling", "sloppy", "careless", "unreliable", "underperformed",
        "underperforming", "mediocre", "subpar", "worse", "worst", "missed", "late", "errors", "mistakes",
        "complaints", "below expectations", "not good enough", "did not deliver", "didn't deliver", "problematic",
        "unprofessional", "frustrating", "concerning", "worrying",
    ),
    negator=(r"\b(?:not|no|never|hardly|barely|nor|without|isn't|wasn't|aren't|weren't|don't|doesn't|didn't|"
             r"can't|cannot|couldn't|won't|wouldn't|haven't|hasn't|hadn't)(?:\s+[\w'-]+){0,2}\s+$"),
    person_lead=(rf"(?:\b(?:he|she|they|you|i|who)\s+{COPULA}|\b(?:he's|she's|they're|you're|i'm)|"
                 rf"(?-i:\b(?!{NOT_A_NAME}\b)[A-Z][a-z]+)\s+{COPULA}|\bbeing)(?:\s+{INTENSIFIER})*\s+$"),
    person_after=(r"^\s+(?:person|people|guy|girl|woman|man|lady|colleague|co-?worker|teammate|team\s+member|"
                  r"manager|leader|lead|engineer|developer|designer|employee|individual|character|type|kid)\b"),
)
