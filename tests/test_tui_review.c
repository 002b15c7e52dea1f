/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_tui_review.c: the reviewer view (`dvk --review DIR`) and the
 * reviews coming back to the unit, driven in a pseudo-terminal.
 *
 * The reviewer's folder is laid out as a data folder
 * (DIR/<directive>/<unit>.dvk.yaml), so that the same folder, opened as
 * one of its units (--data DIR, DVK_UNIT), shows what the unit sees when
 * its file comes back.
 */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/helpers/tuirun.h"

#define DIRECTIVE "thanh-hoa-dvk-2023"
#define REVIEWER "Phạm Duyệt"


static char *path_of(const char *fmt, const char *a, const char *b)
{
	char *p;
	cr_assert(asprintf(&p, fmt, a, b) > 0);
	return p;
}

/* `dvk --data DIR --unit UNIT --user WHO set ITEM status=STATUS` */
static void set_status(const char *root, const char *dir, const char *unit, const char *who,
		       const char *item, const char *status)
{
	char *u = path_of("DVK_UNIT=%s%s", unit, "");
	char *w = path_of("DVK_USER=%s%s", who, "");
	char *s = path_of("status=%s%s", status, "");
	const char *env[] = {u, w, NULL};
	char *args[] = {"--data", (char *)dir, "set", (char *)item, s, NULL};
	cr_assert_eq(tr_cli(root, env, args, NULL), 0, "dvk set %s %s failed", item, s);
	free(u);
	free(w);
	free(s);
}

/* The reviewer's config, as after the office questions (office.c): most
 * tests are about other things. */
static void office_known(const char *root)
{
	char *cdir = path_of("%s/config%s", root, "");
	char *ddir = path_of("%s/config/dvk%s", root, "");
	char *cfg = path_of("%s/config/dvk/config.yaml%s", root, "");
	mkdir(cdir, 0700);
	mkdir(ddir, 0700);
	static const char text[] = "office_name: UBND huyện Thử\n";
	cr_assert(tr_write(cfg, text, sizeof text - 1));
	free(cfg);
	free(ddir);
	free(cdir);
}

/* Three units under root/district: xa-a 2 done, xa-b 1 done, xa-c with
 * 2.1 in conflict (two people, two folders, merged).  Returns the folder. */
static char *three_units(const char *root)
{
	char *dir = path_of("%s/district%s", root, "");
	char *other = path_of("%s/other%s", root, "");
	set_status(root, dir, "xa-a", "Nguyễn Văn An", "1.1", "done");
	set_status(root, dir, "xa-a", "Nguyễn Văn An", "1.2", "done");
	set_status(root, dir, "xa-b", "Trần Thị Bình", "1.1", "done");
	set_status(root, dir, "xa-c", "Lê Văn Cường", "2.1", "done");
	set_status(root, other, "xa-c", "Lê Thị Dung", "2.1", "in-progress");
	char *c1 = path_of("%s/" DIRECTIVE "/xa-c.dvk.yaml%s", dir, "");
	char *c2 = path_of("%s/" DIRECTIVE "/xa-c.dvk.yaml%s", other, "");
	char *args[] = {"merge", c1, c2, "-o", c1, NULL};
	cr_assert_eq(tr_cli(root, NULL, args, NULL), 0);
	free(c1);
	free(c2);
	free(other);
	office_known(root);
	return dir;
}

static struct vt *start_review(const char *root, const char *dir, int rows, int cols,
			       const char *const extra[])
{
	char *args[] = {"--review", (char *)dir, NULL};
	const char *env[8] = {"DVK_USER=" REVIEWER, "DVK_UNIT"};
	int n = 2;
	for (size_t i = 0; extra && extra[i] && n < 7; i++)
		env[n++] = extra[i];
	env[n] = NULL;
	struct vt *v = tr_start(root, rows, cols, env, args);
	cr_assert_not_null(v, "cannot start %s", tr_bin());
	return v;
}

/* The screen row that holds text (caller frees), or fails. */
static char *row_with(struct vt *v, const char *text)
{
	int row;
	if (!vt_find(v, text, &row, NULL)) {
		char *s = vt_screen(v);
		cr_assert_fail("no row with \"%s\":\n%s", text, s);
	}
	return vt_row(v, row);
}

/* ---- the list ---- */

Test(tui_review, the_list_shows_three_units_with_progress_and_conflicts)
{
	char *root = tr_root();
	char *dir = three_units(root);
	struct vt *v = start_review(root, dir, 24, 80, NULL);
	EXPECT(v, "3 đơn vị trong");
	EXPECT(v, "Đánh giá");
	EXPECT(v, REVIEWER);
	/* sorted by name, like the report */
	int ra, rb, rc;
	cr_assert(vt_find(v, "xa-a", &ra, NULL) && vt_find(v, "xa-b", &rb, NULL) &&
		  vt_find(v, "xa-c", &rc, NULL));
	cr_expect(ra < rb && rb < rc, "not sorted: %d %d %d", ra, rb, rc);
	char *a = row_with(v, "xa-a"), *b = row_with(v, "xa-b"), *c = row_with(v, "xa-c");
	cr_expect(strstr(a, "2/38") && strstr(a, "5%") && strstr(a, "[...."), "xa-a: %s", a);
	/* 1/38 is 2.6 %: rounded half up, as every report does */
	cr_expect(strstr(b, "1/38") && strstr(b, "3%"), "xa-b: %s", b);
	cr_expect(strstr(c, "0/38") && strstr(c, "!1"), "xa-c has one conflict: %s", c);
	cr_expect(!strstr(a, "!") && !strstr(b, "!"), "no conflict on a or b:\n%s\n%s", a, b);
	cr_expect(a[0] == '>', "the first unit is selected: %s", a);
	free(a);
	free(b);
	free(c);
	EXPECT(v, "Tất cả đơn vị: 3/114");
	tr_quit(v);
	vt_free(v);
	free(dir);
	free(root);
}

/* ---- read-only, a review, and the unit seeing it ---- */

Test(tui_review, a_unit_opens_read_only_and_a_review_goes_into_its_file)
{
	char *root = tr_root();
	char *dir = three_units(root);
	char *file = path_of("%s/" DIRECTIVE "/xa-a.dvk.yaml%s", dir, "");
	char *before = tr_slurp(file);
	struct vt *v = start_review(root, dir, 24, 80, NULL);
	EXPECT_SELECTED(v, "xa-a");
	vt_key(v, VTERM_KEY_ENTER);
	EXPECT(v, "người đánh giá: " REVIEWER " (chỉ xem)");
	EXPECT(v, "2/38");
	/* a status key is refused, on the overview and in a section */
	vt_type(v, " ");
	vt_key(v, VTERM_KEY_ENTER);
	EXPECT_SELECTED(v, "[x] 1.1");
	vt_key(v, VTERM_KEY_DOWN);
	EXPECT_SELECTED(v, "[x] 1.2");
	vt_type(v, " ");
	EXPECT(v, "Chỉ xem: đây là phần việc của đơn vị");
	vt_type(v, "s");
	EXPECT(v, "Chỉ xem");
	cr_expect(vt_wait(v, "[x] 1.2", 300), "Space changed the status");
	/* the item: Enter on its status is refused too */
	vt_key(v, VTERM_KEY_ENTER);
	EXPECT(v, "Mục 1.2");
	EXPECT(v, "Đánh giá: (chưa có: v để đánh giá)");
	vt_key(v, VTERM_KEY_ENTER);
	EXPECT(v, "Chỉ xem");
	vt_type(v, "e");
	EXPECT(v, "Chỉ xem");
	char *mid = tr_slurp(file);
	cr_expect_str_eq(mid, before, "a refused key changed the file");
	free(mid);
	/* v: needs more work, with a comment */
	vt_type(v, "v");
	EXPECT(v, "Đánh giá mục 1.2");
	EXPECT(v, "cần làm thêm");
	vt_type(v, "2");
	EXPECT(v, "cần làm thêm, mục 1.2: nhận xét gửi đơn vị");
	vt_type(v, "Thiếu biên bản hội nghị");
	vt_key(v, VTERM_KEY_ENTER);
	EXPECT(v, "Đã ghi đánh giá vào");
	EXPECT(v, "Đánh giá: cần làm thêm: Thiếu biên bản hội nghị (" REVIEWER ",");
	/* back on the list, the unit has one item needing work */
	vt_key(v, VTERM_KEY_ESCAPE);
	vt_key(v, VTERM_KEY_ESCAPE);
	EXPECT(v, "1 mục cần làm thêm");
	vt_key(v, VTERM_KEY_ESCAPE);
	EXPECT(v, "3 đơn vị trong");
	char *a = row_with(v, "xa-a");
	cr_expect(strstr(a, "*1"), "the list marks the review: %s", a);
	free(a);
	tr_quit(v);
	vt_free(v);

	/* in the unit's file, signed by the reviewer */
	char *st = tr_slurp(file);
	cr_assert_not_null(st);
	cr_expect(strstr(st, "review: needs-work") && strstr(st, "review_comment: Thiếu biên bản hội nghị"),
		  "file:\n%s", st);
	free(st);
	char *out = NULL;
	char *largs[] = {"log", file, "1.2", NULL};
	cr_assert_eq(tr_cli(root, NULL, largs, &out), 0);
	cr_expect(strstr(out, REVIEWER) && strstr(out, "needs-work"), "dvk log:\n%s", out);
	free(out);

	/* the unit opens its file (the same folder as its data) */
	char *data = path_of("DVK_DATA=%s%s", dir, "");
	const char *env[] = {data, "DVK_UNIT=xa-a", "DVK_USER=Nguyễn Văn An", NULL};
	v = tr_start(root, 24, 80, env, NULL);
	cr_assert_not_null(v);
	EXPECT(v, "Người đánh giá: 1 mục cần làm thêm");
	char *s1 = row_with(v, " 1. ");
	cr_expect(strstr(s1, "* [2/4]"), "section 1 is marked: %s", s1);
	free(s1);
	vt_key(v, VTERM_KEY_ENTER);
	EXPECT(v, "[x] 1.2 *");
	vt_key(v, VTERM_KEY_DOWN);
	EXPECT_SELECTED(v, "[x] 1.2 *");
	vt_key(v, VTERM_KEY_ENTER);
	EXPECT(v, "Mục 1.2");
	EXPECT(v, "Đánh giá: cần làm thêm: Thiếu biên bản hội nghị (" REVIEWER ",");
	/* the unit is not the reviewer */
	vt_type(v, "v");
	EXPECT(v, "Đánh giá do người đánh giá ghi");
	vt_key(v, VTERM_KEY_ESCAPE);
	vt_key(v, VTERM_KEY_ESCAPE);
	tr_quit(v);
	vt_free(v);
	free(data);
	free(before);
	free(file);
	free(dir);
	free(root);
}

Test(tui_review, an_approval_without_comment_then_in_english)
{
	char *root = tr_root();
	char *dir = three_units(root);
	const char *en[] = {"DVK_LANG=en", NULL};
	struct vt *v = start_review(root, dir, 20, 60, en);
	EXPECT(v, "3 units in");
	vt_key(v, VTERM_KEY_DOWN);
	EXPECT_SELECTED(v, "xa-b");
	vt_key(v, VTERM_KEY_ENTER);
	EXPECT(v, "reviewed by " REVIEWER " (read only)");
	vt_key(v, VTERM_KEY_ENTER);
	EXPECT_SELECTED(v, "[x] 1.1");
	/* v works from the section's list too */
	vt_type(v, "v");
	EXPECT(v, "Review of item 1.1");
	vt_key(v, VTERM_KEY_ENTER);
	EXPECT(v, "approved, item 1.1");
	vt_key(v, VTERM_KEY_ENTER);
	EXPECT(v, "Review recorded in");
	vt_key(v, VTERM_KEY_ESCAPE);
	EXPECT(v, "Reviewer: 1 items approved.");
	vt_key(v, VTERM_KEY_ESCAPE);
	EXPECT(v, "3 units in");
	tr_quit(v);
	vt_free(v);
	char *file = path_of("%s/" DIRECTIVE "/xa-b.dvk.yaml%s", dir, "");
	char *st = tr_slurp(file);
	cr_expect(st && strstr(st, "review: approved"), "file:\n%s", st ? st : "");
	free(st);
	free(file);
	free(dir);
	free(root);
}

Test(tui_review, the_reviewer_is_asked_for_a_name_once)
{
	char *root = tr_root();
	char *dir = three_units(root);
	char *args[] = {"--review", dir, NULL};
	const char *env[] = {"DVK_USER", "DVK_UNIT", NULL};
	struct vt *v = tr_start(root, 24, 80, env, args);
	cr_assert_not_null(v);
	EXPECT(v, "Họ và tên");
	vt_type(v, "Đỗ Kiểm Tra");
	vt_key(v, VTERM_KEY_ENTER);
	EXPECT(v, "3 đơn vị trong");
	EXPECT(v, "Đỗ Kiểm Tra");
	vt_key(v, VTERM_KEY_ENTER);
	vt_key(v, VTERM_KEY_ENTER);
	EXPECT_SELECTED(v, "[x] 1.1");
	vt_type(v, "v1");
	EXPECT(v, "đạt, mục 1.1");
	vt_key(v, VTERM_KEY_ENTER);
	EXPECT(v, "Đã ghi đánh giá");
	vt_key(v, VTERM_KEY_ESCAPE);
	vt_key(v, VTERM_KEY_ESCAPE);
	vt_key(v, VTERM_KEY_ESCAPE);
	tr_quit(v);
	vt_free(v);
	char *file = path_of("%s/" DIRECTIVE "/xa-a.dvk.yaml%s", dir, "");
	char *st = tr_slurp(file);
	cr_expect(st && strstr(st, "by: Đỗ Kiểm Tra"), "signed by the reviewer:\n%s", st ? st : "");
	free(st);
	free(file);
	/* remembered: not asked again */
	v = tr_start(root, 24, 80, env, args);
	cr_assert_not_null(v);
	EXPECT(v, "3 đơn vị trong");
	tr_quit(v);
	vt_free(v);
	free(dir);
	free(root);
}

Test(tui_review, a_folder_that_is_not_there_is_said_plainly)
{
	char *root = tr_root();
	char *dir = path_of("%s/nowhere%s", root, "");
	char *args[] = {"--review", dir, NULL};
	const char *env[] = {"DVK_USER=" REVIEWER, NULL};
	struct vt *v = tr_start(root, 24, 80, env, args);
	cr_assert_not_null(v);
	int st = vt_wait_exit(v, WAIT_MS);
	cr_expect(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 1, "exit status %d", st);
	vt_free(v);
	free(dir);
	free(root);
}

/* A comment being typed when the link drops comes back at the next
 * start of the reviewer view, in its unit and item, and is recorded. */
Test(tui_review, a_comment_cut_off_by_a_hangup_comes_back)
{
	char *root = tr_root();
	char *dir = three_units(root);
	char *file = path_of("%s/" DIRECTIVE "/xa-a.dvk.yaml%s", dir, "");
	struct vt *v = start_review(root, dir, 24, 80, NULL);
	EXPECT_SELECTED(v, "xa-a");
	vt_key(v, VTERM_KEY_ENTER);
	EXPECT(v, "người đánh giá: " REVIEWER);
	vt_key(v, VTERM_KEY_ENTER);
	EXPECT_SELECTED(v, "[x] 1.1");
	vt_key(v, VTERM_KEY_DOWN);
	vt_key(v, VTERM_KEY_ENTER);
	EXPECT(v, "Mục 1.2");
	vt_type(v, "v");
	vt_type(v, "2");
	EXPECT(v, "cần làm thêm, mục 1.2: nhận xét gửi đơn vị");
	vt_type(v, "Thiếu số văn bản");
	EXPECT(v, "Thiếu số văn bản");
	vt_hangup(v);
	cr_assert_neq(vt_wait_exit(v, 1000), -1, "still running 1 s after the hang-up");
	vt_free(v);
	char *st = tr_slurp(file);
	cr_expect(!strstr(st, "Thiếu số văn bản"), "recorded before Enter:\n%s", st);
	free(st);

	/* the unit's own start does not offer the reviewer's comment */
	char *data = path_of("DVK_DATA=%s%s", dir, "");
	const char *env[] = {data, "DVK_UNIT=xa-a", "DVK_USER=" REVIEWER, NULL};
	v = tr_start(root, 24, 80, env, NULL);
	cr_assert_not_null(v);
	EXPECT(v, "Tiến độ");
	vt_settle(v, 100, 500);
	char *s = vt_screen(v);
	cr_expect(!strstr(s, "chưa lưu"), "the unit was offered a review draft:\n%s", s);
	free(s);
	tr_quit(v);
	vt_free(v);

	v = start_review(root, dir, 24, 80, NULL);
	EXPECT(v, "Còn nhận xét chưa lưu về mục 1.2 của xa-a");
	vt_type(v, "c");
	EXPECT(v, "cần làm thêm, mục 1.2: nhận xét gửi đơn vị");
	EXPECT(v, "Thiếu số văn bản");
	vt_type(v, " 15/KH");
	vt_key(v, VTERM_KEY_ENTER);
	EXPECT(v, "Đã ghi đánh giá vào");
	EXPECT(v, "Đánh giá: cần làm thêm: Thiếu số văn bản 15/KH (" REVIEWER ",");
	vt_key(v, VTERM_KEY_ESCAPE);
	vt_key(v, VTERM_KEY_ESCAPE);
	vt_key(v, VTERM_KEY_ESCAPE);
	EXPECT(v, "3 đơn vị trong");
	tr_quit(v);
	vt_free(v);
	st = tr_slurp(file);
	cr_expect(strstr(st, "review_comment: Thiếu số văn bản 15/KH"), "file:\n%s", st);
	free(st);
	/* recorded: not offered again */
	v = start_review(root, dir, 24, 80, NULL);
	EXPECT(v, "3 đơn vị trong");
	vt_settle(v, 100, 500);
	s = vt_screen(v);
	cr_expect(!strstr(s, "chưa lưu"), "offered again:\n%s", s);
	free(s);
	tr_quit(v);
	vt_free(v);
	free(data);
	free(file);
	free(dir);
	free(root);
}

/* ---- the office details the báo cáo needs, asked once ---- */

static char *config_of(const char *root)
{
	char *cfg = path_of("%s/config/dvk/config.yaml%s", root, "");
	char *text = tr_slurp(cfg);
	free(cfg);
	return text ? text : strdup("");
}

static void forget_office(const char *root)
{
	char *cfg = path_of("%s/config/dvk/config.yaml%s", root, "");
	cr_assert_eq(unlink(cfg), 0);
	free(cfg);
}

/* The answers, in the order asked. */
static const char *const answers[] = {
	"UBND huyện Quảng Xương", "UBND tỉnh Thanh Hóa", "Quảng Xương", "UBND",
	"TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Lê Văn Ký", "Thường trực Huyện ủy; Ban Dân vận Huyện ủy",
};

Test(tui_review, the_office_is_asked_once_and_the_draft_uses_it)
{
	char *root = tr_root();
	char *dir = three_units(root);
	forget_office(root);
	struct vt *v = start_review(root, dir, 24, 80, NULL);
	EXPECT(v, "Chỉ hỏi một lần");
	EXPECT(v, "(1/8) Cơ quan ban hành báo cáo, ví dụ: UBND huyện Quảng Xương:");
	for (size_t i = 0; i < 8; i++) {
		char *n;
		cr_assert(asprintf(&n, "(%zu/8)", i + 1) > 0);
		EXPECT(v, n);
		free(n);
		/* the second answer is left empty first: shown as [...] later */
		if (i != 1)
			vt_type(v, answers[i]);
		vt_key(v, VTERM_KEY_ENTER);
	}
	EXPECT(v, "Đã ghi nhớ thông tin cơ quan");
	EXPECT(v, "3 đơn vị trong");
	char *cfg = config_of(root);
	cr_expect(strstr(cfg, "office_name: UBND huyện Quảng Xương") && strstr(cfg, "office_symbol: UBND") &&
		  strstr(cfg, "signer_name: Lê Văn Ký") && strstr(cfg, "office_place: Quảng Xương"),
		  "config:\n%s", cfg);
	free(cfg);
	/* o shows them, and changes one */
	vt_type(v, "o");
	EXPECT(v, "Thông tin cơ quan ghi trên báo cáo");
	EXPECT_SELECTED(v, "Cơ quan ban hành báo cáo: UBND huyện Quảng Xương");
	char *sup = row_with(v, "Cơ quan chủ quản");
	cr_expect(strstr(sup, "[...]"), "an empty answer shows [...]: %s", sup);
	free(sup);
	vt_key(v, VTERM_KEY_DOWN);
	EXPECT_SELECTED(v, "Cơ quan chủ quản");
	vt_key(v, VTERM_KEY_ENTER);
	EXPECT(v, "Cơ quan chủ quản (có thể để trống), ví dụ: UBND tỉnh Thanh Hóa:");
	vt_type(v, answers[1]);
	vt_key(v, VTERM_KEY_ENTER);
	EXPECT(v, "Cơ quan chủ quản (có thể để trống): UBND tỉnh Thanh Hóa");
	vt_key(v, VTERM_KEY_ESCAPE);
	EXPECT(v, "3 đơn vị trong");
	tr_quit(v);
	vt_free(v);

	/* asked once: the next start goes straight to the units */
	v = start_review(root, dir, 24, 80, NULL);
	EXPECT(v, "3 đơn vị trong");
	vt_settle(v, 100, 500);
	char *s = vt_screen(v);
	cr_expect(!strstr(s, "(1/8)"), "asked again:\n%s", s);
	free(s);
	tr_quit(v);
	vt_free(v);

	/* the báo cáo made from the same folder carries every answer */
	char *out = NULL;
	const char *vi[] = {"DVK_LANG=vi", NULL};
	char *args[] = {"report", "--draft", dir, NULL};
	cr_assert_eq(tr_cli(root, vi, args, &out), 0);
	for (size_t i = 0; i < 8; i++) {
		const char *want = i == 3 ? "/BC-UBND" : i == 7 ? "Ban Dân vận Huyện ủy" : answers[i];
		cr_expect(strstr(out, want), "the báo cáo lacks \"%s\":\n%s", want, out);
	}
	free(out);
	free(dir);
	free(root);
}

Test(tui_review, esc_leaves_the_office_for_later_and_the_roster_is_enough)
{
	char *root = tr_root();
	char *dir = three_units(root);
	forget_office(root);
	struct vt *v = start_review(root, dir, 20, 60, NULL);
	EXPECT(v, "(1/8) Cơ quan ban hành");
	vt_key(v, VTERM_KEY_ESCAPE);
	EXPECT(v, "Sẽ không hỏi lại");
	EXPECT(v, "3 đơn vị trong");
	tr_quit(v);
	vt_free(v);
	char *cfg = config_of(root);
	cr_expect(strstr(cfg, "office_name: \"\""), "Esc is remembered as asked:\n%s", cfg);
	free(cfg);
	v = start_review(root, dir, 20, 60, NULL);
	EXPECT(v, "3 đơn vị trong");
	vt_settle(v, 100, 500);
	char *s = vt_screen(v);
	cr_expect(!strstr(s, "(1/8)"), "asked again after Esc:\n%s", s);
	free(s);
	tr_quit(v);
	vt_free(v);

	/* a roster that names the office: nothing is asked, o shows it */
	forget_office(root);
	char *ro = path_of("%s/data/roster.yaml%s", root, "");
	char *data = path_of("%s/data%s", root, "");
	mkdir(data, 0700);
	static const char roster[] = "format: dvk-roster/1\n"
				     "office:\n"
				     "  name: UBND huyện Theo Danh Sách\n"
				     "  place: Nơi Nào Đó\n"
				     "units:\n"
				     "  - id: xa-a\n"
				     "    name: Xã A\n";
	cr_assert(tr_write(ro, roster, sizeof roster - 1));
	v = start_review(root, dir, 24, 80, NULL);
	EXPECT(v, "3 đơn vị trong");
	vt_settle(v, 100, 500);
	s = vt_screen(v);
	cr_expect(!strstr(s, "(1/8)"), "asked though the roster names the office:\n%s", s);
	free(s);
	vt_type(v, "o");
	EXPECT(v, "Cơ quan ban hành báo cáo: UBND huyện Theo Danh Sách (theo danh sách đơn vị)");
	EXPECT(v, "Địa danh ghi trước ngày, tháng: Nơi Nào Đó (theo danh sách đơn vị)");
	vt_key(v, VTERM_KEY_ESCAPE);
	tr_quit(v);
	vt_free(v);
	free(data);
	free(ro);
	free(dir);
	free(root);
}
