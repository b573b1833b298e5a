//! Reading a directive: clean text in, `Directive` and its problems out. Never fails and
//! never panics: what it cannot find is left empty and listed as a problem with its line.
//!
//! Real copies are messy, so matching is by line and by pattern, not by position: the
//! header may be collapsed into one line or split across lines, accents or letters may be
//! lost ("Kinh gui", "T?NG"), symbols may carry spaces or lost hyphens, and a page banner
//! may stand above the header. `lines` makes the lines, `header` reads the header,
//! `citations` the documents the opening cites, `ending` Kính gửi, Nơi nhận and the
//! signature.

mod citations;
mod ending;
mod header;
mod lines;

use serde::{Deserialize, Serialize};

use crate::model::{DocKind, DocRef, LetterDate};
use crate::text::modern_tone;
use crate::wording;

/// A parent directive as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Directive {
    /// Its kind, e.g. "Kế hoạch".
    pub doc_type: Option<DocKind>,
    /// Its number as written ("1062", "05"); none while blank.
    pub number: Option<String>,
    /// Its ký hiệu ("KH-UBND", "LĐLĐ", "2018/NĐ-CP", "KH/BCĐ").
    pub symbol: Option<String>,
    /// The issuing body, as the header writes it.
    pub issuer: Option<String>,
    /// The body above the issuer (cơ quan chủ quản).
    pub parent_body: Option<String>,
    /// The place of the date line.
    pub place: Option<String>,
    /// The date; "YYYY-MM" when the day is blank.
    pub date: Option<LetterDate>,
    /// The trích yếu, without "V/v".
    pub subject: Option<String>,
    /// Kính gửi, without dashes and closing punctuation; none when there is no Kính gửi.
    pub recipients: Option<Vec<String>>,
    /// The documents it cites as its basis or for action, in order of first mention.
    pub references: Vec<DocRef>,
    /// Nơi nhận, without dashes and closing punctuation.
    pub distribution: Vec<String>,
    /// The signature block.
    pub signer: Signer,
    /// What could not be read, or was read with a correction, each with its line.
    pub problems: Vec<Problem>,
}

impl Directive {
    /// The directive as a citation names it; a kind that was not read is "Văn bản", and
    /// the parts that were not read stay empty.
    pub fn as_citation(&self) -> DocRef {
        DocRef {
            doc_type: self
                .doc_type
                .clone()
                .unwrap_or_else(|| DocKind::from_name("Văn bản")),
            number: self.number.clone().unwrap_or_default(),
            symbol: self.symbol.clone().unwrap_or_default(),
            date: self.date.and_then(LetterDate::to_naive),
            issuer: self.issuer.as_deref().map(crate::wording::proper_name),
            subject: self.subject.clone(),
            title: None,
        }
    }
}

/// The signature block as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Signer {
    /// Every authority line, joined by a space: "TM. BAN THƯỜNG VỤ", "TM. ỦY BAN NHÂN DÂN
    /// KT. CHỦ TỊCH".
    pub authority: Option<String>,
    /// "PHÓ CHỦ TỊCH".
    pub title: Option<String>,
    /// "Trần Văn Chiến".
    pub name: Option<String>,
}

impl Signer {
    /// The authority lines one by one, each starting with its TM., KT., TL., Q. or TUQ.
    pub fn authority_lines(&self) -> Vec<String> {
        let Some(a) = &self.authority else {
            return Vec::new();
        };
        let mut out: Vec<String> = Vec::new();
        for w in a.split_whitespace() {
            let starts = [
                "TM.", "KT.", "TL.", "Q.", "TUQ.", "T/M", "K/T", "T/L", "T/U",
            ]
            .iter()
            .any(|p| w.starts_with(p));
            match out.last_mut() {
                Some(last) if !starts => {
                    last.push(' ');
                    last.push_str(w);
                }
                _ => out.push(w.to_string()),
            }
        }
        out
    }
}

/// Something the reader could not find, or found and corrected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// The line (from 1) it concerns, when there is one.
    pub line: Option<usize>,
    /// The field, with the JSON key of `Directive` ("number", "date", …).
    pub field: String,
    /// What is wrong, in Vietnamese.
    pub message: String,
}

/// Reads a directive from clean text.
pub fn parse(text: &str) -> Directive {
    let lines = lines::prepare(text);
    let mut d = Directive::default();
    let mut r = Reader {
        lines: &lines,
        problems: Vec::new(),
    };
    let zone = r.body_start(0);
    let number_at = r.number_line(zone, &mut d);
    let date_at = r.date_line(zone, &mut d);
    if let Some(at) = number_at.or(date_at) {
        r.issuer(at, &mut d);
    }
    let (mut title, subject_end) = r.title_and_subject(number_at.unwrap_or(0), zone, &mut d);
    let mut header_end = [number_at, date_at, subject_end.map(|e| e.saturating_sub(1))]
        .into_iter()
        .flatten()
        .max();
    if number_at.is_none() {
        if let Some((kind, i)) = r.title_line(zone, &mut d) {
            title = title.or(Some(kind));
            header_end = header_end.max(Some(i));
        }
    }
    d.doc_type = r.doc_type(title, &mut d);
    let after_header = header_end.map_or(0, |i| i + 1);
    let after_recipients = r.recipients(number_at.unwrap_or(0), &mut d);
    let opening = after_header.max(after_recipients.unwrap_or(0));
    // A công văn or kế hoạch directs in its items what to carry out; a decision's
    // articles or a resolution's provisions cite what they amend or apply, not a basis.
    let items_cite = d
        .doc_type
        .as_ref()
        .is_some_and(|k| k.is_cong_van() || k.name() == "Kế hoạch");
    d.references = citations::references(
        &lines,
        opening,
        (d.number.as_deref(), d.symbol.as_deref()),
        items_cite,
    );
    // A công văn's V/v says what it forwards ("V/v triển khai thực hiện Chỉ thị số …").
    if let (Some(subject), true) = (
        d.subject.clone(),
        d.doc_type.as_ref().is_some_and(DocKind::is_cong_van),
    ) {
        citations::in_subject(&subject, &mut d.references);
    }
    r.ending(opening, &mut d);
    modernise(&mut d);
    r.missing(&d);
    d.problems = r.problems;
    d
}

/// Every name and text the directive gives, with the tone marks where ND30 puts them
/// ("UỶ BAN" → "ỦY BAN", "Hoà" → "Hòa").
fn modernise(d: &mut Directive) {
    let fix = |s: &mut Option<String>| {
        if let Some(v) = s.as_mut() {
            *v = modern_tone(v);
        }
    };
    fix(&mut d.issuer);
    fix(&mut d.parent_body);
    fix(&mut d.place);
    fix(&mut d.subject);
    fix(&mut d.signer.authority);
    fix(&mut d.signer.title);
    fix(&mut d.signer.name);
    if let Some(r) = d.recipients.as_mut() {
        for s in r.iter_mut() {
            *s = modern_tone(s);
        }
    }
    for s in d.distribution.iter_mut() {
        *s = modern_tone(s);
    }
    for r in d.references.iter_mut() {
        fix(&mut r.issuer);
        fix(&mut r.subject);
        fix(&mut r.title);
    }
}

/// Reads a directive from a file's bytes, whatever kind of file it is (`import::text`,
/// then `parse`); only a file that cannot be read at all is an error.
pub fn read(name: &str, bytes: &[u8]) -> Result<Directive, crate::error::Error> {
    Ok(parse(&crate::import::text(name, bytes)?))
}

/// A readable summary for the command line: each field, then the problems.
pub fn summary(d: &Directive) -> String {
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
    let mut s = String::new();
    let mut row = |k: &str, v: String| s.push_str(&format!("{k:<16}{v}\n"));
    row(
        "Loại văn bản:",
        d.doc_type
            .as_ref()
            .map_or("—".into(), |k| k.name().to_string()),
    );
    row(
        "Số, ký hiệu:",
        wording::doc_id(&opt(&d.number), &opt(&d.symbol)),
    );
    row("Cơ quan chủ quản:", opt(&d.parent_body));
    row("Cơ quan ban hành:", opt(&d.issuer));
    row("Địa danh:", opt(&d.place));
    row("Ngày:", d.date.map_or("—".into(), |x| x.to_string()));
    row("Trích yếu:", opt(&d.subject));
    row(
        "Kính gửi:",
        d.recipients.as_ref().map_or("—".into(), |r| r.join("; ")),
    );
    for r in &d.references {
        row("Căn cứ:", wording::citation(r));
    }
    row("Nơi nhận:", d.distribution.join("; "));
    let sig = [&d.signer.authority, &d.signer.title, &d.signer.name]
        .into_iter()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join(" / ");
    row("Người ký:", if sig.is_empty() { "—".into() } else { sig });
    if !d.problems.is_empty() {
        s.push_str("\nCần kiểm tra:\n");
        for p in &d.problems {
            match p.line {
                Some(l) => s.push_str(&format!("  - dòng {l}: {}\n", p.message)),
                None => s.push_str(&format!("  - {}\n", p.message)),
            }
        }
    }
    s
}

/// The lines being read and what was found wrong so far.
struct Reader<'a> {
    lines: &'a [lines::Line],
    problems: Vec<Problem>,
}

impl Reader<'_> {
    fn problem(&mut self, line: Option<usize>, field: &str, message: String) {
        self.problems.push(Problem {
            line,
            field: field.to_string(),
            message,
        });
    }

    fn missing(&mut self, d: &Directive) {
        let checks: [(&str, bool, &str); 7] = [
            (
                "doc_type",
                d.doc_type.is_none(),
                "không xác định được loại văn bản (tên loại, ký hiệu hoặc \"V/v\")",
            ),
            (
                "number",
                d.symbol.is_none(),
                "không tìm thấy số, ký hiệu (dòng \"Số: …\")",
            ),
            (
                "date",
                d.date.is_none(),
                "không tìm thấy ngày tháng (\"…, ngày … tháng … năm …\")",
            ),
            (
                "place",
                d.place.is_none() && d.date.is_some(),
                "không đọc được địa danh trước ngày tháng",
            ),
            (
                "subject",
                d.subject.is_none(),
                "không tìm thấy trích yếu (\"V/v …\" hoặc dòng dưới tên loại)",
            ),
            (
                "issuer",
                d.issuer.is_none(),
                "không tìm thấy tên cơ quan ban hành ở đầu văn bản",
            ),
            (
                "signer",
                d.signer.title.is_none(),
                "không tìm thấy chức vụ người ký",
            ),
        ];
        for (field, missing, message) in checks {
            if missing {
                self.problem(None, field, message.to_string());
            }
        }
        if d.number.is_none() && d.symbol.is_some() {
            self.problem(None, "number", "văn bản chưa có số (số để trống)".into());
        }
        if d.distribution.is_empty() {
            self.problem(None, "distribution", "không tìm thấy \"Nơi nhận\"".into());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    /// Parses `text` and compares the fields named in `expected` (JSON keys of `Directive`).
    fn check(text: &str, expected: Value) {
        let got = serde_json::to_value(parse(text)).unwrap();
        for (key, want) in expected.as_object().unwrap() {
            assert_eq!(
                &got[key], want,
                "field {key} of\n{text}\nproblems: {}",
                got["problems"]
            );
        }
    }

    #[test]
    fn header_collapsed_into_one_column() {
        check(
            "UBND TỈNH TÂY NINH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ GIÁO DỤC VÀ ĐÀO TẠO Độc lập - Tự do - Hạnh phúc\n\
             Số: 512 /SGDĐT – TCCB Tây Ninh, ngày 05 tháng 3 năm 2021\nV/v hướng dẫn công tác thi đua, khen thưởng năm học 2020 - 2021\n\
             Kính gửi: Hiệu trưởng các trường trung học phổ thông.\n\nCăn cứ Hướng dẫn số 11/HD-SGDĐT ngày 02/3/2021 của Sở Giáo dục và Đào tạo về thi đua.",
            json!({"parent_body": "UBND TỈNH TÂY NINH", "issuer": "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "number": "512", "symbol": "SGDĐT-TCCB",
                   "place": "Tây Ninh", "date": "2021-03-05", "doc_type": "Công văn",
                   "subject": "hướng dẫn công tác thi đua, khen thưởng năm học 2020 - 2021",
                   "recipients": ["Hiệu trưởng các trường trung học phổ thông"]}),
        );
    }

    #[test]
    fn fields_split_across_lines() {
        check(
            "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSố: 1234/UBND-KGVX\nHà\nNội, ngày 05 tháng 3\nnăm 2021\nV/v tăng cường công tác\nphòng, chống dịch bệnh\n\nKính gửi:\n- Sở Y tế;\n- UBND các quận, huyện, thị xã.",
            json!({"issuer": "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", "parent_body": null, "place": "Hà Nội", "date": "2021-03-05",
                   "subject": "tăng cường công tác phòng, chống dịch bệnh", "recipients": ["Sở Y tế", "UBND các quận, huyện, thị xã"]}),
        );
    }

    #[test]
    fn header_in_table_pipes() {
        check(
            "| LIÊN ĐOÀN LAO ĐỘNG TỈNH BÌNH DƯƠNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n|---|---|\n| Số: 45/LĐLĐ | Bình Dương, ngày 12 tháng 01 năm 2023 |\n| V/v tổ chức Tết Sum vầy | |",
            json!({"issuer": "LIÊN ĐOÀN LAO ĐỘNG TỈNH BÌNH DƯƠNG", "number": "45", "symbol": "LĐLĐ", "place": "Bình Dương", "date": "2023-01-12",
                   "subject": "tổ chức Tết Sum vầy"}),
        );
    }

    #[test]
    fn html_breaks_from_a_web_page() {
        let text = crate::import::clean(
            "Số: 12/UBND-VX<br>Kinh gui:<br>- Sở Nội vụ;<br>- Sở Tài chính.<br>",
        );
        check(
            &text,
            json!({"number": "12", "symbol": "UBND-VX", "recipients": ["Sở Nội vụ", "Sở Tài chính"]}),
        );
    }

    #[test]
    fn a_page_banner_above_the_header() {
        check(
            "Ký bởi: Văn phòng Ủy ban nhân dân tỉnh\nEmail: vpubnd@tayninh.gov.vn\nThời gian ký: 12.04.2024 08:30:12 +07:00\n\
             ỦY BAN NHÂN DÂN\nTỈNH TÂY NINH\nSố: 1062/KH-UBND\nTây Ninh, ngày 11 tháng 4 năm 2024\nKẾ HOẠCH\nPhát động Phong trào thi đua năm 2024\n\nCăn cứ Nghị định số 168/2018/NĐ-CP ngày 28/12/2018 của Chính phủ về công tác quốc phòng;",
            json!({"issuer": "ỦY BAN NHÂN DÂN TỈNH TÂY NINH", "parent_body": null, "doc_type": "Kế hoạch", "date": "2024-04-11",
                   "subject": "Phát động Phong trào thi đua năm 2024",
                   "references": [{"doc_type": "Nghị định", "number": "168", "symbol": "2018/NĐ-CP", "date": "2018-12-28", "issuer": "Chính phủ", "subject": "công tác quốc phòng"}]}),
        );
    }

    #[test]
    fn a_hyphen_lost_in_pdf_extraction_is_restored_and_reported() {
        let text = "ỦY BAN NHÂN DÂN TỈNH TÂY NINH\nSố: 2150/QĐUBND\nTây Ninh, ngày 28 tháng 9 năm 2023\nQUYẾT ĐỊNH\nVề việc kiện toàn Ban Chỉ đạo công tác dân vận\n\nCăn cứ Luật Tổ chức chính quyền địa phương;";
        check(
            text,
            json!({"doc_type": "Quyết định", "symbol": "QĐ-UBND", "subject": "kiện toàn Ban Chỉ đạo công tác dân vận"}),
        );
        assert!(parse(text)
            .problems
            .iter()
            .any(|p| p.field == "symbol" && p.line == Some(2)));
        // Without a title to confirm it, the symbol stays as written.
        check("Số: 2150/QĐUBND\nV/v x", json!({"symbol": "QĐUBND"}));
    }

    #[test]
    fn no_accents() {
        check(
            "So: 15/LDLD\nV/v to chuc Thang Cong nhan\nKinh gui: Cac cong doan co so.",
            json!({"number": "15", "recipients": ["Cac cong doan co so"]}),
        );
    }

    #[test]
    fn party_style_and_decree_symbols() {
        check(
            "ĐẢNG BỘ HUYỆN DƯƠNG MINH CHÂU ĐẢNG CỘNG SẢN VIỆT NAM\nBAN CHỈ ĐẠO\nSố 275-KH/BCĐ Dương Minh Châu, ngày 19 tháng 11 năm 2024\nKẾ HOẠCH\nPhối hợp liên ngành ra quân làm công tác dân vận đợt II/2024",
            json!({"number": "275", "symbol": "KH/BCĐ", "doc_type": "Kế hoạch", "issuer": "BAN CHỈ ĐẠO", "parent_body": "ĐẢNG BỘ HUYỆN DƯƠNG MINH CHÂU", "place": "Dương Minh Châu"}),
        );
        check(
            "CHÍNH PHỦ\nSố: 30/2020/NĐ-CP\nHà Nội, ngày 05 tháng 3 năm 2020",
            json!({"number": "30", "symbol": "2020/NĐ-CP", "doc_type": "Nghị định", "issuer": "CHÍNH PHỦ"}),
        );
    }

    #[test]
    fn blank_day_and_blank_number() {
        check(
            "Số:      /LĐLĐ\nHuyện DMC, ngày      tháng 5 năm 2024",
            json!({"number": null, "symbol": "LĐLĐ", "date": "2024-05", "place": "Huyện DMC"}),
        );
        check(
            "Số: 9/LĐLĐ\nHà Nội, ngày 31 tháng 2 năm 2024",
            json!({"date": null}),
        );
    }

    #[test]
    fn references_in_both_date_forms_with_their_issuer() {
        check(
            "Thực hiện Kế hoạch số 132/KH-LĐLĐ, ngày 25/11/2024 của Ban Thường vụ Liên đoàn Lao động tỉnh về phối hợp; Kế hoạch Số 275-KH/BCĐ, ngày 19 tháng 11 năm 2024 của Ban chỉ đạo thực hiện QCDC huyện Dương Minh Châu về Phối hợp.\n\nTiếp tục thực hiện có hiệu quả Công văn số 1584/UBND-NCPC ngày 17/7/2020 của UBND tỉnh.",
            json!({"references": [
                {"doc_type": "Kế hoạch", "number": "132", "symbol": "KH-LĐLĐ", "date": "2024-11-25", "issuer": "Ban Thường vụ Liên đoàn Lao động tỉnh", "subject": "phối hợp"},
                {"doc_type": "Kế hoạch", "number": "275", "symbol": "KH/BCĐ", "date": "2024-11-19", "issuer": "Ban chỉ đạo thực hiện QCDC huyện Dương Minh Châu", "subject": "Phối hợp"},
                {"doc_type": "Công văn", "number": "1584", "symbol": "UBND-NCPC", "date": "2020-07-17", "issuer": "UBND tỉnh", "subject": null}
            ]}),
        );
    }

    #[test]
    fn an_issuer_name_never_runs_into_the_next_citation() {
        // Found by the property test: the name after "của" ran past the next citation.
        check(
            "Căn cứ Nghị định số 139/2020/NĐ-CP ngày 27/11/2020 của Chín điều của Nghị định số02/2014 của Chính phủ quy định chi tiết và biện pháp thi hành Luật Giáo dục quốc phòng và an ninh;",
            json!({"references": [{"doc_type": "Nghị định", "number": "139", "symbol": "2020/NĐ-CP", "date": "2020-11-27", "issuer": "Chín điều của", "subject": null}]}),
        );
    }

    #[test]
    fn signer_with_collapsed_columns_and_a_lost_kt() {
        check(
            "Nơi nhận: KT. CHỦ TỊCH\n- Như trên; PHÓ CHỦ TỊCH\n- Lưu: VT, VP.\n(Đã ký)\nNguyễn Văn An",
            json!({"distribution": ["Như trên", "Lưu: VT, VP"], "signer": {"authority": "KT. CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH", "name": "Nguyễn Văn An"}}),
        );
        let text = "Yêu cầu các đơn vị thực hiện./.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nCHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Văn Chiến";
        check(
            text,
            json!({"signer": {"authority": "KT. CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH", "name": "Trần Văn Chiến"}}),
        );
        assert!(parse(text)
            .problems
            .iter()
            .any(|p| p.field == "signer" && p.line == Some(5)));
    }

    #[test]
    fn a_date_line_in_figures() {
        check(
            "Số: 45/UBND-VX\nTây Ninh, ngày 05/3/2021\nV/v x",
            json!({"date": "2021-03-05", "place": "Tây Ninh"}),
        );
    }

    #[test]
    fn number_after_the_body_name_on_one_line() {
        check(
            "UBND TỈNH BÌNH DƯƠNG\nSỞ NỘI VỤ Số: 123/SNV-TCBC\nBình Dương, ngày 12 tháng 01 năm 2023\nV/v tuyển dụng",
            json!({"number": "123", "symbol": "SNV-TCBC", "issuer": "SỞ NỘI VỤ", "parent_body": "UBND TỈNH BÌNH DƯƠNG"}),
        );
    }

    #[test]
    fn wrapped_noi_nhan_items() {
        check(
            "Nơi nhận:\n- Như trên;\n- Các cơ quan, đơn vị, địa phương, doanh nghiệp trên\nđịa bàn tỉnh;\n- Lưu: VT, VP.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
            json!({"distribution": ["Như trên", "Các cơ quan, đơn vị, địa phương, doanh nghiệp trên địa bàn tỉnh", "Lưu: VT, VP"],
                   "signer": {"authority": "KT. CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH", "name": null}}),
        );
    }

    #[test]
    fn a_vv_that_cites_a_date_and_columns_in_pdf_order() {
        check(
            "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH\nSố: 512/UBND-VX\nV/v triển khai thực hiện Chỉ thị số 05/CT-TTg\nngày 01 tháng 3 năm 2025 của Thủ tướng Chính phủ\n\
             CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nThành phố Hồ Chí Minh, ngày 07 tháng 3 năm 2025\nKính gửi: Các Sở, ban, ngành thành phố.",
            json!({"date": "2025-03-07", "place": "Thành phố Hồ Chí Minh",
                   "subject": "triển khai thực hiện Chỉ thị số 05/CT-TTg ngày 01 tháng 3 năm 2025 của Thủ tướng Chính phủ",
                   "references": [{"doc_type": "Chỉ thị", "number": "05", "symbol": "CT-TTg", "date": "2025-03-01", "issuer": "Thủ tướng Chính phủ", "subject": null}]}),
        );
    }

    #[test]
    fn party_signature_forms() {
        check(
            "Nơi nhận:\n- Ban Dân vận TU,\n- Lưu Văn phòng Tỉnh ủy.\nT/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ THƯỜNG TRỰC\n\nNguyễn Thành Tâm",
            json!({"signer": {"authority": "T/M BAN THƯỜNG VỤ", "title": "PHÓ BÍ THƯ THƯỜNG TRỰC", "name": "Nguyễn Thành Tâm"}}),
        );
    }

    #[test]
    fn nothing_found_is_reported_never_invented() {
        let d = parse("Xin chào.\n\nĐây không phải là một văn bản hành chính.");
        assert_eq!(d.number, None);
        assert_eq!(d.issuer, None);
        for field in [
            "doc_type",
            "number",
            "date",
            "subject",
            "issuer",
            "signer",
            "distribution",
        ] {
            assert!(
                d.problems.iter().any(|p| p.field == field),
                "no problem for {field}"
            );
        }
        assert_eq!(
            parse(""),
            Directive {
                problems: parse("").problems,
                ..Directive::default()
            }
        );
    }
}
