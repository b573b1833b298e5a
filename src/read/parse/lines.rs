//! The lines the reader works on: the text split into cells, markup removed, what a
//! collapsed page ran together split apart again, and words broken over lines joined.
//! Each line keeps the number of the line it came from, for the problems.

use std::sync::LazyLock;

use regex::Regex;

use crate::text::{fold, is_upper};

/// One line of the input, with markup removed and its number kept.
pub(super) struct Line {
    /// The line (from 1) of the input it comes from.
    pub no: usize,
    /// The text, trimmed, spaces folded.
    pub text: String,
    /// `text` folded (`text::fold`), with letters lost as "?" guessed back where only
    /// one word of the reader's fits, for matching only.
    pub folded: String,
}

impl Line {
    pub fn new(no: usize, text: String) -> Line {
        Line {
            no,
            folded: folded(&text),
            text,
        }
    }

    /// A line whose folded text is known already.
    fn with_folded(no: usize, text: String, folded: String) -> Line {
        Line { no, text, folded }
    }

    /// The folded text after a leading "- ", "+ " or "• ".
    pub fn head(&self) -> &str {
        unbullet(&self.folded)
    }

    /// The text after a leading "- ", "+ " or "• ".
    pub(crate) fn text_head(&self) -> &str {
        unbullet(&self.text)
    }

    pub(crate) fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    /// The line is the Quốc hiệu, the Tiêu ngữ or a title printed in their place, alone.
    pub(crate) fn is_nation(&self) -> bool {
        NATION
            .find(&self.folded)
            .is_some_and(|m| m.len() * 10 >= self.folded.trim().len() * 8)
    }

    pub fn words(&self) -> usize {
        self.text.split_whitespace().count()
    }
}

/// `s` without a leading list mark ("- ", "– ", "+ ", "• ").
pub(super) fn unbullet(s: &str) -> &str {
    s.trim_start_matches(['-', '–', '+', '•', '*']).trim_start()
}

/// The text folded for matching: `text::fold`, then each word with a lost letter ("s?",
/// "c?a", "ngh? d?nh") read as the one word of the reader's vocabulary it can be.
pub(super) fn folded(text: &str) -> String {
    let f = fold(text);
    if f.contains('?') {
        restore_lost_letters(&f)
    } else {
        f
    }
}

/// Words the reader looks for, folded: a word with a "?" for a lost letter is read as the
/// one of these it matches, letter for letter, when there is exactly one.
const VOCABULARY: &str = "so can cu thuc hien trien khai thi hanh theo xet tren co so de nham kinh gui \
    goi noi nhan ngay thang nam cua ve viec luat nghi dinh quyet thong tu tri bao huong dan chi thi \
    ke hoach cong van ban to trinh cao chuong quy che ket luan giay moi ngo tong lien doan lao dong \
    viet hoa xa hoi chu nghia doc lap do hanh phuc uy nhan dan tinh huyen thanh pho phong bo ha noi \
    chinh phu chap vu truong pho tich giam doc tai kem";

static VOCAB: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut v: Vec<&str> = VOCABULARY.split_whitespace().collect();
    v.sort_unstable();
    v.dedup();
    v
});

/// Pairs of words read together when one has lost a letter ("can c?" is "can cu").
const PHRASES: &[&str] = &[
    "can cu",
    "nghi dinh",
    "quyet dinh",
    "thong tu",
    "ke hoach",
    "huong dan",
    "thuc hien",
    "lien doan",
    "lao dong",
    "viet nam",
    "cong hoa",
    "xa hoi",
    "chu nghia",
    "doc lap",
    "tu do",
    "hanh phuc",
    "ha noi",
    "chinh phu",
    "kinh gui",
    "noi nhan",
    "uy ban",
    "nhan dan",
    "de nghi",
    "ban hanh",
    "chi thi",
    "cong van",
    "to trinh",
    "bao cao",
    "thong bao",
];

fn restore_lost_letters(f: &str) -> String {
    let mut out: Vec<char> = f.chars().collect();
    let is_word = |c: char| c.is_ascii_lowercase() || c == '?';
    // The words, as (start, end) character positions.
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < out.len() {
        if !is_word(out[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < out.len() && is_word(out[i]) {
            i += 1;
        }
        words.push((start, i));
    }
    let fits = |w: &[char], v: &str| {
        v.len() == w.len() && v.chars().zip(w).all(|(a, &b)| b == '?' || a == b)
    };
    // Two words read together first ("can c?" is "can cu"), then each word alone.
    let mut k = 0;
    while k + 1 < words.len() {
        let ((a0, a1), (b0, b1)) = (words[k], words[k + 1]);
        let (wa, wb) = (out[a0..a1].to_vec(), out[b0..b1].to_vec());
        let lost = wa.contains(&'?') || wb.contains(&'?');
        if lost && b0 == a1 + 1 && out[a1] == ' ' {
            if let Some(p) = PHRASES.iter().find(|p| {
                let (x, y) = p.split_once(' ').unwrap_or((p, ""));
                fits(&wa, x) && fits(&wb, y)
            }) {
                for (c, slot) in p.chars().filter(|c| *c != ' ').zip((a0..a1).chain(b0..b1)) {
                    out[slot] = c;
                }
                k += 2;
                continue;
            }
        }
        k += 1;
    }
    for &(start, end) in &words {
        let word = out[start..end].to_vec();
        if !word.contains(&'?') || word.iter().all(|&c| c == '?') {
            continue;
        }
        let found: Vec<&&str> = VOCAB.iter().filter(|v| fits(&word, v)).collect();
        if let [v] = found.as_slice() {
            for (k, c) in v.chars().enumerate() {
                out[start + k] = c;
            }
        }
    }
    out.into_iter().collect()
}

/// The lines of `text`: table cells apart, markup removed, runs together split, words
/// broken over lines joined again.
pub(super) fn prepare(text: &str) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let mut any = false;
        for cell in raw.split('|') {
            let t = strip_markup(cell);
            if t.is_empty() {
                if !any && out.last().is_none_or(|l| !l.is_blank()) {
                    out.push(Line::new(i + 1, String::new()));
                }
                any = true;
                continue;
            }
            any = true;
            for (piece, f) in explode(&t) {
                out.push(Line::with_folded(i + 1, piece, f));
            }
        }
    }
    join_broken(&mut out);
    out
}

fn strip_markup(s: &str) -> String {
    // One pass: "**" and "__" dropped, tabs and no-break spaces as spaces, runs of spaces folded.
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    let mut space = true;
    while let Some(c) = chars.next() {
        match c {
            '*' | '_' => {
                // "**" and "__" mark emphasis; a longer run is a rule and stays.
                let mut run = 1;
                while chars.peek() == Some(&c) {
                    chars.next();
                    run += 1;
                }
                if run != 2 {
                    out.extend(std::iter::repeat_n(c, run));
                    space = false;
                }
            }
            ' ' | '\t' | '\u{a0}' => {
                if !space {
                    out.push(' ');
                    space = true;
                }
            }
            _ => {
                out.push(c);
                space = false;
            }
        }
    }
    let mut t = out.trim_end();
    t = t.trim_start_matches('#').trim_start();
    if let Some(rest) = t.strip_prefix("> ") {
        t = rest;
    }
    if t.len() > 2 && t.starts_with('*') && t.ends_with('*') && !t.starts_with("**") {
        t = t[1..t.len() - 1].trim();
    }
    t.to_string()
}

/// The Quốc hiệu, the Tiêu ngữ, and the titles Party and Đoàn documents print in their
/// place, folded ("CỘNG HÒA HỘI CHỦ NGHĨA" with a word lost still counts).
pub(super) static NATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"cong[[:space:]]*hoa[[:space:]]*(?:xa[[:space:]]*)?(?:hoi[[:space:]]*)?chu[[:space:]]*nghia[[:space:]]*viet[[:space:]]*nam|doc[[:space:]]*lap[[:space:]]*[-–—]?[[:space:]]*tu[[:space:]]*do[[:space:]]*[-–—]?[[:space:]]*hanh[[:space:]]*phuc|dang[[:space:]]*cong[[:space:]]*san[[:space:]]*viet[[:space:]]*nam|doan[[:space:]]*(?:tncs|thanh[[:space:]]*nien[[:space:]]*cong[[:space:]]*san)[[:space:]]*ho[[:space:]]*chi[[:space:]]*minh").unwrap()
});

/// "Số: 1062/KH-UBND" at the start of a line: the number (none while blank), the
/// separator and the ký hiệu, which may carry spaces around its "-" and "/". A separator
/// of spaces alone ("Số 84 QĐ/TWĐTN") counts only before a ký hiệu with a "/" (`number_at`).
pub(super) static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    let (u, l) = (UPPER_START, LETTERS);
    Regex::new(&format!(
        r"^(?i:s[ốoô?])[[:space:]]*[:.]?[[:space:]]*([0-9]{{1,6}})?([[:space:]]*[/\-–][[:space:]]*|[[:space:]]+)((?:[0-9]{{4}}[[:space:]]*/[[:space:]]*)?[{u}0-9][{l}0-9&.]*(?:[[:space:]]*[-–—/][[:space:]]*[{u}0-9][{l}0-9&.]*)*)"
    ))
    .unwrap()
});

/// The letters of Vietnamese text as a regex class body: ASCII, Latin-1 and Extended, the
/// precomposed block, and Cyrillic look-alikes some pages print for Latin letters.
pub(super) const LETTERS: &str = r"A-Za-z\u{00C0}-\u{024F}\u{1E00}-\u{1EFF}\u{0400}-\u{04FF}";
/// Letters a ký hiệu may start with: upper-case ASCII and the Vietnamese ranges.
pub(super) const UPPER_START: &str =
    r"A-Z\u{00C0}-\u{00DE}\u{0100}-\u{024F}\u{1E00}-\u{1EFF}\u{0400}-\u{042F}";

/// The date written out, "ngày 05 tháng 3 năm 2021"; the day and month may be blank,
/// and a day that is not a number ("ngày … tháng", "ngày thứ 7 tháng") is read as blank.
pub(super) static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)ng[àa]y[[:space:]]*(?:([0-9]{1,2})|[^0-9[:space:]]{1,4}[[:space:]]*[0-9]{0,2})?[[:space:]]*(?:[/.-][[:space:]]*)?th[áa]ng[[:space:]]*([0-9]{1,2})?[[:space:]]*(?:[/.-][[:space:]]*)?n[ăa]m[[:space:]]*([0-9]{4})").unwrap()
});

/// The date in figures, "ngày 05/3/2021".
pub(super) static DATE_FIGURES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)ng[àa]y[[:space:]]+([0-9]{1,2})[[:space:]]*[/.-][[:space:]]*([0-9]{1,2})[[:space:]]*[/.-][[:space:]]*([0-9]{4})").unwrap()
});

/// Where `t` splits into the lines a collapsed page ran together.
fn explode(t: &str) -> Vec<(String, String)> {
    let mut pieces = vec![t.to_string()];
    // Rules of dashes, stars or underscores, and a lone "*", only separate.
    if t.contains("--") || t.contains("__") || t.contains('*') || t.contains("==") {
        static RULE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"-{3,}|_{3,}|\*{3,}|={3,}|[[:space:]]\*[[:space:]]|^\*$").unwrap()
        });
        pieces = RULE.split(t).map(str::to_string).collect();
    }
    let mut out = Vec::new();
    for p in pieces {
        let p = p.trim();
        if !p.is_empty() {
            split_piece(p, &mut out, 0);
        }
    }
    if out.is_empty() {
        out.push((String::new(), String::new()));
    }
    out
}

/// Splits one piece at the marks of the layout that a collapsed page ran into it.
fn split_piece(p: &str, out: &mut Vec<(String, String)>, depth: usize) {
    let f = folded(p);
    let mut cuts: Vec<usize> = Vec::new();
    // The Quốc hiệu and its kin stand apart when printed in capitals (a body's text names
    // "nước Cộng hòa xã hội chủ nghĩa Việt Nam" in normal case and stays whole).
    if f.contains("cong") || f.contains("doc lap") || f.contains("tncs") || f.contains("thanh nien")
    {
        for m in NATION.find_iter(&f) {
            let (a, b) = (to_orig(p, &f, m.start()), to_orig(p, &f, m.end()));
            let tieu_ngu = m.as_str().starts_with("doc");
            if tieu_ngu || is_upper(&p[a..b]) {
                cuts.extend([a, b]);
            }
        }
    }
    // "Số:" after a body's name in capitals: "SỞ NỘI VỤ Số: 123/SNV" (a title's "QUYẾT
    // ĐỊNH SỐ 34/2014/QĐ-TTG" has no colon).
    if let Some(m) = NUMBER_INSIDE.find(p) {
        let before = p[..m.start()].trim();
        if !before.is_empty() && (is_upper(before) || NATION.is_match(&folded(before))) {
            cuts.push(m.start() + m.as_str().len() - m.as_str().trim_start().len());
        }
    }
    // Whatever follows "Số: 985/UBND-KGVX" on its line ("Hậu Giang, ngày …").
    if let Some(end) = number_end(p) {
        cuts.push(end);
    }
    // A date line running on into the title: "Hà Nội, ngày 03 tháng 4 năm 2018 HƯỚNG DẪN".
    if f.contains("ngay") {
        if let Some(m) = DATE.find(p).or_else(|| DATE_FIGURES.find(p)) {
            let place = p[..m.start()].trim();
            let rest = p[m.end()..].trim_start_matches(['.', ' ']);
            if place.ends_with(',')
                && place.split_whitespace().count() <= 6
                && rest.chars().next().is_some_and(char::is_uppercase)
            {
                cuts.push(m.end());
            }
        }
    }
    // A type title glued to its trích yếu: "QUYẾT ĐỊNHVề việc …".
    if let Some(end) = glued_title(p) {
        cuts.push(end);
    }
    // Items run together on one line: "…; - Căn cứ …", "Nơi nhận: - Như trên; - Lưu".
    if p.contains("; -") || p.contains("; –") || p.contains(";-") {
        static ITEM: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r";[[:space:]]*[-–][[:space:]]").unwrap());
        cuts.extend(ITEM.find_iter(p).map(|m| m.start() + 1));
    }
    if f.contains("noi nhan") {
        static NOI_NHAN: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"n[o?]i[[:space:]]*nh[a?]n[[:space:]]*:[[:space:]]*").unwrap()
        });
        for m in NOI_NHAN.find_iter(&f) {
            cuts.push(to_orig(p, &f, m.start()));
            if p[to_orig(p, &f, m.end())..].starts_with(['-', '–']) {
                cuts.push(to_orig(p, &f, m.end()));
            }
        }
    }
    // "… có hiệu lực. QUYẾT ĐỊNH Điều 1. …", "… ./. TM. BAN THƯỜNG VỤ", "(đã ký)".
    let marks = ["Điều", "QUYẾT", "TM.", "KT.", "TL.", "TUQ.", "T/M", "ký)"];
    if marks.iter().any(|m| p.contains(m)) {
        static MARKS: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?:[.:;,][[:space:]]+|^)(?:(QUYẾT ĐỊNH:?|QUYẾT NGHỊ:?)(?:[[:space:]]|$)|(Điều [0-9]+[[:space:]]*[.:]|(?:TM|KT|TL|TUQ)\.[[:space:]]*\p{Lu}|T/M[[:space:]]\p{Lu}))|(\((?i:đã ký|ký)\))").unwrap()
        });
        for m in MARKS.captures_iter(p) {
            // The operative word and a signature mark stand alone; an article or an
            // authority starts a line.
            if let Some(g) = m.get(1).or(m.get(3)) {
                cuts.extend([g.start(), g.end()]);
            } else if let Some(g) = m.get(2) {
                cuts.push(g.start());
            }
        }
    }
    cuts.retain(|&c| c > 0 && c < p.len());
    cuts.sort_unstable();
    cuts.dedup();
    let mut from = 0;
    for c in cuts.iter().copied().chain([p.len()]) {
        let s = p[from..c].trim();
        if !s.is_empty() {
            // A piece cut out may start with what is read at the start of a line ("Hà
            // Nội, ngày …" after the Quốc hiệu); its own marks are found on it again.
            if cuts.is_empty() {
                out.push((s.to_string(), f.trim().to_string()));
            } else if depth >= 4 {
                out.push((s.to_string(), folded(s)));
            } else {
                split_piece(s, out, depth + 1);
            }
        }
        from = c;
    }
}

/// The "Số:" line at the start of `p`, when it is one.
pub(super) fn number_at(p: &str) -> Option<regex::Captures<'_>> {
    let c = NUMBER.captures(p)?;
    let spaces_only = c.get(2).is_some_and(|s| s.as_str().trim().is_empty());
    (!spaces_only || c.get(3).is_some_and(|s| s.as_str().contains('/'))).then_some(c)
}

static NUMBER_INSIDE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[[:space:]](?:Số|SỐ|S\?)[[:space:]]*:[[:space:]]*[0-9/]").unwrap()
});

/// Where the number and ký hiệu of a "Số:" line end, when more follows on the line; a
/// "V/v" glued to the ký hiệu ("2597/VPCP-NCV/v tổ chức") is left to the trích yếu.
pub(super) fn number_end(p: &str) -> Option<usize> {
    let m = number_at(p)?;
    let sym = m.get(3)?;
    let mut end = sym.end();
    let rest = &p[end..];
    if sym.as_str().ends_with('V') && (rest.starts_with("/v ") || rest.starts_with("/v:")) {
        end -= 1;
    }
    (!p[end..].trim().is_empty()).then_some(end)
}

/// The end of a type title in capitals that runs into a capitalised word: "QUYẾT ĐỊNHVề".
fn glued_title(p: &str) -> Option<usize> {
    static TITLES: LazyLock<Vec<String>> = LazyLock::new(|| {
        crate::model::DocKind::all_names()
            .into_iter()
            .map(str::to_uppercase)
            .collect()
    });
    TITLES.iter().find_map(|t| {
        let rest = p.strip_prefix(t.as_str())?;
        let mut cs = rest.chars();
        let (a, b) = (cs.next()?, cs.next()?);
        (a.is_uppercase() && b.is_lowercase()).then_some(t.len())
    })
}

/// Where each character starts in a text and in its fold (`text::fold` keeps one
/// character for each), to go from a byte of one to the same character in the other in a
/// time that does not grow with the text: a paragraph of a megabyte has many citations.
pub(super) struct Offsets {
    orig: Vec<usize>,
    folded: Vec<usize>,
}

impl Offsets {
    /// The offsets of `orig` and of its fold `f`, each ending with the text's length.
    pub(super) fn new(orig: &str, f: &str) -> Offsets {
        let starts = |s: &str| s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
        Offsets {
            orig: starts(orig),
            folded: starts(f),
        }
    }

    /// The byte in the fold of the character at byte `b` of the text.
    pub(super) fn fold(&self, b: usize) -> usize {
        let n = self.orig.partition_point(|&x| x < b);
        self.folded
            .get(n)
            .or(self.folded.last())
            .copied()
            .unwrap_or(0)
    }

    /// The byte in the text of the character at byte `fb` of the fold.
    pub(super) fn orig(&self, fb: usize) -> usize {
        let n = self.folded.partition_point(|&x| x < fb);
        self.orig.get(n).or(self.orig.last()).copied().unwrap_or(0)
    }
}

/// The byte offset in `orig` of the character at byte `fb` of its folded form `f`.
pub(super) fn to_orig(orig: &str, f: &str, fb: usize) -> usize {
    let n = f[..fb].chars().count();
    orig.char_indices().nth(n).map_or(orig.len(), |(b, _)| b)
}

/// A line that opens the body: "Căn cứ", "Thực hiện", "Kính gửi", "Theo", "Xét", "Trên cơ
/// sở", "Thi hành", capitalised as a sentence start (a wrapped trích yếu may go on with
/// "thực hiện …").
pub(super) fn starts_body(l: &Line) -> bool {
    static BODY_START: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:can cu|thuc hien|kinh g[uo]i|theo |tren co so|xet |thi hanh )").unwrap()
    });
    BODY_START.is_match(l.head()) && l.text_head().chars().next().is_some_and(char::is_uppercase)
}

/// The ký hiệu as written, without spaces and with dashes as "-".
pub(super) fn symbol_of(s: &str) -> String {
    let sym: String = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if matches!(c, '–' | '—') { '-' } else { c })
        .collect();
    sym.trim_end_matches(['.', ',']).to_string()
}

/// Joins what a page broke over lines: a Quốc hiệu over two lines, a word alone on its
/// line ("ỦY" / "BAN NHÂN DÂN", "Căn" / "cứ Luật", "Số:" / "99/2025/NQ-HĐND").
fn join_broken(lines: &mut Vec<Line>) {
    let mut i = 0;
    while i + 1 < lines.len() {
        let (a, b) = (&lines[i], &lines[i + 1]);
        if a.is_blank() || b.is_blank() {
            i += 1;
            continue;
        }
        let joined = format!("{} {}", a.text, b.text);
        let nation_split = i < 120
            && !NATION.is_match(&a.folded)
            && !NATION.is_match(&b.folded)
            && NATION.is_match(&folded(&joined));
        let one_word = !a.text.contains(' ') && !a.text.ends_with(['.', ';', ',']);
        let first_b = b.text.chars().next().unwrap_or(' ');
        let word_broken = one_word
            && (first_b.is_lowercase()
                || (is_upper(&a.text) && is_upper(&b.text))
                || (a.folded.starts_with("so")
                    && a.text.ends_with(':')
                    && (first_b.is_ascii_digit() || first_b == '/' || first_b == '-')));
        if nation_split || word_broken {
            let no = a.no;
            lines[i] = Line::new(no, joined);
            lines.remove(i + 1);
            continue;
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &[&str]) {
        let got: Vec<String> = prepare(input).into_iter().map(|l| l.text).collect();
        assert_eq!(got, expected, "{input}");
    }

    #[test]
    fn a_header_collapsed_into_one_line_comes_apart() {
        check(
            "BAN CHẤP HÀNH TRUNG ƯƠNG***Số: 367 - QĐ/TWĐTN-VPĐOÀN TNCS HỒ CHÍ MINH Hà Nội, ngày 29 tháng 10 năm 2013 QUYẾT ĐỊNHVề việc ban hành",
            &["BAN CHẤP HÀNH TRUNG ƯƠNG", "Số: 367 - QĐ/TWĐTN-VP", "ĐOÀN TNCS HỒ CHÍ MINH", "Hà Nội, ngày 29 tháng 10 năm 2013", "QUYẾT ĐỊNH", "Về việc ban hành"],
        );
        check(
            "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 985/UBND-KGVX Hậu Giang, ngày 16 tháng 6 năm 2017",
            &["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 985/UBND-KGVX", "Hậu Giang, ngày 16 tháng 6 năm 2017"],
        );
        check(
            "SỞ NỘI VỤ Số: 123/SNV-TCBC",
            &["SỞ NỘI VỤ", "Số: 123/SNV-TCBC"],
        );
        check(
            "Số: 2597/VPCP-NCV/v tổ chức họp",
            &["Số: 2597/VPCP-NC", "V/v tổ chức họp"],
        );
    }

    #[test]
    fn the_quoc_hieu_in_a_sentence_stays() {
        check(
            "của Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam về việc",
            &["của Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam về việc"],
        );
    }

    #[test]
    fn items_and_the_ending_on_one_line() {
        check(
            "thi hành./. Nơi nhận: - Như điều 4; - VP: CVP; - Lưu VT. TM. BAN BÍ THƯ (đã ký) Phan Văn Mãi",
            &["thi hành./.", "Nơi nhận:", "- Như điều 4;", "- VP: CVP;", "- Lưu VT.", "TM. BAN BÍ THƯ", "(đã ký)", "Phan Văn Mãi"],
        );
        check(
            "hợp lệ, QUYẾT ĐỊNH Điều 1. Ban hành",
            &["hợp lệ,", "QUYẾT ĐỊNH", "Điều 1. Ban hành"],
        );
    }

    #[test]
    fn words_broken_over_lines_are_joined() {
        check("ỦY\nBAN NHÂN DÂN", &["ỦY BAN NHÂN DÂN"]);
        check("Căn\ncứ Luật", &["Căn cứ Luật"]);
        check("Số:\n99/2025/NQ-HĐND", &["Số: 99/2025/NQ-HĐND"]);
        check(
            "CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM",
            &["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        );
    }

    #[test]
    fn lost_letters_are_read_for_matching_only() {
        let l = Line::new(1, "S?: 649/HD-TLР Can c? Ngh? d?nh s? 42".into());
        assert_eq!(l.folded, "so: 649/hd-tlр can cu nghi dinh so 42");
        assert_eq!(l.text, "S?: 649/HD-TLР Can c? Ngh? d?nh s? 42");
    }
}
