//! Files the clerk names: read within a size limit, written through a temporary file and a
//! rename so that a failure never leaves half a file; and the app's data folder.

use std::path::{Path, PathBuf};

use crate::error::Error;

/// The app's identifier, as `src-tauri/tauri.conf.json` gives it: the name of its folder
/// in the platform's data folder, for the window and the tool alike.
pub const APP_ID: &str = "vn.congdoan.congvan";

/// The folder the app keeps its database in: `CONGVAN_DATA_DIR` when set (tests), else
/// the platform's data folder for `APP_ID`, where Tauri puts an app's data (Windows:
/// %APPDATA%, macOS: ~/Library/Application Support, Linux: $XDG_DATA_HOME or
/// ~/.local/share).
pub fn data_folder() -> Result<PathBuf, Error> {
    if let Some(dir) = std::env::var_os("CONGVAN_DATA_DIR").filter(|d| !d.is_empty()) {
        return Ok(dir.into());
    }
    let var = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let base = if cfg!(windows) {
        var("APPDATA")
    } else if cfg!(target_os = "macos") {
        var("HOME").map(|h| h.join("Library/Application Support"))
    } else {
        var("XDG_DATA_HOME").or_else(|| var("HOME").map(|h| h.join(".local/share")))
    };
    base.map(|b| b.join(APP_ID)).ok_or_else(|| {
        Error::Store("không biết thư mục dữ liệu của ứng dụng: hãy đặt CONGVAN_DATA_DIR (hoặc dùng --db với lệnh congvan)".into())
    })
}

/// The bytes of a file the clerk chose, refused past `limit` bytes with the limit named.
pub fn read(path: &Path, limit: u64) -> Result<Vec<u8>, Error> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| unreadable(path, &e))?;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(path, &e))?;
    if bytes.len() as u64 > limit {
        return Err(Error::Import(format!(
            "{}: tệp quá lớn (hơn {} MB)",
            path.display(),
            limit / 1_048_576
        )));
    }
    Ok(bytes)
}

/// A file the clerk chose as UTF-8 text (a letter's JSON, a profile, a template).
pub fn read_text(path: &Path, limit: u64) -> Result<String, Error> {
    String::from_utf8(read(path, limit)?).map_err(|e| {
        Error::Import(format!(
            "{}: tệp không phải văn bản UTF-8 (byte lạ ở vị trí {})",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
    })
}

/// "không đọc được …", with the reason the system gives.
fn unreadable(path: &Path, e: &std::io::Error) -> Error {
    let message = format!("không đọc được {}: {e}", path.display());
    match e.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound(message),
        _ => Error::Io(message),
    }
}

/// Makes `dir` and the folders above it, naming it when that fails.
pub fn make_folder(dir: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::Io(format!("không tạo được thư mục {}: {e}", dir.display())))
}

/// Writes a file the clerk asked for (an exported letter) through a temporary file in the
/// same folder, then renames it into place, so a failure never leaves half a file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    use std::io::Write;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| Error::Store(format!("{}: không phải tên tệp", path.display())))?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::Io(format!("không ghi được {}: {e}", path.display()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_identifier_is_the_windows() {
        let conf = include_str!("../../src-tauri/tauri.conf.json");
        assert!(
            conf.contains(&format!("\"identifier\": \"{APP_ID}\"")),
            "{conf}"
        );
    }
}
