/*
 * test_tui_msg.c: what the TUI says when something goes wrong: messages
 * in Vietnamese, the reason before the path, wrapped rather than cut, m
 * to see one whole; a state file broken by hand opens a recovery screen
 * that names the line, never writes the file, and puts the newest good
 * backup back on request.  At 80x24 and 60x20.
 */
#include <criterion/criterion.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "tests/helpers/tuirun.h"
#include "tests/helpers/vt.h"

static const int sizes[][2] = {{24, 80}, {20, 60}};

static void mkdirs(const char *path)
{
	char tmp[2048];
	snprintf(tmp, sizeof tmp, "%s", path);
	for (char *p = tmp + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(tmp, 0700);
			*p = '/';
		}
	mkdir(tmp, 0700);
}

/* The screen as one text, rows joined by spaces: a message wrapped over
 * lines reads on. */
static char *screen_flat(struct vt *v)
{
	char *s = vt_screen(v);
	for (char *p = s; *p; p++)
		if (*p == '\n')
			*p = ' ';
	return s;
}

/* ---- messages ---- */

Test(tui_msg, a_long_message_keeps_its_reason_first_is_wrapped_and_m_shows_it_whole)
{
	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		char *root = tr_root();
		char *data, *dir, *file, *env;
		cr_assert(asprintf(&data, "%s/Tài liệu dùng chung của Ủy ban nhân dân xã Quảng Hòa/"
				   "báo cáo công tác dân vận năm 2023/dữ liệu", root) > 0);
		cr_assert(asprintf(&dir, "%s/thanh-hoa-dvk-2023", data) > 0);
		cr_assert(asprintf(&file, "%s/xa-thu.dvk.yaml", dir) > 0);
		cr_assert(asprintf(&env, "DVK_DATA=%s", data) > 0);
		mkdirs(dir);
		const char *extra[] = {env, NULL};
		struct vt *v = tr_start(root, sizes[k][0], sizes[k][1], extra, NULL);
		cr_assert_not_null(v);
		EXPECT(v, "Tiến độ");
		/* a folder where the file goes: the save fails */
		cr_assert_eq(mkdir(file, 0700), 0);
		vt_type(v, "1.1\r ");
		EXPECT(v, "Chưa lưu được");
		char *s = screen_flat(v);
		const char *m = strstr(s, "Chưa lưu được");
		cr_assert(m);
		m = strstr(m, ": ");
		cr_assert(m, "%s", s);
		m += 2;
		/* the reason first, in Vietnamese; the path after it */
		cr_expect(m[0] != '/' && strstr(m, "(/") > m, "reason before the path:\n%s", s);
		cr_expect(strstr(s, "xa-thu.dvk.yaml") || strstr(s, "(m: xem cả thông báo)"),
			  "the message is cut and says nothing of it:\n%s", s);
		free(s);
		vt_type(v, "m");
		EXPECT(v, "Thông báo vừa hiện");
		EXPECT(v, "xa-thu.dvk.yaml");
		EXPECT(v, "thử lưu lại");
		s = screen_flat(v);
		cr_expect(strstr(s, "báo cáo công tác dân vận năm 2023"), "the path whole:\n%s", s);
		free(s);
		vt_key(v, VTERM_KEY_ESCAPE);
		cr_assert_eq(rmdir(file), 0);
		EXPECT(v, "Đã lưu.");
		vt_key(v, VTERM_KEY_ESCAPE);
		vt_key(v, VTERM_KEY_ESCAPE);
		tr_quit(v);
		vt_free(v);
		free(env);
		free(file);
		free(dir);
		free(data);
		free(root);
	}
}

/* ---- a file broken by hand ---- */

static char *state_path(const char *root)
{
	char *p;
	cr_assert(asprintf(&p, "%s/data/thanh-hoa-dvk-2023/xa-thu.dvk.yaml", root) > 0);
	return p;
}

static void cli(const char *root, char *const args[])
{
	cr_assert_eq(tr_cli(root, NULL, args, NULL), 0, "dvk %s %s failed", args[0], args[1]);
}

/* Break the first "  field: note" line (a key without its colon, as a
 * slip of the hand leaves it); returns its line number. */
static int break_by_hand(const char *path, char **good, char **broken)
{
	*good = tr_slurp(path);
	cr_assert_not_null(*good);
	char *at = strstr(*good, "\n  field: note\n");
	cr_assert_not_null(at, "no note entry in:\n%s", *good);
	int line = 2;
	for (const char *p = *good; p < at; p++)
		line += *p == '\n';
	*broken = strdup(*good);
	char *b = *broken + (at - *good);
	memmove(b + 8, b + 9, strlen(b + 9) + 1); /* "  field note" */
	cr_assert(tr_write(path, *broken, strlen(*broken)));
	return line;
}

/* The one file in dir whose name has ".broken-" (caller frees), or NULL. */
static char *find_aside(const char *dir)
{
	DIR *dh = opendir(dir);
	char *found = NULL;
	struct dirent *de;
	while (dh && (de = readdir(dh)))
		if (strstr(de->d_name, ".dvk.yaml.broken-") && !found)
			cr_assert(asprintf(&found, "%s/%s", dir, de->d_name) > 0);
	if (dh)
		closedir(dh);
	return found;
}

Test(tui_msg, a_hand_broken_file_opens_the_recovery_screen_and_a_backup_comes_back)
{
	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		char *root = tr_root();
		char *s1[] = {"set", "1.1", "status=done", NULL};
		char *s2[] = {"set", "1.2", "note=Đã họp ngày 14/3", NULL};
		cli(root, s1);
		cli(root, s2); /* the file as it was after 1.1 is a backup now */
		char *path = state_path(root);
		char *good, *broken;
		int line = break_by_hand(path, &good, &broken);

		struct vt *v = tr_start(root, sizes[k][0], sizes[k][1], NULL, NULL);
		cr_assert_not_null(v);
		EXPECT(v, "Không đọc được tệp của đơn vị này");
		char want[128];
		snprintf(want, sizeof want, "Dòng %d, cột 3:", line);
		EXPECT(v, want);
		EXPECT(v, "thiếu dấu ':'");
		/* the line itself, marked, with its number */
		snprintf(want, sizeof want, ">%6d    field note", line);
		EXPECT(v, want);
		EXPECT(v, "B lấy lại bản lưu");
		EXPECT(v, "Những việc đã làm trên máy này");
		/* leaving changes nothing, and says it was not a normal end */
		vt_type(v, "q");
		int st = vt_wait_exit(v, WAIT_MS);
		cr_expect(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 1, "exit status %d", st);
		vt_free(v);
		char *now = tr_slurp(path);
		cr_expect_str_eq(now, broken, "the broken file was written");
		free(now);

		v = tr_start(root, sizes[k][0], sizes[k][1], NULL, NULL);
		EXPECT(v, "Không đọc được tệp của đơn vị này");
		vt_type(v, "B");
		EXPECT(v, "Đã đặt lại bản sao lưu lúc");
		EXPECT(v, "Tiến độ");
		EXPECT(v, "1/38");
		tr_quit(v);
		vt_free(v);
		/* the broken file is kept aside, byte for byte */
		char *dir = strdup(path);
		*strrchr(dir, '/') = '\0';
		char *aside = find_aside(dir);
		cr_assert_not_null(aside, "the broken file is gone");
		char *kept = tr_slurp(aside);
		cr_expect_str_eq(kept, broken, "the file kept aside is not the broken one");
		free(kept);
		/* and the file in place is the backup, which dvk reads */
		char *out = NULL;
		char *chk[] = {"check", path, NULL};
		cr_expect_eq(tr_cli(root, NULL, chk, &out), 0, "dvk check: %s", out);
		free(out);
		/* the backup, and what this laptop's journal kept since */
		now = tr_slurp(path);
		cr_expect(strstr(now, "status: done") && strstr(now, "Đã họp ngày 14/3"),
			  "not the backup with the journal joined:\n%s", now);
		free(now);
		free(aside);
		free(dir);
		free(good);
		free(broken);
		free(path);
		free(root);
	}
}

/* #10 item 3: the unit's own file cut short between two log entries (a
 * copy or a sync that stopped half way) is "incomplete" on the screen
 * too, with its line; leaving writes nothing. */
Test(tui_msg, a_file_cut_between_log_entries_is_incomplete_and_never_written)
{
	char *root = tr_root();
	char *s1[] = {"set", "1.1", "status=done", NULL};
	char *s2[] = {"set", "1.2", "note=Đã họp", NULL};
	cli(root, s1);
	cli(root, s2);
	char *path = state_path(root);
	char *whole = tr_slurp(path);
	cr_assert_not_null(whole);
	/* up to the start of the second entry: a file that parses, one entry short */
	char *second = strstr(strstr(whole, "\n- id: ") + 1, "\n- id: ");
	cr_assert_not_null(second);
	size_t len = (size_t)(second - whole) + 1;
	cr_assert(tr_write(path, whole, len));
	int line = 0;
	for (size_t i = 0; i < len; i++)
		line += whole[i] == '\n';
	struct vt *v = tr_start(root, 24, 80, NULL, NULL);
	cr_assert_not_null(v);
	EXPECT(v, "Không đọc được tệp của đơn vị này");
	EXPECT(v, "tệp không đầy đủ");
	char want[64];
	snprintf(want, sizeof want, "Dòng %d", line);
	EXPECT(v, want);
	vt_type(v, "q");
	int st = vt_wait_exit(v, WAIT_MS);
	cr_expect(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 1, "exit status %d", st);
	vt_free(v);
	char *now = tr_slurp(path);
	cr_expect(strlen(now) == len && memcmp(now, whole, len) == 0, "the cut file was written");
	free(now);
	free(whole);
	free(path);
	free(root);
}

Test(tui_msg, a_file_corrected_by_hand_reads_again_with_r)
{
	char *root = tr_root();
	char *s1[] = {"set", "1.2", "note=Đã họp", NULL};
	cli(root, s1);
	char *path = state_path(root);
	char *good, *broken;
	int line = break_by_hand(path, &good, &broken);
	struct vt *v = tr_start(root, 24, 80, NULL, NULL);
	EXPECT(v, "Không đọc được tệp của đơn vị này");
	char want[64];
	snprintf(want, sizeof want, "Dòng %d", line);
	EXPECT(v, want);
	/* only one save so far: no backup to offer */
	EXPECT(v, "Không có bản sao lưu nào của tệp này còn đọc được.");
	char *s = vt_screen(v);
	cr_expect(!strstr(s, "B lấy lại"), "a backup offered that is not there:\n%s", s);
	free(s);
	vt_type(v, "r");
	EXPECT(v, "Tệp vẫn chưa đọc được.");
	cr_assert(tr_write(path, good, strlen(good)));
	vt_type(v, "r");
	EXPECT(v, "Tệp đã đọc được.");
	EXPECT(v, "Tiến độ");
	tr_quit(v);
	vt_free(v);
	free(good);
	free(broken);
	free(path);
	free(root);
}
