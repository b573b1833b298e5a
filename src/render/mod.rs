//! A letter laid out as a `Document` (`document`, with the signature and seal `images`),
//! and its writers: .docx for export, HTML for the live preview, PDF (`pdf`) for print.

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

/// A letter as .docx bytes, in one call, carrying the letter itself (`own_letter` reads it
/// back while the file is unchanged).
pub fn letter_docx(letter: &Letter) -> Result<Vec<u8>, Error> {
    let json = serde_json::to_string(letter).map_err(|e| Error::Docx(e.to_string()))?;
    docx::docx_of(&Document::from_letter(letter), &json)
}

/// The letter a .docx the app wrote carries, when the file is as the app wrote it: `None`
/// for any other .docx, an error naming why when it was changed since (in Word, say).
pub fn own_letter(docx: &[u8]) -> Result<Option<Letter>, Error> {
    package::embedded_letter(docx)
}

/// A letter as the HTML preview page, in one call.
pub fn letter_html(letter: &Letter) -> String {
    html(&Document::from_letter(letter))
}
