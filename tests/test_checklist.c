/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_checklist.c: the engine's laws and semantics.
 *
 * The property tests run a simulation of laptops editing copies of one
 * unit's state and exchanging them over a hostile transport (stale copies,
 * duplicates, clocks days off), over 1,000 seeds each.  A failure names
 * its seed, which reproduces it exactly.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "checklist/checklist.h"
#include "store/store.h"
#include "tests/helpers/sim.h"

#define SEEDS 1000
#define DAY (24LL * 3600 * 1000)
#define T0 1678838400000LL /* 2023-03-15 */

/* ---- a small world of laptops ---- */

struct laptop {
	struct state *st;
	struct hlc clock;
	int64_t skew;       /* this laptop's clock error */
	char replica[32];
	char by[32];
	int64_t last_at;
	unsigned long last_tick;
};

static const char *const statuses[] = { "todo", "in-progress", "done" };
static const char *const items[] = { "1.1", "1.2", "2.1", "4.3" };

static struct edit_ctx ctx_for(struct laptop *l, int64_t now, uint64_t *rng)
{
	struct edit_ctx ctx = { l->by, l->replica, &l->clock, now + l->skew, sim_random, rng };

	return ctx;
}

/* One random edit on laptop l at true time now; returns events added. */
static int random_edit(struct laptop *l, int64_t now, uint64_t *rng)
{
	struct edit_ctx ctx = ctx_for(l, now, rng);
	const char *item = items[sim_below(rng, ARRAY_LEN(items))];
	char note[64], rid_field[64];
	struct assignment a;
	struct dvk_error err;
	int added;

	switch (sim_below(rng, 3)) {
	case 0:
		a = (struct assignment){ "status", statuses[sim_below(rng, 3)] };
		break;
	case 1:
		snprintf(note, sizeof note, "Ghi chú %u của %s", sim_below(rng, 5), l->by);
		a = (struct assignment){ "note", note };
		break;
	default: {
		char *rid = checklist_new_rid(&ctx);

		snprintf(rid_field, sizeof rid_field, "activity.%s.date", rid);
		free(rid);
		a = (struct assignment){ rid_field, "2023-03-14" };
		break;
	}
	}
	added = checklist_apply(l->st->cl, sim_directive(), item, &a, 1, &ctx, &err);
	cr_assert_geq(added, 0, "apply failed: %s", err.message);
	return added;
}

static void laptops_init(struct laptop *l, size_t n)
{
	static const int64_t skews[] = { 0, -3 * DAY, 2 * DAY, 0 };

	for (size_t i = 0; i < n; i++) {
		memset(&l[i], 0, sizeof l[i]);
		l[i].st = state_new("thanh-hoa-dvk-2023", "xa-quang-hoa");
		l[i].skew = skews[i % 4];
		snprintf(l[i].replica, sizeof l[i].replica, "laptop-%zu", i);
		snprintf(l[i].by, sizeof l[i].by, "Cán bộ %zu", i);
	}
}

static void laptops_free(struct laptop *l, size_t n)
{
	for (size_t i = 0; i < n; i++)
		state_free(l[i].st);
}

static char *emit(const struct state *st, size_t *len)
{
	return store_emit(st, sim_directive(), len);
}

static bool same_bytes(const struct state *a, const struct state *b)
{
	size_t la, lb;
	char *x = emit(a, &la), *y = emit(b, &lb);
	bool same = la == lb && memcmp(x, y, la) == 0;

	free(x);
	free(y);
	return same;
}

static struct state *copy_of(const struct state *st)
{
	struct state *c = state_new(st->directive, st->unit);

	checklist_join(c->cl, st->cl);
	return c;
}

static struct state *joined(const struct state *a, const struct state *b)
{
	struct state *c = copy_of(a);

	checklist_join(c->cl, b->cl);
	return c;
}

/* Build three related random states by simulation. */
static void random_states(uint64_t seed, struct state *out[3])
{
	struct laptop l[3];
	uint64_t rng = seed;
	int64_t now = T0;

	laptops_init(l, 3);
	for (int step = 0; step < 30; step++) {
		unsigned who = sim_below(&rng, 3);

		now += 60000;
		if (sim_below(&rng, 4) == 0)
			checklist_join(l[who].st->cl, l[sim_below(&rng, 3)].st->cl);
		else
			random_edit(&l[who], now, &rng);
	}
	for (int i = 0; i < 3; i++) {
		out[i] = l[i].st;
		l[i].st = NULL;
	}
}

Test(checklist, join_is_commutative_associative_and_idempotent_on_bytes)
{
	for (uint64_t seed = 1; seed <= SEEDS; seed++) {
		struct state *s[3];
		struct state *ab, *ba, *ab_c, *bc, *a_bc, *aa, *ab_b;

		random_states(seed, s);
		ab = joined(s[0], s[1]);
		ba = joined(s[1], s[0]);
		cr_assert(same_bytes(ab, ba), "A⊔B ≠ B⊔A, seed %llu", (unsigned long long)seed);
		ab_c = joined(ab, s[2]);
		bc = joined(s[1], s[2]);
		a_bc = joined(s[0], bc);
		cr_assert(same_bytes(ab_c, a_bc), "(A⊔B)⊔C ≠ A⊔(B⊔C), seed %llu",
			  (unsigned long long)seed);
		aa = joined(s[0], s[0]);
		cr_assert(same_bytes(aa, s[0]), "A⊔A ≠ A, seed %llu", (unsigned long long)seed);
		ab_b = joined(ab, s[1]);
		cr_assert(same_bytes(ab_b, ab), "(A⊔B)⊔B ≠ A⊔B, seed %llu", (unsigned long long)seed);
		cr_assert_geq(checklist_count(ab->cl), checklist_count(s[0]->cl));
		cr_assert_geq(checklist_count(ab->cl), checklist_count(s[1]->cl));
		cr_assert(checklist_subset(s[0]->cl, ab->cl) && checklist_subset(s[1]->cl, ab->cl));
		state_free(ab); state_free(ba); state_free(ab_c); state_free(bc);
		state_free(a_bc); state_free(aa); state_free(ab_b);
		for (int i = 0; i < 3; i++)
			state_free(s[i]);
	}
}

/* Four laptops with clocks correct, 3 days slow, 2 days fast and reset to
 * 2001 half-way; copies travel late, stale and twice. */
Test(checklist, copies_converge_with_skewed_clocks_stale_and_duplicate_deliveries)
{
	for (uint64_t seed = 1; seed <= SEEDS; seed++) {
		struct laptop l[4];
		struct state *stale[8] = {0};
		struct checklist *all = checklist_new();
		uint64_t rng = seed * 7919;
		int64_t now = T0;
		size_t edits = 0;
		int steps = 60 + (int)sim_below(&rng, 60);

		laptops_init(l, 4);
		for (int step = 0; step < steps; step++) {
			unsigned who = sim_below(&rng, 4), r = sim_below(&rng, 10);

			now += 1000 * (1 + sim_below(&rng, 600));
			if (step == steps / 2)
				l[3].skew = 978307200000LL - now; /* reset to 2001 */
			if (r < 5) {
				edits += (size_t)random_edit(&l[who], now, &rng);
				/* the clock of one laptop never runs backwards */
				cr_assert(l[who].clock.l > l[who].last_at ||
						  (l[who].clock.l == l[who].last_at &&
						   l[who].clock.c >= l[who].last_tick),
					  "clock ran backwards, seed %llu", (unsigned long long)seed);
				l[who].last_at = l[who].clock.l;
				l[who].last_tick = l[who].clock.c;
				checklist_join(all, l[who].st->cl);
			} else if (r < 7) {
				checklist_join(l[who].st->cl, l[sim_below(&rng, 4)].st->cl);
			} else if (r < 8) {
				unsigned slot = sim_below(&rng, 8);

				state_free(stale[slot]);
				stale[slot] = copy_of(l[who].st);
			} else {
				unsigned slot = sim_below(&rng, 8);

				if (stale[slot]) /* a USB stick from last week, maybe twice */
					checklist_join(l[who].st->cl, stale[slot]->cl);
			}
		}
		for (int round = 0; round < 2; round++)
			for (int i = 0; i < 4; i++)
				for (int k = 0; k < 4; k++)
					checklist_join(l[i].st->cl, l[k].st->cl);
		for (int i = 1; i < 4; i++)
			cr_assert(same_bytes(l[0].st, l[i].st), "laptops differ, seed %llu",
				  (unsigned long long)seed);
		cr_assert_eq(checklist_count(l[0].st->cl), edits, "events %zu != edits %zu, seed %llu",
			     checklist_count(l[0].st->cl), edits, (unsigned long long)seed);
		cr_assert(checklist_subset(all, l[0].st->cl), "an edit was lost, seed %llu",
			  (unsigned long long)seed);
		checklist_free(all);
		for (int i = 0; i < 8; i++)
			state_free(stale[i]);
		laptops_free(l, 4);
	}
}

Test(checklist, emitted_bytes_load_back_to_the_same_bytes)
{
	for (uint64_t seed = 1; seed <= SEEDS; seed++) {
		struct state *s[3], *back;
		struct dvk_error err;
		size_t len, len2;
		char *bytes, *again;

		random_states(seed, s);
		bytes = emit(s[0], &len);
		back = store_parse(bytes, len, "sim.dvk.yaml", sim_directive(), &err);
		cr_assert_not_null(back, "seed %llu: %s:%d:%d: %s", (unsigned long long)seed, err.path,
				   err.line, err.col, err.message);
		again = emit(back, &len2);
		cr_assert(len == len2 && memcmp(bytes, again, len) == 0, "round trip differs, seed %llu",
			  (unsigned long long)seed);
		free(bytes);
		free(again);
		state_free(back);
		for (int i = 0; i < 3; i++)
			state_free(s[i]);
	}
}

/* ---- semantics ---- */

static struct laptop two[2];
static uint64_t rng2;

static void two_laptops(void)
{
	laptops_init(two, 2);
	rng2 = 42;
}

static void two_free(void)
{
	laptops_free(two, 2);
}

static void set(struct laptop *l, int64_t now, const char *item, const char *field, const char *value)
{
	struct edit_ctx ctx = ctx_for(l, now, &rng2);
	struct assignment a = { field, value };
	struct dvk_error err;

	cr_assert_geq(checklist_apply(l->st->cl, sim_directive(), item, &a, 1, &ctx, &err), 0,
		      "%s", err.message);
}

Test(checklist, different_concurrent_values_are_a_conflict_even_with_a_slow_clock,
     .init = two_laptops, .fini = two_free)
{
	bool conflict;

	set(&two[0], T0, "1.2", "status", "todo");
	checklist_join(two[1].st->cl, two[0].st->cl);
	two[1].skew = -3 * DAY;
	set(&two[0], T0 + 1000, "1.2", "status", "done");
	set(&two[1], T0 + 2000, "1.2", "status", "in-progress");
	checklist_join(two[0].st->cl, two[1].st->cl);
	cr_assert_null(checklist_value(two[0].st->cl, "1.2", "status", &conflict));
	cr_assert(conflict);
	cr_assert_eq(checklist_status(two[0].st->cl, "1.2"), STATUS_CONFLICT);
	cr_assert_eq(checklist_conflict_count(two[0].st->cl), 1);
}

Test(checklist, equal_concurrent_values_are_not_a_conflict, .init = two_laptops, .fini = two_free)
{
	bool conflict;

	set(&two[0], T0, "1.2", "status", "done");
	set(&two[1], T0, "1.2", "status", "done");
	checklist_join(two[0].st->cl, two[1].st->cl);
	cr_assert_str_eq(checklist_value(two[0].st->cl, "1.2", "status", &conflict), "done");
	cr_assert_not(conflict);
	cr_assert_eq(checklist_status(two[0].st->cl, "1.2"), STATUS_DONE);
}

Test(checklist, editing_a_conflict_resolves_it_everywhere, .init = two_laptops, .fini = two_free)
{
	struct state *third;
	bool conflict;

	set(&two[0], T0, "1.2", "status", "done");
	set(&two[1], T0, "1.2", "status", "in-progress");
	checklist_join(two[0].st->cl, two[1].st->cl);
	third = copy_of(two[0].st);
	{
		struct laptop l3 = { .st = third, .replica = "l3", .by = "Tỉnh" };

		set(&l3, T0 + 5000, "1.2", "status", "done");
	}
	checklist_join(two[1].st->cl, third->cl);
	cr_assert_str_eq(checklist_value(two[1].st->cl, "1.2", "status", &conflict), "done");
	cr_assert_not(conflict);
	state_free(third);
}

Test(checklist, not_applicable_needs_a_reason, .init = two_laptops, .fini = two_free)
{
	struct edit_ctx ctx = ctx_for(&two[0], T0, &rng2);
	struct assignment na = { "status", "not-applicable" };
	struct assignment both[] = { { "status", "not-applicable" }, { "reason", "Không có xã" } };
	struct dvk_error err;

	cr_assert_eq(checklist_apply(two[0].st->cl, sim_directive(), "9.1", &na, 1, &ctx, &err), -1);
	cr_assert(strstr(err.message, "reason"), "%s", err.message);
	cr_assert_eq(checklist_count(two[0].st->cl), 0, "a refused edit wrote something");
	cr_assert_eq(checklist_apply(two[0].st->cl, sim_directive(), "9.1", both, 2, &ctx, &err), 2);
	cr_assert_eq(checklist_status(two[0].st->cl, "9.1"), STATUS_NA);
}

Test(checklist, bad_edits_are_refused_and_change_nothing, .init = two_laptops, .fini = two_free)
{
	static const struct {
		const char *item, *field, *value, *msg;
	} bad[] = {
		{ "9.9", "status", "done", "unknown item" },
		{ "1.1", "status", "xong", "unknown status \"xong\"" },
		{ "1.1", "colour", "red", "unknown field" },
		/* named as the form names them, then why */
		{ "1.1", "activity.ABCDEFGH.participants", "bốn lăm", "Số người tham dự: \"bốn lăm\"" },
		{ "1.1", "activity.ABCDEFGH.date", "2023-02-30", "Ngày tổ chức: month 2/2023 has only 28 days" },
		{ "1.1", "activity.ABCDEFGH.date", "30/2/2023", "Ngày tổ chức: month 2/2023" },
		{ "1.1", "activity.ABCDEFGH.participants", "1,5", "not a whole number" },
		{ "1.1", "activity.ABCDEFGH.participants", "1.00", "not a whole number" },
		{ "1.1", "activity.ABCDEFGH.nosuchkey", "1", "no evidence field" },
		{ "1.1", "review", "great", "unknown review" },
	};
	struct edit_ctx ctx = ctx_for(&two[0], T0, &rng2);
	struct dvk_error err;

	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		struct assignment a = { bad[i].field, bad[i].value };

		cr_assert_eq(checklist_apply(two[0].st->cl, sim_directive(), bad[i].item, &a, 1, &ctx, &err),
			     -1, "%s=%s accepted", bad[i].field, bad[i].value);
		cr_assert(strstr(err.message, bad[i].msg), "%s: message \"%s\"", bad[i].value, err.message);
	}
	cr_assert_eq(checklist_count(two[0].st->cl), 0);
}

/* What people type is stored in one form, so `dvk set` and the TUI agree
 * and reports add counts up. */
Test(checklist, typed_dates_and_counts_are_stored_in_their_canonical_form, .init = two_laptops,
     .fini = two_free)
{
	static const struct {
		const char *field, *typed, *stored;
	} ok[] = {
		{ "activity.ABCDEFGH.date", "14/3/2023", "2023-03-14" },
		{ "activity.ABCDEFGH.date", "14/03/2023", "2023-03-14" },
		{ "activity.ABCDEFGH.date", " 2023-03-14 ", "2023-03-14" },
		{ "activity.ABCDEFGH.date", "29/2/2024", "2024-02-29" },
		{ "activity.ABCDEFGH.participants", " 45", "45" },
		{ "activity.ABCDEFGH.participants", "1.000", "1000" },
		{ "activity.ABCDEFGH.participants", "12 500", "12500" },
		{ "activity.ABCDEFGH.participants", "045", "45" },
		{ "activity.ABCDEFGH.document", "  12/KH-UBND  ", "12/KH-UBND" },
		{ "note", "\n  Đã họp\n  tổ 2  \n", "Đã họp\n  tổ 2" },
		{ "reason", "  Không có đơn thư ", "Không có đơn thư" },
	};
	struct edit_ctx ctx = ctx_for(&two[0], T0, &rng2);
	struct dvk_error err;

	for (size_t i = 0; i < ARRAY_LEN(ok); i++) {
		struct assignment a = { ok[i].field, ok[i].typed };

		cr_assert_geq(checklist_apply(two[0].st->cl, sim_directive(), "1.1", &a, 1, &ctx, &err), 0,
			      "%s=\"%s\" refused: %s", ok[i].field, ok[i].typed, err.message);
		const char *v = checklist_value(two[0].st->cl, "1.1", ok[i].field, NULL);
		cr_expect(v && !strcmp(v, ok[i].stored), "%s: \"%s\" stored as \"%s\"", ok[i].field,
			  ok[i].typed, v ? v : "(none)");
	}
}

Test(checklist, setting_the_same_value_again_writes_nothing, .init = two_laptops, .fini = two_free)
{
	set(&two[0], T0, "1.1", "status", "done");
	set(&two[0], T0 + 1, "1.1", "status", "done");
	cr_assert_eq(checklist_count(two[0].st->cl), 1);
}

Test(checklist, an_edit_replaces_the_heads_it_saw, .init = two_laptops, .fini = two_free)
{
	const struct event **heads;

	set(&two[0], T0, "1.1", "status", "in-progress");
	set(&two[0], T0 + 1, "1.1", "status", "done");
	cr_assert_eq(checklist_heads(two[0].st->cl, "1.1", "status", &heads), 1);
	cr_assert_str_eq(heads[0]->value, "done");
	cr_assert_eq(heads[0]->npred, 1);
	cr_assert_eq(heads[0]->gen, 1);
	free(heads);
}

Test(checklist, progress_is_done_over_applicable, .init = two_laptops, .fini = two_free)
{
	struct edit_ctx ctx = ctx_for(&two[0], T0, &rng2);
	struct assignment na[] = { { "status", "not-applicable" }, { "reason", "không có" } };
	struct progress p;
	struct dvk_error err;

	set(&two[0], T0, "1.1", "status", "done");
	set(&two[0], T0, "1.2", "status", "in-progress");
	cr_assert_eq(checklist_apply(two[0].st->cl, sim_directive(), "1.3", na, 2, &ctx, &err), 2);
	checklist_progress(two[0].st->cl, sim_directive(), 0, &p);
	cr_assert_eq(p.total, sim_directive()->sections[0].nitems);
	cr_assert_eq(p.done, 1);
	cr_assert_eq(p.in_progress, 1);
	cr_assert_eq(p.na, 1);
	cr_assert_eq(progress_percent(&p), 100 / (p.total - 1));
	checklist_progress(two[0].st->cl, sim_directive(), (size_t)-1, &p);
	cr_assert_eq(p.total, sim_directive()->nitems);
	cr_assert_eq(p.done, 1);
}

Test(checklist, an_activity_record_groups_its_typed_values, .init = two_laptops, .fini = two_free)
{
	struct edit_ctx ctx = ctx_for(&two[0], T0, &rng2);
	struct assignment a[] = { { "activity.ABCDEFGH.date", "2023-03-14" },
				  { "activity.ABCDEFGH.participants", "45" } };
	struct item_view v;
	struct dvk_error err;

	cr_assert_eq(checklist_apply(two[0].st->cl, sim_directive(), "1.1", a, 2, &ctx, &err), 2,
		     "%s", err.message);
	checklist_item_view(two[0].st->cl, "1.1", &v);
	cr_assert_eq(v.nacts, 1);
	cr_assert_str_eq(v.acts[0].rid, "ABCDEFGH");
	cr_assert_eq(v.acts[0].nvalues, 2);
	item_view_free(&v);
}

Test(checklist, the_clock_never_runs_backwards_and_is_bounded_ahead)
{
	struct hlc h = {0};
	int64_t at, prev_at = 0;
	unsigned long tick, prev_tick = 0;
	int64_t phys[] = { T0, T0 + 5, T0 - DAY, T0 - 365 * DAY, T0 + 1, T0 + 1, T0 + 10 };

	for (size_t i = 0; i < ARRAY_LEN(phys); i++) {
		hlc_tick(&h, phys[i], &at, &tick);
		cr_assert(at > prev_at || (at == prev_at && tick > prev_tick), "step %zu", i);
		prev_at = at;
		prev_tick = tick;
	}
	h = (struct hlc){ 0 };
	hlc_observe(&h, T0 + 5 * DAY, 3, T0);
	cr_assert_leq(h.l, T0 + CLOCK_MAX_AHEAD_MS, "a fast laptop dragged the clock ahead");
	hlc_observe(&h, T0 - DAY, 0, T0);
	cr_assert_geq(h.l, T0 + CLOCK_MAX_AHEAD_MS - 1);
}

Test(checklist, times_format_and_parse_back)
{
	char buf[32];
	int64_t ms;

	cr_assert_str_eq(time_format(1678630867123LL, buf, sizeof buf), "2023-03-12T14:21:07.123Z");
	cr_assert(time_parse("2023-03-12T14:21:07.123Z", &ms));
	cr_assert_eq(ms, 1678630867123LL);
	cr_assert(time_parse("2023-03-12T14:21:07Z", &ms));
	cr_assert_not(time_parse("2023-03-12 14:21", &ms));
	cr_assert_not(time_parse("2023-03-12T14:21:07.1Z", &ms));
	cr_assert_not(time_parse("2023-02-29T00:00:00.000Z", &ms), "not a leap year");
	cr_assert(time_parse("2024-02-29T00:00:00.000Z", &ms));
	cr_assert_eq(ms, 1709164800000LL);
	cr_assert_not(time_parse("2023-06-30T23:59:60.000Z", &ms), "a leap second cannot round-trip");
	cr_assert(time_parse("1999-12-31T23:59:59.999Z", &ms));
	cr_assert_eq(ms, 946684799999LL);
}

Test(checklist, new_ids_are_crockford_and_start_with_a_letter)
{
	uint64_t rng = 1;
	struct hlc h = {0};
	struct edit_ctx ctx = { "a", "b", &h, T0, sim_random, &rng };

	for (int i = 0; i < 1000; i++) {
		struct event_id id = checklist_new_id(&ctx), back;
		char *rid = checklist_new_rid(&ctx), text[EVENT_ID_LEN + 1];

		event_id_str(&id, text);
		cr_assert(event_id_valid(text), "%s", text);
		cr_assert(event_id_parse(text, &back) && event_id_cmp(&back, &id) == 0,
			  "%s does not read back as the same id", text);
		cr_assert_eq(strlen(rid), RECORD_ID_LEN);
		cr_assert(rid[0] >= 'A' && rid[0] <= 'Z');
		free(rid);
	}
	cr_assert_not(event_id_valid("0BCDEFGHJKMNPQRS"));
	cr_assert_not(event_id_valid("ABCDEFGHJKMNPQRI")); /* I is not Crockford */
	cr_assert_not(event_id_valid("ABC"));
}

Test(checklist, find_gives_the_event_an_edit_replaced, .init = two_laptops, .fini = two_free)
{
	const struct event **heads;

	set(&two[0], T0, "1.1", "status", "in-progress");
	set(&two[0], T0 + 1, "1.1", "status", "done");
	set(&two[0], T0 + 2, "1.2", "status", "done");
	cr_assert_eq(checklist_heads(two[0].st->cl, "1.1", "status", &heads), 1);
	const struct event *old = checklist_find(two[0].st->cl, "1.1", "status", &heads[0]->pred[0]);
	cr_assert_not_null(old);
	cr_assert_str_eq(old->value, "in-progress");
	cr_assert_null(checklist_find(two[0].st->cl, "1.2", "status", &heads[0]->pred[0]),
		       "found an event of another item");
	free(heads);
}

/* ---- the heads index ---- */

/* Heads by the definition: the events of (item, field) whose id no event
 * of the same (item, field) names in pred, from the flat canonical list. */
static size_t heads_by_definition(const struct checklist *cl, const char *item,
				  const char *field, const struct event **out)
{
	const struct event *const *ev = checklist_events(cl);
	size_t n = checklist_count(cl), k = 0;

	for (size_t i = 0; i < n; i++) {
		bool named = false;

		if (strcmp(ev[i]->item, item) || strcmp(ev[i]->field, field))
			continue;
		for (size_t j = 0; j < n && !named; j++) {
			if (strcmp(ev[j]->item, item) || strcmp(ev[j]->field, field))
				continue;
			for (size_t p = 0; p < ev[j]->npred && !named; p++)
				named = event_id_cmp(&ev[j]->pred[p], &ev[i]->id) == 0;
		}
		if (!named)
			out[k++] = ev[i];
	}
	return k;
}

/* Events as a hand-edited or cut file may hold them: preds naming ids
 * that are not there (yet), an event naming itself, two events with one
 * id and different contents, gens that say nothing; added in a random
 * order.  The kept heads, values, conflicts and counts are always what
 * the definition gives over the whole set. */
Test(checklist, heads_follow_the_definition_in_any_order)
{
	static const char *const fields[] = { "status", "note" };
	static const char *const values[] = { "todo", "done", "in-progress" };

	for (uint64_t seed = 1; seed <= 300; seed++) {
		uint64_t rng = seed;
		struct event_id ids[12];
		struct event pool[40];
		struct event_id preds[40][3];
		size_t n = 8 + sim_below(&rng, 32), order[40];
		struct checklist *cl = checklist_new();
		uint64_t r2 = seed * 7919;
		struct hlc h = {0};
		struct edit_ctx ctx = { "a", "b", &h, T0, sim_random, &r2 };

		for (size_t i = 0; i < ARRAY_LEN(ids); i++)
			ids[i] = checklist_new_id(&ctx);
		for (size_t i = 0; i < n; i++) {
			struct event *e = &pool[i];

			memset(e, 0, sizeof *e);
			e->id = ids[sim_below(&rng, ARRAY_LEN(ids))];
			e->item = items[sim_below(&rng, 2)];
			e->field = fields[sim_below(&rng, 2)];
			e->value = values[sim_below(&rng, 3)];
			e->by = sim_below(&rng, 2) ? "Lan" : "Minh";
			e->replica = "r1";
			e->gen = sim_below(&rng, 4);
			e->at = T0 + sim_below(&rng, 5);
			e->npred = sim_below(&rng, 4);
			for (uint32_t p = 0; p < e->npred; p++)
				preds[i][p] = ids[sim_below(&rng, ARRAY_LEN(ids))];
			/* a set: sorted, unique */
			qsort(preds[i], e->npred, sizeof preds[i][0],
			      (int (*)(const void *, const void *))event_id_cmp);
			uint32_t u = 0;
			for (uint32_t p = 0; p < e->npred; p++)
				if (!u || event_id_cmp(&preds[i][u - 1], &preds[i][p]))
					preds[i][u++] = preds[i][p];
			e->npred = u;
			e->pred = preds[i];
			order[i] = i;
		}
		for (size_t i = n; i > 1; i--) {
			size_t j = sim_below(&rng, (unsigned)i), t = order[i - 1];

			order[i - 1] = order[j];
			order[j] = t;
		}
		for (size_t i = 0; i < n; i++)
			checklist_add(cl, &pool[order[i]]);

		size_t conflicts = 0;
		int64_t max_at = 0;
		for (size_t it = 0; it < 2; it++) {
			for (size_t f = 0; f < 2; f++) {
				const struct event *want[40], **got;
				size_t nw = heads_by_definition(cl, items[it], fields[f], want);
				size_t ng = checklist_heads(cl, items[it], fields[f], &got);
				bool conflict = false, c2;

				cr_assert_eq(ng, nw, "seed %llu %s %s: %zu heads, the definition gives %zu",
					     (unsigned long long)seed, items[it], fields[f], ng, nw);
				for (size_t k = 0; k < nw; k++) {
					cr_assert(got[k] == want[k], "seed %llu: head %zu differs",
						  (unsigned long long)seed, k);
					conflict = conflict || strcmp(want[k]->value, want[0]->value);
				}
				const char *v = checklist_value(cl, items[it], fields[f], &c2);
				cr_assert_eq(c2, conflict);
				cr_assert(conflict || !nw ? v == NULL : strcmp(v, want[0]->value) == 0);
				conflicts += conflict;
				free(got);
			}
		}
		const struct event *const *ev = checklist_events(cl);
		for (size_t i = 0; i < checklist_count(cl); i++) {
			if (ev[i]->at > max_at)
				max_at = ev[i]->at;
			if (i)
				cr_assert_lt(event_cmp(ev[i - 1], ev[i]), 0, "not in canonical order");
		}
		cr_assert_eq(checklist_conflict_count(cl), conflicts, "seed %llu", (unsigned long long)seed);
		cr_assert_eq(checklist_max_at(cl), max_at);
		checklist_free(cl);
	}
}

/* The figures kept per item as events arrive are those its view derives
 * from all of its events. */
Test(checklist, item_stats_agree_with_the_item_view)
{
	for (uint64_t seed = 1; seed <= 100; seed++) {
		uint64_t rng = seed;
		struct laptop l[3];

		laptops_init(l, 3);
		for (int k = 0; k < 60; k++) {
			random_edit(&l[sim_below(&rng, 3)], T0 + k * 1000, &rng);
			if (sim_below(&rng, 5) == 0)
				checklist_join(l[sim_below(&rng, 3)].st->cl, l[sim_below(&rng, 3)].st->cl);
		}
		for (size_t i = 0; i < 3; i++) {
			for (size_t it = 0; it < ARRAY_LEN(items); it++) {
				struct item_view v;
				struct item_stats s;
				const struct event **evs;
				size_t nev = checklist_item_events(l[i].st->cl, items[it], &evs);
				int64_t last = 0;

				checklist_item_view(l[i].st->cl, items[it], &v);
				checklist_item_stats(l[i].st->cl, items[it], &s);
				for (size_t k = 0; k < nev; k++)
					last = evs[k]->at > last ? evs[k]->at : last;
				cr_assert_eq(s.nevents, nev);
				cr_assert_eq(v.nevents, nev);
				cr_assert_eq(s.last_at, last);
				const struct field_view *fixed[] = { &v.status_f, &v.reason_f, &v.note_f,
								     &v.review_f, &v.review_comment_f };
				size_t nc = 0;
				for (size_t f = 0; f < ARRAY_LEN(fixed); f++)
					nc += fixed[f]->conflict;
				for (size_t a = 0; a < v.nacts; a++)
					for (size_t f = 0; f < v.acts[a].nvalues; f++)
						nc += v.acts[a].values[f].conflict;
				cr_assert_eq(s.nconflicts, nc);
				cr_assert_eq(checklist_status(l[i].st->cl, items[it]), v.status);
				free(evs);
				item_view_free(&v);
			}
		}
		laptops_free(l, 3);
	}
}

/* time_format writes what gmtime and printf write, for every moment a
 * file can hold (1970 to 9999), and time_parse reads it back. */
Test(checklist, time_format_agrees_with_gmtime)
{
	uint64_t rng = 5;

	for (int i = 0; i < 200000; i++) {
		int64_t ms = (int64_t)(sim_next(&rng) % 253402300800000ULL), back;
		time_t secs = (time_t)(ms / 1000);
		struct tm tm;
		char got[32], want[64];

		if (i < 4)
			ms = (int64_t[]){ 0, 951782400000LL, 4107456000000LL, 253402300799999LL }[i];
		secs = (time_t)(ms / 1000);
		gmtime_r(&secs, &tm);
		snprintf(want, sizeof want, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
			 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (int)(ms % 1000));
		cr_assert_str_eq(time_format(ms, got, sizeof got), want, "%lld", (long long)ms);
		cr_assert(time_parse(got, &back) && back == ms, "%s", got);
	}
}
