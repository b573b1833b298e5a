//! Assembles the .docx package from the parts docx-rs builds. docx-rs writes the content
//! (document, headers, footnotes); this module puts their property elements in the
//! order the OOXML schema requires (Word is strict about it, docx-rs 0.4 is not), adds
//! what docx-rs leaves out (footnote separators and marks, language, title and author),
//! and zips it all deflated, with fixed timestamps, so the same letter gives the same bytes.

use std::io::{Cursor, Write};

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, Writer};

use crate::error::Error;
use crate::layout;
use crate::render::document::Properties;

/// The content parts of a letter, as docx-rs built them.
pub(crate) struct Parts {
    /// word/document.xml.
    pub document: Vec<u8>,
    /// word/header1.xml (page number, pages 2 on) and word/header2.xml (first page, empty).
    pub headers: Vec<Vec<u8>>,
    /// word/footnotes.xml.
    pub footnotes: Vec<u8>,
    /// The pictures the document shows (signature, seal), each once.
    pub images: Vec<Image>,
    /// The letter's JSON, carried in a custom XML part with the digest of the document
    /// part it was written with.
    pub letter: Option<String>,
}

/// A picture in the package.
pub(crate) struct Image {
    /// Its relationship id, as the document's drawing names it.
    pub id: String,
    /// Its part name, "word/media/….png".
    pub part: String,
    /// The PNG.
    pub bytes: Vec<u8>,
}

/// Normalises the parts and writes the package.
pub(crate) fn assemble(parts: Parts, props: &Properties) -> Result<Vec<u8>, Error> {
    let document = normalize(&parts.document, false)?;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    if let Some(letter) = &parts.letter {
        files.push((
            LETTER_PART.into(),
            letter_part(letter, &document).into_bytes(),
        ));
        files.push((LETTER_PROPS.into(), LETTER_PROPS_XML.as_bytes().to_vec()));
        files.push((LETTER_RELS.into(), LETTER_RELS_XML.as_bytes().to_vec()));
    }
    files.extend([
        (
            "docProps/core.xml".into(),
            core_properties(props).into_bytes(),
        ),
        ("word/document.xml".into(), document),
        (
            "word/footnotes.xml".into(),
            normalize(&parts.footnotes, true)?,
        ),
    ]);
    for (i, h) in parts.headers.iter().enumerate() {
        files.push((format!("word/header{}.xml", i + 1), normalize(h, false)?));
    }
    files.push((
        "word/_rels/document.xml.rels".into(),
        document_rels(2, &parts.images, parts.letter.is_some()).into_bytes(),
    ));
    for image in parts.images {
        files.push((image.part, image.bytes));
    }
    zip(fixed_parts(parts.letter.is_some())?, files)
}

/// Where a letter the app wrote carries its JSON.
const LETTER_PART: &str = "customXml/item1.xml";

/// The properties of that part, which Word's schema asks every custom XML part to have.
const LETTER_PROPS: &str = "customXml/itemProps1.xml";
const LETTER_PROPS_XML: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<ds:datastoreItem ds:itemID="{8E3C2F0A-5B1D-4C6E-9A27-43C0A1F5D6B2}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs/></ds:datastoreItem>"#
);
const LETTER_RELS: &str = "customXml/_rels/item1.xml.rels";
const LETTER_RELS_XML: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps" Target="itemProps1.xml"/>"#,
    r#"</Relationships>"#
);

/// The root element of that part, in a namespace of the app's own.
const LETTER_ROOT: &str = "congvan:letter";

/// The custom XML part that carries `letter` (JSON, in base64 so that no XML escaping can
/// touch it) and the SHA-256 of `document`, the document part written with it.
fn letter_part(letter: &str, document: &[u8]) -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<{root} xmlns:congvan="urn:congvan:letter:1" document="{digest}">{json}</{root}>"#
        ),
        root = LETTER_ROOT,
        digest = sha256(document),
        json = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, letter),
    )
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The most a part read back may hold: a letter's document part is a few hundred kB.
const MAX_PART: u64 = 16 * 1024 * 1024;

/// The letter a .docx carries (`letter_part`), when its document part is still the one it
/// was written with; `None` when the file carries none.
pub(crate) fn embedded_letter(docx: &[u8]) -> Result<Option<crate::model::Letter>, Error> {
    use std::io::Read;
    let bad = |why: String| Error::Import(why);
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(docx)) else {
        return Ok(None);
    };
    let mut read = |name: &str| -> Option<Vec<u8>> {
        let entry = zip.by_name(name).ok()?;
        let mut out = Vec::new();
        entry.take(MAX_PART).read_to_end(&mut out).ok()?;
        Some(out)
    };
    let Some(part) = read(LETTER_PART) else {
        return Ok(None);
    };
    let document = read("word/document.xml")
        .ok_or_else(|| bad("tệp không còn phần nội dung (word/document.xml)".into()))?;
    let mut reader = Reader::from_reader(part.as_slice());
    let (mut digest, mut json) = (None, String::new());
    let mut inside = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.name().as_ref() == LETTER_ROOT.as_bytes() => {
                inside = true;
                digest = e
                    .try_get_attribute("document")
                    .ok()
                    .flatten()
                    .map(|a| String::from_utf8_lossy(&a.value).into_owned());
            }
            Ok(Event::Text(t)) if inside => {
                json.push_str(&t.decode().map_err(|e| bad(e.to_string()))?);
            }
            Ok(Event::End(_)) | Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => return Err(bad(format!("phần {LETTER_PART}: {e}"))),
        }
    }
    if !inside {
        return Ok(None);
    }
    if digest.as_deref() != Some(sha256(&document).as_str()) {
        return Err(bad(
            "tệp đã được sửa sau khi ứng dụng xuất (trong Word, hoặc khi thêm phần sao y): ứng dụng không dựng lại được đúng bản này; hãy xuất lại từ ứng dụng, hoặc in từ Word".into(),
        ));
    }
    let json = base64::Engine::decode(&base64::engine::general_purpose::STANDARD, json.trim())
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .ok_or_else(|| bad(format!("phần {LETTER_PART} hỏng")))?;
    crate::model::Letter::from_json(&json).map(Some)
}

/// The parts that are the same in every letter (the writer always makes two headers),
/// deflated once per process and copied into each package as they are; with `letter`,
/// the content types name the properties of the part that carries the letter.
fn fixed_parts(letter: bool) -> Result<&'static [u8], Error> {
    static FIXED: [std::sync::OnceLock<Result<Vec<u8>, Error>>; 2] =
        [std::sync::OnceLock::new(), std::sync::OnceLock::new()];
    let zipped = FIXED[usize::from(letter)].get_or_init(|| {
        let mut types = content_types(2);
        if letter {
            types = types.replace(
                "</Types>",
                r#"<Override PartName="/customXml/itemProps1.xml" ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml"/></Types>"#,
            );
        }
        let files = [
            ("[Content_Types].xml", types),
            ("_rels/.rels", ROOT_RELS.to_string()),
            ("docProps/app.xml", APP.to_string()),
            ("word/styles.xml", styles()),
            ("word/settings.xml", SETTINGS.to_string()),
            ("word/fontTable.xml", FONT_TABLE.to_string()),
            ("word/theme/theme1.xml", THEME.to_string()),
        ];
        zip(
            &[],
            files
                .into_iter()
                .map(|(n, x)| (n.to_string(), x.into_bytes()))
                .collect(),
        )
    });
    zipped.as_deref().map_err(Clone::clone)
}

/// Writes a package again: each entry of `entries` in turn, copied from `source` as it
/// came (not inflated) when it has no bytes, else written deflated and dated 1980-01-01.
pub(crate) fn rezip<R: std::io::Read + std::io::Seek>(
    source: &mut zip::ZipArchive<R>,
    entries: Vec<(String, Option<Vec<u8>>)>,
) -> Result<Vec<u8>, Error> {
    let err = |e: &dyn std::fmt::Display| Error::Docx(e.to_string());
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(64 * 1024)));
    for (name, bytes) in entries {
        match bytes {
            None => {
                let index = source
                    .index_for_name(&name)
                    .ok_or_else(|| Error::Docx(format!("thiếu {name}")))?;
                let entry = source.by_index_raw(index).map_err(|e| err(&e))?;
                out.raw_copy_file(entry).map_err(|e| err(&e))?;
            }
            Some(bytes) => {
                out.start_file(name, options()).map_err(|e| err(&e))?;
                out.write_all(&bytes).map_err(|e| err(&e))?;
            }
        }
    }
    Ok(made_on_unix(
        out.finish().map_err(|e| err(&e))?.into_inner(),
    ))
}

/// The zip `bytes` with every entry's "version made by" saying Unix. The zip crate marks
/// an entry it copies without inflating with the system it runs on, whatever the copied
/// entry said; marking all alike makes the same letter the same bytes on Linux and on
/// Windows. Only the central directory holds that field.
fn made_on_unix(mut bytes: Vec<u8>) -> Vec<u8> {
    const UNIX: u8 = 3;
    let le16 = |b: &[u8], at: usize| {
        b.get(at..at + 2)
            .map(|s| u16::from_le_bytes([s[0], s[1]]) as usize)
    };
    let le32 = |b: &[u8], at: usize| {
        b.get(at..at + 4)
            .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]) as usize)
    };
    // The writer puts the end record last, with no comment.
    let Some(end) = bytes
        .len()
        .checked_sub(22)
        .filter(|&e| bytes[e..].starts_with(b"PK\x05\x06"))
    else {
        return bytes;
    };
    let (Some(count), Some(mut at)) = (le16(&bytes, end + 10), le32(&bytes, end + 16)) else {
        return bytes;
    };
    for _ in 0..count {
        if !bytes
            .get(at..)
            .is_some_and(|b| b.starts_with(b"PK\x01\x02"))
        {
            break;
        }
        bytes[at + 5] = UNIX;
        let (Some(name), Some(extra), Some(comment)) = (
            le16(&bytes, at + 28),
            le16(&bytes, at + 30),
            le16(&bytes, at + 32),
        ) else {
            break;
        };
        at += 46 + name + extra + comment;
    }
    bytes
}

/// How a new entry is written: deflated, dated 1980-01-01, and marked as made on Unix
/// whatever system writes it, so that the same input gives the same bytes on Linux and on
/// Windows (the zip crate otherwise marks the writer's own system in "version made by").
fn options() -> zip::write::SimpleFileOptions {
    zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(zip::DateTime::default())
        .system(zip::System::Unix)
        .unix_permissions(0o644)
}

/// Writes a deflated zip: first the entries of `fixed` (a zip) as they are, then `files`
/// (a name ending "/" is a folder), every entry dated 1980-01-01 so that the same letter
/// gives the same bytes.
pub(crate) fn zip(fixed: &[u8], files: Vec<(String, Vec<u8>)>) -> Result<Vec<u8>, Error> {
    let err = |e: &dyn std::fmt::Display| Error::Docx(e.to_string());
    let options = options();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(32 * 1024)));
    if !fixed.is_empty() {
        let mut fixed = zip::ZipArchive::new(Cursor::new(fixed)).map_err(|e| err(&e))?;
        for i in 0..fixed.len() {
            let entry = fixed.by_index_raw(i).map_err(|e| err(&e))?;
            out.raw_copy_file(entry).map_err(|e| err(&e))?;
        }
    }
    for (name, bytes) in files {
        if name.ends_with('/') {
            out.add_directory(name, options).map_err(|e| err(&e))?;
            continue;
        }
        out.start_file(name, options).map_err(|e| err(&e))?;
        out.write_all(&bytes).map_err(|e| err(&e))?;
    }
    Ok(made_on_unix(
        out.finish().map_err(|e| err(&e))?.into_inner(),
    ))
}

/// Children of each property element in the order the schema (ECMA-376 Part 1,
/// transitional) requires. Children not listed keep their place after the listed ones.
const ORDERS: &[(&[u8], &[&str])] = &[
    (
        b"w:pPr",
        &[
            "pStyle",
            "keepNext",
            "keepLines",
            "pageBreakBefore",
            "framePr",
            "widowControl",
            "numPr",
            "suppressLineNumbers",
            "pBdr",
            "shd",
            "tabs",
            "suppressAutoHyphens",
            "kinsoku",
            "wordWrap",
            "overflowPunct",
            "topLinePunct",
            "autoSpaceDE",
            "autoSpaceDN",
            "bidi",
            "adjustRightInd",
            "snapToGrid",
            "spacing",
            "ind",
            "contextualSpacing",
            "mirrorIndents",
            "suppressOverlap",
            "jc",
            "textDirection",
            "textAlignment",
            "textboxTightWrap",
            "outlineLvl",
            "divId",
            "cnfStyle",
            "rPr",
            "sectPr",
            "pPrChange",
        ],
    ),
    (
        b"w:rPr",
        &[
            "ins",
            "del",
            "moveFrom",
            "moveTo",
            "rStyle",
            "rFonts",
            "b",
            "bCs",
            "i",
            "iCs",
            "caps",
            "smallCaps",
            "strike",
            "dstrike",
            "outline",
            "shadow",
            "emboss",
            "imprint",
            "noProof",
            "snapToGrid",
            "vanish",
            "webHidden",
            "color",
            "spacing",
            "w",
            "kern",
            "position",
            "sz",
            "szCs",
            "highlight",
            "u",
            "effect",
            "bdr",
            "shd",
            "fitText",
            "vertAlign",
            "rtl",
            "cs",
            "em",
            "lang",
            "eastAsianLayout",
            "specVanish",
            "oMath",
            "rPrChange",
        ],
    ),
    (
        b"w:tblPr",
        &[
            "tblStyle",
            "tblpPr",
            "tblOverlap",
            "bidiVisual",
            "tblStyleRowBandSize",
            "tblStyleColBandSize",
            "tblW",
            "jc",
            "tblCellSpacing",
            "tblInd",
            "tblBorders",
            "shd",
            "tblLayout",
            "tblCellMar",
            "tblLook",
            "tblCaption",
            "tblDescription",
            "tblPrChange",
        ],
    ),
    (
        b"w:tcPr",
        &[
            "cnfStyle",
            "tcW",
            "gridSpan",
            "hMerge",
            "vMerge",
            "tcBorders",
            "shd",
            "noWrap",
            "tcMar",
            "textDirection",
            "tcFitText",
            "vAlign",
            "hideMark",
            "headers",
            "cellIns",
            "cellDel",
            "cellMerge",
            "tcPrChange",
        ],
    ),
    (
        b"w:sectPr",
        &[
            "headerReference",
            "footerReference",
            "footnotePr",
            "endnotePr",
            "type",
            "pgSz",
            "pgMar",
            "paperSrc",
            "pgBorders",
            "lnNumType",
            "pgNumType",
            "cols",
            "formProt",
            "vAlign",
            "noEndnote",
            "titlePg",
            "textDirection",
            "bidi",
            "rtlGutter",
            "docGrid",
            "printerSettings",
            "sectPrChange",
        ],
    ),
    (
        b"w:pBdr",
        &["top", "left", "bottom", "right", "between", "bar"],
    ),
    (
        b"w:tblBorders",
        &[
            "top", "left", "start", "bottom", "right", "end", "insideH", "insideV",
        ],
    ),
    (
        b"w:tcBorders",
        &[
            "top", "left", "start", "bottom", "right", "end", "insideH", "insideV", "tl2br",
            "tr2bl",
        ],
    ),
    (
        b"w:tblCellMar",
        &["top", "left", "start", "bottom", "right", "end"],
    ),
    (
        b"w:tcMar",
        &["top", "left", "start", "bottom", "right", "end"],
    ),
];

/// An element inside a property element, kept until its siblings can be sorted.
struct Node {
    start: BytesStart<'static>,
    kids: Vec<Node>,
    empty: bool,
}

/// Rewrites one part: property children in schema order, attributes the schema does not
/// declare removed, and, in the footnotes part, the separators and footnote marks added.
pub(crate) fn normalize(xml: &[u8], footnotes: bool) -> Result<Vec<u8>, Error> {
    let bad = |e: &dyn std::fmt::Display| Error::Docx(format!("XML: {e}"));
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().trim_text(false);
    let mut writer = Writer::new(Vec::with_capacity(xml.len() + 1024));
    let mut mark_pending = false;
    loop {
        let event = reader.read_event().map_err(|e| bad(&e))?;
        match event {
            Event::Eof => break,
            Event::Start(e) if order_of(e.name().as_ref()).is_some() => {
                let node = read_node(&mut reader, clean(e).into_owned(), false)?;
                write_node(&mut writer, node).map_err(|e| bad(&e))?;
                if mark_pending && footnotes {
                    write_raw(&mut writer, FOOTNOTE_MARK);
                    mark_pending = false;
                }
            }
            Event::Start(e) => {
                let name = e.name();
                if footnotes && name.as_ref() == b"w:r" && mark_pending {
                    write_raw(&mut writer, FOOTNOTE_MARK);
                    mark_pending = false;
                }
                mark_pending |= footnotes && name.as_ref() == b"w:footnote";
                let is_root = footnotes && name.as_ref() == b"w:footnotes";
                writer
                    .write_event(Event::Start(clean(e)))
                    .map_err(|e| bad(&e))?;
                if is_root {
                    write_raw(&mut writer, FOOTNOTE_SEPARATORS);
                }
            }
            Event::Empty(e) if footnotes && e.name().as_ref() == b"w:footnotes" => {
                // No footnotes: the part still carries the separators that settings name.
                let end = e.name().as_ref().to_vec();
                writer
                    .write_event(Event::Start(clean(e)))
                    .map_err(|e| bad(&e))?;
                write_raw(&mut writer, FOOTNOTE_SEPARATORS);
                writer
                    .write_event(Event::End(quick_xml::events::BytesEnd::new(
                        String::from_utf8_lossy(&end).into_owned(),
                    )))
                    .map_err(|e| bad(&e))?;
            }
            Event::Empty(e) => writer
                .write_event(Event::Empty(clean(e)))
                .map_err(|e| bad(&e))?,
            other => writer.write_event(other).map_err(|e| bad(&e))?,
        }
    }
    Ok(writer.into_inner())
}

/// The schema order of the property element `name`, if it is one.
fn order_of(name: &[u8]) -> Option<&'static [&'static str]> {
    ORDERS.iter().find(|(n, _)| *n == name).map(|(_, o)| *o)
}

/// Reads the rest of an element whose start was just read, as a tree.
fn read_node(
    reader: &mut Reader<&[u8]>,
    start: BytesStart<'static>,
    empty: bool,
) -> Result<Node, Error> {
    let mut node = Node {
        start,
        kids: Vec::new(),
        empty,
    };
    if empty {
        return Ok(node);
    }
    loop {
        match reader
            .read_event()
            .map_err(|e| Error::Docx(format!("XML: {e}")))?
        {
            Event::Start(e) => {
                let kid = read_node(reader, clean(e).into_owned(), false)?;
                node.kids.push(kid);
            }
            Event::Empty(e) => node
                .kids
                .push(read_node(reader, clean(e).into_owned(), true)?),
            Event::End(_) => return Ok(node),
            Event::Eof => return Err(Error::Docx("XML: phần tử không đóng".into())),
            // Property elements hold elements only; white space between them is dropped.
            _ => {}
        }
    }
}

/// Writes a tree, each level's children sorted into schema order when it has one.
fn write_node(writer: &mut Writer<Vec<u8>>, mut node: Node) -> std::io::Result<()> {
    if let Some(order) = order_of(node.start.name().as_ref()) {
        let rank = |n: &Node| {
            let name = n.start.local_name();
            order
                .iter()
                .position(|o| o.as_bytes() == name.as_ref())
                .unwrap_or(order.len())
        };
        node.kids.sort_by_key(rank);
    }
    if node.empty || node.kids.is_empty() {
        return writer.write_event(Event::Empty(node.start));
    }
    let end = node.start.to_end().into_owned();
    writer.write_event(Event::Start(node.start))?;
    for kid in node.kids {
        write_node(writer, kid)?;
    }
    writer.write_event(Event::End(end))
}

/// Drops attributes the schema does not declare where docx-rs writes them: `w:type` on
/// `w:gridCol`, and the paragraph ids, which are optional and would only need renumbering.
fn clean(e: BytesStart<'_>) -> BytesStart<'_> {
    let drop = |key: &[u8]| {
        key == b"w14:paraId"
            || key == b"w14:textId"
            || (key == b"w:type" && e.name().as_ref() == b"w:gridCol")
    };
    if !e
        .attributes()
        .with_checks(false)
        .flatten()
        .any(|a| drop(a.key.as_ref()))
    {
        return e;
    }
    let mut out = BytesStart::new(String::from_utf8_lossy(e.name().as_ref()).into_owned());
    for a in e.attributes().with_checks(false).flatten() {
        if !drop(a.key.as_ref()) {
            out.push_attribute(a);
        }
    }
    out
}

/// Appends XML the module wrote itself (footnote separators and marks) as it is.
fn write_raw(writer: &mut Writer<Vec<u8>>, xml: &str) {
    writer.get_mut().extend_from_slice(xml.as_bytes());
}

/// The mark Word prints before a footnote's text, which docx-rs does not write.
const FOOTNOTE_MARK: &str = r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>"#;

/// The separator lines above the footnotes, named by settings.xml.
const FOOTNOTE_SEPARATORS: &str = concat!(
    r#"<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>"#,
    r#"<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"#,
);

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn content_types(headers: usize) -> String {
    let mut s = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
        r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
        r#"<Default Extension="xml" ContentType="application/xml"/>"#,
        r#"<Default Extension="png" ContentType="image/png"/>"#,
        r#"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#,
        r#"<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>"#,
        r#"<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>"#,
        r#"<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>"#,
        r#"<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>"#,
        r#"<Override PartName="/word/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>"#,
        r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#,
        r#"<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#,
    ));
    for i in 1..=headers {
        s.push_str(&format!(
            r#"<Override PartName="/word/header{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>"#
        ));
    }
    s.push_str("</Types>");
    s
}

const ROOT_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>"#,
    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#,
    r#"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>"#,
    "</Relationships>"
);

/// The document's relationships; docx-rs names its headers "rIdHeader1", "rIdHeader2", ….
fn document_rels(headers: usize, images: &[Image], letter: bool) -> String {
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let mut s = format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
            r#"<Relationship Id="rId1" Type="{rel}/styles" Target="styles.xml"/>"#,
            r#"<Relationship Id="rId2" Type="{rel}/settings" Target="settings.xml"/>"#,
            r#"<Relationship Id="rId3" Type="{rel}/fontTable" Target="fontTable.xml"/>"#,
            r#"<Relationship Id="rId4" Type="{rel}/footnotes" Target="footnotes.xml"/>"#,
            r#"<Relationship Id="rId5" Type="{rel}/theme" Target="theme/theme1.xml"/>"#,
        ),
        rel = rel
    );
    for i in 1..=headers {
        s.push_str(&format!(
            r#"<Relationship Id="rIdHeader{i}" Type="{rel}/header" Target="header{i}.xml"/>"#
        ));
    }
    for image in images {
        s.push_str(&format!(
            r#"<Relationship Id="{}" Type="{rel}/image" Target="{}"/>"#,
            image.id,
            image.part.trim_start_matches("word/")
        ));
    }
    if letter {
        s.push_str(&format!(
            r#"<Relationship Id="rIdCongvanLetter" Type="{rel}/customXml" Target="../{LETTER_PART}"/>"#
        ));
    }
    s.push_str("</Relationships>");
    s
}

/// Title, author, language and, when the day is known, the letter's date (never the clock).
fn core_properties(p: &Properties) -> String {
    let esc = |s: &str| quick_xml::escape::escape(s).into_owned();
    let created = p
        .created
        .map(|d| {
            format!(
                r#"<dcterms:created xsi:type="dcterms:W3CDTF">{}T00:00:00Z</dcterms:created>"#,
                d.format("%Y-%m-%d")
            )
        })
        .unwrap_or_default();
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
            r#"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{title}</dc:title><dc:creator>{author}</dc:creator>",
            "<cp:lastModifiedBy>{author}</cp:lastModifiedBy><dc:language>vi-VN</dc:language>{created}",
            "</cp:coreProperties>"
        ),
        title = esc(&p.title),
        author = esc(&p.author),
        created = created
    )
}

const APP: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" "#,
    r#"xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">"#,
    "<Application>congvan</Application></Properties>"
);

/// Times New Roman in all four font slots (Vietnamese letters fall in hAnsi), Vietnamese
/// language, and the styles the content parts name: page number, footnote text and mark.
fn styles() -> String {
    let tnr = r#"<w:rFonts w:ascii="Times New Roman" w:eastAsia="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>"#;
    let sz = |s: usize| format!(r#"<w:sz w:val="{s}"/><w:szCs w:val="{s}"/>"#);
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<w:styles xmlns:w="{ns}">"#,
            "<w:docDefaults><w:rPrDefault><w:rPr>{tnr}{text}",
            r#"<w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>"#,
            r#"<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>"#,
            "</w:docDefaults>",
            r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>"#,
            r#"<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"#,
            r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>"#,
            r#"<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#,
            r#"<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr>{page}</w:rPr></w:style>"#,
            r#"<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="both"/></w:pPr><w:rPr>{note}</w:rPr></w:style>"#,
            r#"<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:basedOn w:val="DefaultParagraphFont"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>"#,
            "</w:styles>"
        ),
        ns = W_NS,
        tnr = tnr,
        text = sz(layout::SIZE_TEXT),
        page = sz(layout::SIZE_PAGE_NUMBER),
        note = sz(layout::SIZE_FOOTNOTE),
    )
}

/// Settings Word expects, without docx-rs's East-Asian layout defaults.
const SETTINGS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    r#"<w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>"#,
    r#"<w:characterSpacingControl w:val="doNotCompress"/>"#,
    r#"<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>"#,
    r#"<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>"#,
    r#"<w:themeFontLang w:val="vi-VN"/><w:decimalSymbol w:val=","/><w:listSeparator w:val=";"/>"#,
    "</w:settings>"
);

const FONT_TABLE: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    r#"<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>"#,
    "</w:fonts>"
);

/// The theme Word requires of every document: plain Office colours, Times New Roman as
/// both theme fonts, and the minimum of formats the schema asks for.
const THEME: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="congvan"><a:themeElements>"#,
    r#"<a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>"#,
    r#"<a:dk2><a:srgbClr val="44546A"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2><a:accent1><a:srgbClr val="4472C4"/></a:accent1>"#,
    r#"<a:accent2><a:srgbClr val="ED7D31"/></a:accent2><a:accent3><a:srgbClr val="A5A5A5"/></a:accent3><a:accent4><a:srgbClr val="FFC000"/></a:accent4>"#,
    r#"<a:accent5><a:srgbClr val="5B9BD5"/></a:accent5><a:accent6><a:srgbClr val="70AD47"/></a:accent6><a:hlink><a:srgbClr val="0563C1"/></a:hlink>"#,
    r#"<a:folHlink><a:srgbClr val="954F72"/></a:folHlink></a:clrScheme>"#,
    r#"<a:fontScheme name="congvan"><a:majorFont><a:latin typeface="Times New Roman"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont>"#,
    r#"<a:minorFont><a:latin typeface="Times New Roman"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme>"#,
    r#"<a:fmtScheme name="Office"><a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:fillStyleLst>"#,
    r#"<a:lnStyleLst><a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="12700"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="19050"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln></a:lnStyleLst>"#,
    r#"<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>"#,
    r#"<a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme>"#,
    "</a:themeElements></a:theme>"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_says_it_was_made_on_unix() {
        use zip::HasZipMetadata;
        // An entry copied raw from a zip made on DOS, and one written anew.
        let mut dos = Cursor::new(Vec::new());
        let mut w = zip::ZipWriter::new(&mut dos);
        let options = zip::write::SimpleFileOptions::default().system(zip::System::Dos);
        w.start_file("a.xml", options).unwrap();
        w.write_all(b"<a/>").unwrap();
        w.finish().unwrap();
        let bytes = zip(&dos.into_inner(), vec![("b.xml".into(), b"<b/>".to_vec())]).unwrap();
        let mut read = zip::ZipArchive::new(Cursor::new(&bytes)).unwrap();
        for i in 0..2 {
            let file = read.by_index(i).unwrap();
            assert_eq!(
                file.get_metadata().system,
                zip::System::Unix,
                "{}",
                file.name()
            );
        }
    }

    fn check(input: &str, expected: &str) {
        let out = normalize(input.as_bytes(), false).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }

    #[test]
    fn property_children_take_schema_order() {
        check(
            r#"<w:p w14:paraId="1"><w:pPr><w:rPr/><w:jc w:val="both"/><w:ind w:left="0"/><w:spacing w:before="120"/><w:keepNext/></w:pPr></w:p>"#,
            r#"<w:p><w:pPr><w:keepNext/><w:spacing w:before="120"/><w:ind w:left="0"/><w:jc w:val="both"/><w:rPr/></w:pPr></w:p>"#,
        );
        check(
            r#"<w:r><w:rPr><w:sz w:val="28"/><w:b/><w:rFonts/><w:rStyle w:val="X"/></w:rPr><w:t>a &amp; b</w:t></w:r>"#,
            r#"<w:r><w:rPr><w:rStyle w:val="X"/><w:rFonts/><w:b/><w:sz w:val="28"/></w:rPr><w:t>a &amp; b</w:t></w:r>"#,
        );
        check(
            r#"<w:sectPr><w:pgSz/><w:headerReference w:type="default"/><w:titlePg/><w:cols/></w:sectPr>"#,
            r#"<w:sectPr><w:headerReference w:type="default"/><w:pgSz/><w:cols/><w:titlePg/></w:sectPr>"#,
        );
    }

    #[test]
    fn undeclared_attributes_are_dropped() {
        check(
            r#"<w:tblGrid><w:gridCol w:w="10" w:type="dxa"/></w:tblGrid>"#,
            r#"<w:tblGrid><w:gridCol w:w="10"/></w:tblGrid>"#,
        );
    }

    #[test]
    fn footnotes_get_separators_and_marks() {
        let out = normalize(
            br#"<w:footnotes><w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:t>A</w:t></w:r></w:p></w:footnote></w:footnotes>"#,
            true,
        )
        .unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.starts_with(&format!("<w:footnotes>{FOOTNOTE_SEPARATORS}")));
        assert!(out.contains(&format!("</w:pPr>{FOOTNOTE_MARK}<w:r><w:t>A</w:t>")));
        let empty = String::from_utf8(normalize(b"<w:footnotes/>", true).unwrap()).unwrap();
        assert_eq!(
            empty,
            format!("<w:footnotes>{FOOTNOTE_SEPARATORS}</w:footnotes>")
        );
    }
}

#[cfg(test)]
mod carried {
    use super::*;
    use crate::model::Letter;

    /// The package `docx` with `part` replaced by `bytes`.
    fn with_part(docx: &[u8], part: &str, bytes: &[u8]) -> Vec<u8> {
        let mut zip = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
        let names: Vec<String> = zip.file_names().map(str::to_string).collect();
        let entries = names
            .into_iter()
            .map(|n| {
                let replaced = (n == part).then(|| bytes.to_vec());
                (n, replaced)
            })
            .collect();
        rezip(&mut zip, entries).unwrap()
    }

    #[test]
    fn a_letter_the_app_wrote_reads_back_until_its_text_is_changed() {
        let letter = Letter::example();
        let docx = crate::render::letter_docx(&letter).unwrap();
        assert_eq!(embedded_letter(&docx).unwrap(), Some(letter));
        // Saved again by Word, the document part differs: refused, saying why.
        let document = {
            use std::io::Read;
            let mut zip = zip::ZipArchive::new(Cursor::new(&docx)).unwrap();
            let mut s = String::new();
            zip.by_name("word/document.xml")
                .unwrap()
                .read_to_string(&mut s)
                .unwrap();
            s
        };
        let edited = with_part(
            &docx,
            "word/document.xml",
            document.replacen("Kính gửi", "Kính  gửi", 1).as_bytes(),
        );
        let refused = embedded_letter(&edited).unwrap_err().to_string();
        assert!(refused.contains("đã được sửa"), "{refused}");
        // A .docx the app did not write, or not a .docx at all, carries nothing.
        let plain = crate::render::docx(&crate::render::document::Document::from_letter(
            &Letter::example(),
        ))
        .unwrap();
        assert_eq!(embedded_letter(&plain).unwrap(), None);
        assert_eq!(embedded_letter(b"not a zip").unwrap(), None);
    }
}
