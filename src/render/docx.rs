//! Writes a `Document` as .docx with docx-rs: the header table, Kính gửi, body, footnotes,
//! and the Nơi nhận and signature table, in the sizes of `layout`.

use docx_rs::{
    AlignmentType, BorderType, Docx, Footnote, Header, LineSpacing, LineSpacingType, PageMargin,
    PageNum, Paragraph, ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run,
    SpecialIndentType, Table, TableCell, TableCellMargins, TableLayoutType, TableRow, WidthType,
};

use std::fmt::Write as _;

use crate::document::{Document, Inline, Para, Recipients, Role, KINH_GUI};
use crate::error::Error;
use crate::layout::*;
use crate::render::package::{self, Parts};

/// The letter as .docx bytes; the same document always gives the same bytes.
pub fn docx(doc: &Document) -> Result<Vec<u8>, Error> {
    package::assemble(build_parts(doc), &doc.properties)
}

/// Several copies of a letter in one .docx, each in its own section so that its page
/// numbers start again (none on its first page). Footnotes would share ids across the
/// copies, so a letter with footnotes is refused here: write one file per copy instead.
pub fn copies_docx(docs: &[Document]) -> Result<Vec<u8>, Error> {
    let [first, rest @ ..] = docs else {
        return Err(Error::Docx("không có bản nào để in".into()));
    };
    if rest.is_empty() {
        return docx(first);
    }
    if docs.iter().any(|d| !d.notes.is_empty()) {
        return Err(Error::Docx(
            "công văn có chú thích cuối trang: xuất mỗi bản một tệp".into(),
        ));
    }
    let mut parts = build_parts(first);
    let whole = String::from_utf8(parts.document.clone())
        .map_err(|e| Error::Docx(format!("document.xml: {e}")))?;
    let (_, section) = split_body(&whole)?;
    // Each section restarts its page numbers; the header parts are shared by all.
    let section = section.replacen(
        "</w:sectPr>",
        r#"<w:pgNumType w:start="1" /></w:sectPr>"#,
        1,
    );
    let mut body = String::new();
    for (i, doc) in docs.iter().enumerate() {
        let xml = if i == 0 {
            whole.clone()
        } else {
            String::from_utf8(build_parts(doc).document)
                .map_err(|e| Error::Docx(format!("document.xml: {e}")))?
        };
        body.push_str(split_body(&xml)?.0);
        if i + 1 < docs.len() {
            let _ = write!(body, "<w:p><w:pPr>{section}</w:pPr></w:p>");
        }
    }
    let open = whole
        .find("<w:body>")
        .ok_or_else(|| Error::Docx("document.xml không có w:body".into()))?
        + "<w:body>".len();
    let close = whole
        .rfind("</w:body>")
        .ok_or_else(|| Error::Docx("document.xml không có w:body".into()))?;
    parts.document = format!("{}{body}{section}{}", &whole[..open], &whole[close..]).into_bytes();
    package::assemble(parts, &first.properties)
}

/// The content of a document.xml body, and its final section properties.
fn split_body(xml: &str) -> Result<(&str, &str), Error> {
    let bad = || Error::Docx("document.xml không có phần thân như mong đợi".into());
    let open = xml.find("<w:body>").ok_or_else(bad)? + "<w:body>".len();
    let sect = xml.rfind("<w:sectPr").ok_or_else(bad)?;
    let end = xml.rfind("</w:sectPr>").ok_or_else(bad)? + "</w:sectPr>".len();
    Ok((&xml[open..sect], &xml[sect..end]))
}

/// The content parts, as docx-rs builds them.
fn build_parts(doc: &Document) -> Parts {
    // Styles and numbering are written by the package module; docx-rs's presets are dropped
    // unbuilt, which halves its build time.
    let mut d = Docx::new()
        .styles(docx_rs::Styles::new())
        .numberings(docx_rs::Numberings::new())
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(
            PageMargin::new()
                .top(MARGIN_TOP as i32)
                .bottom(MARGIN_BOTTOM as i32)
                .left(MARGIN_LEFT as i32)
                .right(MARGIN_RIGHT as i32)
                .header(HEADER_DISTANCE as i32)
                .footer(HEADER_DISTANCE as i32),
        )
        // Page numbers from page 2, centred in the top margin; page 1 shows none (spec §1).
        .header(
            Header::new().add_paragraph(
                Paragraph::new()
                    .style("Header")
                    .add_page_num(PageNum::new()),
            ),
        )
        .first_header(Header::new().add_paragraph(Paragraph::new().style("Header")));
    if let Some(mark) = &doc.copy_mark {
        d = d.add_paragraph(Paragraph::new().align(AlignmentType::Right).add_run(run(
            mark,
            SIZE_COPY_MARK,
            false,
            true,
        )));
    }
    d = d.add_table(header_table(doc));

    if let Some(h) = &doc.heading {
        d = d
            .add_paragraph(
                centred(&h.kind, SIZE_TITLE, true, false).line_spacing(before(BLOCK_BEFORE)),
            )
            .add_paragraph(centred(&h.subject, SIZE_TITLE, true, false))
            .add_paragraph(rule(h.rule, TEXT_WIDTH));
    }
    for p in recipients(&doc.recipients) {
        d = d.add_paragraph(p);
    }
    let mut notes = doc.notes.iter().enumerate();
    let last = doc.body.len().saturating_sub(1);
    for (i, para) in doc.body.iter().enumerate() {
        // The last paragraph keeps with the signature, so a page never starts with it alone.
        d = d.add_paragraph(body_paragraph(para, &mut notes).keep_next(i == last));
    }
    d = d.add_table(signature_table(doc));
    let built = d.build();

    Parts {
        document: built.document,
        headers: built.headers,
        footnotes: built.footnotes,
    }
}

fn run(text: &str, size: usize, bold: bool, italic: bool) -> Run {
    // Sizes go on every run: docx-rs's paragraph size styles only the paragraph mark.
    let mut r = Run::new().add_text(text).size(size);
    if bold {
        r = r.bold();
    }
    if italic {
        r = r.italic();
    }
    r
}

fn before(twips: u32) -> LineSpacing {
    LineSpacing::new().before(twips).after(0)
}

fn centred(text: &str, size: usize, bold: bool, italic: bool) -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Center)
        .add_run(run(text, size, bold, italic))
}

/// A solid rule `len` twips long, centred in a column `width` wide: an empty paragraph
/// with only a bottom border, so it is drawn, not typed with dashes (spec §3).
fn rule(len: u32, width: u32) -> Paragraph {
    let side = (width.saturating_sub(len) / 2) as i32;
    Paragraph::new()
        .indent(Some(side), None, Some(side), None)
        .line_spacing(
            LineSpacing::new()
                .before(0)
                .after(0)
                .line_rule(LineSpacingType::Exact)
                .line(40),
        )
        .set_borders(
            ParagraphBorders::with_empty().set(
                ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                    .val(BorderType::Single)
                    .size(RULE_SIZE)
                    .space(0),
            ),
        )
}

fn cell(width: u32, paragraphs: Vec<Paragraph>) -> TableCell {
    paragraphs.into_iter().fold(
        TableCell::new().width(width as usize, WidthType::Dxa),
        TableCell::add_paragraph,
    )
}

fn borderless(rows: Vec<TableRow>, left: u32, right: u32) -> Table {
    Table::without_borders(rows)
        .set_grid(vec![left as usize, right as usize])
        .width((left + right) as usize, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(0, 0, 0, 0))
}

/// Ô 1–4 and 5b: names | Quốc hiệu and Tiêu ngữ, with their rules; Số | place and date on
/// one line; and, for a công văn, "V/v …" under the number (spec §2, §6).
fn header_table(doc: &Document) -> Table {
    let mut names = Vec::new();
    if let Some(parent) = &doc.parent_body {
        names.push(centred(parent, SIZE_BODY_NAME, false, false));
    }
    names.push(centred(&doc.issuer, SIZE_BODY_NAME, true, false));
    names.push(rule(doc.issuer_rule, HEADER_LEFT));
    let nation = vec![
        centred(QUOC_HIEU, SIZE_QUOC_HIEU, true, false),
        centred(TIEU_NGU, SIZE_TIEU_NGU, true, false),
        rule(doc.motto_rule, HEADER_RIGHT),
    ];
    let mut rows = vec![
        TableRow::new(vec![cell(HEADER_LEFT, names), cell(HEADER_RIGHT, nation)]),
        TableRow::new(vec![
            cell(
                HEADER_LEFT,
                vec![centred(&doc.number_line, SIZE_NUMBER, false, false)
                    .line_spacing(before(NUMBER_BEFORE))],
            ),
            cell(
                HEADER_RIGHT,
                vec![centred(&doc.place_date, doc.date_size, false, true)
                    .line_spacing(before(NUMBER_BEFORE))],
            ),
        ]),
    ];
    if let Some(vv) = &doc.subject_line {
        rows.push(TableRow::new(vec![
            cell(
                HEADER_LEFT,
                vec![centred(vv, SIZE_VV, false, false).line_spacing(before(VV_BEFORE))],
            ),
            cell(HEADER_RIGHT, vec![Paragraph::new()]),
        ]));
    }
    borderless(rows, HEADER_LEFT, HEADER_RIGHT)
}

/// Ô 9a: one addressee on the "Kính gửi:" line, wrapping under itself; several on their own
/// lines with the dashes under the colon (spec §3, §6).
fn recipients(r: &Recipients) -> Vec<Paragraph> {
    let label_width = text_width(&format!("{KINH_GUI} "), SIZE_TEXT, false) as i32;
    let first = KINH_GUI_INDENT as i32;
    match r {
        Recipients::None => vec![],
        Recipients::One(name) => vec![Paragraph::new()
            .indent(
                Some(first + label_width),
                Some(SpecialIndentType::Hanging(label_width)),
                None,
                None,
            )
            .line_spacing(before(BLOCK_BEFORE))
            .add_run(run(&format!("{KINH_GUI} {name}"), SIZE_TEXT, false, false))],
        Recipients::Many { lines, dash_indent } => {
            let dash = text_width("- ", SIZE_TEXT, false) as i32;
            let mut out = vec![Paragraph::new()
                .indent(Some(first), None, None, None)
                .line_spacing(before(BLOCK_BEFORE))
                .add_run(run(KINH_GUI, SIZE_TEXT, false, false))];
            out.extend(lines.iter().map(|line| {
                Paragraph::new()
                    .indent(
                        Some(*dash_indent as i32 + dash),
                        Some(SpecialIndentType::Hanging(dash)),
                        None,
                        None,
                    )
                    .add_run(run(line, SIZE_TEXT, false, false))
            }));
            out
        }
    }
}

/// A body paragraph: justified, first line indented 1 cm, 6 pt before (spec §3, §6).
fn body_paragraph<'a>(
    para: &Para,
    notes: &mut impl Iterator<Item = (usize, &'a Vec<Inline>)>,
) -> Paragraph {
    let heading = para.role == Role::Heading;
    let mut p = Paragraph::new()
        .align(AlignmentType::Both)
        .indent(
            None,
            Some(SpecialIndentType::FirstLine(BODY_FIRST_LINE)),
            None,
            None,
        )
        .line_spacing(
            LineSpacing::new()
                .before(BODY_BEFORE)
                .after(0)
                .line_rule(LineSpacingType::Auto)
                .line(BODY_LINE),
        );
    for inline in &para.inlines {
        p = match inline {
            Inline::Text { text, bold, italic } => {
                p.add_run(run(text, SIZE_TEXT, *bold || heading, *italic))
            }
            Inline::Break => p.add_run(Run::new().add_break(docx_rs::BreakType::TextWrapping)),
            Inline::Note(n) => p.add_run(note_reference(*n, notes)),
        };
    }
    p
}

/// The reference mark of footnote `n`; its text is taken from `notes` the first time.
/// Ids are set here, not by docx-rs's global counter, so output does not depend on history.
fn note_reference<'a>(n: usize, notes: &mut impl Iterator<Item = (usize, &'a Vec<Inline>)>) -> Run {
    let mut content = Vec::new();
    if let Some((_, inlines)) = notes.find(|(i, _)| i + 1 == n) {
        let mut p = Paragraph::new().style("FootnoteText");
        for inline in inlines {
            p = match inline {
                Inline::Text { text, bold, italic } => {
                    p.add_run(run(text, SIZE_FOOTNOTE, *bold, *italic))
                }
                Inline::Break => p.add_run(Run::new().add_break(docx_rs::BreakType::TextWrapping)),
                Inline::Note(_) => p,
            };
        }
        content.push(p);
    }
    Run::new().add_footnote_reference(Footnote { id: n, content })
}

/// Ô 9b and 7a–7b: Nơi nhận on the left, level with the authority line on the right; one
/// row that cannot split, so the signature never leaves its Nơi nhận (spec §2, §3, §6).
fn signature_table(doc: &Document) -> Table {
    let mut left = Vec::new();
    if !doc.distribution.is_empty() {
        left.push(
            Paragraph::new()
                .line_spacing(before(BLOCK_BEFORE))
                .add_run(run("Nơi nhận:", SIZE_NOI_NHAN, true, true)),
        );
        left.extend(
            doc.distribution
                .iter()
                .map(|line| Paragraph::new().add_run(run(line, SIZE_NOI_NHAN_ITEM, false, false))),
        );
    } else {
        left.push(Paragraph::new());
    }
    let mut right: Vec<Paragraph> = doc
        .signature
        .iter()
        .map(|line| centred(line, SIZE_SIGNATURE, true, false))
        .collect();
    if let Some(first) = right.first_mut() {
        *first = first.clone().line_spacing(before(BLOCK_BEFORE));
    }
    right.push(
        Paragraph::new().line_spacing(
            LineSpacing::new()
                .before(0)
                .after(0)
                .line_rule(LineSpacingType::Exact)
                .line(SIGNATURE_GAP as i32),
        ),
    );
    if let Some(name) = &doc.signer_name {
        right.push(centred(name, SIZE_SIGNATURE, true, false));
    }
    borderless(
        vec![TableRow::new(vec![cell(SIGN_LEFT, left), cell(SIGN_RIGHT, right)]).cant_split()],
        SIGN_LEFT,
        SIGN_RIGHT,
    )
}
