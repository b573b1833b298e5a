//! A year's records written for the archive (`issue::archive` makes them): into a new
//! folder beside the one asked for, with a PDF of each letter and of the mục lục (and of
//! each copy of a received file when LibreOffice is there), then renamed whole, so a
//! folder of that name is either complete or absent.

use std::path::Path;

use serde::Serialize;

use super::failure::Failure;
use super::office::Desk;
use super::pdf;
use crate::issue::archive::{self, Line};
use crate::issue::register::Filter;

/// What an archive holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Archived {
    /// The folder written.
    pub folder: String,
    /// Letters of the office, as .docx.
    pub letters: usize,
    /// Of which copies (sao y, sao lục), each with the file it copies.
    pub copies: usize,
    /// Numbers cancelled, listed in the mục lục without a letter.
    pub cancelled: usize,
    /// PDFs made beside the letters.
    pub pdfs: usize,
    /// Why the copies of received files have no PDF: LibreOffice missing or failing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pdf_failure: Option<String>,
}

impl Desk {
    /// Writes the records of `year` into the new folder `folder`: every letter issued and
    /// not cancelled as .docx (and PDF), each copy with the file it copies, the register
    /// as .xlsx and the mục lục văn bản.
    pub fn archive(&self, year: i32, folder: &Path) -> Result<Archived, Failure> {
        if folder.exists() {
            return Err(Failure::refused(
                "folder",
                format!("{} đã có: hãy chọn một tên thư mục mới", folder.display()),
            ));
        }
        let filter = Filter {
            year: Some(year),
            ..Filter::default()
        };
        let entries = self.entries(&filter)?;
        if entries.is_empty() {
            return Err(Failure::refused(
                "year",
                format!("sổ văn bản đi năm {year} chưa có văn bản nào"),
            ));
        }
        let mut lines = Vec::new();
        for entry in entries {
            let source = self.copied_source(entry.id)?;
            lines.push(Line { entry, source });
        }
        let office = self.profile()?.name;
        let fonts = self.pdf_fonts()?;
        let files = archive::files(&lines, year, &office, &fonts)?;
        let name = folder
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| Failure::refused("folder", "chưa có tên thư mục"))?;
        let tmp = folder.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
        let _ = std::fs::remove_dir_all(&tmp);
        let failed =
            |e: std::io::Error| Failure::failed(format!("không ghi được {}: {e}", tmp.display()));
        let result = (|| {
            std::fs::create_dir_all(&tmp).map_err(failed)?;
            let mut printable = Vec::new();
            let mut pdfs = 0;
            for file in &files {
                let path = tmp.join(&file.name);
                std::fs::write(&path, &file.bytes).map_err(failed)?;
                if let Some(pdf) = &file.pdf {
                    std::fs::write(path.with_extension("pdf"), pdf).map_err(failed)?;
                    pdfs += 1;
                }
                if file.printable {
                    printable.push(path);
                }
            }
            let mut archived = Archived {
                folder: folder.display().to_string(),
                letters: lines.iter().filter(|l| l.entry.cancelled.is_none()).count(),
                copies: lines
                    .iter()
                    .filter(|l| l.entry.cancelled.is_none() && l.source.is_some())
                    .count(),
                cancelled: lines.iter().filter(|l| l.entry.cancelled.is_some()).count(),
                pdfs,
                pdf_failure: None,
            };
            // The copies of received files are printed by LibreOffice, when it is there.
            if !printable.is_empty() {
                match self.soffice(true) {
                    Ok(Some(soffice)) => match pdf::convert(&soffice, &printable) {
                        Ok(made) => archived.pdfs += made.len(),
                        Err(e) => archived.pdf_failure = Some(e.to_string()),
                    },
                    _ => archived.pdf_failure = Some(pdf::MISSING_FOR_COPIES.into()),
                }
            }
            std::fs::rename(&tmp, folder).map_err(|e| {
                Failure::failed(format!("không ghi được {}: {e}", folder.display()))
            })?;
            Ok(archived)
        })();
        if result.is_err() {
            let _ = std::fs::remove_dir_all(&tmp);
        }
        result
    }
}
