/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_tui_nav.c: finding one's way as reports and reviewers speak of
 * items ("mục 4.3"): the go-to prompt, ] and [ through unfinished items,
 * and the key bars and screens that say only what works; at 80x24 and at
 * 60x20, read from the screen.
 */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/helpers/tuirun.h"
#include "tests/helpers/vt.h"

static const int sizes[][2] = {{24, 80}, {20, 60}};

static char *fixture(const char *name)
{
	const char *src = getenv("DVK_SRC");
	char *p;
	cr_assert(asprintf(&p, "%s/tests/fixtures/tui/%s", src && *src ? src : ".", name) > 0);
	return p;
}

static struct vt *start(const char *root, int rows, int cols, char *const args[])
{
	struct vt *v = tr_start(root, rows, cols, NULL, args);
	cr_assert_not_null(v, "cannot start %s", tr_bin());
	return v;
}

static void cli(const char *root, char *const args[])
{
	cr_assert_eq(tr_cli(root, NULL, args, NULL), 0, "dvk %s %s failed", args[0], args[1]);
}

/* The id on the selected row ("> [ ] 4.3 ..." → "4.3"), or "". */
static void selected_id(struct vt *v, char *out, size_t n)
{
	out[0] = '\0';
	for (int r = 0; r < vt_rows(v); r++) {
		char *row = vt_row(v, r);
		if (row[0] == '>' && row[1] == ' ' && row[2] == '[') {
			const char *p = strchr(row, ']');
			if (p && sscanf(p + 1, " %31s", out) == 1 && strlen(out) < n) {
				free(row);
				return;
			}
		}
		free(row);
	}
}

/* Wait until the selected item is id. */
static bool selected_is(struct vt *v, const char *id)
{
	char got[64];
	for (int tries = 0; tries < 150; tries++) {
		selected_id(v, got, sizeof got);
		if (!strcmp(got, id))
			return true;
		vt_settle(v, 20, 50);
	}
	return false;
}

#define EXPECT_ITEM_SELECTED(v, id)                                               \
	do {                                                                      \
		if (!selected_is((v), (id))) {                                    \
			char *scr_ = vt_screen(v);                                \
			cr_assert_fail("item %s never selected:\n%s", (id), scr_); \
		}                                                                 \
	} while (0)

/* ---- go to ---- */

Test(tui_nav, typing_4_3_and_enter_opens_item_4_3)
{
	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		char *root = tr_root();
		struct vt *v = start(root, sizes[k][0], sizes[k][1], NULL);
		EXPECT(v, "Tiến độ");
		vt_type(v, "4");
		/* the digit opens the question, holding what was typed */
		EXPECT(v, "Đến mục: 4");
		EXPECT(v, "4.1  4.2  4.3  4.4  4.5");
		vt_type(v, ".3");
		EXPECT(v, "Đến mục: 4.3");
		vt_key(v, VTERM_KEY_ENTER);
		EXPECT(v, "Mục 4.3 · Thể chế");
		EXPECT(v, "Nâng cao hiệu quả công tác tiếp công dân");
		char *top = vt_row(v, 0);
		cr_expect(strstr(top, "Mục 4.3"), "title bar: %s", top);
		free(top);
		/* back: the section of 4.3, with 4.3 selected */
		vt_key(v, VTERM_KEY_ESCAPE);
		EXPECT(v, "Phần 4");
		EXPECT_ITEM_SELECTED(v, "4.3");
		vt_key(v, VTERM_KEY_ESCAPE);
		EXPECT(v, "Tiến độ");
		EXPECT_SELECTED(v, "4. Thể chế");
		/* a section number opens the section */
		vt_type(v, ":7");
		EXPECT(v, "Đến mục: 7");
		vt_key(v, VTERM_KEY_ENTER);
		EXPECT(v, "Phần 7");
		vt_key(v, VTERM_KEY_ESCAPE);
		tr_quit(v);
		vt_free(v);
		free(root);
	}
}

Test(tui_nav, an_item_that_does_not_exist_is_named_and_tab_completes)
{
	char *root = tr_root();
	struct vt *v = start(root, 24, 80, NULL);
	EXPECT(v, "Tiến độ");
	vt_type(v, "4.9");
	vt_key(v, VTERM_KEY_ENTER);
	EXPECT(v, "Không có mục 4.9: phần 4 gồm các mục từ 4.1 đến 4.5.");
	/* still asking, with the text as typed */
	EXPECT(v, "Đến mục: 4.9");
	vt_send(v, "\x7f\x7f\x7f", 3);
	vt_type(v, "12");
	EXPECT(v, "Không có phần hay mục nào bắt đầu bằng 12.");
	vt_key(v, VTERM_KEY_ENTER);
	EXPECT(v, "Văn bản này không có phần hay mục 12.");
	vt_send(v, "\x7f\x7f", 2);
	/* "mục 6.", Tab: what every 6.x shares */
	vt_type(v, "mục 6");
	vt_type(v, "\t");
	EXPECT(v, "Đến mục: 6");
	EXPECT(v, "6  6.1  6.2  6.3  6.4");
	vt_type(v, ".4");
	vt_key(v, VTERM_KEY_ENTER);
	EXPECT(v, "Mục 6.4 ·");
	vt_key(v, VTERM_KEY_ESCAPE);
	vt_key(v, VTERM_KEY_ESCAPE);
	/* Esc leaves the question without going anywhere */
	vt_type(v, "3");
	EXPECT(v, "Đến mục: 3");
	vt_key(v, VTERM_KEY_ESCAPE);
	cr_expect(vt_wait_gone(v, "Đến mục", WAIT_MS), "the question stayed");
	EXPECT(v, "Tiến độ");
	tr_quit(v);
	vt_free(v);
	free(root);
}

Test(tui_nav, ids_as_documents_number_them_go_to_ii_3_a)
{
	char *root = tr_root();
	char *dir = fixture("roman.yaml");
	char *args[] = {"--directive", dir, NULL};
	struct vt *v = start(root, 24, 80, args);
	EXPECT(v, "Kế hoạch thử đánh số La Mã");
	vt_type(v, ":");
	EXPECT(v, "Đến mục:");
	vt_type(v, "ii");
	EXPECT(v, "II  II.1  II.3.a  II.3.b");
	vt_type(v, ".3\t");
	EXPECT(v, "Đến mục: II.3.");
	vt_type(v, "a");
	vt_key(v, VTERM_KEY_ENTER);
	EXPECT(v, "Mục II.3.a ·");
	EXPECT(v, "Tiếp công dân định kỳ");
	vt_key(v, VTERM_KEY_ESCAPE);
	vt_key(v, VTERM_KEY_ESCAPE);
	tr_quit(v);
	vt_free(v);
	free(dir);
	free(root);
}

/* ---- ] and [ ---- */

Test(tui_nav, bracket_visits_every_unfinished_item_in_order)
{
	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		char *root = tr_root();
		char *s1[] = {"set", "1.2", "status=done", NULL};
		char *s2[] = {"set", "2.1", "status=done", NULL};
		char *s3[] = {"set", "3.1", "status=not-applicable", "reason=Không có", NULL};
		char *s4[] = {"set", "4.3", "status=in-progress", NULL};
		char *s5[] = {"set", "9.3", "status=done", NULL};
		cli(root, s1);
		cli(root, s2);
		cli(root, s3);
		cli(root, s4);
		cli(root, s5);
		/* every item of the directive, as `dvk status` numbers them */
		static const char *const all[] = {
			"1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3",
			"3.4", "3.5", "3.6", "3.7", "4.1", "4.2", "4.3", "4.4", "4.5", "5.1",
			"5.2", "5.3", "5.4", "5.5", "6.1", "6.2", "6.3", "6.4", "7.1", "7.2",
			"7.3", "7.4", "7.5", "8.1", "8.2", "9.1", "9.2", "9.3"};
		struct vt *v = start(root, sizes[k][0], sizes[k][1], NULL);
		EXPECT(v, "Tiến độ");
		for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
			if (!strcmp(all[i], "1.2") || !strcmp(all[i], "2.1") ||
			    !strcmp(all[i], "3.1") || !strcmp(all[i], "9.3"))
				continue; /* done or not applicable: skipped */
			vt_type(v, "]");
			EXPECT_ITEM_SELECTED(v, all[i]);
		}
		/* past the last: round to the first, and it says so */
		vt_type(v, "]");
		EXPECT_ITEM_SELECTED(v, "1.1");
		EXPECT(v, "Đã qua mục cuối cùng");
		/* [ goes back, also across sections */
		vt_type(v, "[");
		EXPECT_ITEM_SELECTED(v, "9.2");
		vt_type(v, "[");
		EXPECT_ITEM_SELECTED(v, "9.1");
		vt_type(v, "[");
		EXPECT_ITEM_SELECTED(v, "8.2");
		/* on an item's screen, ] opens the next item */
		vt_key(v, VTERM_KEY_ENTER);
		EXPECT(v, "Mục 8.2 ·");
		vt_type(v, "]");
		EXPECT(v, "Mục 9.1 ·");
		vt_type(v, "]");
		EXPECT(v, "Mục 9.2 ·");
		vt_key(v, VTERM_KEY_ESCAPE);
		EXPECT_ITEM_SELECTED(v, "9.2");
		vt_key(v, VTERM_KEY_ESCAPE);
		tr_quit(v);
		vt_free(v);
		free(root);
	}
}

/* ---- screens that offer only what works ---- */

Test(tui_nav, no_evidence_fields_no_add_activity_and_an_empty_section_no_item_keys)
{
	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		char *root = tr_root();
		char *dir = fixture("roman.yaml");
		char *args[] = {"--directive", dir, NULL};
		struct vt *v = start(root, sizes[k][0], sizes[k][1], args);
		EXPECT(v, "Kế hoạch thử đánh số La Mã");
		/* I.1 asks for no evidence: nothing to add, on the bar or the screen */
		vt_key(v, VTERM_KEY_ENTER);
		EXPECT(v, "Phần I");
		EXPECT_ITEM_SELECTED(v, "I.1");
		EXPECT(v, "Space xong");
		char *s = vt_screen(v);
		cr_expect(!strstr(s, "a thêm"), "add offered for an item without evidence:\n%s", s);
		free(s);
		vt_key(v, VTERM_KEY_ENTER);
		EXPECT(v, "Mục I.1 ·");
		EXPECT(v, "e ghi chú");
		s = vt_screen(v);
		cr_expect(!strstr(s, "Thêm hoạt động") && !strstr(s, "a thêm"),
			  "add offered for an item without evidence:\n%s", s);
		free(s);
		vt_type(v, "a");
		vt_settle(v, 100, 500);
		s = vt_screen(v);
		cr_expect(!strstr(s, "Hoạt động mới"), "a opened a record:\n%s", s);
		free(s);
		/* I.2 has evidence fields: offered */
		vt_key(v, VTERM_KEY_ESCAPE);
		vt_key(v, VTERM_KEY_DOWN);
		EXPECT_ITEM_SELECTED(v, "I.2");
		EXPECT(v, "a thêm");
		vt_key(v, VTERM_KEY_ENTER);
		EXPECT(v, "Thêm hoạt động");
		vt_key(v, VTERM_KEY_ESCAPE);
		vt_key(v, VTERM_KEY_ESCAPE);
		/* III has no items: no item keys, and it says why */
		vt_type(v, ":III");
		vt_key(v, VTERM_KEY_ENTER);
		EXPECT(v, "Phần III");
		EXPECT(v, "(phần này không có mục việc nào để đánh dấu)");
		EXPECT(v, "Esc lùi");
		s = vt_screen(v);
		cr_expect(!strstr(s, "Space xong") && !strstr(s, "Enter mở") &&
			  !strstr(s, "s trạng thái") && !strstr(s, "e ghi chú"),
			  "item keys offered in a section without items:\n%s", s);
		free(s);
		vt_type(v, " ");
		vt_type(v, "s");
		vt_settle(v, 100, 500);
		s = vt_screen(v);
		cr_expect(!strstr(s, "Trạng thái của mục"), "s opened a menu:\n%s", s);
		free(s);
		vt_key(v, VTERM_KEY_ESCAPE);
		tr_quit(v);
		vt_free(v);
		free(dir);
		free(root);
	}
}

/* ---- search reaches what the unit wrote ---- */

/* "/" finds a unit's notes and activity records as well as the
 * directive's text, with or without marks, in NFC or NFD, and opens the
 * item on the line that holds the match. */
Test(tui_nav, search_finds_notes_and_evidence_of_the_unit)
{
	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		char *root = tr_root();
		/* the note in NFD ("sổ tiếp dân" with combining marks) */
		char *a1[] = {"set", "4.3",
			      "note=\xc4\x90\xc3\xa3 l\x61\xcc\xa3\xcc\x82p so\xcc\x82\xcc\x89 "
			      "tie\xcc\x82\xcc\x81p da\xcc\x82n", NULL};
		cli(root, a1);
		char *a2[] = {"set", "4.4", "activity.date=2023-03-14",
			      "activity.document=12/KH-UBND", NULL};
		cli(root, a2);
		char *a3[] = {"set", "6.1", "note=Họp dân ở thôn Đông", NULL};
		cli(root, a3);
		struct vt *v = start(root, sizes[k][0], sizes[k][1], NULL);
		EXPECT(v, "Tiến độ");
		/* no marks typed: found in the NFD note */
		vt_type(v, "/so tiep dan");
		vt_key(v, VTERM_KEY_ENTER);
		EXPECT(v, "Mục 4.3 ·");
		EXPECT(v, "Kết quả 1/1");
		EXPECT_SELECTED(v, "Ghi chú: Đã lập sổ tiếp dân");
		int row, col;
		cr_assert(vt_find(v, "sổ tiếp dân", &row, &col));
		VTermScreenCell cell;
		vt_cell(v, row, col, &cell);
		cr_expect(cell.attrs.underline || cell.attrs.reverse || !VTERM_COLOR_IS_DEFAULT_BG(&cell.bg),
			  "the match in the note is not marked");
		vt_key(v, VTERM_KEY_ESCAPE);
		vt_key(v, VTERM_KEY_ESCAPE);
		EXPECT(v, "Tiến độ");
		/* a document number in an activity record */
		vt_type(v, "/12/kh-ubnd");
		vt_key(v, VTERM_KEY_ENTER);
		EXPECT(v, "Mục 4.4 ·");
		EXPECT(v, "Kết quả 1/1");
		EXPECT_SELECTED(v, "Số, ký hiệu văn bản: 12/KH-UBND");
		vt_key(v, VTERM_KEY_ESCAPE);
		vt_key(v, VTERM_KEY_ESCAPE);
		/* with marks, NFC query: found in 6.1's note */
		vt_type(v, "/thôn Đông");
		vt_key(v, VTERM_KEY_ENTER);
		EXPECT(v, "Mục 6.1 ·");
		EXPECT_SELECTED(v, "Ghi chú: Họp dân ở thôn Đông");
		vt_key(v, VTERM_KEY_ESCAPE);
		vt_key(v, VTERM_KEY_ESCAPE);
		/* the directive's own text is still found, before the unit's
		 * note of the same item */
		vt_type(v, "/tiep cong dan");
		vt_key(v, VTERM_KEY_ENTER);
		EXPECT(v, "Phần 4");
		EXPECT_ITEM_SELECTED(v, "4.3");
		vt_key(v, VTERM_KEY_ESCAPE);
		EXPECT(v, "Tiến độ");
		tr_quit(v);
		vt_free(v);
		free(root);
	}
}

/* ---- paging and search hits ---- */

Test(tui_nav, pgup_from_the_last_item_of_a_section_moves_up)
{
	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		char *root = tr_root();
		struct vt *v = start(root, sizes[k][0], sizes[k][1], NULL);
		EXPECT(v, "Tiến độ");
		vt_type(v, ":6\r");
		EXPECT(v, "Phần 6");
		vt_key(v, VTERM_KEY_END);
		EXPECT_ITEM_SELECTED(v, "6.4");
		vt_key(v, VTERM_KEY_PAGEUP);
		char got[64] = "6.4";
		for (int tries = 0; tries < 50 && !strcmp(got, "6.4"); tries++) {
			vt_settle(v, 20, 50);
			selected_id(v, got, sizeof got);
		}
		cr_expect_str_neq(got, "6.4", "PgUp did not move at %dx%d", sizes[k][1], sizes[k][0]);
		for (int i = 0; i < 3 && strcmp(got, "6.1"); i++) {
			vt_key(v, VTERM_KEY_PAGEUP);
			vt_settle(v, 50, 300);
			selected_id(v, got, sizeof got);
		}
		cr_expect_str_eq(got, "6.1");
		/* and the heading is back in view */
		EXPECT(v, "6. Lấy ý kiến");
		vt_key(v, VTERM_KEY_ESCAPE);
		tr_quit(v);
		vt_free(v);
		free(root);
	}
}

/* The current search hit: bold on a colour of its own, in the body. */
static bool hit_now(struct vt *v, int *row, int *col)
{
	for (int r = 1; r < vt_rows(v) - 2; r++)
		for (int c = 0; c < vt_cols(v); c++) {
			VTermScreenCell cell;
			vt_cell(v, r, c, &cell);
			if (cell.attrs.bold && !VTERM_COLOR_IS_DEFAULT_BG(&cell.bg) && cell.chars[0] != ' ') {
				*row = r, *col = c;
				return true;
			}
		}
	return false;
}

/* n through hits that are all on one screen (several in one paragraph):
 * the current one is marked, and the mark moves at each n. */
Test(tui_nav, n_marks_the_current_hit_even_when_the_screen_does_not_move)
{
	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		char *root = tr_root();
		struct vt *v = start(root, sizes[k][0], sizes[k][1], NULL);
		EXPECT(v, "Tiến độ");
		vt_type(v, "/nhan dan\r");
		EXPECT(v, "Kết quả 1/");
		int pr = -1, pc = -1;
		for (int i = 2; i <= 6; i++) {
			char want[32];
			snprintf(want, sizeof want, "Kết quả %d/", i);
			vt_type(v, "n");
			EXPECT(v, want);
			vt_settle(v, 50, 300);
			int r, c;
			bool found = hit_now(v, &r, &c);
			char *s = vt_screen(v);
			cr_assert(found, "hit %d is not marked:\n%s", i, s);
			free(s);
			VTermScreenCell cell;
			vt_cell(v, r, c, &cell);
			cr_expect(cell.chars[0] == 'N' || cell.chars[0] == 'n', "the mark is not on a hit");
			cr_expect(r != pr || c != pc, "the mark did not move at hit %d", i);
			pr = r, pc = c;
		}
		vt_key(v, VTERM_KEY_ESCAPE);
		tr_quit(v);
		vt_free(v);
		free(root);
	}
}

/* The key bar names every key the screen takes (e, x, Esc as well) and
 * wraps rather than cutting, down to the smallest window. */
Test(tui_nav, the_key_bar_names_every_key_and_wraps_instead_of_cutting)
{
	static const int bar_sizes[][2] = {{24, 80}, {20, 60}, {12, 40}};
	char *root = tr_root();
	char *a1[] = {"set", "4.4", "activity.date=2023-03-14", NULL};
	cli(root, a1);
	for (size_t k = 0; k < sizeof bar_sizes / sizeof bar_sizes[0]; k++) {
		struct vt *v = start(root, bar_sizes[k][0], bar_sizes[k][1], NULL);
		vt_type(v, ":4.4\r");
		EXPECT(v, "Mục 4.4");
		vt_key(v, VTERM_KEY_DOWN);
		vt_key(v, VTERM_KEY_DOWN);
		vt_key(v, VTERM_KEY_DOWN);
		static const char *const keys[] = {"Enter sửa", "Space xong", "s trạng thái", "e ghi chú",
						   "a thêm", "x xóa", "Esc lùi", "? trợ giúp"};
		char *s = NULL;
		for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
			if (!vt_wait(v, keys[i], 2000)) {
				s = vt_screen(v);
				cr_expect_fail("%dx%d: the bar lacks \"%s\":\n%s", bar_sizes[k][1],
					       bar_sizes[k][0], keys[i], s);
				free(s);
			}
		}
		vt_key(v, VTERM_KEY_ESCAPE);
		vt_key(v, VTERM_KEY_ESCAPE);
		tr_quit(v);
		vt_free(v);
	}
	free(root);
}

/* The number pad types digits wherever dvk runs (PuTTY and Windows
 * Terminal honour the keypad mode dvk asks for), and a terminal that
 * keeps the application keypad anyway (ESC O t for 4) still types them. */
Test(tui_nav, the_number_pad_types_digits_into_go_to)
{
	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		char *root = tr_root();
		struct vt *v = start(root, sizes[k][0], sizes[k][1], NULL);
		EXPECT(v, "Tiến độ");
		vt_key(v, VTERM_KEY_KP_4);
		EXPECT(v, "Đến mục: 4");
		vt_key(v, VTERM_KEY_KP_PERIOD);
		vt_key(v, VTERM_KEY_KP_3);
		EXPECT(v, "Đến mục: 4.3");
		vt_key(v, VTERM_KEY_KP_ENTER);
		EXPECT(v, "Mục 4.3 ·");
		vt_key(v, VTERM_KEY_ESCAPE);
		vt_key(v, VTERM_KEY_ESCAPE);
		EXPECT(v, "Tiến độ");
		/* application keypad sequences, as sent by a terminal that
		 * ignores the request */
		vt_send(v, "\033Ot", 3);
		EXPECT(v, "Đến mục: 4");
		vt_send(v, "\033On\033Or", 6);
		EXPECT(v, "Đến mục: 4.2");
		vt_send(v, "\033OM", 3);
		EXPECT(v, "Mục 4.2 ·");
		vt_key(v, VTERM_KEY_ESCAPE);
		vt_key(v, VTERM_KEY_ESCAPE);
		EXPECT(v, "Tiến độ");
		tr_quit(v);
		vt_free(v);
		free(root);
	}
}
