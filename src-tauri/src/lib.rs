//! The desktop shell: one window, and commands that each call one core function.
//! Errors reach the window as the core's Vietnamese messages. Only this shell touches the
//! clock, the window, the dialogs and the app's data folder.
//!
//! The window never names a file: the open and save dialogs run here, and a dropped file
//! is read here from the window's own drop event, so a script in the webview cannot read
//! or write a path of its choosing.

#![warn(missing_docs)]

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Instant;

use congvan::desk::store::{DraftSummary, Store};
use congvan::draft::template::{Template, TemplateEntry};
use congvan::draft::{Draft, TemplateChoices};
use congvan::issue::register::{CopyOptions, Entry, Filter};
use congvan::read::parse::Directive;
use congvan::render::images::Images;
use congvan::{render, Letter, Profile, Signature};
use serde::Serialize;
use tauri::{Emitter, Manager};
use tauri_plugin_dialog::DialogExt;

/// What the commands share: the local database (or why it could not be opened) and the
/// moment the process started, for the first-paint figure.
struct Desk {
    store: Mutex<Result<Store, String>>,
    started: Instant,
    /// The parent file last opened or dropped, kept for a copy (sao y) of it.
    received: Mutex<Option<Received>>,
}

/// A file the clerk received, as read from the disk.
#[derive(Clone)]
struct Received {
    name: String,
    bytes: Vec<u8>,
}

/// A copy of the parent, issued and written.
#[derive(Serialize)]
struct CopyIssued {
    entry: Entry,
    paths: Vec<String>,
}

/// Which images are kept for a signer: the signature and the office's seal.
#[derive(Serialize)]
struct ImageStatus {
    signature: bool,
    seal: bool,
}

/// A saved draft, as the window restores it.
#[derive(Serialize)]
struct SavedDraft {
    id: i64,
    letter: Letter,
}

impl Desk {
    /// Runs `f` on the store, or gives the reason it is not open.
    fn with<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, congvan::Error>,
    ) -> Result<T, String> {
        let mut guard = self
            .store
            .lock()
            .map_err(|_| "cơ sở dữ liệu không dùng được".to_string())?;
        let store = guard.as_mut().map_err(|e| e.clone())?;
        f(store).map_err(|e| e.to_string())
    }

    /// The file last opened or dropped as the parent.
    fn received(&self) -> Option<Received> {
        self.received.lock().ok().and_then(|r| r.clone())
    }

    /// The signature of `signer` and the seal, as kept, when `wanted`; none otherwise.
    /// Asked for and not kept, an image is refused by name rather than left out unseen.
    fn images(&self, signer: &Signature, wanted: bool) -> Result<Images, String> {
        if !wanted {
            return Ok(Images::default());
        }
        let images = self.with(|s| s.images_for(signer))?;
        let who = signer.name.as_deref().unwrap_or(&signer.title);
        match (&images.signature, &images.seal) {
            (None, _) => Err(format!(
                "chưa có ảnh chữ ký của {who}: chọn ảnh, hoặc bỏ dấu \"In ảnh chữ ký và con dấu\""
            )),
            (_, None) => Err(
                "chưa có ảnh con dấu: chọn ảnh, hoặc bỏ dấu \"In ảnh chữ ký và con dấu\"".into(),
            ),
            _ => Ok(images),
        }
    }

    /// The office profile kept in the database, else the example office.
    fn profile(&self) -> Result<Profile, String> {
        Ok(self.with(|s| s.profile())?.unwrap_or_else(Profile::example))
    }
}

/// Seconds since 1970, the time the store records for a change.
fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// A file picked in a dialog. Under test (`CONGVAN_DIALOG_ANSWERS` names a file) the
/// answer is the first line of that file, taken out of it, because a native dialog cannot
/// be driven; an empty file is a cancelled dialog.
fn answer_from_test() -> Option<Option<PathBuf>> {
    let file = std::env::var_os("CONGVAN_DIALOG_ANSWERS")?;
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    let mut lines = text.lines();
    let first = lines
        .next()
        .filter(|l| !l.trim().is_empty())
        .map(PathBuf::from);
    let rest: Vec<&str> = lines.collect();
    let _ = std::fs::write(&file, rest.join("\n"));
    Some(first)
}

/// The file the clerk picks in the open dialog, or none when cancelled.
fn pick_file(app: &tauri::AppHandle, title: &str, kind: &str, ext: &[&str]) -> Option<PathBuf> {
    if let Some(answer) = answer_from_test() {
        return answer;
    }
    app.dialog()
        .file()
        .set_title(title)
        .add_filter(kind, ext)
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}

/// The file the clerk names in the save dialog, or none when cancelled.
fn save_file(
    app: &tauri::AppHandle,
    title: &str,
    name: &str,
    kind: &str,
    ext: &[&str],
) -> Option<PathBuf> {
    if let Some(answer) = answer_from_test() {
        return answer;
    }
    app.dialog()
        .file()
        .set_title(title)
        .set_file_name(name)
        .add_filter(kind, ext)
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
}

/// Reads a parent directive from a file the clerk chose or dropped, and keeps the file
/// for a copy of it.
fn read_parent(desk: &Desk, path: &std::path::Path) -> Result<Directive, String> {
    let bytes =
        std::fs::read(path).map_err(|e| format!("không đọc được {}: {e}", path.display()))?;
    let name = path.to_string_lossy().into_owned();
    let directive = congvan::read::parse::read(&name, &bytes).map_err(|e| e.to_string())?;
    if let Ok(mut received) = desk.received.lock() {
        *received = Some(Received { name, bytes });
    }
    Ok(directive)
}

/// Writes bytes to a path the clerk chose, through a temporary file.
fn write(path: &std::path::Path, bytes: &[u8]) -> Result<String, String> {
    congvan::desk::store::write_atomic(path, bytes).map_err(|e| e.to_string())?;
    Ok(path.display().to_string())
}

/// The example letter the window opens with when there is no draft (seed 000).
#[tauri::command]
fn example_letter() -> Letter {
    Letter::example()
}

/// The kinds of document the app knows, for the form's list.
#[tauri::command]
fn kinds() -> Vec<&'static str> {
    congvan::DocKind::all_names()
}

/// The A4 preview of a letter as the clerk has filled it in.
#[tauri::command]
fn preview(letter: Letter) -> String {
    render::letter_html(&letter)
}

/// The form, as JSON text, read as a letter, or the Vietnamese reason it cannot be.
#[tauri::command]
fn read_letter(json: String) -> Result<Letter, String> {
    Letter::from_json(&json).map_err(|e| e.to_string())
}

/// Saves the draft (a new one when `id` is none); returns its id.
#[tauri::command]
fn save_draft(
    desk: tauri::State<'_, Desk>,
    id: Option<i64>,
    letter: Letter,
) -> Result<i64, String> {
    desk.with(|s| s.save_draft(id, &letter, now()))
}

/// The most recently saved drafts, newest first.
#[tauri::command]
fn recent_drafts(desk: tauri::State<'_, Desk>) -> Result<Vec<DraftSummary>, String> {
    desk.with(|s| s.recent_drafts(20))
}

/// A saved draft, to open again from the recent list.
#[tauri::command]
fn open_draft(desk: tauri::State<'_, Desk>, id: i64) -> Result<Option<Letter>, String> {
    desk.with(|s| s.draft(id))
}

/// The draft last saved, to restore after the app was closed, killed or lost power.
#[tauri::command]
fn last_draft(desk: tauri::State<'_, Desk>) -> Result<Option<SavedDraft>, String> {
    desk.with(|s| s.last_draft())
        .map(|d| d.map(|(id, letter)| SavedDraft { id, letter }))
}

/// Shows the open dialog and reads the parent directive the clerk picks; none if cancelled.
#[tauri::command]
async fn open_parent(app: tauri::AppHandle) -> Result<Option<Directive>, String> {
    match pick_file(
        &app,
        "Mở văn bản cấp trên",
        "Văn bản",
        &["docx", "pdf", "txt", "md"],
    ) {
        Some(path) => read_parent(&app.state::<Desk>(), &path).map(Some),
        None => Ok(None),
    }
}

/// Reads a parent directive the clerk pasted as text (from an e-office screen or a chat);
/// there is no file to copy then.
#[tauri::command]
fn read_parent_text(desk: tauri::State<'_, Desk>, text: String) -> Directive {
    if let Ok(mut received) = desk.received.lock() {
        *received = None;
    }
    congvan::read::parse::parse(&text)
}

/// The templates the clerk can pick: the built-ins, then the clerk's own.
#[tauri::command]
fn templates(desk: tauri::State<'_, Desk>) -> Result<Vec<TemplateEntry>, String> {
    Ok(Template::library(&desk.with(|s| s.templates())?))
}

/// The letter that forwards `parent`, drafted with a template and the office profile,
/// dated today.
#[tauri::command]
fn draft_letter(
    desk: tauri::State<'_, Desk>,
    parent: Directive,
    template: String,
) -> Result<Draft, String> {
    let template =
        Template::find(&template, &desk.with(|s| s.templates())?).map_err(|e| e.to_string())?;
    let today = chrono::Local::now().date_naive();
    congvan::draft::draft(
        &parent,
        &desk.profile()?,
        &template,
        today,
        &Default::default(),
    )
    .map_err(|e| e.to_string())
}

/// Saves the letter as a template of the clerk's, with the placeholders chosen.
#[tauri::command]
fn save_as_template(
    desk: tauri::State<'_, Desk>,
    letter: Letter,
    parent: Option<Directive>,
    choices: TemplateChoices,
) -> Result<TemplateEntry, String> {
    let source =
        congvan::draft::template_from(&letter, parent.as_ref(), &desk.profile()?, &choices)
            .map_err(|e| e.to_string())?;
    keep_template(&desk, &choices.name, &source)
}

/// Keeps a new template under a fresh id made from its name.
fn keep_template(desk: &Desk, name: &str, source: &str) -> Result<TemplateEntry, String> {
    desk.with(|s| {
        let taken: Vec<String> = s.templates()?.into_iter().map(|(id, _)| id).collect();
        let id = Template::new_id(name, &taken);
        s.save_template(&id, source, now())?;
        Ok(Template::parse(&id, source)?.entry())
    })
}

/// Gives one of the clerk's templates a new name.
#[tauri::command]
fn rename_template(desk: tauri::State<'_, Desk>, id: String, name: String) -> Result<(), String> {
    desk.with(|s| {
        let source = Template::find(&id, &s.templates()?)?.renamed(&name)?;
        s.save_template(&id, &source, now())
    })
}

/// Deletes one of the clerk's templates.
#[tauri::command]
fn delete_template(desk: tauri::State<'_, Desk>, id: String) -> Result<(), String> {
    desk.with(|s| s.delete_template(&id))
}

/// Writes a template to the file the clerk names in the save dialog, to share it.
#[tauri::command]
async fn export_template(app: tauri::AppHandle, id: String) -> Result<Option<String>, String> {
    let desk = app.state::<Desk>();
    let user = desk.with(|s| s.templates())?;
    let source = match user.iter().find(|(i, _)| *i == id) {
        Some((_, source)) => source.clone(),
        None => Template::find(&id, &[])
            .map_err(|e| e.to_string())?
            .to_source()
            .map_err(|e| e.to_string())?,
    };
    match save_file(
        &app,
        "Xuất mẫu",
        &format!("{id}.hbs"),
        "Mẫu công văn",
        &["hbs"],
    ) {
        Some(path) => write(&path, source.as_bytes()).map(Some),
        None => Ok(None),
    }
}

/// Reads a template file the clerk picks and keeps it among the clerk's templates.
#[tauri::command]
async fn import_template(app: tauri::AppHandle) -> Result<Option<TemplateEntry>, String> {
    let Some(path) = pick_file(&app, "Nhập mẫu", "Mẫu công văn", &["hbs", "txt"]) else {
        return Ok(None);
    };
    let source = std::fs::read_to_string(&path)
        .map_err(|e| format!("không đọc được {}: {e}", path.display()))?;
    let name = Template::parse("mẫu nhập", &source)
        .map_err(|e| e.to_string())?
        .meta
        .name;
    keep_template(&app.state::<Desk>(), &name, &source).map(Some)
}

/// The office profile: the one kept in the database, else the example office.
#[tauri::command]
fn profile(desk: tauri::State<'_, Desk>) -> Result<Profile, String> {
    desk.profile()
}

/// Keeps the office profile the clerk edited.
#[tauri::command]
fn save_profile(desk: tauri::State<'_, Desk>, profile: Profile) -> Result<(), String> {
    desk.with(|s| s.save_profile(&profile, now()))
}

/// What the letter breaks of the format rules.
#[tauri::command]
fn check_letter(letter: Letter) -> Vec<congvan::check::Finding> {
    congvan::check::check_letter(&letter)
}

/// Shows the save dialog, with a name from the số and V/v, and writes the letter as .docx
/// there; gives the path written, or none when cancelled.
#[tauri::command]
async fn export_docx(app: tauri::AppHandle, letter: Letter) -> Result<Option<String>, String> {
    let name = congvan::wording::file_name(letter.number, &letter.symbol, &letter.subject);
    let bytes = render::letter_docx(&letter).map_err(|e| e.to_string())?;
    match save_file(&app, "Xuất công văn", &name, "Word", &["docx"]) {
        Some(path) => write(&path, &bytes).map(Some),
        None => Ok(None),
    }
}

/// Issues the signed letter: the next number of its series for the year it was signed, the
/// day filled in, the line written in the register. When its copies are to carry the
/// signature and seal, the images are checked first, so a missing one spends no number.
#[tauri::command]
fn issue_letter(
    desk: tauri::State<'_, Desk>,
    letter: Letter,
    signed_on: chrono::NaiveDate,
    images: bool,
) -> Result<Entry, String> {
    desk.images(&letter.signature, images)?;
    let series = congvan::issue::register::series(&desk.profile()?, &letter.doc_type);
    desk.with(|s| s.issue(&letter, signed_on, &series, now()))
}

/// The lines of the outgoing register the filter keeps.
#[tauri::command]
fn register(desk: tauri::State<'_, Desk>, filter: Filter) -> Result<Vec<Entry>, String> {
    desk.with(|s| s.register(&filter))
}

/// Records that an issued number is cancelled, today, with its reason.
#[tauri::command]
fn cancel_number(desk: tauri::State<'_, Desk>, id: i64, reason: String) -> Result<(), String> {
    desk.with(|s| s.cancel(id, chrono::Local::now().date_naive(), &reason))
}

/// Writes the signed copies of a register line to the file the clerk names, as .docx and,
/// when asked and LibreOffice is installed, as PDF beside it; gives the paths written.
#[tauri::command]
async fn export_issued(
    app: tauri::AppHandle,
    id: i64,
    options: CopyOptions,
    pdf: bool,
) -> Result<Option<Vec<String>>, String> {
    // Known before the dialog: without LibreOffice the clerk is told to print instead.
    let soffice = match pdf {
        true => Some(congvan::desk::pdf::find_soffice().ok_or(congvan::desk::pdf::MISSING)?),
        false => None,
    };
    let entry = app
        .state::<Desk>()
        .with(|s| s.register(&Filter::default()))?
        .into_iter()
        .find(|e| e.id == id)
        .ok_or_else(|| format!("không có dòng {id} trong sổ văn bản đi"))?;
    let desk = app.state::<Desk>();
    let images = desk.images(&entry.letter.signature, options.images)?;
    let bytes = match desk.with(|s| s.source(id))? {
        // A copy of a received file is written again from the file the register kept.
        Some(source) => congvan::issue::certified::certify(&source, &entry.letter, &images),
        None => render::copies_docx(&congvan::issue::register::copies(
            &entry.letter,
            &options,
            &images,
        )),
    }
    .map_err(|e| e.to_string())?;
    let name = congvan::wording::file_name(entry.letter.number, &entry.symbol, &entry.subject);
    let Some(path) = save_file(&app, "Xuất bản đã ký", &name, "Word", &["docx"]) else {
        return Ok(None);
    };
    let mut written = vec![write(&path, &bytes)?];
    if let Some(soffice) = soffice {
        for pdf in congvan::desk::pdf::convert(&soffice, &[path]).map_err(|e| e.to_string())? {
            written.push(pdf.display().to_string());
        }
    }
    Ok(Some(written))
}

/// Makes a copy (sao y, sao lục) of the parent file last opened: asks where to write it,
/// then takes the next number of the copies' series, records it with the file, and writes
/// the copy's parts after the file's text (and a PDF when asked). Nothing is numbered when
/// the clerk cancels or the file cannot be copied.
#[tauri::command]
async fn certify_parent(
    app: tauri::AppHandle,
    order: congvan::issue::certified::Order,
    signed_on: chrono::NaiveDate,
    images: bool,
    pdf: bool,
) -> Result<Option<CopyIssued>, String> {
    let desk = app.state::<Desk>();
    let received = desk.received().ok_or(
        "chưa mở văn bản cấp trên từ tệp .docx: hãy mở (hoặc kéo thả) tệp nhận được rồi sao y",
    )?;
    let soffice = match pdf {
        true => Some(congvan::desk::pdf::find_soffice().ok_or(congvan::desk::pdf::MISSING)?),
        false => None,
    };
    let copy = congvan::issue::certified::prepare(
        &received.name,
        &received.bytes,
        &desk.profile()?,
        &order,
        signed_on,
    )
    .map_err(|e| e.to_string())?;
    let images = desk.images(&order.signer, images)?;
    let stem = std::path::Path::new(&received.name)
        .file_stem()
        .map_or("van-ban".into(), |s| s.to_string_lossy().into_owned());
    let prefix = match order.kind.copy_form() {
        Some("SAO LỤC") => "sao-luc",
        _ => "sao-y",
    };
    let Some(path) = save_file(
        &app,
        "Xuất bản sao",
        &format!("{prefix}-{stem}.docx"),
        "Word",
        &["docx"],
    ) else {
        return Ok(None);
    };
    let entry = desk.with(|s| s.issue_copy(&copy, signed_on, &received.bytes, now()))?;
    let issued = format!("đã cấp số bản sao {}", entry.number_and_symbol());
    let bytes = congvan::issue::certified::certify(&received.bytes, &entry.letter, &images)
        .map_err(|e| format!("{issued}, nhưng {e}"))?;
    let mut paths = vec![write(&path, &bytes).map_err(|e| format!("{issued}, nhưng {e}"))?];
    if let Some(soffice) = soffice {
        for pdf in congvan::desk::pdf::convert(&soffice, &[path])
            .map_err(|e| format!("{issued}, nhưng {e}"))?
        {
            paths.push(pdf.display().to_string());
        }
    }
    Ok(Some(CopyIssued { entry, paths }))
}

/// The Nơi nhận a copy of the parent sent with `letter` starts from.
#[tauri::command]
fn copy_distribution(letter: Letter) -> Vec<String> {
    congvan::issue::certified::distribution_for(&letter)
}

/// Whether a signature image is kept for `signer`, and a seal image for the office.
#[tauri::command]
fn image_status(desk: tauri::State<'_, Desk>, signer: Signature) -> Result<ImageStatus, String> {
    let keys = desk.with(|s| s.image_keys())?;
    Ok(ImageStatus {
        signature: keys.contains(&congvan::render::images::signature_key(&signer)),
        seal: keys.iter().any(|k| k == congvan::render::images::SEAL),
    })
}

/// Shows the open dialog for a PNG and keeps it as `signer`'s signature, or as the seal
/// when no signer is given; true when one was kept.
#[tauri::command]
async fn choose_image(app: tauri::AppHandle, signer: Option<Signature>) -> Result<bool, String> {
    let (key, what) = match &signer {
        Some(s) => (congvan::render::images::signature_key(s), "ảnh chữ ký"),
        None => (congvan::render::images::SEAL.to_string(), "ảnh con dấu"),
    };
    let Some(path) = pick_file(&app, &format!("Chọn {what}"), "Ảnh PNG", &["png"]) else {
        return Ok(false);
    };
    let bytes =
        std::fs::read(&path).map_err(|e| format!("không đọc được {}: {e}", path.display()))?;
    let png = congvan::render::images::Png::read(&bytes, &format!("{what} {}", path.display()))
        .map_err(|e| e.to_string())?;
    app.state::<Desk>()
        .with(|s| s.save_image(&key, &png, now()))
        .map(|_| true)
}

/// Forgets `signer`'s signature image, or the seal's when no signer is given.
#[tauri::command]
fn forget_image(desk: tauri::State<'_, Desk>, signer: Option<Signature>) -> Result<(), String> {
    let key = match &signer {
        Some(s) => congvan::render::images::signature_key(s),
        None => congvan::render::images::SEAL.to_string(),
    };
    desk.with(|s| s.delete_image(&key))
}

/// Writes the register lines the filter keeps as an .xlsx workbook the clerk names.
#[tauri::command]
async fn export_register(app: tauri::AppHandle, filter: Filter) -> Result<Option<String>, String> {
    let entries = app.state::<Desk>().with(|s| s.register(&filter))?;
    let bytes = congvan::issue::register::xlsx(&entries, filter.year).map_err(|e| e.to_string())?;
    let name = format!(
        "so-van-ban-di-{}.xlsx",
        filter.year.map_or("tat-ca".into(), |y| y.to_string())
    );
    match save_file(&app, "Xuất sổ văn bản đi", &name, "Excel", &["xlsx"]) {
        Some(path) => write(&path, &bytes).map(Some),
        None => Ok(None),
    }
}

/// The window has painted its first screen. With `CONGVAN_STARTUP_REPORT` set (the
/// start-up measurement), prints the time since the process started and the process's
/// memory, then quits.
#[tauri::command]
fn painted(app: tauri::AppHandle, desk: tauri::State<'_, Desk>) {
    if std::env::var_os("CONGVAN_STARTUP_REPORT").is_none() {
        return;
    }
    let ms = desk.started.elapsed().as_millis();
    let rss = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .map(|l| l[6..].trim().to_string())
        })
        .unwrap_or_default();
    println!("first-paint-ms={ms} rss={rss}");
    app.exit(0);
}

/// Where the app keeps its database: `CONGVAN_DATA_DIR` when set (tests), else the
/// platform's folder for the app's data.
fn data_dir(app: &tauri::App<impl tauri::Runtime>) -> Result<PathBuf, String> {
    match std::env::var_os("CONGVAN_DATA_DIR") {
        Some(dir) => Ok(dir.into()),
        None => app
            .path()
            .app_data_dir()
            .map_err(|e| format!("không tìm được thư mục dữ liệu của ứng dụng: {e}")),
    }
}

/// Starts the app; `started` is when the process began.
pub fn run(started: Instant) {
    tauri::Builder::default()
        .setup(move |app| {
            let store = data_dir(app).and_then(|dir| {
                std::fs::create_dir_all(&dir)
                    .map_err(|e| format!("không tạo được thư mục {}: {e}", dir.display()))?;
                Store::open(&dir.join("congvan.db")).map_err(|e| e.to_string())
            });
            app.manage(Desk {
                store: Mutex::new(store),
                started,
                received: Mutex::new(None),
            });
            Ok(())
        })
        .on_window_event(|window, event| {
            // A file dropped on the window is read here, and the window gets what was read.
            if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
                if let Some(path) = paths.first() {
                    let read = read_parent(&window.state::<Desk>(), path);
                    let _ = window.emit("parent-dropped", read);
                }
            }
        })
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(tauri::generate_handler![
            open_parent,
            read_parent_text,
            templates,
            draft_letter,
            save_as_template,
            rename_template,
            delete_template,
            export_template,
            import_template,
            profile,
            save_profile,
            check_letter,
            export_docx,
            example_letter,
            kinds,
            preview,
            read_letter,
            save_draft,
            recent_drafts,
            open_draft,
            last_draft,
            issue_letter,
            register,
            cancel_number,
            export_issued,
            export_register,
            certify_parent,
            copy_distribution,
            image_status,
            choose_image,
            forget_image,
            painted
        ])
        .run(tauri::generate_context!())
        .expect("không khởi động được cửa sổ ứng dụng");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn desk(store: Result<Store, String>) -> Desk {
        Desk {
            store: Mutex::new(store),
            started: Instant::now(),
            received: Mutex::new(None),
        }
    }

    #[test]
    fn commands_call_the_core() {
        let html = preview(example_letter());
        assert!(html.contains("Số: 165/LĐLĐ"));
        let err = read_letter("{}".into()).unwrap_err();
        assert!(err.contains("thiếu trường"), "{err}");
        let pasted = congvan::read::parse::parse("KẾ HOẠCH\nSố: 12/KH-UBND");
        assert_eq!(pasted.number.as_deref(), Some("12"));
    }

    #[test]
    fn a_store_that_did_not_open_gives_its_reason() {
        let broken = desk(Err("tệp hỏng".into()));
        assert_eq!(broken.with(|s| s.recent_drafts(1)).unwrap_err(), "tệp hỏng");
        assert_eq!(broken.profile().unwrap_err(), "tệp hỏng");
        let desk = desk(Ok(Store::in_memory().unwrap()));
        let id = desk
            .with(|s| s.save_draft(None, &Letter::example(), 5))
            .unwrap();
        assert_eq!(
            desk.with(|s| s.last_draft()).unwrap().map(|d| d.0),
            Some(id)
        );
        assert_eq!(desk.profile().unwrap(), Profile::example());
    }

    #[test]
    fn images_asked_for_and_not_kept_are_named() {
        let desk = desk(Ok(Store::in_memory().unwrap()));
        let signer = Profile::example().signers[0].clone();
        assert!(desk.images(&signer, false).unwrap().is_empty());
        let err = desk.images(&signer, true).unwrap_err();
        assert!(
            err.starts_with("chưa có ảnh chữ ký của PHÓ CHỦ TỊCH"),
            "{err}"
        );
    }

    #[test]
    fn new_templates_get_free_ids() {
        let desk = desk(Ok(Store::in_memory().unwrap()));
        let source = Template::builtin("ke-hoach").unwrap().to_source().unwrap();
        let first = keep_template(&desk, "Kế hoạch riêng", &source).unwrap();
        let second = keep_template(&desk, "Kế hoạch riêng", &source).unwrap();
        assert_eq!(
            (first.id.as_str(), second.id.as_str()),
            ("ke-hoach-rieng", "ke-hoach-rieng-2")
        );
        assert!(!first.builtin);
    }

    #[test]
    fn dropped_and_picked_files_that_cannot_be_read_say_so() {
        let desk = desk(Ok(Store::in_memory().unwrap()));
        let err = read_parent(&desk, std::path::Path::new("/khong/co/tep.docx")).unwrap_err();
        assert!(
            err.starts_with("không đọc được /khong/co/tep.docx"),
            "{err}"
        );
        assert!(desk.received().is_none());
        // A file that was read is kept for a copy of it.
        let dir = std::env::temp_dir().join(format!("congvan-shell-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("kh.txt");
        std::fs::write(&file, "KẾ HOẠCH\nSố: 12/KH-UBND").unwrap();
        read_parent(&desk, &file).unwrap();
        assert_eq!(
            desk.received().unwrap().bytes,
            "KẾ HOẠCH\nSố: 12/KH-UBND".as_bytes()
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
