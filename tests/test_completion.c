/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_completion.c: bash completion (completion/dvk) as a person meets it
 * at the Tab key, run through the system's bash-completion by
 * tests/complete.sh: verbs, options and the values they take, item ids and
 * the fields of an item of whichever directive is in use, unit ids of the
 * data folder, state files.  And the other way round: every option the
 * completion offers is one dvk accepts, and the man pages (English and
 * Vietnamese) name every verb and option.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "tests/helpers/sim.h"

/* What Tab offers after "dvk LINE", run in folder dir (NULL: a fresh
 * one), one word a line, sorted (caller frees). */
static char *complete_in(const char *dir, const char *line)
{
	char *tmp = dir ? NULL : sim_tmpdir(), *out;

	cr_assert_eq(sim_run(&out, "cd '%s' && bash \"$DVK_SRC/tests/complete.sh\" \"$DVK_BIN\" '%s' 2>&1",
			     dir ? dir : tmp, line),
		     0, "complete.sh failed on \"%s\"", line);
	free(tmp);
	return out;
}

static void expect_complete(const char *dir, const char *line, const char *want)
{
	char *got = complete_in(dir, line);

	cr_expect_str_eq(got, want, "dvk %s<Tab>", line);
	free(got);
}

/* The lines of what the program prints for `dvk --completion-helper ARGS`
 * (caller frees). */
static char *helper(const char *args)
{
	char *out;

	cr_assert_eq(sim_run(&out, "\"$DVK_BIN\" --completion-helper %s", args), 0, "helper %s", args);
	return out;
}

Test(completion, verbs)
{
	char *verbs = helper(""), *sorted, *got;

	expect_complete(NULL, "se", "set\n");
	expect_complete(NULL, "re", "receive\nreport\nrestore\nreview\n");
	expect_complete(NULL, "help rev", "review\n");
	/* every verb the program has, and only those */
	cr_assert_eq(sim_run(&sorted, "\"$DVK_BIN\" --completion-helper | sort"), 0);
	got = complete_in(NULL, "");
	cr_expect_str_eq(got, sorted);
	cr_expect(strstr(verbs, "status\n") && strstr(verbs, "merge\n") && strstr(verbs, "help\n"), "%s", verbs);
	free(got);
	free(sorted);
	free(verbs);
}

Test(completion, options_and_their_values)
{
	expect_complete(NULL, "--la", "--lang\n");
	expect_complete(NULL, "--lang ", "en\nvi\n");
	expect_complete(NULL, "merge --o", "--output\n");
	expect_complete(NULL, "status --format ", "csv\ntext\n");
	expect_complete(NULL, "status --format=c", "csv\n");
	/* common options after the verb too, but not the reviewer view */
	expect_complete(NULL, "status --da", "--data\n");
	expect_complete(NULL, "status --rev", "");
	expect_complete(NULL, "--rev", "--review\n");
}

/* The values of --format are those of the verb's usage line, whatever
 * they are now. */
Test(completion, format_values_follow_the_usage_line)
{
	char *usage, *want;

	cr_assert_eq(sim_run(&usage, "\"$DVK_BIN\" --completion-helper report | sed -n "
			     "'s/.*--format \\([a-z|]*\\).*/\\1/p' | tr '|' '\\n' | sort"), 0);
	cr_assert(strstr(usage, "json\n"), "%s", usage);
	want = usage;
	expect_complete(NULL, "report --format ", want);
	free(usage);
}

Test(completion, item_ids_and_fields_of_the_directive_in_use)
{
	char *dir = sim_tmpdir(), *got;

	expect_complete(NULL, "set 1.", "1.1\n1.2\n1.3\n1.4\n");
	expect_complete(NULL, "set 1.1 status=d", "done\n");
	expect_complete(NULL, "set 1.1 status=", "done\nin-progress\nnot-applicable\ntodo\n");
	got = complete_in(NULL, "set 1.1 ");
	cr_expect(strstr(got, "status=\n") && strstr(got, "note=\n") && strstr(got, "reason=\n") &&
		  strstr(got, "activity.date=\n") && strstr(got, "activity.participants=\n"), "%s", got);
	free(got);
	/* a directive that is not the built-in one, numbered as documents
	 * are (Roman parts, lettered points), given by file */
	cr_assert_eq(sim_run(NULL, "cp \"$DVK_SRC/tests/fixtures/directives/numbered.yaml\" '%s/kh.yaml'", dir), 0);
	expect_complete(dir, "--directive kh.yaml set II.", "II.10\nII.3.a\nII.3.b\nII.9\n");
	expect_complete(dir, "set --directive=kh.yaml I", "I\nI.2\nII.10\nII.3.a\nII.3.b\nII.9\nIX.1\n");
	/* ... or published in the data folder and named by id */
	cr_assert_eq(sim_run(NULL, "cd '%s' && $DVK --data data directive add kh.yaml >/dev/null 2>&1", dir), 0);
	expect_complete(dir, "--data data --directive ke-", "ke-hoach-danh-so\n");
	expect_complete(dir, "--data data --directive ke-hoach-danh-so set 9", "9.a\n");
	expect_complete(dir, "--data data --directive ke-hoach-danh-so log V", "V.1\n");
	free(dir);
}

Test(completion, units_of_the_data_folder)
{
	char *dir = sim_tmpdir();

	cr_assert_eq(sim_run(NULL, "cd '%s' && mkdir -p data/d && : >data/d/xa-a.dvk.yaml && "
			     ": >data/d/xa-b.dvk.yaml && : >data/d/xa-a.sync-conflict-20240104-101010-ABCDEFG.dvk.yaml",
			     dir), 0);
	expect_complete(dir, "--data data review ", "xa-a\nxa-b\n");
	expect_complete(dir, "--data=data --unit xa-", "xa-a\nxa-b\n");
	expect_complete(dir, "--data data unit parent xa-b", "xa-b\n");
	expect_complete(dir, "--data data unit ", "name\nparent\n");
	free(dir);
}

Test(completion, state_files_and_folders)
{
	char *dir = sim_tmpdir();

	cr_assert_eq(sim_run(NULL, "cd '%s' && : >xa-a.dvk.yaml && : >notes.txt && mkdir stick", dir), 0);
	expect_complete(dir, "merge ", "stick\nxa-a.dvk.yaml\n");
	expect_complete(dir, "merge -o out.dvk.yaml x", "xa-a.dvk.yaml\n");
	expect_complete(dir, "export ", "stick\n");
	expect_complete(dir, "diff xa-a.dvk.yaml ", "stick\nxa-a.dvk.yaml\n");
	free(dir);
}

/* Each option offered for each verb is one dvk takes: with it (and a
 * value where it wants one) `--help` still answers 0, where a wrong
 * option would be a usage error (2). */
Test(completion, every_offered_option_is_accepted)
{
	char *out;

	cr_assert_eq(sim_run(&out, "bad=; for v in $(\"$DVK_BIN\" --completion-helper); do "
			     "[ $v = help ] && continue; "
			     "for o in $(\"$DVK_BIN\" --completion-helper $v | grep '^-'); do "
			     "case $o in --*=) a=\"$o\"x ;; -?=) a=\"${o%%=}\"x ;; *) a=$o ;; esac; "
			     "\"$DVK_BIN\" $v $a --help >/dev/null 2>&1 || bad=\"$bad $v:$o\"; "
			     "done; done; echo \"${bad:-ok}\""), 0);
	cr_expect_str_eq(out, "ok\n", "options offered but refused:%s", out);
	free(out);
	/* and the check would see a refused one */
	cr_assert_eq(sim_run(NULL, "\"$DVK_BIN\" status --nope --help >/dev/null 2>&1"), 2);
}

/* dvk(1) in both languages names every verb and every option of each
 * verb (the pages are written by hand: this is what keeps them whole). */
Test(completion, man_pages_name_every_verb_and_option)
{
	static const char *const pages[] = { "man/dvk.1", "man/vi/dvk.1" };

	for (size_t i = 0; i < ARRAY_LEN(pages); i++) {
		char *out;

		cr_assert_eq(sim_run(&out, "cd \"$DVK_SRC\" && m=%s; miss=; "
				     "for v in $(\"$DVK_BIN\" --completion-helper); do "
				     "[ $v = help ] && continue; "
				     "grep -q \"^\\.B dvk $v\\( \\|$\\)\" $m || miss=\"$miss $v\"; "
				     "for o in $(\"$DVK_BIN\" --completion-helper $v | grep '^-' | sed 's/=$//'); do "
				     "e=$(printf '%%s' \"$o\" | sed 's/-/\\\\\\\\-/g'); "
				     "grep -q -e \"$e\\([^a-z-]\\|$\\)\" $m || miss=\"$miss $v:$o\"; "
				     "done; done; "
				     "for o in $(\"$DVK_BIN\" --completion-helper - | sed 's/=$//'); do "
				     "e=$(printf '%%s' \"$o\" | sed 's/-/\\\\\\\\-/g'); "
				     "grep -q -e \"$e\\([^a-z-]\\|$\\)\" $m || miss=\"$miss $o\"; done; "
				     "echo \"${miss:-ok}\"", pages[i]), 0);
		cr_expect_str_eq(out, "ok\n", "%s lacks (add them to man/dvk.1 and man/vi/dvk.1):%s", pages[i], out);
		free(out);
	}
}

/* The Vietnamese pages are the English ones translated, not a summary:
 * the same sections and subsections, and every option, verb, variable,
 * file and key set in bold in one is in bold in the other. */
Test(completion, vietnamese_man_pages_have_everything_the_english_ones_have)
{
	static const char *const pages[] = { "dvk.1", "dvk-state.5" };

	for (size_t i = 0; i < ARRAY_LEN(pages); i++) {
		char *out;

		cr_assert_eq(sim_run(&out, "cd \"$DVK_SRC/man\" && t=$(mktemp -d) && "
				     "s() { echo \"sections: $(grep -c '^\\.S[HS] ' $1)\"; "
				     "{ grep -o '\\\\fB[^\\\\]*\\\\f[RP]' $1; grep -o "
				     "'\\(DVK\\|XDG\\|LC\\)_[A-Z_]*\\|NO_COLOR\\|ESCDELAY\\|LANGUAGE' $1; } | "
				     "sort -u; }; "
				     "s %s > $t/en && s vi/%s > $t/vi && diff $t/en $t/vi; r=$?; rm -r $t; exit $r",
				     pages[i], pages[i]), 0, "%s: English (<) and Vietnamese (>) differ:\n%s",
			     pages[i], out);
		free(out);
	}
}
