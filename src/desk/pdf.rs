//! PDF through LibreOffice, when it is installed: found on PATH or in its usual folders on
//! Windows and Linux, and given many .docx files in one call (a LibreOffice start costs
//! seconds, a page costs little). Besides the store, the one module of the core that
//! touches files and starts a process; the command-line tool and the shell call it.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::Error;

/// What the clerk is told when LibreOffice is not installed.
pub const MISSING: &str = "không tìm thấy LibreOffice để tạo PDF: hãy cài LibreOffice, hoặc in bản xem trước (Ctrl+P) và chọn \"In ra PDF\"";

/// The LibreOffice program (`soffice`), if it is installed.
pub fn find_soffice() -> Option<PathBuf> {
    let names: &[&str] = if cfg!(windows) {
        &["soffice.exe", "soffice.com"]
    } else {
        &["soffice", "libreoffice"]
    };
    let on_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)));
    let usual: Vec<PathBuf> = if cfg!(windows) {
        ["ProgramFiles", "ProgramFiles(x86)", "ProgramW6432"]
            .iter()
            .filter_map(std::env::var_os)
            .map(|d| PathBuf::from(d).join("LibreOffice/program/soffice.exe"))
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
    on_path.chain(usual).find(|p| p.is_file())
}

/// Converts `files` (.docx) to PDF in one LibreOffice call and puts each PDF beside its
/// file under the same name; gives the PDFs' paths. Each PDF is moved into place only
/// once LibreOffice has written it whole.
pub fn convert(soffice: &Path, files: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let fail = |m: String| Error::Import(format!("không tạo được PDF: {m}"));
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
        let output = Command::new(soffice)
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
            .output()
            .map_err(|e| fail(format!("{}: {e}", soffice.display())))?;
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
                    String::from_utf8_lossy(&output.stderr).trim()
                )));
            }
            let target = file.with_extension("pdf");
            let bytes = std::fs::read(&produced).map_err(|e| fail(e.to_string()))?;
            crate::desk::files::write_atomic(&target, &bytes)?;
            made.push(target);
        }
        Ok(made)
    })();
    let _ = std::fs::remove_dir_all(&work);
    result
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
