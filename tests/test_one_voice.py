"""One voice: each settled answer (notes/session-brief.md, "One voice") is stated the same way everywhere.

Every test reads every guide (docs/**/*.md), every checklist (checklists/*.yml) and every message template
(checklists/shared/messages.yml, channels.yml) and fails on a phrasing that gives a different answer, naming the
file and line. The settled answers:

- thank-you after a conversation: within one working day (a late one without an apology);
- no reply: one reminder after one week, ideally a smaller question, then stop and try someone else;
- weekly time for networking: one to two hours a week;
- length of call to ask for: 20 minutes;
- reconnecting after a silence: no apology paragraph;
- outreach never says "I am not asking about jobs";
- the PhD supervisor is the "supervisor" (a page may add "(advisor in North America)" once).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Line:
    path: str
    number: int
    text: str
    # The line with the next one appended, so a phrase wrapped across two lines of Markdown or YAML is still seen.
    joined: str


def read_lines() -> list[Line]:
    paths = sorted((ROOT / "docs").rglob("*.md")) + sorted((ROOT / "checklists").glob("*.yml"))
    paths += [ROOT / "checklists" / "shared" / "messages.yml", ROOT / "checklists" / "shared" / "channels.yml"]
    lines: list[Line] = []
    for path in paths:
        raw = path.read_text(encoding="utf-8").splitlines()
        rel = str(path.relative_to(ROOT))
        for index, text in enumerate(raw):
            following = raw[index + 1].strip() if index + 1 < len(raw) else ""
            lines.append(Line(rel, index + 1, text, f"{text.rstrip()} {following}"))
    return lines


LINES = read_lines()


def find(pattern: re.Pattern[str], *, allow: re.Pattern[str] | None = None) -> list[str]:
    """Every line where the pattern starts (on that line, even if it ends on the next), as 'file:line: text'."""
    found = []
    for line in LINES:
        for match in pattern.finditer(line.joined):
            if match.start() >= len(line.text.rstrip()):
                continue  # starts on the next line: reported there
            if allow is not None and allow.search(line.joined[max(0, match.start() - 40) : match.end() + 5]):
                continue
            found.append(f"{line.path}:{line.number}: {line.text.strip()[:160]}")
            break
    return found


def fail_on(found: list[str], answer: str) -> None:
    if found:
        pytest.fail(f"{len(found)} line(s) contradict the settled answer ({answer}):\n" + "\n".join(found))


# A timing other than "within one working day", near the word thank.
OTHER_TIMING = (
    r"(within (a|one|1) week|within (a few|few|several|two|2|three|3|a couple of) (working )?days|a day or two"
    r"|\b[2-5] ?(to|-|–) ?[3-7] days|\b(two|three|four|five|few|several) days later|24 (to|-) ?48 hours"
    r"|within 2 days|after (two|three|2|3) days|right away to|straight away to)"
)
# A follow-up note after meeting someone is the thank-you, so it is held to the same answer.
THANKS = r"(thank|follow[- ]?ups?\b|follow up\b)"
THANK_OTHER_TIMING = re.compile(
    rf"{THANKS}.{{0,140}}?{OTHER_TIMING}|{OTHER_TIMING}.{{0,140}}?{THANKS}", re.IGNORECASE
)


def test_thank_you_within_one_working_day() -> None:
    fail_on(find(THANK_OTHER_TIMING), "a thank-you within one working day")


def thank_items() -> list[tuple[str, str, str]]:
    items = []
    for path in sorted((ROOT / "checklists").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for section in data.get("sections", []):
            for item in section.get("items", []):
                text = item.get("text", "")
                if re.search(r"\bthank", text, re.IGNORECASE) and "when" in item:
                    items.append((path.name, item["id"], item["when"]))
    return items


def test_checklist_thank_you_items_are_timed_within_one_working_day() -> None:
    wrong = [
        f"checklists/{name}: item {item_id!r} has when: {when!r}"
        for name, item_id, when in thank_items()
        if not re.search(r"1 working day|same day|week \d|end of|month", when, re.IGNORECASE)
    ]
    fail_on(wrong, "a thank-you item's `when` is 'Within 1 working day' or 'Same day'")


REMINDER_OTHER = re.compile(
    r"do not chase|don't chase|try once more|(second|another|two|a further) (reminder|nudge|follow-up)s?\b"
    r"|remind(er)?s? twice|follow up (again|twice)|three business days|seven business days|\b3B7\b"
    r"|\b(after|in) (a week or so|about (a|one|1) week|a few days)|top of (your|the) inbox",
    re.IGNORECASE,
)
# "Never more than one reminder" and "a second turns into pressure" state the rule; they do not break it.
REMINDER_ALLOW = re.compile(r"never (send )?more than one|a second turns|no second", re.IGNORECASE)


def test_one_reminder_after_one_week_then_someone_else() -> None:
    fail_on(
        find(REMINDER_OTHER, allow=REMINDER_ALLOW),
        "one short reminder after one week, then stop and try someone else",
    )


WEEKLY_OTHER = re.compile(
    r"\b(\d+|ten|fifteen|twenty|thirty|forty-five)[- ]minutes? (a|per|each|every) week"
    r"|\b([3-9]|1\d|three|four|five|six|eight|ten) hours (a|per|each|every) week",
    re.IGNORECASE,
)


def test_weekly_time_is_one_to_two_hours() -> None:
    fail_on(find(WEEKLY_OTHER), "one to two hours a week for networking")


CALL_OTHER = re.compile(
    r"\b(5|10|15|25|30|45|60|five|ten|fifteen|thirty)[- ]minutes?[- ](call|chat|conversation|video call|phone call"
    r"|coffee)|\b(15|fifteen)[- ]minute slot"
    r"|\b(10|15|25|30|ten|fifteen|thirty) minutes (of your (time|advice)|for (a|the|your) (call|chat|coffee))"
    r"|\b(15|20) to (20|30) minutes",
    re.IGNORECASE,
)


def test_calls_asked_for_are_20_minutes() -> None:
    fail_on(find(CALL_OTHER), "ask for a 20-minute call")


APOLOGY = re.compile(
    r"\b(sorry|apologi[sz]e|apologies|forgive me|taken me so long|been meaning to|been (so )?(bad|terrible|awful|"
    r"useless) at)",
    re.IGNORECASE,
)


def reconnect_texts() -> list[tuple[str, str]]:
    """The message bodies a reader sends to reconnect: templates about silence or keeping in touch, and the
    ```text blocks in the guide on reconnecting."""
    texts = []
    messages = yaml.safe_load((ROOT / "checklists/shared/messages.yml").read_text(encoding="utf-8"))
    for template in messages["templates"]:
        if template["situation"] == "keeping-in-touch" or re.search(r"silence|reconnect", template["id"]):
            texts.append((f"checklists/shared/messages.yml: template {template['id']!r}", template["body"]))
    guide = ROOT / "docs/start/when-its-hard.md"
    for block in re.findall(r"```text\n(.*?)```", guide.read_text(encoding="utf-8"), re.DOTALL):
        texts.append(("docs/start/when-its-hard.md: a ```text block", block))
    return texts


def test_reconnect_messages_do_not_open_with_an_apology() -> None:
    wrong = [
        f"{where}: {match.group(0)!r}"
        for where, body in reconnect_texts()
        if (match := APOLOGY.search(body))
    ]
    fail_on(wrong, "no apology paragraph when reconnecting; at most 'It has been a while'")


def test_guides_do_not_advise_apologising_for_a_silence() -> None:
    advice = re.compile(
        r"(start|open|begin) (it |the message )?with an apology|apologi[sz]e for (the|your) (silence|gap|delay)",
        re.IGNORECASE,
    )
    negated = re.compile(r"(do not|don't|never|no need to|without an?) apolog", re.IGNORECASE)
    fail_on(find(advice, allow=negated), "no apology paragraph when reconnecting")


NOT_ASKING = re.compile(
    r"not (asking|looking|writing) (you )?(about|for) (a |any )?(jobs?|openings?|positions?|vacanc(y|ies)|work)\b",
    re.IGNORECASE,
)
# A page may quote the phrase to tell readers not to use it.
NOT_ASKING_ALLOW = re.compile(r"(do not|don't|never) (write|say|use)[^.]{0,12}\"", re.IGNORECASE)


def test_outreach_never_says_not_asking_about_jobs() -> None:
    fail_on(find(NOT_ASKING, allow=NOT_ASKING_ALLOW), "outreach asks a specific question instead")


ADVISOR = re.compile(r"\badvisors?\b", re.IGNORECASE)
# The one gloss a page may give, search keywords (readers type the word), and a study that used it.
ADVISOR_ALLOW = re.compile(r"\(advisor in N|keywords:|structured plans with their advisors",
                           re.IGNORECASE)


def test_the_supervisor_is_called_supervisor() -> None:
    fail_on(find(ADVISOR, allow=ADVISOR_ALLOW), 'the PhD supervisor is the "supervisor"')


def test_first_30_days_checklist_follows_the_starter_plan() -> None:
    """The checklist is the starter plan's first month: the same weeks, in the same words, and the same weekly time."""
    plan = (ROOT / "docs/start/starter-plan.md").read_text(encoding="utf-8")
    plan_weeks = re.findall(r"^### (Week \d: .+)$", plan, re.MULTILINE)
    checklist = yaml.safe_load((ROOT / "checklists/first-30-days.yml").read_text(encoding="utf-8"))
    checklist_weeks = [section["title"] for section in checklist["sections"]]
    assert checklist_weeks == plan_weeks, (
        "checklists/first-30-days.yml: section titles must be the starter plan's week headings "
        f"(docs/start/starter-plan.md), in order; expected {plan_weeks}, found {checklist_weeks}"
    )
    texts = " ".join(item["text"] for section in checklist["sections"] for item in section["items"])
    assert "one to two hours a week" in texts, (
        "checklists/first-30-days.yml: an item must book 'one to two hours a week', the starter plan's weekly time"
    )
