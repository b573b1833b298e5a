//! The clerk's workflows with their I/O, written once for the window and the tool: open a
//! parent, draft, export, issue, copy, write again, cancel; the drafts, templates, profile
//! and images kept. The layer that reaches the database (`store`, and for an office
//! sharing its registers the PostgreSQL server, `server`, reached through `remote`), the clerk's files
//! (`files`), the fonts of the PDFs (`fonts`), LibreOffice for a received file's PDF
//! (`pdf`) and the clock; the window's commands and the tool's subcommands are adapters of
//! a few lines over it.
//!
//! This file is its table of contents: the modules, and what the window and the tool may
//! name, re-exported here; they name nothing else of the crate (tests/layers.rs).

// The one layer of the core that touches files, processes and the clock (clippy.toml).
#![allow(clippy::disallowed_methods)]

pub mod archive;
pub mod backup;
#[cfg(windows)]
mod certstore;
pub mod failure;
pub mod files;
mod fonts;
pub mod letters;
pub mod names;
pub mod ocr;
pub mod office;
pub mod opener;
pub mod parents;
pub mod pdf;
mod pkcs11;
mod programs;
pub mod registers;
pub mod remote;
pub mod server;
pub mod signer;
pub mod signing;
pub mod store;

// The desk's own types.
pub use archive::Archived;
pub use backup::{Backup, Trouble};
#[cfg(windows)]
pub use certstore::CertStore;
pub use failure::{Failure, Kind};
pub use letters::{
    CopyOrder, Form, Forwarded, IssueOrder, Issued, Output, Refreshed, Reissue, SavedDraft,
};
pub use office::{image_name, Desk, ImageSource, ImageStatus};
pub use parents::{Opened, Received, Source};
pub use pkcs11::Pkcs11;
pub use registers::{Receipt, RegisterRows, RegisterView, Reminder};
pub use server::{Clerk, Server};
pub use signer::{KeyFile, Signer};
pub use signing::{Role, SignOrder, SignedFile, SigningSetup};
pub use store::{Contents, DeadlineLine, DraftSummary, Due, Found};

// The core's values the window and the tool exchange with the desk.
pub use crate::check::{has_errors, Finding, Severity};
pub use crate::draft::template::TemplateEntry;
pub use crate::draft::{Draft, Options as DraftOptions, TemplateChoices};
pub use crate::issue::books::Book;
pub use crate::issue::certified::Order;
pub use crate::issue::envelope::Size;
pub use crate::issue::incoming::{Incoming, IncomingRow};
pub use crate::issue::register::{CopyOptions, Entry, Filter, Row};
pub use crate::issue::stats::Stats;
pub use crate::model::{DocKind, Letter, Profile, Signature};
pub use crate::pades::Verified;
pub use crate::read::parse::{Directive, Field};

#[cfg(test)]
mod tests;
