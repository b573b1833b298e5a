//! The tables of records (the register books, the mục lục) and the envelopes as the
//! typesetter's blocks, as the .docx writer lays them out (`render::docx`).

use super::flow::{Align, Block, Para, Row, Sheet as Page, Span};
use super::fonts::Style;
use super::letter::{centred, pt, size, text};
use crate::layout::*;
use crate::render::{Envelope, Sheet};

/// A4 turned landscape, the letters' margins, pages numbered from 2.
pub(crate) fn landscape() -> Page {
    Page {
        width: pt(PAGE_HEIGHT),
        height: pt(PAGE_WIDTH),
        ..super::letter::a4()
    }
}

/// Room between a ruled cell's edges and its text: the 108 twips of the .docx's table
/// style (TableNormal), which the sheet's table does not override.
const CELL_PAD: u32 = 108;
/// The rules of a table of records: 2/8 pt, as in the .docx.
const CELL_RULE: f32 = 0.25;

/// The sheet: its cover page when it has one, the title and lines centred, the table under
/// a heading row repeated on every page.
pub(crate) fn sheet(sheet: &Sheet) -> Vec<Block> {
    let mut out = Vec::new();
    if !sheet.cover.is_empty() {
        // A third of the way down the page, as a bound book's cover reads.
        let mut gap = Para::new(Vec::new());
        gap.size = size(SIZE_TEXT);
        gap.before = pt(PAGE_WIDTH / 4);
        out.push(Block::Para(gap));
        for (line, bold) in &sheet.cover {
            let style = if *bold { Style::Bold } else { Style::Regular };
            out.push(Block::Para(centred(line, SIZE_TITLE, style)));
        }
        out.push(Block::PageBreak { restart: false });
    }
    out.push(Block::Para(centred(&sheet.title, SIZE_TITLE, Style::Bold)));
    for line in &sheet.lines {
        out.push(Block::Para(centred(line, SIZE_TEXT, Style::Regular)));
    }
    let mut gap = Para::new(Vec::new());
    gap.size = size(SIZE_TEXT);
    gap.before = pt(BLOCK_BEFORE);
    out.push(Block::Para(gap));
    let row = |cells: Vec<(String, u32)>, heading: bool| {
        let style = if heading { Style::Bold } else { Style::Regular };
        Block::Row(Row {
            cells: cells
                .into_iter()
                .map(|(t, w)| {
                    let mut p = text(&t, SIZE_TABLE, style);
                    if heading {
                        p.align = Align::Center;
                    }
                    (pt(w), vec![p])
                })
                .collect(),
            ruled: Some(CELL_RULE),
            pad: pt(CELL_PAD),
            heading,
        })
    };
    out.push(row(sheet.columns.clone(), true));
    for cells in &sheet.rows {
        let widths = sheet.columns.iter().map(|(_, w)| *w);
        out.push(row(cells.iter().cloned().zip(widths).collect(), false));
    }
    out
}

/// The envelope's page: its size, 1 cm margins, no page numbers.
pub(crate) fn envelope_page(envelope: &Envelope) -> Page {
    let (width, height) = envelope.size;
    let margin = pt(ENVELOPE_MARGIN);
    Page {
        width: pt(width),
        height: pt(height),
        top: margin,
        bottom: margin,
        left: margin,
        right: margin,
        numbers: None,
    }
}

/// One page for each addressee: the sender at the top left, the số and ký hiệu under it,
/// "Kính gửi:" the addressee and its address from two fifths of the width.
pub(crate) fn envelopes(envelope: &Envelope) -> Vec<Block> {
    let (width, height) = envelope.size;
    let indent = pt((width - 2 * ENVELOPE_MARGIN) * 2 / 5);
    let mut out = Vec::new();
    for (i, (name, address)) in envelope.to.iter().enumerate() {
        if i > 0 {
            out.push(Block::PageBreak { restart: false });
        }
        for (line, bold) in &envelope.sender {
            let style = if *bold { Style::Bold } else { Style::Regular };
            out.push(Block::Para(text(line, SIZE_TABLE, style)));
        }
        let mut number = text(&envelope.number, SIZE_TABLE, Style::Italic);
        number.before = 6.0;
        out.push(Block::Para(number));
        let mut to = Para::new(vec![
            Span::new("Kính gửi: ", size(SIZE_TEXT), Style::Regular),
            Span::new(name, size(SIZE_TEXT), Style::Bold),
        ]);
        to.left = indent;
        to.before = pt(height / 6);
        out.push(Block::Para(to));
        if let Some(address) = address {
            let mut p = text(address, SIZE_TEXT, Style::Regular);
            p.left = indent;
            out.push(Block::Para(p));
        }
    }
    out
}
