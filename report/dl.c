/*
 * dl.c: libzip and libxlsxwriter, loaded when a report is written as
 * .docx or .xlsx (see internal.h).
 *
 * Both libraries pull in libcrypto (for zip encryption dvk never uses):
 * linked into dvk they would be mapped and relocated at every start of
 * every verb and of the terminal UI, whose first screen is measured
 * against less's.  So they are opened with dlopen by their Debian
 * sonames the first time a workbook or a Word document is written, and
 * called through a table of pointers whose types come from their own
 * headers, so a mismatch is still a compile error.
 */
#include "report/dl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <string.h>

#define LOAD(lib, tab, name)                                                   \
	do {                                                                   \
		*(void **)&(tab)->name = dlsym((lib), #name);                  \
		if (!(tab)->name)                                              \
			return false;                                          \
	} while (0)

static void *open_first(const char *const *names)
{
	for (size_t i = 0; names[i]; i++) {
		void *h = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);

		if (h)
			return h;
	}
	return NULL;
}

/* ---- libzip ---- */

static struct rpt_zip zip_api;
static bool zip_ok;
static pthread_once_t zip_once = PTHREAD_ONCE_INIT;

static bool zip_fill(void *h, struct rpt_zip *t)
{
	LOAD(h, t, zip_open);
	LOAD(h, t, zip_source_buffer);
	LOAD(h, t, zip_file_add);
	LOAD(h, t, zip_close);
	LOAD(h, t, zip_discard);
	LOAD(h, t, zip_strerror);
	LOAD(h, t, zip_name_locate);
	LOAD(h, t, zip_source_free);
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
	LOAD(h, t, workbook_new_opt);
	LOAD(h, t, workbook_add_worksheet);
	LOAD(h, t, workbook_add_format);
	LOAD(h, t, workbook_close);
	LOAD(h, t, workbook_set_properties);
	LOAD(h, t, worksheet_write_string);
	LOAD(h, t, worksheet_write_number);
	LOAD(h, t, worksheet_write_blank);
	LOAD(h, t, worksheet_set_column);
	LOAD(h, t, worksheet_set_row);
	LOAD(h, t, worksheet_freeze_panes);
	LOAD(h, t, worksheet_autofilter);
	LOAD(h, t, format_set_bold);
	LOAD(h, t, format_set_italic);
	LOAD(h, t, format_set_num_format);
	LOAD(h, t, format_set_text_wrap);
	LOAD(h, t, format_set_align);
	LOAD(h, t, format_set_bg_color);
	LOAD(h, t, format_set_border);
	LOAD(h, t, format_set_font_name);
	LOAD(h, t, format_set_font_size);
	LOAD(h, t, lxw_strerror);
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
