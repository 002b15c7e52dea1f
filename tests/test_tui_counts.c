/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_tui_counts.c: the figures the overview shows on every key are kept
 * as events arrive (tui/counts.c), and always equal a count made afresh:
 * after every edit, whatever section it touched, for another set of
 * events made where a freed one was, and not at all while the file loads.
 */
#include <criterion/criterion.h>

#include <stdlib.h>
#include <string.h>

#include "tests/helpers/sim.h"
#include "tui/app.h"

/* The figures of one section (or all), counted the slow way. */
static struct counts fresh(const struct checklist *cl, const struct directive *d, size_t sec)
{
	struct counts c;
	size_t from = 0, to = d->nitems;

	memset(&c, 0, sizeof c);
	checklist_progress(cl, d, sec, &c.p);
	if (sec != (size_t)-1) {
		from = d->sections[sec].first_item;
		to = from + d->sections[sec].nitems;
	}
	for (size_t i = from; i < to; i++) {
		const char *v = checklist_value(cl, d->items[i].id, "review", NULL);

		c.needs_work += v && !strcmp(v, "needs-work");
		c.approved += v && !strcmp(v, "approved");
	}
	return c;
}

static void expect_same(const struct app *a, const char *when)
{
	for (size_t s = 0; s <= a->d->nsections; s++) {
		size_t sec = s == a->d->nsections ? (size_t)-1 : s;
		struct counts want = fresh(a->st->cl, a->d, sec);
		const struct counts *got = counts_of(a, sec);

		cr_assert(!memcmp(&want.p, &got->p, sizeof want.p) && want.needs_work == got->needs_work &&
				  want.approved == got->approved,
			  "%s, section %zd: kept done %u na %u conflict %u total %u nw %zu ok %zu, "
			  "counted done %u na %u conflict %u total %u nw %zu ok %zu",
			  when, (ssize_t)sec, got->p.done, got->p.na, got->p.conflict, got->p.total,
			  got->needs_work, got->approved, want.p.done, want.p.na, want.p.conflict,
			  want.p.total, want.needs_work, want.approved);
	}
}

/* One edit people make: a status, a review, a note, not applicable. */
static void edit(struct state *st, const struct directive *d, struct edit_ctx *ctx, uint64_t *rng)
{
	static const char *statuses[] = {"todo", "in-progress", "done"};
	const struct item *it = &d->items[sim_below(rng, (unsigned)d->nitems)];
	struct assignment as[2];
	size_t n = 1;
	struct dvk_error err;

	switch (sim_below(rng, 4)) {
	case 0:
		as[0] = (struct assignment){"status", statuses[sim_below(rng, 3)]};
		break;
	case 1:
		as[0] = (struct assignment){"review", sim_below(rng, 2) ? "approved" : "needs-work"};
		break;
	case 2:
		as[0] = (struct assignment){"note", "Đã họp thôn."};
		break;
	default:
		as[0] = (struct assignment){"status", "not-applicable"};
		as[1] = (struct assignment){"reason", "Không có đối tượng."};
		n = 2;
	}
	ctx->now += 60000;
	cr_assert_geq(checklist_apply(st->cl, d, it->id, as, n, ctx, &err), 0, "%s", err.message);
}

Test(tui_counts, kept_figures_equal_a_fresh_count_after_every_edit)
{
	const struct directive *d = sim_directive();
	struct config cfg = {0};
	struct app a = {.cfg = &cfg, .d = d};
	struct hlc clock = {0, 0};
	uint64_t rng = 14, idrng = 15;
	struct edit_ctx ctx = {"Lan", "lan-x220", &clock, 1678838400000LL, sim_random, &idrng};

	/* a second laptop edits the same unit apart, and its events come in
	 * by joins now and then: conflicts come and go with them */
	struct hlc clock2 = {0, 0};
	uint64_t idrng2 = 16;
	struct edit_ctx ctx2 = {"Minh", "minh-t430", &clock2, 1678838400000LL, sim_random, &idrng2};
	struct state *other = state_new(d->id, "xa-a");
	size_t conflicts = 0;

	a.st = state_new(d->id, "xa-a");
	expect_same(&a, "empty");
	for (int i = 0; i < 400; i++) {
		char when[32];

		edit(a.st, d, &ctx, &rng);
		edit(other, d, &ctx2, &rng);
		if (i % 25 == 24) {
			checklist_join(a.st->cl, other->cl);
			conflicts += counts_of(&a, (size_t)-1)->p.conflict;
		}
		snprintf(when, sizeof when, "after edit %d", i + 1);
		expect_same(&a, when);
	}
	cr_expect_gt(conflicts, 0, "the joins made no conflict: the test did not try one");
	state_free(other);
	state_free(a.st);
	counts_free();
}

/* A set freed and another made (the file read again, another unit in the
 * reviewer view): the new set is counted, never taken for the old one
 * with its figures, even when it sits at the same address with as many
 * events. */
Test(tui_counts, another_set_is_counted_afresh)
{
	const struct directive *d = sim_directive();
	struct config cfg = {0};
	struct app a = {.cfg = &cfg, .d = d};
	struct hlc clock = {0, 0};
	uint64_t rng = 7, idrng = 8;
	struct edit_ctx ctx = {"Lan", "lan-x220", &clock, 1678838400000LL, sim_random, &idrng};

	for (int round = 0; round < 20; round++) {
		a.st = state_new(d->id, "xa-a");
		for (int i = 0; i < 30; i++)
			edit(a.st, d, &ctx, &rng);
		expect_same(&a, "a new set");
		state_free(a.st);
	}
	counts_free();
}

Test(tui_counts, nothing_is_counted_while_the_file_loads)
{
	const struct directive *d = sim_directive();
	struct config cfg = {0};
	struct app a = {.cfg = &cfg, .d = d, .loading = true};
	struct hlc clock = {0, 0};
	uint64_t rng = 3, idrng = 4;
	struct edit_ctx ctx = {"Lan", "lan-x220", &clock, 1678838400000LL, sim_random, &idrng};

	a.st = state_new(d->id, "xa-a");
	for (int i = 0; i < 30; i++)
		edit(a.st, d, &ctx, &rng);
	cr_expect_eq(counts_of(&a, (size_t)-1)->p.total, 0);
	cr_expect_eq(counts_of(&a, 0)->p.done + counts_of(&a, 0)->p.todo, 0);
	a.loading = false;
	expect_same(&a, "loaded");
	state_free(a.st);
	counts_free();
}

/* The engine's side of it: no two sets share a serial, and no version is
 * given twice, so a memo keyed on them cannot mistake one set for another. */
Test(tui_counts, serials_and_versions_are_never_given_twice)
{
	struct checklist *x = checklist_new();
	unsigned long sx = checklist_serial(x), vx = checklist_version(x);

	checklist_free(x);
	struct checklist *y = checklist_new();
	cr_expect_neq(checklist_serial(y), sx);
	cr_expect_neq(checklist_version(y), vx);
	cr_expect_neq(checklist_version(y), checklist_serial(y));
	checklist_free(y);
}
