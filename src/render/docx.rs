//! Writes a `Document` as .docx with docx-rs: the header table, Kính gửi, body, footnotes,
//! and the Nơi nhận and signature table, in the sizes of `layout`.

use docx_rs::{
    AlignmentType, BorderType, Docx, Footnote, Header, LineSpacing, LineSpacingType, PageMargin,
    PageNum, Paragraph, ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run,
    SpecialIndentType, Table, TableCell, TableCellMargins, TableLayoutType, TableRow, WidthType,
};

use std::fmt::Write as _;

use crate::error::Error;
use crate::layout::*;
use crate::markup::{Inline, Para, Role};
use crate::render::document::{Document, Recipients, KINH_GUI};
use crate::render::drawing;
use crate::render::package::{self, Parts};

/// The letter as .docx bytes; the same document always gives the same bytes.
pub fn docx(doc: &Document) -> Result<Vec<u8>, Error> {
    package::assemble(build_parts(doc, 0)?, &doc.properties)
}

/// The letter as .docx bytes, carrying `letter` (its JSON) so that the app can lay it out
/// again, as PDF or as the copied part of a sao y, while the file is as the app wrote it.
pub(crate) fn docx_of(doc: &Document, letter: &str) -> Result<Vec<u8>, Error> {
    let mut parts = build_parts(doc, 0)?;
    parts.letter = Some(letter.to_string());
    package::assemble(parts, &doc.properties)
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
    let mut parts = build_parts(first, 0)?;
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
            String::from_utf8(build_parts(doc, i)?.document)
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

/// A table under a title, on the letters' page with their fonts: the mục lục văn bản of
/// a year's records.
pub(crate) struct Sheet {
    /// A cover page before the sheet, each line centred, bold when marked; none when
    /// empty.
    pub cover: Vec<(String, bool)>,
    /// The title, in capitals: "MỤC LỤC VĂN BẢN".
    pub title: String,
    /// Lines under the title: the office, the year.
    pub lines: Vec<String>,
    /// The columns: heading and width in twips, the widths adding up to `SHEET_WIDTH`.
    pub columns: Vec<(String, u32)>,
    /// The rows, a text for each column.
    pub rows: Vec<Vec<String>>,
    /// Title and author of the file.
    pub properties: crate::render::document::Properties,
}

/// The text width of a sheet, on A4 turned landscape with the letters' margins.
pub(crate) const SHEET_WIDTH: u32 = PAGE_HEIGHT - MARGIN_LEFT - MARGIN_RIGHT;

/// The sheet as .docx bytes, A4 landscape: its title and lines centred, then the table
/// with a heading row repeated on every page.
pub(crate) fn sheet_docx(sheet: &Sheet) -> Result<Vec<u8>, Error> {
    let mut d = page()
        .page_size(PAGE_HEIGHT, PAGE_WIDTH)
        .page_orient(docx_rs::PageOrientationType::Landscape);
    if !sheet.cover.is_empty() {
        // A third of the way down the page, as a bound book's cover reads.
        d = d.add_paragraph(Paragraph::new().line_spacing(before(PAGE_WIDTH / 4)));
        for (text, bold) in &sheet.cover {
            d = d.add_paragraph(centred(text, SIZE_TITLE, *bold, false));
        }
    }
    let title = centred(&sheet.title, SIZE_TITLE, true, false);
    d = d.add_paragraph(title.page_break_before(!sheet.cover.is_empty()));
    for line in &sheet.lines {
        d = d.add_paragraph(centred(line, SIZE_TEXT, false, false));
    }
    d = d.add_paragraph(Paragraph::new().line_spacing(before(BLOCK_BEFORE)));
    let row = |texts: Vec<(String, u32)>, heading: bool| {
        let cells = texts
            .into_iter()
            .map(|(text, width)| {
                let p = Paragraph::new().add_run(run(&text, SIZE_TABLE, heading, false));
                let p = match heading {
                    true => p.align(AlignmentType::Center),
                    false => p,
                };
                cell(width, vec![p])
            })
            .collect();
        TableRow::new(cells).cant_split()
    };
    let mut rows = vec![row(sheet.columns.clone(), true)];
    for texts in &sheet.rows {
        let cells = texts
            .iter()
            .cloned()
            .zip(sheet.columns.iter().map(|(_, w)| *w))
            .collect();
        rows.push(row(cells, false));
    }
    let widths: Vec<usize> = sheet.columns.iter().map(|(_, w)| *w as usize).collect();
    d = d.add_table(
        Table::new(rows)
            .set_grid(widths.clone())
            .width(widths.iter().sum(), WidthType::Dxa)
            .layout(TableLayoutType::Fixed),
    );
    let built = d.build();
    // The heading row repeats on every page (docx-rs has no setter for it); the first row
    // is the only one before the first "cantSplit" written.
    let document = String::from_utf8(built.document)
        .map_err(|e| Error::Docx(format!("document.xml: {e}")))?
        .replacen("<w:cantSplit />", "<w:cantSplit /><w:tblHeader />", 1);
    let parts = Parts {
        document: document.into_bytes(),
        headers: built.headers,
        footnotes: built.footnotes,
        images: Vec::new(),
        letter: None,
    };
    package::assemble(parts, &sheet.properties)
}

/// Envelopes: the sender's block at the top left, the letter's số and ký hiệu under it,
/// and "Kính gửi:" each addressee (with its address) towards the bottom right, one page
/// of `size` for each.
pub struct Envelope {
    /// The page: width and height in twips, landscape.
    pub size: (u32, u32),
    /// The sender's lines, bold when marked: the office, its address and contacts.
    pub sender: Vec<(String, bool)>,
    /// "Số/ký hiệu văn bản: 05/LĐLĐ".
    pub number: String,
    /// Each addressee, with its address when known.
    pub to: Vec<(String, Option<String>)>,
}

/// The envelopes as .docx bytes.
pub(crate) fn envelopes_docx(envelope: &Envelope) -> Result<Vec<u8>, Error> {
    let (width, height) = envelope.size;
    let margin = ENVELOPE_MARGIN;
    let empty = || Header::new().add_paragraph(Paragraph::new().style("Header"));
    let mut d = Docx::new()
        .styles(docx_rs::Styles::new())
        .numberings(docx_rs::Numberings::new())
        .page_size(width, height)
        .page_orient(docx_rs::PageOrientationType::Landscape)
        .page_margin(
            PageMargin::new()
                .top(margin as i32)
                .bottom(margin as i32)
                .left(margin as i32)
                .right(margin as i32)
                .header(0)
                .footer(0),
        )
        .header(empty())
        .first_header(empty());
    // The addressee's block starts at two fifths of the width, a third of the way down.
    let indent = (width - 2 * margin) * 2 / 5;
    for (i, (name, address)) in envelope.to.iter().enumerate() {
        for (j, (text, bold)) in envelope.sender.iter().enumerate() {
            let p = Paragraph::new().add_run(run(text, SIZE_TABLE, *bold, false));
            d = d.add_paragraph(p.page_break_before(i > 0 && j == 0));
        }
        d = d.add_paragraph(
            Paragraph::new()
                .add_run(run(&envelope.number, SIZE_TABLE, false, true))
                .line_spacing(before(120)),
        );
        let below = height / 6;
        d = d.add_paragraph(
            Paragraph::new()
                .indent(Some(indent as i32), None, None, None)
                .line_spacing(before(below))
                .add_run(run("Kính gửi: ", SIZE_TEXT, false, false))
                .add_run(run(name, SIZE_TEXT, true, false)),
        );
        if let Some(address) = address {
            d = d.add_paragraph(
                Paragraph::new()
                    .indent(Some(indent as i32), None, None, None)
                    .add_run(run(address, SIZE_TEXT, false, false)),
            );
        }
    }
    let built = d.build();
    let parts = Parts {
        document: built.document,
        headers: built.headers,
        footnotes: built.footnotes,
        images: Vec::new(),
        letter: None,
    };
    package::assemble(parts, &envelope.properties())
}

impl Envelope {
    /// What the file's properties say: "Phong bì", by the sender.
    pub(crate) fn properties(&self) -> crate::render::document::Properties {
        crate::render::document::Properties {
            title: "Phong bì".into(),
            author: self
                .sender
                .first()
                .map(|(s, _)| s.clone())
                .unwrap_or_default(),
            created: None,
        }
    }
}

/// An A4 page with the letters' margins and page numbers from page 2, centred in the top
/// margin; page 1 shows none (spec §1).
fn page() -> Docx {
    // Styles and numbering are written by the package module; docx-rs's presets are dropped
    // unbuilt, which halves its build time.
    Docx::new()
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
        .header(
            Header::new().add_paragraph(
                Paragraph::new()
                    .style("Header")
                    .add_page_num(PageNum::new()),
            ),
        )
        .first_header(Header::new().add_paragraph(Paragraph::new().style("Header")))
}

/// The content of a document.xml body, and its final section properties.
fn split_body(xml: &str) -> Result<(&str, &str), Error> {
    let bad = || Error::Docx("document.xml không có phần thân như mong đợi".into());
    let open = xml.find("<w:body>").ok_or_else(bad)? + "<w:body>".len();
    let sect = xml.rfind("<w:sectPr").ok_or_else(bad)?;
    let end = xml.rfind("</w:sectPr>").ok_or_else(bad)? + "</w:sectPr>".len();
    Ok((&xml[open..sect], &xml[sect..end]))
}

/// The content parts, as docx-rs builds them, with the images of copy number `copy` (from
/// 0) put in place; their drawing ids are kept apart from those of the other copies.
fn build_parts(doc: &Document, copy: usize) -> Result<Parts, Error> {
    let mut d = page();
    if let Some(mark) = &doc.copy_mark {
        d = d.add_paragraph(Paragraph::new().align(AlignmentType::Right).add_run(run(
            mark,
            SIZE_COPY_MARK,
            false,
            true,
        )));
    }
    d = d.add_table(header_table(doc, (HEADER_LEFT, HEADER_RIGHT)));

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
    d = d.add_table(signature_table(doc, (SIGN_LEFT, SIGN_RIGHT)));
    let built = d.build();
    let document = match doc.images.is_empty() {
        true => built.document,
        false => {
            put_images(built.document, doc, (copy * doc.images.len()) as u32 + 1)?.into_bytes()
        }
    };
    Ok(Parts {
        document,
        headers: built.headers,
        footnotes: built.footnotes,
        images: images(doc),
        letter: None,
    })
}

/// The parts of a copy (`doc.certified` is set) as body XML to append to the copied
/// document: a full-width rule, then the header and signature tables at most `width` twips
/// wide, with drawing ids from `first_id`. Gives the XML and its pictures.
pub(crate) fn copy_block(
    doc: &Document,
    width: u32,
    first_id: u32,
) -> Result<(String, Vec<package::Image>), Error> {
    // A copied document with a narrower text area gets proportionally narrower columns.
    let width = width.min(TEXT_WIDTH);
    let scale = |w: u32| (u64::from(w) * u64::from(width) / u64::from(TEXT_WIDTH)) as u32;
    let header = (scale(HEADER_LEFT), width - scale(HEADER_LEFT));
    let sign = (scale(SIGN_LEFT), width - scale(SIGN_LEFT));
    // The images were placed in a full signature column; they stay centred in this one.
    let shift = (SIGN_RIGHT - sign.1) as i32 / 2;
    let mut doc = doc.clone();
    for placed in &mut doc.images {
        placed.left -= shift;
    }
    // The rule has no indents, so it spans the copied document's whole text width; it
    // keeps with the copy's parts so that they start together (spec §7).
    let full_rule = rule(width, width).keep_next(true).line_spacing(
        LineSpacing::new()
            .before(BLOCK_BEFORE)
            .after(0)
            .line_rule(LineSpacingType::Exact)
            .line(40),
    );
    let built = Docx::new()
        .styles(docx_rs::Styles::new())
        .numberings(docx_rs::Numberings::new())
        .add_paragraph(full_rule)
        .add_table(header_table(&doc, header))
        .add_table(signature_table(&doc, sign))
        .build();
    let xml = match doc.images.is_empty() {
        true => String::from_utf8(built.document)
            .map_err(|e| Error::Docx(format!("document.xml: {e}")))?,
        false => put_images(built.document, &doc, first_id)?,
    };
    let xml = String::from_utf8(package::normalize(standalone(&xml).as_bytes(), false)?)
        .map_err(|e| Error::Docx(format!("document.xml: {e}")))?;
    let (body, _) = split_body(&xml)?;
    Ok((body.to_string(), images(&doc)))
}

/// docx-rs XML made independent of the styles of the document it goes into: a received
/// file's Normal style may indent first lines, space paragraphs or use another font, so
/// every paragraph states its spacing, single line height, indents and alignment, and
/// every run its Times New Roman (the package module puts them in schema order).
fn standalone(xml: &str) -> String {
    static PARAGRAPH: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let paragraph =
        PARAGRAPH.get_or_init(|| regex::Regex::new(r"<w:pPr>(.*?)</w:pPr>").expect("valid"));
    let xml = paragraph.replace_all(xml, |c: &regex::Captures| {
        let mut inner = c[1].to_string();
        match inner.find("<w:spacing ") {
            None => inner.push_str(
                r#"<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto" />"#,
            ),
            Some(at)
                if !inner[at..]
                    .split("/>")
                    .next()
                    .unwrap_or("")
                    .contains("w:line=") =>
            {
                inner.insert_str(
                    at + "<w:spacing ".len(),
                    r#"w:line="240" w:lineRule="auto" "#,
                );
            }
            Some(_) => {}
        }
        if !inner.contains("<w:ind ") {
            inner.push_str(r#"<w:ind w:left="0" w:right="0" w:firstLine="0" />"#);
        }
        if !inner.contains("<w:jc ") {
            inner.push_str(r#"<w:jc w:val="left" />"#);
        }
        format!("<w:pPr>{inner}</w:pPr>")
    });
    xml.replace(
        "<w:r><w:rPr>",
        r#"<w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman" />"#,
    )
}

/// The document's pictures as package parts.
fn images(doc: &Document) -> Vec<package::Image> {
    doc.images
        .iter()
        .map(|p| package::Image {
            id: drawing::relationship_id(p),
            part: drawing::part_name(p),
            bytes: p.png.bytes().to_vec(),
        })
        .collect()
}

/// Puts the document's pictures in the places its runs hold, with drawing ids from `first_id`.
fn put_images(xml: Vec<u8>, doc: &Document, first_id: u32) -> Result<String, Error> {
    let mut xml = String::from_utf8(xml).map_err(|e| Error::Docx(format!("document.xml: {e}")))?;
    for (k, placed) in doc.images.iter().enumerate() {
        let run = drawing::run(placed, first_id + k as u32, IMAGE_Z + k as u32);
        xml = put_image(&xml, k, &run)?;
    }
    Ok(xml)
}

/// The text of the run that holds the place of image `k` until the XML is written.
fn image_mark(k: usize) -> String {
    format!("\u{E000}congvan-image-{k}\u{E000}")
}

/// The drawing order of the first image; later ones are drawn over it.
const IMAGE_Z: u32 = 251_659_264;

/// Replaces the run that holds the place of image `k` with `run`.
fn put_image(xml: &str, k: usize, run: &str) -> Result<String, Error> {
    let lost = || Error::Docx(format!("không tìm thấy chỗ đặt ảnh {k}"));
    let mark = xml.find(&image_mark(k)).ok_or_else(lost)?;
    let start = xml[..mark].rfind("<w:r>").ok_or_else(lost)?;
    let end = mark + xml[mark..].find("</w:r>").ok_or_else(lost)? + "</w:r>".len();
    Ok(format!("{}{run}{}", &xml[..start], &xml[end..]))
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
/// On a copy the right column holds its form ("SAO Y", bold, 13–14 pt; spec §7) where a
/// letter has the Quốc hiệu \[U: ND30 PL-I's diagram of a copy was not read\].
fn header_table(doc: &Document, (left, right): (u32, u32)) -> Table {
    // A copy's parts follow another document and keep together, on its last page if they
    // fit: every paragraph keeps with the next, and no row splits.
    let copy = doc.certified.is_some();
    let cell = |width: u32, paragraphs: Vec<Paragraph>| {
        cell(
            width,
            paragraphs.into_iter().map(|p| p.keep_next(copy)).collect(),
        )
    };
    let mut names = Vec::new();
    if let Some(parent) = &doc.parent_body {
        names.push(centred(parent, SIZE_BODY_NAME, false, false));
    }
    names.push(centred(&doc.issuer, SIZE_BODY_NAME, true, false));
    names.push(rule(doc.issuer_rule, left));
    let top_right = match &doc.certified {
        Some(form) => vec![centred(form, SIZE_COPY_FORM, true, false)],
        None => vec![
            centred(QUOC_HIEU, SIZE_QUOC_HIEU, true, false),
            centred(TIEU_NGU, SIZE_TIEU_NGU, true, false),
            rule(doc.motto_rule, right),
        ],
    };
    let mut rows = vec![
        TableRow::new(vec![cell(left, names), cell(right, top_right)]),
        TableRow::new(vec![
            cell(
                left,
                vec![centred(&doc.number_line, SIZE_NUMBER, false, false)
                    .line_spacing(before(NUMBER_BEFORE))],
            ),
            cell(
                right,
                vec![centred(&doc.place_date, doc.date_size, false, true)
                    .line_spacing(before(NUMBER_BEFORE))],
            ),
        ]),
    ];
    if copy {
        rows = rows.into_iter().map(TableRow::cant_split).collect();
    }
    if let Some(vv) = &doc.subject_line {
        rows.push(TableRow::new(vec![
            cell(
                left,
                vec![centred(vv, SIZE_VV, false, false).line_spacing(before(VV_BEFORE))],
            ),
            cell(right, vec![Paragraph::new()]),
        ]));
    }
    borderless(rows, left, right)
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
fn signature_table(doc: &Document, (left_width, right_width): (u32, u32)) -> Table {
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
    // The room for the signature; its images float from it without moving the text.
    right.push(
        (0..doc.images.len()).fold(
            Paragraph::new().line_spacing(
                LineSpacing::new()
                    .before(0)
                    .after(0)
                    .line_rule(LineSpacingType::Exact)
                    .line(SIGNATURE_GAP as i32),
            ),
            |p, k| p.add_run(Run::new().add_text(image_mark(k))),
        ),
    );
    if let Some(name) = &doc.signer_name {
        right.push(centred(name, SIZE_SIGNATURE, true, false));
    }
    borderless(
        vec![TableRow::new(vec![cell(left_width, left), cell(right_width, right)]).cant_split()],
        left_width,
        right_width,
    )
}
