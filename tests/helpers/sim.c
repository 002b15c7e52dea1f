/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/* sim.c: see sim.h. */
#include "tests/helpers/sim.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

uint64_t sim_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

unsigned sim_below(uint64_t *s, unsigned n)
{
	return n ? (unsigned)(sim_next(s) % n) : 0;
}

void sim_random(unsigned char *buf, size_t n, void *arg)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = (unsigned char)sim_next(arg);
}

static int sim_idcmp(const void *a, const void *b)
{
	return event_id_cmp(a, b);
}

void sim_set_unit(struct state *st, const char *field, const char *value)
{
	const struct event **heads;
	size_t n = checklist_heads(st->cl, UNIT_ITEM, field, &heads);
	struct event_id *pred = calloc(n + 1, sizeof *pred);
	uint64_t seed = 1469598103934665603ULL;
	struct hlc clock = { 0, 0 };
	struct edit_ctx ctx = { .random = sim_random, .random_arg = &seed, .clock = &clock };
	struct event e = { .item = UNIT_ITEM, .field = field, .value = value, .by = "sim",
			   .replica = "sim-0000", .at = 1, .pred = pred };
	const char *parts[] = { st->unit, field, value };

	for (size_t k = 0; k < ARRAY_LEN(parts); k++)
		for (const char *p = parts[k]; *p; p++)
			seed = (seed ^ (unsigned char)*p) * 1099511628211ULL;
	for (size_t i = 0; i < n; i++) {
		pred[e.npred++] = heads[i]->id;
		seed = (seed ^ heads[i]->id.b[9]) * 1099511628211ULL;
		if (heads[i]->gen + 1 > e.gen)
			e.gen = heads[i]->gen + 1;
	}
	qsort(pred, e.npred, sizeof *pred, sim_idcmp);
	e.id = checklist_new_id(&ctx);
	checklist_add(st->cl, &e);
	free(pred);
	free(heads);
}

const struct directive *sim_directive(void)
{
	static struct directive *d;
	struct dvk_error err;

	if (!d) {
		d = directive_builtin(&err);
		if (!d) {
			fprintf(stderr, "built-in directive: %s\n", err.message);
			abort();
		}
	}
	return d;
}

/* Each test runs in a process of its own, and the laptop's journal
 * (XDG_STATE_HOME/dvk/journal) is per unit, not per data folder: the
 * first folder a test makes also gives it a state folder of its own, so
 * that no test's `dvk set` joins in another test's edits. */
static void own_state_home(const char *base)
{
	static bool done;
	char *t;

	if (done)
		return;
	done = true;
	t = xasprintf("%s/dvk-state-XXXXXX", base);
	if (!mkdtemp(t))
		abort();
	setenv("XDG_STATE_HOME", t, 1);
	free(t);
}

char *sim_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *t = xasprintf("%s/dvk-test-XXXXXX", base && *base ? base : "/tmp");

	if (!mkdtemp(t))
		abort();
	own_state_home(base && *base ? base : "/tmp");
	return t;
}

void sim_write(const char *path, const char *bytes, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(bytes, 1, len, f) != len || fclose(f) != 0)
		abort();
}

char *sim_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b = {0};
	char chunk[65536];
	size_t n;

	if (!f)
		return NULL;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	if (len)
		*len = b.len;
	return buf_steal(&b);
}

int sim_run(char **out, const char *fmt, ...)
{
	struct buf cmd = {0}, res = {0};
	const char *bin = getenv("DVK_BIN");
	char chunk[4096];
	va_list ap;
	FILE *p;
	size_t n;
	int st;

	/* Suites compare English output; a test of the Vietnamese CLI
	 * unsets or sets DVK_LANG in its command. */
	buf_printf(&cmd, "DVK_BIN='%s'; DVK_LANG=en; export DVK_LANG; ", bin && *bin ? bin : "build/dvk");
	/* $DVK runs dvk as a laptop of its own per data folder given with
	 * --data: a test that plays two laptops with two folders must not
	 * have them share one journal, replica id and clock. */
	buf_adds(&cmd, "dvk_laptop() { _dvk_d=; _dvk_p=; for _dvk_a in \"$@\"; do "
		       "case $_dvk_p in --data) _dvk_d=$_dvk_a ;; esac; "
		       "case $_dvk_a in --data=*) _dvk_d=${_dvk_a#--data=} ;; esac; _dvk_p=$_dvk_a; done; "
		       "if [ -n \"$_dvk_d\" ]; then _dvk_d=$(cd \"$_dvk_d\" 2>/dev/null && pwd || "
		       "{ case $_dvk_d in /*) echo \"$_dvk_d\" ;; *) echo \"$PWD/$_dvk_d\" ;; esac; }); "
		       "XDG_STATE_HOME=\"$_dvk_d.laptop\" \"$DVK_BIN\" \"$@\"; else \"$DVK_BIN\" \"$@\"; fi; }; "
		       "DVK=dvk_laptop; ");
	va_start(ap, fmt);
	buf_vprintf(&cmd, fmt, ap);
	va_end(ap);
	p = popen(cmd.data, "r");
	if (!p)
		abort();
	while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
		buf_add(&res, chunk, n);
	st = pclose(p);
	buf_free(&cmd);
	if (out)
		*out = buf_steal(&res);
	else
		buf_free(&res);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}
