/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_tui_directives.c: several directives, revisions and real numbering
 * in the terminal UI, read from the screen at 80x24 and 60x20: the chooser
 * that plain `dvk` opens when the data folder holds two directives, the
 * items a revision no longer has shown apart, values of a dropped or
 * retyped evidence field on the item screen, and ids such as I, II.3.a,
 * 10 in the order a reader expects.
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

	cr_assert(asprintf(&p, "%s/tests/fixtures/directives/%s", src && *src ? src : ".", name) > 0);
	return p;
}

static void cli(const char *root, char *const args[])
{
	cr_assert_eq(tr_cli(root, NULL, args, NULL), 0, "dvk %s %s failed", args[0], args[1]);
}

static struct vt *start(const char *root, int rows, int cols, char *const args[])
{
	struct vt *v = tr_start(root, rows, cols, NULL, args);

	cr_assert_not_null(v, "cannot start %s", tr_bin());
	return v;
}

/* The row of the screen that holds text, or -1. */
static int row_of(struct vt *v, const char *text)
{
	int r, c;

	return vt_find(v, text, &r, &c) ? r : -1;
}

/* A data folder with the built-in directive (one item done) and the
 * numbered plan. */
static char *two_directives(void)
{
	char *root = tr_root(), *numbered = fixture("numbered.yaml");

	cr_assert_not_null(root);
	cli(root, (char *const[]){"set", "1.1", "status=done", NULL});
	cli(root, (char *const[]){"directive", "add", numbered, NULL});
	free(numbered);
	return root;
}

Test(tui_directives, plain_dvk_shows_the_chooser_with_title_issuer_revision_and_progress)
{
	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		char *root = two_directives();
		struct vt *v = start(root, sizes[k][0], sizes[k][1], NULL);

		EXPECT(v, "Chọn văn bản chỉ đạo");
		EXPECT(v, "Thư mục dữ liệu có 2 văn bản chỉ đạo");
		EXPECT(v, "Kế hoạch thử nghiệm đánh số");
		EXPECT(v, "UBND xã Thử · bản sửa đổi 1");
		EXPECT(v, "chưa bắt đầu");
		EXPECT(v, "Triển khai thực hiện chủ đề");
		EXPECT(v, "UBND tỉnh Thanh Hóa · bản sửa đổi 1");
		EXPECT(v, "1/38 việc đã xong");
		/* the second one, Enter: its overview; Esc: the chooser again */
		vt_key(v, VTERM_KEY_DOWN);
		EXPECT_SELECTED(v, "Triển khai thực hiện chủ đề");
		vt_key(v, VTERM_KEY_ENTER);
		EXPECT(v, "Quán triệt và lập kế hoạch");
		EXPECT(v, "Tiến độ:");
		vt_key(v, VTERM_KEY_ESCAPE);
		EXPECT(v, "Chọn văn bản chỉ đạo");
		/* the first one: the plan numbered I, II, V, IX, 9, 10 */
		vt_key(v, VTERM_KEY_UP);
		EXPECT_SELECTED(v, "Kế hoạch thử nghiệm đánh số");
		vt_key(v, VTERM_KEY_ENTER);
		EXPECT(v, "I. Phần một");
		int r1 = row_of(v, "I. Phần một"), r2 = row_of(v, "II. Phần hai"),
		    r5 = row_of(v, "V. Phần năm"), r9 = row_of(v, "IX. Phần chín"),
		    r9a = row_of(v, "9. Mục chín"), r10 = row_of(v, "10. Mục mười");
		cr_expect(r1 >= 0 && r1 < r2 && r2 < r5 && r5 < r9 && r9 < r9a && r9a < r10,
			  "sections out of order at %dx%d: %d %d %d %d %d %d\n%s", sizes[k][1], sizes[k][0],
			  r1, r2, r5, r9, r9a, r10, vt_screen(v));
		vt_send(v, "q", 1);
		EXPECT(v, "Chọn văn bản chỉ đạo");
		tr_quit(v);
		vt_free(v);
		free(root);
	}
}

Test(tui_directives, a_directive_given_by_id_or_in_the_config_skips_the_chooser)
{
	char *root = two_directives();
	struct vt *v = start(root, 24, 80, (char *const[]){"--directive", "ke-hoach-danh-so", NULL});

	EXPECT(v, "Tiến độ:");
	EXPECT(v, "I. Phần một");
	cr_expect(row_of(v, "Chọn văn bản chỉ đạo") < 0);
	tr_quit(v);
	vt_free(v);

	char *cfg = NULL;
	cr_assert(asprintf(&cfg, "%s/config/dvk/config.yaml", root) > 0);
	char *dir = strdup(cfg);
	*strrchr(dir, '/') = '\0';
	char *mk = NULL;
	cr_assert(asprintf(&mk, "mkdir -p '%s'", dir) > 0);
	cr_assert_eq(system(mk), 0);
	cr_assert(tr_write(cfg, "directive: thanh-hoa-dvk-2023\n", 30));
	v = start(root, 20, 60, NULL);
	EXPECT(v, "Quán triệt và lập kế hoạch");
	cr_expect(row_of(v, "Chọn văn bản chỉ đạo") < 0);
	tr_quit(v);
	vt_free(v);
	free(mk);
	free(dir);
	free(cfg);
	free(root);
}

Test(tui_directives, section_items_are_in_reader_order)
{
	char *root = two_directives();
	struct vt *v = start(root, 24, 80, (char *const[]){"--directive", "ke-hoach-danh-so", NULL});

	EXPECT(v, "II. Phần hai");
	vt_key(v, VTERM_KEY_DOWN);
	EXPECT_SELECTED(v, "II. Phần hai");
	vt_key(v, VTERM_KEY_ENTER);
	EXPECT(v, "II.10");
	int a = row_of(v, "II.3.a "), b = row_of(v, "II.3.b "), c9 = row_of(v, "II.9 "),
	    c10 = row_of(v, "II.10 ");
	cr_expect(a >= 0 && a < b && b < c9 && c9 < c10, "items out of order: %d %d %d %d\n%s", a, b,
		  c9, c10, vt_screen(v));
	vt_key(v, VTERM_KEY_ESCAPE);
	EXPECT(v, "Tiến độ:");
	tr_quit(v);
	vt_free(v);
	free(root);
}

/* A unit file written against revision 1, with revision 2 in the folder. */
static char *unit_on_rev1(void)
{
	char *root = tr_root(), *rev1 = fixture("rev1.yaml"), *rev2 = fixture("rev2.yaml");

	cli(root, (char *const[]){"--directive", rev1, "set", "1.1", "activity.date=2023-03-14",
				  "activity.participants=45", "activity.document=12/KH-UBND", NULL});
	cli(root, (char *const[]){"--directive", rev1, "set", "1.2", "activity.date=2023-03-20",
				  "activity.quantity=khoảng 500", NULL});
	cli(root, (char *const[]){"--directive", rev1, "set", "1.4", "status=done",
				  "note=Đã đăng 3 lần", NULL});
	cli(root, (char *const[]){"--directive", rev1, "set", "1.1", "status=done", NULL});
	cli(root, (char *const[]){"directive", "add", rev2, NULL});
	free(rev1);
	free(rev2);
	return root;
}

Test(tui_directives, items_revision_2_lacks_are_shown_apart_and_not_counted)
{
	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		char *root = unit_on_rev1();
		struct vt *v = start(root, sizes[k][0], sizes[k][1], NULL);

		EXPECT(v, "bản sửa đổi 2 (2023-06-01)");
		/* 1.1 done of the five items of revision 2; 1.4 is not counted */
		EXPECT(v, "1/5 việc đã xong (20%)");
		EXPECT(v, "Mục không còn trong văn bản: 1 mục, 2 số liệu");
		vt_key(v, VTERM_KEY_END);
		EXPECT_SELECTED(v, "Mục không còn trong văn bản");
		vt_key(v, VTERM_KEY_ENTER);
		EXPECT(v, "Bản sửa đổi 2 của văn bản không còn");
		EXPECT(v, "[x] 1.4 · đã xong · 2 bản ghi");
		EXPECT(v, "Ghi chú: Đã đăng 3 lần");
		EXPECT(v, "1.1  document = 12/KH-UBND");
		EXPECT(v, "1.2  quantity = khoảng 500");
		vt_key(v, VTERM_KEY_ESCAPE);
		EXPECT(v, "Tiến độ:");
		tr_quit(v);
		vt_free(v);
		free(root);
	}
}

Test(tui_directives, the_item_screen_keeps_values_of_dropped_and_retyped_fields)
{
	char *root = unit_on_rev1();
	struct vt *v = start(root, 24, 80, NULL);
	EXPECT(v, "Tiến độ:");
	vt_key(v, VTERM_KEY_ENTER); /* section 1 */
	EXPECT(v, "1.1");
	vt_key(v, VTERM_KEY_ENTER); /* item 1.1 */
	EXPECT(v, "document (không còn trong văn bản)");
	EXPECT(v, "12/KH-UBND");
	vt_key(v, VTERM_KEY_ESCAPE);
	EXPECT(v, "Phát tờ rơi.");
	vt_key(v, VTERM_KEY_DOWN);
	vt_key(v, VTERM_KEY_ENTER); /* item 1.2 */
	EXPECT(v, "khoảng 500 (không còn là số đếm: giữ nguyên như đã ghi)");
	vt_key(v, VTERM_KEY_ESCAPE);
	EXPECT(v, "Phát tờ rơi.");
	vt_key(v, VTERM_KEY_ESCAPE);
	EXPECT(v, "Tiến độ:");
	tr_quit(v);
	vt_free(v);
	free(root);
}

Test(tui_directives, an_older_directive_given_is_not_used_and_the_screen_says_which_is)
{
	char *root = unit_on_rev1(), *rev1 = fixture("rev1.yaml");
	struct vt *v = start(root, 24, 80, (char *const[]){"--directive", rev1, NULL});

	EXPECT(v, "bản sửa đổi 2 (2023-06-01)"); /* the newer one in the folder */
	EXPECT(v, "Dùng bản sửa đổi 2");
	tr_quit(v);
	vt_free(v);
	free(rev1);
	free(root);
}

Test(tui_directives, a_laptop_on_revision_1_reads_a_file_written_against_revision_2)
{
	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		char *root = unit_on_rev1(), *other = tr_root(), *rev1 = fixture("rev1.yaml"), *file;

		/* the unit works on with revision 2: its file says so */
		cli(root, (char *const[]){"set", "1.5", "status=done", NULL});
		cr_assert(asprintf(&file, "%s/data/ke-hoach-sua-doi/xa-thu.dvk.yaml", root) > 0);
		cli(other, (char *const[]){"directive", "add", rev1, NULL});
		cli(other, (char *const[]){"receive", file, NULL});
		struct vt *v = start(other, sizes[k][0], sizes[k][1], NULL);
		EXPECT(v, "Tệp này được ghi theo bản sửa đổi 2 của văn bản;");
		EXPECT(v, "có bản sửa đổi 1.");
		EXPECT(v, "Mục không còn trong văn bản: 1 mục");
		/* 1.1 and 1.4 done of revision 1's five items; 1.5 not counted */
		EXPECT(v, "2/5 việc đã xong (40%)");
		tr_quit(v);
		vt_free(v);
		free(file);
		free(rev1);
		free(other);
		free(root);
	}
}

Test(tui_directives, a_save_from_the_screen_keeps_the_removed_items_entries)
{
	char *root = unit_on_rev1(), *path;
	struct vt *v = start(root, 24, 80, NULL);

	EXPECT(v, "Tiến độ:");
	vt_key(v, VTERM_KEY_ENTER); /* section 1 */
	EXPECT(v, "Phát tờ rơi.");
	vt_key(v, VTERM_KEY_DOWN);
	EXPECT_SELECTED(v, "1.2");
	vt_send(v, " ", 1); /* 1.2 done: a save */
	EXPECT(v, "[x] 1.2");
	vt_key(v, VTERM_KEY_ESCAPE);
	EXPECT(v, "2/5 việc đã xong");
	tr_quit(v);
	vt_free(v);
	cr_assert(asprintf(&path, "%s/data/ke-hoach-sua-doi/xa-thu.dvk.yaml", root) > 0);
	char *file = tr_slurp(path);
	cr_assert_not_null(file);
	size_t n = 0;
	for (const char *p = file; (p = strstr(p, "item: \"1.4\"")); p++)
		n++;
	cr_expect_eq(n, 2, "the entries of 1.4 are not all there:\n%s", file);
	cr_expect(strstr(file, "value: Đã đăng 3 lần\n"), "%s", file);
	cr_expect(strstr(file, "\nrevision: 2\n"), "%s", file);
	free(file);
	free(path);
	free(root);
}

/* Someone on a laptop still on revision 1 changes an item revision 2
 * removed: "Thay đổi mới" lists the change, marked, and Enter shows what
 * the removed items hold (it used to open with no row at all). */
Test(tui_directives, a_change_of_an_item_the_revision_lacks_is_listed_as_new)
{
	char *root = unit_on_rev1(), *other = tr_root(), *rev1 = fixture("rev1.yaml"), *file, *back;
	const char *minh[] = { "DVK_USER=Trần Văn Minh", NULL };
	struct vt *v = start(root, 24, 80, NULL); /* a first start: all is seen */

	EXPECT(v, "Tiến độ:");
	tr_quit(v);
	vt_free(v);
	cr_assert(asprintf(&file, "%s/data/ke-hoach-sua-doi/xa-thu.dvk.yaml", root) > 0);
	cr_assert(asprintf(&back, "%s/data/ke-hoach-sua-doi/xa-thu.dvk.yaml", other) > 0);
	cli(other, (char *const[]){"directive", "add", rev1, NULL});
	cli(other, (char *const[]){"receive", file, NULL});
	cr_assert_eq(tr_cli(other, minh, (char *const[]){"set", "1.4", "note=Đã đăng thêm 2 lần", NULL}, NULL), 0);
	cli(root, (char *const[]){"receive", back, NULL});
	v = start(root, 24, 80, NULL);
	EXPECT(v, "Thay đổi mới");
	EXPECT(v, "Trần Văn Minh  1.4  Ghi chú: Đã đăng 3 lần → Đã đăng thêm");
	EXPECT(v, "(không có trong bản sửa đổi này của văn bản)");
	vt_key(v, VTERM_KEY_ENTER);
	EXPECT(v, "Bản sửa đổi 2 của văn bản không còn");
	EXPECT(v, "Ghi chú: Đã đăng thêm 2 lần");
	vt_key(v, VTERM_KEY_ESCAPE);
	EXPECT(v, "Thay đổi mới");
	vt_key(v, VTERM_KEY_ESCAPE);
	EXPECT(v, "Tiến độ:");
	tr_quit(v);
	vt_free(v);
	free(back);
	free(file);
	free(rev1);
	free(other);
	free(root);
}

/* An imported plan names who does each task and by when: the item screen
 * shows both under the task's text, wrapped under their labels, at 80x24
 * and 60x20; an item that names neither shows neither label. */
Test(tui_directives, the_item_screen_names_the_responsible_agencies_and_the_deadline)
{
	char *root = tr_root(), *duties = fixture("duties.yaml");

	cr_assert_not_null(root);
	cli(root, (char *const[]){"directive", "add", duties, NULL});
	free(duties);
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		struct vt *v = start(root, sizes[i][0], sizes[i][1], NULL);

		EXPECT(v, "Tiến độ:");
		vt_type(v, "1.1");
		vt_key(v, VTERM_KEY_ENTER);
		EXPECT(v, "Mục 1.1");
		EXPECT(v, "Cơ quan thực hiện: Phòng Văn hóa và Thông tin;");
		EXPECT(v, "xã, thị trấn");
		EXPECT(v, "Thời hạn: trước ngày 30/6/2024");
		int who = row_of(v, "Cơ quan thực hiện:"), when = row_of(v, "Thời hạn:"),
		    status = row_of(v, "Trạng thái:");
		cr_expect(who > 0 && who < when && when < status, "rows %d %d %d:\n%s", who, when, status,
			  vt_screen(v));
		vt_key(v, VTERM_KEY_ESCAPE);
		vt_type(v, "1.2");
		vt_key(v, VTERM_KEY_ENTER);
		EXPECT(v, "Mục 1.2");
		EXPECT(v, "Trạng thái:");
		cr_expect_eq(row_of(v, "Cơ quan thực hiện:"), -1, "%s", vt_screen(v));
		cr_expect_eq(row_of(v, "Thời hạn:"), -1, "%s", vt_screen(v));
		/* back through the section to the overview */
		vt_key(v, VTERM_KEY_ESCAPE);
		EXPECT(v, "Phần 1 ·");
		vt_key(v, VTERM_KEY_ESCAPE);
		EXPECT(v, "Tiến độ:");
		tr_quit(v);
		vt_free(v);
	}
	free(root);
}
