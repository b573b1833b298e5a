//! The PDFs written beside the .docx files: made by the app itself for what it lays out,
//! and through LibreOffice only for a file it did not write (a received .docx copied as sao
//! y), when LibreOffice is installed: found on PATH or in its usual folders on Windows and
//! Linux, and given many .docx files in one call (a LibreOffice start costs seconds, a page
//! costs little), within a time limit.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::failure::Failure;
use super::files::write;
use crate::error::Error;

/// What the clerk is told when the copies of received files cannot be printed.
pub(crate) const MISSING_FOR_COPIES: &str = "bản sao y tệp nhận được chưa có PDF: cần LibreOffice để in tệp không do ứng dụng soạn (hãy cài LibreOffice, hoặc mở tệp bằng Word rồi lưu thành PDF)";

/// What the clerk is told when LibreOffice is not installed.
pub(crate) const MISSING: &str = "không tìm thấy LibreOffice để tạo PDF của bản sao tệp nhận được (tệp không do ứng dụng soạn): hãy cài LibreOffice, hoặc mở bản sao bằng Word rồi lưu thành PDF";

/// The LibreOffice program (`soffice`), if it is installed; `CONGVAN_SOFFICE` names it
/// instead (a portable LibreOffice), or, empty, says there is none.
pub(crate) fn find_soffice() -> Option<PathBuf> {
    if let Some(set) = std::env::var_os("CONGVAN_SOFFICE") {
        return Some(PathBuf::from(set)).filter(|p| p.is_file());
    }
    let program_files: Vec<PathBuf> = ["ProgramFiles", "ProgramFiles(x86)", "ProgramW6432"]
        .iter()
        .filter_map(std::env::var_os)
        .map(PathBuf::from)
        .collect();
    candidates(std::env::var_os("PATH"), &program_files)
        .into_iter()
        .find(|p| p.is_file())
}

/// Where LibreOffice may be, in order: on `path` (the PATH variable), then where its
/// installer puts it: under each of `program_files` on Windows, the usual folders
/// elsewhere.
fn candidates(path: Option<std::ffi::OsString>, program_files: &[PathBuf]) -> Vec<PathBuf> {
    let names: &[&str] = if cfg!(windows) {
        &["soffice.exe", "soffice.com"]
    } else {
        &["soffice", "libreoffice"]
    };
    let on_path = path
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)));
    let usual: Vec<PathBuf> = if cfg!(windows) {
        program_files
            .iter()
            .map(|d| d.join("LibreOffice").join("program").join("soffice.exe"))
            .collect()
    } else {
        [
            "/usr/bin/soffice",
            "/usr/lib/libreoffice/program/soffice",
            "/opt/libreoffice/program/soffice",
            "/snap/bin/libreoffice",
            "/Applications/LibreOffice.app/Contents/MacOS/soffice",
        ]
        .iter()
        .map(PathBuf::from)
        .collect()
    };
    on_path.chain(usual).collect()
}

/// The longest LibreOffice may take before it is stopped, with 2 s more for each file: it
/// starts in seconds and converts a page in a fraction of one, so past that it hangs.
pub(crate) const TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(90);

/// Converts `files` (.docx) to PDF in one LibreOffice call and puts each PDF beside its
/// file, under the same name unless a file has that name already (then "tên (2).pdf", so
/// no file the clerk did not choose is written over); gives the PDFs' paths. Each PDF is
/// moved into place only once LibreOffice has written it whole. LibreOffice is stopped
/// when it runs past `TIME_LIMIT`.
pub fn convert(soffice: &Path, files: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let per_file = std::time::Duration::from_secs(2) * files.len() as u32;
    convert_within(soffice, files, TIME_LIMIT + per_file)
}

/// `convert`, LibreOffice stopped past `limit`.
fn convert_within(
    soffice: &Path,
    files: &[PathBuf],
    limit: std::time::Duration,
) -> Result<Vec<PathBuf>, Error> {
    let fail = |m: String| Error::Io(format!("không tạo được PDF: {m}"));
    let work = std::env::temp_dir().join(format!(
        "congvan-pdf-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    ));
    std::fs::create_dir_all(&work).map_err(|e| fail(e.to_string()))?;
    let result = (|| {
        // A profile of its own, so a LibreOffice the clerk has open does not take the job.
        let profile = url(&work.join("profile"));
        let log = std::fs::File::create(work.join("log")).map_err(|e| fail(e.to_string()))?;
        let mut child = Command::new(soffice)
            .arg(format!("-env:UserInstallation={profile}"))
            .args([
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
            ])
            .arg(work.join("out"))
            .args(files)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(log)
            .spawn()
            .map_err(|e| fail(format!("{}: {e}", soffice.display())))?;
        if super::programs::wait_within(&mut child, limit)
            .map_err(|e| fail(e.to_string()))?
            .is_none()
        {
            return Err(fail(format!(
                "LibreOffice chạy quá {} giây nên đã bị dừng",
                limit.as_secs()
            )));
        }
        let said = std::fs::read_to_string(work.join("log")).unwrap_or_default();
        let mut made = Vec::new();
        for file in files {
            let name = file.with_extension("pdf");
            let name = name
                .file_name()
                .ok_or_else(|| fail(file.display().to_string()))?;
            let produced = work.join("out").join(name);
            if !produced.is_file() {
                return Err(fail(format!(
                    "LibreOffice không chuyển được {} ({})",
                    file.display(),
                    said.trim()
                )));
            }
            let target = free_name(&file.with_extension("pdf"), &made);
            let bytes = std::fs::read(&produced).map_err(|e| fail(e.to_string()))?;
            crate::desk::files::write_atomic(&target, &bytes)?;
            made.push(target);
        }
        Ok(made)
    })();
    let _ = std::fs::remove_dir_all(&work);
    result
}

/// `wanted`, or "tên (2).pdf", "tên (3).pdf" … when a file has that name already or was
/// just `made`.
fn free_name(wanted: &Path, made: &[PathBuf]) -> PathBuf {
    let stem = wanted
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    (1..)
        .map(|n| match n {
            1 => wanted.to_path_buf(),
            n => wanted.with_file_name(format!("{stem} ({n}).pdf")),
        })
        .find(|p| !p.exists() && !made.contains(p))
        .expect("some number is free")
}

/// A file URL for LibreOffice's -env option, on Windows and elsewhere.
fn url(path: &Path) -> String {
    let text = path.display().to_string().replace('\\', "/");
    if text.starts_with('/') {
        format!("file://{text}")
    } else {
        format!("file:///{text}")
    }
}

/// What was written of an output: the paths, and why not all, when not.
pub(super) struct Delivered {
    pub(super) paths: Vec<String>,
    pub(super) failure: Option<Failure>,
}

impl Delivered {
    /// The paths, or the failure, which names the .docx kept when only its PDF failed.
    pub(super) fn into_result(self) -> Result<Vec<String>, Failure> {
        match self.failure {
            Some(f) => Err(f),
            None => Ok(self.paths),
        }
    }
}

/// How the PDF beside a written .docx is made, when one is asked for.
pub(super) enum Pdf {
    /// None is asked for.
    None,
    /// Laid out by the app itself, from the same document as the .docx: these bytes.
    Made(Vec<u8>),
    /// Converted from the .docx by LibreOffice: for a file the app did not lay out (a
    /// received .docx copied as sao y).
    Convert(PathBuf),
}

/// Writes `bytes` to `path`, and its PDF beside it, under the same name unless a file has
/// that name already ("tên (2).pdf"). When the PDF fails, the .docx stays, and the failure
/// says where it is and how to make the PDF.
pub(super) fn deliver(path: &Path, bytes: &[u8], pdf: Pdf) -> Delivered {
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
    let made = match pdf {
        Pdf::None => return delivered,
        Pdf::Made(pdf) => {
            let target = free_name(&path.with_extension("pdf"), &[]);
            crate::desk::files::write_atomic(&target, &pdf).map(|()| vec![target])
        }
        Pdf::Convert(soffice) => convert(&soffice, &[path.to_path_buf()]),
    };
    match made {
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
    delivered
}

#[cfg(test)]
mod found {
    use super::*;

    #[test]
    fn libreoffice_is_looked_for_on_path_then_where_it_installs() {
        let dir = std::env::temp_dir().join(format!("congvan-soffice-{}", std::process::id()));
        let program_files = dir.join("Program Files");
        let found = candidates(
            Some(dir.join("bin").into_os_string()),
            std::slice::from_ref(&program_files),
        );
        assert_eq!(found[0].parent(), Some(dir.join("bin").as_path()));
        if cfg!(windows) {
            let installed = program_files
                .join("LibreOffice")
                .join("program")
                .join("soffice.exe");
            assert!(found.contains(&installed), "{found:?}");
            std::fs::create_dir_all(installed.parent().unwrap()).unwrap();
            std::fs::write(&installed, b"").unwrap();
            let first = found.into_iter().find(|p| p.is_file());
            assert_eq!(first.as_ref(), Some(&installed));
            let _ = std::fs::remove_dir_all(&dir);
        } else {
            assert!(found.contains(&PathBuf::from("/usr/bin/soffice")));
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    /// A folder of this test's own, with a stand-in for LibreOffice running `script`
    /// (which gets the output folder as $7 and the file as $8).
    fn setup(name: &str, script: &str) -> (PathBuf, PathBuf) {
        use std::os::unix::fs::PermissionsExt;
        let dir = crate::desk::files::test_folder(&format!("pdf-test-{name}"));
        let soffice = dir.join("soffice");
        std::fs::write(&soffice, format!("#!/bin/sh\n{script}\n")).unwrap();
        std::fs::set_permissions(&soffice, std::fs::Permissions::from_mode(0o755)).unwrap();
        (dir, soffice)
    }

    #[test]
    fn a_pdf_the_clerk_did_not_choose_is_not_written_over() {
        let (dir, soffice) = setup(
            "free",
            r#"mkdir -p "$7" && printf PDF > "$7/$(basename "$8" .docx).pdf""#,
        );
        let docx = dir.join("cv.docx");
        std::fs::write(&docx, b"x").unwrap();
        std::fs::write(dir.join("cv.pdf"), b"old").unwrap();
        let made = convert(&soffice, std::slice::from_ref(&docx)).unwrap();
        assert_eq!(made, vec![dir.join("cv (2).pdf")]);
        assert_eq!(std::fs::read(dir.join("cv.pdf")).unwrap(), b"old");
        assert_eq!(std::fs::read(&made[0]).unwrap(), b"PDF");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn libreoffice_that_hangs_is_stopped() {
        let (dir, soffice) = setup("hang", "sleep 30");
        let docx = dir.join("cv.docx");
        std::fs::write(&docx, b"x").unwrap();
        let started = std::time::Instant::now();
        let err = convert_within(&soffice, &[docx], std::time::Duration::from_secs(1))
            .unwrap_err()
            .to_string();
        assert!(err.contains("đã bị dừng"), "{err}");
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
