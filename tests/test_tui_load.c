/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_tui_load.c: the first screen does not wait for the unit's file.
 *
 * A big file takes a second or more to read and check; the directive's
 * structure and the keys come at once, marked as loading, keys that move
 * work, keys that would edit say to wait, and the unit's figures come
 * when the file is read.  DVK_TEST_SLOW_LOAD makes the reading take
 * seconds, so the screen can be looked at meanwhile whatever the machine.
 */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "tests/helpers/tuirun.h"
#include "tests/helpers/vt.h"

Test(tui_load, the_first_screen_does_not_wait_for_the_unit_file, .timeout = 60)
{
	char *root = tr_root();
	char *set[] = {"set", "1.1", "status=done", NULL};
	char *path, *before, *after, *s;

	cr_assert_eq(tr_cli(root, NULL, set, NULL), 0);
	cr_assert(asprintf(&path, "%s/data/thanh-hoa-dvk-2023/xa-thu.dvk.yaml", root) > 0);
	before = tr_slurp(path);
	cr_assert_not_null(before, "no file at %s", path);

	const char *extra[] = {"DVK_TEST_SLOW_LOAD=4000", NULL};
	struct vt *v = tr_start(root, 24, 80, extra, NULL);
	EXPECT(v, "Đang tải tệp của đơn vị");
	EXPECT(v, "trợ giúp");
	s = vt_screen(v);
	cr_expect(strstr(s, "9. Phối hợp"), "the directive's sections come at once:\n%s", s);
	cr_expect(!strstr(s, "Tiến độ") && !strstr(s, "/38") && !strstr(s, "%"),
		  "no figure before the file is read:\n%s", s);
	free(s);
	/* moving works; a key that would edit says to wait */
	vt_key(v, VTERM_KEY_ENTER);
	EXPECT(v, "1.1");
	s = vt_screen(v);
	cr_expect(!strstr(s, "[x]") && !strstr(s, "[ ]"), "no marks before the file is read:\n%s", s);
	free(s);
	vt_type(v, " ");
	EXPECT(v, "đang được tải");
	/* then the figures, read from the file */
	EXPECT(v, "[x] 1.1");
	vt_key(v, VTERM_KEY_ESCAPE);
	EXPECT(v, "Tiến độ");
	EXPECT(v, "1/38");
	s = vt_screen(v);
	cr_expect(!strstr(s, "Đang tải"), "the loading mark stays:\n%s", s);
	free(s);
	tr_quit(v);
	vt_free(v);
	after = tr_slurp(path);
	cr_expect_str_eq(after, before, "a key pressed while loading changed the file");
	free(after);
	free(before);
	free(path);
	free(root);
}

/* A file that does not parse: the screen comes, and when the reading
 * ends the recovery screen takes its place, naming the file, line and
 * column; the file is left as it was, also when a key was pressed on the
 * screens opened meanwhile. */
Test(tui_load, a_file_that_does_not_parse_opens_the_recovery_screen_when_its_reading_ends, .timeout = 60)
{
	char *root = tr_root();
	char *set[] = {"set", "1.1", "status=done", NULL};
	char *path, *bytes, *after;

	cr_assert_eq(tr_cli(root, NULL, set, NULL), 0);
	cr_assert(asprintf(&path, "%s/data/thanh-hoa-dvk-2023/xa-thu.dvk.yaml", root) > 0);
	bytes = tr_slurp(path);
	cr_assert_not_null(bytes);
	char *bad = strstr(bytes, "status: done");
	cr_assert_not_null(bad);
	memcpy(bad, "status: [do", 11); /* an unclosed flow sequence */
	cr_assert(tr_write(path, bytes, strlen(bytes)));

	const char *extra[] = {"DVK_TEST_SLOW_LOAD=1500", NULL};
	struct vt *v = tr_start(root, 24, 80, extra, NULL);
	EXPECT(v, "Đang tải tệp của đơn vị");
	vt_key(v, VTERM_KEY_ENTER); /* a section opened while it loads */
	EXPECT(v, "Không đọc được tệp của đơn vị này");
	EXPECT(v, "Dòng 11");
	char *s = vt_screen(v);
	cr_expect(!strstr(s, "Đang tải"), "the loading mark stays over the recovery screen:\n%s", s);
	free(s);
	vt_type(v, "q");
	int st = vt_wait_exit(v, 10000);
	cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 1,
		  "leaving with the file unread should end with status 1 (%d)", st);
	vt_free(v);
	after = tr_slurp(path);
	cr_expect_str_eq(after, bytes, "the file was changed");
	free(after);
	free(bytes);
	free(path);
	free(root);
}
