//! A .docx package as read: its entries by name, in order, within one set of limits for
//! every reader of a .docx in the app (the importer, the checker, the sao y). A limit is
//! kept on what an entry really inflates to, never on what the zip directory claims.

use std::io::{Cursor, Read};

use crate::error::Error;

/// At most this many entries; a Word document has a few dozen.
pub const MAX_ENTRIES: usize = 4096;
/// At most this many bytes inflated, for one entry.
pub const MAX_ENTRY_BYTES: u64 = 64 * 1024 * 1024;
/// At most this many bytes inflated, for all entries together.
pub const MAX_TOTAL_BYTES: u64 = 256 * 1024 * 1024;

/// One entry of the package: its name and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its name in the zip ("word/document.xml").
    pub name: String,
    /// Its bytes, inflated.
    pub data: Vec<u8>,
}

/// The entries of a .docx (or any zip package), read whole.
#[derive(Debug, Clone, Default)]
pub struct Package {
    entries: Vec<Entry>,
}

impl Package {
    /// Reads every entry of the zip `bytes`; refuses a file that is not a zip, and one
    /// past a limit, naming the limit.
    pub fn read(bytes: &[u8]) -> Result<Package, Error> {
        let bad = |what: String| Error::Import(format!("tệp .docx không đọc được: {what}"));
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| bad(e.to_string()))?;
        if zip.len() > MAX_ENTRIES {
            return Err(bad(format!(
                "có {} phần, quá giới hạn {MAX_ENTRIES} phần",
                zip.len()
            )));
        }
        let mut entries = Vec::with_capacity(zip.len());
        let mut total: u64 = 0;
        for i in 0..zip.len() {
            let file = zip.by_index(i).map_err(|e| bad(e.to_string()))?;
            let name = file.name().to_string();
            // Grown as it is read: the directory's size is not trusted for the allocation.
            let mut data = Vec::new();
            file.take(MAX_ENTRY_BYTES + 1)
                .read_to_end(&mut data)
                .map_err(|e| bad(format!("{name}: {e}")))?;
            if data.len() as u64 > MAX_ENTRY_BYTES {
                return Err(bad(format!(
                    "{name} lớn quá {} MB",
                    MAX_ENTRY_BYTES / 1_048_576
                )));
            }
            total += data.len() as u64;
            if total > MAX_TOTAL_BYTES {
                return Err(bad(format!(
                    "các phần cộng lại lớn quá {} MB",
                    MAX_TOTAL_BYTES / 1_048_576
                )));
            }
            entries.push(Entry { name, data });
        }
        Ok(Package { entries })
    }

    /// The entries, in the order of the zip.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entries, taken.
    pub fn into_entries(self) -> Vec<Entry> {
        self.entries
    }

    /// The bytes of the entry `name`, if there is one.
    pub fn part(&self, name: &str) -> Option<&[u8]> {
        self.entries
            .iter()
            .find(|e| e.name == name)
            .map(|e| e.data.as_slice())
    }

    /// The entry `name` as UTF-8 text, if there is one; an entry that is not UTF-8 is
    /// refused by name.
    pub fn text(&self, name: &str) -> Result<Option<String>, Error> {
        self.part(name)
            .map(|data| {
                String::from_utf8(data.to_vec()).map_err(|_| {
                    Error::Import(format!(
                        "tệp .docx không đọc được: {name} không phải văn bản UTF-8"
                    ))
                })
            })
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut w = zip::ZipWriter::new(&mut out);
        for (name, data) in entries {
            w.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut w, data).unwrap();
        }
        w.finish().unwrap();
        out.into_inner()
    }

    #[test]
    fn entries_are_read_by_name_in_order() {
        let p = Package::read(&zip_of(&[("a.xml", b"<a/>"), ("b.bin", &[0xff])])).unwrap();
        let names: Vec<&str> = p.entries().iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["a.xml", "b.bin"]);
        assert_eq!(p.text("a.xml").unwrap().as_deref(), Some("<a/>"));
        assert_eq!(p.text("c.xml").unwrap(), None);
        assert!(p.text("b.bin").unwrap_err().to_string().contains("b.bin"));
    }

    #[test]
    fn what_is_not_a_zip_is_refused() {
        let err = Package::read(b"not a zip").unwrap_err().to_string();
        assert!(err.starts_with("tệp .docx không đọc được"), "{err}");
    }
}
