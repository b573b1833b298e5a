//! The Vietnamese wording of dates, numbers and citations, as Nghị định 30 writes them.
//! Pure functions of values; "today" is never read here.

use chrono::{Datelike, NaiveDate};

use crate::model::{DocRef, LetterDate};
use crate::text::fold_case;

/// What stands in for a day or number that is filled in by hand at signing.
/// The seeds print "ngày      tháng 5 năm 2024" and "Số:      /LĐLĐ".
pub(crate) const BLANK: &str = "      ";

/// A day or document number: below 10 it takes a leading zero ("05"); PL-I II.3.a, II.4.b.
pub fn two_digit(n: u32) -> String {
    format!("{n:02}")
}

/// A month: 1 and 2 take a leading zero ("01", "02"), the others do not ("3", "12"); PL-I II.4.b.
pub fn month(m: u32) -> String {
    if m <= 2 {
        format!("{m:02}")
    } else {
        m.to_string()
    }
}

/// "ngày 05 tháng 01 năm 2020", with the day left blank when it is not yet known.
pub(crate) fn long_date(date: LetterDate) -> String {
    let day = date.day.map(two_digit).unwrap_or_else(|| BLANK.to_string());
    format!("ngày {day} tháng {} năm {}", month(date.month), date.year)
}

/// The short form used in citations: "06/5/2024", "07/02/2024", "11/4/2024".
pub fn short_date(date: NaiveDate) -> String {
    format!(
        "{}/{}/{}",
        two_digit(date.day()),
        month(date.month()),
        date.year()
    )
}

/// The date line of ô 4: "Hà Nội, ngày 05 tháng 01 năm 2020" (a comma after the place).
pub(crate) fn place_date(place: &str, date: LetterDate) -> String {
    format!("{}, {}", place.trim(), long_date(date))
}

/// The number line of ô 3: "Số: 05/LĐLĐ", or "Số:      /LĐLĐ" until a number is given.
pub(crate) fn number_line(number: Option<u32>, symbol: &str) -> String {
    let number = number.map(two_digit).unwrap_or_else(|| BLANK.to_string());
    format!("Số: {number}/{}", symbol.trim())
}

/// The trích yếu line of a công văn (ô 5b): "V/v …".
pub(crate) fn subject_line(subject: &str) -> String {
    format!("V/v {}", strip_vv(subject))
}

/// The trích yếu without a leading "V/v" or "về việc" that a clerk may have typed.
pub fn strip_vv(subject: &str) -> &str {
    let s = subject.trim();
    for prefix in ["V/v ", "v/v ", "Về việc ", "về việc "] {
        if let Some(rest) = s.strip_prefix(prefix) {
            return rest.trim_start();
        }
    }
    s
}

/// Number and ký hiệu as one identifier. State documents put "/" between them
/// ("1062/KH-UBND", "168/2018/NĐ-CP"); Party-style symbols, whose own parts are split by
/// "/" ("KH/BCĐ", "HD/BTGTU"), take "-" (Quy định 66-QĐ/TW): "275-KH/BCĐ".
pub fn doc_id(number: &str, symbol: &str) -> String {
    let (number, symbol) = (number.trim(), symbol.trim());
    if symbol.is_empty() {
        return number.to_string();
    }
    let year_first = symbol.len() > 5 && symbol.as_bytes()[..4].iter().all(u8::is_ascii_digit);
    let sep = if symbol.contains('/') && !year_first {
        '-'
    } else {
        '/'
    };
    format!("{number}{sep}{symbol}")
}

/// A cited document's number and ký hiệu joined as it prints them ("97-QĐ/TW",
/// "01/QCPH/UBND-UBMTTQ"), or as `doc_id` guesses when that is not known.
pub(crate) fn ref_id(r: &DocRef) -> String {
    let (number, symbol) = (r.number.trim(), r.symbol.trim());
    match r.dash {
        Some(_) if symbol.is_empty() => number.to_string(),
        Some(true) => format!("{number}-{symbol}"),
        Some(false) => format!("{number}/{symbol}"),
        None => doc_id(number, symbol),
    }
}

/// An upper-case body name as text writes it (PL-II): "ỦY BAN NHÂN DÂN TỈNH TÂY NINH" →
/// "Ủy ban nhân dân tỉnh Tây Ninh", "SỞ GIÁO DỤC VÀ ĐÀO TẠO" → "Sở Giáo dục và Đào tạo".
/// Abbreviations stay; a name already in mixed case is returned as it is.
pub(crate) fn proper_name(name: &str) -> String {
    let name = name.trim();
    if name.chars().any(char::is_lowercase) {
        return name.to_string();
    }
    crate::casing::name_case(name)
}

/// A body's name as a V/v shortens it: "Ủy ban nhân dân tỉnh Nghệ An" → "UBND tỉnh Nghệ
/// An", "Liên đoàn Lao động tỉnh" → "LĐLĐ tỉnh" (the abbreviations ND30 PL-I allows for
/// names in common use).
pub(crate) fn short_body_name(name: &str) -> String {
    const SHORT: &[(&str, &str)] = &[
        ("Tổng Liên đoàn Lao động Việt Nam", "Tổng LĐLĐ Việt Nam"),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam", "Ủy ban MTTQ Việt Nam"),
        ("Mặt trận Tổ quốc Việt Nam", "MTTQ Việt Nam"),
        ("Ủy ban nhân dân", "UBND"),
        ("Hội đồng nhân dân", "HĐND"),
        ("Liên đoàn Lao động", "LĐLĐ"),
    ];
    let mut out = proper_name(name);
    for (long, short) in SHORT {
        if let Some(at) = fold_case(&out).find(&fold_case(long)) {
            // Lower-casing keeps byte lengths for these names, so `at` is a boundary.
            if out.is_char_boundary(at) && out.is_char_boundary(at + long.len()) {
                out.replace_range(at..at + long.len(), short);
            }
        }
    }
    out
}

/// A later citation: the kind, number and ký hiệu only ("Kế hoạch số 1062/KH-UBND"); PL-I II.6.b.
pub(crate) fn short_citation(r: &DocRef) -> String {
    // A part the parent did not give is a gap to fill, never left out: "Thông báo số
    // /TB-ĐT" would pass for a citation.
    let gap = |s: &str| match s.trim().is_empty() {
        true => GAP.to_string(),
        false => s.trim().to_string(),
    };
    let id = match (r.number.trim().is_empty(), r.symbol.trim().is_empty()) {
        (true, true) => GAP.to_string(),
        (false, true) => ref_id(r),
        _ => ref_id(&DocRef {
            number: gap(&r.number),
            symbol: gap(&r.symbol),
            ..r.clone()
        }),
    };
    format!("{} số {id}", r.doc_type)
}

/// The first citation in full: kind, number and ký hiệu, date, issuer and trích yếu;
/// "Kế hoạch số 1062/KH-UBND ngày 11/4/2024 của Ủy ban nhân dân tỉnh Tây Ninh về …" (PL-I II.6.b).
/// Parts that are unknown are left out rather than invented.
pub fn citation(r: &DocRef) -> String {
    let mut out = short_citation(r);
    if let Some(date) = r.date {
        out.push_str(" ngày ");
        out.push_str(&short_date(date));
    }
    if let Some(issuer) = r.issuer.as_deref().filter(|s| !s.trim().is_empty()) {
        out.push_str(" của ");
        out.push_str(issuer.trim());
    }
    if let Some(subject) = r.subject.as_deref().filter(|s| !s.trim().is_empty()) {
        let subject = strip_vv(subject);
        out.push_str(" về ");
        out.push_str(&lower_first(subject.strip_prefix("về ").unwrap_or(subject)));
    }
    out
}

/// A reference as the parent's card lists it: one cited without a number, by its name (a
/// law's, "Luật Công đoàn năm 2012") or its kind alone, with its date ("Biên bản ngày
/// 20/12/2017"), as the document cites it; else `citation`. A gap ("số …") would ask the
/// clerk for a number the document never had.
pub(crate) fn listed_citation(r: &DocRef) -> String {
    if !r.number.trim().is_empty() || !r.symbol.trim().is_empty() {
        return citation(r);
    }
    let mut out = match r.title.as_deref().filter(|t| !t.trim().is_empty()) {
        Some(title) => title.trim().to_string(),
        None => r.doc_type.to_string(),
    };
    if let Some(date) = r.date {
        out.push_str(" ngày ");
        out.push_str(&short_date(date));
    }
    out
}

/// A first citation for a draft: like `citation`, but every part the parent did not yield
/// is shown as "…", so the gap is visible in the letter until the clerk fills it in.
pub(crate) fn citation_with_gaps(r: &DocRef) -> String {
    let gap = |s: &str| {
        if s.trim().is_empty() {
            GAP.to_string()
        } else {
            s.trim().to_string()
        }
    };
    let date = r.date.map(short_date).unwrap_or_else(|| GAP.to_string());
    let issuer = gap(r.issuer.as_deref().unwrap_or(""));
    let subject = r
        .subject
        .as_deref()
        .map(strip_vv)
        .map(|s| lower_first(s.strip_prefix("về ").unwrap_or(s)))
        .unwrap_or_default();
    let id = if r.number.trim().is_empty() && r.symbol.trim().is_empty() {
        GAP.to_string()
    } else {
        ref_id(&DocRef {
            number: gap(&r.number),
            symbol: gap(&r.symbol),
            ..r.clone()
        })
    };
    format!(
        "{} số {id} ngày {date} của {issuer} về {}",
        r.doc_type,
        gap(&subject)
    )
}

/// "Phát động Phong trào …" → "phát động Phong trào …", as a trích yếu reads inside a
/// sentence; a first word in capitals ("UBND") or a one-letter word keeps its case.
pub(crate) fn lower_first(s: &str) -> String {
    let mut cs = s.chars();
    match (cs.next(), cs.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase() => {
            a.to_lowercase().chain(s.chars().skip(1)).collect()
        }
        _ => s.to_string(),
    }
}

/// A file name for the letter, from its number, ký hiệu and V/v: "165-LĐLĐ triển khai kế
/// hoạch.docx"; characters that file systems refuse become "-", and it stays short.
pub fn file_name(number: Option<u32>, symbol: &str, subject: &str) -> String {
    let id = match number {
        Some(n) => format!("{}-{}", two_digit(n), symbol),
        None => symbol.to_string(),
    };
    let words: Vec<&str> = strip_vv(subject).split_whitespace().take(8).collect();
    let stem = format!("{id} {}", words.join(" "));
    let safe: String = stem
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '-'
            } else {
                c
            }
        })
        .collect();
    format!("{}.docx", safe.trim())
}

/// What stands in a draft for a fact the parent did not give.
pub const GAP: &str = "…";

/// The body of a letter cut where its basis ends: the opening paragraphs that state what it
/// rests on ("Căn cứ …", "Thực hiện …", "Triển khai …", "Tiếp theo …", "Theo …", "Trên cơ
/// sở …"), which the form shows in a field of their own, and the rest. The last paragraph
/// is never taken, so a body of one paragraph stays whole.
pub fn split_basis(body: &str) -> (String, String) {
    const OPENERS: [&str; 6] = [
        "Căn cứ",
        "Thực hiện",
        "Triển khai",
        "Tiếp theo",
        "Theo",
        "Trên cơ sở",
    ];
    let opens = |p: &str| {
        OPENERS.iter().any(|o| {
            p.strip_prefix(o)
                .is_some_and(|rest| rest.starts_with(char::is_whitespace))
        })
    };
    let paras: Vec<&str> = body
        .trim()
        .split("\n\n")
        .map(|p| p.trim_matches('\n'))
        .filter(|p| !p.trim().is_empty())
        .collect();
    let n = paras
        .iter()
        .take(paras.len().saturating_sub(1))
        .take_while(|p| opens(p))
        .count();
    (paras[..n].join("\n\n"), paras[n..].join("\n\n"))
}

/// A Nơi nhận list with `entry` added, before the file copy ("Lưu: …") that ND30 writes
/// last (nd30-spec.md §2, ô 9).
pub fn with_addressee(list: &[String], entry: &str) -> Vec<String> {
    let mut all = list.to_vec();
    let at = match all.last() {
        Some(last) if fold_case(last).starts_with("lưu") => all.len() - 1,
        _ => all.len(),
    };
    all.insert(at, entry.trim().to_string());
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocKind;

    fn check(actual: String, expected: &str) {
        // Exact strings: a zero too many or too few is the fault these tests exist for.
        assert_eq!(actual, expected);
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_basis_is_the_opening_paragraphs_that_state_it() {
        let split = |body: &str| {
            let (basis, rest) = split_basis(body);
            format!("{basis}|{rest}")
        };
        check(
            split("Căn cứ Luật A;\n\nThực hiện Kế hoạch B,\n\nCác đơn vị triển khai."),
            "Căn cứ Luật A;\n\nThực hiện Kế hoạch B,|Các đơn vị triển khai.",
        );
        check(split("Thực hiện Kế hoạch B."), "|Thực hiện Kế hoạch B.");
        check(
            split("Đề nghị các đơn vị\n\nThực hiện X"),
            "|Đề nghị các đơn vị\n\nThực hiện X",
        );
        // A word that only begins like an opener ("Theodore") is not one.
        check(split("Theodore\n\nNội dung."), "|Theodore\n\nNội dung.");
        check(split("\n\n"), "|");
    }

    #[test]
    fn an_addressee_goes_before_the_file_copy() {
        let list = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        check(
            with_addressee(&list(&["Như trên", "Lưu: VT, VP"]), "CĐCS").join("; "),
            "Như trên; CĐCS; Lưu: VT, VP",
        );
        check(
            with_addressee(&list(&["Như trên"]), " CĐCS ").join("; "),
            "Như trên; CĐCS",
        );
        check(with_addressee(&[], "CĐCS").join("; "), "CĐCS");
    }

    #[test]
    fn days_below_ten_take_a_zero() {
        check(two_digit(1), "01");
        check(two_digit(2), "02");
        check(two_digit(9), "09");
        check(two_digit(10), "10");
        check(two_digit(12), "12");
        check(two_digit(29), "29");
    }

    #[test]
    fn only_january_and_february_take_a_zero() {
        check(month(1), "01");
        check(month(2), "02");
        check(month(3), "3");
        check(month(9), "9");
        check(month(10), "10");
        check(month(12), "12");
    }

    #[test]
    fn long_dates() {
        let full = |y, m, day| LetterDate::full(d(y, m, day));
        check(long_date(full(2020, 1, 5)), "ngày 05 tháng 01 năm 2020");
        check(long_date(full(2019, 6, 29)), "ngày 29 tháng 6 năm 2019");
        check(long_date(full(2024, 2, 1)), "ngày 01 tháng 02 năm 2024");
        check(long_date(full(2024, 9, 9)), "ngày 09 tháng 9 năm 2024");
        check(long_date(full(2024, 10, 10)), "ngày 10 tháng 10 năm 2024");
        check(long_date(full(2024, 12, 12)), "ngày 12 tháng 12 năm 2024");
        let blank = LetterDate {
            year: 2024,
            month: 5,
            day: None,
        };
        check(long_date(blank), &format!("ngày {BLANK} tháng 5 năm 2024"));
    }

    #[test]
    fn day_and_month() {}

    #[test]
    fn short_dates() {
        check(short_date(d(2024, 5, 6)), "06/5/2024");
        check(short_date(d(2024, 2, 7)), "07/02/2024");
        check(short_date(d(2024, 1, 1)), "01/01/2024");
        check(short_date(d(2024, 9, 9)), "09/9/2024");
        check(short_date(d(2024, 10, 10)), "10/10/2024");
        check(short_date(d(2024, 12, 12)), "12/12/2024");
        check(short_date(d(2024, 4, 11)), "11/4/2024");
    }

    #[test]
    fn place_and_date_share_a_comma() {
        let date = LetterDate::full(d(2020, 1, 5));
        check(
            place_date("Hà Nội", date),
            "Hà Nội, ngày 05 tháng 01 năm 2020",
        );
    }

    #[test]
    fn number_lines() {
        check(number_line(Some(5), "LĐLĐ"), "Số: 05/LĐLĐ");
        check(number_line(Some(1), "KH-LĐLĐ"), "Số: 01/KH-LĐLĐ");
        check(number_line(Some(10), "LĐLĐ"), "Số: 10/LĐLĐ");
        check(number_line(Some(165), "LĐLĐ"), "Số: 165/LĐLĐ");
        check(number_line(None, "LĐLĐ"), &format!("Số: {BLANK}/LĐLĐ"));
    }

    #[test]
    fn subject_lines_do_not_double_vv() {
        check(
            subject_line("triển khai kế hoạch"),
            "V/v triển khai kế hoạch",
        );
        check(
            subject_line("V/v triển khai kế hoạch"),
            "V/v triển khai kế hoạch",
        );
        check(subject_line("về việc nâng bậc lương"), "V/v nâng bậc lương");
    }

    #[test]
    fn state_and_party_identifiers() {
        check(doc_id("1062", "KH-UBND"), "1062/KH-UBND");
        check(doc_id("168", "2018/NĐ-CP"), "168/2018/NĐ-CP");
        check(doc_id("275", "KH/BCĐ"), "275-KH/BCĐ");
        check(doc_id("46", "CT/TW"), "46-CT/TW");
        check(doc_id("165", "LĐLĐ"), "165/LĐLĐ");
        check(doc_id("12", ""), "12");
    }

    #[test]
    fn file_names() {
        check(
            file_name(Some(5), "LĐLĐ", "V/v triển khai kế hoạch số 1062/KH-UBND"),
            "05-LĐLĐ triển khai kế hoạch số 1062-KH-UBND.docx",
        );
        check(
            file_name(None, "KH-LĐLĐ", "a b c d e f g h i j"),
            "KH-LĐLĐ a b c d e f g h.docx",
        );
    }

    #[test]
    fn proper_names_of_bodies() {
        check(
            proper_name("ỦY BAN NHÂN DÂN TỈNH TÂY NINH"),
            "Ủy ban nhân dân tỉnh Tây Ninh",
        );
        check(proper_name("UBND TỈNH TÂY NINH"), "UBND tỉnh Tây Ninh");
        check(
            proper_name("LIÊN ĐOÀN LAO ĐỘNG TỈNH BÌNH PHƯỚC"),
            "Liên đoàn Lao động tỉnh Bình Phước",
        );
        check(
            proper_name("SỞ GIÁO DỤC VÀ ĐÀO TẠO"),
            "Sở Giáo dục và Đào tạo",
        );
        check(proper_name("CHÍNH PHỦ"), "Chính phủ");
        check(
            proper_name("HỘI ĐỒNG NHÂN DÂN TỈNH QUẢNG NINH"),
            "Hội đồng nhân dân tỉnh Quảng Ninh",
        );
        check(proper_name("BỘ NỘI VỤ"), "Bộ Nội vụ");
        check(
            proper_name("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"),
            "Ủy ban nhân dân Thành phố Hồ Chí Minh",
        );
        check(
            proper_name("TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM"),
            "Tổng Liên đoàn Lao động Việt Nam",
        );
        check(
            proper_name("Ban Thường vụ Tỉnh ủy"),
            "Ban Thường vụ Tỉnh ủy",
        );
    }

    #[test]
    fn citations() {
        let plan = DocRef {
            doc_type: DocKind::from_name("Kế hoạch"),
            number: "1062".into(),
            symbol: "KH-UBND".into(),
            date: Some(d(2024, 4, 11)),
            issuer: Some("Ủy ban nhân dân tỉnh Tây Ninh".into()),
            subject: Some("phát động Phong trào thi đua năm 2024".into()),
            title: None,
            dash: None,
            carried: false,
        };
        check(
            citation(&plan),
            "Kế hoạch số 1062/KH-UBND ngày 11/4/2024 của Ủy ban nhân dân tỉnh Tây Ninh về phát động Phong trào thi đua năm 2024",
        );
        check(short_citation(&plan), "Kế hoạch số 1062/KH-UBND");
        let bare = DocRef {
            date: None,
            issuer: None,
            subject: Some("về việc tăng cường".into()),
            ..plan
        };
        check(citation(&bare), "Kế hoạch số 1062/KH-UBND về tăng cường");
        check(
            listed_citation(&bare),
            "Kế hoạch số 1062/KH-UBND về tăng cường",
        );
        // Cited without a number: by its name or its kind, with its date.
        let minutes = DocRef {
            doc_type: DocKind::from_name("Biên bản"),
            number: String::new(),
            symbol: String::new(),
            date: Some(d(2017, 12, 20)),
            subject: None,
            ..bare
        };
        check(listed_citation(&minutes), "Biên bản ngày 20/12/2017");
        let law = DocRef {
            doc_type: DocKind::from_name("Luật"),
            title: Some("Luật Công đoàn năm 2012".into()),
            date: None,
            ..minutes
        };
        check(listed_citation(&law), "Luật Công đoàn năm 2012");
    }
}
