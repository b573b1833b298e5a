//! What the window and the tool are given to show, so that no wording is made outside the
//! core: the file names offered in the save dialogs, the lists the form picks from, and the
//! form's small rewordings (the basis cut from the body, an addressee added to Nơi nhận).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::issue::books::Book;
use crate::issue::certified;
use crate::issue::register::Filter;
use crate::model::{DocKind, Letter};
use crate::read::parse::{self, Directive};
use crate::wording;

/// The name a letter is exported under, from its số and V/v.
pub fn letter_file(letter: &Letter) -> String {
    wording::file_name(letter.number, &letter.symbol, &letter.subject)
}

/// The name a letter's digitally signed PDF is offered under.
pub fn signed_file(letter: &Letter) -> String {
    letter_file(letter).replace(".docx", "-ky-so.pdf")
}

/// The name an electronic copy (sao y điện tử) of the received file `name` is offered under.
pub fn electronic_copy_file(name: &str) -> String {
    let file = std::path::Path::new(name)
        .file_stem()
        .map_or_else(|| "van-ban".into(), |s| s.to_string_lossy().into_owned());
    format!("{file}-sao-y-dien-tu.pdf")
}

/// The name the outgoing register's (or with `incoming`, the incoming one's) .xlsx is
/// offered under.
pub fn register_file(filter: &Filter, incoming: bool) -> String {
    let name = filter.file_name();
    match incoming {
        true => name.replace("van-ban-di", "van-ban-den"),
        false => name,
    }
}

/// The name a register book of `year` is offered under.
pub fn book_file(book: Book, year: i32) -> String {
    book.file_name(year)
}

/// The name a backup taken on `today` is offered under.
pub fn backup_file(today: NaiveDate) -> String {
    format!("congvan-sao-luu-{today}.db")
}

/// The name a year's statistics are offered under.
pub fn stats_file(year: i32) -> String {
    format!("thong-ke-van-ban-{year}.xlsx")
}

/// The name a template is exported under.
pub fn template_file(id: &str) -> String {
    format!("{id}.hbs")
}

/// The name a letter's envelopes are offered under.
pub fn envelopes_file() -> &'static str {
    "phong-bi.docx"
}

/// The new folder a year's archive is written into, inside the one the clerk picked.
pub fn archive_folder(picked: &Path, year: i32) -> PathBuf {
    picked.join(format!("Luu tru van ban di {year}"))
}

/// The kinds of document the app knows, for the form's list.
pub fn kinds() -> Vec<&'static str> {
    DocKind::all_names()
}

/// The columns of a register book (Phụ lục IV), in order: the incoming one's, or the
/// outgoing one's.
pub fn book_columns(incoming: bool) -> [&'static str; 10] {
    Book::of(incoming).columns()
}

/// The body cut where its basis ends: the paragraphs the form shows as the reference, and
/// the rest.
pub fn split_basis(body: &str) -> (String, String) {
    wording::split_basis(body)
}

/// A Nơi nhận list with an addressee from the address book added before "Lưu: …".
pub fn with_addressee(list: &[String], entry: &str) -> Vec<String> {
    wording::with_addressee(list, entry)
}

/// The Nơi nhận a copy of the parent sent with `letter` starts from.
pub fn copy_distribution(letter: &Letter) -> Vec<String> {
    certified::distribution_for(letter)
}

/// What was read from a parent, as the tool prints it.
pub fn summary(directive: &Directive) -> String {
    parse::summary(directive)
}
