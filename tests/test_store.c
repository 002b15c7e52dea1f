/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_store.c: state files on disk: strict loading with FILE:LINE:COL,
 * canonical bytes, atomic saves that never lose or clobber anything.
 */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <dirent.h>

#include "store/store.h"
#include "tests/helpers/sim.h"

#define HEADER "format: dvk-state/1\ndirective: thanh-hoa-dvk-2023\nunit: xa-quang-hoa\n"
#define EVENT(id, item, field, value) \
	"  - id: " id "\n    item: \"" item "\"\n    field: " field "\n    value: " value "\n" \
	"    gen: 0\n    by: Lê Thị Hạnh\n    replica: hanh-x220\n    at: \"2023-03-15T10:21:07.000Z\"\n    tick: 0\n"

static const char *valid = HEADER "log:\n" EVENT("XVFXC3DKJ7STFSCY", "1.1", "status", "done");

/* ---- hostile and broken files ---- */

struct bad_file {
	const char *name;
	const char *text;
	int line, col;
	const char *msg;
};

static struct bad_file bad_files[] = {
	{ "unknown status", HEADER "log:\n" EVENT("XVFXC3DKJ7STFSCY", "1.1", "status", "xong"), 8, 12,
	  "unknown status \"xong\"" },
	{ "wrong format", "format: dvk-state/9\ndirective: thanh-hoa-dvk-2023\nunit: x\n", 1, 9,
	  "unsupported format" },
	{ "tab indent", HEADER "log:\n\t- id: X\n", 5, 1, "tab" },
	{ "anchor", HEADER "unit_name: &a X\n", 4, 12, "anchors and aliases" },
	{ "alias", HEADER "log: *a\n", 4, 6, "anchors and aliases" },
	{ "tag", HEADER "unit_name: !!python/object X\n", 4, 12, "tags" },
	{ "duplicate key", HEADER "unit: xa-khac\n", 4, 1, "duplicate key 'unit'" },
	{ "empty item", HEADER "log:\n" EVENT("XVFXC3DKJ7STFSCY", "", "status", "done"), 6, 11,
	  "names no item" },
	{ "bad revision", "format: dvk-state/1\ndirective: thanh-hoa-dvk-2023\nrevision: 0\nunit: x\n", 3, 11,
	  "bad revision" },
	{ "unknown key", HEADER "colour: red\n", 4, 1, "unknown key 'colour'" },
	{ "bad event id", HEADER "log:\n" EVENT("xvf", "1.1", "status", "done"), 5, 9, "bad event id" },
	{ "git markers", HEADER "<<<<<<< HEAD\nunit_name: A\n=======\nunit_name: B\n>>>>>>> theirs\n", 4, 1,
	  "git-resolve" },
	{ "another directive", "format: dvk-state/1\ndirective: ha-noi-2024\nunit: x\n", 2, 12,
	  "for directive \"ha-noi-2024\"" },
	{ "bad record id", HEADER "log:\n" EVENT("XVFXC3DKJ7STFSCY", "1.1", "activity.abc.participants", "\"4\""),
	  7, 12, "record id" },
	{ "missing value", HEADER "log:\n  - id: XVFXC3DKJ7STFSCY\n    item: \"1.1\"\n    field: note\n"
	  "    by: a\n    replica: b\n    at: \"2023-03-15T10:21:07.000Z\"\n", 5, 5, "no 'value'" },
};

/* One test walks the table: Criterion passes parameters to a re-executed
 * child, where pointers into this binary's data would not survive ASLR. */
Test(store, bad_files_are_refused_with_their_position)
{
	for (size_t i = 0; i < ARRAY_LEN(bad_files); i++) {
		const struct bad_file *b = &bad_files[i];
		struct dvk_error err;
		struct state *st = store_parse(b->text, strlen(b->text), "state.yaml", sim_directive(), &err);

		cr_expect_null(st, "%s: accepted", b->name);
		if (st) {
			state_free(st);
			continue;
		}
		cr_expect_str_eq(err.path, "state.yaml", "%s", b->name);
		cr_expect_eq(err.line, b->line, "%s: line %d, want %d (%s)", b->name, err.line, b->line, err.message);
		cr_expect_eq(err.col, b->col, "%s: col %d, want %d (%s)", b->name, err.col, b->col, err.message);
		cr_expect(strstr(err.message, b->msg), "%s: message \"%s\" lacks \"%s\"", b->name, err.message, b->msg);
	}
}

Test(store, a_bom_and_crlf_line_ends_are_accepted)
{
	struct buf b = {0};
	struct dvk_error err;
	struct state *st;

	buf_adds(&b, "\xEF\xBB\xBF");
	for (const char *p = valid; *p; p++) {
		if (*p == '\n')
			buf_addc(&b, '\r');
		buf_addc(&b, *p);
	}
	st = store_parse(b.data, b.len, "notepad.yaml", sim_directive(), &err);
	cr_assert_not_null(st, "%d:%d: %s", err.line, err.col, err.message);
	cr_assert_eq(checklist_count(st->cl), 1);
	state_free(st);
	buf_free(&b);
}

/* The summary is derived from the log: where it says otherwise, someone
 * edited it by hand, and that edit becomes an event (test_handedit.c has
 * the rest). */
Test(store, an_items_summary_that_differs_from_the_log_is_a_hand_edit)
{
	const char *text = HEADER "items:\n  \"1.1\":\n    status: done\nlog: []\n";
	struct dvk_error err;
	struct state *st = store_parse(text, strlen(text), "x.yaml", sim_directive(), &err);
	const struct hand_edit *h;

	cr_assert_not_null(st, "%s", err.message);
	cr_assert_eq(checklist_status(st->cl, "1.1"), STATUS_DONE);
	cr_assert_eq(state_hand_edits(st, &h), 1);
	cr_expect(event_is_hand_edit(h[0].ev));
	cr_expect_eq(h[0].line, 6);
	state_free(st);
}

/* ---- canonical bytes ---- */

Test(store, the_file_has_a_header_a_summary_and_a_log)
{
	struct dvk_error err;
	struct state *st = store_parse(valid, strlen(valid), "x.yaml", sim_directive(), &err);
	size_t len;
	char *out;

	cr_assert_not_null(st);
	out = store_emit(st, sim_directive(), &len);
	cr_assert(strstr(out, "format: dvk-state/2\n"), "%s", out);
	cr_assert(strstr(out, "directive: thanh-hoa-dvk-2023\n"));
	cr_assert(strstr(out, "items:\n  \"1.1\":\n    title: "), "%s", out);
	cr_assert(strstr(out, "    status: done\n"));
	cr_assert(strstr(out, "log:\n"));
	cr_assert(strstr(out, "  item: \"1.1\"\n"), "%s", out);
	cr_assert(strstr(out, "at: \"2023-03-15T10:21:07.000Z\""));
	free(out);
	state_free(st);
}

/* ---- saving ---- */

static struct state *one_edit(const char *item, const char *status, uint64_t *rng)
{
	static struct hlc h;
	struct edit_ctx ctx = { "Lê Thị Hạnh", "hanh-x220", &h, 1678838400000LL, sim_random, rng };
	struct assignment a = { "status", status };
	struct state *st = state_new("thanh-hoa-dvk-2023", "xa-quang-hoa");
	struct dvk_error err;

	cr_assert_eq(checklist_apply(st->cl, sim_directive(), item, &a, 1, &ctx, &err), 1, "%s", err.message);
	return st;
}

static size_t count_files(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	while ((e = readdir(d)))
		n += e->d_name[0] != '.' || strstr(e->d_name, ".tmp-") != NULL;
	closedir(d);
	return n;
}

Test(store, a_save_joins_what_another_session_saved)
{
	char *dir = sim_tmpdir(), *path = store_path(dir, "thanh-hoa-dvk-2023", "xa-quang-hoa");
	uint64_t rng = 5;
	struct state *a = one_edit("1.1", "done", &rng), *b = one_edit("2.1", "in-progress", &rng);
	struct state *back;
	struct dvk_error err;

	cr_assert(store_save(path, a, sim_directive(), NULL, &err), "%s", err.message);
	cr_assert(store_save(path, b, sim_directive(), NULL, &err), "%s", err.message);
	back = store_load(path, sim_directive(), &err);
	cr_assert_not_null(back, "%s", err.message);
	cr_assert_eq(checklist_count(back->cl), 2, "the first session's edit was lost");
	cr_assert_eq(checklist_status(back->cl, "1.1"), STATUS_DONE);
	cr_assert_eq(checklist_status(back->cl, "2.1"), STATUS_IN_PROGRESS);
	state_free(a); state_free(b); state_free(back);
	free(path); free(dir);
}

Test(store, a_file_that_does_not_parse_is_never_overwritten)
{
	char *dir = sim_tmpdir(), *path = store_path(dir, "thanh-hoa-dvk-2023", "xa-quang-hoa");
	const char *broken = HEADER "log:\n  - id: [unclosed\n";
	uint64_t rng = 6;
	struct state *a = one_edit("1.1", "done", &rng);
	struct dvk_error err;
	size_t len;
	char *after;

	cr_assert(store_save(path, a, sim_directive(), NULL, &err), "%s", err.message);
	sim_write(path, broken, strlen(broken));
	cr_assert_not(store_save(path, a, sim_directive(), NULL, &err));
	after = sim_read(path, &len);
	cr_assert(len == strlen(broken) && memcmp(after, broken, len) == 0, "the broken file was changed");
	cr_assert_gt(err.line, 0, "the error names no line: %s", err.message);
	free(after); state_free(a); free(path); free(dir);
}

/* Fault injection: each system call of a save fails in turn. */
static int fail_at, calls, fail_errno_value;

static int count_fail(void)
{
	if (++calls == fail_at) {
		errno = fail_errno_value;
		return 1;
	}
	return 0;
}

static int f_open(const char *p, int fl, mode_t m) { return count_fail() ? -1 : open(p, fl, m); }
static ssize_t f_write(int fd, const void *b, size_t n) { return count_fail() ? -1 : write(fd, b, n); }
static int f_fsync(int fd) { return count_fail() ? -1 : fsync(fd); }
static int f_rename(const char *a, const char *b) { return count_fail() ? -1 : rename(a, b); }
static int f_close(int fd) { if (count_fail()) { close(fd); return -1; } return close(fd); }

Test(store, a_failing_system_call_leaves_the_old_file_and_no_temp_file)
{
	static const int errs[] = { ENOSPC, EIO, EINTR };
	char *dir = sim_tmpdir(), *path = store_path(dir, "thanh-hoa-dvk-2023", "xa-quang-hoa");
	char *folder = xasprintf("%s/thanh-hoa-dvk-2023", dir);
	uint64_t rng = 7;
	struct state *a = one_edit("1.1", "done", &rng);
	struct dvk_error err;
	size_t oldlen, len, files;
	char *old, *now;

	cr_assert(store_save(path, a, sim_directive(), NULL, &err), "%s", err.message);
	old = sim_read(path, &oldlen);
	files = count_files(folder);
	for (size_t e = 0; e < ARRAY_LEN(errs); e++) {
		/* a save makes 7 calls: open, write, fsync, close of the temp
		 * file, open of the folder, rename, fsync of the folder; fail
		 * each in turn (a single EINTR is retried and must not fail). */
		for (fail_at = 1; fail_at <= 7; fail_at++) {
			struct state *b = one_edit("2.1", "done", &rng);
			int ok;

			calls = 0;
			fail_errno_value = errs[e];
			store_sys = (struct store_sys){ f_open, f_write, f_fsync, f_rename, f_close, fchmod };
			ok = store_save(path, b, sim_directive(), NULL, &err);
			store_sys_reset();
			state_free(b);
			if (errs[e] == EINTR) {
				cr_assert(ok, "one EINTR made the save fail at call %d: %s", fail_at, err.message);
				sim_write(path, old, oldlen); /* undo for the next round */
				continue;
			}
			cr_assert_not(ok, "call %d failed with %s and the save said ok", fail_at,
				      strerror(errs[e]));
			cr_assert(strstr(err.message, "cannot save"), "%s", err.message);
			now = sim_read(path, &len);
			cr_assert(len == oldlen && memcmp(now, old, len) == 0,
				  "old file changed when call %d failed with %s", fail_at, strerror(errs[e]));
			free(now);
			cr_assert_eq(count_files(folder), files, "a temp file was left (call %d)", fail_at);
		}
	}
	free(old); state_free(a); free(folder); free(path); free(dir);
}

Test(store, two_processes_saving_at_once_lose_nothing)
{
	char *dir = sim_tmpdir(), *path = store_path(dir, "thanh-hoa-dvk-2023", "xa-quang-hoa");
	struct state *back;
	struct dvk_error err;
	pid_t kids[2];

	for (int k = 0; k < 2; k++) {
		kids[k] = fork();
		if (kids[k] == 0) {
			uint64_t rng = 100 + (uint64_t)k;

			for (int i = 0; i < 40; i++) {
				struct state *st = one_edit(k ? "2.1" : "1.1", i % 2 ? "done" : "in-progress", &rng);

				if (!store_save(path, st, sim_directive(), NULL, &err))
					_exit(1);
				state_free(st);
			}
			_exit(0);
		}
	}
	for (int k = 0; k < 2; k++) {
		int st;

		waitpid(kids[k], &st, 0);
		cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	back = store_load(path, sim_directive(), &err);
	cr_assert_not_null(back, "%s", err.message);
	cr_assert_eq(checklist_count(back->cl), 80, "lost updates: %zu of 80 events", checklist_count(back->cl));
	state_free(back); free(path); free(dir);
}

/* A state loaded from the file remembers its bytes and skips re-parsing
 * when nobody else wrote; when someone did, it must still join them. */
Test(store, a_loaded_state_still_joins_a_save_made_after_it_was_loaded)
{
	char *dir = sim_tmpdir(), *path = store_path(dir, "thanh-hoa-dvk-2023", "xa-quang-hoa");
	uint64_t rng = 9;
	static struct hlc h;
	struct edit_ctx ctx = { "Minh", "minh-t480", &h, 1678838400000LL, sim_random, &rng };
	struct assignment a = { "status", "done" };
	struct state *first = one_edit("1.1", "done", &rng), *loaded, *other, *back;
	struct dvk_error err;

	cr_assert(store_save(path, first, sim_directive(), NULL, &err), "%s", err.message);
	loaded = store_load(path, sim_directive(), &err);
	cr_assert_not_null(loaded, "%s", err.message);
	other = one_edit("2.1", "in-progress", &rng);
	cr_assert(store_save(path, other, sim_directive(), NULL, &err), "%s", err.message);
	cr_assert_eq(checklist_apply(loaded->cl, sim_directive(), "3.1", &a, 1, &ctx, &err), 1);
	cr_assert(store_save(path, loaded, sim_directive(), NULL, &err), "%s", err.message);
	back = store_load(path, sim_directive(), &err);
	cr_assert_not_null(back, "%s", err.message);
	cr_assert_eq(checklist_count(back->cl), 3, "the other session's save was lost: %zu events", checklist_count(back->cl));
	cr_assert_eq(checklist_status(back->cl, "2.1"), STATUS_IN_PROGRESS);
	/* and with nobody else writing, a second save of the same state
	 * takes the fast path and still holds everything */
	cr_assert_eq(checklist_apply(loaded->cl, sim_directive(), "3.2", &a, 1, &ctx, &err), 1);
	cr_assert(store_save(path, loaded, sim_directive(), NULL, &err), "%s", err.message);
	state_free(back);
	back = store_load(path, sim_directive(), &err);
	cr_assert_eq(checklist_count(back->cl), 4);
	state_free(first); state_free(loaded); state_free(other); state_free(back);
	free(path); free(dir);
}

Test(store, a_save_removes_what_a_killed_save_left_behind)
{
	char *dir = sim_tmpdir(), *path = store_path(dir, "thanh-hoa-dvk-2023", "xa-quang-hoa");
	char *folder = xasprintf("%s/thanh-hoa-dvk-2023", dir);
	char *tmp = xasprintf("%s/.xa-quang-hoa.dvk.yaml.tmp-0a1b2c3d4e5f", folder);
	char *old = xasprintf("%s/.xa-quang-hoa.dvk.yaml.old-0a1b2c", folder);
	char *other = xasprintf("%s/.xa-khac.dvk.yaml.tmp-0a1b2c3d4e5f", folder);
	uint64_t rng = 11;
	struct state *a = one_edit("1.1", "done", &rng), *b = one_edit("1.2", "done", &rng);
	struct dvk_error err;

	cr_assert(store_save(path, a, sim_directive(), NULL, &err), "%s", err.message);
	sim_write(tmp, "half", 4);
	sim_write(old, "old", 3);
	sim_write(other, "x", 1);
	cr_assert(store_save(path, b, sim_directive(), NULL, &err), "%s", err.message);
	cr_assert_neq(access(tmp, F_OK), 0, "an orphan temp file is still there");
	cr_assert_neq(access(old, F_OK), 0, "an orphan rollback link is still there");
	cr_assert_eq(access(other, F_OK), 0, "another file's temp file was removed");
	state_free(a); state_free(b);
	free(tmp); free(old); free(other); free(folder); free(path); free(dir);
}

Test(store, unit_names_that_differ_are_a_conflict_both_ways_round)
{
	struct state *a = state_new("thanh-hoa-dvk-2023", "xa-a"), *b = state_new("thanh-hoa-dvk-2023", "xa-a");
	struct dvk_error err;
	bool conflict;
	char *shown;

	sim_set_unit(a, UNIT_NAME, "UBND xã A");
	sim_set_unit(b, UNIT_NAME, "Xã A (tên mới)");
	sim_set_unit(b, UNIT_PARENT, "huyen-b");
	cr_assert(state_join(a, b, &err));
	cr_expect_null(state_unit_name(a, &conflict), "one name won silently");
	cr_expect(conflict);
	cr_expect_str_eq(state_unit_parent(a, NULL), "huyen-b");
	shown = state_unit_shown(a, UNIT_NAME);
	cr_expect(strstr(shown, "UBND xã A") && strstr(shown, "Xã A (tên mới)"), "%s", shown);
	free(shown);
	cr_assert(state_join(b, a, &err));
	cr_expect_null(state_unit_name(b, &conflict));
	cr_expect(conflict, "A⊔B and B⊔A name the unit differently");
	state_free(a);
	state_free(b);

}

/* ---- the log written entry by entry ---- */

static char *fixture(const char *name, size_t *len)
{
	const char *src = getenv("DVK_SRC");
	char *path = xasprintf("%s/tests/fixtures/store/%s", src && *src ? src : ".", name);
	char *bytes = sim_read(path, len);

	free(path);
	return bytes;
}

/* tricky-values.canonical.yaml was written by the emitter that wrote the
 * whole file as one libyaml document (then made /2: the format line, and
 * `events: 20` where libyaml ended the document with "..."); entries
 * rendered one by one and kept must give the same bytes: block scalars
 * that keep their final newlines ("|+"), lines that look like document
 * markers, quotes, tabs, long lines. */
Test(store, entries_written_one_by_one_match_the_whole_document)
{
	size_t inlen, goldlen, len, len2;
	char *in = fixture("tricky-values.dvk.yaml", &inlen);
	char *gold = fixture("tricky-values.canonical.yaml", &goldlen);
	char *dir = sim_tmpdir(), *path = store_path(dir, "thanh-hoa-dvk-2023", "xa-quang-hoa");
	struct dvk_error err;
	struct state *st = store_parse(in, inlen, "tricky.yaml", sim_directive(), &err);
	char *out, *again, *saved;

	cr_assert_not_null(st, "%s", err.message);
	out = store_emit(st, sim_directive(), &len);
	cr_assert_eq(len, goldlen, "%zu bytes, the whole document had %zu:\n%s", len, goldlen, out);
	cr_assert(memcmp(out, gold, len) == 0, "differs from the whole document:\n%s", out);
	again = store_emit(st, sim_directive(), &len2); /* now from the cache */
	cr_assert(len2 == len && memcmp(again, out, len) == 0);
	cr_assert(store_save(path, st, sim_directive(), NULL, &err), "%s", err.message);
	saved = sim_read(path, &len2);
	cr_assert(len2 == goldlen && memcmp(saved, gold, len2) == 0, "the saved file differs");
	free(saved); free(again); free(out); free(in); free(gold); free(path); free(dir);
	state_free(st);
}

/* Kept entries never go stale: after edits, joins and saves (some
 * entries prepared ahead, in small batches), the saved file is what a
 * freshly loaded copy of it writes without any kept entries. */
Test(store, kept_entries_give_the_bytes_of_a_fresh_load)
{
	static const char *const notes[] = {
		"ghi chú", "a\n\n", "--- x", "dòng 1\ndòng 2\n", "", "1.0", "~", "x: y", "z\n\n\n",
	};
	static const char *const its[] = { "1.1", "1.2", "2.1", "4.3", "9.1" };
	static const char *const statuses[] = { "todo", "in-progress", "done" };
	static const char *const rids[] = { "ABCDEFGH", "QZ5FP330", "MNPQRSTV" };
	char *dir = sim_tmpdir();

	for (uint64_t seed = 1; seed <= 300; seed++) {
		uint64_t rng = seed;
		struct hlc h = {0}, h2 = {0};
		struct edit_ctx ctx = { "Lê Thị Hạnh", "hanh-x220", &h, 1678838400000LL, sim_random, &rng };
		struct edit_ctx ctx2 = { "Trần Minh", "minh-t430", &h2, 1678838400000LL, sim_random, &rng };
		struct state *st = state_new("thanh-hoa-dvk-2023", "xa-quang-hoa");
		struct state *other = state_new("thanh-hoa-dvk-2023", "xa-quang-hoa");
		char *unit = xasprintf("xa-%llu", (unsigned long long)seed);
		char *path = store_path(dir, "thanh-hoa-dvk-2023", unit);
		struct dvk_error err;
		size_t len, len2;

		free(st->unit);
		st->unit = xstrdup(unit);
		free(other->unit);
		other->unit = xstrdup(unit);
		for (int round = 0; round < 4; round++) {
			for (unsigned k = sim_below(&rng, 5); k-- > 0;) {
				struct assignment a[2] = { { "note", notes[sim_below(&rng, ARRAY_LEN(notes))] } };
				struct edit_ctx *c = sim_below(&rng, 3) ? &ctx : &ctx2;
				const char *it = its[sim_below(&rng, ARRAY_LEN(its))];
				char field[64];
				size_t na = 1;

				/* every part of a summary: statuses, reasons,
				 * records of several keys, deleted ones, reviews */
				switch (sim_below(&rng, 6)) {
				case 0:
					a[0] = (struct assignment){ "status", statuses[sim_below(&rng, 3)] };
					break;
				case 1:
					a[0] = (struct assignment){ "status", "not-applicable" };
					a[1] = (struct assignment){ "reason", notes[sim_below(&rng, ARRAY_LEN(notes))] };
					na = 2;
					break;
				case 2:
					snprintf(field, sizeof field, "activity.%s.%s", rids[sim_below(&rng, 3)],
						 sim_below(&rng, 2) ? "date" : "participants");
					a[0] = (struct assignment){ field, strstr(field, ".date") ? "2023-03-14" :
									   sim_below(&rng, 2) ? "45" : "7" };
					break;
				case 3:
					snprintf(field, sizeof field, "activity.%s.deleted", rids[sim_below(&rng, 3)]);
					a[0] = (struct assignment){ field, "yes" };
					break;
				case 4:
					a[0] = (struct assignment){ "review", sim_below(&rng, 2) ? "approved" : "needs-work" };
					break;
				default:
					break;
				}
				ctx.now += 1000;
				ctx2.now += 700;
				checklist_apply(c == &ctx ? st->cl : other->cl, sim_directive(), it, a, na, c,
						&err);
			}
			if (sim_below(&rng, 2))
				cr_assert(state_join(st, other, &err), "%s", err.message);
			cr_assert(store_save(path, st, sim_directive(), NULL, &err), "%s", err.message);
		}
		char *saved = sim_read(path, &len);
		struct state *fresh = store_parse(saved, len, "x.yaml", sim_directive(), &err);

		cr_assert_not_null(fresh, "seed %llu: %s", (unsigned long long)seed, err.message);
		char *out2 = store_emit(fresh, sim_directive(), &len2);

		cr_assert(len == len2 && memcmp(saved, out2, len) == 0,
			  "seed %llu: kept entries wrote other bytes than a fresh load:\n%s\n----\n%s",
			  (unsigned long long)seed, saved, out2);
		free(saved); free(out2); free(path); free(unit);
		state_free(fresh); state_free(st); state_free(other);
	}
	free(dir);
}

/* ---- the same events give the same bytes, whichever writer ---- */

/* The /2 bytes of a file the /1 writer wrote: the format line says /2,
 * and the file ends with `events: N` where libyaml had ended the
 * document with "..." (or with nothing) after the last entry. */
static char *as_v2(const char *v1, size_t len, size_t n, size_t *out_len)
{
	struct buf b = {0};
	const char *fmt = strstr(v1, "format: dvk-state/1\n");

	cr_assert_not_null(fmt);
	buf_add(&b, v1, (size_t)(fmt - v1));
	buf_adds(&b, "format: dvk-state/2\n");
	fmt += strlen("format: dvk-state/1\n");
	if (len >= 4 && memcmp(v1 + len - 4, "...\n", 4) == 0)
		len -= 4;
	buf_add(&b, fmt, len - (size_t)(fmt - v1));
	buf_printf(&b, "events: %zu\n", n);
	*out_len = b.len;
	return buf_steal(&b);
}

/* golden-v1.dvk.yaml was written by dvk before the compact engine and the
 * saves that copy log entries from disk (genstate's 300 edits by three
 * people, then two `dvk set` on two copies and `dvk merge`: conflicts,
 * a multi-line note ending in blank lines, quotes and '#').  Every way of
 * writing those events must give these bytes again: a fresh load written
 * out, a save into a new file, the events added one by one in reverse
 * order, and `dvk merge` of the file with itself in a new process.  (Its
 * header has since gained `revision: 1`, PLAN decision 3, and its log the
 * unit's name as an event, decision 4: the header's unit_name alone, as
 * the old writer left it, became that event when dvk first read it.) */
Test(store, the_same_events_give_the_bytes_the_old_writer_gave)
{
	size_t v1len, goldlen, len;
	char *v1 = fixture("golden-v1.dvk.yaml", &v1len), *gold;
	char *dir = sim_tmpdir(), *path = store_path(dir, "thanh-hoa-dvk-2023", "xa-quang-hoa");
	struct dvk_error err;
	struct state *st = store_parse(v1, v1len, "golden.yaml", sim_directive(), &err);
	struct state *rev;
	char *out, *cmd_out;

	cr_assert_not_null(st, "%s", err.message);
	cr_assert_gt(checklist_count(st->cl), 300);
	gold = as_v2(v1, v1len, checklist_count(st->cl), &goldlen);
	free(v1);
	out = store_emit(st, sim_directive(), &len);
	cr_assert(len == goldlen && memcmp(out, gold, len) == 0, "a fresh load writes other bytes");
	free(out);

	cr_assert(store_save(path, st, sim_directive(), NULL, &err), "%s", err.message);
	out = sim_read(path, &len);
	cr_assert(len == goldlen && memcmp(out, gold, len) == 0, "a save writes other bytes");
	free(out);

	rev = state_new(st->directive, st->unit);
	const struct event *const *ev = checklist_events(st->cl);

	for (size_t i = checklist_count(st->cl); i-- > 0;)
		checklist_add(rev->cl, ev[i]);
	out = store_emit(rev, sim_directive(), &len);
	cr_assert(len == goldlen && memcmp(out, gold, len) == 0,
		  "the events added in another order write other bytes");
	free(out);

	char *merged = xasprintf("%s/merged.yaml", dir);
	cr_assert_eq(sim_run(&cmd_out, "'%s' --unit xa-quang-hoa merge '%s' '%s' -o '%s' 2>&1",
			     getenv("DVK_BIN"), path, path, merged), 0, "%s", cmd_out);
	out = sim_read(merged, &len);
	cr_assert(len == goldlen && memcmp(out, gold, len) == 0, "dvk merge writes other bytes");
	free(out); free(cmd_out); free(merged);
	state_free(rev);
	state_free(st);
	free(gold); free(path); free(dir);
}

/* ---- files cut short (format /2 ends with `events: N`) ---- */

/* A sync or a copy that stops half way leaves a prefix of the file: cut
 * at every byte, a /2 file is "incomplete" (never read as a shorter
 * valid file), with the line where it ends. */
Test(store, a_file_cut_anywhere_is_incomplete)
{
	size_t inlen, len;
	char *in = fixture("tricky-values.dvk.yaml", &inlen);
	struct dvk_error err;
	struct state *st = store_parse(in, inlen, "tricky.yaml", sim_directive(), &err), *back;
	char *out;

	cr_assert_not_null(st, "%s", err.message);
	out = store_emit(st, sim_directive(), &len);
	cr_assert(strstr(out, "\nformat: dvk-state/2\n"));
	cr_assert(len > 12 && memcmp(out + len - 11, "events: 20\n", 11) == 0, "the file ends:\n%s", out);
	back = store_parse(out, len - 1, "cut.yaml", sim_directive(), &err); /* no final newline */
	cr_assert_not_null(back, "%s", err.message);
	state_free(back);
	for (size_t cut = 0; cut + 1 < len; cut++) {
		int lines = 1;

		for (size_t i = 0; i + 1 < cut; i++)
			lines += out[i] == '\n';
		back = store_parse(out, cut, "cut.yaml", sim_directive(), &err);
		cr_assert_null(back, "cut after byte %zu of %zu was read as a complete file", cut, len);
		cr_assert_eq(err.code, DVK_E_INCOMPLETE, "cut after byte %zu (line %d): %d:%d: %s", cut,
			     lines, err.line, err.col, err.message);
		cr_assert(strstr(err.message, "incomplete file"), "%s", err.message);
		cr_assert_eq(err.line, lines, "cut after byte %zu: line %d, want %d (%s)", cut, err.line,
			     lines, err.message);
	}
	free(out);
	free(in);
	state_free(st);
}

Test(store, an_empty_state_file_ends_with_events_0_and_a_wrong_count_is_refused)
{
	struct state *st = state_new("thanh-hoa-dvk-2023", "xa-quang-hoa"), *back;
	struct dvk_error err;
	size_t len;
	char *out = store_emit(st, sim_directive(), &len);
	const char *v2 = "format: dvk-state/2\ndirective: thanh-hoa-dvk-2023\nunit: xa-quang-hoa\n";
	char *wrong = xasprintf("%slog:\n" EVENT("XVFXC3DKJ7STFSCY", "1.1", "status", "done") "events: 2\n", v2);
	char *nolog = xasprintf("%sitems: {}\n", v2);

	cr_assert(strstr(out, "log: []\nevents: 0\n"), "%s", out);
	back = store_parse(out, len, "x.yaml", sim_directive(), &err);
	cr_assert_not_null(back, "%s", err.message);
	cr_assert_eq(back->format, 2);
	state_free(back);
	back = store_parse(wrong, strlen(wrong), "x.yaml", sim_directive(), &err);
	cr_assert_null(back);
	cr_assert_eq(err.code, DVK_E_INCOMPLETE, "%s", err.message);
	cr_assert(strstr(err.message, "says 2 log entries but the log has 1"), "%s", err.message);
	back = store_parse(nolog, strlen(nolog), "x.yaml", sim_directive(), &err);
	cr_assert_null(back);
	cr_assert_eq(err.code, DVK_E_INCOMPLETE, "%s", err.message);
	/* /1 files have no marker and are still read */
	back = store_parse(valid, strlen(valid), "old.yaml", sim_directive(), &err);
	cr_assert_not_null(back, "%s", err.message);
	cr_assert_eq(back->format, 1);
	state_free(back);
	free(wrong); free(nolog); free(out);
	state_free(st);
}

/* #10 item 4: a value over the reader's 1 MiB limit is refused by the
 * save that would write it, with the limit named, and the file stays. */
Test(store, a_save_refuses_a_value_the_reader_would_refuse)
{
	char *dir = sim_tmpdir(), *path = store_path(dir, "thanh-hoa-dvk-2023", "xa-quang-hoa");
	uint64_t rng = 12;
	static struct hlc h;
	struct edit_ctx ctx = { "Minh", "minh-t480", &h, 1678838400000LL, sim_random, &rng };
	char *big = xmalloc(1100001);
	struct assignment a = { "note", big };
	struct state *st = one_edit("1.1", "done", &rng);
	struct dvk_error err;
	size_t oldlen, len;
	char *old, *now;

	memset(big, 'x', 1100000);
	big[1100000] = '\0';
	cr_assert(store_save(path, st, sim_directive(), NULL, &err), "%s", err.message);
	old = sim_read(path, &oldlen);
	cr_assert_eq(checklist_apply(st->cl, sim_directive(), "1.2", &a, 1, &ctx, &err), 1);
	cr_assert_not(store_save(path, st, sim_directive(), NULL, &err));
	cr_assert_eq(err.code, DVK_E_LIMIT, "%s", err.message);
	cr_assert(strstr(err.message, "too long") && strstr(err.message, "the limit is 1048576"), "%s",
		  err.message);
	now = sim_read(path, &len);
	cr_assert(len == oldlen && memcmp(now, old, len) == 0, "the file changed");
	free(now); free(old); free(big); state_free(st); free(path); free(dir);
}

/* ---- saves that copy what did not change ---- */

/* A save by a new process copies the entries it read (they are checked
 * canonical when read) and writes only the new ones: the file is still
 * what a writer that writes everything afresh writes, after loading a
 * hand-made file, after an edit, after a join, after a save that adds
 * nothing (which leaves the file alone). */
Test(store, a_save_copies_what_it_read_and_writes_what_a_fresh_writer_writes)
{
	size_t inlen, goldlen, len, len2;
	char *in = fixture("tricky-values.dvk.yaml", &inlen);
	char *gold = fixture("tricky-values.canonical.yaml", &goldlen);
	char *dir = sim_tmpdir(), *path = store_path(dir, "thanh-hoa-dvk-2023", "xa-quang-hoa");
	struct dvk_error err;
	uint64_t rng = 7;
	struct hlc h = {0};
	struct edit_ctx ctx = { "Lê Thị Hạnh", "hanh-x220", &h, 1678838400000LL, sim_random, &rng };
	struct assignment note = { "note", "dòng 1\n\ndòng 3\n\n" }, st2 = { "status", "done" };
	struct state *st;
	struct stat before, after;
	char *out, *fresh;

	char *folder = xasprintf("%s/thanh-hoa-dvk-2023", dir);

	cr_assert(dvk_mkdirs(folder, &err), "%s", err.message);
	free(folder);
	sim_write(path, in, inlen); /* hand-made: not canonical */
	st = store_load(path, sim_directive(), &err);
	cr_assert_not_null(st, "%s", err.message);
	cr_assert(store_save(path, st, sim_directive(), NULL, &err), "%s", err.message);
	out = sim_read(path, &len);
	cr_assert(len == goldlen && memcmp(out, gold, len) == 0, "the first save wrote:\n%s", out);
	free(out);
	state_free(st);
	for (int round = 0; round < 3; round++) {
		st = store_load(path, sim_directive(), &err);
		cr_assert_not_null(st, "%s", err.message);
		ctx.now += 60000;
		cr_assert_geq(checklist_apply(st->cl, sim_directive(), round ? "2.1" : "1.1",
					      round == 1 ? &st2 : &note, 1, &ctx, &err), 0, "%s", err.message);
		cr_assert(store_save(path, st, sim_directive(), NULL, &err), "%s", err.message);
		out = sim_read(path, &len);
		fresh = store_emit(st, sim_directive(), &len2);
		cr_assert(len == len2 && memcmp(out, fresh, len) == 0,
			  "round %d: the save wrote other bytes than a fresh writer:\n%s\n----\n%s", round,
			  out, fresh);
		free(out);
		free(fresh);
		state_free(st);
	}
	/* nothing new: the file and its time stay */
	st = store_load(path, sim_directive(), &err);
	cr_assert_not_null(st);
	cr_assert_eq(stat(path, &before), 0);
	usleep(20000);
	cr_assert(store_save(path, st, sim_directive(), NULL, &err), "%s", err.message);
	cr_assert_eq(stat(path, &after), 0);
	cr_assert(before.st_ino == after.st_ino && before.st_mtim.tv_nsec == after.st_mtim.tv_nsec,
		  "a save that brought nothing new replaced the file");
	state_free(st);
	free(in); free(gold); free(path); free(dir);
}

/* ---- reading a summary as text ---- */

/* Two states hold the same: the same events, no hand edits, the same
 * canonical bytes. */
static void same_state(struct state *a, struct state *b)
{
	const struct hand_edit *h;
	size_t la, lb;
	char *ea, *eb;

	cr_assert_not_null(a);
	cr_assert_not_null(b);
	cr_assert_eq(checklist_count(a->cl), checklist_count(b->cl));
	cr_assert(checklist_subset(a->cl, b->cl) && checklist_subset(b->cl, a->cl));
	cr_assert_eq(state_hand_edits(a, &h), state_hand_edits(b, &h));
	ea = store_emit(a, sim_directive(), &la);
	eb = store_emit(b, sim_directive(), &lb);
	cr_assert(la == lb && memcmp(ea, eb, la) == 0, "%s\n----\n%s", ea, eb);
	free(ea);
	free(eb);
}

/* A unit file as dvk writes it, of what people write: statuses, a note of
 * several lines, a reason, an activity record, a review, a conflict. */
static char *plain_file(size_t *len)
{
	static const struct { const char *item, *field, *value; int who; } edits[] = {
		{ "1.1", "status", "in-progress", 0 },
		{ "1.1", "note", "Đã họp ngày 14/3.\nPhân công cán bộ phụ trách từng thôn.", 0 },
		{ "2.1", "activity.ABCDEFGH.date", "2023-03-14", 0 },
		{ "2.1", "activity.ABCDEFGH.participants", "45", 0 },
		{ "4.3", "reason", "Không có đơn thư trong kỳ", 0 },
		{ "4.3", "status", "not-applicable", 0 },
		{ "1.2", "note", "Bản của Hạnh", 0 },
		{ "1.2", "note", "Bản của Minh", 1 },
		{ "2.1", "review", "approved", 1 },
	};
	uint64_t rng = 5;
	struct hlc h[2] = { {0}, {0} };
	struct edit_ctx ctx[2] = {
		{ "Lê Thị Hạnh", "hanh-x220", &h[0], 1678838400000LL, sim_random, &rng },
		{ "Trần Minh", "minh-t430", &h[1], 1678838400000LL, sim_random, &rng },
	};
	struct state *st = state_new("thanh-hoa-dvk-2023", "xa-quang-hoa");
	struct state *other = state_new("thanh-hoa-dvk-2023", "xa-quang-hoa");
	struct dvk_error err;
	char *out;

	for (size_t i = 0; i < ARRAY_LEN(edits); i++) {
		struct assignment a = { edits[i].field, edits[i].value };

		ctx[edits[i].who].now += 1000;
		cr_assert_geq(checklist_apply((edits[i].who ? other : st)->cl, sim_directive(),
					      edits[i].item, &a, 1, &ctx[edits[i].who], &err),
			      0, "%s", err.message);
	}
	cr_assert(state_join(st, other, &err), "%s", err.message);
	out = store_emit(st, sim_directive(), len);
	cr_assert(strstr(out, "    conflicts:\n") && strstr(out, "    note: |-\n"), "%s", out);
	state_free(st);
	state_free(other);
	return out;
}

/* The 1-based line of the first occurrence of what in buf, after from. */
static int line_of(const char *buf, const char *from, const char *what)
{
	const char *at = strstr(strstr(buf, from), what);
	int line = 1;

	cr_assert_not_null(at, "no \"%s\"", what);
	for (const char *p = buf; p < at; p++)
		line += *p == '\n';
	return line;
}

/* A summary dvk wrote is compared with what dvk writes, as text, instead
 * of being read (it is a quarter of a unit file): the state is the one a
 * full reading gives, for every way in: a report's (a buffer and a shared
 * store_known), a verb's (a path), a save's (a path and the directive).
 * The file is the one with block scalars that keep their final newlines,
 * document markers, quotes, tabs and long lines. */
Test(store, a_summary_dvk_wrote_is_compared_as_text_and_gives_the_state_a_full_read_gives)
{
	for (int input = 0; input < 2; input++) {
	size_t len;
	char *buf = input ? fixture("tricky-values.canonical.yaml", &len) : plain_file(&len);
	char *dir = sim_tmpdir(), *path = xasprintf("%s/x.dvk.yaml", dir);
	struct store_known *k = store_known_new(sim_directive());
	struct dvk_error err;
	struct state *full, *st;
	unsigned long before;
	char *want = xstrndup(buf, len);

	sim_write(path, buf, len);
	full = store_parse(buf, len, path, NULL, &err); /* no directive: read in full */
	cr_assert_not_null(full, "%s", err.message);
	before = store_summaries_skipped();
	st = store_parse_known(buf, len, path, NULL, k, &err);
	same_state(full, st);
	state_free(st);
	st = store_load_known(path, k, &err);
	same_state(full, st);
	state_free(st);
	st = store_load(path, sim_directive(), &err);
	same_state(full, st);
	cr_assert_eq(store_summaries_skipped() - before, 3, "the summary was read");
	/* where each part is was noted too: a save with nothing new leaves
	 * the file as it is */
	cr_assert(store_save(path, st, sim_directive(), NULL, &err), "%s", err.message);
	{
		size_t now;
		char *after = sim_read(path, &now);

		cr_assert(now == len && memcmp(after, want, len) == 0);
		free(after);
	}
	state_free(st);
	state_free(full);
	store_known_free(k);
	free(want); free(buf); free(path); free(dir);
	}
}

/* What is not exactly what dvk writes is read in full: an edited summary
 * is a hand edit found at its own line, a log entry that does not read
 * is named at its own line, and a summary with other titles (another
 * revision of the directive) gives the same state. */
Test(store, a_summary_that_is_not_what_dvk_writes_is_read_in_full)
{
	size_t len;
	char *buf = plain_file(&len), *edited;
	struct directive *other = directive_dup(sim_directive());
	struct store_known *k = store_known_new(sim_directive()), *k2;
	const struct hand_edit *h, *hf;
	struct dvk_error err, ferr;
	struct state *full, *st;
	unsigned long before = store_summaries_skipped();
	char *at;

	/* a status changed by hand in the summary */
	at = strstr(strstr(buf, "\nitems:\n"), "    status: not-applicable\n");
	cr_assert_not_null(at);
	edited = xasprintf("%.*s    status: done\n%s", (int)(at - buf), buf,
			   at + strlen("    status: not-applicable\n"));
	full = store_parse(edited, strlen(edited), "x.yaml", NULL, &ferr);
	st = store_parse_known(edited, strlen(edited), "x.yaml", NULL, k, &err);
	cr_assert_not_null(full, "%s", ferr.message);
	cr_assert_not_null(st, "%s", err.message);
	cr_assert_eq(state_hand_edits(st, &h), 1);
	cr_assert_eq(state_hand_edits(full, &hf), 1);
	cr_assert_eq(h[0].line, hf[0].line);
	cr_assert_eq(h[0].line, line_of(edited, "\nitems:\n", "    status: done"));
	state_free(st);
	state_free(full);
	free(edited);

	/* a time in the log that does not read */
	edited = strdup(buf);
	at = strstr(strstr(edited, "\nlog:\n"), "at: \"2");
	cr_assert_not_null(at);
	at[5] = 'X';
	st = store_parse_known(edited, strlen(edited), "x.yaml", NULL, k, &err);
	cr_assert_null(st);
	cr_assert_eq(err.line, line_of(edited, "\nlog:\n", "at: \"X"), "%s", err.message);
	cr_assert(strstr(err.message, "bad time"), "%s", err.message);
	free(edited);

	/* another title, of the same length (a letter corrected) */
	cr_assert_eq(other->items[0].text[0], 'T');
	other->items[0].text[0] = 'X';
	k2 = store_known_new(other);
	full = store_parse(buf, len, "x.yaml", NULL, &err);
	st = store_parse_known(buf, len, "x.yaml", NULL, k2, &err);
	same_state(full, st);
	state_free(st);
	state_free(full);
	cr_assert_eq(store_summaries_skipped(), before, "a summary was taken as text");

	store_known_free(k2);
	store_known_free(k);
	directive_free(other);
	free(buf);
}

/* The state remembers the file by its digest, not its size or time: a
 * copy put over it behind its back, even of the same size, is joined
 * before the next save, so nothing in it is lost. */
Test(store, a_file_replaced_behind_a_save_is_joined_even_at_the_same_size)
{
	char *dir = sim_tmpdir(), *path = store_path(dir, "thanh-hoa-dvk-2023", "xa-quang-hoa");
	uint64_t rng = 11;
	struct hlc h = {0};
	struct edit_ctx ctx = { "Lê Thị Hạnh", "hanh-x220", &h, 1678838400000LL, sim_random, &rng };
	struct assignment a1 = { "note", "AAAA" }, a2 = { "note", "BBBB" };
	struct state *st = state_new("thanh-hoa-dvk-2023", "xa-quang-hoa"), *back;
	struct dvk_error err;
	size_t len;
	char *bytes, *at;

	cr_assert_eq(checklist_apply(st->cl, sim_directive(), "1.1", &a1, 1, &ctx, &err), 1);
	cr_assert(store_save(path, st, sim_directive(), NULL, &err), "%s", err.message);
	/* someone edits the file by hand: the same length, another value */
	bytes = sim_read(path, &len);
	while ((at = strstr(bytes, "AAAA")))
		memcpy(at, "CCCC", 4);
	sim_write(path, bytes, len);
	free(bytes);
	ctx.now += 1000;
	cr_assert_eq(checklist_apply(st->cl, sim_directive(), "1.2", &a2, 1, &ctx, &err), 1);
	cr_assert(store_save(path, st, sim_directive(), NULL, &err), "%s", err.message);
	back = store_load(path, sim_directive(), &err);
	cr_assert_not_null(back, "%s", err.message);
	cr_assert_eq(checklist_count(back->cl), 3, "the hand-altered entry was lost or doubled (%zu)",
		     checklist_count(back->cl));
	bool conflict;
	cr_assert_null(checklist_value(back->cl, "1.1", "note", &conflict));
	cr_assert(conflict, "AAAA and CCCC should both be kept, as a conflict");
	state_free(back);
	state_free(st);
	free(path); free(dir);
}

/* ---- this laptop's journal (#10 item 1) ---- */

static struct state *journal_edit(struct state *st, const char *item, const char *note, uint64_t *rng)
{
	static struct hlc h;
	struct edit_ctx ctx = { "Lê Thị Hạnh", "hanh-x220", &h, 1678838400000LL, sim_random, rng };
	struct assignment a = { "note", note };
	struct dvk_error err;

	cr_assert_eq(checklist_apply(st->cl, sim_directive(), item, &a, 1, &ctx, &err), 1, "%s", err.message);
	return st;
}

static size_t count_dir(const char *dir, const char *suffix)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	while (d && (e = readdir(d)))
		n += e->d_name[0] != '.' && strstr(e->d_name, suffix) != NULL;
	if (d)
		closedir(d);
	return n;
}

/* An older copy put over the file (by Syncthing, cp, a stick) takes edits
 * away; the journal brings them back and the next save puts them back. */
Test(journal, an_older_copy_over_the_file_loses_nothing_this_laptop_saved)
{
	char *dir = sim_tmpdir(), *path = store_path(dir, "thanh-hoa-dvk-2023", "xa-quang-hoa");
	char *jpath = store_journal_path(dir, "thanh-hoa-dvk-2023", "xa-quang-hoa");
	struct state *st = state_new("thanh-hoa-dvk-2023", "xa-quang-hoa"), *back;
	struct dvk_error err, warn;
	uint64_t rng = 21;
	size_t oldlen, restored = 99;
	char *old;

	store_journal_attach(st, jpath, NULL, sim_directive(), &restored, &warn);
	cr_assert_eq(restored, 0);
	cr_assert_eq(warn.code, DVK_E_NONE);
	cr_assert(store_save(path, journal_edit(st, "1.1", "một", &rng), sim_directive(), NULL, &err), "%s",
		  err.message);
	old = sim_read(path, &oldlen);
	cr_assert(store_save(path, journal_edit(st, "1.2", "hai", &rng), sim_directive(), NULL, &err), "%s",
		  err.message);
	cr_assert(store_save(path, journal_edit(st, "1.3", "ba", &rng), sim_directive(), NULL, &err), "%s",
		  err.message);
	state_free(st);
	sim_write(path, old, oldlen); /* `cp` of the old copy */

	back = store_load(path, sim_directive(), &err);
	cr_assert_not_null(back, "%s", err.message);
	cr_assert_eq(checklist_count(back->cl), 1);
	store_journal_attach(back, jpath, path, sim_directive(), &restored, &warn);
	cr_assert_eq(restored, 2, "the journal brought back %zu edits", restored);
	cr_assert_str_eq(checklist_value(back->cl, "1.3", "note", NULL), "ba");
	cr_assert(store_save(path, back, sim_directive(), NULL, &err), "%s", err.message);
	state_free(back);
	back = store_load(path, sim_directive(), &err);
	cr_assert_eq(checklist_count(back->cl), 3, "the save did not put them back");
	state_free(back);
	free(old); free(jpath); free(path); free(dir);
}

/* A save writes only what the journal lacks (a segment of one event);
 * segments are folded into the journal file when a state has written
 * enough of them and by store_journal_compact, losing nothing, also with
 * a second session writing segments of its own meanwhile. */
Test(journal, saves_write_small_segments_and_compaction_keeps_everything)
{
	char *dir = sim_tmpdir(), *path = store_path(dir, "thanh-hoa-dvk-2023", "xa-quang-hoa");
	char *jpath = store_journal_path(dir, "thanh-hoa-dvk-2023", "xa-quang-hoa");
	char *segdir = xasprintf("%s.d", jpath);
	struct state *a = state_new("thanh-hoa-dvk-2023", "xa-quang-hoa");
	struct state *b = state_new("thanh-hoa-dvk-2023", "xa-quang-hoa"), *j;
	struct dvk_error err, warn;
	uint64_t rng = 22;
	size_t max_segs = 0;

	store_journal_attach(a, jpath, NULL, sim_directive(), NULL, &warn);
	store_journal_attach(b, jpath, NULL, sim_directive(), NULL, &warn);
	for (int i = 0; i < 80; i++) {
		char note[32];
		struct state *s = i % 3 ? a : b;
		size_t segs;

		snprintf(note, sizeof note, "lần %d", i);
		journal_edit(s, i % 2 ? "2.1" : "3.1", note, &rng);
		cr_assert(store_journal_record(s, sim_directive(), &err), "%s", err.message);
		segs = count_dir(segdir, ".dvk.yaml");
		max_segs = segs > max_segs ? segs : max_segs;
		if (i == 5) {
			/* one event per segment: each is small */
			DIR *d = opendir(segdir);
			struct dirent *e;
			size_t len, seen = 0;

			while ((e = readdir(d))) {
				if (e->d_name[0] == '.')
					continue;
				char *p = xasprintf("%s/%s", segdir, e->d_name), *bytes = sim_read(p, &len);

				cr_assert(strstr(bytes, "\nevents: 1\n"), "%s", bytes);
				seen++;
				free(bytes);
				free(p);
			}
			closedir(d);
			cr_assert_geq(seen, 3);
		}
	}
	cr_assert_leq(max_segs, 2 * 33, "segments pile up: %zu", max_segs);
	cr_assert(store_journal_compact(a, sim_directive(), &err), "%s", err.message);
	cr_assert_eq(count_dir(segdir, ".dvk.yaml"), 0, "compaction left segments");
	j = store_load(jpath, sim_directive(), &err);
	cr_assert_not_null(j, "%s", err.message);
	cr_assert_eq(checklist_count(j->cl), 80, "the journal holds %zu of 80 edits", checklist_count(j->cl));
	cr_assert_eq(checklist_count(a->cl), 80, "compaction did not join b's events into a");
	state_free(j);
	/* nothing in the data folder: the journal lives elsewhere */
	cr_assert_not(store_exists(path));
	state_free(a); state_free(b);
	free(segdir); free(jpath); free(path); free(dir);
}

/* The file cannot be written (here: it does not parse, so it is never
 * overwritten): the save fails, but the edit is already in the journal,
 * and once the file is readable again the next open brings it back. */
Test(journal, a_failed_save_leaves_the_edit_in_the_journal)
{
	char *dir = sim_tmpdir(), *path = store_path(dir, "thanh-hoa-dvk-2023", "xa-quang-hoa");
	char *jpath = store_journal_path(dir, "thanh-hoa-dvk-2023", "xa-quang-hoa");
	const char *broken = "format: dvk-state/2\nlog: [\n";
	struct state *st = state_new("thanh-hoa-dvk-2023", "xa-quang-hoa"), *back;
	struct dvk_error err, warn;
	uint64_t rng = 23;
	size_t restored;

	store_journal_attach(st, jpath, NULL, sim_directive(), NULL, &warn);
	cr_assert(store_save(path, journal_edit(st, "1.1", "một", &rng), sim_directive(), NULL, &err), "%s",
		  err.message);
	sim_write(path, broken, strlen(broken));
	cr_assert_not(store_save(path, journal_edit(st, "4.2", "không lưu được", &rng), sim_directive(), NULL,
				 &err));
	state_free(st);
	unlink(path); /* someone repairs the folder */
	back = state_new("thanh-hoa-dvk-2023", "xa-quang-hoa");
	store_journal_attach(back, jpath, NULL, sim_directive(), &restored, &warn);
	cr_assert_eq(restored, 2);
	cr_assert_str_eq(checklist_value(back->cl, "4.2", "note", NULL), "không lưu được");
	state_free(back);
	free(jpath); free(path); free(dir);
}

/* At the end of a session the journal is compacted into the unit file's
 * very bytes; the next start does not read that copy again (a second set
 * of every event), but still takes what newer segments hold, and knows
 * the journal holds everything (no segment for events already in it). */
Test(journal, a_journal_that_is_the_file_again_is_not_read_twice_and_its_segments_are)
{
	char *dir = sim_tmpdir(), *path = store_path(dir, "thanh-hoa-dvk-2023", "xa-quang-hoa");
	char *jpath = store_journal_path(dir, "thanh-hoa-dvk-2023", "xa-quang-hoa");
	char *segdir = xasprintf("%s.d", jpath), *fbytes, *jbytes;
	struct state *st = state_new("thanh-hoa-dvk-2023", "xa-quang-hoa"), *back, *other;
	struct dvk_error err, warn;
	uint64_t rng = 31;
	size_t flen, jlen, restored = 99;

	store_journal_attach(st, jpath, NULL, sim_directive(), NULL, &warn);
	static const char *notes[] = {"một", "hai", "lại hai"};
	for (int i = 0; i < 3; i++)
		cr_assert(store_save(path, journal_edit(st, i ? "2.1" : "1.1", notes[i], &rng),
				     sim_directive(), NULL, &err), "%s", err.message);
	cr_assert(store_journal_compact(st, sim_directive(), &err), "%s", err.message);
	state_free(st);
	fbytes = sim_read(path, &flen);
	jbytes = sim_read(jpath, &jlen);
	cr_assert(flen == jlen && !memcmp(fbytes, jbytes, flen),
		  "the compacted journal is not the unit file's bytes: the next start reads it again");

	/* another session on this laptop saved one edit into a segment only */
	other = store_load(path, sim_directive(), &err);
	cr_assert_not_null(other, "%s", err.message);
	store_journal_attach(other, jpath, NULL, sim_directive(), NULL, &warn);
	journal_edit(other, "3.1", "ba", &rng);
	cr_assert(store_journal_record(other, sim_directive(), &err), "%s", err.message);
	cr_assert_eq(count_dir(segdir, ".dvk.yaml"), 1);
	state_free(other);

	back = store_load(path, sim_directive(), &err);
	cr_assert_not_null(back, "%s", err.message);
	store_journal_attach(back, jpath, path, sim_directive(), &restored, &warn);
	cr_assert_eq(warn.code, DVK_E_NONE, "%s", warn.message);
	cr_assert_eq(restored, 1, "the segment brought back %zu edits", restored);
	cr_assert_str_eq(checklist_value(back->cl, "3.1", "note", NULL), "ba");
	cr_assert_eq(checklist_count(back->cl), 4);
	/* everything back holds is in the journal: recording writes nothing */
	cr_assert(store_journal_record(back, sim_directive(), &err), "%s", err.message);
	cr_assert_eq(count_dir(segdir, ".dvk.yaml"), 1, "a segment of events the journal holds");
	state_free(back);
	free(fbytes); free(jbytes); free(segdir); free(jpath); free(path); free(dir);
}

/* A journal file that does not read is renamed aside, never deleted or
 * overwritten, and named; saves go on. */
Test(journal, a_journal_that_does_not_read_is_set_aside_and_saves_go_on)
{
	char *dir = sim_tmpdir(), *path = store_path(dir, "thanh-hoa-dvk-2023", "xa-quang-hoa");
	char *jpath = store_journal_path(dir, "thanh-hoa-dvk-2023", "xa-quang-hoa");
	char *jdir = xasprintf("%s/journal/thanh-hoa-dvk-2023", dir);
	struct state *st = state_new("thanh-hoa-dvk-2023", "xa-quang-hoa");
	struct dvk_error err, warn;
	uint64_t rng = 24;

	cr_assert(dvk_mkdirs(jdir, &err));
	sim_write(jpath, "format: dvk-state/2\nunit: [\n", 28);
	store_journal_attach(st, jpath, NULL, sim_directive(), NULL, &warn);
	cr_assert_neq(warn.code, DVK_E_NONE);
	cr_assert(strstr(warn.message, "unreadable"), "%s", warn.message);
	cr_assert_eq(count_dir(jdir, ".unreadable-"), 1);
	cr_assert(store_save(path, journal_edit(st, "1.1", "một", &rng), sim_directive(), NULL, &err), "%s",
		  err.message);
	cr_assert(store_exists(jpath));
	cr_assert_eq(count_dir(jdir, ".unreadable-"), 1);
	state_free(st);
	free(jdir); free(jpath); free(path); free(dir);
}
