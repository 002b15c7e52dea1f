/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_lang.c: one language system for every verb: --lang, then
 * DVK_LANG, then the config's lang, then the locale; Vietnamese when
 * nothing says otherwise.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "tests/helpers/sim.h"

static char *home;

static void fresh(void)
{
	home = sim_tmpdir();
}

static void done(void)
{
	free(home);
}

/* A sealed environment: no DVK_LANG, no locale variables but those the
 * test gives, config under the test's folder. */
#define ENV                                                                      \
	"export HOME='%s'; export XDG_CONFIG_HOME=\"$HOME/config\" DVK_DATA=\"$HOME/data\" " \
	"XDG_STATE_HOME=\"$HOME/state\"; unset DVK_LANG LANGUAGE LC_ALL LC_MESSAGES LANG; "

#define VI "cách dùng: dvk status"
#define EN "usage: dvk status"

/* What language `dvk status --bogus` answers in under env, args before
 * the verb and after it. */
static void answers(const char *env, const char *before, const char *after, const char *expect)
{
	char *out;

	cr_assert_eq(sim_run(&out, ENV "%s $DVK %s status --bogus %s 2>&1", home, env, before, after), 2);
	cr_assert(strstr(out, expect), "[%s] dvk %s status --bogus %s:\n%s", env, before, after, out);
	free(out);
}

Test(lang, vietnamese_when_nothing_is_set, .init = fresh, .fini = done)
{
	answers("", "", "", VI);
	answers("export LANG=C;", "", "", VI);
	answers("export LANG=POSIX;", "", "", VI);
	answers("export LANG=C.UTF-8;", "", "", VI);
	answers("export LANG=fr_FR.UTF-8;", "", "", VI);
	answers("export LANG=vi_VN.UTF-8;", "", "", VI);
}

Test(lang, the_locale_says_english, .init = fresh, .fini = done)
{
	answers("export LANG=en_US.UTF-8;", "", "", EN);
	answers("export LC_MESSAGES=en_GB.UTF-8;", "", "", EN);
	answers("export LANG=vi_VN.UTF-8 LC_ALL=en_US.UTF-8;", "", "", EN);
	/* gettext's own list, honoured as gettext does */
	answers("export LANG=vi_VN.UTF-8 LANGUAGE=en_US:vi;", "", "", EN);
	answers("export LANG=en_US.UTF-8 LANGUAGE=vi;", "", "", VI);
}

Test(lang, flag_beats_environment_beats_config_beats_locale, .init = fresh, .fini = done)
{
	cr_assert_eq(sim_run(NULL, ENV "mkdir -p \"$XDG_CONFIG_HOME/dvk\" && "
				     "echo 'lang: en' > \"$XDG_CONFIG_HOME/dvk/config.yaml\"", home), 0);
	answers("export LANG=vi_VN.UTF-8;", "", "", EN);
	answers("export DVK_LANG=vi;", "", "", VI);
	answers("export DVK_LANG=vi;", "--lang en", "", EN);
	answers("export DVK_LANG=vi;", "", "--lang=en", EN);
	answers("export DVK_LANG=en;", "--lang=vi", "", VI);
	cr_assert_eq(sim_run(NULL, ENV "echo 'lang: vi' > \"$XDG_CONFIG_HOME/dvk/config.yaml\"", home), 0);
	answers("export LANG=en_US.UTF-8;", "", "", VI);
}

Test(lang, a_broken_config_is_reported_in_the_environments_language, .init = fresh, .fini = done)
{
	char *out;

	cr_assert_eq(sim_run(NULL, ENV "mkdir -p \"$XDG_CONFIG_HOME/dvk\" && "
				     "printf 'lang: en\\ncolour: red\\n' > \"$XDG_CONFIG_HOME/dvk/config.yaml\"",
			     home), 0);
	cr_assert_eq(sim_run(&out, ENV "export DVK_LANG=en; $DVK status 2>&1", home), 1);
	cr_assert(strstr(out, "config.yaml:2:1: unknown setting 'colour'"), "%s", out);
	free(out);
	/* help still answers, in the language the environment gives */
	cr_assert_eq(sim_run(&out, ENV "$DVK --help", home), 0);
	cr_assert(strstr(out, "cách dùng:\n  dvk [TÙY_CHỌN]"), "%s", out);
	free(out);
}

Test(lang, an_unknown_language_is_refused, .init = fresh, .fini = done)
{
	char *out;

	cr_assert_eq(sim_run(&out, ENV "export DVK_LANG=en; $DVK --lang fr status 2>&1", home), 1);
	cr_assert(strstr(out, "unknown language \"fr\" (vi or en)"), "%s", out);
	free(out);
}

Test(lang, the_verbs_speak_vietnamese_by_default, .init = fresh, .fini = done)
{
	char *out;

	cr_assert_eq(sim_run(&out, ENV "export LANG=C.UTF-8 DVK_UNIT=xa-a DVK_USER=An; "
				   "$DVK set 1.1 status=done && $DVK status && $DVK --help", home), 0);
	cr_assert(strstr(out, "1.1: đã lưu 1 thay đổi vào "), "%s", out);
	cr_assert(strstr(out, "\nĐơn vị: xa-a\n"), "%s", out);
	cr_assert(strstr(out, "\n  Tổng "), "%s", out);
	cr_assert(strstr(out, "Các lệnh:\n  check         Kiểm tra tệp văn bản chỉ đạo và tệp trạng thái.\n"),
		  "%s", out);
	free(out);
	/* and English counts have their plural forms */
	cr_assert_eq(sim_run(&out, ENV "export DVK_LANG=en DVK_UNIT=xa-a DVK_USER=An; "
				   "$DVK set 1.2 status=done note=x && $DVK check \"$DVK_DATA\"/*/xa-a.dvk.yaml",
			     home), 0);
	cr_assert(strstr(out, "1.2: saved 2 changes to "), "%s", out);
	cr_assert(strstr(out, ": ok (unit xa-a, 3 events, 0 conflicts)"), "%s", out);
	free(out);
}

/* The C library's own messages (strerror) come in the language chosen,
 * in UTF-8 like dvk's: with no locale set, glibc would otherwise turn
 * its Vietnamese catalogue into ASCII ("Kh?ng c? ?? ch?"). */
Test(lang, system_error_messages_are_utf8_whatever_the_locale, .init = fresh, .fini = done)
{
	char *out;

	cr_assert_eq(sim_run(&out, ENV "export DVK_UNIT=xa-a DVK_USER=An; "
				   "$DVK set 1.1 status=done >/dev/null && $DVK status 2>&1 >/dev/full", home), 1);
	cr_assert_null(strchr(out, '?'), "%s", out);
	cr_assert(strstr(out, "No space left on device") || strstr(out, "chỗ trống trên thiết bị"), "%s", out);
	free(out);
}

/* Where a problem is does not depend on the language it is told in: the
 * reader places it by the message's English format, not by its words. */
Test(lang, a_problem_is_placed_the_same_in_both_languages, .init = fresh, .fini = done)
{
	char *vi, *en;

	cr_assert_eq(sim_run(NULL, ENV "export DVK_UNIT=xa-a DVK_USER=An; $DVK unit name 'Xã A' >/dev/null && "
				     "sed 's/field: name/field: colour/' \"$DVK_DATA\"/*/xa-a.dvk.yaml > \"$HOME/bad.dvk.yaml\"",
			     home), 0);
	cr_assert_eq(sim_run(&vi, ENV "$DVK check \"$HOME/bad.dvk.yaml\" 2>&1 | sed 's/: .*//'", home), 0);
	cr_assert_eq(sim_run(&en, ENV "export DVK_LANG=en; $DVK check \"$HOME/bad.dvk.yaml\" 2>&1", home), 1);
	/* on the line that names the field, at the field's value */
	cr_assert(strstr(en, "bad.dvk.yaml:12:10: unknown field \"colour\" of the unit"), "%s", en);
	cr_assert(strncmp(en, vi, strlen(vi) - 1) == 0 && strstr(vi, ":12:10"), "vi: %s\nen: %s", vi, en);
	free(vi);
	free(en);
}

/* Every verb's error paths (and the everyday output of status, check,
 * report, log, the listings) in Vietnamese, with DVK_LANG=vi and with
 * nothing set, carry no common English word; in English, no Vietnamese
 * letter.  tests/lang_paths.py says how and lists the commands. */
Test(lang, every_verbs_error_paths_speak_one_language, .timeout = 300)
{
	char *out;
	int rc = sim_run(&out, "python3 \"$DVK_SRC/tests/lang_paths.py\" \"$DVK_BIN\" 2>&1");

	cr_assert_eq(rc, 0, "%s", out);
	cr_assert(strstr(out, " 0 problems"), "%s", out);
	free(out);
}
