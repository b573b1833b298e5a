//! Reading the signatures of a PDF: for each, what it signed (its byte range), whether those
//! bytes are the signed ones, whose certificate signed them, and whether it chains to a
//! root the clerk trusts. Never fails: what cannot be checked is said in `problems`.

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use der::Encode;
use lopdf::{Document, Object};

use serde::{Deserialize, Serialize};

use super::cms::{self, Certificate, HashKind};
use super::field::vietnam;

/// One signature of a PDF, as verified.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verified {
    /// The signature field's name.
    pub field: String,
    /// Who signed: the certificate's common name.
    pub signer: String,
    /// The signer's organisation, when the certificate names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// When, as the signature says (ISO 8601 with its offset); a claim, not a timestamp.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// The signed bytes are those the signer signed, and the signature is the certificate's.
    pub intact: bool,
    /// The signed bytes run to the end of the file: nothing was added after this signature.
    pub covers_whole_file: bool,
    /// The certificate chains to a root the clerk trusts.
    pub trusted: bool,
    /// What is wrong or unknown, in Vietnamese; empty when all is well.
    pub problems: Vec<String>,
    /// Where it shows: the page (from 0) and its rectangle in points from the page's bottom
    /// left (left, bottom, right, top); none when it does not show.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shown: Option<Shown>,
}

/// Where a signature shows: its page (from 0) and its rectangle in points from the page's
/// bottom left (left, bottom, right, top).
pub type Shown = (usize, [f32; 4]);

/// The most signatures read from one file.
const MAX_SIGNATURES: usize = 64;

/// Every signature of `pdf`, in the order they were made, checked against the roots in
/// `trusted` (DER certificates). A file that is not a PDF, or has none, gives none.
pub fn verify(pdf: &[u8], trusted: &[Vec<u8>]) -> Vec<Verified> {
    // Most files have no signature: they are not parsed a second time.
    if !pdf.windows(10).any(|w| w == b"/ByteRange") {
        return Vec::new();
    }
    let Ok(doc) = Document::load_mem(pdf) else {
        return Vec::new();
    };
    let roots: Vec<Certificate> = trusted
        .iter()
        .filter_map(|der| Certificate::read(der).ok())
        .collect();
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().values().copied().collect();
    let mut found: Vec<(String, lopdf::Dictionary, Option<Shown>)> = Vec::new();
    for object in doc.objects.values() {
        let Ok(field) = object.as_dict() else {
            continue;
        };
        if !field
            .get(b"FT")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"Sig")
        {
            continue;
        }
        let Ok(value) = field.get(b"V") else {
            continue;
        };
        let Ok((_, value)) = doc.dereference(value) else {
            continue;
        };
        let Ok(sig) = value.as_dict() else {
            continue;
        };
        let name = field
            .get(b"T")
            .and_then(Object::as_str)
            .map(decode_text)
            .unwrap_or_default();
        found.push((name, sig.clone(), shown(field, &pages)));
        if found.len() == MAX_SIGNATURES {
            break;
        }
    }
    let mut out: Vec<(usize, Verified)> = found
        .into_iter()
        .map(|(name, sig, at)| {
            let (end, mut v) = one(pdf, name, &sig, &roots);
            v.shown = at;
            (end, v)
        })
        .collect();
    out.sort_by_key(|(end, v)| (*end, v.field.clone()));
    out.into_iter().map(|(_, v)| v).collect()
}

impl Verified {
    /// One line for the clerk: who signed, when (Vietnam's time), and the verdict.
    pub fn words(&self) -> String {
        let who = match &self.organisation {
            Some(o) if !o.is_empty() && *o != self.signer => format!("{} ({o})", self.signer),
            _ if self.signer.is_empty() => "(không rõ người ký)".to_string(),
            _ => self.signer.clone(),
        };
        let when = self
            .time
            .as_deref()
            .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
            .map(|t| {
                format!(
                    ", ký lúc {}",
                    t.with_timezone(&vietnam()).format("%H:%M %d/%m/%Y")
                )
            })
            .unwrap_or_default();
        let verdict = match (self.intact, self.trusted) {
            (false, _) => "KHÔNG CÒN NGUYÊN VẸN: tệp đã bị thay đổi sau khi ký",
            (true, true) => "nguyên vẹn, chứng thư số tin cậy",
            (true, false) => "nguyên vẹn, chứng thư số chưa được tin cậy (chưa thêm chứng thư gốc của nhà cung cấp)",
        };
        let after = if self.intact && !self.covers_whole_file {
            "; sau đó tệp còn được ghi thêm"
        } else {
            ""
        };
        format!("{who}{when}: {verdict}{after}")
    }
}

// A directive is compared whole; the rectangles in it are finite (`shown` keeps no NaN).
impl Eq for Verified {}

/// The page (from 0) and rectangle of the last signature whose field is named `field`…
/// that shows on a page, when one does: the signer's, over which the office's seal goes.
pub fn last_visible(pdf: &[u8], field: &str) -> Option<Shown> {
    verify(pdf, &[])
        .into_iter()
        .rev()
        .filter(|v| v.field.starts_with(field))
        .find_map(|v| v.shown)
}

/// Where a signature field shows: its page (from 0) and rectangle, when it has an area.
fn shown(field: &lopdf::Dictionary, pages: &[lopdf::ObjectId]) -> Option<Shown> {
    let rect: Vec<f32> = field
        .get(b"Rect")
        .and_then(Object::as_array)
        .ok()?
        .iter()
        .filter_map(|o| o.as_float().ok())
        .filter(|v| v.is_finite())
        .collect();
    let [a, b, c, d] = <[f32; 4]>::try_from(rect).ok()?;
    if (c - a).abs() < 1.0 || (d - b).abs() < 1.0 {
        return None;
    }
    let page = field
        .get(b"P")
        .and_then(Object::as_reference)
        .ok()
        .and_then(|id| pages.iter().position(|p| *p == id))
        .unwrap_or(0);
    Some((page, [a.min(c), b.min(d), a.max(c), b.max(d)]))
}

/// The width and height in points of page `page` (from 0) of a PDF.
pub fn page_size(pdf: &[u8], page: usize) -> Option<(f32, f32)> {
    let doc = Document::load_mem(pdf).ok()?;
    let id = *doc.get_pages().get(&(page as u32 + 1))?;
    let mut current = doc.get_dictionary(id).ok()?;
    // The media box may be inherited from the page tree.
    for _ in 0..32 {
        if let Ok(media) = current.get(b"MediaBox") {
            let (_, media) = doc.dereference(media).ok()?;
            let v: Vec<f32> = media
                .as_array()
                .ok()?
                .iter()
                .filter_map(|o| o.as_float().ok())
                .collect();
            let [a, b, c, d] = <[f32; 4]>::try_from(v).ok()?;
            return Some(((c - a).abs(), (d - b).abs()));
        }
        let parent = current.get(b"Parent").and_then(Object::as_reference).ok()?;
        current = doc.get_dictionary(parent).ok()?;
    }
    None
}

/// One signature, and where its signed bytes end (to order them).
fn one(
    pdf: &[u8],
    field: String,
    sig: &lopdf::Dictionary,
    roots: &[Certificate],
) -> (usize, Verified) {
    let mut v = Verified {
        field,
        signer: String::new(),
        organisation: None,
        time: sig
            .get(b"M")
            .and_then(Object::as_str)
            .ok()
            .and_then(|m| pdf_time(&String::from_utf8_lossy(m)))
            .map(|t| t.to_rfc3339()),
        intact: false,
        covers_whole_file: false,
        trusted: false,
        problems: Vec::new(),
        shown: None,
    };
    let range: Vec<i64> = sig
        .get(b"ByteRange")
        .and_then(Object::as_array)
        .map(|a| a.iter().filter_map(|o| o.as_i64().ok()).collect())
        .unwrap_or_default();
    let signed = ranges(&range, pdf);
    let end = signed.as_ref().map_or(0, |(_, second)| second.end);
    v.covers_whole_file = signed.is_some() && end == pdf.len();
    match &signed {
        None => v
            .problems
            .push("tệp đã bị thay đổi sau khi ký: phạm vi ký không còn khớp với tệp".into()),
        Some(_) if !v.covers_whole_file => v
            .problems
            .push("sau chữ ký này tệp còn được ghi thêm (chữ ký sau, hoặc nội dung khác)".into()),
        _ => {}
    }
    let contents = sig
        .get(b"Contents")
        .and_then(Object::as_str)
        .map(<[u8]>::to_vec)
        .unwrap_or_default();
    let data = match cms::read_signed_data(&contents) {
        Ok(d) => d,
        Err(e) => {
            v.problems.push(e);
            return (end, v);
        }
    };
    let certificates = cms::certificates(&data);
    let Some(info) = data.signer_infos.0.get(0) else {
        v.problems.push("chữ ký không có người ký".into());
        return (end, v);
    };
    let Some(leaf) = certificates.iter().find(|c| cms::identifies(&info.sid, c)) else {
        v.problems
            .push("chữ ký không kèm chứng thư số của người ký".into());
        return (end, v);
    };
    v.signer = leaf.common_name();
    v.organisation = leaf.organisation();
    let Some(hash) = HashKind::of_digest(&info.digest_alg.oid) else {
        v.problems.push(format!(
            "thuật toán băm {} chưa được hỗ trợ",
            info.digest_alg.oid
        ));
        return (end, v);
    };
    if !leaf.is_rsa() {
        v.problems
            .push("khóa của chứng thư không phải RSA: chưa kiểm tra được".into());
        return (end, v);
    }
    let Some((first, second)) = signed else {
        return (end, v);
    };
    let computed = hash.digest(&[&pdf[first], &pdf[second]]);
    let signature = info.signature.as_bytes();
    v.intact = match &info.signed_attrs {
        Some(attrs) => {
            let digest_ok = cms::message_digest(attrs).is_some_and(|d| d == computed);
            if !digest_ok {
                v.problems.push("tệp đã bị thay đổi sau khi ký".into());
            }
            let signed_ok = attrs
                .to_der()
                .is_ok_and(|der| leaf.verifies(hash, &hash.digest(&[&der]), signature));
            if digest_ok && !signed_ok {
                v.problems
                    .push("chữ ký không khớp với chứng thư số kèm theo".into());
            }
            if v.time.is_none() {
                v.time = cms::signing_time(attrs).map(|t| t.with_timezone(&vietnam()).to_rfc3339());
            }
            digest_ok && signed_ok
        }
        None => {
            let ok = leaf.verifies(hash, &computed, signature);
            if !ok {
                v.problems.push("tệp đã bị thay đổi sau khi ký".into());
            }
            ok
        }
    };
    if let Some(time) = v
        .time
        .as_deref()
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
    {
        let (from, to) = leaf.validity();
        let at = time.with_timezone(&Utc);
        if at < from || at > to {
            v.problems
                .push("chứng thư số không còn hiệu lực vào lúc ký ghi trong chữ ký".into());
        }
    }
    v.trusted = chains(leaf, &certificates, roots);
    if !v.trusted {
        v.problems
            .push("chứng thư số không dẫn tới chứng thư gốc nào văn thư đã tin cậy".into());
    }
    (end, v)
}

/// The two signed ranges, when the byte range is `[0 b c d]` inside the file with the
/// signature's hex string, `<…>`, exactly between them.
fn ranges(range: &[i64], pdf: &[u8]) -> Option<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    let [a, b, c, d] = <[i64; 4]>::try_from(range).ok()?;
    let [a, b, c, d] = [a, b, c, d].map(|n| usize::try_from(n).ok());
    let (a, b, c, d) = (a?, b?, c?, d?);
    let end = c.checked_add(d)?;
    if a != 0 || b >= c || end > pdf.len() || pdf[b] != b'<' || pdf[c - 1] != b'>' {
        return None;
    }
    Some((0..b, c..end))
}

/// Whether `leaf` chains, through the certificates the signature carries, to a trusted root.
fn chains(leaf: &Certificate, pool: &[Certificate], roots: &[Certificate]) -> bool {
    let mut current = leaf.clone();
    // A chain longer than this is not one a Vietnamese CA issues.
    for _ in 0..8 {
        if roots
            .iter()
            .any(|r| r.der == current.der || current.issued_by(r))
        {
            return true;
        }
        match pool
            .iter()
            .find(|c| c.der != current.der && current.issued_by(c))
        {
            Some(next) => current = next.clone(),
            None => return false,
        }
    }
    false
}

/// A PDF date (`D:YYYYMMDDHHmmSS+07'00'`, its later parts optional) as a time.
pub(crate) fn pdf_time(s: &str) -> Option<DateTime<FixedOffset>> {
    let s = s.strip_prefix("D:").unwrap_or(s);
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() < 8 {
        return None;
    }
    let part = |from: usize, to: usize, default: u32| -> Option<u32> {
        digits
            .get(from..to)
            .map_or(Some(default), |p| p.parse().ok())
    };
    let (year, month, day) = (part(0, 4, 0)? as i32, part(4, 6, 1)?, part(6, 8, 1)?);
    let (hour, minute, second) = (part(8, 10, 0)?, part(10, 12, 0)?, part(12, 14, 0)?);
    let rest = &s[digits.len()..];
    let offset = match rest.chars().next() {
        Some(sign @ ('+' | '-')) => {
            let z: String = rest[1..].chars().filter(char::is_ascii_digit).collect();
            let h: i32 = z.get(0..2)?.parse().ok()?;
            let m: i32 = z.get(2..4).map_or(Some(0), |m| m.parse().ok())?;
            let secs = (h * 3600 + m * 60) * if sign == '-' { -1 } else { 1 };
            FixedOffset::east_opt(secs)?
        }
        _ => FixedOffset::east_opt(0)?,
    };
    offset
        .with_ymd_and_hms(year, month, day, hour, minute, second)
        .single()
}

/// A PDF text string: UTF-16BE after its byte order mark, else PDFDocEncoding (read as
/// Latin-1, which it is for the letters a field name uses).
pub(crate) fn decode_text(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        bytes.iter().map(|&b| b as char).collect()
    }
}
