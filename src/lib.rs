//! congvan: the core of the forwarding-letter desk. Pure functions from bytes, text and
//! values to values; "today", the profile and the templates are passed in.
//!
//! The data flows through the modules in this order:
//! 1. `import` turns the bytes the clerk received into clean text (`encoding` converts
//!    TCVN3 and VNI), and `parse` reads it into a `Directive` and its problems.
//! 2. `draft` makes the forwarding `Letter` (`model`) from the directive, the office
//!    `Profile` and a `template`; `check` lists what breaks the format rules.
//! 3. The letter is laid out as a `Document` (`document`, reading its body with `markup`,
//!    its wording from `wording`, its measures from `layout`), which `render` writes as
//!    .docx bytes or as the HTML preview.
//! 4. `store` keeps drafts, the profile and the clerk's templates in a local database:
//!    the one module of the core that touches a file. When the leader signs, `store`
//!    takes the next number of the `register` and records the issued letter, whose
//!    signed copies `render` writes and `pdf` turns into PDF through LibreOffice.

// Every public item says in one line what it is (clippy's -D warnings makes this an error).
#![warn(missing_docs)]

// Reading what arrives.
pub mod encoding;
pub mod import;
pub mod parse;
pub mod text;

// Vietnam's place names (generated).
pub mod gazetteer;
mod gazetteer_table;

// Drafting and checking the letter.
pub mod casing;
pub mod check;
pub mod draft;
pub mod model;
pub mod template;

// Keeping the clerk's work, and issuing it.
pub mod certified;
pub mod pdf;
pub mod register;
pub mod signing;
pub mod store;

// Laying it out and writing it.
pub mod document;
pub mod layout;
pub mod markup;
mod metrics_table;
pub mod render;
pub mod wording;

pub mod error;

pub use document::Document;
pub use error::Error;
pub use model::{DocKind, DocRef, Letter, LetterDate, Profile, Signature};
