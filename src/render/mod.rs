//! A letter laid out as a `Document` (`document`, with the signature and seal `images`),
//! and its writers: .docx for export and print, HTML for the live preview.

pub mod document;
mod docx;
mod drawing;
mod html;
pub mod images;
pub(crate) mod package;

pub mod pdf;
pub(crate) use docx::copy_block;
pub use docx::{copies_docx, docx, Envelope};
pub(crate) use docx::{envelopes_docx, sheet_docx, Sheet, SHEET_WIDTH};
pub use html::html;

use crate::error::Error;
use crate::model::Letter;
use crate::render::document::Document;

/// A letter as .docx bytes, in one call.
pub fn letter_docx(letter: &Letter) -> Result<Vec<u8>, Error> {
    docx(&Document::from_letter(letter))
}

/// A letter as the HTML preview page, in one call.
pub fn letter_html(letter: &Letter) -> String {
    html(&Document::from_letter(letter))
}
