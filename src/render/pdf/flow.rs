//! The typesetter: paragraphs and table rows flowed onto pages, lines broken at spaces the
//! way Word and LibreOffice break them (the first word that does not fit starts the next
//! line; justified lines share out what is left over among their spaces), footnotes kept
//! on the page of their reference, two lines at least at the foot and at the head of a page.
//! Lengths are points, y grows down the page.

use super::fonts::{Fonts, Style};

/// A piece of a paragraph's text in one style.
#[derive(Debug, Clone)]
pub(crate) struct Span {
    /// The characters; "\n" breaks the line.
    pub(crate) text: String,
    /// Its size in points.
    pub(crate) size: f32,
    /// Regular, bold, italic or both.
    pub(crate) style: Style,
    /// A footnote's reference mark: small and raised, and footnote `n` (from 0) goes on the
    /// page of the line that holds it.
    pub(crate) note: Option<usize>,
}

impl Span {
    /// Text in a style.
    pub(crate) fn new(text: &str, size: f32, style: Style) -> Span {
        Span {
            text: text.to_string(),
            size,
            style,
            note: None,
        }
    }
}

/// How a paragraph's lines stand between its indents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Center,
    Right,
    /// Both edges straight but for the last line.
    Justify,
}

/// A paragraph, as Word's paragraph properties describe one.
#[derive(Debug, Clone)]
pub(crate) struct Para {
    pub(crate) spans: Vec<Span>,
    pub(crate) align: Align,
    /// Indents from the column's edges.
    pub(crate) left: f32,
    pub(crate) right: f32,
    /// The first line's indent past `left`; negative hangs it out.
    pub(crate) first: f32,
    /// Space above.
    pub(crate) before: f32,
    /// The height of each line when set exactly; else single spacing of its largest text.
    pub(crate) exact: Option<f32>,
    /// The size of an empty paragraph's line.
    pub(crate) size: f32,
    /// A solid rule this thick under the paragraph, between its indents.
    pub(crate) rule: Option<f32>,
    /// The paragraph's last line stays on the page of what follows.
    pub(crate) keep_next: bool,
    /// Pictures drawn from the paragraph's top left (after its space above), over the text.
    pub(crate) pictures: Vec<Picture>,
}

impl Para {
    /// A paragraph of spans, left aligned, single spaced.
    pub(crate) fn new(spans: Vec<Span>) -> Para {
        let size = spans.first().map_or(12.0, |s| s.size);
        Para {
            spans,
            align: Align::Left,
            left: 0.0,
            right: 0.0,
            first: 0.0,
            before: 0.0,
            exact: None,
            size,
            rule: None,
            keep_next: false,
            pictures: Vec::new(),
        }
    }
}

/// A picture placed from the top left of its paragraph.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Picture {
    /// Which of the document's pictures.
    pub(crate) index: usize,
    pub(crate) x: f32,
    pub(crate) y: f32,
    pub(crate) width: f32,
    pub(crate) height: f32,
}

/// A table row without borders: cells of set widths side by side.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    /// Each cell's width and paragraphs.
    pub(crate) cells: Vec<(f32, Vec<Para>)>,
    /// Drawn with the cells' edges ruled this thick (a table of records).
    pub(crate) ruled: Option<f32>,
    /// Room between a cell's edges and its text, left and right.
    pub(crate) pad: f32,
    /// A heading row, repeated at the top of every page the table runs onto.
    pub(crate) heading: bool,
}

/// What flows down the pages.
#[derive(Debug, Clone)]
pub(crate) enum Block {
    Para(Para),
    /// A row never split over two pages.
    Row(Row),
    /// The rest starts on a new page, whose numbers start again at 1 when set.
    PageBreak {
        restart: bool,
    },
}

/// The page and what is printed on every one.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sheet {
    pub(crate) width: f32,
    pub(crate) height: f32,
    pub(crate) top: f32,
    pub(crate) bottom: f32,
    pub(crate) left: f32,
    pub(crate) right: f32,
    /// The page number, centred this far from the top, from page 2 on, at this size.
    pub(crate) numbers: Option<(f32, f32)>,
}

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    /// Glyphs from `x` on the baseline `y`, each with its advance in points.
    Text {
        x: f32,
        y: f32,
        size: f32,
        style: Style,
        text: String,
        glyphs: Vec<(u16, f32)>,
    },
    /// A straight rule from (`x1`, `y1`) to (`x2`, `y2`), centred on that line.
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
    /// A picture with its top left at (`x`, `y`).
    Picture {
        index: usize,
        x: f32,
        y: f32,
        width: f32,
        height: f32,
    },
}

/// A laid-out page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Page {
    pub(crate) width: f32,
    pub(crate) height: f32,
    pub(crate) items: Vec<Item>,
}

/// One line of a paragraph, placed from its left indent.
#[derive(Debug, Clone)]
struct Line {
    height: f32,
    /// Baseline below the line's top.
    baseline: f32,
    /// Its text, a run for each span it holds part of.
    runs: Vec<Run>,
    /// The footnotes referenced on the line.
    notes: Vec<usize>,
}

/// Part of a line in one span.
#[derive(Debug, Clone)]
struct Run {
    /// From the column's left.
    x: f32,
    /// Which of the paragraph's spans.
    span: usize,
    text: String,
    /// Each character's glyph and advance in points (a justified line's spaces stretched).
    glyphs: Vec<(u16, f32)>,
}

/// The size a reference mark is printed at, and how far it is raised, per em of its text:
/// LibreOffice's superscript (58 %, 33 %).
const NOTE_SIZE: f32 = 0.58;
const NOTE_RISE: f32 = 0.33;

/// The gap between the text and the footnotes, with the short rule over them: a fifth of
/// the text width, as Word and LibreOffice draw it.
const NOTE_GAP: f32 = 12.0;

/// Lays out `blocks` on pages of `sheet`; `notes` are the footnotes' paragraphs.
pub(crate) fn pages(sheet: &Sheet, blocks: &[Block], notes: &[Para], fonts: &Fonts) -> Vec<Page> {
    let mut pager = Pager::new(sheet, notes, fonts);
    for (i, block) in blocks.iter().enumerate() {
        let next = blocks.get(i + 1);
        match block {
            Block::Para(p) => pager.para(p, next),
            Block::Row(r) => pager.row(r),
            Block::PageBreak { restart } => pager.break_page(*restart),
        }
    }
    pager.finish()
}

/// A character of a paragraph: itself, its span, its glyph and its advance in points.
type Ch = (char, usize, u16, f32);

/// The lines of `para` in a column `width` wide.
fn lines(para: &Para, width: f32, fonts: &Fonts) -> Vec<Line> {
    let chars = measure(para, fonts);
    let avail = |first: bool| {
        let indent = para.left + para.right + if first { para.first } else { 0.0 };
        (width - indent).max(1.0)
    };
    breaks(&chars, &avail)
        .into_iter()
        .enumerate()
        .map(|(n, range)| line(para, &chars, range, n == 0, avail(n == 0), fonts))
        .collect()
}

/// Each character of the paragraph with its span, glyph and advance.
fn measure(para: &Para, fonts: &Fonts) -> Vec<Ch> {
    let mut chars = Vec::new();
    for (k, span) in para.spans.iter().enumerate() {
        let size = span_size(span);
        let glyphs = fonts.face(span.style).glyphs(&span.text);
        for (c, (gid, adv)) in span.text.chars().zip(glyphs) {
            chars.push((c, k, gid, adv * size));
        }
    }
    chars
}

/// Where the lines start and end in `chars`, and whether each ends its paragraph or a
/// forced break (then it is not justified); `avail` is the room of the first line and of
/// the others.
fn breaks(chars: &[Ch], avail: &dyn Fn(bool) -> f32) -> Vec<(usize, usize, bool)> {
    let mut ranges: Vec<(usize, usize, bool)> = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let mut line_width = 0.0f32;
    let mut last_word_end: Option<usize> = None;
    while i < chars.len() {
        let c = chars[i].0;
        if c == '\n' {
            ranges.push((start, i, true));
            i += 1;
            start = i;
            line_width = 0.0;
            last_word_end = None;
            continue;
        }
        if c == ' ' {
            line_width += chars[i].3;
            i += 1;
            continue;
        }
        // A word, or the part of one up to a hyphen a line may end at.
        let end = word_end(chars, i);
        let word: f32 = chars[i..end].iter().map(|c| c.3).sum();
        let room = avail(ranges.is_empty());
        if line_width + word > room + 0.01 {
            if let Some(prev) = last_word_end {
                // The word starts the next line; the spaces before it end this one.
                ranges.push((start, prev, false));
                start = i;
                line_width = 0.0;
                last_word_end = None;
                continue;
            }
            // A word longer than the line is broken where it fills it.
            let mut w = 0.0;
            let mut cut = i;
            while cut < end && (cut == i || w + chars[cut].3 <= room) {
                w += chars[cut].3;
                cut += 1;
            }
            if cut < end {
                ranges.push((start, cut, false));
                start = cut;
                i = cut;
                line_width = 0.0;
                continue;
            }
        }
        line_width += word;
        last_word_end = Some(end);
        i = end;
    }
    ranges.push((start, chars.len(), true));
    ranges
}

/// Line `range` of `chars`, set in `room` points: placed by its alignment, its spaces
/// stretched when justified, its height and baseline from its largest text.
fn line(
    para: &Para,
    chars: &[Ch],
    (from, to, last): (usize, usize, bool),
    first: bool,
    room: f32,
    fonts: &Fonts,
) -> Line {
    // Trailing spaces take no room.
    let mut to = to;
    while to > from && chars[to - 1].0 == ' ' {
        to -= 1;
    }
    let slice = &chars[from..to];
    let natural: f32 = slice.iter().map(|c| c.3).sum();
    let spaces = slice.iter().filter(|c| c.0 == ' ').count();
    let stretch = match para.align {
        Align::Justify if !last && spaces > 0 => (room - natural).max(0.0) / spaces as f32,
        _ => 0.0,
    };
    let offset = match para.align {
        Align::Center => ((room - natural) / 2.0).max(0.0),
        Align::Right => (room - natural).max(0.0),
        _ => 0.0,
    };
    let indent = para.left + if first { para.first } else { 0.0 };
    let mut x = indent + offset;
    let mut runs: Vec<Run> = Vec::new();
    let mut notes = Vec::new();
    for &(c, k, gid, adv) in slice {
        let adv = if c == ' ' { adv + stretch } else { adv };
        match runs.last_mut() {
            Some(run) if run.span == k => {
                run.text.push(c);
                run.glyphs.push((gid, adv));
            }
            _ => {
                runs.push(Run {
                    x,
                    span: k,
                    text: c.to_string(),
                    glyphs: vec![(gid, adv)],
                });
                if let Some(note) = para.spans[k].note {
                    notes.push(note);
                }
            }
        }
        x += adv;
    }
    // The line's height: its largest text single spaced, or as set.
    let (mut height, mut ascent) = (0.0f32, 0.0f32);
    for run in &runs {
        let span = &para.spans[run.span];
        if span.note.is_some() {
            continue;
        }
        let face = fonts.face(span.style);
        height = height.max(face.line * span.size);
        ascent = ascent.max(face.ascent * span.size);
    }
    if height == 0.0 {
        let face = fonts.face(Style::Regular);
        height = face.line * para.size;
        ascent = face.ascent * para.size;
    }
    let mut baseline = ascent;
    if let Some(exact) = para.exact {
        // Text in a line of set height stands on the same baseline from its top,
        // clipped when the line is shorter.
        baseline = ascent.min(exact);
        height = exact;
    }
    Line {
        height,
        baseline,
        runs,
        notes,
    }
}

/// Where the word starting at `i` ends: at the next space or break, or just after a hyphen
/// inside it, where Word and LibreOffice may end a line ("1062/KH-" | "UBND", "17-" |
/// "31/12"); a hyphen that starts a word ("-5") stays with it.
fn word_end(chars: &[Ch], i: usize) -> usize {
    let mut j = i;
    while j < chars.len() {
        let c = chars[j].0;
        if matches!(c, ' ' | '\n') {
            return j;
        }
        let hyphen = matches!(c, '-' | '\u{2010}' | '\u{2013}')
            && j > i
            && chars[j - 1].0.is_alphanumeric()
            && chars.get(j + 1).is_some_and(|n| n.0.is_alphanumeric());
        j += 1;
        if hyphen {
            return j;
        }
    }
    j
}

/// The size a span's glyphs are drawn at.
fn span_size(span: &Span) -> f32 {
    match span.note {
        Some(_) => span.size * NOTE_SIZE,
        None => span.size,
    }
}

/// A paragraph ready to place: its lines and what it draws besides them.
struct Laid<'a> {
    para: &'a Para,
    lines: Vec<Line>,
}

impl Laid<'_> {
    fn height(&self) -> f32 {
        self.para.before + self.lines.iter().map(|l| l.height).sum::<f32>() + self.rule()
    }

    /// The room the rule under the paragraph takes.
    fn rule(&self) -> f32 {
        self.para.rule.unwrap_or(0.0)
    }
}

/// The pages as they fill.
struct Pager<'a> {
    sheet: &'a Sheet,
    fonts: &'a Fonts,
    notes: &'a [Para],
    pages: Vec<Page>,
    /// The first page of each run of numbered pages.
    starts: Vec<usize>,
    items: Vec<Item>,
    y: f32,
    /// Where the page's own content starts: under the heading row it repeats.
    page_top: f32,
    /// The footnotes on this page, in order, and the room they take.
    page_notes: Vec<usize>,
    notes_height: f32,
    /// The heading row of the table being flowed, repeated on each new page.
    heading: Option<Row>,
}

impl<'a> Pager<'a> {
    fn new(sheet: &'a Sheet, notes: &'a [Para], fonts: &'a Fonts) -> Self {
        Pager {
            sheet,
            fonts,
            notes,
            pages: Vec::new(),
            starts: vec![0],
            items: Vec::new(),
            y: sheet.top,
            page_top: sheet.top,
            page_notes: Vec::new(),
            notes_height: 0.0,
            heading: None,
        }
    }

    fn text_width(&self) -> f32 {
        self.sheet.width - self.sheet.left - self.sheet.right
    }

    /// The lowest the text may reach with the footnotes this page has.
    fn limit(&self) -> f32 {
        self.sheet.height - self.sheet.bottom - self.notes_height
    }

    /// Whether nothing but a repeated heading row is on the page yet: what does not fit
    /// there is printed over the foot rather than moved on for ever.
    fn at_top(&self) -> bool {
        self.y <= self.page_top + 0.01
    }

    /// The room footnote `n` takes under the others.
    fn note_height(&self, n: usize) -> f32 {
        let Some(p) = self.notes.get(n) else {
            return 0.0;
        };
        let h: f32 = lines(p, self.text_width(), self.fonts)
            .iter()
            .map(|l| l.height)
            .sum();
        h + if self.page_notes.is_empty() {
            NOTE_GAP
        } else {
            0.0
        }
    }

    /// The room a line needs: itself and the footnotes it brings to the page.
    fn line_need(&self, line: &Line) -> f32 {
        let mut need = line.height;
        let mut gap = self.page_notes.is_empty();
        for &n in &line.notes {
            if !self.page_notes.contains(&n) {
                // The gap over the footnotes is counted once.
                need += self.note_height(n) - if gap { 0.0 } else { NOTE_GAP };
                gap = false;
            }
        }
        need
    }

    fn new_page(&mut self) {
        self.close_page();
        self.y = self.sheet.top;
        if let Some(heading) = self.heading.clone() {
            self.place_row(&heading);
        }
        self.page_top = self.y;
    }

    fn break_page(&mut self, restart: bool) {
        self.heading = None;
        self.new_page();
        if restart {
            self.starts.push(self.pages.len());
        }
    }

    /// Ends the page: its footnotes under a short rule at the foot.
    fn close_page(&mut self) {
        let mut items = std::mem::take(&mut self.items);
        if !self.page_notes.is_empty() {
            let left = self.sheet.left;
            let mut y = self.sheet.height - self.sheet.bottom - self.notes_height;
            let rule = y + NOTE_GAP / 2.0;
            items.push(Item::Line {
                x1: left,
                y1: rule,
                x2: left + self.text_width() / 5.0,
                y2: rule,
                width: 0.5,
            });
            y += NOTE_GAP;
            for n in std::mem::take(&mut self.page_notes) {
                let p = &self.notes[n];
                let laid = lines(p, self.text_width(), self.fonts);
                for line in &laid {
                    draw_line(&mut items, p, line, left, y);
                    y += line.height;
                }
            }
        }
        self.notes_height = 0.0;
        self.pages.push(Page {
            width: self.sheet.width,
            height: self.sheet.height,
            items,
        });
    }

    fn para(&mut self, para: &Para, next: Option<&Block>) {
        let x = self.sheet.left;
        let laid = Laid {
            para,
            lines: lines(para, self.text_width(), self.fonts),
        };
        // What must follow the last line on its page.
        let tail = match (para.keep_next, next) {
            (true, Some(Block::Row(r))) => self.row_height(r),
            (true, Some(Block::Para(p))) => {
                p.before + lines(p, self.text_width(), self.fonts)[0].height
            }
            _ => 0.0,
        };
        let mut rest: &[Line] = &laid.lines;
        let mut first = true;
        loop {
            // Space above is dropped at the head of a page the text ran onto, as Word
            // and LibreOffice drop it.
            let ran_onto = self.at_top() && !self.pages.is_empty();
            let before = if first && !ran_onto { para.before } else { 0.0 };
            // How many lines fit here.
            let mut y = self.y + before;
            let mut fit = 0;
            let mut extra = 0.0;
            for line in rest {
                let need = self.line_need(line);
                if y + need + extra > self.limit() + 0.01 {
                    break;
                }
                y += line.height;
                extra += need - line.height;
                fit += 1;
            }
            let total = rest.len();
            let follows = tail == 0.0 || y + laid.rule() + tail <= self.limit() + 0.01;
            let mut take = fit;
            if fit == total && !follows {
                // It fits but what it keeps with does not: its last two lines go along.
                take = if total >= 4 { total - 2 } else { 0 };
            } else if fit < total {
                // Never one line alone at the head of the next page, nor at this one's foot.
                if total - fit < 2 {
                    take = fit.saturating_sub(1);
                }
                if take < 2 {
                    take = 0;
                }
            }
            if take == 0 && !self.at_top() {
                self.new_page();
                continue;
            }
            if take == 0 {
                // It does not fit even a page of its own: it runs over the foot.
                take = total;
            }
            self.y += before;
            self.place_lines(&laid, &rest[..take], x, first);
            rest = &rest[take..];
            first = false;
            if rest.is_empty() {
                break;
            }
            self.new_page();
        }
        if let Some(thick) = para.rule {
            let y = self.y + thick / 2.0;
            self.items.push(Item::Line {
                x1: x + para.left,
                y1: y,
                x2: x + self.text_width() - para.right,
                y2: y,
                width: thick,
            });
            self.y += thick;
        }
    }

    /// Draws `lines` from the current height and notes their footnotes.
    fn place_lines(&mut self, laid: &Laid, lines: &[Line], x: f32, first: bool) {
        let top = self.y;
        for line in lines {
            for &n in &line.notes {
                if !self.page_notes.contains(&n) {
                    self.notes_height += self.note_height(n);
                    self.page_notes.push(n);
                }
            }
            draw_line(&mut self.items, laid.para, line, x, self.y);
            self.y += line.height;
        }
        if first {
            draw_pictures(&mut self.items, laid.para, x, top);
        }
    }

    fn row_height(&self, row: &Row) -> f32 {
        row.cells
            .iter()
            .map(|(w, paras)| {
                paras
                    .iter()
                    .map(|p| {
                        Laid {
                            para: p,
                            lines: lines(p, w - 2.0 * row.pad, self.fonts),
                        }
                        .height()
                    })
                    .sum::<f32>()
            })
            .fold(0.0, f32::max)
    }

    fn row(&mut self, row: &Row) {
        if !row.heading {
            let h = self.row_height(row);
            if self.y + h > self.limit() + 0.01 && !self.at_top() {
                self.new_page();
            }
        } else {
            self.heading = Some(row.clone());
        }
        self.place_row(row);
    }

    fn place_row(&mut self, row: &Row) {
        let top = self.y;
        let height = self.row_height(row);
        let mut x = self.sheet.left;
        for (cell_width, paras) in &row.cells {
            let mut y = top;
            let (cx, width) = (x + row.pad, cell_width - 2.0 * row.pad);
            for p in paras {
                let laid = Laid {
                    para: p,
                    lines: lines(p, width, self.fonts),
                };
                y += p.before;
                let para_top = y;
                for line in &laid.lines {
                    draw_line(&mut self.items, p, line, cx, y);
                    y += line.height;
                }
                draw_pictures(&mut self.items, p, cx, para_top);
                if let Some(thick) = p.rule {
                    self.items.push(Item::Line {
                        x1: cx + p.left,
                        y1: y + thick / 2.0,
                        x2: cx + width - p.right,
                        y2: y + thick / 2.0,
                        width: thick,
                    });
                    y += thick;
                }
            }
            if let Some(thick) = row.ruled {
                let (left, right, bottom) = (x, x + cell_width, top + height);
                let edges = [
                    (left, top, right, top),
                    (left, bottom, right, bottom),
                    (left, top, left, bottom),
                    (right, top, right, bottom),
                ];
                for (x1, y1, x2, y2) in edges {
                    self.items.push(Item::Line {
                        x1,
                        y1,
                        x2,
                        y2,
                        width: thick,
                    });
                }
            }
            x += cell_width;
        }
        self.y = top + height;
    }

    fn finish(mut self) -> Vec<Page> {
        self.close_page();
        let Some((distance, size)) = self.sheet.numbers else {
            return self.pages;
        };
        let face = self.fonts.face(Style::Regular);
        let starts = self.starts.clone();
        for (i, page) in self.pages.iter_mut().enumerate() {
            let start = starts.iter().rev().find(|&&s| s <= i).copied().unwrap_or(0);
            let number = i - start + 1;
            if number < 2 {
                continue;
            }
            let text = number.to_string();
            let glyphs: Vec<(u16, f32)> = face
                .glyphs(&text)
                .into_iter()
                .map(|(g, a)| (g, a * size))
                .collect();
            let width: f32 = glyphs.iter().map(|g| g.1).sum();
            let sheet = self.sheet;
            let x = sheet.left + (sheet.width - sheet.left - sheet.right - width) / 2.0;
            page.items.push(Item::Text {
                x,
                y: distance + face.ascent * size,
                size,
                style: Style::Regular,
                text,
                glyphs,
            });
        }
        self.pages
    }
}

/// Draws one line of `para` whose top is at `y`, from the column's left `x`.
fn draw_line(items: &mut Vec<Item>, para: &Para, line: &Line, x: f32, y: f32) {
    for run in &line.runs {
        let span = &para.spans[run.span];
        let rise = match span.note {
            Some(_) => span.size * NOTE_RISE,
            None => 0.0,
        };
        items.push(Item::Text {
            x: x + run.x,
            y: y + line.baseline - rise,
            size: span_size(span),
            style: span.style,
            text: run.text.clone(),
            glyphs: run.glyphs.clone(),
        });
    }
}

fn draw_pictures(items: &mut Vec<Item>, para: &Para, x: f32, top: f32) {
    for p in &para.pictures {
        items.push(Item::Picture {
            index: p.index,
            x: x + p.x,
            y: top + p.y,
            width: p.width,
            height: p.height,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The serif the app carries, for measuring.
    pub(crate) fn fonts() -> Fonts {
        Fonts::new([
            include_bytes!("../../../resources/fonts/LiberationSerif-Regular.ttf").to_vec(),
            include_bytes!("../../../resources/fonts/LiberationSerif-Bold.ttf").to_vec(),
            include_bytes!("../../../resources/fonts/LiberationSerif-Italic.ttf").to_vec(),
            include_bytes!("../../../resources/fonts/LiberationSerif-BoldItalic.ttf").to_vec(),
        ])
        .unwrap()
    }

    fn para(text: &str, align: Align) -> Para {
        let mut p = Para::new(vec![Span::new(text, 14.0, Style::Regular)]);
        p.align = align;
        p
    }

    /// The lines `text` breaks into at 14 pt in a column `width` points wide.
    fn check(text: &str, width: f32, expected: &[&str]) {
        let got: Vec<String> = lines(&para(text, Align::Left), width, &fonts())
            .iter()
            .map(|l| l.runs.iter().map(|r| r.text.as_str()).collect())
            .collect();
        assert_eq!(got, expected);
    }

    /// The width of `text` at 14 pt.
    fn width(text: &str) -> f32 {
        fonts()
            .face(Style::Regular)
            .glyphs(text)
            .iter()
            .map(|g| g.1 * 14.0)
            .sum()
    }

    #[test]
    fn lines_break_at_the_first_word_that_does_not_fit() {
        let w = width("Kính gửi: Các");
        check(
            "Kính gửi: Các công đoàn",
            w + 0.1,
            &["Kính gửi: Các", "công đoàn"],
        );
        check(
            "Kính gửi: Các công đoàn",
            w - 0.1,
            &["Kính gửi:", "Các công", "đoàn"],
        );
        check("một\ndòng", 400.0, &["một", "dòng"]);
        check("", 400.0, &[""]);
    }

    #[test]
    fn a_line_may_end_after_a_hyphen_inside_a_word() {
        check("số 1062/KH-UBND", 90.0, &["số 1062/KH-", "UBND"]);
        check("ngày 17-31/12", 55.0, &["ngày 17-", "31/12"]);
        // A word longer than the line is cut where the line is full.
        check(
            "Nhàaaaaaaaaaaaaaaa",
            40.0,
            &["Nhàaa", "aaaaaa", "aaaaaa", "a"],
        );
    }

    #[test]
    fn justified_lines_fill_the_column_but_the_last() {
        let p = para(
            "Ban Thường vụ Liên đoàn Lao động huyện đề nghị",
            Align::Justify,
        );
        let laid = lines(&p, 120.0, &fonts());
        assert!(laid.len() >= 3);
        let right = |l: &Line| {
            let last = l.runs.last().unwrap();
            last.x + last.glyphs.iter().map(|g| g.1).sum::<f32>()
        };
        for l in &laid[..laid.len() - 1] {
            assert!((right(l) - 120.0).abs() < 0.01, "{}", right(l));
        }
        assert!(right(laid.last().unwrap()) < 119.0);
    }

    /// A4 with the letters' margins and page numbers from page 2.
    fn sheet() -> Sheet {
        Sheet {
            width: 595.3,
            height: 841.9,
            top: 56.7,
            bottom: 56.7,
            left: 85.05,
            right: 56.7,
            numbers: Some((28.35, 14.0)),
        }
    }

    /// The texts drawn on each page.
    fn texts(pages: &[Page]) -> Vec<Vec<String>> {
        pages
            .iter()
            .map(|p| {
                p.items
                    .iter()
                    .filter_map(|i| match i {
                        Item::Text { text, .. } => Some(text.clone()),
                        _ => None,
                    })
                    .collect()
            })
            .collect()
    }

    /// A paragraph of one line, `before` points below the one above.
    fn one_line(text: &str, before: f32) -> Block {
        let mut p = para(text, Align::Left);
        p.before = before;
        Block::Para(p)
    }

    #[test]
    fn a_page_never_ends_with_the_first_line_of_a_paragraph_alone() {
        // 40 lines of 16.1 pt fill 644 of the page's 728.5 pt; a gap leaves room for one
        // more line only, so the three-line paragraph goes whole to page 2.
        let mut blocks: Vec<Block> = (0..40).map(|i| one_line(&i.to_string(), 0.0)).collect();
        blocks.push(one_line("gap", 50.0));
        let mut three = para("một\nhai\nba", Align::Left);
        three.before = 0.0;
        blocks.push(Block::Para(three));
        let pages = pages(&sheet(), &blocks, &[], &fonts());
        let texts = texts(&pages);
        assert_eq!(texts.len(), 2);
        assert_eq!(texts[1], ["một", "hai", "ba", "2"]);
        assert_eq!(texts[0].last().unwrap(), "gap");
    }

    #[test]
    fn the_last_paragraph_keeps_with_the_signature() {
        let mut blocks: Vec<Block> = (0..38).map(|i| one_line(&i.to_string(), 0.0)).collect();
        let mut last = para("a\nb\nc\nd", Align::Left);
        last.keep_next = true;
        blocks.push(Block::Para(last));
        blocks.push(Block::Row(Row {
            cells: vec![(200.0, vec![para("Nơi nhận:\nx\ny\nz", Align::Left)])],
            ruled: None,
            pad: 0.0,
            heading: false,
        }));
        let texts = texts(&pages(&sheet(), &blocks, &[], &fonts()));
        // Two lines of the paragraph go to page 2 with the signature row.
        assert_eq!(texts[1], ["c", "d", "Nơi nhận:", "x", "y", "z", "2"]);
        assert_eq!(texts[0].last().unwrap(), "b");
    }

    #[test]
    fn a_row_taller_than_a_page_under_a_repeated_heading_ends() {
        let row = |text: &str, heading: bool| {
            Block::Row(Row {
                cells: vec![(200.0, vec![para(text, Align::Left)])],
                ruled: Some(0.25),
                pad: 5.4,
                heading,
            })
        };
        let tall = vec!["dòng"; 60].join("\n");
        let blocks = [row("Số", true), row("01", false), row(&tall, false)];
        let texts = texts(&pages(&sheet(), &blocks, &[], &fonts()));
        // The tall row goes to a page of its own, under the heading, and runs over its foot.
        assert_eq!(texts.len(), 2);
        assert_eq!(texts[1][0], "Số");
        assert_eq!(texts[1].iter().filter(|t| *t == "dòng").count(), 60);
    }

    #[test]
    fn a_footnote_is_printed_on_the_page_of_its_reference() {
        let mut p = para("Thực hiện", Align::Left);
        p.spans.push(Span {
            note: Some(0),
            ..Span::new("1", 14.0, Style::Regular)
        });
        let mut note = Para::new(vec![
            Span {
                note: Some(0),
                ..Span::new("1", 12.0, Style::Regular)
            },
            Span::new(" Chú thích.", 12.0, Style::Regular),
        ]);
        note.align = Align::Justify;
        let pages = pages(&sheet(), &[Block::Para(p)], &[note], &fonts());
        let texts = texts(&pages);
        assert_eq!(texts, [["Thực hiện", "1", "1", " Chú thích."]]);
        // The note stands at the foot of the page, under its short rule.
        let rule = pages[0].items.iter().find_map(|i| match i {
            Item::Line { y1, .. } => Some(*y1),
            _ => None,
        });
        assert!(rule.unwrap() > 700.0);
    }
}
