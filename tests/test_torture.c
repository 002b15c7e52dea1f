/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_torture.c: crashes, faults and crowds against the state file.
 *
 *  - a writer killed with SIGKILL at random moments during many saves: the
 *    file always parses and holds every edit the writer acknowledged (it
 *    reports each through a pipe only after store_save returned); the
 *    laptop's journal always reads and holds them all too, even when an
 *    older copy is put over the file now and then (a sync tool, cp), and
 *    the next save puts them back into the file;
 *  - every system call of a save failing in turn with ENOSPC, EIO and
 *    EINTR, and short writes, the journal's writes included: the save
 *    either fails with a message and the old file byte-identical, or
 *    succeeds with the edit on disk and in the journal; the journal
 *    always reads; no temp file is left either way;
 *  - four processes saving into one file at once, one of them the TUI
 *    driven by keys: every edit is there at the end;
 *  - a TUI session under valgrind: no leak, no invalid access.
 *
 * `make test` runs a short version (seconds).  `make torture` sets
 * DVK_TORTURE=1 for the full one: 1,000 killed-writer saves, longer crowds,
 * and the valgrind session (skipped in the short run when valgrind is
 * missing).
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "store/store.h"
#include "tests/helpers/sim.h"
#include "tests/helpers/vt.h"

#define DIR_ID "thanh-hoa-dvk-2023"

static bool full_run(void)
{
	const char *t = getenv("DVK_TORTURE");

	return t && *t && strcmp(t, "0") != 0;
}

static const char *dvk_bin(void)
{
	const char *b = getenv("DVK_BIN");

	return b && *b ? b : "build/dvk";
}

/* Files in dir whose names say they are left-overs of a save. */
static size_t leftovers(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)))
		n += strstr(e->d_name, ".tmp-") != NULL || strstr(e->d_name, ".old-") != NULL;
	closedir(d);
	return n;
}

/* True if st holds an event whose value is v. */
static bool has_value(const struct state *st, const char *v)
{
	for (size_t i = 0; i < checklist_count(st->cl); i++)
		if (strcmp(checklist_arrival(st->cl, i)->value, v) == 0)
			return true;
	return false;
}

/* ---- a writer killed at random moments ---- */

/* The journal of st's unit read alone (as a fresh laptop start would),
 * or NULL if a journal file did not read (then it was set aside). */
static struct state *journal_alone(const char *journal)
{
	struct state *j = state_new(DIR_ID, "xa-thu");
	struct dvk_error warn;

	store_journal_attach(j, journal, NULL, sim_directive(), NULL, &warn);
	if (warn.code != DVK_E_NONE) {
		cr_log_error("the journal did not read: %s: %s", warn.path, warn.message);
		state_free(j);
		return NULL;
	}
	return j;
}

/* The child: load, join the laptop's journal, edit one note, save,
 * acknowledge; forever. */
static void writer(const char *path, const char *journal, int ackfd, uint64_t seed)
{
	static struct hlc clock;
	char replica[32];
	struct dvk_error err;

	snprintf(replica, sizeof replica, "kill-%d", (int)getpid());
	for (unsigned n = 0;; n++) {
		struct edit_ctx ctx = { "Người Thử", replica, &clock, 1700000000000LL + n, sim_random, &seed };
		struct state *st = store_exists(path) ? store_load(path, sim_directive(), &err)
						      : state_new(DIR_ID, "xa-thu");
		char value[64];
		struct assignment a = { "note", value };
		static const char *items[] = { "1.1", "2.3", "5.4", "9.1" };

		struct dvk_error warn;

		if (!st)
			_exit(3); /* the file does not parse: the parent will say so */
		store_journal_attach(st, journal, path, sim_directive(), NULL, &warn);
		if (warn.code != DVK_E_NONE)
			_exit(7); /* a journal file did not read */
		snprintf(value, sizeof value, "k%d-%u", (int)getpid(), n);
		if (checklist_apply(st->cl, sim_directive(), items[n % 4], &a, 1, &ctx, &err) != 1)
			_exit(4);
		if (!store_save(path, st, sim_directive(), NULL, &err))
			_exit(5);
		/* acknowledged only now: the save returned */
		strcat(value, "\n");
		if (write(ackfd, value, strlen(value)) != (ssize_t)strlen(value))
			_exit(6);
		state_free(st);
	}
}

Test(torture, a_writer_killed_at_random_loses_no_acknowledged_edit, .timeout = 900)
{
	const int target = full_run() ? 1000 : 30;
	char *dir = sim_tmpdir();
	char *folder = xasprintf("%s/" DIR_ID, dir);
	char *path = xasprintf("%s/xa-thu.dvk.yaml", folder);
	char *journal = xasprintf("%s/journal/" DIR_ID "/xa-thu.dvk.yaml", dir);
	char *old = NULL;
	struct buf acked = {0};
	uint64_t rng = 20261127;
	int saves = 0, rounds = 0, old_copies = 0;
	size_t left = 0, old_len = 0;
	bool stale = false; /* an older copy is over the file, not yet saved over */

	/* and at least one older copy put over the file: on a fast machine
	 * the saves can reach the target before the fifth round */
	while (saves < target || !old_copies) {
		int p[2];
		pid_t pid;
		char chunk[4096];
		ssize_t k;
		int st, got = 0, wait_acks = (int)sim_below(&rng, 3);

		/* now and then an older copy goes over the file, as a sync
		 * tool or cp does: the journal must bring everything back */
		if (old && rounds % 5 == 4) {
			sim_write(path, old, old_len);
			stale = true;
			old_copies++;
		}
		cr_assert_eq(pipe(p), 0);
		pid = fork();
		cr_assert_geq(pid, 0);
		if (pid == 0) {
			close(p[0]);
			writer(path, journal, p[1], 1000 + (uint64_t)rounds);
		}
		close(p[1]);
		/* let it acknowledge 0-2 saves, then kill it at a random
		 * moment of the next one (a save here is a few ms of work
		 * and two fsyncs) */
		while (got < wait_acks && (k = read(p[0], chunk, sizeof chunk)) > 0) {
			buf_add(&acked, chunk, (size_t)k);
			for (ssize_t i = 0; i < k; i++)
				got += chunk[i] == '\n';
		}
		usleep((useconds_t)sim_below(&rng, 60000));
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
		cr_assert(WIFSIGNALED(st), "the writer stopped by itself (status %d): "
			  "3 = file did not parse, 5 = save failed, 7 = journal did not read",
			  WEXITSTATUS(st));
		while ((k = read(p[0], chunk, sizeof chunk)) > 0) {
			buf_add(&acked, chunk, (size_t)k);
			for (ssize_t i = 0; i < k; i++)
				got += chunk[i] == '\n';
		}
		close(p[0]);
		saves += got;
		rounds++;
		if (got)
			stale = false; /* a save since: the file must hold it all again */

		/* the file parses and holds everything acknowledged so far */
		if (!store_exists(path)) {
			cr_assert_eq(acked.len, 0, "acknowledged edits but no file");
			continue;
		}
		struct dvk_error err;
		struct state *back = store_load(path, sim_directive(), &err), *j;

		cr_assert_not_null(back, "after a kill the file does not parse: %s:%d:%d: %s",
				   err.path, err.line, err.col, err.message);
		j = journal_alone(journal);
		cr_assert_not_null(j, "after a kill the journal does not read (round %d)", rounds);
		for (char *line = acked.data, *nl; line && (nl = strchr(line, '\n')); line = nl + 1) {
			*nl = '\0';
			cr_assert(has_value(j, line), "acknowledged edit \"%s\" is not in the journal "
				  "(round %d)", line, rounds);
			cr_assert(stale || has_value(back, line), "acknowledged edit \"%s\" is missing "
				  "(round %d)", line, rounds);
			*nl = '\n';
		}
		cr_assert_geq(checklist_count(j->cl), (size_t)saves);
		if (!stale)
			cr_assert_geq(checklist_count(back->cl), (size_t)saves);
		state_free(j);
		state_free(back);
		if (!old && saves >= 3)
			old = sim_read(path, &old_len); /* the older copy of later rounds */
	}
	left = leftovers(folder);
	cr_assert_gt(old_copies, 0);
	cr_log_info("killed writer: %d acknowledged saves over %d kills, all on disk and in the "
		    "journal; %d older copies put over the file; %zu temp files left behind by kills",
		    saves, rounds, old_copies, left);
	free(old);
	free(journal);
	buf_free(&acked);
	free(path);
	free(folder);
	free(dir);
}

/* ---- every system call failing in turn ---- */

enum fault { F_NONE, F_ERRNO, F_SHORT };
static enum fault fault;
static int fault_at, fault_calls, fault_errno;

static int hit(void)
{
	return fault != F_NONE && ++fault_calls == fault_at;
}

static int t_open(const char *p, int fl, mode_t m)
{
	if (fault == F_ERRNO && hit()) {
		errno = fault_errno;
		return -1;
	}
	if (fault == F_SHORT)
		++fault_calls;
	return open(p, fl, m);
}

static ssize_t t_write(int fd, const void *b, size_t n)
{
	if (fault == F_SHORT && hit())
		return write(fd, b, n > 1 ? n / 2 : n); /* a short write, not an error */
	if (fault == F_ERRNO && hit()) {
		errno = fault_errno;
		return -1;
	}
	return write(fd, b, n);
}

static int t_fsync(int fd)
{
	if (fault == F_ERRNO && hit()) {
		errno = fault_errno;
		return -1;
	}
	if (fault == F_SHORT)
		++fault_calls;
	return fsync(fd);
}

static int t_rename(const char *a, const char *b)
{
	if (fault == F_ERRNO && hit()) {
		errno = fault_errno;
		return -1;
	}
	if (fault == F_SHORT)
		++fault_calls;
	return rename(a, b);
}

static int t_close(int fd)
{
	if (fault == F_ERRNO && hit()) {
		close(fd);
		errno = fault_errno;
		return -1;
	}
	if (fault == F_SHORT)
		++fault_calls;
	return close(fd);
}

static struct state *edit(const char *item, const char *note, uint64_t *rng)
{
	static struct hlc h;
	struct edit_ctx ctx = { "Lê Thị Hạnh", "hanh-x220", &h, 1678838400000LL, sim_random, rng };
	struct assignment a = { "note", note };
	struct state *st = state_new(DIR_ID, "xa-thu");
	struct dvk_error err;

	cr_assert_eq(checklist_apply(st->cl, sim_directive(), item, &a, 1, &ctx, &err), 1, "%s", err.message);
	return st;
}

/* The unit's file as a front end reads it: with the laptop's journal
 * joined in and attached, then one note edited. */
static struct state *edit_file(const char *path, const char *journal, const char *item, const char *note,
			       uint64_t *rng)
{
	struct state *st = edit(item, note, rng), *disk;
	struct dvk_error err, warn;

	disk = store_load(path, sim_directive(), &err);
	cr_assert_not_null(disk, "%s", err.message);
	cr_assert(state_join(st, disk, &err), "%s", err.message);
	state_free(disk);
	store_journal_attach(st, journal, path, sim_directive(), NULL, &warn);
	cr_assert_eq(warn.code, DVK_E_NONE, "the journal did not read: %s", warn.message);
	return st;
}

/* Count the store_sys calls one save makes (its journal segment too). */
static int count_calls(const char *path, const char *journal, uint64_t *rng)
{
	struct state *st = edit_file(path, journal, "3.1", "count", rng);
	struct dvk_error err;

	fault = F_ERRNO;
	fault_at = -1;
	fault_calls = 0;
	store_sys = (struct store_sys){ t_open, t_write, t_fsync, t_rename, t_close, fchmod };
	cr_assert(store_save(path, st, sim_directive(), NULL, &err), "%s", err.message);
	store_sys_reset();
	fault = F_NONE;
	state_free(st);
	return fault_calls;
}

Test(torture, every_call_of_a_save_fails_in_turn, .timeout = 120)
{
	static const int errs[] = { ENOSPC, EIO, EINTR };
	char *dir = sim_tmpdir();
	char *folder = xasprintf("%s/" DIR_ID, dir);
	char *path = xasprintf("%s/xa-thu.dvk.yaml", folder);
	char *journal = xasprintf("%s/journal/" DIR_ID "/xa-thu.dvk.yaml", dir);
	char *segments = xasprintf("%s.d", journal);
	uint64_t rng = 77;
	struct dvk_error err;
	struct state *base = edit("1.1", "first", &rng);
	int ncalls, failed = 0, retried = 0;

	/* a file big enough that writing it is more than one call */
	for (int i = 0; i < 40; i++) {
		char note[32];
		struct state *s;

		snprintf(note, sizeof note, "note %d", i);
		s = edit(i % 2 ? "2.1" : "4.2", note, &rng);
		cr_assert(state_join(base, s, &err));
		state_free(s);
	}
	cr_assert(store_save(path, base, sim_directive(), NULL, &err), "%s", err.message);
	/* the first save with the journal compacts it (it lacks the file's
	 * events); every later one writes a segment, as a key press does */
	state_free(edit_file(path, journal, "3.1", "first with the journal", &rng));
	{
		struct state *first = edit_file(path, journal, "3.1", "journal", &rng);

		cr_assert(store_save(path, first, sim_directive(), NULL, &err), "%s", err.message);
		state_free(first);
	}
	ncalls = count_calls(path, journal, &rng);
	cr_assert_geq(ncalls, 6, "a save made only %d system calls", ncalls);
	for (size_t e = 0; e < ARRAY_LEN(errs) + 1; e++) {
		for (int at = 1; at <= ncalls; at++) {
			size_t oldlen, len;
			char *old = sim_read(path, &oldlen), *now, note[48];
			struct state *b, *back, *j;
			bool is_short = e == ARRAY_LEN(errs);
			int ok;

			snprintf(note, sizeof note, "fault %zu at %d", e, at);
			b = edit_file(path, journal, "2.2", note, &rng);
			fault = is_short ? F_SHORT : F_ERRNO;
			fault_errno = is_short ? 0 : errs[e];
			fault_at = at;
			fault_calls = 0;
			dvk_error_clear(&err);
			store_sys = (struct store_sys){ t_open, t_write, t_fsync, t_rename, t_close, fchmod };
			ok = store_save(path, b, sim_directive(), NULL, &err);
			store_sys_reset();
			fault = F_NONE;
			state_free(b);

			struct dvk_error lerr;

			now = sim_read(path, &len);
			back = store_load(path, sim_directive(), &lerr);
			cr_assert_not_null(back, "the file does not parse after a fault at call %d: %s", at,
					   lerr.message);
			j = journal_alone(journal);
			cr_assert_not_null(j, "the journal does not read after a fault at call %d", at);
			if (ok) {
				cr_assert(has_value(back, note), "the save said ok but the edit is not on disk "
					  "(call %d, %s)", at, is_short ? "short write" : strerror(errs[e]));
				cr_assert(has_value(j, note), "the save said ok but the edit is not in the "
					  "journal (call %d, %s)", at, is_short ? "short write" : strerror(errs[e]));
			} else {
				cr_assert(!is_short && errs[e] != EINTR,
					  "a %s at call %d made the save fail: %s",
					  is_short ? "short write" : "single EINTR", at, err.message);
				cr_assert(len == oldlen && memcmp(now, old, len) == 0,
					  "the old file changed when call %d failed with %s", at, strerror(errs[e]));
				cr_assert(strstr(err.message, strerror(errs[e])),
					  "the error does not say what failed: \"%s\"", err.message);
			}
			failed += !ok;
			retried += ok && !is_short && errs[e] == EINTR;
			cr_assert_eq(leftovers(folder) + leftovers(segments), 0,
				     "a temp file was left (call %d, %s)", at,
				     is_short ? "short write" : strerror(errs[e]));
			state_free(j);
			state_free(back);
			free(old);
			free(now);
		}
	}
	/* every ENOSPC and EIO on the path of the save itself must fail it;
	 * calls whose failure is tolerated (a backup copy) may succeed */
	cr_assert_geq(failed, 2 * 7, "only %d injected faults made a save fail", failed);
	cr_assert_eq(retried, ncalls, "a single EINTR must be retried at every call");
	cr_log_info("%d system calls per save (journal segment included); %d faults reported as "
		    "failed saves", ncalls, failed);
	free(segments);
	free(journal);
	state_free(base);
	free(path);
	free(folder);
	free(dir);
}

/* ---- four processes at once ---- */

static pid_t set_loop(const char *data, const char *state_home, const char *item, int n, const char *log)
{
	pid_t pid = fork();

	cr_assert_geq(pid, 0);
	if (pid == 0) {
		char cmd[8192];

		/* each `dvk set` flips the status, so every call is one event */
		snprintf(cmd, sizeof cmd,
			 "export DVK_DATA='%s' XDG_STATE_HOME='%s' XDG_CONFIG_HOME='%s/cfg' DVK_UNIT=xa-thu "
			 "DVK_USER='set %s'; i=0; ok=0; while [ $i -lt %d ]; do "
			 "if [ $((i %% 2)) = 0 ]; then s=done; else s=in-progress; fi; "
			 "'%s' set %s status=$s >/dev/null 2>>'%s' && ok=$((ok+1)); i=$((i+1)); done; "
			 "echo $ok > '%s.ok'",
			 data, state_home, state_home, item, n, dvk_bin(), item, log, log);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	return pid;
}

static int read_int(const char *path)
{
	size_t len;
	char *s = sim_read(path, &len);
	int v = s ? atoi(s) : -1;

	free(s);
	return v;
}

static struct vt *tui_spawn(const char *root, const char *data, bool valgrind, const char *vlog)
{
	char e1[1024], e2[1024], e3[1024], e4[1024], vl[1100];
	const char *env[] = { e1, e2, e3, e4, "DVK_UNIT=xa-thu", "DVK_USER=Người Thử TUI", "LANG=C.UTF-8",
			      "LC_ALL", "TERM=xterm-256color", "ESCDELAY=25", "DVK_LANG", "TZ=UTC", NULL };

	snprintf(e1, sizeof e1, "DVK_DATA=%s", data);
	snprintf(e2, sizeof e2, "XDG_STATE_HOME=%s/tui-state", root);
	snprintf(e3, sizeof e3, "XDG_CONFIG_HOME=%s/tui-config", root);
	snprintf(e4, sizeof e4, "XDG_DATA_HOME=%s/tui-xdg", root);
	snprintf(vl, sizeof vl, "--log-file=%s", vlog ? vlog : "/dev/null");
	if (valgrind) {
		char *argv[] = { "valgrind", "--leak-check=full", "--show-leak-kinds=definite,indirect",
				 "--errors-for-leak-kinds=definite,indirect", "--error-exitcode=99",
				 "--track-origins=yes", vl, (char *)dvk_bin(), NULL };

		return vt_spawn(24, 80, argv, env);
	}
	char *argv[] = { (char *)dvk_bin(), NULL };

	return vt_spawn(24, 80, argv, env);
}

/* Press Space on the selected item of section 1 and wait for its box to
 * flip; returns true when it did. */
static bool tui_toggle(struct vt *v, const char *id, bool *done, int timeout_ms)
{
	char want[32];

	vt_type(v, " ");
	snprintf(want, sizeof want, "[%c] %s", *done ? ' ' : 'x', id);
	if (!vt_wait(v, want, timeout_ms))
		return false;
	*done = !*done;
	return true;
}

static bool session_has_value_by(const struct state *st, const char *by, size_t *n)
{
	*n = 0;
	for (size_t i = 0; i < checklist_count(st->cl); i++)
		*n += strcmp(checklist_arrival(st->cl, i)->by, by) == 0;
	return *n > 0;
}

Test(torture, four_writers_at_once_one_of_them_the_tui, .timeout = 600)
{
	const int per_loop = full_run() ? 150 : 15, toggles = full_run() ? 60 : 8;
	static const char *items[] = { "2.1", "3.1", "4.1" };
	char *root = sim_tmpdir();
	char *data = xasprintf("%s/data", root);
	char *path = xasprintf("%s/" DIR_ID "/xa-thu.dvk.yaml", data);
	pid_t kids[3];
	char logs[3][1024];
	struct vt *v = tui_spawn(root, data, false, NULL);
	bool done = false;
	int flips = 0, expected = 0;

	cr_assert_not_null(v, "cannot start %s in a pty", dvk_bin());
	cr_assert(vt_wait(v, "1. Quán triệt", 10000), "the TUI did not start:\n%s", vt_screen(v));
	vt_key(v, VTERM_KEY_ENTER);
	cr_assert(vt_wait(v, "[ ] 1.1", 5000), "%s", vt_screen(v));
	for (int k = 0; k < 3; k++) {
		char sh[1024];

		snprintf(logs[k], sizeof logs[k], "%s/loop-%d.log", root, k);
		snprintf(sh, sizeof sh, "%s/state-%d", root, k);
		kids[k] = set_loop(data, sh, items[k], per_loop, logs[k]);
	}
	for (int i = 0; i < toggles; i++) {
		bool ok = tui_toggle(v, "1.1", &done, 10000);

		if (!ok) {
			char *s = vt_screen(v);

			cr_assert_fail("toggle %d never showed on screen:\n%s", i, s);
		}
		flips++;
	}
	for (int k = 0; k < 3; k++) {
		int st;
		char okfile[1100];

		waitpid(kids[k], &st, 0);
		snprintf(okfile, sizeof okfile, "%s.ok", logs[k]);
		int ok = read_int(okfile);
		size_t loglen;
		char *log = sim_read(logs[k], &loglen);

		cr_expect_eq(ok, per_loop, "loop %d: only %d of %d `dvk set` calls succeeded:\n%s", k, ok,
			     per_loop, log ? log : "");
		free(log);
		expected += ok;
	}
	vt_key(v, VTERM_KEY_ESCAPE);
	vt_type(v, "q");
	int st = vt_wait_exit(v, 10000);

	cr_expect(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0, "the TUI did not quit cleanly");
	vt_free(v);

	struct dvk_error err;
	struct state *back = store_load(path, sim_directive(), &err);
	size_t n_tui = 0, n_set;

	cr_assert_not_null(back, "%s", err.message);
	session_has_value_by(back, "Người Thử TUI", &n_tui);
	cr_expect_eq(n_tui, (size_t)flips, "the TUI made %d edits; the file holds %zu", flips, n_tui);
	n_set = checklist_count(back->cl) - n_tui;
	cr_expect_eq(n_set, (size_t)expected, "the set loops acknowledged %d edits; the file holds %zu",
		     expected, n_set);
	cr_log_info("four writers: %zu events (%d from the TUI, %d from 3 set loops)", checklist_count(back->cl), flips,
		    expected);
	state_free(back);
	free(path);
	free(data);
	free(root);
}

/* ---- valgrind ---- */

static bool have_valgrind(void)
{
	return system("valgrind --version >/dev/null 2>&1") == 0;
}

Test(torture, a_tui_session_under_valgrind_is_clean, .timeout = 600)
{
	char *root = sim_tmpdir();
	char *data = xasprintf("%s/data", root);
	char *vlog = xasprintf("%s/valgrind.log", root);
	struct vt *v;
	int st;

	if (!full_run() || !have_valgrind()) {
		cr_log_info("valgrind session: only in `make torture` (DVK_TORTURE=1) with valgrind");
		cr_skip_test("only in make torture");
	}
	v = tui_spawn(root, data, true, vlog);
	cr_assert_not_null(v);
#define W(text) cr_assert(vt_wait(v, (text), 60000), "never showed \"%s\":\n%s", (text), vt_screen(v))
	W("1. Quán triệt");
	vt_key(v, VTERM_KEY_DOWN);
	vt_key(v, VTERM_KEY_DOWN);
	vt_key(v, VTERM_KEY_UP);
	vt_key(v, VTERM_KEY_UP);
	vt_key(v, VTERM_KEY_ENTER);                 /* section 1 */
	W("[ ] 1.1");
	vt_type(v, " ");                            /* done */
	W("[x] 1.1");
	vt_key(v, VTERM_KEY_DOWN);
	vt_key(v, VTERM_KEY_ENTER);                 /* item 1.2 */
	W("Mục 1.2");
	vt_type(v, "e");                            /* the note editor */
	W("Ghi chú cho mục 1.2");
	vt_type(v, "Đã họp ngày 14/3, có 45 người.");
	vt_key(v, VTERM_KEY_ENTER);
	vt_type(v, "Dòng hai ệ");
	vt_send(v, "\x7f", 1);
	vt_send(v, "\x13", 1);                      /* ^S saves */
	W("Dòng hai");
	vt_key(v, VTERM_KEY_PAGEDOWN);
	vt_key(v, VTERM_KEY_PAGEUP);
	vt_key(v, VTERM_KEY_ESCAPE);                /* back to the section */
	W("[ ] 1.2");
	vt_key(v, VTERM_KEY_ESCAPE);                /* overview */
	W("Tiến độ");
	vt_type(v, "/tiep cong dan");               /* search */
	vt_key(v, VTERM_KEY_ENTER);
	vt_settle(v, 300, 20000);
	vt_type(v, "n");
	vt_settle(v, 300, 20000);
	vt_key(v, VTERM_KEY_ESCAPE);
	vt_key(v, VTERM_KEY_ESCAPE);
	vt_type(v, "?");                            /* help */
	vt_settle(v, 300, 20000);
	vt_key(v, VTERM_KEY_ESCAPE);
	vt_type(v, "r");                            /* reload */
	vt_resize(v, 20, 60);
	vt_settle(v, 300, 20000);
	vt_resize(v, 24, 80);
	vt_settle(v, 300, 20000);
	vt_key(v, VTERM_KEY_ESCAPE);
	vt_key(v, VTERM_KEY_ESCAPE);
	W("Tiến độ");
	vt_type(v, "q");
	st = vt_wait_exit(v, 60000);
#undef W
	size_t len;
	char *log = sim_read(vlog, &len);

	cr_assert(st != -1 && WIFEXITED(st), "dvk under valgrind did not exit");
	cr_assert_eq(WEXITSTATUS(st), 0, "valgrind found errors (exit %d):\n%s", WEXITSTATUS(st),
		     log ? log : "(no log)");
	cr_assert(log && strstr(log, "ERROR SUMMARY: 0 errors"), "%s", log ? log : "(no log)");
	free(log);
	vt_free(v);
	free(vlog);
	free(data);
	free(root);
}
