//! What arrives: the bytes of a received file as clean text (`import`, with `encoding` for
//! legacy fonts, `package` for .docx, `doc` for Word 97–2003 and `pdf` for a PDF's text
//! layer), read into a
//! `Directive` and its problems (`parse`). Every reader is bounded in what it produces and
//! in its time.

pub mod doc;
pub mod encoding;
pub mod import;
pub mod package;
pub mod parse;
pub mod pdf;
