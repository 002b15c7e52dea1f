/* common.c: helpers shared by the verbs (see cli.h). */
#include "cli/cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report/report.h"
#include "text/text.h"

void cli_put(FILE *f, const char *s)
{
	char *clean = text_sanitize(s ? s : "", true);

	fputs(clean, f);
	free(clean);
}

void cli_error(const struct dvk_error *err)
{
	char buf[DVK_ERR_MSG + DVK_ERR_PATH + 64];

	cli_put(stderr, dvk_error_format(err, buf, sizeof buf));
	fputc('\n', stderr);
}

void cli_fail(const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	fputs("dvk: ", stderr);
	cli_put(stderr, b.data);
	fputc('\n', stderr);
	buf_free(&b);
}

int cli_usage(const struct verb *v, const char *fmt, ...)
{
	if (fmt) {
		struct buf b = {0};
		va_list ap;

		va_start(ap, fmt);
		buf_vprintf(&b, fmt, ap);
		va_end(ap);
		fprintf(stderr, "dvk %s: ", v->name);
		cli_put(stderr, b.data);
		fputc('\n', stderr);
		buf_free(&b);
	}
	fprintf(stderr, _("usage: dvk %s %s\n"), v->name, _(v->usage));
	fprintf(stderr, _("(see dvk %s --help)\n"), v->name);
	return EXIT_USAGE;
}

int cli_getopt(struct cli *c, int argc, char **argv)
{
	static const struct option none[] = { { 0 } };
	const struct verb *v = c->verb;

	opterr = 0;
	return getopt_long(argc, argv, v->opts ? v->opts : "", v->longopts ? v->longopts : none,
			   NULL);
}

void cli_print_help(const struct verb *v)
{
	printf(_("usage: dvk %s %s\n"), v->name, _(v->usage));
	printf("\n%s\n\n%s", _(v->summary), _(v->help));
}

void cli_put_padded(FILE *f, const char *s, int cols)
{
	char *clean = text_sanitize(s ? s : "", false);
	int used;
	size_t n = text_fit(clean, cols, &used);

	if (clean[n] != '\0' && cols > 1) {
		/* cropped: leave a column for an ellipsis so it reads as such */
		n = text_fit(clean, cols - 1, &used);
		fwrite(clean, 1, n, f);
		fputs("…", f);
		used++;
	} else {
		fwrite(clean, 1, n, f);
	}
	for (; used < cols; used++)
		fputc(' ', f);
	free(clean);
}

void cli_put_csv(FILE *f, const char *s)
{
	report_csv_field(f, s, false);
}

char *cli_own_path(struct cli *c)
{
	if (!c->cfg.unit) {
		cli_fail("which unit? give --unit ID, set DVK_UNIT, or put \"unit: ID\" in %s",
			 c->cfg.config_file);
		return NULL;
	}
	return store_path(c->cfg.data_dir, c->dir->id, c->cfg.unit);
}

struct state *cli_load_state(struct cli *c, const char *path, bool allow_missing)
{
	struct dvk_error err;
	struct state *st;

	dvk_error_clear(&err);
	if (allow_missing && !store_exists(path)) {
		st = state_new(c->dir->id, c->cfg.unit);
		if (c->cfg.unit_name)
			st->unit_name = xstrdup(c->cfg.unit_name);
		if (c->cfg.parent)
			st->parent = xstrdup(c->cfg.parent);
		return st;
	}
	st = store_load(path, c->dir, &err);
	if (!st)
		cli_error(&err);
	return st;
}

int cli_edit_begin(struct cli *c, struct edit_ctx *ctx, struct hlc *clock)
{
	struct dvk_error err;
	char *replica;

	dvk_error_clear(&err);
	if (!c->cfg.user) {
		cli_fail("who is editing? give --user NAME, set DVK_USER, or put \"user: NAME\" in %s",
			 c->cfg.config_file);
		return 0;
	}
	replica = config_replica(&c->cfg, &err);
	if (!replica || !config_clock_load(&c->cfg, clock, &err)) {
		cli_error(&err);
		free(replica);
		return 0;
	}
	memset(ctx, 0, sizeof *ctx);
	ctx->by = c->cfg.user;
	ctx->replica = replica;
	ctx->clock = clock;
	ctx->now = config_now();
	ctx->random = config_random;
	return 1;
}

void cli_edit_done(struct cli *c, struct edit_ctx *ctx)
{
	struct dvk_error err;

	dvk_error_clear(&err);
	if (!config_clock_save(&c->cfg, ctx->clock, &err))
		cli_error(&err);
	free((char *)ctx->replica);
	ctx->replica = NULL;
}

/* dd/mm/yyyy HH:MM in local time, as people in Vietnam write dates. */
static void local_time(int64_t ms, char *buf, size_t n)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	if (!localtime_r(&t, &tm) || !strftime(buf, n, "%d/%m/%Y %H:%M", &tm))
		snprintf(buf, n, "?");
}

void cli_clock_warning(const char *what, int64_t newest_at)
{
	int64_t now = config_now();
	char seen[64], here[64];

	if (!store_clock_behind(newest_at, now))
		return;
	local_time(newest_at, seen, sizeof seen);
	local_time(now, here, sizeof here);
	fprintf(stderr, "dvk: warning: this laptop's date looks wrong: ");
	cli_put(stderr, what);
	fprintf(stderr, " has entries up to %s, but this laptop says %s.\n"
		"     Set the date and time: edits made now would look older than work already done.\n",
		seen, here);
}
