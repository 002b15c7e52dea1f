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

int verb_export(struct cli *c, int argc, char **argv)
{
	const struct verb *v = c->verb;
	const char *dir;
	char *own = NULL, *target = NULL, *bytes = NULL, *back = NULL;
	struct state *st = NULL, *there = NULL;
	struct dvk_error err;
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
		cli_fail("%s: no such folder (is the stick mounted?)", dir);
		return EXIT_FAIL;
	}
	if (!(own = cli_own_path(c)))
		return EXIT_FAIL;
	dvk_error_clear(&err);
	if (!store_exists(own)) {
		cli_fail("nothing to export yet: %s does not exist (record some progress first)", own);
		goto out;
	}
	if (!(st = cli_load_state(c, own, false)))
		goto out;
	target = xasprintf("%s/%s%s", dir, st->unit, STATE_SUFFIX);
	/* The stick may already carry this unit's file, from a colleague's
	 * laptop: join it rather than overwrite it, so the stick never loses
	 * anything either. */
	if (store_exists(target)) {
		size_t before = checklist_count(st->cl);

		there = store_load(target, c->dir, &err);
		if (!there) {
			cli_error(&err);
			cli_fail("%s is there already and cannot be read; move it away first", target);
			goto out;
		}
		if (!state_join(st, there, &err)) {
			cli_fail("%s is there already, for another unit: %s", target, err.message);
			goto out;
		}
		extra = checklist_count(st->cl) - before;
	}
	if (!(bytes = store_emit_checked(st, c->dir, target, &len, &err)) ||
	    !store_write_atomic(target, bytes, len, &err)) {
		cli_error(&err);
		goto out;
	}
	if (sync_dir(dir) != 0) {
		cli_fail("%s: cannot flush the stick: %s; do not remove it, try again", dir, strerror(errno));
		goto out;
	}
	back = read_back(target, &backlen);
	if (!back) {
		cli_fail("%s: cannot read the file back: %s; do not trust this copy", target, strerror(errno));
		goto out;
	}
	if (backlen != len || memcmp(back, bytes, len) != 0) {
		cli_fail("%s: the file read back differs from what was written: the stick may be "
			 "failing; export again or use another stick", target);
		goto out;
	}
	printf("wrote ");
	cli_put(stdout, target);
	printf(" (%zu entries, %zu conflicting values) and read it back: identical.\n", checklist_count(st->cl),
	       checklist_conflict_count(st->cl));
	if (extra)
		printf("It already held %zu entr%s this laptop lacks: run `dvk receive %s` to take them in.\n",
		       extra, extra == 1 ? "y" : "ies", cli_safe(target));
	printf("It is safe to remove the stick.\n");
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

/* Join one received file; prints its outcome.  Returns 1 on success. */
static int receive_one(struct cli *c, const char *file)
{
	struct dvk_error err;
	struct state *st, *after = NULL;
	char *main_path;
	bool existed;
	size_t gained = 0;
	int ok = 0;

	dvk_error_clear(&err);
	st = store_load(file, c->dir, &err);
	if (!st) {
		cli_error(&err);
		return 0;
	}
	main_path = store_path(c->cfg.data_dir, st->directive, st->unit);
	existed = store_exists(main_path);
	if (!store_merge_into(main_path, st, c->dir, &gained, &err)) {
		cli_error(&err);
		goto out;
	}
	if (!(after = store_load(main_path, c->dir, &err))) {
		cli_error(&err);
		goto out;
	}
	if (!checklist_subset(st->cl, after->cl)) {
		cli_fail("%s: after joining, some of its entries are missing from %s (keep the file "
			 "and report this)", file, main_path);
		goto out;
	}
	cli_put(stdout, file);
	printf(": unit ");
	cli_put(stdout, st->unit);
	if (after->unit_name) {
		printf(" (");
		cli_put(stdout, after->unit_name);
		printf(")");
	}
	if (!gained)
		printf(": nothing new");
	else
		printf(": %zu new entr%s %s ", gained, gained == 1 ? "y" : "ies",
		       existed ? "into" : "in new file");
	if (gained)
		cli_put(stdout, main_path);
	if (checklist_conflict_count(after->cl))
		printf("; %zu conflicting value%s to settle", checklist_conflict_count(after->cl),
		       checklist_conflict_count(after->cl) == 1 ? "" : "s");
	printf("; nothing lost\n");
	cli_clock_warning(file, checklist_max_at(st->cl));
	cli_revision_warning(file, st, c->dir);
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
	for (int i = 0; i < argc; i++)
		bad += !receive_one(c, argv[i]);
	return bad ? EXIT_FAIL : EXIT_OK;
}
