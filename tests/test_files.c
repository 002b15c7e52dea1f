/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_files.c: what dvk leaves on disk, as the file system and its other
 * users see it (issue #10 items 5 and 7):
 *
 *  - backups are files of their own: no backup shares an inode with the
 *    live file, even after a failed save, so `cp` over the file cannot
 *    destroy one; at most one backup of a file in BACKUP_EVERY_MS;
 *  - every file and folder dvk makes follows the umask (state, lock,
 *    backup, export, journal, clock, replica files), and a file it
 *    replaces keeps its permissions;
 *  - links: a lock file or a `.dvk-backups` that is a symbolic link is
 *    never followed; git ignores `.dvk-backups` whether folder or link;
 *  - a stick whose file system cannot keep permissions (fchmod: ENOSYS)
 *    gets its file with a warning; a failed call is named in the message.
 *
 * The shared group folder with two real users (item 8) is in
 * test_shared.c.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/base.h"
#include "store/store.h"
#include "tests/helpers/sim.h"

#define DIRECTIVE "thanh-hoa-dvk-2023"
#define UNIT "xa-quang-hoa"
#define REL DIRECTIVE "/" UNIT ".dvk.yaml"
#define T0 1678406400000LL /* 2023-03-10T00:00:00Z */

static char *tmp;

static void fresh(void)
{
	tmp = sim_tmpdir();
}

static void done(void)
{
	free(tmp);
}

#define SH "set -e; cd '%s'; export DVK_UNIT=" UNIT " DVK_USER='Lê Thị Hạnh'; "

static struct state *st_new(void)
{
	return state_new(DIRECTIVE, UNIT);
}

static void edit(struct state *st, const char *item, const char *note)
{
	static struct hlc h;
	static uint64_t rng = 5;
	struct edit_ctx ctx = { "Hạnh", "hanh-x220", &h, T0, sim_random, &rng };
	struct assignment a = { "note", note };
	struct dvk_error err;

	cr_assert_eq(checklist_apply(st->cl, sim_directive(), item, &a, 1, &ctx, &err), 1, "%s",
		     err.message);
}

/* The file's bytes and inode. */
static char *snap(const char *path, size_t *len, ino_t *ino)
{
	struct stat sb;

	cr_assert_eq(stat(path, &sb), 0, "%s", path);
	*ino = sb.st_ino;
	return sim_read(path, len);
}

/* ---- item 5: backups are files of their own ---- */

static int fail_rename(const char *from, const char *to)
{
	(void)from;
	(void)to;
	errno = EIO;
	return -1;
}

Test(backup, never_shares_an_inode_with_the_live_file_so_cp_over_it_destroys_nothing,
     .init = fresh, .fini = done)
{
	char *path = store_path(tmp, DIRECTIVE, UNIT), *kept_bytes, *b0, *b1, *live;
	struct state *st = st_new();
	struct dvk_error err;
	struct backup *list;
	size_t n, kept_len, len;
	ino_t ino, live_ino;

	edit(st, "1.1", "một");
	cr_assert(store_save(path, st, sim_directive(), NULL, &err), "%s", err.message);
	kept_bytes = snap(path, &kept_len, &ino);
	edit(st, "1.2", "hai");
	cr_assert(store_save(path, st, sim_directive(), NULL, &err), "%s", err.message);
	n = store_backups(tmp, DIRECTIVE, UNIT, &list);
	cr_assert_eq(n, 1, "the file the save replaced is kept");
	b0 = sim_read(list[0].path, &len);
	cr_assert(len == kept_len && memcmp(b0, kept_bytes, len) == 0);

	/* a save that fails at its rename: the old file stays, and no
	 * backup is the live file under another name */
	edit(st, "1.3", "ba");
	store_sys.rename = fail_rename;
	cr_assert_not(store_save(path, st, sim_directive(), NULL, &err));
	store_sys_reset();
	cr_assert(strstr(err.message, "rename: "), "the failed call is not named: %s", err.message);
	live = snap(path, &len, &live_ino);
	store_backups_free(list, n);
	n = store_backups(tmp, DIRECTIVE, UNIT, &list);
	for (size_t i = 0; i < n; i++) {
		struct stat kb;

		cr_assert_eq(stat(list[i].path, &kb), 0);
		cr_assert_neq(kb.st_ino, live_ino, "backup %s is the live file", list[i].path);
	}
	cr_assert_eq(sim_run(NULL, "ls -a '%s/" DIRECTIVE "' | grep -c -e '\\.old-' -e '\\.tmp-'", tmp),
		     1, "a failed save left its second name behind");

	/* cp writes into the live file's inode: every backup is untouched */
	cr_assert_eq(sim_run(NULL, "cd '%s' && printf 'format: dvk-state/2\\n' > other && cp other '%s'", tmp,
			     path), 0);
	for (size_t i = 0; i < n; i++) {
		size_t blen;
		char *b = sim_read(list[i].path, &blen);

		cr_assert(blen > 100 && strstr(b, "log:"), "cp over the file changed backup %s",
			  list[i].path);
		free(b);
	}
	b1 = sim_read(list[n - 1].path, &len);
	cr_assert(len == kept_len && memcmp(b1, kept_bytes, len) == 0);
	store_backups_free(list, n);
	free(b0);
	free(b1);
	free(live);
	free(kept_bytes);
	state_free(st);
	free(path);
}

Test(backup, at_most_one_in_five_minutes_then_the_next_save_keeps_one, .init = fresh, .fini = done)
{
	char *path = store_path(tmp, DIRECTIVE, UNIT), *older;
	struct state *st = st_new();
	struct dvk_error err;
	struct backup *list;
	size_t n;

	for (int i = 0; i < 6; i++) {
		char note[32];

		snprintf(note, sizeof note, "lần %d", i);
		edit(st, "2.1", note);
		cr_assert(store_save(path, st, sim_directive(), NULL, &err), "%s", err.message);
	}
	n = store_backups(tmp, DIRECTIVE, UNIT, &list);
	cr_assert_eq(n, 1, "%zu backups of saves a few ms apart", n);
	/* the newest backup is made older than BACKUP_EVERY_MS: the next
	 * save keeps the file it replaces again */
	older = xasprintf("%s/.dvk-backups/" DIRECTIVE "/" UNIT ".20230309-235000-000.dvk.yaml", tmp);
	cr_assert_eq(rename(list[0].path, older), 0);
	store_backups_free(list, n);
	cr_assert(store_backup_due(path, DIRECTIVE, UNIT, T0));
	cr_assert_not(store_backup_due(path, DIRECTIVE, UNIT, T0 - 9 * 60 * 1000),
		      "a backup one minute old is not due");
	edit(st, "2.1", "sau năm phút");
	cr_assert(store_save(path, st, sim_directive(), NULL, &err), "%s", err.message);
	n = store_backups(tmp, DIRECTIVE, UNIT, &list);
	cr_assert_eq(n, 2);
	store_backups_free(list, n);
	free(older);
	state_free(st);
	free(path);
}

/* ---- item 7: permissions follow the umask ---- */

/* Run set, set, export under umask u in a fresh folder and check the
 * mode of every file and folder dvk made: under the data folder, the
 * laptop's state folder and on the stick. */
static void modes_under(const char *u, mode_t mask)
{
	char *out, *line, *save = NULL;
	int rc, files = 0, dirs = 0;

	rc = sim_run(&out, SH "rm -rf d d.laptop stick; umask %s; mkdir stick; "
		     "$DVK --data d set 1.1 status=done >/dev/null; $DVK --data d set 1.2 note=x >/dev/null; "
		     "$DVK --data d export stick >/dev/null; "
		     "find d d.laptop stick -mindepth 1 -printf '%%y %%m %%p\\n'", tmp, u);
	cr_assert_eq(rc, 0, "%s", out);
	for (line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char type;
		unsigned mode;
		char path[4096];

		cr_assert_eq(sscanf(line, "%c %o %4095s", &type, &mode, path), 3, "%s", line);
		if (type == 'd') {
			cr_assert_eq(mode, 0777 & ~mask, "umask %s: folder %s is %o", u, path, mode);
			dirs++;
		} else {
			cr_assert_eq(type, 'f', "%s", line);
			cr_assert_eq(mode, 0666 & ~mask, "umask %s: file %s is %o", u, path, mode);
			files++;
		}
	}
	/* the state file, its lock, a backup, the directive, the export
	 * and its directive, the journal, a segment, clock, replica */
	cr_assert_geq(files, 10, "umask %s: only %d files", u, files);
	cr_assert_geq(dirs, 5, "umask %s: only %d folders", u, dirs);
	free(out);
}

Test(permissions, every_file_and_folder_dvk_makes_follows_the_umask, .init = fresh, .fini = done)
{
	modes_under("077", 077);
	modes_under("022", 022);
	modes_under("002", 002);
}

Test(permissions, a_replaced_file_keeps_its_permissions, .init = fresh, .fini = done)
{
	char *out;

	cr_assert_eq(sim_run(&out, SH "umask 022; $DVK --data d set 1.1 status=done >/dev/null; "
			     "chmod 640 d/" REL "; $DVK --data d set 1.2 status=done >/dev/null; "
			     "stat -c %%a d/" REL "; chmod 664 d/" REL "; "
			     "$DVK --data d set 1.3 status=done >/dev/null; stat -c %%a d/" REL, tmp), 0);
	cr_assert_str_eq(out, "640\n664\n");
	free(out);
}

/* ---- item 7: links ---- */

Test(links, a_lock_file_that_is_a_symbolic_link_is_never_followed, .init = fresh, .fini = done)
{
	char *out;
	int rc;

	/* a link where the lock file goes, to a file and to nowhere */
	rc = sim_run(&out, SH "$DVK --data d set 1.1 status=done >/dev/null; echo 'của người khác' > victim; "
		     "rm d/" DIRECTIVE "/." UNIT ".dvk.yaml.lock; ln -s ../../victim d/" DIRECTIVE "/." UNIT ".dvk.yaml.lock; "
		     "ln -s ../../nowhere d/" DIRECTIVE "/." UNIT ".dvk.yaml.lock2; "
		     "if $DVK --data d set 1.2 status=done 2>err; then echo saved; fi; cat err; "
		     "cat victim; test ! -e nowhere && echo 'nowhere: not made'; "
		     "grep -c '\"1.2\":' d/" REL " || true", tmp);
	cr_assert_eq(rc, 0, "%s", out);
	cr_assert_not(strstr(out, "saved"), "%s", out);
	cr_assert(strstr(out, "it is a symbolic link"), "%s", out);
	cr_assert(strstr(out, "\ncủa người khác\n"), "the link's target changed:\n%s", out);
	cr_assert(strstr(out, "\n0\n"), "%s", out);
	free(out);
	/* the edit waited in this laptop's journal: once the link is gone,
	 * the next read of the file puts it in */
	rc = sim_run(&out, SH "rm d/" DIRECTIVE "/." UNIT ".dvk.yaml.lock; $DVK --data d status >/dev/null; "
		     "grep -c '\"1.2\":' d/" REL "; test -L d/" DIRECTIVE "/." UNIT ".dvk.yaml.lock || echo plain",
		     tmp);
	cr_assert_eq(rc, 0, "%s", out);
	cr_assert_str_eq(out, "1\nplain\n");
	free(out);
}

Test(links, a_backup_folder_that_is_a_symbolic_link_is_refused, .init = fresh, .fini = done)
{
	char *out;
	int rc;

	/* elsewhere holds 25 backups of the unit: pruning through the link
	 * would delete five of them */
	rc = sim_run(&out, SH "mkdir elsewhere; for i in $(seq 10 34); do "
		     ": > elsewhere/" UNIT ".20230101-0000$i-000.dvk.yaml; done; "
		     "mkdir d; ln -s ../elsewhere d/.dvk-backups; "
		     "$DVK --data d set 1.1 status=done >/dev/null; $DVK --data d set 1.2 status=done >/dev/null; "
		     "ls elsewhere | wc -l; ls -A elsewhere | grep -c -v '" UNIT "' || true; "
		     "$DVK --data d restore 2>&1 || echo \"restore: $?\"; "
		     /* the directive's folder in it, likewise */
		     "rm d/.dvk-backups; mkdir d/.dvk-backups; ln -s ../../elsewhere d/.dvk-backups/" DIRECTIVE "; "
		     "$DVK --data d set 1.3 status=done >/dev/null; ls elsewhere | wc -l; "
		     "grep -c '\"1.3\":' d/" REL,
		     tmp);
	cr_assert_eq(rc, 0, "%s", out);
	cr_assert(strncmp(out, "25\n0\n", 5) == 0, "a backup went through the link:\n%s", out);
	cr_assert(strstr(out, "d/.dvk-backups is a symbolic link"), "%s", out);
	cr_assert(strstr(out, "restore: 1\n25\n1\n"), "%s", out);
	free(out);
}

Test(links, git_ignores_the_backup_folder_whether_a_folder_or_a_link, .init = fresh, .fini = done)
{
	char *out;
	int rc;

	rc = sim_run(&out, SH "mkdir d elsewhere; git -C d init -q; $DVK git-setup d >/dev/null; "
		     "ln -s ../elsewhere d/.dvk-backups; git -C d check-ignore .dvk-backups; "
		     "rm d/.dvk-backups; mkdir -p d/.dvk-backups/x; : > d/.dvk-backups/x/f; "
		     "git -C d check-ignore .dvk-backups/x/f; "
		     "git -C d add -A; git -C d status --porcelain | grep -c dvk-backups || true",
		     tmp);
	cr_assert_eq(rc, 0, "%s", out);
	cr_assert_str_eq(out, ".dvk-backups\n.dvk-backups/x/f\n0\n");
	free(out);
}

/* ---- item 7: a stick that cannot keep permissions ---- */

static int enosys(int fd, mode_t mode)
{
	(void)fd;
	(void)mode;
	errno = ENOSYS;
	return -1;
}

Test(stick, a_file_system_without_fchmod_gets_the_file_and_a_warning, .init = fresh, .fini = done)
{
	char *path = xasprintf("%s/on-stick.dvk.yaml", tmp), *back;
	struct dvk_error warn, err;
	mode_t old = umask(022);
	size_t len;

	sim_write(path, "old", 3);
	cr_assert_eq(chmod(path, 0666), 0); /* as FAT through FUSE shows files */
	store_sys.fchmod = enosys;
	cr_assert(store_write_atomic_warn(path, "new\n", 4, &warn, &err), "%s", err.message);
	store_sys_reset();
	umask(old);
	cr_assert_eq(warn.code, DVK_E_IO);
	cr_assert(strstr(warn.message, "fchmod: Function not implemented"), "%s", warn.message);
	back = sim_read(path, &len);
	cr_assert(len == 4 && memcmp(back, "new\n", 4) == 0);
	free(back);
	free(path);
}

/* The same through the real export: a shim makes fchmod(2) say ENOSYS,
 * as FAT through FUSE does. */
Test(stick, export_to_a_stick_that_refuses_fchmod_warns_and_succeeds, .init = fresh, .fini = done)
{
	char *out;
	int rc;

	if (sim_run(NULL, "command -v cc >/dev/null") != 0)
		cr_skip_test("no C compiler for the fchmod shim");
	rc = sim_run(&out, SH "umask 022; mkdir stick; "
		     "printf '#include <errno.h>\\n#include <sys/stat.h>\\n"
		     "int fchmod(int fd, mode_t m) { (void)fd; (void)m; errno = ENOSYS; return -1; }\\n' > shim.c; "
		     "cc -shared -fPIC -o shim.so shim.c; "
		     "$DVK --data d set 1.1 status=done >/dev/null; $DVK --data d export stick >/dev/null; "
		     "chmod 666 stick/*; $DVK --data d set 1.2 status=done >/dev/null; "
		     "LD_PRELOAD=$PWD/shim.so ASAN_OPTIONS=verify_asan_link_order=0 "
		     "$DVK --data d export stick 2>&1; echo \"export: $?\"; grep -c '\"1.2\":' stick/" UNIT ".dvk.yaml",
		     tmp);
	cr_assert_eq(rc, 0, "%s", out);
	cr_assert(strstr(out, "warning: ") && strstr(out, "fchmod: Function not implemented"), "%s", out);
	cr_assert(strstr(out, "export: 0\n1\n"), "%s", out);
	free(out);
}

/* ---- item 7: the failed call is named ---- */

static int fail_at;
static int calls;

static int fsync_fails(int fd)
{
	if (++calls == fail_at) {
		errno = ENOSPC;
		return -1;
	}
	return fsync(fd);
}

static int open_fails(const char *p, int fl, mode_t m)
{
	if (fl & O_CREAT) {
		errno = EACCES;
		return -1;
	}
	return open(p, fl, m);
}

Test(messages, a_failed_save_names_the_call_that_failed, .init = fresh, .fini = done)
{
	char *path = store_path(tmp, DIRECTIVE, UNIT);
	struct state *st = st_new();
	struct dvk_error err;

	edit(st, "1.1", "một");
	cr_assert(store_save(path, st, sim_directive(), NULL, &err), "%s", err.message);
	edit(st, "1.2", "hai");
	store_sys.open = open_fails;
	cr_assert_not(store_save(path, st, sim_directive(), NULL, &err));
	store_sys_reset();
	cr_assert(strstr(err.message, "open: Permission denied"), "%s", err.message);
	for (fail_at = 1; fail_at <= 2; fail_at++) {
		calls = 0;
		store_sys.fsync = fsync_fails;
		cr_assert_not(store_save(path, st, sim_directive(), NULL, &err));
		store_sys_reset();
		cr_assert(strstr(err.message, "fsync: No space left on device"), "%s", err.message);
	}
	state_free(st);
	free(path);
}
