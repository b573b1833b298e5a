//! The one document model both writers lay out: the letter's parts as final text, in
//! reading order, with the rule lengths already measured. What the clerk previews is
//! what is exported because the .docx and HTML writers read only this.

use chrono::NaiveDate;

use crate::layout;
use crate::markup::{self, Inline, Para, Role};
use crate::model::Letter;
use crate::wording;

/// A letter ready to lay out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Title, author and date for the file's properties.
    pub properties: Properties,
    /// Cơ quan chủ quản, upper case; absent when the letter names none.
    pub parent_body: Option<String>,
    /// Cơ quan ban hành, upper case.
    pub issuer: String,
    /// Length of the rule under the issuing body, in twips.
    pub issuer_rule: u32,
    /// Length of the rule under the Tiêu ngữ (as long as its line), in twips.
    pub motto_rule: u32,
    /// "Số: 165/LĐLĐ".
    pub number_line: String,
    /// "Huyện DMC, ngày      tháng 5 năm 2024".
    pub place_date: String,
    /// Its size in half-points: 14 pt, or 13 pt when 14 pt would not fit on one line.
    pub date_size: usize,
    /// "V/v …" under the number, for a công văn.
    pub subject_line: Option<String>,
    /// Tên loại and trích yếu centred under the header, for a named type.
    pub heading: Option<Heading>,
    /// The Kính gửi block.
    pub recipients: Recipients,
    /// The body paragraphs, the last ending "./.".
    pub body: Vec<Para>,
    /// The footnotes, numbered from 1 in order of first reference.
    pub notes: Vec<Vec<Inline>>,
    /// Nơi nhận lines, each with its "- " and closing ";" or ".".
    pub distribution: Vec<String>,
    /// Quyền hạn and chức vụ lines of the signature block, upper case.
    pub signature: Vec<String>,
    /// The signer's name, under the room for the signature.
    pub signer_name: Option<String>,
    /// On a signed copy, whom it goes to ("Bản gửi: Phòng Nội vụ"), printed small at the
    /// top right, where ND30 puts marks about a copy's circulation (nd30-spec.md §2, ô 11).
    pub copy_mark: Option<String>,
    /// On the parts of a copy (sao y, sao lục), its form, "SAO Y": printed where a letter has
    /// the Quốc hiệu, and the letter's V/v, title, Kính gửi and body are left out, since the
    /// copy is written after the copied document (nd30-spec.md §7).
    pub certified: Option<String>,
    /// The signature and seal images in the room for the signature, when the office uses
    /// them on this copy; the seal comes last, drawn over the signature.
    pub images: Vec<crate::render::images::Placed>,
}

/// What the .docx file's properties say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Properties {
    /// "V/v …" or "Kế hoạch …".
    pub title: String,
    /// The issuing body.
    pub author: String,
    /// The letter's date, when the day is known.
    pub created: Option<NaiveDate>,
}

/// Tên loại and trích yếu of a named type (ô 5a).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// "KẾ HOẠCH".
    pub kind: String,
    /// The trích yếu, as typed.
    pub subject: String,
    /// Length of the rule under the trích yếu, in twips.
    pub rule: u32,
}

/// The Kính gửi block (ô 9a).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recipients {
    /// No Kính gửi, as in a plan.
    None,
    /// One addressee on the "Kính gửi:" line: "Kính gửi: Các công đoàn cơ sở trực thuộc."
    One(String),
    /// Several: "Kính gửi:" alone, then "- …;" lines whose dashes stand under the colon.
    Many {
        /// The "- …;" lines, the last ending ".".
        lines: Vec<String>,
        /// Left indent of the dashes, in twips: under the colon of "Kính gửi:".
        dash_indent: u32,
    },
}

impl Document {
    /// Lays out a letter: final wording, upper case where the rules ask, measured rules.
    pub fn from_letter(letter: &Letter) -> Document {
        let upper = |s: &str| crate::text::nfc(s.trim()).to_uppercase();
        let issuer = upper(&letter.issuer);
        let parent_body = Some(upper(&letter.parent_body)).filter(|s| !s.is_empty());
        let subject = crate::text::nfc(wording::strip_vv(&letter.subject));
        let cong_van = letter.doc_type.is_cong_van();
        let place_date = crate::text::nfc(&wording::place_date(&letter.place, letter.date));
        let certified = letter.doc_type.copy_form();
        let (mut body, notes) = match certified {
            Some(_) => (Vec::new(), Vec::new()),
            None => markup::parse(&crate::text::nfc(&letter.body)),
        };
        if certified.is_none() {
            close_body(&mut body);
        }

        let issuer_line =
            layout::longest_line(&issuer, layout::SIZE_BODY_NAME, true, layout::HEADER_LEFT);
        let heading = (!cong_van && certified.is_none()).then(|| Heading {
            kind: upper(letter.doc_type.name()),
            rule: layout::longest_line(&subject, layout::SIZE_TITLE, true, layout::TEXT_WIDTH)
                * layout::TITLE_RULE_PERCENT
                / 100,
            subject: subject.clone(),
        });
        let title = if cong_van {
            wording::subject_line(&subject)
        } else {
            format!("{} {subject}", letter.doc_type.name())
        };
        let mut signature: Vec<String> = [&letter.signature.authority, &letter.signature.on_behalf]
            .into_iter()
            .flatten()
            .map(|s| upper(s))
            .filter(|s| !s.is_empty())
            .collect();
        signature.push(upper(&letter.signature.title));

        Document {
            properties: Properties {
                title,
                author: crate::text::nfc(letter.issuer.trim()),
                created: letter.date.to_naive(),
            },
            parent_body,
            issuer_rule: issuer_line * layout::ISSUER_RULE_PERCENT / 100,
            issuer,
            motto_rule: layout::text_width(layout::TIEU_NGU, layout::SIZE_TIEU_NGU, true),
            number_line: wording::number_line(letter.number, &letter.symbol),
            date_size: if layout::text_width(&place_date, layout::SIZE_DATE, false)
                <= layout::HEADER_RIGHT
            {
                layout::SIZE_DATE
            } else {
                layout::SIZE_DATE_SMALL
            },
            place_date,
            subject_line: cong_van.then(|| wording::subject_line(&subject)),
            heading,
            recipients: match certified {
                Some(_) => Recipients::None,
                None => recipients(&letter.recipients),
            },
            body,
            notes,
            distribution: dashed_lines(&letter.distribution),
            signature,
            signer_name: letter
                .signature
                .name
                .as_deref()
                .map(|s| crate::text::nfc(s.trim()))
                .filter(|s| !s.is_empty()),
            copy_mark: None,
            certified: certified.map(str::to_string),
            images: Vec::new(),
        }
    }

    /// The same document with `images` in the room for the signature (nd30-spec.md §3).
    pub(crate) fn with_images(self, images: &crate::render::images::Images) -> Document {
        Document {
            images: images.place(layout::SIGN_RIGHT, layout::SIGNATURE_GAP),
            ..self
        }
    }
}

/// The label that opens the Kính gửi block.
pub(crate) const KINH_GUI: &str = "Kính gửi:";

/// One addressee goes on the "Kính gửi:" line; several go one per line under the colon
/// (ND30 PL-I II.9.a; spec §3).
fn recipients(list: &[String]) -> Recipients {
    let items: Vec<String> = list
        .iter()
        .map(|s| crate::text::nfc(trim_item(s)))
        .filter(|s| !s.is_empty())
        .collect();
    match items.len() {
        0 => Recipients::None,
        1 => Recipients::One(format!("{}.", items[0])),
        _ => Recipients::Many {
            lines: dashed_lines(&items),
            dash_indent: layout::KINH_GUI_INDENT
                + layout::text_width("Kính gửi", layout::SIZE_TEXT, false),
        },
    }
}

/// "- a;" … "- z." lines: each item with a dash, ";" between and "." at the end (spec §3).
fn dashed_lines(items: &[String]) -> Vec<String> {
    let items: Vec<&str> = items
        .iter()
        .map(|s| trim_item(s))
        .filter(|s| !s.is_empty())
        .collect();
    let last = items.len().saturating_sub(1);
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let end = if i == last { '.' } else { ';' };
            crate::text::nfc(&format!("- {item}{end}"))
        })
        .collect()
}

/// An item without the "- " and the closing ";" or "." that the writer adds.
fn trim_item(item: &str) -> &str {
    let item = item.trim();
    let item = item.strip_prefix("- ").unwrap_or(item).trim();
    item.trim_end_matches([';', '.', ',']).trim_end()
}

/// Ends the body with "./." (every PL-III template does; spec §8), unless it already does.
fn close_body(body: &mut Vec<Para>) {
    let last_text = body.iter_mut().rev().find_map(|p| {
        p.inlines.iter_mut().rev().find_map(|i| match i {
            Inline::Text { text, .. } if !text.trim().is_empty() => Some(text),
            _ => None,
        })
    });
    match last_text {
        Some(text) => {
            let trimmed = text.trim_end().to_string();
            *text = if trimmed.ends_with("./.") {
                trimmed
            } else if let Some(stem) = trimmed.strip_suffix("./") {
                format!("{stem}./.")
            } else if trimmed.ends_with('.') {
                format!("{trimmed}/.")
            } else {
                format!("{trimmed}./.")
            };
        }
        None => body.push(Para {
            role: Role::Text,
            inlines: vec![Inline::plain("./.")],
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_close(body_end: &str, expected: &str) {
        let mut body = vec![Para {
            role: Role::Text,
            inlines: vec![Inline::plain(body_end)],
        }];
        close_body(&mut body);
        assert_eq!(body[0].inlines, vec![Inline::plain(expected)]);
    }

    #[test]
    fn the_body_ends_with_dot_slash_dot_once() {
        check_close(
            "thực hiện tốt các nội dung trên./.",
            "thực hiện tốt các nội dung trên./.",
        );
        check_close("triển khai và thực hiện./", "triển khai và thực hiện./.");
        check_close("để tổng hợp báo cáo.", "để tổng hợp báo cáo./.");
        check_close("để tổng hợp báo cáo", "để tổng hợp báo cáo./.");
    }

    #[test]
    fn one_recipient_stays_on_the_line() {
        assert_eq!(
            recipients(&["- Các công đoàn cơ sở trực thuộc.".into()]),
            Recipients::One("Các công đoàn cơ sở trực thuộc.".into())
        );
        assert_eq!(recipients(&[]), Recipients::None);
    }

    #[test]
    fn several_recipients_get_dashes_semicolons_and_a_full_stop() {
        let Recipients::Many { lines, dash_indent } = recipients(&[
            "Sở Nội vụ".into(),
            "Sở Tài chính;".into(),
            "- UBND huyện.".into(),
        ]) else {
            panic!("expected a list");
        };
        assert_eq!(lines, ["- Sở Nội vụ;", "- Sở Tài chính;", "- UBND huyện."]);
        assert!(dash_indent > layout::KINH_GUI_INDENT + 700);
    }
}
