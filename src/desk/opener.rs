//! A file the app wrote, shown to the clerk after an export: opened in the program the
//! system gives its kind (Word for a .docx), or its folder in the file manager.

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::desk::failure::Failure;
use crate::desk::files;

/// The kinds of file the app writes: the only ones it opens, so that the window can never
/// have it start a program.
const KINDS: &[&str] = &["docx", "pdf", "xlsx", "html", "hbs", "db"];

/// Opens `path` (a file the app wrote) in the system's program for its kind, or, with
/// `folder`, the folder it is in (`path` itself when it is a folder, as an archive is).
/// `CONGVAN_OPENER` names another program to do it, for tests.
pub fn show(path: &Path, folder: bool) -> Result<(), Failure> {
    let program = std::env::var_os("CONGVAN_OPENER")
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| system_opener().into());
    show_with(&program, path, folder)
}

/// `show` through `program`.
fn show_with(program: &OsStr, path: &Path, folder: bool) -> Result<(), Failure> {
    let shown = files::shown(path);
    let target = if folder && !path.is_dir() {
        path.parent().unwrap_or(path)
    } else {
        path
    };
    if !target.exists() {
        return Err(Failure::failed(format!("không có tệp này: {shown}")));
    }
    let kind = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if !folder && (!path.is_file() || !KINDS.contains(&kind.as_str())) {
        return Err(Failure::failed(format!(
            "không mở tệp này, không phải tệp ứng dụng xuất ra: {shown}"
        )));
    }
    let mut child = Command::new(program)
        .arg(target)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| {
            Failure::failed(format!(
                "không mở được {shown}: máy không chạy được {} ({e})",
                Path::new(program).display()
            ))
        })?;
    // The opener hands the file over and ends; waiting for it on a thread of its own
    // leaves no finished process behind and never holds the window.
    std::thread::spawn(move || child.wait());
    Ok(())
}

/// The program that opens a file or folder as a double click in the file manager would.
fn system_opener() -> &'static str {
    if cfg!(windows) {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    }
}

// `true` is a program on Unix only; the Windows build's opener is explorer.
#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn check(name: &str, folder: bool, expected: Result<(), &str>) {
        let dir = files::test_folder("opener");
        let path = dir.join(name);
        if name.contains('.') {
            std::fs::write(&path, b"x").unwrap();
        }
        // `true` stands for the system's opener: it takes the path and ends.
        let got = show_with(OsStr::new("true"), &path, folder).map_err(|f| f.message);
        match (got, expected) {
            (Ok(()), Ok(())) => {}
            (Err(got), Err(want)) => assert!(got.starts_with(want), "{name}: {got}"),
            (got, want) => panic!("{name}: {got:?}, expected {want:?}"),
        }
    }

    #[test]
    fn only_what_the_app_writes_is_opened() {
        check("thư.docx", false, Ok(()));
        check("thư.DOCX", true, Ok(()));
        check("chạy.sh", false, Err("không mở tệp này"));
        check("chạy.sh", true, Ok(()));
        check("không-có", false, Err("không có tệp này"));
    }
}
