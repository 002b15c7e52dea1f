/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dl.h: libzip and libxlsxwriter through tables of functions (dl.c says
 * why).  Private to report/: only docx.c and xlsx.c include it.
 *
 * Each table is listed once below; the pointers' types come from the
 * libraries' own headers, so a mismatch is a compile error whether the
 * table is filled by dlopen (the ordinary build) or with the functions
 * themselves (DVK_STATIC_OFFICE: `make static` links both in).
 */
#ifndef REPORT_DL_H
#define REPORT_DL_H

#include <xlsxwriter.h>
#include <zip.h>

#include "base/base.h"

#define RPT_ZIP_FNS(X)                                                         \
	X(zip_open) X(zip_source_buffer) X(zip_file_add) X(zip_close)          \
	X(zip_discard) X(zip_strerror) X(zip_name_locate) X(zip_source_free)   \
	X(zip_source_filep)

#define RPT_XLSX_FNS(X)                                                        \
	X(workbook_new_opt) X(workbook_add_worksheet) X(workbook_add_format)   \
	X(workbook_close) X(workbook_set_properties) X(worksheet_write_string) \
	X(worksheet_write_number) X(worksheet_write_blank)                     \
	X(worksheet_set_column) X(worksheet_set_row) X(worksheet_freeze_panes) \
	X(worksheet_autofilter) X(format_set_bold) X(format_set_italic)        \
	X(format_set_num_format) X(format_set_text_wrap) X(format_set_align)   \
	X(format_set_bg_color) X(format_set_border) X(format_set_font_name)    \
	X(format_set_font_size) X(lxw_strerror)

#define RPT_FN(name) __typeof__(&name) name;

struct rpt_zip {
	RPT_ZIP_FNS(RPT_FN)
};

struct rpt_xlsx {
	RPT_XLSX_FNS(RPT_FN)
};

#undef RPT_FN

/* The tables, loaded once; NULL with err set when the library is not
 * installed. */
const struct rpt_zip *rpt_zip_api(struct dvk_error *err);
const struct rpt_xlsx *rpt_xlsx_api(struct dvk_error *err);

#endif
