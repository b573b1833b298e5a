//! Copies of a document the office received as .docx: sao y and sao lục (ND30 Điều 25–27;
//! nd30-spec.md §7). The copy's own parts (its form "SAO Y", the copying body, its number
//! from the copies' series, place and date, signer, seal and Nơi nhận) are laid out as a
//! `Document` from a letter of kind "Bản sao y", and written on the same sheet right after
//! the end of the copied document, under a full-width solid rule. Everything else in the
//! received file is kept as it came.

use std::io::Cursor;

use chrono::{Datelike, NaiveDate};
use quick_xml::events::Event;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::layout;
use crate::model::{DocKind, Letter, LetterDate, Profile, Signature};
use crate::read::package::rels_of;
use crate::read::parse::Directive;
use crate::render;
use crate::render::document::Document;
use crate::render::images::Images;

/// What the clerk chooses for a copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Order {
    /// "Bản sao y" (from the original or the bản chính) or "Bản sao lục" (from a sao y).
    pub kind: DocKind,
    /// Who signs the copy.
    pub signer: Signature,
    /// Nơi nhận of the copy, the last line "Lưu: VT".
    pub distribution: Vec<String>,
}

/// The copy as a document of this office, ready to take its number: of kind "Bản sao y",
/// with the ký hiệu "SY-LĐLĐ", the copied document's full citation as its trích yếu, and
/// the month of `today` as its date until it is signed.
pub fn copy_letter(
    copied: &Directive,
    profile: &Profile,
    order: &Order,
    today: NaiveDate,
) -> Letter {
    Letter {
        doc_type: order.kind.clone(),
        parent_body: profile.parent_body.clone(),
        issuer: profile.name.clone(),
        number: None,
        symbol: profile.symbol_for(&order.kind).unwrap_or_default(),
        place: profile.place.clone(),
        date: LetterDate {
            year: today.year(),
            month: today.month(),
            day: None,
        },
        subject: crate::wording::citation(&copied.as_citation()),
        recipients: Vec::new(),
        body: String::new(),
        distribution: order.distribution.clone(),
        signature: order.signer.clone(),
        answers: None,
    }
}

/// The copy of the received file `name` to number: the file checked to be a .docx that
/// can be copied, read for the citation of what it is, and the copy refused when it breaks
/// a rule. Run before a number is taken, so that a file that cannot be copied spends none.
pub fn prepare(
    name: &str,
    received: &[u8],
    profile: &Profile,
    order: &Order,
    today: NaiveDate,
) -> Result<Letter, Error> {
    check_received(received)?;
    let copied = crate::read::parse::read(name, received)?;
    let copy = copy_letter(&copied, profile, order, today);
    match refusal(&copy) {
        Some(why) => Err(Error::Import(format!("không sao được: {why}"))),
        None => Ok(copy),
    }
}

/// The Nơi nhận a copy sent with `letter` starts from: wherever the letter goes, then the
/// file copy "Lưu: VT".
pub fn distribution_for(letter: &Letter) -> Vec<String> {
    let mut to = letter.addressees();
    to.push("Lưu: VT".into());
    to
}

/// Why a copy cannot be issued or written; `None` when it can.
pub fn refusal(copy: &Letter) -> Option<String> {
    match copy.doc_type.copy_form() {
        None => Some(format!("{} không phải là bản sao", copy.doc_type)),
        Some("TRÍCH SAO") => Some(
            "bản trích sao phải soạn lại phần được trích với đủ thể thức; ứng dụng chỉ làm bản sao y và sao lục"
                .into(),
        ),
        Some(_) if copy.subject.trim().is_empty() => Some("chưa rõ văn bản được sao".into()),
        Some(_) if copy.signature.title.trim().is_empty() => {
            Some("chưa có chức vụ của người ký bản sao".into())
        }
        Some(_) if copy.signature.nameless().is_some() => copy.signature.nameless(),
        Some(_) if copy.distribution.iter().all(|d| d.trim().is_empty()) => {
            Some("bản sao chưa có nơi nhận".into())
        }
        Some(_) => None,
    }
}

/// Checks that a received file can be copied: a .docx whose text can be found and
/// written after. Run before a number is taken, so that a file that cannot be copied
/// spends none.
pub fn check_received(received: &[u8]) -> Result<(), Error> {
    let mut package = Package::read(received)?;
    let main = package.main_part()?;
    find_spot(&package.text(&main)?).map(|_| ())
}

/// The received .docx with the issued copy's parts (and `images`, when given) written
/// after the end of its text. Refuses a file that is not a .docx and a copy without its
/// number.
pub fn certify(received: &[u8], copy: &Letter, images: &Images) -> Result<Vec<u8>, Error> {
    if let Some(why) = refusal(copy) {
        return Err(Error::Import(format!("không sao được: {why}")));
    }
    if copy.number.is_none() || copy.date.day.is_none() {
        return Err(Error::Import(
            "không sao được: bản sao chưa được cấp số và ngày".into(),
        ));
    }
    let doc = Document::from_letter(copy).with_images(images);
    let mut package = Package::read(received)?;
    let main = package.main_part()?;
    let xml = package.text(&main)?;
    let spot = find_spot(&xml)?;
    let first_id = max_drawing_id(&xml)
        .checked_add(1)
        .filter(|id| id.checked_add(16).is_some())
        .ok_or_else(|| unreadable(&main))?;
    let (mut block, mut pictures) = render::copy_block(&doc, spot.text_width, first_id)?;

    // The pictures get names that the received file does not use yet (it may itself be a
    // copy this app made, which a sao lục copies again).
    let rels_name = rels_of(&main);
    let mut rels = match package.has(&rels_name) {
        true => package.text(&rels_name)?,
        false => EMPTY_RELS.to_string(),
    };
    let dir = main.rsplit_once('/').map_or("", |(d, _)| d);
    for picture in &mut pictures {
        let (id, part) = (picture.id.clone(), picture.part.clone());
        let mut n = 1;
        while rels.contains(&format!("Id=\"{}\"", picture.id)) || package.has(&picture.part) {
            n += 1;
            picture.id = format!("{id}-{n}");
            picture.part = part.replace(".png", &format!("-{n}.png"));
        }
        if picture.id != id {
            block = block.replace(
                &format!("r:embed=\"{id}\""),
                &format!("r:embed=\"{}\"", picture.id),
            );
        }
        let target = match picture.part.strip_prefix(&format!("{dir}/")) {
            Some(rest) if !dir.is_empty() => rest.to_string(),
            _ => format!("/{}", picture.part),
        };
        let line = format!(
            r#"<Relationship Id="{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="{target}"/>"#,
            picture.id
        );
        let end = rels
            .rfind("</Relationships>")
            .ok_or_else(|| unreadable(&rels_name))?;
        rels.insert_str(end, &line);
    }

    let xml = format!("{}{block}{}", &xml[..spot.at], &xml[spot.at..]);
    package.replace(&main, xml.into_bytes());
    if !pictures.is_empty() {
        package.replace(&rels_name, rels.into_bytes());
        let types = package.text(CONTENT_TYPES)?;
        if !types.to_ascii_lowercase().contains("extension=\"png\"") {
            let end = types
                .rfind("</Types>")
                .ok_or_else(|| unreadable(CONTENT_TYPES))?;
            let mut types = types;
            types.insert_str(end, r#"<Default Extension="png" ContentType="image/png"/>"#);
            package.replace(CONTENT_TYPES, types.into_bytes());
        }
        for picture in pictures {
            package.replace(&picture.part, picture.bytes);
        }
    }
    package.write()
}

/// Where the copy goes in the main part, and the text width of the last section.
struct Spot {
    /// Byte offset: before the body's final section properties, or before `</w:body>`.
    at: usize,
    /// The last section's page width less its left and right margins, in twips.
    text_width: u32,
}

const W_NS: &[u8] = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const CONTENT_TYPES: &str = "[Content_Types].xml";
const EMPTY_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>"#
);

fn unreadable(part: &str) -> Error {
    Error::Import(format!(
        "tệp .docx nhận được có phần {part} không đọc được: hãy mở bằng Word, lưu lại rồi thử lại"
    ))
}

/// Finds the end of the body's content in the main part. The copy's XML uses the prefix
/// "w", so a part that binds "w" to anything else is refused rather than misread.
fn find_spot(xml: &str) -> Result<Spot, Error> {
    let bad = || unreadable("word/document.xml");
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut depth = 0usize;
    let mut body_depth = None;
    let mut sect_at = None;
    let mut in_final_sect = false;
    let (mut page, mut left, mut right) = (None, 0u32, 0u32);
    let twips = |e: &quick_xml::events::BytesStart, key: &[u8]| -> Option<u32> {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == key)
            .and_then(|a| {
                std::str::from_utf8(&a.value)
                    .ok()?
                    .trim()
                    .parse::<f64>()
                    .ok()
            })
            .map(|v| v.max(0.0) as u32)
    };
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|_| bad())?;
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            if depth == 0 {
                let bound = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.as_ref() == b"xmlns:w")
                    .map(|a| a.value.into_owned());
                if bound.as_deref() != Some(W_NS) {
                    return Err(Error::Import(
                        "tệp .docx nhận được ghi XML theo cách lạ (không dùng tiền tố w:): hãy mở bằng Word, lưu lại rồi thử lại".into(),
                    ));
                }
            }
            let name = e.name();
            if name.as_ref() == b"w:body" && !empty {
                body_depth = Some(depth);
            } else if body_depth.is_some_and(|b| depth == b + 1) && name.as_ref() == b"w:sectPr" {
                sect_at = Some(before);
                in_final_sect = true;
                (page, left, right) = (None, 0, 0);
            } else if in_final_sect && name.as_ref() == b"w:pgSz" {
                page = twips(&e, b"w:w");
            } else if in_final_sect && name.as_ref() == b"w:pgMar" {
                left = twips(&e, b"w:left").unwrap_or(0);
                right = twips(&e, b"w:right").unwrap_or(0);
            }
            if !empty {
                depth += 1;
            }
            continue;
        }
        match event {
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                if e.name().as_ref() == b"w:sectPr" && body_depth.is_some_and(|b| depth == b + 1) {
                    in_final_sect = false;
                }
                if e.name().as_ref() == b"w:body" {
                    let text_width = page
                        .map(|p| p.saturating_sub(left.saturating_add(right)))
                        .filter(|w| *w > 2000)
                        .unwrap_or(layout::TEXT_WIDTH);
                    return Ok(Spot {
                        at: sect_at.unwrap_or(before),
                        text_width,
                    });
                }
            }
            Event::Eof => return Err(bad()),
            _ => {}
        }
    }
}

/// The largest drawing id in the part, so the copy's pictures take new ones.
fn max_drawing_id(xml: &str) -> u32 {
    static ID: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re =
        ID.get_or_init(|| regex::Regex::new(r#"docPr\b[^>]*?\sid="([0-9]+)""#).expect("valid"));
    re.captures_iter(xml)
        .filter_map(|c| c[1].parse::<u32>().ok())
        .max()
        .unwrap_or(0)
}

/// A received .docx open for copying: read through the app's one package reader, checked
/// whole and safe, with the entries the copy changes or adds; the others are written back
/// as they came, without being inflated again.
struct Package<'a> {
    package: crate::read::package::Package<'a>,
    changed: Vec<(String, Vec<u8>)>,
}

impl<'a> Package<'a> {
    /// Opens a received file for copying: a .docx, whole (every entry inflates to the size
    /// it claims, within the limits), and safe to certify (`refuse_unsafe`).
    fn read(bytes: &'a [u8]) -> Result<Package<'a>, Error> {
        let not_docx = || {
            Error::Import(
                "chỉ sao y được văn bản nhận dưới dạng .docx; tệp này không phải .docx (văn bản .doc hãy mở bằng Word và lưu thành .docx; bản PDF hay bản giấy thì in ra rồi đóng dấu sao)".into(),
            )
        };
        // Not a zip at all: a .doc, a PDF, a scan. Past the reader's limits: its own message.
        if !bytes.starts_with(b"PK") {
            return Err(not_docx());
        }
        let mut package = crate::read::package::Package::open(bytes).map_err(|e| {
            match zip::ZipArchive::new(Cursor::new(bytes)) {
                Ok(_) => e,
                Err(_) => not_docx(),
            }
        })?;
        if !package.has(CONTENT_TYPES) {
            return Err(not_docx());
        }
        package.verify()?;
        let mut package = Package {
            package,
            changed: Vec::new(),
        };
        package.refuse_unsafe()?;
        Ok(package)
    }

    fn has(&self, name: &str) -> bool {
        self.package.has(name) || self.changed.iter().any(|(n, _)| n == name)
    }

    fn text(&mut self, name: &str) -> Result<String, Error> {
        if let Some((_, data)) = self.changed.iter().find(|(n, _)| n == name) {
            return String::from_utf8(data.clone()).map_err(|_| unreadable(name));
        }
        self.package.text(name)?.ok_or_else(|| unreadable(name))
    }

    /// The main document part, as the package's relationships name it: the part the
    /// reader read.
    fn main_part(&mut self) -> Result<String, Error> {
        self.package.main_part()
    }

    fn replace(&mut self, name: &str, data: Vec<u8>) {
        match self.changed.iter_mut().find(|(n, _)| n == name) {
            Some(entry) => entry.1 = data,
            None => self.changed.push((name.to_string(), data)),
        }
    }

    /// Refuses what would make the certified copy show something other than what was
    /// read, or run something when opened: a relationship that reaches outside the file
    /// (other than a plain hyperlink), an embedded object, control or macro, a part
    /// imported whole, and a field that pulls text, a picture or a program's output from
    /// outside (INCLUDETEXT, INCLUDEPICTURE, DDE, LINK …).
    fn refuse_unsafe(&mut self) -> Result<(), Error> {
        let refuse = |what: String| {
            Err(Error::Import(format!(
                "không sao y tệp này: {what}. Word sẽ lấy nội dung hoặc chạy thứ nằm ngoài văn bản khi mở, nên bản sao có dấu của đơn vị có thể không còn đúng văn bản đã nhận; hãy đề nghị nơi gửi gửi lại bản .docx không có phần đó, hoặc in ra rồi đóng dấu sao"
            )))
        };
        let names = self.package.names().to_vec();
        for name in &names {
            let lower = name.to_ascii_lowercase();
            if lower.contains("/embeddings/")
                || lower.contains("/activex/")
                || lower.ends_with("vbaproject.bin")
            {
                return refuse(format!("có đối tượng nhúng ({name})"));
            }
        }
        for name in names.iter().filter(|n| n.ends_with(".rels")) {
            let part = part_of_rels(name);
            for r in self.package.relationships(&part)? {
                // A link to click, and the template Word made the file from on the sender's
                // computer, change nothing the copy shows; a template fetched from a
                // server can bring macros.
                let harmless =
                    r.kind == "hyperlink" || (r.kind == "attachedTemplate" && !remote(&r.target));
                if r.external && !harmless {
                    return refuse(format!("có liên kết ra ngoài ({} → {})", r.kind, r.target));
                }
                if EMBEDDING_KINDS.contains(&r.kind.as_str()) {
                    return refuse(format!("có đối tượng nhúng ({} → {})", r.kind, r.target));
                }
            }
        }
        for name in names
            .iter()
            .filter(|n| n.ends_with(".xml") && !n.starts_with('['))
        {
            let xml = self.package.text(name)?.unwrap_or_default();
            if let Some(what) = outside_content(&xml) {
                return refuse(format!("{what} (trong {name})"));
            }
        }
        Ok(())
    }

    /// The package zipped again: the changed entries written anew, the others copied.
    fn write(mut self) -> Result<Vec<u8>, Error> {
        let mut entries: Vec<(String, Option<Vec<u8>>)> = Vec::new();
        for name in self.package.names().to_vec() {
            let data = self
                .changed
                .iter()
                .position(|(n, _)| *n == name)
                .map(|i| self.changed.remove(i).1);
            entries.push((name, data));
        }
        entries.extend(self.changed.into_iter().map(|(n, d)| (n, Some(d))));
        render::package::rezip(self.package.zip(), entries)
    }
}

/// Relationship types of parts that run or embed something.
const EMBEDDING_KINDS: [&str; 8] = [
    "oleObject",
    "package",
    "control",
    "activeXControlBinary",
    "aFChunk",
    "subDocument",
    "vbaProject",
    "frame",
];

/// A target on another computer: a web address or a shared folder, not a local path.
fn remote(target: &str) -> bool {
    let t = target.trim().to_ascii_lowercase();
    let host_file = t
        .strip_prefix("file://")
        .is_some_and(|rest| !rest.starts_with('/'));
    ["http:", "https:", "ftp:", "\\\\", "//"]
        .iter()
        .any(|p| t.starts_with(p))
        || host_file
}

/// The part a `.rels` entry belongs to: "word/_rels/document.xml.rels" →
/// "word/document.xml", "_rels/.rels" → "".
fn part_of_rels(rels: &str) -> String {
    let (dir, file) = rels.rsplit_once('/').unwrap_or(("", rels));
    let owner = dir.strip_suffix("_rels").unwrap_or(dir);
    format!("{owner}{}", file.strip_suffix(".rels").unwrap_or(file))
}

/// Fields that bring in what is outside the file, by their first word.
const OUTSIDE_FIELDS: [&str; 7] = [
    "INCLUDETEXT",
    "INCLUDEPICTURE",
    "INCLUDE",
    "DDE",
    "DDEAUTO",
    "LINK",
    "IMPORT",
];

/// What in a WordprocessingML part brings in outside content or runs something: an
/// embedded object or control, a subdocument, an imported part, or one of
/// `OUTSIDE_FIELDS` (in a simple field, or in a field's code split over runs).
fn outside_content(xml: &str) -> Option<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut code: Option<String> = None;
    let mut in_instr = false;
    let field = |code: &str| {
        let first = code
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_uppercase();
        OUTSIDE_FIELDS
            .contains(&first.as_str())
            .then(|| format!("có trường {first} lấy nội dung từ ngoài tệp"))
    };
    loop {
        let event = match reader.read_event() {
            Ok(Event::Eof) | Err(_) => return None,
            Ok(event) => event,
        };
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.name();
                match name.as_ref() {
                    b"w:object" | b"o:OLEObject" | b"w:control" => {
                        return Some("có đối tượng nhúng".into())
                    }
                    b"w:subDoc" => return Some("có văn bản con liên kết".into()),
                    b"w:altChunk" => return Some("có phần nhập nguyên từ tệp khác".into()),
                    b"w:fldSimple" => {
                        let instr = e
                            .attributes()
                            .flatten()
                            .find(|a| a.key.as_ref() == b"w:instr")
                            .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                            .unwrap_or_default();
                        if let Some(what) = field(&instr) {
                            return Some(what);
                        }
                    }
                    b"w:instrText" => in_instr = true,
                    b"w:fldChar" => {
                        let kind = e
                            .attributes()
                            .flatten()
                            .find(|a| a.key.as_ref() == b"w:fldCharType")
                            .map(|a| a.value.into_owned())
                            .unwrap_or_default();
                        match kind.as_slice() {
                            b"begin" => code = Some(String::new()),
                            _ => {
                                if let Some(what) = code.take().as_deref().and_then(field) {
                                    return Some(what);
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::End(e) if e.name().as_ref() == b"w:instrText" => in_instr = false,
            Event::Text(t) if in_instr => {
                if let (Some(code), Ok(text)) = (code.as_mut(), t.decode()) {
                    code.push_str(&text);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(xml: &str, expected: Result<(usize, u32), &str>) {
        match (find_spot(xml), expected) {
            (Ok(s), Ok((at, width))) => assert_eq!((s.at, s.text_width), (at, width), "{xml}"),
            (Err(e), Err(part)) => assert!(e.to_string().contains(part), "{e}"),
            (Ok(s), Err(_)) => panic!("found {} in {xml}", s.at),
            (Err(e), Ok(_)) => panic!("{e}"),
        }
    }

    const OPEN: &str = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#;

    #[test]
    fn the_copy_goes_before_the_last_section_of_the_body() {
        let body = "<w:p><w:pPr><w:sectPr><w:pgSz w:w=\"1\"/></w:sectPr></w:pPr></w:p>";
        let sect = r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:left="1701" w:right="1134"/></w:sectPr>"#;
        let xml = format!("{OPEN}{body}{sect}</w:body></w:document>");
        check(&xml, Ok((OPEN.len() + body.len(), 9071)));
        // No section properties: before the end of the body, at our own text width.
        let xml = format!("{OPEN}{body}</w:body></w:document>");
        check(&xml, Ok((OPEN.len() + body.len(), layout::TEXT_WIDTH)));
        check(
            "<x:document xmlns:x=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><x:body/></x:document>",
            Err("không dùng tiền tố w:"),
        );
        check(&format!("{OPEN}<w:p>"), Err("không đọc được"));
    }

    #[test]
    fn new_drawings_take_ids_after_the_largest() {
        assert_eq!(
            max_drawing_id("<wp:docPr id=\"4\" name=\"a\"/><wp:docPr name=\"b\" id=\"12\"/>"),
            12
        );
        assert_eq!(max_drawing_id("<w:p/>"), 0);
        assert_eq!(rels_of("word/document.xml"), "word/_rels/document.xml.rels");
    }
}
