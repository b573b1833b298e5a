//! congvan: the core of the forwarding-letter desk. Pure functions from bytes, text and
//! values to values; "today", the profile and the templates are passed in.
//!
//! The data flows through the modules in this order:
//! a `Letter` (the form, `model`) is laid out as a `Document` (`document`, reading its
//! body with `markup`, its wording from `wording` and its measures from `layout`), which
//! `render` writes as .docx bytes or as an HTML preview. `template` fills a body from a
//! saved template.

pub mod check;
pub mod document;
pub mod draft;
pub mod encoding;
pub mod error;
pub mod import;
pub mod layout;
pub mod markup;
mod metrics_table;
pub mod model;
pub mod parse;
pub mod render;
pub mod template;
pub mod wording;

pub use document::Document;
pub use error::Error;
pub use model::{DocKind, DocRef, Letter, LetterDate, Profile, Signature};
