//! Envelopes (ND30 Phụ lục IV, mẫu bì văn bản; nd30-spec.md §9): one for each addressee
//! of a letter's Kính gửi and Nơi nhận (not "Như trên", not the file copy "Lưu"), with
//! the office's name, address, telephone, fax, e-mail and website, the letter's số and
//! ký hiệu, and "Kính gửi:" the addressee with its address from the address book.

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::model::{Letter, Profile};
use crate::render::pdf::Fonts;
use crate::render::{self, Envelope};

/// The envelope sizes offices use, landscape, in twips (1 mm = 1440 / 25.4 twips).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Size {
    /// 220 × 110 mm, for a letter folded in three.
    #[default]
    DL,
    /// 229 × 162 mm, for an A4 letter folded once.
    C5,
    /// 324 × 229 mm, for an A4 letter unfolded.
    C4,
}

impl Size {
    /// Width and height in twips.
    pub fn twips(self) -> (u32, u32) {
        let mm = |x: u32| (x as f64 * 1440.0 / 25.4).round() as u32;
        match self {
            Size::DL => (mm(220), mm(110)),
            Size::C5 => (mm(229), mm(162)),
            Size::C4 => (mm(324), mm(229)),
        }
    }

    /// The size named "DL", "C5" or "C4", whatever the case.
    pub fn named(name: &str) -> Option<Size> {
        match name.trim().to_ascii_uppercase().as_str() {
            "DL" => Some(Size::DL),
            "C5" => Some(Size::C5),
            "C4" => Some(Size::C4),
            _ => None,
        }
    }
}

/// The envelopes of `letter`, sent by the office of `profile`, as one .docx of `size`
/// pages, one page for each addressee.
pub fn envelopes(letter: &Letter, profile: &Profile, size: Size) -> Result<Vec<u8>, Error> {
    render::envelopes_docx(&envelope(letter, profile, size)?)
}

/// The envelopes as PDF, laid out as the .docx is.
pub fn envelopes_pdf(
    letter: &Letter,
    profile: &Profile,
    size: Size,
    fonts: &Fonts,
) -> Result<Vec<u8>, Error> {
    render::pdf::envelopes_pdf(&envelope(letter, profile, size)?, fonts)
}

/// What the envelopes print: the sender, the số and ký hiệu, each addressee.
fn envelope(letter: &Letter, profile: &Profile, size: Size) -> Result<Envelope, Error> {
    let to = letter.addressees();
    if to.is_empty() {
        return Err(Error::Data {
            what: "phong bì".into(),
            message: "công văn chưa có nơi nhận nào để gửi (Kính gửi hoặc Nơi nhận)".into(),
            field: Some("recipients".into()),
        });
    }
    let mut sender = vec![(letter.issuer.to_uppercase(), true)];
    for (label, value) in [
        ("Địa chỉ", &profile.address),
        ("Điện thoại", &profile.phone),
        ("Fax", &profile.fax),
        ("E-mail", &profile.email),
        ("Website", &profile.website),
    ] {
        if !value.trim().is_empty() {
            sender.push((format!("{label}: {}", value.trim()), false));
        }
    }
    let number = match letter.number {
        Some(n) => format!("{}/{}", crate::wording::two_digit(n), letter.symbol),
        None => format!("…/{}", letter.symbol),
    };
    let address = |name: &str| {
        let folded = crate::text::fold_case(name);
        profile
            .addresses
            .iter()
            .find(|a| crate::text::fold_case(&a.name) == folded)
            .map(|a| a.address.clone())
    };
    Ok(Envelope {
        size: size.twips(),
        sender,
        number: format!("Số/ký hiệu văn bản: {number}"),
        to: to
            .iter()
            .map(|name| (name.clone(), address(name)))
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_landscape_and_named() {
        assert_eq!(Size::DL.twips(), (12472, 6236));
        assert_eq!(Size::named("c5"), Some(Size::C5));
        assert_eq!(Size::named("A4"), None);
        for size in [Size::DL, Size::C5, Size::C4] {
            let (w, h) = size.twips();
            assert!(w > h);
        }
    }
}
