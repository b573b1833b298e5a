//! A page's drawing program run for its text: every glyph shown, with where it lands on
//! the page as the reader sees it (rotation applied, top left at 0,0), its size and
//! advance, and the order it was drawn in. Forms are followed (within bounds), and so are
//! annotations' appearances, which is where e-office systems stamp the number and the day
//! at issuing.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::font::{deref, get, number, Font};
use super::lexer::{Lexer, Operand};
use super::{refused, Budget};

/// A glyph shown on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// What it says, by its font's maps (see `font::Code`).
    pub text: String,
    /// The code as an 8-bit letter, for one-byte fonts.
    pub raw: Option<char>,
    /// Its font, an index into the document's fonts.
    pub font: usize,
    /// Where its baseline starts, in points from the page's top left.
    pub x: f32,
    /// See `x`; y grows downwards.
    pub y: f32,
    /// Its advance along the baseline, in points.
    pub width: f32,
    /// Its font size on the page, in points.
    pub size: f32,
    /// The order it was drawn in, over the whole page.
    pub seq: usize,
    /// It comes from an annotation's appearance (a stamp, a field, a signature).
    pub stamped: bool,
}

/// A page read: its glyphs, its size, and how many images it draws.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// The glyphs, in the order drawn.
    pub glyphs: Vec<Glyph>,
    /// The page's width as seen, in points.
    pub width: f32,
    /// The page's height as seen, in points.
    pub height: f32,
    /// Images drawn (a scan is one image a page).
    pub images: usize,
    /// The first `MAX_DRAWN` images drawn, each with the matrix it was drawn with (its
    /// unit square onto the page as seen): where a scan's patches lie over its page.
    pub drawn: Vec<(ObjectId, Matrix)>,
    /// Glyphs drawn invisibly (text mode 3): the text layer an OCR program lays over a scan.
    pub invisible: usize,
}

/// The fonts met so far, each loaded once.
#[derive(Default)]
pub(crate) struct Fonts {
    /// The fonts, by index.
    pub list: Vec<Font>,
    by_id: HashMap<ObjectId, usize>,
}

impl Fonts {
    fn index(&mut self, doc: &Document, object: &Object) -> Option<usize> {
        let id = object.as_reference().ok();
        if let Some(i) = id.and_then(|id| self.by_id.get(&id)) {
            return Some(*i);
        }
        let dict = deref(doc, object)?.as_dict().ok()?;
        self.list.push(Font::load(doc, dict));
        let i = self.list.len() - 1;
        if let Some(id) = id {
            self.by_id.insert(id, i);
        }
        Some(i)
    }
}

/// An affine matrix [a b c d e f], as PDF writes them.
pub(crate) type Matrix = [f32; 6];

/// See `Page::drawn`.
const MAX_DRAWN: usize = 64;

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m` then `n`: a point is transformed by `m` first.
fn times(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn apply(m: &Matrix, x: f32, y: f32) -> (f32, f32) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

/// The graphics state text needs.
#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<usize>,
    size: f32,
    char_space: f32,
    word_space: f32,
    scale: f32,
    leading: f32,
    rise: f32,
    invisible: bool,
}

impl State {
    fn new(ctm: Matrix) -> State {
        State {
            ctm,
            font: None,
            size: 0.0,
            char_space: 0.0,
            word_space: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
            invisible: false,
        }
    }
}

/// The most characters a signature's appearance may show and still be read as text
/// stamped on the letter ("108", "12", "108/TTr-SNV").
const MAX_STAMP_CHARS: usize = 16;

/// The deepest q/Q nesting kept: deeper saves are counted but not stored.
const MAX_SAVES: usize = 256;

/// Runs a page's content and its annotations' appearances.
pub fn read(
    doc: &Document,
    page_id: ObjectId,
    fonts: &mut Fonts,
    budget: &mut Budget,
) -> Result<Page, String> {
    let dict = doc.get_dictionary(page_id).map_err(|_| super::damaged())?;
    let resources = inherited(doc, dict, b"Resources")?.and_then(|o| o.as_dict().ok());
    let media = inherited(doc, dict, b"CropBox")?
        .or(inherited(doc, dict, b"MediaBox")?)
        .map(|o| numbers(doc, Some(o)))
        .filter(|v| v.len() == 4)
        .unwrap_or_else(|| vec![0.0, 0.0, 595.0, 842.0]);
    let (x0, y0) = (media[0].min(media[2]), media[1].min(media[3]));
    let (x1, y1) = (media[0].max(media[2]), media[1].max(media[3]));
    let rotate = inherited(doc, dict, b"Rotate")?
        .and_then(number)
        .map(|r| (r as i64).rem_euclid(360))
        .unwrap_or(0);
    // The page as seen: user space turned by the page's rotation, top left at 0,0.
    let view: Matrix = match rotate {
        90 => [0.0, 1.0, 1.0, 0.0, -y0, -x0],
        180 => [-1.0, 0.0, 0.0, 1.0, x1, -y0],
        270 => [0.0, -1.0, -1.0, 0.0, y1, x1],
        _ => [1.0, 0.0, 0.0, -1.0, -x0, y1],
    };
    let (width, height) = match rotate {
        90 | 270 => (y1 - y0, x1 - x0),
        _ => (x1 - x0, y1 - y0),
    };
    let mut run = Run {
        doc,
        fonts,
        budget,
        page: Page {
            width,
            height,
            ..Page::default()
        },
        within: Vec::new(),
        stamped: false,
    };
    let mut content = Vec::new();
    for id in doc.get_page_contents(page_id) {
        if let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) {
            content.extend(run.budget.inflate(stream)?);
            content.push(b'\n');
        }
    }
    run.draw(&content, resources, view)?;
    drop(content);
    run.annotations(dict, view)?;
    Ok(run.page)
}

/// A page being run.
struct Run<'a, 'f> {
    doc: &'a Document,
    fonts: &'f mut Fonts,
    budget: &'f mut Budget,
    page: Page,
    /// The forms being drawn, outermost first.
    within: Vec<ObjectId>,
    /// What is drawn now is an annotation's appearance.
    stamped: bool,
}

impl<'a> Run<'a, '_> {
    /// Runs a content stream with its resources, from a starting matrix.
    fn draw(
        &mut self,
        content: &[u8],
        resources: Option<&'a Dictionary>,
        ctm: Matrix,
    ) -> Result<(), String> {
        let mut state = State::new(ctm);
        let mut saved: Vec<State> = Vec::new();
        let mut deeper = 0usize;
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        let mut lexer = Lexer::new(content);
        let font_dict = resources
            .and_then(|r| get(self.doc, r, b"Font"))
            .and_then(|o| o.as_dict().ok());
        while let Some((op, operands)) = lexer.next_op() {
            self.budget.operation()?;
            let n = |i: usize| operands.get(i).and_then(Operand::number).unwrap_or(0.0);
            match op.as_slice() {
                b"q" => match saved.len() < MAX_SAVES {
                    true => saved.push(state.clone()),
                    false => deeper += 1,
                },
                b"Q" => {
                    if deeper > 0 {
                        deeper -= 1;
                    } else if let Some(s) = saved.pop() {
                        state = s;
                    }
                }
                b"cm" if operands.len() == 6 => {
                    let m = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    state.ctm = times(&m, &state.ctm);
                }
                b"BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                b"Tf" => {
                    state.font = match operands.first() {
                        Some(Operand::Name(name)) => font_dict
                            .and_then(|d| d.get(name).ok())
                            .and_then(|o| self.fonts.index(self.doc, o)),
                        _ => None,
                    };
                    state.size = n(1);
                }
                b"Tc" => state.char_space = n(0),
                b"Tw" => state.word_space = n(0),
                b"Tz" => state.scale = n(0) / 100.0,
                b"TL" => state.leading = n(0),
                b"Ts" => state.rise = n(0),
                b"Tr" => state.invisible = n(0) as i32 == 3 || n(0) as i32 == 7,
                b"Td" | b"TD" => {
                    if op == b"TD" {
                        state.leading = -n(1);
                    }
                    tlm = times(&[1.0, 0.0, 0.0, 1.0, n(0), n(1)], &tlm);
                    tm = tlm;
                }
                b"Tm" if operands.len() == 6 => {
                    tlm = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    tm = tlm;
                }
                b"T*" => {
                    tlm = times(&[1.0, 0.0, 0.0, 1.0, 0.0, -state.leading], &tlm);
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" => {
                    if op == b"\"" {
                        state.word_space = n(0);
                        state.char_space = n(1);
                    }
                    if op != b"Tj" {
                        tlm = times(&[1.0, 0.0, 0.0, 1.0, 0.0, -state.leading], &tlm);
                        tm = tlm;
                    }
                    if let Some(Operand::Str(s)) = operands.last() {
                        self.show(s, &state, &mut tm)?;
                    }
                }
                b"TJ" => {
                    if let Some(Operand::Array(items)) = operands.first() {
                        for item in items {
                            match item {
                                Operand::Str(s) => self.show(s, &state, &mut tm)?,
                                Operand::Number(k) => {
                                    let tx = -k / 1000.0 * state.size * state.scale;
                                    tm = times(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                }
                                _ => {}
                            }
                        }
                    }
                }
                b"Do" => {
                    if let Some(Operand::Name(name)) = operands.first() {
                        self.form(name, resources, &state.ctm)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Shows a string: each code becomes a glyph where the text matrix stands, which then
    /// moves by the code's advance.
    fn show(&mut self, bytes: &[u8], state: &State, tm: &mut Matrix) -> Result<(), String> {
        let Some(font_index) = state.font else {
            return Ok(());
        };
        let font = &self.fonts.list[font_index];
        let size_scale = font.size_scale;
        let codes = font.decode(bytes);
        for code in codes {
            let advance = (code.width * state.size
                + state.char_space
                + if code.word_space {
                    state.word_space
                } else {
                    0.0
                })
                * state.scale;
            if state.invisible {
                self.page.invisible += 1;
            }
            let m = times(tm, &state.ctm);
            let (x, y) = apply(&m, 0.0, state.rise);
            let (ex, ey) = apply(&m, code.width * state.size * state.scale, state.rise);
            let (ux, uy) = apply(&m, 0.0, state.rise + state.size * size_scale);
            let size = ((ux - x).powi(2) + (uy - y).powi(2)).sqrt();
            let (dx, dy) = (ex - x, ey - y);
            // Only text set left to right along the page's lines is kept: rotated text (a
            // stamp across the page, a margin note) is not part of the letter's lines.
            let horizontal = dx >= 0.0 && dy.abs() <= 0.2 * dx.max(size * 0.05) + 0.01;
            if horizontal && size > 0.5 && (!code.text.is_empty() || code.raw.is_some()) {
                self.budget.glyph()?;
                let seq = self.page.glyphs.len();
                self.page.glyphs.push(Glyph {
                    text: code.text,
                    raw: code.raw,
                    font: font_index,
                    x,
                    y,
                    width: dx,
                    size,
                    seq,
                    stamped: self.stamped,
                });
            }
            *tm = times(&[1.0, 0.0, 0.0, 1.0, advance, 0.0], tm);
        }
        Ok(())
    }

    /// Draws the form `name` of `resources`, if it is one, with the matrix `ctm`.
    fn form(
        &mut self,
        name: &[u8],
        resources: Option<&'a Dictionary>,
        ctm: &Matrix,
    ) -> Result<(), String> {
        let Some(object) = resources
            .and_then(|r| get(self.doc, r, b"XObject"))
            .and_then(|o| o.as_dict().ok())
            .and_then(|x| x.get(name).ok())
        else {
            return Ok(());
        };
        let Ok(id) = object.as_reference() else {
            return Ok(());
        };
        let Ok(stream) = self.doc.get_object(id).and_then(Object::as_stream) else {
            return Ok(());
        };
        match stream.dict.get(b"Subtype").and_then(Object::as_name).ok() {
            Some(b"Form") => {}
            Some(b"Image") => {
                self.page.images += 1;
                if self.page.drawn.len() < MAX_DRAWN {
                    self.page.drawn.push((id, *ctm));
                }
                return Ok(());
            }
            _ => return Ok(()),
        }
        self.enter(id)?;
        let matrix = form_matrix(self.doc, &stream.dict);
        let inner = get(self.doc, &stream.dict, b"Resources")
            .and_then(|o| o.as_dict().ok())
            .or(resources);
        let content = self.budget.inflate(stream)?;
        let result = self.draw(&content, inner, times(&matrix, ctm));
        self.within.pop();
        result
    }

    /// Counts a form drawn and refuses one that draws itself, nests too deep, or is one
    /// drawing too many.
    fn enter(&mut self, id: ObjectId) -> Result<(), String> {
        if self.within.contains(&id) {
            return Err(refused("có hình vẽ lồng vào chính nó"));
        }
        if self.within.len() >= super::MAX_NESTING {
            return Err(refused(&format!(
                "có hình vẽ lồng quá {} lớp",
                super::MAX_NESTING
            )));
        }
        self.budget.drawing()?;
        self.within.push(id);
        Ok(())
    }

    /// The annotations' appearances: each normal appearance drawn in its rectangle, as a
    /// viewer shows it; hidden ones and links are left out. A field or a note without an
    /// appearance shows its value at its rectangle's start.
    fn annotations(&mut self, page: &'a Dictionary, view: Matrix) -> Result<(), String> {
        let Some(list) = get(self.doc, page, b"Annots").and_then(|o| o.as_array().ok()) else {
            return Ok(());
        };
        self.stamped = true;
        for item in list.iter().take(4096) {
            let Some(annot) = deref(self.doc, item).and_then(|o| o.as_dict().ok()) else {
                continue;
            };
            let flags = get(self.doc, annot, b"F").and_then(number).unwrap_or(0.0) as u32;
            let subtype = get(self.doc, annot, b"Subtype").and_then(|o| o.as_name().ok());
            if flags & (2 | 32) != 0 || matches!(subtype, Some(b"Link" | b"Popup")) {
                continue;
            }
            let rect = numbers(self.doc, get(self.doc, annot, b"Rect"));
            let [rx0, ry0, rx1, ry1] = rect[..] else {
                continue;
            };
            let (rx0, rx1) = (rx0.min(rx1), rx0.max(rx1));
            let (ry0, ry1) = (ry0.min(ry1), ry0.max(ry1));
            let before = self.page.glyphs.len();
            match self.appearance(annot) {
                Some((id, stream)) => {
                    let matrix = form_matrix(self.doc, &stream.dict);
                    let bbox = numbers(self.doc, get(self.doc, &stream.dict, b"BBox"));
                    let [bx0, by0, bx1, by1] = bbox[..] else {
                        continue;
                    };
                    // The box, through the form's matrix, is fitted to the rectangle.
                    let corners = [(bx0, by0), (bx1, by0), (bx0, by1), (bx1, by1)]
                        .map(|(x, y)| apply(&matrix, x, y));
                    let minx = corners.iter().map(|c| c.0).fold(f32::MAX, f32::min);
                    let maxx = corners.iter().map(|c| c.0).fold(f32::MIN, f32::max);
                    let miny = corners.iter().map(|c| c.1).fold(f32::MAX, f32::min);
                    let maxy = corners.iter().map(|c| c.1).fold(f32::MIN, f32::max);
                    if maxx - minx < 1e-3 || maxy - miny < 1e-3 {
                        continue;
                    }
                    let sx = (rx1 - rx0) / (maxx - minx);
                    let sy = (ry1 - ry0) / (maxy - miny);
                    let fit = [sx, 0.0, 0.0, sy, rx0 - minx * sx, ry0 - miny * sy];
                    let resources =
                        get(self.doc, &stream.dict, b"Resources").and_then(|o| o.as_dict().ok());
                    self.enter(id)?;
                    let content = self.budget.inflate(stream)?;
                    let ctm = times(&times(&matrix, &fit), &view);
                    let result = self.draw(&content, resources, ctm);
                    self.within.pop();
                    result?;
                }
                None => {
                    let value = get(self.doc, annot, b"V")
                        .or_else(|| get(self.doc, annot, b"Contents"))
                        .and_then(|o| lopdf::decode_text_string(o).ok());
                    if let Some(text) = value.filter(|t| !t.trim().is_empty()) {
                        let size = ((ry1 - ry0) * 0.7).clamp(6.0, 14.0);
                        let (x, y) = apply(
                            &view,
                            rx0 + 2.0,
                            ry0 + (ry1 - ry0 - size) / 2.0 + 0.2 * size,
                        );
                        self.budget.glyph()?;
                        let count = text.chars().count().max(1) as f32;
                        let width = (size * 0.5 * count).min(rx1 - rx0);
                        let seq = self.page.glyphs.len();
                        for (k, c) in text.chars().enumerate() {
                            self.page.glyphs.push(Glyph {
                                text: c.to_string(),
                                raw: None,
                                font: usize::MAX,
                                x: x + width * k as f32 / count,
                                y,
                                width: width / count,
                                size,
                                seq: seq + k,
                                stamped: true,
                            });
                        }
                    }
                }
            }
            // A digital signature's appearance shows who signed and when ("Ký bởi: …,
            // Thời gian ký: …"), which is not the letter's text; what the issuing system
            // stamps in a signature's place is short: the number, the day.
            if self.is_signature(annot) {
                let said: String = self.page.glyphs[before..]
                    .iter()
                    .map(|g| g.text.as_str())
                    .collect::<String>()
                    .split_whitespace()
                    .collect();
                if said.chars().count() > MAX_STAMP_CHARS {
                    self.page.glyphs.truncate(before);
                }
            }
        }
        self.stamped = false;
        Ok(())
    }

    /// Whether an annotation is the widget of a signature field (its own or its parent's
    /// field type is /Sig).
    fn is_signature(&self, annot: &Dictionary) -> bool {
        let mut dict = annot;
        for _ in 0..8 {
            if let Some(ft) = get(self.doc, dict, b"FT").and_then(|o| o.as_name().ok()) {
                return ft == b"Sig";
            }
            match get(self.doc, dict, b"Parent").and_then(|o| o.as_dict().ok()) {
                Some(parent) => dict = parent,
                None => return false,
            }
        }
        false
    }

    /// An annotation's normal appearance, the one its state names when it has several.
    fn appearance(&self, annot: &'a Dictionary) -> Option<(ObjectId, &'a lopdf::Stream)> {
        let ap = get(self.doc, annot, b"AP")?.as_dict().ok()?;
        let normal = ap.get(b"N").ok()?;
        let target = match deref(self.doc, normal)? {
            Object::Stream(_) => normal,
            Object::Dictionary(states) => {
                let state = get(self.doc, annot, b"AS")?.as_name().ok()?;
                states.get(state).ok()?
            }
            _ => return None,
        };
        let id = target.as_reference().ok()?;
        let stream = self.doc.get_object(id).ok()?.as_stream().ok()?;
        Some((id, stream))
    }
}

/// The numbers of an array (a rectangle, a matrix); none when it is not one.
pub(super) fn numbers(doc: &Document, array: Option<&Object>) -> Vec<f32> {
    array
        .and_then(|o| o.as_array().ok())
        .map(|a| {
            a.iter()
                .filter_map(|o| deref(doc, o).and_then(number))
                .collect()
        })
        .unwrap_or_default()
}

/// A form's /Matrix, or the identity.
fn form_matrix(doc: &Document, dict: &Dictionary) -> Matrix {
    match numbers(doc, get(doc, dict, b"Matrix"))[..] {
        [a, b, c, d, e, f] => [a, b, c, d, e, f],
        _ => IDENTITY,
    }
}

/// A page's entry `key`, or its parent's, up the page tree; refused when the parents loop.
pub(super) fn inherited<'a>(
    doc: &'a Document,
    page: &'a Dictionary,
    key: &[u8],
) -> Result<Option<&'a Object>, String> {
    let mut dict = page;
    let mut seen = std::collections::HashSet::new();
    for _ in 0..super::MAX_PARENTS {
        if let Ok(found) = dict.get(key) {
            return Ok(deref(doc, found));
        }
        let Some(parent) = dict.get(b"Parent").and_then(Object::as_reference).ok() else {
            return Ok(None);
        };
        if !seen.insert(parent) {
            return Err(refused("có trang nằm trong vòng lặp"));
        }
        dict = doc.get_dictionary(parent).map_err(|_| super::damaged())?;
    }
    Err(refused(&format!(
        "có trang lồng quá {} lớp",
        super::MAX_PARENTS
    )))
}
