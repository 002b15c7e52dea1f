/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * docx.c: a document of blocks (rdoc.h) as a Word document: plain
 * WordprocessingML parts in a zip written with libzip (see report.h,
 * report_write_docx).
 *
 * The page follows Nghị định 30/2020/NĐ-CP, Phụ lục I: A4 (210 × 297 mm)
 * upright; margins 20 mm top and bottom, 30 mm left, 15 mm right (the
 * decree allows 20-25, 30-35 and 15-20); Times New Roman throughout,
 * body text 14 pt; page numbers centred in the top margin from the second
 * page on.  Sizes of the parts (13 pt quốc hiệu, 12 pt "Nơi nhận", 11 pt
 * recipients) come from the paragraphs themselves.
 */
#include "report/internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/dl.h"
#include "report/rdoc.h"
#include "store/store.h"
#include "text/text.h"

/* Twentieths of a point: 1 mm is 56.7. */
#define PAGE_W 11906
#define PAGE_H 16838
#define MARGIN_TOP 1134
#define MARGIN_BOTTOM 1134
#define MARGIN_LEFT 1701
#define MARGIN_RIGHT 850
#define TEXT_W (PAGE_W - MARGIN_LEFT - MARGIN_RIGHT)
#define BODY_PT 14

/* Text for XML: valid UTF-8, control characters shown as the terminal
 * writers show them, the five XML characters as entities. */
static void xml_text(struct buf *b, const char *s)
{
	char *fixed = NULL, *clean;

	if (!text_valid_utf8(s, strlen(s), NULL))
		s = fixed = text_nfc(s);
	clean = text_sanitize(s, true);
	for (const char *p = clean; *p; p++) {
		switch (*p) {
		case '&': buf_adds(b, "&amp;"); break;
		case '<': buf_adds(b, "&lt;"); break;
		case '>': buf_adds(b, "&gt;"); break;
		case '"': buf_adds(b, "&quot;"); break;
		case '\n': buf_adds(b, "</w:t><w:br/><w:t xml:space=\"preserve\">"); break;
		default: buf_addc(b, *p);
		}
	}
	free(clean);
	free(fixed);
}

static void run_xml(struct buf *b, const struct rd_run *r, int size)
{
	buf_adds(b, "<w:r><w:rPr>");
	if (r->flags & RD_BOLD)
		buf_adds(b, "<w:b/><w:bCs/>");
	if (r->flags & RD_ITALIC)
		buf_adds(b, "<w:i/><w:iCs/>");
	if (size)
		buf_printf(b, "<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/>", size * 2, size * 2);
	buf_adds(b, "</w:rPr><w:t xml:space=\"preserve\">");
	xml_text(b, r->text);
	buf_adds(b, "</w:t></w:r>");
}

static const char *jc(enum rd_align a)
{
	switch (a) {
	case RD_CENTER: return "center";
	case RD_JUSTIFY: return "both";
	case RD_RIGHT: return "right";
	default: return "left";
	}
}

/* A paragraph; width is that of what holds it (the text column or a
 * cell), for the short rule under it. */
static void para_xml(struct buf *b, const struct rd_para *p, unsigned width)
{
	buf_adds(b, "<w:p><w:pPr>");
	if (p->page_break)
		buf_adds(b, "<w:pageBreakBefore/>");
	if (p->heading)
		buf_adds(b, "<w:keepNext/>");
	buf_printf(b, "<w:spacing w:before=\"%d\" w:after=\"%d\"/>", p->heading ? 120 : 0,
		   p->bullet || width < TEXT_W ? 0 : 120);
	if (p->indent)
		buf_adds(b, "<w:ind w:firstLine=\"567\"/>");
	else if (p->bullet)
		buf_adds(b, "<w:ind w:firstLine=\"567\"/>");
	buf_printf(b, "<w:jc w:val=\"%s\"/></w:pPr>", jc(p->align));
	if (p->bullet) {
		struct rd_run dash = { (char *)"- ", 0 };

		run_xml(b, &dash, p->size);
	}
	for (size_t i = 0; i < p->nruns; i++)
		run_xml(b, &p->runs[i], p->size);
	buf_adds(b, "</w:p>");
	if (p->rule) {
		/* The decree's short line: an empty paragraph with a border
		 * below, narrowed by indents to the line's length. */
		unsigned len = (unsigned)p->rule < width ? (unsigned)p->rule : width / 2;
		unsigned side = (width - len) / 2;

		buf_printf(b, "<w:p><w:pPr><w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" "
			      "w:color=\"000000\"/></w:pBdr><w:spacing w:before=\"0\" w:after=\"0\" "
			      "w:line=\"120\" w:lineRule=\"exact\"/><w:ind w:left=\"%u\" w:right=\"%u\"/>"
			      "</w:pPr></w:p>",
			   side, side);
	}
}

/*
 * Where document.xml goes as it is made: a province's annex runs to
 * hundreds of thousands of rows, so past SINK_MEM bytes the text moves to
 * an unlinked temporary file that libzip reads when it writes the zip.
 * Without a temporary file it all stays in memory.
 */
#define SINK_MEM (1u << 20)

struct sink {
	struct buf b;
	FILE *f;     /* NULL: all in b */
	int error;   /* errno of a failed write, 0 if none */
};

static void sink_maybe(struct sink *s)
{
	if (s->b.len < SINK_MEM || s->error)
		return;
	if (!s->f && !(s->f = tmpfile()))
		return;
	if (fwrite(s->b.data, 1, s->b.len, s->f) != s->b.len)
		s->error = errno ? errno : EIO;
	s->b.len = 0;
}

static void table_xml(struct sink *s, const struct rd_table *t)
{
	struct buf *b = &s->b;
	struct rd_rows it = { .t = t };
	const struct rd_cell *row;
	unsigned total = 0, *w = xcalloc(t->ncols, sizeof *w);
	const char *line = t->borders ? "single" : "nil";

	for (size_t c = 0; c < t->ncols; c++) {
		w[c] = t->widths[c] ? t->widths[c] : TEXT_W / (unsigned)t->ncols;
		total += w[c];
	}
	buf_printf(b, "<w:tbl><w:tblPr><w:tblW w:w=\"%u\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>"
		      "<w:tblLayout w:type=\"fixed\"/><w:tblBorders>",
		   total);
	static const char *const sides[] = { "top", "left", "bottom", "right", "insideH", "insideV" };
	for (size_t i = 0; i < ARRAY_LEN(sides); i++)
		buf_printf(b, "<w:%s w:val=\"%s\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>", sides[i],
			   line);
	buf_adds(b, "</w:tblBorders><w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/>"
		    "<w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>");
	for (size_t c = 0; c < t->ncols; c++)
		buf_printf(b, "<w:gridCol w:w=\"%u\"/>", w[c]);
	buf_adds(b, "</w:tblGrid>");
	for (size_t r = 0; (row = rd_rows_next(&it)); r++) {
		buf_adds(b, "<w:tr>");
		if (r == 0 && t->header)
			buf_adds(b, "<w:trPr><w:tblHeader/></w:trPr>");
		for (size_t c = 0; c < t->ncols; c++) {
			const struct rd_cell *cell = &row[c];

			buf_printf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%u\" w:type=\"dxa\"/></w:tcPr>", w[c]);
			for (size_t k = 0; k < cell->n; k++)
				para_xml(b, &cell->paras[k], w[c]);
			if (!cell->n)
				buf_adds(b, "<w:p/>"); /* a cell must hold a paragraph */
			buf_adds(b, "</w:tc>");
		}
		buf_adds(b, "</w:tr>");
		sink_maybe(s);
	}
	rd_rows_end(&it);
	buf_adds(b, "</w:tbl>");
	free(w);
}

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" " \
	     "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

/* document.xml into s: its tail in s->b, the rest (if any) in s->f. */
static void document_xml(const struct rdoc *d, struct sink *s)
{
	struct buf *b = &s->b;

	buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document " W_NS
		    "><w:body>");
	for (size_t i = 0; i < d->n; i++) {
		if (d->b[i].kind == RD_TABLE) {
			table_xml(s, &d->b[i].t);
			/* Word needs a paragraph between two tables. */
			if (i + 1 < d->n && d->b[i + 1].kind == RD_TABLE)
				buf_adds(b, "<w:p/>");
		} else {
			para_xml(b, &d->b[i].p, TEXT_W);
		}
		sink_maybe(s);
	}
	buf_printf(b, "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/>"
		      "<w:pgSz w:w=\"%d\" w:h=\"%d\"/><w:pgMar w:top=\"%d\" w:right=\"%d\" "
		      "w:bottom=\"%d\" w:left=\"%d\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>"
		      "<w:pgNumType w:start=\"1\"/><w:titlePg/></w:sectPr></w:body></w:document>\n",
		   PAGE_W, PAGE_H, MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM, MARGIN_LEFT);
	if (s->f && !s->error) {
		/* All of it in the file, for libzip to read from the start. */
		if (fwrite(b->data, 1, b->len, s->f) != b->len || fflush(s->f) != 0 ||
		    fseeko(s->f, 0, SEEK_SET) != 0)
			s->error = errno ? errno : EIO;
		b->len = 0;
	}
	buf_add(b, "", 0);
}

static char *styles_xml(void)
{
	return xasprintf(
		"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles " W_NS ">"
		"<w:docDefaults><w:rPrDefault><w:rPr>"
		"<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"Times New Roman\" "
		"w:cs=\"Times New Roman\"/><w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/>"
		"<w:lang w:val=\"vi-VN\"/></w:rPr></w:rPrDefault>"
		"<w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"288\" w:lineRule=\"auto\"/>"
		"</w:pPr></w:pPrDefault></w:docDefaults>"
		"<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
		"<w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" "
		"w:cs=\"Times New Roman\"/><w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/></w:rPr></w:style>"
		"<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
		"<w:name w:val=\"Normal Table\"/><w:tblPr><w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/>"
		"<w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
		"</w:styles>\n",
		BODY_PT * 2, BODY_PT * 2, BODY_PT * 2, BODY_PT * 2);
}

static const char header_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:hdr " W_NS "><w:p><w:pPr>"
	"<w:jc w:val=\"center\"/></w:pPr><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r>"
	"<w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r><w:r>"
	"<w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>2</w:t></w:r><w:r>"
	"<w:fldChar w:fldCharType=\"end\"/></w:r></w:p></w:hdr>\n";

static const char content_types[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	"<Override PartName=\"/word/document.xml\" ContentType=\"application/"
	"vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
	"<Override PartName=\"/word/styles.xml\" ContentType=\"application/"
	"vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
	"<Override PartName=\"/word/header1.xml\" ContentType=\"application/"
	"vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
	"<Override PartName=\"/docProps/core.xml\" ContentType=\"application/"
	"vnd.openxmlformats-package.core-properties+xml\"/>"
	"</Types>\n";

static const char root_rels[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	"relationships/officeDocument\" Target=\"word/document.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
	"relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
	"</Relationships>\n";

static const char document_rels[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	"relationships/styles\" Target=\"styles.xml\"/>"
	"<Relationship Id=\"rIdHeader\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	"relationships/header\" Target=\"header1.xml\"/>"
	"</Relationships>\n";

static char *core_xml(const char *title)
{
	struct buf b = { 0 };

	buf_adds(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
		     "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/"
		     "metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
		     "<dc:title>");
	{
		/* xml_text writes a run's text; a title has no line breaks. */
		struct buf t = { 0 };

		xml_text(&t, title ? title : "");
		buf_adds(&b, t.data ? t.data : "");
		buf_free(&t);
	}
	buf_adds(&b, "</dc:title><dc:creator>dvk</dc:creator></cp:coreProperties>\n");
	return buf_steal(&b);
}

/* ------------------------------------------------------------------ */
/* The zip                                                             */
/* ------------------------------------------------------------------ */

struct part {
	const char *name;
	char *bytes;  /* owned */
	FILE *file;   /* owned; instead of bytes when set */
};

/* Write parts into a zip at tmp, then check that it opens again and has
 * them.  Returns 1, or 0 with err. */
static int write_zip(const struct rpt_zip *z, const char *tmp, struct part *parts, size_t n,
		     struct dvk_error *err)
{
	int zerr = 0;
	zip_t *zf = z->zip_open(tmp, ZIP_CREATE | ZIP_TRUNCATE, &zerr);

	if (!zf)
		return dvk_error_setc(err, DVK_E_IO, tmp, 0, 0, _("cannot make the zip file (libzip error %d)"),
				      zerr);
	for (size_t i = 0; i < n; i++) {
		zip_source_t *src;

		if (parts[i].file) {
			/* The source owns the file from here on. */
			src = z->zip_source_filep(zf, parts[i].file, 0, -1);
			if (src)
				parts[i].file = NULL;
		} else {
			src = z->zip_source_buffer(zf, parts[i].bytes, strlen(parts[i].bytes), 0);
		}

		if (!src || z->zip_file_add(zf, parts[i].name, src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
			dvk_error_setc(err, DVK_E_IO, tmp, 0, 0, "zip: %s", z->zip_strerror(zf));
			if (src)
				z->zip_source_free(src);
			z->zip_discard(zf);
			return 0;
		}
	}
	if (z->zip_close(zf) != 0) {
		dvk_error_setc(err, DVK_E_IO, tmp, 0, 0, "zip: %s", z->zip_strerror(zf));
		z->zip_discard(zf);
		return 0;
	}
	/* A file dvk wrote must open: read it back with every part. */
	zf = z->zip_open(tmp, ZIP_CHECKCONS, &zerr);
	if (!zf)
		return dvk_error_setc(err, DVK_E_FAIL, tmp, 0, 0,
				      _("the file written does not read back as a zip (libzip error %d)"), zerr);
	for (size_t i = 0; i < n; i++)
		if (z->zip_name_locate(zf, parts[i].name, 0) < 0) {
			z->zip_discard(zf);
			return dvk_error_setc(err, DVK_E_FAIL, tmp, 0, 0,
					      _("the file written lacks %s"), parts[i].name);
		}
	z->zip_discard(zf);
	return 1;
}

int rpt_docx_write(const struct rdoc *d, const char *title, const char *path, struct dvk_error *err)
{
	const struct rpt_zip *z = rpt_zip_api(err);
	struct sink doc = { 0 };
	int ok = 0;

	if (!z)
		return 0;
	document_xml(d, &doc);
	if (doc.error) {
		if (doc.f)
			fclose(doc.f);
		buf_free(&doc.b);
		return dvk_error_setc(err, DVK_E_IO, path, 0, 0, _("cannot write the report: %s"), strerror(doc.error));
	}
	{
		struct part parts[] = {
			{ "[Content_Types].xml", xstrdup(content_types), NULL },
			{ "_rels/.rels", xstrdup(root_rels), NULL },
			{ "word/_rels/document.xml.rels", xstrdup(document_rels), NULL },
			{ "word/document.xml", doc.f ? NULL : buf_steal(&doc.b), doc.f },
			{ "word/styles.xml", styles_xml(), NULL },
			{ "word/header1.xml", xstrdup(header_xml), NULL },
			{ "docProps/core.xml", core_xml(title), NULL },
		};
		char *tmp = report_temp_beside(path);

		ok = write_zip(z, tmp, parts, ARRAY_LEN(parts), err) && report_move_into_place(tmp, path, err);
		unlink(tmp);
		free(tmp);
		for (size_t i = 0; i < ARRAY_LEN(parts); i++) {
			free(parts[i].bytes);
			if (parts[i].file)
				fclose(parts[i].file);
		}
	}
	buf_free(&doc.b);
	return ok;
}
