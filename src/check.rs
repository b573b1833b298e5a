//! The format checker: the Nghị định 30 rules a clerk checks by eye, run on the letter
//! before every export, or on any .docx. Each finding names the rule's source in
//! `nd30-spec.md`. Errors must be fixed; warnings are for the clerk to weigh.

use std::sync::LazyLock;

use quick_xml::events::Event;
use quick_xml::Reader;
use regex::Regex;
use serde::Serialize;

use crate::error::Error;
use crate::layout;
use crate::model::{DocKind, Letter};
use crate::wording::GAP;

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Breaks a rule: fix before issuing.
    Error,
    /// Against practice or a rule of uncertain reach: look at it.
    Warning,
}

/// One thing the checker found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// The letter's field it concerns (JSON key of `Letter`), or "layout" for the page.
    pub field: String,
    /// What is wrong, in Vietnamese.
    pub message: String,
    /// The rule and its source, e.g. "nd30-spec.md §3 (PL-I II.3)".
    pub rule: String,
}

impl Finding {
    /// The field as the form names it, for a message on one line: "đoạn căn cứ".
    pub fn field_words(&self) -> &'static str {
        match self.field.as_str() {
            "issuer" => "cơ quan ban hành",
            "symbol" | "number" => "số, ký hiệu",
            "place" => "địa danh",
            "date" => "ngày tháng",
            "subject" => "trích yếu",
            "recipients" => "kính gửi",
            REFERENCES => "đoạn căn cứ",
            "body" => "nội dung",
            "distribution" => "nơi nhận",
            "signature" => "chữ ký",
            "layout" => "trình bày",
            _ => "văn bản",
        }
    }
}

struct Findings(Vec<Finding>);

impl Findings {
    fn add(&mut self, severity: Severity, field: &str, message: impl Into<String>, rule: &str) {
        self.0.push(Finding {
            severity,
            field: field.into(),
            message: message.into(),
            rule: rule.into(),
        });
    }
}

static CITATION: LazyLock<Regex> = LazyLock::new(|| {
    let kinds = DocKind::names_pattern();
    Regex::new(&format!(
        r"(?:{kinds})\s+(?:số\s+)?[0-9]+[/-][A-Za-z\u{{00C0}}-\u{{024F}}\u{{1E00}}-\u{{1EFF}}0-9/&.-]+[^.;]*"
    ))
    .unwrap()
});

/// A citation whose number was left out ("Thông báo số /TB-ĐT", "Văn bản số)"), and a
/// "Gửi kèm" that names no document: what a draft from a parent read without its number
/// looks like when nothing marks the gap.
static HOLLOW: LazyLock<Regex> = LazyLock::new(|| {
    let kinds = DocKind::names_pattern();
    Regex::new(&format!(
        r"(?m)(?:{kinds}|[Vv]ăn bản)[[:space:]]+số[[:space:]]*(?:[/-][^[:space:]]*|[).;,]|$)|\([[:space:]]*Gửi kèm[[:space:]]*[).]"
    ))
    .unwrap()
});

const AUTHORITIES: &[&str] = &["TM.", "KT.", "Q.", "TL.", "TUQ."];

/// The field of a finding in the body's opening paragraph (PL-I II.6.b).
const REFERENCES: &str = Letter::REFERENCES;

/// The body's first paragraph, which cites what the letter rests on.
fn first_paragraph(body: &str) -> &str {
    body.trim_start().split("\n\n").next().unwrap_or("")
}

/// The findings on a letter as the clerk filled it in, rule by rule along the letter's parts.
pub fn check_letter(letter: &Letter) -> Vec<Finding> {
    let mut f = Findings(Vec::new());
    for rules in [gaps, header, body, distribution, signature] {
        rules(letter, &mut f);
    }
    f.0
}

/// Gaps left to fill (the "…" of a template, a citation without its number or name).
fn gaps(letter: &Letter, f: &mut Findings) {
    use Severity::Error as E;
    let texts = [
        ("issuer", letter.issuer.as_str()),
        ("symbol", &letter.symbol),
        ("place", &letter.place),
        ("subject", &letter.subject),
        ("recipients", &letter.recipients.join("\n")),
        (REFERENCES, first_paragraph(&letter.body)),
        ("body", &letter.body),
        ("distribution", &letter.distribution.join("\n")),
        ("signature", &letter.signature.title),
    ];
    // The finding names the first field with a gap, so the form can take the clerk there.
    if let Some((field, _)) = texts.iter().find(|(_, t)| t.contains(GAP)) {
        f.add(
            E,
            field,
            format!("còn chỗ \"{GAP}\" chưa điền (điều văn bản cấp trên không cho biết, hay phần mẫu để trống)"),
            "nd30-spec.md §8 (PL-I II.6.b)",
        );
    }
    let first = first_paragraph(&letter.body);
    let rest = &letter.body.trim_start()[first.len()..];
    for (field, text) in [
        ("subject", letter.subject.as_str()),
        (REFERENCES, first),
        ("body", rest),
    ] {
        if let Some(m) = HOLLOW.find(text) {
            f.add(
                E,
                field,
                format!(
                    "\"{}\" thiếu số hoặc tên văn bản: điền đủ số, ký hiệu của văn bản được dẫn",
                    m.as_str().trim()
                ),
                "nd30-spec.md §8 (PL-I II.6.b)",
            );
        }
    }
}

/// The header: the issuer, the ký hiệu and the number, the place and the trích yếu.
fn header(letter: &Letter, f: &mut Findings) {
    use Severity::{Error as E, Warning as W};
    if letter.issuer.trim().is_empty() {
        f.add(
            E,
            "issuer",
            "thiếu tên cơ quan ban hành",
            "nd30-spec.md §3 (PL-I II.2)",
        );
    }
    // In the order the header prints them: the ký hiệu comes before the place.
    symbol(letter, f);
    if letter.number == Some(0) {
        f.add(
            E,
            "number",
            "số văn bản bắt đầu từ 01",
            "nd30-spec.md §4 (ND30 Điều 15)",
        );
    }
    if letter.place.trim().is_empty() {
        f.add(
            E,
            "place",
            "thiếu địa danh trước ngày tháng",
            "nd30-spec.md §3 (PL-I II.4)",
        );
    }
    let subject = letter.subject.trim();
    if subject.is_empty() {
        f.add(
            E,
            "subject",
            "thiếu trích yếu",
            "nd30-spec.md §3 (PL-I II.5)",
        );
    } else if subject.ends_with('.') {
        f.add(
            W,
            "subject",
            "trích yếu không kết thúc bằng dấu chấm",
            "nd30-spec.md §3 (PL-I II.5)",
        );
    }
}

/// The ký hiệu: no spaces, and the kind's abbreviation first, but not for a công văn.
fn symbol(letter: &Letter, f: &mut Findings) {
    use Severity::{Error as E, Warning as W};
    let symbol = letter.symbol.trim();
    if symbol.is_empty() {
        f.add(
            E,
            "symbol",
            "có \"Số:\" nhưng không có ký hiệu",
            "nd30-spec.md §3 (PL-I II.3)",
        );
    } else if symbol.contains(' ') {
        f.add(
            E,
            "symbol",
            format!("ký hiệu \"{symbol}\" có dấu cách; giữa các nhóm chữ chỉ có \"-\" hoặc \"/\""),
            "nd30-spec.md §3 (PL-I II.3.b)",
        );
    }
    let first = symbol.split(['-', '/']).next().unwrap_or("");
    match letter.doc_type.abbreviation() {
        Some(abbr)
            if !letter.doc_type.is_cong_van()
                && !symbol.starts_with(&format!("{abbr}-"))
                && !symbol.contains(GAP) =>
        {
            f.add(
                E,
                "symbol",
                format!(
                    "ký hiệu của {} phải bắt đầu bằng \"{abbr}-\" (ví dụ \"{abbr}-LĐLĐ\")",
                    letter.doc_type.name().to_lowercase()
                ),
                "nd30-spec.md §4 (PL-I II.3.b)",
            )
        }
        _ if letter.doc_type.is_cong_van()
            && symbol.contains('-')
            && DocKind::from_abbreviation(first).is_some() =>
        {
            f.add(
                W,
                "symbol",
                format!(
                    "ký hiệu công văn không có chữ viết tắt tên loại; \"{first}\" là của {}",
                    DocKind::from_abbreviation(first)
                        .map(|k| k.name().to_string())
                        .unwrap_or_default()
                ),
                "nd30-spec.md §4 (PL-I II.3.b)",
            )
        }
        _ => {}
    }
}

/// Kính gửi and the body: a công văn is addressed, the first citation is whole.
fn body(letter: &Letter, f: &mut Findings) {
    use Severity::{Error as E, Warning as W};
    if letter.doc_type.is_cong_van() && letter.recipients.is_empty() {
        f.add(
            E,
            "recipients",
            "công văn phải có \"Kính gửi\"",
            "nd30-spec.md §3, §6 (PL-III Mẫu 1.5)",
        );
    }
    if letter.body.trim().is_empty() {
        f.add(
            E,
            "body",
            "nội dung đang để trống",
            "nd30-spec.md §3 (PL-I II.6)",
        );
    }
    if let Some(m) = CITATION.find(&letter.body) {
        let cited = m.as_str();
        if !cited.contains("ngày") || !cited.contains(" của ") {
            f.add(
                E,
                REFERENCES,
                format!("lần đầu dẫn văn bản phải ghi đủ tên loại, số, ký hiệu, ngày, cơ quan ban hành và trích yếu: \"{}\"", cited.trim()),
                "nd30-spec.md §8 (PL-I II.6.b)",
            );
        }
    }
    if letter.body.contains("[^") {
        f.add(
            W,
            "body",
            "văn bản hành chính thường không dùng chú thích cuối trang",
            "nd30-spec.md §8 [U]",
        );
    }
}

/// Nơi nhận: "Như trên" first for a công văn, "Lưu: VT, …" last.
fn distribution(letter: &Letter, f: &mut Findings) {
    use Severity::{Error as E, Warning as W};
    let items: Vec<&str> = letter
        .distribution
        .iter()
        .map(|s| s.trim().trim_start_matches("- "))
        .collect();
    match (items.first(), items.last()) {
        (None, _) | (_, None) => f.add(
            E,
            "distribution",
            "thiếu \"Nơi nhận\"",
            "nd30-spec.md §3 (PL-I II.9.b)",
        ),
        (Some(first), Some(last)) => {
            if letter.doc_type.is_cong_van()
                && !letter.recipients.is_empty()
                && !first.starts_with("Như ")
            {
                f.add(
                    E,
                    "distribution",
                    "nơi nhận đầu tiên của công văn là \"Như trên\"",
                    "nd30-spec.md §3 (PL-I II.9.b)",
                );
            }
            if !last.starts_with("Lưu") {
                f.add(
                    E,
                    "distribution",
                    "nơi nhận cuối cùng là \"Lưu: VT, …\"",
                    "nd30-spec.md §3 (PL-I II.9.b)",
                );
            } else if !last.contains("VT") {
                f.add(
                    W,
                    "distribution",
                    format!("\"{last}\": dòng lưu thường là \"Lưu: VT, <đơn vị soạn thảo>\""),
                    "nd30-spec.md §3 (PL-III Mẫu 1.5)",
                );
            }
        }
    }
}

/// The signature block: a title, the authority words of ND30 Điều 13.
fn signature(letter: &Letter, f: &mut Findings) {
    use Severity::{Error as E, Warning as W};
    let s = &letter.signature;
    if s.title.trim().is_empty() {
        f.add(
            E,
            "signature",
            "thiếu chức vụ người ký",
            "nd30-spec.md §3 (PL-I II.7)",
        );
    }
    for line in [&s.authority, &s.on_behalf].into_iter().flatten() {
        if !AUTHORITIES
            .iter()
            .any(|a| line.trim().to_uppercase().starts_with(a))
        {
            f.add(
                E,
                "signature",
                format!("\"{line}\": quyền hạn ký bắt đầu bằng TM., KT., Q., TL. hoặc TUQ."),
                "nd30-spec.md §3 (ND30 Điều 13)",
            );
        }
    }
    if s.authority.is_none() && s.title.trim().to_uppercase().starts_with("PHÓ ") {
        f.add(
            W,
            "signature",
            "cấp phó ký thay cấp trưởng ghi \"KT.\" trước chức vụ của cấp trưởng",
            "nd30-spec.md §3 (ND30 Điều 13.1)",
        );
    }
    if s.on_behalf.is_some() && s.authority.is_none() {
        f.add(
            W,
            "signature",
            "dòng ký thay chỉ có khi ký thay mặt tập thể (TM.)",
            "nd30-spec.md §3 (ND30 Điều 13.2)",
        );
    }
}

/// The findings on a .docx: page and fonts from its XML, then the text rules on what it says.
pub fn check_docx(bytes: &[u8]) -> Result<Vec<Finding>, Error> {
    let mut f = Findings(Vec::new());
    use Severity::{Error as E, Warning as W};
    let mut package = crate::read::package::Package::open(bytes)?;
    let main = package.main_part()?;
    let document = package.text(&main)?.unwrap_or_default();
    let styles = match package.related(&main, "styles")? {
        Some(part) => package.text(&part)?.unwrap_or_default(),
        None => String::new(),
    };
    let mut fonts = std::collections::BTreeSet::new();
    for xml in [&document, &styles] {
        let mut reader = Reader::from_str(xml);
        loop {
            match reader.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(Event::Empty(e) | Event::Start(e)) => match e.name().as_ref() {
                    b"w:rFonts" => {
                        for a in e.attributes().flatten() {
                            if matches!(
                                a.key.as_ref(),
                                b"w:ascii" | b"w:hAnsi" | b"w:cs" | b"w:eastAsia"
                            ) {
                                fonts.insert(String::from_utf8_lossy(&a.value).into_owned());
                            }
                        }
                    }
                    b"w:pgSz" => {
                        let w = number(&e, b"w:w");
                        let h = number(&e, b"w:h");
                        if (w, h) != (Some(layout::PAGE_WIDTH), Some(layout::PAGE_HEIGHT)) {
                            f.add(
                                E,
                                "layout",
                                "khổ giấy không phải A4 đứng (210 × 297 mm)",
                                "nd30-spec.md §1 (PL-I Phần I.I)",
                            );
                        }
                    }
                    b"w:pgMar" => {
                        let within = |key: &[u8], lo: u32, hi: u32| {
                            number(&e, key).is_some_and(|v| (lo..=hi).contains(&v))
                        };
                        let rules = [
                            (b"w:top".as_slice(), 1134, 1418, "lề trên 20–25 mm"),
                            (b"w:bottom".as_slice(), 1134, 1418, "lề dưới 20–25 mm"),
                            (b"w:left".as_slice(), 1700, 1985, "lề trái 30–35 mm"),
                            (b"w:right".as_slice(), 850, 1134, "lề phải 15–20 mm"),
                        ];
                        for (key, lo, hi, what) in rules {
                            if !within(key, lo, hi) {
                                f.add(
                                    E,
                                    "layout",
                                    format!("lề trang sai: {what}"),
                                    "nd30-spec.md §1 (PL-I Phần I.I)",
                                );
                            }
                        }
                    }
                    _ => {}
                },
                _ => {}
            }
        }
    }
    for font in fonts.iter().filter(|f| f.as_str() != "Times New Roman") {
        f.add(
            E,
            "layout",
            format!("phông chữ \"{font}\"; văn bản dùng Times New Roman"),
            "nd30-spec.md §1 (PL-I Phần I.I)",
        );
    }
    let text = crate::read::import::text("x.docx", bytes)?;
    static NUMBER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?m)^Số:\s*([0-9]+)\s*/").unwrap());
    static DATE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"ngày ([0-9]{1,2}) tháng ([0-9]{1,2}) năm [0-9]{4}").unwrap());
    if let Some(c) = NUMBER.captures(&text) {
        if c[1].len() == 1 {
            f.add(
                E,
                "number",
                format!(
                    "số \"{}\" dưới 10 phải có số 0 phía trước (\"0{}\")",
                    &c[1], &c[1]
                ),
                "nd30-spec.md §3 (PL-I II.3.a)",
            );
        }
    }
    if let Some(c) = DATE.captures(&text) {
        let (day, month) = (&c[1], &c[2]);
        if day.len() == 1 {
            f.add(
                E,
                "date",
                format!("ngày \"{day}\" dưới 10 phải có số 0 phía trước"),
                "nd30-spec.md §3 (PL-I II.4.b)",
            );
        }
        let m: u32 = month.parse().unwrap_or(0);
        if (m <= 2 && month.len() == 1) || (m >= 3 && month.starts_with('0')) {
            f.add(E, "date", format!("tháng \"{month}\": tháng 1, 2 viết \"01\", \"02\"; các tháng khác không có số 0"), "nd30-spec.md §3 (PL-I II.4.b)");
        }
    }
    let before_tail = text.split("Nơi nhận").next().unwrap_or(&text);
    if !before_tail.contains("./.") {
        f.add(
            W,
            "body",
            "nội dung chưa kết thúc bằng \"./.\"",
            "nd30-spec.md §8 (PL-III)",
        );
    }
    let d = crate::read::parse::parse(&text);
    if let Some(letter) = letter_of(&d) {
        for finding in check_letter(&letter) {
            if !f.0.iter().any(|x| x.message == finding.message)
                && !finding.field.starts_with("body")
            {
                f.0.push(finding);
            }
        }
    }
    Ok(f.0)
}

/// A letter with what a .docx says, for the text rules; none when it does not read as a letter.
fn letter_of(d: &crate::read::parse::Directive) -> Option<Letter> {
    let authority = d.signer.authority_lines();
    Some(Letter {
        doc_type: d.doc_type.clone()?,
        parent_body: d.parent_body.clone().unwrap_or_default(),
        issuer: d.issuer.clone().unwrap_or_default(),
        number: d.number.as_deref().and_then(|n| n.parse().ok()),
        symbol: d.symbol.clone().unwrap_or_default(),
        place: d.place.clone().unwrap_or_default(),
        date: d.date?,
        subject: d.subject.clone().unwrap_or_default(),
        recipients: d.recipients.clone().unwrap_or_default(),
        // The body is checked on the .docx's own text above; this stands in for it.
        body: String::from("."),
        distribution: d.distribution.clone(),
        signature: crate::model::Signature {
            authority: authority.first().cloned(),
            on_behalf: authority.get(1).cloned(),
            title: d.signer.title.clone().unwrap_or_default(),
            name: d.signer.name.clone(),
        },
        answers: None,
    })
}

fn number(e: &quick_xml::events::BytesStart<'_>, key: &[u8]) -> Option<u32> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .and_then(|a| std::str::from_utf8(&a.value).ok()?.parse().ok())
}

/// Whether any finding is an error.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks the example letter changed by `change`; expects exactly these (field, severity) findings.
    fn check(change: impl FnOnce(&mut Letter), expected: &[(&str, Severity)]) {
        let mut letter = Letter::example();
        // Seed 000 files its copy as "Lưu: VP"; the ND30 form is "Lưu: VT, VP".
        *letter.distribution.last_mut().unwrap() = "Lưu: VT, VP".into();
        change(&mut letter);
        let got: Vec<(String, Severity)> = check_letter(&letter)
            .into_iter()
            .map(|f| (f.field, f.severity))
            .collect();
        let want: Vec<(String, Severity)> =
            expected.iter().map(|(f, s)| (f.to_string(), *s)).collect();
        assert_eq!(got, want, "{:#?}", check_letter(&letter));
    }

    use Severity::{Error as E, Warning as W};

    #[test]
    fn a_hollow_citation_or_enclosure_is_an_error_in_its_field() {
        check(
            |l| l.subject = "triển khai Thông báo số /TB-ĐT".into(),
            &[("subject", E)],
        );
        check(
            |l| {
                let first = first_paragraph(&l.body).to_string();
                l.body = l.body.replacen(
                    &first,
                    "Thực hiện Văn bản số ngày 02/5/2024 của Sở; Thông báo số /TB-ĐT.",
                    1,
                );
            },
            &[(REFERENCES, E)],
        );
        check(
            |l| l.body.push_str("\n\n*(Gửi kèm Văn bản số).*\n"),
            &[("body", E)],
        );
        check(|l| l.body.push_str("\n\n(Gửi kèm).\n"), &[("body", E)]);
        // A number without a ký hiệu, "số:" before its number, and "số" as a plain word,
        // are not hollow.
        check(
            |l| {
                l.body.push_str(
                    "\n\nTheo Công văn số 464, Công văn số: 12/UBND và số lượng đoàn viên.\n",
                )
            },
            &[],
        );
    }

    #[test]
    fn the_seed_letter_passes_with_one_warning() {
        check(|_| {}, &[]);
        let seed = check_letter(&Letter::example());
        assert_eq!(seed.len(), 1);
        assert!(
            seed[0].message.contains("Lưu: VT, <đơn vị soạn thảo>"),
            "{seed:?}"
        );
    }

    #[test]
    fn number_symbol_and_kind() {
        check(|l| l.symbol = String::new(), &[("symbol", E)]);
        check(|l| l.symbol = "KH - LĐLĐ".into(), &[("symbol", E)]);
        check(|l| l.number = Some(0), &[("number", E)]);
        check(|l| l.symbol = "KH-LĐLĐ".into(), &[("symbol", W)]);
        check(
            |l| {
                l.doc_type = DocKind::from_name("Kế hoạch");
                l.symbol = "LĐLĐ".into();
            },
            &[("symbol", E)],
        );
    }

    #[test]
    fn kinh_gui_and_noi_nhan() {
        check(|l| l.recipients.clear(), &[("recipients", E)]);
        check(
            |l| {
                l.distribution.remove(0);
            },
            &[("distribution", E)],
        );
        check(
            |l| l.distribution.retain(|d| !d.starts_with("Lưu")),
            &[("distribution", E)],
        );
        check(|l| l.distribution.clear(), &[("distribution", E)]);
    }

    #[test]
    fn first_citation_must_be_complete() {
        check(
            |l| l.body = "Thực hiện Kế hoạch số 1062/KH-UBND, các đơn vị triển khai.".into(),
            &[(REFERENCES, E)],
        );
        check(
            |l| l.body = "Thực hiện Kế hoạch số 1062/KH-UBND ngày 11/4/2024 của … về ….".into(),
            &[(REFERENCES, E)],
        );
        // A gap is reported in the first field that has one.
        check(
            |l| l.body = "Căn cứ Luật Công đoàn.\n\nBáo cáo trước ngày ….".into(),
            &[("body", E)],
        );
        check(
            |l| l.recipients = vec!["Công đoàn cơ sở …".into()],
            &[("recipients", E)],
        );
        check(
            |l| l.body = "Một đoạn[^1].\n\n[^1]: Chú thích.".into(),
            &[("body", W)],
        );
    }

    #[test]
    fn signature_authority() {
        check(
            |l| l.signature.authority = Some("THAY MẶT BAN THƯỜNG VỤ".into()),
            &[("signature", E)],
        );
        check(|l| l.signature.authority = None, &[("signature", W)]);
        check(|l| l.signature.title = String::new(), &[("signature", E)]);
        check(|l| l.signature.on_behalf = Some("KT. CHỦ TỊCH".into()), &[]);
    }

    #[test]
    fn the_written_docx_passes_and_a_foreign_one_does_not() {
        let docx = crate::render::letter_docx(&Letter::example()).unwrap();
        assert_eq!(
            check_docx(&docx).unwrap(),
            check_letter(&Letter::example()),
            "only the seed's \"Lưu: VP\" warning"
        );
        // The same package with another font and a narrow left margin.
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&docx)).unwrap();
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).unwrap();
            let name = f.name().to_string();
            let mut s = Vec::new();
            std::io::Read::read_to_end(&mut f, &mut s).unwrap();
            if name == "word/styles.xml" {
                s = String::from_utf8(s)
                    .unwrap()
                    .replace("Times New Roman", "Arial")
                    .into_bytes();
            }
            if name == "word/document.xml" {
                s = String::from_utf8(s)
                    .unwrap()
                    .replace("w:left=\"1701\"", "w:left=\"1000\"")
                    .into_bytes();
            }
            out.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut out, &s).unwrap();
        }
        let bytes = out.finish().unwrap().into_inner();
        let findings: Vec<String> = check_docx(&bytes)
            .unwrap()
            .into_iter()
            .map(|f| f.message)
            .collect();
        assert!(findings.iter().any(|m| m.contains("Arial")), "{findings:?}");
        assert!(
            findings.iter().any(|m| m.contains("lề trái")),
            "{findings:?}"
        );
    }
}
