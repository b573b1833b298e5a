//! The clerk's workflows with their I/O, written once for the window and the tool: open a
//! parent, draft, export, issue, copy, write again, cancel; the drafts, templates, profile
//! and images kept. The layer that reaches the database (`store`), the clerk's files
//! (`files`), LibreOffice (`pdf`) and the clock; the window's commands and the tool's
//! subcommands are adapters of a few lines over it.
//!
//! Issuing goes in two steps, so that everything that can be checked is checked before a
//! number is taken: `prepare_issue` and `prepare_copy` check the letter or the received
//! file, the images, LibreOffice when a PDF is asked for; `issue` and `copy` then take the
//! number, and only then write.

// The one layer of the core that touches files, processes and the clock (clippy.toml).
#![allow(clippy::disallowed_methods)]

pub mod archive;
pub mod backup;
pub mod failure;
pub mod files;
pub mod names;
pub mod ocr;
pub mod opener;
pub mod parents;
pub mod pdf;
pub mod registers;
pub mod store;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::check;
use crate::draft;
use crate::draft::template::Template;
use crate::issue::certified;
use crate::issue::register;
use crate::read::import::MAX_FILE_BYTES;
use crate::render::images::{Images, Png};
use crate::render::{self, images};
use crate::text::capitalize;
// What the window and the tool name, all through the desk (tests/layers.rs).
pub use crate::check::{has_errors, Finding, Severity};
pub use crate::draft::template::TemplateEntry;
pub use crate::draft::{Draft, Options as DraftOptions, TemplateChoices};
pub use crate::issue::books::Book;
pub use crate::issue::certified::Order;
pub use crate::issue::envelope::Size;
pub use crate::issue::incoming::{Incoming, IncomingRow};
pub use crate::issue::register::{CopyOptions, Entry, Filter, Row};
pub use crate::model::{DocKind, Letter, Profile, Signature};
pub use crate::read::parse::{Directive, Field};
pub use archive::Archived;
pub use backup::{Backup, Trouble};
pub use failure::{Failure, Kind};
pub use parents::{Opened, Source};
pub use registers::Receipt;
pub use store::Contents;
pub use store::DraftSummary;
use store::Store;

/// The largest letter, profile or template file read (JSON or TOML text).
const MAX_TEXT_FILE: u64 = 4 * 1024 * 1024;

/// The desk: the database, and the profile and "today" the tool may set. It remembers
/// nothing between calls but what the database holds.
pub struct Desk {
    store: Store,
    /// The database's file, for its automatic backups beside it; none in memory.
    db: Option<PathBuf>,
    profile: Option<Profile>,
    today: Option<NaiveDate>,
    /// LibreOffice as set, else looked for when a PDF is asked for.
    soffice: Option<Option<PathBuf>>,
}

/// A file the clerk received, as it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    /// Its path or name, for messages and the name of its copy.
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Where the signature and seal printed on copies come from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ImageSource {
    /// None printed.
    #[default]
    None,
    /// The ones the office keeps in the database: refused by name when not kept.
    Kept,
    /// PNG files the clerk names (the tool's `--signature`, `--seal`).
    Files {
        /// The signer's signature.
        signature: Option<PathBuf>,
        /// The office's seal.
        seal: Option<PathBuf>,
    },
}

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
    soffice: Option<PathBuf>,
}

/// The signed copies of a register line, made again and ready to write.
pub struct Reissue {
    entry: Entry,
    bytes: Vec<u8>,
    soffice: Option<PathBuf>,
}

/// A copy (sao y, sao lục) of a received file, checked and ready to take its number.
pub struct CopyOrder {
    copy: Letter,
    received: Received,
    signed_on: NaiveDate,
    images: Images,
    soffice: Option<PathBuf>,
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

/// Which images are kept for a signer: the signature and the office's seal.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct ImageStatus {
    /// A signature image is kept for the signer.
    pub signature: bool,
    /// A seal image is kept for the office.
    pub seal: bool,
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
    /// Opens the database at `db`, making its folder when there is none.
    pub fn open(db: &Path) -> Result<Desk, Failure> {
        if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
            files::make_folder(dir)?;
        }
        let mut desk = Desk::with_store(Store::open(db)?);
        desk.db = Some(db.to_path_buf());
        desk.daily_backup();
        Ok(desk)
    }

    /// The app's own database: its path in the data folder the window and the tool share.
    pub fn app_database() -> Result<PathBuf, Failure> {
        Ok(files::data_folder()?.join("congvan.db"))
    }

    /// Opens the app's own database, in its data folder (`files::data_folder`), which the
    /// window and the tool share.
    pub fn open_app() -> Result<Desk, Failure> {
        Desk::open(&Desk::app_database()?)
    }

    /// A desk on a database in memory, for tests.
    pub fn in_memory() -> Result<Desk, Failure> {
        Ok(Desk::with_store(Store::in_memory()?))
    }

    fn with_store(store: Store) -> Desk {
        Desk {
            store,
            db: None,
            profile: None,
            today: None,
            soffice: None,
        }
    }

    /// The desk with `profile` in place of the one kept (the tool's `--profile`).
    pub fn with_profile(mut self, profile: Profile) -> Desk {
        self.profile = Some(profile);
        self
    }

    /// The desk with "today" fixed (the tool's `--today`, tests).
    pub fn with_today(mut self, today: NaiveDate) -> Desk {
        self.today = Some(today);
        self
    }

    /// The desk with LibreOffice at `soffice`, or without it when none (tests).
    pub fn with_soffice(mut self, soffice: Option<PathBuf>) -> Desk {
        self.soffice = Some(soffice);
        self
    }

    /// Today, in the clerk's time zone.
    pub fn today(&self) -> NaiveDate {
        self.today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    /// Seconds since 1970, the time a change is recorded with.
    fn now(&self) -> i64 {
        match self.today {
            Some(d) => d
                .and_hms_opt(12, 0, 0)
                .map_or(0, |t| t.and_utc().timestamp()),
            None => std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64),
        }
    }

    // ---- The office and its templates -------------------------------------------------

    /// The office profile: the tool's own, else the one kept, else the example office.
    pub fn profile(&self) -> Result<Profile, Failure> {
        if let Some(p) = &self.profile {
            return Ok(p.clone());
        }
        Ok(self.store.profile()?.unwrap_or_else(Profile::example))
    }

    /// True while the office is the example one: no profile was given or saved yet.
    pub fn profile_is_example(&self) -> Result<bool, Failure> {
        Ok(self.profile.is_none() && self.store.profile()?.is_none())
    }

    /// Refuses a number while the office is the example one: a letter in another office's
    /// name must never reach the register.
    fn not_the_example(&self) -> Result<(), Failure> {
        if self.profile_is_example()? {
            return Err(Failure::refused(
                "profile",
                "chưa cấp số được: hồ sơ đơn vị còn là hồ sơ mẫu của đơn vị khác; hãy lưu hồ sơ của đơn vị mình (nút Hồ sơ đơn vị, hoặc --profile với lệnh congvan)",
            ));
        }
        Ok(())
    }

    /// The profile saved in the app's own database, which the window edits, when there is
    /// one: the tool drafts with the office the window knows. Nothing is created when the
    /// app has never been opened.
    pub fn saved_profile() -> Result<Option<Profile>, Failure> {
        let db = Desk::app_database()?;
        if !db.exists() {
            return Ok(None);
        }
        Ok(Desk::open(&db)?.store.profile()?)
    }

    /// Keeps the office profile the clerk edited.
    pub fn save_profile(&mut self, profile: &Profile) -> Result<(), Failure> {
        let now = self.now();
        Ok(self.store.save_profile(profile, now)?)
    }

    /// Reads an office profile from a TOML file.
    pub fn profile_file(path: &Path) -> Result<Profile, Failure> {
        let text = files::read_text(path, MAX_TEXT_FILE)?;
        Profile::from_toml(&text).map_err(|e| named(path, e))
    }

    /// The templates the clerk can pick: the built-ins, then the clerk's own.
    pub fn templates(&self) -> Result<Vec<TemplateEntry>, Failure> {
        Ok(Template::library(&self.store.templates()?))
    }

    /// A template by its id (built in or kept), or from a template file.
    pub fn template(&self, id_or_file: &str) -> Result<Template, Failure> {
        let kept = self.store.templates()?;
        match Template::find(id_or_file, &kept) {
            Ok(t) => Ok(t),
            Err(_) => {
                let path = Path::new(id_or_file);
                if !path.is_file() {
                    let ids: Vec<String> =
                        Template::library(&kept).into_iter().map(|t| t.id).collect();
                    return Err(Failure {
                        kind: Kind::NotFound,
                        message: format!(
                            "không có mẫu \"{id_or_file}\" (mẫu có sẵn: {})",
                            ids.join(", ")
                        ),
                        field: Some("template".into()),
                    });
                }
                let stem = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                Ok(Template::parse(
                    &stem,
                    &files::read_text(path, MAX_TEXT_FILE)?,
                )?)
            }
        }
    }

    /// Saves `letter` as a template of the clerk's, with the placeholders chosen.
    pub fn save_as_template(
        &mut self,
        letter: &Letter,
        parent: Option<i64>,
        choices: &TemplateChoices,
    ) -> Result<TemplateEntry, Failure> {
        let parent = self.directive(parent)?;
        let source = draft::template_from(letter, parent.as_ref(), &self.profile()?, choices)?;
        self.keep_template(&choices.name, &source)
    }

    /// Keeps a new template under a fresh id made from its name.
    fn keep_template(&mut self, name: &str, source: &str) -> Result<TemplateEntry, Failure> {
        let taken: Vec<String> = self
            .store
            .templates()?
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        let id = Template::new_id(name, &taken);
        let now = self.now();
        self.store.save_template(&id, source, now)?;
        Ok(Template::parse(&id, source)?.entry())
    }

    /// Gives one of the clerk's templates a new name.
    pub fn rename_template(&mut self, id: &str, name: &str) -> Result<(), Failure> {
        let source = Template::find(id, &self.store.templates()?)?.renamed(name)?;
        let now = self.now();
        Ok(self.store.save_template(id, &source, now)?)
    }

    /// Deletes one of the clerk's templates.
    pub fn delete_template(&mut self, id: &str) -> Result<(), Failure> {
        Ok(self.store.delete_template(id)?)
    }

    /// Writes a template to `path`, to share it; gives the path written.
    pub fn export_template(&self, id: &str, path: &Path) -> Result<String, Failure> {
        let kept = self.store.templates()?;
        let source = match kept.iter().find(|(i, _)| i == id) {
            Some((_, source)) => source.clone(),
            None => Template::find(id, &[])?.to_source()?,
        };
        write(path, source.as_bytes())
    }

    /// Reads a template file and keeps it among the clerk's templates.
    pub fn import_template(&mut self, path: &Path) -> Result<TemplateEntry, Failure> {
        let source = files::read_text(path, MAX_TEXT_FILE)?;
        let name = Template::parse("mẫu nhập", &source)?.meta.name;
        self.keep_template(&name, &source)
    }

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
        let (draft, unsaved) = match form.save {
            false => (form.draft, None),
            true => match self.save_draft(form.draft, &letter, form.parent) {
                Ok(id) => (Some(id), None),
                Err(f) => (form.draft, Some(f)),
            },
        };
        Ok(Refreshed {
            html: render::letter_html(&letter),
            findings: check::check_letter(&letter),
            letter,
            draft,
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
        let soffice = self.soffice(pdf)?;
        let series = register::series(&self.profile()?, &letter.doc_type);
        Ok(IssueOrder {
            letter,
            signed_on,
            series,
            images,
            soffice,
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
                render::copies_docx(&docs).map(|bytes| Some((bytes, docs.len())))
            }
            None => Ok(None),
        };
        let (entry, made) =
            self.store
                .issue_and_make(&order.letter, order.signed_on, &order.series, now, make)?;
        let mut issued = Issued::new(entry, "số");
        issued.backup_failure = self.auto_backup("so");
        if let (Some(output), Some((bytes, copies))) = (output, made) {
            issued.copies = copies;
            // The register's "Số lượng bản" is the number of copies issued, as the letter
            // prints it, whether one file or one per copy is written; the line stands
            // without it if this fails.
            let count = register::copy_count(&issued.entry.letter);
            let _ = self.store.set_copies(issued.entry.id, count as u32);
            issued.written(deliver(&output.path, &bytes, order.soffice.as_deref()));
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
        let soffice = self.soffice(pdf)?;
        let entry = self.entry(id)?;
        let source = match options.images {
            true => ImageSource::Kept,
            false => ImageSource::None,
        };
        let images = self.images(&entry.letter.signature, &source)?;
        let bytes = match self.store.source(id)? {
            Some(received) => certified::certify(&received, &entry.letter, &images)?,
            None => render::copies_docx(&register::copies(&entry.letter, options, &images))?,
        };
        Ok(Reissue {
            entry,
            bytes,
            soffice,
        })
    }

    /// Writes copies made again to `path` (and their PDF beside it); gives the paths
    /// written.
    pub fn reissue(&self, copies: Reissue, path: &Path) -> Result<Vec<String>, Failure> {
        deliver(path, &copies.bytes, copies.soffice.as_deref()).into_result()
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
        let soffice = self.soffice(pdf)?;
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
        Ok(CopyOrder {
            copy,
            received,
            signed_on,
            images,
            soffice,
        })
    }

    /// Takes the next number of the copies' series, records it with the received file,
    /// and writes the copy to `path` (and its PDF beside it). A failure after the number
    /// names it.
    pub fn copy(&mut self, order: CopyOrder, path: &Path) -> Result<Issued, Failure> {
        let now = self.now();
        // The copy is made before the number is committed: a received file that cannot be
        // copied spends no number.
        let make = |copy: &Letter| certified::certify(&order.received.bytes, copy, &order.images);
        let (entry, bytes) = self.store.issue_copy_and_make(
            &order.copy,
            order.signed_on,
            &order.received.bytes,
            now,
            make,
        )?;
        let mut issued = Issued::new(entry, "số bản sao");
        issued.backup_failure = self.auto_backup("so");
        issued.copies = 1;
        issued.written(deliver(path, &bytes, order.soffice.as_deref()));
        Ok(issued)
    }

    /// The lines of the outgoing register the filter keeps, with their words.
    pub fn register(&self, filter: &Filter) -> Result<Vec<Row>, Failure> {
        Ok(self
            .store
            .register(filter)?
            .into_iter()
            .map(Entry::row)
            .collect())
    }

    /// A line of the register by its id.
    fn entry(&self, id: i64) -> Result<Entry, Failure> {
        self.store
            .register(&Filter::default())?
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
        self.store.cancel(id, on, reason)?;
        // The register changed: a backup now; one that fails is taken again at the next.
        let _ = self.auto_backup("huy-so");
        Ok(())
    }

    /// Writes the register lines the filter keeps as an .xlsx workbook to `path`.
    pub fn export_register(&self, filter: &Filter, path: &Path) -> Result<String, Failure> {
        let entries = self.store.register(filter)?;
        write(path, &register::xlsx(&entries, filter.year)?)
    }

    // ---- Signature and seal images ----------------------------------------------------

    /// Whether a signature image is kept for `signer`, and a seal image for the office.
    pub fn image_status(&self, signer: &Signature) -> Result<ImageStatus, Failure> {
        let keys = self.store.image_keys()?;
        Ok(ImageStatus {
            signature: keys.contains(&images::signature_key(signer)),
            seal: keys.iter().any(|k| k == images::SEAL),
        })
    }

    /// Reads a PNG and keeps it as `signer`'s signature, or as the seal when no signer is
    /// given; a PNG without transparency is refused by name.
    pub fn keep_image(&mut self, path: &Path, signer: Option<&Signature>) -> Result<(), Failure> {
        let (key, what) = image_key(signer);
        let bytes = files::read(path, MAX_FILE_BYTES as u64)?;
        let png = Png::read(&bytes, &format!("{what} {}", path.display()))
            .map_err(|e| Failure::refused("images", e.to_string()))?;
        let now = self.now();
        Ok(self.store.save_image(&key, &png, now)?)
    }

    /// Forgets `signer`'s signature image, or the seal's when no signer is given.
    pub fn forget_image(&mut self, signer: Option<&Signature>) -> Result<(), Failure> {
        Ok(self.store.delete_image(&image_key(signer).0)?)
    }

    /// LibreOffice when a PDF is asked for, found before a number is taken.
    fn soffice(&self, pdf: bool) -> Result<Option<PathBuf>, Failure> {
        if !pdf {
            return Ok(None);
        }
        let found = match &self.soffice {
            Some(set) => set.clone(),
            None => pdf::find_soffice(),
        };
        found
            .map(Some)
            .ok_or_else(|| Failure::refused("pdf", pdf::MISSING))
    }

    /// The signature of `signer` and the seal, from where `source` says. Asked for and not
    /// there, an image is refused by name rather than left out unseen.
    fn images(&self, signer: &Signature, source: &ImageSource) -> Result<Images, Failure> {
        let refuse = |m: String| Failure::refused("images", m);
        match source {
            ImageSource::None => Ok(Images::default()),
            ImageSource::Kept => {
                let images = self.store.images_for(signer)?;
                let who = signer.name.as_deref().unwrap_or(&signer.title);
                match (&images.signature, &images.seal) {
                    (None, _) => Err(refuse(format!(
                        "chưa có ảnh chữ ký của {who}: chọn ảnh, hoặc bỏ dấu \"In ảnh chữ ký và con dấu\""
                    ))),
                    (_, None) => Err(refuse(
                        "chưa có ảnh con dấu: chọn ảnh, hoặc bỏ dấu \"In ảnh chữ ký và con dấu\"".into(),
                    )),
                    _ => Ok(images),
                }
            }
            ImageSource::Files { signature, seal } => {
                let read = |path: &Option<PathBuf>, what: &str| -> Result<Option<Png>, Failure> {
                    let Some(path) = path else {
                        return Ok(None);
                    };
                    let bytes = files::read(path, MAX_FILE_BYTES as u64)?;
                    Png::read(&bytes, &format!("{what} {}", path.display()))
                        .map(Some)
                        .map_err(|e| refuse(e.to_string()))
                };
                Ok(Images {
                    signature: read(signature, "ảnh chữ ký")?,
                    seal: read(seal, "ảnh con dấu")?,
                })
            }
        }
    }
}

/// The words for an image: "ảnh chữ ký" of a signer, or "ảnh con dấu" without one.
pub fn image_name(signer: Option<&Signature>) -> &'static str {
    match signer {
        Some(_) => "ảnh chữ ký",
        None => "ảnh con dấu",
    }
}

/// The store key and the words for an image: a signer's signature, or the seal.
fn image_key(signer: Option<&Signature>) -> (String, &'static str) {
    let key = match signer {
        Some(s) => images::signature_key(s),
        None => images::SEAL.to_string(),
    };
    (key, image_name(signer))
}

/// What was written of an output: the paths, and why not all, when not.
struct Delivered {
    paths: Vec<String>,
    failure: Option<Failure>,
}

impl Delivered {
    /// The paths, or the failure, which names the .docx kept when only its PDF failed.
    fn into_result(self) -> Result<Vec<String>, Failure> {
        match self.failure {
            Some(f) => Err(f),
            None => Ok(self.paths),
        }
    }
}

/// Writes `bytes` to `path`, and its PDF beside it through `soffice` when given. When the
/// PDF fails, the .docx stays, and the failure says where it is and how to make the PDF.
fn deliver(path: &Path, bytes: &[u8], soffice: Option<&Path>) -> Delivered {
    let docx = match write(path, bytes) {
        Ok(docx) => docx,
        Err(f) => {
            return Delivered {
                paths: Vec::new(),
                failure: Some(f),
            }
        }
    };
    let mut delivered = Delivered {
        paths: vec![docx.clone()],
        failure: None,
    };
    if let Some(soffice) = soffice {
        match pdf::convert(soffice, &[path.to_path_buf()]) {
            Ok(made) => delivered
                .paths
                .extend(made.iter().map(|p| p.display().to_string())),
            Err(e) => {
                let f = Failure::from(e);
                delivered.failure = Some(Failure {
                    message: format!(
                        "{}; tệp .docx đã ghi ở {docx}: tạo lại PDF bằng \"Xuất bản ký…\" trong Sổ văn bản đi, hoặc mở tệp bằng Word rồi lưu thành PDF",
                        f.message
                    ),
                    ..f
                });
            }
        }
    }
    delivered
}

/// Writes a file the clerk named, whole or not at all; gives its path.
fn write(path: &Path, bytes: &[u8]) -> Result<String, Failure> {
    files::write_atomic(path, bytes)?;
    Ok(path.display().to_string())
}

/// "đã cấp số 05/LĐLĐ ngày 10/05/2024", what is already done when a later step fails.
fn issued_words(entry: &Entry, what: &str) -> String {
    format!(
        "đã cấp {what} {} ngày {}",
        entry.number_and_symbol(),
        entry.signed_on.format("%d/%m/%Y")
    )
}

/// A core error about the file at `path`, its message led by the file's name and closed by
/// the folder it is in, unless it names the file already.
fn named(path: &Path, e: impl Into<Failure>) -> Failure {
    let f: Failure = e.into();
    if f.message.contains(&files::shown(path)) || f.message.contains(&path.display().to_string()) {
        return f;
    }
    let (name, folder) = files::name_and_folder(path);
    Failure {
        message: format!("{name}: {}{folder}", f.message),
        ..f
    }
}

/// Waits for `child` to end, at most `limit`; past it the program is stopped and the
/// answer is none.
fn wait_within(
    child: &mut std::process::Child,
    limit: std::time::Duration,
) -> std::io::Result<Option<std::process::ExitStatus>> {
    let started = std::time::Instant::now();
    loop {
        match child.try_wait()? {
            Some(status) => return Ok(Some(status)),
            None if started.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                return Ok(None);
            }
            None => std::thread::sleep(std::time::Duration::from_millis(20)),
        }
    }
}

#[cfg(test)]
mod tests;
