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
    let package = Package::read(received)?;
    find_spot(&package.text(&package.main_part()?)?).map(|_| ())
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
    let first_id = max_drawing_id(&xml) + 1;
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
                        .map(|p| p.saturating_sub(left + right))
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
    let re = ID.get_or_init(|| regex::Regex::new(r#"docPr\b[^>]*?\sid="(\d+)""#).expect("valid"));
    re.captures_iter(xml)
        .filter_map(|c| c[1].parse::<u32>().ok())
        .max()
        .unwrap_or(0)
}

/// The relationships part of `part`: "word/document.xml" → "word/_rels/document.xml.rels".
fn rels_of(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, name)) => format!("{dir}/_rels/{name}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// A .docx package read whole: its entries in order, as (name, bytes).
struct Package {
    entries: Vec<(String, Vec<u8>)>,
}

impl Package {
    fn read(bytes: &[u8]) -> Result<Package, Error> {
        let not_docx = || {
            Error::Import(
                "chỉ sao y được văn bản nhận dưới dạng .docx; tệp này không phải .docx (văn bản .doc hãy mở bằng Word và lưu thành .docx; bản PDF hay bản giấy thì in ra rồi đóng dấu sao)".into(),
            )
        };
        // Not a zip at all: a .doc, a PDF, a scan. Past the reader's limits: its own message.
        if !bytes.starts_with(b"PK") {
            return Err(not_docx());
        }
        let entries: Vec<(String, Vec<u8>)> = crate::read::package::Package::read(bytes)
            .map_err(|e| match zip::ZipArchive::new(Cursor::new(bytes)) {
                Ok(_) => e,
                Err(_) => not_docx(),
            })?
            .into_entries()
            .into_iter()
            .map(|e| (e.name, e.data))
            .collect();
        let package = Package { entries };
        if !package.has(CONTENT_TYPES) {
            return Err(not_docx());
        }
        Ok(package)
    }

    fn has(&self, name: &str) -> bool {
        self.entries.iter().any(|(n, _)| n == name)
    }

    fn text(&self, name: &str) -> Result<String, Error> {
        let (_, data) = self
            .entries
            .iter()
            .find(|(n, _)| n == name)
            .ok_or_else(|| unreadable(name))?;
        String::from_utf8(data.clone()).map_err(|_| unreadable(name))
    }

    /// The main document part, as the package's relationships name it.
    fn main_part(&self) -> Result<String, Error> {
        let rels = self.text("_rels/.rels")?;
        let re = regex::Regex::new(r#"<Relationship\b[^>]*>"#).expect("valid");
        let target = re
            .find_iter(&rels)
            .map(|m| m.as_str())
            .find(|r| r.contains("/officeDocument\""))
            .and_then(|r| r.split("Target=\"").nth(1)?.split('"').next())
            .map(|t| t.trim_start_matches('/').to_string())
            .unwrap_or_else(|| "word/document.xml".into());
        match self.has(&target) {
            true => Ok(target),
            false => Err(unreadable(&target)),
        }
    }

    fn replace(&mut self, name: &str, data: Vec<u8>) {
        match self.entries.iter_mut().find(|(n, _)| n == name) {
            Some(entry) => entry.1 = data,
            None => self.entries.push((name.to_string(), data)),
        }
    }

    /// The package zipped again, deflated, every entry dated 1980-01-01.
    fn write(self) -> Result<Vec<u8>, Error> {
        render::package::zip(&[], self.entries)
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
