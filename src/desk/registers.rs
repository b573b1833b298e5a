//! The desk's other half: documents received entered in the incoming register, with the
//! file they came in, drafted from again later; both registers printed as the books of
//! Phụ lục IV; and the envelopes of a letter.

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::failure::{Failure, Kind};
use super::files;
use super::office::{on_register, Desk};
use super::parents::Opened;
use super::pdf::{deliver, Pdf};
use super::store::{DeadlineLine, Due};
use crate::issue::books::{self, Book, Line, Span};
use crate::issue::envelope::{self, Size};
use crate::issue::incoming::{Incoming, IncomingEntry, IncomingRow};
use crate::issue::register::{self, Filter};
use crate::issue::stats::{self, Stats};
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

/// What the clerk is reminded of: the deadlines near or past, and a line saying so.
#[derive(Debug, Clone, Serialize)]
pub struct Reminder {
    /// How many days ahead the clerk is reminded.
    pub days: u32,
    /// "Nhắc việc: 1 thời hạn đã quá, 2 thời hạn trong 3 ngày tới."; empty when nothing
    /// is near.
    pub words: String,
    /// Those deadlines, soonest first.
    pub due: Vec<Due>,
}

/// What the register dialog shows, in one call: the year it shows, the book's columns, and
/// the lines of the register asked for.
#[derive(Debug, Clone, Serialize)]
pub struct RegisterView {
    /// The year shown: the filter's, else this year.
    pub year: i32,
    /// The columns of the book (Phụ lục IV).
    pub columns: [&'static str; 10],
    /// The lines.
    pub rows: RegisterRows,
    /// Where the registers are kept: "máy này", or the office's server by name.
    pub kept_on: String,
}

/// The lines of one register.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum RegisterRows {
    /// The outgoing register's.
    Outgoing(Vec<register::Row>),
    /// The incoming register's, each with where it stands.
    Incoming(Vec<IncomingRow>),
}

/// The setting that keeps the clerk's reminder days.
const REMINDER_DAYS: &str = "nhac_truoc_ngay";

/// A deadline's task as given, refused when there is none.
fn task_given(task: &str) -> Result<&str, Failure> {
    match task.trim() {
        "" => Err(Failure::refused("task", "chưa ghi việc phải làm")),
        task => Ok(task),
    }
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
        Ok(on_register!(self, received_before(incoming))?.map(|e| e.already_words()))
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
        let entry = on_register!(
            self,
            receive(
                incoming,
                source
                    .as_ref()
                    .map(|(from, n, b)| (from.key(), n.as_str(), b.as_slice())),
                now,
            )
        )?;
        // What the file says is searched with its line: its text, as far as it has one
        // (a scan's words are the directive's fields, already there).
        if let Some((from, name, bytes)) = &source {
            let text = match from {
                super::parents::Source::Paste => Some(String::from_utf8_lossy(bytes).into_owned()),
                _ => crate::read::import::text(name, bytes).ok(),
            };
            if let Some(text) = text {
                on_register!(self, keep_text(entry.id, &text))?;
            }
        }
        // What was verified of the file's digital signatures stays with its line.
        let read = match parent {
            Some(id) => self.directive(Some(id))?.unwrap_or_default(),
            None => Default::default(),
        };
        if !read.signatures.is_empty() {
            on_register!(self, keep_signatures(entry.id, &read.signatures))?;
        }
        // The deadlines it sets are followed up from now on, until a letter answers it.
        on_register!(self, keep_deadlines(entry.id, &read.deadlines))?;
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
    pub fn due(&self, on: NaiveDate, within: u32) -> Result<Vec<Due>, Failure> {
        let mut due = on_register!(self, due(on + chrono::Duration::days(i64::from(within))))?;
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

    /// Every deadline of incoming line `incoming`, open or closed, for the clerk to edit.
    pub fn deadlines_of(&self, incoming: i64) -> Result<Vec<DeadlineLine>, Failure> {
        Ok(on_register!(self, deadlines_of(incoming))?)
    }

    /// Adds a deadline by hand to incoming line `incoming`: its day and what is to be done.
    pub fn add_deadline(
        &mut self,
        incoming: i64,
        on: NaiveDate,
        task: &str,
    ) -> Result<i64, Failure> {
        let task = task_given(task)?;
        let id = on_register!(self, add_deadline(incoming, on, task))?;
        Ok(id)
    }

    /// Corrects deadline `id`: its day and what is to be done.
    pub fn change_deadline(&mut self, id: i64, on: NaiveDate, task: &str) -> Result<(), Failure> {
        let task = task_given(task)?;
        Ok(on_register!(self, change_deadline(id, on, task))?)
    }

    /// Closes deadline `id` on `on` (today when none), done without a letter answering it;
    /// or opens it again (`closed` false).
    pub fn close_deadline(
        &mut self,
        id: i64,
        closed: bool,
        on: Option<NaiveDate>,
    ) -> Result<(), Failure> {
        let on = closed.then(|| on.unwrap_or_else(|| self.today()));
        Ok(on_register!(self, close_deadline(id, on))?)
    }

    /// Records that incoming line `id` was passed to `to` (a unit or a person) on `on`,
    /// today when none: the book's "Đơn vị hoặc người nhận" and "Ngày chuyển".
    pub fn pass(&mut self, id: i64, to: &str, on: Option<NaiveDate>) -> Result<(), Failure> {
        if to.trim().is_empty() {
            return Err(Failure::refused(
                "to",
                "chưa ghi chuyển cho đơn vị hoặc người nào",
            ));
        }
        let on = on.unwrap_or_else(|| self.today());
        Ok(on_register!(self, pass(id, to, on))?)
    }

    /// Files incoming line `id` on `on` (today when none), nothing more to do, closing its
    /// open deadlines; or takes it back out (`filed` false).
    pub fn file(&mut self, id: i64, filed: bool, on: Option<NaiveDate>) -> Result<(), Failure> {
        let on = filed.then(|| on.unwrap_or_else(|| self.today()));
        Ok(on_register!(self, file(id, on))?)
    }

    /// How many days ahead a deadline is brought to the clerk's notice (3 until she sets it).
    pub fn reminder_days(&self) -> Result<u32, Failure> {
        Ok(self
            .store
            .setting(REMINDER_DAYS)?
            .and_then(|d| d.parse().ok())
            .unwrap_or(3))
    }

    /// Sets how many days ahead a deadline is brought to the clerk's notice (0 to 60).
    pub fn set_reminder_days(&mut self, days: u32) -> Result<(), Failure> {
        if days > 60 {
            return Err(Failure::refused("days", "nhắc trước tối đa 60 ngày"));
        }
        Ok(self.store.set_setting(REMINDER_DAYS, &days.to_string())?)
    }

    /// What the clerk is reminded of on `on`: the deadlines past and those within her
    /// reminder days, with a line saying how many (empty when nothing is near).
    pub fn reminder(&self, on: NaiveDate) -> Result<Reminder, Failure> {
        let days = self.reminder_days()?;
        let due = self.due(on, days)?;
        if due.is_empty() {
            return Ok(Reminder {
                days,
                words: String::new(),
                due,
            });
        }
        let day = on.to_string();
        let late = due.iter().filter(|d| d.due_on < day).count();
        let near = due.len() - late;
        let mut parts = Vec::new();
        if late > 0 {
            parts.push(format!("{late} thời hạn đã quá"));
        }
        if near > 0 {
            let within = match days {
                0 => "hôm nay".to_string(),
                d => format!("trong {d} ngày tới"),
            };
            parts.push(format!("{near} thời hạn {within}"));
        }
        Ok(Reminder {
            days,
            words: format!("Nhắc việc: {}.", parts.join(", ")),
            due,
        })
    }

    /// The statistics of `year`, deadlines counted on today.
    pub fn stats(&self, year: i32) -> Result<Stats, Failure> {
        let facts = on_register!(self, year_facts(year))?;
        let received: Vec<(NaiveDate, String)> = facts
            .received
            .into_iter()
            .map(|(day, kind, symbol)| (day, stats::kind_of(&kind, &symbol)))
            .collect();
        let issued: Vec<(NaiveDate, String)> = facts
            .issued
            .into_iter()
            .map(|(day, kind)| {
                (
                    day,
                    crate::model::DocKind::from_name(&kind).name().to_string(),
                )
            })
            .collect();
        Ok(Stats::count(
            year,
            &received,
            &issued,
            &facts.deadlines,
            self.today(),
        ))
    }

    /// Writes the statistics of `year` as an .xlsx workbook (the tables and the chart);
    /// gives the path written.
    pub fn export_stats(&self, year: i32, path: &Path) -> Result<String, Failure> {
        let bytes = self.stats(year)?.xlsx()?;
        files::write_atomic(path, &bytes)?;
        Ok(path.display().to_string())
    }

    /// The incoming line `number` of `year` ("01/2024"), which a letter answers; refused by
    /// name when there is none.
    pub fn incoming_line(&self, year: i32, number: u32) -> Result<i64, Failure> {
        on_register!(self, incoming_id(year, number))?.ok_or_else(|| {
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
        Ok(on_register!(self, search(query, from, to, 50))?)
    }

    /// The register dialog's view of the outgoing register, or the incoming one, with the
    /// lines `filter` keeps; a filter without a year shows this year's.
    pub fn register_view(&self, incoming: bool, filter: &Filter) -> Result<RegisterView, Failure> {
        let year = filter.year.unwrap_or_else(|| self.today().year());
        let filter = Filter {
            year: Some(year),
            ..filter.clone()
        };
        let rows = match incoming {
            true => RegisterRows::Incoming(self.incoming_register(Some(year))?),
            false => RegisterRows::Outgoing(self.register(&filter)?),
        };
        Ok(RegisterView {
            year,
            columns: super::names::book_columns(incoming),
            rows,
            kept_on: match self.server_name() {
                Some(server) => format!("máy chủ {server}"),
                None => "máy này".into(),
            },
        })
    }

    /// The lines of the incoming register of `year` (all when none), with their words.
    pub fn incoming_register(&self, year: Option<i32>) -> Result<Vec<IncomingRow>, Failure> {
        Ok(on_register!(self, incoming(year, None))?
            .into_iter()
            .map(IncomingEntry::row)
            .collect())
    }

    /// Writes the incoming register of `year` (all when none) as an .xlsx workbook.
    pub fn export_incoming(&self, year: Option<i32>, path: &Path) -> Result<String, Failure> {
        let lines: Vec<Line> = on_register!(self, incoming(year, None))?
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
        let Some((kind, name, bytes)) = on_register!(self, incoming_source(id))? else {
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
                let entries = self.entries(&filter)?;
                (
                    entries.iter().map(|e| e.line()).collect(),
                    register::span(&entries, year, 1),
                )
            }
            Book::Incoming => {
                let entries = on_register!(self, incoming(Some(year), None))?;
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
