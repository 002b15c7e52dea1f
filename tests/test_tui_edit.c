/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_tui_edit.c: changing things and taking changes back, as a cadre
 * would at the keyboard: u and Ctrl-R, the question before a
 * not-applicable item is ticked, at 80x24 and 60x20, checked on the
 * screen and in the file.
 */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/helpers/tuirun.h"
#include "tests/helpers/vt.h"

static const int sizes[][2] = {{24, 80}, {20, 60}};

static struct vt *start(const char *root, int rows, int cols)
{
	struct vt *v = tr_start(root, rows, cols, NULL, NULL);
	cr_assert_not_null(v, "cannot start %s", tr_bin());
	return v;
}

static char *state_path(const char *root)
{
	char *p;
	cr_assert(asprintf(&p, "%s/data/thanh-hoa-dvk-2023/xa-thu.dvk.yaml", root) > 0);
	return p;
}

/* How many log entries of item set field (in the log: item then field). */
static int count_events(const char *file, const char *item, const char *field)
{
	char want_item[64], want_field[64];
	snprintf(want_item, sizeof want_item, "  item: \"%s\"\n", item);
	snprintf(want_field, sizeof want_field, "  field: %s\n", field);
	int n = 0;
	for (const char *p = file; (p = strstr(p, want_item)); p++) {
		const char *f = strstr(p, "  field: ");
		if (f && !strncmp(f, want_field, strlen(want_field)))
			n++;
	}
	return n;
}

static void cli(const char *root, char *const args[])
{
	cr_assert_eq(tr_cli(root, NULL, args, NULL), 0, "dvk %s %s failed", args[0], args[1]);
}

/* ---- undo ---- */

Test(tui_edit, space_then_u_leaves_the_item_as_it_was_and_the_file_holds_both)
{
	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		char *root = tr_root();
		struct vt *v = start(root, sizes[k][0], sizes[k][1]);
		EXPECT(v, "Tiến độ");
		vt_key(v, VTERM_KEY_ENTER);
		vt_key(v, VTERM_KEY_DOWN);
		EXPECT_SELECTED(v, "[ ] 1.2");
		vt_type(v, " ");
		EXPECT_SELECTED(v, "[x] 1.2");
		vt_type(v, "u");
		EXPECT_SELECTED(v, "[ ] 1.2");
		EXPECT(v, "Đã hoàn tác: mục 1.2");
		vt_key(v, VTERM_KEY_ESCAPE);
		EXPECT(v, "0/38");
		tr_quit(v);
		vt_free(v);

		char *path = state_path(root);
		char *st = tr_slurp(path);
		cr_assert_not_null(st);
		cr_expect_eq(count_events(st, "1.2", "status"), 2, "two status entries:\n%s", st);
		cr_expect(strstr(st, "value: done\n") && strstr(st, "value: todo\n"),
			  "done, then todo again:\n%s", st);
		free(st);
		char *out = NULL;
		char *args[] = {"status", "--format", "csv", NULL};
		cr_assert_eq(tr_cli(root, NULL, args, &out), 0);
		cr_expect(strstr(out, "\n1,") && strstr(strstr(out, "\n1,"), ",0,0,0,4,0"),
			  "section 1 is as it was:\n%s", out);
		free(out);
		free(path);
		free(root);
	}
}

Test(tui_edit, a_second_u_steps_further_back_and_ctrl_r_redoes)
{
	char *root = tr_root();
	struct vt *v = start(root, 24, 80);
	EXPECT(v, "Tiến độ");
	vt_key(v, VTERM_KEY_ENTER);
	EXPECT_SELECTED(v, "[ ] 1.1");
	vt_type(v, " ");
	EXPECT_SELECTED(v, "[x] 1.1");
	vt_key(v, VTERM_KEY_DOWN);
	vt_type(v, " ");
	EXPECT_SELECTED(v, "[x] 1.2");
	EXPECT(v, "[2/4]");
	vt_type(v, "u");
	EXPECT(v, "[1/4]");
	EXPECT(v, "[ ] 1.2");
	vt_type(v, "u");
	EXPECT(v, "[0/4]");
	EXPECT(v, "[ ] 1.1");
	vt_type(v, "u");
	EXPECT(v, "Trong cửa sổ này chưa có thay đổi nào để hoàn tác.");
	vt_send(v, "\x12", 1); /* Ctrl-R */
	EXPECT(v, "[x] 1.1");
	EXPECT(v, "Đã làm lại: mục 1.1");
	vt_send(v, "\x12", 1);
	EXPECT(v, "[x] 1.2");
	EXPECT(v, "[2/4]");
	vt_send(v, "\x12", 1);
	EXPECT(v, "Không có gì để làm lại.");
	/* a new change after undo: what was undone cannot be redone */
	vt_type(v, "u");
	EXPECT(v, "[ ] 1.2");
	vt_key(v, VTERM_KEY_DOWN);
	vt_type(v, " ");
	EXPECT(v, "[x] 1.3");
	vt_send(v, "\x12", 1);
	EXPECT(v, "Không có gì để làm lại.");
	vt_key(v, VTERM_KEY_ESCAPE);
	tr_quit(v);
	vt_free(v);
	free(root);
}

Test(tui_edit, u_leaves_a_value_someone_changed_since_and_says_who)
{
	char *root = tr_root();
	struct vt *v = start(root, 24, 80);
	EXPECT(v, "Tiến độ");
	vt_key(v, VTERM_KEY_ENTER);
	vt_type(v, " ");
	EXPECT_SELECTED(v, "[x] 1.1");
	char *args[] = {"--user", "Trần Văn Khác", "set", "1.1", "status=in-progress", NULL};
	cli(root, args);
	vt_type(v, "r");
	EXPECT_SELECTED(v, "[~] 1.1");
	vt_type(v, "u");
	EXPECT(v, "Không hoàn tác được: Trạng thái của mục 1.1 đã được Trần Văn Khác sửa");
	EXPECT_SELECTED(v, "[~] 1.1");
	vt_key(v, VTERM_KEY_ESCAPE);
	tr_quit(v);
	vt_free(v);
	free(root);
}

Test(tui_edit, u_takes_back_a_new_activity_record_and_a_deleted_one_comes_back)
{
	char *root = tr_root();
	struct vt *v = start(root, 24, 80);
	EXPECT(v, "Tiến độ");
	vt_key(v, VTERM_KEY_ENTER);
	vt_key(v, VTERM_KEY_ENTER);
	EXPECT(v, "Mục 1.1 ·");
	vt_type(v, "a");
	EXPECT(v, "Ngày tổ chức");
	vt_type(v, "2023-03-14\r");
	EXPECT(v, "Số buổi");
	vt_type(v, "2\r");
	EXPECT(v, "Số người tham dự");
	vt_type(v, "45\r");
	EXPECT(v, "Số, ký hiệu văn bản");
	vt_type(v, "12/KH-UBND\r");
	EXPECT(v, "#1");
	EXPECT(v, "12/KH-UBND");
	vt_type(v, "u");
	EXPECT(v, "Đã hoàn tác: mục 1.1, bản ghi hoạt động");
	cr_expect(vt_wait_gone(v, "#1", WAIT_MS), "the record is still shown");
	vt_send(v, "\x12", 1);
	EXPECT(v, "#1");
	EXPECT(v, "12/KH-UBND");
	/* delete it (x on one of its lines), then u brings the values back */
	vt_key(v, VTERM_KEY_DOWN);
	vt_key(v, VTERM_KEY_DOWN);
	EXPECT_SELECTED(v, "Ngày tổ chức: 2023-03-14");
	vt_type(v, "x");
	EXPECT(v, "Xóa bản ghi hoạt động này?");
	vt_type(v, "c");
	cr_expect(vt_wait_gone(v, "#1", WAIT_MS), "the record is still shown");
	vt_type(v, "u");
	EXPECT(v, "#1");
	EXPECT(v, "Số, ký hiệu văn bản: 12/KH-UBND");
	EXPECT(v, "Số người tham dự: 45");
	vt_key(v, VTERM_KEY_ESCAPE);
	vt_key(v, VTERM_KEY_ESCAPE);
	tr_quit(v);
	vt_free(v);
	free(root);
}

/* ---- not applicable is a decision ---- */

Test(tui_edit, space_on_a_not_applicable_item_asks_first)
{
	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		char *root = tr_root();
		char *args[] = {"set", "4.3", "status=not-applicable",
				"reason=Không có đơn thư trong kỳ", NULL};
		cli(root, args);
		struct vt *v = start(root, sizes[k][0], sizes[k][1]);
		EXPECT(v, "Tiến độ");
		vt_type(v, "4.3\r");
		EXPECT(v, "Mục 4.3 ·");
		vt_key(v, VTERM_KEY_ESCAPE);
		EXPECT_SELECTED(v, "[-] 4.3");
		vt_type(v, " ");
		EXPECT(v, "Mục 4.3 đang là không áp dụng (lý do:");
		EXPECT(v, "Không có đơn thư");
		EXPECT(v, "c có · k không");
		/* no: nothing changes; a stray Enter is no too */
		vt_type(v, "k");
		cr_expect(vt_wait_gone(v, "c có · k không", WAIT_MS), "the question stayed");
		EXPECT_SELECTED(v, "[-] 4.3");
		vt_type(v, " ");
		EXPECT(v, "c có · k không");
		vt_type(v, "c");
		EXPECT_SELECTED(v, "[x] 4.3");
		vt_key(v, VTERM_KEY_ESCAPE);
		tr_quit(v);
		vt_free(v);
		free(root);
	}
}

/* A not-applicable item leaves the count as `dvk status` shows it:
 * done of the applicable ones, never of all (1/3 33 %, not 1/4). */
Test(tui_edit, counts_leave_not_applicable_items_out_as_dvk_status_does)
{
	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		char *root = tr_root();
		char *na[] = {"set", "1.1", "status=not-applicable", "reason=Đã làm trong kế hoạch khác", NULL};
		char *done[] = {"set", "1.2", "status=done", NULL};
		cli(root, na);
		cli(root, done);
		struct vt *v = start(root, sizes[k][0], sizes[k][1]);
		EXPECT(v, "1/37");
		EXPECT(v, "[1/3]");
		EXPECT(v, " 33%");
		char *s = vt_screen(v);
		cr_expect_null(strstr(s, "[1/4]"), "the n/a item is counted:\n%s", s);
		free(s);
		vt_key(v, VTERM_KEY_ENTER);
		EXPECT(v, "[-] 1.1");
		EXPECT(v, "1 · [1/3]");
		vt_key(v, VTERM_KEY_ESCAPE);
		tr_quit(v);
		vt_free(v);
		free(root);
	}
}

/* ---- drafts ---- */

static void hang_up(struct vt *v)
{
	vt_hangup(v);
	cr_assert_neq(vt_wait_exit(v, 2000), -1, "still running after the hang-up");
	vt_free(v);
}

Test(tui_edit, a_half_typed_activity_record_survives_sighup_with_every_field)
{
	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		char *root = tr_root();
		struct vt *v = start(root, sizes[k][0], sizes[k][1]);
		EXPECT(v, "Tiến độ");
		vt_type(v, "1.1\r");
		EXPECT(v, "Mục 1.1 ·");
		vt_type(v, "a");
		EXPECT(v, "Ngày tổ chức");
		vt_type(v, "2023-03-14\r");
		EXPECT(v, "Số buổi");
		vt_type(v, "2\r");
		EXPECT(v, "Số người tham dự");
		vt_type(v, "4");
		EXPECT(v, "> 4");
		hang_up(v);

		/* nothing half-made was saved */
		char *path = state_path(root);
		char *st = tr_slurp(path);
		cr_expect(!st || !strstr(st, "activity."), "a half record was saved:\n%s", st ? st : "");
		free(st);

		v = start(root, sizes[k][0], sizes[k][1]);
		EXPECT(v, "Còn bản ghi hoạt động của mục 1.1 đang gõ dở");
		EXPECT(v, "Ngày tổ chức: 2023-03-14");
		EXPECT(v, "Số buổi đã tổ chức: 2");
		EXPECT(v, "Số người tham dự: 4");
		EXPECT(v, "c mở · k để sau · x bỏ");
		vt_type(v, "c");
		/* back where it stopped: the third field, holding "4" */
		EXPECT(v, "(3/4)");
		EXPECT(v, "> 4");
		vt_type(v, "5\r");
		EXPECT(v, "Số, ký hiệu văn bản");
		vt_type(v, "12/KH-UBND\r");
		EXPECT(v, "Số người tham dự: 45");
		vt_key(v, VTERM_KEY_ESCAPE);
		vt_key(v, VTERM_KEY_ESCAPE);
		tr_quit(v);
		vt_free(v);
		st = tr_slurp(path);
		cr_assert_not_null(st);
		cr_expect(strstr(st, "date: \"2023-03-14\"") || strstr(st, "value: \"2023-03-14\""),
			  "the date, stored as ISO:\n%s", st);
		cr_expect(strstr(st, "sessions: \"2\""), "the number of sessions:\n%s", st);
		cr_expect(strstr(st, "participants: \"45\""), "the participants:\n%s", st);
		cr_expect(strstr(st, "document: 12/KH-UBND"), "the document:\n%s", st);
		free(st);
		/* offered once */
		v = start(root, sizes[k][0], sizes[k][1]);
		EXPECT(v, "Tiến độ");
		vt_settle(v, 100, 500);
		char *s = vt_screen(v);
		cr_expect(!strstr(s, "gõ dở"), "offered again:\n%s", s);
		free(s);
		tr_quit(v);
		vt_free(v);
		free(path);
		free(root);
	}
}

Test(tui_edit, two_windows_on_one_account_both_get_their_drafts_back)
{
	char *root = tr_root();
	struct vt *a = start(root, 24, 80);
	struct vt *b = start(root, 24, 80);
	EXPECT(a, "Tiến độ");
	EXPECT(b, "Tiến độ");
	/* the same item, both typing */
	vt_type(a, "1.1\re");
	vt_type(b, "1.1\re");
	EXPECT(a, "Ghi chú cho mục 1.1");
	EXPECT(b, "Ghi chú cho mục 1.1");
	vt_type(a, "Ghi của cửa sổ A");
	vt_type(b, "Ghi của cửa sổ B");
	EXPECT(a, "Ghi của cửa sổ A");
	EXPECT(b, "Ghi của cửa sổ B");
	hang_up(a);
	hang_up(b);

	struct vt *v = start(root, 24, 80);
	bool got_a = false, got_b = false;
	for (int round = 0; round < 2; round++) {
		EXPECT(v, "Còn ghi chú chưa lưu của mục 1.1");
		/* the draft's text is on the line below the heading */
		int row;
		cr_assert(vt_find(v, "Còn ghi chú chưa lưu", &row, NULL));
		char *s = vt_row(v, row + 1);
		bool is_a = strstr(s, "«Ghi của cửa sổ A»") != NULL;
		bool is_b = strstr(s, "«Ghi của cửa sổ B»") != NULL;
		free(s);
		cr_assert(is_a != is_b, "one draft at a time");
		got_a |= is_a;
		got_b |= is_b;
		/* the second, over the note the first saved: both texts show */
		if (round == 1)
			EXPECT(v, "Hiện đã lưu:");
		vt_type(v, "c");
		EXPECT(v, "^S lưu");
		vt_send(v, "\x13", 1);
		EXPECT(v, is_a ? "Ghi chú: Ghi của cửa sổ A" : "Ghi chú: Ghi của cửa sổ B");
	}
	cr_expect(got_a && got_b, "both drafts came back");
	vt_key(v, VTERM_KEY_ESCAPE);
	vt_key(v, VTERM_KEY_ESCAPE);
	tr_quit(v);
	vt_free(v);
	free(root);
}

Test(tui_edit, later_keeps_the_draft_and_discarding_takes_a_second_key)
{
	char *root = tr_root();
	struct vt *v = start(root, 24, 80);
	vt_type(v, "2.1\re");
	EXPECT(v, "Ghi chú cho mục 2.1");
	vt_type(v, "Đã họp tổ dân phố");
	EXPECT(v, "Đã họp tổ dân phố");
	hang_up(v);

	v = start(root, 24, 80);
	EXPECT(v, "Còn ghi chú chưa lưu của mục 2.1");
	vt_type(v, "k");
	EXPECT(v, "Tiến độ");
	tr_quit(v);
	vt_free(v);
	/* later: still there at the next start */
	v = start(root, 24, 80);
	EXPECT(v, "Còn ghi chú chưa lưu của mục 2.1");
	vt_type(v, "x");
	EXPECT(v, "Bỏ hẳn bản nháp này?");
	/* anything but a second x keeps it */
	vt_type(v, "k");
	EXPECT(v, "Bản nháp vẫn được giữ");
	tr_quit(v);
	vt_free(v);
	v = start(root, 24, 80);
	EXPECT(v, "Còn ghi chú chưa lưu của mục 2.1");
	vt_type(v, "x");
	EXPECT(v, "Bỏ hẳn bản nháp này?");
	vt_type(v, "x");
	EXPECT(v, "Đã bỏ bản nháp.");
	tr_quit(v);
	vt_free(v);
	v = start(root, 24, 80);
	EXPECT(v, "Tiến độ");
	vt_settle(v, 100, 500);
	char *s = vt_screen(v);
	cr_expect(!strstr(s, "chưa lưu"), "a discarded draft came back:\n%s", s);
	free(s);
	tr_quit(v);
	vt_free(v);
	free(root);
}

Test(tui_edit, a_draft_older_than_what_was_saved_since_is_not_offered)
{
	char *root = tr_root();
	/* the old window: typing when the link silently drops */
	struct vt *old = start(root, 24, 80);
	vt_type(old, "1.1\re");
	EXPECT(old, "Ghi chú cho mục 1.1");
	vt_type(old, "Đã họp ng");
	EXPECT(old, "Đã họp ng");
	/* the person reconnects and writes the note whole in a new window */
	struct vt *now = start(root, 24, 80);
	EXPECT(now, "Tiến độ");
	vt_settle(now, 200, 500);
	char *s = vt_screen(now);
	cr_expect(!strstr(s, "chưa lưu"), "the live window's draft was offered:\n%s", s);
	free(s);
	vt_type(now, "1.1\re");
	EXPECT(now, "Ghi chú cho mục 1.1");
	vt_type(now, "Đã họp ngày 14/3");
	vt_send(now, "\x13", 1);
	EXPECT(now, "Ghi chú: Đã họp ngày 14/3");
	vt_key(now, VTERM_KEY_ESCAPE);
	vt_key(now, VTERM_KEY_ESCAPE);
	tr_quit(now);
	vt_free(now);
	/* later the server ends the old one; it writes its draft */
	hang_up(old);

	struct vt *v = start(root, 24, 80);
	EXPECT(v, "Bản nháp của mục 1.1 cũ hơn nội dung đã lưu");
	s = vt_screen(v);
	cr_expect(!strstr(s, "Mở lại?"), "an older draft was offered:\n%s", s);
	free(s);
	tr_quit(v);
	vt_free(v);
	char *path = state_path(root);
	char *st = tr_slurp(path);
	cr_assert_not_null(st);
	cr_expect(strstr(st, "note: Đã họp ngày 14/3\n"), "the saved note:\n%s", st);
	free(st);
	free(path);
	free(root);
}

Test(tui_edit, keys_typed_while_the_window_is_too_small_are_not_applied)
{
	char *root = tr_root();
	struct vt *v = start(root, 24, 80);
	vt_type(v, "1.1\re");
	EXPECT(v, "Ghi chú cho mục 1.1");
	vt_type(v, "Đã họp");
	EXPECT(v, "Đã họp");
	vt_resize(v, 8, 30);
	EXPECT(v, "Cửa sổ quá nhỏ");
	/* typed unseen: none of it may land in the note, nor Esc discard it */
	vt_type(v, " xyz");
	vt_key(v, VTERM_KEY_ESCAPE);
	vt_type(v, "c");
	vt_send(v, "\x13", 1);
	vt_settle(v, 100, 500);
	vt_resize(v, 24, 80);
	EXPECT(v, "Ghi chú cho mục 1.1");
	EXPECT(v, "Đã họp");
	char *s = vt_screen(v);
	cr_expect(!strstr(s, "xyz") && !strstr(s, "Bỏ những gì đã gõ?"), "keys went through:\n%s", s);
	free(s);
	/* quitting still works while it is small; the note stays a draft */
	vt_resize(v, 8, 30);
	EXPECT(v, "Cửa sổ quá nhỏ");
	vt_type(v, "q");
	int st = vt_wait_exit(v, WAIT_MS);
	cr_expect(st != -1, "q did not quit a window too small");
	vt_free(v);
	v = start(root, 24, 80);
	EXPECT(v, "Còn ghi chú chưa lưu của mục 1.1");
	EXPECT(v, "«Đã họp»");
	vt_type(v, "k");
	EXPECT(v, "Tiến độ");
	tr_quit(v);
	vt_free(v);
	free(root);
}

/* ---- input as people type it ---- */

Test(tui_edit, dates_and_counts_as_people_write_them_are_taken_and_stored_as_iso)
{
	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		char *root = tr_root();
		struct vt *v = start(root, sizes[k][0], sizes[k][1]);
		vt_type(v, "1.1\r");
		EXPECT(v, "Mục 1.1 ·");
		vt_type(v, "a");
		EXPECT(v, "Ngày tổ chức");
		vt_type(v, "30/2/2023\r");
		/* refused in place, named by its label, in Vietnamese */
		EXPECT(v, "Ngày tổ chức: tháng 2/2023 chỉ có 28 ngày");
		vt_send(v, "\x15", 1);
		vt_type(v, " 14/03/2023 \r");
		EXPECT(v, "Số buổi");
		vt_type(v, "hai\r");
		EXPECT(v, "\"hai\" không phải là số nguyên");
		EXPECT(v, "45 hoặc 1.000"); /* the whole message, wrapped, not cut */
		vt_send(v, "\x15", 1);
		vt_type(v, "2\r");
		EXPECT(v, "Số người tham dự");
		vt_type(v, " 1.000\r");
		EXPECT(v, "Số, ký hiệu văn bản");
		vt_type(v, "   12/KH-UBND\r");
		EXPECT(v, "Ngày tổ chức: 2023-03-14");
		EXPECT(v, "Số người tham dự: 1000");
		EXPECT(v, "Số, ký hiệu văn bản: 12/KH-UBND");
		vt_key(v, VTERM_KEY_ESCAPE);
		vt_key(v, VTERM_KEY_ESCAPE);
		tr_quit(v);
		vt_free(v);
		char *path = state_path(root);
		char *st = tr_slurp(path);
		cr_assert_not_null(st);
		cr_expect(strstr(st, "date: \"2023-03-14\""), "stored:\n%s", st);
		cr_expect(strstr(st, "participants: \"1000\""), "stored:\n%s", st);
		cr_expect(strstr(st, "document: 12/KH-UBND\n"), "stored:\n%s", st);
		free(st);
		free(path);
		free(root);
	}
}
