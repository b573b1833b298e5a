//! A .docx package as received: the one zip reader of the app (the importer, the checker
//! and the sao y read through it), with one set of limits. Nothing the zip's directory says
//! is trusted: the number of entries is counted in the directory itself (a name given
//! twice is refused, since two readers may take different ones), each name is checked not
//! to climb out of the package, and an entry is inflated only when asked for, into a
//! buffer grown as it reads, up to a limit, and refused when it is not the size the
//! directory claims. The main part is the one the package's relationships name, so that
//! what is read is what Word shows.

use std::io::{Cursor, Read};

use quick_xml::events::Event;

use crate::error::Error;

/// At most this many entries; a Word document has a few dozen.
pub(crate) const MAX_ENTRIES: usize = 4096;
/// At most this many bytes inflated, for one entry.
pub(crate) const MAX_ENTRY_BYTES: u64 = 64 * 1024 * 1024;
/// At most this many bytes inflated, for all the entries read from one package.
pub(crate) const MAX_TOTAL_BYTES: u64 = 256 * 1024 * 1024;

/// The relationship type of the main document part, in the package's relationships.
const OFFICE_DOCUMENT: &str = "officeDocument";

/// A .docx (or any zip package), open for reading its entries one by one.
pub struct Package<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    names: Vec<String>,
    /// What was inflated so far, against `MAX_TOTAL_BYTES`.
    inflated: u64,
}

/// A relationship of a part: its id, its type (the last word of the type's URI:
/// "image", "hyperlink", "attachedTemplate"), its target, and whether it points outside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relationship {
    /// "rId4".
    pub id: String,
    /// The last segment of the type URI.
    pub kind: String,
    /// The target as written.
    pub target: String,
    /// `TargetMode="External"`: a URL or a path outside the package.
    pub external: bool,
}

impl<'a> Package<'a> {
    /// Opens the zip `bytes`; refuses a file that is not a zip, one with too many entries,
    /// a name given twice, or a name that climbs out of the package.
    pub fn open(bytes: &'a [u8]) -> Result<Package<'a>, Error> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| bad(e.to_string()))?;
        let listed = directory_count(bytes).unwrap_or(zip.len() as u64);
        if zip.len() > MAX_ENTRIES || listed > MAX_ENTRIES as u64 {
            return Err(bad(format!(
                "có {} phần, quá giới hạn {MAX_ENTRIES} phần",
                listed.max(zip.len() as u64)
            )));
        }
        if listed != zip.len() as u64 {
            return Err(bad(
                "có hai phần trùng tên (tệp bị sửa bất thường, Word và ứng dụng có thể đọc hai nội dung khác nhau)"
                    .into(),
            ));
        }
        let names: Vec<String> = (0..zip.len())
            .map(|i| zip.name_for_index(i).unwrap_or_default().to_string())
            .collect();
        if let Some(name) = names.iter().find(|n| !safe_name(n)) {
            return Err(bad(format!("có phần mang tên không hợp lệ \"{name}\"")));
        }
        Ok(Package {
            zip,
            names,
            inflated: 0,
        })
    }

    /// The names of the entries, in the order of the zip.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Whether there is an entry `name`.
    pub fn has(&self, name: &str) -> bool {
        self.names.iter().any(|n| n == name)
    }

    /// The bytes of the entry `name`, inflated, if there is one; refused past a limit or
    /// when not the size the directory claims.
    pub fn part(&mut self, name: &str) -> Result<Option<Vec<u8>>, Error> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let mut data = Vec::new();
        self.inflate(index, &mut data)?;
        Ok(Some(data))
    }

    /// The entry `name` as UTF-8 text, if there is one; an entry that is not UTF-8 is
    /// refused by name.
    pub fn text(&mut self, name: &str) -> Result<Option<String>, Error> {
        self.part(name)?
            .map(|data| {
                String::from_utf8(data).map_err(|_| bad(format!("{name} không phải văn bản UTF-8")))
            })
            .transpose()
    }

    /// Inflates every entry without keeping it, so that an entry copied as it came is
    /// known to be whole, within the limits, and the size the directory claims.
    pub(crate) fn verify(&mut self) -> Result<(), Error> {
        for index in 0..self.names.len() {
            self.inflate(index, &mut std::io::sink())?;
        }
        Ok(())
    }

    /// The main document part: the target of the package's "officeDocument"
    /// relationship, or `word/document.xml` in a package without relationships.
    pub(crate) fn main_part(&mut self) -> Result<String, Error> {
        let named = self
            .relationships("")?
            .into_iter()
            .find(|r| r.kind == OFFICE_DOCUMENT && !r.external)
            .map(|r| resolve("", &r.target));
        let main = named.unwrap_or_else(|| "word/document.xml".into());
        match self.has(&main) {
            true => Ok(main),
            false => Err(bad(format!("thiếu {main} (không phải tệp Word)"))),
        }
    }

    /// The relationships of `part` ("" for the package's own), from its `.rels` entry;
    /// none when it has no such entry.
    pub fn relationships(&mut self, part: &str) -> Result<Vec<Relationship>, Error> {
        let name = rels_of(part);
        let Some(xml) = self.text(&name)? else {
            return Ok(Vec::new());
        };
        read_relationships(&xml).map_err(|e| bad(format!("{name}: {e}")))
    }

    /// The part that `part`'s relationship of `kind` ("footnotes", "styles") points to,
    /// when there is one in the package. A part without relationships at all (a package
    /// made by hand) is taken to keep them where Word does: "word/footnotes.xml".
    pub(crate) fn related(&mut self, part: &str, kind: &str) -> Result<Option<String>, Error> {
        let target = match self.has(&rels_of(part)) {
            true => self
                .relationships(part)?
                .into_iter()
                .find(|r| r.kind == kind && !r.external)
                .map(|r| resolve(part, &r.target)),
            false => Some(resolve(part, &format!("{kind}.xml"))),
        };
        Ok(target.filter(|t| self.has(t)))
    }

    /// The zip, for copying its entries as they came.
    pub fn zip(&mut self) -> &mut zip::ZipArchive<Cursor<&'a [u8]>> {
        &mut self.zip
    }

    /// Inflates entry `index` into `out`, within the limits, checking its size.
    fn inflate(&mut self, index: usize, out: &mut impl std::io::Write) -> Result<(), Error> {
        let name = self.names[index].clone();
        let file = self
            .zip
            .by_index(index)
            .map_err(|e| bad(format!("{name}: {e}")))?;
        let claimed = file.size();
        let limit = MAX_ENTRY_BYTES.min(MAX_TOTAL_BYTES - self.inflated);
        let read = std::io::copy(&mut file.take(limit + 1), out)
            .map_err(|e| bad(format!("{name}: {e}")))?;
        if read > limit {
            return Err(match read > MAX_ENTRY_BYTES {
                true => bad(format!("{name} lớn quá {} MB", MAX_ENTRY_BYTES >> 20)),
                false => bad(format!(
                    "các phần cộng lại lớn quá {} MB",
                    MAX_TOTAL_BYTES >> 20
                )),
            });
        }
        if read != claimed {
            return Err(bad(format!(
                "{name} khai {claimed} byte nhưng có {read} byte (tệp bị hỏng hoặc bị sửa)"
            )));
        }
        self.inflated += read;
        Ok(())
    }
}

/// "tệp .docx không đọc được: …".
fn bad(what: String) -> Error {
    Error::Import(format!("tệp .docx không đọc được: {what}"))
}

/// A name that stays inside the package: relative, forward slashes, no "..", no drive,
/// no control characters.
fn safe_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('/')
        && !name.contains('\\')
        && !name.contains(':')
        && !name.chars().any(char::is_control)
        && name.split('/').all(|s| s != ".." && s != ".")
}

/// The relationships part of `part`: "word/document.xml" → "word/_rels/document.xml.rels",
/// "" → "_rels/.rels".
pub(crate) fn rels_of(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, name)) => format!("{dir}/_rels/{name}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// The entry a relationship of `part` points to: relative to `part`'s folder, or from the
/// package's root when it starts with "/"; ".." climbs a folder.
pub(crate) fn resolve(part: &str, target: &str) -> String {
    let mut path: Vec<&str> = match target.strip_prefix('/') {
        Some(_) => Vec::new(),
        None => part
            .rsplit_once('/')
            .map_or(Vec::new(), |(d, _)| d.split('/').collect()),
    };
    for segment in target.trim_start_matches('/').split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                path.pop();
            }
            s => path.push(s),
        }
    }
    path.join("/")
}

/// The relationships in a `.rels` part.
fn read_relationships(xml: &str) -> Result<Vec<Relationship>, String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event().map_err(|e| format!("XML hỏng ({e})"))? {
            Event::Eof => return Ok(out),
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"Relationship" => {
                let get = |key: &[u8]| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == key)
                        .and_then(|a| {
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .ok()
                                .map(|v| v.into_owned())
                        })
                        .unwrap_or_default()
                };
                let kind = get(b"Type");
                out.push(Relationship {
                    id: get(b"Id"),
                    kind: kind.rsplit('/').next().unwrap_or_default().to_string(),
                    target: get(b"Target"),
                    external: get(b"TargetMode").eq_ignore_ascii_case("external"),
                });
            }
            _ => {}
        }
    }
}

/// How many entries the zip's central directory really holds, counted by walking its
/// records (the zip reader keeps one entry per name, so a name given twice hides one).
fn directory_count(bytes: &[u8]) -> Option<u64> {
    let le16 = |at: usize| Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?));
    let le32 = |at: usize| Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?));
    let le64 = |at: usize| Some(u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?));
    // The end record is in the last 64 KiB and 22 bytes (its comment is at most 64 KiB).
    let from = bytes.len().saturating_sub(22 + 65_535);
    let end = (from..bytes.len().saturating_sub(21))
        .rev()
        .find(|&i| bytes[i..].starts_with(b"PK\x05\x06"))?;
    let (mut start, mut size) = (le32(end + 16)? as u64, le32(end + 12)? as u64);
    if start == u32::MAX as u64 || size == u32::MAX as u64 {
        // Zip64: the locator just before the end record gives the zip64 end record.
        let locator = end.checked_sub(20)?;
        if !bytes[locator..].starts_with(b"PK\x06\x07") {
            return None;
        }
        let record = usize::try_from(le64(locator + 8)?).ok()?;
        if !bytes.get(record..)?.starts_with(b"PK\x06\x06") {
            return None;
        }
        (size, start) = (le64(record + 40)?, le64(record + 48)?);
    }
    // Data put before the zip (a self-extractor) shifts every offset alike.
    let shift = (end as u64).checked_sub(start.checked_add(size)?)?;
    start += shift;
    let (mut at, stop) = (
        usize::try_from(start).ok()?,
        usize::try_from(start + size).ok()?,
    );
    let mut count = 0u64;
    while at + 46 <= stop && bytes.get(at..)?.starts_with(b"PK\x01\x02") {
        let lengths = le16(at + 28)? as usize + le16(at + 30)? as usize + le16(at + 32)? as usize;
        at += 46 + lengths;
        count += 1;
        if count > MAX_ENTRIES as u64 * 16 {
            break;
        }
    }
    Some(count)
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

    fn refused(bytes: &[u8], expected: &str) {
        let err = match Package::open(bytes) {
            Ok(mut p) => p.verify().unwrap_err(),
            Err(e) => e,
        }
        .to_string();
        assert!(err.starts_with("tệp .docx không đọc được"), "{err}");
        assert!(err.contains(expected), "{err} lacks {expected:?}");
    }

    #[test]
    fn entries_are_read_by_name() {
        let bytes = zip_of(&[("a.xml", b"<a/>"), ("b.bin", &[0xff])]);
        let mut p = Package::open(&bytes).unwrap();
        assert_eq!(p.names(), ["a.xml", "b.bin"]);
        assert_eq!(p.text("a.xml").unwrap().as_deref(), Some("<a/>"));
        assert_eq!(p.text("c.xml").unwrap(), None);
        assert!(p.text("b.bin").unwrap_err().to_string().contains("b.bin"));
        p.verify().unwrap();
    }

    #[test]
    fn what_is_not_a_zip_or_climbs_out_is_refused() {
        refused(b"not a zip", "");
        refused(&zip_of(&[("../x", b"")]), "\"../x\"");
        refused(&zip_of(&[("a/../../x", b"")]), "không hợp lệ");
        refused(&zip_of(&[("/etc/x", b"")]), "không hợp lệ");
        refused(&zip_of(&[("a\\b", b"")]), "không hợp lệ");
        refused(&zip_of(&[("C:/x", b"")]), "không hợp lệ");
    }

    #[test]
    fn a_name_given_twice_is_refused() {
        let mut bytes = zip_of(&[("ab", b"1"), ("ac", b"2")]);
        // "ac" renamed "ab" in its local and central headers.
        let at: Vec<usize> = (0..bytes.len() - 1)
            .filter(|&i| &bytes[i..i + 2] == b"ac")
            .collect();
        for i in at {
            bytes[i + 1] = b'b';
        }
        refused(&bytes, "trùng tên");
        assert_eq!(directory_count(&zip_of(&[("a", b""), ("b", b"")])), Some(2));
    }

    #[test]
    fn an_entry_not_the_size_it_claims_is_refused() {
        let mut bytes = zip_of(&[("a.xml", b"<a/>")]);
        let central = (0..bytes.len())
            .find(|&i| bytes[i..].starts_with(b"PK\x01\x02"))
            .unwrap();
        bytes[central + 24..central + 28].copy_from_slice(&1000u32.to_le_bytes());
        let local = 0;
        bytes[local + 22..local + 26].copy_from_slice(&1000u32.to_le_bytes());
        refused(&bytes, "a.xml");
    }

    #[test]
    fn the_main_part_is_the_one_the_relationships_name() {
        let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/main.xml"/></Relationships>"#;
        let bytes = zip_of(&[
            ("_rels/.rels", rels.as_bytes()),
            ("word/main.xml", b"<real/>"),
            ("word/document.xml", b"<decoy/>"),
        ]);
        let mut p = Package::open(&bytes).unwrap();
        assert_eq!(p.main_part().unwrap(), "word/main.xml");
        let bytes = zip_of(&[("word/document.xml", b"<d/>")]);
        assert_eq!(
            Package::open(&bytes).unwrap().main_part().unwrap(),
            "word/document.xml"
        );
        let err = Package::open(&zip_of(&[("x.xml", b"")]))
            .unwrap()
            .main_part()
            .unwrap_err();
        assert!(err.to_string().contains("thiếu word/document.xml"), "{err}");
    }

    #[test]
    fn targets_resolve_from_the_part() {
        assert_eq!(
            resolve("word/document.xml", "footnotes.xml"),
            "word/footnotes.xml"
        );
        assert_eq!(
            resolve("word/document.xml", "../customXml/a.xml"),
            "customXml/a.xml"
        );
        assert_eq!(
            resolve("word/document.xml", "/word/media/a.png"),
            "word/media/a.png"
        );
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(rels_of(""), "_rels/.rels");
        assert_eq!(rels_of("word/document.xml"), "word/_rels/document.xml.rels");
    }
}
