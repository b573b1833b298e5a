//! The desktop shell: one window, and commands that each call one core function.
//! Errors reach the window as the core's Vietnamese messages.

#![warn(missing_docs)]

use congvan::{render, Letter};

/// The example letter the window opens with (seed 000).
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

/// Starts the app on `builder` (a test passes a mock builder).
pub fn run<R: tauri::Runtime>(builder: tauri::Builder<R>) {
    builder
        .invoke_handler(tauri::generate_handler![
            example_letter,
            preview,
            read_letter
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
}
