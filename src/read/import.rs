//! Importing what the clerk receives: bytes of a .txt/.md, .docx, .doc or .pdf in, clean NFC
//! text out. Legacy Vietnamese encodings are converted, HTML leftovers and web clutter
//! removed, and a file that cannot be read gets a message saying why.

use quick_xml::events::Event;
use quick_xml::Reader;

use crate::error::Error;
use crate::read::encoding::{self, Legacy};

/// The largest file accepted: a directive is a few pages; 20 MB leaves room for scans' size.
pub(crate) const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;
/// The most text kept: about 300 pages.
pub(crate) use crate::text::MAX_TEXT_CHARS;

/// A received file read as text: what kind of file it was, and the lines whose text a PDF
/// gave in a way the clerk should check.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Imported {
    /// The clean text.
    pub text: String,
    /// The kind of file.
    pub kind: Kind,
    /// Where the text came from in ways worth a second look.
    pub marks: Marks,
    /// How a scan was read, for a text read through OCR.
    pub ocr: Option<Ocr>,
}

/// How a scan was read through OCR.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Ocr {
    /// The pages read.
    pub pages: usize,
    /// The pages the file has (of more than `scan::MAX_SCAN_PAGES`, some are not read).
    pub total_pages: usize,
    /// The pages read, by their number in the file (from 1).
    #[serde(default)]
    pub read: Vec<u32>,
    /// How sure the engine was of the words it read, on average, 0 to 100.
    pub confidence: u8,
    /// How sure it was of the words each field was read from (by the field's name, as
    /// `parse::fields` names them), 0 to 100; a field none of whose words it read is left.
    #[serde(default)]
    pub fields: std::collections::BTreeMap<String, u8>,
}

/// The kind of file a text was read from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Kind {
    /// Plain or pasted text (.txt, .md).
    #[default]
    Text,
    /// A Word document (.docx).
    Docx,
    /// A Word 97–2003 document (.doc).
    Doc,
    /// A PDF's text layer.
    Pdf,
    /// A scan or a photo, read through OCR.
    Scan,
}

impl Kind {
    /// The kind as the parent's card names it.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Text => "văn bản thuần (.txt)",
            Kind::Docx => "tệp Word (.docx)",
            Kind::Doc => "tệp Word 97–2003 (.doc)",
            Kind::Pdf => "tệp PDF (lớp chữ)",
            Kind::Scan => "bản quét, nhận dạng chữ (OCR): hãy kiểm tra từng mục với bản gốc",
        }
    }
}

/// Lines (from 1) of an imported text read in ways the clerk should check.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    /// Lines holding text stamped on at issuing (an e-office's number and day).
    pub stamped: Vec<usize>,
    /// Lines of a header or an ending whose two columns were rebuilt by position.
    pub columns: Vec<usize>,
}

/// The kind of image `bytes` begin as, by its signature.
fn image(bytes: &[u8]) -> Option<&'static str> {
    let kinds: [(&[u8], &str); 6] = [
        (b"\x89PNG\r\n\x1a\n", "PNG"),
        (b"\xff\xd8\xff", "JPEG"),
        (b"GIF8", "GIF"),
        (b"II*\0", "TIFF"),
        (b"MM\0*", "TIFF"),
        (b"BM", "BMP"),
    ];
    let webp = bytes.len() > 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP";
    // "BM" opens words too: a bitmap also says its own size in the next four bytes.
    let bmp =
        |b: &[u8]| b.len() > 14 && u32::from_le_bytes([b[2], b[3], b[4], b[5]]) as usize == b.len();
    match webp {
        true => Some("WebP"),
        false => kinds
            .iter()
            .find(|(sig, name)| bytes.starts_with(sig) && (*name != "BMP" || bmp(bytes)))
            .map(|(_, name)| *name),
    }
}

/// True when a decoded text is mostly not text: more than one character in twenty of its
/// first 4096 a control character other than a line or page break or a tab.
fn binary(text: &str) -> bool {
    let sample = text.chars().take(4096);
    let (mut all, mut control) = (0usize, 0usize);
    for c in sample {
        all += 1;
        if (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c')) || c == '\u{fffd}' {
            control += 1;
        }
    }
    control * 20 > all
}

/// The clean text of a file, whose kind is told by its content, then by its name.
pub fn text(name: &str, bytes: &[u8]) -> Result<String, Error> {
    read(name, bytes).map(|i| i.text)
}

/// A file read as clean text, with its kind and marks.
pub fn read(name: &str, bytes: &[u8]) -> Result<Imported, Error> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Error::Import(format!(
            "tệp quá lớn ({:.1} MB); giới hạn là {} MB",
            bytes.len() as f64 / 1_048_576.0,
            MAX_FILE_BYTES / 1_048_576
        )));
    }
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let (raw, kind) = if bytes.starts_with(b"%PDF") {
        return pdf(bytes);
    } else if bytes.starts_with(b"PK\x03\x04") {
        (docx(bytes)?, Kind::Docx)
    } else if super::doc::is_compound(bytes) {
        (super::doc::text(bytes)?, Kind::Doc)
    } else if let Some(image @ ("PNG" | "JPEG")) = image(bytes) {
        return Err(Error::Scan(format!(
            "tệp ảnh {image} chỉ có hình, chưa có chữ: máy này chưa có chương trình nhận dạng chữ (OCR); hãy dùng bản .docx, .doc hay .pdf của văn bản"
        )));
    } else if let Some(image) = image(bytes) {
        return Err(Error::Import(format!(
            "tệp ảnh {image} không có chữ để đọc: hãy nhận dạng chữ (OCR) trước, hoặc dùng bản .docx, .doc hay .pdf của văn bản"
        )));
    } else if matches!(ext.as_str(), "pdf" | "docx" | "doc") {
        return Err(Error::Import(format!(
            "tệp .{ext} bị hỏng hoặc không đúng định dạng .{ext}"
        )));
    } else {
        let raw = decode_text(bytes);
        if binary(&raw) {
            return Err(Error::Import(
                "tệp không phải văn bản: có nhiều ký tự điều khiển (có lẽ là tệp chương trình, nén hay hỏng)".into(),
            ));
        }
        (raw, Kind::Text)
    };
    let text = clean(&raw);
    long(&text)?;
    Ok(Imported {
        text,
        kind,
        marks: Marks::default(),
        ocr: None,
    })
}

/// The pictures of a scan or a photo, for the OCR engine: a PDF's page images, or the
/// photo itself, each turned the way up a viewer shows it.
pub fn scan_pages(bytes: &[u8]) -> Result<super::pdf::scan::Scan, Error> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Error::Import("tệp quá lớn".into()));
    }
    let mut scan = match bytes.starts_with(b"%PDF") {
        true => super::pdf::scan::page_images(bytes)?,
        false => super::pdf::scan::photo(bytes)?,
    };
    if scan.pages.is_empty() {
        return Err(Error::Import(
            "tệp PDF không có chữ, cũng không có ảnh trang để nhận dạng".into(),
        ));
    }
    // The parts a scanning program drew apart over a page (a seal, a handwritten number)
    // are drawn into its picture, as a viewer shows it.
    for (page, patches) in scan.pages.iter_mut().zip(std::mem::take(&mut scan.patches)) {
        if let Some(whole) = super::picture::composed(page, &patches) {
            *page = whole;
        }
    }
    // A page is read the way up a viewer shows it: a PDF page's /Rotate, a phone's photo
    // by its EXIF orientation.
    for (page, turns) in scan.pages.iter_mut().zip(scan.turns.iter_mut()) {
        if *turns > 0 {
            if let Some(upright) = super::picture::turned(page, *turns) {
                *page = upright;
            }
            *turns = 0;
        }
    }
    // A page scanned finer than the engine needs is read at 300 dpi, in a third of the time.
    for page in scan.pages.iter_mut() {
        if let Some(coarser) = super::picture::at_300_dpi(page) {
            *page = coarser;
        }
    }
    Ok(scan)
}

/// The text the OCR engine read from a scan's pages (each with its scale and words), laid
/// out as a text layer is, with how it was read. Refused when it reads as nothing.
pub(crate) fn read_scan(
    pages: &[(f32, Vec<super::pdf::scan::Word>)],
    total_pages: usize,
) -> Result<Imported, Error> {
    let lines = super::pdf::scan::lines(pages);
    let cleaned: Vec<String> = lines.iter().map(|l| clean(&l.text)).collect();
    let mut text = String::new();
    for line in super::scanned::mend_lines(cleaned.iter().map(|l| l.trim_end_matches('\n'))) {
        text.push_str(&line);
        text.push('\n');
    }
    long(&text)?;
    if text.chars().filter(|c| c.is_alphabetic()).count() < 20 {
        return Err(Error::Import(
            "không nhận ra chữ trong bản quét hay ảnh: ảnh mờ, nghiêng hoặc không phải văn bản; hãy quét lại rõ hơn (200–300 dpi)".into(),
        ));
    }
    let words: Vec<f32> = pages
        .iter()
        .flat_map(|(_, w)| w.iter().map(|w| w.conf))
        .collect();
    let confidence =
        (words.iter().sum::<f32>() / words.len().max(1) as f32).clamp(0.0, 100.0) as u8;
    Ok(Imported {
        text,
        kind: Kind::Scan,
        // Every field read from a scan is to be checked (`ocr` says so): a note on the
        // lines rebuilt from two columns would only repeat it.
        marks: Marks::default(),
        ocr: Some(Ocr {
            pages: pages.len(),
            total_pages,
            read: Vec::new(),
            confidence,
            fields: Default::default(),
        }),
    })
}

/// Refuses a text past `MAX_TEXT_CHARS`.
fn long(text: &str) -> Result<(), Error> {
    match text.chars().count() > MAX_TEXT_CHARS {
        true => Err(too_long()),
        false => Ok(()),
    }
}

/// Plain text: UTF-8 (with or without BOM), UTF-16 with BOM; otherwise 8-bit, read as
/// Latin-1 so that TCVN3 and VNI bytes reach `clean` as the letters those fonts show.
pub(crate) fn decode_text(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(rest).into_owned();
    }
    let utf16 = |rest: &[u8], le: bool| {
        let units = rest.chunks_exact(2).map(|p| {
            if le {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        });
        char::decode_utf16(units)
            .map(|c| c.unwrap_or('\u{fffd}'))
            .collect()
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, false);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => bytes.iter().map(|&b| encoding::windows_1252(b)).collect(),
    }
}

/// Clean text: legacy encodings converted line by line, HTML breaks, tags and entities
/// resolved, NFC, control and zero-width characters removed, spaces folded, line ends "\n".
pub fn clean(raw: &str) -> String {
    let text = raw.replace("\r\n", "\n").replace('\r', "\n");
    let text = html(&text);
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = match encoding::detect(line) {
            Some(legacy) => legacy.decode(line),
            None => line.to_string(),
        };
        let line = crate::text::nfc(&line);
        let mut prev_space = false;
        let mut kept = String::with_capacity(line.len());
        for c in line.chars() {
            let c = match c {
                '\u{a0}' | '\t' | '\u{2002}'..='\u{200a}' | '\u{202f}' | '\u{3000}' => ' ',
                '\u{200b}'..='\u{200d}' | '\u{feff}' | '\u{ad}' => continue,
                c if c.is_control() => continue,
                c => c,
            };
            if c == ' ' {
                if prev_space {
                    continue;
                }
                prev_space = true;
            } else {
                prev_space = false;
            }
            kept.push(c);
        }
        out.push_str(kept.trim());
        out.push('\n');
    }
    // More than one blank line in a row says nothing more than one.
    let mut folded = String::with_capacity(out.len());
    let mut blank = 0;
    for line in out.lines() {
        blank = if line.is_empty() { blank + 1 } else { 0 };
        if blank <= 1 {
            folded.push_str(line);
            folded.push('\n');
        }
    }
    folded.trim_matches('\n').to_string() + "\n"
}

/// HTML left in copied text: breaks and block ends become line breaks, other tags go,
/// entities are resolved.
fn html(text: &str) -> String {
    if !text.contains('<') && !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        // A tag ends within a short distance: looking further would make a text of many
        // "<" take a time that grows with its square.
        let end = find_within(after, b'>', TAG_REACH);
        let tag = end.map(|e| after[1..e].trim().to_ascii_lowercase());
        match (end, tag) {
            (Some(e), Some(tag)) if is_tag(&tag) => {
                let name = tag
                    .trim_start_matches('/')
                    .split([' ', '/'])
                    .next()
                    .unwrap_or("");
                if matches!(
                    name,
                    "br" | "p" | "div" | "tr" | "li" | "h1" | "h2" | "h3" | "h4" | "table"
                ) {
                    out.push('\n');
                } else if matches!(name, "td" | "th") {
                    out.push_str(" | ");
                }
                rest = &after[e + 1..];
            }
            _ => {
                out.push('<');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    entities(&out)
}

/// The name of an HTML tag, so that "< 5" or "<Kèm theo>" in text stay text.
fn is_tag(tag: &str) -> bool {
    let name = tag
        .trim_start_matches('/')
        .split([' ', '/'])
        .next()
        .unwrap_or("");
    !name.is_empty()
        && matches!(
            name,
            "br" | "p"
                | "div"
                | "span"
                | "b"
                | "i"
                | "u"
                | "strong"
                | "em"
                | "font"
                | "tr"
                | "td"
                | "th"
                | "table"
                | "tbody"
                | "thead"
                | "li"
                | "ul"
                | "ol"
                | "a"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "sup"
                | "sub"
                | "o:p"
                | "center"
        )
}

/// How far after "<" a tag's ">" is looked for.
const TAG_REACH: usize = 200;
/// How far after "&" an entity's ";" is looked for ("&#x1ed3;" is 8 bytes).
const ENTITY_REACH: usize = 10;

/// Where `byte` first is in the first `reach` bytes of `text` (an ASCII byte, so the
/// offset is a character boundary).
fn find_within(text: &str, byte: u8, reach: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    bytes[..bytes.len().min(reach + 1)]
        .iter()
        .position(|&b| b == byte)
}

/// HTML entities resolved: the named ones a copied page keeps, and numeric ones.
fn entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let end = find_within(after, b';', ENTITY_REACH);
        let decoded = end.and_then(|e| {
            let name = &after[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }?;
            Some((c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text layer of a PDF (`pdf::read`, bounded), a line for each of its lines, with
/// the lines stamped on at issuing and those of rebuilt columns marked. A PDF without a
/// text layer (a scan), or whose layer is not Vietnamese text (an OCR that failed, a
/// stamp of the signature alone), is refused with advice, never read as if it were right.
fn pdf(bytes: &[u8]) -> Result<Imported, Error> {
    let layer = super::pdf::read(bytes)?;
    let mut text = String::new();
    let mut marks = Marks::default();
    for (k, line) in layer.lines.iter().enumerate() {
        text.push_str(clean(&line.text).trim_end_matches('\n'));
        text.push('\n');
        if line.stamped {
            marks.stamped.push(k + 1);
        }
        if line.column {
            marks.columns.push(k + 1);
        }
        if text.len() > 4 * MAX_TEXT_CHARS {
            return Err(too_long());
        }
    }
    long(&text)?;
    if text.chars().filter(|c| c.is_alphabetic()).count() < 20 {
        return Err(Error::Scan(
            "tệp PDF không có lớp chữ (có lẽ là bản scan): máy này chưa có chương trình nhận dạng chữ (OCR); hãy dùng bản .docx".into(),
        ));
    }
    if !reads_as_vietnamese(&text) {
        return Err(Error::Scan(
            "lớp chữ của tệp PDF không phải chữ tiếng Việt đọc được (có lẽ do nhận dạng chữ (OCR) hỏng hoặc mất dấu): hãy dùng bản .docx, hoặc nhận dạng chữ lại từ bản scan".into(),
        ));
    }
    Ok(Imported {
        text,
        kind: Kind::Pdf,
        marks,
        ocr: None,
    })
}

/// Whether a text layer reads as Vietnamese: most of its words are syllables Vietnamese
/// can spell, and enough of them carry its marks. An OCR that lost the marks ("Dang ky
/// chuyen nganh") or read the letters wrong ("CQNG HOA X,[ UgT") fails.
pub(crate) fn reads_as_vietnamese(text: &str) -> bool {
    let words = crate::text::Words::count(text);
    words.total < 30 || words.share_syllables() >= 0.6 && words.share_marked() >= 0.15
}

/// A .docx: its paragraphs as lines, table cells in reading order, footnotes after the
/// paragraph that cites them, text in legacy fonts converted by the run's font. The main
/// part is the one the package names; what is produced stops at `MAX_TEXT_CHARS`, however
/// often a footnote is cited.
fn docx(bytes: &[u8]) -> Result<String, Error> {
    let mut package = super::package::Package::open(bytes)?;
    // Other packages of the same zip form say what they are rather than "not Word".
    for (part, what) in [
        ("xl/workbook.xml", "bảng tính Excel (.xlsx)"),
        ("ppt/presentation.xml", "bản trình chiếu PowerPoint (.pptx)"),
        (
            "content.xml",
            "tệp OpenDocument (.odt, .ods): hãy mở rồi lưu thành .docx",
        ),
    ] {
        if package.has(part) && !package.has("word/document.xml") {
            return Err(Error::Import(format!(
                "tệp này là {what}, không phải văn bản để đọc"
            )));
        }
    }
    let main = package.main_part()?;
    let document = package.text(&main)?.unwrap_or_default();
    let default_font = match package.related(&main, "styles")? {
        Some(styles) => package.text(&styles)?.as_deref().and_then(default_font),
        None => None,
    };
    let notes = match package.related(&main, "footnotes")? {
        Some(part) => match package.text(&part)? {
            Some(x) => walk(&x, default_font.as_deref(), &Default::default())?.notes_by_id,
            None => Default::default(),
        },
        None => Default::default(),
    };
    Ok(walk(&document, default_font.as_deref(), &notes)?.text)
}

/// The most text a .docx's walk produces, in bytes: `MAX_TEXT_CHARS` of the widest
/// Vietnamese letters.
const MAX_WALK_BYTES: usize = 4 * MAX_TEXT_CHARS;

/// "văn bản quá dài", for a text past `MAX_TEXT_CHARS`.
fn too_long() -> Error {
    Error::Import(format!("văn bản quá dài (hơn {MAX_TEXT_CHARS} ký tự)"))
}

/// The font the document's defaults name, which runs without their own font use.
fn default_font(styles: &str) -> Option<String> {
    let mut reader = Reader::from_str(styles);
    let mut in_defaults = false;
    loop {
        match reader.read_event().ok()? {
            Event::Eof => return None,
            Event::Start(e) if e.name().as_ref() == b"w:docDefaults" => in_defaults = true,
            Event::End(e) if e.name().as_ref() == b"w:docDefaults" => return None,
            Event::Empty(e) | Event::Start(e)
                if in_defaults && e.name().as_ref() == b"w:rFonts" =>
            {
                return attr(&e, b"w:ascii").or_else(|| attr(&e, b"w:hAnsi"));
            }
            _ => {}
        }
    }
}

fn attr(e: &quick_xml::events::BytesStart<'_>, key: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok())
        .map(|v| v.into_owned())
}

#[derive(Default)]
struct Walked {
    text: String,
    notes_by_id: std::collections::HashMap<String, String>,
}

/// Walks a WordprocessingML part: text of runs (also inside hyperlinks, fields' results and
/// text boxes), tabs and breaks, one line per paragraph; the fallback copy of drawings and
/// deleted text are skipped.
fn walk(
    xml: &str,
    default_font: Option<&str>,
    notes: &std::collections::HashMap<String, String>,
) -> Result<Walked, Error> {
    let bad = |what: String| Error::Import(format!("tệp .docx không đọc được: {what}"));
    let mut reader = Reader::from_str(xml);
    let mut out = Walked::default();
    // Every byte put out, against `MAX_WALK_BYTES`.
    let mut produced = 0usize;
    let mut count = |n: usize| {
        produced += n;
        match produced > MAX_WALK_BYTES {
            true => Err(too_long()),
            false => Ok(()),
        }
    };
    let mut paras: Vec<String> = Vec::new();
    let mut pending_notes: Vec<String> = Vec::new();
    let mut run_font: Option<String> = None;
    let mut in_text = false;
    let mut skip_depth = 0usize;
    let mut note_id: Option<String> = None;
    let legacy = |font: &Option<String>| font.as_deref().or(default_font).and_then(Legacy::of_font);
    loop {
        let event = reader
            .read_event()
            .map_err(|e| bad(format!("XML hỏng ({e})")))?;
        if skip_depth > 0 {
            match event {
                Event::Start(_) => skip_depth += 1,
                Event::End(_) => skip_depth -= 1,
                Event::Eof => break,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Eof => break,
            Event::Start(e) => match e.name().as_ref() {
                b"mc:Fallback" | b"w:del" | b"w:instrText" | b"w:delText" => skip_depth = 1,
                b"w:p" => paras.push(String::new()),
                b"w:r" => run_font = None,
                b"w:t" => in_text = true,
                b"w:footnote" => note_id = attr(&e, b"w:id"),
                _ => {}
            },
            Event::Empty(e) => match e.name().as_ref() {
                b"w:rFonts" => run_font = attr(&e, b"w:ascii").or_else(|| attr(&e, b"w:hAnsi")),
                b"w:tab" => {
                    if let Some(p) = paras.last_mut() {
                        p.push(' ');
                    }
                }
                b"w:br" | b"w:cr" => {
                    if let Some(p) = paras.last_mut() {
                        p.push('\n');
                    }
                }
                b"w:footnoteReference" => {
                    if let Some(text) = attr(&e, b"w:id").and_then(|id| notes.get(&id)) {
                        count(text.len())?;
                        pending_notes.push(text.clone());
                    }
                }
                b"w:p" => out.text.push('\n'),
                _ => {}
            },
            Event::Text(t) if in_text => {
                let s = t.decode().map_err(|e| bad(e.to_string()))?;
                let s = match legacy(&run_font) {
                    Some(l) => l.decode(&s),
                    None => s.into_owned(),
                };
                count(s.len())?;
                if let Some(p) = paras.last_mut() {
                    p.push_str(&s);
                }
            }
            Event::GeneralRef(r) if in_text => {
                count(1)?;
                let name = r.decode().map_err(|e| bad(e.to_string()))?;
                let c = match name.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    _ => "",
                };
                if let Some(p) = paras.last_mut() {
                    p.push_str(c);
                }
            }
            Event::End(e) => match e.name().as_ref() {
                b"w:t" => in_text = false,
                b"w:p" => {
                    let p = paras.pop().unwrap_or_default();
                    // Nested paragraphs (text boxes) come out before the one holding them.
                    out.text.push_str(p.trim());
                    out.text.push('\n');
                    for note in pending_notes.drain(..) {
                        out.text.push_str(&note);
                        out.text.push('\n');
                    }
                }
                b"w:footnote" => {
                    if let Some(id) = note_id.take() {
                        let body = std::mem::take(&mut out.text);
                        out.notes_by_id.insert(id, body.trim().replace('\n', " "));
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(raw: &str, expected: &str) {
        assert_eq!(clean(raw), expected);
    }

    #[test]
    fn web_leftovers_are_removed() {
        check(
            "Kính gửi:<br>- Sở Nội vụ;<br/>- Sở Tài chính.",
            "Kính gửi:\n- Sở Nội vụ;\n- Sở Tài chính.\n",
        );
        check(
            "<p>Số: 12/UBND-VX</p><p>V/v &amp; tăng&nbsp;cường</p>",
            "Số: 12/UBND-VX\n\nV/v & tăng cường\n",
        );
        check("điểm < 5 và <Kèm theo>", "điểm < 5 và <Kèm theo>\n");
        check("a &#273;&#x1ed3;ng", "a đồng\n");
    }

    #[test]
    fn nfd_and_spacing_are_normalised() {
        check(
            "Vie\u{302}\u{323}t  Nam\u{200b}\t\u{a0}2024\r\n\r\n\r\n\r\nHết",
            "Việt Nam 2024\n\nHết\n",
        );
    }

    #[test]
    fn legacy_lines_are_converted() {
        check(
            "C«ng v¨n sè 464/L§L§\nCông văn Unicode",
            "Công văn số 464/LĐLĐ\nCông văn Unicode\n",
        );
        check("Coâng vaên soá 464", "Công văn số 464\n");
    }

    #[test]
    fn text_encodings() {
        assert_eq!(decode_text("Hà Nội".as_bytes()), "Hà Nội");
        assert_eq!(decode_text(b"\xEF\xBB\xBFH\xC3\xA0"), "Hà");
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Hà Nội".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode_text(&le), "Hà Nội");
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Hà Nội".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode_text(&be), "Hà Nội");
        // 8-bit TCVN3 bytes arrive as the Latin-1 letters the font shows, then convert.
        assert_eq!(clean(&decode_text(b"C\xABng v\xA8n")), "Công văn\n");
        // Windows quotes and dashes in 8-bit text survive.
        assert_eq!(
            clean(&decode_text(b"\x93Ng\xE0y h\xF4i\x94 \x96 2024")),
            "“Ngày hôi” – 2024\n"
        );
    }

    /// A .docx package with this body (and footnotes, when given).
    fn package(body: &str, footnotes: Option<&str>) -> Vec<u8> {
        let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("word/document.xml", opts).unwrap();
        std::io::Write::write_all(
            &mut zip,
            format!("<w:document {w}><w:body>{body}</w:body></w:document>").as_bytes(),
        )
        .unwrap();
        if let Some(notes) = footnotes {
            zip.start_file("word/footnotes.xml", opts).unwrap();
            std::io::Write::write_all(
                &mut zip,
                format!("<w:footnotes {w}>{notes}</w:footnotes>").as_bytes(),
            )
            .unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn run(font: Option<&str>, text: &str) -> String {
        let props = font
            .map(|f| format!(r#"<w:rPr><w:rFonts w:ascii="{f}" w:hAnsi="{f}"/></w:rPr>"#))
            .unwrap_or_default();
        format!(r#"<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>"#)
    }

    #[test]
    fn docx_runs_in_legacy_fonts_are_converted_by_their_font() {
        let body = format!(
            "<w:p>{}{}</w:p><w:p>{}</w:p>",
            run(Some(".VnTimeH"), "céng hoµ x· héi"),
            run(None, " 2024"),
            run(Some("VNI-Times"), "Coâng vaên soá 5"),
        );
        assert_eq!(
            text("a.docx", &package(&body, None)).unwrap(),
            "CỘNG HOÀ XÃ HỘI 2024\nCông văn số 5\n"
        );
    }

    #[test]
    fn docx_hyperlinks_tables_footnotes_and_what_to_skip() {
        let body = format!(
            concat!(
                "<w:tbl><w:tr><w:tc><w:p>{}</w:p></w:tc><w:tc><w:p>{}</w:p></w:tc></w:tr></w:tbl>",
                r#"<w:p>{}<w:hyperlink r:id="x">{}</w:hyperlink>{}<w:r><w:footnoteReference w:id="1"/></w:r></w:p>"#,
                "<w:p><w:del><w:r><w:delText>bỏ đi</w:delText></w:r></w:del>{}",
                "<mc:AlternateContent><mc:Choice><w:r><w:t>hộp chữ</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>hộp chữ</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>",
            ),
            run(None, "UBND TỈNH TÂY NINH"),
            run(None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            run(None, "Xem "),
            run(None, "Kế hoạch số 1062/KH-UBND"),
            run(None, " tại cổng"),
            run(None, "Còn lại "),
        );
        let notes =
            r#"<w:footnote w:id="1"><w:p><w:r><w:t>Chú thích một.</w:t></w:r></w:p></w:footnote>"#;
        assert_eq!(
            text("a.docx", &package(&body, Some(notes))).unwrap(),
            "UBND TỈNH TÂY NINH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nXem Kế hoạch số 1062/KH-UBND tại cổng\nChú thích một.\nCòn lại hộp chữ\n"
        );
    }

    #[test]
    fn files_that_cannot_be_read_say_why() {
        let err = |name: &str, bytes: &[u8]| text(name, bytes).unwrap_err().to_string();
        assert!(err("a.doc", &[0xD0, 0xCF, 0x11, 0xE0, 0, 0]).contains(".doc bị hỏng"));
        assert!(err("a.pdf", b"not a pdf").contains("bị hỏng"));
        assert!(err("a.docx", b"PK\x03\x04garbage").contains(".docx không đọc được"));
        assert!(err("big.txt", &vec![b'a'; MAX_FILE_BYTES + 1]).contains("quá lớn"));
        assert!(err("scan.pdf", b"%PDF-1.4\n%%EOF").contains("PDF"));
    }
    #[test]
    fn images_spreadsheets_and_binary_files_are_refused_saying_what_they_are() {
        let refused = |name: &str, bytes: &[u8]| read(name, bytes).unwrap_err().to_string();
        assert!(refused("a.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").contains("ảnh PNG"));
        assert!(refused("a.jpg", b"\xff\xd8\xff\xe0\0\x10JFIF").contains("ảnh JPEG"));
        let mut noise = Vec::new();
        let mut x: u32 = 7;
        for _ in 0..3000 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            noise.push((x >> 16) as u8);
        }
        assert!(refused("a.bin", &noise).contains("không phải văn bản"));
        // "BM" opening a line of text is text, not a bitmap.
        assert!(read("a.txt", "BM Kế hoạch số 5/KH-LĐLĐ".as_bytes()).is_ok());
    }
}
