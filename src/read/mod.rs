//! What arrives: the bytes of a received file as clean text (`import`, with `encoding` for
//! legacy fonts, `package` for .docx, `doc` for Word 97–2003 and `pdf` for a PDF's text
//! layer, and a scan's page images for the OCR engine and its words back as lines;
//! `scanned` mends what OCR does to a directive, `digits` reads again a number and a date
//! written by hand, on the page's `picture`; `heads` names what a body's name starts with),
//! read into a
//! `Directive` and its problems (`parse`). Every reader is bounded in what it produces and
//! in its time.

pub mod digits;
pub mod doc;
pub mod encoding;
pub(crate) mod heads;
pub mod import;
pub mod package;
pub mod parse;
pub mod pdf;
pub mod picture;
pub mod scanned;
