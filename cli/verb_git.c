/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * verb_git.c: git and Syncthing set-up, the git merge driver and the
 * repair of files git already merged as text.
 *
 *   dvk merge-driver %O %A %B %P   join ours (%A) and theirs (%B) into %A
 *   dvk git-setup [DIR]            make DIR a repository that merges with dvk
 *   dvk git-resolve FILE           join stages 2 and 3 of FILE, write, stage
 *   dvk sync-setup [DIR]           .stignore and .gitignore for DIR
 *
 * The driver ignores %O: a join needs no common ancestor.  It exits 0 even
 * when fields conflict, because conflicts are data that dvk shows and
 * git's text markers would only break the YAML; it exits 1, leaving %A as
 * it was, when a side does not parse.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cli.h"
#include "yamlio/yamlio.h"

/* What keeps lock, temp and backup files out of git and Syncthing.  The
 * store makes ".<name>.lock", ".<name>.tmp-XXXXXX" and, for the moment of
 * a save, ".<name>.old-XXXXXX". */
static const char *const git_ignore[] = {
	/* no trailing slash: ignored whether a folder or a link */
	".*.lock", ".*.tmp-*", ".*.old-*", BACKUP_DIR,
};

/* "(?d)" lets Syncthing delete these when they stand in the way of
 * removing a folder; backups are never deleted by it. */
static const char *const st_ignore[] = {
	"(?d).*.tmp-*", "(?d).*.lock", "(?d).*.old-*", BACKUP_DIR,
};

static const char git_attributes[] = "*" STATE_SUFFIX " merge=dvk text eol=lf";

/* ---- running git ---- */

/* Run git with args in folder dir.  With out, standard output is
 * captured (caller frees *out).  quiet sends git's standard error to
 * /dev/null.  Returns git's exit status, or -1 if it could not run. */
static int run_git(const char *dir, char **out, size_t *outlen, bool quiet,
		   const char *const args[])
{
	const char *argv[16];
	struct buf b = {0};
	int fds[2] = { -1, -1 }, st;
	size_t n = 0;
	pid_t pid;

	argv[n++] = "git";
	argv[n++] = "-C";
	argv[n++] = dir;
	for (size_t i = 0; args[i] && n < ARRAY_LEN(argv) - 1; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	if (out && pipe(fds) != 0)
		return -1;
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		if (out) {
			close(fds[0]);
			close(fds[1]);
		}
		return -1;
	}
	if (pid == 0) {
		if (out) {
			dup2(fds[1], 1);
			close(fds[0]);
			close(fds[1]);
		} else {
			dup2(2, 1); /* git's chatter is not our output */
		}
		if (quiet) {
			int null = open("/dev/null", O_WRONLY);

			if (null >= 0)
				dup2(null, 2);
		}
		execvp("git", (char *const *)argv);
		_exit(127);
	}
	if (out) {
		char chunk[8192];
		ssize_t k;

		close(fds[1]);
		while ((k = read(fds[0], chunk, sizeof chunk)) != 0) {
			if (k < 0) {
				if (errno == EINTR)
					continue;
				break;
			}
			buf_add(&b, chunk, (size_t)k);
		}
		close(fds[0]);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR) {
			buf_free(&b);
			return -1;
		}
	if (out) {
		if (outlen)
			*outlen = b.len;
		buf_add(&b, "", 0); /* a NUL even when empty */
		*out = buf_steal(&b);
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* ---- ignore and attribute files ---- */

/* Make sure file holds each of lines (on a line of its own), appending
 * the missing ones and keeping everything else; a new file starts with
 * the comment line header (Syncthing's comments start with "//", git's
 * with "#").  Prints what it did.
 * Returns 1, or 0 with a message printed. */
static int ensure_lines(const char *file, const char *header, const char *const lines[],
			size_t n)
{
	struct dvk_error err;
	struct buf b = {0};
	char *old = NULL;
	size_t len = 0, added = 0;
	int ok = 1;

	dvk_error_clear(&err);
	if (store_exists(file) && !yamlio_read_file(file, 1 << 20, &old, &len, &err)) {
		cli_error(&err);
		return 0;
	}
	buf_add(&b, old ? old : "", len);
	for (size_t i = 0; i < n; i++) {
		bool have = false;

		for (const char *p = old; p && *p;) {
			const char *e = strchr(p, '\n');
			size_t k = e ? (size_t)(e - p) : strlen(p);

			if (k && p[k - 1] == '\r')
				k--;
			if (k == strlen(lines[i]) && memcmp(p, lines[i], k) == 0) {
				have = true;
				break;
			}
			p = e ? e + 1 : p + k;
		}
		if (have)
			continue;
		if (b.len && b.data[b.len - 1] != '\n')
			buf_addc(&b, '\n');
		if (!added && !old)
			buf_printf(&b, "%s\n", header);
		buf_printf(&b, "%s\n", lines[i]);
		added++;
	}
	if (added) {
		ok = store_write_atomic(file, b.data, b.len, &err);
		if (ok)
			cli_printf(stdout, old ? _("%s: updated\n") : _("%s: written\n"), cli_safe(file));
		else
			cli_error(&err);
	} else {
		cli_printf(stdout, _("%s: already set\n"), cli_safe(file));
	}
	buf_free(&b);
	free(old);
	return ok;
}

/* The folder a set-up verb works on: DIR or the data folder, created.
 * NULL (message printed) on failure, with *status set to 2 for a usage
 * error and 1 for any other. */
static char *setup_dir(struct cli *c, int argc, char **argv, int *status)
{
	struct dvk_error err;
	const char *dir;

	*status = EXIT_USAGE;
	if (cli_getopt(c, argc, argv) != -1) {
		cli_usage(c->verb, NULL);
		return NULL;
	}
	argc -= optind, argv += optind;
	if (argc > 1) {
		cli_usage(c->verb, _("too many arguments"));
		return NULL;
	}
	*status = EXIT_FAIL;
	dvk_error_clear(&err);
	dir = argc == 1 ? argv[0] : c->cfg.data_dir;
	if (!dvk_mkdirs(dir, &err)) {
		cli_error(&err);
		return NULL;
	}
	return xstrdup(dir);
}

static int write_git_ignore(const char *dir)
{
	char *f = xasprintf("%s/.gitignore", dir);
	int ok = ensure_lines(f, "# dvk: lock, temp and backup files stay on this laptop", git_ignore, ARRAY_LEN(git_ignore));

	free(f);
	return ok;
}

int verb_sync_setup(struct cli *c, int argc, char **argv)
{
	int ok, status;
	char *dir = setup_dir(c, argc, argv, &status), *f;

	if (!dir)
		return status;
	f = xasprintf("%s/.stignore", dir);
	ok = ensure_lines(f, "// dvk: lock, temp and backup files stay on this laptop", st_ignore, ARRAY_LEN(st_ignore)) && write_git_ignore(dir);
	if (ok)
		cli_printf(stdout, _("Syncthing and git will not carry lock, temp and backup files of %s.\n"
				     "Keep Syncthing's conflict copies (do not set maxConflicts to 0): "
				     "dvk folds them in.\n"),
			   cli_safe(dir));
	free(f);
	free(dir);
	return ok ? EXIT_OK : EXIT_FAIL;
}

/* This program's own absolute path, so git finds the same dvk. */
static char *self_path(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);

	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	return xstrdup(buf);
}

/* s quoted for sh: git runs the driver through the shell. */
static char *sh_quote(const char *s)
{
	struct buf b = {0};

	buf_addc(&b, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			buf_adds(&b, "'\\''");
		else
			buf_addc(&b, *s);
	}
	buf_addc(&b, '\'');
	return buf_steal(&b);
}

int verb_git_setup(struct cli *c, int argc, char **argv)
{
	int status;
	char *dir = setup_dir(c, argc, argv, &status), *out = NULL, *self = NULL, *q = NULL;
	char *driver = NULL, *attr = NULL;

	if (!dir)
		return status;
	status = EXIT_FAIL;
	if (run_git(dir, &out, NULL, true, (const char *const[]){ "rev-parse", "--is-inside-work-tree", NULL }) != 0 ||
	    strncmp(out, "true", 4) != 0) {
		if (run_git(dir, NULL, NULL, false, (const char *const[]){ "init", "-q", NULL }) != 0) {
			cli_fail(_("%s: git init failed (is git installed?)"), dir);
			goto out;
		}
		cli_printf(stdout, _("%s: new git repository\n"), cli_safe(dir));
	}
	if (!(self = self_path())) {
		cli_fail(_("cannot find this program's path (/proc/self/exe)"));
		goto out;
	}
	q = sh_quote(self);
	driver = xasprintf("%s merge-driver %%O %%A %%B %%P", q);
	if (run_git(dir, NULL, NULL, false, (const char *const[]){ "config", "merge.dvk.name", "dvk: join of event logs", NULL }) != 0 ||
	    run_git(dir, NULL, NULL, false, (const char *const[]){ "config", "merge.dvk.driver", driver, NULL }) != 0) {
		cli_fail(_("%s: git config failed"), dir);
		goto out;
	}
	printf("%s: merge.dvk.driver = ", cli_safe(dir));
	cli_put(stdout, driver);
	putchar('\n');
	attr = xasprintf("%s/.gitattributes", dir);
	if (!ensure_lines(attr, "# dvk: state files merge by joining their event logs",
			  (const char *const[]){ git_attributes }, 1) || !write_git_ignore(dir))
		goto out;
	cli_printf(stdout, _("State files in %s now merge with dvk: `git pull` joins them and keeps\n"
			     "conflicting values for dvk to show.  Commit .gitattributes and .gitignore;\n"
			     "run `dvk git-setup` once in every clone (git does not copy the driver\n"
			     "setting), and again if dvk moves.  Web merges (GitHub, GitLab) do not run\n"
			     "the driver: merge on a laptop.\n"),
		   cli_safe(dir));
	status = EXIT_OK;
out:
	free(attr);
	free(driver);
	free(q);
	free(self);
	free(out);
	free(dir);
	return status;
}

/* ---- the merge driver ---- */

static struct state *load_side(const char *file, const char *name)
{
	struct dvk_error err;
	struct state *st = NULL;
	char *buf;
	size_t len;

	dvk_error_clear(&err);
	if (yamlio_read_file(file, yamlio_default_limits().max_file, &buf, &len, &err)) {
		st = store_parse(buf, len, name, NULL, &err);
		free(buf);
	} else {
		/* name the file as git's user knows it, not git's temp name */
		snprintf(err.path, sizeof err.path, "%s", name);
	}
	if (!st)
		cli_error(&err);
	return st;
}

static void say_conflicts(const char *name, const struct state *st)
{
	size_t n = checklist_conflict_count(st->cl);

	if (!n)
		return;
	cli_printf(stderr, ngettext("dvk: %s: %zu conflicting value kept (status: CONFLICT); settle it in dvk\n",
				    "dvk: %s: %zu conflicting values kept (status: CONFLICT); settle them in dvk\n",
				    n),
		   name, n);
}

int verb_merge_driver(struct cli *c, int argc, char **argv)
{
	const struct verb *v = c->verb;
	struct state *a = NULL, *b = NULL;
	struct dvk_error err;
	const char *path;
	char *na, *nb, *bytes = NULL;
	size_t len;
	int status = EXIT_FAIL;

	if (cli_getopt(c, argc, argv) != -1)
		return cli_usage(v, NULL);
	argc -= optind, argv += optind;
	if (argc != 4 && argc != 3)
		return cli_usage(v, _("expected %%O %%A %%B %%P (as git passes them)"));
	path = argc == 4 ? argv[3] : argv[1];
	na = xasprintf(_("%s (ours)"), path);
	nb = xasprintf(_("%s (theirs)"), path);
	dvk_error_clear(&err);
	if (!(a = load_side(argv[1], na)) || !(b = load_side(argv[2], nb)))
		goto out;
	if (!state_join(a, b, &err)) {
		cli_fail(_("%s: cannot merge: %s"), path, err.message);
		goto out;
	}
	if (!(bytes = store_emit_checked(a, cli_directive_for(c, a->directive), path, &len, &err)) ||
	    !store_write_atomic(argv[1], bytes, len, &err)) {
		cli_error(&err);
		goto out;
	}
	say_conflicts(path, a);
	status = EXIT_OK;
out:
	free(bytes);
	state_free(a);
	state_free(b);
	free(na);
	free(nb);
	return status;
}

/* ---- repairing a text merge ---- */

/* Stage n of base (in folder dir) parsed, or NULL: *missing is set when
 * git has no such stage (a parse error is printed instead). */
static struct state *load_stage(const char *dir, const char *base,
				const char *file, int n, bool *missing)
{
	char *spec = xasprintf(":%d:./%s", n, base), *out = NULL;
	char *name = xasprintf(n == 2 ? _("%s (ours)") : _("%s (theirs)"), file);
	struct dvk_error err;
	struct state *st = NULL;
	size_t len = 0;

	*missing = false;
	dvk_error_clear(&err);
	if (run_git(dir, &out, &len, true, (const char *const[]){ "show", spec, NULL }) != 0) {
		*missing = true;
	} else {
		st = store_parse(out, len, name, NULL, &err);
		if (!st)
			cli_error(&err);
	}
	free(out);
	free(name);
	free(spec);
	return st;
}

int verb_git_resolve(struct cli *c, int argc, char **argv)
{
	const struct verb *v = c->verb;
	const char *file;
	char *dir, *base, *slash, *bytes = NULL;
	struct state *ours = NULL, *theirs = NULL, *work = NULL, *acc = NULL;
	bool no_ours, no_theirs;
	struct dvk_error err;
	size_t len;
	int status = EXIT_FAIL;

	if (cli_getopt(c, argc, argv) != -1)
		return cli_usage(v, NULL);
	argc -= optind, argv += optind;
	if (argc != 1)
		return cli_usage(v, argc < 1 ? _("no file given") : _("one file at a time"));
	file = argv[0];
	dir = xstrdup(file);
	slash = strrchr(dir, '/');
	if (slash) {
		*slash = '\0';
		base = xstrdup(slash + 1);
		if (!*dir)
			strcpy(dir, "/");
	} else {
		free(dir);
		dir = xstrdup(".");
		base = xstrdup(file);
	}
	dvk_error_clear(&err);
	ours = load_stage(dir, base, file, 2, &no_ours);
	if (!ours && !no_ours)
		goto out;
	theirs = load_stage(dir, base, file, 3, &no_theirs);
	if (!theirs && !no_theirs)
		goto out;
	if (no_ours && no_theirs) {
		cli_fail(_("%s: git holds no conflicting versions of this file (stages 2 and 3); "
			   "is a merge in progress?"), file);
		goto out;
	}
	acc = ours ? ours : theirs;
	if (ours && theirs && !state_join(acc, theirs, &err)) {
		cli_fail(_("%s: cannot merge: %s"), file, err.message);
		goto out;
	}
	/* Whatever in the work tree already parses (a hand repair) is kept
	 * too; the file with git's markers does not parse and adds nothing. */
	work = store_exists(file) ? store_load(file, NULL, &err) : NULL;
	if (work && !state_join(acc, work, &err)) {
		cli_fail(_("%s: cannot merge: %s"), file, err.message);
		goto out;
	}
	dvk_error_clear(&err);
	if (!(bytes = store_emit_checked(acc, cli_directive_for(c, acc->directive), file, &len, &err)) ||
	    !store_write_atomic(file, bytes, len, &err)) {
		cli_error(&err);
		goto out;
	}
	if (run_git(dir, NULL, NULL, false, (const char *const[]){ "add", "--", base, NULL }) != 0) {
		cli_fail(_("%s: repaired, but `git add` failed"), file);
		goto out;
	}
	size_t n = checklist_count(acc->cl), k = checklist_conflict_count(acc->cl);

	cli_printf(stdout, ngettext("%s: repaired (%zu entry) and staged", "%s: repaired (%zu entries) and staged", n),
		   cli_safe(file), n);
	if (k)
		printf(ngettext("; %zu conflicting value kept for dvk to settle",
				"; %zu conflicting values kept for dvk to settle", k),
		       k);
	printf("%s\n", _(".  Commit to finish the merge."));
	status = EXIT_OK;
out:
	free(bytes);
	if (acc != ours)
		state_free(ours);
	if (acc != theirs)
		state_free(theirs);
	state_free(acc);
	state_free(work);
	free(dir);
	free(base);
	return status;
}
