/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_holes.c: the smaller holes of issue #10 item 10, each as a user (or
 * a hand-made file) would hit it: rings of preds, control characters in
 * values, conflict copies left beside the file `dvk set` edits, a backup
 * of another unit, file names with escape sequences, a full disk on
 * standard output.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
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

#define ENV "export DVK_DATA='%s' DVK_UNIT=xa-quang-hoa DVK_USER='Lê Thị Hạnh' DVK_LANG=en; "
#define DIR "%s/thanh-hoa-dvk-2023"
#define STATE DIR "/xa-quang-hoa.dvk.yaml"

#define HEADER "format: dvk-state/1\ndirective: thanh-hoa-dvk-2023\nunit: xa-quang-hoa\nlog:\n"
#define EVENT(id, pred, value) \
	"  - id: " id "\n    item: \"1.1\"\n    field: status\n    value: " value "\n" pred \
	"    gen: 1\n    by: Lê Thị Hạnh\n    replica: hanh-x220\n    at: \"2023-03-15T10:21:07.000Z\"\n    tick: 0\n"
#define A "AAAAAAAAAAAAAAAA"
#define B "BBBBBBBBBBBBBBBB"
#define C "CCCCCCCCCCCCCCCC"

static struct state *parse(const char *text, struct dvk_error *err)
{
	dvk_error_clear(err);
	return store_parse(text, strlen(text), "state.yaml", sim_directive(), err);
}

/* ---- rings of preds ---- */

Test(holes, an_event_naming_itself_in_pred_is_refused_where_it_stands)
{
	struct dvk_error err;
	struct state *st = parse(HEADER EVENT(A, "    pred: [" A "]\n", "done"), &err);

	cr_assert_null(st);
	cr_expect_eq(err.line, 9, "%d:%d %s", err.line, err.col, err.message);
	cr_expect_eq(err.col, 11, "%d:%d %s", err.line, err.col, err.message);
	cr_expect(strstr(err.message, "names itself"), "%s", err.message);
}

Test(holes, a_ring_of_preds_is_refused_with_its_position)
{
	struct dvk_error err;
	struct state *st = parse(HEADER EVENT(A, "    pred: [" C "]\n", "done")
				 EVENT(B, "    pred: [" A "]\n", "todo")
				 EVENT(C, "    pred: [" B "]\n", "in-progress"), &err);

	cr_assert_null(st);
	cr_expect_str_eq(err.path, "state.yaml");
	cr_expect(err.line == 9 || err.line == 19 || err.line == 29, "%d:%d %s", err.line, err.col,
		  err.message);
	cr_expect_eq(err.col, 11, "%d:%d %s", err.line, err.col, err.message);
	cr_expect(strstr(err.message, "leads back"), "%s", err.message);
}

Test(holes, a_chain_without_a_ring_still_loads)
{
	struct dvk_error err;
	struct state *st = parse(HEADER EVENT(A, "", "done") EVENT(B, "    pred: [" A "]\n", "todo")
				 EVENT(C, "    pred: [" A ", " B "]\n", "in-progress"), &err);

	cr_assert_not_null(st, "%s", err.message);
	cr_expect_str_eq(checklist_value(st->cl, "1.1", "status", NULL), "in-progress");
	state_free(st);
}

Test(holes, two_files_that_close_a_ring_only_together_do_not_join)
{
	struct dvk_error err;
	struct state *a = parse(HEADER EVENT(A, "    pred: [" B "]\n", "done"), &err);
	struct state *b = parse(HEADER EVENT(B, "    pred: [" A "]\n", "todo"), &err);
	size_t before;

	cr_assert_not_null(a, "%s", err.message);
	cr_assert_not_null(b, "%s", err.message);
	before = checklist_count(a->cl);
	cr_expect_eq(state_join(a, b, &err), 0);
	cr_expect(strstr(err.message, "ring"), "%s", err.message);
	cr_expect_eq(checklist_count(a->cl), before, "the refused join changed the state");
	state_free(a);
	state_free(b);
}

Test(holes, merge_refuses_files_that_close_a_ring, .init = fresh, .fini = done)
{
	char *out, *pa = xasprintf("%s/a.dvk.yaml", data), *pb = xasprintf("%s/b.dvk.yaml", data);
	const char *ta = HEADER EVENT(A, "    pred: [" B "]\n", "done");
	const char *tb = HEADER EVENT(B, "    pred: [" A "]\n", "todo");

	sim_write(pa, ta, strlen(ta));
	sim_write(pb, tb, strlen(tb));
	cr_expect_eq(sim_run(&out, ENV "$DVK merge %s %s 2>&1", data, pa, pb), 1);
	cr_expect(strstr(out, "ring"), "%s", out);
	free(out);
	free(pa);
	free(pb);
}

/* ---- control characters ---- */

Test(holes, edits_with_control_characters_are_refused)
{
	static const char *const bad[] = { "a\033[2Jb", "bell\a", "nul\001", "del\177", "c1 \302\233x" };
	struct checklist *cl = checklist_new();
	struct hlc clock = {0};
	uint64_t seed = 1;
	struct edit_ctx ctx = { .by = "Hạnh", .replica = "r", .clock = &clock, .now = 1,
				.random = sim_random, .random_arg = &seed };
	struct dvk_error err;

	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		struct assignment as = { "note", bad[i] };

		dvk_error_clear(&err);
		cr_expect_eq(checklist_apply(cl, sim_directive(), "1.1", &as, 1, &ctx, &err), -1,
			     "accepted %zu", i);
		cr_expect(strstr(err.message, "control character"), "%s", err.message);
	}
	cr_expect_eq(checklist_count(cl), 0);
	{
		struct assignment ok = { "note", "line one\n\tline two" };

		cr_expect_eq(checklist_apply(cl, sim_directive(), "1.1", &ok, 1, &ctx, &err), 1,
			     "%s", err.message);
	}
	checklist_free(cl);
}

Test(holes, set_refuses_an_escape_sequence_and_writes_nothing, .init = fresh, .fini = done)
{
	char *out;

	cr_expect_eq(sim_run(&out, ENV "$DVK set 1.1 note=\"$(printf 'x\\033[2Jy')\" 2>&1", data), 1);
	cr_expect(strstr(out, "control character"), "%s", out);
	cr_expect_null(strchr(out, '\033'), "the escape reached the terminal: %s", out);
	free(out);
	cr_expect_eq(sim_run(NULL, "test ! -e " STATE, data), 0, "a file was written");
	cr_expect_eq(sim_run(NULL, ENV "$DVK set 1.1 note=\"$(printf 'a\\tb\\nc')\"", data), 0);
}

/* ---- dvk set folds conflict copies first ---- */

Test(holes, set_folds_conflict_copies_before_it_saves, .init = fresh, .fini = done)
{
	char *out, *copy;
	struct dvk_error err;
	struct state *st;
	char *path = xasprintf(STATE, data);

	cr_assert_eq(sim_run(NULL, ENV "$DVK set 1.1 status=in-progress", data), 0);
	/* Syncthing's copy holds a later status of 1.1 and a note on 1.2 */
	cr_assert_eq(sim_run(NULL, ENV "cp " STATE " /tmp/holes-keep.$$ && $DVK set 1.1 status=done && "
			     "$DVK set 1.2 note=copy && mv " STATE " " DIR "/xa-quang-hoa.dvk.sync-conflict-20240101-101010-ABCDEFG.yaml && "
			     "mv /tmp/holes-keep.$$ " STATE, data, data, data, data, data), 0);
	cr_assert_eq(sim_run(&out, ENV "$DVK set 1.1 status=todo 2>&1", data), 0);
	cr_expect(strstr(out, "folded the conflict copy"), "%s", out);
	free(out);
	copy = xasprintf(DIR "/xa-quang-hoa.dvk.sync-conflict-20240101-101010-ABCDEFG.yaml", data);
	cr_expect(!store_exists(copy), "the copy is still there");
	st = store_load(path, sim_directive(), &err);
	cr_assert_not_null(st, "%s", err.message);
	cr_expect_str_eq(checklist_value(st->cl, "1.2", "note", NULL), "copy");
	/* the edit replaced both statuses: no conflict with the copy's */
	cr_expect_str_eq(checklist_value(st->cl, "1.1", "status", NULL), "todo");
	state_free(st);
	free(copy);
	free(path);
}

/* A copy named as xa-quang-hoa's that holds another unit (a copy cut or
 * renamed by hand): no save folds it, and the readers that take files by
 * their header say so rather than counting it quietly. */
Test(holes, a_copy_holding_another_unit_is_named_by_check_and_report, .init = fresh, .fini = done)
{
	char *out;

	cr_assert_eq(sim_run(NULL, ENV "$DVK set 1.1 status=done && DVK_UNIT=xa-khac $DVK set 1.2 "
			     "status=done && mv " DIR "/xa-khac.dvk.yaml " DIR
			     "/xa-quang-hoa.sync-conflict-20240101-101010-ABCDEFG.dvk.yaml",
			     data, data, data), 0);
	cr_assert_eq(sim_run(&out, ENV "$DVK set 1.3 status=done 2>&1", data), 0);
	cr_expect(strstr(out, "never folds it"), "%s", out);
	free(out);
	cr_expect_eq(sim_run(NULL, "test -e " DIR "/xa-quang-hoa.sync-conflict-20240101-101010-ABCDEFG.dvk.yaml "
			     "&& test ! -e " DIR "/xa-khac.dvk.yaml", data, data), 0, "the copy moved");
	cr_expect_eq(sim_run(&out, ENV "$DVK check " DIR "/*.dvk.yaml 2>&1", data, data), 0);
	cr_expect(strstr(out, "named as a conflict copy of xa-quang-hoa.dvk.yaml, but it holds unit xa-khac"),
		  "%s", out);
	free(out);
	cr_expect_eq(sim_run(&out, ENV "$DVK report --format csv 2>&1 >/dev/null", data), 0);
	cr_expect(strstr(out, "a conflict copy of xa-quang-hoa.dvk.yaml by its name, but it holds unit \"xa-khac\""),
		  "%s", out);
	free(out);
	/* in Vietnamese too, with no English word left in it */
	cr_expect_eq(sim_run(&out, ENV "DVK_LANG=vi $DVK check " DIR "/*.dvk.yaml 2>&1 >/dev/null", data, data), 0);
	cr_expect(strstr(out, "xa-khac") && !strstr(out, "conflict copy"), "%s", out);
	free(out);
}

/* ---- dvk restore of another unit's file ---- */

Test(holes, restore_refuses_a_backup_of_another_unit, .init = fresh, .fini = done)
{
	char *out, *before, *after;
	size_t n1, n2;
	char *path = xasprintf(STATE, data), *other = xasprintf(DIR "/xa-khac.dvk.yaml", data);

	cr_assert_eq(sim_run(NULL, ENV "$DVK set 1.1 status=done", data), 0);
	cr_assert_eq(sim_run(NULL, ENV "DVK_UNIT=xa-khac $DVK set 1.2 status=done", data), 0);
	before = sim_read(path, &n1);
	cr_expect_eq(sim_run(&out, ENV "$DVK restore %s 2>&1", data, other), 1);
	cr_expect(strstr(out, "xa-khac"), "%s", out);
	free(out);
	after = sim_read(path, &n2);
	cr_expect(n1 == n2 && memcmp(before, after, n1) == 0, "the own file changed");
	free(before);
	free(after);
	free(path);
	free(other);
}

/* ---- names printed by verbs ---- */

Test(holes, file_names_with_escapes_are_printed_harmlessly, .init = fresh, .fini = done)
{
	static const char *const verbs[] = { "check F", "status F", "log F", "diff F F", "merge F",
					     "receive F", "export F", "restore F" };
	char *out;

	cr_assert_eq(sim_run(NULL, ENV "$DVK set 1.1 status=done && cp " STATE " \"%s/$(printf 'x\\033]0;owned\\007\\033[2J')y.dvk.yaml\"",
			     data, data, data), 0);
	for (size_t i = 0; i < ARRAY_LEN(verbs); i++) {
		struct buf cmd = {0};

		for (const char *p = verbs[i]; *p; p++)
			if (*p == 'F')
				buf_printf(&cmd, "\"%s/$(printf 'x\\033]0;owned\\007\\033[2J')y.dvk.yaml\"", data);
			else
				buf_addc(&cmd, *p);
		sim_run(&out, ENV "$DVK %s 2>&1", data, cmd.data);
		cr_expect_null(strchr(out, '\033'), "%s printed a raw escape: %s", verbs[i], out);
		cr_expect_null(strchr(out, '\007'), "%s printed a raw bell: %s", verbs[i], out);
		free(out);
		buf_free(&cmd);
	}
}

/* ---- standard output that cannot be written ---- */

Test(holes, verbs_that_print_fail_when_standard_output_is_full, .init = fresh, .fini = done)
{
	static const char *const verbs[] = {
		"status", "status --format csv", "log", "check " STATE, "merge " STATE " " STATE,
		"diff %s/old.dvk.yaml " STATE, "report " DIR, "--help", "restore",
	};
	char *out;

	cr_assert_eq(sim_run(NULL, ENV "$DVK set 1.1 status=done note=x && cp " STATE " %s/old.dvk.yaml",
			     data, data, data), 0);
	cr_assert_eq(sim_run(NULL, ENV "$DVK set 1.2 status=done", data), 0);
	for (size_t i = 0; i < ARRAY_LEN(verbs); i++) {
		struct buf cmd = {0};

		buf_printf(&cmd, ENV "$DVK ", data);
		buf_printf(&cmd, verbs[i], data, data);
		buf_adds(&cmd, " 2>&1 >/dev/full");
		cr_expect_eq(sim_run(&out, "%s", cmd.data), 1, "%s: exit status", verbs[i]);
		cr_expect(strstr(out, "No space left") || strstr(out, "cannot write"), "%s: %s", verbs[i], out);
		free(out);
		buf_free(&cmd);
	}
}
