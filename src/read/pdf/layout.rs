//! Lines of text rebuilt from where the glyphs are, not from the order the PDF drew them:
//! glyphs on one baseline make a row, the spaces are the gaps between glyphs, a header or
//! an ending set in two columns comes out column by column (the left cell, then the
//! right, as a .docx gives them), wrapped lines of a paragraph are joined, page numbers
//! go and footnotes move to the end. Text in a legacy font is decoded by the reading
//! chosen for its font.

use super::font::Font;
use super::page::{Glyph, Page};
use crate::read::encoding::Legacy;

/// A line of the text layer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    /// Its text.
    pub text: String,
    /// Some of it was stamped on the page after the rest (an annotation, or text drawn
    /// into a blank of a line drawn earlier): the number and the day at issuing.
    pub stamped: bool,
    /// It belongs to a block of two columns that the PDF drew in another order.
    pub column: bool,
}

/// A gap wider than this share of the font size is a space.
const SPACE_GAP: f32 = 0.15;
/// Twice the narrowest gutter (in font sizes) a block of two columns keeps down its rows.
const GUTTER_PROOF: f32 = 2.0;
/// The fewest font sizes between two columns down a whole block: more than a space.
const MIN_GUTTER: f32 = 0.45;
/// The most rows a block of two columns is followed down.
const MAX_BLOCK_ROWS: usize = 200;

/// How the glyphs of each font are read: by the font's maps, or their codes through a
/// legacy Vietnamese encoding.
pub(crate) fn readings(pages: &[Page], fonts: &[Font]) -> Vec<Option<Legacy>> {
    let mut samples: Vec<(String, String)> = vec![Default::default(); fonts.len()];
    for page in pages {
        let mut last: Vec<Option<&Glyph>> = vec![None; fonts.len()];
        for g in &page.glyphs {
            let Some((mapped, raw)) = samples.get_mut(g.font) else {
                continue;
            };
            if raw.len() > 4000 {
                continue;
            }
            if let Some(prev) = last[g.font] {
                let gap = g.x - (prev.x + prev.width);
                if g.seq != prev.seq + 1
                    || (g.y - prev.y).abs() > 0.3 * g.size
                    || gap > SPACE_GAP * g.size
                {
                    mapped.push(' ');
                    raw.push(' ');
                }
            }
            mapped.push_str(&g.text);
            if let Some(r) = g.raw {
                raw.push(r);
            }
            last[g.font] = Some(g);
        }
    }
    fonts
        .iter()
        .zip(samples)
        .map(|(font, (mapped, raw))| choose(&font.name, &mapped, &raw))
        .collect()
}

/// The reading of one font: a legacy encoding when its codes read as Vietnamese through
/// it clearly better than its maps do.
fn choose(name: &str, mapped: &str, raw: &str) -> Option<Legacy> {
    if raw.trim().is_empty() {
        return None;
    }
    let by_name = name_legacy(name);
    let mapped_score = vietnamese(mapped);
    let mut best: Option<(Legacy, (f32, usize))> = None;
    let upper = matches!(by_name, Some(Legacy::Tcvn3 { upper: true }));
    for legacy in [Legacy::Tcvn3 { upper }, Legacy::Vni] {
        let score = vietnamese(&legacy.decode(raw));
        if best.is_none_or(|(_, b)| score.0 > b.0) {
            best = Some((legacy, score));
        }
    }
    let (legacy, (share, words)) = best?;
    let named =
        by_name.is_some_and(|n| std::mem::discriminant(&n) == std::mem::discriminant(&legacy));
    let margin = if named { 0.0 } else { 0.2 };
    (words >= 3 && share > mapped_score.0 + margin
        || named && share >= mapped_score.0 && share > 0.0)
        .then_some(legacy)
}

/// A legacy encoding a font's name gives away: ".VnTime", "VnTimeH", "VNI-Times".
fn name_legacy(name: &str) -> Option<Legacy> {
    let n = name.trim_start_matches('.');
    let base = n.split([',', '-']).next().unwrap_or(n);
    if n.starts_with("Vn") && n.len() > 2 {
        Some(Legacy::Tcvn3 {
            upper: base.ends_with('H'),
        })
    } else if n.to_ascii_uppercase().starts_with("VNI") {
        Some(Legacy::Vni)
    } else {
        None
    }
}

/// The share of words that are Vietnamese syllables, and the number of words.
fn vietnamese(text: &str) -> (f32, usize) {
    let words = crate::text::Words::count(text);
    (words.share_syllables(), words.total)
}

/// A glyph ready for a line: its text as it will be read.
#[derive(Debug, Clone)]
struct Item {
    text: String,
    legacy: Option<Legacy>,
    x: f32,
    y: f32,
    w: f32,
    size: f32,
    seq: usize,
    stamped: bool,
    /// A space glyph was drawn just before it.
    space_before: bool,
}

/// A row: the items on one baseline, left to right.
#[derive(Debug, Clone, Default)]
struct Row {
    items: Vec<Item>,
    y: f32,
    size: f32,
}

impl Row {
    fn x0(&self) -> f32 {
        self.items.first().map_or(0.0, |i| i.x)
    }
    fn x1(&self) -> f32 {
        self.items.iter().map(|i| i.x + i.w).fold(0.0, f32::max)
    }
}

/// A line on its way out: its text and where it was.
#[derive(Debug, Clone)]
struct Visual {
    line: Line,
    page: usize,
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
    /// The width of its first word, to tell whether it would have fitted on the line above.
    first_word: f32,
    /// It is part of a block of columns, and is never joined to another line.
    in_block: bool,
}

/// The lines of a document's pages, read with `readings` for each font.
pub fn lines(pages: &[Page], readings: &[Option<Legacy>]) -> Vec<Line> {
    let mut body: Vec<Visual> = Vec::new();
    let mut notes: Vec<Visual> = Vec::new();
    for (p, page) in pages.iter().enumerate() {
        let rows = rows(items(page, readings));
        let body_size = common_size(&rows);
        let (kept, foot) = split_footnotes(rows, page, body_size);
        let mut visuals = emit(&kept, p);
        body.append(&mut visuals);
        notes.extend(emit(&foot, p));
    }
    let mut out = reflow(body);
    out.extend(notes.into_iter().map(|v| v.line));
    out
}

/// A page's glyphs as items, text chosen by their font's reading, spaces dropped (a space
/// glyph only marks the glyph after it).
fn items(page: &Page, readings: &[Option<Legacy>]) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::with_capacity(page.glyphs.len());
    let mut last_space: Option<usize> = None;
    for g in &page.glyphs {
        let legacy = readings.get(g.font).copied().flatten();
        let text: String = match (legacy, g.raw) {
            (Some(_), Some(r)) => r.to_string(),
            _ => g.text.clone(),
        };
        let text: String = text.chars().filter(|c| !c.is_control()).collect();
        if text.trim().is_empty() {
            if !text.is_empty() {
                last_space = Some(g.seq);
            }
            continue;
        }
        out.push(Item {
            text,
            legacy,
            x: g.x,
            y: g.y,
            w: g.width.max(0.0),
            size: g.size,
            seq: g.seq,
            stamped: g.stamped,
            space_before: last_space.is_some_and(|s| s + 1 == g.seq),
        });
    }
    out
}

/// Items grouped into rows by baseline, top to bottom, each left to right without the
/// copies a faked bold draws twice.
fn rows(mut items: Vec<Item>) -> Vec<Row> {
    items.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<Row> = Vec::new();
    for item in items {
        match rows.last_mut() {
            Some(row) if (item.y - row.y).abs() <= 0.4 * item.size.max(row.size) => {
                if item.size > row.size {
                    row.size = item.size;
                    row.y = item.y;
                }
                row.items.push(item);
            }
            _ => rows.push(Row {
                y: item.y,
                size: item.size,
                items: vec![item],
            }),
        }
    }
    for row in &mut rows {
        row.items
            .sort_by(|a, b| a.x.total_cmp(&b.x).then(a.seq.cmp(&b.seq)));
        let mut kept: Vec<Item> = Vec::with_capacity(row.items.len());
        for item in row.items.drain(..) {
            let twice = kept.iter().rev().take(4).any(|k| {
                k.text == item.text
                    && (k.x - item.x).abs() < 0.15 * item.size
                    && (k.y - item.y).abs() < 0.15 * item.size
            });
            if !twice {
                kept.push(item);
            }
        }
        row.items = kept;
    }
    rows
}

/// The size most of a page's letters are set in.
fn common_size(rows: &[Row]) -> f32 {
    let mut counts: Vec<(i32, usize)> = Vec::new();
    for item in rows.iter().flat_map(|r| &r.items) {
        let key = (item.size * 2.0).round() as i32;
        match counts.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n += 1,
            None => counts.push((key, 1)),
        }
    }
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .map_or(12.0, |(k, _)| *k as f32 / 2.0)
}

/// A page's rows without its page number, and apart from them its footnotes: the rows
/// below the last row in the body's size, set smaller and starting with a note's number.
fn split_footnotes(rows: Vec<Row>, page: &Page, body: f32) -> (Vec<Row>, Vec<Row>) {
    let margin = 0.1 * page.height.max(1.0);
    let is_page_number = |r: &Row| {
        let t: String = r.items.iter().map(|i| i.text.as_str()).collect();
        let t = t.trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
        !t.is_empty()
            && t.len() <= 4
            && t.chars().all(|c| c.is_ascii_digit())
            && (r.y < margin || r.y > page.height - margin)
    };
    let rows: Vec<Row> = rows.into_iter().filter(|r| !is_page_number(r)).collect();
    let last_body = rows.iter().rposition(|r| r.size >= 0.9 * body);
    let starts_note = |r: &Row| {
        r.items
            .first()
            .is_some_and(|i| i.text.starts_with(|c: char| c.is_ascii_digit() || c == '*'))
    };
    let foot_at = last_body.and_then(|last| {
        let at = last + 1;
        (at < rows.len()
            && rows[at..].iter().all(|r| r.size <= 0.85 * body)
            && starts_note(&rows[at])
            && rows[at].y > 0.5 * page.height)
            .then_some(at)
    });
    match foot_at {
        Some(at) => {
            let mut rows = rows;
            let foot = rows.split_off(at);
            (rows, foot)
        }
        None => (rows, Vec::new()),
    }
}

/// A block of rows set in two columns: rows `start..end`, split at `gutter`.
#[derive(Debug)]
struct Block {
    start: usize,
    end: usize,
    gutter: f32,
}

/// The spans of a row where no item is, from far left to far right.
fn free(row: &Row) -> Vec<(f32, f32)> {
    let mut out = Vec::new();
    let mut right = f32::MIN;
    for item in &row.items {
        if item.x > right {
            out.push((right, item.x));
        }
        right = right.max(item.x + item.w);
    }
    out.push((right, f32::MAX));
    out
}

/// Where a row's text ends left of `gutter`, and starts right of it (`f32::MIN` and
/// `f32::MAX` when it has none on that side).
fn sides(row: &Row, gutter: f32) -> (f32, f32) {
    let left = row
        .items
        .iter()
        .filter(|it| it.x < gutter)
        .map(|it| it.x + it.w)
        .fold(f32::MIN, f32::max);
    let right = row
        .items
        .iter()
        .filter(|it| it.x >= gutter)
        .map(|it| it.x)
        .fold(f32::MAX, f32::min);
    (left, right)
}

/// The blocks of two columns among a page's rows: from a row down, the spans free in
/// every row are kept; while one of them has text on both sides in the rows so far, the
/// block grows. It counts when its gutter is wide, it has text on both sides, and it is
/// more than a chance of wide spaces: a row with text on both sides and another row, or
/// three rows. A block does not start with a row of the body set in from the margin (the
/// items of a list just above Nơi nhận): see `indented`.
fn blocks(rows: &[Row]) -> Vec<Block> {
    let left = rows.iter().map(Row::x0).fold(f32::MAX, f32::min);
    let right = rows.iter().map(Row::x1).fold(0.0, f32::max);
    let third = left + (right - left) / 3.0;
    let mut out: Vec<Block> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        match grow(rows, i) {
            Some(block) if !indented(&rows[i], block.gutter, third) => {
                i = block.end;
                out.push(block);
            }
            _ => i += 1,
        }
    }
    out
}

/// Whether a row is a line of the body set in from the margin rather than the first of a
/// right column: left of `gutter` it has nothing or a list's dash alone, and its text
/// right of it starts within `third`, the first third of the page's text. A right column
/// (the Quốc hiệu, the signature) is set in the page's right half, its widest line
/// starting about the middle; a list's items just above Nơi nhận start a few centimetres
/// from the margin, their dash a tab before them, and a block begun with them read
/// "Nơi nhận:" before the list's last items, and took those for Nơi nhận's own.
fn indented(row: &Row, gutter: f32, third: f32) -> bool {
    let mark: String = row
        .items
        .iter()
        .filter(|it| it.x < gutter)
        .map(|it| it.text.as_str())
        .collect();
    let start = sides(row, gutter).1;
    matches!(mark.trim(), "" | "-" | "+" | "•" | "–" | "*") && start < third
}

/// The block that starts at row `i`, if there is one.
fn grow(rows: &[Row], i: usize) -> Option<Block> {
    let size = rows[i].size.max(1.0);
    let wide = |(lo, hi): &(f32, f32)| hi - lo >= MIN_GUTTER * size;
    let interior = |spans: &[(f32, f32)], x0: f32, x1: f32| -> Option<(f32, f32)> {
        spans
            .iter()
            .filter(|(lo, hi)| *lo > x0 && *hi < x1)
            .max_by(|a, b| (a.1 - a.0).total_cmp(&(b.1 - b.0)))
            .copied()
    };
    let mut spans: Vec<(f32, f32)> = free(&rows[i]).into_iter().filter(wide).collect();
    let (mut x0, mut x1) = (rows[i].x0(), rows[i].x1());
    let mut best: Option<(usize, (f32, f32))> = interior(&spans, x0, x1).map(|g| (i + 1, g));
    let mut end = i + 1;
    while end < rows.len() && end - i < MAX_BLOCK_ROWS {
        let row = &rows[end];
        let mut kept = Vec::new();
        for &(lo, hi) in &spans {
            for (rlo, rhi) in free(row) {
                let span = (lo.max(rlo), hi.min(rhi));
                if wide(&span) {
                    kept.push(span);
                }
            }
        }
        let (nx0, nx1) = (x0.min(row.x0()), x1.max(row.x1()));
        let mut found = interior(&kept, nx0, nx1);
        // A row further below than the rows' spacing joins the columns only as a row of
        // the other column than the row above it (the signer's name beside the end of
        // Nơi nhận), or with a wide gap of its own; otherwise it is a line of its own
        // ("Kính gửi: …" under the header).
        if let Some((lo, hi)) = found {
            let above = &rows[end - 1];
            if row.y - above.y > 2.0 * size {
                let gutter = (lo + hi) / 2.0;
                let (left, right) = sides(row, gutter);
                let (above_left, above_right) = sides(above, gutter);
                let wide_gap = right - left >= GUTTER_PROOF * size;
                let two = left > f32::MIN && right < f32::MAX;
                let other = match (left > f32::MIN, right < f32::MAX) {
                    (true, false) => above_left == f32::MIN,
                    (false, true) => above_right == f32::MAX,
                    _ => false,
                };
                if !(two && wide_gap || other) {
                    found = None;
                }
            }
        }
        // No text on the far side yet (the other column starts a row or two lower): go on.
        if found.is_none() && (best.is_some() || end - i >= 3) {
            break;
        }
        spans = kept;
        x0 = nx0;
        x1 = nx1;
        end += 1;
        if let Some(g) = found {
            best = Some((end, g));
        }
    }
    let (end, (lo, hi)) = best?;
    let gutter = (lo + hi) / 2.0;
    // A row with text on both sides, and how wide its gap at the gutter is.
    let mut both = 0;
    let mut proof = hi - lo >= GUTTER_PROOF * size;
    for r in &rows[i..end] {
        let (left, right) = sides(r, gutter);
        if left > f32::MIN && right < f32::MAX {
            both += 1;
            proof |= right - left >= GUTTER_PROOF * r.size;
        }
    }
    let enough =
        (both >= 1 && end - i >= 2) || end - i >= 3 || (both == 1 && hi - lo >= 4.0 * size);
    (enough && proof).then_some(Block {
        start: i,
        end,
        gutter,
    })
}

/// A page's rows as visual lines in reading order: outside blocks row by row, in a block
/// the left column's rows, then the right column's.
fn emit(rows: &[Row], page: usize) -> Vec<Visual> {
    let mut out = Vec::new();
    let blocks = blocks(rows);
    let mut next = blocks.iter().peekable();
    let mut i = 0;
    while i < rows.len() {
        match next.peek() {
            Some(b) if b.start == i => {
                let mut parts: Vec<Visual> = Vec::new();
                for side in [false, true] {
                    for row in &rows[b.start..b.end] {
                        let items: Vec<Item> = row
                            .items
                            .iter()
                            .filter(|it| (it.x >= b.gutter) == side)
                            .cloned()
                            .collect();
                        if !items.is_empty() {
                            parts.push(visual(items, row, page, true));
                        }
                    }
                }
                // Drawn in another order than read: the columns were rebuilt.
                let firsts: Vec<usize> = parts
                    .iter()
                    .map(|v| first_seq(&rows[b.start..b.end], v))
                    .collect();
                let rebuilt = firsts.windows(2).any(|w| w[1] < w[0]);
                for mut v in parts {
                    v.line.column = rebuilt;
                    out.push(v);
                }
                i = b.end;
                next.next();
            }
            _ => {
                out.push(visual(rows[i].items.clone(), &rows[i], page, false));
                i += 1;
            }
        }
    }
    out.retain(|v| !v.line.text.is_empty());
    out
}

/// The first glyph drawn of a visual line, found back among its block's rows by position.
fn first_seq(rows: &[Row], v: &Visual) -> usize {
    rows.iter()
        .flat_map(|r| &r.items)
        .filter(|it| (it.y - v.y).abs() <= 0.4 * v.size && it.x >= v.x0 - 0.01 && it.x <= v.x1)
        .map(|it| it.seq)
        .min()
        .unwrap_or(0)
}

/// One visual line from its items, left to right.
fn visual(items: Vec<Item>, row: &Row, page: usize, in_block: bool) -> Visual {
    let size = items
        .iter()
        .filter(|i| i.text.chars().any(char::is_alphanumeric))
        .map(|i| i.size)
        .fold(0.0, f32::max)
        .max(row.size * 0.5);
    let base = items
        .iter()
        .filter(|i| i.size >= 0.9 * size)
        .map(|i| i.y)
        .fold(f32::MIN, f32::max);
    // A footnote's mark: a digit set smaller, above the line ("thiện¹"); a power after a
    // unit ("m²") is kept.
    let mut kept: Vec<Item> = Vec::with_capacity(items.len());
    for item in items {
        let raised = item.size <= 0.8 * size && base - item.y >= 0.2 * size;
        let digit = item.text.chars().all(|c| c.is_ascii_digit());
        let unit = kept.last().is_some_and(|k| k.text.ends_with('m'));
        if raised && digit && !unit {
            // The mark's place closes up: no space where it stood.
            if let Some(k) = kept.last_mut() {
                k.w = k.w.max(item.x + item.w - k.x);
            }
            continue;
        }
        kept.push(item);
    }
    let stamped = kept.iter().any(|i| i.stamped) || inserted(&kept);
    let x0 = kept.first().map_or(0.0, |i| i.x);
    let x1 = kept.iter().map(|i| i.x + i.w).fold(x0, f32::max);
    let (text, first_word) = join(&kept, size);
    Visual {
        line: Line {
            text,
            stamped,
            column: false,
        },
        page,
        x0,
        x1,
        y: row.y,
        size,
        first_word,
        in_block,
    }
}

/// Whether some run of a line's glyphs was drawn into it after the glyphs on both its
/// sides, which were drawn one after the other: text stamped into a blank.
fn inserted(items: &[Item]) -> bool {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for item in items {
        match runs.last_mut() {
            Some((_, last)) if item.seq > *last && item.seq - *last <= 3 => *last = item.seq,
            _ => runs.push((item.seq, item.seq)),
        }
    }
    runs.windows(3).any(|w| w[0].1 < w[2].0 && w[1].0 > w[2].0)
}

/// The text of a line's items, spaces where the gaps are, legacy runs decoded; and the
/// width of its first word.
fn join(items: &[Item], size: f32) -> (String, f32) {
    let mut out = String::new();
    let mut run = String::new();
    let mut run_legacy: Option<Legacy> = None;
    let mut first_word: Option<f32> = None;
    let flush = |out: &mut String, run: &mut String, legacy: Option<Legacy>| {
        match legacy {
            Some(l) => out.push_str(&l.decode(run)),
            None => out.push_str(run),
        }
        run.clear();
    };
    for (k, item) in items.iter().enumerate() {
        if item.legacy != run_legacy {
            flush(&mut out, &mut run, run_legacy);
            run_legacy = item.legacy;
        }
        if k > 0 {
            let prev = &items[k - 1];
            let gap = item.x - (prev.x + prev.w);
            let em = prev.size.max(item.size).max(0.5 * size);
            let space = gap > SPACE_GAP * em
                || (item.space_before && item.seq == prev.seq + 2 && gap > -0.1 * em);
            if space {
                if first_word.is_none() {
                    first_word = Some(prev.x + prev.w - items[0].x);
                }
                run.push(' ');
            }
        }
        run.push_str(&item.text);
    }
    flush(&mut out, &mut run, run_legacy);
    let end = items.last().map_or(0.0, |i| i.x + i.w);
    let start = items.first().map_or(0.0, |i| i.x);
    (out.trim().to_string(), first_word.unwrap_or(end - start))
}

/// Visual lines joined into paragraphs where a line is the wrapped continuation of the one
/// above: that one was full (the continuation's first word would not have fitted on it),
/// the continuation starts at the margin, not as an item of a list, close below, in the
/// same size.
fn reflow(lines: Vec<Visual>) -> Vec<Line> {
    let pages = lines.iter().map(|v| v.page).max().map_or(0, |p| p + 1);
    let mut margins = vec![(0.0f32, 0.0f32, 0.0f32); pages];
    for (p, margin) in margins.iter_mut().enumerate() {
        let free: Vec<&Visual> = lines
            .iter()
            .filter(|v| v.page == p && !v.in_block)
            .collect();
        *margin = page_margins(&free);
    }
    let mut out: Vec<Line> = Vec::new();
    let mut prev: Option<&Visual> = None;
    for v in &lines {
        let joins = prev.is_some_and(|a| continues(a, v, &margins));
        match (joins, out.last_mut()) {
            (true, Some(last)) => {
                let glued = last.text.ends_with('-')
                    && !last.text.ends_with(" -")
                    && !last.text.ends_with("--");
                if !glued {
                    last.text.push(' ');
                }
                last.text.push_str(&v.line.text);
                last.stamped |= v.line.stamped;
                last.column |= v.line.column;
            }
            _ => out.push(v.line.clone()),
        }
        prev = Some(v);
    }
    out
}

/// A page's left margin, right edge and line pitch, read from its lines outside blocks.
fn page_margins(lines: &[&Visual]) -> (f32, f32, f32) {
    // Too few lines say nothing of where a full line ends.
    if lines.len() < 3 {
        return (0.0, 0.0, 0.0);
    }
    let mut starts: Vec<i32> = lines.iter().map(|v| (v.x0 / 2.0).round() as i32).collect();
    starts.sort_unstable();
    let mut best = (starts[0], 0usize);
    let mut k = 0;
    while k < starts.len() {
        let n = starts[k..].iter().take_while(|&&s| s == starts[k]).count();
        if n > best.1 {
            best = (starts[k], n);
        }
        k += n;
    }
    let left = best.0 as f32 * 2.0;
    let mut ends: Vec<f32> = lines.iter().map(|v| v.x1).collect();
    ends.sort_by(f32::total_cmp);
    let right = ends[(ends.len() * 9 / 10).min(ends.len() - 1)];
    let mut pitches: Vec<f32> = lines
        .windows(2)
        .map(|w| w[1].y - w[0].y)
        .filter(|&d| d > 0.0 && d < 3.0 * lines[0].size.max(1.0))
        .collect();
    pitches.sort_by(f32::total_cmp);
    let pitch = pitches.get(pitches.len() / 2).copied().unwrap_or(0.0);
    (left, right, pitch)
}

/// Whether `b` continues the paragraph of `a`.
fn continues(a: &Visual, b: &Visual, margins: &[(f32, f32, f32)]) -> bool {
    if a.in_block || b.in_block || (b.size - a.size).abs() > 0.15 * a.size {
        return false;
    }
    let (left_a, right_a, pitch_a) = margins[a.page];
    let (left_b, right_b, _) = margins[b.page];
    if right_a <= 0.0 || right_b <= 0.0 {
        return false;
    }
    let close = match b.page == a.page {
        true => b.y > a.y && b.y - a.y <= 1.35 * pitch_a.max(a.size),
        false => b.page == a.page + 1,
    };
    let full = a.x1 + 0.25 * a.size + b.first_word >= right_a - 0.5 * a.size;
    let at_margin = (b.x0 - left_b).abs() <= 0.6 * b.size;
    let a_at_margin_or_indent = a.x0 >= left_a - 0.6 * a.size;
    close
        && full
        && at_margin
        && a_at_margin_or_indent
        && !a.line.text.ends_with(':')
        && !starts_item(&b.line.text)
}

/// Whether a line starts an item of a list or a new part: "-", "+", "a)", "1.", "Điều 2".
fn starts_item(text: &str) -> bool {
    let mut cs = text.chars();
    let Some(first) = cs.next() else {
        return true;
    };
    if matches!(first, '-' | '+' | '•' | '*' | '–' | '—' | '·') {
        return true;
    }
    let head: String = text.chars().take_while(|c| c.is_alphanumeric()).collect();
    let after = text[head.len()..].chars().next();
    let numbered = !head.is_empty()
        && head.chars().count() <= 4
        && (head.chars().all(|c| c.is_ascii_digit())
            || head.chars().all(|c| "IVXLC".contains(c))
            || head.chars().count() == 1)
        && matches!(after, Some('.' | ')'));
    let f = crate::text::fold(text);
    numbered
        || ["dieu ", "chuong ", "muc ", "phan ", "noi nhan", "kinh gui"]
            .iter()
            .any(|p| f.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs of `text` set at (x, y) in a font of size `size`, each letter half an em
    /// wide, words a quarter em apart, drawn from `seq` on.
    fn word_glyphs(text: &str, x: f32, y: f32, size: f32, seq: usize) -> Vec<Glyph> {
        let mut out = Vec::new();
        let mut at = x;
        for (k, c) in text.chars().enumerate() {
            let w = if c == ' ' { 0.25 * size } else { 0.5 * size };
            out.push(Glyph {
                text: c.to_string(),
                raw: Some(c),
                font: 0,
                x: at,
                y,
                width: w,
                size,
                seq: seq + k,
                stamped: false,
            });
            at += w;
        }
        out
    }

    fn page(lines: &[(&str, f32, f32)]) -> Page {
        let mut glyphs = Vec::new();
        for (text, x, y) in lines {
            let seq = glyphs.len();
            glyphs.extend(word_glyphs(text, *x, *y, 12.0, seq));
        }
        Page {
            glyphs,
            width: 595.0,
            height: 842.0,
            images: 0,
            invisible: 0,
            drawn: Vec::new(),
        }
    }

    fn check(pages: &[Page], expected: &[&str]) {
        let got: Vec<String> = lines(pages, &[None]).into_iter().map(|l| l.text).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn a_header_in_two_columns_comes_out_column_by_column() {
        // The PDF draws row by row, across both columns.
        check(
            &[page(&[
                ("UBND TINH A", 60.0, 60.0),
                ("CONG HOA XA HOI", 300.0, 60.0),
                ("SO NOI VU", 70.0, 75.0),
                ("Doc lap - Tu do", 310.0, 75.0),
                ("So: 5/SNV", 70.0, 95.0),
                ("A, ngay 1 thang 2", 300.0, 95.0),
                ("V/v hop", 70.0, 110.0),
                ("Kinh gui: So Tai chinh va cac co quan", 150.0, 140.0),
            ])],
            &[
                "UBND TINH A",
                "SO NOI VU",
                "So: 5/SNV",
                "V/v hop",
                "CONG HOA XA HOI",
                "Doc lap - Tu do",
                "A, ngay 1 thang 2",
                "Kinh gui: So Tai chinh va cac co quan",
            ],
        );
    }

    #[test]
    fn a_list_set_in_above_noi_nhan_is_the_body_s_not_a_column() {
        // The items' dashes a tab before their text, the gap a gutter down to the
        // signature's rows: the columns begin with Nơi nhận, not with the list.
        let body = "Tai cac don vi ma sinh vien se thuc tap trong nam hoc nay, theo danh sach";
        check(
            &[page(&[
                (body, 72.0, 100.0),
                ("-", 180.0, 116.0),
                ("Phong Dao tao: Phong A103", 200.0, 116.0),
                ("-", 180.0, 132.0),
                ("Trung tam hoc lieu: Khu K", 200.0, 132.0),
                ("Noi nhan:", 72.0, 148.0),
                ("TL. HIEU TRUONG", 330.0, 148.0),
                ("- BGH (de b/c);", 72.0, 164.0),
                ("TRUONG PHONG DAO TAO", 310.0, 164.0),
                ("- Luu: VT.", 72.0, 180.0),
                ("Nguyen Van A", 340.0, 220.0),
            ])],
            &[
                body,
                "- Phong Dao tao: Phong A103",
                "- Trung tam hoc lieu: Khu K",
                "Noi nhan:",
                "- BGH (de b/c);",
                "- Luu: VT.",
                "TL. HIEU TRUONG",
                "TRUONG PHONG DAO TAO",
                "Nguyen Van A",
            ],
        );
    }

    #[test]
    fn spaces_come_from_gaps_not_from_space_glyphs() {
        // Each glyph set on its own, tight within words, apart between them.
        let mut glyphs = Vec::new();
        let mut x = 72.0;
        for (k, word) in ["các", "khoa"].iter().enumerate() {
            for c in word.chars() {
                glyphs.push(Glyph {
                    text: c.to_string(),
                    raw: None,
                    font: 0,
                    x,
                    y: 100.0,
                    width: 5.0,
                    size: 12.0,
                    seq: glyphs.len() + 10 * k,
                    stamped: false,
                });
                x += 5.4;
            }
            x += 3.0;
        }
        let p = Page {
            glyphs,
            width: 595.0,
            height: 842.0,
            ..Page::default()
        };
        check(&[p], &["các khoa"]);
    }

    #[test]
    fn a_number_stamped_into_its_blank_reads_in_place_and_is_flagged() {
        let mut p = page(&[("Số:", 70.0, 95.0), ("/TTr-SNV", 118.0, 95.0)]);
        let seq = p.glyphs.len() + 100;
        let mut stamp = word_glyphs("108", 92.0, 95.0, 12.0, seq);
        for g in &mut stamp {
            g.stamped = true;
        }
        p.glyphs.extend(stamp);
        let got = lines(&[p], &[None]);
        // The blank's width stays a space: the reader takes "108 /TTr-SNV" as one number.
        assert_eq!(got[0].text, "Số: 108 /TTr-SNV");
        assert!(got[0].stamped);
    }

    #[test]
    fn wrapped_lines_join_and_paragraphs_stay_apart() {
        check(
            &[page(&[
                (
                    "Can cu Luat to chuc chinh quyen dia phuong ngay 19",
                    100.0,
                    100.0,
                ),
                ("thang 6 nam 2015;", 72.0, 116.0),
                (
                    "Can cu Nghi dinh so 93/2019/ND-CP ngay 25 thang 11",
                    100.0,
                    132.0,
                ),
                ("nam 2019.", 72.0, 148.0),
                ("- Nhu tren;", 72.0, 164.0),
            ])],
            &[
                "Can cu Luat to chuc chinh quyen dia phuong ngay 19 thang 6 nam 2015;",
                "Can cu Nghi dinh so 93/2019/ND-CP ngay 25 thang 11 nam 2019.",
                "- Nhu tren;",
            ],
        );
    }

    #[test]
    fn page_numbers_go_and_footnotes_move_to_the_end() {
        let mut p = page(&[
            ("2", 290.0, 30.0),
            ("Noi dung chinh cua trang", 72.0, 100.0),
        ]);
        let seq = p.glyphs.len();
        let mut note = word_glyphs("1 Duoc sua doi", 72.0, 800.0, 9.0, seq);
        note[0].y -= 3.0;
        p.glyphs.extend(note);
        let mut q = page(&[("Tiep theo", 72.0, 100.0)]);
        q.glyphs.iter_mut().for_each(|g| g.seq += 1000);
        check(
            &[p, q],
            &["Noi dung chinh cua trang", "Tiep theo", "1 Duoc sua doi"],
        );
    }

    #[test]
    fn a_legacy_font_is_read_through_its_table() {
        // "Công văn" in TCVN3 as a font without a map shows it: "C«ng v¨n".
        assert_eq!(
            choose("ABCDEF+.VnTime", "C«ng v¨n sè 5 cña", "C«ng v¨n sè 5 cña"),
            Some(Legacy::Tcvn3 { upper: false })
        );
        // A map that reads right is kept.
        assert_eq!(
            choose("TimesNewRoman", "Công văn số 5 của", "C\u{1}ng v\u{2}n"),
            None
        );
        // Codes that are TCVN3 under a font renamed, mapped to wrong letters.
        assert_eq!(
            choose(
                "F1",
                "xin chỗ tr°Ăng triẴn khai",
                "xin chç tr\u{ad}êng triÓn khai"
            ),
            Some(Legacy::Tcvn3 { upper: false })
        );
    }
}
