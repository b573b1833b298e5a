//! Scans: the page images of a PDF that has no text layer, or a photo, handed to an OCR
//! engine; and the words the engine read (its TSV: each word with its box and confidence)
//! laid out into lines by the rules that lay out a text layer, so that the header's two
//! columns, wrapped paragraphs and page numbers are read the same way.

use lopdf::{Document, Object, ObjectId, Stream};

use super::layout::{self, Line};
use super::page::{inherited, numbers, Glyph, Page};
use super::{refused, Budget};
use crate::error::Error;

/// At most this many pages of a scan are read: a directive's header, body and ending. Of
/// a longer scan, the first `HEAD_PAGES` and the last ones: the signature and Nơi nhận are
/// on its last pages, or before an appendix of a few; the pages read say which.
pub(crate) const MAX_SCAN_PAGES: usize = 12;
/// See `MAX_SCAN_PAGES`: the header, Kính gửi and the grounds cited are on the first.
const HEAD_PAGES: usize = 4;
/// At most this many pixels in a page's image: A4 at 600 dpi is 35 million.
pub(crate) const MAX_PIXELS: u64 = 48_000_000;
/// At most this many words read from a page.
pub(crate) const MAX_WORDS: usize = 20_000;

/// A page's picture for the OCR engine: PNG or JPEG bytes, and how many points of the page
/// a pixel is (a photo counts as A4 wide).
#[derive(Debug, Clone, PartialEq)]
pub struct PageImage {
    /// The picture, PNG or JPEG, as the engine reads it.
    pub bytes: Vec<u8>,
    /// Its width in pixels.
    pub width: u32,
    /// Its height in pixels.
    pub height: u32,
    /// Points of the page per pixel.
    pub scale: f32,
}

/// The page images of a scan, and how many pages it has in all.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scan {
    /// The pictures of the pages `chosen_pages` chooses, one each (a page without one is
    /// left).
    pub pages: Vec<PageImage>,
    /// The number in the file (from 1) of each picture's page.
    pub numbers: Vec<u32>,
    /// The quarter turns clockwise each picture is shown with, which its pixels do not
    /// have: the PDF page's /Rotate, the photo's EXIF orientation (`import::scan_pages`
    /// turns them so and leaves these 0).
    pub turns: Vec<u8>,
    /// The pictures each page draws over its scan (`import::scan_pages` draws them in and
    /// leaves these empty).
    pub patches: Vec<Vec<Patch>>,
    /// The pages the file has.
    pub total: usize,
}

/// A word the OCR engine read, with its box in pixels and its confidence (0–100).
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// What it read.
    pub text: String,
    /// The box's left edge.
    pub left: f32,
    /// The box's top edge.
    pub top: f32,
    /// The box's width.
    pub width: f32,
    /// The box's height.
    pub height: f32,
    /// How sure the engine is, 0 to 100.
    pub conf: f32,
    /// The engine's line: block, paragraph and line numbers.
    pub line: (u32, u32, u32),
}

/// The pictures of a PDF's pages, within bounds, on a thread of its own with a time limit.
pub(crate) fn page_images(bytes: &[u8]) -> Result<Scan, Error> {
    super::bounded(bytes, extract)
}

/// A photo (.jpg, .png) as the one page of a scan.
pub fn photo(bytes: &[u8]) -> Result<Scan, Error> {
    let (width, height) = image_size(bytes)
        .ok_or_else(|| Error::Import("tệp ảnh bị hỏng hoặc không phải ảnh JPEG, PNG".into()))?;
    if width as u64 * height as u64 > MAX_PIXELS {
        return Err(Error::Import(format!(
            "ảnh lớn quá {} triệu điểm ảnh: hãy chụp hoặc quét với độ phân giải thấp hơn",
            MAX_PIXELS / 1_000_000
        )));
    }
    let turns = exif_turns(bytes);
    // A photo of an A4 sheet: its width as shown is the sheet's 595 points.
    let shown = if turns % 2 == 1 { height } else { width };
    Ok(Scan {
        pages: vec![PageImage {
            bytes: bytes.to_vec(),
            width,
            height,
            scale: 595.0 / shown.max(1) as f32,
        }],
        numbers: vec![1],
        turns: vec![turns],
        patches: vec![Vec::new()],
        total: 1,
    })
}

/// The quarter turns clockwise a JPEG photo's EXIF orientation asks for (a phone keeps the
/// picture as its sensor saw it and says how to show it): 0 when it asks none, or for a
/// mirror, or the file is no JPEG with EXIF.
pub fn exif_turns(bytes: &[u8]) -> u8 {
    use zune_jpeg::zune_core::bytestream::ZCursor;
    if !bytes.starts_with(b"\xff\xd8") {
        return 0;
    }
    let mut decoder = zune_jpeg::JpegDecoder::new(ZCursor::new(bytes));
    if decoder.decode_headers().is_err() {
        return 0;
    }
    match decoder.exif().and_then(|tiff| orientation(tiff)) {
        Some(3) => 2,
        Some(6) => 1,
        Some(8) => 3,
        _ => 0,
    }
}

/// The Orientation tag (0x0112) of the first directory of EXIF's TIFF data.
fn orientation(tiff: &[u8]) -> Option<u16> {
    let big = match tiff.get(..2)? {
        b"MM" => true,
        b"II" => false,
        _ => return None,
    };
    // An unsigned number of `n` bytes at `at`, in the file's byte order.
    let number = |at: usize, n: usize| {
        let bytes = tiff.get(at..at.checked_add(n)?)?;
        let fold = |v: u32, b: &u8| v << 8 | u32::from(*b);
        Some(match big {
            true => bytes.iter().fold(0, fold),
            false => bytes.iter().rev().fold(0, fold),
        })
    };
    let first = number(4, 4)? as usize;
    let entries = number(first, 2)? as usize;
    // An entry is 12 bytes: its tag, its type, its count, then a short value in place.
    (0..entries.min(256))
        .map(|k| first.saturating_add(2 + 12 * k))
        .find(|&at| number(at, 2) == Some(0x0112))
        .and_then(|at| number(at + 8, 2))
        .map(|v| v as u16)
}

/// The width and height a PNG or JPEG says it has.
fn image_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.len() >= 24 {
        let be = |at: usize| {
            u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
        };
        return Some((be(16), be(20))).filter(|(w, h)| *w > 0 && *h > 0);
    }
    if !bytes.starts_with(b"\xff\xd8") {
        return None;
    }
    // The first start-of-frame marker gives the size; other segments are skipped.
    let mut at = 2;
    while at + 9 < bytes.len() {
        if bytes[at] != 0xff {
            return None;
        }
        let marker = bytes[at + 1];
        let len = u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]) as usize;
        if matches!(marker, 0xc0..=0xcf) && !matches!(marker, 0xc4 | 0xc8 | 0xcc) {
            let h = u16::from_be_bytes([bytes[at + 5], bytes[at + 6]]) as u32;
            let w = u16::from_be_bytes([bytes[at + 7], bytes[at + 8]]) as u32;
            return Some((w, h)).filter(|(w, h)| *w > 0 && *h > 0);
        }
        at += 2 + len;
    }
    None
}

/// The words of the engine's TSV (level 5 rows), at most `MAX_WORDS`; empty words and
/// rows that do not read are left.
pub fn words_from_tsv(tsv: &str) -> Vec<Word> {
    let mut out = Vec::new();
    // The header line, which the program writes and its library does not, is no word (level 5).
    for row in tsv.lines() {
        let f: Vec<&str> = row.split('\t').collect();
        if f.len() < 12 || f[0] != "5" {
            continue;
        }
        let n = |i: usize| f[i].trim().parse::<f32>().ok();
        let text = f[11..].join(" ").trim().to_string();
        let (Some(left), Some(top), Some(width), Some(height), Some(conf)) =
            (n(6), n(7), n(8), n(9), n(10))
        else {
            continue;
        };
        if text.is_empty() {
            continue;
        }
        let k = |i: usize| f[i].trim().parse::<u32>().unwrap_or(0);
        out.push(Word {
            text,
            left,
            top,
            width,
            height,
            conf,
            line: (k(2), k(3), k(4)),
        });
        if out.len() >= MAX_WORDS {
            break;
        }
    }
    out
}

/// The lines of a scan's pages: each page's words (with its image's scale) laid out as a
/// text layer's glyphs would be.
pub fn lines(pages: &[(f32, Vec<Word>)]) -> Vec<Line> {
    let laid: Vec<Page> = pages
        .iter()
        .map(|(scale, words)| page(*scale, words))
        .collect();
    layout::lines(&laid, &[None])
}

/// Which of a scan's pages (their words as the engine read them) the signature is on: the
/// last with `SIGNED_WORDS` sure words. A sheet scanned on both sides ends with its blank
/// back, and a look for the signature there finds nothing.
pub(crate) fn signed_page(pages: &[(f32, Vec<Word>)]) -> usize {
    let read = |words: &[Word]| words.iter().filter(|w| sure_word(w)).count() >= SIGNED_WORDS;
    pages
        .iter()
        .rposition(|(_, words)| read(words))
        .unwrap_or(pages.len().saturating_sub(1))
}

/// See `signed_page`: a title, a name and a word of Nơi nhận at least.
const SIGNED_WORDS: usize = 3;

/// The words of a second, sparse reading of a page that the first reading lacks: sure
/// enough, in the page's lower half, overlapping no word read before, each on lines of its
/// own. The first reading's layout analysis leaves out text it takes for part of a
/// picture, as the signer's name beside a seal and a signature; a sparse reading finds it.
pub(crate) fn with_sparse(first: &[Word], sparse: &[Word]) -> Vec<Word> {
    let bottom = first.iter().map(|w| w.top + w.height).fold(0.0, f32::max);
    let sure = |w: &Word| {
        let letters = w.text.chars().filter(|c| c.is_alphabetic()).count();
        w.conf >= SPARSE_CONF && letters >= 2 && w.top > 0.5 * bottom
    };
    // A word the first reading was all but unsure of, marks or a box over two lines, where
    // the sparse one read sure words, gives way to them: "...N", two lines tall at 0 %, over
    // g08's "Như trên". A word read unsure beside sure ones ("chính:") stays in its line.
    let gives_way = |f: &Word| {
        let letters = f.text.chars().filter(|c| c.is_alphabetic()).count();
        f.conf < GARBAGE_CONF
            && sparse
                .iter()
                .any(|w| sure(w) && overlap(f, w) && (letters < 2 || f.height >= 1.8 * w.height))
    };
    let first: Vec<Word> = first.iter().filter(|f| !gives_way(f)).cloned().collect();
    let mut out = first.clone();
    for w in sparse {
        if sure(w) && !first.iter().any(|f| overlap(f, w)) && out.len() < MAX_WORDS {
            let (block, par, line) = w.line;
            out.push(Word {
                line: (block + SPARSE_BLOCKS, par, line),
                ..w.clone()
            });
        }
    }
    out
}

/// Where on a page to read again the line of a signer's name cut short at its start (a
/// seal over the family name): left, top, right and bottom in the page's pixels, from
/// `reach` line heights left of the name's words (the lowest run of them on the page) to
/// just right of them, and from `above` of them above their letters. None when the page
/// has no such run.
pub(crate) fn name_strip(
    words: &[Word],
    name: &str,
    (above, reach): (f32, f32),
) -> Option<[f32; 4]> {
    let wanted: Vec<&str> = name.split_whitespace().collect();
    let at = (0..words.len().checked_sub(wanted.len())? + 1)
        .rev()
        .find(|&k| {
            let run = &words[k..k + wanted.len()];
            run.iter().zip(&wanted).all(|(w, n)| w.text == *n)
                && run.iter().all(|w| w.line == run[0].line)
        })?;
    let run = &words[at..at + wanted.len()];
    // A word's box that took in the seal's ring above it is no measure of the line.
    let least = run.iter().map(|w| w.height).fold(f32::MAX, f32::min);
    let letters = run.iter().filter(|w| w.height <= 1.3 * least);
    let top = letters.clone().map(|w| w.top).fold(f32::MAX, f32::min);
    let bottom = letters.map(|w| w.top + w.height).fold(0.0, f32::max);
    let right = run.iter().map(|w| w.left + w.width).fold(0.0, f32::max);
    let h = bottom - top;
    Some([
        (run[0].left - reach * h).max(0.0),
        top - above * h,
        right + 0.5 * h,
        bottom + 0.3 * h,
    ])
}

/// Where on a page to read, on its own, the signer's name under the title `title` when no
/// look read it (a seal printed grey over the name's start taken with it for a picture):
/// from the lowest line that ends with the title's last two words, `NAME_REACH` of its
/// heights down, and two heights either side of it. None when no line so ends.
pub(crate) fn under_title(words: &[Word], title: &str) -> Option<[f32; 4]> {
    let wanted: Vec<&str> = title.split_whitespace().collect();
    let end = &wanted[wanted.len().checked_sub(2)?..];
    let line = group_lines(words).into_iter().rev().find(|line| {
        line.len() >= end.len()
            && line[line.len() - end.len()..]
                .iter()
                .zip(end)
                .all(|(w, t)| w.text == *t)
    })?;
    let run = &line[line.len() - end.len()..];
    let height = run.iter().map(|w| w.height).fold(f32::MAX, f32::min);
    let left = run.iter().map(|w| w.left).fold(f32::MAX, f32::min);
    let right = run.iter().map(|w| w.left + w.width).fold(0.0, f32::max);
    let bottom = run.iter().map(|w| w.top + w.height).fold(0.0, f32::max);
    Some([
        (left - 2.0 * height).max(0.0),
        bottom + 0.3 * height,
        right + 2.0 * height,
        bottom + NAME_REACH * height,
    ])
}

/// How far under the signer's title its name is looked for, in the title's heights: the
/// signature's space and the name's line (ND30: the name under the signature).
const NAME_REACH: f32 = 9.0;

/// Where on a page to read again, apart, what the engine read across two columns as one
/// line: a line with a gap wider than `COLUMN_GAP` of its print's height, whose words on one
/// side are sure and on the other unsure (their mean confidence under `MIXED_UNSURE`). The
/// engine sets such a line's size by the sure side's print and misreads the smaller type
/// beside it (a scan of g08 at 300 dpi: "- Như trên;" and "- Bộ Tài chính;" beside "KT.
/// CHÁNH VĂN PHÒNG", two lines of Nơi nhận read as one, "si in Ñ"). Each area is the
/// unsure side's box (left, top, right, bottom in the page's pixels), areas that overlap
/// made one; at most `MAX_MIXED`, the most unsure first.
pub(crate) fn mixed_lines(words: &[Word]) -> Vec<[f32; 4]> {
    let mean = |side: &[&Word]| side.iter().map(|w| w.conf).sum::<f32>() / side.len() as f32;
    let mut areas: Vec<(f32, [f32; 4])> = Vec::new();
    for mut line in group_lines(words) {
        line.sort_by(|a, b| a.left.total_cmp(&b.left));
        let Some((at, gap)) = (1..line.len())
            .map(|k| (k, line[k].left - (line[k - 1].left + line[k - 1].width)))
            .max_by(|a, b| a.1.total_cmp(&b.1))
        else {
            continue;
        };
        let (left, right) = line.split_at(at);
        for (unsure, sure) in [(left, right), (right, left)] {
            let mut heights: Vec<f32> = sure.iter().map(|w| w.height).collect();
            heights.sort_by(f32::total_cmp);
            let height = heights[heights.len() / 2];
            if gap < COLUMN_GAP * height
                || mean(sure) < SURE_WORD
                || mean(unsure) >= MIXED_UNSURE
                || !unsure.iter().any(|w| letters(w) >= 2)
            {
                continue;
            }
            let area = [
                unsure.iter().map(|w| w.left).fold(f32::MAX, f32::min),
                unsure.iter().map(|w| w.top).fold(f32::MAX, f32::min),
                unsure.iter().map(|w| w.left + w.width).fold(0.0, f32::max),
                unsure.iter().map(|w| w.top + w.height).fold(0.0, f32::max),
            ];
            areas.push((mean(unsure), area));
        }
    }
    // Two lines of the small type read with two of the large make two areas that overlap.
    let mut merged: Vec<(f32, [f32; 4])> = Vec::new();
    for (conf, a) in areas {
        let meets = |b: &[f32; 4]| a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
        match merged.iter_mut().find(|(_, b)| meets(b)) {
            Some((c, b)) => {
                *c = c.min(conf);
                *b = [
                    b[0].min(a[0]),
                    b[1].min(a[1]),
                    b[2].max(a[2]),
                    b[3].max(a[3]),
                ];
            }
            None => merged.push((conf, a)),
        }
    }
    merged.sort_by(|a, b| a.0.total_cmp(&b.0));
    merged.into_iter().take(MAX_MIXED).map(|(_, a)| a).collect()
}

/// The page's words with the lines of `again` (the words read on `area` alone, whose
/// picture's top left corner stands at `origin` on the page) taken in, the unsure words
/// under them given way; unchanged unless `again` has more words of two letters or more
/// that the engine is sure of (`SURE_WORD`) than the words in `area` (their middle): a part
/// read on its own can read worse, losing a word ("QUẢNG NGÃI" as "LQUANG") or Nơi nhận's
/// label.
pub(crate) fn with_reread(
    words: &[Word],
    area: [f32; 4],
    origin: [f32; 2],
    again: &[Word],
) -> Vec<Word> {
    let inside = |w: &Word| {
        let (x, y) = (w.left + w.width / 2.0, w.top + w.height / 2.0);
        x >= area[0] && x <= area[2] && y >= area[1] && y <= area[3]
    };
    let sure = |w: &&Word| sure_word(w);
    if again.iter().filter(sure).count() <= words.iter().filter(|w| inside(w)).filter(sure).count()
    {
        return words.to_vec();
    }
    let block = words.iter().map(|w| w.line.0).max().unwrap_or(0) + 1;
    let again: Vec<Word> = again
        .iter()
        .map(|w| Word {
            left: w.left + origin[0],
            top: w.top + origin[1],
            line: (block + w.line.0, w.line.1, w.line.2),
            ..w.clone()
        })
        .collect();
    // A line read again is taken when the engine is sure of each of its words and it reads
    // no word again that the first reading was sure of: a line the area cut through, read
    // again, reads its cut word wrong ("kiến" as "kỉ").
    let first_sure: Vec<&Word> = words.iter().filter(|w| sure(w)).collect();
    let mut taken: Vec<Word> = Vec::new();
    for line in group_lines(&again) {
        let all_sure = line
            .iter()
            .all(|w| w.conf >= SURE_WORD || !w.text.chars().any(char::is_alphanumeric));
        if all_sure
            && !line
                .iter()
                .any(|w| first_sure.iter().any(|f| overlap(f, w)))
        {
            taken.extend(line.into_iter().cloned());
        }
    }
    if !taken.iter().any(|w| letters(w) >= 2) {
        return words.to_vec();
    }
    // An unsure word under a word taken gives way, though its box runs out of the area
    // ("-...N", two lines tall over "Như trên"); a sure one stays, and the word read again
    // over it (a dash) goes.
    let mut out: Vec<Word> = words
        .iter()
        .filter(|w| w.conf >= SURE_WORD || !taken.iter().any(|t| overlap(t, w)))
        .cloned()
        .collect();
    let kept = out.clone();
    for w in taken {
        if !kept.iter().any(|k| overlap(k, &w)) && out.len() < MAX_WORDS {
            out.push(w);
        }
    }
    out
}

/// The letters of a word, marks and figures left out.
fn letters(w: &Word) -> usize {
    w.text.chars().filter(|c| c.is_alphabetic()).count()
}

/// Whether the engine is sure of a word (`SURE_WORD`) of two letters or more.
fn sure_word(w: &Word) -> bool {
    w.conf >= SURE_WORD && letters(w) >= 2
}

/// Whether two words' boxes overlap by more than 30 % of the smaller.
fn overlap(a: &Word, b: &Word) -> bool {
    let dx = (a.left + a.width).min(b.left + b.width) - a.left.max(b.left);
    let dy = (a.top + a.height).min(b.top + b.height) - a.top.max(b.top);
    dx > 0.0 && dy > 0.0 && dx * dy > 0.3 * (a.width * a.height).min(b.width * b.height)
}

/// See `mixed_lines`: a gap this many times the print's height parts two columns (a
/// header's or a signature's columns stand some ten heights apart, words of one column a
/// space apart).
const COLUMN_GAP: f32 = 4.0;
/// See `mixed_lines`: the side of a line the engine misread has a mean confidence under
/// this.
const MIXED_UNSURE: f32 = 50.0;
/// See `mixed_lines`: at most this many areas of a page read again.
const MAX_MIXED: usize = 4;

/// How far above a name's words and how far left of them (in its line's heights) its line
/// is read again (`name_strip`): with room for a family name's marks and the seal's
/// letters beside it; then, when the seal's ring there made the family name marks, just
/// above the letters and a long family name's width left ("Nguyễn ").
pub(crate) const NAME_STRIPS: [(f32, f32); 2] = [(0.4, STRIP_REACH), (0.1, 4.0)];

/// How far left of a name's words (in its line's heights) its line is read again: a
/// family name and a middle name, and the seal's letters beside them, which the engine
/// reads as marks apart.
const STRIP_REACH: f32 = 6.0;

/// How sure the engine must be of a word the sparse reading adds.
const SPARSE_CONF: f32 = 60.0;
/// Added to the block numbers of the sparse reading's words, apart from the first's.
const SPARSE_BLOCKS: u32 = 100_000;

/// How well a page reads the way up it was given: the letters of the words the engine is
/// sure of and that lie along the page's width, and all the letters it read. A page upside
/// down reads as a few letters in many, most unsure; one turned a quarter either reads so,
/// or is read surely along lines that run down the picture (the engine turns a block of
/// such lines itself), its words taller than wide. Upright, nearly all are sure and wide.
pub fn sure_letters(words: &[Word]) -> (usize, usize) {
    letters_read(words, true)
}

/// The quarter turns to try on a page that does not read upright, the likeliest first: a
/// page read surely along lines running down it is turned a quarter clockwise (the engine
/// reads that way round only), so wants three more; else a sheet fed upside down is the
/// most usual.
pub fn turns_to_try(words: &[Word]) -> [u8; 3] {
    let (down, all) = letters_read(words, false);
    match 2 * down >= all {
        true => [3, 2, 1],
        false => [2, 1, 3],
    }
}

/// The letters of the sure words whose boxes are wider than tall (`along`) or taller than
/// wide, and all the letters read.
fn letters_read(words: &[Word], along: bool) -> (usize, usize) {
    let (mut sure, mut all) = (0, 0);
    for w in words {
        let letters = w.text.chars().filter(|c| c.is_alphabetic()).count();
        all += letters;
        let lies = match along {
            true => w.width > w.height,
            false => w.height > w.width,
        };
        if w.conf >= SURE_WORD && letters >= 2 && lies {
            sure += letters;
        }
    }
    (sure, all)
}

/// Whether a page read as text the way up it was given: fewer letters than `TURN_LETTERS`
/// (a page nearly blank, a picture) or at least half of them in words the engine is sure of.
pub fn reads_upright(words: &[Word]) -> bool {
    let (sure, all) = sure_letters(words);
    all < TURN_LETTERS || 2 * sure >= all
}

/// A word the engine is this sure of counts in `sure_letters`. Upright pages of the
/// development scans, of photos made of them and of `scripts/degraded-files` have 71 % or
/// more of their letters in such words along the lines (g04's photo, stamps over its
/// header), g06 turned each way 18 % or fewer.
const SURE_WORD: f32 = 60.0;
/// A page with fewer letters than this is not turned: there is too little to judge by.
const TURN_LETTERS: usize = 50;

/// The widest gap (in font sizes) between two words of the engine's line that is a space.
const WORD_GAP: f32 = 1.5;

/// A page of glyphs, one for each word the engine was sure enough of, on the baseline of
/// the engine's line, a space glyph between the words of a line.
fn page(scale: f32, words: &[Word]) -> Page {
    let level = levelled(words);
    let words = level.as_deref().unwrap_or(words);
    let mut glyphs = Vec::new();
    let mut seq = 0;
    let lines: Vec<Vec<&Word>> = group_lines(words)
        .into_iter()
        .filter(|line| !garbage(line))
        .map(without_tall)
        .collect();
    let mut placed: Vec<(f32, f32)> = lines.iter().map(|l| size_and_baseline(l, scale)).collect();
    let lines: Vec<Vec<&Word>> = lines
        .into_iter()
        .map(|line| {
            let size = size_and_baseline(&line, 1.0).0;
            line.iter()
                .enumerate()
                .filter(|&(k, w)| !speckle(w) || (k == 0 && list_dash(w, size)))
                .map(|(_, w)| *w)
                .collect()
        })
        .collect();
    apart(&lines, &mut placed, scale);
    let (mut width, mut height) = (0f32, 0f32);
    for (kept, (size, baseline)) in lines.iter().zip(placed) {
        for (k, w) in kept.iter().enumerate() {
            if k > 0 {
                glyphs.push(glyph(" ", w.left * scale, baseline, 0.0, size, seq));
                seq += 1;
            }
            // A word reaches to the next one of the engine's line when the gap between them
            // is a space, so that no gap inside the line is taken for the gutter of two
            // columns: the engine's boxes hug the ink and leave wider gaps than a font's
            // spaces. A gap far wider than a space stays open, as it may be one.
            let mut span = w.width * scale;
            if let Some(next) = kept.get(k + 1) {
                let reach = (next.left - w.left) * scale;
                if reach > span && reach - span <= WORD_GAP * size {
                    span = reach;
                }
                // A box that runs over the next word's ends where that word begins: the
                // layout would read the two as one word ("HỌCĐÀ NẴNG", its "HỌC" boxed
                // with a smear up to the middle of "ĐÀ").
                if reach > 0.0 && reach < span {
                    span = reach;
                }
            }
            glyphs.push(glyph(&w.text, w.left * scale, baseline, span, size, seq));
            seq += 1;
            width = width.max((w.left + w.width) * scale);
            height = height.max((w.top + w.height) * scale);
        }
    }
    Page {
        glyphs,
        width: width.max(595.0),
        height: height.max(842.0),
        images: 1,
        invisible: 0,
        drawn: Vec::new(),
    }
}

/// The words of a page whose lines lean (a sheet fed aslant, a photo taken so) moved where
/// they would stand on the page turned level about the middle of its words; None when the
/// lines lean less than `MIN_LEAN`. The engine follows a line that leans a little, but one
/// that leans two degrees across a page it reads in pieces, each its own line, and the
/// layout, which sets lines by their height, puts a line's last piece under the next line
/// ("Quy hoạch phát", then "n tỉnh Bắc Giang", then "triển thủy sả").
fn levelled(words: &[Word]) -> Option<Vec<Word>> {
    let degrees = lean(words)?;
    let (sin, cos) = degrees.to_radians().sin_cos();
    // About the middle, so that no word is moved off the page.
    let (left, right) = words.iter().fold((f32::MAX, 0f32), |(a, b), w| {
        (a.min(w.left), b.max(w.left + w.width))
    });
    let (top, bottom) = words.iter().fold((f32::MAX, 0f32), |(a, b), w| {
        (a.min(w.top), b.max(w.top + w.height))
    });
    let (cx, cy) = ((left + right) / 2.0, (top + bottom) / 2.0);
    Some(
        words
            .iter()
            .map(|w| {
                let (x, y) = (w.left + w.width / 2.0 - cx, w.top + w.height / 2.0 - cy);
                let (x, y) = (cx + x * cos + y * sin, cy + y * cos - x * sin);
                Word {
                    left: x - w.width / 2.0,
                    top: y - w.height / 2.0,
                    ..w.clone()
                }
            })
            .collect(),
    )
}

/// The angle in degrees, clockwise, at which a page's lines lean: the middle of the slopes
/// of the engine's lines of `LEAN_WORDS` words or more (the line through their boxes'
/// bottoms, fitted by least squares). None when it is less than `MIN_LEAN` or there are
/// fewer than `LEAN_LINES` such lines.
fn lean(words: &[Word]) -> Option<f32> {
    let mut slopes: Vec<f32> = group_lines(words)
        .into_iter()
        .filter(|line| line.len() >= LEAN_WORDS)
        .filter_map(|line| {
            let n = line.len() as f32;
            let xs: Vec<f32> = line.iter().map(|w| w.left + w.width / 2.0).collect();
            let ys: Vec<f32> = line.iter().map(|w| w.top + w.height).collect();
            let (mx, my) = (xs.iter().sum::<f32>() / n, ys.iter().sum::<f32>() / n);
            let sxx: f32 = xs.iter().map(|x| (x - mx) * (x - mx)).sum();
            let sxy: f32 = xs.iter().zip(&ys).map(|(x, y)| (x - mx) * (y - my)).sum();
            (sxx > 0.0).then(|| sxy / sxx)
        })
        .collect();
    if slopes.len() < LEAN_LINES {
        return None;
    }
    slopes.sort_by(f32::total_cmp);
    let degrees = slopes[slopes.len() / 2].atan().to_degrees();
    (degrees.abs() >= MIN_LEAN).then_some(degrees)
}

/// The fewest words a line has whose slope `lean` takes.
const LEAN_WORDS: usize = 4;
/// The fewest such lines `lean` says a page leans by.
const LEAN_LINES: usize = 5;
/// The least lean `levelled` sets level, in degrees.
const MIN_LEAN: f32 = 0.5;

/// The size of a line's words (their common height, a little more than the letters' size:
/// the marks above and below) and their baseline (where most of them end), in points.
fn size_and_baseline(words: &[&Word], scale: f32) -> (f32, f32) {
    let mut heights: Vec<f32> = words.iter().map(|w| w.height).collect();
    heights.sort_by(f32::total_cmp);
    let mut bottoms: Vec<f32> = words.iter().map(|w| w.top + w.height).collect();
    bottoms.sort_by(f32::total_cmp);
    (
        heights[heights.len() / 2] * scale * 0.8,
        bottoms[bottoms.len() / 2] * scale,
    )
}

/// Two of the engine's lines that stand over each other with baselines so close that the
/// layout would take them for one line, each then set on the baseline of its own words over
/// the other's. The engine reads a line across both columns ("Nơi nhận:" and "KT. CHỦ
/// TỊCH" beside it, set larger and lower): the line's baseline, pulled down by the
/// signature's words, meets that of the item under "Nơi nhận:", and the two were read
/// letter by letter into one ("Nơi- Nhưnhận:trên;").
fn apart(lines: &[Vec<&Word>], placed: &mut [(f32, f32)], scale: f32) {
    for i in 0..lines.len() {
        for j in i + 1..lines.len() {
            let ((size_i, base_i), (size_j, base_j)) = (placed[i], placed[j]);
            let row = ROW * size_i.max(size_j);
            if (base_i - base_j).abs() > row {
                continue;
            }
            let (a, b) = (over(&lines[i], &lines[j]), over(&lines[j], &lines[i]));
            if a.is_empty() || b.is_empty() {
                continue;
            }
            let (own_i, own_j) = (
                size_and_baseline(&a, scale).1,
                size_and_baseline(&b, scale).1,
            );
            if (own_i - own_j).abs() > row {
                placed[i].1 = own_i;
                placed[j].1 = own_j;
            }
        }
    }
}

/// The words of `of` that stand over a word of `by`.
fn over<'a>(of: &[&'a Word], by: &[&Word]) -> Vec<&'a Word> {
    of.iter()
        .copied()
        .filter(|w| by.iter().any(|v| stand_over(w, v)))
        .collect()
}

/// How near two baselines are (in font sizes) that the layout takes for one line.
const ROW: f32 = 0.4;

/// Whether two words stand over each other: they share more than a third of the narrower's
/// width.
fn stand_over(a: &Word, b: &Word) -> bool {
    let shared = (a.left + a.width).min(b.left + b.width) - a.left.max(b.left);
    shared > a.width.min(b.width) / 3.0
}

/// The words grouped by the engine's lines, in its reading order.
fn group_lines(words: &[Word]) -> Vec<Vec<&Word>> {
    let mut out: Vec<Vec<&Word>> = Vec::new();
    for w in words {
        match out.last_mut() {
            Some(line) if line[0].line == w.line => line.push(w),
            _ => out.push(vec![w]),
        }
    }
    out
}

/// A line of the engine's without the words far taller than its print's that it is unsure
/// of, at its start or its end and apart from the rest (a stamp's frame read as letters
/// beside the title, "[nó" and "rốc|" of "HỎA TỐC", 115 pixels against the title's 40):
/// on the line, they gave it their baseline and size, and the layout read the title into
/// the line under it ("xây dựngTHƯChươngMỜI"). Print is the words of two letters or more
/// the engine is sure of; tall words amid it (a title's under a seal) stay.
fn without_tall(mut line: Vec<&Word>) -> Vec<&Word> {
    let mut print: Vec<f32> = line
        .iter()
        .filter(|w| {
            w.conf >= PRINT_CONF && w.text.chars().filter(|c| c.is_alphabetic()).count() >= 2
        })
        .map(|w| w.height)
        .collect();
    if print.is_empty() {
        return line;
    }
    print.sort_by(f32::total_cmp);
    let height = print[print.len() / 2];
    let tall = |w: &Word| w.height > TALL * height && w.conf < PRINT_CONF;
    let lead = line.iter().take_while(|w| tall(w)).count();
    if lead > 0 && lead < line.len() {
        let end = line[..lead]
            .iter()
            .map(|w| w.left + w.width)
            .fold(0.0, f32::max);
        if line[lead].left - end > STAMP_GAP * height {
            line.drain(..lead);
        }
    }
    let trail = line.iter().rev().take_while(|w| tall(w)).count();
    if trail > 0 && trail < line.len() {
        let at = line.len() - trail;
        let before = &line[at - 1];
        let start = line[at..].iter().map(|w| w.left).fold(f32::MAX, f32::min);
        if start - (before.left + before.width) > STAMP_GAP * height {
            line.truncate(at);
        }
    }
    line
}

/// How far apart from a line's print (in its heights) are the tall words `without_tall`
/// leaves out.
const STAMP_GAP: f32 = 2.0;
/// How sure the engine is of print, as against a stamp's or a hand's marks.
const PRINT_CONF: f32 = 80.0;
/// How many times as tall as a line's print a word is that is no part of it.
const TALL: f32 = 2.0;

/// A line the engine read out of a stamp's handwriting, a signature or dirt ("sonuyến ni
/// xen am" beside a received stamp): it is unsure of its words, on the whole, as it never
/// is of print. Left in, it joins the paragraph it stands before and hides its first words.
fn garbage(line: &[&Word]) -> bool {
    let sum: f32 = line.iter().map(|w| w.conf.max(0.0)).sum();
    sum < GARBAGE_CONF * line.len() as f32
}

/// The mean confidence under which the engine's line is garbage.
const GARBAGE_CONF: f32 = 30.0;

/// A dash that starts a line, as long as a list's dash is (a fifth of the letters' size or
/// more, and twice as long as thick), which the engine read unsure: it is kept though it is
/// punctuation, as it marks an item of Nơi nhận or of a list, which without it would be
/// taken for a label or a paragraph's line ("- Bộ Tài chính:" at 46 %, g08).
fn list_dash(w: &Word, size: f32) -> bool {
    matches!(w.text.as_str(), "-" | "–") && w.width >= 2.0 * w.height && w.width >= 0.2 * size
}

/// A mark of dirt read as a word: punctuation or a lone letter the engine is unsure of, or
/// a lone letter Vietnamese does not write ("ñ", "ÿ": a speck over a dot) however sure.
fn speckle(w: &Word) -> bool {
    let letters = w.text.chars().filter(|c| c.is_alphanumeric()).count();
    let foreign = w
        .text
        .chars()
        .any(|c| c.is_alphabetic() && !is_vietnamese_letter(c));
    (letters == 0 && w.conf < 60.0)
        || (letters <= 1 && w.text.chars().count() <= 2 && (w.conf < 30.0 || foreign))
}

/// A letter of the Vietnamese alphabet, the four Latin letters it borrows (f, j, w, z)
/// and its marks included.
fn is_vietnamese_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || "àáâãèéêìíòóôõùúýăđĩũơưÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯ".contains(c)
        || ('\u{1ea0}'..='\u{1ef9}').contains(&c)
}

fn glyph(text: &str, x: f32, y: f32, width: f32, size: f32, seq: usize) -> Glyph {
    Glyph {
        text: text.to_string(),
        raw: None,
        font: 0,
        x,
        y,
        width,
        size,
        seq,
        stamped: false,
    }
}

/// Loads the document and takes each page's picture.
fn extract(bytes: &[u8]) -> Result<Scan, String> {
    let doc = super::load(bytes)?;
    let mut budget = Budget::default();
    let ids: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let (mut pages, mut numbers, mut turns, mut patches) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for k in chosen_pages(ids.len()) {
        if let Some((image, over)) = page_image(&doc, ids[k], &mut budget)? {
            pages.push(image);
            numbers.push(k as u32 + 1);
            turns.push(quarter_turns(&doc, ids[k])?);
            patches.push(over);
        }
    }
    Ok(Scan {
        pages,
        numbers,
        turns,
        patches,
        total: ids.len(),
    })
}

/// The pages of a scan of `total` whose pictures are read, by their index: every one up to
/// `MAX_SCAN_PAGES`, else the first `HEAD_PAGES` and the last.
pub(crate) fn chosen_pages(total: usize) -> Vec<usize> {
    match total <= MAX_SCAN_PAGES {
        true => (0..total).collect(),
        false => (0..HEAD_PAGES)
            .chain(total - (MAX_SCAN_PAGES - HEAD_PAGES)..total)
            .collect(),
    }
}

/// The quarter turns clockwise a page is shown with: its /Rotate, itself or inherited.
fn quarter_turns(doc: &Document, id: ObjectId) -> Result<u8, String> {
    let dict = doc.get_dictionary(id).map_err(|_| super::damaged())?;
    let rotate = inherited(doc, dict, b"Rotate")?
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(0);
    Ok((rotate.rem_euclid(360) / 90) as u8)
}

/// The largest image a page draws from its resources, as PNG or JPEG.
fn page_image(
    doc: &Document,
    id: ObjectId,
    budget: &mut Budget,
) -> Result<Option<(PageImage, Vec<Patch>)>, String> {
    let dict = doc.get_dictionary(id).map_err(|_| super::damaged())?;
    let media = inherited(doc, dict, b"MediaBox")?
        .map(|o| numbers(doc, Some(o)))
        .filter(|v| v.len() == 4)
        .unwrap_or_else(|| vec![0.0, 0.0, 595.0, 842.0]);
    let page_width = (media[2] - media[0]).abs().max(1.0);
    if let Some(bands) = bands(doc, id, page_width, budget)? {
        return Ok(Some(bands));
    }
    let resources = inherited(doc, dict, b"Resources")?.and_then(|o| o.as_dict().ok());
    let mut seen = 0;
    let best = resources.and_then(|r| largest_image(doc, r, 0, &mut seen));
    let Some((base, stream, width, height)) = best else {
        return Ok(None);
    };
    if width as u64 * height as u64 > MAX_PIXELS {
        return Err(refused(&format!(
            "có ảnh trang lớn quá {} triệu điểm ảnh",
            MAX_PIXELS / 1_000_000
        )));
    }
    let Some(bytes) = picture(doc, stream, width, height, budget)? else {
        return Ok(None);
    };
    let patches = match (base, quarter_turns(doc, id)?) {
        (Some(base), 0) => patches(doc, id, base, (width, height), budget)?,
        _ => Vec::new(),
    };
    let image = PageImage {
        bytes,
        width,
        height,
        scale: page_width / width as f32,
    };
    Ok(Some((image, patches)))
}

/// A page drawn as pictures side by side or one under the other (a scan printed to PDF
/// through a printer's driver, which sends a picture in bands): a blank page as large as
/// they are together, at the finest of their resolutions, and each band a patch drawn
/// whole over it, for `import::scan_pages` to draw in. None when the page draws fewer
/// than two pictures or more than `MAX_BANDS`, or any not upright, a stencil or through
/// one, or when they do not tile a box (they overlap, or leave gaps) or the largest alone
/// is most of it (a scan with a stamp beside it).
fn bands(
    doc: &Document,
    id: ObjectId,
    page_width: f32,
    budget: &mut Budget,
) -> Result<Option<(PageImage, Vec<Patch>)>, String> {
    let Ok(page) = super::page::read(doc, id, &mut super::page::Fonts::default(), budget) else {
        return Ok(None);
    };
    if page.drawn.len() < 2 || page.images > MAX_BANDS {
        return Ok(None);
    }
    let mut bands = Vec::new();
    for (object, m) in &page.drawn {
        let (Some(r), Ok(stream)) = (
            upright(m),
            doc.get_object(*object).and_then(Object::as_stream),
        ) else {
            return Ok(None);
        };
        let d = &stream.dict;
        let stencil = d
            .get(b"ImageMask")
            .and_then(Object::as_bool)
            .unwrap_or(false);
        if stencil || d.get(b"Mask").is_ok() || d.get(b"SMask").is_ok() {
            return Ok(None);
        }
        let Some((w, h)) = size_of(stream) else {
            return Ok(None);
        };
        bands.push((stream, r, w, h));
    }
    let area = |r: &[f32; 4]| (r[2] - r[0]) * (r[3] - r[1]);
    let all = bands
        .iter()
        .fold([f32::MAX, f32::MAX, f32::MIN, f32::MIN], |u, (_, r, ..)| {
            [
                u[0].min(r[0]),
                u[1].min(r[1]),
                u[2].max(r[2]),
                u[3].max(r[3]),
            ]
        });
    let whole = area(&all);
    let sum: f32 = bands.iter().map(|(_, r, ..)| area(r)).sum();
    let largest = bands.iter().map(|(_, r, ..)| area(r)).fold(0.0, f32::max);
    if whole <= 0.0 || (sum - whole).abs() > 0.05 * whole || largest > 0.8 * whole {
        return Ok(None);
    }
    // The pixels a point is, in the finest band.
    let fine = bands
        .iter()
        .map(|(_, r, w, _)| *w as f32 / (r[2] - r[0]))
        .fold(0.0, f32::max);
    // In floats first: a band a file says is a hair wide makes the resolution endless.
    let (width, height) = (
        ((all[2] - all[0]) * fine).round(),
        ((all[3] - all[1]) * fine).round(),
    );
    if !(width >= 1.0 && height >= 1.0 && width * height <= MAX_PIXELS as f32) {
        return Ok(None);
    }
    // The bands' own pixels, together, within a page's too.
    let pixels: u64 = bands.iter().map(|(_, _, w, h)| *w as u64 * *h as u64).sum();
    if pixels > MAX_PIXELS {
        return Ok(None);
    }
    let mut patches = Vec::new();
    for (stream, r, w, h) in bands {
        let Some(bytes) = picture(doc, stream, w, h, budget)? else {
            return Ok(None);
        };
        patches.push(Patch {
            image: PageImage {
                bytes,
                width: w,
                height: h,
                scale: 1.0,
            },
            mask: None,
            area: [
                (r[0] - all[0]) * fine,
                (r[1] - all[1]) * fine,
                (r[2] - all[0]) * fine,
                (r[3] - all[1]) * fine,
            ],
        });
    }
    let (width, height) = (width as u32, height as u32);
    let blank = vec![255u8; width as usize * height as usize];
    let page = PageImage {
        bytes: encode_png(&blank, width, height, png::ColorType::Grayscale),
        width,
        height,
        scale: page_width / width as f32,
    };
    Ok(Some((page, patches)))
}

/// At most this many bands a page (a driver's bands are a few dozen).
const MAX_BANDS: usize = 64;

/// An image stream's width and height, each at least one.
fn size_of(stream: &Stream) -> Option<(u32, u32)> {
    let dim = |k: &[u8]| {
        stream
            .dict
            .get(k)
            .ok()
            .and_then(|o| o.as_i64().ok())
            .filter(|v| *v > 0 && *v <= u32::MAX as i64)
            .map(|v| v as u32)
    };
    Some((dim(b"Width")?, dim(b"Height")?))
}

/// A picture a page draws over part of its scan: a scanning program that keeps the page's
/// paper and print apart (ABBYY FineReader's "mixed raster") cuts the colour parts out of
/// the page's picture, a handwritten number, the seal and the lines under it, and draws
/// them apart, each with a stencil of its ink. Without them the seal's place is blank.
#[derive(Debug, Clone, PartialEq)]
pub struct Patch {
    /// The picture.
    pub image: PageImage,
    /// Its stencil: drawn where this is black; None, drawn whole (a band of a page drawn
    /// in bands).
    pub mask: Option<PageImage>,
    /// Where it lies on the scan's picture: left, top, right and bottom in its pixels.
    pub area: [f32; 4],
}

/// The pictures page `id` draws over its scan (the image `base`, of `size` pixels) through
/// a stencil, with it: at most `MAX_PATCHES`, each upright and within `MAX_PATCH_PIXELS`,
/// none when the page is not drawn so (a page that turns its scan, or does not draw it
/// upright).
fn patches(
    doc: &Document,
    id: ObjectId,
    base: ObjectId,
    size: (u32, u32),
    budget: &mut Budget,
) -> Result<Vec<Patch>, String> {
    let Ok(page) = super::page::read(doc, id, &mut super::page::Fonts::default(), budget) else {
        return Ok(Vec::new());
    };
    if page.drawn.len() < 2 {
        return Ok(Vec::new());
    }
    let Some(at) = page
        .drawn
        .iter()
        .find(|(i, _)| *i == base)
        .and_then(|(_, m)| upright(m))
    else {
        return Ok(Vec::new());
    };
    // The scan's pixels a point of the page is.
    let (sx, sy) = (
        size.0 as f32 / (at[2] - at[0]),
        size.1 as f32 / (at[3] - at[1]),
    );
    let mut out = Vec::new();
    for (other, m) in &page.drawn {
        if *other == base || out.len() >= MAX_PATCHES {
            continue;
        }
        let (Some(r), Ok(stream)) = (
            upright(m),
            doc.get_object(*other).and_then(Object::as_stream),
        ) else {
            continue;
        };
        let area = [
            (r[0] - at[0]) * sx,
            (r[1] - at[1]) * sy,
            (r[2] - at[0]) * sx,
            (r[3] - at[1]) * sy,
        ];
        // A patch wholly off the scan, or as large as it (a second page's scan), is none.
        let off = area[2] <= 0.0
            || area[3] <= 0.0
            || area[0] >= size.0 as f32
            || area[1] >= size.1 as f32;
        let whole =
            (area[2] - area[0]) * (area[3] - area[1]) >= 0.9 * size.0 as f32 * size.1 as f32;
        if off || whole {
            continue;
        }
        // A part cut out of the page has a stencil of its ink; a picture with shades of
        // see-through (an e-office system's seal of its signature in the margin) is
        // drawn over the page, not part of it, and the engine reads the page's lines
        // beside it worse.
        let Some(stencil) = stream
            .dict
            .get(b"Mask")
            .ok()
            .and_then(|o| o.as_reference().ok())
        else {
            continue;
        };
        let Ok(mask) = doc.get_object(stencil).and_then(Object::as_stream) else {
            continue;
        };
        let (Some(image), Some(mask)) = (
            small_picture(doc, stream, budget)?,
            small_picture(doc, mask, budget)?,
        ) else {
            continue;
        };
        out.push(Patch {
            image,
            mask: Some(mask),
            area,
        });
    }
    Ok(out)
}

/// The box (left, top, right, bottom, in points of the page as seen) an image drawn with
/// `m` fills, when it is drawn upright: not turned, mirrored or slanted.
fn upright(m: &super::page::Matrix) -> Option<[f32; 4]> {
    let [a, b, c, d, e, f] = *m;
    // The image's first row is at the top of its unit square: its top left is (0, 1).
    (a > 0.0 && d < 0.0 && b.abs() < 1e-3 * a && c.abs() < 1e-3 * -d).then_some([
        e,
        f + d,
        e + a,
        f,
    ])
}

/// An image stream as PNG or JPEG bytes, when it is at most `MAX_PATCH_PIXELS`.
fn small_picture(
    doc: &Document,
    stream: &Stream,
    budget: &mut Budget,
) -> Result<Option<PageImage>, String> {
    let Some((width, height)) = size_of(stream) else {
        return Ok(None);
    };
    if width as u64 * height as u64 > MAX_PATCH_PIXELS {
        return Ok(None);
    }
    Ok(
        picture(doc, stream, width, height, budget)?.map(|bytes| PageImage {
            bytes,
            width,
            height,
            scale: 1.0,
        }),
    )
}

/// At most this many patches a page.
const MAX_PATCHES: usize = 16;
/// At most this many pixels a patch (or its mask): a quarter of an A4 page at 300 dpi.
const MAX_PATCH_PIXELS: u64 = 2_200_000;

/// The largest image (not a mask) that resources draw, with its width and height: their
/// own, or one a form they draw draws (a page an e-office system stamped or signed is often
/// its scanned page wrapped in a form, the stamp beside it), up to `MAX_FORM_DEPTH` forms
/// deep and `MAX_XOBJECTS` objects looked at.
fn largest_image<'a>(
    doc: &'a Document,
    resources: &'a lopdf::Dictionary,
    depth: usize,
    seen: &mut usize,
) -> Option<(Option<ObjectId>, &'a Stream, u32, u32)> {
    let xobjects = resources
        .get(b"XObject")
        .ok()
        .and_then(|o| doc.dereference(o).ok().map(|(_, o)| o))
        .and_then(|o| o.as_dict().ok())?;
    let mut best: Option<(Option<ObjectId>, &Stream, u32, u32)> = None;
    for (_, o) in xobjects.iter() {
        *seen += 1;
        if *seen > MAX_XOBJECTS {
            break;
        }
        let Some((id, Object::Stream(s))) = doc.dereference(o).ok() else {
            continue;
        };
        let subtype = s.dict.get(b"Subtype").and_then(Object::as_name).ok();
        let found = match subtype {
            Some(b"Image") => {
                let mask = s
                    .dict
                    .get(b"ImageMask")
                    .and_then(Object::as_bool)
                    .unwrap_or(false);
                let dim = |k: &[u8]| {
                    s.dict
                        .get(k)
                        .ok()
                        .and_then(|o| o.as_i64().ok())
                        .filter(|v| *v > 0)
                        .map(|v| v.min(u32::MAX as i64) as u32)
                };
                match (mask, dim(b"Width"), dim(b"Height")) {
                    (false, Some(w), Some(h)) => Some((id, s, w, h)),
                    _ => None,
                }
            }
            Some(b"Form") if depth < MAX_FORM_DEPTH => s
                .dict
                .get(b"Resources")
                .ok()
                .and_then(|o| doc.dereference(o).ok().map(|(_, o)| o))
                .and_then(|o| o.as_dict().ok())
                .and_then(|r| largest_image(doc, r, depth + 1, seen)),
            _ => None,
        };
        // Sizes as a file says them, multiplied in 64 bits: a lying size cannot overflow.
        if let Some((id, s, w, h)) = found {
            if best.is_none_or(|(_, _, bw, bh)| w as u64 * h as u64 > bw as u64 * bh as u64) {
                best = Some((id, s, w, h));
            }
        }
    }
    best
}

/// How many forms within forms `largest_image` opens.
const MAX_FORM_DEPTH: usize = 4;
/// How many objects of a page's resources `largest_image` looks at, forms' included.
const MAX_XOBJECTS: usize = 256;

/// An image stream as PNG or JPEG bytes; none for a kind the engine cannot be given.
fn picture(
    doc: &Document,
    stream: &Stream,
    width: u32,
    height: u32,
    budget: &mut Budget,
) -> Result<Option<Vec<u8>>, String> {
    let filters: Vec<Vec<u8>> = stream
        .filters()
        .unwrap_or_default()
        .into_iter()
        .map(|f| f.to_vec())
        .collect();
    let last = filters.last().map(Vec::as_slice);
    let parms = stream
        .dict
        .get(b"DecodeParms")
        .ok()
        .and_then(|o| doc.dereference(o).ok().map(|(_, o)| o))
        .and_then(|o| match o {
            Object::Array(a) => a
                .last()
                .and_then(|o| doc.dereference(o).ok().map(|(_, o)| o)),
            o => Some(o),
        })
        .and_then(|o| o.as_dict().ok());
    let int = |k: &[u8], d: i64| {
        parms
            .and_then(|p| p.get(k).ok())
            .and_then(|o| o.as_i64().ok())
            .unwrap_or(d)
    };
    let flag = |k: &[u8], d: bool| {
        parms
            .and_then(|p| p.get(k).ok())
            .and_then(|o| o.as_bool().ok())
            .unwrap_or(d)
    };
    // A /Decode of [1 0] draws black where the samples say white.
    let inverted = numbers(doc, stream.dict.get(b"Decode").ok()).first() == Some(&1.0);
    // Filters before the image's own (a JPEG deflated again) are undone first.
    let mut data = || -> Result<Vec<u8>, String> {
        if filters.len() <= 1 {
            return Ok(stream.content.clone());
        }
        let mut inner = stream.clone();
        let mut all = filters.clone();
        all.pop();
        inner.dict.set(
            "Filter",
            Object::Array(all.into_iter().map(Object::Name).collect()),
        );
        inner.dict.remove(b"DecodeParms");
        budget.inflate(&inner)
    };
    match last {
        Some(b"DCTDecode") => Ok(Some(data()?)),
        Some(b"CCITTFaxDecode") => {
            let k = int(b"K", 0);
            let settings = hayro_ccitt::DecodeSettings {
                columns: int(b"Columns", 1728).clamp(1, width as i64) as u32,
                rows: int(b"Rows", height as i64).clamp(1, height as i64) as u32,
                end_of_block: flag(b"EndOfBlock", true),
                end_of_line: flag(b"EndOfLine", false),
                rows_are_byte_aligned: flag(b"EncodedByteAlign", false),
                encoding: match k {
                    k if k < 0 => hayro_ccitt::EncodingMode::Group4,
                    0 => hayro_ccitt::EncodingMode::Group3_1D,
                    k => hayro_ccitt::EncodingMode::Group3_2D { k: k as u32 },
                },
                invert_black: flag(b"BlackIs1", false),
            };
            let mut bits = Bits::new(width, height, inverted);
            let mut ctx = hayro_ccitt::DecoderContext::new(settings);
            // A stream cut short keeps the rows decoded before the break.
            let _ = hayro_ccitt::decode(&data()?, &mut bits, &mut ctx);
            Ok(Some(bits.png()))
        }
        Some(b"JBIG2Decode") => {
            let globals = parms
                .and_then(|p| p.get(b"JBIG2Globals").ok())
                .and_then(|o| doc.dereference(o).ok().map(|(_, o)| o))
                .and_then(|o| o.as_stream().ok())
                .map(|s| {
                    s.decompressed_content()
                        .unwrap_or_else(|_| s.content.clone())
                });
            let data = data()?;
            let image = hayro_jbig2::Image::new_embedded(&data, globals.as_deref())
                .map_err(|e| format!("ảnh JBIG2 hỏng: {e:?}"))?;
            if image.width() as u64 * image.height() as u64 > MAX_PIXELS {
                return Err(refused("có ảnh JBIG2 quá lớn"));
            }
            // JBIG2 pushes black as true; the bits hold white as true.
            let mut bits = Bits::new(image.width(), image.height(), !inverted);
            image
                .decode(&mut bits)
                .map_err(|e| format!("ảnh JBIG2 hỏng: {e:?}"))?;
            Ok(Some(bits.png()))
        }
        Some(b"JPXDecode") => {
            let data = data()?;
            let settings = hayro_jpeg2000::DecodeSettings::default();
            let image = hayro_jpeg2000::Image::new(&data, &settings)
                .map_err(|e| format!("ảnh JPEG 2000 hỏng: {e:?}"))?;
            let (w, h) = (image.width(), image.height());
            if w as u64 * h as u64 > MAX_PIXELS {
                return Err(refused("có ảnh JPEG 2000 quá lớn"));
            }
            let channels = match image.color_space() {
                hayro_jpeg2000::ColorSpace::Gray => 1,
                hayro_jpeg2000::ColorSpace::RGB => 3,
                hayro_jpeg2000::ColorSpace::Icc { num_channels, .. }
                    if matches!(num_channels, 1 | 3) =>
                {
                    *num_channels as usize
                }
                _ => return Ok(None),
            };
            let alpha = usize::from(image.has_alpha());
            let mut ctx = hayro_jpeg2000::DecoderContext::default();
            let decoded = image
                .decode(&mut ctx)
                .map_err(|e| format!("ảnh JPEG 2000 hỏng: {e:?}"))?;
            let mut samples = decoded.data_u8();
            // The alpha channel, last of each pixel, is no part of the page.
            if alpha > 0 {
                samples = samples
                    .chunks_exact(channels + alpha)
                    .flat_map(|p| p[..channels].iter().copied())
                    .collect();
            }
            Ok(raw_png(&samples, w, h, 8, channels, inverted))
        }
        None | Some(b"FlateDecode") | Some(b"LZWDecode") | Some(b"RunLengthDecode") => {
            let raw = budget.inflate(stream)?;
            let bpc = stream
                .dict
                .get(b"BitsPerComponent")
                .ok()
                .and_then(|o| o.as_i64().ok())
                .unwrap_or(8);
            let space = match stream.dict.get(b"ColorSpace") {
                Ok(o) => colour_space(doc, o, 0),
                Err(_) => Space::Grey,
            };
            let (w, h, bpc) = (width as usize, height as usize, bpc as u8);
            Ok(match space {
                Space::Grey => raw_png(&raw, width, height, bpc, 1, inverted),
                Space::Rgb => raw_png(&raw, width, height, bpc, 3, inverted),
                Space::Cmyk if bpc == 8 && raw.len() >= w * h * 4 => {
                    let rgb: Vec<u8> = raw[..w * h * 4]
                        .chunks_exact(4)
                        .flat_map(cmyk_rgb)
                        .collect();
                    raw_png(&rgb, width, height, 8, 3, inverted)
                }
                Space::Indexed(base, palette) => {
                    indexed_png(&raw, width, height, bpc, base, &palette, inverted)
                }
                _ => None,
            })
        }
        _ => Ok(None),
    }
}

/// The colour space of a page image drawn from its samples, as far as a scan needs it.
#[derive(Debug, Clone, PartialEq)]
enum Space {
    /// One component a pixel (DeviceGray, CalGray, an ICC profile of one).
    Grey,
    /// Red, green and blue (DeviceRGB, CalRGB, an ICC profile of three).
    Rgb,
    /// Cyan, magenta, yellow and black.
    Cmyk,
    /// A palette of the base's colours, each sample an index into it.
    Indexed(Base, Vec<u8>),
    /// Any other (Lab, a separation): the page is not taken.
    Other,
}

/// The colours a palette holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Base {
    Grey,
    Rgb,
    Cmyk,
}

impl Base {
    /// The bytes of one colour.
    fn size(self) -> usize {
        match self {
            Base::Grey => 1,
            Base::Rgb => 3,
            Base::Cmyk => 4,
        }
    }
}

/// An image's /ColorSpace: a name, or an array (an ICC profile by its /N, a palette with
/// its base and its colours as a string or a stream). `depth` bounds a palette's base.
fn colour_space(doc: &Document, object: &Object, depth: u8) -> Space {
    let Ok((_, object)) = doc.dereference(object) else {
        return Space::Other;
    };
    let by_name = |name: &[u8]| match name {
        b"DeviceGray" | b"CalGray" | b"G" => Space::Grey,
        b"DeviceRGB" | b"CalRGB" | b"RGB" => Space::Rgb,
        b"DeviceCMYK" | b"CMYK" => Space::Cmyk,
        _ => Space::Other,
    };
    if let Ok(name) = object.as_name() {
        return by_name(name);
    }
    let Ok(array) = object.as_array() else {
        return Space::Other;
    };
    let Some(Ok(kind)) = array.first().map(Object::as_name) else {
        return Space::Other;
    };
    match kind {
        b"ICCBased" => {
            let n = array
                .get(1)
                .and_then(|o| doc.dereference(o).ok())
                .and_then(|(_, o)| o.as_stream().ok())
                .and_then(|s| s.dict.get(b"N").ok()?.as_i64().ok());
            match n {
                Some(1) => Space::Grey,
                Some(3) => Space::Rgb,
                Some(4) => Space::Cmyk,
                _ => Space::Other,
            }
        }
        b"Indexed" | b"I" if depth == 0 => {
            let base = match array.get(1).map(|o| colour_space(doc, o, depth + 1)) {
                Some(Space::Grey) => Base::Grey,
                Some(Space::Rgb) => Base::Rgb,
                Some(Space::Cmyk) => Base::Cmyk,
                _ => return Space::Other,
            };
            let palette = match array.get(3).map(|o| doc.dereference(o)) {
                Some(Ok((_, Object::String(bytes, _)))) => bytes.clone(),
                Some(Ok((_, Object::Stream(stream)))) => stream
                    .decompressed_content()
                    .unwrap_or_else(|_| stream.content.clone()),
                _ => return Space::Other,
            };
            Space::Indexed(base, palette)
        }
        b"CalGray" | b"CalRGB" => by_name(kind),
        _ => Space::Other,
    }
}

/// Cyan, magenta, yellow and black as red, green and blue, the simple way: enough to read
/// ink on paper.
fn cmyk_rgb(p: &[u8]) -> [u8; 3] {
    let k = 255 - p[3] as u32;
    let one = |c: u8| ((255 - c as u32) * k / 255) as u8;
    [one(p[0]), one(p[1]), one(p[2])]
}

/// The samples of `bpc` bits (1, 2, 4 or 8), each row starting on a byte, one a byte;
/// None when the data is short or the depth another.
fn unpacked(raw: &[u8], w: usize, h: usize, bpc: u8) -> Option<Vec<u8>> {
    if !matches!(bpc, 1 | 2 | 4 | 8) {
        return None;
    }
    let bits = bpc as usize;
    let stride = (w * bits).div_ceil(8);
    if raw.len() < stride * h {
        return None;
    }
    let mask = ((1u16 << bits) - 1) as u8;
    let mut out = Vec::with_capacity(w * h);
    for row in raw.chunks_exact(stride).take(h) {
        for x in 0..w {
            let at = x * bits;
            out.push(row[at / 8] >> (8 - bits - at % 8) & mask);
        }
    }
    Some(out)
}

/// A palette image as an 8-bit PNG in its base's grey or colours; an index past the
/// palette is black.
fn indexed_png(
    raw: &[u8],
    width: u32,
    height: u32,
    bpc: u8,
    base: Base,
    palette: &[u8],
    inverted: bool,
) -> Option<Vec<u8>> {
    let size = base.size();
    let black = [0, 0, 0, 255];
    let mut pixels = Vec::new();
    for i in unpacked(raw, width as usize, height as usize, bpc)? {
        let at = i as usize * size;
        let entry = palette.get(at..at + size).unwrap_or(match base {
            Base::Cmyk => &black,
            _ => &black[..size],
        });
        match base {
            Base::Grey => pixels.push(entry[0]),
            Base::Rgb => pixels.extend_from_slice(entry),
            Base::Cmyk => pixels.extend(cmyk_rgb(entry)),
        }
    }
    let channels = if base == Base::Grey { 1 } else { 3 };
    raw_png(&pixels, width, height, 8, channels, inverted)
}

/// A bilevel picture filled pixel by pixel by a decoder, one byte a pixel (0 black, 255
/// white), written as 8-bit grey PNG.
struct Bits {
    width: u32,
    height: u32,
    pixels: Vec<u8>,
    row: Vec<u8>,
    /// The decoder's true means black, not white.
    flipped: bool,
}

impl Bits {
    fn new(width: u32, height: u32, flipped: bool) -> Bits {
        Bits {
            width,
            height,
            pixels: Vec::with_capacity(width as usize * height as usize),
            row: Vec::with_capacity(width as usize),
            flipped,
        }
    }

    fn push(&mut self, white: bool, n: usize) {
        let v = if white != self.flipped { 255 } else { 0 };
        let room = (self.width as usize).saturating_sub(self.row.len());
        self.row.extend(std::iter::repeat_n(v, n.min(room)));
    }

    fn end_row(&mut self) {
        if self.pixels.len() / (self.width.max(1) as usize) < self.height as usize {
            self.row.resize(self.width as usize, 255);
            self.pixels.extend_from_slice(&self.row);
        }
        self.row.clear();
    }

    fn png(mut self) -> Vec<u8> {
        self.pixels
            .resize(self.width as usize * self.height as usize, 255);
        encode_png(
            &self.pixels,
            self.width,
            self.height,
            png::ColorType::Grayscale,
        )
    }
}

impl hayro_ccitt::Decoder for Bits {
    fn push_pixel(&mut self, white: bool) {
        self.push(white, 1);
    }
    fn push_pixel_chunk(&mut self, white: bool, chunk_count: u32) {
        self.push(white, chunk_count as usize * 8);
    }
    fn next_line(&mut self) {
        self.end_row();
    }
}

impl hayro_jbig2::Decoder for Bits {
    fn push_pixel(&mut self, black: bool) {
        self.push(black, 1);
    }
    fn push_pixel_chunk(&mut self, black: bool, chunk_count: u32) {
        self.push(black, chunk_count as usize * 8);
    }
    fn next_line(&mut self) {
        self.end_row();
    }
}

/// Raw samples (1 or 8 bits, grey or RGB) as PNG; none when they are too few.
fn raw_png(
    raw: &[u8],
    width: u32,
    height: u32,
    bpc: u8,
    channels: usize,
    inverted: bool,
) -> Option<Vec<u8>> {
    let (w, h) = (width as usize, height as usize);
    let mut pixels = Vec::with_capacity(w * h * channels);
    match (bpc, channels) {
        (1, 1) => {
            let stride = w.div_ceil(8);
            if raw.len() < stride * h {
                return None;
            }
            for y in 0..h {
                for x in 0..w {
                    let bit = raw[y * stride + x / 8] >> (7 - x % 8) & 1;
                    pixels.push(if (bit == 1) != inverted { 255 } else { 0 });
                }
            }
        }
        (8, c) => {
            if raw.len() < w * h * c {
                return None;
            }
            pixels.extend(
                raw[..w * h * c]
                    .iter()
                    .map(|v| if inverted { 255 - v } else { *v }),
            );
        }
        _ => return None,
    }
    let color = if channels == 3 {
        png::ColorType::Rgb
    } else {
        png::ColorType::Grayscale
    };
    Some(encode_png(&pixels, width, height, color))
}

fn encode_png(pixels: &[u8], width: u32, height: u32, color: png::ColorType) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(color);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    if let Ok(mut writer) = encoder.write_header() {
        let _ = writer.write_image_data(pixels);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lines of a page whose engine's TSV has `rows` under its head.
    fn check(rows: &[String], expected: &[&str]) {
        assert_eq!(check_lines(rows), expected);
    }

    fn row(block: u32, line: u32, left: u32, top: u32, w: u32, conf: u32, text: &str) -> String {
        format!("5\t1\t{block}\t1\t{line}\t1\t{left}\t{top}\t{w}\t40\t{conf}\t{text}\n")
    }

    /// A word of the engine's `block` (one line each) in its box: left, top, width, height.
    fn boxed(block: u32, (left, top, w, h): (u32, u32, u32, u32), conf: u32, text: &str) -> String {
        format!("5\t1\t{block}\t1\t1\t1\t{left}\t{top}\t{w}\t{h}\t{conf}\t{text}\n")
    }

    /// Whether words of `text` read `across` (wide boxes) or down, each as sure as `conf`,
    /// read upright, and the turns to try.
    fn check_turn(words: &[(&str, bool, f32)], expected: (bool, [u8; 3])) {
        let words: Vec<Word> = words
            .iter()
            .map(|(text, across, conf)| Word {
                text: text.to_string(),
                left: 0.0,
                top: 0.0,
                width: if *across { 100.0 } else { 20.0 },
                height: if *across { 20.0 } else { 100.0 },
                conf: *conf,
                line: (1, 1, 1),
            })
            .collect();
        assert_eq!((reads_upright(&words), turns_to_try(&words)), expected);
    }

    #[test]
    fn exif_orientation_is_read_in_either_byte_order() {
        // A TIFF header, its first directory at 8, one entry: Orientation, a short, 6.
        let little =
            b"II*\x00\x08\x00\x00\x00\x01\x00\x12\x01\x03\x00\x01\x00\x00\x00\x06\x00\x00\x00";
        let big =
            b"MM\x00*\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x03\x00\x00";
        assert_eq!(orientation(little), Some(6));
        assert_eq!(orientation(big), Some(3));
        // Cut short, or no TIFF: none; a PNG asks no turn.
        assert_eq!(orientation(&little[..19]), None);
        assert_eq!(orientation(b"XX*"), None);
        assert_eq!(exif_turns(b"\x89PNG\r\n\x1a\n"), 0);
    }

    #[test]
    fn a_page_read_unsure_or_down_its_lines_is_turned() {
        let many = |text, across, conf| vec![(text, across, conf); 20];
        // Upright: sure words along the lines; a little text is not judged.
        check_turn(&many("những", true, 95.0), (true, [2, 1, 3]));
        check_turn(&[("ẤĨ", true, 10.0)], (true, [2, 1, 3]));
        // Upside down: most of it unsure; turned a quarter clockwise: sure, down the page.
        check_turn(&many("ủnp", true, 30.0), (false, [2, 1, 3]));
        check_turn(&many("những", false, 95.0), (false, [3, 2, 1]));
    }

    #[test]
    fn words_on_one_baseline_are_one_line_and_speckles_go() {
        let rows = [
            row(1, 1, 200, 200, 100, 95, "Kính"),
            row(1, 1, 320, 202, 80, 95, "gửi:"),
            row(1, 1, 420, 200, 10, 20, "‡"),
            row(1, 2, 200, 300, 200, 90, "Các"),
            // g02 enlarged from 150 dpi: a speck after the line read a sure "ñ"; a lone
            // Vietnamese letter read as surely stays.
            row(1, 2, 420, 300, 20, 80, "ñ"),
            row(1, 3, 200, 400, 20, 80, "Ở"),
        ];
        check(&rows, &["Kính gửi:", "Các", "Ở"]);
    }

    #[test]
    fn the_line_under_one_read_across_both_columns_stays_apart() {
        // f21 as printed to a picture: the engine read "Nơi nhận:" with the signature's
        // "KT. CHỦ TỊCH", larger and lower, whose words pulled the line's baseline down to
        // that of "- Như trên;" under it.
        let rows = [
            boxed(16, (222, 1809, 9, 3), 93, "-"),
            boxed(16, (239, 1796, 56, 24), 96, "Như"),
            boxed(16, (303, 1799, 53, 27), 96, "trên;"),
            boxed(17, (221, 1758, 56, 25), 76, "Nơi"),
            boxed(17, (284, 1761, 82, 30), 96, "nhận:"),
            boxed(17, (1031, 1780, 57, 42), 96, "KT."),
            boxed(17, (1100, 1775, 77, 50), 96, "CHỦ"),
            boxed(17, (1187, 1785, 90, 33), 96, "TỊCH"),
        ];
        let lines = check_lines(&rows);
        assert!(lines.contains(&"Nơi nhận:".to_string()), "{lines:?}");
        assert!(lines.contains(&"- Như trên;".to_string()), "{lines:?}");
        // Two lines of one column, a line apart, and lines of two columns on one baseline:
        // as before.
        let rows = [
            boxed(1, (100, 100, 200, 40), 96, "SỞ"),
            boxed(2, (900, 110, 200, 40), 96, "ĐỘC"),
            boxed(3, (100, 160, 200, 40), 96, "Số:"),
        ];
        assert_eq!(check_lines(&rows), ["SỞ", "Số:", "ĐỘC"]);
    }

    #[test]
    fn a_stamp_s_frame_read_on_the_title_s_line_does_not_join_it_to_the_next() {
        // g07 rendered again at 200 dpi: "HỎA TỐC" in its frame, read as two tall words the
        // engine was unsure of, on the line of "THƯ MỜI" over the trích yếu.
        let rows = [
            boxed(7, (266, 190, 87, 115), 0, "[nó"),
            boxed(7, (419, 190, 116, 115), 66, "rốc|"),
            boxed(7, (769, 256, 98, 36), 92, "THƯ"),
            boxed(7, (877, 253, 91, 41), 96, "MỜI"),
            boxed(8, (265, 301, 60, 36), 96, "Hội"),
            boxed(8, (337, 304, 71, 34), 96, "nghị"),
            boxed(8, (420, 296, 48, 43), 91, "lấy"),
            boxed(8, (479, 305, 18, 35), 97, "ý"),
            boxed(8, (509, 298, 68, 35), 96, "kiến"),
            boxed(8, (590, 307, 58, 36), 96, "góp"),
            boxed(8, (659, 308, 18, 43), 80, "ý"),
            boxed(8, (688, 308, 56, 44), 96, "xây"),
            boxed(8, (756, 310, 83, 36), 96, "dựng"),
            boxed(8, (851, 311, 131, 37), 96, "Chương"),
        ];
        assert_eq!(
            check_lines(&rows),
            ["THƯ MỜI", "Hội nghị lấy ý kiến góp ý xây dựng Chương"]
        );
        // Tall words it is sure of, or on a line of their own, stay.
        let rows = [
            boxed(7, (266, 190, 200, 115), 95, "QUYẾT"),
            boxed(7, (769, 256, 98, 36), 92, "THƯ"),
            boxed(8, (265, 400, 60, 115), 50, "[nó"),
        ];
        assert_eq!(check_lines(&rows), ["QUYẾT THƯ", "[nó"]);
        // Nor does a tall word beside the print: a title's under a seal (f08 printed).
        let rows = [
            boxed(7, (1000, 190, 40, 86), 7, "in"),
            boxed(7, (1050, 200, 90, 70), 74, "CHỮ"),
            boxed(7, (1150, 220, 90, 35), 96, "TỊCH"),
            boxed(7, (1250, 220, 90, 35), 96, "TỈNH"),
        ];
        assert_eq!(check_lines(&rows), ["in CHỮ TỊCH TỈNH"]);
    }

    #[test]
    fn a_word_boxed_over_the_next_one_stays_a_word_of_its_own() {
        // f23 degraded: "HỌC" boxed up to the middle of "ĐÀ".
        let rows = [
            row(1, 1, 301, 178, 58, 96, "ĐẠI"),
            row(1, 1, 371, 169, 132, 96, "HỌC"),
            row(1, 1, 462, 165, 42, 96, "ĐÀ"),
            row(1, 1, 513, 169, 103, 90, "NẴNG"),
        ];
        check(&rows, &["ĐẠI HỌC ĐÀ NẴNG"]);
    }

    #[test]
    fn the_sparse_look_adds_what_the_first_lacks_and_replaces_its_marks() {
        // g08: "...N" at 0 %, two lines tall, over the sparse look's "Như trên"; "chính:"
        // read unsure beside sure words keeps its place; a signature's name beside a seal.
        let head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n";
        let words = |rows: &[String]| words_from_tsv(&format!("{head}{}", rows.concat()));
        let first = words(&[
            boxed(1, (100, 100, 300, 40), 96, "CÔNG VĂN"),
            boxed(7, (443, 2118, 268, 85), 0, "...N"),
            boxed(8, (497, 2181, 20, 28), 46, "Bộ"),
            boxed(8, (604, 2182, 109, 46), 0, "chính:"),
        ]);
        let sparse = words(&[
            boxed(28, (467, 2118, 74, 32), 96, "Như"),
            boxed(28, (559, 2124, 67, 26), 97, "trên"),
            boxed(29, (604, 2182, 109, 40), 90, "chính;"),
            boxed(30, (1500, 2500, 200, 40), 95, "Nguyễn"),
            boxed(30, (1720, 2500, 50, 40), 40, "An"),
        ]);
        let texts: Vec<String> = with_sparse(&first, &sparse)
            .into_iter()
            .map(|w| w.text)
            .collect();
        assert_eq!(texts, ["CÔNG VĂN", "Bộ", "chính:", "Như", "trên", "Nguyễn"]);
    }

    #[test]
    fn small_type_read_as_one_line_with_the_column_beside_it_is_read_again() {
        // g08 at 300 dpi: "- Như trên;" and "- Bộ Tài chính;" beside "KT. CHÁNH VĂN PHÒNG"
        // and "PHÓ CHÁNH VĂN PHÒNG", read as two lines of each column.
        let head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n";
        let words = |rows: &[String]| words_from_tsv(&format!("{head}{}", rows.concat()));
        let first = words(&[
            boxed(1, (443, 2136, 11, 4), 92, "-"),
            boxed(1, (467, 2118, 90, 85), 18, "si"),
            boxed(1, (560, 2124, 96, 69), 14, "in"),
            boxed(1, (1455, 2138, 86, 37), 93, "KT."),
            boxed(1, (1560, 2126, 196, 50), 92, "CHÁNH"),
            boxed(1, (1772, 2128, 113, 48), 96, "VĂN"),
            boxed(2, (443, 2181, 74, 28), 0, "Đố"),
            boxed(2, (561, 2183, 27, 20), 45, "Tới"),
            boxed(2, (1442, 2188, 112, 50), 93, "PHÓ"),
            boxed(2, (1572, 2189, 196, 50), 92, "CHÁNH"),
            // A line of one column, and one whose gap parts two sure sides.
            boxed(3, (468, 2224, 65, 39), 88, "CT,"),
            boxed(3, (551, 2224, 79, 33), 91, "PCT"),
            boxed(4, (100, 300, 200, 40), 30, "UBND"),
            boxed(4, (900, 300, 200, 40), 95, "CỘNG"),
        ]);
        // The two lines' unsure sides make one area; the header's unsure side is one too.
        let areas = mixed_lines(&first);
        assert_eq!(
            areas,
            [[443.0, 2118.0, 656.0, 2209.0], [100.0, 300.0, 300.0, 340.0]]
        );
        // Read on its own (the strip's top left corner at 420, 2100 on the page): each
        // line sure, in the small type's place.
        let again = words(&[
            boxed(1, (23, 36, 11, 4), 93, "-"),
            boxed(1, (47, 20, 60, 30), 96, "Như"),
            boxed(1, (120, 20, 60, 30), 94, "trên;"),
            boxed(2, (47, 80, 40, 30), 95, "Bộ"),
            boxed(2, (95, 80, 40, 30), 96, "Tài"),
            boxed(2, (140, 80, 70, 30), 96, "chính:"),
        ]);
        let texts =
            |words: &[Word]| -> Vec<String> { words.iter().map(|w| w.text.clone()).collect() };
        let mended = with_reread(&first, areas[0], [420.0, 2100.0], &again);
        assert_eq!(
            texts(&mended),
            [
                "-", "KT.", "CHÁNH", "VĂN", "PHÓ", "CHÁNH", "CT,", "PCT", "UBND", "CỘNG", "Như",
                "trên;", "Bộ", "Tài", "chính:"
            ]
        );
        let moved = &mended[10];
        assert_eq!((moved.left, moved.top), (467.0, 2120.0));
        // A line read again with a word the engine is unsure of is not taken; one that
        // reads again a word the first reading was sure of (the area cut through its line)
        // is not either; with none taken, nothing changes.
        let unsure = words(&[
            boxed(1, (47, 20, 60, 30), 96, "Như"),
            boxed(1, (120, 20, 60, 30), 20, "trê"),
            boxed(2, (1022, 38, 86, 37), 93, "KT."),
            boxed(2, (1140, 26, 196, 50), 92, "CHÁNH"),
        ]);
        assert_eq!(
            texts(&with_reread(&first, areas[0], [420.0, 2100.0], &unsure)),
            texts(&first)
        );
    }

    #[test]
    fn the_signature_is_looked_for_on_the_last_page_read_as_text() {
        // f21: a sheet scanned on both sides, its back blank but for a speck or two.
        let head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n";
        let words = |rows: &[String]| words_from_tsv(&format!("{head}{}", rows.concat()));
        let text = words(&[
            boxed(1, (100, 100, 300, 40), 96, "Nơi"),
            boxed(1, (420, 100, 300, 40), 96, "nhận:"),
            boxed(2, (1500, 2500, 200, 40), 95, "Nguyễn"),
        ]);
        let specks = words(&[
            boxed(1, (10, 10, 30, 30), 20, "ÈN"),
            boxed(1, (9, 9, 9, 9), 90, ","),
        ]);
        let pages = |all: &[&Vec<Word>]| -> Vec<(f32, Vec<Word>)> {
            all.iter().map(|w| (1.0, w.to_vec())).collect()
        };
        assert_eq!(signed_page(&pages(&[&text, &specks])), 0);
        assert_eq!(signed_page(&pages(&[&specks, &text, &text, &specks])), 2);
        assert_eq!(signed_page(&pages(&[&text, &text])), 1);
        // None read as text: the last, as before.
        assert_eq!(signed_page(&pages(&[&specks, &specks])), 1);
        assert_eq!(signed_page(&[]), 0);
    }

    #[test]
    fn a_name_cut_short_is_read_again_from_six_heights_left_of_it() {
        // f01 degraded: "Thị" boxed with the seal's ring above it; g04's name.
        let head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n";
        let rows = [
            boxed(1, (1000, 900, 200, 40), 96, "Thị"),
            boxed(2, (1100, 1160, 60, 90), 96, "Thị"),
            boxed(2, (1170, 1206, 100, 44), 96, "Minh"),
            boxed(2, (1280, 1207, 90, 43), 96, "Hiếu"),
        ];
        let words = words_from_tsv(&format!("{head}{}", rows.concat()));
        let area = name_strip(&words, "Thị Minh Hiếu", (0.4, 6.0)).unwrap();
        assert_eq!(
            area,
            [
                1100.0 - 6.0 * 44.0,
                1206.0 - 0.4 * 44.0,
                1370.0 + 22.0,
                1250.0 + 0.3 * 44.0
            ]
        );
        // The lowest run of the words; words not read, or too few: none.
        assert_eq!(
            name_strip(&words, "Thị Minh", (0.1, 4.0)).map(|a| a[1]),
            Some(1206.0 - 0.1 * 44.0)
        );
        assert_eq!(name_strip(&words, "Lê Văn An", (0.4, 6.0)), None);
        assert_eq!(name_strip(&words[..1], "Thị Minh", (0.4, 6.0)), None);
    }

    #[test]
    fn the_name_is_looked_for_under_the_lowest_line_ending_with_the_title() {
        // f08 printed as a scan: the authority's line and the title's, each read with a
        // mark before "CHỦ TỊCH"; a Nơi nhận item naming a chairman does not end so.
        let head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n";
        let rows = [
            boxed(1, (200, 1800, 90, 30), 96, "Chủ"),
            boxed(1, (300, 1800, 60, 30), 96, "tịch"),
            boxed(1, (370, 1800, 90, 30), 96, "UBND;"),
            boxed(2, (1050, 1860, 40, 33), 40, "II"),
            boxed(2, (1124, 1855, 84, 33), 96, "CHỦ"),
            boxed(2, (1218, 1863, 99, 33), 96, "TỊCH"),
            boxed(3, (1040, 1906, 40, 27), 30, "in"),
            boxed(3, (1110, 1903, 84, 30), 96, "CHỦ"),
            boxed(3, (1210, 1905, 99, 31), 96, "TỊCH"),
        ];
        let words = words_from_tsv(&format!("{head}{}", rows.concat()));
        assert_eq!(
            under_title(&words, "PHÓ CHỦ TỊCH"),
            Some([
                1110.0 - 2.0 * 30.0,
                1936.0 + 0.3 * 30.0,
                1309.0 + 2.0 * 30.0,
                1936.0 + NAME_REACH * 30.0
            ])
        );
        assert_eq!(under_title(&words, "GIÁM ĐỐC"), None);
        assert_eq!(under_title(&words, "TỊCH"), None);
    }

    #[test]
    fn a_list_s_dash_read_unsure_is_kept_at_a_line_s_start() {
        // g08: "- Bộ Tài chính:" with its dash at 46 %; a speck read "-" in a line is dropped.
        let rows = [
            boxed(1, (443, 2190, 11, 4), 46, "-"),
            boxed(1, (497, 2181, 20, 28), 46, "Bộ"),
            boxed(1, (561, 2183, 27, 20), 48, "Tài"),
            boxed(1, (604, 2182, 60, 30), 90, "chính;"),
            boxed(2, (443, 2243, 40, 32), 90, "Sở"),
            boxed(2, (490, 2250, 3, 3), 20, "-"),
            boxed(2, (500, 2243, 40, 32), 90, "Y"),
            boxed(2, (550, 2243, 40, 32), 90, "tế;"),
        ];
        assert_eq!(check_lines(&rows), ["- Bộ Tài chính;", "Sở Y tế;"]);
    }

    /// The lines of a page whose engine's TSV has `rows` under its head, as read.
    fn check_lines(rows: &[String]) -> Vec<String> {
        let head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n";
        let tsv = format!("{head}{}", rows.concat());
        lines(&[(0.36, words_from_tsv(&tsv))])
            .into_iter()
            .map(|l| l.text)
            .collect()
    }

    /// The rows of a page whose lines go down to the right by `slope` (a twentieth: three
    /// degrees), each of six words of its own, the third read by the engine in two pieces,
    /// each its own line.
    fn leaning(slope: f32) -> Vec<String> {
        let mut rows = Vec::new();
        let mut line = 0;
        for k in 0..6u32 {
            let words: Vec<String> = match k {
                2 => ["Quy", "hoạch", "phát", "triển", "thủy", "sản"]
                    .map(String::from)
                    .to_vec(),
                _ => (1..=6).map(|n| format!("dòng{k}chữ{n}")).collect(),
            };
            line += 1;
            for (n, word) in words.iter().enumerate() {
                if k == 2 && n == 3 {
                    line += 1;
                }
                let left = 200 + 300 * n as u32;
                let top = (200 + 60 * k) as f32 + slope * left as f32;
                rows.push(row(1, line, left, top as u32, 250, 90, word));
            }
        }
        rows
    }

    #[test]
    fn a_page_that_leans_is_laid_out_level() {
        // Set level, the engine's two pieces of a line are one line again, in order (and
        // the lines, all as long, one paragraph).
        let level = |k: u32| {
            (1..=6)
                .map(|n| format!("dòng{k}chữ{n}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let expected = [[
            level(0),
            level(1),
            "Quy hoạch phát triển thủy sản".into(),
            level(3),
            level(4),
            level(5),
        ]
        .join(" ")];
        assert_eq!(check_lines(&leaning(0.05)), expected);
        assert_eq!(check_lines(&leaning(-0.05)), expected);
        // A page that leans less than half a degree is laid out as the engine read it.
        let words = words_from_tsv(&leaning(0.005).concat());
        assert_eq!(lean(&words), None);
        assert!(
            lean(&words_from_tsv(&leaning(0.05).concat())).is_some_and(|d| (d - 2.86).abs() < 0.05)
        );
    }

    #[test]
    fn a_line_the_engine_is_unsure_of_as_a_whole_is_garbage() {
        let rows = [
            row(1, 1, 200, 200, 100, 0, "sonuyến"),
            row(1, 1, 320, 202, 80, 12, "xen"),
            row(1, 1, 420, 200, 60, 16, "am"),
            row(1, 2, 200, 300, 200, 90, "Tiếp"),
            row(1, 2, 420, 300, 200, 25, "tục"),
        ];
        check(&rows, &["Tiếp tục"]);
    }

    #[test]
    fn photo_sizes_are_read_from_their_headers() {
        let png = encode_png(&[0; 6], 3, 2, png::ColorType::Grayscale);
        assert_eq!(image_size(&png), Some((3, 2)));
        assert_eq!(
            image_size(b"\xff\xd8\xff\xe0\x00\x02\xff\xc0\x00\x11\x08\x00\x02\x00\x03\x01"),
            Some((3, 2))
        );
        assert_eq!(image_size(b"GIF89a"), None);
    }
}
