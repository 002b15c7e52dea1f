/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_options.c: the command line as getopt_long reads it: every form of
 * an option with a value, `--`, common options before and after the verb,
 * unknown options, and dvk without a verb where there is no terminal.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "tests/helpers/sim.h"

static char *data;

static void fresh(void)
{
	data = sim_tmpdir();
}

static void done(void)
{
	free(data);
}

#define ENV "cd '%s' && export DVK_DATA=\"$PWD\" DVK_UNIT=xa-quang-hoa DVK_USER='Lê Thị Hạnh'; "
#define STATE "thanh-hoa-dvk-2023/xa-quang-hoa.dvk.yaml"

/* Two files to merge in the test's folder: a.yaml and b.yaml. */
static void two_files(void)
{
	cr_assert_eq(sim_run(NULL, ENV "$DVK set 1.1 status=done >/dev/null && cp " STATE " a.yaml && "
				   "$DVK set 1.2 status=in-progress >/dev/null && cp " STATE " b.yaml",
			     data), 0);
}

Test(options, output_takes_every_getopt_form, .init = fresh, .fini = done)
{
	static const char *const forms[] = {
		"-o o1.yaml a.yaml b.yaml",    "-oo2.yaml a.yaml b.yaml",
		"--output o3.yaml a.yaml b.yaml", "--output=o4.yaml a.yaml b.yaml",
		"a.yaml b.yaml -o o5.yaml",    "a.yaml --output=o6.yaml b.yaml",
		"--out o7.yaml a.yaml b.yaml", /* an unambiguous prefix */
	};
	char *first = NULL;

	two_files();
	for (size_t i = 0; i < ARRAY_LEN(forms); i++) {
		char *out;
		char name[16];

		snprintf(name, sizeof name, "o%zu.yaml", i + 1);
		cr_assert_eq(sim_run(&out, ENV "$DVK merge %s && cat %s", data, forms[i], name), 0,
			     "dvk merge %s", forms[i]);
		cr_assert(strstr(out, "item: \"1.2\""), "%s: %s", forms[i], out);
		if (first)
			cr_assert_str_eq(out, first, "%s wrote another join", forms[i]);
		else
			first = out, out = NULL;
		free(out);
	}
	free(first);
}

Test(options, double_dash_ends_the_options, .init = fresh, .fini = done)
{
	char *out;

	two_files();
	cr_assert_eq(sim_run(NULL, ENV "cp a.yaml ./-a.yaml", data), 0);
	/* without --, "-a.yaml" is a bundle of unknown letters */
	cr_assert_eq(sim_run(&out, ENV "$DVK merge -o j.yaml -a.yaml 2>&1", data), 2);
	cr_assert(strstr(out, "unknown option -a"), "%s", out);
	cr_assert(strstr(out, "usage: dvk merge"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(NULL, ENV "$DVK merge -o j.yaml -- -a.yaml b.yaml 2>/dev/null", data), 0);
	cr_assert_eq(sim_run(NULL, ENV "test -s j.yaml", data), 0);
	/* after --, even a common option is an operand */
	cr_assert_eq(sim_run(&out, ENV "$DVK status -- --unit 2>&1", data), 1);
	cr_assert(strstr(out, "--unit"), "%s", out);
	free(out);
}

Test(options, common_options_go_before_or_after_the_verb, .init = fresh, .fini = done)
{
	static const char *const forms[] = {
		"--unit xa-b status", "--unit=xa-b status", "status --unit xa-b",
		"status --unit=xa-b", "status --format text --unit xa-b",
	};

	for (size_t i = 0; i < ARRAY_LEN(forms); i++) {
		char *out;

		cr_assert_eq(sim_run(&out, ENV "$DVK %s", data, forms[i]), 0, "dvk %s", forms[i]);
		cr_assert(strstr(out, "unit: xa-b\n"), "dvk %s:\n%s", forms[i], out);
		free(out);
	}
}

Test(options, unknown_options_and_missing_values_give_the_verbs_usage, .init = fresh, .fini = done)
{
	static const struct {
		const char *args, *says;
	} bad[] = {
		{ "status --frmat csv", "unknown option --frmat" },
		{ "status -x", "unknown option -x" },
		{ "status --format", "--format needs a value" },
		{ "merge a.yaml -o", "-o needs a value" },
		{ "report --by", "--by needs a value" },
		{ "set 1.1 --bogus=1 status=done", "unknown option --bogus" },
		{ "log --unit", "--unit needs a value" },
	};

	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		char *out, *verb = xstrndup(bad[i].args, strcspn(bad[i].args, " "));
		char *usage = xasprintf("usage: dvk %s ", verb);

		cr_assert_eq(sim_run(&out, ENV "$DVK %s 2>&1", data, bad[i].args), 2, "dvk %s", bad[i].args);
		cr_assert(strstr(out, bad[i].says), "dvk %s:\n%s", bad[i].args, out);
		cr_assert(strstr(out, usage), "dvk %s:\n%s", bad[i].args, out);
		free(out);
		free(usage);
		free(verb);
	}
	cr_assert_eq(sim_run(NULL, ENV "test ! -e " STATE, data), 0, "a refused command wrote");
}

Test(options, common_options_alone)
{
	char *out;

	cr_assert_eq(sim_run(&out, "$DVK -V"), 0);
	cr_assert(strncmp(out, "dvk ", 4) == 0, "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, "$DVK --bogus 2>&1"), 2);
	cr_assert(strstr(out, "unknown option --bogus"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, "$DVK -h"), 0);
	cr_assert(strstr(out, "usage:\n  dvk [OPTIONS]  "), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, "$DVK help merge"), 0);
	cr_assert(strstr(out, "usage: dvk merge "), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, "$DVK merge -h"), 0);
	cr_assert(strstr(out, "usage: dvk merge "), "%s", out);
	free(out);
}

Test(options, without_a_verb_and_no_terminal_dvk_says_so_and_exits_2, .init = fresh, .fini = done)
{
	char *out;

	/* stdin not a terminal */
	cr_assert_eq(sim_run(&out, ENV "echo | $DVK 2>err; echo \"rc=$?\"; cat err", data), 0);
	cr_assert(strstr(out, "rc=2\ndvk: not a terminal; use a verb (dvk --help)\n"), "%s", out);
	free(out);
	/* stdout a file: nothing painted into it */
	cr_assert_eq(sim_run(&out, ENV "$DVK --review . >screen 2>&1 </dev/null; echo \"rc=$?\"; cat screen",
			     data), 0);
	cr_assert_str_eq(out, "rc=2\ndvk: not a terminal; use a verb (dvk --help)\n");
	free(out);
}
