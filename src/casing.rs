//! A title printed in capitals, written as a sentence: what a forwarding letter's V/v and
//! citation say of a parent whose trích yếu is in capitals ("KẾ HOẠCH TRIỂN KHAI THỰC
//! HIỆN ĐỀ ÁN …"). Everything goes to lower case except what ND30 Phụ lục II
//! capitalises: names of bodies ("Ủy ban nhân dân", "Liên đoàn Lao động"), places with
//! their unit word ("tỉnh Nghệ An", "huyện Thọ Xuân"), documents cited with their number
//! ("Quyết định số 34/2014/QĐ-TTg"), abbreviations ("OCOP", "UBND"), Roman numerals,
//! "Đảng", "Nhà nước" and "Nhân dân" in their proper uses.

use std::sync::LazyLock;

use crate::gazetteer;
use crate::text::{capitalize, fold, is_syllable, is_upper};

/// Names whose capitals ND30 Phụ lục II keeps, as they are written; matched on their
/// folded words, the longest first.
const NAMES: &[&str] = &[
    "Tổng Liên đoàn Lao động Việt Nam",
    "Liên đoàn Lao động",
    "Công đoàn Việt Nam",
    "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
    "Mặt trận Tổ quốc Việt Nam",
    "Mặt trận Tổ quốc",
    "Ủy ban nhân dân",
    "Hội đồng nhân dân",
    "Tòa án nhân dân",
    "Viện kiểm sát nhân dân",
    "Công an nhân dân",
    "Quân đội nhân dân Việt Nam",
    "Quân đội nhân dân",
    "Ban Chấp hành Trung ương",
    "Ban Chấp hành",
    "Ban Thường vụ",
    "Ban Thường trực",
    "Ban Bí thư",
    "Bộ Chính trị",
    "Ban Chỉ đạo",
    "Ban Tổ chức",
    "Ban Tuyên giáo",
    "Ban Dân vận",
    "Ban Kinh tế",
    "Ban Nội chính",
    "Ban Kiểm tra",
    "Đoàn Chủ tịch",
    "Quốc hội",
    "Ủy ban Thường vụ Quốc hội",
    "Chính phủ",
    "Thủ tướng Chính phủ",
    "Văn phòng Chính phủ",
    "Thanh tra Chính phủ",
    "Kiểm toán Nhà nước",
    "Ngân hàng Nhà nước Việt Nam",
    "Bảo hiểm xã hội Việt Nam",
    "Đảng Cộng sản Việt Nam",
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
    "Đoàn TNCS Hồ Chí Minh",
    "Hội Liên hiệp Phụ nữ Việt Nam",
    "Hội Liên hiệp Phụ nữ",
    "Hội Cựu chiến binh Việt Nam",
    "Hội Cựu chiến binh",
    "Hội Nông dân Việt Nam",
    "Hội Nông dân",
    "Hội Chữ thập đỏ",
    "Hội đồng Thi đua - Khen thưởng",
    "Ban Thi đua - Khen thưởng",
    "Ủy ban Dân tộc",
    "Bộ Ngoại giao",
    "Bộ Quốc phòng",
    "Bộ Công an",
    "Thành phố Hồ Chí Minh",
    "Chủ tịch Hồ Chí Minh",
    "Hồ Chí Minh",
    "Bác Hồ",
    "Thủ đô Hà Nội",
    "Tết Nguyên đán",
    "Tháng Công nhân",
    "Ngày Quốc tế Lao động",
    "Ngày Quốc tế Phụ nữ",
    "Ngày Thương binh - Liệt sĩ",
    "Đại hội đại biểu toàn quốc",
    "Việt Nam",
    "Trung ương",
];

/// Fields of a ministry and of a department (Sở) of the same name.
pub(crate) const FIELDS: &[&str] = &[
    "Giáo dục và Đào tạo",
    "Lao động - Thương binh và Xã hội",
    "Nội vụ",
    "Tài chính",
    "Y tế",
    "Tư pháp",
    "Công Thương",
    "Xây dựng",
    "Nông nghiệp và Phát triển nông thôn",
    "Nông nghiệp và Môi trường",
    "Tài nguyên và Môi trường",
    "Văn hóa, Thể thao và Du lịch",
    "Thông tin và Truyền thông",
    "Khoa học và Công nghệ",
    "Kế hoạch và Đầu tư",
    "Giao thông vận tải",
    "Dân tộc và Tôn giáo",
];

/// Each name's folded words and, for each word, whether it starts with a capital.
static PATTERNS: LazyLock<Vec<(Vec<String>, Vec<bool>)>> = LazyLock::new(|| {
    let mut names: Vec<String> = NAMES.iter().map(|s| s.to_string()).collect();
    for f in FIELDS {
        names.push(format!("Bộ {f}"));
        names.push(format!("Sở {f}"));
    }
    let mut out: Vec<(Vec<String>, Vec<bool>)> = names
        .iter()
        .map(|n| {
            let words: Vec<&str> = n.split_whitespace().collect();
            (
                words
                    .iter()
                    .map(|w| fold(w.trim_matches(|c: char| !c.is_alphanumeric())))
                    .collect(),
                words
                    .iter()
                    .map(|w| w.chars().next().is_some_and(char::is_uppercase))
                    .collect(),
            )
        })
        .collect();
    out.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    out
});

/// Kinds of document that take a capital when cited with their number.
static KINDS: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    let mut v: Vec<Vec<String>> = crate::model::DocKind::all_names()
        .into_iter()
        .chain(["Văn bản"])
        .map(|n| n.split_whitespace().map(fold).collect())
        .collect();
    v.sort_by_key(|w| std::cmp::Reverse(w.len()));
    v
});

/// `text` in normal case when it is printed in capitals; otherwise as it is. The first
/// word stays in lower case unless it is a name: the caller places the text in a sentence.
pub(crate) fn sentence_case(text: &str) -> String {
    if !is_upper(text) {
        return text.to_string();
    }
    case_words(text, false)
}

/// A body's name printed in capitals, as a text names it (PL-II): "ỦY BAN NHÂN DÂN TỈNH
/// TÂY NINH" → "Ủy ban nhân dân tỉnh Tây Ninh", "CÔNG ĐOÀN VIÊN CHỨC VIỆT NAM" → "Công
/// đoàn Viên chức Việt Nam", "TIỂU BAN THI ĐUA – KHEN THƯỞNG" → "Tiểu ban Thi đua – Khen
/// thưởng": the word that names the type, the field and the place take capitals.
pub(crate) fn name_case(name: &str) -> String {
    case_words(name.trim(), true)
}

/// Words after which a body's name goes on with its field ("Sở | Nội vụ", "Công đoàn |
/// Viên chức"): the last word of the head, in lower case.
const FIELD_AFTER: &[&str] = &[
    "sở",
    "ban",
    "phòng",
    "cục",
    "vụ",
    "viện",
    "trường",
    "tâm",
    "đoàn",
    "hội",
    "bộ",
    "đồng",
];

/// First words of a body's name, folded.
const HEAD_START: &[&str] = &[
    "uy", "hoi", "ban", "so", "bo", "lien", "cong", "tong", "phong", "van", "truong", "tieu",
    "cuc", "vien", "trung",
];

/// Words that stay in lower case inside a body's field.
const FUNCTION_WORDS: &[&str] = &[
    "va", "cua", "o", "tai", "ve", "cac", "nhan", "dan", "co", "so", "thuoc", "truc",
];

fn case_words(text: &str, as_name: bool) -> String {
    let mut w = Words::new(tokens(text));
    w.roman_numerals();
    let mut i = 0;
    while i < w.tokens.len() {
        // The first recogniser that knows the words at `i` decides them; else the word
        // keeps its own case.
        i += RECOGNISERS.iter().find_map(|r| r(&mut w, i)).unwrap_or(1);
    }
    if as_name {
        w.name_fields();
    }
    w.tokens
        .iter()
        .zip(w.caps)
        .map(|(t, c)| t.write(c))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words of a title as they are being cased: each token, its folded form, the case it
/// takes, and whether a recogniser decided it (a name, a place) so the field rule leaves it.
struct Words {
    tokens: Vec<Token>,
    folded: Vec<String>,
    caps: Vec<Case>,
    decided: Vec<bool>,
}

/// What recognises the words at an index and cases them: how many words it took, or none
/// when it does not know them.
type Recogniser = fn(&mut Words, usize) -> Option<usize>;

/// The recognisers, tried in this order at each word.
const RECOGNISERS: &[Recogniser] = &[
    known_name,
    unit_and_place,
    province,
    document,
    lunar_year,
    party,
    state,
    people,
];

/// The words of `text`, those a copy ran together ("CHÍNHPHỦ") read apart.
fn tokens(text: &str) -> Vec<Token> {
    text.split_whitespace()
        .flat_map(|w| {
            let t = Token::new(w);
            let parts = crate::text::unglue(&t.core);
            if parts.len() == 2 {
                vec![
                    Token {
                        before: t.before,
                        core: parts[0].clone(),
                        after: String::new(),
                    },
                    Token {
                        before: String::new(),
                        core: parts[1].clone(),
                        after: t.after,
                    },
                ]
            } else {
                vec![t]
            }
        })
        .collect()
}

impl Words {
    fn new(tokens: Vec<Token>) -> Words {
        Words {
            folded: tokens.iter().map(|t| fold(&t.core)).collect(),
            caps: tokens.iter().map(|t| t.own_case()).collect(),
            decided: vec![false; tokens.len()],
            tokens,
        }
    }

    /// The folded word at `i`, if there is one.
    fn at(&self, i: usize) -> Option<&str> {
        self.folded.get(i).map(String::as_str)
    }

    /// The folded word before `i`, if there is one.
    fn before(&self, i: usize) -> Option<&str> {
        i.checked_sub(1).map(|p| self.folded[p].as_str())
    }

    /// Words `from..to` take a capital and are decided.
    fn capital(&mut self, from: usize, to: usize) {
        for k in from..to {
            self.caps[k] = Case::Capital;
            self.decided[k] = true;
        }
    }

    /// Roman numerals after an ordinal word ("KHÓA XIII", "ĐỢT II", "LẦN THỨ XIV").
    fn roman_numerals(&mut self) {
        for i in 1..self.tokens.len() {
            let ordinal = matches!(
                self.folded[i - 1].as_str(),
                "khoa" | "thu" | "dot" | "quy" | "phan" | "chuong" | "muc" | "ky" | "hoi"
            );
            if ordinal && is_roman(&self.tokens[i].core) {
                self.caps[i] = Case::Keep;
            }
        }
    }

    /// The field after the head of a body's name, and each part of it after "và" or a
    /// dash: "Sở Giáo dục và Đào tạo", "Tiểu ban Thi đua – Khen thưởng".
    fn name_fields(&mut self) {
        let mut in_field = false;
        for k in 1..self.tokens.len() {
            if self.decided[k] {
                in_field = false;
                continue;
            }
            let prev = self.tokens[k - 1].core.to_lowercase();
            let function = FUNCTION_WORDS.contains(&self.folded[k].as_str());
            // "Đại hội" is an event, not a "Hội".
            let head = FIELD_AFTER.contains(&prev.as_str())
                && !(prev == "hội" && k >= 2 && self.folded[k - 2] == "dai");
            // A second body after "và": "Ủy ban nhân dân và Ủy ban MTTQ …".
            if prev == "và"
                && HEAD_START.contains(&self.folded[k].as_str())
                && self.caps[k] == Case::Lower
            {
                self.caps[k] = Case::Capital;
                in_field = false;
                continue;
            }
            if !self.decided[k - 1] && head {
                in_field = true;
                if self.caps[k] == Case::Lower && !function {
                    self.caps[k] = Case::Capital;
                }
                continue;
            }
            let joined = prev == "và"
                || self.tokens[k - 1].core.is_empty()
                || self.tokens[k - 1].after.ends_with(['-', '–', ',']);
            if in_field && joined && self.caps[k] == Case::Lower && !function {
                self.caps[k] = Case::Capital;
            }
            if function && self.folded[k] != "va" {
                in_field = false;
            }
        }
        if let Some(first) = self.caps.first_mut() {
            if *first == Case::Lower {
                *first = Case::Capital;
            }
        }
    }
}

/// A name the patterns know ("Liên đoàn Lao động", "Ủy ban nhân dân"), but not "Ban …"
/// inside "Ủy ban …" or "Tiểu ban …".
fn known_name(w: &mut Words, i: usize) -> Option<usize> {
    if w.at(i) == Some("ban") && matches!(w.before(i), Some("uy" | "tieu")) {
        return None;
    }
    let (_, pattern) = &PATTERNS[name_at(&w.folded[i..])?];
    for (k, cap) in pattern.iter().enumerate() {
        if w.caps[i + k] == Case::Lower {
            w.caps[i + k] = if *cap { Case::Capital } else { Case::Lower };
        }
        w.decided[i + k] = true;
    }
    Some(pattern.len())
}

/// A unit and its place ("tỉnh Tây Ninh", "xã Phước Minh"); "Quận 1", "Phường 3", a unit
/// named by its number, takes a capital itself.
fn unit_and_place(w: &mut Words, i: usize) -> Option<usize> {
    let after = i + gazetteer::unit_at(&words(&w.folded[i..]))?;
    let n = gazetteer::place_len(&words(&w.folded[after..]))?;
    let numbered = w.tokens[after]
        .core
        .starts_with(|c: char| c.is_ascii_digit());
    for k in i..after + n {
        if w.caps[k] == Case::Lower && (k >= after || numbered) {
            w.caps[k] = Case::Capital;
        }
        w.decided[k] = true;
    }
    Some(after + n - i)
}

/// A province named alone: "TRÊN ĐỊA BÀN NGHỆ AN".
fn province(w: &mut Words, i: usize) -> Option<usize> {
    let n = province_at(&w.folded[i..])?;
    w.capital(i, i + n);
    Some(n)
}

/// A document with its number ("QUYẾT ĐỊNH SỐ 34/2014/QĐ-TTG") or a law by its name
/// ("LUẬT CÔNG ĐOÀN", but not "PHÁP LUẬT CHO …"): the kind's first word takes a capital.
fn document(w: &mut Words, i: usize) -> Option<usize> {
    let folded = &w.folded;
    let n = KINDS.iter().find_map(|k| {
        (folded.len() >= i + k.len() && folded[i..i + k.len()] == k[..]).then_some(k.len())
    })?;
    let next = w.at(i + n);
    let numbered = next == Some("so")
        || w.tokens
            .get(i + n)
            .is_some_and(|t| t.core.starts_with(|c: char| c.is_ascii_digit()));
    let law = w.folded[i] == "luat"
        && n == 1
        && w.before(i) != Some("phap")
        && next
            .is_some_and(|w| !FUNCTION_WORDS.contains(&w) && !matches!(w, "cho" | "trong" | "voi"));
    if !(numbered || law) {
        return None;
    }
    w.capital(i, i + 1 + usize::from(law));
    Some(n)
}

/// A lunar year after "Tết", "Xuân" or "năm": "TẾT NGUYÊN ĐÁN BÍNH NGỌ".
fn lunar_year(w: &mut Words, i: usize) -> Option<usize> {
    let year = matches!(w.before(i), Some("tet" | "xuan" | "nam" | "dan"))
        && STEMS.contains(&w.folded[i].as_str())
        && w.at(i + 1).is_some_and(|b| BRANCHES.contains(&b));
    if !year {
        return None;
    }
    w.caps[i] = Case::Capital;
    w.caps[i + 1] = Case::Capital;
    Some(2)
}

/// "Đảng" is the Party; "đảng viên", "tổ chức đảng" are not its name.
fn party(w: &mut Words, i: usize) -> Option<usize> {
    let party = w.at(i) == Some("dang")
        && !matches!(w.at(i + 1), Some("vien" | "uy" | "bo" | "doan"))
        && !matches!(w.before(i), Some("su" | "chuc" | "uy"));
    if !party {
        return None;
    }
    w.caps[i] = Case::Capital;
    Some(1)
}

/// "Nhà nước" standing for the State, not "quản lý nhà nước", "ngân sách nhà nước".
fn state(w: &mut Words, i: usize) -> Option<usize> {
    if w.at(i) != Some("nha") || w.at(i + 1) != Some("nuoc") {
        return None;
    }
    let common = matches!(
        w.before(i),
        Some("ly" | "sach" | "quan" | "nghiep" | "san" | "may" | "toan" | "von" | "chuc")
    );
    if !common {
        w.caps[i] = Case::Capital;
    }
    Some(2)
}

/// "Nhân dân" standing for the People, not "ủy ban nhân dân", "quân đội nhân dân".
fn people(w: &mut Words, i: usize) -> Option<usize> {
    if w.at(i) != Some("nhan") || w.at(i + 1) != Some("dan") {
        return None;
    }
    let common = matches!(
        w.before(i),
        Some("ban" | "dong" | "an" | "sat" | "doi" | "quan" | "te")
    );
    if !common {
        w.caps[i] = Case::Capital;
    }
    Some(2)
}

/// How a word is written.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Case {
    /// As printed: an abbreviation, a number, a ký hiệu, a Roman numeral.
    Keep,
    /// First letter in capitals.
    Capital,
    /// All in lower case.
    Lower,
}

/// A word with the punctuation around it.
struct Token {
    before: String,
    core: String,
    after: String,
}

impl Token {
    fn new(w: &str) -> Token {
        let start = w.find(|c: char| c.is_alphanumeric()).unwrap_or(w.len());
        let end = w
            .char_indices()
            .rfind(|(_, c)| c.is_alphanumeric())
            .map_or(start, |(i, c)| i + c.len_utf8());
        let end = end.max(start);
        Token {
            before: w[..start].to_string(),
            core: w[start..end].to_string(),
            after: w[end..].to_string(),
        }
    }

    /// The case the word takes by itself: abbreviations, numbers and ký hiệu keep theirs.
    fn own_case(&self) -> Case {
        let w = &self.core;
        if w.is_empty() || w.chars().any(|c| c.is_ascii_digit()) || w.contains('/') {
            return Case::Keep;
        }
        let parts: Vec<&str> = w.split(['-', '.']).filter(|p| !p.is_empty()).collect();
        if parts.iter().any(|p| !is_syllable(p))
            && w.chars().filter(|c| c.is_alphabetic()).count() >= 2
        {
            return Case::Keep;
        }
        Case::Lower
    }

    fn write(&self, case: Case) -> String {
        let core = match case {
            Case::Keep => symbol_case(&self.core),
            Case::Lower => self.core.to_lowercase(),
            Case::Capital => capitalize(&self.core.to_lowercase()),
        };
        format!("{}{core}{}", self.before, self.after)
    }
}

/// A ký hiệu printed in capitals with its mixed-case parts given back: "QĐ-TTG" →
/// "QĐ-TTg", "TTR-SYT" → "TTr-SYT" (PL-III's "TTr", "CTr", "QyĐ", "TrS"; "TTg" for the
/// Prime Minister).
fn symbol_case(core: &str) -> String {
    const MIXED: &[(&str, &str)] = &[
        ("TTG", "TTg"),
        ("TTR", "TTr"),
        ("CTR", "CTr"),
        ("QYĐ", "QyĐ"),
        ("TRS", "TrS"),
        ("GDTRH", "GDTrH"),
    ];
    if !core.contains(['-', '/']) {
        return core.to_string();
    }
    let mut out = String::with_capacity(core.len());
    let mut part = String::new();
    let flush = |part: &mut String, out: &mut String| {
        let fixed = MIXED
            .iter()
            .find(|(a, _)| *a == part.as_str())
            .map_or(part.as_str(), |(_, b)| b);
        out.push_str(fixed);
        part.clear();
    };
    for c in core.chars() {
        if matches!(c, '-' | '/') {
            flush(&mut part, &mut out);
            out.push(c);
        } else {
            part.push(c);
        }
    }
    flush(&mut part, &mut out);
    out
}

/// The words as slices, for the gazetteer.
fn words(folded: &[String]) -> Vec<&str> {
    folded.iter().take(8).map(String::as_str).collect()
}

/// The name of `PATTERNS` that the words start with (the longest), by index.
fn name_at(words: &[String]) -> Option<usize> {
    PATTERNS
        .iter()
        .position(|(p, _)| words.len() >= p.len() && p.iter().zip(words).all(|(a, b)| a == b))
}

/// The heavenly stems and earthly branches that name a lunar year ("Bính Ngọ"), folded.
const STEMS: &[&str] = &[
    "giap", "at", "binh", "dinh", "mau", "ky", "canh", "tan", "nham", "quy",
];
const BRANCHES: &[&str] = &[
    "ty", "suu", "dan", "mao", "meo", "thin", "ngo", "mui", "than", "dau", "tuat", "hoi",
];

/// A province or centrally-run city named without its unit word, two words or more
/// ("NGHỆ AN"); "HÒA BÌNH" (peace) is left to its unit word.
fn province_at(words: &[String]) -> Option<usize> {
    (2..=4.min(words.len())).rev().find(|&n| {
        let name = words[..n].join(" ");
        name != "hoa binh" && gazetteer::is_province(&name)
    })
}

/// Letters of a Roman numeral only.
fn is_roman(w: &str) -> bool {
    !w.is_empty() && w.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str) {
        assert_eq!(sentence_case(input), expected, "{input}");
    }

    #[test]
    fn a_title_in_capitals_reads_as_a_sentence() {
        check(
            "TỔ CHỨC CÁC HOẠT ĐỘNG CHĂM LO CHO ĐOÀN VIÊN, NGƯỜI LAO ĐỘNG DỊP TẾT NGUYÊN ĐÁN BÍNH NGỌ 2026",
            "tổ chức các hoạt động chăm lo cho đoàn viên, người lao động dịp Tết Nguyên đán Bính Ngọ 2026",
        );
        // Text already in normal case is left as written.
        check(
            "phát động Phong trào thi đua",
            "phát động Phong trào thi đua",
        );
    }

    #[test]
    fn places_keep_their_capitals_with_their_unit_word() {
        check(
            "RÀ SOÁT HỘ NGHÈO TRÊN ĐỊA BÀN TỈNH SÓC TRĂNG NĂM 2022",
            "rà soát hộ nghèo trên địa bàn tỉnh Sóc Trăng năm 2022",
        );
        check(
            "TIÊM PHÒNG TẠI HUYỆN THỌ XUÂN NĂM 2024",
            "tiêm phòng tại huyện Thọ Xuân năm 2024",
        );
        check("BẦU CỬ Ở XÃ PHỐ BẢNG", "bầu cử ở xã Phố Bảng");
        check(
            "CÔNG TÁC XÃ HỘI TRÊN ĐỊA BÀN NGHỆ AN",
            "công tác xã hội trên địa bàn Nghệ An",
        );
        check("TRÊN ĐỊA BÀN THÀNH PHỐ", "trên địa bàn thành phố");
        check("TẠI QUẬN 11 VÀ TỈNH ĐẮK LẮK", "tại Quận 11 và tỉnh Đắk Lắk");
        check(
            "TRIỂNKHAI VĂN BẢN CỦA THỦ TƯỚNG CHÍNHPHỦ",
            "triển khai văn bản của Thủ tướng Chính phủ",
        );
    }

    fn check_name(input: &str, expected: &str) {
        assert_eq!(name_case(input), expected, "{input}");
    }

    #[test]
    fn names_of_bodies_keep_their_type_field_and_place() {
        check_name(
            "ỦY BAN NHÂN DÂN TỈNH TÂY NINH",
            "Ủy ban nhân dân tỉnh Tây Ninh",
        );
        check_name(
            "CÔNG ĐOÀN VIÊN CHỨC VIỆT NAM",
            "Công đoàn Viên chức Việt Nam",
        );
        check_name(
            "TIỂU BAN THI ĐUA – KHEN THƯỞNG",
            "Tiểu ban Thi đua – Khen thưởng",
        );
        check_name(
            "VĂN PHÒNG BAN CHẤP HÀNH TRUNG ƯƠNG",
            "Văn phòng Ban Chấp hành Trung ương",
        );
        check_name("LIÊN ĐOÀN LAO ĐỘNG QUẬN 11", "Liên đoàn Lao động Quận 11");
        check_name(
            "BAN THƯỜNG TRỰC ỦY BAN TRUNG ƯƠNG MẶT TRẬN TỔ QUỐC VIỆT NAM",
            "Ban Thường trực Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
        );
        check_name("SỞ Y TẾ", "Sở Y tế");
        check_name("HỘI NÔNG DÂN HUYỆN THỌ XUÂN", "Hội Nông dân huyện Thọ Xuân");
        check_name(
            "ỦY BAN NHÂN DÂN VÀ ỦY BAN MTTQ VIỆT NAM TỈNH ĐẮK LẮK",
            "Ủy ban nhân dân và Ủy ban MTTQ Việt Nam tỉnh Đắk Lắk",
        );
        check_name(
            "BAN TỔ CHỨC ĐẠI HỘI ĐẠI BIỂU",
            "Ban Tổ chức đại hội đại biểu",
        );
    }

    #[test]
    fn bodies_documents_and_abbreviations_keep_theirs() {
        check(
            "TRIỂN KHAI QUYẾT ĐỊNH SỐ 34/2014/QĐ-TTG CỦA THỦ TƯỚNG CHÍNH PHỦ",
            "triển khai Quyết định số 34/2014/QĐ-TTg của Thủ tướng Chính phủ",
        );
        check(
            "BAN HÀNH QUY CHẾ CỦA BAN CHẤP HÀNH TRUNG ƯƠNG VÀ ỦY BAN NHÂN DÂN TỈNH",
            "ban hành quy chế của Ban Chấp hành Trung ương và Ủy ban nhân dân tỉnh",
        );
        check(
            "HỖ TRỢ SẢN PHẨM OCOP CỦA CNVC-LĐ VÀ SỞ GIÁO DỤC VÀ ĐÀO TẠO",
            "hỗ trợ sản phẩm OCOP của CNVC-LĐ và Sở Giáo dục và Đào tạo",
        );
        check("THI HÀNH LUẬT CÔNG ĐOÀN", "thi hành Luật Công đoàn");
        check(
            "GIÁO DỤC PHÁP LUẬT CHO NGƯỜI LAO ĐỘNG",
            "giáo dục pháp luật cho người lao động",
        );
        check(
            "ĐẠI HỘI ĐẠI BIỂU TOÀN QUỐC LẦN THỨ XIII CỦA ĐẢNG, ĐỢT II",
            "Đại hội đại biểu toàn quốc lần thứ XIII của Đảng, đợt II",
        );
    }

    #[test]
    fn the_party_the_state_and_the_people_in_their_proper_uses() {
        check(
            "VAI TRÒ CỦA ĐẢNG VIÊN TRONG QUẢN LÝ NHÀ NƯỚC VÀ PHỤC VỤ NHÂN DÂN",
            "vai trò của đảng viên trong quản lý nhà nước và phục vụ Nhân dân",
        );
        check(
            "CHÍNH SÁCH CỦA ĐẢNG VÀ NHÀ NƯỚC",
            "chính sách của Đảng và Nhà nước",
        );
        check(
            "BAN CÁN SỰ ĐẢNG VÀ TỔ CHỨC ĐẢNG",
            "ban cán sự đảng và tổ chức đảng",
        );
    }
}
