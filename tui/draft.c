/*
 * draft.c: the text being typed, kept on disk at every change.
 *
 * One draft per directive and unit under $XDG_STATE_HOME/dvk/drafts (and
 * one of a reviewer's comment, naming the reviewed unit), so
 * a dropped SSH link or a killed terminal loses nothing: the next start
 * offers it back.  Each change is a write to a temp file and a rename;
 * fsync at most every two seconds (a slow disk must not make typing
 * lag), and always when asked (hang-up, exit).
 */
#include "tui/app.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define DRAFT_MAGIC "dvk-draft/1\n"

static char *draft_dir(const struct app *a)
{
	return xasprintf("%s/drafts/%s", a->cfg->state_dir, a->d->id);
}

/* The unit's own draft, or in the reviewer view the reviewer's draft of
 * a comment (which names the reviewed unit inside). */
static char *draft_path(const struct app *a)
{
	char *dir = draft_dir(a);
	char *p = a->review_dir ? xasprintf("%s/review.txt", dir)
				: xasprintf("%s/%s.txt", dir, a->cfg->unit);
	free(dir);
	return p;
}

void draft_save(const struct app *a, const struct editor *e, bool sync)
{
	static struct timespec last_sync;
	if (!e->item || !e->field || !a->cfg->state_dir)
		return;
	struct dvk_error err;
	char *dir = draft_dir(a);
	if (!config_mkdirs(dir, &err)) {
		free(dir);
		return;
	}
	free(dir);
	char *path = draft_path(a);
	char *tmp = xasprintf("%s.tmp", path);
	struct buf b = {0};
	buf_adds(&b, DRAFT_MAGIC);
	if (a->review_dir && a->st)
		buf_printf(&b, "unit: %s\n", a->st->unit);
	buf_printf(&b, "item: %s\nfield: %s\n\n", e->item, e->field);
	buf_add(&b, e->text.data ? e->text.data : "", e->text.len);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd >= 0) {
		size_t off = 0;
		while (off < b.len) {
			ssize_t w = write(fd, b.data + off, b.len - off);
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				break;
			off += (size_t)w;
		}
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (sync || now.tv_sec - last_sync.tv_sec >= 2) {
			fsync(fd);
			last_sync = now;
		}
		close(fd);
		if (off == b.len)
			rename(tmp, path);
		else
			unlink(tmp);
	}
	buf_free(&b);
	free(tmp);
	free(path);
}

bool draft_load(const struct app *a, char **unit, char **item, char **field, char **text)
{
	if (!a->cfg->state_dir)
		return false;
	char *path = draft_path(a);
	FILE *f = fopen(path, "rb");
	free(path);
	if (!f)
		return false;
	struct buf b = {0};
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	bool ok = false;
	const char *s = b.data ? b.data : "";
	*unit = NULL;
	if (!strncmp(s, DRAFT_MAGIC, strlen(DRAFT_MAGIC))) {
		s += strlen(DRAFT_MAGIC);
		const char *l0 = strchr(s, '\n');
		if (l0 && !strncmp(s, "unit: ", 6)) {
			*unit = xstrndup(s + 6, (size_t)(l0 - s - 6));
			s = l0 + 1;
		}
		const char *l1 = strchr(s, '\n');
		const char *l2 = l1 ? strchr(l1 + 1, '\n') : NULL;
		if (l1 && l2 && !strncmp(s, "item: ", 6) && !strncmp(l1 + 1, "field: ", 7) &&
		    l2[1] == '\n') {
			*item = xstrndup(s + 6, (size_t)(l1 - s - 6));
			*field = xstrndup(l1 + 8, (size_t)(l2 - l1 - 8));
			*text = xstrdup(l2 + 2);
			/* a review draft only in the reviewer view, and the
			 * other way round */
			ok = directive_item(a->d, *item) != NULL && !*unit == !a->review_dir;
			if (!ok) {
				free(*item);
				free(*field);
				free(*text);
			}
		}
	}
	if (!ok) {
		free(*unit);
		*unit = NULL;
	}
	buf_free(&b);
	return ok;
}

void draft_remove(const struct app *a)
{
	if (!a->cfg->state_dir)
		return;
	char *path = draft_path(a);
	unlink(path);
	free(path);
}
