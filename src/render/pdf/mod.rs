//! The PDF of what the app lays out itself, written in-process: the letter from its
//! `Document` (the model the .docx and the preview are written from), broken into lines with
//! the metrics of the font it embeds, on A4 with the ND30 margins.

mod flow;
mod fonts;
mod letter;
mod sheets;
mod write;

pub use fonts::Fonts;
#[cfg(test)]
pub(crate) use fonts::Style;

use crate::error::Error;
use crate::render::document::Document;
use crate::render::{Envelope, Sheet};

/// The letter as PDF bytes; the same document and fonts always give the same bytes.
pub fn pdf(doc: &Document, fonts: &Fonts) -> Result<Vec<u8>, Error> {
    copies_pdf(std::slice::from_ref(doc), fonts)
}

/// Several copies of a letter in one PDF, each from a new page with its own page numbers.
pub fn copies_pdf(docs: &[Document], fonts: &Fonts) -> Result<Vec<u8>, Error> {
    let Some(first) = docs.first() else {
        return Err(Error::Pdf("không có bản nào để in".into()));
    };
    let mut blocks = Vec::new();
    let mut notes = Vec::new();
    let mut pictures: Vec<&[u8]> = Vec::new();
    for (i, doc) in docs.iter().enumerate() {
        if i > 0 {
            blocks.push(flow::Block::PageBreak { restart: true });
        }
        let (mut b, mut n) = letter::blocks(doc, pictures.len());
        // Footnote numbers index the whole file's notes.
        let offset = notes.len();
        renumber(&mut b, offset);
        for p in &mut n {
            for s in &mut p.spans {
                s.note = s.note.map(|k| k + offset);
            }
        }
        blocks.extend(b);
        notes.extend(n);
        pictures.extend(doc.images.iter().map(|p| p.png.bytes()));
    }
    let pages = flow::pages(&letter::a4(), &blocks, &notes, fonts);
    write::write(&pages, fonts, &pictures, &first.properties)
}

/// A word as printed, for the tests that compare lines and margins with LibreOffice's.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// The page, from 0.
    pub page: usize,
    /// Its left and right edges and its baseline, in points from the page's top left.
    pub left: f32,
    /// Its right edge.
    pub right: f32,
    /// Its baseline.
    pub baseline: f32,
    /// Its size in points.
    pub size: f32,
    /// Its characters.
    pub text: String,
}

/// The words of the letter's PDF, page by page, in the order they are drawn.
pub fn words(doc: &Document, fonts: &Fonts) -> Vec<Word> {
    let (blocks, notes) = letter::blocks(doc, 0);
    let pages = flow::pages(&letter::a4(), &blocks, &notes, fonts);
    let mut out = Vec::new();
    for (page, p) in pages.iter().enumerate() {
        for item in &p.items {
            let flow::Item::Text {
                x,
                y,
                size,
                text,
                glyphs,
                ..
            } = item
            else {
                continue;
            };
            let word = |left: f32, right: f32, text: String| Word {
                page,
                left,
                right,
                baseline: *y,
                size: *size,
                text,
            };
            let (mut pos, mut start, mut current) = (*x, *x, String::new());
            for (c, (_, advance)) in text.chars().zip(glyphs) {
                if c == ' ' {
                    if !current.is_empty() {
                        out.push(word(start, pos, std::mem::take(&mut current)));
                    }
                } else {
                    if current.is_empty() {
                        start = pos;
                    }
                    current.push(c);
                }
                pos += advance;
            }
            if !current.is_empty() {
                out.push(word(start, pos, current));
            }
        }
    }
    out
}

/// A copy (sao y, sao lục) of a letter the app wrote as PDF: the copied letter's pages,
/// then the copy's parts, as the .docx of the copy lays them out.
pub fn copy_pdf(copied: &Document, copy: &Document, fonts: &Fonts) -> Result<Vec<u8>, Error> {
    let (mut blocks, notes) = letter::blocks(copied, 0);
    blocks.extend(letter::copy_part(copy, copied.images.len()));
    let pictures: Vec<&[u8]> = copied
        .images
        .iter()
        .chain(&copy.images)
        .map(|p| p.png.bytes())
        .collect();
    let pages = flow::pages(&letter::a4(), &blocks, &notes, fonts);
    write::write(&pages, fonts, &pictures, &copy.properties)
}

/// A table of records (a register book, the mục lục) as PDF bytes, A4 landscape.
pub(crate) fn sheet_pdf(sheet: &Sheet, fonts: &Fonts) -> Result<Vec<u8>, Error> {
    let pages = flow::pages(&sheets::landscape(), &sheets::sheet(sheet), &[], fonts);
    write::write(&pages, fonts, &[], &sheet.properties)
}

/// The envelopes as PDF bytes, a page of their size for each addressee.
pub(crate) fn envelopes_pdf(envelope: &Envelope, fonts: &Fonts) -> Result<Vec<u8>, Error> {
    let page = sheets::envelope_page(envelope);
    let pages = flow::pages(&page, &sheets::envelopes(envelope), &[], fonts);
    write::write(&pages, fonts, &[], &envelope.properties())
}

/// Moves the footnote references of `blocks` up by `by`.
fn renumber(blocks: &mut [flow::Block], by: usize) {
    for block in blocks {
        if let flow::Block::Para(p) = block {
            for s in &mut p.spans {
                s.note = s.note.map(|k| k + by);
            }
        }
    }
}
