//! The desktop shell: one window, and commands of a few lines over the core's desk, which
//! owns the clerk's workflows. What does not go through reaches the window as a `Failure`:
//! its kind, the Vietnamese message, and the field it concerns. Only this shell touches the
//! window and the dialogs.
//!
//! The window never names a file: the open and save dialogs run here, and a dropped file
//! is read here from the window's own drop event, so a script in the webview cannot read
//! or write a path of its choosing.

#![warn(missing_docs)]
// The shell reads the dialog answers of the end-to-end test and its own memory figure.
#![allow(clippy::disallowed_methods)]

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::Sender;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use congvan::desk::ocr::{words_from_tsv, Layout, PageImage, Reading, Recognize, Word, STOPPED};
use congvan::desk::{
    self, names, Archived, Book, Contents, CopyOptions, DeadlineLine, Desk, Draft, DraftSummary,
    Due, Failure, Filter, Form, Found, ImageSource, ImageStatus, Incoming, Issued, Letter, Opened,
    Order, Output, Profile, Receipt, Refreshed, RegisterView, Reminder, Role, SavedDraft,
    Signature, SignedFile, SigningSetup, Size, Stats, TemplateChoices, TemplateEntry, Trouble,
};
use tauri::ipc::Response;
use tauri::{AppHandle, Emitter, Manager, State};
use tauri_plugin_dialog::DialogExt;

/// What the commands share: the desk (or why it could not be opened) and the moment the
/// process started, for the first-paint figure.
struct Shell {
    desk: Mutex<Result<Desk, Failure>>,
    /// Why the database did not open at start, and the backup offered, until recovered.
    trouble: Mutex<Option<Trouble>>,
    /// The backup the clerk picked to restore, once its contents were shown.
    pending: Mutex<Option<PathBuf>>,
    /// The scan being read, while the desk is busy with it.
    scan: Scanning,
    started: Instant,
}

/// A scan being read: the clerk's stop, and for the window's engine the picture of the
/// page it reads and where its words go back.
#[derive(Default)]
struct Scanning {
    stop: AtomicBool,
    /// The number of the page last handed to the window: an answer for another is stale.
    page: AtomicU64,
    picture: Mutex<Vec<u8>>,
    answer: Mutex<Option<(u64, Answer)>>,
}

/// Where the window's engine sends what it read on a page (TSV), or why it could not.
type Answer = Sender<Result<String, String>>;

impl Scanning {
    /// Hands the window's answer for page `page` to the reading waiting for it; one for
    /// a page no longer waited for (a reading stopped) is dropped.
    fn answer(&self, page: u64, read: Result<String, String>) {
        if let Some((_, answer)) = lock(&self.answer).take_if(|(number, _)| *number == page) {
            let _ = answer.send(read);
        }
    }

    /// Stops the reading after the page being read, and at once a page the window reads.
    fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some((_, answer)) = lock(&self.answer).take() {
            let _ = answer.send(Err(STOPPED.into()));
        }
    }
}

/// At most this long for the window's engine on one page: slower than the program, and
/// its first page also loads the engine and the model.
const WINDOW_PAGE_TIME: Duration = Duration::from_secs(180);

/// The window's OCR engine (tesseract.js, ui/ocr.js), for a machine without the Tesseract
/// program, as on a clerk's Windows PC: each page is announced to the window by the
/// "ocr-page" event, its picture fetched by `ocr_picture`, its words sent back by
/// `ocr_answer` as Tesseract's TSV.
struct WindowEngine(AppHandle);

impl Recognize for WindowEngine {
    fn read(&mut self, page: &PageImage, layout: Layout) -> Result<Vec<Word>, Failure> {
        let scan = &self.0.state::<Shell>().scan;
        let (send, receive) = std::sync::mpsc::channel();
        let number = scan.page.fetch_add(1, Ordering::SeqCst) + 1;
        *lock(&scan.picture) = page.bytes.clone();
        *lock(&scan.answer) = Some((number, send));
        let _ = self.0.emit("ocr-page", (number, layout.psm()));
        let fail = |m: &str| Failure::failed(format!("không nhận dạng được chữ: {m}"));
        match receive.recv_timeout(WINDOW_PAGE_TIME) {
            Ok(Ok(tsv)) => Ok(words_from_tsv(&tsv)),
            _ if scan.stop.load(Ordering::SeqCst) => Err(Failure::refused("parent", STOPPED)),
            Ok(Err(problem)) => Err(fail(&problem)),
            Err(_) => Err(fail("một trang chạy quá lâu nên đã dừng")),
        }
    }
}

/// Runs `read` with the window told of each page of a scan ("ocr-progress", pages done
/// and pages), the clerk's stop heeded, and the window's engine where the machine has no
/// Tesseract program. Every page is read: the clerk sees them go and can stop.
fn scanning<T>(
    app: &AppHandle,
    read: impl FnOnce(&mut Reading) -> Result<T, Failure>,
) -> Result<T, Failure> {
    let scan = &app.state::<Shell>().scan;
    scan.stop.store(false, Ordering::SeqCst);
    let mut engine = WindowEngine(app.clone());
    let mut progress = |done: usize, pages: usize| {
        let _ = app.emit("ocr-progress", (done, pages));
        !scan.stop.load(Ordering::SeqCst)
    };
    read(&mut Reading {
        fallback: Some(&mut engine),
        progress: Some(&mut progress),
        budget: None,
    })
}

impl Shell {
    /// Runs `f` at the desk, or gives the reason it is not open.
    fn with<T>(&self, f: impl FnOnce(&mut Desk) -> Result<T, Failure>) -> Result<T, Failure> {
        f(lock(&self.desk).as_mut().map_err(|e| e.clone())?)
    }
}

/// The value behind `mutex`. One whose last user panicked is used again: the desk's
/// database is written in transactions, and the rest is replaced whole.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

/// Runs `work` on the blocking pool, never on the window's main thread; a panic in it
/// ends in a failure the window shows, not in a closed window.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, Failure> + Send + 'static,
) -> Result<T, Failure> {
    let joined = tauri::async_runtime::spawn_blocking(move || {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or_else(|panic| {
            let what = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            Err(Failure::failed(format!(
                "lỗi bất ngờ, việc này chưa làm được ({what}); bản nháp vẫn còn"
            )))
        })
    })
    .await;
    joined.unwrap_or_else(|e| Err(Failure::failed(format!("lỗi bất ngờ: {e}"))))
}

/// Runs `work` at the desk, on the blocking pool.
async fn at_desk<T: Send + 'static>(
    app: &AppHandle,
    work: impl FnOnce(&mut Desk) -> Result<T, Failure> + Send + 'static,
) -> Result<T, Failure> {
    let app = app.clone();
    blocking(move || app.state::<Shell>().with(work)).await
}

/// A file picked in a dialog. In a build for the end-to-end test, where a native dialog
/// cannot be driven, `CONGVAN_DIALOG_ANSWERS` names a file whose first line is the answer,
/// taken out of it; an empty file is a cancelled dialog.
#[cfg(feature = "test-hooks")]
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

/// No dialog is answered for it outside the end-to-end test's build.
#[cfg(not(feature = "test-hooks"))]
fn answer_from_test() -> Option<Option<PathBuf>> {
    None
}

/// The file the clerk picks in the open dialog, or none when cancelled.
fn pick_file(app: &AppHandle, title: &str, kind: &str, ext: &[&str]) -> Option<PathBuf> {
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
    app: &AppHandle,
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

/// The folder the clerk picks, or none when cancelled.
fn pick_folder(app: &AppHandle, title: &str) -> Option<PathBuf> {
    if let Some(answer) = answer_from_test() {
        return answer;
    }
    app.dialog()
        .file()
        .set_title(title)
        .blocking_pick_folder()
        .and_then(|p| p.into_path().ok())
}

/// The save dialog for a Word file.
fn save_docx(app: &AppHandle, title: &str, name: &str) -> Option<PathBuf> {
    save_file(app, title, name, "Word", &["docx"])
}

/// The example letter the window opens with when there is no draft (seed 000).
#[tauri::command]
async fn example_letter() -> Letter {
    Letter::example()
}

/// The kinds of document the app knows, for the form's list.
#[tauri::command]
async fn kinds() -> Vec<&'static str> {
    names::kinds()
}

/// Today, as the desk knows it (YYYY-MM-DD), for the dates the dialogs start from.
#[tauri::command]
async fn today(app: AppHandle) -> Result<NaiveDate, Failure> {
    at_desk(&app, |d| Ok(d.today())).await
}

/// The editor after a pause in typing, in one round trip: the form read as a letter (or
/// the Vietnamese reason it cannot be), its A4 preview, its findings, the draft saved.
#[tauri::command]
async fn refresh(app: AppHandle, form: Form) -> Result<Refreshed, Failure> {
    at_desk(&app, move |d| d.refresh(&form)).await
}

/// The body cut where its basis ends: the paragraphs the form shows as the reference, and
/// the rest.
#[tauri::command]
async fn split_basis(body: String) -> (String, String) {
    names::split_basis(&body)
}

/// A Nơi nhận list with an addressee from the address book added before "Lưu: …".
#[tauri::command]
async fn with_addressee(list: Vec<String>, entry: String) -> Vec<String> {
    names::with_addressee(&list, &entry)
}

/// Prints the letter: its PDF opened in the system's viewer, to print from there.
#[tauri::command]
async fn print_letter(app: AppHandle, letter: Letter) -> Result<String, Failure> {
    at_desk(&app, move |d| d.print_letter(&letter)).await
}

/// How signing goes on this PC: the Windows certificate store, or the token's module.
#[tauri::command]
async fn signing_setup(app: AppHandle) -> Result<SigningSetup, Failure> {
    at_desk(&app, |d| Ok(d.signing_setup())).await
}

/// Shows the open dialog for the token's PKCS#11 module and keeps it in the profile once it
/// loads; gives its path, or none when cancelled.
#[tauri::command]
async fn choose_pkcs11_module(app: AppHandle) -> Result<Option<String>, Failure> {
    let title = "Chọn thư viện PKCS#11 của token";
    let Some(path) = pick_file(&app, title, "PKCS#11", &["so", "dll", "dylib"]) else {
        return Ok(None);
    };
    at_desk(&app, move |d| d.set_pkcs11_module(&path))
        .await
        .map(Some)
}

/// Shows the save dialog and signs the issued letter's PDF there as `role`, with the token
/// (`pin` for a PKCS#11 token; on Windows the driver asks); none when cancelled.
#[tauri::command]
async fn sign_letter(
    app: AppHandle,
    letter: Letter,
    role: Role,
    pin: String,
) -> Result<Option<SignedFile>, Failure> {
    let name = names::signed_file(&letter);
    let Some(path) = save_file(&app, "Lưu công văn đã ký số", &name, "PDF", &["pdf"])
    else {
        return Ok(None);
    };
    at_desk(&app, move |d| d.sign_with_token(&letter, &path, role, &pin))
        .await
        .map(Some)
}

/// Shows the save dialog and signs the received PDF `parent` (shown as `name`) as the office's
/// electronic copy there; none when cancelled.
#[tauri::command]
async fn sign_parent_copy(
    app: AppHandle,
    parent: i64,
    name: String,
    pin: String,
) -> Result<Option<SignedFile>, Failure> {
    let suggested = names::electronic_copy_file(&name);
    let Some(path) = save_file(&app, "Lưu bản sao y điện tử", &suggested, "PDF", &["pdf"])
    else {
        return Ok(None);
    };
    at_desk(&app, move |d| d.sign_parent_copy(parent, &path, &pin))
        .await
        .map(Some)
}

/// The deadlines due this week and those overdue, for the window's list.
#[tauri::command]
async fn due(app: AppHandle) -> Result<Vec<Due>, Failure> {
    at_desk(&app, |d| d.due(d.today(), 7)).await
}

/// The lines of both registers that `query` finds, dated from `from` to `to` when given,
/// the best first.
#[tauri::command]
async fn search(
    app: AppHandle,
    query: String,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<Found>, Failure> {
    at_desk(&app, move |d| d.search(&query, from, to)).await
}

/// The deadlines near or past by the clerk's reminder days, and the line saying so.
#[tauri::command]
async fn reminder(app: AppHandle) -> Result<Reminder, Failure> {
    at_desk(&app, |d| d.reminder(d.today())).await
}

/// Sets how many days ahead the clerk is reminded of a deadline.
#[tauri::command]
async fn set_reminder_days(app: AppHandle, days: u32) -> Result<(), Failure> {
    at_desk(&app, move |d| d.set_reminder_days(days)).await
}

/// Every deadline of an incoming line, open or closed.
#[tauri::command]
async fn deadlines_of(app: AppHandle, incoming: i64) -> Result<Vec<DeadlineLine>, Failure> {
    at_desk(&app, move |d| d.deadlines_of(incoming)).await
}

/// Adds a deadline by hand to an incoming line.
#[tauri::command]
async fn add_deadline(
    app: AppHandle,
    incoming: i64,
    on: NaiveDate,
    task: String,
) -> Result<i64, Failure> {
    at_desk(&app, move |d| d.add_deadline(incoming, on, &task)).await
}

/// Corrects a deadline's day and task.
#[tauri::command]
async fn change_deadline(
    app: AppHandle,
    id: i64,
    on: NaiveDate,
    task: String,
) -> Result<(), Failure> {
    at_desk(&app, move |d| d.change_deadline(id, on, &task)).await
}

/// Closes a deadline today, or opens it again.
#[tauri::command]
async fn close_deadline(app: AppHandle, id: i64, closed: bool) -> Result<(), Failure> {
    at_desk(&app, move |d| d.close_deadline(id, closed, None)).await
}

/// Records that an incoming line was passed to a unit or person, on a day (today when none).
#[tauri::command]
async fn pass_incoming(
    app: AppHandle,
    id: i64,
    to: String,
    on: Option<NaiveDate>,
) -> Result<(), Failure> {
    at_desk(&app, move |d| d.pass(id, &to, on)).await
}

/// Files an incoming line today (closing its deadlines), or takes it back out.
#[tauri::command]
async fn file_incoming(app: AppHandle, id: i64, filed: bool) -> Result<(), Failure> {
    at_desk(&app, move |d| d.file(id, filed, None)).await
}

/// The statistics of a year.
#[tauri::command]
async fn stats(app: AppHandle, year: i32) -> Result<Stats, Failure> {
    at_desk(&app, move |d| d.stats(year)).await
}

/// Writes the statistics of a year as an .xlsx workbook the clerk names.
#[tauri::command]
async fn export_stats(app: AppHandle, year: i32) -> Result<Option<String>, Failure> {
    let name = names::stats_file(year);
    let Some(path) = save_file(&app, "Xuất thống kê", &name, "Excel", &["xlsx"]) else {
        return Ok(None);
    };
    at_desk(&app, move |d| d.export_stats(year, &path))
        .await
        .map(Some)
}

/// Shows a file just written: opened in its program, or (with `folder`) its folder.
#[tauri::command]
async fn show_file(path: PathBuf, folder: bool) -> Result<(), Failure> {
    blocking(move || Desk::show_file(&path, folder)).await
}

/// Saves the draft (a new one when `id` is none), drafted from the parent `parent` when
/// one; returns its id.
#[tauri::command]
async fn save_draft(
    app: AppHandle,
    id: Option<i64>,
    letter: Letter,
    parent: Option<i64>,
) -> Result<i64, Failure> {
    at_desk(&app, move |d| d.save_draft(id, &letter, parent)).await
}

/// The most recently saved drafts, newest first.
#[tauri::command]
async fn recent_drafts(app: AppHandle) -> Result<Vec<DraftSummary>, Failure> {
    at_desk(&app, |d| d.recent_drafts()).await
}

/// A saved draft, with its parent, to open again from the recent list.
#[tauri::command]
async fn open_draft(app: AppHandle, id: i64) -> Result<Option<SavedDraft>, Failure> {
    at_desk(&app, move |d| d.open_draft(id)).await
}

/// The draft last saved, to restore after the app was closed, killed or lost power.
#[tauri::command]
async fn last_draft(app: AppHandle) -> Result<Option<SavedDraft>, Failure> {
    at_desk(&app, |d| d.last_draft()).await
}

/// Shows the open dialog and reads the parent directive the clerk picks, kept under a
/// handle; none if cancelled.
#[tauri::command]
async fn open_parent(app: AppHandle) -> Result<Option<Opened>, Failure> {
    // Scans and photos are read through OCR where the machine has the engine.
    let ext = ["docx", "doc", "pdf", "txt", "md", "jpg", "jpeg", "png"];
    let Some(path) = pick_file(&app, "Mở văn bản cấp trên", "Văn bản", &ext) else {
        return Ok(None);
    };
    let shell = app.clone();
    let read = move |d: &mut Desk| scanning(&shell, |r| d.open_parent(&path, r));
    at_desk(&app, read).await.map(Some)
}

/// Stops the reading of a scan after the page being read.
#[tauri::command]
fn stop_reading(shell: State<Shell>) {
    shell.scan.stop();
}

/// The picture of the page the window's engine is to read.
#[tauri::command]
fn ocr_picture(shell: State<Shell>) -> Response {
    Response::new(lock(&shell.scan.picture).clone())
}

/// What the window's engine read on page `page` (Tesseract's TSV), or why it could not;
/// the answer for a page no longer waited for (a reading stopped) is dropped.
#[tauri::command]
fn ocr_answer(shell: State<Shell>, page: u64, tsv: Option<String>, problem: Option<String>) {
    shell
        .scan
        .answer(page, tsv.ok_or_else(|| problem.unwrap_or_default()));
}

/// The picture of page `page` (its number, from 1) of the parent `parent`, for the clerk to
/// check what was read.
#[tauri::command]
async fn parent_picture(app: AppHandle, parent: i64, page: u32) -> Result<Response, Failure> {
    let picture = at_desk(&app, move |d| d.parent_picture(parent, page)).await?;
    Ok(Response::new(picture.map(|p| p.bytes).unwrap_or_default()))
}

/// Reads a file dropped on the window, off the main thread, and sends the window what
/// was read as the "parent-dropped" event.
fn dropped(app: &AppHandle, path: PathBuf) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let shell = app.clone();
        let read = move |d: &mut Desk| scanning(&shell, |r| d.open_parent(&path, r));
        let read = at_desk(&app, read).await;
        let _ = app.emit("parent-dropped", read);
    });
}

/// A file "dropped" by the end-to-end test, which cannot drag one onto the window: the
/// path of a real drop, from the same place on.
#[cfg(feature = "test-hooks")]
#[tauri::command]
async fn test_drop(app: AppHandle, path: PathBuf) {
    dropped(&app, path);
}

/// The machine as a clerk's Windows PC is, without the Tesseract program, for the
/// end-to-end test of the window's own OCR engine.
#[cfg(feature = "test-hooks")]
#[tauri::command]
fn test_without_tesseract() {
    std::env::set_var("CONGVAN_TESSERACT", "none");
}

/// Reads a parent directive the clerk pasted as text (from an e-office screen or a chat),
/// kept under a handle; there is no file to copy then.
#[tauri::command]
async fn paste_parent(app: AppHandle, text: String) -> Result<Opened, Failure> {
    at_desk(&app, move |d| d.paste_parent(&text)).await
}

/// The templates the clerk can pick: the built-ins, then the clerk's own.
#[tauri::command]
async fn templates(app: AppHandle) -> Result<Vec<TemplateEntry>, Failure> {
    at_desk(&app, |d| d.templates()).await
}

/// The letter that forwards the parent `parent` (a new letter without one), drafted with
/// a template and the office profile, dated today.
#[tauri::command]
async fn draft_letter(
    app: AppHandle,
    parent: Option<i64>,
    template: String,
) -> Result<Draft, Failure> {
    at_desk(&app, move |d| {
        d.draft(parent, &d.template(&template)?, &Default::default())
    })
    .await
}

/// Saves the letter as a template of the clerk's, with the placeholders chosen.
#[tauri::command]
async fn save_as_template(
    app: AppHandle,
    letter: Letter,
    parent: Option<i64>,
    choices: TemplateChoices,
) -> Result<TemplateEntry, Failure> {
    at_desk(&app, move |d| d.save_as_template(&letter, parent, &choices)).await
}

/// Gives one of the clerk's templates a new name.
#[tauri::command]
async fn rename_template(app: AppHandle, id: String, name: String) -> Result<(), Failure> {
    at_desk(&app, move |d| d.rename_template(&id, &name)).await
}

/// Deletes one of the clerk's templates.
#[tauri::command]
async fn delete_template(app: AppHandle, id: String) -> Result<(), Failure> {
    at_desk(&app, move |d| d.delete_template(&id)).await
}

/// Writes a template to the file the clerk names in the save dialog, to share it.
#[tauri::command]
async fn export_template(app: AppHandle, id: String) -> Result<Option<String>, Failure> {
    let name = names::template_file(&id);
    let Some(path) = save_file(&app, "Xuất mẫu", &name, "Mẫu công văn", &["hbs"]) else {
        return Ok(None);
    };
    at_desk(&app, move |d| d.export_template(&id, &path))
        .await
        .map(Some)
}

/// Reads a template file the clerk picks and keeps it among the clerk's templates.
#[tauri::command]
async fn import_template(app: AppHandle) -> Result<Option<TemplateEntry>, Failure> {
    let Some(path) = pick_file(&app, "Nhập mẫu", "Mẫu công văn", &["hbs", "txt"]) else {
        return Ok(None);
    };
    at_desk(&app, move |d| d.import_template(&path))
        .await
        .map(Some)
}

/// The office profile: the one kept in the database, else the example office.
#[tauri::command]
async fn profile(app: AppHandle) -> Result<Profile, Failure> {
    at_desk(&app, |d| d.profile()).await
}

/// Deletes a draft.
#[tauri::command]
async fn delete_draft(app: AppHandle, id: i64) -> Result<(), Failure> {
    at_desk(&app, move |d| d.delete_draft(id)).await
}

/// True while the office is the example one: the window then asks for the clerk's own first.
#[tauri::command]
async fn profile_is_example(app: AppHandle) -> Result<bool, Failure> {
    at_desk(&app, |d| d.profile_is_example()).await
}

/// Keeps the office profile the clerk edited.
#[tauri::command]
async fn save_profile(app: AppHandle, profile: Profile) -> Result<(), Failure> {
    at_desk(&app, move |d| d.save_profile(&profile)).await
}

/// Connects to the server the profile names, with the password typed (kept in the OS
/// keyring once the server takes it); says where the registers are.
#[tauri::command]
async fn connect_server(app: AppHandle, password: Option<String>) -> Result<String, Failure> {
    at_desk(&app, move |d| d.connect_server(password.as_deref())).await
}

/// Shows the save dialog, with a name from the số and V/v, and writes the letter as .docx
/// there; gives the path written, or none when cancelled.
#[tauri::command]
async fn export_docx(app: AppHandle, letter: Letter) -> Result<Option<String>, Failure> {
    let Some(path) = save_docx(&app, "Xuất công văn", &names::letter_file(&letter)) else {
        return Ok(None);
    };
    at_desk(&app, move |d| d.export(&letter, &path))
        .await
        .map(Some)
}

/// Issues the signed letter: checks everything first (the letter, the images, the fonts
/// for a PDF), asks where to write its copies, then takes the next number of its series,
/// records the line and writes the copies. Nothing is numbered when a check fails or the
/// clerk cancels the dialog.
#[tauri::command]
async fn issue_letter(
    app: AppHandle,
    letter: Letter,
    signed_on: NaiveDate,
    copies: CopyOptions,
    pdf: bool,
) -> Result<Option<Issued>, Failure> {
    let images = kept_images(copies.images);
    let prepare = move |d: &mut Desk| d.prepare_issue(letter, signed_on, &images, pdf);
    let order = at_desk(&app, prepare).await?;
    let Some(path) = save_docx(&app, "Xuất bản đã ký", &order.file_name()) else {
        return Ok(None);
    };
    let output = Output { path, copies };
    at_desk(&app, move |d| d.issue(order, Some(output)))
        .await
        .map(Some)
}

/// Records that an issued number is cancelled, today, with its reason.
#[tauri::command]
async fn cancel_number(app: AppHandle, id: i64, reason: String) -> Result<(), Failure> {
    at_desk(&app, move |d| d.cancel(id, &reason, None)).await
}

/// Writes the signed copies of a register line to the file the clerk names, as .docx and,
/// when asked, as PDF beside it (a copy of a received file through LibreOffice); gives the
/// paths written.
#[tauri::command]
async fn export_issued(
    app: AppHandle,
    id: i64,
    options: CopyOptions,
    pdf: bool,
) -> Result<Option<Vec<String>>, Failure> {
    let copies = at_desk(&app, move |d| d.prepare_reissue(id, &options, pdf)).await?;
    let Some(path) = save_docx(&app, "Xuất bản đã ký", &copies.file_name()) else {
        return Ok(None);
    };
    at_desk(&app, move |d| d.reissue(copies, &path))
        .await
        .map(Some)
}

/// Makes a copy (sao y, sao lục) of the parent `parent`'s file: checks the file and the
/// images, asks where to write it, then takes the next number of the copies' series,
/// records it with the file, and writes the copy (and a PDF when asked). Nothing is
/// numbered when a check fails or the clerk cancels.
#[tauri::command]
async fn certify_parent(
    app: AppHandle,
    parent: Option<i64>,
    order: Order,
    signed_on: NaiveDate,
    images: bool,
    pdf: bool,
) -> Result<Option<Issued>, Failure> {
    let images = kept_images(images);
    let prepare = move |d: &mut Desk| d.prepare_copy(parent, &order, signed_on, &images, pdf);
    let copy = at_desk(&app, prepare).await?;
    let Some(path) = save_docx(&app, "Xuất bản sao", &copy.file_name()) else {
        return Ok(None);
    };
    at_desk(&app, move |d| d.copy(copy, &path)).await.map(Some)
}

/// The signature and seal kept in the database when `wanted`, else none.
fn kept_images(wanted: bool) -> ImageSource {
    match wanted {
        true => ImageSource::Kept,
        false => ImageSource::None,
    }
}

/// The Nơi nhận a copy of the parent sent with `letter` starts from.
#[tauri::command]
async fn copy_distribution(letter: Letter) -> Vec<String> {
    names::copy_distribution(&letter)
}

/// Whether a signature image is kept for `signer`, and a seal image for the office.
#[tauri::command]
async fn image_status(app: AppHandle, signer: Signature) -> Result<ImageStatus, Failure> {
    at_desk(&app, move |d| d.image_status(&signer)).await
}

/// Shows the open dialog for a PNG and keeps it as `signer`'s signature, or as the seal
/// when no signer is given; true when one was kept.
#[tauri::command]
async fn choose_image(app: AppHandle, signer: Option<Signature>) -> Result<bool, Failure> {
    let title = format!("Chọn {}", desk::image_name(signer.as_ref()));
    let Some(path) = pick_file(&app, &title, "Ảnh PNG", &["png"]) else {
        return Ok(false);
    };
    at_desk(&app, move |d| d.keep_image(&path, signer.as_ref()))
        .await
        .map(|_| true)
}

/// Forgets `signer`'s signature image, or the seal's when no signer is given.
#[tauri::command]
async fn forget_image(app: AppHandle, signer: Option<Signature>) -> Result<(), Failure> {
    at_desk(&app, move |d| d.forget_image(signer.as_ref())).await
}

/// Writes the register lines the filter keeps as an .xlsx workbook the clerk names.
#[tauri::command]
async fn export_register(app: AppHandle, filter: Filter) -> Result<Option<String>, Failure> {
    let name = names::register_file(&filter, false);
    let Some(path) = save_file(&app, "Xuất sổ văn bản đi", &name, "Excel", &["xlsx"])
    else {
        return Ok(None);
    };
    at_desk(&app, move |d| d.export_register(&filter, &path))
        .await
        .map(Some)
}

/// The register dialog's view: the year, the book's columns and the lines, in one call.
#[tauri::command]
async fn register_view(
    app: AppHandle,
    incoming: bool,
    filter: Filter,
) -> Result<RegisterView, Failure> {
    at_desk(&app, move |d| d.register_view(incoming, &filter)).await
}

/// The line of the incoming register the parent `parent` would take, received today, to
/// check.
#[tauri::command]
async fn incoming_for(app: AppHandle, parent: i64) -> Result<Incoming, Failure> {
    at_desk(&app, move |d| d.incoming_for(parent)).await
}

/// When the same document was entered before, in words.
#[tauri::command]
async fn received_before(app: AppHandle, incoming: Incoming) -> Result<Option<String>, Failure> {
    at_desk(&app, move |d| d.received_before(&incoming)).await
}

/// Enters the parent `parent` in the incoming register, with its file (or text).
#[tauri::command]
async fn receive(
    app: AppHandle,
    incoming: Incoming,
    parent: Option<i64>,
) -> Result<Receipt, Failure> {
    at_desk(&app, move |d| d.receive(&incoming, parent)).await
}

/// Reads again the document of an incoming line, from the file kept with it, kept as a
/// parent under a handle.
#[tauri::command]
async fn open_incoming(app: AppHandle, id: i64) -> Result<Opened, Failure> {
    let shell = app.clone();
    let read = move |d: &mut Desk| scanning(&shell, |r| d.open_incoming(id, r));
    at_desk(&app, read).await
}

/// Writes the incoming register as an .xlsx workbook the clerk names.
#[tauri::command]
async fn export_incoming(app: AppHandle, filter: Filter) -> Result<Option<String>, Failure> {
    let name = names::register_file(&filter, true);
    let Some(path) = save_file(&app, "Xuất sổ văn bản đến", &name, "Excel", &["xlsx"])
    else {
        return Ok(None);
    };
    at_desk(&app, move |d| d.export_incoming(filter.year, &path))
        .await
        .map(Some)
}

/// Writes a register of `year` as the printed book of Phụ lục IV to a file the clerk names
/// (and its PDF when asked).
#[tauri::command]
async fn export_book(
    app: AppHandle,
    incoming: bool,
    year: i32,
    pdf: bool,
) -> Result<Option<Vec<String>>, Failure> {
    let book = Book::of(incoming);
    let Some(path) = save_docx(&app, "In sổ đăng ký", &names::book_file(book, year)) else {
        return Ok(None);
    };
    at_desk(&app, move |d| d.book(book, year, &path, pdf))
        .await
        .map(Some)
}

/// Writes the envelopes of register line `id`, one for each addressee, to a file the clerk
/// names.
#[tauri::command]
async fn export_envelopes(app: AppHandle, id: i64, size: Size) -> Result<Option<String>, Failure> {
    let letter = at_desk(&app, move |d| d.issued_letter(id)).await?;
    let Some(path) = save_docx(&app, "In phong bì", names::envelopes_file()) else {
        return Ok(None);
    };
    at_desk(&app, move |d| d.envelopes(&letter, size, &path, false))
        .await
        .map(|written| written.into_iter().next())
}

/// Why the database did not open at start, with the backup offered; none when it opened.
#[tauri::command]
async fn trouble(app: AppHandle) -> Option<Trouble> {
    lock(&app.state::<Shell>().trouble).clone()
}

/// Recovers from the trouble at start: the broken database put aside, and the backup
/// offered put in its place (or, without `use_backup`, an empty one started).
#[tauri::command]
async fn recover(app: AppHandle, use_backup: bool) -> Result<Contents, Failure> {
    let shell = app.state::<Shell>();
    let offered = lock(&shell.trouble).clone().and_then(|t| t.backup);
    let backup = offered
        .filter(|_| use_backup)
        .map(|b| PathBuf::from(b.path));
    let desk = blocking(move || Desk::recover(&Desk::app_database()?, backup.as_deref())).await?;
    let contents = desk.contents()?;
    *lock(&shell.desk) = Ok(desk);
    *lock(&shell.trouble) = None;
    Ok(contents)
}

/// Copies the whole database to the file the clerk names; gives what it holds.
#[tauri::command]
async fn backup_db(app: AppHandle) -> Result<Option<Contents>, Failure> {
    let today = at_desk(&app, |d| Ok(d.today())).await?;
    let name = names::backup_file(today);
    let Some(path) = save_file(&app, "Sao lưu dữ liệu", &name, "Bản sao lưu", &["db"])
    else {
        return Ok(None);
    };
    at_desk(&app, move |d| d.backup(&path)).await.map(Some)
}

/// Shows the open dialog for a backup and gives what it holds, checked whole; it is kept
/// for `restore_db` once the clerk has seen it.
#[tauri::command]
async fn choose_backup(app: AppHandle) -> Result<Option<Contents>, Failure> {
    let Some(path) = pick_file(&app, "Chọn bản sao lưu", "Bản sao lưu", &["db"]) else {
        return Ok(None);
    };
    let shown = path.clone();
    let contents = at_desk(&app, move |d| d.inspect_restore(&shown)).await?;
    *lock(&app.state::<Shell>().pending) = Some(path);
    Ok(Some(contents))
}

/// Replaces the database with the backup chosen by `choose_backup`, keeping the current
/// one as an automatic backup; gives what it now holds.
#[tauri::command]
async fn restore_db(app: AppHandle) -> Result<Contents, Failure> {
    let pending = app
        .state::<Shell>()
        .pending
        .lock()
        .ok()
        .and_then(|mut p| p.take());
    let path = pending.ok_or_else(|| Failure::refused("backup", "chưa chọn bản sao lưu"))?;
    at_desk(&app, move |d| d.restore(&path)).await
}

/// Writes the year's records for the archive into a new folder inside the one the clerk
/// picks.
#[tauri::command]
async fn archive_year(app: AppHandle, year: i32) -> Result<Option<Archived>, Failure> {
    let Some(parent) = pick_folder(&app, "Chọn nơi ghi hồ sơ lưu trữ") else {
        return Ok(None);
    };
    let folder = names::archive_folder(&parent, year);
    at_desk(&app, move |d| d.archive(year, &folder))
        .await
        .map(Some)
}

/// The window has painted its first screen. In a build with the test hooks and
/// `CONGVAN_STARTUP_REPORT` set (the start-up measurement), prints the time since the
/// process started and the process's memory, then quits.
#[tauri::command]
fn painted(app: AppHandle, shell: State<'_, Shell>) {
    if !cfg!(feature = "test-hooks") || std::env::var_os("CONGVAN_STARTUP_REPORT").is_none() {
        return;
    }
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let rss = status.lines().find_map(|l| l.strip_prefix("VmRSS:"));
    let ms = shell.started.elapsed().as_millis();
    println!("first-paint-ms={ms} rss={}", rss.unwrap_or_default().trim());
    app.exit(0);
}

/// The window's commands, with `extra` ones (the test hooks' in their build).
macro_rules! commands {
    ($($extra:ident),*) => {
        tauri::generate_handler![
            open_parent,
            stop_reading,
            ocr_picture,
            ocr_answer,
            parent_picture,
            paste_parent,
            templates,
            draft_letter,
            save_as_template,
            rename_template,
            delete_template,
            export_template,
            import_template,
            profile,
            save_profile,
            connect_server,
            export_docx,
            example_letter,
            kinds,
            today,
            refresh,
            split_basis,
            with_addressee,
            save_draft,
            recent_drafts,
            open_draft,
            last_draft,
            issue_letter,
            cancel_number,
            export_issued,
            export_register,
            certify_parent,
            copy_distribution,
            image_status,
            choose_image,
            forget_image,
            trouble,
            recover,
            backup_db,
            choose_backup,
            restore_db,
            profile_is_example,
            delete_draft,
            archive_year,
            incoming_for,
            received_before,
            receive,
            open_incoming,
            export_incoming,
            export_book,
            export_envelopes,
            show_file,
            print_letter,
            signing_setup,
            choose_pkcs11_module,
            sign_letter,
            sign_parent_copy,
            due,
            search,
            reminder,
            set_reminder_days,
            deadlines_of,
            add_deadline,
            change_deadline,
            close_deadline,
            pass_incoming,
            file_incoming,
            stats,
            export_stats,
            register_view,
            painted
            $(, $extra)*
        ]
    };
}

/// Starts the app; `started` is when the process began.
pub fn run(started: Instant) {
    let builder = tauri::Builder::default()
        .setup(move |app| {
            // A damaged or missing database is not opened: the window offers a backup.
            let (desk, trouble) = match Desk::app_database() {
                Err(f) => (Err(f), None),
                Ok(db) => match Desk::open_or_trouble(&db) {
                    Ok(desk) => (Ok(desk), None),
                    Err(t) => (Err(Failure::failed(t.problem.clone())), Some(*t)),
                },
            };
            app.manage(Shell {
                desk: Mutex::new(desk),
                trouble: Mutex::new(trouble),
                pending: Mutex::new(None),
                scan: Scanning::default(),
                started,
            });
            Ok(())
        })
        .on_window_event(|window, event| {
            // A file dropped on the window is read off the main thread, and the window gets
            // what was read.
            if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
                if let Some(path) = paths.first() {
                    dropped(window.app_handle(), path.clone());
                }
            }
        })
        .plugin(tauri_plugin_dialog::init());
    #[cfg(feature = "test-hooks")]
    let builder = builder.invoke_handler(commands!(test_drop, test_without_tesseract));
    #[cfg(not(feature = "test-hooks"))]
    let builder = builder.invoke_handler(commands!());
    builder
        .run(tauri::generate_context!())
        .expect("không khởi động được cửa sổ ứng dụng");
}

#[cfg(test)]
mod tests {
    use super::*;
    use tauri::async_runtime::block_on;

    fn shell(desk: Result<Desk, Failure>) -> Shell {
        Shell {
            desk: Mutex::new(desk),
            trouble: Mutex::new(None),
            pending: Mutex::new(None),
            scan: Scanning::default(),
            started: Instant::now(),
        }
    }

    #[test]
    fn a_stopped_pages_late_answer_is_dropped() {
        let scan = Scanning::default();
        let (send, receive) = std::sync::mpsc::channel();
        *lock(&scan.answer) = Some((2, send));
        scan.answer(1, Ok("trang cũ".into()));
        assert!(receive.try_recv().is_err(), "an answer for another page");
        scan.answer(2, Ok("trang 2".into()));
        assert_eq!(receive.try_recv(), Ok(Ok("trang 2".into())));
        let (send, receive) = std::sync::mpsc::channel();
        *lock(&scan.answer) = Some((3, send));
        scan.stop();
        assert!(scan.stop.load(Ordering::SeqCst));
        assert_eq!(receive.try_recv(), Ok(Err(STOPPED.into())));
        scan.answer(3, Ok("quá muộn".into()));
    }

    #[test]
    fn commands_call_the_core() {
        let desk = shell(Desk::in_memory());
        let json = block_on(example_letter()).to_json();
        let form = |json: &str, save| Form {
            json: json.into(),
            draft: None,
            parent: None,
            save,
        };
        let refreshed = desk.with(|d| d.refresh(&form(&json, true))).unwrap();
        assert!(refreshed.html.contains("Số: 165/LĐLĐ"));
        assert!(refreshed.draft.is_some(), "saved as it was refreshed");
        let err = desk.with(|d| d.refresh(&form("{}", false))).unwrap_err();
        assert!(err.message.contains("thiếu trường"), "{err}");
        assert_eq!(err.kind, congvan::desk::Kind::Refused);
        let (basis, rest) = block_on(split_basis("Thực hiện A,\n\nCác đơn vị.".into()));
        assert_eq!(
            (basis.as_str(), rest.as_str()),
            ("Thực hiện A,", "Các đơn vị.")
        );
    }

    #[test]
    fn a_panic_at_work_is_a_failure_not_a_closed_window() {
        let failed = block_on(blocking(|| -> Result<(), Failure> {
            panic!("hỏng giữa chừng")
        }));
        let failure = failed.unwrap_err();
        assert!(failure.message.contains("hỏng giữa chừng"), "{failure}");
        assert_eq!(failure.kind, congvan::desk::Kind::Failed);
        // A desk whose user panicked holding it is used again.
        let shell = shell(Desk::in_memory());
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            shell.with(|_| -> Result<(), Failure> { panic!("giữa lúc ghi") })
        }));
        assert!(shell.with(|d| d.recent_drafts()).is_ok());
    }

    #[test]
    fn a_desk_that_did_not_open_gives_its_reason() {
        let broken = shell(Err(Failure::failed("tệp hỏng")));
        assert_eq!(
            broken.with(|d| d.recent_drafts()).unwrap_err().message,
            "tệp hỏng"
        );
        let shell = shell(Desk::in_memory());
        let id = shell
            .with(|d| d.save_draft(None, &Letter::example(), None))
            .unwrap();
        let last = shell.with(|d| d.last_draft()).unwrap();
        assert_eq!(last.map(|d| d.id), Some(id));
    }

    #[test]
    fn failures_reach_the_window_with_their_kind_and_field() {
        let failure = Failure::refused("images", "chưa có ảnh con dấu");
        let json = serde_json::to_value(&failure).unwrap();
        assert_eq!(json["kind"], "refused");
        assert_eq!(json["field"], "images");
        assert_eq!(json["message"], "chưa có ảnh con dấu");
    }
}
