/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * verb_export.c: files carried by hand, on a USB stick or by email.
 *
 *   dvk export [DIR]     write the own unit's file to DIR (a stick) safely
 *   dvk receive FILE...  join received files into the data folder
 *
 * USB sticks are known to lie about having written data (SQLite's "How
 * to corrupt" names them), so an export is an atomic write, a syncfs of
 * the whole stick, and a read back from the device (the page cache is
 * dropped first) compared byte for byte before the person is told the
 * stick may be removed.  Receiving is always copy-then-merge into the
 * local file through the store, never editing on the stick.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "yamlio/yamlio.h"

/* Read path back from the device: flush, drop the cached pages, read.
 * Returns the bytes (caller frees) or NULL with errno set. */
static char *read_back(const char *path, size_t *len)
{
	struct buf b = {0};
	char chunk[65536];
	ssize_t k;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	fdatasync(fd);
	posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
	while ((k = read(fd, chunk, sizeof chunk)) != 0) {
		if (k < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;

			close(fd);
			buf_free(&b);
			errno = e;
			return NULL;
		}
		buf_add(&b, chunk, (size_t)k);
	}
	close(fd);
	*len = b.len;
	buf_add(&b, "", 0);
	return buf_steal(&b);
}

/* syncfs(2) on the filesystem holding dir: the whole stick, not only our
 * file, since its folder entry and metadata matter too. */
static int sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), ok;

	if (fd < 0)
		return -1;
	ok = syncfs(fd);
	close(fd);
	return ok;
}

/* Write bytes to path on the stick, flush it, read it back and compare;
 * says what failed.  Returns 1 when the copy is good. */
static int write_checked(const char *dir, const char *path, const char *bytes, size_t len)
{
	struct dvk_error err, warn;
	size_t backlen;
	char *back;
	int ok = 0;

	dvk_error_clear(&err);
	if (!store_write_atomic_warn(path, bytes, len, &warn, &err)) {
		cli_error(&err);
		return 0;
	}
	if (warn.code != DVK_E_NONE)
		cli_warn_error(&warn);
	if (sync_dir(dir) != 0) {
		cli_fail(_("%s: cannot flush the stick: %s; do not remove it, try again"), cli_safe(dir),
			 strerror(errno));
		return 0;
	}
	back = read_back(path, &backlen);
	if (!back)
		cli_fail(_("%s: cannot read the file back: %s; do not trust this copy"), cli_safe(path),
			 strerror(errno));
	else if (backlen != len || memcmp(back, bytes, len) != 0)
		cli_fail(_("%s: the file read back differs from what was written: the stick may be "
			   "failing; export again or use another stick"), cli_safe(path));
	else
		ok = 1;
	free(back);
	return ok;
}

/* The directive travels with the unit's file: DIR/<id>.directive.yaml, the
 * text the unit works with, so the reviewer reads the same.  A newer
 * revision already on the stick is left there (and named); an equal one
 * is not written again. */
static int export_directive(struct cli *c, const char *dir)
{
	const struct catalog_entry *e = &c->source;
	char *path = xasprintf("%s/%s%s", dir, e->d->id, CATALOG_STICK_SUFFIX);
	struct dvk_error err;
	struct directive *there = NULL;
	int ok = 1;

	dvk_error_clear(&err);
	if (store_exists(path) && (there = directive_load_file(path, &err)) &&
	    strcmp(there->id, e->d->id) == 0 && there->revision >= e->d->revision) {
		if (there->revision > e->d->revision)
			printf(_("The stick carries revision %u of directive %s, newer than this laptop's "
				 "revision %u: take it in with `dvk receive %s`.\n"),
			       there->revision, e->d->id, e->d->revision, path);
		goto out;
	}
	ok = write_checked(dir, path, e->bytes, e->len);
	if (ok) {
		printf(_("wrote %s (directive %s, revision %u) and read it back: identical.\n"), path,
		       e->d->id, e->d->revision);
	}
out:
	directive_free(there);
	free(path);
	return ok;
}

int verb_export(struct cli *c, int argc, char **argv)
{
	const struct verb *v = c->verb;
	const char *dir;
	char *own = NULL, *target = NULL, *bytes = NULL, *back = NULL;
	struct state *st = NULL, *there = NULL;
	struct dvk_error err, warn;
	size_t len, backlen, extra = 0;
	int status = EXIT_FAIL;

	if (cli_getopt(c, argc, argv) != -1)
		return cli_usage(v, NULL);
	argc -= optind, argv += optind;
	if (argc > 1)
		return cli_usage(v, _("too many arguments"));
	dir = argc == 1 ? argv[0] : ".";
	struct stat sb;

	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		cli_fail(_("%s: no such folder (is the stick mounted?)"), dir);
		return EXIT_FAIL;
	}
	if (!(own = cli_own_path(c)))
		return EXIT_FAIL;
	dvk_error_clear(&err);
	if (!store_exists(own)) {
		cli_fail(_("nothing to export yet: %s does not exist (record some progress first)"), own);
		goto out;
	}
	if (!(st = cli_load_state(c, own, false)))
		goto out;
	cli_attach_journal(c, st, own);
	target = xasprintf("%s/%s%s", dir, st->unit, STATE_SUFFIX);
	/* The stick may already carry this unit's file, from a colleague's
	 * laptop: join it rather than overwrite it, so the stick never loses
	 * anything either. */
	if (store_exists(target)) {
		size_t before = checklist_count(st->cl);

		there = store_load(target, c->dir, &err);
		if (!there) {
			cli_error(&err);
			cli_fail(_("%s is there already and cannot be read; move it away first"), target);
			goto out;
		}
		if (!state_join(st, there, &err)) {
			cli_fail(_("%s is there already, for another unit: %s"), target, err.message);
			goto out;
		}
		extra = checklist_count(st->cl) - before;
	}
	if (!(bytes = store_emit_checked(st, c->dir, target, &len, &err)) ||
	    !store_write_atomic_warn(target, bytes, len, &warn, &err)) {
		cli_error(&err);
		goto out;
	}
	/* a stick's FAT through FUSE cannot keep permissions (fchmod gives
	 * ENOSYS): the file is written all the same, and that is said */
	if (warn.code != DVK_E_NONE)
		cli_warn_error(&warn);
	if (sync_dir(dir) != 0) {
		cli_fail(_("%s: cannot flush the stick: %s; do not remove it, try again"), dir,
			 strerror(errno));
		goto out;
	}
	back = read_back(target, &backlen);
	if (!back) {
		cli_fail(_("%s: cannot read the file back: %s; do not trust this copy"), target,
			 strerror(errno));
		goto out;
	}
	if (backlen != len || memcmp(back, bytes, len) != 0) {
		cli_fail(_("%s: the file read back differs from what was written: the stick may be "
			   "failing; export again or use another stick"), target);
		goto out;
	}
	if (!export_directive(c, dir))
		goto out;
	size_t n = checklist_count(st->cl), k = checklist_conflict_count(st->cl);
	char *ne = xasprintf(ngettext("%zu entry", "%zu entries", n), n);
	char *nk = xasprintf(ngettext("%zu conflicting value", "%zu conflicting values", k), k);

	cli_printf(stdout, _("wrote %s (%s, %s) and read it back: identical.\n"), cli_safe(target), ne, nk);
	free(ne);
	free(nk);
	if (extra)
		cli_printf(stdout, ngettext("It already held %zu entry this laptop lacks: run `dvk "
					    "receive %s` to take them in.\n",
					    "It already held %zu entries this laptop lacks: run `dvk "
					    "receive %s` to take them in.\n", extra),
			   extra, cli_safe(target));
	printf("%s\n", _("It is safe to remove the stick."));
	status = EXIT_OK;
out:
	free(back);
	free(bytes);
	free(target);
	state_free(there);
	state_free(st);
	free(own);
	return status;
}

static bool is_directive_file(const char *path)
{
	return catalog_is_directive_file(path);
}

/* After the data folder's directives changed: look them up again, and
 * use the new revision of the directive in use if it was updated. */
static void refresh_directives(struct cli *c)
{
	struct catalog_entry e;
	struct dvk_error err;

	catalog_free(c->cat);
	c->cat = NULL;
	if (catalog_open(c->cfg.data_dir, c->dir->id, &e, &err) && e.d->revision > c->dir->revision) {
		catalog_entry_free(&c->source);
		c->source = e;
		c->dir = e.d;
	} else if (e.d) {
		catalog_entry_free(&e);
	}
}

/* Take in a received directive file: a newer revision replaces the data
 * folder's, an older one never does.  Returns 1 unless the file cannot
 * be used or differs from the same revision here. */
static int receive_directive(struct cli *c, const char *file)
{
	struct dvk_error err;
	enum catalog_added res;
	unsigned old = 0;
	char *bytes;
	size_t len;
	struct directive *d;
	int ok;

	dvk_error_clear(&err);
	if (!yamlio_read_file(file, yamlio_default_limits().max_file, &bytes, &len, &err) ||
	    !catalog_add(c->cfg.data_dir, bytes, len, file, &res, &old, &err)) {
		cli_error(&err);
		free(bytes);
		return 0;
	}
	d = directive_load_buffer(bytes, len, file, &err);
	free(bytes);
	ok = res != CATALOG_DIFFERS;
	cli_put(stdout, file);
	switch (res) {
	case CATALOG_ADDED:
		printf(_(": directive %s, revision %u: added to the data folder\n"), d->id, d->revision);
		break;
	case CATALOG_UPDATED:
		printf(_(": directive %s updated from revision %u to revision %u\n"), d->id, old, d->revision);
		break;
	case CATALOG_SAME:
		printf(_(": directive %s, revision %u: already here\n"), d->id, d->revision);
		break;
	case CATALOG_OLDER:
		printf(_(": directive %s, revision %u: older than revision %u here, not taken\n"), d->id,
		       d->revision, old);
		break;
	case CATALOG_DIFFERS:
		printf("\n");
		cli_fail(_("%s: revision %u of directive %s differs from the revision %u here: not taken "
			   "(a correction must raise the revision; ask the office that issued it)"),
			 file, d->revision, d->id, old);
		break;
	}
	if (res == CATALOG_ADDED || res == CATALOG_UPDATED)
		refresh_directives(c);
	directive_free(d);
	return ok;
}

/* The directive file exported beside a unit file (DIR/<id>.directive.yaml),
 * if there is one and it was not named on the command line too. */
static void receive_beside(struct cli *c, const char *file, const char *id, char **argv, int argc)
{
	char *path = catalog_beside(file, id);

	for (int i = 0; path && i < argc; i++)
		if (strcmp(argv[i], path) == 0)
			goto out;
	if (path)
		receive_directive(c, path);
out:
	free(path);
}

/* Join one received file; prints its outcome.  Returns 1 on success. */
static int receive_one(struct cli *c, const char *file, char **argv, int argc)
{
	struct dvk_error err;
	struct state *st, *after = NULL;
	const struct directive *d;
	char *main_path;
	bool existed;
	size_t gained = 0;
	int ok = 0;

	dvk_error_clear(&err);
	st = store_load(file, NULL, &err);
	if (!st) {
		cli_error(&err);
		return 0;
	}
	receive_beside(c, file, st->directive, argv, argc);
	d = cli_directive_for(c, st->directive);
	main_path = store_path(c->cfg.data_dir, st->directive, st->unit);
	existed = store_exists(main_path);
	if (!store_merge_into(main_path, st, d, &gained, &err)) {
		cli_error(&err);
		goto out;
	}
	if (!(after = store_load(main_path, NULL, &err))) {
		cli_error(&err);
		goto out;
	}
	if (!checklist_subset(st->cl, after->cl)) {
		cli_fail(_("%s: after joining, some of its entries are missing from %s (keep the file "
			   "and report this)"), file, main_path);
		goto out;
	}
	size_t k = checklist_conflict_count(after->cl);

	cli_printf(stdout, _("%s: unit %s"), file, st->unit);
	char *name = state_unit_shown(after, UNIT_NAME);

	if (name)
		cli_printf(stdout, " (%s)", name);
	free(name);
	if (!gained)
		fputs(_(": nothing new"), stdout);
	else if (existed)
		cli_printf(stdout, ngettext(": %zu new entry into %s", ": %zu new entries into %s", gained),
			   gained, main_path);
	else
		cli_printf(stdout, ngettext(": %zu new entry in new file %s",
					    ": %zu new entries in new file %s", gained),
			   gained, main_path);
	if (k)
		printf(ngettext("; %zu conflicting value to settle", "; %zu conflicting values to settle", k), k);
	printf("%s\n", _("; nothing lost"));
	cli_clock_warning(file, checklist_max_at(st->cl));
	if (d)
		cli_revision_warning(file, st, d);
	else
		cli_fail(_("%s: directive %s is not on this laptop: the unit's file is kept; to see it, "
			   "add the directive (dvk directive add FILE)"), file, st->directive);
	ok = 1;
out:
	state_free(after);
	state_free(st);
	free(main_path);
	return ok;
}

int verb_receive(struct cli *c, int argc, char **argv)
{
	const struct verb *v = c->verb;
	int bad = 0;

	if (cli_getopt(c, argc, argv) != -1)
		return cli_usage(v, NULL);
	argc -= optind, argv += optind;
	if (argc < 1)
		return cli_usage(v, _("no file given"));

	/* a folder (a stick, a mail's attachments) stands for the state
	 * and directive files directly in it, as in the TUI's R */
	char **files = NULL;
	size_t n = 0, cap = 0;

	for (int i = 0; i < argc; i++) {
		struct stat sb;
		char **in;
		size_t k;

		if (stat(argv[i], &sb) != 0 || !S_ISDIR(sb.st_mode)) {
			GROW(files, n + 1, cap);
			files[n++] = xstrdup(argv[i]);
			continue;
		}
		k = catalog_folder_files(argv[i], &in);
		if (!k) {
			cli_fail(_("%s: no state files (*.dvk.yaml) in this folder"), argv[i]);
			bad++;
		}
		GROW(files, n + k, cap);
		memcpy(files + n, in, k * sizeof *in);
		n += k;
		free(in);
	}
	/* directives first, so the units' files meet the revision they
	 * travelled with */
	for (size_t i = 0; i < n; i++)
		if (is_directive_file(files[i]))
			bad += !receive_directive(c, files[i]);
	for (size_t i = 0; i < n; i++)
		if (!is_directive_file(files[i]))
			bad += !receive_one(c, files[i], files, (int)n);
	for (size_t i = 0; i < n; i++)
		free(files[i]);
	free(files);
	return bad ? EXIT_FAIL : EXIT_OK;
}
