//! congvan: the core of the forwarding-letter desk. The layers below `desk` are pure:
//! bytes, text and values in, values out; "today", the profile and the templates are passed
//! in. `desk` owns the clerk's workflows with their I/O (the database, files, LibreOffice,
//! the clock), for the window and the command-line tool alike.
//!
//! The layers, from the bottom; a module uses only those above it in this list (see
//! ARCHITECTURE.md, and `tests/layers.rs`, which fails on an edge that goes up or round):
//! 1. Letters and words: `text` (folding, NFC, tone marks), `error`, `gazetteer`.
//! 2. The values: `model` (the letter, kinds, dates, citations, the profile), `markup`
//!    (the body's Markdown and its paragraphs), `layout` (every measure of the page).
//! 3. The language: `wording` (dates, numbers, citations), `casing` (capitals); and
//!    `pades`, digital signatures in PDF (adding one, verifying them).
//! 4. `read`: what arrives, as a `Directive` and its problems.
//! 5. `draft`: the forwarding letter from a directive, a profile and a template.
//! 6. `render`: a letter laid out as a `Document`, written as .docx, HTML or PDF.
//! 7. `check`: the format rules, on a letter or on any .docx.
//! 8. `issue`: the registers (outgoing and incoming, and their books), the signed copies,
//!    copies of a received file, envelopes, and a year's records for the archive.
//! 9. `desk`: the workflows, with the store, files, fonts, LibreOffice (for received files),
//!    backups and the clock.

// Every public item says in one line what it is (clippy's -D warnings makes this an error).
#![warn(missing_docs)]

// 1. Letters and words.
pub mod error;
pub mod gazetteer;
mod gazetteer_table;
pub mod text;

// 2. The values.
pub mod layout;
pub mod markup;
mod metrics_table;
pub mod model;

// 3. The language.
pub mod casing;
pub mod pades;
pub mod wording;

// 4–8. Reading, drafting, laying out, checking, the registers and issuing.
pub mod read;

pub mod draft;

pub mod render;

pub mod check;

pub mod issue;

// 9. The workflows and their I/O.
pub mod desk;

pub use error::Error;
pub use model::{DocKind, DocRef, Letter, LetterDate, Profile, Signature};
pub use render::document::Document;
