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
mod deadlines;
mod ending;
mod header;
mod lines;

pub use deadlines::Deadline;
use serde::{Deserialize, Serialize};

use crate::model::{DocKind, DocRef, LetterDate};
pub use crate::read::import::Marks;
use crate::text::{fold, is_upper, modern_tone};
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
    /// The number joins the ký hiệu with "-" as Party and Đoàn documents print it
    /// ("Số 275-KH/BCĐ"), or with "/"; none when there is no number line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dash: Option<bool>,
    /// What could not be read, or was read with a correction, each with its line.
    pub problems: Vec<Problem>,
    /// The kind of file it was read from, as the card names it ("tệp PDF (lớp chữ)");
    /// none for pasted text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// How it was read through OCR, for a scan or a photo: every field is a machine's guess
    /// for the clerk to check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocr: Option<crate::read::import::Ocr>,
    /// The digital signatures of a PDF, each as verified against the roots the clerk trusts
    /// (the desk fills it in; the reader alone knows no roots).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signatures: Vec<crate::pades::Verified>,
    /// The deadlines it sets, each with its task and the sentence it came from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deadlines: Vec<Deadline>,
}

impl Directive {
    /// Whether the ending was read without a signer's name: the name beside a seal, or the
    /// whole signature block beside a seal and a signature, which the OCR engine may take
    /// for a picture and read on a second look.
    pub(crate) fn lacks_signer_name(&self) -> bool {
        self.signer.name.is_none()
    }

    /// Whether the signer is named but neither a title nor an authority line was read: the
    /// title above a seal, taken with it for part of the picture ("GIÁM ĐỐC" over a Sở's
    /// seal).
    pub(crate) fn lacks_signer_title(&self) -> bool {
        self.signer.name.is_some() && self.signer.title.is_none() && self.signer.authority.is_none()
    }

    /// Whether the signer's name looks cut short at its start (a seal over the family
    /// name): two words, or a first word that is a middle name ("Thị Lê Vân").
    pub(crate) fn name_cut_short(&self) -> bool {
        self.signer.name.as_deref().is_some_and(|n| {
            let words: Vec<&str> = n.split_whitespace().collect();
            words.len() == 2 || matches!(words.first(), Some(&("Thị" | "Văn")))
        })
    }

    /// The signer's name with `family` put before it, read again on the name's line where
    /// a seal cut it short.
    pub(crate) fn put_family_name(&mut self, family: &str) {
        if let Some(name) = self.signer.name.as_mut() {
            *name = format!("{family} {name}");
        }
    }

    /// Says, for the clerk to check, that the signer's family name was put back where a
    /// seal hid it.
    pub(crate) fn family_put_back(&mut self) {
        let Some(name) = &self.signer.name else {
            return;
        };
        let message = format!("họ của người ký bị dấu che, đã đọc là \"{name}\": hãy kiểm tra");
        self.problems.push(Problem {
            line: None,
            field: "signer".into(),
            message,
        });
    }

    /// The date and its place of `again` (the same document read again, its pale ink made
    /// dark) with their problems, when this reading has no date.
    pub(crate) fn take_date(&mut self, again: &Directive) {
        if self.date.is_some() || again.date.is_none() {
            return;
        }
        self.date = again.date;
        if self.place.is_none() {
            self.place = again.place.clone();
        }
        let dated = |p: &Problem| p.field == "date" || p.field == "place";
        self.problems.retain(|p| !dated(p));
        self.problems
            .extend(again.problems.iter().filter(|p| dated(p)).cloned());
    }

    /// The Nơi nhận of `again` (the same document read again, the sparse look's words
    /// added) when it holds every item of this reading's in order and more: an item the
    /// first look read as marks ("...N" for "Như trên"); or as many items, each this
    /// reading's or, read as one word, that word and more ("Như" for "Như trên"; the
    /// seal's marks read as words after a whole item, "Lãnh đạo Ban là", are no more).
    pub(crate) fn take_distribution(&mut self, again: &Directive) {
        let mut theirs = again.distribution.iter();
        let within = self
            .distribution
            .iter()
            .all(|item| theirs.any(|t| t == item));
        let fuller = self.distribution.len() == again.distribution.len()
            && self.distribution != again.distribution
            && self
                .distribution
                .iter()
                .zip(&again.distribution)
                .all(|(ours, theirs)| {
                    ours == theirs || !ours.contains(' ') && theirs.starts_with(&format!("{ours} "))
                });
        if within && again.distribution.len() > self.distribution.len() || fuller {
            self.distribution = again.distribution.clone();
            self.problems.retain(|p| p.field != "distribution");
            self.problems.extend(
                again
                    .problems
                    .iter()
                    .filter(|p| p.field == "distribution")
                    .cloned(),
            );
        }
    }

    /// The signature of `again` (the same document read again) with its problems, when it
    /// has the signer's name this reading lacks, or the same name with its start this
    /// reading lost ("Hà Thị Lê Vân" for "Thị Lê Vân"), or the same name with the title
    /// or authority this reading lacks.
    pub(crate) fn take_signer_name(&mut self, again: Directive) {
        let fuller = match (&self.signer.name, &again.signer.name) {
            (Some(now), Some(then)) => then.len() > now.len() && then.ends_with(&format!(" {now}")),
            _ => false,
        };
        if fuller {
            self.signer.name = again.signer.name;
            return;
        }
        let titled = again.signer.title.is_some() || again.signer.authority.is_some();
        if self.lacks_signer_title() && titled && self.signer.name == again.signer.name {
            self.signer.title = again.signer.title;
            self.signer.authority = again.signer.authority;
            self.problems.retain(|p| p.field != "signer");
            self.problems
                .extend(again.problems.into_iter().filter(|p| p.field == "signer"));
            return;
        }
        if self.signer.name.is_some() || again.signer.name.is_none() {
            return;
        }
        // The title this reading read whole ("PHÓ GIÁM ĐỐC" under "KT. GIÁM ĐỐC") of which
        // the other read a part, or none (a seal's letters among its lines), stays with the
        // name taken.
        let whole = match (&self.signer.title, &again.signer.title) {
            (Some(now), Some(then)) => fold(now).ends_with(&fold(then)),
            (Some(_), None) => true,
            _ => false,
        };
        if whole {
            self.signer.name = again.signer.name;
            if self.signer.authority.is_none() {
                self.signer.authority = again.signer.authority;
            }
            return;
        }
        self.problems.retain(|p| p.field != "signer");
        self.problems
            .extend(again.problems.into_iter().filter(|p| p.field == "signer"));
        self.signer = again.signer;
    }

    /// The directive as a citation names it; a kind that was not read is "Văn bản", and
    /// the parts that were not read stay empty.
    pub(crate) fn as_citation(&self) -> DocRef {
        DocRef {
            doc_type: self
                .doc_type
                .clone()
                .unwrap_or_else(|| DocKind::from_name("Văn bản")),
            number: self.number.clone().unwrap_or_default(),
            symbol: self.symbol.clone().unwrap_or_default(),
            date: self.date.and_then(LetterDate::to_naive),
            issuer: self
                .issuer_in_full()
                .map(|i| crate::wording::proper_name(&i)),
            subject: self.subject.clone(),
            title: None,
            dash: self.dash,
            carried: false,
        }
    }
}

impl Directive {
    /// The issuer as another document names it: a unit without a place of its own is named
    /// with the body it belongs to ("BAN THƯỜNG TRỰC" of the "ỦY BAN TRUNG ƯƠNG MẶT TRẬN
    /// TỔ QUỐC VIỆT NAM"), a department with its body's place ("SỞ NỘI VỤ" of "UBND TỈNH
    /// TÂY NINH" is "SỞ NỘI VỤ TỈNH TÂY NINH").
    pub(crate) fn issuer_in_full(&self) -> Option<String> {
        let issuer = self.issuer.clone()?;
        let Some(parent) = self.parent_body.as_deref() else {
            return Some(issuer);
        };
        let f = crate::text::fold(&issuer);
        let words: Vec<&str> = f.split_whitespace().collect();
        let has_place = (0..words.len()).any(|k| crate::gazetteer::unit_at(&words[k..]).is_some())
            || f.ends_with("trung uong")
            || f.ends_with("viet nam");
        if has_place {
            return Some(issuer);
        }
        let unit = [
            "ban ",
            "van phong",
            "tieu ban",
            "doan chu tich",
            "ban thuong",
        ]
        .iter()
        .any(|u| f.starts_with(u));
        if unit {
            return Some(format!("{issuer} {parent}"));
        }
        // The place at the end of the parent's name: from its unit word on.
        let pf = crate::text::fold(parent);
        let pwords: Vec<&str> = pf.split_whitespace().collect();
        let at = (0..pwords.len()).find(|&k| crate::gazetteer::unit_at(&pwords[k..]).is_some());
        match at {
            Some(k) => {
                let place: Vec<&str> = parent.split_whitespace().skip(k).collect();
                Some(format!("{issuer} {}", place.join(" ")))
            }
            None => Some(issuer),
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

/// Reads a directive from clean text. A text past `MAX_TEXT_CHARS` (a paste of a whole
/// book) is read up to that length, and the cut is listed as a problem.
pub fn parse(text: &str) -> Directive {
    parse_marked(text, &Marks::default())
}

/// Reads a directive from clean text whose `marks` say which lines a PDF stamped on at
/// issuing or rebuilt from two columns: a field read from one is listed for the clerk to
/// check against the file.
pub(crate) fn parse_marked(text: &str, marks: &Marks) -> Directive {
    // The rules match ASCII spaces only, which makes them several times cheaper to build
    // on every start; any other space is a space to them.
    let spaced: String;
    let text = match text.chars().any(|c| c.is_whitespace() && !c.is_ascii()) {
        true => {
            spaced = text
                .chars()
                .map(|c| match c.is_whitespace() && !c.is_ascii() {
                    true => ' ',
                    false => c,
                })
                .collect();
            spaced.as_str()
        }
        false => text,
    };
    let cut = text.char_indices().nth(MAX_TEXT_CHARS).map(|(at, _)| at);
    let mut d = read_text(&text[..cut.unwrap_or(text.len())], marks);
    if cut.is_some() {
        d.problems.insert(
            0,
            Problem {
                line: None,
                field: "text".into(),
                message: format!(
                    "văn bản dài quá {MAX_TEXT_CHARS} ký tự: chỉ đọc {MAX_TEXT_CHARS} ký tự đầu"
                ),
            },
        );
    }
    d
}

/// The most text read: about 300 pages, as a file's import keeps.
pub(crate) const MAX_TEXT_CHARS: usize = crate::read::import::MAX_TEXT_CHARS;

/// Reads a directive from clean text of a bounded length.
fn read_text(text: &str, marks: &Marks) -> Directive {
    let lines = lines::prepare(text);
    let mut d = Directive::default();
    let mut r = Reader {
        lines: &lines,
        problems: Vec::new(),
    };
    let zone = r.body_start(0);
    // A copy from a legal database names the document in a title block instead of a
    // header: "NGHỊ ĐỊNH / CỦA CHÍNH PHỦ SỐ 37/2007/NĐ-CP NGÀY 09 THÁNG 3 NĂM 2007 / VỀ …".
    let block = r.title_block(zone, &mut d);
    let (number_at, date_at) = match block {
        Some(_) => (None, None),
        None => (r.number_line(zone, &mut d), r.date_line(zone, &mut d)),
    };
    if let Some(at) = number_at.or(date_at) {
        r.issuer(at, &mut d);
    }
    r.marked(marks, number_at, date_at);
    let from_block = block.is_some();
    let (mut title, subject_end) = match block {
        Some((kind, end)) => (Some(kind), Some(end + 1)),
        None => r.title_and_subject(number_at.unwrap_or(0), zone, &mut d),
    };
    let mut header_end = [number_at, date_at, subject_end.map(|e| e.saturating_sub(1))]
        .into_iter()
        .flatten()
        .max();
    if number_at.is_none() && !from_block {
        if let Some((kind, i)) = r.title_line(zone, &mut d) {
            title = title.or(Some(kind));
            header_end = header_end.max(Some(i));
        }
    }
    if title.is_none() && d.subject.is_none() && !from_block {
        if let Some(end) = date_at.and_then(|at| r.subject_without_title(at, zone, &mut d)) {
            header_end = header_end.max(Some(end.saturating_sub(1)));
        }
    }
    // A cover without number and date lines over its title (a programme, a plan attached,
    // its date blank in a line under the title): the issuer's lines stand over the title.
    if d.issuer.is_none() && !from_block {
        let title_at = lines[..zone.min(lines.len())]
            .iter()
            .position(|l| is_upper(&l.text) && header::kind_at(&l.folded).is_some())
            .filter(|&i| number_at.or(date_at).is_none_or(|at| i < at));
        if let Some(i) = title_at {
            r.issuer(i, &mut d);
        }
    }
    d.doc_type = r.doc_type(title, &mut d);
    let after_header = header_end.map_or(0, |i| i + 1);
    let mut after_recipients = r.recipients(number_at.unwrap_or(0), &mut d);
    // A công văn without its "Kính gửi": the dashed lines under its V/v, as on a scan whose
    // received stamp covered the word.
    if after_recipients.is_none()
        && d.doc_type.as_ref().is_some_and(DocKind::is_cong_van)
        && d.subject.is_some()
    {
        after_recipients = r.unlabelled_recipients(after_header, &mut d);
    }
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
    // A copy's block after the document (ND30, Điều 26: "SAO Y", the copying body, its
    // number, Nơi nhận and signer) has the copy's Nơi nhận and signer, not the document's.
    let end = copy_block(&lines, opening).unwrap_or(lines.len());
    let mut ending = Reader {
        lines: &lines[..end],
        problems: Vec::new(),
    };
    ending.ending(opening, &mut d);
    r.problems.extend(ending.problems);
    d.deadlines = deadlines::find(text, d.date);
    modernise(&mut d);
    r.missing(&d);
    d.problems = r.problems;
    d
}

/// Where a copy's block starts after line `from`: a heading "SAO Y", "SAO Y BẢN CHÍNH",
/// "SAO LỤC" or "TRÍCH SAO" in capitals with the copy's number under it (a stamp "SAO Y"
/// alone is no block).
fn copy_block(lines: &[lines::Line], from: usize) -> Option<usize> {
    static COPY: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^(?:sao y(?: ban chinh)?|sao luc|trich sao)[[:space:].:]*$").unwrap()
    });
    (from..lines.len()).find(|&i| {
        let l = &lines[i];
        let heading = is_upper(&l.text) && COPY.is_match(l.folded.trim());
        heading
            && lines[i + 1..]
                .iter()
                .take(COPY_BLOCK_LINES)
                .any(|n| lines::number_at(&n.text).is_some())
    })
}

/// How many lines under a copy's heading its number is looked for.
const COPY_BLOCK_LINES: usize = 8;

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

/// Reads a directive from a file's bytes, whatever kind of file it is (`import::read`,
/// then `parse_marked`); only a file that cannot be read at all is an error.
pub fn read(name: &str, bytes: &[u8]) -> Result<Directive, crate::error::Error> {
    Ok(read_imported(&crate::read::import::read(name, bytes)?))
}

/// The directive in a text imported (from a file, or from a scan through OCR).
pub(crate) fn read_imported(imported: &crate::read::import::Imported) -> Directive {
    let mut d = parse_marked(&imported.text, &imported.marks);
    d.source = Some(imported.kind.label().to_string());
    d.ocr = imported.ocr.clone();
    if imported.ocr.is_some() {
        recipients_without_specks(&mut d);
        distribution_without_specks(&mut d);
        symbol_by_kind(&mut d);
        symbol_by_issuer(&mut d);
        family_name_marks(&mut d);
    }
    d
}

/// The most borne family names with their marks, each the only common one of its letters:
/// what OCR read under a seal or a signature with another mark ("Đô", "Lế") is put back.
const FAMILY_MARKED: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Lý", "Đào", "Đoàn", "Trịnh", "Phùng", "Đinh", "Lương", "Lưu", "Thái",
];

/// A scanned signer's family name read with other marks than the common family name of
/// its letters ("Đô Văn Chung"): put back ("Đỗ Văn Chung"), and said.
fn family_name_marks(d: &mut Directive) {
    let Some(name) = d.signer.name.clone() else {
        return;
    };
    let Some(first) = name.split(' ').find(|w| !w.ends_with('.')) else {
        return;
    };
    let key = crate::text::fold(first);
    let Some(marked) = FAMILY_MARKED
        .iter()
        .find(|m| crate::text::fold(m) == key && **m != first)
    else {
        return;
    };
    let marked = if is_upper(first) {
        marked.to_uppercase()
    } else {
        marked.to_string()
    };
    let mended = name.replacen(first, &marked, 1);
    d.problems.push(Problem {
        line: None,
        field: "signer".into(),
        message: format!(
            "họ người ký \"{first}\" đọc từ bản quét không phải họ nào thường gặp: đã đọc là \"{marked}\""
        ),
    });
    d.signer.name = Some(mended);
}

/// A scanned addressee with no word in it ("mm 21", "48H8ÁP ì": a received stamp's marks
/// read under Kính gửi): left out, and said. A word is a syllable of two letters or more,
/// or an abbreviation in capitals ("UBND").
fn recipients_without_specks(d: &mut Directive) {
    let Some(recipients) = d.recipients.as_mut() else {
        return;
    };
    let worded = |item: &str| {
        item.split(|c: char| !c.is_alphanumeric()).any(|w| {
            let letters = w.chars().all(char::is_alphabetic) && w.chars().count() >= 2;
            letters && (is_upper(w) || crate::text::is_syllable(w))
        })
    };
    let (kept, specks): (Vec<String>, Vec<String>) = recipients.drain(..).partition(|r| worded(r));
    *recipients = kept;
    for speck in specks {
        d.problems.push(Problem {
            line: None,
            field: "recipients".into(),
            message: format!(
                "đã bỏ nơi gửi \"{speck}\" đọc từ bản quét: không có chữ nào, có lẽ là vết dấu"
            ),
        });
    }
}

/// A scanned item of Nơi nhận ending in a word no word is written as, in small letters
/// ("Lãnh đạo Ban mm": the signature's or the seal's marks read beside it): the word left
/// out, and said.
fn distribution_without_specks(d: &mut Directive) {
    for item in d.distribution.iter_mut() {
        let Some((kept, last)) = item.rsplit_once(' ') else {
            continue;
        };
        // The filed copy's units and initials ("Lưu: VT, tt") are no marks.
        let listed = kept.ends_with([',', ':', ';']) || crate::text::fold(item).starts_with("luu");
        let speck = last.chars().count() <= 3
            && last.chars().all(char::is_lowercase)
            && !crate::text::is_syllable(last)
            && !listed;
        if speck {
            let message = format!(
                "đã bỏ \"{last}\" ở cuối nơi nhận \"{item}\" đọc từ bản quét: không phải chữ, có lẽ là vết dấu hay chữ ký"
            );
            *item = kept.trim_end().to_string();
            d.problems.push(Problem {
                line: None,
                field: "distribution".into(),
                message,
            });
        }
    }
}

/// A scanned ký hiệu whose part abbreviating the kind of document carries one mark more
/// than the kind's abbreviation ("ITB-KCN" of a Thông báo: a handwritten number's last
/// stroke; "ZGM-TB", a handwritten slash read as a letter Vietnamese has not; "QĐĐ-SYT",
/// a letter read twice): the abbreviation (ND30 Phụ lục III) put back, and said. A part
/// that is itself another kind's abbreviation ("CTr" under a title read as Chỉ thị) is
/// left.
fn symbol_by_kind(d: &mut Directive) {
    let (Some(symbol), Some(abbr)) = (
        d.symbol.clone(),
        d.doc_type.as_ref().and_then(DocKind::abbreviation),
    ) else {
        return;
    };
    // A law's ký hiệu begins with its year ("2007/NĐ-CP").
    let (year, rest) = match symbol.split_once('/') {
        Some((year, rest)) if year.chars().all(|c| c.is_ascii_digit()) => (year, rest),
        _ => ("", symbol.as_str()),
    };
    let kind = rest.split('-').next().unwrap_or_default();
    let extra = if let Some(after) = kind.strip_prefix(abbr) {
        after
    } else if let Some(before) = kind.strip_suffix(abbr) {
        before
    } else {
        return;
    };
    let mut chars = extra.chars();
    let (Some(mark), None) = (chars.next(), chars.next()) else {
        return;
    };
    // F, J, W and Z are no letters of Vietnamese: no abbreviation has them.
    let foreign = "FJWZ".contains(mark.to_ascii_uppercase());
    let stray =
        "Il1|!.,'`:".contains(mark) || foreign || abbr.starts_with(mark) || abbr.ends_with(mark);
    if !stray || DocKind::from_abbreviation(kind).is_some() {
        return;
    }
    let mended = match year {
        "" => format!("{abbr}{}", &rest[kind.len()..]),
        year => format!("{year}/{abbr}{}", &rest[kind.len()..]),
    };
    d.problems.push(Problem {
        line: None,
        field: "symbol".into(),
        message: format!(
            "ký hiệu \"{symbol}\" đọc từ bản quét có thêm \"{mark}\" bên chữ viết tắt \"{abbr}\" của {}: đã đọc là \"{mended}\"",
            d.doc_type.as_ref().map_or("", |k| k.name()).to_lowercase()
        ),
    });
    d.symbol = Some(mended);
}

/// A scanned ký hiệu whose part abbreviating the issuer OCR misread by one letter
/// ("TM-SVT" from the Sở Y tế): the issuer's initials (ND30: the ký hiệu carries the
/// issuer's abbreviation) put back, and said.
fn symbol_by_issuer(d: &mut Directive) {
    let (Some(symbol), Some(issuer)) = (d.symbol.clone(), d.issuer.as_deref()) else {
        return;
    };
    let initials = initials(issuer);
    let near = |part: &str| {
        let (a, b): (Vec<char>, Vec<char>) = (part.chars().collect(), initials.chars().collect());
        a.len() == b.len() && a.len() >= 3 && a.iter().zip(&b).filter(|(x, y)| x != y).count() == 1
    };
    let mended: Vec<String> = symbol
        .split('-')
        .map(|p| {
            if near(p) {
                initials.clone()
            } else {
                p.to_string()
            }
        })
        .collect();
    let mended = mended.join("-");
    if mended != symbol {
        d.problems.push(Problem {
            line: None,
            field: "symbol".into(),
            message: format!(
                "ký hiệu \"{symbol}\" đọc từ bản quét khác chữ viết tắt của cơ quan ban hành \"{initials}\" một chữ: đã đọc là \"{mended}\""
            ),
        });
        d.symbol = Some(mended);
    }
}

/// The initials of an issuer's name up to its place ("SỞ Y TẾ" → "SYT", "Ủy ban nhân dân
/// tỉnh Bắc Giang" → "UBND"), "và" left out, in capitals.
fn initials(issuer: &str) -> String {
    let words: Vec<&str> = issuer.split_whitespace().collect();
    let folded: Vec<String> = words.iter().map(|w| crate::text::fold(w)).collect();
    let folded: Vec<&str> = folded.iter().map(String::as_str).collect();
    let place = (0..words.len())
        .find(|&i| crate::gazetteer::unit_at(&folded[i..]).is_some())
        .unwrap_or(words.len());
    words[..place]
        .iter()
        .zip(&folded)
        .filter(|(_, f)| **f != "va")
        .filter_map(|(w, _)| w.chars().next())
        .map(|c| match c {
            'đ' | 'Đ' => "Đ".to_string(),
            c => crate::text::fold(&c.to_string()).to_uppercase(),
        })
        .collect()
}

/// One thing read from a directive, as the window's card and the tool's summary show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field {
    /// The field its problems name ("number", "issuer", "references" …).
    pub field: &'static str,
    /// Its Vietnamese label.
    pub label: &'static str,
    /// What was read, each item on its own (several for Kính gửi, căn cứ, Nơi nhận);
    /// none when nothing was read.
    pub values: Vec<String>,
}

/// How sure the OCR engine was of each field read from a scan: the mean confidence of the
/// words the field's values are made of, each word matched to the surest word the engine
/// read with the same letters (marks aside, as the mending puts them back).
pub(crate) fn ocr_confidence(
    d: &Directive,
    words: &[crate::read::pdf::scan::Word],
) -> std::collections::BTreeMap<String, u8> {
    let key = |s: &str| -> String {
        crate::text::fold(s)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect()
    };
    let mut sure: std::collections::HashMap<String, f32> = std::collections::HashMap::new();
    for w in words {
        let k = key(&w.text);
        if k.chars().count() >= 2 {
            let best = sure.entry(k).or_insert(0.0);
            *best = best.max(w.conf);
        }
    }
    let mut out = std::collections::BTreeMap::new();
    for f in fields(d).into_iter().filter(|f| f.field != "source") {
        let found: Vec<f32> = f
            .values
            .iter()
            .flat_map(|v| v.split_whitespace())
            .filter_map(|t| sure.get(&key(t)).copied())
            .collect();
        if !found.is_empty() {
            let mean = found.iter().sum::<f32>() / found.len() as f32;
            out.insert(f.field.to_string(), mean.clamp(0.0, 100.0).round() as u8);
        }
    }
    out
}

/// What was read from a directive, field by field, worded as the clerk reads it.
pub fn fields(d: &Directive) -> Vec<Field> {
    let one = |v: Option<String>| v.into_iter().collect::<Vec<_>>();
    let signer = [&d.signer.authority, &d.signer.title, &d.signer.name]
        .into_iter()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join(" / ");
    let number =
        (d.number.is_some() || d.symbol.is_some()).then(|| wording::ref_id(&d.as_citation()));
    let field = |field, label, values| Field {
        field,
        label,
        values,
    };
    let mut out = vec![
        field(
            "source",
            "Đọc từ",
            vec![d
                .source
                .clone()
                .unwrap_or_else(|| "văn bản dán vào".to_string())],
        ),
        field(
            "doc_type",
            "Loại văn bản",
            one(d.doc_type.as_ref().map(|k| k.name().to_string())),
        ),
        field("number", "Số, ký hiệu", one(number)),
        field(
            "parent_body",
            "Cơ quan chủ quản",
            one(d.parent_body.clone()),
        ),
        field("issuer", "Cơ quan ban hành", one(d.issuer.clone())),
        field("place", "Địa danh", one(d.place.clone())),
        field("date", "Ngày", one(d.date.map(LetterDate::shown))),
        field("subject", "Trích yếu", one(d.subject.clone())),
        field(
            "recipients",
            "Kính gửi",
            d.recipients.clone().unwrap_or_default(),
        ),
        field(
            "references",
            "Căn cứ",
            d.references.iter().map(wording::listed_citation).collect(),
        ),
        field("distribution", "Nơi nhận", d.distribution.clone()),
        field(
            "signer",
            "Người ký",
            one((!signer.is_empty()).then_some(signer)),
        ),
    ];
    if !d.deadlines.is_empty() {
        out.push(field(
            "deadlines",
            "Thời hạn",
            d.deadlines.iter().map(Deadline::words).collect(),
        ));
    }
    // A file without digital signatures shows no row for them.
    if !d.signatures.is_empty() {
        out.push(field(
            "signatures",
            "Chữ ký số",
            d.signatures
                .iter()
                .map(crate::pades::Verified::words)
                .collect(),
        ));
    }
    out
}

/// A readable summary for the command line: each field, then the problems.
pub fn summary(d: &Directive) -> String {
    let mut s = String::new();
    let mut row = |k: &str, v: &str| s.push_str(&format!("{:<16}{v}\n", format!("{k}:")));
    for f in fields(d) {
        match (f.field, f.values.is_empty()) {
            (_, true) if f.field == "references" => {}
            (_, true) => row(f.label, "—"),
            ("references", false) => f.values.iter().for_each(|v| row(f.label, v)),
            _ => row(f.label, &f.values.join("; ")),
        }
    }
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

    /// The header's fields read from lines a PDF stamped on or rebuilt, listed to check.
    fn marked(&mut self, marks: &Marks, number_at: Option<usize>, date_at: Option<usize>) {
        let no = |i: usize| self.lines.get(i).map(|l| l.no);
        for (at, field, what) in [(number_at, "number", "số"), (date_at, "date", "ngày tháng")]
        {
            let Some(line) = at.and_then(no) else {
                continue;
            };
            if marks.stamped.contains(&line) {
                self.problem(
                    Some(line),
                    field,
                    format!("{what} được hệ thống văn bản điện tử đóng lên khi ban hành, không nằm trong nội dung văn bản: hãy đối chiếu với tệp gốc"),
                );
            } else if marks.columns.contains(&line) {
                self.problem(
                    Some(line),
                    field,
                    format!("{what} đọc từ phần đầu hai cột dựng lại theo vị trí chữ trong tệp PDF: hãy đối chiếu với tệp gốc"),
                );
            }
        }
        let header_end = number_at.or(date_at).and_then(no).unwrap_or(0);
        if let Some(&line) = marks.columns.iter().find(|&&l| l < header_end) {
            self.problem(
                Some(line),
                "issuer",
                "tên cơ quan đọc từ phần đầu hai cột dựng lại theo vị trí chữ trong tệp PDF: hãy đối chiếu với tệp gốc".into(),
            );
        }
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

    /// Parses `text` and compares the fields named in `expected` (JSON keys of `Directive`;
    /// in an object, only the keys it names).
    fn check(text: &str, expected: Value) {
        let got = serde_json::to_value(parse(text)).unwrap();
        for (key, want) in expected.as_object().unwrap() {
            assert_eq!(
                &within(&got[key], want),
                want,
                "field {key} of\n{text}\nproblems: {}",
                got["problems"]
            );
        }
    }

    /// `got` with only what `want` names: the keys of its objects, at any depth.
    fn within(got: &Value, want: &Value) -> Value {
        match (got, want) {
            (Value::Object(g), Value::Object(w)) => Value::Object(
                w.keys()
                    .map(|k| (k.clone(), within(g.get(k).unwrap_or(&Value::Null), &w[k])))
                    .collect(),
            ),
            (Value::Array(g), Value::Array(w)) if g.len() == w.len() => {
                Value::Array(g.iter().zip(w).map(|(g, w)| within(g, w)).collect())
            }
            _ => got.clone(),
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
        let text = crate::read::import::clean(
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
    fn a_document_of_the_basis_cited_by_its_date_alone() {
        // Minutes of a meeting have no number; a numbered citation and its own date are
        // read as before, and an item without a date, or with a number, is no such one.
        check(
            "Số: 5065/QĐ-SYT\nKiên Giang, ngày 21 tháng 12 năm 2017\nQUYẾT ĐỊNH\nVề việc công nhận danh hiệu thi đua\n\
             Căn cứ Quyết định số 11/2015/QĐ-UBND ngày 11/02/2015 của Ủy ban nhân dân tỉnh;\n\
             Căn cứ Biên bản cuộc họp Hội đồng Thi đua, khen thưởng Sở Y tế ngày 20/12/2017;\n\
             Căn cứ Báo cáo tổng kết năm 2017;\n\
             Căn cứ Quy chế Cán bộ do Ban Bí thư ban hành theo Quyết định số 289-QĐ/TW ngày 08/02/2010;\nXét đề nghị của Trưởng phòng Tổ chức cán bộ,\nQUYẾT ĐỊNH:",
            json!({"references": [
                {"doc_type": "Quyết định", "number": "11", "symbol": "2015/QĐ-UBND", "date": "2015-02-11", "issuer": "Ủy ban nhân dân tỉnh", "subject": null},
                {"doc_type": "Biên bản", "number": null, "symbol": null, "date": "2017-12-20", "issuer": null, "subject": null},
                {"doc_type": "Quyết định", "number": "289", "symbol": "QĐ/TW", "date": "2010-02-08", "issuer": null, "subject": null}]}),
        );
    }

    #[test]
    fn a_trich_yeu_of_two_lines_ends_where_the_body_begins() {
        // "Vềviệc", its space lost to OCR, is the "Về việc" left out; the body's first line,
        // short and in normal case, with its paragraph run onto one line after it, is no
        // third line of a trích yếu of two: only a trích yếu of one line goes on so.
        let body = "(gọi tắt là PCTNTC) đã được Tỉnh ủy, Hội đồng nhân dân, UBND tỉnh tập trung lãnh đạo, \
                    chỉ đạo quyết liệt. Các cấp, các ngành triển khai thực hiện nghiêm túc, đồng bộ, toàn diện.";
        check(
            &format!(
                "Số: 04/CT-UBND\nQuảng Ngãi, ngày 15 tháng 3 năm 2024\nCHỈ THỊ\n\
                 Vềviệc tăng cường công tác phòng, chống tham nhũng, tiêu cực\n\
                 trong tình hình mới trên địa bàn tỉnh Quảng Ngãi\n\
                 Trong thời gian qua, công tác phòng, chống tham nhũng, tiêu cực của tỉnh\n{body}"
            ),
            json!({"subject": "tăng cường công tác phòng, chống tham nhũng, tiêu cực trong tình hình mới trên địa bàn tỉnh Quảng Ngãi"}),
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
    fn a_page_run_onto_one_line_is_not_a_subject_and_a_book_is_cut() {
        let line = "Căn cứ Kế hoạch số 12/KH-UBND ngày 01/02/2024 của Ủy ban nhân dân tỉnh, các đơn vị thực hiện. ".repeat(20);
        let d = parse(&format!(
            "Số: 5/KH-UBND\nKẾ HOẠCH\nPhát động thi đua\n{line}"
        ));
        assert_eq!(d.subject.as_deref(), Some("Phát động thi đua"));
        let d = parse(&format!("Số: 5/KH-UBND\nKẾ HOẠCH\n{line}"));
        assert_eq!(d.subject, None);
        let book = "a".repeat(MAX_TEXT_CHARS + 10);
        let d = parse(&book);
        assert!(
            d.problems[0].message.contains("chỉ đọc 1000000 ký tự đầu"),
            "{:?}",
            d.problems
        );
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
    fn marks_under_an_authority_are_no_title() {
        // Two capitals, what OCR made of "PHÓ CHỦ TỊCH" under a seal: the deputy's title,
        // said.
        let text = "Nơi nhận:\n- Như điều\n- Chủ tịch, các PCT UBND tỉnh;\nLưu VT, NN.\nKT. CHỦ TỊCH\n- TT\nLại Thanh Sơn";
        check(
            text,
            json!({"signer": {"authority": "KT. CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH", "name": "Lại Thanh Sơn"}}),
        );
        assert!(parse(text).problems.iter().any(|p| p.field == "signer"));
        // A seal's letters and a digit on a line over the title are no part of it.
        let text = "Nơi nhận:\n- Như điều 2;\n- Lưu VT, NN.\nKT. CHỦ TỊCH\nDHGC1\nPHÓ CHỦ TỊCH\nLại Thanh Sơn";
        check(
            text,
            json!({"signer": {"authority": "KT. CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH", "name": "Lại Thanh Sơn"}}),
        );
        // Nor are a seal's letters read in both cases, a Nơi nhận item between them and
        // the title.
        let text = "Nơi nhận:\n- Như trên;\n- Lưu VT.\nTL. CHỦ TỊCH\nKT. CHÁNH VĂN PHÒNG\n* ĐI LớI GHIHH\n- Lưu: VT, TH.\nPHÓ CHÁNH VĂN PHÒNG\nHà Thị Lê Vân";
        check(
            text,
            json!({"signer": {"authority": "TL. CHỦ TỊCH KT. CHÁNH VĂN PHÒNG", "title": "PHÓ CHÁNH VĂN PHÒNG", "name": "Hà Thị Lê Vân"}}),
        );
    }

    #[test]
    fn a_name_alone_under_nơi_nhận_is_the_signer_s_when_it_starts_with_a_family_name() {
        // A seal hid the title: the one name of the block is the signer's, without one.
        check(
            "Nơi nhận:\n- Như trên;\n- Lưu VT.\nLê Hoàng Anh",
            json!({"signer": {"authority": null, "title": null, "name": "Lê Hoàng Anh"}}),
        );
        // Marks OCR made of a stamp are no name.
        check(
            "Nơi nhận:\n- Như trên;\n- Lưu VT.\nSố Số",
            json!({"signer": {"authority": null, "title": null, "name": null}}),
        );
        // Nor is a province's name, a paragraph's last line, though "Lâm" is a family name.
        check(
            "Nơi nhận:\n- Như trên;\n- Lưu VT.\nLâm Đồng.",
            json!({"signer": {"authority": null, "title": null, "name": null}}),
        );
    }

    #[test]
    fn a_year_read_with_a_digit_too_many_is_the_one_it_can_be() {
        // One year a digit less makes; else the year of the ký hiệu; else none.
        check(
            "Căn cứ Quy định số 80-QĐ/TW ngày 18/8/20222 của Bộ Chính trị; Nghị quyết số 24/2008/NQ-CP ngày, 28/10/20018 của Chính phủ; Nghị quyết số 26-NQ/TW ngày 05/8/20018 của Ban Chấp hành Trung ương.",
            json!({"references": [
                {"number": "80", "date": "2022-08-18"},
                {"number": "24", "date": "2008-10-28"},
                {"number": "26", "date": null}
            ]}),
        );
    }

    #[test]
    fn an_issuer_named_before_the_document() {
        check(
            "Thực hiện chỉ đạo của Tổng Liên đoàn Lao động Việt Nam tại công văn số 218/TLĐ ngày 27/2/2015 về việc ủng hộ.",
            json!({"references": [{"number": "218", "symbol": "TLĐ", "date": "2015-02-27", "issuer": "Tổng Liên đoàn Lao động Việt Nam"}]}),
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
    fn a_fields_ocr_confidence_is_that_of_its_words() {
        let d = parse("SỞ Y TẾ\nSố: 12/SYT-VP\nV/v tổ chức hội nghị\n");
        let word = |text: &str, conf: f32| crate::read::pdf::scan::Word {
            text: text.into(),
            left: 0.0,
            top: 0.0,
            width: 1.0,
            height: 1.0,
            conf,
            line: (1, 1, 1),
        };
        // Marks aside ("TÉ" for "TẾ"), the surest of two readings of a word.
        let words = [
            word("SỞ", 90.0),
            word("TÉ", 70.0),
            word("TẾ", 80.0),
            word("hội", 40.0),
        ];
        let sure = ocr_confidence(&d, &words);
        assert_eq!(sure.get("issuer"), Some(&85));
        assert_eq!(sure.get("subject"), Some(&40));
        assert_eq!(sure.get("source"), None);
    }

    #[test]
    fn noi_nhan_items_whose_dash_ocr_lost() {
        // A speck for a dash, an item without one, a group's label, the archive last.
        check(
            "Thực hiện tốt./.\nNơi nhận:\n...N\nBộ Tài chính;\n- CT, PCT UBND tỉnh;\nBản điện tử:\n- VPUB;\nLưu: VT, TH.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Văn Chiến",
            json!({"distribution": ["Bộ Tài chính", "CT, PCT UBND tỉnh", "VPUB", "Lưu: VT, TH"], "signer": {"authority": "KT. CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH", "name": "Trần Văn Chiến"}}),
        );
        // An item's semicolon read as a colon, before another item with its dash; a group's
        // label over items marked apart keeps its colon.
        check(
            "Thực hiện tốt./.\nNơi nhận:\n- Như trên;\n- Bộ Tài chính:\n- VPUB;\n- Các Sở:\n+ Sở Y tế;\n- Lưu: VT.\nCHỦ TỊCH\nTrần Văn Chiến",
            json!({"distribution": ["Như trên", "Bộ Tài chính", "VPUB", "Các Sở:", "Sở Y tế", "Lưu: VT"]}),
        );
    }

    #[test]
    fn noi_nhan_without_its_heading_ends_with_the_archive_s_item() {
        // The heading printed pale or under a stamp: the items after the body's "./.", down
        // to the archive's, with the signature after them.
        check(
            "Các cơ quan thực hiện tốt./.\n- Như trên;\n- Bộ Tài chính;\n- Lưu: VT, TH.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Văn Chiến",
            json!({"distribution": ["Như trên", "Bộ Tài chính", "Lưu: VT, TH"], "signer": {"authority": "KT. CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH", "name": "Trần Văn Chiến"}}),
        );
        // No "./." after the last article, and the signer's name read between the items:
        // the name is the signer's, not an item.
        check(
            "Điều 10. Nhiệm vụ của Thanh tra tỉnh\n5. Tổng kết, rút kinh nghiệm về công tác thanh tra trong phạm vi quản lý nhà nước của Ủy ban nhân dân cấp tỉnh.\n- Ban Bí thư Trung ương Đảng;\n- Văn phòng Quốc hội;\nẽ ấ ũ\nNguyễn Tấn Dũng\n- Kiểm toán Nhà nước;\n- VPCP: BTCN, các PCN, Cổng TTĐT, các Vụ, Cục, đơn vị trực\nthuộc, Công báo;\n- Lưu: Văn thư, KNTN (5b)",
            json!({"distribution": ["Ban Bí thư Trung ương Đảng", "Văn phòng Quốc hội", "Kiểm toán Nhà nước", "VPCP: BTCN, các PCN, Cổng TTĐT, các Vụ, Cục, đơn vị trực thuộc, Công báo", "Lưu: Văn thư, KNTN (5b)"], "signer": {"name": "Nguyễn Tấn Dũng"}}),
        );
        // The body's own dashes are none: a "Lưu ý" is no archive, and a line as long as
        // the body's ends the items looked for above the archive's.
        check(
            "Các đơn vị thực hiện:\n- Báo cáo kết quả đúng hạn;\n- Lưu ý thời hạn nộp hồ sơ.\nCHỦ TỊCH\nTrần Văn Chiến",
            json!({"distribution": []}),
        );
        check(
            "- Các đơn vị tổ chức tuyên truyền sâu rộng đến toàn thể cán bộ, công chức, viên chức và người lao động;\n- Như trên;\n- Lưu: VT.\nCHỦ TỊCH\nTrần Văn Chiến",
            json!({"distribution": ["Như trên", "Lưu: VT"]}),
        );
        // A decree printed without Nơi nhận, and an annex's form after it with its own,
        // headed or not: the decree has none, and its signature stays.
        let annex = "Mục của phụ lục: mẫu báo cáo gửi cơ quan có thẩm quyền xem xét.\n".repeat(14);
        for form in [
            "Nơi nhận:\n- Người tố cáo;\n- Lưu: VT.",
            "- Người tố cáo;\n- Lưu: VT.",
        ] {
            check(
                &format!("Điều 3. Các Bộ trưởng chịu trách nhiệm thi hành Nghị định này./.\nTM. CHÍNH PHỦ\nTHỦ TƯỚNG\nNguyễn Tấn Dũng\n{annex}{form}"),
                json!({"distribution": [], "signer": {"authority": "TM. CHÍNH PHỦ", "title": "THỦ TƯỚNG", "name": "Nguyễn Tấn Dũng"}}),
            );
        }
    }

    #[test]
    fn a_basis_whose_lead_words_a_speck_marked() {
        // A speck read as a comma or a dot after the paragraph's first word.
        for lead in ["Tiếp, tục thực hiện", "Tiếp. tục thực hiện", "Căn. cứ"] {
            check(
                &format!("{lead} Nghị quyết số 26/NQ-TW ngày 05/8/2008 của Ban Chấp hành Trung ương Đảng về nông nghiệp.\nCác cơ quan thực hiện tốt./."),
                json!({"references": [{"number": "26", "symbol": "NQ-TW", "date": "2008-08-05"}]}),
            );
        }
        // "số" read with another mark, in capitals or not (g02 in black and white: "sÓ").
        for so in ["sÓ", "sồ", "sô", "SỐ"] {
            check(
                &format!("Tiếp tục thực hiện Nghị quyết {so} 26/NQ-TW ngày 05/8/2008 của Ban Chấp hành Trung ương Đảng.\nCác cơ quan thực hiện tốt./."),
                json!({"references": [{"number": "26", "symbol": "NQ-TW", "date": "2008-08-05"}]}),
            );
        }
    }

    #[test]
    fn a_copy_s_block_after_the_document_is_not_its_ending() {
        let ending =
            "Nơi nhận:\n- Như trên;\n- Lưu: VT, VX.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLại Thanh Sơn\n";
        let copy = "UBND HUYỆN LỤC NAM\nSAO Y BẢN CHÍNH\nSố: 25/SY-UBND\nLục Nam, ngày 20 tháng 4 năm 2012\nNơi nhận:\n- Các xã, thị trấn;\n- Lưu: VT.\nTL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\nNguyễn Văn Bình";
        let body = "Số: 695/UBND-VX\nBắc Giang, ngày 18 tháng 4 năm 2012\nV/v xây dựng Khu dân cư văn hoá\nKính gửi: Các Sở\nThực hiện chỉ đạo của Tỉnh ủy, các cơ quan thực hiện tốt./.\n";
        let original = json!({"distribution": ["Như trên", "Lưu: VT, VX"], "signer": {"authority": "KT. CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH", "name": "Lại Thanh Sơn"}});
        check(&format!("{body}{ending}{copy}"), original);
        // The document's ending not read (a page of a long scan left): none, not the copy's.
        check(
            &format!("{body}{copy}"),
            json!({"distribution": [], "signer": {"authority": null, "title": null, "name": null}}),
        );
        // "SAO Y" in the body, with no copy's number under it, ends nothing.
        check(
            &format!("{body}SAO Y\nCác đơn vị lưu hồ sơ.\n{ending}"),
            json!({"signer": {"name": "Lại Thanh Sơn"}}),
        );
    }

    #[test]
    fn the_place_of_a_date_line_whose_date_is_unreadable_is_read() {
        let head = "SỞ Y TẾ\nSố: 5065/QĐ-SYT\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n";
        let text =
            format!("{head}Kiên Giang, ngày 1 lun 12năm2017\nQUYẾT ĐỊNH\nVề việc khen thưởng");
        check(
            &text,
            json!({"place": "Kiên Giang", "date": null, "subject": "khen thưởng"}),
        );
        assert!(parse(&text).problems.iter().any(|p| p.field == "date"));
        // Words in small letters before it, or no year after it, are no date line.
        check(
            &format!("{head}Theo đó, ngày 1 lun 12năm2017\nQUYẾT ĐỊNH"),
            json!({"place": null}),
        );
        check(
            &format!("{head}Kiên Giang, ngày mai\nQUYẾT ĐỊNH"),
            json!({"place": null}),
        );
    }

    #[test]
    fn a_trich_yeu_whose_title_ocr_lost_is_read_under_the_date_when_the_ky_hieu_names_a_kind() {
        let head = "SỞ Y TẾ\nSố: 155/TM-SYT\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nKiên Giang, ngày 10 tháng 11 năm 2017\n";
        let body = "Hội nghị lấy ý kiến góp ý xây dựng Chương trình hành động\nthực hiện Nghị quyết số 20-NQ/TW\nThực hiện chỉ đạo của Tỉnh ủy, Sở Y tế tổ chức Hội nghị.";
        let text = format!("{head}{body}");
        check(
            &text,
            json!({"doc_type": "Thư mời", "subject": "Hội nghị lấy ý kiến góp ý xây dựng Chương trình hành động thực hiện Nghị quyết số 20-NQ/TW"}),
        );
        assert!(parse(&text).problems.iter().any(|p| p.field == "subject"));
        // A công văn without its V/v has none; nor has a letter whose body starts there.
        check(
            &format!("{}{body}", head.replace("TM-", "")),
            json!({"subject": null}),
        );
        check(
            &format!("{head}Thực hiện chỉ đạo của Tỉnh ủy, Sở Y tế tổ chức Hội nghị."),
            json!({"subject": null}),
        );
    }

    #[test]
    fn an_authority_printed_against_its_word_is_kept_as_printed() {
        // "KT.TRƯỞNG BAN" with no space (as the scans print it), its title ending like a
        // body cut over two lines ("… BAN"), the title's last letter misread.
        check(
            "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT.TRƯỞNG BAN\nPHÓ TRƯỞNG BAN\nLê Văn Phượng",
            json!({"signer": {"authority": "KT.TRƯỞNG BAN", "title": "PHÓ TRƯỞNG BAN", "name": "Lê Văn Phượng"}}),
        );
        // Under a seal's marks the name lost, the deputy's title is no end of the head's.
        check(
            "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT.TRƯỞNG BAN\nPHÓ TRƯỞNG BAN\nNG Ai\nCC `\nxi\nPhượng",
            json!({"signer": {"authority": "KT.TRƯỞNG BAN", "title": "PHÓ TRƯỞNG BAN", "name": null}}),
        );
        check(
            "Nơi nhận:\n- Lưu: VT.\nTM .  BAN  THƯỜNG VỤ\nCHỦ TỊCH\nLê Văn A",
            json!({"signer": {"authority": "TM. BAN THƯỜNG VỤ", "title": "CHỦ TỊCH", "name": "Lê Văn A"}}),
        );
    }

    #[test]
    fn addressees_whose_kinh_gui_a_received_stamp_hid() {
        // The stamp's marks over "Kính gửi:", then the dashed addressees, one wrapped; the
        // body's first line, its lead word hidden too, is not an addressee's.
        let text = "UBND TỈNH BẮC GIANG\nVĂN PHÒNG\nSố: 390/VP-TH\nV/v Thông báo kết quả nhận chương\ntrình báo cáo tháng 10/2012.\n\
                    CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nBắc Giang, ngày 06 tháng 11 năm 2012\n\
                    ĐẾN Số: 2049\nChuyển :.......\n- Các Sở, cơ quan thuộc UBND tỉnh;\n- Công an tỉnh, Bộ Chỉ huy Quân sự\ntỉnh;\n\
                    - UBND các huyện, thành phố.\nyết định số 16/2006/QĐ-UBND ngày 16/3/2006 của UBND tỉnh về chế\nđộ thông tin báo cáo.";
        check(
            text,
            json!({"subject": "Thông báo kết quả nhận chương trình báo cáo tháng 10/2012.",
                   "recipients": ["Các Sở, cơ quan thuộc UBND tỉnh", "Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh", "UBND các huyện, thành phố"]}),
        );
        assert!(parse(text)
            .problems
            .iter()
            .any(|p| p.field == "recipients" && p.message.contains("Kính gửi")));
        // A Kế hoạch's dashed items are its content, never addressees.
        check(
            "UBND TỈNH BẮC GIANG\nSố: 12/KH-UBND\nBắc Giang, ngày 06 tháng 11 năm 2012\nKẾ HOẠCH\nTuyên truyền pháp luật\n- Mục đích: nâng cao hiểu biết.",
            json!({"recipients": null}),
        );
    }

    #[test]
    fn a_kt_written_by_hand_read_as_marks_before_the_head_s_title() {
        let ending = "Các cơ quan thực hiện tốt./.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n";
        for head in [
            "Kl.GIÁM ĐỐC",
            "„z=28= V1D , GIÁM ĐỐC",
            "11GIÁM ĐÓC",
            "K1 GIÁM ĐỐC",
        ] {
            check(
                &format!("{ending}{head}\nPHÓ GIÁM ĐỐC\nHà Văn Phúc"),
                json!({"signer": {"authority": "KT. GIÁM ĐỐC", "title": "PHÓ GIÁM ĐỐC", "name": "Hà Văn Phúc"}}),
            );
        }
        // Words before the head's title are a title of their own, and a printed prefix
        // stays as printed.
        check(
            &format!("{ending}TL. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nHà Văn Phúc"),
            json!({"signer": {"authority": "TL. GIÁM ĐỐC", "title": "PHÓ GIÁM ĐỐC"}}),
        );
        check(
            &format!("{ending}Kl.GIÁM ĐỐC\nHà Văn Phúc"),
            json!({"signer": {"authority": null, "name": "Hà Văn Phúc"}}),
        );
        // The deputy's title read as its last letters, or as the head's last words, its
        // "PHÓ" under a seal or the signature's stroke: the deputy's. Other words are a
        // title of their own.
        check(
            &format!("{ending}KT.TRƯỞNG BAN\nNG BAN\nLê Văn Phượng"),
            json!({"signer": {"authority": "KT.TRƯỞNG BAN", "title": "PHÓ TRƯỞNG BAN", "name": "Lê Văn Phượng"}}),
        );
        for (read, title) in [
            ("VĂN PHÒNG", "PHÓ VĂN PHÒNG"),
            ("TRƯỞNG PHÒNG", "TRƯỞNG PHÒNG"),
        ] {
            check(
                &format!("{ending}KT.CHÁNH VĂN PHÒNG\n{read}\nNguyễn Thanh Bình"),
                json!({"signer": {"authority": "KT.CHÁNH VĂN PHÒNG", "title": title}}),
            );
        }
    }

    #[test]
    fn a_seal_s_marks_and_a_damaged_deputy_title_in_the_signature() {
        // Marks of the seal read as lines, the title's "PHÓ" read as ": KHO" under KT.
        check(
            "Nơi nhận:\n- Như điều 2;\n- Lưu: VT, NN.\nKT. CHỦ TỊCH\n5\n: KHO CHỦ TỊCH\n3.749 5\ngà\nLại Thanh Sơn",
            json!({"signer": {"authority": "KT. CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH", "name": "Lại Thanh Sơn"}}),
        );
        // The head's own title under KT.: its "PHÓ" lost under the seal, said.
        let d = parse("Nơi nhận:\n- Lưu: VT.\nKT. GIÁM ĐỐC\nÁ ộ\nGIÁM ĐỐC\nSO\nNguyễn Đức Vũ");
        assert_eq!(d.signer.title.as_deref(), Some("PHÓ GIÁM ĐỐC"));
        assert!(d
            .problems
            .iter()
            .any(|p| p.message.contains("thiếu \"PHÓ\"")));
        // The deputy's title cut to its end under the seal, the "KT." lost (f20 degraded).
        check(
            "Nơi nhận:\n- Lưu: VT.\nCHỦ TỊCH\nUTỊCH\nvề\nTrần Hoàng Tuấn",
            json!({"signer": {"authority": "KT. CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH", "name": "Trần Hoàng Tuấn"}}),
        );
        // The head's title over a line that is not its end is the head's, signing.
        check(
            "Nơi nhận:\n- Lưu: VT.\nCHỦ TỊCH\nTRẦN\nTrần Hoàng Tuấn",
            json!({"signer": {"authority": null, "title": "CHỦ TỊCH", "name": "Trần Hoàng Tuấn"}}),
        );
        // Its "PHÓ" read a letter off, not run onto the authority (g05 as a photo).
        check(
            "Nơi nhận:\n- Lưu: VT.\nKT.TRƯỞNG BAN\nPHQ TRƯỞNG BAN\nLê Văn Phượng",
            json!({"signer": {"authority": "KT.TRƯỞNG BAN", "title": "PHÓ TRƯỞNG BAN", "name": "Lê Văn Phượng"}}),
        );
        // Both the "KT." and the "PHÓ" before the head's title damaged by a seal.
        check(
            "Nơi nhận:\n- Lưu: VT.\nII CHỦ TỊCH\nin CHỦ TỊCH\nLê Văn A",
            json!({"signer": {"authority": "KT. CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH", "name": "Lê Văn A"}}),
        );
        // A title with more words, or one signing for no one, is kept as read.
        check(
            "Nơi nhận:\n- Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nLê Văn A",
            json!({"signer": {"authority": "KT. GIÁM ĐỐC", "title": "PHÓ GIÁM ĐỐC", "name": "Lê Văn A"}}),
        );
        check(
            "Nơi nhận:\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nLê Văn A",
            json!({"signer": {"authority": "TM. ỦY BAN NHÂN DÂN", "title": "CHỦ TỊCH", "name": "Lê Văn A"}}),
        );
    }

    #[test]
    fn a_signature_collapsed_between_the_items_with_its_marks_and_name() {
        // f11 degraded: the title, the signature's strokes read as letters and the name
        // between the Nơi nhận items, more items after them.
        check(
            "Nơi nhận:\n- Ban Bí thư;\n- Ủy ban Thường vụ Quốc hội;\nTỔNG THANH TRA\nSi. Ló\nTrần Văn Truyền - Đã ký\n- Chủ tịch nước;\n- Lưu: VT.",
            json!({
                "distribution": ["Ban Bí thư", "Ủy ban Thường vụ Quốc hội", "Chủ tịch nước", "Lưu: VT"],
                "signer": {"authority": null, "title": "TỔNG THANH TRA", "name": "Trần Văn Truyền"},
            }),
        );
        // An item whose dash OCR lost, under the title, stays an item.
        check(
            "Nơi nhận:\n- Ban Bí thư;\nTỔNG THANH TRA\nBộ Tài chính;\n- Lưu: VT.\nTrần Văn Truyền",
            json!({"distribution": ["Ban Bí thư", "Bộ Tài chính", "Lưu: VT"]}),
        );
    }

    #[test]
    fn a_citation_ending_the_body_is_no_signer_s_title() {
        // f19 degraded: the title beside Nơi nhận not read, the body's last line but one a
        // citation in capitals.
        check(
            "Hồ sơ theo Nghị định số\n126/2024/NĐ-CP.\nKính trình xem xét./.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nĐỗ Văn Chung",
            json!({"signer": {"authority": null, "title": null, "name": "Đỗ Văn Chung"}}),
        );
    }

    #[test]
    fn a_head_s_title_a_seal_left_one_word_of_is_read_whole_and_said() {
        // f07 and f01 degraded: "GIÁM" and "ĐÓC" alone, marks of the seal between.
        let d = parse("Nơi nhận:\n- Như trên;\n- Lưu: VT.\nGIÁM\nĐỗ Văn Chung");
        assert_eq!(d.signer.title.as_deref(), Some("GIÁM ĐỐC"));
        assert!(d
            .problems
            .iter()
            .any(|p| p.field == "signer" && p.message.contains("\"GIÁM\" chỉ còn một phần")));
        check(
            "Nơi nhận:\n- Lưu: VT.\nĐÓC\nli\nTỰ Hà\nThị Minh Hiếu",
            json!({"signer": {"authority": null, "title": "GIÁM ĐỐC", "name": "Thị Minh Hiếu"}}),
        );
        check(
            "Nơi nhận:\n- Lưu: VT.\nKT. CHỦ TỊCH\nTỊCH\nLê Văn A",
            json!({"signer": {"authority": "KT. CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH", "name": "Lê Văn A"}}),
        );
        // A word of more than one title, or of none, is kept as read.
        check(
            "Nơi nhận:\n- Lưu: VT.\nTRƯỞNG\nLê Văn A",
            json!({"signer": {"authority": null, "title": "TRƯỞNG", "name": "Lê Văn A"}}),
        );
    }

    #[test]
    fn a_scanned_symbol_one_letter_off_the_issuer_s_initials_is_put_back() {
        // (read, issuer, kept, said)
        for (symbol, issuer, expected, said) in [
            ("TM-SVT", "SỞ Y TẾ", "TM-SYT", true),
            (
                "UBND-VX",
                "Ủy ban nhân dân tỉnh Bắc Giang",
                "UBND-VX",
                false,
            ),
            ("UBNĐ-VX", "Ủy ban nhân dân tỉnh Bắc Giang", "UBND-VX", true),
            ("QĐ-UBNO", "Ủy ban nhân dân thành phố Huế", "QĐ-UBND", true),
            // "Thanh" is no unit word, "thành phố" is.
            ("QĐ-TTCF", "Thanh tra Chính phủ", "QĐ-TTCP", true),
            // Two letters off, or an abbreviation of another length, is not the issuer's.
            ("QĐ-SVK", "SỞ Y TẾ", "QĐ-SVK", false),
            (
                "CT-TLĐ",
                "Tổng Liên đoàn Lao động Việt Nam",
                "CT-TLĐ",
                false,
            ),
            (
                "CT-BTTTT",
                "Bộ Thông tin và Truyền thông",
                "CT-BTTTT",
                false,
            ),
        ] {
            let mut d = Directive {
                symbol: Some(symbol.into()),
                issuer: Some(issuer.into()),
                ..Default::default()
            };
            symbol_by_issuer(&mut d);
            assert_eq!(
                d.symbol.as_deref(),
                Some(expected),
                "{symbol} from {issuer}"
            );
            assert_eq!(!d.problems.is_empty(), said, "{symbol} from {issuer}");
        }
    }

    #[test]
    fn a_document_the_body_cites_with_its_date_is_no_date_line() {
        // The date line unread (printed pale), Kính gửi and the body's first words under a
        // received stamp.
        check(
            "UBND TỈNH BẮC GIANG\nVĂN PHÒNG\nSố: 390/VP-TH\nV/v Thông báo kết quả\n- Các Sở, cơ quan thuộc UBND tỉnh;\n- UBND các huyện, thành phố.\nyết định số 16/2006/QĐ-UBND ngày 16/3/2006 của UBND tỉnh về chế\nđộ thông tin báo cáo,",
            json!({"date": null, "place": null, "number": "390"}),
        );
    }

    #[test]
    fn an_opening_whose_lead_words_a_stamp_hid_cites_its_document() {
        // "Thực hiện" under a received stamp (the scan's "ết định" mended): the document the
        // first paragraph begins with is the basis; one begun so later in the body is not.
        let text = "VĂN PHÒNG\nSố: 390/VP-TH\nV/v Thông báo kết quả\nKính gửi:\n- Các Sở;\n- UBND các huyện, thành phố.\nQuyết định số 16/2006/QĐ-UBND ngày 16/3/2006 của UBND tỉnh về chế\nđộ thông tin báo cáo, Văn phòng UBND tỉnh thông báo như sau:\n1. Các cơ quan gửi đúng hạn.";
        check(
            text,
            json!({"references": [{"number": "16", "symbol": "2006/QĐ-UBND", "date": "2006-03-16"}]}),
        );
        let later = text.replace(
            "Quyết định số 16/2006/QĐ-UBND ngày 16/3/2006 của UBND tỉnh về chế\nđộ thông tin báo cáo, ",
            "",
        ) + "\nQuyết định số 16/2006/QĐ-UBND ngày 16/3/2006 của UBND tỉnh.";
        check(&later, json!({"references": []}));
    }

    #[test]
    fn a_date_read_again_is_taken_only_where_there_was_none() {
        let pale = "CHÍNH PHỦ\nSố: 86/2011/NĐ-CP\nNGHỊ ĐỊNH\nQuy định chi tiết Luật Thanh tra";
        let dark = "CHÍNH PHỦ\nSố: 86/2011/NĐ-CP\nHà Nội, ngày 22 tháng 9 năm 2011\nNGHỊ ĐỊNH";
        let mut d = parse(pale);
        assert!(d.problems.iter().any(|p| p.field == "date"));
        d.take_date(&parse(dark));
        let got = serde_json::to_value(&d).unwrap();
        assert_eq!(
            (&got["date"], &got["place"]),
            (&json!("2011-09-22"), &json!("Hà Nội"))
        );
        assert!(!d.problems.iter().any(|p| p.field == "date"));
        // A date read already stays.
        let mut d = parse(dark);
        d.take_date(&parse(&dark.replace("22", "23")));
        assert_eq!(
            serde_json::to_value(&d).unwrap()["date"],
            json!("2011-09-22")
        );
    }

    #[test]
    fn a_scanned_addressee_without_a_word_is_left_out() {
        let mut d = Directive {
            recipients: Some(
                [
                    "mm 21",
                    "48H8ÁP ì",
                    "Các Sở, cơ quan thuộc UBND tỉnh",
                    "Sở Y tế",
                    "UBND",
                ]
                .map(String::from)
                .to_vec(),
            ),
            ..Default::default()
        };
        recipients_without_specks(&mut d);
        let kept = ["Các Sở, cơ quan thuộc UBND tỉnh", "Sở Y tế", "UBND"];
        assert_eq!(d.recipients, Some(kept.map(String::from).to_vec()));
        assert_eq!(d.problems.len(), 2);
    }

    #[test]
    fn a_scanned_item_of_noi_nhan_loses_the_marks_read_at_its_end() {
        let mut d = Directive {
            distribution: [
                "Như trên",
                "Lưu: VT, LĐ",
                "Lãnh đạo Ban mm",
                "Sở Y tế",
                "Lưu: VT, tt",
            ]
            .map(String::from)
            .to_vec(),
            ..Default::default()
        };
        distribution_without_specks(&mut d);
        let kept = [
            "Như trên",
            "Lưu: VT, LĐ",
            "Lãnh đạo Ban",
            "Sở Y tế",
            "Lưu: VT, tt",
        ];
        assert_eq!(d.distribution, kept.map(String::from).to_vec());
        assert_eq!(d.problems.len(), 1);
    }

    #[test]
    fn a_scanned_symbol_with_a_mark_more_than_its_kind_s_abbreviation_is_put_back() {
        // (kind, read, kept)
        for (kind, symbol, expected) in [
            ("Thông báo", "ITB-KCN", "TB-KCN"),
            ("Quyết định", "QĐĐ-SYT", "QĐ-SYT"),
            ("Giấy mời", "ZGM-TB", "GM-TB"),
            ("Nghị định", "2007/NĐ.-CP", "2007/NĐ-CP"),
            ("Thông báo", "TB-KCN", "TB-KCN"),
            // Another kind's abbreviation, two marks more, a letter no stray mark, or a
            // công văn (whose ký hiệu has no kind) is left.
            ("Chỉ thị", "CTr-UBND", "CTr-UBND"),
            ("Thông báo", "TBKL-UBND", "TBKL-UBND"),
            ("Kế hoạch", "KHX-UBND", "KHX-UBND"),
            ("Công văn", "IUBND-VX", "IUBND-VX"),
        ] {
            let mut d = Directive {
                doc_type: Some(DocKind::from_name(kind)),
                symbol: Some(symbol.into()),
                ..Default::default()
            };
            symbol_by_kind(&mut d);
            assert_eq!(d.symbol.as_deref(), Some(expected), "{symbol} of {kind}");
            assert_eq!(
                d.problems.is_empty(),
                symbol == expected,
                "{symbol} of {kind}"
            );
        }
    }

    #[test]
    fn a_scanned_family_name_read_with_other_marks_is_put_back() {
        // (read, kept, said)
        for (name, expected, said) in [
            ("Đô Văn Chung", "Đỗ Văn Chung", true),
            ("Lế Văn Phượng", "Lê Văn Phượng", true),
            ("TS. Nguyên Văn A", "TS. Nguyễn Văn A", true),
            ("ĐÔ VĂN CHUNG", "ĐỖ VĂN CHUNG", true),
            ("Đỗ Văn Chung", "Đỗ Văn Chung", false),
            // A rarer family name, or letters no common one has, is left as read.
            ("Dương Văn Chung", "Dương Văn Chung", false),
            ("Khổng Minh", "Khổng Minh", false),
        ] {
            let mut d = Directive {
                signer: Signer {
                    name: Some(name.into()),
                    ..Default::default()
                },
                ..Default::default()
            };
            family_name_marks(&mut d);
            assert_eq!(d.signer.name.as_deref(), Some(expected), "{name}");
            assert_eq!(!d.problems.is_empty(), said, "{name}");
        }
    }

    #[test]
    fn a_name_cut_short_by_the_seal_takes_its_start_from_another_look() {
        let named = |name: &str| Directive {
            signer: Signer {
                name: Some(name.into()),
                ..Default::default()
            },
            ..Default::default()
        };
        assert!(named("Thị Lê Vân").name_cut_short() && named("Thanh Bình").name_cut_short());
        assert!(!named("Nguyễn Thanh Bình").name_cut_short());
        let mut d = named("Thị Lê Vân");
        d.take_signer_name(named("Hà Thị Lê Vân"));
        assert_eq!(d.signer.name.as_deref(), Some("Hà Thị Lê Vân"));
        // Another name, or a shorter one, is not taken.
        d.take_signer_name(named("Trần Văn Hà Thị Lê Vân Anh"));
        d.take_signer_name(named("Lê Vân"));
        assert_eq!(d.signer.name.as_deref(), Some("Hà Thị Lê Vân"));
        // A title read with the same name is taken where none was read; with another name,
        // or over a title read, it is not.
        let titled = |name: &str, title: &str| {
            let mut d = named(name);
            d.signer.title = Some(title.into());
            d
        };
        assert!(d.lacks_signer_title());
        d.take_signer_name(titled("Lê Văn Chung", "GIÁM ĐỐC"));
        assert_eq!(d.signer.title, None);
        d.take_signer_name(titled("Hà Thị Lê Vân", "GIÁM ĐỐC"));
        assert_eq!(d.signer.title.as_deref(), Some("GIÁM ĐỐC"));
        d.take_signer_name(titled("Hà Thị Lê Vân", "PHÓ GIÁM ĐỐC"));
        assert_eq!(d.signer.title.as_deref(), Some("GIÁM ĐỐC"));
        // The name read with a part of the title read whole, or with none, is taken alone.
        let mut d = Directive::default();
        d.signer.authority = Some("KT. GIÁM ĐỐC".into());
        d.signer.title = Some("PHÓ GIÁM ĐỐC".into());
        d.take_signer_name(titled("Hà Văn Phúc", "GIÁM ĐỐC"));
        assert_eq!(
            (
                d.signer.authority.as_deref(),
                d.signer.title.as_deref(),
                d.signer.name.as_deref()
            ),
            (
                Some("KT. GIÁM ĐỐC"),
                Some("PHÓ GIÁM ĐỐC"),
                Some("Hà Văn Phúc")
            )
        );
        d.signer.name = None;
        d.take_signer_name(named("Lê Văn Chung"));
        assert_eq!(
            (d.signer.title.as_deref(), d.signer.name.as_deref()),
            (Some("PHÓ GIÁM ĐỐC"), Some("Lê Văn Chung"))
        );
        // An authority only the other reading read is taken with the name.
        d.signer.name = None;
        d.signer.authority = None;
        let mut again = titled("Hà Văn Phúc", "GIÁM ĐỐC");
        again.signer.authority = Some("KT. GIÁM ĐỐC".into());
        d.take_signer_name(again);
        assert_eq!(d.signer.authority.as_deref(), Some("KT. GIÁM ĐỐC"));
        // Another title is the other reading's, with its name.
        d.signer.name = None;
        d.take_signer_name(titled("Lê Văn Chung", "CHỦ TỊCH"));
        assert_eq!(d.signer.title.as_deref(), Some("CHỦ TỊCH"));
        assert_eq!(d.signer.authority, None);
    }

    #[test]
    fn the_distribution_read_again_is_taken_when_it_holds_every_item_and_more_or_fuller() {
        let listed = |items: &[&str]| Directive {
            distribution: items.iter().map(|i| i.to_string()).collect(),
            ..Default::default()
        };
        let mut d = listed(&["Bộ Tài chính", "Lưu: VT"]);
        // Items of its own missing, or none more: not taken.
        d.take_distribution(&listed(&["Như trên", "Bộ Tài chính"]));
        d.take_distribution(&listed(&["Lưu: VT", "Bộ Tài chính", "Như trên"]));
        d.take_distribution(&listed(&["Bộ Tài chính", "Lưu: VT"]));
        assert_eq!(d.distribution, ["Bộ Tài chính", "Lưu: VT"]);
        d.take_distribution(&listed(&["Như trên", "Bộ Tài chính", "Lưu: VT"]));
        assert_eq!(d.distribution, ["Như trên", "Bộ Tài chính", "Lưu: VT"]);
        // As many items, one read short of its last word (g05 as a photo): taken; one read
        // otherwise, or cut at a letter, is not.
        let mut d = listed(&["Như", "Lưu: VT, LĐ"]);
        d.take_distribution(&listed(&["Như trên", "Lưu: VT, LĐ."]));
        d.take_distribution(&listed(&["Nhưtrên", "Lưu: VT, LĐ"]));
        assert_eq!(d.distribution, ["Như", "Lưu: VT, LĐ"]);
        d.take_distribution(&listed(&["Như trên", "Lưu: VT, LĐ là"]));
        assert_eq!(d.distribution, ["Như", "Lưu: VT, LĐ"]);
        d.take_distribution(&listed(&["Như trên", "Lưu: VT, LĐ"]));
        assert_eq!(d.distribution, ["Như trên", "Lưu: VT, LĐ"]);
    }

    #[test]
    fn a_title_under_kt_hidden_by_the_seal_is_the_deputy_s_and_said() {
        let text = "Nơi nhận:\n- Lưu: VT.\nKT.GIÁM ĐỐC\nNguyễn Trúc Giang";
        check(
            text,
            json!({"signer": {"authority": "KT.GIÁM ĐỐC", "title": "PHÓ GIÁM ĐỐC", "name": "Nguyễn Trúc Giang"}}),
        );
        assert!(parse(text)
            .problems
            .iter()
            .any(|p| p.field == "signer" && p.message.contains("PHÓ GIÁM ĐỐC")));
        // Under TM. the head signs: no title is made up.
        check(
            "Nơi nhận:\n- Lưu: VT.\nTM. BAN THƯỜNG VỤ\nNguyễn Văn A",
            json!({"signer": {"authority": "TM. BAN THƯỜNG VỤ", "title": null, "name": "Nguyễn Văn A"}}),
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
        // A "KT." written by hand and a "PHÓ" under the seal, read as marks.
        let text = "Nơi nhận:\n- Như thành phần mời;\n- Lưu VT.\n, GIÁM ĐỐC\nL\nZSS Hể GIÁM ĐỐC\nIÊN\nHà Văn Phúc";
        check(
            text,
            json!({"signer": {"authority": "KT. GIÁM ĐỐC", "title": "PHÓ GIÁM ĐỐC", "name": "Hà Văn Phúc"}}),
        );
        assert_eq!(
            parse(text)
                .problems
                .iter()
                .filter(|p| p.field == "signer")
                .count(),
            2
        );
        // Its "PHÓ" read right after a seal's letters.
        check(
            "Nơi nhận:\n- Lưu VT.\nGIÁM ĐỐC\nL\nZSS PHÓ GIÁM ĐỐC\nIÊN\nHà Văn Phúc",
            json!({"signer": {"authority": "KT. GIÁM ĐỐC", "title": "PHÓ GIÁM ĐỐC", "name": "Hà Văn Phúc"}}),
        );
        check(
            "Nơi nhận:\n- Lưu VT.\nGIÁM ĐỐC\nHÓ GIÁM ĐỐC\nHà Văn Phúc",
            json!({"signer": {"authority": "KT. GIÁM ĐỐC", "title": "PHÓ GIÁM ĐỐC"}}),
        );
        // A title with words before it that are not a damaged "PHÓ" is not the deputy's.
        check(
            "Nơi nhận:\n- Lưu VT.\nGIÁM ĐỐC\nKIÊM PHÓ BAN GIÁM ĐỐC\nHà Văn Phúc",
            json!({"signer": {"authority": null, "title": "GIÁM ĐỐC"}}),
        );
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
        // A scan's: the signer's name, its first letter lost, read between two items.
        check(
            "Nơi nhận:\n- Như trên;\n- Văn phòng Đoàn ĐBQH\nvà HĐND tỉnh;\n- UBND huyện Tư Nghĩa;\nrần Phước Hiền\n- Cổng TTĐT tỉnh;\n- Lưu: VT.\nCHỦ TỊCH\n\nTrần Phước Hiền",
            json!({"distribution": ["Như trên", "Văn phòng Đoàn ĐBQH và HĐND tỉnh", "UBND huyện Tư Nghĩa", "Cổng TTĐT tỉnh", "Lưu: VT"],
                   "signer": {"title": "CHỦ TỊCH", "name": "Trần Phước Hiền"}}),
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
    fn a_vv_of_three_lines_with_the_right_column_between_them() {
        // f01 degraded: the scan's lines laid out by height put the Quốc hiệu, a stamp's
        // marks and the date between the V/v's second line and its third.
        check(
            "SỞ TƯ PHÁP\nSố: 788/STP-HCBT\nV/v trình hồ sơ phê chuẩn kết quả\nĐại hội Đoàn Luật sư tỉnh Bình\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nGA\nĐộc lập - Tự do - Hạnh phúc\nBình Thuận, ngày 16 tháng 5 năm 2025\nThuận nhiệm kỳ 2024 - 2029\nKính gửi: Ủy ban nhân dân tỉnh.\nSở Tư pháp nhận được hồ sơ.",
            json!({"subject": "trình hồ sơ phê chuẩn kết quả Đại hội Đoàn Luật sư tỉnh Bình Thuận nhiệm kỳ 2024 - 2029",
                   "place": "Bình Thuận", "date": "2025-05-16"}),
        );
        // A V/v whole before the right column ends there.
        check(
            "SỞ TƯ PHÁP\nSố: 788/STP-HCBT\nV/v trình hồ sơ phê chuẩn\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nBình Thuận, ngày 16 tháng 5 năm 2025\nKính gửi: Ủy ban nhân dân tỉnh.\nSở Tư pháp nhận được hồ sơ.",
            json!({"subject": "trình hồ sơ phê chuẩn", "date": "2025-05-16"}),
        );
        // g02 rendered again at 300 dpi: a received stamp's words read as letters no word
        // is written with, between the V/v and Kính gửi.
        check(
            "UBND TỈNH BẮC GIANG\nSố: 695/UBND-VX\nV/v Chỉ đạo, phối hợp tổ chức thực\nhiện xây dựng Khu dân cư văn hoá\nIấN TRễNG\nKính gửi:\n- Các Sở, cơ quan thuộc UBND tỉnh;",
            json!({"subject": "Chỉ đạo, phối hợp tổ chức thực hiện xây dựng Khu dân cư văn hóa"}),
        );
    }

    #[test]
    fn a_parent_body_over_two_lines_above_the_issuer() {
        check(
            "UỶ BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 12/GDĐT",
            json!({"parent_body": "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", "issuer": "SỞ GIÁO DỤC VÀ ĐÀO TẠO"}),
        );
        // The rule under the name read by OCR as marks (f11 degraded).
        check(
            "THANH TRA CHÍNH PHỦ\n—¬\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 2442/2007/TT-TTCP",
            json!({"parent_body": null, "issuer": "THANH TRA CHÍNH PHỦ"}),
        );
    }

    #[test]
    fn an_issuer_split_mid_name() {
        check(
            "ỦY\nBAN NHÂN DÂN\nTỈNH QUẢNG NAM\nSố:\n14/2007/QĐ-UBND",
            json!({"issuer": "ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM", "number": "14", "symbol": "2007/QĐ-UBND"}),
        );
    }

    #[test]
    fn two_bodies_on_one_line() {
        check(
            "BAN CHẤP HÀNH TRUNG ƯƠNG VĂN PHÒNG * Số 36-HD/VPTW ĐẢNG CỘNG SẢN VIỆT NAM Hà Nội, ngày 03 tháng 4 năm 2018 HƯỚNG DẪN thể thức",
            json!({"parent_body": "BAN CHẤP HÀNH TRUNG ƯƠNG", "issuer": "VĂN PHÒNG", "number": "36", "symbol": "HD/VPTW",
                   "place": "Hà Nội", "date": "2018-04-03", "doc_type": "Hướng dẫn", "subject": "thể thức"}),
        );
    }

    #[test]
    fn old_tone_placement_is_read_as_nd30_writes_it() {
        check(
            "UỶ BAN NHÂN DÂN\nTỈNH KHÁNH HOÀ\nSố: 5/UBND\nNơi nhận:\n- Sở Thuỷ lợi;\nTM. UỶ BAN NHÂN DÂN\nCHỦ TỊCH",
            json!({"issuer": "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA", "distribution": ["Sở Thủy lợi"],
                   "signer": {"authority": "TM. ỦY BAN NHÂN DÂN", "title": "CHỦ TỊCH", "name": null}}),
        );
    }

    #[test]
    fn a_lost_first_letter_is_restored_and_reported() {
        let text = "Y BAN NHÂN DÂN\nTỈNH KON TUM\nSố: 2516/KH-UBND";
        check(text, json!({"issuer": "ỦY BAN NHÂN DÂN TỈNH KON TUM"}));
        assert!(parse(text)
            .problems
            .iter()
            .any(|p| p.field == "issuer" && p.line == Some(1)));
        // Letters lost to "?" in a header whose head leaves no doubt.
        check(
            "T?NG LIÊN ÐOÀN LAO Ð?NG\nVI?T NAM\nS?: 649/HD-TLР",
            json!({"issuer": "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM", "number": "649", "symbol": "HD-TLР"}),
        );
        // A head of one word that lost its first letter, told by the marks left.
        check(
            "UBND TỈNH BÌNH THUẬN\nƠ TƯ PHÁP\nSố: 788/STP-HCBT",
            json!({"issuer": "SỞ TƯ PHÁP", "parent_body": "UBND TỈNH BÌNH THUẬN"}),
        );
        check("Ộ Y TẾ\nSố: 5/BYT-KH", json!({"issuer": "BỘ Y TẾ"}));
        // Not a place's name: "AN GIANG" is not "BAN GIANG".
        check("AN GIANG\nSố: 5/UBND", json!({"issuer": "AN GIANG"}));
    }

    #[test]
    fn party_doan_and_mat_tran_headers() {
        check(
            "BAN CHẤP HÀNH TRUNG ƯƠNG\nĐẢNG CỘNG SẢN VIỆT NAM\nSố: 97-QĐ/TW\nHà Nội, ngày 07 tháng 02 năm 2023",
            json!({"issuer": "BAN CHẤP HÀNH TRUNG ƯƠNG", "parent_body": null, "number": "97", "symbol": "QĐ/TW"}),
        );
        check(
            "TỈNH ỦY NGHỆ AN\nBAN TUYÊN GIÁO\nSố 12-HD/BTGTU",
            json!({"parent_body": "TỈNH ỦY NGHỆ AN", "issuer": "BAN TUYÊN GIÁO", "symbol": "HD/BTGTU"}),
        );
        check(
            "BAN CHẤP HÀNH TRUNG ƯƠNG ĐOÀN TNCS HỒ CHÍ MINH\nSố: - HD/TWĐTN-BTC Hà Nội, ngày tháng năm 2023",
            json!({"issuer": "BAN CHẤP HÀNH TRUNG ƯƠNG", "number": null, "symbol": "HD/TWĐTN-BTC", "place": "Hà Nội", "date": null}),
        );
        check(
            "ỦY BAN TRUNG ƯƠNG\nMẶT TRẬN TỔ QUỐC VIỆT NAM\nBAN THƯỜNG TRỰC\nSố: 371 /KH-MTTW-BTT",
            json!({"parent_body": "ỦY BAN TRUNG ƯƠNG MẶT TRẬN TỔ QUỐC VIỆT NAM", "issuer": "BAN THƯỜNG TRỰC", "number": "371"}),
        );
    }

    #[test]
    fn joint_issuers_share_their_place() {
        check(
            "ỦY BAN NHÂN DÂN\nỦY BAN MTTQ VIỆT NAM\nTỈNH ĐẮK LẮK\nSố: 01/QCPH/UBND-UBMTTQ",
            json!({"issuer": "ỦY BAN NHÂN DÂN VÀ ỦY BAN MTTQ VIỆT NAM TỈNH ĐẮK LẮK", "parent_body": null, "symbol": "QCPH/UBND-UBMTTQ"}),
        );
    }

    #[test]
    fn a_vv_glued_to_the_symbol() {
        check(
            "Số: 2597/VPCP-NCV/v tổ chức hội nghị",
            json!({"number": "2597", "symbol": "VPCP-NC", "subject": "tổ chức hội nghị", "doc_type": "Công văn"}),
        );
    }

    #[test]
    fn type_titles_and_their_trich_yeu() {
        // A trích yếu in capitals over lines stops at the authority line of a decision.
        check(
            "Số: 1209/QĐ-UBND\nQUYẾT ĐỊNH\nVỀ VIỆC BAN HÀNH QUY CHẾ HOẠT ĐỘNG CỦA BAN CHỈ ĐẠO\nTỈNH HÀ GIANG\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ GIANG\nCăn cứ Luật Tổ chức;",
            json!({"doc_type": "Quyết định", "subject": "BAN HÀNH QUY CHẾ HOẠT ĐỘNG CỦA BAN CHỈ ĐẠO TỈNH HÀ GIANG"}),
        );
        // One in capitals stops at the body's first sentence in normal case.
        check(
            "Số: 10/CT-UBND\nCHỈ THỊ\nVỀ NHIỆM VỤ NĂM HỌC\nBÌNH PHƯỚC\nNăm học vừa qua, toàn ngành",
            json!({"doc_type": "Chỉ thị", "subject": "NHIỆM VỤ NĂM HỌC BÌNH PHƯỚC"}),
        );
        // One in normal case goes on over a blank line with its lower-case second line.
        check(
            "Số: 328/QĐ-UBND\nQUYẾT ĐỊNH\nV/v công nhận danh hiệu\n\nthuộc Hội Văn học\n\nCăn cứ Luật Thi đua;",
            json!({"subject": "công nhận danh hiệu thuộc Hội Văn học"}),
        );
        check(
            "Số: 5/GM-UBND\nGIẤY MỜI\nDự hội nghị",
            json!({"doc_type": "Giấy mời"}),
        );
        check(
            "Thư ngỏ\n\nKính gửi: Bà con",
            json!({"doc_type": "Thư ngỏ"}),
        );
        check(
            "Số: 17940/SLĐTBXH-VL\nVề tuyển lao động",
            json!({"doc_type": "Công văn", "subject": "tuyển lao động"}),
        );
        check(
            "Công văn số 1448/SNV-CCHC ngày 27/12/2016 V/v xin ý kiến vào dự thảo.",
            json!({"doc_type": "Công văn", "number": "1448", "symbol": "SNV-CCHC", "date": "2016-12-27", "subject": "xin ý kiến vào dự thảo"}),
        );
    }

    #[test]
    fn kinh_gui_in_every_layout() {
        check(
            "Kính gửi: Lãnh đạo các bộ\n\nCông đoàn các bộ\n\nThực hiện chủ trương",
            json!({"recipients": ["Lãnh đạo các bộ", "Công đoàn các bộ"]}),
        );
        check(
            "Kính gửi: - Các Sở;Ban quản lý;Phòng Lao động.\n• Căn cứ Nghị định số 03/2014/NĐ-CP ngày 16/01/2014;",
            json!({"recipients": ["Các Sở", "Ban quản lý", "Phòng Lao động"]}),
        );
        check(
            "Kính gửi:\n\n– Sở Thông tin;\n\n– Báo Sơn La;\n\nThực hiện",
            json!({"recipients": ["Sở Thông tin", "Báo Sơn La"]}),
        );
        check(
            "Kính gửi:\nBan Chỉ đạo các tỉnh,\nthành phố trực thuộc Trung ương\n\nCăn cứ",
            json!({"recipients": ["Ban Chỉ đạo các tỉnh, thành phố trực thuộc Trung ương"]}),
        );
        // A scan's: an entry whose dash was lost after one closed with ";", and the body's
        // first line, its lead words under a stamp, after the last entry's ".".
        check(
            "Kính gửi:\n- Các Sở, cơ quan thuộc UBND tỉnh;\nUBND các huyện, thành phố.\nTiếp tục thực hiện cuộc vận động",
            json!({"recipients": ["Các Sở, cơ quan thuộc UBND tỉnh", "UBND các huyện, thành phố"]}),
        );
        check(
            "Kính gửi:\n- Các Sở;\n- UBND các huyện, thành phố.\nết định số 16/2006/QĐ-UBND ngày 16/3/2006 của UBND tỉnh về chế\nđộ thông tin báo cáo,",
            json!({"recipients": ["Các Sở", "UBND các huyện, thành phố"]}),
        );
        // An addressee's address in brackets on the lines under it is part of the entry.
        check(
            "Kính gửi: Bà Huỳnh Thị Gái, ông Trần Ngọc Vinh\n(Địa chỉ: Thôn Thu Xà, xã Nghĩa Hòa,\nhuyện Tư Nghĩa, tỉnh Quảng Ngãi)\nQua xem xét nội dung đơn đề ngày 10/12/2024 của bà Huỳnh Thị Gái, khiếu nại Quyết định số 7362/QĐ-UBND ngày 02/11/2023 của UBND huyện Tư Nghĩa.",
            json!({"recipients": ["Bà Huỳnh Thị Gái, ông Trần Ngọc Vinh (Địa chỉ: Thôn Thu Xà, xã Nghĩa Hòa, huyện Tư Nghĩa, tỉnh Quảng Ngãi)"]}),
        );
        check(
            "Kính gửi:\n- Sở Y tế\n(để phối hợp);\n- UBND các huyện.\nThực hiện",
            json!({"recipients": ["Sở Y tế (để phối hợp)", "UBND các huyện"]}),
        );
    }

    #[test]
    fn citations_in_the_opening_part() {
        check(
            "HƯỚNG DẪN\nX\nCăn cứ Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi Luật Thi đua ngày 16 tháng 11 năm 2013;\nXét Tờ trình số 4486/TTr-UBND ngày 22 tháng 11 năm 2025 và Báo cáo thẩm tra số 292/BC-HĐND;\nThi hành Điều 2 Quyết định của Bộ Chính trị số31-QĐ/TW, ngày 01-10-1997;\nTheo đề nghị của Sở tại văn bản số 91/TTr-SGDĐT ngày 7/8/2019.\nĐể tiếp tục thực hiện có hiệu quả Quyết định số 34/2014/QĐ-TTg ngày 30/5/2014 của Thủ tướng Chính phủ, UBND tỉnh ban hành:\nI. MỤC ĐÍCH\n1. Theo Chỉ thị số 14/CT-UBND ngày 22/9/2016.",
            json!({"references": [
                {"doc_type": "Luật", "number": null, "date": "2003-11-26"},
                {"doc_type": "Luật", "number": null, "date": "2013-11-16"},
                {"doc_type": "Tờ trình", "number": "4486", "symbol": "TTr-UBND", "date": "2025-11-22"},
                {"doc_type": "Báo cáo", "number": "292", "symbol": "BC-HĐND", "date": null},
                {"doc_type": "Quyết định", "number": "31", "symbol": "QĐ/TW", "date": "1997-10-01", "issuer": "Bộ Chính trị"},
                {"doc_type": "Văn bản", "number": "91", "symbol": "TTr-SGDĐT", "date": "2019-08-07"},
                {"doc_type": "Quyết định", "number": "34", "symbol": "2014/QĐ-TTg", "date": "2014-05-30", "issuer": "Thủ tướng Chính phủ"}
            ]}),
        );
        // A document named inside another's "về …" is part of it; one listed after it is not.
        check(
            "Căn cứ Nghị định số 139/2020/NĐ-CP ngày 27/11/2020 của Chính phủ về sửa đổi Nghị định số 13/2014/NĐ-CP ngày 25/02/2014; Kế hoạch số 52/KH-TLĐ ngày 28/11/2016 về đại hội và Hướng dẫn số 26-HD/BTCTW ngày 18/8/2014.",
            json!({"references": [
                {"number": "139", "symbol": "2020/NĐ-CP"},
                {"number": "52", "symbol": "KH-TLĐ"},
                {"number": "26", "symbol": "HD/BTCTW", "date": "2014-08-18"}
            ]}),
        );
        // Odd dates and symbols: "ngày15/4/2010", "03.12.2007", "16/7/20 21", "84 QĐ/TWĐTN".
        check(
            "Căn cứ Nghị định số 42/2010/NĐ-CP ngày15/4/2010; văn bản số 906/KT- KĐ ngày 03.12.2007; Quyết định số 24/2021/QĐ-TTg ngày 16/7/20 21; Quyết định số 84 QĐ/TWĐTN ngày 22/02/2013.",
            json!({"references": [
                {"number": "42", "date": "2010-04-15"},
                {"number": "906", "symbol": "KT-KĐ", "date": "2007-12-03"},
                {"number": "24", "date": "2021-07-16"},
                {"number": "84", "symbol": "QĐ/TWĐTN", "date": "2013-02-22"}
            ]}),
        );
    }

    #[test]
    fn items_of_a_letter_cite_what_they_direct() {
        let letter = "Số: 5/LĐLĐ\nV/v triển khai\nKính gửi: Các công đoàn cơ sở.\nCăn cứ Công văn số 464/LĐLĐ ngày 06/5/2024.\n1. Phối hợp triển khai Kế hoạch số 1062/KH-UBND ngày 11/4/2024 của UBND tỉnh.\n2. Thực hiện có hiệu quả Nghị định số 76/2016/NĐ-CP ngày 01/7/2016.";
        check(
            letter,
            json!({"references": [{"number": "464"}, {"number": "1062", "issuer": "UBND tỉnh"}]}),
        );
        // A decision's articles apply documents; they are not its basis.
        check(
            "Số: 9/QĐ-UBND\nQUYẾT ĐỊNH\nVề việc X\nCăn cứ Luật Y;\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định số 81/QĐ-UBND ngày 17/8/2009.",
            json!({"references": [{"doc_type": "Luật", "number": null}]}),
        );
    }

    #[test]
    fn the_ending_as_copies_print_it() {
        // Page junk after the last item, a signature split over two lines, the name after "(Đã ký)".
        check(
            "Nơi nhận:\n- Như Điều 2;\n- Lưu: VT, TH.KM\nD\\2018\\TĐKT 112 CNTT\nTL. CHỦ TỊCH ỦY\nBAN NHÂN DÂN TỈNH\nCHÁNH VĂN PHÒNG\n(Đã ký)\nNguyễn Văn An",
            json!({"distribution": ["Như Điều 2", "Lưu: VT, TH.KM"],
                   "signer": {"authority": "TL. CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", "title": "CHÁNH VĂN PHÒNG", "name": "Nguyễn Văn An"}}),
        );
        // KT. under TM., and a name cut by the end of the copy is none.
        check(
            "Nơi nhận:\n- Như trên;\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n(Đ\n\nã ký)\nĐồng Vă",
            json!({"signer": {"authority": "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH", "name": null}}),
        );
        // Items and signature on one line each; an item cut short by the end of the copy.
        check(
            "Nơi nhận: - Ban Thi đua - Khen thưởng TW (b/c); - Các LĐLĐ tỉnh, TP; CĐNTW;\nTM. ĐOÀN CHỦ TỊCH CHỦ TỊCH Nguyễn Đình Khang",
            json!({"distribution": ["Ban Thi đua - Khen thưởng TW (b/c)", "Các LĐLĐ tỉnh, TP; CĐNTW"],
                   "signer": {"authority": "TM. ĐOÀN CHỦ TỊCH", "title": "CHỦ TỊCH", "name": "Nguyễn Đình Khang"}}),
        );
        check(
            "Nơi nhận:\n- Bộ Y tế;\n- CVP, c",
            json!({"distribution": ["Bộ Y tế"]}),
        );
    }

    #[test]
    fn forms_of_original_files() {
        // A legal database's title block instead of a header.
        check(
            "NGHỊ ĐỊNH\nCỦA CHÍNH PHỦ SỐ 37/2007/NĐ-CP NGÀY 09 THÁNG 3 NĂM 2007\nVỀ MINH BẠCH TÀI SẢN, THU NHẬP\n\nCHÍNH PHỦ\n\nCăn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001;\nNGHỊ ĐỊNH:\nĐiều 1. Phạm vi điều chỉnh",
            json!({"doc_type": "Nghị định", "number": "37", "symbol": "2007/NĐ-CP", "date": "2007-03-09",
                   "references": [{"doc_type": "Luật", "date": "2001-12-25"}]}),
        );
        // Its trích yếu wrapped onto a second line of capitals (as OCR reads a scan of it),
        // up to a line that is not the trích yếu's.
        check(
            "CHỈ THỊ\nCỦA BỘ THÔNG TIN VÀ TRUYỀN THÔNG SỐ 07/2008/CT-BTTTT\nNGÀY 30 THÁNG 12 NĂM 2008\nVỀ ĐẨY MẠNH SỬ DỤNG PHẦN MỀM MÃ NGUỒN MỞ TRONG HOẠT ĐỘNG\nCỦA CƠ QUAN, TỔ CHỨC NHÀ NƯỚC\nThực hiện Quyết định số 235/2004/QĐ-TTg ngày 02 tháng 3 năm 2004 của Thủ tướng Chính phủ, Bộ trưởng chỉ thị:",
            json!({"doc_type": "Chỉ thị", "number": "07",
                   "subject": "ĐẨY MẠNH SỬ DỤNG PHẦN MỀM MÃ NGUỒN MỞ TRONG HOẠT ĐỘNG CỦA CƠ QUAN, TỔ CHỨC NHÀ NƯỚC"}),
        );
        check(
            "QUYẾT ĐỊNH\nCỦA BỘ TRƯỞNG BỘ TÀI CHÍNH SỐ 12/2009/QĐ-BTC NGÀY 3 THÁNG 2 NĂM 2009\nVỀ VIỆC BAN HÀNH QUY CHẾ\nBỘ TRƯỞNG BỘ TÀI CHÍNH\nCăn cứ Luật Ngân sách nhà nước;\nQUYẾT ĐỊNH:",
            json!({"doc_type": "Quyết định", "subject": "VIỆC BAN HÀNH QUY CHẾ"}),
        );
        // Kính gửi items over lines; a basis cited in passing ("…, và căn cứ …"); what the
        // letter carries out is marked so; a rank stays with the name.
        check(
            "ỦY BAN NHÂN DÂN\nTỈNH BẾN TRE\nSố: 45/UBND-VX\nV/v triển khai kế hoạch\nBến Tre, ngày 3 tháng 5 năm 2024\nKính gửi:\n- Các sở, ban, ngành tỉnh;\n- UBND các huyện, thành phố.\nThực hiện Kế hoạch số 12/KH-BCĐ ngày 1/3/2024 của Ban Chỉ đạo, và căn cứ Quyết định số 7/QĐ-UBND ngày 2/2/2024 của UBND tỉnh, Ủy ban nhân dân tỉnh đề nghị:\n1. Các đơn vị triển khai.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nThiếu tướng Nguyễn Văn Bình",
            json!({"recipients": ["Các sở, ban, ngành tỉnh", "UBND các huyện, thành phố"],
                   "references": [{"number": "12", "carried": true}, {"number": "7", "carried": null}],
                   "signer": {"authority": "KT. CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH", "name": "Thiếu tướng Nguyễn Văn Bình"}}),
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
