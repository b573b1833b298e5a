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

/// Where the room for the signature (between the signer's title and name) lies in a
/// letter's PDF, and where the office's images go in it for a digital signature.
#[derive(Debug, Clone, PartialEq)]
pub struct Room {
    /// The page, from 0.
    pub page: usize,
    /// The page's height in points, to turn top-down places into PDF rectangles.
    pub page_height: f32,
    /// The signature column's left edge and the room's top, in points from the page's top
    /// left.
    pub left: f32,
    /// The room's top.
    pub top: f32,
}

impl Room {
    /// The PDF rectangle (left, bottom, right, top, from the page's bottom left) of an
    /// image placed in the room.
    pub fn rect(&self, placed: &crate::render::images::Placed) -> [f32; 4] {
        let left = self.left + placed.left as f32 / 20.0;
        let top = self.top + placed.top as f32 / 20.0;
        let (width, height) = (placed.width as f32 / 20.0, placed.height as f32 / 20.0);
        [
            left,
            self.page_height - top - height,
            left + width,
            self.page_height - top,
        ]
    }
}

/// The room for the signature in the PDF of `doc`, when the letter has one.
pub fn signature_room(doc: &Document, fonts: &Fonts) -> Option<Room> {
    let (blocks, notes) = letter::blocks(doc, 0);
    let pages = flow::pages(&letter::a4(), &blocks, &notes, fonts);
    pages.iter().enumerate().find_map(|(page, p)| {
        p.items.iter().find_map(|item| match item {
            flow::Item::Picture {
                index: letter::ROOM,
                x,
                y,
                ..
            } => Some(Room {
                page,
                page_height: p.height,
                left: *x,
                top: *y,
            }),
            _ => None,
        })
    })
}

/// A one-page PDF `width`×`height` points filled by a picture (PNG), the look of a digital
/// signature that shows the signer's image or the seal.
pub fn picture_pdf(png: &[u8], width: f32, height: f32, fonts: &Fonts) -> Result<Vec<u8>, Error> {
    let page = flow::Page {
        width,
        height,
        items: vec![flow::Item::Picture {
            index: 0,
            x: 0.0,
            y: 0.0,
            width,
            height,
        }],
    };
    write::write(&[page], fonts, &[png], &Default::default())
}

/// A one-page PDF `width`×`height` points with `lines` in the regular face at `size`, from
/// its top left: the text box of the office's digital signature on an electronic copy or an
/// attachment (ND30 PL-I II.8.b, Phần II I.3).
pub fn text_box_pdf(
    lines: &[String],
    width: f32,
    height: f32,
    size: f32,
    fonts: &Fonts,
) -> Result<Vec<u8>, Error> {
    let sheet = flow::Sheet {
        width,
        height,
        top: 0.0,
        bottom: 0.0,
        left: 0.0,
        right: 0.0,
        numbers: None,
    };
    let blocks: Vec<flow::Block> = lines
        .iter()
        .map(|line| {
            flow::Block::Para(flow::Para::new(vec![flow::Span::new(
                line,
                size,
                fonts::Style::Regular,
            )]))
        })
        .collect();
    let mut pages = flow::pages(&sheet, &blocks, &[], fonts);
    pages.truncate(1);
    write::write(&pages, fonts, &[], &Default::default())
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
