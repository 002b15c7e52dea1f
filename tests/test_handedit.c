/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_handedit.c: hand edits of a state file's `items:` summary are never
 * dropped silently (issue #10 item 9).  A reviewer who changes a status or
 * rewrites a note in a text editor finds the edit in the log after the
 * next `dvk status` or `dvk set`, marked as a hand edit, shown by `dvk
 * log`, listed by `dvk check` with its place, merged with other copies
 * like any edit, and shown in the TUI's "Thay đổi mới"; an edit dvk
 * cannot understand is refused with its place and changes nothing.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "tests/helpers/sim.h"
#include "tests/helpers/tuirun.h"

static char *tmp;

static void fresh(void)
{
	tmp = sim_tmpdir();
}

static void done(void)
{
	free(tmp);
}

/* Laptops of one unit: folders a and b, each with its own config and
 * state (XDG). */
#define LAPTOP(x, user) \
	"export DVK_LANG=en DVK_UNIT=xa-quang-hoa DVK_DATA=%s/" x " XDG_CONFIG_HOME=%s/" x \
	"-cfg XDG_STATE_HOME=%s/" x "-state DVK_USER='" user "'; "
#define A LAPTOP("a", "Lê Thị Hạnh")
#define B LAPTOP("b", "Trần Văn Minh")
#define FILE_OF(x) "%s/" x "/thanh-hoa-dvk-2023/xa-quang-hoa.dvk.yaml"
#define OWN_NAME "xa-quang-hoa.dvk.yaml"

static char *path_of(const char *laptop)
{
	return xasprintf("%s/%s/thanh-hoa-dvk-2023/xa-quang-hoa.dvk.yaml", tmp, laptop);
}

/* Laptop a's file with 1.1 done, a note and one activity record, 1.2 in
 * progress. */
static void base(void)
{
	fresh();
	cr_assert_eq(sim_run(NULL, A "$DVK set 1.1 status=done note='Đã họp ngày 14/3' >/dev/null && "
				   "$DVK set 1.1 activity.date=2023-03-14 activity.participants=45 >/dev/null && "
				   "$DVK set 1.2 status=in-progress >/dev/null", tmp, tmp, tmp), 0);
}

/* What a text editor does: the first `from` in the file becomes `to`. */
static void hand_edit(const char *path, const char *from, const char *to)
{
	size_t len;
	char *text = sim_read(path, &len), *at = strstr(text, from);
	struct buf b = {0};

	cr_assert_not_null(at, "\"%s\" is not in %s:\n%s", from, path, text);
	buf_add(&b, text, (size_t)(at - text));
	buf_adds(&b, to);
	buf_adds(&b, at + strlen(from));
	sim_write(path, b.data, b.len);
	buf_free(&b);
	free(text);
}

/* The line (1-based) of the first line of path's text holding s. */
static int line_of(const char *text, const char *s)
{
	const char *at = strstr(text, s);
	int line = 1;

	cr_assert_not_null(at, "no \"%s\"", s);
	for (const char *p = text; p < at; p++)
		line += *p == '\n';
	return line;
}

static struct state *load(const char *path)
{
	struct dvk_error err;
	struct state *st = store_load(path, sim_directive(), &err);

	cr_assert_not_null(st, "%s", err.message);
	return st;
}

/* The one head of (item, field) in st: a hand edit with this value. */
static void expect_hand_head(const struct state *st, const char *item, const char *field,
			     const char *value)
{
	const struct event **heads;
	size_t n = checklist_heads(st->cl, item, field, &heads);

	cr_assert_eq(n, 1, "%s %s has %zu heads", item, field, n);
	cr_expect_str_eq(heads[0]->value, value);
	cr_expect(event_is_hand_edit(heads[0]), "%s %s by %s, replica %s", item, field, heads[0]->by,
		  heads[0]->replica);
	cr_expect_str_eq(heads[0]->by, OWN_NAME);
	free(heads);
}

#define REVIEWED \
	"    status: in-progress\n    note: |-\n      Họp lại ngày 20/3.\n      Còn thiếu biên bản.\n"
#define REVIEWED_NOTE "Họp lại ngày 20/3.\nCòn thiếu biên bản."

/* The acceptance line: a reviewer changes `status: done` to in-progress
 * and rewrites the note with a text editor. */
static void reviewer_edits(const char *path)
{
	hand_edit(path, "    status: done\n    note: Đã họp ngày 14/3\n", REVIEWED);
}

/* ---- the acceptance line ---- */

Test(handedit, a_reviewers_edit_is_in_the_log_after_dvk_status, .init = base, .fini = done)
{
	char *path = path_of("a"), *out, *before;
	struct state *st;
	size_t len;

	reviewer_edits(path);
	before = sim_read(path, &len);
	cr_assert_eq(sim_run(&out, A "$DVK status 2>&1", tmp, tmp, tmp), 0);
	cr_expect(strstr(out, "2 changes made by hand in the file are now entries of its log"), "%s", out);
	cr_expect(strstr(out, ":10:13: edited by hand: 1.1 status: done → in-progress"), "%s", out);
	free(out);
	/* in the log now, as hand edits: the file read again has nothing
	 * left to turn into events */
	st = load(path);
	expect_hand_head(st, "1.1", "status", "in-progress");
	expect_hand_head(st, "1.1", "note", REVIEWED_NOTE);
	cr_expect_eq(st->nhand, 0, "the summary still differs from the log");
	state_free(st);
	cr_assert_eq(sim_run(&out, "grep -c '^  replica: hand-edit$' '%s'", path), 0);
	cr_expect_str_eq(out, "2\n");
	free(out);
	/* dvk log shows them, marked */
	cr_assert_eq(sim_run(&out, A "$DVK log 1.1", tmp, tmp, tmp), 0);
	cr_expect(strstr(out, "(by hand)             1.1  status: done → in-progress  "
			      "[edited by hand in " OWN_NAME "]\n"), "%s", out);
	cr_expect(strstr(out, "1.1  note: Đã họp ngày 14/3 → Họp lại ngày 20/3.⏎Còn thiếu biên bản.  "
			      "[edited by hand in " OWN_NAME "]\n"), "%s", out);
	free(out);
	/* and the summary the save wrote is the one the reviewer wrote */
	out = sim_read(path, &len);
	cr_expect(strstr(out, REVIEWED), "%s", out);
	free(out);
	free(before);
	free(path);
}

Test(handedit, a_reviewers_edit_is_in_the_log_after_dvk_set, .init = base, .fini = done)
{
	char *path = path_of("a"), *out;
	struct state *st;

	reviewer_edits(path);
	cr_assert_eq(sim_run(&out, A "$DVK set 2.1 status=done 2>&1", tmp, tmp, tmp), 0);
	cr_expect(strstr(out, "2 changes made by hand"), "%s", out);
	free(out);
	st = load(path);
	expect_hand_head(st, "1.1", "status", "in-progress");
	expect_hand_head(st, "1.1", "note", REVIEWED_NOTE);
	cr_expect_eq(checklist_status(st->cl, "2.1"), STATUS_DONE);
	state_free(st);
	free(path);
}

Test(handedit, dvk_check_lists_them_with_their_place_and_changes_nothing, .init = base, .fini = done)
{
	char *path = path_of("a"), *out, *text, *after, *want;
	size_t len, alen;

	reviewer_edits(path);
	hand_edit(path, "participants: \"45\"", "participants: \"50\"");
	text = sim_read(path, &len);
	cr_assert_eq(sim_run(&out, A "$DVK check '%s'", tmp, tmp, tmp, path), 0);
	want = xasprintf("%s:%d:13: edited by hand: 1.1 status: done → in-progress\n", path,
			 line_of(text, "    status: in-progress"));
	cr_expect(strstr(out, want), "no \"%s\" in:\n%s", want, out);
	free(want);
	want = xasprintf("%s:%d:11: edited by hand: 1.1 note: Đã họp ngày 14/3 → "
			 "Họp lại ngày 20/3.⏎Còn thiếu biên bản.\n", path, line_of(text, "    note: |-"));
	cr_expect(strstr(out, want), "no \"%s\" in:\n%s", want, out);
	free(want);
	want = xasprintf(":%d:21: edited by hand: 1.1 activity.", line_of(text, "participants: \"50\""));
	cr_expect(strstr(out, want) && strstr(out, ".participants: 45 → 50\n"), "no \"%s\" in:\n%s", want, out);
	free(want);
	free(out);
	after = sim_read(path, &alen);
	cr_expect(alen == len && memcmp(after, text, len) == 0, "dvk check changed the file");
	free(after);
	free(text);
	free(path);
}

/* ---- like any edit ---- */

Test(handedit, they_merge_with_other_copies_like_any_edit, .init = base, .fini = done)
{
	char *a = path_of("a"), *b = path_of("b"), *out, *ab, *ba;
	struct state *st;
	const struct event **heads;
	size_t n, la, lb;

	/* laptop b has the file as it was; both change it apart */
	cr_assert_eq(sim_run(NULL, "mkdir -p %s/b/thanh-hoa-dvk-2023 && cp '%s' '%s'", tmp, a, b), 0);
	reviewer_edits(a);
	cr_assert_eq(sim_run(NULL, A "$DVK status >/dev/null 2>&1", tmp, tmp, tmp), 0);
	cr_assert_eq(sim_run(NULL, B "$DVK set 1.1 note='Ý kiến của Minh' >/dev/null", tmp, tmp, tmp), 0);
	/* b takes a's copy in: the status edit stands, the two notes are a
	 * conflict like any two edits of one value */
	cr_assert_eq(sim_run(NULL, B "$DVK receive '%s' >/dev/null 2>&1", tmp, tmp, tmp, a), 0);
	st = load(b);
	expect_hand_head(st, "1.1", "status", "in-progress");
	n = checklist_heads(st->cl, "1.1", "note", &heads);
	cr_expect_eq(n, 2);
	cr_expect(n == 2 && (event_is_hand_edit(heads[0]) != event_is_hand_edit(heads[1])));
	free(heads);
	state_free(st);
	cr_assert_eq(sim_run(&out, B "$DVK status", tmp, tmp, tmp), 0);
	cr_expect(strstr(out, "1 conflicting value"), "%s", out);
	free(out);
	/* merging the two copies either way round gives the same file */
	cr_assert_eq(sim_run(NULL, A "$DVK merge '%s' '%s' -o %s/ab.yaml 2>/dev/null && "
				   "$DVK merge '%s' '%s' -o %s/ba.yaml 2>/dev/null",
			     tmp, tmp, tmp, a, b, tmp, b, a, tmp), 0);
	ab = xasprintf("%s/ab.yaml", tmp);
	ba = xasprintf("%s/ba.yaml", tmp);
	free(a);
	free(b);
	a = sim_read(ab, &la);
	b = sim_read(ba, &lb);
	cr_expect(la == lb && memcmp(a, b, la) == 0, "A⊔B and B⊔A differ");
	free(a);
	free(b);
	free(ab);
	free(ba);
}

Test(handedit, two_laptops_reading_one_edited_file_make_the_same_events, .init = base, .fini = done)
{
	char *path = path_of("a"), *text, *out;
	struct dvk_error err;
	struct state *one, *two;
	size_t len, n;

	reviewer_edits(path);
	text = sim_read(path, &len);
	one = store_parse(text, len, "one.yaml", sim_directive(), &err);
	two = store_parse(text, len, "two.yaml", sim_directive(), &err);
	cr_assert_not_null(one);
	cr_assert_not_null(two);
	n = checklist_count(one->cl);
	cr_expect_eq(one->nhand, 2);
	cr_assert(state_join(one, two, &err), "%s", err.message);
	cr_expect_eq(checklist_count(one->cl), n, "the same edit read twice made other events");
	state_free(one);
	state_free(two);
	/* laptop a saves it; laptop b gets the edited file as it was (a sync
	 * that ran before the save) and then a's saved one: nothing twice */
	cr_assert_eq(sim_run(NULL, "mkdir -p %s/b/thanh-hoa-dvk-2023 && cp '%s' %s/edited.yaml",
			     tmp, path, tmp), 0);
	cr_assert_eq(sim_run(NULL, A "$DVK status >/dev/null 2>&1", tmp, tmp, tmp), 0);
	cr_assert_eq(sim_run(NULL, B "$DVK receive %s/edited.yaml >/dev/null 2>&1 && $DVK status >/dev/null 2>&1 && "
				   "$DVK receive '%s' >/dev/null 2>&1", tmp, tmp, tmp, tmp, path), 0);
	cr_assert_eq(sim_run(&out, B "$DVK check " FILE_OF("b"), tmp, tmp, tmp, tmp), 0);
	cr_expect(strstr(out, "7 events, 0 conflicts"), "%s", out);
	free(out);
	free(text);
	free(path);
}

/* ---- refused: nothing changes ---- */

/* from becomes to in the file; every verb refuses it, at the line of the
 * first line of to that holds at (to itself when NULL). */
static void expect_refused_at(const char *path, const char *from, const char *to, const char *at,
			      const char *why)
{
	char *out, *before, *after, *want;
	size_t len, alen;

	hand_edit(path, from, to);
	before = sim_read(path, &len);
	want = xasprintf("%s:%d:", path, line_of(before, at ? at : to));
	/* dvk status, dvk set and dvk check refuse it, saying where */
	cr_expect_eq(sim_run(&out, A "$DVK status 2>&1", tmp, tmp, tmp), 1);
	cr_expect(strstr(out, want) && strstr(out, why), "no \"%s…%s\" in:\n%s", want, why, out);
	free(out);
	cr_expect_eq(sim_run(&out, A "$DVK set 2.1 status=done 2>&1", tmp, tmp, tmp), 1);
	cr_expect(strstr(out, want) && strstr(out, why), "%s", out);
	free(out);
	cr_expect_eq(sim_run(&out, A "$DVK check '%s' 2>&1", tmp, tmp, tmp, path), 1);
	cr_expect(strstr(out, want) && strstr(out, why), "%s", out);
	free(out);
	after = sim_read(path, &alen);
	cr_expect(alen == len && memcmp(after, before, len) == 0, "the file changed");
	free(after);
	free(before);
	free(want);
}

static void expect_refused(const char *path, const char *from, const char *to, const char *why)
{
	expect_refused_at(path, from, to, NULL, why);
}

Test(handedit, an_unknown_status_is_refused_where_it_stands, .init = base, .fini = done)
{
	char *path = path_of("a");

	expect_refused(path, "    status: done\n", "    status: don\n", "unknown status \"don\"");
	free(path);
}

Test(handedit, a_malformed_record_is_refused_where_it_stands, .init = base, .fini = done)
{
	char *path = path_of("a");

	expect_refused(path, "    - date: \"2023-03-14\"\n      participants: \"45\"\n",
		       "    - 45 người dự\n", "an activity record of item 1.1 must hold key: value lines");
	free(path);
}

Test(handedit, a_misspelt_key_is_refused, .init = base, .fini = done)
{
	char *path = path_of("a");

	expect_refused(path, "    status: in-progress\n", "    stauts: done\n",
		       "unknown key \"stauts\" in the summary of item 1.2");
	free(path);
}

Test(handedit, a_value_the_evidence_field_does_not_take_is_refused, .init = base, .fini = done)
{
	char *path = path_of("a");

	expect_refused(path, "date: \"2023-03-14\"", "date: 2023-02-30", "Ngày tổ chức");
	free(path);
}

Test(handedit, a_field_the_item_does_not_have_is_refused, .init = base, .fini = done)
{
	char *path = path_of("a");

	expect_refused_at(path, "participants: \"45\"", "participants: \"45\"\n      colour: red",
			  "colour: red", "item 1.1 has no evidence field \"colour\"");
	free(path);
}

Test(handedit, not_applicable_without_a_reason_is_refused, .init = base, .fini = done)
{
	char *path = path_of("a"), *out;
	struct state *st;

	expect_refused(path, "    status: in-progress\n", "    status: not-applicable\n", "needs a reason");
	/* with one, both are taken */
	hand_edit(path, "    status: not-applicable\n",
		  "    status: not-applicable\n    reason: Không có đơn thư trong kỳ\n");
	cr_assert_eq(sim_run(&out, A "$DVK status 2>&1", tmp, tmp, tmp), 0, "%s", out);
	free(out);
	st = load(path);
	expect_hand_head(st, "1.2", "status", "not-applicable");
	expect_hand_head(st, "1.2", "reason", "Không có đơn thư trong kỳ");
	state_free(st);
	free(path);
}

Test(handedit, conflict_written_where_there_is_none_is_refused, .init = base, .fini = done)
{
	char *path = path_of("a");

	expect_refused(path, "    note: Đã họp ngày 14/3\n", "    note: CONFLICT\n", "copies disagree");
	free(path);
}

Test(handedit, a_control_character_is_refused, .init = base, .fini = done)
{
	char *path = path_of("a");

	expect_refused(path, "    note: Đã họp ngày 14/3\n", "    note: \"Đã họp\\e[2J\"\n",
		       "control character (U+001B)");
	free(path);
}

/* ---- what each part of an item's summary says ---- */

Test(handedit, activity_records_added_changed_and_removed_by_hand, .init = base, .fini = done)
{
	char *path = path_of("a"), *out;
	struct state *st;
	struct item_view v;

	/* a second record, then one value changed and the first record
	 * removed, in two rounds (each saved by dvk status) */
	hand_edit(path, "      participants: \"45\"\n",
		  "      participants: \"45\"\n    - date: \"2023-04-02\"\n      participants: \"30\"\n"
		  "      document: 12/KH-UBND\n");
	cr_assert_eq(sim_run(&out, A "$DVK status 2>&1 >/dev/null", tmp, tmp, tmp), 0);
	cr_expect(strstr(out, "3 changes made by hand"), "%s", out);
	free(out);
	st = load(path);
	checklist_item_view(st->cl, "1.1", &v);
	cr_assert_eq(v.nacts, 2);
	cr_expect_eq(v.acts[1].nvalues, 3);
	cr_expect_str_eq(v.acts[1].values[0].value, "2023-04-02");
	cr_expect_str_eq(v.acts[1].values[1].value, "12/KH-UBND");
	cr_expect_str_eq(v.acts[1].values[2].value, "30");
	cr_expect(event_is_hand_edit(v.acts[1].values[0].heads[0]));
	item_view_free(&v);
	state_free(st);

	hand_edit(path, "    - date: \"2023-03-14\"\n      participants: \"45\"\n", "");
	hand_edit(path, "participants: \"30\"", "participants: \"31\"");
	cr_assert_eq(sim_run(&out, A "$DVK status 2>&1 >/dev/null", tmp, tmp, tmp), 0);
	cr_expect(strstr(out, ".deleted: yes"), "%s", out);
	cr_expect(strstr(out, ".participants: 30 → 31"), "%s", out);
	free(out);
	st = load(path);
	checklist_item_view(st->cl, "1.1", &v);
	cr_assert_eq(v.nacts, 2);
	cr_expect(v.acts[0].deleted, "the record left out is not deleted");
	cr_expect_str_eq(v.acts[1].values[2].value, "31");
	item_view_free(&v);
	state_free(st);
	free(path);
}

Test(handedit, a_note_left_out_is_removed_and_a_status_left_out_stays, .init = base, .fini = done)
{
	char *path = path_of("a"), *out;
	struct state *st;

	hand_edit(path, "    status: done\n    note: Đã họp ngày 14/3\n", "");
	cr_assert_eq(sim_run(&out, A "$DVK status 2>&1 >/dev/null", tmp, tmp, tmp), 0);
	cr_expect(strstr(out, "1 change made by hand"), "%s", out);
	free(out);
	st = load(path);
	expect_hand_head(st, "1.1", "note", "");
	cr_expect_eq(checklist_status(st->cl, "1.1"), STATUS_DONE);
	state_free(st);
	free(path);
}

Test(handedit, a_value_written_over_a_conflict_settles_it, .init = base, .fini = done)
{
	char *a = path_of("a"), *b = path_of("b"), *out;
	struct state *st;

	cr_assert_eq(sim_run(NULL, "mkdir -p %s/b/thanh-hoa-dvk-2023 && cp '%s' '%s'", tmp, a, b), 0);
	cr_assert_eq(sim_run(NULL, A "$DVK set 1.2 status=done >/dev/null", tmp, tmp, tmp), 0);
	cr_assert_eq(sim_run(NULL, B "$DVK set 1.2 status=not-applicable reason=x >/dev/null", tmp, tmp, tmp), 0);
	cr_assert_eq(sim_run(NULL, A "$DVK receive '%s' >/dev/null 2>&1", tmp, tmp, tmp, b), 0);
	/* CONFLICT left as it is says nothing new */
	cr_assert_eq(sim_run(&out, A "$DVK check '%s'", tmp, tmp, tmp, a), 0);
	cr_expect(strstr(out, "1 conflict") && !strstr(out, "edited by hand"), "%s", out);
	free(out);
	hand_edit(a, "    status: CONFLICT\n", "    status: done\n");
	cr_assert_eq(sim_run(NULL, A "$DVK status >/dev/null 2>&1", tmp, tmp, tmp), 0);
	st = load(a);
	expect_hand_head(st, "1.2", "status", "done");
	cr_expect_eq(checklist_conflict_count(st->cl), 0);
	state_free(st);
	free(a);
	free(b);
}

/* ---- what is not an edit ---- */

Test(handedit, a_file_dvk_wrote_has_none, .init = base, .fini = done)
{
	static const char *const older[] = { "golden-v1.dvk.yaml", "tricky-values.dvk.yaml",
					     "tricky-values.canonical.yaml" };
	char *path = path_of("a"), *text;
	struct state *st = load(path);
	struct dvk_error err;
	size_t len;

	cr_expect_eq(st->nhand, 0);
	state_free(st);
	/* files older writers wrote */
	for (size_t i = 0; i < ARRAY_LEN(older); i++) {
		char *p = xasprintf("%s/tests/fixtures/store/%s", getenv("DVK_SRC") ? getenv("DVK_SRC") : ".",
				    older[i]);

		text = sim_read(p, &len);
		st = store_parse(text, len, p, sim_directive(), &err);
		cr_assert_not_null(st, "%s", err.message);
		cr_expect_eq(st->nhand, 0, "%s", older[i]);
		state_free(st);
		free(text);
		free(p);
	}
	free(path);
}

Test(handedit, layout_changes_titles_and_nfd_are_not_edits, .init = base, .fini = done)
{
	char *path = path_of("a"), *text, *crlf;
	struct state *st;
	struct dvk_error err;
	size_t len;
	struct buf b = {0};

	/* NFD letters, another title, a quoted status, a block moved */
	hand_edit(path, "note: Đã họp ngày 14/3", "note: \"Đa\xcc\x83 ho\xcc\xa3p nga\xcc\x80y 14/3\"");
	hand_edit(path, "    title: Tổ chức", "    title: Tổ chức lại");
	hand_edit(path, "    status: in-progress\n", "    status: \"in-progress\"\n");
	st = load(path);
	cr_expect_eq(st->nhand, 0);
	state_free(st);
	/* Notepad's line ends */
	text = sim_read(path, &len);
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\n')
			buf_addc(&b, '\r');
		buf_addc(&b, text[i]);
	}
	crlf = buf_steal(&b);
	st = store_parse(crlf, strlen(crlf), "crlf.yaml", sim_directive(), &err);
	cr_assert_not_null(st, "%s", err.message);
	cr_expect_eq(st->nhand, 0);
	state_free(st);
	free(text);
	free(crlf);
	free(path);
}

Test(handedit, a_whole_item_left_out_says_nothing, .init = base, .fini = done)
{
	char *path = path_of("a"), *text, *start, *end;
	struct state *st;
	size_t len;

	text = sim_read(path, &len);
	start = strstr(text, "  \"1.1\":\n");
	end = strstr(text, "  \"1.2\":\n");
	cr_assert(start && end);
	memmove(start, end, strlen(end) + 1);
	sim_write(path, text, strlen(text));
	st = load(path);
	cr_expect_eq(st->nhand, 0);
	cr_expect_eq(checklist_status(st->cl, "1.1"), STATUS_DONE);
	state_free(st);
	free(text);
	free(path);
}

/* ---- the terminal ---- */

Test(handedit, the_tui_shows_them_in_new_changes)
{
	char *root = tr_root(), *path = xasprintf("%s/data/thanh-hoa-dvk-2023/xa-thu.dvk.yaml", root);
	char *set1[] = { "set", "1.2", "status=done", NULL };
	char *set2[] = { "set", "1.3", "note=Đã họp", NULL };
	struct vt *v;

	cr_assert_eq(tr_cli(root, NULL, set1, NULL), 0);
	cr_assert_eq(tr_cli(root, NULL, set2, NULL), 0);
	/* a first start: what is there now is seen */
	v = tr_start(root, 24, 80, NULL, NULL);
	cr_assert_not_null(v);
	EXPECT(v, "Tiến độ");
	tr_quit(v);
	vt_free(v);
	hand_edit(path, "    status: done\n", "    status: in-progress\n");
	v = tr_start(root, 24, 80, NULL, NULL);
	cr_assert_not_null(v);
	EXPECT(v, "Thay đổi mới");
	EXPECT(v, "sửa tay trong xa-thu.dvk.yaml  1.2  Trạng thái: đã xong →");
	/* the item's history says so too */
	vt_key(v, VTERM_KEY_ENTER);
	EXPECT(v, "Mục 1.2");
	vt_key(v, VTERM_KEY_ESCAPE);
	EXPECT(v, "Thay đổi mới");
	vt_key(v, VTERM_KEY_ESCAPE);
	EXPECT(v, "Tiến độ");
	tr_quit(v);
	vt_free(v);
	/* and saved into the file's log at the start, as dvk status does */
	char *text = tr_slurp(path);
	cr_expect(text && strstr(text, "  replica: hand-edit\n"), "%s", text);
	free(text);
	free(path);
	free(root);
}
