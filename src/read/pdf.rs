//! The text layer of a PDF, read within bounds. The PDF's drawing program is walked first
//! without drawing anything: a form that draws itself (directly or round a loop), pages
//! whose parents loop, forms nested too deep, too many drawings in all (forms drawing
//! forms ten times over, eight levels down), or a content stream that inflates past a
//! limit are refused with a message naming the limit. Only then is the text extracted,
//! on a thread of its own with a large stack and a time limit, so that what the walk did
//! not foresee ends in a message too, never in a crash or a frozen window.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::sync::mpsc;
use std::time::Duration;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use crate::error::Error;

/// At most this many forms drawn, counting each time one is drawn.
pub const MAX_DRAWINGS: u64 = 10_000;
/// At most this many forms inside one another.
pub const MAX_NESTING: usize = 32;
/// At most this many bytes in one content stream, inflated.
pub const MAX_STREAM_BYTES: u64 = 32 * 1024 * 1024;
/// At most this many bytes of content streams, inflated, for the whole document.
pub const MAX_CONTENT_BYTES: u64 = 128 * 1024 * 1024;
/// At most this many parents above a page.
const MAX_PARENTS: usize = 64;
/// The longest the text extraction may take.
pub const TIME_LIMIT: Duration = Duration::from_secs(15);
/// The stack of the extraction's thread: deep for the nesting the walk allows.
const STACK_BYTES: usize = 256 * 1024 * 1024;

/// The text of a PDF's text layer, or why it cannot be read.
pub fn text(bytes: &[u8]) -> Result<String, Error> {
    let bytes = bytes.to_vec();
    let (send, receive) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("pdf".into())
        .stack_size(STACK_BYTES)
        .spawn(move || {
            // pdf-extract can panic on malformed files; a panic there is a bad file.
            let result = std::panic::catch_unwind(|| extract(&bytes))
                .unwrap_or_else(|_| Err("tệp PDF bị hỏng, không đọc được".into()));
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

/// Walks the document, then extracts its text.
fn extract(bytes: &[u8]) -> Result<String, String> {
    let doc = Document::load_mem(bytes).map_err(|e| format!("không đọc được tệp PDF: {e}"))?;
    walk(&doc)?;
    drop(doc);
    pdf_extract::extract_text_from_mem(bytes).map_err(|e| format!("không đọc được tệp PDF: {e}"))
}

/// Where the walk is: the drawings counted, the bytes inflated, the streams decoded.
struct Walk<'a> {
    doc: &'a Document,
    drawings: u64,
    inflated: u64,
    decoded: HashMap<ObjectId, Vec<lopdf::content::Operation>>,
}

/// Walks every page's drawing program as pdf-extract will, refusing what is past a bound.
fn walk(doc: &Document) -> Result<(), String> {
    let mut walk = Walk {
        doc,
        drawings: 0,
        inflated: 0,
        decoded: HashMap::new(),
    };
    let empty = Dictionary::new();
    for page in doc.get_pages().into_values() {
        let dict = doc.get_dictionary(page).map_err(|_| damaged())?;
        let resources = inherited(doc, dict, b"Resources")?
            .and_then(|o| o.as_dict().ok())
            .unwrap_or(&empty);
        let mut content = Vec::new();
        for id in doc.get_page_contents(page) {
            if let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) {
                content.extend(walk.inflate(stream)?);
                content.push(b'\n');
            }
        }
        let operations = Content::decode(&content)
            .map(|c| c.operations)
            .unwrap_or_default();
        walk.draw(&operations, resources, &mut Vec::new())?;
    }
    Ok(())
}

impl<'a> Walk<'a> {
    /// Follows the forms `operations` draw with `resources`; `within` are the forms being
    /// drawn around them.
    fn draw(
        &mut self,
        operations: &[lopdf::content::Operation],
        resources: &'a Dictionary,
        within: &mut Vec<ObjectId>,
    ) -> Result<(), String> {
        for op in operations.iter().filter(|op| op.operator == "Do") {
            let Some(name) = op.operands.first().and_then(|o| o.as_name().ok()) else {
                continue;
            };
            let Some(id) = resources
                .get(b"XObject")
                .ok()
                .and_then(|o| self.deref(o))
                .and_then(|o| o.as_dict().ok())
                .and_then(|x| x.get(name).ok())
                .and_then(|o| o.as_reference().ok())
            else {
                continue;
            };
            let Ok(form) = self.doc.get_object(id).and_then(Object::as_stream) else {
                continue;
            };
            if form.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form") {
                continue;
            }
            if within.contains(&id) {
                return Err(refused("có hình vẽ lồng vào chính nó"));
            }
            if within.len() >= MAX_NESTING {
                return Err(refused(&format!("có hình vẽ lồng quá {MAX_NESTING} lớp")));
            }
            self.drawings += 1;
            if self.drawings > MAX_DRAWINGS {
                return Err(refused(&format!("có quá {MAX_DRAWINGS} lần vẽ hình")));
            }
            let inner = form
                .dict
                .get(b"Resources")
                .ok()
                .and_then(|o| self.deref(o))
                .and_then(|o| o.as_dict().ok())
                .unwrap_or(resources);
            if !self.decoded.contains_key(&id) {
                let content = self.inflate(form)?;
                let operations = Content::decode(&content)
                    .map(|c| c.operations)
                    .unwrap_or_default();
                self.decoded.insert(id, operations);
            }
            let operations = self.decoded[&id].clone();
            within.push(id);
            self.draw(&operations, inner, within)?;
            within.pop();
        }
        Ok(())
    }

    /// An object, or what a reference points to.
    fn deref(&self, object: &'a Object) -> Option<&'a Object> {
        self.doc.dereference(object).ok().map(|(_, o)| o)
    }

    /// A content stream inflated, within `MAX_STREAM_BYTES` and, for the document,
    /// `MAX_CONTENT_BYTES`. Deflate is inflated here with a limit; other filters by lopdf.
    fn inflate(&mut self, stream: &Stream) -> Result<Vec<u8>, String> {
        let filters = stream.filters().unwrap_or_default();
        let data = match filters.as_slice() {
            [] => stream.content.clone(),
            [b"FlateDecode"] => {
                let mut out = Vec::new();
                let mut inflater = flate2::read::ZlibDecoder::new(stream.content.as_slice())
                    .take(MAX_STREAM_BYTES + 1);
                // A stream cut short keeps what was inflated, as pdf-extract does.
                let _ = inflater.read_to_end(&mut out);
                out
            }
            _ => stream
                .decompressed_content()
                .unwrap_or_else(|_| stream.content.clone()),
        };
        if data.len() as u64 > MAX_STREAM_BYTES {
            return Err(refused(&format!(
                "có phần nội dung lớn quá {} MB",
                MAX_STREAM_BYTES >> 20
            )));
        }
        self.inflated += data.len() as u64;
        if self.inflated > MAX_CONTENT_BYTES {
            return Err(refused(&format!(
                "nội dung cộng lại lớn quá {} MB",
                MAX_CONTENT_BYTES >> 20
            )));
        }
        Ok(data)
    }
}

/// A page's entry `key`, or its parent's, up the page tree; refused when the parents loop.
fn inherited<'a>(
    doc: &'a Document,
    page: &'a Dictionary,
    key: &[u8],
) -> Result<Option<&'a Object>, String> {
    let mut dict = page;
    let mut seen = HashSet::new();
    for _ in 0..MAX_PARENTS {
        if let Ok(found) = dict.get(key) {
            return Ok(doc.dereference(found).ok().map(|(_, o)| o));
        }
        let Some(parent) = dict.get(b"Parent").and_then(Object::as_reference).ok() else {
            return Ok(None);
        };
        if !seen.insert(parent) {
            return Err(refused("có trang nằm trong vòng lặp"));
        }
        dict = doc.get_dictionary(parent).map_err(|_| damaged())?;
    }
    Err(refused(&format!("có trang lồng quá {MAX_PARENTS} lớp")))
}

fn refused(what: &str) -> String {
    format!("tệp PDF có cấu trúc bất thường ({what}), không đọc được: hãy dùng bản .docx")
}

fn damaged() -> String {
    "tệp PDF bị hỏng, không đọc được".into()
}
