/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_report.c: reviewing many units: `dvk report` in every format, the
 * report draft, `dvk review` and `dvk diff`.
 *
 * The fixture is 200 unit files made here with the store API: varied
 * progress, activities with counts, dates and documents, some items not
 * applicable with reasons, a few conflicts, sync-conflict copies, names in
 * Vietnamese (some NFD, two with escape sequences), parents among four
 * districts.  While it writes them, the generator keeps its own model of
 * what it wrote; every expected figure is computed from that model, never
 * through report/.  The real build/dvk is run on the files, and its JSON
 * and CSV are read back with python3's json and csv modules.
 *
 * DVK_BENCH=1 enables the benchmark (1,000 files of ~200 events); it
 * prints its timing and asserts nothing about it.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <uninorm.h>

#include "report/report.h"
#include "tests/helpers/sim.h"
#include "text/text.h"

#define NUNITS 200
#define MAX_ITEMS 64
#define MAX_EV 8
#define DIRID "thanh-hoa-dvk-2023"
#define T0 1678000000000LL /* 2023-03-05 */

/* Items nobody touches: they must show up under II and III. */
static const char *const never[] = { "8.2", "9.3" };

static const char *const places[] = {
	"Quảng Hòa", "Đông Sơn", "Thiệu Hóa", "Hoằng Phụ", "Nga Sơn", "Ấm Thượng",
	"Yên Định", "Bá Thước", "Cẩm Thủy", "Lang Chánh", "Ngọc Lặc", "Thọ Xuân",
};

static const char *const districts[] = { "huyen-dong-son", "huyen-tho-xuan", "huyen-nga-son",
					  "tp-thanh-hoa" };

struct m_act {
	size_t item;
	const char *vals[MAX_EV]; /* borrowed from the state's events */
};

struct m_unit {
	char id[16];
	char *name;   /* as expected on output: NFC */
	const char *parent;
	enum status st[MAX_ITEMS];
	struct m_act *acts;
	size_t nacts;
	size_t nconflicts;
	size_t nfiles;
	struct state *state;
};

struct fixture {
	char *dir;  /* the folder given to dvk report */
	struct m_unit u[NUNITS];
};

static struct fixture fx;

/* ------------------------------------------------------------------ */
/* Generating                                                          */
/* ------------------------------------------------------------------ */

static char *nfd(const char *s)
{
	size_t len = 0;
	uint8_t *r = u8_normalize(UNINORM_NFD, (const uint8_t *)s, strlen(s), NULL, &len);
	char *out = xstrndup((const char *)r, len);

	free(r);
	return out;
}

static bool is_never(const char *id)
{
	for (size_t i = 0; i < ARRAY_LEN(never); i++)
		if (strcmp(id, never[i]) == 0)
			return true;
	return false;
}

/* True if s holds a control character other than a line break. */
static bool has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 && *s != '\n')
			return true;
	return false;
}

/* Apply an edit.  dvk refuses control characters in what people type, but
 * old or hand-made files hold them, and reports must show them harmlessly:
 * such a value is applied as a stand-in to a copy of the set, and the
 * events made there are added with the real value. */
static void apply_ok(struct state *st, const char *item, const struct assignment *as, size_t n,
		     struct edit_ctx *ctx)
{
	struct dvk_error err;
	struct assignment safe[16];
	const char *standin = "stand-in for a value with control characters";
	struct checklist *tmp = checklist_new();
	size_t before;
	int added;

	cr_assert(n <= ARRAY_LEN(safe));
	for (size_t i = 0; i < n; i++)
		safe[i] = (struct assignment){ as[i].field, has_control(as[i].value) ? standin : as[i].value };
	ctx->now += 60000;
	checklist_join(tmp, st->cl);
	before = checklist_count(tmp);
	added = checklist_apply(tmp, sim_directive(), item, safe, n, ctx, &err);
	cr_assert(added >= 0, "apply %s: %s", item, err.message);
	for (size_t k = before; k < checklist_count(tmp); k++) {
		struct event e = *checklist_arrival(tmp, k);

		for (size_t i = 0; i < n; i++)
			if (safe[i].value == standin && strcmp(e.field, as[i].field) == 0)
				e.value = as[i].value;
		checklist_add(st->cl, &e);
	}
	checklist_free(tmp);
}

static char *evidence_value(const struct evidence_field *ef, uint64_t *seed, unsigned u)
{
	switch (ef->type) {
	case EVIDENCE_DATE:
		return xasprintf("2023-%02u-%02u", 1 + sim_below(seed, 12), 1 + sim_below(seed, 28));
	case EVIDENCE_COUNT:
		return xasprintf("%u", sim_below(seed, 500));
	default:
		if (u == 42)
			return xasprintf("Số 5/KH-UBND\x1b[2J\x07 của đơn vị %u", u);
		return xasprintf("Văn bản số %u/KH-UBND, “%s”", sim_below(seed, 900) + 1,
				 places[sim_below(seed, ARRAY_LEN(places))]);
	}
}

/* One activity record with most evidence fields filled. */
static void add_act(struct m_unit *mu, size_t item, struct edit_ctx *ctx, uint64_t *seed, unsigned u)
{
	const struct item *it = &sim_directive()->items[item];
	struct assignment as[MAX_EV];
	char *fields[MAX_EV], *vals[MAX_EV], *rid = checklist_new_rid(ctx);
	size_t n = 0;

	cr_assert(it->nevidence <= MAX_EV);
	for (size_t k = 0; k < it->nevidence; k++) {
		if (k > 0 && sim_below(seed, 5) == 0)
			continue; /* some fields left empty */
		fields[n] = xasprintf("activity.%s.%s", rid, it->evidence[k].key);
		vals[n] = evidence_value(&it->evidence[k], seed, u);
		as[n] = (struct assignment){ fields[n], vals[n] };
		n++;
	}
	apply_ok(mu->state, it->id, as, n, ctx);
	if (sim_below(seed, 12) == 0) {
		/* Deleted again: it must count nowhere. */
		char *del = xasprintf("activity.%s.deleted", rid);
		struct assignment d = { del, "yes" };

		apply_ok(mu->state, it->id, &d, 1, ctx);
		free(del);
	} else {
		struct m_act *a;

		mu->acts = xrealloc(mu->acts, (mu->nacts + 1) * sizeof *mu->acts);
		a = &mu->acts[mu->nacts++];
		memset(a, 0, sizeof *a);
		a->item = item;
		for (size_t k = 0; k < it->nevidence; k++) {
			char *f = xasprintf("activity.%s.%s", rid, it->evidence[k].key);

			a->vals[k] = checklist_value(mu->state->cl, it->id, f, NULL);
			free(f);
		}
	}
	for (size_t i = 0; i < n; i++) {
		free(fields[i]);
		free(vals[i]);
	}
	free(rid);
}

/* Two laptops change the same field differently at once. */
static void add_conflict(struct m_unit *mu, size_t item, const char *field, const char *v1,
			 const char *v2, struct edit_ctx *ctx, uint64_t *seed)
{
	struct state *other = state_new(DIRID, mu->id);
	struct hlc clock2 = { 0, 0 };
	struct edit_ctx ctx2 = *ctx;
	struct assignment a1 = { field, v1 }, a2 = { field, v2 };
	const char *id = sim_directive()->items[item].id;

	ctx2.replica = "may-khac";
	ctx2.by = "Trần Văn Minh";
	ctx2.clock = &clock2;
	ctx2.random_arg = seed;
	checklist_join(other->cl, mu->state->cl);
	apply_ok(mu->state, id, &a1, 1, ctx);
	apply_ok(other, id, &a2, 1, &ctx2);
	checklist_join(mu->state->cl, other->cl);
	state_free(other);
	mu->nconflicts++;
}

static void write_state(const struct state *st, const char *path)
{
	size_t len;
	char *bytes = store_emit(st, sim_directive(), &len);

	sim_write(path, bytes, len);
	free(bytes);
}

/* Split a unit's events between its main file and a sync copy that
 * overlap: only their join is the whole unit. */
static void write_split(struct m_unit *mu, const char *dir, const char *copy_name)
{
	struct state *a = state_new(DIRID, mu->id), *b = state_new(DIRID, mu->id);
	const struct checklist *cl = mu->state->cl;
	char *pa = xasprintf("%s/%s.dvk.yaml", dir, mu->id), *pb = xasprintf("%s/%s", dir, copy_name);

	/* the name and parent are events of the unit: only in the main file,
	 * the name in both */
	sim_set_unit(b, UNIT_NAME, state_unit_name(mu->state, NULL));
	const struct event *const *ev = checklist_events(cl);
	size_t n = checklist_count(cl);

	for (size_t i = 0; i < n; i++) {
		if (i < n / 2 + 3 || checklist_item_reserved(ev[i]->item))
			checklist_add(a->cl, ev[i]);
		if (i + 3 >= n / 2)
			checklist_add(b->cl, ev[i]);
	}
	write_state(a, pa);
	write_state(b, pb);
	mu->nfiles = 2;
	state_free(a);
	state_free(b);
	free(pa);
	free(pb);
}

static void gen_unit(unsigned u, const char *dir)
{
	const struct directive *d = sim_directive();
	struct m_unit *mu = &fx.u[u];
	uint64_t seed = 1000 + u;
	struct hlc clock = { 0, 0 };
	struct edit_ctx ctx = { .by = "Lê Thị Hạnh", .clock = &clock, .now = T0 + (int64_t)u * 3600000,
				.random = sim_random, .random_arg = &seed };
	char replica[32], *name;
	int todo_item = -1;

	snprintf(mu->id, sizeof mu->id, "xa-%03u", u);
	snprintf(replica, sizeof replica, "may-%03u", u);
	ctx.replica = replica;
	mu->state = state_new(DIRID, mu->id);
	if (u == 17)
		name = xasprintf("UBND xã \x1b[31mĐỏ\x1b[0m %u", u);
	else if (u == 18)
		name = xasprintf("Xã Chuông\a %u", u);
	else
		name = xasprintf("UBND xã %s %u", places[u % ARRAY_LEN(places)], u);
	mu->name = text_nfc(name);
	{
		char *given = u % 3 == 0 ? nfd(name) : xstrdup(name);

		sim_set_unit(mu->state, UNIT_NAME, given);
		free(given);
	}
	free(name);
	mu->parent = u % 37 == 36 ? NULL : districts[u % ARRAY_LEN(districts)];
	if (mu->parent)
		sim_set_unit(mu->state, UNIT_PARENT, mu->parent);
	mu->nfiles = 1;
	for (size_t i = 0; i < d->nitems; i++) {
		const struct item *it = &d->items[i];
		unsigned r = sim_below(&seed, 100);
		/* Later units are further along: progress varies widely. */
		unsigned bias = u / 4;

		mu->st[i] = STATUS_TODO;
		if (is_never(it->id))
			continue;
		if (r < 5) {
			struct assignment as[] = { { "status", "not-applicable" },
						   { "reason", "Địa phương không có đối tượng" } };

			apply_ok(mu->state, it->id, as, 2, &ctx);
			mu->st[i] = STATUS_NA;
		} else if (r < 5 + bias / 2 + 15) {
			struct assignment as[] = { { "status", "done" }, { "note", "Đã thực hiện xong" } };

			apply_ok(mu->state, it->id, as, 2, &ctx);
			mu->st[i] = STATUS_DONE;
		} else if (r < 5 + bias / 2 + 40) {
			struct assignment as = { "status", "in-progress" };

			apply_ok(mu->state, it->id, &as, 1, &ctx);
			mu->st[i] = STATUS_IN_PROGRESS;
		} else if (r < 80) {
			struct assignment as = { "status", "todo" };

			apply_ok(mu->state, it->id, &as, 1, &ctx);
		}
		if (mu->st[i] == STATUS_TODO && todo_item < 0 && i > 0 && !is_never(it->id))
			todo_item = (int)i;
		if (mu->st[i] == STATUS_DONE || mu->st[i] == STATUS_IN_PROGRESS)
			for (unsigned k = sim_below(&seed, 3); k > 0; k--)
				add_act(mu, i, &ctx, &seed, u);
	}
	if (u % 25 == 3 && todo_item >= 0) {
		add_conflict(mu, (size_t)todo_item, "status", "done", "in-progress", &ctx, &seed);
		mu->st[todo_item] = STATUS_CONFLICT;
	}
	if (u % 25 == 7)
		add_conflict(mu, 0, "note", "Ghi chú máy một", "Ghi chú máy hai", &ctx, &seed);
	if (u % 50 == 5) {
		char *copy = xasprintf("%s.dvk.sync-conflict-20230314-101500-ABCDEFG.yaml", mu->id);

		write_split(mu, dir, copy);
		free(copy);
	} else if (u % 50 == 30) {
		char *copy = xasprintf("%s (Lan's conflicted copy 2023-03-14).dvk.yaml", mu->id);

		write_split(mu, dir, copy);
		free(copy);
	} else {
		char *path = xasprintf("%s/%s.dvk.yaml", dir, mu->id);

		write_state(mu->state, path);
		free(path);
	}
}

static void gen(void)
{
	char *sub, *hidden, *path;
	struct state *other;

	memset(&fx, 0, sizeof fx);
	fx.dir = sim_tmpdir();
	sub = xasprintf("%s/%s", fx.dir, DIRID);
	cr_assert_eq(mkdir(sub, 0755), 0);
	for (unsigned u = 0; u < NUNITS; u++)
		gen_unit(u, sub);
	/* Skipped with a warning: another directive's file. */
	other = state_new("ha-noi-2024", "xa-khac");
	path = xasprintf("%s/xa-khac.dvk.yaml", fx.dir);
	write_state(other, path);
	free(path);
	state_free(other);
	/* Never read: dvk's backups live in a hidden folder. */
	hidden = xasprintf("%s/.dvk-backups", sub);
	cr_assert_eq(mkdir(hidden, 0755), 0);
	other = state_new(DIRID, "xa-sao-luu");
	path = xasprintf("%s/xa-sao-luu.dvk.yaml", hidden);
	write_state(other, path);
	free(path);
	state_free(other);
	free(hidden);
	free(sub);
}

static void gen_free(void)
{
	for (unsigned u = 0; u < NUNITS; u++) {
		free(fx.u[u].name);
		free(fx.u[u].acts);
		state_free(fx.u[u].state);
	}
	free(fx.dir);
}

/* ------------------------------------------------------------------ */
/* The model's figures                                                 */
/* ------------------------------------------------------------------ */

struct counts {
	unsigned total, done, na, inprog, conflict;
};

static void count(struct counts *c, enum status s)
{
	c->total++;
	c->done += s == STATUS_DONE;
	c->na += s == STATUS_NA;
	c->inprog += s == STATUS_IN_PROGRESS;
	c->conflict += s == STATUS_CONFLICT;
}

static struct counts unit_counts(const struct m_unit *mu, long section)
{
	const struct directive *d = sim_directive();
	struct counts c = { 0 };

	for (size_t i = 0; i < d->nitems; i++)
		if (section < 0 || d->items[i].section == (size_t)section)
			count(&c, mu->st[i]);
	return c;
}

static unsigned pct(const struct counts *c)
{
	unsigned app = c->total - c->na;

	/* Half up, as a person rounds: 2/3 is 67 %. */
	return app ? (c->done * 200 + app) / (2 * app) : 0;
}

static unsigned long long sum_key(const struct m_unit *mu, const char *key)
{
	const struct directive *d = sim_directive();
	unsigned long long s = 0;

	for (size_t a = 0; a < mu->nacts; a++) {
		const struct item *it = &d->items[mu->acts[a].item];

		for (size_t k = 0; k < it->nevidence; k++)
			if (strcmp(it->evidence[k].key, key) == 0 && mu->acts[a].vals[k])
				s += strtoull(mu->acts[a].vals[k], NULL, 10);
	}
	return s;
}

static unsigned long long sum_all(const char *key)
{
	unsigned long long s = 0;

	for (unsigned u = 0; u < NUNITS; u++)
		s += sum_key(&fx.u[u], key);
	return s;
}

/* ------------------------------------------------------------------ */
/* Running dvk and reading its output                                  */
/* ------------------------------------------------------------------ */

#define ENV "export DVK_DATA='%s/data' DVK_USER='Nguyễn Văn Rà Soát'; "

static char *run_ok(const char *args)
{
	char *out;
	/* Vietnamese, the default language: the words of a report are
	 * checked below; tests that read CSV keys pass --lang en. */
	int st = sim_run(&out, ENV "DVK_LANG=vi $DVK report %s '%s' 2>'%s/stderr'", fx.dir, args, fx.dir,
			 fx.dir);

	cr_assert_eq(st, 0, "dvk report %s exited %d", args, st);
	return out;
}

static char *save_tmp(const char *name, const char *bytes)
{
	char *path = xasprintf("%s/%s", fx.dir, name);

	sim_write(path, bytes, strlen(bytes));
	return path;
}

static const char json_py[] =
	"import json, sys\n"
	"r = json.load(open(sys.argv[1], encoding='utf-8'))\n"
	"p = r['progress']\n"
	"print('ALL', r['files'], r['unit_count'], p['done'], p['applicable'], p['conflict'], p['not_applicable'])\n"
	"for s in r['sections']:\n"
	"    q = s['progress']; n = s['units']\n"
	"    print('SEC', s['id'], q['done'], q['applicable'], n['done'], n['in_progress'], n['not_started'], n['not_applicable'])\n"
	"for e in r['evidence']:\n"
	"    print('EV', e['key'], e['type'], e['values'], e.get('sum', 0), e.get('first') or '-', e.get('last') or '-')\n"
	"for u in r['units']:\n"
	"    q = u['progress']\n"
	"    print('UNIT', u['unit'], u['parent'] or '-', q['done'], q['applicable'], u['conflicts'], len(u['open_items']), u['evidence'].get('participants', 0), len(u['files']))\n"
	"for g in r['parents']:\n"
	"    q = g['progress']\n"
	"    print('PARENT', g['parent'] or '-', len(g['units']), q['done'], q['applicable'], g['evidence'].get('participants', 0), ' '.join('%d/%d' % (s['progress']['done'], s['progress']['applicable']) for s in g['sections']))\n"
	"print('NAME0', r['units'][0]['name'])\n";

static const char csv_py[] =
	"import csv, sys\n"
	"rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))\n"
	"h = rows[0]\n"
	"print('HEAD', len(h), len(rows) - 1)\n"
	"for r in rows[1:]:\n"
	"    assert len(r) == len(h), r\n"
	"    d = dict(zip(h, r))\n"
	"    print('ROW', d['unit'], d['percent_all'] or '-', d['done'], d['applicable'], d['open_conflicts'], d['participants'], ' '.join(d['percent_' + str(i)] or '-' for i in range(1, 10)))\n";

/* Run a python script on a file; returns its standard output. */
static char *py(const char *script, const char *name, const char *file)
{
	char *sp = save_tmp(name, script), *out;
	int st = sim_run(&out, "python3 '%s' '%s'", sp, file);

	cr_assert_eq(st, 0, "python3 %s failed on %s", name, file);
	free(sp);
	return out;
}

static const struct m_unit *unit_by_id(const char *id)
{
	for (unsigned u = 0; u < NUNITS; u++)
		if (strcmp(fx.u[u].id, id) == 0)
			return &fx.u[u];
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Tests                                                               */
/* ------------------------------------------------------------------ */

TestSuite(report, .init = gen, .fini = gen_free, .timeout = 120);

Test(report, json_totals_equal_an_independent_count)
{
	const struct directive *d = sim_directive();
	char *out = run_ok("--format json"), *path = save_tmp("r.json", out), *lines, *save = NULL;
	struct counts all = { 0 };
	size_t files = 0, nunit_lines = 0;

	free(out);
	lines = py(json_py, "j.py", path);
	for (unsigned u = 0; u < NUNITS; u++) {
		struct counts c = unit_counts(&fx.u[u], -1);

		all.total += c.total;
		all.done += c.done;
		all.na += c.na;
		all.conflict += c.conflict;
		files += fx.u[u].nfiles;
	}
	for (char *ln = strtok_r(lines, "\n", &save); ln; ln = strtok_r(NULL, "\n", &save)) {
		char tag[16], a[64], b[64], first[16], last[16];
		unsigned long long v[8];

		if (sscanf(ln, "ALL %llu %llu %llu %llu %llu %llu", &v[0], &v[1], &v[2], &v[3], &v[4],
			   &v[5]) == 6) {
			cr_expect_eq(v[0], files, "files %llu, expected %zu", v[0], files);
			cr_expect_eq(v[1], NUNITS);
			cr_expect_eq(v[2], all.done, "done %llu, expected %u", v[2], all.done);
			cr_expect_eq(v[3], all.total - all.na);
			cr_expect_eq(v[4], all.conflict);
			cr_expect_eq(v[5], all.na);
		} else if (sscanf(ln, "SEC %63s %llu %llu %llu %llu %llu %llu", a, &v[0], &v[1], &v[2],
				  &v[3], &v[4], &v[5]) == 7) {
			long s = -1;
			struct counts sc = { 0 };
			unsigned st[4] = { 0 };

			for (size_t k = 0; k < d->nsections; k++)
				if (strcmp(d->sections[k].id, a) == 0)
					s = (long)k;
			cr_assert(s >= 0);
			for (unsigned u = 0; u < NUNITS; u++) {
				struct counts c = unit_counts(&fx.u[u], s);
				unsigned app = c.total - c.na;

				sc.done += c.done;
				sc.total += c.total;
				sc.na += c.na;
				if (!app)
					st[3]++;
				else if (c.done == app)
					st[0]++;
				else if (!c.done && !c.inprog && !c.conflict)
					st[2]++;
				else
					st[1]++;
			}
			cr_expect_eq(v[0], sc.done, "section %s done", a);
			cr_expect_eq(v[1], sc.total - sc.na, "section %s applicable", a);
			cr_expect_eq(v[2], st[0], "section %s units done", a);
			cr_expect_eq(v[3], st[1], "section %s units in progress", a);
			cr_expect_eq(v[4], st[2], "section %s units not started", a);
			cr_expect_eq(v[5], st[3], "section %s units n/a", a);
		} else if (sscanf(ln, "EV %63s %15s %llu %llu %15s %15s", a, tag, &v[0], &v[1], first,
				  last) == 6) {
			if (strcmp(tag, "count") == 0)
				cr_expect_eq(v[1], sum_all(a), "sum of %s: %llu, expected %llu", a, v[1],
					     sum_all(a));
			if (strcmp(a, "date") == 0) {
				char lo[11] = "9999", hi[11] = "0000";

				for (unsigned u = 0; u < NUNITS; u++)
					for (size_t k = 0; k < fx.u[u].nacts; k++) {
						const char *dv = fx.u[u].acts[k].vals[0];

						if (strcmp(d->items[fx.u[u].acts[k].item].evidence[0].key, "date") ||
						    !dv)
							continue;
						if (strcmp(dv, lo) < 0)
							snprintf(lo, sizeof lo, "%s", dv);
						if (strcmp(dv, hi) > 0)
							snprintf(hi, sizeof hi, "%s", dv);
					}
				cr_expect_str_eq(first, lo);
				cr_expect_str_eq(last, hi);
			}
		} else if (sscanf(ln, "UNIT %63s %63s %llu %llu %llu %llu %llu %llu", a, b, &v[0], &v[1],
				  &v[2], &v[3], &v[4], &v[5]) == 8) {
			const struct m_unit *mu = unit_by_id(a);
			struct counts c;

			cr_assert(mu, "unknown unit %s in the report", a);
			c = unit_counts(mu, -1);
			nunit_lines++;
			cr_expect_str_eq(b, mu->parent ? mu->parent : "-");
			cr_expect_eq(v[0], c.done, "%s done", a);
			cr_expect_eq(v[1], c.total - c.na, "%s applicable", a);
			cr_expect_eq(v[2], mu->nconflicts, "%s conflicts %llu, expected %zu", a, v[2],
				     mu->nconflicts);
			cr_expect_eq(v[3], c.total - c.na - c.done, "%s open items", a);
			cr_expect_eq(v[4], sum_key(mu, "participants"), "%s participants", a);
			cr_expect_eq(v[5], mu->nfiles, "%s files", a);
		}
	}
	cr_expect_eq(nunit_lines, NUNITS);
	free(lines);
	free(path);
}

Test(report, csv_parses_with_one_row_per_unit_and_the_model_percentages)
{
	const struct directive *d = sim_directive();
	char *out = run_ok("--lang en --format csv"), *path, *lines, *save = NULL;
	size_t rows = 0;

	cr_assert(strncmp(out, "unit,unit_name,parent,", 22) == 0, "%.80s", out);
	cr_assert(strstr(out, "\r\n"), "RFC 4180 ends lines with CRLF");
	path = save_tmp("r.csv", out);
	free(out);
	lines = py(csv_py, "c.py", path);
	for (char *ln = strtok_r(lines, "\n", &save); ln; ln = strtok_r(NULL, "\n", &save)) {
		char id[64], all[16], secs[9][16];
		unsigned long long done, app, conf, part;
		int nh, nr;

		if (sscanf(ln, "HEAD %d %d", &nh, &nr) == 2) {
			cr_expect_eq(nr, NUNITS, "%d rows", nr);
			continue;
		}
		cr_assert_eq(sscanf(ln, "ROW %63s %15s %llu %llu %llu %llu %15s %15s %15s %15s %15s %15s "
				    "%15s %15s %15s",
				    id, all, &done, &app, &conf, &part, secs[0], secs[1], secs[2], secs[3],
				    secs[4], secs[5], secs[6], secs[7], secs[8]),
			     6 + 9, "%s", ln);
		const struct m_unit *mu = unit_by_id(id);
		struct counts c;
		char want[16];

		cr_assert(mu, "%s", id);
		c = unit_counts(mu, -1);
		snprintf(want, sizeof want, "%u", pct(&c));
		cr_expect_str_eq(all, want, "%s overall", id);
		cr_expect_eq(done, c.done);
		cr_expect_eq(app, c.total - c.na);
		cr_expect_eq(conf, mu->nconflicts);
		cr_expect_eq(part, sum_key(mu, "participants"));
		for (size_t s = 0; s < d->nsections; s++) {
			struct counts sc = unit_counts(mu, (long)s);

			if (sc.total == sc.na)
				snprintf(want, sizeof want, "-");
			else
				snprintf(want, sizeof want, "%u", pct(&sc));
			cr_expect_str_eq(secs[s], want, "%s section %zu", id, s + 1);
		}
		rows++;
	}
	cr_expect_eq(rows, NUNITS);
	free(lines);
	free(path);
}

Test(report, excel_csv_starts_with_the_bom)
{
	char *out = run_ok("--lang en --format csv --excel");

	cr_assert(strncmp(out, "\xEF\xBB\xBFunit,", 8) == 0);
	free(out);
	out = run_ok("--lang en --excel");
	cr_assert(strncmp(out, "\xEF\xBB\xBFunit,", 8) == 0);
	free(out);
	out = run_ok("--lang en --format csv");
	cr_assert(strncmp(out, "unit,", 5) == 0, "no BOM without --excel");
	free(out);
}

/* The matrix: from its header line to its total row, as lines of a
 * copy of out (the caller frees (*lines)[0] and *lines). */
static size_t matrix_lines(const char *out, const char *head, char ***lines)
{
	const char *at = strstr(out, head);
	char *p, *save = NULL;
	size_t n = 0;

	cr_assert(at, "no matrix header \"%s\"", head);
	p = xstrdup(at);
	*lines = xcalloc(NUNITS + 8, sizeof **lines);
	for (char *ln = strtok_r(p, "\n", &save); ln; ln = strtok_r(NULL, "\n", &save)) {
		(*lines)[n++] = ln;
		if (strncmp(ln, "Tổng cộng", strlen("Tổng cộng")) == 0 || n == NUNITS + 8)
			break;
	}
	return n;
}

Test(report, text_matrix_rows_all_have_the_same_display_width)
{
	char *out = run_ok(""), **lines;
	size_t n = matrix_lines(out, "Tên đơn vị ", &lines);
	int w = text_width(lines[0]);

	cr_expect_eq(n, NUNITS + 2, "%zu matrix lines", n);
	for (size_t i = 0; i < n; i++)
		cr_expect_eq(text_width(lines[i]), w, "line %zu is %d columns, header %d:\n%s\n%s", i,
			     text_width(lines[i]), w, lines[0], lines[i]);
	/* A name written in NFD comes out composed. */
	cr_expect(strstr(out, "\nUBND xã Hoằng Phụ 3 "), "NFD name not composed");
	free(lines[0]);
	free(lines);
	free(out);
}

Test(report, text_total_row_is_the_model_total)
{
	const struct directive *d = sim_directive();
	char *out = run_ok(""), **lines, want[512] = "", *got;
	size_t n = matrix_lines(out, "Tên đơn vị ", &lines);
	struct counts all = { 0 };

	for (size_t s = 0; s < d->nsections; s++) {
		struct counts sc = { 0 };

		for (unsigned u = 0; u < NUNITS; u++) {
			struct counts c = unit_counts(&fx.u[u], (long)s);

			sc.done += c.done;
			sc.total += c.total;
			sc.na += c.na;
		}
		snprintf(want + strlen(want), sizeof want - strlen(want), " %u%%", pct(&sc));
	}
	for (unsigned u = 0; u < NUNITS; u++) {
		struct counts c = unit_counts(&fx.u[u], -1);

		all.done += c.done;
		all.total += c.total;
		all.na += c.na;
	}
	snprintf(want + strlen(want), sizeof want - strlen(want), " %u%%", pct(&all));
	/* The total row's cells, padding squeezed out. */
	got = xcalloc(strlen(lines[n - 1]) + 1, 1);
	{
		char *row = xstrdup(lines[n - 1] + strlen("Tổng cộng")), *save = NULL, *tok;
		size_t k = 0;

		for (tok = strtok_r(row, " ", &save); tok && k <= d->nsections;
		     tok = strtok_r(NULL, " ", &save), k++) {
			strcat(got, " ");
			strcat(got, tok);
		}
		free(row);
	}
	cr_expect_str_eq(got, want);
	/* The evidence total in words. */
	snprintf(want, sizeof want, "Số người tham dự: %llu", sum_all("participants"));
	cr_expect(strstr(out, want), "no \"%s\"", want);
	free(got);
	free(lines[0]);
	free(lines);
	free(out);
}

Test(report, by_parent_sums_to_the_unit_totals)
{
	char *out = run_ok("--format json"), *path = save_tmp("p.json", out), *lines, *save = NULL;
	unsigned long long units = 0, done = 0, app = 0, part = 0, all_done = 0, all_app = 0;
	unsigned long long sec_done[16] = { 0 }, sec_app[16] = { 0 };
	size_t ngroups = 0;
	char *text_units, *text_parents, **lu, **lp;
	size_t nu, np;

	free(out);
	lines = py(json_py, "j.py", path);
	for (char *ln = strtok_r(lines, "\n", &save); ln; ln = strtok_r(NULL, "\n", &save)) {
		char id[64];
		unsigned long long v[5];
		int used = 0;

		if (sscanf(ln, "ALL %*u %*u %llu %llu", &all_done, &all_app) == 2)
			continue;
		if (sscanf(ln, "PARENT %63s %llu %llu %llu %llu%n", id, &v[0], &v[1], &v[2], &v[3],
			   &used) != 5)
			continue;
		ngroups++;
		units += v[0];
		done += v[1];
		app += v[2];
		part += v[3];
		for (size_t s = 0; s < 9; s++) {
			unsigned long long a, b;
			int k = 0;

			cr_assert_eq(sscanf(ln + used, " %llu/%llu%n", &a, &b, &k), 2);
			sec_done[s] += a;
			sec_app[s] += b;
			used += k;
		}
	}
	cr_expect_eq(ngroups, ARRAY_LEN(districts) + 1, "four districts and the units without one");
	cr_expect_eq(units, NUNITS);
	cr_expect_eq(done, all_done);
	cr_expect_eq(app, all_app);
	cr_expect_eq(part, sum_all("participants"));
	for (size_t s = 0; s < 9; s++) {
		struct counts sc = { 0 };

		for (unsigned u = 0; u < NUNITS; u++) {
			struct counts c = unit_counts(&fx.u[u], (long)s);

			sc.done += c.done;
			sc.total += c.total;
			sc.na += c.na;
		}
		cr_expect_eq(sec_done[s], sc.done, "section %zu", s + 1);
		cr_expect_eq(sec_app[s], sc.total - sc.na, "section %zu", s + 1);
	}
	/* And in text, the two matrices end in the same total row. */
	text_units = run_ok("");
	text_parents = run_ok("--by parent");
	nu = matrix_lines(text_units, "Tên đơn vị ", &lu);
	np = matrix_lines(text_parents, "Đơn vị cấp trên", &lp);
	cr_expect_eq(np, ARRAY_LEN(districts) + 1 + 2);
	{
		/* Compare the percent and conflict cells (the last differs:
		 * date vs number of units), squeezing padding. */
		char a[512] = "", b[512] = "";
		const char *sa = lu[nu - 1] + strlen("Tổng cộng"), *sb = lp[np - 1] + strlen("Tổng cộng");
		char *save2 = NULL, *tok;
		char *ca = xstrdup(sa), *cb = xstrdup(sb);
		int k = 0;

		for (tok = strtok_r(ca, " ", &save2); tok && k < 11; tok = strtok_r(NULL, " ", &save2), k++)
			strcat(a, tok), strcat(a, " ");
		k = 0;
		for (tok = strtok_r(cb, " ", &save2); tok && k < 11; tok = strtok_r(NULL, " ", &save2), k++)
			strcat(b, tok), strcat(b, " ");
		cr_expect_str_eq(a, b);
		free(ca);
		free(cb);
	}
	free(lu[0]);
	free(lu);
	free(lp[0]);
	free(lp);
	free(text_units);
	free(text_parents);
	free(lines);
	free(path);
}

/* 12345 → "12.345", as a Vietnamese document writes numbers. */
static char *grouped(unsigned long long v)
{
	char digits[32], out[48];
	size_t o = 0, len;

	snprintf(digits, sizeof digits, "%llu", v);
	len = strlen(digits);
	for (size_t i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			out[o++] = '.';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	return xstrdup(out);
}

Test(report, the_draft_has_four_parts_an_annex_and_the_same_figures)
{
	const struct directive *d = sim_directive();
	char *draft = run_ok("--draft"), *two, *three, *four, *annex, *one;
	char want[256];
	struct counts all = { 0 };
	unsigned long long part = sum_all("participants");

	cr_assert(strstr(draft, "**BÁO CÁO**"), "%.600s", draft);
	cr_assert(strstr(draft, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
	cr_assert(strstr(draft, "Độc lập - Tự do - Hạnh phúc"));
	one = strstr(draft, "## I. KẾT QUẢ THỰC HIỆN");
	two = strstr(draft, "## II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN");
	three = strstr(draft, "## III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI");
	four = strstr(draft, "## IV. KIẾN NGHỊ, ĐỀ XUẤT");
	annex = strstr(draft, "**PHỤ LỤC**");
	cr_assert(one && two && three && four && annex && one < two && two < three && three < four &&
		  four < annex, "parts missing or out of order");
	/* The source gives no number, date or signer: blanks, never made up. */
	cr_expect(strstr(draft, "Thực hiện Văn bản số [...] ngày [...] của UBND tỉnh Thanh Hóa"), "%.1500s",
		  draft);
	cr_expect(strstr(four, "[...]"));
	/* Items nobody did: named in part I's group and in part II. */
	for (size_t i = 0; i < ARRAY_LEN(never); i++) {
		char *needle = xasprintf("mục %s", never[i]);
		char *in2 = strstr(two, needle);

		cr_expect(in2 && in2 < three, "%s not under II", never[i]);
		free(needle);
	}
	/* Figures: the overall count and a total, as the report has them. */
	for (unsigned u = 0; u < NUNITS; u++) {
		struct counts c = unit_counts(&fx.u[u], -1);

		all.done += c.done;
		all.total += c.total;
		all.na += c.na;
	}
	{
		char *gd = grouped(all.done), *ga = grouped(all.total - all.na);

		snprintf(want, sizeof want, "Trong tổng số %s nhiệm vụ áp dụng đối với các đơn vị, đã hoàn thành %s (%u%%)",
			 ga, gd, pct(&all));
		cr_expect(strstr(draft, want), "no \"%s\"", want);
		free(gd);
		free(ga);
	}
	{
		/* The overall line of part I: "…; số người tham dự: 12.345; …" */
		const char *line = strstr(draft, "Tổng số hoạt động được ghi nhận: ");
		const char *end = line ? strchr(line, '\n') : NULL;
		char *l = line && end ? xstrndup(line, (size_t)(end - line)) : xstrdup("");
		char *gp = grouped(part);
		const char *at;

		snprintf(want, sizeof want, "số người tham dự: %s", gp);
		free(gp);
		at = strstr(l, want);
		cr_expect(at && (at[strlen(want)] == ';' || at[strlen(want)] == '.'),
			  "no \"%s\" in the draft's line\n%s", want, l);
		free(l);
	}
	/* Each section's share, in part I. */
	for (size_t s = 0; s < d->nsections; s++) {
		struct counts sc = { 0 };
		char *gd, *ga;

		for (unsigned u = 0; u < NUNITS; u++) {
			struct counts c = unit_counts(&fx.u[u], (long)s);

			sc.done += c.done;
			sc.total += c.total;
			sc.na += c.na;
		}
		gd = grouped(sc.done);
		ga = grouped(sc.total - sc.na);
		snprintf(want, sizeof want, "### 2.%zu. ", s + 1);
		cr_assert(strstr(draft, want), "no heading \"%s\"", want);
		snprintf(want, sizeof want, "; số nhiệm vụ đã hoàn thành: %s/%s (%u%%).", gd, ga, pct(&sc));
		cr_expect(strstr(one, want), "section %s: no \"%s\"", d->sections[s].id, want);
		free(gd);
		free(ga);
	}
	/* The annex lists every unit once. */
	for (unsigned u = 0; u < NUNITS; u += 37) {
		snprintf(want, sizeof want, "| %s |", fx.u[u].name);
		cr_expect(u == 17 || u == 18 || strstr(annex, want), "annex lacks %s", fx.u[u].name);
	}
	free(draft);
}

static bool has_raw_control(const char *s, bool allow_cr)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\n' || (allow_cr && *p == '\r'))
			continue;
		if (*p < 0x20 || *p == 0x7f)
			return true;
		if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			return true;
	}
	return false;
}

Test(report, no_raw_escape_or_bell_reaches_the_output)
{
	static const char *const args[] = { "", "--by parent", "--format md", "--draft",
					    "--format csv" };
	char *out, *path, *js;
	int st;

	for (size_t i = 0; i < ARRAY_LEN(args); i++) {
		out = run_ok(args[i]);
		cr_expect(!has_raw_control(out, strstr(args[i], "csv") != NULL),
			  "raw control byte with \"%s\"", args[i]);
		cr_expect(strstr(out, "^[") || strstr(out, "^\\["),
			  "the escape is shown visibly with \"%s\"", args[i]);
		free(out);
	}
	/* JSON keeps the exact value, escaped. */
	out = run_ok("--format json");
	cr_expect(!has_raw_control(out, false));
	cr_expect(strstr(out, "\\u001b[31m"), "ESC escaped in JSON");
	path = save_tmp("e.json", out);
	st = sim_run(&js, "python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); "
			  "print(any(\"\\x1b\" in u[\"name\"] for u in r[\"units\"]))' '%s'",
		     path);
	cr_expect_eq(st, 0);
	cr_expect(strncmp(js, "True", 4) == 0, "%s", js);
	free(js);
	free(path);
	free(out);
}

Test(report, warnings_and_errors_go_to_stderr)
{
	char *out, *err, *errpath;
	int st;

	out = run_ok("--lang en --format csv");
	free(out);
	errpath = xasprintf("%s/stderr", fx.dir);
	err = sim_read(errpath, NULL);
	cr_expect(strstr(err, "skipped: a file of directive \"ha-noi-2024\""), "%s", err);
	free(err);
	/* A broken file: still a report of the rest, exit status 1. */
	free(save_tmp(DIRID "/xa-hong.dvk.yaml", "format: dvk-state/1\ndirective: " DIRID
						   "\nunit: xa-hong\nlog: [\n"));
	st = sim_run(&out, ENV "$DVK report --format csv '%s' 2>'%s'", fx.dir, fx.dir, errpath);
	cr_expect_eq(st, 1);
	cr_expect(strncmp(out, "unit,", 5) == 0);
	err = sim_read(errpath, NULL);
	cr_expect(strstr(err, "xa-hong.dvk.yaml:"), "%s", err);
	free(err);
	free(out);
	cr_expect_eq(sim_run(NULL, ENV "$DVK report --format xml '%s' 2>/dev/null", fx.dir, fx.dir), 2);
	cr_expect_eq(sim_run(NULL, ENV "$DVK report --draft --format csv '%s' 2>/dev/null", fx.dir,
			     fx.dir),
		     2);
	cr_expect_eq(sim_run(NULL, ENV "$DVK report '%s/nothing-here' 2>/dev/null", fx.dir, fx.dir), 1);
	free(errpath);
}

/* ---- the engine directly: what the TUI will call ---- */

Test(report, the_library_joins_copies_and_recomputes_after_a_review)
{
	const char *paths[] = { fx.dir, fx.dir }; /* the same files twice: read once */
	struct report *r = report_load(sim_directive(), paths, 2);
	struct report_unit *ru = report_find_unit(r, "xa-005");
	struct hlc clock = { 0, 0 };
	uint64_t seed = 7;
	struct edit_ctx ctx = { .by = "Người rà soát", .replica = "tinh-01", .clock = &clock,
				.now = T0 + 400LL * 86400000, .random = sim_random, .random_arg = &seed };
	struct dvk_error err;
	size_t files = 0;

	for (unsigned u = 0; u < NUNITS; u++)
		files += fx.u[u].nfiles;
	cr_expect_eq(r->nunits, NUNITS);
	cr_expect_eq(r->nfiles, files);
	cr_assert(ru);
	cr_expect_eq(ru->npaths, 2, "main file and its sync copy");
	cr_expect(checklist_subset(fx.u[5].state->cl, ru->st->cl) &&
		  checklist_subset(ru->st->cl, fx.u[5].state->cl));
	cr_expect_eq(ru->needs_work, 0);
	cr_assert_eq(report_review(ru->st, sim_directive(), "1.1", "needs-work", "Thiếu biên bản", &ctx,
				   &err),
		     2);
	report_compute(r);
	ru = report_find_unit(r, "xa-005");
	cr_expect_eq(ru->needs_work, 1);
	cr_expect_eq(r->items[0].needs_work, 1);
	report_free(r);
}

Test(report, diff_lists_exactly_the_events_of_b_missing_from_a)
{
	const struct directive *d = sim_directive();
	struct state *base = fx.u[150].state, *a = state_new(DIRID, "xa-150"), *b = state_new(DIRID, "xa-150");
	struct hlc ca = { 0, 0 }, cb = { 0, 0 };
	uint64_t sa = 1, sb = 2;
	struct edit_ctx xa = { .by = "Máy A", .replica = "may-a", .clock = &ca, .now = T0 + 500LL * 86400000,
			       .random = sim_random, .random_arg = &sa };
	struct edit_ctx xb = xa;
	char *pa = xasprintf("%s/a.dvk.yaml", fx.dir), *pb = xasprintf("%s/b.dvk.yaml", fx.dir), *out;
	size_t nb_only = 0, lines = 0;

	xb.by = "Máy B";
	xb.replica = "may-b";
	xb.clock = &cb;
	xb.random_arg = &sb;
	checklist_join(a->cl, base->cl);
	checklist_join(b->cl, base->cl);
	for (int k = 0; k < 5; k++) {
		char va[64], vb[64];
		struct assignment na = { "note", va }, nb = { "note", vb };

		snprintf(va, sizeof va, "chỉ-ở-A-%d", k);
		snprintf(vb, sizeof vb, "chỉ-ở-B-%d", k);
		apply_ok(a, d->items[k].id, &na, 1, &xa);
		apply_ok(b, d->items[k].id, &nb, 1, &xb);
		nb_only++;
	}
	{
		struct assignment st = { "status", "done" };

		apply_ok(b, "9.1", &st, 1, &xb);
		nb_only++;
	}
	write_state(a, pa);
	write_state(b, pb);
	cr_assert_eq(sim_run(&out, ENV "$DVK diff '%s' '%s' 2>/dev/null", fx.dir, pa, pb), 0);
	for (const char *p = out; (p = strchr(p, '\n')); p++)
		lines++;
	cr_expect_eq(lines, nb_only, "%s", out);
	for (int k = 0; k < 5; k++) {
		char va[64], vb[64];

		snprintf(va, sizeof va, "chỉ-ở-A-%d", k);
		snprintf(vb, sizeof vb, "chỉ-ở-B-%d", k);
		cr_expect(strstr(out, vb), "missing %s", vb);
		cr_expect(!strstr(out, va), "A's own %s listed", va);
	}
	cr_expect(strstr(out, "Máy B"));
	cr_expect(strstr(out, "9.1  status: "), "%s", out);
	cr_expect(strstr(out, "→ done"), "%s", out);
	free(out);
	/* Nothing the other way round that B lacks... and nothing at all
	 * against itself. */
	cr_assert_eq(sim_run(&out, ENV "$DVK diff '%s' '%s' 2>/dev/null", fx.dir, pb, pb), 0);
	cr_expect_str_eq(out, "");
	free(out);
	/* Different units do not compare. */
	{
		char *pc = xasprintf("%s/" DIRID "/xa-001.dvk.yaml", fx.dir);

		cr_expect_eq(sim_run(NULL, ENV "$DVK diff '%s' '%s' 2>/dev/null", fx.dir, pa, pc), 1);
		free(pc);
	}
	state_free(a);
	state_free(b);
	free(pa);
	free(pb);
}

Test(report, a_review_travels_in_the_file_and_shows_on_the_item)
{
	char *data = xasprintf("%s/data", fx.dir), *dst = xasprintf("%s/data/" DIRID, fx.dir);
	char *path = xasprintf("%s/xa-012.dvk.yaml", dst), *out;
	struct state *st, *unit_copy;
	struct item_view v;
	struct dvk_error err;

	cr_assert_eq(dvk_mkdirs(dst, &err), 1);
	write_state(fx.u[12].state, path);
	cr_assert_eq(sim_run(&out, ENV "$DVK review xa-012 1.1 needs-work 'Thiếu biên bản hội nghị'",
			     fx.dir),
		     0);
	cr_expect(strstr(out, "needs-work"), "%s", out);
	free(out);
	/* Back at the unit: its own copy has moved on meanwhile; the file
	 * from the reviewer is joined in, and the item carries the review. */
	st = store_load(path, sim_directive(), &err);
	cr_assert(st, "%s", err.message);
	unit_copy = state_new(DIRID, "xa-012");
	checklist_join(unit_copy->cl, fx.u[12].state->cl);
	cr_assert(state_join(unit_copy, st, &err));
	checklist_item_view(unit_copy->cl, "1.1", &v);
	cr_assert_str_eq(v.review_f.value, "needs-work");
	cr_assert_str_eq(v.review_comment_f.value, "Thiếu biên bản hội nghị");
	cr_expect_str_eq(v.review_f.heads[0]->by, "Nguyễn Văn Rà Soát");
	item_view_free(&v);
	state_free(unit_copy);
	state_free(st);
	/* The report shows it, with the comment. */
	cr_assert_eq(sim_run(&out, ENV "DVK_LANG=vi $DVK report '%s'", fx.dir, dst), 0);
	cr_expect(strstr(out, "Rà soát: 0 đạt, 1 cần bổ sung; 1.1: Thiếu biên bản hội nghị"), "%s", out);
	free(out);
	/* Approved without a word: the old comment no longer stands. */
	cr_assert_eq(sim_run(NULL, ENV "$DVK review xa-012 1.1 approved >/dev/null", fx.dir), 0);
	st = store_load(path, sim_directive(), &err);
	cr_assert(st, "%s", err.message);
	checklist_item_view(st->cl, "1.1", &v);
	cr_expect_str_eq(v.review_f.value, "approved");
	cr_expect(!v.review_comment_f.value || !*v.review_comment_f.value);
	item_view_free(&v);
	state_free(st);
	/* Bad input writes nothing. */
	cr_expect_eq(sim_run(NULL, ENV "$DVK review xa-012 1.1 maybe 2>/dev/null", fx.dir), 1);
	cr_expect_eq(sim_run(NULL, ENV "$DVK review xa-012 9.9 approved 2>/dev/null", fx.dir), 1);
	cr_expect_eq(sim_run(NULL, ENV "$DVK review xa-404 1.1 approved 2>/dev/null", fx.dir), 1);
	cr_expect_eq(sim_run(NULL, ENV "$DVK review ../x 1.1 approved 2>/dev/null", fx.dir), 1);
	cr_expect_eq(sim_run(NULL, ENV "$DVK review xa-012 1.1 2>/dev/null", fx.dir), 2);
	free(path);
	free(dst);
	free(data);
}

/* ------------------------------------------------------------------ */
/* Benchmark (DVK_BENCH=1; prints, asserts nothing about time)         */
/* ------------------------------------------------------------------ */

static double seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Every format, written to memory. */
static char *write_all(const struct report *r)
{
	static const enum report_format formats[] = { REPORT_TEXT, REPORT_MD, REPORT_CSV, REPORT_JSON };
	char *bytes = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&bytes, &len);

	for (size_t i = 0; i < ARRAY_LEN(formats); i++) {
		struct report_opts o = { .format = formats[i] };

		report_write(r, &o, f);
		o.by_parent = true;
		report_write(r, &o, f);
	}
	{
		struct report_opts o = { .format = REPORT_MD, .draft = true };

		report_write_draft(r, &o, f);
	}
	fclose(f);
	return bytes;
}

Test(report, a_streamed_report_prints_what_a_report_that_keeps_every_state_prints)
{
	const char *paths[] = { fx.dir };
	struct report_opts_load lo = { .details = true };
	struct report *kept = report_load(sim_directive(), paths, 1);
	struct report *streamed = report_load_opts(sim_directive(), paths, 1, &lo);
	char *a, *b;

	cr_assert_eq(kept->nunits, NUNITS);
	cr_assert_eq(streamed->nunits, NUNITS);
	for (size_t u = 0; u < streamed->nunits; u++)
		cr_assert_null(streamed->units[u].st, "a streamed report kept a state");
	a = write_all(kept);
	b = write_all(streamed);
	cr_assert(strlen(a) > 100000, "the reports are too short to tell anything: %zu bytes", strlen(a));
	if (strcmp(a, b) != 0) {
		size_t i = 0;

		while (a[i] == b[i])
			i++;
		cr_assert_fail("the outputs differ at byte %zu:\nkept: %.200s\nstreamed: %.200s", i,
			       a + (i > 80 ? i - 80 : 0), b + (i > 80 ? i - 80 : 0));
	}
	free(a);
	free(b);
	report_free(kept);
	report_free(streamed);
}

/* The loader groups files by the unit their first lines name; a header
 * edited by hand so that the quick look cannot read it must still join
 * its unit, and a file named after one unit but holding another counts
 * for the one it holds. */
Test(report, hand_edited_headers_and_renamed_files_still_join_their_unit)
{
	char *dir = sim_tmpdir(), *bytes, *edited, *p1, *p2, *p3;
	const struct m_unit *a = &fx.u[7], *b = &fx.u[8];
	struct report_opts_load lo = { .details = true };
	const char *paths[1];
	struct report *r;
	struct report_unit *ru;
	size_t len;

	bytes = store_emit(a->state, sim_directive(), &len);
	p1 = xasprintf("%s/%s.dvk.yaml", dir, a->id);
	sim_write(p1, bytes, len);
	/* The same unit's file with the key quoted ("unit": ...), as YAML
	 * allows and a hand edit may write it. */
	{
		char *at = strstr(bytes, "\nunit: ");
		struct buf e = { 0 };

		cr_assert(at);
		buf_add(&e, bytes, (size_t)(at - bytes));
		buf_adds(&e, "\n\"unit\": ");
		buf_adds(&e, at + strlen("\nunit: "));
		edited = buf_steal(&e);
	}
	p2 = xasprintf("%s/copy-from-mail.dvk.yaml", dir);
	sim_write(p2, edited, strlen(edited));
	free(bytes);
	/* Unit b's file under unit a's name in another folder. */
	bytes = store_emit(b->state, sim_directive(), &len);
	cr_assert_eq(sim_run(NULL, "mkdir -p '%s/sub'", dir), 0);
	p3 = xasprintf("%s/sub/%s.dvk.yaml", dir, a->id);
	sim_write(p3, bytes, len);
	paths[0] = dir;
	r = report_load_opts(sim_directive(), paths, 1, &lo);
	cr_assert_eq(r->ndiags, 0, "%s", r->ndiags ? r->diags[0].err.message : "");
	cr_assert_eq(r->nunits, 2);
	ru = report_find_unit(r, a->id);
	cr_assert(ru);
	cr_expect_eq(ru->npaths, 2, "%s has %zu files", a->id, ru->npaths);
	cr_expect_eq(ru->nevents, checklist_count(a->state->cl));
	ru = report_find_unit(r, b->id);
	cr_assert(ru);
	cr_expect_eq(ru->npaths, 1);
	cr_expect_str_eq(ru->paths[0], p3);
	cr_expect_eq(r->nfiles, 3);
	report_free(r);
	free(bytes);
	free(edited);
	free(p1);
	free(p2);
	free(p3);
	free(dir);
}

/* Two copies of one unit name two different parents: the unit is rolled
 * up under neither (unless the office's roster places it), and its name
 * conflict is counted. */
Test(report, a_unit_whose_copies_disagree_on_its_parent_is_under_neither)
{
	char *dir = sim_tmpdir(), *p1, *p2, *bytes;
	struct state *a = state_new(DIRID, "xa-hai-cha"), *b = state_new(DIRID, "xa-hai-cha");
	struct report_opts_load lo = { 0 };
	const char *paths[1] = { dir };
	struct report *r;
	struct report_unit *ru;
	size_t len;

	sim_set_unit(a, UNIT_NAME, "Xã Hai Cha");
	sim_set_unit(b, UNIT_NAME, "Xã Hai Cha");
	sim_set_unit(a, UNIT_PARENT, "huyen-mot");
	sim_set_unit(b, UNIT_PARENT, "huyen-hai");
	cr_assert_eq(sim_run(NULL, "mkdir -p '%s/a' '%s/b'", dir, dir), 0);
	p1 = xasprintf("%s/a/xa-hai-cha.dvk.yaml", dir);
	p2 = xasprintf("%s/b/xa-hai-cha.dvk.yaml", dir);
	bytes = store_emit(a, sim_directive(), &len);
	sim_write(p1, bytes, len);
	free(bytes);
	bytes = store_emit(b, sim_directive(), &len);
	sim_write(p2, bytes, len);
	free(bytes);

	r = report_load_opts(sim_directive(), paths, 1, &lo);
	ru = report_find_unit(r, "xa-hai-cha");
	cr_assert(ru);
	cr_expect_eq(ru->npaths, 2);
	cr_expect_null(ru->parent, "rolled up under %s", ru->parent ? ru->parent : "");
	cr_expect_str_eq(ru->name, "Xã Hai Cha");
	cr_expect_gt(ru->nconflicts, 0, "the parent conflict is not counted");
	report_free(r);

	{
		struct dvk_error err;
		struct roster *ro = roster_new();

		dvk_error_clear(&err);
		cr_assert(roster_set_unit(ro, "xa-hai-cha", "Xã Hai Cha", "huyen-ba", NULL, &err));
		lo.roster = ro;
		r = report_load_opts(sim_directive(), paths, 1, &lo);
		ru = report_find_unit(r, "xa-hai-cha");
		cr_assert(ru);
		cr_expect_str_eq(ru->parent ? ru->parent : "", "huyen-ba");
		report_free(r);
		roster_free(ro);
	}
	state_free(a);
	state_free(b);
	free(p1);
	free(p2);
	free(dir);
}

Test(report_bench, thousand_files_of_two_hundred_events, .timeout = 600)
{
	const struct directive *d = sim_directive();
	const char *env = getenv("DVK_BENCH");
	char *dir, *sub;
	size_t bytes = 0, events = 0;
	double t0, t_lib, t_cli;
	struct report *r;

	if (!env || !*env)
		cr_skip_test("set DVK_BENCH=1 to run (tools/bench-report.sh)");
	dir = sim_tmpdir();
	sub = xasprintf("%s/" DIRID, dir);
	cr_assert_eq(mkdir(sub, 0755), 0);
	for (unsigned u = 0; u < 1000; u++) {
		uint64_t seed = u;
		struct hlc clock = { 0, 0 };
		char id[16], *path, *out;
		struct edit_ctx ctx = { .by = "Lê Thị Hạnh", .replica = "may-01", .clock = &clock,
					.now = T0, .random = sim_random, .random_arg = &seed };
		struct state *st;
		size_t len;

		snprintf(id, sizeof id, "xa-%04u", u);
		st = state_new(DIRID, id);
		{
			char *name = xasprintf("UBND xã %s %u", places[u % ARRAY_LEN(places)], u);

			sim_set_unit(st, UNIT_NAME, name);
			sim_set_unit(st, UNIT_PARENT, districts[u % ARRAY_LEN(districts)]);
			free(name);
		}
		while (checklist_count(st->cl) < 200) {
			const struct item *it = &d->items[sim_below(&seed, (unsigned)d->nitems)];
			char v[64], f[64], *rid = checklist_new_rid(&ctx);
			unsigned k = sim_below(&seed, 3);
			struct assignment as;

			if (k == 0) {
				as = (struct assignment){ "status", sim_below(&seed, 2) ? "done" : "in-progress" };
			} else if (k == 1 || !it->nevidence) {
				snprintf(v, sizeof v, "Ghi chú lần %u", sim_below(&seed, 1000));
				as = (struct assignment){ "note", v };
			} else {
				const struct evidence_field *ef = &it->evidence[sim_below(&seed, (unsigned)it->nevidence)];

				snprintf(f, sizeof f, "activity.%s.%s", rid, ef->key);
				snprintf(v, sizeof v, ef->type == EVIDENCE_DATE ? "2023-05-%02u"
						      : ef->type == EVIDENCE_COUNT ? "%u" : "Số %u/KH",
					 1 + sim_below(&seed, 28));
				as = (struct assignment){ f, v };
			}
			ctx.now += 1000;
			checklist_apply(st->cl, d, it->id, &as, 1, &ctx, NULL);
			free(rid);
		}
		events += checklist_count(st->cl);
		out = store_emit(st, d, &len);
		bytes += len;
		path = xasprintf("%s/%s.dvk.yaml", sub, id);
		sim_write(path, out, len);
		free(path);
		free(out);
		state_free(st);
	}
	{
		const char *paths[] = { dir };
		clock_t c0 = clock(), c1;
		double t1;

		t0 = seconds();
		r = report_new(d);
		report_add_paths(r, paths, 1);
		t1 = seconds();
		c1 = clock();
		report_compute(r);
		t_lib = seconds() - t0;
		fprintf(stderr,
			"report benchmark: reading and parsing %.2f s wall (%.2f s CPU on all threads), "
			"computing %.2f s wall (%.2f s CPU)\n",
			t1 - t0, (double)(c1 - c0) / CLOCKS_PER_SEC, seconds() - t1,
			(double)(clock() - c1) / CLOCKS_PER_SEC);
	}
	cr_assert_eq(r->nunits, 1000);
	report_free(r);
	{
		struct rusage before, after;
		double cpu;

		getrusage(RUSAGE_CHILDREN, &before);
		t0 = seconds();
		cr_assert_eq(sim_run(NULL, "$DVK report --format csv '%s' >/dev/null", dir), 0);
		t_cli = seconds() - t0;
		getrusage(RUSAGE_CHILDREN, &after);
		cpu = (double)(after.ru_utime.tv_sec - before.ru_utime.tv_sec) +
		      (double)(after.ru_utime.tv_usec - before.ru_utime.tv_usec) / 1e6 +
		      (double)(after.ru_stime.tv_sec - before.ru_stime.tv_sec) +
		      (double)(after.ru_stime.tv_usec - before.ru_stime.tv_usec) / 1e6;
		fprintf(stderr,
			"report benchmark: 1000 files, %zu events, %.1f MB: report_load %.2f s; "
			"`dvk report --format csv` %.2f s wall, %.2f s CPU, %ld CPUs online\n",
			events, (double)bytes / 1e6, t_lib, t_cli, cpu, sysconf(_SC_NPROCESSORS_ONLN));
	}
	free(sub);
	free(dir);
}
