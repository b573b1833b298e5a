//! What arrives: the bytes of a received file as clean text (`import`, with `encoding` for
//! legacy fonts and `package` for .docx), read into a `Directive` and its problems
//! (`parse`).

pub mod encoding;
pub mod import;
pub mod package;
pub mod parse;
