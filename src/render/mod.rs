//! The writers of a `Document`: .docx for export and print, HTML for the live preview.

mod docx;
mod drawing;
mod html;
pub(crate) mod package;

pub(crate) use docx::copy_block;
pub use docx::{copies_docx, docx};
pub use html::html;

use crate::document::Document;
use crate::error::Error;
use crate::model::Letter;

/// A letter as .docx bytes, in one call.
pub fn letter_docx(letter: &Letter) -> Result<Vec<u8>, Error> {
    docx(&Document::from_letter(letter))
}

/// A letter as the HTML preview page, in one call.
pub fn letter_html(letter: &Letter) -> String {
    html(&Document::from_letter(letter))
}
