/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dl.c: libzip and libxlsxwriter, loaded when a report is written as
 * .docx or .xlsx (see internal.h).
 *
 * Both libraries, as Debian builds them, pull in libcrypto (for zip
 * encryption and image digests dvk never uses): linked into dvk they
 * would be mapped and relocated at every start of every verb and of the
 * terminal UI, whose first screen is measured against less's.  So the
 * ordinary build opens them with dlopen by their Debian sonames the first
 * time a workbook or a Word document is written.
 *
 * The static binary (make static, tools/static.sh) cannot dlopen: there
 * both are built from Debian's sources without any crypto and linked in
 * (DVK_STATIC_OFFICE), and the tables hold the functions themselves.  In
 * a static binary nothing is relocated at start, so this costs only the
 * size of the code.
 */
#include "report/dl.h"

#ifdef DVK_STATIC_OFFICE

#define RPT_INIT(name) .name = name,

static const struct rpt_zip zip_api = { RPT_ZIP_FNS(RPT_INIT) };
static const struct rpt_xlsx xlsx_api = { RPT_XLSX_FNS(RPT_INIT) };

const struct rpt_zip *rpt_zip_api(struct dvk_error *err)
{
	(void)err;
	return &zip_api;
}

const struct rpt_xlsx *rpt_xlsx_api(struct dvk_error *err)
{
	(void)err;
	return &xlsx_api;
}

#else

#include <dlfcn.h>
#include <pthread.h>

static void *open_first(const char *const *names)
{
	for (size_t i = 0; names[i]; i++) {
		void *h = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);

		if (h)
			return h;
	}
	return NULL;
}

/* Fill each field of a table from h; false when one is missing. */
#define RPT_LOAD(name)                                                         \
	if (!(*(void **)&t->name = dlsym(h, #name)))                           \
		return false;

/* ---- libzip ---- */

static struct rpt_zip zip_api;
static bool zip_ok;
static pthread_once_t zip_once = PTHREAD_ONCE_INIT;

static bool zip_fill(void *h, struct rpt_zip *t)
{
	RPT_ZIP_FNS(RPT_LOAD)
	return true;
}

static void zip_load(void)
{
	static const char *const names[] = { "libzip.so.4", "libzip.so.5", "libzip.so", NULL };
	void *h = open_first(names);

	zip_ok = h && zip_fill(h, &zip_api);
}

const struct rpt_zip *rpt_zip_api(struct dvk_error *err)
{
	pthread_once(&zip_once, zip_load);
	if (zip_ok)
		return &zip_api;
	dvk_error_setc(err, DVK_E_FAIL, NULL, 0, 0, "%s",
		       _("writing a Word document needs libzip (Debian: apt-get install libzip4)"));
	return NULL;
}

/* ---- libxlsxwriter ---- */

static struct rpt_xlsx xlsx_api;
static bool xlsx_ok;
static pthread_once_t xlsx_once = PTHREAD_ONCE_INIT;

static bool xlsx_fill(void *h, struct rpt_xlsx *t)
{
	RPT_XLSX_FNS(RPT_LOAD)
	return true;
}

static void xlsx_load(void)
{
	static const char *const names[] = { "libxlsxwriter.so.4", "libxlsxwriter.so.5",
					     "libxlsxwriter.so", NULL };
	void *h = open_first(names);

	xlsx_ok = h && xlsx_fill(h, &xlsx_api);
}

const struct rpt_xlsx *rpt_xlsx_api(struct dvk_error *err)
{
	pthread_once(&xlsx_once, xlsx_load);
	if (xlsx_ok)
		return &xlsx_api;
	dvk_error_setc(err, DVK_E_FAIL, NULL, 0, 0, "%s",
		       _("writing a spreadsheet needs libxlsxwriter (Debian: apt-get install libxlsxwriter4)"));
	return NULL;
}

#endif
