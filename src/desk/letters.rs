//! The letters: drafting, the drafts kept, the editor's refresh, export, and issuing in two
//! steps, so that everything that can be checked is checked before a number is taken:
//! `prepare_issue` and `prepare_copy` check the letter or the received file, the images,
//! LibreOffice when a PDF is asked for; `issue` and `copy` then make the files, take the
//! number, and only then write. The outgoing register's lines, cancelled with a reason.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::failure::{Failure, Kind};
use super::files::{self, named, write};
use super::ocr;
use super::office::{Desk, ImageSource, MAX_TEXT_FILE};
use super::opener;
use super::parents::{Opened, Received};
use super::pdf::{deliver, Delivered, Pdf};
use super::store::{self, DraftSummary};
use crate::check::{self, Finding};
use crate::draft::template::Template;
use crate::draft::{self, Draft};
use crate::issue::certified::{self, Order};
use crate::issue::register::{self, CopyOptions, Entry, Filter, Row};
use crate::model::Letter;
use crate::read::import::MAX_FILE_BYTES;
use crate::render;
use crate::render::document::Document;
use crate::render::images::Images;
use crate::render::pdf::Fonts;
use crate::text::capitalize;

/// Where an issued letter's signed copies are written, and how.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Output {
    /// The .docx to write.
    pub path: PathBuf,
    /// One copy or one per addressee, marks, the drafter's ký hiệu.
    pub copies: CopyOptions,
}

/// A letter checked and ready to take its number.
pub struct IssueOrder {
    letter: Letter,
    signed_on: NaiveDate,
    series: String,
    images: Images,
    /// The fonts of the PDF, when one is asked for.
    fonts: Option<Fonts>,
}

/// The signed copies of a register line, made again and ready to write.
pub struct Reissue {
    entry: Entry,
    bytes: Vec<u8>,
    pdf: Pdf,
}

/// A copy (sao y, sao lục) of a received file, checked and ready to take its number.
pub struct CopyOrder {
    copy: Letter,
    received: Received,
    signed_on: NaiveDate,
    images: Images,
    print: CopyPrint,
}

/// How a copy's PDF is made, when one is asked for.
enum CopyPrint {
    None,
    /// The received file is a letter the app wrote, unchanged: laid out again in-process.
    Own(Box<Letter>, Fonts),
    /// Any other file, through LibreOffice.
    LibreOffice(PathBuf),
}

impl IssueOrder {
    /// The name the signed copies are offered under, before the number is known.
    pub fn file_name(&self) -> String {
        crate::wording::file_name(None, &self.letter.symbol, &self.letter.subject)
    }
}

impl Reissue {
    /// The name the copies are offered under, with their number.
    pub fn file_name(&self) -> String {
        self.entry.file_name()
    }
}

impl CopyOrder {
    /// The name the copy is offered under: "sao-y-" or "sao-luc-" and the received file's.
    pub fn file_name(&self) -> String {
        let stem = Path::new(&self.received.name)
            .file_stem()
            .map_or("van-ban".into(), |s| s.to_string_lossy().into_owned());
        let prefix = match self.copy.doc_type.copy_form() {
            Some("SAO LỤC") => "sao-luc",
            _ => "sao-y",
        };
        format!("{prefix}-{stem}.docx")
    }
}

/// What was issued: the register line, and the files written (the .docx, then its PDF).
/// The number stays taken when the files could not be written: `unwritten` says why, and
/// the copies can be written again from the register.
#[derive(Debug, Clone, Serialize)]
pub struct Issued {
    /// The line of the register, with the number and the day.
    pub entry: Entry,
    /// What was done, as the clerk is told: "Đã cấp số 01/LĐLĐ ngày 20/05/2024".
    pub done: String,
    /// The files written, when any.
    pub paths: Vec<String>,
    /// How many copies the .docx holds.
    pub copies: usize,
    /// Why the files were not written after the number was taken, naming the number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unwritten: Option<Failure>,
    /// Why the automatic backup after the number failed, when it did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backup_failure: Option<Failure>,
}

impl Issued {
    /// A line just numbered, nothing written yet; `what` is "số" or "số bản sao".
    fn new(entry: Entry, what: &str) -> Issued {
        Issued {
            done: capitalize(&issued_words(&entry, what)),
            entry,
            paths: Vec::new(),
            copies: 0,
            unwritten: None,
            backup_failure: None,
        }
    }

    /// Records what writing the files gave: the paths written, and why not all were,
    /// after the number.
    fn written(&mut self, delivered: Delivered) {
        self.paths = delivered.paths;
        self.unwritten = delivered.failure.map(|f| f.after(&self.done));
    }
}

/// The editor's form as the clerk left it: the letter as JSON text, the draft it is saved
/// as and the parent it was drafted from, and whether to save it now.
#[derive(Debug, Clone, Deserialize)]
pub struct Form {
    /// The letter, as the form writes it (JSON).
    pub json: String,
    /// The draft it is saved as; none before its first save.
    #[serde(default)]
    pub draft: Option<i64>,
    /// The parent it was drafted from, when one.
    #[serde(default)]
    pub parent: Option<i64>,
    /// Whether to save the draft now.
    #[serde(default)]
    pub save: bool,
}

/// What the editor shows after a pause in typing.
#[derive(Debug, Clone, Serialize)]
pub struct Refreshed {
    /// The form read as a letter.
    pub letter: Letter,
    /// Its A4 preview, one HTML page.
    pub html: String,
    /// What it breaks of the format rules.
    pub findings: Vec<Finding>,
    /// The draft it is saved as, once saved.
    pub draft: Option<i64>,
    /// The recent drafts, as listed after the save, when it was saved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drafts: Option<Vec<DraftSummary>>,
    /// Why it could not be saved, when it was to be and could not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unsaved: Option<Failure>,
}

/// A saved draft: its id, the letter, and the parent it was made from while it is kept.
#[derive(Debug, Clone, Serialize)]
pub struct SavedDraft {
    /// The draft's id.
    pub id: i64,
    /// The letter.
    pub letter: Letter,
    /// The parent it was drafted from, when it was and is still kept.
    pub parent: Option<Opened>,
}

/// A parent read by `forward`, and the letter that forwards it.
#[derive(Debug, Clone, Serialize)]
pub struct Forwarded {
    /// The letter and the gaps it leaves.
    #[serde(flatten)]
    pub draft: Draft,
    /// What it breaks of the format rules.
    pub findings: Vec<Finding>,
}

impl Desk {
    // ---- Drafting ---------------------------------------------------------------------

    /// The letter that forwards the parent `parent` (a new letter without one), drafted
    /// with `template` and the office profile, dated today.
    pub fn draft(
        &self,
        parent: Option<i64>,
        template: &Template,
        options: &draft::Options,
    ) -> Result<Draft, Failure> {
        let parent = self.directive(parent)?;
        Ok(draft::draft(
            parent.as_ref(),
            &self.profile()?,
            template,
            self.today(),
            options,
        )?)
    }

    /// Reads a parent from `path`, drafts the letter that forwards it with `template`,
    /// checks it and writes it as .docx to `output`.
    pub fn forward(
        &mut self,
        path: &Path,
        template: &Template,
        options: &draft::Options,
        output: &Path,
    ) -> Result<Forwarded, Failure> {
        let parent = self.open_parent(path, &mut ocr::Reading::default())?;
        let draft = self.draft(Some(parent.id), template, options)?;
        let findings = check::check_letter(&draft.letter);
        self.export(&draft.letter, output)?;
        Ok(Forwarded { draft, findings })
    }

    /// Saves the draft (a new one when `id` is none), made from the parent `parent` when
    /// one; gives its id.
    pub fn save_draft(
        &mut self,
        id: Option<i64>,
        letter: &Letter,
        parent: Option<i64>,
    ) -> Result<i64, Failure> {
        let now = self.now();
        Ok(self.store.save_draft(id, letter, parent, now)?)
    }

    /// The most recently saved drafts, newest first.
    pub fn recent_drafts(&self) -> Result<Vec<DraftSummary>, Failure> {
        Ok(self.store.recent_drafts(20)?)
    }

    /// A saved draft, with the parent it was made from while that is kept.
    pub fn open_draft(&self, id: i64) -> Result<Option<SavedDraft>, Failure> {
        let Some((letter, parent)) = self.store.draft(id)? else {
            return Ok(None);
        };
        let parent = parent.and_then(|p| self.parent(p).ok());
        Ok(Some(SavedDraft { id, letter, parent }))
    }

    /// Deletes a draft the clerk no longer wants.
    pub fn delete_draft(&mut self, id: i64) -> Result<(), Failure> {
        Ok(self.store.delete_draft(id)?)
    }

    /// The draft last saved, to restore after the app was closed, killed or lost power.
    pub fn last_draft(&self) -> Result<Option<SavedDraft>, Failure> {
        match self.store.recent_drafts(1)?.first() {
            Some(last) => self.open_draft(last.id),
            None => Ok(None),
        }
    }

    // ---- Writing a letter -------------------------------------------------------------

    /// The editor after a pause in typing, in one call: the form read as a letter, its
    /// preview and its findings, and the draft saved when `form.save` asks.
    pub fn refresh(&mut self, form: &Form) -> Result<Refreshed, Failure> {
        let letter = Letter::from_json(&form.json)?;
        let saved = match form.save {
            false => Ok(None),
            true => self
                .save_draft(form.draft, &letter, form.parent)
                .and_then(|id| Ok(Some((id, self.recent_drafts()?)))),
        };
        let (draft, drafts, unsaved) = match saved {
            Ok(Some((id, drafts))) => (Some(id), Some(drafts), None),
            Ok(None) => (form.draft, None, None),
            Err(f) => (form.draft, None, Some(f)),
        };
        Ok(Refreshed {
            html: render::letter_html(&letter),
            findings: check::check_letter(&letter),
            letter,
            draft,
            drafts,
            unsaved,
        })
    }

    /// Shows the clerk a file just exported: opened in its program, or its folder.
    pub fn show_file(path: &Path, folder: bool) -> Result<(), Failure> {
        opener::show(path, folder)
    }

    /// Reads a letter from its JSON file.
    pub fn letter_file(path: &Path) -> Result<Letter, Failure> {
        let text = files::read_text(path, MAX_TEXT_FILE)?;
        Letter::from_json(&text).map_err(|e| named(path, e))
    }

    /// Writes `letter` as .docx to `path`; gives the path written.
    pub fn export(&self, letter: &Letter, path: &Path) -> Result<String, Failure> {
        write(path, &render::letter_docx(letter)?)
    }

    /// Writes the PDF of a letter the app wrote to `output`: from its JSON, or from a .docx
    /// the app exported and no one changed since; gives the path written.
    pub fn pdf_file(&self, input: &Path, output: &Path) -> Result<String, Failure> {
        let bytes = files::read(input, MAX_FILE_BYTES as u64)?;
        let letter = match bytes.starts_with(b"PK") {
            true => match render::own_letter(&bytes) {
                Ok(Some(letter)) => letter,
                Ok(None) => {
                    return Err(named(
                        input,
                        Failure::refused(
                            "input",
                            "tệp .docx này không do ứng dụng soạn, nên ứng dụng không dựng lại được: hãy in nó bằng Word hoặc LibreOffice",
                        ),
                    ))
                }
                Err(e) => return Err(named(input, Failure::refused("input", e.to_string()))),
            },
            false => Self::letter_file(input)?,
        };
        let fonts = self.pdf_fonts()?;
        let pdf = render::pdf::pdf(&Document::from_letter(&letter), &fonts)?;
        write(output, &pdf)
    }

    /// Prints `letter`: its PDF, laid out as the .docx is, written to the system's temporary
    /// folder and opened in the system's PDF viewer, where the clerk picks the printer;
    /// gives the path written.
    pub fn print_letter(&self, letter: &Letter) -> Result<String, Failure> {
        let fonts = self.pdf_fonts()?;
        let pdf = render::pdf::pdf(&Document::from_letter(letter), &fonts)?;
        let dir = std::env::temp_dir().join("congvan-in");
        std::fs::create_dir_all(&dir)
            .map_err(|e| Failure::failed(format!("không ghi được {}: {e}", dir.display())))?;
        let name = super::names::letter_file(letter).replace(".docx", ".pdf");
        let path = dir.join(name);
        let written = write(&path, &pdf)?;
        opener::show(&path, false)?;
        Ok(written)
    }

    /// Writes the A4 HTML preview of `letter` to `path`.
    pub fn export_html(&self, letter: &Letter, path: &Path) -> Result<String, Failure> {
        write(path, render::letter_html(letter).as_bytes())
    }

    /// The format findings on a file: a .docx as it is laid out, else a letter's JSON.
    pub fn check_file(path: &Path) -> Result<Vec<Finding>, Failure> {
        let bytes = files::read(path, MAX_FILE_BYTES as u64)?;
        if bytes.starts_with(b"PK\x03\x04") {
            check::check_docx(&bytes).map_err(|e| named(path, e))
        } else {
            Ok(check::check_letter(&Desk::letter_file(path)?))
        }
    }

    // ---- Issuing ----------------------------------------------------------------------

    /// Checks everything a letter's issue needs before its number is taken: the letter
    /// (no number yet, no format error, signed after it was drafted), the images, and
    /// LibreOffice when a PDF is asked for.
    pub fn prepare_issue(
        &self,
        letter: Letter,
        signed_on: NaiveDate,
        images: &ImageSource,
        pdf: bool,
    ) -> Result<IssueOrder, Failure> {
        // Without the signer's name the refusal points at the signature, to fill it in.
        let nameless = letter.number.is_none().then(|| letter.signature.nameless());
        if let Some(why) = nameless.flatten() {
            return Err(Failure::refused(
                "signature",
                format!("chưa cấp số được: {why}"),
            ));
        }
        if let Some(why) = store::issue_refusal(&letter, signed_on, false) {
            return Err(Failure::refused("letter", why));
        }
        self.not_the_example()?;
        let images = self.images(&letter.signature, images)?;
        let fonts = self.fonts(pdf)?;
        let series = register::series(&self.profile()?, &letter.doc_type);
        Ok(IssueOrder {
            letter,
            signed_on,
            series,
            images,
            fonts,
        })
    }

    /// Takes the next number of the letter's series, records the line, and writes the
    /// signed copies to `output` when given (and their PDF when it was asked for). A
    /// failure after the number names it.
    pub fn issue(&mut self, order: IssueOrder, output: Option<Output>) -> Result<Issued, Failure> {
        let now = self.now();
        // The copies are made before the number is committed: one that cannot be made
        // spends no number.
        let make = |issued: &Letter| match &output {
            Some(output) => {
                let docs = register::copies(issued, &output.copies, &order.images);
                let pdf = match &order.fonts {
                    Some(fonts) => Pdf::Made(render::pdf::copies_pdf(&docs, fonts)?),
                    None => Pdf::None,
                };
                render::copies_docx(&docs).map(|bytes| Some((bytes, pdf, docs.len())))
            }
            None => Ok(None),
        };
        let (entry, made) = match &self.server {
            Some(server) => server.borrow_mut().get()?.issue_and_make(
                &order.letter,
                order.signed_on,
                &order.series,
                None,
                now,
                make,
            )?,
            None => self.store.issue_and_make(
                &order.letter,
                order.signed_on,
                &order.series,
                now,
                make,
            )?,
        };
        let mut issued = Issued::new(entry, "số");
        issued.backup_failure = self.auto_backup("so");
        if let (Some(output), Some((bytes, pdf, copies))) = (output, made) {
            issued.copies = copies;
            // The register's "Số lượng bản" is the number of copies issued, as the letter
            // prints it, whether one file or one per copy is written; the line stands
            // without it if this fails.
            let count = register::copy_count(&issued.entry.letter);
            let _ = match &self.server {
                Some(server) => server
                    .borrow_mut()
                    .get()
                    .and_then(|s| s.set_copies(issued.entry.id, count as u32)),
                None => self.store.set_copies(issued.entry.id, count as u32),
            };
            issued.written(deliver(&output.path, &bytes, pdf));
        }
        Ok(issued)
    }

    /// Makes the signed copies of a register line again, with the images kept when
    /// `options` asks for them, after LibreOffice is found when a PDF is asked for. A copy
    /// of a received file is made from the file the register kept.
    pub fn prepare_reissue(
        &self,
        id: i64,
        options: &CopyOptions,
        pdf: bool,
    ) -> Result<Reissue, Failure> {
        let entry = self.entry(id)?;
        let source = match options.images {
            true => ImageSource::Kept,
            false => ImageSource::None,
        };
        let images = self.images(&entry.letter.signature, &source)?;
        let (bytes, pdf) = match self.copied_source(id)? {
            // A copy holds the received file, which only LibreOffice lays out.
            Some(received) => {
                let pdf = match self.soffice(pdf)? {
                    Some(soffice) => Pdf::Convert(soffice),
                    None => Pdf::None,
                };
                let bytes = certified::certify(&received, &entry.letter, &images)?;
                (bytes, pdf)
            }
            None => {
                let docs = register::copies(&entry.letter, options, &images);
                let pdf = match self.fonts(pdf)? {
                    Some(fonts) => Pdf::Made(render::pdf::copies_pdf(&docs, &fonts)?),
                    None => Pdf::None,
                };
                (render::copies_docx(&docs)?, pdf)
            }
        };
        Ok(Reissue { entry, bytes, pdf })
    }

    /// Writes copies made again to `path` (and their PDF beside it); gives the paths
    /// written.
    pub fn reissue(&self, copies: Reissue, path: &Path) -> Result<Vec<String>, Failure> {
        deliver(path, &copies.bytes, copies.pdf).into_result()
    }

    /// Checks everything a copy (sao y, sao lục) of the parent `parent` (refused when none
    /// is open) needs before its number: its file (a .docx that can be read and copied, not pasted text), the images,
    /// LibreOffice when a PDF is asked for.
    pub fn prepare_copy(
        &self,
        parent: Option<i64>,
        order: &Order,
        signed_on: NaiveDate,
        images: &ImageSource,
        pdf: bool,
    ) -> Result<CopyOrder, Failure> {
        self.not_the_example()?;
        let received = self.parent_file(parent.ok_or_else(|| {
            Failure::refused(
                "parent",
                "chưa mở văn bản cấp trên từ tệp .docx: hãy mở (hoặc kéo thả) tệp nhận được rồi sao y",
            )
        })?)?;
        let copy = certified::prepare(
            &received.name,
            &received.bytes,
            &self.profile()?,
            order,
            signed_on,
        )
        .map_err(|e| Failure::refused("parent", named(Path::new(&received.name), e).message))?;
        let images = self.images(&order.signer, images)?;
        // A letter the app wrote and no one changed since is laid out again; any other
        // file only LibreOffice can print.
        let print = match (pdf, render::own_letter(&received.bytes)) {
            (false, _) => CopyPrint::None,
            (true, Ok(Some(own))) => CopyPrint::Own(Box::new(own), self.pdf_fonts()?),
            (true, _) => match self.soffice(true)? {
                Some(soffice) => CopyPrint::LibreOffice(soffice),
                None => CopyPrint::None,
            },
        };
        Ok(CopyOrder {
            copy,
            received,
            signed_on,
            images,
            print,
        })
    }

    /// Takes the next number of the copies' series, records it with the received file,
    /// and writes the copy to `path` (and its PDF beside it). A failure after the number
    /// names it.
    pub fn copy(&mut self, order: CopyOrder, path: &Path) -> Result<Issued, Failure> {
        let now = self.now();
        // The copy is made before the number is committed: a received file that cannot be
        // copied spends no number.
        let make = |copy: &Letter| {
            let bytes = certified::certify(&order.received.bytes, copy, &order.images)?;
            let pdf = match &order.print {
                CopyPrint::Own(copied, fonts) => {
                    let copied = Document::from_letter(copied);
                    let copy = Document::from_letter(copy).with_images(&order.images);
                    Pdf::Made(render::pdf::copy_pdf(&copied, &copy, fonts)?)
                }
                CopyPrint::LibreOffice(soffice) => Pdf::Convert(soffice.clone()),
                CopyPrint::None => Pdf::None,
            };
            Ok((bytes, pdf))
        };
        let (entry, (bytes, pdf)) = match &self.server {
            Some(server) => server.borrow_mut().get()?.issue_and_make(
                &order.copy,
                order.signed_on,
                register::COPY_SERIES,
                Some(&order.received.bytes),
                now,
                make,
            )?,
            None => self.store.issue_copy_and_make(
                &order.copy,
                order.signed_on,
                &order.received.bytes,
                now,
                make,
            )?,
        };
        let mut issued = Issued::new(entry, "số bản sao");
        issued.backup_failure = self.auto_backup("so");
        issued.copies = 1;
        issued.written(deliver(path, &bytes, pdf));
        Ok(issued)
    }

    /// The lines of the outgoing register the filter keeps, with their words.
    pub fn register(&self, filter: &Filter) -> Result<Vec<Row>, Failure> {
        Ok(self.entries(filter)?.into_iter().map(Entry::row).collect())
    }

    /// The lines of the outgoing register the filter keeps: on the office's server when it
    /// keeps the register, else in this PC's database.
    pub(super) fn entries(&self, filter: &Filter) -> Result<Vec<Entry>, Failure> {
        Ok(match &self.server {
            Some(server) => server.borrow_mut().get()?.register(filter)?,
            None => self.store.register(filter)?,
        })
    }

    /// Moves the registers of this PC's database to the office's server at `url`: every
    /// line with its number, cancellation, files, deadlines and the line a letter answers;
    /// the lines stay here too.
    /// Gives what was done, in words.
    pub fn move_register_to(&self, url: &str) -> Result<String, Failure> {
        self.on_this_pc("Chuyển sổ lên máy chủ")?;
        let mut server = super::server::Server::connect(url)?;
        let (taken, held) = server.take_in(&self.store.to_move()?)?;
        let mut words = format!(
            "đã chuyển {taken} dòng sổ văn bản đi và đến lên máy chủ {}",
            server.name()
        );
        if held > 0 {
            words += &format!("; {held} dòng máy chủ đã có số đó, giữ như trên máy chủ");
        }
        Ok(words)
    }

    /// The received file register line `id` copies, when it is a copy.
    pub(super) fn copied_source(&self, id: i64) -> Result<Option<Vec<u8>>, Failure> {
        Ok(match &self.server {
            Some(server) => server.borrow_mut().get()?.source(id)?,
            None => self.store.source(id)?,
        })
    }

    /// A line of the register by its id.
    pub(super) fn entry(&self, id: i64) -> Result<Entry, Failure> {
        self.entries(&Filter::default())?
            .into_iter()
            .find(|e| e.id == id)
            .ok_or_else(|| Failure {
                kind: Kind::NotFound,
                message: format!("không có dòng {id} trong sổ văn bản đi"),
                field: None,
            })
    }

    /// Records that an issued number is cancelled on `on` (today when none), with its
    /// reason; the number is never given again.
    pub fn cancel(&mut self, id: i64, reason: &str, on: Option<NaiveDate>) -> Result<(), Failure> {
        let on = on.unwrap_or_else(|| self.today());
        match &self.server {
            Some(server) => server.borrow_mut().get()?.cancel(id, on, reason)?,
            None => self.store.cancel(id, on, reason)?,
        }
        // The register changed: a backup now; one that fails is taken again at the next.
        let _ = self.auto_backup("huy-so");
        Ok(())
    }

    /// Writes the register lines the filter keeps as an .xlsx workbook to `path`.
    pub fn export_register(&self, filter: &Filter, path: &Path) -> Result<String, Failure> {
        let entries = self.entries(filter)?;
        write(path, &register::xlsx(&entries, filter.year)?)
    }
}

/// "đã cấp số 05/LĐLĐ ngày 10/05/2024", what is already done when a later step fails.
fn issued_words(entry: &Entry, what: &str) -> String {
    format!(
        "đã cấp {what} {} ngày {}",
        entry.number_and_symbol(),
        entry.signed_on.format("%d/%m/%Y")
    )
}
