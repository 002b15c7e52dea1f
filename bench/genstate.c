/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * genstate.c: make realistic state files for the benchmark.
 *
 *   genstate OUT EVENTS UNIT SEED
 *   genstate -m DIR COUNT EVENTS SEED    COUNT files DIR/xa-NNNN.dvk.yaml
 *   genstate -n EVENTS SEED              build EVENTS in memory only, and
 *                                        print "built N events in MS ms"
 *                                        (a million is more than a file may
 *                                        hold, but not more than the engine)
 *
 * Edits are what people do: statuses moved along (each naming the head it
 * replaces), notes written and rewritten, activity records with typed
 * evidence, the odd not-applicable with its reason, from three laptops.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store.h"

static uint64_t rng;
/* Up to an hour between edits; less in a big file, so that its newest
 * edit is still in the past (2023 to about 2024: no laptop's date looks
 * wrong next to it, and the TUI says nothing about clocks). */
static int64_t step_max = 3600000;

static uint64_t next(void)
{
	uint64_t z = (rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void rnd(unsigned char *buf, size_t n, void *arg)
{
	(void)arg;
	for (size_t i = 0; i < n; i++)
		buf[i] = (unsigned char)next();
}

static const char *notes[] = {
	"Đã tổ chức hội nghị quán triệt, có 45 người tham dự.",
	"Chưa có kinh phí; đề nghị huyện hỗ trợ.",
	"Đã ban hành kế hoạch số 12/KH-UBND.\nPhân công cán bộ phụ trách từng thôn.",
	"Tổ chức đối thoại với Nhân dân tại nhà văn hóa thôn Đông.",
	"Đã tiếp 12 lượt công dân; giải quyết xong 10 đơn.",
};

static void edit(struct state *st, const struct directive *d, struct edit_ctx *ctx)
{
	const struct item *it = &d->items[next() % d->nitems];
	struct dvk_error err;
	struct assignment a[2];
	char val[64], field[64];
	size_t n = 1;
	unsigned k = (unsigned)(next() % 10);

	if (k < 4) {
		static const char *s[] = { "in-progress", "done", "todo", "done" };
		a[0] = (struct assignment){ "status", s[next() % 4] };
	} else if (k < 6) {
		a[0] = (struct assignment){ "note", notes[next() % 5] };
	} else if (k < 9 && it->nevidence) {
		char *rid = checklist_new_rid(ctx);
		const struct evidence_field *f = &it->evidence[next() % it->nevidence];

		snprintf(field, sizeof field, "activity.%s.%s", rid, f->key);
		free(rid);
		if (f->type == EVIDENCE_DATE)
			snprintf(val, sizeof val, "2023-%02u-%02u", (unsigned)(next() % 12) + 1,
				 (unsigned)(next() % 28) + 1);
		else if (f->type == EVIDENCE_COUNT)
			snprintf(val, sizeof val, "%u", (unsigned)(next() % 500) + 1);
		else
			snprintf(val, sizeof val, "Văn bản số %u/UBND", (unsigned)(next() % 900) + 1);
		a[0] = (struct assignment){ field, val };
	} else {
		a[0] = (struct assignment){ "status", "not-applicable" };
		a[1] = (struct assignment){ "reason", "Địa phương không có đối tượng này." };
		n = 2;
	}
	ctx->now += 1000 + (int64_t)(next() % (uint64_t)step_max);
	if (checklist_apply(st->cl, d, it->id, a, n, ctx, &err) < 0) {
		fprintf(stderr, "genstate: %s\n", err.message);
		exit(1);
	}
}

/* The state of unit after edits up to events events (caller frees). */
static struct state *build(size_t events, const char *unit, uint64_t seed, const struct directive *d)
{
	static const char *who[] = { "Lê Thị Hạnh", "Trần Văn Minh", "Nguyễn Thị Lan" };
	static const char *laptops[] = { "hanh-x220", "minh-t430", "lan-e5450" };
	struct state *st = state_new(d->id, unit);
	struct hlc clock = { 0, 0 };

	rng = seed;
	step_max = 3600000;
	if (events && 600LL * 86400000 / (int64_t)events < step_max)
		step_max = 600LL * 86400000 / (int64_t)events;
	{
		/* the unit's name is an event of the unit (PLAN decision 4) */
		char *name = xasprintf("UBND xã %s", unit);
		struct assignment a = { UNIT_NAME, name };
		struct edit_ctx ctx = { who[0], laptops[0], &clock, 1678838400000LL, rnd, NULL };
		struct dvk_error err;

		if (checklist_apply(st->cl, d, UNIT_ITEM, &a, 1, &ctx, &err) < 0) {
			fprintf(stderr, "genstate: %s\n", err.message);
			exit(1);
		}
		free(name);
	}
	while (checklist_count(st->cl) < events) {
		unsigned w = (unsigned)(next() % 3);
		struct edit_ctx ctx = { who[w], laptops[w], &clock, 1678838400000LL, rnd, NULL };

		ctx.now = clock.l ? clock.l : ctx.now;
		edit(st, d, &ctx);
	}
	return st;
}

static void make(const char *out, size_t events, const char *unit, uint64_t seed,
		 const struct directive *d)
{
	struct state *st = build(events, unit, seed, d);
	struct dvk_error err;
	size_t len;
	char *bytes = store_emit(st, d, &len);

	if (!store_write_atomic(out, bytes, len, &err)) {
		fprintf(stderr, "genstate: %s: %s\n", out, err.message);
		exit(1);
	}
	free(bytes);
	state_free(st);
}

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
	struct dvk_error err;
	struct directive *d = directive_builtin(&err);

	if (!d) {
		fprintf(stderr, "genstate: %s\n", err.message);
		return 1;
	}
	if (argc == 4 && strcmp(argv[1], "-n") == 0) {
		double t0 = now_ms();
		size_t events = strtoul(argv[2], NULL, 10);
		struct state *st = build(events, "xa-b", strtoull(argv[3], NULL, 10), d);

		printf("built %zu events in %.0f ms\n", checklist_count(st->cl), now_ms() - t0);
		state_free(st);
	} else if (argc == 6 && strcmp(argv[1], "-m") == 0) {
		int count = atoi(argv[3]);

		for (int i = 0; i < count; i++) {
			char unit[32], *path;

			snprintf(unit, sizeof unit, "xa-%04d", i);
			path = xasprintf("%s/%s" STATE_SUFFIX, argv[2], unit);
			make(path, strtoul(argv[4], NULL, 10), unit, strtoull(argv[5], NULL, 10) + (uint64_t)i, d);
			free(path);
		}
	} else if (argc == 5) {
		make(argv[1], strtoul(argv[2], NULL, 10), argv[3], strtoull(argv[4], NULL, 10), d);
	} else {
		fprintf(stderr, "usage: genstate OUT EVENTS UNIT SEED | genstate -m DIR COUNT EVENTS SEED"
			" | genstate -n EVENTS SEED\n");
		return 2;
	}
	directive_free(d);
	return 0;
}
