//! The documents a directive cites in its opening part: every document cited by number
//! in a paragraph of its basis ("Căn cứ", "Thực hiện", "Xét", "Theo đề nghị", "Thi hành"
//! …), the laws named there, and in a sentence of purpose ("Để tiếp tục thực hiện có hiệu
//! quả Quyết định số … của …") a document named after a verb of carrying out.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::lines::{folded, starts_body, symbol_of, to_orig, Line, Offsets, LETTERS, UPPER_START};
use crate::model::{DocKind, DocRef};
use crate::text::fold;

/// A number and ký hiệu found in running text, with the date right after it.
pub(super) struct Anchor {
    pub number: String,
    pub symbol: String,
    pub date: Option<NaiveDate>,
}

/// "số 1448/SNV-CCHC ngày 27/12/2016" at the start of `s`.
pub(super) fn anchor_at_start(s: &str) -> Option<Anchor> {
    let c = CITED.captures(s)?;
    if c.get(0)?.start() != 0 || c.name("so").is_none() || c["sep"].trim().is_empty() {
        return None;
    }
    let end = c.get(0)?.end();
    Some(Anchor {
        number: c["num"].to_string(),
        symbol: symbol_of(&c["sym"]),
        date: REF_DATE
            .captures(&s[end..])
            .and_then(|d| date_of(&d, &symbol_of(&c["sym"]))),
    })
}

/// A number with its ký hiệu: "số 1062/KH-UBND", "168/2018/NĐ-CP", "số31-QĐ/TW",
/// "89 - HD/BTGTW", "84 QĐ/TWĐTN", "02 /2011/ TT-BNV", "906/KT- KĐ"; "số" as OCR reads it
/// with another mark ("sô", "sÓ", "sồ").
static CITED: LazyLock<Regex> = LazyLock::new(|| {
    let (u, l) = (UPPER_START, LETTERS);
    Regex::new(&format!(
        r"(?P<so>(?i:s[ốoôóòồọộ?])[[:space:]]*:?[[:space:]]*)?(?P<num>[0-9]{{1,5}})(?P<sep>[[:space:]]*[/\-–][[:space:]]*|[[:space:]]+)(?P<sym>(?:[0-9]{{4}}[[:space:]]*/[[:space:]]*)?[{u}][{l}0-9&.]*(?:[[:space:]]*[-–/][[:space:]]*[{u}0-9][{l}0-9&.]*)*)"
    ))
    .unwrap()
});

/// A date right after a citation: ", ngày 25/11/2024", "ngày15/4/2010", "ngày 03.12.2007",
/// "ngày 01-10-1997", "ngày 21 tháng 11 năm 2013", and the slips "16/7/20 21", "18/8/20222",
/// "ngày, 28/10/2008" (a speck read as a comma).
static REF_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[[:space:]]*[,(]?[[:space:]]*(?i:ng[àa?]y)[,.:]?[[:space:]]*(?:([0-9]{1,2})[[:space:]]*[/.-][[:space:]]*([0-9]{1,2})[[:space:]]*[/.-][[:space:]]*([0-9]{2}[[:space:]]?[0-9]{2}[0-9]?)|([0-9]{1,2})[[:space:]]+(?i:th[áa?]ng)[[:space:]]+([0-9]{1,2})[[:space:]]+(?i:n[ăa?]m)[[:space:]]+([0-9]{4}))").unwrap()
});

/// The date of a `REF_DATE` match. A year with a digit too many ("20222", "20018") is the
/// one year a digit less makes, or of those, the year of the document's ký hiệu
/// (`symbol`: "2008/NQ-CP" is of 2008); None when that leaves it open.
fn date_of(c: &regex::Captures, symbol: &str) -> Option<NaiveDate> {
    let digits = |a: usize, b: usize| -> Option<String> {
        let x = c.get(a).or(c.get(b))?;
        Some(x.as_str().chars().filter(char::is_ascii_digit).collect())
    };
    let g = |a: usize, b: usize| digits(a, b)?.parse::<u32>().ok();
    let read = digits(3, 6)?;
    let year = match read.len() {
        5 => {
            let mut years: Vec<i32> = (0..5)
                .filter_map(|k| format!("{}{}", &read[..k], &read[k + 1..]).parse().ok())
                .filter(|y| (1945..=2100).contains(y))
                .collect();
            years.sort_unstable();
            years.dedup();
            let own: Option<i32> = symbol
                .split_once('/')
                .filter(|(y, _)| y.len() == 4)
                .and_then(|(y, _)| y.parse().ok());
            match years.as_slice() {
                [one] => *one,
                several => own.filter(|y| several.contains(y))?,
            }
        }
        _ => read.parse().ok()?,
    };
    NaiveDate::from_ymd_opt(year, g(2, 5)?, g(1, 4)?)
}

/// The names of kinds as running text writes them, folded, and the kind each is.
static KIND_WORDS: LazyLock<(Regex, Vec<(String, &'static str)>)> = LazyLock::new(|| {
    let mut names: Vec<(String, &'static str)> = DocKind::all_names()
        .into_iter()
        .map(|n| (fold(n), n))
        .collect();
    names.push(("van ban".into(), "Văn bản"));
    names.sort_by_key(|(f, _)| std::cmp::Reverse(f.len()));
    let alternation = names
        .iter()
        .map(|(f, _)| regex::escape(f))
        .collect::<Vec<_>>()
        .join("|");
    (
        Regex::new(&format!(r"(?-u:\b)(?:{alternation})(?-u:\b)")).unwrap(),
        names,
    )
});

/// Words that open a paragraph of the basis, folded.
const BASIS: &[&str] = &[
    "can cu",
    "thuc hien",
    "trien khai",
    "thi hanh",
    "theo ",
    "xet ",
    "tren co so",
    "tiep tuc thuc hien",
    "tiep theo",
    "phuc dap",
    "tra loi",
    "quan triet",
    "thua lenh",
    "huong ung",
];

/// The first words of a folded paragraph without the marks a scan's specks leave after
/// them ("tiep. tuc thuc hien", "tiep, tuc thuc hien"), to be matched against `BASIS`
/// and `PURPOSE`.
fn lead(head: &str) -> String {
    head.split_whitespace()
        .take(4)
        .map(|w| w.trim_end_matches(['.', ',', '\'', '`', '\u{2019}']))
        .collect::<Vec<_>>()
        .join(" ")
        + " "
}

/// Words that open a sentence of purpose, in which a document counts when a verb of
/// carrying it out stands right before it.
const PURPOSE: &[&str] = &["de ", "d? ", "nham ", "nhan duoc"];

/// Verbs and prepositions after which a document is the one carried out.
const INTRODUCERS: &[&str] = &[
    "thuc hien",
    "trien khai",
    "theo",
    "kem theo",
    "tai",
    "can cu",
    "nhan duoc",
    "chi dao tai",
    "quy dinh tai",
    "huong dan tai",
    "noi dung",
    "tinh than",
    "thi hanh",
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

/// How a paragraph cites: in the basis every document it names; in a sentence of purpose
/// those a verb of carrying out introduces; in the items of a letter or plan those it
/// directs to carry out with their date ("1. … triển khai Kế hoạch số 1062/KH-UBND ngày
/// 11/4/2024 …"), and the ones listed after them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Basis,
    Purpose,
    Items,
    /// A sentence of the opening that names its basis in passing ("Sau khi rà soát hồ sơ
    /// … và căn cứ Nghị định số 126/2024/NĐ-CP ngày 08/10/2024 …, Sở Nội vụ báo cáo"):
    /// a dated document right after "căn cứ".
    Passing,
}

/// The documents a directive cites: those of its opening part (from line `from` to the
/// first heading, item, article or operative line); in a công văn or kế hoạch, those its
/// items direct to carry out; in other kinds, the dated ones of an item that gives its
/// basis ("1. Căn cứ khoản 3 Điều 15 Nghị định số 126/2024/NĐ-CP ngày 08/10/2024 …").
/// Each once, in order of first mention; never the directive itself. A document named in
/// passing without its date takes the date the text gives it elsewhere (a footnote, a
/// later mention), or is left out.
pub(super) fn references(
    lines: &[Line],
    from: usize,
    own: (Option<&str>, Option<&str>),
    items_cite: bool,
) -> Vec<DocRef> {
    let mut out: Vec<DocRef> = Vec::new();
    let (opening, rest) = paragraphs(lines, from);
    let last_text = lines
        .iter()
        .rev()
        .find(|l| !l.is_blank())
        .map(|l| l.text.as_str());
    let count = opening.len();
    let body = rest
        .map(|at| paragraphs_to_end(lines, at))
        .unwrap_or_default();
    let all = opening
        .into_iter()
        .enumerate()
        .map(|(k, p)| (p, k + 1 == count))
        .chain(body.into_iter().map(|p| (p, false)));
    let mut in_items = false;
    let mut undated: Vec<usize> = Vec::new();
    for (i, (para, last_of_opening)) in all.enumerate() {
        in_items |= i >= count;
        // The copy may stop inside the last paragraph, and a ký hiệu at its very end may
        // be cut ("Thực hiện Công văn số 3444/LĐTBXH-VPQ" and nothing more).
        let cut_short = last_of_opening && last_text.is_some_and(|t| para.ends_with(t));
        let f = folded(&para);
        let head = super::lines::unbullet(&f);
        let lead = lead(head);
        let mode = if in_items {
            match items_cite {
                true => Mode::Items,
                false if unnumbered(head).starts_with("can cu") => Mode::Passing,
                false => continue,
            }
        } else if BASIS.iter().any(|w| lead.starts_with(w)) {
            Mode::Basis
        } else if PURPOSE.iter().any(|w| lead.starts_with(w)) {
            Mode::Purpose
        } else if head.contains(" can cu ") {
            Mode::Passing
        } else if i == 0 && opens_with_citation(head) {
            // The opening's first paragraph begins with the document it rests on ("Quyết
            // định số 16/2006/QĐ-UBND ngày …"): its lead words ("Thực hiện") were under a
            // received stamp.
            Mode::Basis
        } else {
            continue;
        };
        for r in cited_in(&para, &f, mode, cut_short) {
            let own_doc = r.has_number()
                && Some(r.number.as_str()) == own.0
                && Some(r.symbol.as_str()) == own.1;
            let seen = out.iter().position(|o| {
                if r.has_number() {
                    o.number == r.number && o.symbol == r.symbol
                } else {
                    o.title.as_deref().map(fold) == r.title.as_deref().map(fold) && o.date == r.date
                }
            });
            match seen {
                // A later mention gives the date an earlier one in passing left out.
                Some(k) if undated.contains(&k) && r.date.is_some() => {
                    out[k].date = r.date;
                    undated.retain(|&u| u != k);
                }
                Some(_) => {}
                None if own_doc => {}
                None => {
                    if mode == Mode::Passing && r.date.is_none() {
                        undated.push(out.len());
                    }
                    out.push(r);
                }
            }
        }
    }
    for k in undated.iter().rev() {
        match date_elsewhere(lines, &out[*k]) {
            Some(date) => out[*k].date = Some(date),
            None => {
                out.remove(*k);
            }
        }
    }
    out
}

/// Whether a folded paragraph begins with a kind's name and its number ("quyet dinh so
/// 16/2006/…").
fn opens_with_citation(head: &str) -> bool {
    kinds_in(head).first().is_some_and(|&(start, end, _)| {
        let rest = head[end..].trim_start();
        start == 0
            && rest
                .strip_prefix("so")
                .is_some_and(|r| r.trim_start().starts_with(|c: char| c.is_ascii_digit()))
    })
}

/// An item's text after its number or letter ("1. ", "a) ", "II. "), folded.
fn unnumbered(head: &str) -> &str {
    // Only the first bytes are looked at: a paragraph may be a megabyte long.
    let mark = head
        .char_indices()
        .take_while(|&(at, _)| at <= 4)
        .find(|&(_, c)| matches!(c, '.' | ')'))
        .map(|(at, _)| at)
        .filter(|&at| head[..at].chars().all(|c| c.is_alphanumeric()));
    match mark {
        Some(at) => head[at + 1..].trim_start(),
        None => head,
    }
}

/// The date the text gives a document somewhere: its number and ký hiệu followed by a
/// date ("Nghị định số 126/2024/NĐ-CP ngày 08/10/2024" in a footnote).
fn date_elsewhere(lines: &[Line], r: &DocRef) -> Option<NaiveDate> {
    let wanted = format!("{}/{}", r.number, r.symbol).replace(' ', "");
    lines.iter().take(5000).find_map(|l| {
        CITED.captures_iter(&l.text).find_map(|c| {
            let m = c.get(0)?;
            let id = format!("{}/{}", &c["num"], symbol_of(&c["sym"])).replace(' ', "");
            (id == wanted)
                .then(|| {
                    REF_DATE
                        .captures(&l.text[m.end()..])
                        .and_then(|d| date_of(&d, &r.symbol))
                })
                .flatten()
        })
    })
}

/// An item that gives its basis ("1. Căn cứ khoản 3 Điều 15 và khoản 6 Điều 21 Nghị định
/// số …"): the text before the document is "căn cứ" and where in it the document speaks.
fn plain_basis(before: &str) -> bool {
    let head = basis_head(before);
    head.starts_with("can cu") && !head.contains(';') && !head.contains(". ")
}

/// A text without the spaces, the list's mark and the item's number it starts with.
fn basis_head(text: &str) -> &str {
    unnumbered(super::lines::unbullet(text.trim_start()))
}

/// `plain_basis` of each start of one folded paragraph, what it looks for found once: a
/// paragraph of many citations asks it before each, and its whole start again each time.
struct PlainBasis {
    /// Where the paragraph's head starts (`basis_head`).
    head: usize,
    /// The first ';' from there.
    semi: Option<usize>,
    /// The first ". " from there.
    stop: Option<usize>,
}

impl PlainBasis {
    /// What `plain_basis` looks for in the folded paragraph `f`.
    fn new(f: &str) -> Self {
        let head = f.len() - basis_head(f).len();
        let at = |needle: &str| f[head..].find(needle).map(|i| head + i);
        PlainBasis {
            head,
            semi: at(";"),
            stop: at(". "),
        }
    }

    /// `plain_basis(&f[..end])`.
    fn before(&self, f: &str, end: usize) -> bool {
        // A text that ends within a few bytes of the head may have another head (its
        // item's number cut, nothing after its spaces): asked directly.
        if end < self.head + 8 {
            return plain_basis(&f[..end]);
        }
        f[self.head..end].starts_with("can cu")
            && self.semi.is_none_or(|s| s >= end)
            && self.stop.is_none_or(|d| d + 2 > end)
    }
}

/// The documents a trích yếu names after a verb of carrying out ("V/v triển khai thực
/// hiện Chỉ thị số 05/CT-TTg …"), which come before those of the body.
pub(super) fn in_subject(subject: &str, refs: &mut Vec<DocRef>) {
    let f = folded(subject);
    let mut first = cited_in(subject, &f, Mode::Purpose, false);
    first.retain(|r| {
        !refs
            .iter()
            .any(|o| o.number == r.number && o.symbol == r.symbol)
    });
    refs.splice(0..0, first);
}

/// Lines joined into paragraphs: until a blank line, a new item or basis line, or a line
/// that ends a sentence.
struct Paragraphs {
    out: Vec<String>,
    cur: String,
}

impl Paragraphs {
    fn add(&mut self, l: &Line) {
        let starts = l.is_blank()
            || starts_body(l)
            || l.text.starts_with(['-', '–', '+', '•'])
            || l.head().starts_with("de ")
            || l.head().starts_with("nham ")
            || ends_opening(l);
        if starts && !self.cur.is_empty() {
            self.out.push(std::mem::take(&mut self.cur));
        }
        if l.is_blank() {
            return;
        }
        if !self.cur.is_empty() {
            self.cur.push(' ');
        }
        self.cur.push_str(&l.text);
        if l.text.ends_with(['.', ';', ':']) && !l.text.ends_with("./") {
            self.out.push(std::mem::take(&mut self.cur));
        }
    }

    fn finish(mut self) -> Vec<String> {
        if !self.cur.is_empty() {
            self.out.push(self.cur);
        }
        self.out
    }
}

/// The paragraphs of the opening part, and the line where the part ends, if it does.
fn paragraphs(lines: &[Line], from: usize) -> (Vec<String>, Option<usize>) {
    let mut p = Paragraphs {
        out: Vec::new(),
        cur: String::new(),
    };
    for (i, l) in lines.iter().enumerate().skip(from).take(400) {
        if ends_opening(l) {
            return (p.finish(), Some(i));
        }
        p.add(l);
    }
    (p.finish(), None)
}

/// The paragraphs from line `from` up to Nơi nhận.
fn paragraphs_to_end(lines: &[Line], from: usize) -> Vec<String> {
    static NN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^n[o?]i[[:space:]]*nh[a?]n[[:space:]]*:").unwrap());
    let mut p = Paragraphs {
        out: Vec::new(),
        cur: String::new(),
    };
    for l in lines.iter().skip(from).take(2000) {
        if NN.is_match(&l.folded) {
            break;
        }
        p.add(l);
    }
    p.finish()
}

/// A heading, a numbered item, an article, the operative "QUYẾT ĐỊNH:" or "Nơi nhận":
/// the opening part is over.
fn ends_opening(l: &Line) -> bool {
    static HEADING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:(?:[IVXLC]+|[A-ZĐ])[[:space:]]*[.)/:\-–][[:space:]]*[^[:space:]]|[0-9]{1,2}(?:\.[0-9]{1,2})*[[:space:]]*[.)][[:space:]]*[^[:space:]]|[0-9]{1,2}[[:space:]]*[-–][[:space:]]+[^[:space:]]|(?:Chương|CHƯƠNG|Phần|PHẦN|Mục|MỤC|Điều|ĐIỀU)[[:space:]]+[0-9IVXLC]+(?-u:\b)|(?:QUYẾT ĐỊNH|QUYẾT NGHỊ|CHỈ THỊ)[[:space:]]*:?[[:space:]]*$|(?i:n[ơo]i[[:space:]]*nh[ậa]n)[[:space:]]*:)").unwrap()
    });
    HEADING.is_match(&l.text)
}

/// What may stand between a verb of carrying out and the document in a sentence of
/// purpose, folded.
const ADVERBS: &[&str] = &[
    " co hieu qua",
    " hieu qua",
    " tot",
    " nghiem tuc",
    " day du",
    " kip thoi",
];

/// Words right before a document that the citing one carries out or sends along.
const CARRY: &[&str] = &[
    "thuc hien",
    "trien khai",
    "trien khai thuc hien",
    "to chuc thuc hien",
    "thi hanh",
    "quan triet",
    "huong ung",
    "kem theo",
    "gui kem",
    "chuyen",
];

/// Verbs after which an item of a letter or plan directs a document to be carried out.
const ACTIONS: &[&str] = &["thuc hien", "trien khai", "noi dung", "can cu", "theo"];

/// The documents cited in one paragraph, as its `mode` says.
fn cited_in(para: &str, f: &str, mode: Mode, cut_short: bool) -> Vec<DocRef> {
    let offsets = Offsets::new(para, f);
    let kinds = kinds_in(f);
    let plain = PlainBasis::new(f);
    let mut found: Vec<(usize, usize, DocRef)> = Vec::new();
    // Where the previous number ends (a kind before it is not this one's), and where the
    // previous citation's clause ends (a number inside its "về …" is part of it).
    let mut prev_end = 0usize;
    let mut clause_until = 0usize;
    let mut last_taken: Option<usize> = None;
    let mut last_carried = false;
    for c in CITED.captures_iter(para) {
        let m = c.get(0).unwrap();
        if !stands_alone(para, &c) {
            continue;
        }
        let start = m.start();
        let fs = offsets.fold(start);
        // The nearest kind before the number, within the clause.
        // Kinds come in order and do not overlap: the nearest is found by halving, and an
        // earlier one starts before it, so it is the only one that can be in the clause.
        let nearest = kinds.partition_point(|(_, ke, _)| *ke <= fs);
        let Some(&(ks, ke, kind)) = nearest
            .checked_sub(1)
            .map(|k| &kinds[k])
            .filter(|(ks, _, _)| *ks >= prev_end)
        else {
            continue;
        };
        prev_end = offsets.fold(m.end());
        let gap = f[ke..fs].trim();
        let gap_words = gap.split_whitespace().count();
        if gap.contains(';') || gap_words > 14 || (c.name("so").is_none() && gap_words > 0) {
            continue;
        }
        if ks < clause_until {
            continue;
        }
        let before = Before::new(&f[..ks]);
        // After an included one: "…; Kế hoạch số …", "… và Kế hoạch số …".
        let listed = last_taken.is_some_and(|end| {
            let between = f[end.min(ks)..ks].trim();
            matches!(between, ";" | "," | "va" | "; va" | ", va" | "")
        });
        if cut_short && para[m.end()..].trim().is_empty() {
            continue;
        }
        let mut end = m.end();
        let mut date = None;
        if let Some(dc) = REF_DATE.captures(&para[end..]) {
            date = date_of(&dc, &symbol_of(&c["sym"]));
            end += dc.get(0).unwrap().end();
        }
        // Carried out or sent along: right after a verb of doing so, or listed after one
        // that is.
        let carried = before.after_verb(CARRY) || (listed && last_carried);
        let counts = match mode {
            Mode::Basis => true,
            Mode::Purpose => before.after_verb(INTRODUCERS) || listed,
            // "… đã được phê duyệt theo Quyết định số …" tells what was done before, not
            // what to carry out.
            Mode::Items => {
                let text = before.text;
                let window = text.len().saturating_sub(60);
                let near = text.get(window..).unwrap_or(text);
                date.is_some()
                    && (before.after_word(ACTIONS) || listed)
                    && !near.contains(" da duoc ")
            }
            Mode::Passing => before.after_word(&["can cu"]) || plain.before(f, ks),
        };
        // The issuer: "… của X" after it, or "Quyết định của Bộ Chính trị số 31-QĐ/TW".
        let named = issuer_before(para, f, &offsets, (ks, ke), start);
        let (issuer, subject, clause_start, stop) = clause_after(para, f, &offsets, end);
        let issuer = named.or(issuer);
        end = stop;
        clause_until = offsets.fold(end);
        if !counts {
            // Not a citation of the directive's, but what its "về …" names is part of it.
            continue;
        }
        let title = (kind == "Luật" || kind == "Bộ luật").then(|| {
            let t = para[offsets.orig(ks)..start].trim();
            t.trim_end_matches([',', ' ']).to_string()
        });
        last_taken = Some(clause_until.max(offsets.fold(clause_start)));
        found.push((
            ks,
            clause_until,
            DocRef {
                doc_type: DocKind::from_name(kind),
                number: c["num"].to_string(),
                symbol: symbol_of(&c["sym"]),
                date,
                issuer,
                subject,
                title: title.filter(|t| t.split_whitespace().count() > 1),
                dash: Some(c["sep"].trim() != "/"),
                carried,
            },
        ));
        last_carried = carried;
    }
    if mode == Mode::Basis {
        for law in laws(para, f, &found) {
            found.push(law);
        }
        for dated in dated_only(para, f, &found) {
            found.push(dated);
        }
        found.sort_by_key(|(s, _, _)| *s);
    }
    found.into_iter().map(|(_, _, r)| r).collect()
}

/// The kind words of a folded paragraph, in order: where each starts and ends, and the
/// kind it names.
fn kinds_in(f: &str) -> Vec<(usize, usize, &'static str)> {
    let (kinds_re, names) = &*KIND_WORDS;
    kinds_re
        .find_iter(f)
        .map(|m| {
            let name = names
                .iter()
                .find(|(n, _)| n == m.as_str())
                .map_or("Văn bản", |(_, k)| *k);
            (m.start(), m.end(), name)
        })
        .collect()
}

/// Whether a cited number stands alone: not the end of a longer figure or of a date, and
/// not "84 QĐ/TWĐTN" (a number and a Party ký hiệu apart by a space only).
fn stands_alone(para: &str, c: &regex::Captures) -> bool {
    let num = c.name("num").unwrap();
    if c["sep"].trim().is_empty() && !c["sym"].contains('/') {
        return false;
    }
    c.name("so").is_some()
        || !para[..num.start()]
            .chars()
            .next_back()
            .is_some_and(|ch| ch.is_alphanumeric() || matches!(ch, '/' | '.' | ','))
}

/// The folded text before a citation's kind word, asked what word it ends with.
struct Before<'a> {
    /// The text, without the comma or bracket that opens the citation.
    text: &'a str,
    /// The text without an adverb at its end ("Để tiếp tục thực hiện có hiệu quả …"), when
    /// it has one.
    plain: Option<&'a str>,
}

impl<'a> Before<'a> {
    fn new(f: &'a str) -> Self {
        let text = f.trim_end().trim_end_matches([',', '(']).trim_end();
        let plain = ADVERBS
            .iter()
            .find_map(|a| text.strip_suffix(a))
            .map(str::trim_end);
        Before { text, plain }
    }

    /// Whether the text ends with one of the words, as a whole word.
    fn after_word(&self, words: &[&str]) -> bool {
        ends_with_word(self.text, words)
    }

    /// Whether the text ends with one of the verbs, with or without its adverb.
    fn after_verb(&self, words: &[&str]) -> bool {
        self.after_word(words) || self.plain.is_some_and(|b| ends_with_word(b, words))
    }
}

/// Whether `text` ends with one of `words`, not inside a longer word.
fn ends_with_word(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| {
        text.ends_with(w)
            && text[..text.len() - w.len()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// The issuer named between the kind word and the number ("Quyết định của Bộ Chính trị số
/// 31-QĐ/TW"), or before the kind ("… chỉ đạo của Tổng Liên đoàn Lao động Việt Nam tại công
/// văn số 218/TLĐ …").
fn issuer_before(
    para: &str,
    f: &str,
    offsets: &Offsets,
    (ks, ke): (usize, usize),
    start: usize,
) -> Option<String> {
    let gap_orig = &para[offsets.orig(ke)..start];
    let issuer = gap_orig
        .trim()
        .strip_prefix("của ")
        .map(|s| issuer_name(s).0)
        .filter(|s| !s.is_empty());
    if issuer.is_some() {
        return issuer;
    }
    let body = f[..ks].trim_end().strip_suffix(" tai")?;
    let mut window = body.len().saturating_sub(120);
    while !body.is_char_boundary(window) {
        window += 1;
    }
    let at = body[window..].rfind(" cua ").map(|a| a + window + 5)?;
    let name = &para[offsets.orig(at)..offsets.orig(body.len())];
    Some(issuer_name(name.trim()).0).filter(|s| !s.is_empty())
}

/// What follows a citation's number and date: "của X" (its issuer) and "về …" (its trích
/// yếu). Returns the issuer, the trích yếu, where the "về …" clause may start and where the
/// citation ends.
fn clause_after(
    para: &str,
    f: &str,
    offsets: &Offsets,
    mut end: usize,
) -> (Option<String>, Option<String>, usize, usize) {
    static OF: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[[:space:]]*,?[[:space:]]*(?i:c[ủu?]a)[[:space:]]+").unwrap()
    });
    static ABOUT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[[:space:]]*,?[[:space:]]*(?:(?i:v/v)|(?i:v[ềe][[:space:]]+vi[ệe]c)|(?i:v[ềe]))[[:space:]]+").unwrap()
    });
    let mut issuer = None;
    if let Some(of) = OF.find(&para[end..]) {
        let (name, used) = issuer_name(&para[end + of.end()..]);
        issuer = Some(name).filter(|s| !s.is_empty());
        end += of.end() + used;
    }
    let mut subject = None;
    let clause_start = end;
    if let Some(about) = ABOUT.find(&para[end..]) {
        let rest = &para[end + about.end()..];
        let stop = about_end(rest, &f[offsets.fold(end + about.end())..]);
        subject = Some(rest[..stop].trim().to_string()).filter(|s| !s.is_empty());
        end += about.end() + stop;
    }
    (issuer, subject, clause_start, end)
}

/// Where a citation's trích yếu ends: where its clause ends, or where the list goes on
/// with another document ("… về tổ chức đại hội … và Hướng dẫn số 26-HD/BTCTW …").
fn about_end(rest: &str, f: &str) -> usize {
    let stop = clause_end(rest);
    // Only a citation that starts inside the clause can end it: the search stops a little
    // after the clause, not at the end of a paragraph that may be a megabyte long.
    let fstop = f
        .char_indices()
        .nth(rest[..stop].chars().count() + 80)
        .map_or(f.len(), |(i, _)| i);
    let f = &f[..fstop];
    static NEXT: LazyLock<Regex> = LazyLock::new(|| {
        let (_, names) = &*KIND_WORDS;
        let kinds = names
            .iter()
            .map(|(n, _)| regex::escape(n))
            .collect::<Vec<_>>()
            .join("|");
        Regex::new(&format!(r"(?:,|[[:space:]]+va)[[:space:]]+(?:(?:thuc hien|trien khai|can cu|theo|xet)[[:space:]]+)?(?:{kinds})[[:space:]]+(?:s[o?][[:space:]]*:?[[:space:]]*)?[0-9]")).unwrap()
    });
    match NEXT.find(f) {
        Some(m) => stop.min(to_orig(rest, f, m.start())),
        None => stop,
    }
}

/// The spans of a paragraph's citations, asked whether one holds a place: sorted by their
/// start, with the furthest end reached so far, so each question is a binary search (a
/// paragraph of 40 000 citations asked it of each one by one took seconds).
struct Spans {
    /// Each span's start, in order.
    starts: Vec<usize>,
    /// The furthest end of the spans up to each.
    reach: Vec<usize>,
}

impl Spans {
    /// The spans (start, end) of `cited`.
    fn of(cited: &[(usize, usize, DocRef)]) -> Self {
        let mut spans: Vec<(usize, usize)> = cited.iter().map(|(s, e, _)| (*s, *e)).collect();
        spans.sort_unstable();
        let reach = spans
            .iter()
            .scan(0, |far, &(_, e)| {
                *far = e.max(*far);
                Some(*far)
            })
            .collect();
        Spans {
            starts: spans.into_iter().map(|(s, _)| s).collect(),
            reach,
        }
    }

    /// Whether a span holds `at` (starts at or before it, ends after it).
    fn hold(&self, at: usize) -> bool {
        let n = self.starts.partition_point(|&s| s <= at);
        n > 0 && self.reach[n - 1] > at
    }
}

/// Laws named without a number in a paragraph of the basis ("Căn cứ Luật Tổ chức chính
/// quyền địa phương ngày 19 tháng 6 năm 2015; Luật Công đoàn năm 2012"), each with where
/// it starts and ends; a law named inside another citation's trích yếu is not one.
fn laws(para: &str, f: &str, cited: &[(usize, usize, DocRef)]) -> Vec<(usize, usize, DocRef)> {
    static LAW: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?-u:\b)(?:bo luat|luat|hien phap|phap lenh)(?-u:\b)").unwrap()
    });
    static LAW_END: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"[[:space:]]+ng[a?]y[[:space:]]*[0-9]|[[:space:]]+n[a?]m[[:space:]]+[0-9]{4}|;|\.(?:[[:space:]]|$)|[[:space:]]+(?:va|,)[[:space:]]+(?:nghi dinh|quyet dinh|thong tu|chi thi|nghi quyet|ke hoach|cong van|luat|bo luat)(?-u:\b)|[[:space:]]+s[o?][[:space:]]*:?[[:space:]]*[0-9]|\(").unwrap()
    });
    let at = Offsets::new(para, f);
    let inside = Spans::of(cited);
    let mut out: Vec<(usize, usize, DocRef)> = Vec::new();
    let mut taken_until = 0;
    for m in LAW.find_iter(f) {
        if m.start() < taken_until || inside.hold(m.start()) {
            continue;
        }
        if !listed(&f[..m.start()]) {
            continue;
        }
        let rest = &f[m.end()..];
        let stop = LAW_END.find(rest).map_or(rest.len(), |e| e.start());
        if rest[stop..].trim_start().starts_with(['s', 'S'])
            && rest[stop..]
                .trim_start()
                .chars()
                .nth(1)
                .is_some_and(|c| c == 'o' || c == '?')
        {
            // "Luật … số 72/2025/QH15" is cited by its number.
            continue;
        }
        let mut end = m.end() + stop;
        let mut title_end = end;
        static YEAR: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^[[:space:]]+n[a?]m[[:space:]]+[0-9]{4}").unwrap());
        if let Some(y) = YEAR.find(&f[end..]) {
            title_end = end + y.end();
            end = title_end;
        }
        let title = para[at.orig(m.start())..at.orig(title_end)]
            .trim()
            .trim_end_matches([',', ' '])
            .to_string();
        let orig_end = at.orig(end);
        let date = REF_DATE.captures(&para[orig_end..]).and_then(|d| {
            end = at.fold(orig_end + d.get(0).unwrap().end());
            date_of(&d, "")
        });
        if title.split_whitespace().count() < 2 {
            continue;
        }
        taken_until = end;
        out.push((
            m.start(),
            end,
            DocRef {
                doc_type: DocKind::from_name("Luật"),
                number: String::new(),
                symbol: String::new(),
                date,
                issuer: None,
                subject: None,
                title: Some(title),
                dash: None,
                carried: false,
            },
        ));
    }
    out
}

/// Whether a citation whose folded paragraph before it is `before` is at the level of the
/// list: after the opening word, ";", ",", ":" or "và".
fn listed(before: &str) -> bool {
    let before = super::lines::unbullet(before.trim_end());
    before.is_empty()
        || before.ends_with(';')
        || before.ends_with(',')
        || before.ends_with(':')
        || before.ends_with(" va")
        || BASIS.iter().any(|w| {
            before.trim_end() == w.trim_end()
                || before.ends_with(&format!(" {}", w.trim_end())) && before.len() <= 24
        })
}

/// Documents cited in a paragraph of the basis by their kind and date, without a number
/// ("Căn cứ Biên bản họp Hội đồng Thi đua, khen thưởng ngày 20/12/2017"), each with where
/// it starts and ends: every dated document of the basis is cited, a meeting's minutes as
/// much as a decision. Only an item of the list that ends with its date; not one inside
/// another citation, nor a law (`laws`).
fn dated_only(
    para: &str,
    f: &str,
    cited: &[(usize, usize, DocRef)],
) -> Vec<(usize, usize, DocRef)> {
    static DATED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i:ng[àa?]y)[,.:]?[[:space:]]*(?:([0-9]{1,2})[[:space:]]*[/.-][[:space:]]*([0-9]{1,2})[[:space:]]*[/.-][[:space:]]*([0-9]{4})|([0-9]{1,2})[[:space:]]+(?i:th[áa?]ng)[[:space:]]+([0-9]{1,2})[[:space:]]+(?i:n[ăa?]m)[[:space:]]+([0-9]{4}))[[:space:]]*[.,]?[[:space:]]*$").unwrap()
    });
    // A number cited in the item ("… ban hành theo Quyết định số 289-QĐ/TW ngày …"): the
    // date is that one's.
    static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i:s[ốo])[[:space:]]*:?[[:space:]]*[0-9]|[0-9]+[[:space:]]*[-/][[:space:]]*[[:alpha:]0-9]").unwrap()
    });
    let at = Offsets::new(para, f);
    let inside = Spans::of(cited);
    let mut out = Vec::new();
    for (ks, ke, kind) in kinds_in(f) {
        if matches!(kind, "Luật" | "Bộ luật") || inside.hold(ks) || !listed(&f[..ks]) {
            continue;
        }
        let from = at.orig(ke);
        let rest = &para[from..];
        let item = &rest[..clause_end(rest)];
        let Some(d) = DATED.captures(item) else {
            continue;
        };
        if NUMBERED.is_match(&item[..d.get(0).map_or(0, |m| m.start())]) {
            continue;
        }
        out.push((
            ks,
            at.fold(from + item.len()),
            DocRef {
                doc_type: DocKind::from_name(kind),
                number: String::new(),
                symbol: String::new(),
                date: date_of(&d, ""),
                issuer: None,
                subject: None,
                title: None,
                dash: None,
                carried: false,
            },
        ));
    }
    out
}

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

/// The issuer's name at the start of `s`, and how many bytes it used.
fn issuer_name(s: &str) -> (String, usize) {
    let mut words: Vec<&str> = Vec::new();
    let mut used = 0;
    let steering = fold(head_chars(s, 16)).starts_with("ban chi dao");
    let mut offset = 0;
    for w in s.split(' ') {
        let start = offset;
        offset += w.len() + 1;
        if w.is_empty() {
            continue;
        }
        let rest = fold(head_chars(&s[start..], 24));
        let ends = ISSUER_ENDS.iter().any(|e| {
            rest.starts_with(e)
                && rest[e.len()..].starts_with([' ', ',', ';', ':'])
                && !(steering && matches!(*e, "thuc hien" | "chi dao"))
        });
        // The name ends where another citation begins.
        static NEXT: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^[[:space:]]*(?:s[o?][[:space:]]*:?[[:space:]]*)?[0-9]").unwrap()
        });
        // "và" or "," before it: "… tỉnh và Kế hoạch số 27/KH-LĐLĐ".
        let skip = ["va ", ", "]
            .iter()
            .find(|p| rest.starts_with(**p))
            .map_or(0, |p| p.len());
        let next_kind = KIND_WORDS.0.find(&rest[skip..]).is_some_and(|m| {
            m.start() == 0 && NEXT.is_match(&fold(head_chars(&s[start..], 48))[skip + m.end()..])
        });
        if (ends || next_kind) && !words.is_empty() || words.len() >= 24 {
            break;
        }
        // A run of capitals after mixed case is another block of the page ("… Chính phủ CỘNG
        // HÒA XÃ HỘI …" in a PDF whose columns ran together), not the name going on.
        let capitals = |x: &str| {
            x.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !x.chars().any(char::is_lowercase)
        };
        if capitals(w) && crate::text::is_syllable(w) && words.last().is_some_and(|p| !capitals(p))
        {
            break;
        }
        let stop_after = w.ends_with([',', ';', '.', ':', ')']);
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

/// The first `n` characters of `s`.
fn head_chars(s: &str, n: usize) -> &str {
    let end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A citation of the spans (start, end), for `Spans`.
    fn cited(spans: &[(usize, usize)]) -> Vec<(usize, usize, DocRef)> {
        let doc = DocRef {
            doc_type: DocKind::from_name("Kế hoạch"),
            number: "1".into(),
            symbol: "KH-B".into(),
            date: None,
            issuer: None,
            subject: None,
            title: None,
            dash: None,
            carried: false,
        };
        spans.iter().map(|&(s, e)| (s, e, doc.clone())).collect()
    }

    /// `Spans::hold` answers as asking each span does, at every place.
    fn check(spans: &[(usize, usize)]) {
        let inside = Spans::of(&cited(spans));
        for at in 0..40 {
            let each = spans.iter().any(|&(s, e)| at >= s && at < e);
            assert_eq!(inside.hold(at), each, "{spans:?} at {at}");
        }
    }

    #[test]
    fn a_place_is_inside_a_citation_as_each_span_says() {
        check(&[]);
        check(&[(3, 7), (7, 9), (12, 20)]);
        // Out of order, one inside another, one empty, one over the next.
        check(&[
            (12, 20),
            (3, 7),
            (4, 5),
            (25, 25),
            (26, 33),
            (28, 30),
            (30, 38),
        ]);
    }

    #[test]
    fn a_plain_basis_is_read_as_at_each_start() {
        for f in [
            "can cu luat to chuc; ke hoach so 1/kh-b va nghi dinh 2/nd-cp",
            "  - 1. can cu ke hoach 1/kh-b. ke hoach 2/kh-b",
            "a) can cu ke hoach 1/kh-b",
            "thuc hien ke hoach 1/kh-b",
            "",
        ] {
            let plain = PlainBasis::new(f);
            for end in (0..=f.len()).filter(|&e| f.is_char_boundary(e)) {
                let asked = plain_basis(&f[..end]);
                assert_eq!(plain.before(f, end), asked, "{f:?} to {end}");
            }
        }
    }
}
