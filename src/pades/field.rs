//! A signature to add: who signs (the chain), when, why, and what it shows where.

use chrono::{DateTime, FixedOffset};

/// What a new signature shows, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct Visible {
    /// The page, from 0.
    pub page: usize,
    /// Its rectangle in PDF points from the page's bottom left: left, bottom, right, top.
    pub rect: [f32; 4],
    /// What is drawn there: a one-page PDF whose page fills the rectangle (the signer's
    /// image, the seal, or the text box of an electronic copy).
    pub stamp: Vec<u8>,
}

/// A signature to add to a PDF.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// The signature field's name, numbered when the PDF has one so named ("Người ký",
    /// "Người ký 2").
    pub field: String,
    /// The signer's certificate (DER), then the certificates up to the root, as the token or
    /// the store gives them; they travel in the signature.
    pub chain: Vec<Vec<u8>>,
    /// The signing time written in the signature (`/M`), in Vietnam's time zone.
    pub time: DateTime<FixedOffset>,
    /// Why it is signed, as the PDF reader shows it ("Văn thư ký số của cơ quan").
    pub reason: Option<String>,
    /// Where it shows; `None` for a signature that is not drawn.
    pub visible: Option<Visible>,
}

/// The PDF date of `time`: `D:YYYYMMDDHHmmSS+07'00'`.
pub(crate) fn pdf_date(time: DateTime<FixedOffset>) -> String {
    let offset = time.offset().local_minus_utc();
    let sign = if offset < 0 { '-' } else { '+' };
    let offset = offset.abs();
    format!(
        "D:{}{sign}{:02}'{:02}'",
        time.format("%Y%m%d%H%M%S"),
        offset / 3600,
        offset / 60 % 60
    )
}

/// Vietnam's time zone, UTC+7: the signing time is written and shown in it (ND30 PL-I).
pub fn vietnam() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("7 hours is a valid offset")
}
