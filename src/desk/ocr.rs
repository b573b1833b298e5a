//! Reading scans and photos: each page's picture through the OCR engine, Tesseract 5 with
//! the Vietnamese *best* model built into the app (`resources/tessdata`), page by page (the
//! program's side by side, `Desk::read_bytes`), each within `PAGE_TIME`, the clerk able to
//! stop between pages. The engine's words go back to the core, which lays them out and reads
//! them like any text.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::desk::failure::Failure;
use crate::desk::files;
pub use crate::read::pdf::scan::{words_from_tsv, PageImage, Word};

/// The Vietnamese model, carried by the app.
const MODEL: &[u8] = include_bytes!("../../resources/tessdata/vie.traineddata");

/// What the clerk is told when she stopped the reading of a scan.
pub const STOPPED: &str = "đã dừng nhận dạng chữ";

/// At most this long for the engine on one page: a page takes 1 to 4 s here.
pub(crate) const PAGE_TIME: Duration = Duration::from_secs(60);

/// What reads the words on a page's picture: the Tesseract program (`Engine`), or an
/// engine the shell has (the window's own, where the machine has no program).
pub trait Recognize {
    /// The words on `page`, found as `layout` says; `Failure` when they cannot be read.
    fn read(&mut self, page: &PageImage, layout: Layout) -> Result<Vec<Word>, Failure>;
}

/// How the engine finds the text on a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// Blocks, columns and lines, as a page is set (Tesseract's page segmentation 3).
    Page,
    /// As much text as can be found, in no order (segmentation 11): a second look for
    /// what the first took for a picture.
    Sparse,
    /// One line of text alone (segmentation 7): a signer's name read again on its own.
    Line,
    /// One block of lines in one size (segmentation 6): a part of a column the first look
    /// read with the column beside it.
    Block,
}

impl Layout {
    /// Tesseract's page segmentation mode for it.
    pub fn psm(self) -> &'static str {
        match self {
            Layout::Page => "3",
            Layout::Sparse => "11",
            Layout::Line => "7",
            Layout::Block => "6",
        }
    }
}

/// How a scan is read: the shell's engine for a machine without the Tesseract program, who
/// is told of the pages, and for how long pages are begun. The default (the tool's) reads
/// with the program alone, tells no one, and begins pages for `TOOL_BUDGET`.
pub struct Reading<'a> {
    /// The shell's engine, used only where `Engine::find` finds no program.
    pub fallback: Option<&'a mut dyn Recognize>,
    /// Told (pages done, pages) before the first page and after each; false stops.
    pub progress: Option<&'a mut dyn FnMut(usize, usize) -> bool>,
    /// The time after which no page is begun but the first and the last (none: every page
    /// is read). The pages are read first, last, then back to front, then the rest.
    pub budget: Option<std::time::Duration>,
}

/// The tool's time for beginning pages: a caller waits some half a minute for a long scan
/// (the pages begun, then the looks at the signature, take up to as long again).
pub const TOOL_BUDGET: std::time::Duration = std::time::Duration::from_secs(8);

impl Default for Reading<'_> {
    fn default() -> Self {
        Reading {
            fallback: None,
            progress: None,
            budget: Some(TOOL_BUDGET),
        }
    }
}

/// The OCR engine: its program and the folder holding the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Engine {
    program: PathBuf,
    tessdata: PathBuf,
}

impl Engine {
    /// The engine on this machine: `CONGVAN_TESSERACT`, else `tesseract` beside the app
    /// or on the PATH (the .deb depends on it); the model written once into the data
    /// folder. None when there is no program, or when `CONGVAN_TESSERACT` is `none`.
    pub fn find() -> Option<Engine> {
        let program = program()?;
        let tessdata = files::data_folder().ok()?.join("tessdata");
        Some(Engine { program, tessdata })
    }

    /// The words the engine reads on `page`. `Failure` when it cannot run, runs past
    /// `PAGE_TIME`, or fails.
    pub(crate) fn read_page(&self, page: &PageImage, layout: Layout) -> Result<Vec<Word>, Failure> {
        self.model()?;
        let fail = |m: String| Failure::failed(format!("không nhận dạng được chữ: {m}"));
        let mut child = Command::new(&self.program)
            .args([
                "stdin",
                "stdout",
                "-l",
                "vie",
                "--oem",
                "1",
                "--psm",
                layout.psm(),
            ])
            .arg("--tessdata-dir")
            .arg(&self.tessdata)
            .args(["-c", "tessedit_create_tsv=1", "-c", "tessedit_create_txt=0"])
            // One thread a page: OpenMP's threads make Tesseract slower on two cores.
            .env("OMP_THREAD_LIMIT", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| fail(format!("không chạy được {} ({e})", self.program.display())))?;
        let mut stdin = child.stdin.take();
        let bytes = page.bytes.clone();
        let writer = std::thread::spawn(move || {
            if let Some(s) = stdin.as_mut() {
                let _ = s.write_all(&bytes);
            }
        });
        let mut stdout = child.stdout.take();
        let reader = std::thread::spawn(move || {
            let mut out = Vec::new();
            if let Some(s) = stdout.as_mut() {
                let _ = s.take(64 * 1024 * 1024).read_to_end(&mut out);
            }
            out
        });
        let Some(status) =
            super::programs::wait_within(&mut child, PAGE_TIME).map_err(|e| fail(e.to_string()))?
        else {
            return Err(fail(format!(
                "một trang chạy quá {} giây nên đã dừng",
                PAGE_TIME.as_secs()
            )));
        };
        let _ = writer.join();
        let out = reader.join().unwrap_or_default();
        if !status.success() {
            return Err(fail("chương trình nhận dạng báo lỗi".into()));
        }
        Ok(words_from_tsv(&String::from_utf8_lossy(&out)))
    }

    /// The model in its folder, written there whole the first time.
    pub(crate) fn model(&self) -> Result<(), Failure> {
        let path = self.tessdata.join("vie.traineddata");
        if std::fs::metadata(&path).is_ok_and(|m| m.len() == MODEL.len() as u64) {
            return Ok(());
        }
        files::make_folder(&self.tessdata)?;
        Ok(files::write_atomic(&path, MODEL)?)
    }
}

impl Recognize for Engine {
    fn read(&mut self, page: &PageImage, layout: Layout) -> Result<Vec<Word>, Failure> {
        self.read_page(page, layout)
    }
}

/// The Tesseract program: `CONGVAN_TESSERACT`, beside the app, on the PATH, or where its
/// Windows installer puts it.
fn program() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CONGVAN_TESSERACT").filter(|p| !p.is_empty()) {
        // "none" is a machine without the program, as on a clerk's Windows PC.
        return (p != "none").then(|| p.into());
    }
    let name = if cfg!(windows) {
        "tesseract.exe"
    } else {
        "tesseract"
    };
    let beside = std::env::current_exe()
        .ok()
        .and_then(|e| e.parent().map(|d| d.join("tesseract").join(name)));
    let on_path = std::env::var_os("PATH")
        .map(|p| {
            std::env::split_paths(&p)
                .map(|d| d.join(name))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    let installed =
        std::env::var_os("ProgramFiles").map(|p| Path::new(&p).join("Tesseract-OCR").join(name));
    beside
        .into_iter()
        .chain(on_path)
        .chain(installed)
        .find(|p| p.is_file())
}
