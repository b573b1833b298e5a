//! The text layer of a PDF, read by position within bounds. The file is loaded with every
//! stream it inflates to build itself (object and cross-reference streams) held to a
//! limit; each page's drawing program is then run for its glyphs (`page`), forms and
//! annotations' appearances included, with its fonts' maps (`font`); and the lines are
//! rebuilt from where the glyphs are (`layout`). Forms that draw themselves, pages whose
//! parents loop, forms nested too deep or drawn too often, and content past its size are
//! refused with a message naming the limit. The work runs on a thread of its own with a
//! time limit, so that what the bounds did not foresee ends in a message too, never in a
//! crash or a frozen window.

mod font;
pub mod layout;
mod lexer;
mod page;
pub mod scan;
mod tables;
#[cfg(test)]
mod tests;

use std::sync::mpsc;
use std::time::Duration;

use lopdf::{Document, LoadOptions, Stream};

use crate::error::Error;
pub use layout::Line;

/// At most this many forms drawn, counting each time one is drawn.
pub(crate) const MAX_DRAWINGS: u64 = 10_000;
/// At most this many forms inside one another.
pub(crate) const MAX_NESTING: usize = 32;
/// At most this many bytes in one stream, inflated (a content stream, an object stream).
pub(crate) const MAX_STREAM_BYTES: usize = 32 * 1024 * 1024;
/// At most this many bytes of content streams, inflated, for the whole document.
pub(crate) const MAX_CONTENT_BYTES: u64 = 128 * 1024 * 1024;
/// At most this many operators run, for the whole document.
pub(crate) const MAX_OPERATIONS: u64 = 20_000_000;
/// At most this many glyphs kept: a text of the longest length read, and its spaces.
pub(crate) const MAX_GLYPHS: u64 = crate::text::MAX_TEXT_CHARS as u64 * 6 / 5;
/// At most this many pages read.
pub(crate) const MAX_PAGES: usize = 2000;
/// At most this many parents above a page.
const MAX_PARENTS: usize = 64;
/// The longest the reading may take.
pub(crate) const TIME_LIMIT: Duration = Duration::from_secs(15);
/// The stack of the reading's thread: deep for the nesting the walk allows.
const STACK_BYTES: usize = 64 * 1024 * 1024;

/// What a PDF's text layer holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layer {
    /// Its lines in reading order.
    pub lines: Vec<Line>,
    /// Its pages.
    pub pages: usize,
    /// Images drawn on its pages (a scan is one a page).
    pub images: usize,
    /// Glyphs shown, and of them those drawn invisibly (the text an OCR program lays over a
    /// scan).
    pub glyphs: usize,
    /// See `glyphs`.
    pub invisible: usize,
}

impl Layer {
    /// The text, a line for each line.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for line in &self.lines {
            s.push_str(&line.text);
            s.push('\n');
        }
        s
    }
}

/// Reads a PDF's text layer, or says why it cannot be read.
pub fn read(bytes: &[u8]) -> Result<Layer, Error> {
    bounded(bytes, extract)
}

/// Runs `work` on the file on a thread of its own, with a large stack and `TIME_LIMIT`.
fn bounded<T: Send + 'static>(
    bytes: &[u8],
    work: fn(&[u8]) -> Result<T, String>,
) -> Result<T, Error> {
    let bytes = bytes.to_vec();
    let (send, receive) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("pdf".into())
        .stack_size(STACK_BYTES)
        .spawn(move || {
            // A panic in the PDF library on a malformed file is a bad file.
            let result =
                std::panic::catch_unwind(|| work(&bytes)).unwrap_or_else(|_| Err(damaged()));
            let _ = send.send(result);
        });
    if spawned.is_err() {
        return Err(Error::Import("không đủ bộ nhớ để đọc tệp PDF".into()));
    }
    match receive.recv_timeout(TIME_LIMIT) {
        Ok(result) => result.map_err(Error::Import),
        // The thread is left to end on its own: a thread cannot be stopped from outside.
        Err(_) => Err(Error::Import(format!(
            "tệp PDF đọc quá {} giây mà chưa xong: tệp có cấu trúc bất thường; hãy dùng bản .docx",
            TIME_LIMIT.as_secs()
        ))),
    }
}

/// The text of a PDF's text layer, a line for each line.
pub fn text(bytes: &[u8]) -> Result<String, Error> {
    read(bytes).map(|l| l.text())
}

/// At most this many bytes of a PDF's structure: what is not stream data (objects'
/// dictionaries and arrays, the cross-reference table), object streams inflated. The PDF
/// library holds each number or name of the structure as an object of its own, about 125
/// bytes: 4 MB of "0 0 0 …" is 250 MB of memory. A real letter has 10 to 20 KB a page.
pub(crate) const MAX_STRUCTURE_BYTES: usize = 4 * 1024 * 1024;

/// Refuses a file whose structure, object streams inflated, is past `MAX_STRUCTURE_BYTES`,
/// before it is loaded. Stream data is skipped from "stream" to "endstream".
fn structure(bytes: &[u8]) -> Result<(), String> {
    use std::io::Read;
    let find = |from: usize, what: &[u8]| {
        bytes
            .get(from..)
            .and_then(|rest| rest.windows(what.len()).position(|w| w == what))
            .map(|p| p + from)
    };
    let too_big = || {
        refused(&format!(
            "có phần cấu trúc lớn quá {} MB",
            MAX_STRUCTURE_BYTES >> 20
        ))
    };
    let mut total = 0usize;
    let mut at = 0usize;
    while let Some(p) = find(at, b"stream") {
        let is_end = p >= 3 && &bytes[p - 3..p] == b"end";
        let data = match bytes.get(p + 6..p + 8) {
            Some([b'\r', b'\n']) => p + 8,
            Some([b'\n', _]) | Some([b'\r', _]) => p + 7,
            _ => p + 6,
        };
        if is_end {
            total += data - at;
            at = data;
            continue;
        }
        total += p - at;
        let end = find(data, b"endstream").unwrap_or(bytes.len());
        // An object stream is structure too, once inflated.
        let head = &bytes[p.saturating_sub(512)..p];
        let head = &head[head.windows(3).rposition(|w| w == b"obj").unwrap_or(0)..];
        let contains = |w: &[u8]| head.windows(w.len()).any(|x| x == w);
        if contains(b"/ObjStm") {
            let left = (MAX_STRUCTURE_BYTES + 1).saturating_sub(total) as u64;
            total += match contains(b"/FlateDecode") {
                true => {
                    let mut sink = Vec::new();
                    let mut z = flate2::read::ZlibDecoder::new(&bytes[data..end]).take(left);
                    let _ = z.read_to_end(&mut sink);
                    sink.len()
                }
                // Other filters inflate no more than a few hundred times.
                false => (end - data).saturating_mul(256),
            };
        }
        if total > MAX_STRUCTURE_BYTES {
            return Err(too_big());
        }
        at = end + 9;
    }
    total += bytes.len().saturating_sub(at);
    match total > MAX_STRUCTURE_BYTES {
        true => Err(too_big()),
        false => Ok(()),
    }
}

/// Loads the document within bounds.
fn load(bytes: &[u8]) -> Result<Document, String> {
    structure(bytes)?;
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_STREAM_BYTES),
        ..LoadOptions::default()
    };
    Document::load_mem_with_options(bytes, options).map_err(|e| match e {
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => refused(
            &format!("có phần nén lớn quá {} MB", MAX_STREAM_BYTES >> 20),
        ),
        e => format!("không đọc được tệp PDF: {e}"),
    })
}

/// Loads the document within bounds, then reads its pages.
fn extract(bytes: &[u8]) -> Result<Layer, String> {
    let doc = load(bytes)?;
    let mut budget = Budget::default();
    let mut fonts = page::Fonts::default();
    let mut pages = Vec::new();
    for (n, id) in doc.get_pages().into_values().enumerate() {
        if n >= MAX_PAGES {
            return Err(refused(&format!("có hơn {MAX_PAGES} trang")));
        }
        pages.push(page::read(&doc, id, &mut fonts, &mut budget)?);
    }
    let readings = layout::readings(&pages, &fonts.list);
    Ok(Layer {
        lines: layout::lines(&pages, &readings),
        pages: pages.len(),
        images: pages.iter().map(|p| p.images).sum(),
        glyphs: pages.iter().map(|p| p.glyphs.len()).sum(),
        invisible: pages.iter().map(|p| p.invisible).sum(),
    })
}

/// What the reading may still spend: forms drawn, bytes inflated, operators run and
/// glyphs kept, over the whole document.
#[derive(Default)]
struct Budget {
    drawings: u64,
    inflated: u64,
    operations: u64,
    glyphs: u64,
}

impl Budget {
    /// A stream's content inflated, within `MAX_STREAM_BYTES` and, for the document,
    /// `MAX_CONTENT_BYTES`. A stream cut short keeps what could be inflated.
    fn inflate(&mut self, stream: &Stream) -> Result<Vec<u8>, String> {
        let data = match stream.decompressed_content_with_limit(MAX_STREAM_BYTES) {
            Ok(data) => data,
            Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                ..
            })) => {
                return Err(refused(&format!(
                    "có phần nội dung lớn quá {} MB",
                    MAX_STREAM_BYTES >> 20
                )))
            }
            Err(_) => partial(stream),
        };
        self.inflated += data.len() as u64;
        if self.inflated > MAX_CONTENT_BYTES {
            return Err(refused(&format!(
                "nội dung cộng lại lớn quá {} MB",
                MAX_CONTENT_BYTES >> 20
            )));
        }
        Ok(data)
    }

    fn drawing(&mut self) -> Result<(), String> {
        self.drawings += 1;
        match self.drawings > MAX_DRAWINGS {
            true => Err(refused(&format!("có quá {MAX_DRAWINGS} lần vẽ hình"))),
            false => Ok(()),
        }
    }

    fn operation(&mut self) -> Result<(), String> {
        self.operations += 1;
        match self.operations > MAX_OPERATIONS {
            true => Err(refused(&format!("có quá {MAX_OPERATIONS} lệnh vẽ"))),
            false => Ok(()),
        }
    }

    fn glyph(&mut self) -> Result<(), String> {
        self.glyphs += 1;
        match self.glyphs > MAX_GLYPHS {
            true => Err(format!(
                "văn bản quá dài (hơn {} ký tự)",
                crate::text::MAX_TEXT_CHARS
            )),
            false => Ok(()),
        }
    }
}

/// What can be inflated of a deflated stream cut short (viewers show what is there),
/// within `MAX_STREAM_BYTES`; other broken streams are empty.
fn partial(stream: &Stream) -> Vec<u8> {
    use std::io::Read;
    let deflated = stream
        .filters()
        .is_ok_and(|f| f.len() == 1 && f[0] == b"FlateDecode");
    if !deflated {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut inflater =
        flate2::read::ZlibDecoder::new(stream.content.as_slice()).take(MAX_STREAM_BYTES as u64);
    let _ = inflater.read_to_end(&mut out);
    out
}

fn refused(what: &str) -> String {
    format!("tệp PDF có cấu trúc bất thường ({what}), không đọc được: hãy dùng bản .docx")
}

fn damaged() -> String {
    "tệp PDF bị hỏng, không đọc được".into()
}

#[cfg(test)]
mod structure_tests {
    use super::*;

    fn check(bytes: &[u8], ok: bool) {
        assert_eq!(
            structure(bytes).is_ok(),
            ok,
            "{}",
            String::from_utf8_lossy(&bytes[..40.min(bytes.len())])
        );
    }

    #[test]
    fn stream_data_is_not_structure_but_object_streams_are() {
        let big = vec![b'x'; MAX_STRUCTURE_BYTES + 10];
        let mut data = b"1 0 obj << /Length 9 >> stream\n".to_vec();
        data.extend(&big);
        data.extend(b"\nendstream endobj");
        check(&data, true);
        let mut flat = b"1 0 obj [".to_vec();
        flat.extend(b"0 ".repeat(MAX_STRUCTURE_BYTES / 2 + 1));
        flat.extend(b"] endobj");
        check(&flat, false);
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        std::io::Write::write_all(&mut z, &b"0 ".repeat(MAX_STRUCTURE_BYTES)).unwrap();
        let packed = z.finish().unwrap();
        let mut objstm =
            b"5 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >> stream\r\n".to_vec();
        objstm.extend(&packed);
        objstm.extend(b"endstream endobj");
        check(&objstm, false);
    }
}
