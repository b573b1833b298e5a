//! The incremental update that adds a signature (ISO 32000-1 §7.5.6, §12.8): the signature
//! dictionary with room for the CMS, its field and widget on a page, the page and the form
//! rewritten to list it; the bytes before stay as they were, so earlier signatures hold.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, IncrementalDocument, Object, ObjectId, Stream, StringFormat};
use sha2::{Digest, Sha256};

use super::field::{pdf_date, Request};
use crate::error::Error;

/// What the `/ByteRange` holds until the offsets are known: as wide as any offset.
const PLACE: i64 = 9_999_999_999;

/// `pdf` with a signature field added whose `/Contents` has `room` bytes, and where the
/// hex string of `/Contents` lies (from its `<` to after its `>`); `/ByteRange` is filled.
pub(crate) fn with_room(
    pdf: &[u8],
    request: &Request,
    signer: &str,
    room: usize,
) -> Result<(Vec<u8>, (usize, usize)), Error> {
    let doc = Document::load_mem(pdf)
        .map_err(|e| Error::Sign(format!("tệp PDF hỏng hoặc không đọc được ({e})")))?;
    if doc.is_encrypted() {
        return Err(Error::Sign(
            "tệp PDF có mật khẩu: hãy bỏ mật khẩu rồi ký".into(),
        ));
    }
    let pages = doc.get_pages();
    let page_number = request.visible.as_ref().map_or(0, |v| v.page) as u32 + 1;
    let page_id = *pages.get(&page_number).ok_or_else(|| {
        Error::Sign(format!(
            "tệp PDF có {} trang, không có trang {page_number} để đặt chữ ký",
            pages.len()
        ))
    })?;
    let root = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|_| Error::Sign("tệp PDF không có mục lục (Root)".into()))?;
    let field = field_name(&doc, &request.field);

    let mut inc = IncrementalDocument::create_from(pdf.to_vec(), doc);
    let new = &mut inc.new_document;

    let mut sig = Dictionary::new();
    sig.set("Type", Object::Name(b"Sig".to_vec()));
    sig.set("Filter", Object::Name(b"Adobe.PPKLite".to_vec()));
    sig.set("SubFilter", Object::Name(b"ETSI.CAdES.detached".to_vec()));
    sig.set(
        "ByteRange",
        Object::Array(vec![
            Object::Integer(0),
            Object::Integer(PLACE),
            Object::Integer(PLACE),
            Object::Integer(PLACE),
        ]),
    );
    sig.set(
        "Contents",
        Object::String(vec![0; room], StringFormat::Hexadecimal),
    );
    sig.set(
        "M",
        Object::String(pdf_date(request.time).into_bytes(), StringFormat::Literal),
    );
    sig.set("Name", text(signer));
    if let Some(reason) = &request.reason {
        sig.set("Reason", text(reason));
    }
    let sig_id = new.add_object(sig);

    let (rect, form) = match &request.visible {
        Some(v) => (v.rect, stamp_form(&v.stamp, new)?),
        None => {
            let mut blank = Dictionary::new();
            blank.set("Type", Object::Name(b"XObject".to_vec()));
            blank.set("Subtype", Object::Name(b"Form".to_vec()));
            blank.set("BBox", numbers(&[0.0, 0.0, 0.0, 0.0]));
            ([0.0; 4], new.add_object(Stream::new(blank, Vec::new())))
        }
    };
    let mut widget = Dictionary::new();
    widget.set("Type", Object::Name(b"Annot".to_vec()));
    widget.set("Subtype", Object::Name(b"Widget".to_vec()));
    widget.set("FT", Object::Name(b"Sig".to_vec()));
    widget.set("T", text(&field));
    widget.set("V", Object::Reference(sig_id));
    widget.set("P", Object::Reference(page_id));
    widget.set("Rect", numbers(&rect));
    // Printed, and locked: a reader may not move or delete it.
    widget.set("F", Object::Integer(4 | 128));
    let mut ap = Dictionary::new();
    ap.set("N", Object::Reference(form));
    widget.set("AP", Object::Dictionary(ap));
    let widget_id = inc.new_document.add_object(widget);

    push_to(&mut inc, page_id, b"Annots", widget_id)?;
    acro_form(&mut inc, root, widget_id)?;

    let mut out = Vec::with_capacity(pdf.len() + 2 * room + 8192);
    inc.save_to(&mut out)
        .map_err(|e| Error::Sign(format!("không ghi được tệp PDF ({e})")))?;
    let hole = fill_range(&mut out, pdf.len(), room)?;
    Ok((out, hole))
}

/// The SHA-256 of the file without the hole for the signature.
pub(crate) fn digest(bytes: &[u8], hole: (usize, usize)) -> Vec<u8> {
    let mut d = Sha256::new();
    d.update(&bytes[..hole.0]);
    d.update(&bytes[hole.1..]);
    d.finalize().to_vec()
}

/// `wanted`, or "`wanted` 2", "`wanted` 3", …: a name no field of the document has.
fn field_name(doc: &Document, wanted: &str) -> String {
    let taken: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter_map(|d| d.get(b"T").ok())
        .filter_map(|t| t.as_str().ok().map(super::verify::decode_text))
        .collect();
    std::iter::once(wanted.to_string())
        .chain((2..).map(|n| format!("{wanted} {n}")))
        .find(|name| !taken.contains(name))
        .unwrap_or_default()
}

/// A PDF text string: as it is when ASCII, else UTF-16BE with its byte order mark.
fn text(s: &str) -> Object {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xfe, 0xff];
        for unit in s.encode_utf16() {
            bytes.extend(unit.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Literal)
    }
}

fn numbers(values: &[f32]) -> Object {
    Object::Array(values.iter().map(|&v| Object::Real(v)).collect())
}

/// Adds `item` to the array `key` of the object `id`, which the update rewrites; the array
/// may be there, be another object, or not be there yet.
fn push_to(
    inc: &mut IncrementalDocument,
    id: ObjectId,
    key: &[u8],
    item: ObjectId,
) -> Result<(), Error> {
    inc.opt_clone_object_to_new_document(id).map_err(broken)?;
    let current = inc
        .new_document
        .get_dictionary(id)
        .map_err(broken)?
        .get(key)
        .cloned();
    match current {
        Ok(Object::Reference(array_id)) => push_to_array(inc, array_id, item),
        Ok(Object::Array(mut a)) => {
            a.push(Object::Reference(item));
            set(inc, id, key, Object::Array(a))
        }
        _ => set(inc, id, key, Object::Array(vec![Object::Reference(item)])),
    }
}

fn set(
    inc: &mut IncrementalDocument,
    id: ObjectId,
    key: &[u8],
    value: Object,
) -> Result<(), Error> {
    inc.new_document
        .get_dictionary_mut(id)
        .map_err(broken)?
        .set(key.to_vec(), value);
    Ok(())
}

fn broken(e: lopdf::Error) -> Error {
    Error::Sign(format!("tệp PDF hỏng ({e})"))
}

/// Lists the field in the document's form (made when there is none), with the flags that
/// say the document is signed and only appended to.
fn acro_form(inc: &mut IncrementalDocument, root: ObjectId, field: ObjectId) -> Result<(), Error> {
    inc.opt_clone_object_to_new_document(root).map_err(broken)?;
    let form = inc
        .new_document
        .get_dictionary(root)
        .map_err(broken)?
        .get(b"AcroForm")
        .cloned();
    match form {
        Ok(Object::Reference(form_id)) => {
            push_to(inc, form_id, b"Fields", field)?;
            set(inc, form_id, b"SigFlags", Object::Integer(3))
        }
        Ok(Object::Dictionary(mut form)) => {
            form.set("SigFlags", Object::Integer(3));
            match form.get(b"Fields").cloned() {
                Ok(Object::Reference(array_id)) => {
                    set(inc, root, b"AcroForm", Object::Dictionary(form))?;
                    push_to_array(inc, array_id, field)
                }
                Ok(Object::Array(mut a)) => {
                    a.push(Object::Reference(field));
                    form.set("Fields", Object::Array(a));
                    set(inc, root, b"AcroForm", Object::Dictionary(form))
                }
                _ => {
                    form.set("Fields", Object::Array(vec![Object::Reference(field)]));
                    set(inc, root, b"AcroForm", Object::Dictionary(form))
                }
            }
        }
        _ => {
            let mut form = Dictionary::new();
            form.set("Fields", Object::Array(vec![Object::Reference(field)]));
            form.set("SigFlags", Object::Integer(3));
            set(inc, root, b"AcroForm", Object::Dictionary(form))
        }
    }
}

fn push_to_array(inc: &mut IncrementalDocument, id: ObjectId, item: ObjectId) -> Result<(), Error> {
    inc.opt_clone_object_to_new_document(id).map_err(broken)?;
    match inc.new_document.get_object_mut(id).map_err(broken)? {
        Object::Array(a) => {
            a.push(Object::Reference(item));
            Ok(())
        }
        _ => Err(Error::Sign(
            "tệp PDF hỏng (danh sách không phải mảng)".into(),
        )),
    }
}

/// The first page of `stamp` (a PDF) as a form XObject of `doc`, with what it uses copied.
fn stamp_form(stamp: &[u8], doc: &mut Document) -> Result<ObjectId, Error> {
    let bad = |e: lopdf::Error| Error::Sign(format!("không dựng được hình chữ ký ({e})"));
    let src = Document::load_mem(stamp).map_err(bad)?;
    let page_id = *src
        .get_pages()
        .get(&1)
        .ok_or_else(|| Error::Sign("hình chữ ký trống".into()))?;
    let page = src.get_dictionary(page_id).map_err(bad)?;
    let content = src.get_page_content(page_id);
    let mut map = BTreeMap::new();
    let resources = match page.get(b"Resources") {
        Ok(r) => copy(r, &src, doc, &mut map).map_err(bad)?,
        Err(_) => Object::Dictionary(Dictionary::new()),
    };
    let media = page
        .get(b"MediaBox")
        .and_then(|m| src.dereference(m).map(|(_, o)| o.clone()))
        .map_err(bad)?;
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"XObject".to_vec()));
    dict.set("Subtype", Object::Name(b"Form".to_vec()));
    dict.set("BBox", media);
    dict.set("Resources", resources);
    let mut stream = Stream::new(dict, content);
    // Compressing only makes it smaller; a stream that does not shrink stays as it is.
    let _ = stream.compress();
    Ok(doc.add_object(stream))
}

/// `object` of `src` with every object it refers to copied into `dst` under new numbers.
fn copy(
    object: &Object,
    src: &Document,
    dst: &mut Document,
    map: &mut BTreeMap<ObjectId, ObjectId>,
) -> lopdf::Result<Object> {
    Ok(match object {
        Object::Reference(id) => {
            if let Some(new) = map.get(id) {
                return Ok(Object::Reference(*new));
            }
            let new = dst.new_object_id();
            map.insert(*id, new);
            let target = src.get_object(*id)?.clone();
            let copied = copy(&target, src, dst, map)?;
            dst.set_object(new, copied);
            Object::Reference(new)
        }
        Object::Array(items) => Object::Array(
            items
                .iter()
                .map(|o| copy(o, src, dst, map))
                .collect::<lopdf::Result<_>>()?,
        ),
        Object::Dictionary(d) => Object::Dictionary(copy_dict(d, src, dst, map)?),
        Object::Stream(s) => {
            let mut s = s.clone();
            s.dict = copy_dict(&s.dict, src, dst, map)?;
            Object::Stream(s)
        }
        other => other.clone(),
    })
}

fn copy_dict(
    d: &Dictionary,
    src: &Document,
    dst: &mut Document,
    map: &mut BTreeMap<ObjectId, ObjectId>,
) -> lopdf::Result<Dictionary> {
    let mut out = Dictionary::new();
    for (k, v) in d {
        out.set(k.clone(), copy(v, src, dst, map)?);
    }
    Ok(out)
}

/// Finds the placeholders the update wrote after `from`, fills `/ByteRange` with the
/// offsets around the `/Contents` hex string (padded to the placeholder's width), and
/// returns where that string lies.
fn fill_range(out: &mut [u8], from: usize, room: usize) -> Result<(usize, usize), Error> {
    let lost = || Error::Sign("không tìm thấy chỗ dành cho chữ ký trong tệp vừa ghi".into());
    // The first hex string of zeros after the old file is the signature's: the signature
    // dictionary is the first new object, before the stamp's streams.
    let start = find(&out[from..], b"<0000000000000000").ok_or_else(lost)? + from;
    let end = start + 2 * room + 2;
    let whole = out.get(start + 1..end).ok_or_else(lost)?;
    if !whole[..2 * room].iter().all(|&b| b == b'0') || whole[2 * room] != b'>' {
        return Err(lost());
    }
    let place = PLACE.to_string();
    let at = find(&out[from..], place.as_bytes()).ok_or_else(lost)? + from;
    let open = out[..at]
        .iter()
        .rposition(|&b| b == b'[')
        .ok_or_else(lost)?;
    let close = at + out[at..].iter().position(|&b| b == b']').ok_or_else(lost)?;
    let width = close - open - 1;
    let range = format!("0 {start} {end} {}", out.len() - end);
    if range.len() > width {
        return Err(lost());
    }
    let padded = format!("{range:width$}");
    out[open + 1..close].copy_from_slice(padded.as_bytes());
    Ok((start, end))
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
