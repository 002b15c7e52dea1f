/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_tui_sync.c: files from elsewhere, as the terminal shows them:
 * "Nhận tệp…" with Tab completion, "Thay đổi mới" (who changed what since
 * this laptop last looked), and sync-tool conflict copies folded at
 * start-up or kept and reported.
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


static char *fmt1(const char *fmt, const char *a)
{
	char *p;
	cr_assert(asprintf(&p, fmt, a) > 0);
	return p;
}

static struct vt *start(const char *root, int rows, int cols, const char *const extra[])
{
	struct vt *v = tr_start(root, rows, cols, extra, NULL);
	cr_assert_not_null(v, "cannot start %s", tr_bin());
	return v;
}

/* `dvk [--data DIR] set ITEM FIELD=VALUE` as who (unit xa-thu). */
static void set_as(const char *root, const char *dir, const char *who, const char *item,
		   const char *assign)
{
	char *w = fmt1("DVK_USER=%s", who);
	const char *env[] = {w, NULL};
	char *with_dir[] = {"--data", (char *)dir, "set", (char *)item, (char *)assign, NULL};
	char *plain[] = {"set", (char *)item, (char *)assign, NULL};
	cr_assert_eq(tr_cli(root, env, dir ? with_dir : plain, NULL), 0, "dvk set %s %s", item, assign);
	free(w);
}

static void copy_file(const char *from, const char *to)
{
	char *bytes = tr_slurp(from);
	cr_assert_not_null(bytes, "cannot read %s", from);
	cr_assert(tr_write(to, bytes, strlen(bytes)), "cannot write %s", to);
	free(bytes);
}

/* Wait for the first start to finish and leave: the laptop's "seen"
 * mark now holds what the file held. */
static void look_once(const char *root)
{
	struct vt *v = start(root, 24, 80, NULL);
	EXPECT(v, "Tiến độ");
	tr_quit(v);
	vt_free(v);
}

/* ---- receiving ---- */

Test(tui_sync, receive_completes_the_path_with_tab_and_reports_each_file)
{
	char *root = tr_root();
	char *other = fmt1("%s/other", root);
	char *usb = fmt1("%s/usb", root);
	cr_assert_eq(mkdir(usb, 0700), 0);
	set_as(root, NULL, "Người Thử", "1.1", "status=done");
	look_once(root);
	/* a colleague's copy of our unit, and another unit's file */
	set_as(root, other, "Hoàng Văn Khác", "1.3", "status=done");
	char *from = fmt1("%s/" DIRECTIVE "/xa-thu.dvk.yaml", other);
	char *to = fmt1("%s/bao-cao-xa-thu.dvk.yaml", usb);
	copy_file(from, to);
	const char *kenv[] = {"DVK_UNIT=xa-khac", "DVK_USER=Vũ Thị Khác", NULL};
	char *kargs[] = {"--data", other, "set", "2.1", "status=in-progress", NULL};
	cr_assert_eq(tr_cli(root, kenv, kargs, NULL), 0);
	char *kfrom = fmt1("%s/" DIRECTIVE "/xa-khac.dvk.yaml", other);
	char *kto = fmt1("%s/bao-cao-xa-khac.dvk.yaml", usb);
	copy_file(kfrom, kto);

	struct vt *v = start(root, 24, 80, NULL);
	EXPECT(v, "1/38");
	vt_type(v, "R");
	EXPECT(v, "Nhận một tệp, hoặc mọi tệp trạng thái");
	EXPECT(v, "Tab điền tiếp");
	/* root/us<Tab> → root/usb/ ; <Tab> → the common part, and the list */
	char *typed = fmt1("%s/us", root);
	vt_type(v, typed);
	vt_type(v, "\t");
	EXPECT(v, "usb/");
	vt_type(v, "\t");
	EXPECT(v, "usb/bao-cao-xa-");
	EXPECT(v, "bao-cao-xa-khac.dvk.yaml   bao-cao-xa-thu.dvk.yaml");
	vt_type(v, "t\t");
	EXPECT(v, "usb/bao-cao-xa-thu.dvk.yaml");
	vt_key(v, VTERM_KEY_ENTER);
	EXPECT(v, "Các tệp đã nhận");
	EXPECT(v, "Đơn vị: xa-thu (đơn vị của bạn)");
	EXPECT(v, "1 thay đổi mới, đã gộp vào");
	EXPECT(v, "Không mất gì");
	/* the own unit was reloaded; what the colleague did comes next */
	vt_key(v, VTERM_KEY_ESCAPE);
	EXPECT(v, "Thay đổi mới");
	EXPECT(v, "Hoàng Văn Khác  1.3  Trạng thái: đã xong");
	vt_key(v, VTERM_KEY_ESCAPE);
	EXPECT(v, "2/38");
	/* a whole folder: one more unit, created; ours has nothing new */
	vt_type(v, "R");
	EXPECT(v, "Nhận một tệp");
	vt_type(v, usb);
	vt_key(v, VTERM_KEY_ENTER);
	EXPECT(v, "Đơn vị: xa-khac");
	EXPECT(v, "1 thay đổi mới, trong tệp mới");
	EXPECT(v, "Không có gì mới");
	vt_key(v, VTERM_KEY_ESCAPE);
	EXPECT(v, "Tiến độ");
	/* a file that does not parse: its line and column */
	char *bad = fmt1("%s/hong.dvk.yaml", usb);
	cr_assert(tr_write(bad, "format: dvk-state/1\nlog: [\n", 26));
	vt_type(v, "R");
	EXPECT(v, "Nhận một tệp");
	vt_type(v, bad);
	vt_key(v, VTERM_KEY_ENTER);
	/* the reason first, then the file and line */
	EXPECT(v, "hong.dvk.yaml, dòng");
	EXPECT(v, "Chưa nhận");
	vt_key(v, VTERM_KEY_ESCAPE);
	tr_quit(v);
	vt_free(v);

	char *made = fmt1("%s/data/" DIRECTIVE "/xa-khac.dvk.yaml", root);
	cr_expect_eq(access(made, F_OK), 0, "xa-khac's file was not created");
	char *own = fmt1("%s/data/" DIRECTIVE "/xa-thu.dvk.yaml", root);
	char *st = tr_slurp(own);
	cr_expect(st && strstr(st, "\"1.3\":") && strstr(st, "Hoàng Văn Khác"), "own file:\n%s", st ? st : "");
	free(st);
	free(own);
	free(made);
	free(bad);
	free(typed);
	free(kfrom);
	free(kto);
	free(from);
	free(to);
	free(usb);
	free(other);
	free(root);
}

/* ---- who changed what ---- */

Test(tui_sync, changes_by_another_person_show_at_the_next_start)
{
	char *root = tr_root();
	set_as(root, NULL, "Người Thử", "1.2", "status=done");
	look_once(root);
	/* someone else, on the same file (another SSH session, a share) */
	set_as(root, NULL, "Trần Văn Khác", "1.2", "status=in-progress");
	set_as(root, NULL, "Trần Văn Khác", "2.1", "note=Đã họp tổ dân phố");
	struct vt *v = start(root, 24, 80, NULL);
	EXPECT(v, "Thay đổi mới");
	EXPECT(v, "Những gì người khác đã thay đổi");
	EXPECT(v, "Trần Văn Khác  1.2  Trạng thái: đã xong → đang làm");
	EXPECT(v, "Trần Văn Khác  2.1  Ghi chú: Đã họp tổ dân phố");
	char *s = vt_screen(v);
	cr_expect(!strstr(s, "Người Thử"), "one's own changes are not news:\n%s", s);
	free(s);
	/* Enter jumps to the item; the list stays until dismissed */
	EXPECT_SELECTED(v, "1.2  Trạng thái");
	vt_key(v, VTERM_KEY_DOWN);
	EXPECT_SELECTED(v, "2.1  Ghi chú");
	vt_key(v, VTERM_KEY_ENTER);
	EXPECT(v, "Mục 2.1");
	EXPECT(v, "Ghi chú: Đã họp tổ dân phố");
	/* Esc comes back to the list, still there, on the same line */
	vt_key(v, VTERM_KEY_ESCAPE);
	EXPECT(v, "Những gì người khác đã thay đổi");
	EXPECT_SELECTED(v, "2.1  Ghi chú");
	/* and Esc there marks them seen: the overview's banner is gone */
	vt_key(v, VTERM_KEY_ESCAPE);
	EXPECT(v, "Tiến độ");
	cr_expect(vt_wait_gone(v, "thay đổi của người khác", WAIT_MS), "still listed after dismissing");
	vt_type(v, "c");
	EXPECT(v, "(không có gì mới)");
	vt_key(v, VTERM_KEY_ESCAPE);
	EXPECT(v, "Tiến độ");
	tr_quit(v);
	vt_free(v);
	/* seen is remembered */
	v = start(root, 24, 80, NULL);
	EXPECT(v, "Tiến độ");
	vt_settle(v, 100, 500);
	s = vt_screen(v);
	cr_expect(!strstr(s, "Thay đổi mới") && !strstr(s, "người khác"), "shown again:\n%s", s);
	free(s);
	tr_quit(v);
	vt_free(v);
	free(root);
}

Test(tui_sync, a_reload_that_brings_others_changes_and_a_conflict_shows_them)
{
	char *root = tr_root();
	set_as(root, NULL, "Người Thử", "1.1", "status=in-progress");
	look_once(root);
	char *other = fmt1("%s/other", root);
	struct vt *v = start(root, 24, 80, NULL);
	EXPECT(v, "Tiến độ");
	/* a colleague who worked offline from an older copy: a conflict */
	char *own = fmt1("%s/data/" DIRECTIVE "/xa-thu.dvk.yaml", root);
	char *oth = fmt1("%s/" DIRECTIVE "/xa-thu.dvk.yaml", other);
	char *odir = fmt1("%s/" DIRECTIVE, other);
	cr_assert_eq(mkdir(other, 0700), 0);
	cr_assert_eq(mkdir(odir, 0700), 0);
	copy_file(own, oth);
	set_as(root, other, "Lê Thị Xa", "1.1", "status=done");
	set_as(root, NULL, "Người Thử", "1.1", "status=todo");
	char *margs[] = {"merge", own, oth, "-o", own, NULL};
	cr_assert_eq(tr_cli(root, NULL, margs, NULL), 0);
	vt_type(v, "r");
	EXPECT(v, "Thay đổi mới");
	EXPECT(v, "Lê Thị Xa  1.1  Trạng thái: đang làm → đã xong");
	EXPECT(v, "Xung đột cần giải quyết");
	vt_key(v, VTERM_KEY_DOWN);
	EXPECT_SELECTED(v, "1.1  Tổ chức");
	vt_key(v, VTERM_KEY_ENTER);
	EXPECT(v, "Mục 1.1");
	EXPECT(v, "giữ giá trị của Lê Thị Xa");
	vt_key(v, VTERM_KEY_ESCAPE);
	vt_key(v, VTERM_KEY_ESCAPE);
	tr_quit(v);
	vt_free(v);
	free(odir);
	free(own);
	free(oth);
	free(other);
	free(root);
}

Test(tui_sync, english_names_the_new_changes_too)
{
	char *root = tr_root();
	const char *en[] = {"DVK_LANG=en", NULL};
	set_as(root, NULL, "Người Thử", "1.2", "status=done");
	look_once(root);
	set_as(root, NULL, "Other Person", "1.2", "status=todo");
	struct vt *v = start(root, 24, 80, en);
	EXPECT(v, "What others changed since you last looked");
	EXPECT(v, "Other Person  1.2  Status: done → to do");
	vt_key(v, VTERM_KEY_ESCAPE);
	EXPECT(v, "Progress:");
	tr_quit(v);
	vt_free(v);
	free(root);
}

/* ---- conflict copies ---- */

Test(tui_sync, a_truncated_conflict_copy_is_kept_and_shown_with_its_line)
{
	char *root = tr_root();
	char *other = fmt1("%s/other", root);
	set_as(root, NULL, "Người Thử", "1.1", "status=done");
	set_as(root, other, "Người Thử", "1.2", "status=done");
	set_as(root, other, "Người Thử", "1.3", "note=Ghi chú dài để cắt giữa chừng");
	char *from = fmt1("%s/" DIRECTIVE "/xa-thu.dvk.yaml", other);
	char *good = fmt1("%s/data/" DIRECTIVE "/xa-thu.sync-conflict-20231114-101010-ABCDEFG.dvk.yaml", root);
	char *cut = fmt1("%s/data/" DIRECTIVE "/xa-thu.sync-conflict-20231115-090000-HIJKLMN.dvk.yaml", root);
	copy_file(from, good);
	char *bytes = tr_slurp(from);
	cr_assert_not_null(bytes);
	/* cut in the log, the way a sync interrupted mid-transfer leaves it */
	char *log = strstr(bytes, "\nlog:");
	cr_assert_not_null(log);
	char *mid = strstr(log, "by:");
	cr_assert_not_null(mid);
	cr_assert(tr_write(cut, bytes, (size_t)(mid - bytes) + 5));
	struct vt *v = start(root, 24, 80, NULL);
	EXPECT(v, "Tệp xung đột không đọc được, dòng");
	EXPECT(v, "HIJKLMN");
	EXPECT(v, "2/38");
	tr_quit(v);
	vt_free(v);
	cr_expect_neq(access(good, F_OK), 0, "the valid copy is still there");
	cr_expect_eq(access(cut, F_OK), 0, "the truncated copy was deleted");
	free(bytes);
	free(from);
	free(good);
	free(cut);
	free(other);
	free(root);
}

/* ---- a save that cannot be made ---- */

/* #10 item 8: a change the file cannot take (here the lock file is a
 * symbolic link, which dvk never follows; on a server it is a shared
 * folder that refuses the user) is kept in the laptop's journal, the
 * reason is stated in full, dvk retries by itself, and quitting with such
 * a change asks first and exits 1; the next `dvk status` puts it back. */
Test(tui_sync, a_change_that_cannot_be_saved_is_kept_said_in_full_retried_and_quitting_asks)
{
	char *root = tr_root();
	set_as(root, NULL, "Người Thử", "2.1", "status=in-progress");
	char *lock = fmt1("%s/data/" DIRECTIVE "/.xa-thu.dvk.yaml.lock", root);
	char *file = fmt1("%s/data/" DIRECTIVE "/xa-thu.dvk.yaml", root);
	struct vt *v = start(root, 24, 80, NULL);
	EXPECT(v, "1. Quán triệt");
	vt_key(v, VTERM_KEY_ENTER);
	EXPECT(v, "[ ] 1.1");
	unlink(lock);
	cr_assert_eq(symlink("/nonexistent-dvk-target", lock), 0);
	vt_type(v, " ");
	EXPECT(v, "[x] 1.1");
	/* the whole reason, not "cannot…" */
	EXPECT(v, "Chưa lưu được vào tệp");
	EXPECT(v, "liên kết tượng trưng");
	EXPECT(v, "trong bản lưu riêng của máy");
	char *bytes = tr_slurp(file);
	cr_assert_null(strstr(bytes, "value: done"), "the file took the change:\n%s", bytes);
	free(bytes);
	/* the way is clear again: dvk retries by itself */
	cr_assert_eq(unlink(lock), 0);
	EXPECT(v, "Đã lưu.");
	bytes = tr_slurp(file);
	cr_assert_not_null(strstr(bytes, "value: done"), "the retry did not save:\n%s", bytes);
	free(bytes);
	/* once more, and quit with the change unsaved */
	unlink(lock);
	cr_assert_eq(symlink("/nonexistent-dvk-target", lock), 0);
	vt_type(v, " ");
	EXPECT(v, "[ ] 1.1");
	EXPECT(v, "Chưa lưu được vào tệp");
	vt_key(v, VTERM_KEY_ESCAPE); /* back to the overview, where q quits */
	EXPECT(v, "> 1. Quán triệt");
	vt_type(v, "q");
	EXPECT(v, "Vẫn thoát? Một thay đổi chưa được ghi vào tệp");
	EXPECT(v, "vẫn thoát");
	vt_type(v, "n"); /* stay */
	EXPECT(v, "> 1. Quán triệt");
	cr_assert_eq(vt_wait_exit(v, 300), -1, "dvk quit though the answer was to stay");
	vt_type(v, "q");
	EXPECT(v, "Vẫn thoát?");
	vt_type(v, "y");
	int st = vt_wait_exit(v, 5000);
	cr_assert(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 1,
		  "quitting with an unsaved change must exit 1 (wait status %d)", st);
	vt_free(v);
	bytes = tr_slurp(file);
	cr_assert_null(strstr(bytes, "value: todo"), "the file took the change:\n%s", bytes);
	free(bytes);
	/* the journal kept it: the next `dvk status` puts it back */
	cr_assert_eq(unlink(lock), 0);
	char *out = NULL;
	char *args[] = {"status", NULL};
	cr_assert_eq(tr_cli(root, NULL, args, &out), 0);
	free(out);
	bytes = tr_slurp(file);
	cr_assert_not_null(strstr(bytes, "value: todo"), "dvk status did not put it back:\n%s", bytes);
	free(bytes);
	free(file);
	free(lock);
	free(root);
}

/* #10 item 8's acceptance: two users of one group share a setgid folder on
 * a server.  Minh (umask 022, the usual default) works in the TUI while
 * Hạnh (umask 002) saves from the command line in between; both edits
 * survive, Minh's quitting drops nothing of Hạnh's, and Hạnh can still
 * save afterwards.  Real users (setpriv); skipped unless root. */
#define SHARED_GID "64000"
static int as_user(const char *shared, const char *uid, const char *umask_, const char *who,
		   const char *args)
{
	char *cmd;
	cr_assert(asprintf(&cmd, "S='%s'; setpriv --reuid=%s --regid=%s --groups=" SHARED_GID " "
			   "env HOME=$S/home-%s XDG_STATE_HOME=$S/home-%s/state XDG_CONFIG_HOME=$S/home-%s/cfg "
			   "DVK_DATA=$S/data DVK_UNIT=huyen-a DVK_USER='%s' DVK_LANG=en "
			   "sh -c 'umask %s; exec \"$0\" \"$@\"' '%s' %s >/dev/null 2>&1",
			   shared, uid, uid, uid, uid, uid, who, umask_, tr_bin(), args) > 0);
	int st = system(cmd);
	free(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

Test(tui_sync, two_users_of_a_shared_folder_one_in_the_tui_lose_nothing_of_each_other)
{
	if (geteuid() != 0 || system("command -v setpriv >/dev/null 2>&1") != 0)
		cr_skip_test("playing two users needs root and setpriv");
	char shared[] = "/tmp/dvk-shared-XXXXXX";
	cr_assert_not_null(mkdtemp(shared));
	char *setup;
	cr_assert(asprintf(&setup, "cd %s && chmod 755 . && mkdir data && chgrp " SHARED_GID " data && "
			   "chmod 2775 data && mkdir home-64001 home-64002 && chown 64001 home-64001 && "
			   "chown 64002 home-64002", shared) > 0);
	cr_assert_eq(system(setup), 0);
	free(setup);
	cr_assert_eq(as_user(shared, "64002", "002", "Lê Thị Hạnh", "set 2.1 status=done"), 0);

	char *h = fmt1("HOME=%s/home-64001", shared), *st = fmt1("XDG_STATE_HOME=%s/home-64001/state", shared);
	char *cf = fmt1("XDG_CONFIG_HOME=%s/home-64001/cfg", shared), *dd = fmt1("DVK_DATA=%s/data", shared);
	const char *env[] = { h, st, cf, dd, "DVK_UNIT=huyen-a", "DVK_USER=Trần Văn Minh", "LANG=C.UTF-8",
			      "LC_ALL", "LANGUAGE", "DVK_LANG", "TERM=xterm-256color", "TZ=UTC", "ESCDELAY=25",
			      NULL };
	char *argv[] = { "setpriv", "--reuid=64001", "--regid=64001", "--groups=" SHARED_GID, "sh", "-c",
			 "umask 022; exec \"$0\"", (char *)tr_bin(), NULL };
	struct vt *v = vt_spawn(24, 80, argv, env);
	cr_assert_not_null(v);
	EXPECT(v, "1. Quán triệt");
	vt_key(v, VTERM_KEY_ENTER);
	EXPECT(v, "[ ] 1.1");
	vt_type(v, " ");
	EXPECT(v, "[x] 1.1");
	/* Hạnh saves while Minh's screen is open */
	cr_assert_eq(as_user(shared, "64002", "002", "Lê Thị Hạnh", "set 3.1 status=done"), 0,
		     "Hạnh cannot save beside Minh's session");
	vt_key(v, VTERM_KEY_DOWN);
	vt_type(v, " ");
	EXPECT(v, "[x] 1.2");
	vt_key(v, VTERM_KEY_ESCAPE);
	EXPECT(v, "> 1. Quán triệt");
	vt_type(v, "q");
	int rc = vt_wait_exit(v, WAIT_MS);
	cr_assert(rc != -1 && WIFEXITED(rc) && WEXITSTATUS(rc) == 0, "Minh's quit: wait status %d", rc);
	vt_free(v);
	cr_assert_eq(as_user(shared, "64002", "002", "Lê Thị Hạnh", "set 4.1 status=done"), 0,
		     "Hạnh cannot save after Minh's session");
	char *file = fmt1("%s/data/" DIRECTIVE "/huyen-a.dvk.yaml", shared);
	char *bytes = tr_slurp(file);
	cr_assert_not_null(bytes);
	static const char *const items[] = { "\"1.1\"", "\"1.2\"", "\"2.1\"", "\"3.1\"", "\"4.1\"" };
	for (size_t i = 0; i < 5; i++) {
		char want[64];
		snprintf(want, sizeof want, "  item: %s\n  field: status\n  value: done\n", items[i]);
		cr_expect(strstr(bytes, want), "%s is not done in the file:\n%s", items[i], bytes);
	}
	free(bytes);
	/* nothing dvk made there is closed to the group */
	char *find;
	cr_assert(asprintf(&find, "cd %s && find data -mindepth 1 \\( ! -group " SHARED_GID
			   " -o ! -perm -g+rw \\) -printf '%%p %%m %%g\\n' > closed", shared) > 0);
	cr_expect_eq(system(find), 0);
	free(find);
	char *closed_path = fmt1("%s/closed", shared);
	char *closed = tr_slurp(closed_path);
	cr_expect_str_empty(closed, "not the group's to write:\n%s", closed);
	free(closed);
	free(closed_path);
	char *rm = fmt1("rm -rf '%s'", shared);
	cr_expect_eq(system(rm), 0);
	free(rm);
	free(file);
	free(h);
	free(st);
	free(cf);
	free(dd);
}

/* ---- backups ---- */

Test(tui_sync, a_backup_is_merged_back_and_newer_work_stays)
{
	char *root = tr_root();
	set_as(root, NULL, "Người Thử", "1.1", "status=done");
	set_as(root, NULL, "Người Thử", "1.2", "status=done"); /* backs up {1.1} */
	char *own = fmt1("%s/data/" DIRECTIVE "/xa-thu.dvk.yaml", root);
	/* the file is lost, and with it this laptop's journal (say a new
	 * laptop, set up from a stick without it): only the backup knows 1.1 */
	cr_assert_eq(unlink(own), 0);
	char *journal = fmt1("%s/state/dvk/journal", root);
	char *rm = fmt1("rm -rf '%s'", journal);
	cr_assert_eq(system(rm), 0);
	free(rm);
	free(journal);
	set_as(root, NULL, "Người Thử", "1.3", "status=done");
	struct vt *v = start(root, 24, 80, NULL);
	EXPECT(v, "1/38");
	vt_type(v, "B");
	EXPECT(v, "Khôi phục bản sao lưu");
	EXPECT_SELECTED(v, "1 thay đổi");
	vt_key(v, VTERM_KEY_ENTER);
	EXPECT(v, "1 thay đổi được lấy lại");
	EXPECT(v, "2/38");
	tr_quit(v);
	vt_free(v);
	char *st = tr_slurp(own);
	cr_expect(st && strstr(st, "\"1.1\":") && strstr(st, "\"1.3\":"), "file:\n%s", st ? st : "");
	free(st);
	free(own);
	free(root);
}

Test(tui_sync, a_first_look_at_an_empty_unit_still_catches_what_comes_later)
{
	char *root = tr_root();
	look_once(root); /* nothing saved yet: an empty mark */
	set_as(root, NULL, "Đinh Văn Sau", "3.1", "status=in-progress");
	struct vt *v = start(root, 20, 60, NULL);
	EXPECT(v, "Thay đổi mới");
	EXPECT(v, "Đinh Văn Sau  3.1");
	vt_key(v, VTERM_KEY_ESCAPE);
	EXPECT(v, "Tiến độ");
	tr_quit(v);
	vt_free(v);
	free(root);
}
