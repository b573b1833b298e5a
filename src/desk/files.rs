//! Files the clerk names: read within a size limit, written through a temporary file and a
//! rename so that a failure never leaves half a file; and the app's data folder.

use std::path::{Path, PathBuf};

use super::failure::Failure;
use crate::error::Error;

/// The app's identifier, as `src-tauri/tauri.conf.json` gives it: the name of its folder
/// in the platform's data folder, for the window and the tool alike.
pub(crate) const APP_ID: &str = "vn.congdoan.congvan";

/// The folder the app keeps its database in: `CONGVAN_DATA_DIR` when set (tests), else
/// the platform's data folder for `APP_ID`, where Tauri puts an app's data (Windows:
/// %APPDATA%, macOS: ~/Library/Application Support, Linux: $XDG_DATA_HOME or
/// ~/.local/share).
pub(crate) fn data_folder() -> Result<PathBuf, Error> {
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

/// A file as a message names it: its name first, the folder it is in after ("f20.pdf (trong
/// /home/vanthu/Tải về)"), so the clerk reads which file before where it is.
pub fn shown(path: &Path) -> String {
    let (name, folder) = name_and_folder(path);
    format!("{name}{folder}")
}

/// A file's name (its whole path when it has none) and " (trong <folder>)", or nothing
/// for a file named without a folder.
pub(crate) fn name_and_folder(path: &Path) -> (String, String) {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let folder = path
        .parent()
        .map(|p| p.display().to_string())
        .filter(|p| !p.is_empty() && path.file_name().is_some())
        .map(|p| format!(" (trong {p})"))
        .unwrap_or_default();
    (name, folder)
}

/// The bytes of a file the clerk chose, refused past `limit` bytes with the limit named.
/// What is not a plain file (a folder, a device, a pipe that would wait for ever) and a
/// file larger than the limit are refused before anything is read.
pub fn read(path: &Path, limit: u64) -> Result<Vec<u8>, Error> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(|e| unreadable(path, &e))?;
    if !meta.is_file() {
        return Err(Error::Import(format!(
            "{}: không phải một tệp (thư mục, thiết bị hay ống dẫn)",
            shown(path)
        )));
    }
    if meta.len() > limit {
        return Err(too_large(path, limit));
    }
    let file = std::fs::File::open(path).map_err(|e| unreadable(path, &e))?;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(path, &e))?;
    // It may have grown since it was looked at.
    if bytes.len() as u64 > limit {
        return Err(too_large(path, limit));
    }
    Ok(bytes)
}

/// "tệp quá lớn (hơn 20 MB)".
fn too_large(path: &Path, limit: u64) -> Error {
    Error::Import(format!(
        "{}: tệp quá lớn (hơn {} MB)",
        shown(path),
        limit / 1_048_576
    ))
}

/// A file the clerk chose as UTF-8 text (a letter's JSON, a profile, a template).
pub(crate) fn read_text(path: &Path, limit: u64) -> Result<String, Error> {
    String::from_utf8(read(path, limit)?).map_err(|e| {
        Error::Import(format!(
            "{}: tệp không phải văn bản UTF-8 (byte lạ ở vị trí {})",
            shown(path),
            e.utf8_error().valid_up_to()
        ))
    })
}

/// "không đọc được …", with the reason the system gives.
fn unreadable(path: &Path, e: &std::io::Error) -> Error {
    // The system's words are English; the usual reasons are said in Vietnamese.
    let why = match e.kind() {
        std::io::ErrorKind::NotFound => "không có tệp này".to_string(),
        std::io::ErrorKind::PermissionDenied => "không có quyền đọc tệp này".to_string(),
        _ => e.to_string(),
    };
    let message = format!("không đọc được {}: {why}", shown(path));
    match e.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound(message),
        _ => Error::Io(message),
    }
}

/// Makes `dir` and the folders above it, naming it when that fails.
pub(crate) fn make_folder(dir: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::Io(format!("không tạo được thư mục {}: {e}", dir.display())))
}

/// Writes a file the clerk asked for (an exported letter) through a temporary file in the
/// same folder, then renames it into place, so a failure never leaves half a file. The
/// temporary file is made new (never one already there, nor a link planted in its name),
/// written to the disk with its folder before and after the rename, and removed when
/// anything fails.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    use std::io::Write;
    let failed = |e: std::io::Error| Error::Io(format!("không ghi được {}: {e}", path.display()));
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| Error::Io(format!("{}: không phải tên tệp", path.display())))?;
    let (tmp, mut file) = (0..100)
        .find_map(|n| {
            let tmp = dir.join(format!(
                ".{}.{}-{n}.tmp",
                name.to_string_lossy(),
                std::process::id()
            ));
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&tmp)
            {
                Ok(file) => Some(Ok((tmp, file))),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => None,
                Err(e) => Some(Err(e)),
            }
        })
        .unwrap_or_else(|| Err(std::io::Error::other("không tạo được tệp tạm")))
        .map_err(failed)?;
    let result = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .and_then(|()| std::fs::rename(&tmp, path))
        .and_then(|()| sync_folder(&dir));
    drop(file);
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        if in_use(&e) {
            Error::Io(format!(
                "không ghi được {}: tệp đang mở trong Word hoặc một chương trình khác (hoặc bị đặt chỉ đọc); hãy đóng tệp rồi làm lại, tệp cũ vẫn nguyên",
                path.display()
            ))
        } else {
            failed(e)
        }
    })
}

/// Whether replacing the file failed because another program holds it open: Windows
/// refuses to replace a document Word has open (sharing violation, or access denied, which
/// a read-only file gives too; the temporary file beside it was written, so the folder is
/// not the cause).
fn in_use(e: &std::io::Error) -> bool {
    // ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION.
    cfg!(windows) && matches!(e.raw_os_error(), Some(5 | 32 | 33))
}

/// Writes a folder's entries to the disk, so a rename in it survives a power cut. Windows
/// cannot open a folder for this; its renames are written through already.
fn sync_folder(dir: &Path) -> std::io::Result<()> {
    match cfg!(unix) {
        true => std::fs::File::open(dir)?.sync_all(),
        false => Ok(()),
    }
}

/// For the desk's unit tests: a new empty folder of the test `name`'s own, in this
/// process's name so that test runs at the same time never share one.
/// Writes a file the clerk named, whole or not at all; gives its path.
pub(super) fn write(path: &Path, bytes: &[u8]) -> Result<String, Failure> {
    write_atomic(path, bytes)?;
    Ok(path.display().to_string())
}

/// A core error about the file at `path`, its message led by the file's name and closed by
/// the folder it is in, unless it names the file already.
pub(super) fn named(path: &Path, e: impl Into<Failure>) -> Failure {
    let f: Failure = e.into();
    if f.message.contains(&shown(path)) || f.message.contains(&path.display().to_string()) {
        return f;
    }
    let (name, folder) = name_and_folder(path);
    Failure {
        message: format!("{name}: {}{folder}", f.message),
        ..f
    }
}

#[cfg(test)]
pub(crate) fn test_folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("congvan-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(name: &str) -> PathBuf {
        test_folder(&format!("files-{name}"))
    }

    #[test]
    fn what_is_not_a_plain_file_or_too_large_is_refused_unread() {
        let dir = folder("read");
        let err = read(&dir, 10).unwrap_err().to_string();
        assert!(err.contains("không phải một tệp"), "{err}");
        let big = dir.join("big.txt");
        std::fs::write(&big, vec![b'x'; 11]).unwrap();
        let err = read(&big, 10).unwrap_err().to_string();
        assert!(err.contains("tệp quá lớn"), "{err}");
        assert_eq!(read(&big, 11).unwrap().len(), 11);
        #[cfg(unix)]
        {
            // A named pipe would wait for a writer for ever.
            let fifo = dir.join("fifo");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            if made.is_ok_and(|s| s.success()) {
                let err = read(&fifo, 10).unwrap_err().to_string();
                assert!(err.contains("không phải một tệp"), "{err}");
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_file_is_written_whole_through_a_new_temporary_file() {
        let dir = folder("write");
        let path = dir.join("cv.docx");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        // A link planted where the temporary file would go is not followed.
        #[cfg(unix)]
        {
            let target = dir.join("elsewhere");
            std::fs::write(&target, b"keep").unwrap();
            let planted = dir.join(format!(".cv.docx.{}-0.tmp", std::process::id()));
            std::os::unix::fs::symlink(&target, &planted).unwrap();
            write_atomic(&path, b"three").unwrap();
            assert_eq!(std::fs::read(&target).unwrap(), b"keep");
            assert_eq!(std::fs::read(&path).unwrap(), b"three");
            std::fs::remove_file(&planted).unwrap();
        }
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert!(
            names.iter().all(|n| !n.to_string_lossy().ends_with(".tmp")),
            "{names:?}"
        );
        let err = write_atomic(&dir.join("no/cv.docx"), b"x")
            .unwrap_err()
            .to_string();
        assert!(err.contains("không ghi được"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[cfg(windows)]
    #[test]
    fn a_file_open_in_another_program_is_said_so_and_left_whole() {
        use std::os::windows::fs::OpenOptionsExt;
        let dir = folder("open");
        let path = dir.join("Công văn số 5.docx");
        std::fs::write(&path, b"old").unwrap();
        // As Word holds a document: no other program may write or delete it.
        let held = std::fs::OpenOptions::new()
            .read(true)
            .share_mode(1)
            .open(&path)
            .unwrap();
        let err = write_atomic(&path, b"new").unwrap_err().to_string();
        assert!(err.contains("đang mở trong Word"), "{err}");
        drop(held);
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[cfg(windows)]
    #[test]
    fn the_data_folder_is_in_appdata_as_the_window_has_it() {
        if std::env::var_os("CONGVAN_DATA_DIR").is_some() {
            return;
        }
        let folder = data_folder().unwrap();
        let appdata = PathBuf::from(std::env::var_os("APPDATA").unwrap());
        assert_eq!(folder, appdata.join(APP_ID));
    }

    #[test]
    fn the_identifier_is_the_windows() {
        let conf = include_str!("../../src-tauri/tauri.conf.json");
        assert!(
            conf.contains(&format!("\"identifier\": \"{APP_ID}\"")),
            "{conf}"
        );
    }
}
