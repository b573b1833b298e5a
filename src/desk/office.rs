//! The desk itself: the database it works on, the profile and "today" the tool may set, the
//! office's profile and templates, and the signature and seal images. Every workflow is a
//! method of `Desk`, written in the module of what it does (`letters`, `parents`,
//! `registers`, `backup`, `archive`).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use super::failure::{Failure, Kind};
use super::files::{self, named, write};
use super::pdf;
use super::store::Store;
use crate::draft;
use crate::draft::template::{Template, TemplateEntry};
use crate::draft::TemplateChoices;
use crate::model::{Letter, Profile, Signature};
use crate::read::import::MAX_FILE_BYTES;
use crate::render::images::{self, Images, Png};
use crate::render::pdf::Fonts;

/// The largest letter, profile or template file read (JSON or TOML text).
pub(super) const MAX_TEXT_FILE: u64 = 4 * 1024 * 1024;

/// The desk: the database, and the profile and "today" the tool may set. It remembers
/// nothing between calls but what the database holds.
pub struct Desk {
    pub(super) store: Store,
    /// The office's server, when the outgoing register is kept there rather than in
    /// `store` (which keeps the drafts, templates, profile and images of this PC).
    pub(super) server: Option<std::cell::RefCell<super::remote::Remote>>,
    /// The database's file, for its automatic backups beside it; none in memory.
    pub(super) db: Option<PathBuf>,
    pub(super) profile: Option<Profile>,
    pub(super) today: Option<NaiveDate>,
    /// LibreOffice as set, else looked for when a PDF is asked for.
    pub(super) soffice: Option<Option<PathBuf>>,
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

/// Which images are kept for a signer: the signature and the office's seal.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct ImageStatus {
    /// A signature image is kept for the signer.
    pub signature: bool,
    /// A seal image is kept for the office.
    pub seal: bool,
}

/// The office's server `profile` names, reached when first needed.
fn remote_of(profile: Option<&Profile>) -> Option<std::cell::RefCell<super::remote::Remote>> {
    let address = profile?.server.as_ref()?;
    let url = address.url().map_err(|e| e.to_string());
    Some(std::cell::RefCell::new(super::remote::Remote::new(url)))
}

/// Runs a register's method on the office's server when the register is kept there, else
/// on this PC's database: the two have the same methods for what the desk does with the
/// registers.
macro_rules! on_register {
    ($desk:expr, $method:ident ( $($arg:expr),* $(,)? )) => {
        match &$desk.server {
            Some(server) => server
                .borrow_mut()
                .get()
                .and_then(|s| s.$method($($arg),*)),
            None => $desk.store.$method($($arg),*),
        }
    };
}
pub(super) use on_register;

impl Desk {
    /// Opens the database at `db`, making its folder when there is none.
    pub fn open(db: &Path) -> Result<Desk, Failure> {
        if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
            files::make_folder(dir)?;
        }
        let mut desk = Desk::with_store(Store::open(db)?);
        desk.server = remote_of(desk.store.profile()?.as_ref());
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

    /// Opens the app's own database on this PC, with the outgoing register on the office's
    /// PostgreSQL server at `url` ("postgres://user@host:port/dbname").
    pub fn open_server(url: &str) -> Result<Desk, Failure> {
        let mut remote = super::remote::Remote::new(Ok(url.to_string()));
        remote.get()?;
        let mut desk = Desk::open_app()?;
        desk.server = Some(std::cell::RefCell::new(remote));
        Ok(desk)
    }

    /// Opens the database `db` names: the office's server for "postgres://…", else the
    /// SQLite file at that path.
    pub fn open_named(db: &str) -> Result<Desk, Failure> {
        match super::server::is_server(db) {
            true => Desk::open_server(db),
            false => Desk::open(Path::new(db)),
        }
    }

    /// Refuses, naming `what`, a workflow of this PC's own registers when the registers are
    /// on the office's server: nothing is done on this PC's copy in their stead.
    pub(super) fn on_this_pc(&self, what: &str) -> Result<(), Failure> {
        match &self.server {
            Some(server) => Err(Failure::failed(format!(
                "{what} không làm được khi sổ đã ở máy chủ {}: việc này là của sổ trên máy này",
                server.borrow().name()
            ))),
            None => Ok(()),
        }
    }

    /// A desk on a database in memory, for tests.
    pub fn in_memory() -> Result<Desk, Failure> {
        Ok(Desk::with_store(Store::in_memory()?))
    }

    pub(super) fn with_store(store: Store) -> Desk {
        Desk {
            store,
            server: None,
            db: None,
            profile: None,
            today: None,
            soffice: None,
        }
    }

    /// The desk with `profile` in place of the one kept (the tool's `--profile`); the
    /// server it names keeps the registers unless one was named already.
    pub fn with_profile(mut self, profile: Profile) -> Desk {
        if self.server.is_none() {
            self.server = remote_of(Some(&profile));
        }
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
    pub(super) fn now(&self) -> i64 {
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
    pub(super) fn not_the_example(&self) -> Result<(), Failure> {
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
        if let Some(address) = &profile.server {
            address.url()?;
        }
        let before = self.store.profile()?.and_then(|p| p.server);
        let now = self.now();
        self.store.save_profile(profile, now)?;
        // Another server (or none) is reached from the next register workflow on; the same
        // one keeps its connection and the password typed for it.
        if before != profile.server {
            self.server = remote_of(Some(profile));
        }
        Ok(())
    }

    /// Connects to the server the profile names, with `password` when the clerk typed one
    /// (kept in the OS keyring once the server takes it), else the one kept; says where the
    /// registers are now, in words.
    pub fn connect_server(&mut self, password: Option<&str>) -> Result<String, Failure> {
        let Some(remote) = &self.server else {
            return Err(Failure::refused(
                "server",
                "hồ sơ đơn vị chưa có máy chủ sổ: sổ văn bản đi và đến ở máy này",
            ));
        };
        let mut remote = remote.borrow_mut();
        let kept = match password.filter(|p| !p.is_empty()) {
            Some(password) => Some(remote.connect_with(password)?),
            None => {
                remote.connect_now()?;
                None
            }
        };
        let mut words = format!(
            "đã kết nối máy chủ sổ {}: sổ văn bản đi và đến ở máy chủ",
            remote.name()
        );
        match kept {
            Some(None) => words += "; mật khẩu giữ trong kho khóa của hệ điều hành",
            Some(Some(why)) => {
                words += &format!(
                    "; kho khóa của hệ điều hành không giữ được mật khẩu ({why}): mật khẩu chỉ dùng đến khi đóng ứng dụng"
                )
            }
            None => {}
        }
        Ok(words)
    }

    /// The office's server keeping the registers, as the clerk is shown it; none when they
    /// are on this PC.
    pub fn server_name(&self) -> Option<String> {
        self.server.as_ref().map(|s| s.borrow().name())
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
    pub(super) fn keep_template(
        &mut self,
        name: &str,
        source: &str,
    ) -> Result<TemplateEntry, Failure> {
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
    pub(super) fn soffice(&self, pdf: bool) -> Result<Option<PathBuf>, Failure> {
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

    /// The fonts the app's PDFs embed when a PDF is asked for: Times New Roman where
    /// Windows has it, else the serif the app carries.
    pub(super) fn fonts(&self, pdf: bool) -> Result<Option<Fonts>, Failure> {
        pdf.then(|| self.pdf_fonts()).transpose()
    }

    /// The fonts the app's PDFs embed.
    pub(super) fn pdf_fonts(&self) -> Result<Fonts, Failure> {
        Ok(super::fonts::from_folder(
            super::fonts::system_folder().as_deref(),
        )?)
    }

    /// The signature of `signer` and the seal, from where `source` says. Asked for and not
    /// there, an image is refused by name rather than left out unseen.
    pub(super) fn images(
        &self,
        signer: &Signature,
        source: &ImageSource,
    ) -> Result<Images, Failure> {
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
