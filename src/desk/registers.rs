//! The desk's other half: documents received entered in the incoming register, with the
//! file they came in, drafted from again later; both registers printed as the books of
//! Phụ lục IV; and the envelopes of a letter.

use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use super::failure::{Failure, Kind};
use super::files;
use super::office::Desk;
use super::parents::Opened;
use super::pdf::{deliver, Pdf};
use crate::issue::books::{self, Book, Line, Span};
use crate::issue::envelope::{self, Size};
use crate::issue::incoming::{Incoming, IncomingEntry, IncomingRow};
use crate::issue::register::{self, Filter};
use crate::model::Letter;

/// A document entered in the incoming register.
#[derive(Debug, Clone, Serialize)]
pub struct Receipt {
    /// Its line.
    pub entry: IncomingEntry,
    /// "Đã vào sổ văn bản đến số 01 ngày 20/05/2024".
    pub done: String,
    /// When the same document was entered before: "văn bản này đã vào sổ đến số 03 …".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub already: Option<String>,
    /// The deadlines the document sets, as read from it.
    pub deadlines: Vec<crate::read::parse::Deadline>,
}

impl Desk {
    /// The line the incoming register would take for the parent `parent`, received today,
    /// for the clerk to check and correct.
    pub fn incoming_for(&self, parent: i64) -> Result<Incoming, Failure> {
        let directive = self.directive(Some(parent))?.unwrap_or_default();
        Ok(Incoming::from_directive(&directive, self.today(), ""))
    }

    /// The line the same document was entered on before, in words, when it was.
    pub fn received_before(&self, incoming: &Incoming) -> Result<Option<String>, Failure> {
        Ok(self
            .store
            .received_before(incoming)?
            .map(|e| e.already_words()))
    }

    /// Enters `incoming` in the register with the next số đến of its year, keeping what
    /// the parent `parent` came in (its file, or the text pasted); the same document
    /// entered before is flagged, not refused (Phụ lục VI).
    pub fn receive(
        &mut self,
        incoming: &Incoming,
        parent: Option<i64>,
    ) -> Result<Receipt, Failure> {
        if let Some((field, why)) = incoming.refusal() {
            return Err(Failure::refused(field, format!("chưa vào sổ được: {why}")));
        }
        let already = self.received_before(incoming)?;
        let source = parent.map(|id| self.parent_source(id)).transpose()?;
        let now = self.now();
        let entry = self.store.receive(
            incoming,
            source
                .as_ref()
                .map(|(from, n, b)| (from.key(), n.as_str(), b.as_slice())),
            now,
        )?;
        // What the file says is searched with its line: its text, as far as it has one
        // (a scan's words are the directive's fields, already there).
        if let Some((from, name, bytes)) = &source {
            let text = match from {
                super::parents::Source::Paste => Some(String::from_utf8_lossy(bytes).into_owned()),
                _ => crate::read::import::text(name, bytes).ok(),
            };
            if let Some(text) = text {
                self.store.keep_text(entry.id, &text)?;
            }
        }
        // What was verified of the file's digital signatures stays with its line.
        let read = match parent {
            Some(id) => self.directive(Some(id))?.unwrap_or_default(),
            None => Default::default(),
        };
        if !read.signatures.is_empty() {
            self.store.keep_signatures(entry.id, &read.signatures)?;
        }
        // The deadlines it sets are followed up from now on, until a letter answers it.
        self.store.keep_deadlines(entry.id, &read.deadlines)?;
        let done = entry.entered_words();
        let _ = self.auto_backup("so-den");
        Ok(Receipt {
            entry,
            done,
            already,
            deadlines: read.deadlines,
        })
    }

    /// Reads the file at `path` and enters it, received on `on` (today when none) for
    /// `recipient`: the tool's `receive`.
    pub fn receive_file(
        &mut self,
        path: &Path,
        on: Option<NaiveDate>,
        recipient: &str,
    ) -> Result<Receipt, Failure> {
        let parent = self.open_parent(path, &mut super::ocr::Reading::default())?;
        let on = on.unwrap_or_else(|| self.today());
        let mut incoming = Incoming::from_directive(&parent.directive, on, recipient);
        if incoming.author.trim().is_empty() {
            incoming.author = "(chưa đọc được tác giả)".into();
        }
        self.receive(&incoming, Some(parent.id))
    }

    /// The open deadlines due by `on` and the `within` days after it, those past included,
    /// soonest first.
    pub fn due(&self, on: NaiveDate, within: u32) -> Result<Vec<super::store::Due>, Failure> {
        let mut due = self
            .store
            .due(on + chrono::Duration::days(i64::from(within)))?;
        for d in &mut due {
            let day = NaiveDate::parse_from_str(&d.due_on, "%Y-%m-%d").ok();
            let shown = day.map_or(d.due_on.clone(), |x| x.format("%d/%m/%Y").to_string());
            let late = match day {
                Some(x) if x < on => " (quá hạn)",
                Some(x) if x == on => " (hôm nay)",
                _ => "",
            };
            d.words = format!(
                "{shown}{late}: {} — số đến {} ({})",
                d.task, d.incoming_number, d.number_symbol
            );
        }
        Ok(due)
    }

    /// The incoming line `number` of `year` ("01/2024"), which a letter answers; refused by
    /// name when there is none.
    pub fn incoming_line(&self, year: i32, number: u32) -> Result<i64, Failure> {
        self.store.incoming_id(year, number)?.ok_or_else(|| {
            Failure::from(crate::error::Error::NotFound(format!(
                "sổ văn bản đến năm {year} không có số đến {number:02}"
            )))
        })
    }

    /// The lines of both registers that a search finds (see `Store::search`), at most 50,
    /// the best first.
    pub fn search(
        &self,
        query: &str,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<super::store::Found>, Failure> {
        Ok(self.store.search(query, from, to, 50)?)
    }

    /// The lines of the incoming register of `year` (all when none), with their words.
    pub fn incoming_register(&self, year: Option<i32>) -> Result<Vec<IncomingRow>, Failure> {
        Ok(self
            .store
            .incoming(year, None)?
            .into_iter()
            .map(IncomingEntry::row)
            .collect())
    }

    /// Writes the incoming register of `year` (all when none) as an .xlsx workbook.
    pub fn export_incoming(&self, year: Option<i32>, path: &Path) -> Result<String, Failure> {
        let lines: Vec<Line> = self
            .store
            .incoming(year, None)?
            .iter()
            .map(IncomingEntry::line)
            .collect();
        let bytes = books::xlsx(Book::Incoming, &lines, year)?;
        files::write_atomic(path, &bytes)?;
        Ok(path.display().to_string())
    }

    /// Reads again the document of incoming line `id`, from the file kept with it, a scan
    /// with `reading`'s engine and progress; it is kept as a parent, to draft a reply from
    /// or copy.
    pub fn open_incoming(
        &mut self,
        id: i64,
        reading: &mut super::ocr::Reading,
    ) -> Result<Opened, Failure> {
        let Some((kind, name, bytes)) = self.store.incoming_source(id)? else {
            return Err(Failure {
                kind: Kind::NotFound,
                message: format!("dòng {id} của sổ văn bản đến không kèm tệp nào"),
                field: None,
            });
        };
        self.reopen(&kind, &name, &bytes, reading)
    }

    /// Writes the register `book` of `year` as the printed book of Phụ lục IV to `path`
    /// (and its PDF beside it when asked); gives the paths written.
    pub fn book(
        &self,
        book: Book,
        year: i32,
        path: &Path,
        pdf: bool,
    ) -> Result<Vec<String>, Failure> {
        let fonts = self.fonts(pdf)?;
        let (lines, span): (Vec<Line>, Span) = match book {
            Book::Outgoing => {
                let filter = Filter {
                    year: Some(year),
                    ..Filter::default()
                };
                let entries = self.store.register(&filter)?;
                (
                    entries.iter().map(|e| e.line()).collect(),
                    register::span(&entries, year, 1),
                )
            }
            Book::Incoming => {
                let entries = self.store.incoming(Some(year), None)?;
                let span = Span::of(
                    year,
                    entries.iter().map(|e| e.incoming.received_on),
                    entries.iter().map(|e| e.number),
                    1,
                );
                (entries.iter().map(IncomingEntry::line).collect(), span)
            }
        };
        let profile = self.profile()?;
        let bytes = books::docx(book, &lines, &span, &profile)?;
        let pdf = match fonts {
            Some(fonts) => Pdf::Made(books::pdf(book, &lines, &span, &profile, &fonts)?),
            None => Pdf::None,
        };
        deliver(path, &bytes, pdf).into_result()
    }

    /// Writes the envelopes of `letter` (one page for each addressee) to `path`, and their
    /// PDF beside it when asked; gives the paths written.
    pub fn envelopes(
        &self,
        letter: &Letter,
        size: Size,
        path: &Path,
        pdf: bool,
    ) -> Result<Vec<String>, Failure> {
        let profile = self.profile()?;
        let bytes = envelope::envelopes(letter, &profile, size)?;
        let pdf = match self.fonts(pdf)? {
            Some(fonts) => Pdf::Made(envelope::envelopes_pdf(letter, &profile, size, &fonts)?),
            None => Pdf::None,
        };
        deliver(path, &bytes, pdf).into_result()
    }

    /// The letter of register line `id`, as issued.
    pub fn issued_letter(&self, id: i64) -> Result<Letter, Failure> {
        Ok(self.entry(id)?.letter)
    }
}
