//! The desktop shell: one window, and commands that each call one core function.
//! Errors reach the window as the core's Vietnamese messages. Only this shell touches the
//! clock, the window and the app's data folder.

#![warn(missing_docs)]

use std::sync::Mutex;

use congvan::store::{DraftSummary, Store};
use congvan::{render, Letter};
use serde::Serialize;
use tauri::Manager;

/// What the commands share: the local database, or why it could not be opened.
struct Desk {
    store: Mutex<Result<Store, String>>,
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
}

/// Seconds since 1970, the time the store records for a change.
fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// The example letter the window opens with when there is no draft (seed 000).
#[tauri::command]
fn example_letter() -> Letter {
    Letter::example()
}

/// The A4 preview of a letter as the clerk has filled it in.
#[tauri::command]
fn preview(letter: Letter) -> String {
    render::letter_html(&letter)
}

/// The letter's JSON text read into the form, or the Vietnamese reason it cannot be.
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

/// The draft last saved, to restore after the app was closed, killed or lost power.
#[tauri::command]
fn last_draft(desk: tauri::State<'_, Desk>) -> Result<Option<SavedDraft>, String> {
    desk.with(|s| s.last_draft())
        .map(|d| d.map(|(id, letter)| SavedDraft { id, letter }))
}

/// A parent directive the clerk picked or dropped: the file read, then the core reads it.
#[tauri::command]
fn open_parent(path: String) -> Result<congvan::parse::Directive, String> {
    let bytes = std::fs::read(&path).map_err(|e| format!("không đọc được {path}: {e}"))?;
    congvan::parse::read(&path, &bytes).map_err(|e| e.to_string())
}

/// The templates the clerk can pick.
#[tauri::command]
fn templates() -> Vec<congvan::template::TemplateEntry> {
    congvan::template::Template::catalog()
}

/// The letter that forwards `parent`, drafted with a template and the office profile
/// (the one kept in the database, else the example), dated today.
#[tauri::command]
fn draft_letter(
    desk: tauri::State<'_, Desk>,
    parent: congvan::parse::Directive,
    template: String,
) -> Result<congvan::draft::Draft, String> {
    let profile = desk
        .with(|s| s.profile())?
        .unwrap_or_else(congvan::Profile::example);
    let today = chrono::Local::now().date_naive();
    congvan::draft::draft_with(&parent, &profile, &template, today, &Default::default())
        .map_err(|e| e.to_string())
}

/// What the letter breaks of the format rules.
#[tauri::command]
fn check_letter(letter: Letter) -> Vec<congvan::check::Finding> {
    congvan::check::check_letter(&letter)
}

/// The file name the save dialog suggests.
#[tauri::command]
fn suggested_name(letter: Letter) -> String {
    congvan::wording::file_name(letter.number, &letter.symbol, &letter.subject)
}

/// Writes the letter as .docx to the path the clerk chose in the save dialog.
#[tauri::command]
fn export_docx(letter: Letter, path: String) -> Result<(), String> {
    let bytes = render::letter_docx(&letter).map_err(|e| e.to_string())?;
    congvan::store::write_atomic(std::path::Path::new(&path), &bytes).map_err(|e| e.to_string())
}

/// Where the app keeps its database: `CONGVAN_DATA_DIR` when set (tests), else the
/// platform's folder for the app's data.
fn data_dir(app: &tauri::App<impl tauri::Runtime>) -> Result<std::path::PathBuf, String> {
    match std::env::var_os("CONGVAN_DATA_DIR") {
        Some(dir) => Ok(dir.into()),
        None => app
            .path()
            .app_data_dir()
            .map_err(|e| format!("không tìm được thư mục dữ liệu của ứng dụng: {e}")),
    }
}

/// Starts the app on `builder` (a test passes a mock builder).
pub fn run<R: tauri::Runtime>(builder: tauri::Builder<R>) {
    builder
        .setup(|app| {
            let store = data_dir(app).and_then(|dir| {
                std::fs::create_dir_all(&dir)
                    .map_err(|e| format!("không tạo được thư mục {}: {e}", dir.display()))?;
                Store::open(&dir.join("congvan.db")).map_err(|e| e.to_string())
            });
            app.manage(Desk {
                store: Mutex::new(store),
            });
            Ok(())
        })
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(tauri::generate_handler![
            open_parent,
            templates,
            draft_letter,
            check_letter,
            suggested_name,
            export_docx,
            example_letter,
            preview,
            read_letter,
            save_draft,
            recent_drafts,
            last_draft
        ])
        .run(tauri::generate_context!())
        .expect("không khởi động được cửa sổ ứng dụng");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_call_the_core() {
        let html = preview(example_letter());
        assert!(html.contains("Số: 165/LĐLĐ"));
        let err = read_letter("{}".into()).unwrap_err();
        assert!(err.contains("thiếu trường"), "{err}");
    }

    #[test]
    fn a_store_that_did_not_open_gives_its_reason() {
        let desk = Desk {
            store: Mutex::new(Err("tệp hỏng".into())),
        };
        assert_eq!(desk.with(|s| s.recent_drafts(1)).unwrap_err(), "tệp hỏng");
        let desk = Desk {
            store: Mutex::new(Ok(Store::in_memory().unwrap())),
        };
        let id = desk
            .with(|s| s.save_draft(None, &Letter::example(), 5))
            .unwrap();
        assert_eq!(
            desk.with(|s| s.last_draft()).unwrap().map(|d| d.0),
            Some(id)
        );
    }
}
