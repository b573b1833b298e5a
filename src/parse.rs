//! Reading a directive: clean text in, `Directive` and its problems out. Never fails and
//! never panics: what it cannot find is left empty and listed as a problem with its line.
//!
//! Real copies are messy, so matching is by line and by pattern, not by position: the
//! header may be collapsed into one column or split across lines, accents may be missing
//! ("Kinh gui"), symbols may carry spaces or lost hyphens, and a page banner may stand
//! above the header.

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::model::{DocKind, DocRef, LetterDate};
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
        }
    }
}

/// The signature block as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Signer {
    /// "TM. BAN THƯỜNG VỤ", "KT. CHỦ TỊCH", …
    pub authority: Option<String>,
    /// The second authority line of a deputy signing for a collective.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_behalf: Option<String>,
    /// "PHÓ CHỦ TỊCH".
    pub title: Option<String>,
    /// "Trần Văn Chiến".
    pub name: Option<String>,
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
    let lines = prepare(text);
    let mut d = Directive::default();
    let mut r = Reader {
        lines: &lines,
        problems: Vec::new(),
        names_on_number_line: None,
    };
    let zone = r.header_end();
    let number_at = r.number_line(zone, &mut d);
    let date_at = r.date_line(zone, &mut d);
    let title_kind = r.title_and_subject(zone, &mut d);
    r.issuer(number_at.or(date_at).unwrap_or(zone), &mut d);
    d.doc_type = r.doc_type(title_kind, &mut d);
    r.recipients(&mut d);
    d.references = references(&lines, d.number.as_deref(), d.symbol.as_deref());
    r.tail(&mut d);
    r.missing(&d);
    d.problems = r.problems;
    d
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
    let sig = [
        &d.signer.authority,
        &d.signer.on_behalf,
        &d.signer.title,
        &d.signer.name,
    ]
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

/// One line of the input, with markup removed and its number kept.
struct Line {
    no: usize,
    text: String,
    folded: String,
}

/// Lines with Markdown emphasis and heading marks removed, table cells split, spaces folded.
fn prepare(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let cells: Vec<&str> = if raw.matches('|').count() >= 2 {
            raw.split('|').collect()
        } else {
            vec![raw]
        };
        let mut any = false;
        for cell in cells {
            let t = strip_markup(cell);
            if t.is_empty() && any {
                continue;
            }
            any = true;
            out.push(Line {
                no: i + 1,
                folded: fold(&t),
                text: t,
            });
        }
    }
    out
}

fn strip_markup(s: &str) -> String {
    // One pass: "**" and "__" dropped, tabs and no-break spaces as spaces, runs of spaces folded.
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    let mut space = true;
    while let Some(c) = chars.next() {
        match c {
            '*' | '_' if chars.peek() == Some(&c) => {
                chars.next();
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
    if t.len() > 2 && t.starts_with('*') && t.ends_with('*') {
        t = t[1..t.len() - 1].trim();
    }
    t.to_string()
}

/// Lower case without diacritics ("Kính gửi" → "kinh gui"), for matching what may lack accents.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c as u32 {
            0..=0x7F => out.push(c.to_ascii_lowercase()),
            code @ 0x80..=0x24F => out.push(FOLD_LATIN[code as usize - 0x80]),
            code @ 0x1E00..=0x1EFF => out.push(FOLD_VIET[code as usize - 0x1E00]),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The folded form of every letter of Latin-1, Latin Extended-A and -B, and of the
/// precomposed Vietnamese block, computed once.
static FOLD_LATIN: LazyLock<Vec<char>> = LazyLock::new(|| (0x80..=0x24F).map(fold_char).collect());
static FOLD_VIET: LazyLock<Vec<char>> =
    LazyLock::new(|| (0x1E00..=0x1EFF).map(fold_char).collect());

fn fold_char(code: u32) -> char {
    let c = char::from_u32(code).unwrap_or(' ');
    let base = match c {
        'đ' | 'Đ' => 'd',
        _ => {
            let mut first = None;
            unicode_normalization::char::decompose_canonical(c, |d| {
                first.get_or_insert(d);
            });
            first.unwrap_or(c)
        }
    };
    base.to_lowercase().next().unwrap_or(base)
}

struct Reader<'a> {
    lines: &'a [Line],
    problems: Vec<Problem>,
    /// The body's name standing before "Số:" on the number line of a collapsed header.
    names_on_number_line: Option<String>,
}

/// The letters of Vietnamese text as a regex class body: ASCII, Latin-1 and Extended, and
/// the precomposed block. Much cheaper to compile than `\p{L}`, which a run pays each time.
const LETTERS: &str = r"A-Za-z\u{00C0}-\u{024F}\u{1E00}-\u{1EFF}";
/// Letters a ký hiệu may start with: upper-case ASCII and the Vietnamese ranges.
const UPPER_START: &str = r"A-Z\u{00C0}-\u{00DE}\u{0100}-\u{024F}\u{1E00}-\u{1EFF}";

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    let l = LETTERS;
    Regex::new(&format!(r"^(?i:s[ốoô])\s*[:.]?\s*(\d{{1,6}})?\s*([/\-–])\s*([{l}\d][{l}\d&.]*(?:\s*[-–—/]\s*[{l}\d][{l}\d&.]*)*)")).unwrap()
});
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)ng[àa]y\s*(\d{1,2})?\s*(?:[/.-]\s*)?th[áa]ng\s*(\d{1,2})\s*(?:[/.-]\s*)?n[ăa]m\s*(\d{4})").unwrap()
});
static NUMBER_INSIDE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s(?:Số|SỐ|So)\s*:\s*\d").unwrap());
static DATE_FIGURES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)ng[àa]y\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})").unwrap()
});
static NATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"cong\s*hoa\s*xa\s*hoi\s*chu\s*nghia\s*viet\s*nam|doc\s*lap\s*[-–—]?\s*tu\s*do\s*[-–—]?\s*hanh\s*phuc|dang\s+cong\s+san\s+viet\s+nam").unwrap()
});
static BODY_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(can cu|thuc hien|kinh gui|theo |tren co so|thuc hien)").unwrap()
});

const PLACE_WORDS: &[&str] = &[
    "huyen",
    "tinh",
    "thanh pho",
    "quan",
    "xa",
    "phuong",
    "thi xa",
    "thi tran",
    "tp.",
    "tp ",
    "viet nam",
];

impl Reader<'_> {
    fn problem(&mut self, line: Option<usize>, field: &str, message: String) {
        self.problems.push(Problem {
            line,
            field: field.to_string(),
            message,
        });
    }

    /// The index where the body starts: the first "Căn cứ", "Thực hiện", "Kính gửi" line.
    fn header_end(&self) -> usize {
        self.lines
            .iter()
            .take(80)
            .position(starts_body)
            .unwrap_or(self.lines.len().min(40))
    }

    /// "Số: 1062/KH-UBND" at the start of a header line.
    fn number_line(&mut self, zone: usize, d: &mut Directive) -> Option<usize> {
        let at_start = self.lines[..zone]
            .iter()
            .enumerate()
            .find_map(|(i, l)| NUMBER.captures(&l.text).map(|c| (i, c)));
        // A collapsed header may put "Số:" after the body's name: "SỞ NỘI VỤ Số: 123/SNV".
        let lines = self.lines;
        let (i, caps) = match at_start {
            Some(found) => found,
            None => {
                let (i, at, caps) = lines[..zone].iter().enumerate().find_map(|(i, l)| {
                    let at = NUMBER_INSIDE.find(&l.text)?.start();
                    Some((i, at, NUMBER.captures(l.text[at..].trim_start())?))
                })?;
                self.names_on_number_line = Some(lines[i].text[..at].trim().to_string());
                (i, caps)
            }
        };
        d.number = caps.get(1).map(|m| m.as_str().to_string());
        let symbol: String = caps[3]
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if matches!(c, '–' | '—') { '-' } else { c })
            .collect();
        d.symbol = Some(symbol.trim_end_matches('.').to_string());
        Some(i)
    }

    /// "Tây Ninh, ngày 11 tháng 4 năm 2024", possibly over several lines or with a blank day.
    fn date_line(&mut self, zone: usize, d: &mut Directive) -> Option<usize> {
        let idx: Vec<usize> = (0..zone)
            .filter(|&i| !self.lines[i].text.is_empty())
            .collect();
        // The written form ("ngày 05 tháng 3 năm 2021") first; figures ("ngày 05/3/2021")
        // only when no line has it, since a V/v may cite another document's date so.
        // A date line has its place before "ngày"; a date at the start of a line is a wrapped
        // V/v citing another document, taken only when nothing else is found.
        for (pattern, with_place) in [
            (&*DATE, true),
            (&*DATE_FIGURES, true),
            (&*DATE, false),
            (&*DATE_FIGURES, false),
        ] {
            if let Some(i) = self.date_with(pattern, with_place, &idx, d) {
                return Some(i);
            }
        }
        None
    }

    fn date_with(
        &mut self,
        pattern: &Regex,
        with_place: bool,
        idx: &[usize],
        d: &mut Directive,
    ) -> Option<usize> {
        for (k, &i) in idx.iter().enumerate() {
            let line = &self.lines[i];
            if line.folded.starts_with("can cu") {
                continue;
            }
            let window: Vec<&str> = idx[k..(k + 3).min(idx.len())]
                .iter()
                .map(|&j| self.lines[j].text.as_str())
                .collect();
            let window = window.join(" ");
            let Some(c) = pattern.captures(&window) else {
                continue;
            };
            let m = c.get(0).unwrap();
            if m.start() >= line.text.len()
                || (with_place && line.text[..m.start()].trim().is_empty())
            {
                continue;
            }
            let year: i32 = c[3].parse().unwrap_or(0);
            let month: u32 = c[2].parse().unwrap_or(0);
            let day: Option<u32> = c.get(1).and_then(|x| x.as_str().parse().ok());
            let date = LetterDate { year, month, day };
            let valid = chrono::NaiveDate::from_ymd_opt(year, month, day.unwrap_or(1)).is_some();
            if valid {
                d.date = Some(date);
            } else {
                self.problem(
                    Some(line.no),
                    "date",
                    format!("ngày tháng không có thật: \"{}\"", m.as_str()),
                );
            }
            let mut place = place_before(&line.text[..m.start()]);
            if let Some(&prev) = k.checked_sub(1).map(|p| &idx[p]) {
                let p = &self.lines[prev];
                let words = p.text.split_whitespace().count();
                let is_title_case = p.text.chars().next().is_some_and(char::is_uppercase)
                    && p.text != p.text.to_uppercase();
                if words <= 2
                    && is_title_case
                    && !NUMBER.is_match(&p.text)
                    && !p.text.ends_with(['.', ';', ':'])
                    && place.split_whitespace().count() <= 2
                {
                    place = format!("{} {place}", p.text).trim().to_string();
                }
            }
            d.place = Some(place).filter(|p| !p.is_empty());
            return Some(i);
        }
        None
    }

    /// The title line of a named type ("KẾ HOẠCH") and the trích yếu under it, or "V/v …".
    fn title_and_subject(&mut self, zone: usize, d: &mut Directive) -> Option<DocKind> {
        for i in 0..zone {
            let text = &self.lines[i].text;
            if let Some((kind, rest)) = title_kind(text) {
                d.subject = self
                    .subject_from(i, rest)
                    .map(|s| wording::strip_vv(&s).to_string());
                return Some(kind);
            }
            let f = &self.lines[i].folded;
            let unquoted = f.trim_start_matches(['"', '“', '”', '\'']).trim_start();
            if unquoted.starts_with("v/v") || unquoted.starts_with("ve viec ") {
                let start = text
                    .char_indices()
                    .find(|(_, c)| c.is_alphabetic())
                    .map_or(0, |(b, _)| b);
                let rest = &text[start..];
                let rest = wording::strip_vv(rest);
                let rest = rest.strip_prefix("V/V").unwrap_or(rest);
                let subject = self.subject_from(i, rest.trim());
                d.subject = subject.map(|s| strip_stray_quotes(&s));
                return None;
            }
        }
        None
    }

    /// Collects a trích yếu from `first` and the lines after line `i`, until the body starts.
    fn subject_from(&self, i: usize, first: &str) -> Option<String> {
        let mut parts: Vec<&str> = Vec::new();
        if !first.is_empty() {
            parts.push(first);
        }
        for l in &self.lines[i + 1..] {
            if l.text.is_empty() {
                if parts.is_empty() {
                    continue;
                }
                break;
            }
            let rule = l
                .text
                .chars()
                .all(|c| matches!(c, '-' | '_' | '*' | '=' | '.' | ' '));
            if rule
                || starts_body(l)
                || NUMBER.is_match(&l.text)
                || NATION.is_match(&l.folded)
                || DATE
                    .find(&l.text)
                    .is_some_and(|m| !l.text[..m.start()].trim().is_empty())
                || parts.len() >= 8
            {
                break;
            }
            parts.push(&l.text);
        }
        let s = parts.join(" ");
        Some(s.trim().to_string()).filter(|s| !s.is_empty())
    }

    /// The issuing body and the body above it: the upper-case lines just above the number.
    fn issuer(&mut self, before: usize, d: &mut Directive) {
        let mut block: Vec<String> = Vec::new();
        if let Some(names) = self.names_on_number_line.take() {
            let folded = fold(&names);
            let names = cut_nation(&names, &folded);
            if is_upper(&names) {
                block.push(names);
            }
        }
        for l in self.lines[..before.min(self.lines.len())].iter().rev() {
            let cut = cut_nation(&l.text, &l.folded);
            let t = cut.trim_matches(|c: char| {
                c.is_whitespace() || matches!(c, '-' | '_' | '*' | '=' | '.')
            });
            if t.is_empty() {
                if block.is_empty()
                    || l.text.is_empty()
                    || NATION.is_match(&l.folded)
                    || l.text.chars().all(|c| !c.is_alphanumeric())
                {
                    continue;
                }
                break;
            }
            if !is_upper(t) {
                break;
            }
            block.push(t.to_string());
            if block.len() >= 4 {
                break;
            }
        }
        block.reverse();
        let mut orgs: Vec<String> = Vec::new();
        for line in block {
            let f = fold(&line);
            let continues = orgs.last().is_some_and(|prev| {
                let prev_f = fold(prev);
                (PLACE_WORDS.iter().any(|w| f.starts_with(w))
                    && f.split_whitespace().nth(1).is_none_or(|w| w != "uy"))
                    || prev_f.ends_with(" va")
                    || prev_f.ends_with(" cua")
                    || prev_f.ends_with('-')
            });
            match orgs.last_mut() {
                Some(prev) if continues => {
                    prev.push(' ');
                    prev.push_str(&line);
                }
                _ => orgs.push(line),
            }
        }
        d.issuer = orgs.pop();
        d.parent_body = orgs.pop();
    }

    /// The kind: from the title line, else from the ký hiệu, else a công văn when it has "V/v".
    fn doc_type(&mut self, title: Option<DocKind>, d: &mut Directive) -> Option<DocKind> {
        let from_symbol = d.symbol.as_deref().and_then(kind_of_symbol);
        if let (Some(t), Some(sym)) = (&title, d.symbol.clone()) {
            if let Some(fixed) = restore_hyphen(&sym, t) {
                let line = self
                    .lines
                    .iter()
                    .find(|l| l.text.contains(&sym))
                    .map(|l| l.no);
                self.problem(
                    line,
                    "symbol",
                    format!("ký hiệu \"{sym}\" thiếu dấu gạch nối, đã đọc là \"{fixed}\""),
                );
                d.symbol = Some(fixed);
            }
        }
        title
            .or(from_symbol)
            .or_else(|| (d.subject.is_some() || d.symbol.is_some()).then_some(DocKind::CONG_VAN))
    }

    /// Kính gửi: one addressee on its line, or "- …;" lines under it.
    fn recipients(&mut self, d: &mut Directive) {
        static KG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^kinh\s*gui\s*:?").unwrap());
        let Some(i) = self
            .lines
            .iter()
            .take(120)
            .position(|l| KG.is_match(&l.folded))
        else {
            return;
        };
        let l = &self.lines[i];
        let head_len = KG.find(&l.folded).map_or(0, |m| m.as_str().chars().count());
        let rest: String = l.text.chars().skip(head_len).collect();
        let mut items: Vec<String> = Vec::new();
        let first = rest.trim();
        if !first.is_empty() {
            items.push(clean_item(first));
        }
        for next in &self.lines[i + 1..] {
            if next.text.is_empty() {
                if items.is_empty() {
                    continue;
                }
                break;
            }
            let dashed = next.text.starts_with(['-', '+', '•', '–']);
            let continues = !dashed
                && next.text.chars().next().is_some_and(char::is_lowercase)
                && !items.is_empty();
            if dashed {
                items.push(clean_item(&next.text));
            } else if continues {
                let last = items.last_mut().unwrap();
                last.push(' ');
                last.push_str(&clean_item(&next.text));
            } else if items.is_empty()
                && next.text.split_whitespace().count() <= 20
                && !starts_body(next)
            {
                items.push(clean_item(&next.text));
                break;
            } else {
                break;
            }
        }
        items.retain(|s| !s.is_empty());
        if items.is_empty() {
            self.problem(
                Some(l.no),
                "recipients",
                "có dòng \"Kính gửi\" nhưng không đọc được nơi gửi".into(),
            );
        }
        d.recipients = Some(items);
    }

    /// Nơi nhận and the signature block at the end.
    fn tail(&mut self, d: &mut Directive) {
        static NN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^noi\s*nhan\s*:?").unwrap());
        let n = self.lines.len();
        let mut used = vec![false; n];
        let mut extra: Vec<(usize, String)> = Vec::new();
        if let Some(i) = self.lines.iter().rposition(|l| NN.is_match(&l.folded)) {
            used[i] = true;
            let l = &self.lines[i];
            let head = NN.find(&l.folded).map_or(0, |m| m.as_str().chars().count());
            let rest: String = l.text.chars().skip(head).collect();
            if !rest.trim().is_empty() {
                extra.push((i, rest.trim().to_string()));
            }
            for (j, next) in self.lines.iter().enumerate().skip(i + 1) {
                if next.text.is_empty() {
                    continue;
                }
                if !next.text.starts_with(['-', '+', '•', '–']) {
                    // An item wrapped onto the next line goes on in lower case.
                    let continues = next.text.chars().next().is_some_and(char::is_lowercase);
                    if let (true, Some(last)) = (continues, d.distribution.last_mut()) {
                        used[j] = true;
                        last.push(' ');
                        last.push_str(&clean_item(&next.text));
                        continue;
                    }
                    break;
                }
                used[j] = true;
                // A collapsed column puts the signature after the item: "- Như trên; PHÓ CHỦ TỊCH".
                let (item, tail) = match next.text.split_once(';') {
                    Some((a, b)) if !b.trim().is_empty() && is_upper(b.trim()) => {
                        (a.to_string(), Some(b.trim().to_string()))
                    }
                    _ => (next.text.clone(), None),
                };
                d.distribution.push(clean_item(&item));
                if let Some(t) = tail {
                    extra.push((j, t));
                }
            }
            d.distribution.retain(|s| !s.is_empty());
        }
        // The signature: within the last lines, not in Nơi nhận.
        let from = n.saturating_sub(40);
        let mut cands: Vec<(usize, String)> = (from..n)
            .filter(|&j| !used[j] && !self.lines[j].text.is_empty())
            .map(|j| {
                (
                    j,
                    self.lines[j]
                        .text
                        .trim_end_matches(['/', '.'])
                        .trim()
                        .to_string(),
                )
            })
            .collect();
        cands.extend(extra);
        cands.sort_by_key(|(j, _)| *j);
        self.signer(&cands, d);
    }

    fn signer(&mut self, cands: &[(usize, String)], d: &mut Directive) {
        static AUTH: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^(?:(?:TM|KT|Q|TL|TUQ)\s*\.|T/M|K/T|T/L|T/U)\s*(\S.*)$").unwrap()
        });
        let start = cands
            .iter()
            .position(|(_, t)| AUTH.is_match(t) && is_upper(t));
        let mut k = match start {
            Some(s) => {
                d.signer.authority = Some(normalize_authority(&cands[s].1));
                let mut k = s + 1;
                if let Some((_, t)) = cands
                    .get(k)
                    .filter(|(_, t)| AUTH.is_match(t) && is_upper(t))
                {
                    d.signer.on_behalf = Some(normalize_authority(t));
                    k += 1;
                }
                k
            }
            None => match cands.iter().position(|(_, t)| is_title(t)) {
                Some(s) => s,
                None => return,
            },
        };
        if let Some((j, t)) = cands
            .get(k)
            .filter(|(_, t)| is_upper(t) && t.split_whitespace().count() <= 8 && !AUTH.is_match(t))
        {
            // "CHỦ TỊCH" over "PHÓ CHỦ TỊCH" with no prefix: a deputy signing for the head, KT.
            let next_is_deputy = cands.get(k + 1).is_some_and(|(_, n)| {
                is_title(n) && fold(n).starts_with("pho ") && !fold(t).starts_with("pho ")
            });
            if d.signer.authority.is_none() && next_is_deputy {
                let auth = format!("KT. {t}");
                self.problem(
                    Some(self.lines[*j].no),
                    "signer",
                    format!("dòng \"{t}\" thiếu \"KT.\" trước chức danh, đã đọc là \"{auth}\""),
                );
                d.signer.authority = Some(auth);
                k += 1;
            }
            d.signer.title = cands.get(k).map(|(_, t)| t.clone());
            k += 1;
        }
        d.signer.name = cands[k.min(cands.len())..]
            .iter()
            .take(4)
            .map(|(_, t)| t.trim_matches(['*', '(', ')', ' ']).to_string())
            .find(|t| is_name(t));
    }

    /// A problem for every field left empty, so nothing is missing silently.
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

/// A line that opens the body: "Căn cứ", "Thực hiện", "Kính gửi", "Theo", "Trên cơ sở",
/// capitalised as a sentence start (a wrapped trích yếu may go on with "thực hiện …").
fn starts_body(l: &Line) -> bool {
    BODY_START.is_match(&l.folded) && l.text.chars().next().is_some_and(char::is_uppercase)
}

/// The place in the text before "ngày": after any number line or header names on that line.
fn place_before(prefix: &str) -> String {
    let mut p = prefix.trim().trim_end_matches(',').trim().to_string();
    if let Some(m) = NUMBER.find(&p) {
        p = p[m.end()..].to_string();
    }
    let f = fold(&p);
    if let Some(m) = NATION.find_iter(&f).last() {
        let cut: String = p.chars().skip(f[..m.end()].chars().count()).collect();
        p = cut;
    }
    p.trim()
        .trim_matches(|c: char| c == ',' || c == '-' || c.is_whitespace())
        .to_string()
}

/// A line's text without the Quốc hiệu, Tiêu ngữ or Party name that a collapsed header puts on it.
fn cut_nation(text: &str, folded: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut keep = vec![true; chars.len()];
    for m in NATION.find_iter(folded) {
        let a = folded[..m.start()].chars().count();
        let b = folded[..m.end()].chars().count();
        for k in keep.iter_mut().take(b.min(chars.len())).skip(a) {
            *k = false;
        }
    }
    chars
        .iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(c, _)| *c)
        .collect::<String>()
        .trim()
        .to_string()
}

/// Mostly upper-case letters: a header name or a title.
fn is_upper(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2
        && letters.iter().filter(|c| c.is_uppercase()).count() * 10 >= letters.len() * 8
}

/// An upper-case signer's title: "CHỦ TỊCH", "PHÓ GIÁM ĐỐC", "TRƯỞNG BAN".
fn is_title(s: &str) -> bool {
    let f = fold(s);
    is_upper(s)
        && s.split_whitespace().count() <= 6
        && [
            "chu tich",
            "giam doc",
            "truong",
            "bi thu",
            "chanh van phong",
            "thu truong",
            "uy vien",
            "tong bien tap",
            "hieu truong",
        ]
        .iter()
        .any(|t| f.contains(t))
}

/// A person's name: two to six capitalised words of letters.
fn is_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && words.iter().all(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase) && cs.all(|c| c.is_lowercase() || c == '.')
        })
}

/// "TM.BAN THƯỜNG VỤ" → "TM. BAN THƯỜNG VỤ".
fn normalize_authority(s: &str) -> String {
    match s.split_once('.') {
        Some((prefix, rest)) => format!("{}. {}", prefix.trim(), rest.trim()),
        None => s.to_string(),
    }
}

/// A Nơi nhận or Kính gửi item without its dash and closing punctuation.
fn clean_item(s: &str) -> String {
    let s = s.trim().trim_start_matches(['-', '+', '•', '–']).trim();
    s.trim_end_matches([';', '.', ',']).trim().to_string()
}

/// Quotes around a whole trích yếu are an artefact of copying, not part of it.
fn strip_stray_quotes(s: &str) -> String {
    let opens = s.matches(['“', '"']).count();
    let closes = s.matches(['”', '"']).count();
    let mut t = s.trim();
    if (t.ends_with('”') && closes > opens) || (t.ends_with('"') && s.matches('"').count() % 2 == 1)
    {
        t = &t[..t.len() - t.chars().last().map_or(0, char::len_utf8)];
    }
    t.trim().to_string()
}

/// "KẾ HOẠCH" or "KẾ HOẠCH phối hợp …" at the start of a line: the kind and what follows.
fn title_kind(text: &str) -> Option<(DocKind, &str)> {
    static UPPER: LazyLock<Vec<(&'static str, String)>> = LazyLock::new(|| {
        DocKind::all_names()
            .into_iter()
            .map(|n| (n, n.to_uppercase()))
            .collect()
    });
    let mut best: Option<(DocKind, &str)> = None;
    for (name, upper) in UPPER.iter() {
        let name = *name;
        if let Some(rest) = text.strip_prefix(upper.as_str()) {
            if rest.is_empty() || rest.starts_with(' ') {
                let longer = best
                    .as_ref()
                    .is_none_or(|(k, _)| k.name().len() < name.len());
                if longer {
                    best = Some((DocKind::from_name(name), rest.trim()));
                }
            }
        }
    }
    // A kind name that starts a longer upper-case line is a heading or a body's name, not a title.
    best.filter(|(_, rest)| rest.is_empty() || !is_upper(rest))
}

/// The kind a ký hiệu names: "KH-UBND" → Kế hoạch, "2018/NĐ-CP" → Nghị định, "KH/BCĐ" → Kế hoạch.
fn kind_of_symbol(symbol: &str) -> Option<DocKind> {
    symbol
        .split(['-', '/'])
        .find(|part| !part.chars().all(|c| c.is_ascii_digit()))
        .and_then(DocKind::from_abbreviation)
}

/// "QĐUBND" under a "QUYẾT ĐỊNH" title lost its hyphen: "QĐ-UBND".
fn restore_hyphen(symbol: &str, kind: &DocKind) -> Option<String> {
    let abbr = kind.abbreviation()?;
    let last = symbol.rsplit('/').next()?;
    let rest = last.strip_prefix(abbr)?;
    if symbol.contains('-')
        || rest.chars().count() < 2
        || !rest.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
    {
        return None;
    }
    let head = &symbol[..symbol.len() - last.len()];
    Some(format!("{head}{abbr}-{rest}"))
}

static CITE: LazyLock<Regex> = LazyLock::new(|| {
    let kinds = DocKind::names_pattern();
    Regex::new(&format!(
        r"(?i:(?P<kind>{kinds}))\s+(?:(?i:s[ốo])\s*:?\s*)?(?P<num>\d{{1,5}})\s*(?P<sep>[/\-])\s*(?P<sym>[{u}\d][{l}\d&.]*(?:[-/][{u}\d][{l}\d&.]*)*)",
        u = UPPER_START,
        l = LETTERS
    ))
    .unwrap()
});
static REF_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*,?\s*(?i:ng[àa]y)\s+(?:(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})|(\d{1,2})\s+(?i:th[áa]ng)\s+(\d{1,2})\s+(?i:n[ăa]m)\s+(\d{4}))").unwrap()
});
static ABOUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*,?\s*(?:(?i:v/v)|(?i:v[ềe]\s+vi[ệe]c)|(?i:v[ềe]))\s+").unwrap()
});

/// Where a clause ends: at ";", at a full stop that ends a sentence, at a closing
/// parenthesis that was not opened in it, or at the end.
fn clause_end(s: &str) -> usize {
    let mut depth = 0i32;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return i,
            ')' => depth -= 1,
            ';' => return i,
            '.' if s[i + 1..].starts_with(' ') || i + 1 == s.len() => return i,
            _ => {}
        }
    }
    s.len()
}

static OF: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*,?\s*(?i:c[ủu]a)\s+").unwrap());

/// Words that introduce a document cited as a basis or for action.
const INTRODUCERS: &[&str] = &[
    "can cu",
    "can cu vao",
    "thuc hien",
    "theo",
    "trien khai",
    "tren co so",
    "noi dung",
    "chi dao tai",
    "tinh than",
    "quy dinh tai",
    "huong dan tai",
];

/// Words that end an issuer's name in a citation ("… của Chính phủ về …").
const ISSUER_ENDS: &[&str] = &[
    "ve",
    "v/v",
    "nham",
    "de",
    "thuc hien",
    "phat dong",
    "trien khai",
    "to chuc",
    "huong dan",
    "ban hanh",
    "quy dinh",
    "tang cuong",
    "day manh",
    "tiep tuc",
    "chi dao",
    "phe duyet",
    "sua doi",
    "bo sung",
    "kien toan",
    "thanh lap",
    "phoi hop",
    "tuyen truyen",
    "xay dung",
    "nang cao",
    "cham lo",
    "doi voi",
    "tai",
    "trong",
    "cho",
    "da",
    "duoc",
    "gui",
    "kem",
];

/// Documents cited with an introducer ("Căn cứ", "Thực hiện", "theo", "triển khai", …)
/// directly before them, or continuing such a list after ";", "," or "và". Each once.
fn references(lines: &[Line], own_number: Option<&str>, own_symbol: Option<&str>) -> Vec<DocRef> {
    let mut out: Vec<DocRef> = Vec::new();
    for para in paragraphs(lines) {
        // A paragraph that opens with "Căn cứ" or "Thực hiện" is the basis; elsewhere a
        // citation without a date is a passing mention, not a reference.
        let opening = fold(head_chars(&para, 30));
        let basis = INTRODUCERS.iter().any(|w| opening.starts_with(w));
        let mut last_included_end: Option<usize> = None;
        for c in CITE.captures_iter(&para) {
            let m = c.get(0).unwrap();
            let before = &para[..m.start()];
            let recent = fold(tail_chars(before, 60));
            let recent = recent.trim_end();
            let introduced = INTRODUCERS
                .iter()
                .any(|w| recent.ends_with(w) && boundary_before(recent, w));
            let continues = last_included_end
                .is_some_and(|end| end <= m.start() && !sentence_ends(&para[end..m.start()]))
                && (recent.ends_with(';')
                    || recent.ends_with(',')
                    || recent.ends_with(" va")
                    || recent.ends_with("; va"));
            if !(introduced || continues) {
                continue;
            }
            let number = c["num"].to_string();
            let symbol = c["sym"].trim_end_matches(['.', ',']).to_string();
            let mut end = m.end();
            let mut date = None;
            if let Some(dc) = REF_DATE.captures(&para[end..]) {
                let g = |a: usize, b: usize| {
                    dc.get(a)
                        .or(dc.get(b))
                        .and_then(|x| x.as_str().parse::<u32>().ok())
                };
                date = match (g(1, 4), g(2, 5), g(3, 6)) {
                    (Some(dd), Some(mm), Some(yy)) => {
                        chrono::NaiveDate::from_ymd_opt(yy as i32, mm, dd)
                    }
                    _ => None,
                };
                end += dc.get(0).unwrap().end();
            }
            let mut issuer = None;
            if let Some(of) = OF.find(&para[end..]) {
                let (name, used) = issuer_name(&para[end + of.end()..]);
                issuer = Some(name).filter(|s| !s.is_empty());
                end += of.end() + used;
            }
            // Its trích yếu: "về …" up to the end of the clause.
            let mut subject = None;
            if let Some(about) = ABOUT.find(&para[end..]) {
                let rest = &para[end + about.end()..];
                let stop = clause_end(rest);
                subject = Some(rest[..stop].trim().to_string()).filter(|s| !s.is_empty());
                end += about.end() + stop;
            }
            last_included_end = Some(end);
            if date.is_none() && !basis {
                continue;
            }
            if Some(number.as_str()) == own_number && Some(symbol.as_str()) == own_symbol {
                continue;
            }
            if out.iter().any(|r| r.number == number && r.symbol == symbol) {
                continue;
            }
            out.push(DocRef {
                doc_type: DocKind::from_name(&c["kind"]),
                number,
                symbol,
                date,
                issuer,
                subject,
            });
        }
    }
    out
}

/// The first `n` characters of `s`.
fn head_chars(s: &str, n: usize) -> &str {
    let end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    &s[..end]
}

/// The last `n` characters of `s`.
fn tail_chars(s: &str, n: usize) -> &str {
    let start = s
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    &s[start..]
}

/// The introducer `w` stands as a whole word at the end of `s`.
fn boundary_before(s: &str, w: &str) -> bool {
    s.len() == w.len() || s[..s.len() - w.len()].ends_with([' ', '(', ',', ';', '"', '“'])
}

/// A full stop that ends a sentence lies in `s`.
fn sentence_ends(s: &str) -> bool {
    let b = s.as_bytes();
    b.windows(2).enumerate().any(|(i, w)| {
        w[0] == b'.' && w[1] == b' ' && s[i + 2..].chars().next().is_some_and(char::is_uppercase)
    })
}

/// The issuer's name at the start of `s`, and how many bytes it used.
fn issuer_name(s: &str) -> (String, usize) {
    let mut words: Vec<&str> = Vec::new();
    let mut used = 0;
    let steering = fold(s).starts_with("ban chi dao");
    let mut offset = 0;
    for w in s.split(' ') {
        let start = offset;
        offset += w.len() + 1;
        if w.is_empty() {
            continue;
        }
        let f = fold(w);
        let rest = fold(head_chars(&s[start..], 24));
        let ends = ISSUER_ENDS.iter().any(|e| {
            rest.starts_with(e)
                && rest[e.len()..].starts_with([' ', ',', ';', ':'])
                && !(steering && matches!(*e, "thuc hien" | "chi dao"))
        });
        // The name ends where another citation begins, with or without "và" before it.
        let and_kind = CITE.find(&s[start..]).is_some_and(|m| {
            let before = s[start..start + m.start()].trim();
            before.is_empty() || (f == "va" && before.split_whitespace().count() <= 1)
        });
        if (ends || and_kind) && !words.is_empty() || words.len() >= 24 {
            break;
        }
        // A run of capitals after mixed case is another block of the page ("… Chính phủ CỘNG
        // HÒA XÃ HỘI …" in a PDF whose columns ran together), not the name going on.
        let capitals = |x: &str| {
            x.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !x.chars().any(char::is_lowercase)
        };
        if capitals(w) && wording::is_syllable(w) && words.last().is_some_and(|p| !capitals(p)) {
            break;
        }
        let stop_after = w.ends_with([',', ';', '.', ':', ')']) || w.starts_with(['(', '"', '“']);
        if w.starts_with(['(', '"', '“']) {
            break;
        }
        words.push(w.trim_end_matches([',', ';', '.', ':', ')']));
        used = start + w.len();
        if stop_after {
            break;
        }
    }
    (words.join(" "), used)
}

/// Lines joined into paragraphs (blank lines separate them), so citations broken across
/// lines are read whole.
fn paragraphs(lines: &[Line]) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for l in lines {
        if l.text.is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(&l.text);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
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
                {"doc_type": "Kế hoạch", "number": "275", "symbol": "KH/BCĐ", "date": "2024-11-19", "issuer": "Ban chỉ đạo thực hiện QCDC huyện Dương Minh Châu", "subject": "Phối hợp"}
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
