#!/usr/bin/env python3
# Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later
"""lang_paths.py DVK: one language at a time, through every verb.

Runs the error paths of every verb (and the everyday output of status,
check, report, log and the listings) three times: with DVK_LANG=vi, with
no setting at all, and with DVK_LANG=en.  In Vietnamese, no common English
word may reach the user; in English, no Vietnamese letter.  What the user
typed, file names, quoted values, `commands` and the directive's own text
are not the program's words, so the English run uses a directive written
in English (any Vietnamese there would be dvk's) and the Vietnamese runs
the built-in one; quoted spans and tokens holding path or option signs
are left out of the word check.

Prints every offending line with its command; exits 1 if there is one,
or if an error path did not fail (the test would be empty).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

DVK = os.path.abspath(sys.argv[1])

ENGLISH = set("""
the is are was were be been being not cannot can't no of and or to with from
into for by this that there which what when where has have had does did
must should would could will only than file files folder missing unknown
invalid error warning usage expected needs need found give given line column
failed empty too many written read write open because after before without
please try see use unit's item's none nothing already exists
""".split())

VIETNAMESE = re.compile("[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợ"
                        "ùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE)
QUOTED = re.compile(r"`[^`\n]*`|\"[^\"\n]*\"|“[^”\n]*”|'[^'\n]*'")
NOT_PROSE = re.compile(r"[/\\._=|<>%$@#*+~&0-9\[\]{}-]")

EN_DIRECTIVE = """\
format: dvk-directive/1
id: plan-test
title: A plan written in English
issuer: Test office
sections:
  - id: "1"
    title: Outreach
    text: Outreach work.
    items:
      - id: "1.1"
        text: Hold a meeting.
        evidence:
          - {key: date, label: Meeting date, type: date}
          - {key: participants, label: People present, type: count}
      - id: "1.2"
        text: Put up posters.
"""

# Each: (commands, must_fail).  $D is the directive's folder in the data
# folder, $T the scratch folder; the own unit is xa-a unless unset.
PATHS = [
    # the command line itself
    ("$DVK --bogus", True),
    ("$DVK --lang", True),
    ("$DVK --lang xx status", True),
    ("$DVK nosuchverb", True),
    ("$DVK --review $T/nowhere status", True),
    ("$DVK --data $T/nowhere --directive nosuch status", True),
    ("$DVK < /dev/null", True),
    # check
    ("$DVK check", True),
    ("$DVK check $T/nowhere.yaml", True),
    ("$DVK check $T/syntax.yaml", True),
    ("$DVK check $T/schema.yaml", True),
    ("$DVK check $T/incomplete.dvk.yaml", True),
    ("$DVK check $T/garbage.yaml", True),
    ("$DVK check $T/bad-directive.yaml", True),
    ("$DVK check $D/xa-a.dvk.yaml", False),
    # import
    ("$DVK import", True),
    ("$DVK import $T/nowhere.txt", True),
    ("$DVK import --review $T/nowhere.yaml", True),
    ("$DVK import $T/plan.txt -o $T/syntax.yaml", True),
    # status
    ("env -u DVK_UNIT $DVK status", True),
    ("$DVK status --format bogus", True),
    ("$DVK status $T/syntax.yaml", True),
    ("$DVK status", False),
    ("$DVK status --format csv", False),
    # set
    ("$DVK set", True),
    ("$DVK set 1.1", True),
    ("$DVK set 9.9 status=done", True),
    ("$DVK set 1.1 status=bogus", True),
    ("$DVK set 1.1 status=not-applicable", True),
    ("$DVK set 1.1 bogus=1", True),
    ("$DVK set 1.1 activity.date=2023-02-30", True),
    ("$DVK set 1.1 activity.participants=many", True),
    ("$DVK set 1.1 activity.bogus=1", True),
    ("$DVK set 1.1 status", True),
    ("env -u DVK_UNIT $DVK set 1.1 status=done", True),
    ("$DVK set 1.2 status=in-progress note=x", False),
    # unit
    ("$DVK unit bogus", True),
    ("$DVK unit name", True),
    ("$DVK unit", False),
    # log
    ("$DVK log $T/nowhere.yaml", True),
    ("$DVK log $T/syntax.yaml", True),
    ("$DVK log", False),
    # merge
    ("$DVK merge", True),
    ("$DVK merge $T/syntax.yaml $D/xa-a.dvk.yaml", True),
    ("$DVK merge $D/xa-a.dvk.yaml $D/xa-b.dvk.yaml", True),
    ("$DVK merge -o $T/plan.txt/out.yaml $D/xa-a.dvk.yaml", True),
    # merge-driver
    ("$DVK merge-driver a b", True),
    ("cp $D/xa-a.dvk.yaml $T/ours.yaml; $DVK merge-driver $T/ours.yaml $T/ours.yaml $T/syntax.yaml x.dvk.yaml",
     True),
    # git
    ("$DVK git-setup $T/plan.txt/deeper", True),
    ("$DVK git-resolve", True),
    ("$DVK git-resolve $T/nowhere.yaml", True),
    # sync-setup, fold
    ("$DVK sync-setup $T/plan.txt/deeper", True),
    ("$DVK fold $T/plan.txt", True),
    ("mkdir -p $T/f/${D##*/} && cp $T/syntax.yaml $T/f/${D##*/}/xa-a.sync-conflict-20240104-101010-ABCDEFG.dvk.yaml"
     " && $DVK fold $T/f", True),
    # export, receive, restore
    ("$DVK export $T/plan.txt/deeper", True),
    ("env -u DVK_UNIT $DVK export $T", True),
    ("$DVK receive", True),
    ("$DVK receive $T/nowhere.yaml", True),
    ("$DVK receive $T/syntax.yaml", True),
    ("$DVK restore 99", True),
    ("$DVK restore nosuch.yaml", True),
    ("$DVK restore", False),
    # report
    ("$DVK report $T/nowhere", True),
    ("$DVK report --format bogus", True),
    ("$DVK report --by bogus", True),
    ("$DVK report $T/syntax.yaml $D", True),
    ("$DVK report", False),
    ("$DVK report --format md", False),
    # roster
    ("$DVK roster", True),
    ("$DVK roster bogus", True),
    ("$DVK roster add", True),
    ("$DVK roster import $T/nowhere.csv", True),
    ("$DVK roster import $T/bad.csv", True),
    ("$DVK roster remove nosuch", True),
    ("$DVK roster office bogus=1", True),
    ("$DVK roster add xa-a Test --parent huyen && $DVK roster list && $DVK roster check", False),
    # directive
    ("$DVK directive", True),
    ("$DVK directive bogus", True),
    ("$DVK directive show nosuch", True),
    ("$DVK directive add $T/nowhere.yaml", True),
    ("$DVK directive add $T/bad-directive.yaml", True),
    ("$DVK directive diff a", True),
    ("$DVK directive list && $DVK directive show", False),
    # review
    ("$DVK review", True),
    ("$DVK review xa-a 1.1 bogus", True),
    ("$DVK review xa-a 9.9 approved", True),
    ("$DVK review nosuch 1.1 approved", True),
    # diff
    ("$DVK diff $D/xa-a.dvk.yaml", True),
    ("$DVK diff $D/xa-a.dvk.yaml $D/xa-b.dvk.yaml", True),
    ("$DVK diff $T/syntax.yaml $D/xa-a.dvk.yaml", True),
]


# Commands whose English run is not checked yet (none: keep it so).
PENDING_EN = []


def run(cmd, env, cwd):
    p = subprocess.run(["sh", "-c", cmd], env=env, cwd=cwd, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, timeout=60)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def english_words(line):
    line = QUOTED.sub(" ", line)
    found = []
    for tok in line.split():
        tok = tok.strip("()[]{},.:;!?«»…")
        if not tok or NOT_PROSE.search(tok) or tok.isupper():
            continue
        if tok.lower() in ENGLISH:
            found.append(tok)
    return found


def setup(lang):
    t = tempfile.mkdtemp(prefix="dvk-lang-")
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("LC_", "DVK_")) and k not in ("LANG", "LANGUAGE")}
    env.update(HOME=t, XDG_CONFIG_HOME=t + "/config", XDG_STATE_HOME=t + "/state",
               DVK_DATA=t + "/data", DVK_USER="An", DVK_UNIT="xa-a", DVK=DVK, T=t,
               TZ="UTC", GIT_CONFIG_NOSYSTEM="1")
    if lang:
        env["DVK_LANG"] = lang
    os.makedirs(t + "/data")
    if lang == "en":
        with open(t + "/plan.yaml", "w") as f:
            f.write(EN_DIRECTIVE)
        ok = run("$DVK directive add $T/plan.yaml", env, t)
        assert ok[0] == 0, ok
        env["D"] = t + "/data/plan-test"
    else:
        env["D"] = t + "/data/thanh-hoa-dvk-2023"
    for cmd in ("$DVK set 1.1 status=done note=x",
                "DVK_UNIT=xa-b $DVK set 1.1 status=in-progress"):
        rc, out = run(cmd, env, t)
        assert rc == 0, (cmd, out)
    files = {
        "syntax.yaml": "format: dvk-state/2\nunit: [xa-a\nlog:\n",
        "schema.yaml": "format: dvk-state/2\ndirective: plan-test\nunit: xa-a\nlog: 5\nevents: 0\n",
        "garbage.yaml": "\x01\x02\xff binary\n",
        "bad-directive.yaml": "format: dvk-directive/1\nid: x\ntitle: T\nsections:\n  - id: \"1\"\n"
                              "    title: S\n    items:\n      - id: \"1.1\"\n        colour: red\n",
        "bad.csv": "a;b\n1;2\n",
        "plan.txt": "KẾ HOẠCH\n1. Tổ chức hội nghị.\n",
    }
    for name, text in files.items():
        with open(os.path.join(t, name), "w", encoding="utf-8", errors="surrogateescape") as f:
            f.write(text)
    with open(env["D"] + "/xa-a.dvk.yaml") as f:
        lines = f.read().splitlines(True)
    with open(t + "/incomplete.dvk.yaml", "w") as f:
        f.writelines(lines[:-1])
    return t, env


def main():
    bad = 0
    for lang in ("vi", None, "en"):
        t, env = setup(lang)
        name = lang or "(nothing set)"
        own = 0  # lines in the language asked for: the runs said something
        try:
            for cmd, must_fail in PATHS:
                rc, out = run(cmd, env, t)
                own += sum(1 for line in out.splitlines()
                           if (english_words(line) if lang == "en" else VIETNAMESE.search(line)))
                if must_fail and rc == 0:
                    print("%s: did not fail: %s\n%s" % (name, cmd, out))
                    bad += 1
                if not out.strip():
                    print("%s: said nothing: %s" % (name, cmd))
                    bad += 1
                for line in out.replace(t, "$T").splitlines():
                    if lang == "en" and any(cmd.startswith(p) for p in PENDING_EN):
                        continue
                    if lang == "en":
                        wrong = VIETNAMESE.findall(QUOTED.sub(" ", line))
                    else:
                        wrong = english_words(line)
                    if wrong:
                        print("%s: %s\n    %s\n    (%s)" % (name, cmd, line, " ".join(wrong)))
                        bad += 1
        finally:
            shutil.rmtree(t, ignore_errors=True)
        if own < len(PATHS):
            print("%s: only %d lines in that language from %d commands" % (name, own, len(PATHS)))
            bad += 1
    print("lang_paths: %d commands x 3 languages, %d problems" % (len(PATHS), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
