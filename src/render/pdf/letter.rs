//! A letter's `Document` as the typesetter's blocks: the same parts, sizes, indents and
//! spacing as the .docx writer gives Word (`render::docx`), from the same `layout` numbers.

use super::flow::{Align, Block, Para, Picture, Row, Sheet, Span};
use super::fonts::Style;
use crate::layout::*;
use crate::markup::{Inline, Role};
use crate::render::document::{Document, Recipients, KINH_GUI};

/// Twips to points.
pub(crate) fn pt(twips: u32) -> f32 {
    twips as f32 / 20.0
}

/// Half-points to points.
pub(crate) fn size(half_points: usize) -> f32 {
    half_points as f32 / 2.0
}

/// The letters' page: A4 portrait, the ND30 margins, page numbers from page 2 (spec §1).
pub(crate) fn a4() -> Sheet {
    Sheet {
        width: pt(PAGE_WIDTH),
        height: pt(PAGE_HEIGHT),
        top: pt(MARGIN_TOP),
        bottom: pt(MARGIN_BOTTOM),
        left: pt(MARGIN_LEFT),
        right: pt(MARGIN_RIGHT),
        numbers: Some((pt(HEADER_DISTANCE), size(SIZE_PAGE_NUMBER))),
    }
}

/// The letter's blocks and its footnotes; `first_picture` numbers its pictures among those
/// of the other copies in the same file.
pub(crate) fn blocks(doc: &Document, first_picture: usize) -> (Vec<Block>, Vec<Para>) {
    let mut out = Vec::new();
    if let Some(mark) = &doc.copy_mark {
        let mut p = text(mark, SIZE_COPY_MARK, Style::Italic);
        p.align = Align::Right;
        out.push(Block::Para(p));
    }
    out.extend(header(doc));
    if let Some(h) = &doc.heading {
        let mut kind = centred(&h.kind, SIZE_TITLE, Style::Bold);
        kind.before = pt(BLOCK_BEFORE);
        out.push(Block::Para(kind));
        out.push(Block::Para(centred(&h.subject, SIZE_TITLE, Style::Bold)));
        out.push(Block::Para(rule(h.rule, TEXT_WIDTH)));
    }
    out.extend(recipients(&doc.recipients).into_iter().map(Block::Para));
    let last = doc.body.len().saturating_sub(1);
    for (i, para) in doc.body.iter().enumerate() {
        let heading = para.role == Role::Heading;
        let mut p = Para::new(inlines(&para.inlines, SIZE_TEXT, heading));
        p.size = size(SIZE_TEXT);
        p.align = Align::Justify;
        p.first = pt(BODY_FIRST_LINE as u32);
        p.before = pt(BODY_BEFORE);
        // The last paragraph keeps with the signature, so a page never starts with it alone.
        p.keep_next = i == last;
        out.push(Block::Para(p));
    }
    out.push(Block::Row(signature(doc, first_picture)));
    let notes = doc
        .notes
        .iter()
        .enumerate()
        .map(|(n, inlines)| {
            let mut spans = vec![Span {
                note: Some(n),
                ..Span::new(&(n + 1).to_string(), size(SIZE_FOOTNOTE), Style::Regular)
            }];
            spans.push(Span::new(" ", size(SIZE_FOOTNOTE), Style::Regular));
            spans.extend(inlines_as(inlines, SIZE_FOOTNOTE, false, false));
            let mut p = Para::new(spans);
            p.align = Align::Justify;
            p
        })
        .collect();
    (out, notes)
}

/// The parts of a copy (sao y, sao lục) that follow the copied letter: a rule across the
/// text width, then the copy's header and signature, kept together (spec §7), as the
/// .docx's copy block.
pub(crate) fn copy_part(copy: &Document, first_picture: usize) -> Vec<Block> {
    let mut full = rule(TEXT_WIDTH, TEXT_WIDTH);
    full.before = pt(BLOCK_BEFORE);
    full.keep_next = true;
    let mut out = vec![Block::Para(full)];
    out.extend(header(copy));
    out.push(Block::Row(signature(copy, first_picture)));
    out
}

/// The spans of a paragraph's inlines; bold throughout when it is a heading.
fn inlines(inlines: &[Inline], half_points: usize, bold: bool) -> Vec<Span> {
    inlines_as(inlines, half_points, bold, true)
}

fn inlines_as(inlines: &[Inline], half_points: usize, bold: bool, refs: bool) -> Vec<Span> {
    let mut out = Vec::new();
    for inline in inlines {
        match inline {
            Inline::Text {
                text,
                bold: b,
                italic,
            } => out.push(Span::new(
                text,
                size(half_points),
                Style::of(*b || bold, *italic),
            )),
            Inline::Break => out.push(Span::new("\n", size(half_points), Style::Regular)),
            Inline::Note(n) if refs => out.push(Span {
                note: Some(n - 1),
                ..Span::new(&n.to_string(), size(half_points), Style::Regular)
            }),
            Inline::Note(_) => {}
        }
    }
    out
}

pub(crate) fn text(text: &str, half_points: usize, style: Style) -> Para {
    let mut p = Para::new(vec![Span::new(text, size(half_points), style)]);
    p.size = size(half_points);
    p
}

pub(crate) fn centred(s: &str, half_points: usize, style: Style) -> Para {
    let mut p = text(s, half_points, style);
    p.align = Align::Center;
    p
}

/// A solid rule `len` twips long centred in a column `width` wide: an empty paragraph 2 pt
/// high with a 0.75 pt rule under it (spec §3), as the .docx draws it.
fn rule(len: u32, width: u32) -> Para {
    let side = pt(width.saturating_sub(len) / 2);
    let mut p = Para::new(Vec::new());
    p.left = side;
    p.right = side;
    p.exact = Some(2.0);
    p.rule = Some(RULE_SIZE as f32 / 8.0);
    p
}

/// Ô 1–4 and 5b: names | Quốc hiệu and Tiêu ngữ, with their rules; Số | place and date;
/// the V/v under the number (spec §2, §6).
fn header(doc: &Document) -> Vec<Block> {
    let (left, right) = (HEADER_LEFT, HEADER_RIGHT);
    let mut names = Vec::new();
    if let Some(parent) = &doc.parent_body {
        names.push(centred(parent, SIZE_BODY_NAME, Style::Regular));
    }
    names.push(centred(&doc.issuer, SIZE_BODY_NAME, Style::Bold));
    names.push(rule(doc.issuer_rule, left));
    let top_right = match &doc.certified {
        Some(form) => vec![centred(form, SIZE_COPY_FORM, Style::Bold)],
        None => vec![
            centred(QUOC_HIEU, SIZE_QUOC_HIEU, Style::Bold),
            centred(TIEU_NGU, SIZE_TIEU_NGU, Style::Bold),
            rule(doc.motto_rule, right),
        ],
    };
    let mut number = centred(&doc.number_line, SIZE_NUMBER, Style::Regular);
    number.before = pt(NUMBER_BEFORE);
    let mut date = centred(&doc.place_date, doc.date_size, Style::Italic);
    date.before = pt(NUMBER_BEFORE);
    let row = |l: Vec<Para>, r: Vec<Para>| {
        Block::Row(Row {
            cells: vec![(pt(left), l), (pt(right), r)],
            ruled: None,
            pad: 0.0,
            heading: false,
        })
    };
    let mut out = vec![row(names, top_right), row(vec![number], vec![date])];
    if let Some(vv) = &doc.subject_line {
        let mut p = centred(vv, SIZE_VV, Style::Regular);
        p.before = pt(VV_BEFORE);
        out.push(row(vec![p], vec![Para::new(Vec::new())]));
    }
    out
}

/// Ô 9a: one addressee on the "Kính gửi:" line, wrapping under itself; several on their own
/// lines with the dashes under the colon (spec §3, §6).
fn recipients(r: &Recipients) -> Vec<Para> {
    let label = pt(text_width(&format!("{KINH_GUI} "), SIZE_TEXT, false));
    let first = pt(KINH_GUI_INDENT);
    match r {
        Recipients::None => vec![],
        Recipients::One(name) => {
            let mut p = text(&format!("{KINH_GUI} {name}"), SIZE_TEXT, Style::Regular);
            p.left = first + label;
            p.first = -label;
            p.before = pt(BLOCK_BEFORE);
            vec![p]
        }
        Recipients::Many { lines, dash_indent } => {
            let dash = pt(text_width("- ", SIZE_TEXT, false));
            let mut head = text(KINH_GUI, SIZE_TEXT, Style::Regular);
            head.left = first;
            head.before = pt(BLOCK_BEFORE);
            let mut out = vec![head];
            out.extend(lines.iter().map(|line| {
                let mut p = text(line, SIZE_TEXT, Style::Regular);
                p.left = pt(*dash_indent) + dash;
                p.first = -dash;
                p
            }));
            out
        }
    }
}

/// The index of the picture that marks the room for the signature: no picture has it.
pub(crate) const ROOM: usize = usize::MAX;

/// Ô 9b and 7a–7b: Nơi nhận on the left, the signature on the right, in one row that never
/// splits; the signature and seal images float in the room for the signature.
fn signature(doc: &Document, first_picture: usize) -> Row {
    let mut left = Vec::new();
    if !doc.distribution.is_empty() {
        let mut head = text("Nơi nhận:", SIZE_NOI_NHAN, Style::BoldItalic);
        head.before = pt(BLOCK_BEFORE);
        left.push(head);
        left.extend(
            doc.distribution
                .iter()
                .map(|line| text(line, SIZE_NOI_NHAN_ITEM, Style::Regular)),
        );
    }
    let mut right: Vec<Para> = doc
        .signature
        .iter()
        .map(|line| centred(line, SIZE_SIGNATURE, Style::Bold))
        .collect();
    if let Some(first) = right.first_mut() {
        first.before = pt(BLOCK_BEFORE);
    }
    let mut room = Para::new(Vec::new());
    room.exact = Some(pt(SIGNATURE_GAP));
    room.pictures = doc
        .images
        .iter()
        .enumerate()
        .map(|(k, placed)| Picture {
            index: first_picture + k,
            x: placed.left as f32 / 20.0,
            y: placed.top as f32 / 20.0,
            width: pt(placed.width),
            height: pt(placed.height),
        })
        .collect();
    // Where the room is on the page, for a digital signature's images (nothing is drawn).
    room.pictures.push(Picture {
        index: ROOM,
        x: 0.0,
        y: 0.0,
        width: pt(SIGN_RIGHT),
        height: pt(SIGNATURE_GAP),
    });
    right.push(room);
    if let Some(name) = &doc.signer_name {
        right.push(centred(name, SIZE_SIGNATURE, Style::Bold));
    }
    Row {
        cells: vec![(pt(SIGN_LEFT), left), (pt(SIGN_RIGHT), right)],
        ruled: None,
        pad: 0.0,
        heading: false,
    }
}
