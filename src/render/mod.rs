//! The writers of a `Document`: .docx for export and print, HTML for the live preview.

mod docx;
mod html;
mod package;

pub use docx::docx;
pub use html::html;
