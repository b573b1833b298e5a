//! Numbers and dates written by hand or with a numbering stamp. The OCR engine's model
//! reads print and misreads them ("695" as "#9", "04" as "0#"), so on a scan's first page
//! the number's box (between "Số:" and its ký hiệu's "/"), the day's (between "ngày" and
//! "tháng") and the month's (up to "năm") are read again here where the engine was not
//! sure, digit by digit: each blot of ink made into a 28 × 28 picture and given to two
//! small classifiers trained on handwritten, stamped and printed digits
//! (`resources/digits.bin` and `digits-cnn.bin`, made by `scripts/gen-digits.py`). What
//! they are not sure of together is left as the engine read it, unless they all but rule
//! out the engine's digit there.

use std::sync::{LazyLock, OnceLock};

use regex::Regex;

use super::pdf::scan::{PageImage, Word};

/// The date's figures read again: the day between "ngày" and "tháng", the month between
/// "tháng" and "năm", each with its largest value and how wide the word after it is
/// printed against the word before (measured on the development scans: "tháng" 1.16–1.19
/// times "ngày", "năm" 0.72–0.73 times "tháng").
const FIGURES: [(&str, &str, u32, f32); 2] =
    [("ngày", "tháng", 31, 1.18), ("tháng", "năm", 12, 0.72)];
/// The word after a figure boxed this much wider than its print holds a figure's digit
/// the engine did not read ("10tháng" read "tháng" in a box half as wide again).
const WIDER: f32 = 1.15;
/// The engine's own reading is kept when it is this sure (0–100) of every digit.
const ENGINE_SURE: f32 = 90.0;
/// A digit is taken from the classifier when it gives it this probability or more. The
/// network is trained on varied hands (the "1" with its lead-in, the open "4", a stamp's
/// spread ink), so a true digit of an unusual hand gets 0.8–0.9: what keeps it from
/// guessing is this and the number's slash, the letters after it and the ink it lost.
const DIGIT_SURE: f32 = 0.8;
/// A digit the classifiers give this probability or more, short of `DIGIT_SURE`, is taken
/// over the engine's digit at its place when they give the engine's less than `RULED_OUT`.
const DIGIT_LIKELIER: f32 = 0.5;
/// See `DIGIT_LIKELIER`.
const RULED_OUT: f32 = 0.05;
/// A blot this share of the shortest digit's height or taller, between a number's digits
/// and its ký hiệu, is a figure of the number.
const TALL: f32 = 0.8;
/// The slash that ends a number is taken at this probability or more.
const SLASH_SURE: f32 = 0.6;
/// At most this many pixels in a box read again: a number's box is a few hundred wide.
const MAX_BOX_PIXELS: usize = 2_000_000;
/// At most this many digits in a number.
const MAX_DIGITS: usize = 6;
/// A word that starts within this many of the label's heights past a figure's end begins
/// with what ended it (see `replace`).
const NEAR: f32 = 0.3;

/// The classifier's input: a digit's picture this many pixels square...
const SIZE: usize = 28;
/// ...its longer side this many pixels, centred (as the handwritten digits it learnt from).
const BOX: f64 = 20.0;
/// Samples a pixel is made of, each way.
const SUB: usize = 4;
/// The classifier's classes: the ten digits, the slash, then what is not one digit (two
/// touching, a letter).
const SLASH: usize = 10;
/// The last class: not one digit.
const OTHER: usize = 11;

/// The words of a scan's first page with its number and its date's day and month read
/// again where the engine was not sure of them (or read a day or month that is none);
/// the words as they were when the picture does not decode.
pub fn mend(page: &PageImage, words: &[Word]) -> Vec<Word> {
    let mut words = words.to_vec();
    // The page is decoded only when a box is to be read again, and once.
    let mut picture: Option<Option<Gray>> = None;
    let limit = page.height as f32 * 0.4;
    if let Some(at) = words
        .iter()
        .position(|w| w.top < limit && is_number_label(&w.text))
    {
        // What the engine read as the number: glued to the label ("Số:535") and after it.
        let label = &words[at];
        let glued = Word {
            text: label.text.chars().skip(3).collect(),
            ..label.clone()
        };
        let read: Vec<Word> = std::iter::once(glued)
            .filter(|w| !w.text.is_empty())
            .chain(between(&words, at, |w| w.text.starts_with('/')))
            .collect();
        if !sure_digits(&read) {
            if let Some(g) = picture.get_or_insert_with(|| super::picture::decode(page, true)) {
                number(g, &mut words, at, &engine_digits(&read));
            }
        }
    }
    for (label, end, most, widths) in FIGURES {
        let Some(at) = words.iter().position(|w| {
            w.top < limit
                && is_word(&w.text, label)
                && on_date_line(&words, w)
                && next_word(&words, w, end).is_some()
        }) else {
            continue;
        };
        let read = between(&words, at, |w| is_word(&w.text, end));
        // A day of 45 is no day, however sure the engine was of it.
        let engine = engine_digits(&read);
        let in_range = engine
            .digits
            .parse::<u32>()
            .is_ok_and(|n| (1..=most).contains(&n));
        if !sure_digits(&read) || !in_range {
            if let Some(g) = picture.get_or_insert_with(|| super::picture::decode(page, true)) {
                figure(g, &mut words, at, (end, widths), most, &engine);
            }
        }
    }
    words
}

/// The page in grey, a byte a pixel (0 black), as `picture` decodes it.
type Gray = super::picture::Pixels;

impl Gray {
    /// The ink in a box (clipped to the picture), black where darker than Otsu's threshold
    /// of the box; None when the box is empty or too large.
    fn ink(&self, b: Rect) -> Option<Ink> {
        let left = b.left.max(0.0) as usize;
        let top = b.top.max(0.0) as usize;
        let right = (b.right.max(0.0) as usize).min(self.width);
        let bottom = (b.bottom.max(0.0) as usize).min(self.height);
        if right <= left || bottom <= top || (right - left) * (bottom - top) > MAX_BOX_PIXELS {
            return None;
        }
        let (w, h) = (right - left, bottom - top);
        let at = |x: usize, y: usize| self.bytes[(top + y) * self.width + left + x];
        let mut hist = [0u64; 256];
        for y in 0..h {
            for x in 0..w {
                hist[at(x, y) as usize] += 1;
            }
        }
        let t = super::picture::otsu(&hist);
        let mut on = vec![false; w * h];
        for y in 0..h {
            for x in 0..w {
                on[y * w + x] = at(x, y) <= t;
            }
        }
        Some(Ink {
            left: left as f32,
            width: w,
            height: h,
            on,
            starts_before: w,
        })
    }
}

/// A box in pixels.
#[derive(Debug, Clone, Copy)]
struct Rect {
    left: f32,
    top: f32,
    right: f32,
    bottom: f32,
}

/// A box's ink: true where black; blots that start at column `starts_before` or right of
/// it are the letters of the next word, read apart.
struct Ink {
    left: f32,
    width: usize,
    height: usize,
    on: Vec<bool>,
    starts_before: usize,
}

/// A blot of ink: its box in the `Ink` and its own pixels.
#[derive(Debug, Clone, PartialEq)]
struct Blot {
    left: usize,
    top: usize,
    width: usize,
    height: usize,
    on: Vec<bool>,
}

impl Blot {
    /// The blot cut to the box of its ink; None when it has none.
    fn trimmed(self) -> Option<Blot> {
        let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
        for y in 0..self.height {
            for x in 0..self.width {
                if self.on[y * self.width + x] {
                    (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x + 1), y1.max(y + 1));
                }
            }
        }
        if x1 == 0 {
            return None;
        }
        Some(self.part(x0, y0, x1 - x0, y1 - y0))
    }

    /// The part of the blot in a box of its own.
    fn part(&self, left: usize, top: usize, width: usize, height: usize) -> Blot {
        let mut on = Vec::with_capacity(width * height);
        for y in top..top + height {
            on.extend_from_slice(&self.on[y * self.width + left..y * self.width + left + width]);
        }
        Blot {
            left: self.left + left,
            top: self.top + top,
            width,
            height,
            on,
        }
    }

    /// Two blots one over the other made one (a digit's stroke broken in two).
    fn joined(&self, other: &Blot) -> Blot {
        let left = self.left.min(other.left);
        let top = self.top.min(other.top);
        let width = (self.left + self.width).max(other.left + other.width) - left;
        let height = (self.top + self.height).max(other.top + other.height) - top;
        let mut on = vec![false; width * height];
        for b in [self, other] {
            for y in 0..b.height {
                for x in 0..b.width {
                    if b.on[y * b.width + x] {
                        on[(b.top - top + y) * width + b.left - left + x] = true;
                    }
                }
            }
        }
        Blot {
            left,
            top,
            width,
            height,
            on,
        }
    }

    /// The blot cut in two between 25 % and 75 % of its width where both halves read most
    /// surely as digits or a slash.
    fn halves(&self) -> Option<(Blot, Blot)> {
        let from = (self.width / 4).max(1);
        let to = (self.width * 3 / 4).min(self.width - 1);
        let mut best: Option<(f32, Blot, Blot)> = None;
        // At most about 24 cuts tried: a wide blot costs no more than a narrow one.
        let step = ((to - from) / 24).max(1);
        for cut in (from..=to).step_by(step) {
            let (Some(a), Some(b)) = (
                self.part(0, 0, cut, self.height).trimmed(),
                self.part(cut, 0, self.width - cut, self.height).trimmed(),
            ) else {
                continue;
            };
            let ((ka, pa), (kb, pb)) = (classify(&a), classify(&b));
            let sure = if ka == OTHER || kb == OTHER {
                0.0
            } else {
                pa.min(pb)
            };
            if best.as_ref().is_none_or(|(s, _, _)| sure > *s) {
                best = Some((sure, a, b));
            }
        }
        best.map(|(_, a, b)| (a, b))
    }
}

/// The blots of ink in a box, left to right: 8-connected, from 45 % of a line's height to
/// two and a half lines tall, and not a rule; blots one over the other joined; a blot as
/// wide as two digits cut in two. With them, the ink of the blots left for being short,
/// apart from those the box's top or bottom cuts (the lines above and below): a faint
/// digit broken into pieces; and of those left for being too tall.
fn blots(ink: &Ink, line_height: f32) -> (Vec<Blot>, usize) {
    let min_height = 0.45 * line_height;
    let mut lost = 0;
    let (w, h) = (ink.width, ink.height);
    let mut seen = vec![false; w * h];
    let mut found = Vec::new();
    let mut stack = Vec::new();
    for start in 0..w * h {
        if !ink.on[start] || seen[start] {
            continue;
        }
        let mut pixels = Vec::new();
        seen[start] = true;
        stack.push(start);
        while let Some(p) = stack.pop() {
            pixels.push(p);
            let (x, y) = ((p % w) as isize, (p / w) as isize);
            for (dx, dy) in [
                (-1, -1),
                (0, -1),
                (1, -1),
                (-1, 0),
                (1, 0),
                (-1, 1),
                (0, 1),
                (1, 1),
            ] {
                let (nx, ny) = (x + dx, y + dy);
                if nx >= 0 && ny >= 0 && (nx as usize) < w && (ny as usize) < h {
                    let q = ny as usize * w + nx as usize;
                    if ink.on[q] && !seen[q] {
                        seen[q] = true;
                        stack.push(q);
                    }
                }
            }
        }
        let xs = pixels.iter().map(|p| p % w);
        let ys = pixels.iter().map(|p| p / w);
        let (x0, x1) = (xs.clone().min().unwrap_or(0), xs.max().unwrap_or(0) + 1);
        let (y0, y1) = (ys.clone().min().unwrap_or(0), ys.max().unwrap_or(0) + 1);
        let (bw, bh) = (x1 - x0, y1 - y0);
        if bw > 3 * bh || x0 >= ink.starts_before {
            continue;
        }
        // Taller than two lines and a half: a rule down the page, a stroke of the
        // signature or a picture, not a digit (a hand's are at most a line and a half);
        // a number it ran through would be read short of it.
        if bh as f32 > 2.5 * line_height {
            lost += pixels.len();
            continue;
        }
        if (bh as f32) < min_height {
            if y0 > 0 && y1 < h {
                lost += pixels.len();
            }
            continue;
        }
        let mut on = vec![false; bw * bh];
        for p in pixels {
            on[(p / w - y0) * bw + p % w - x0] = true;
        }
        found.push(Blot {
            left: x0,
            top: y0,
            width: bw,
            height: bh,
            on,
        });
    }
    found.sort_by_key(|b| b.left);
    let mut joined: Vec<Blot> = Vec::new();
    for b in found {
        if let Some(last) = joined.last_mut() {
            let overlap = (last.left + last.width).min(b.left + b.width) as isize
                - last.left.max(b.left) as isize;
            if overlap as f32 > 0.6 * last.width.min(b.width) as f32 {
                *last = last.joined(&b);
                continue;
            }
        }
        joined.push(b);
    }
    let mut out = Vec::new();
    let mut queue: std::collections::VecDeque<Blot> = joined.into();
    while let Some(b) = queue.pop_front() {
        if b.width >= 8 && b.width as f32 > 0.75 * b.height as f32 {
            if let Some((l, r)) = two_digits(&b) {
                queue.push_front(r);
                queue.push_front(l);
                continue;
            }
        }
        out.push(b);
    }
    (out, lost)
}

/// A wide blot's two halves when it is two digits touching (or a digit and the slash):
/// wider than tall, or not one digit to the classifier and its halves both tall.
fn two_digits(b: &Blot) -> Option<(Blot, Blot)> {
    let wide = b.width as f32 > 1.15 * b.height as f32;
    if !wide && classify(b).0 != OTHER {
        return None;
    }
    let tall = |p: &Blot| p.height as f32 > 0.6 * b.height as f32;
    b.halves().filter(|(l, r)| wide || (tall(l) && tall(r)))
}

/// The classifier's input for a blot: deskewed by its moments, its longer side `BOX`
/// pixels, centred in `SIZE`, each pixel the share of its `SUB` × `SUB` samples on ink.
fn normalize(b: &Blot) -> Vec<f32> {
    let mut out = vec![0f32; SIZE * SIZE];
    let pts: Vec<(f64, f64)> = (0..b.height)
        .flat_map(|y| (0..b.width).map(move |x| (x, y)))
        .filter(|(x, y)| b.on[y * b.width + x])
        .map(|(x, y)| (x as f64, y as f64))
        .collect();
    if pts.is_empty() {
        return out;
    }
    let n = pts.len() as f64;
    let cx = pts.iter().map(|p| p.0 + 0.5).sum::<f64>() / n;
    let cy = pts.iter().map(|p| p.1 + 0.5).sum::<f64>() / n;
    let mu11: f64 = pts
        .iter()
        .map(|p| (p.0 + 0.5 - cx) * (p.1 + 0.5 - cy))
        .sum();
    let mu02: f64 = pts.iter().map(|p| (p.1 + 0.5 - cy).powi(2)).sum();
    let skew = if mu02 <= 0.0 {
        0.0
    } else {
        (mu11 / mu02).clamp(-1.0, 1.0)
    };
    let xd = |p: &(f64, f64)| (p.0 + 0.5) - skew * ((p.1 + 0.5) - cy);
    let x0 = pts.iter().map(xd).fold(f64::INFINITY, f64::min) - 0.5;
    let x1 = pts.iter().map(xd).fold(f64::NEG_INFINITY, f64::max) + 0.5;
    let y0 = pts.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let y1 = pts.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max) + 1.0;
    let scale = (x1 - x0).max(y1 - y0) / BOX;
    let half = SIZE as f64 / 2.0;
    let ox = (x0 + x1) / 2.0 - half * scale;
    let oy = (y0 + y1) / 2.0 - half * scale;
    let share = 1.0 / (SUB * SUB) as f32;
    for i in 0..SIZE * SUB {
        let y = oy + (i as f64 + 0.5) / SUB as f64 * scale;
        let yi = y.floor();
        if yi < 0.0 || yi >= b.height as f64 {
            continue;
        }
        for j in 0..SIZE * SUB {
            let x = ox + (j as f64 + 0.5) / SUB as f64 * scale + skew * (y - cy);
            let xi = x.floor();
            if xi >= 0.0 && xi < b.width as f64 && b.on[yi as usize * b.width + xi as usize] {
                out[(i / SUB) * SIZE + j / SUB] += share;
            }
        }
    }
    out
}

/// A classifier: layers of convolutions (rectified, each then halved by taking the largest
/// of every 2 × 2), layers of rectified units, and a softmax over the classes.
struct Net {
    /// Each convolution's kernels (outputs × inputs × side × side) and biases.
    convs: Vec<(Vec<f32>, Vec<f32>)>,
    /// The dense layers' weights (inputs × outputs, by input) and biases.
    dense: Vec<(Vec<f32>, Vec<f32>)>,
    /// A kernel's side.
    side: usize,
}

/// The trained weights, carried by the app: a network of dense layers and one of
/// convolutions, trained on the same pictures. Each errs where the other does not (the
/// dense one calls a 7's stroke across the slash "not one digit", the convolutions read a
/// day crossed by a rule as a 4): their mean is sure only where both are.
const WEIGHTS: [&[u8]; 2] = [
    include_bytes!("../../resources/digits.bin"),
    include_bytes!("../../resources/digits-cnn.bin"),
];

impl Net {
    /// A weights' file: "CVDIGIT2", the number of dense layers and their sizes (u16), then
    /// each layer's weights and biases; or "CVDIGIT3", the two convolutions' numbers of
    /// outputs, the kernel's side, the hidden units and the classes (u16), then the
    /// kernels and biases of each convolution and the weights and biases of its two dense
    /// layers. All f32, all little-endian.
    fn load(bytes: &[u8]) -> Option<Net> {
        let floats = |b: &[u8]| -> Vec<f32> {
            b.chunks_exact(4)
                .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect()
        };
        let (rest, convolutions) = match bytes.strip_prefix(b"CVDIGIT3") {
            Some(rest) => (rest, true),
            None => (bytes.strip_prefix(b"CVDIGIT2")?, false),
        };
        let size =
            |at: usize| Some(u16::from_le_bytes([*rest.get(at)?, *rest.get(at + 1)?]) as usize);
        let (lengths, side, convs, header) = if convolutions {
            let (c1, c2, side, hidden) = (size(0)?, size(2)?, size(4)?, size(6)?);
            if size(8)? != OTHER + 1 || side % 2 == 0 {
                return None;
            }
            let flat = c2 * (SIZE / 4) * (SIZE / 4);
            let lengths = vec![
                c1 * side * side,
                c1,
                c2 * c1 * side * side,
                c2,
                flat * hidden,
                hidden,
                hidden * (OTHER + 1),
                OTHER + 1,
            ];
            (lengths, side, 2, 10)
        } else {
            let count = size(0)?;
            let sizes = (0..=count)
                .map(|k| size(2 + 2 * k))
                .collect::<Option<Vec<_>>>()?;
            if sizes.first() != Some(&(SIZE * SIZE)) || sizes.last() != Some(&(OTHER + 1)) {
                return None;
            }
            let lengths = sizes.windows(2).flat_map(|s| [s[0] * s[1], s[1]]).collect();
            (lengths, 1, 0, 2 + 2 * (count + 1))
        };
        let floats = floats(rest.get(header..)?);
        if floats.len() != lengths.iter().sum::<usize>() {
            return None;
        }
        let mut it = floats.into_iter();
        let mut pairs = lengths
            .chunks(2)
            .map(|l| {
                let w = it.by_ref().take(l[0]).collect();
                (w, it.by_ref().take(l[1]).collect())
            })
            .collect::<Vec<_>>();
        let dense = pairs.split_off(convs);
        Some(Net {
            convs: pairs,
            dense,
            side,
        })
    }

    /// The probability of each class for a picture.
    fn probabilities(&self, x: &[f32]) -> Vec<f32> {
        let mut v = x.to_vec();
        let mut n = SIZE;
        for (w, b) in &self.convs {
            v = halved(&convolved(&v, n, w, b, self.side), b.len(), n);
            n /= 2;
        }
        for (k, (w, b)) in self.dense.iter().enumerate() {
            let mut out = b.clone();
            for (i, vi) in v.iter().enumerate() {
                // Rectified: a unit that is off adds nothing.
                if *vi > 0.0 {
                    let row = &w[i * out.len()..(i + 1) * out.len()];
                    for (o, wi) in out.iter_mut().zip(row) {
                        *o += vi * wi;
                    }
                }
            }
            if k + 1 < self.dense.len() {
                out.iter_mut().for_each(|o| *o = o.max(0.0));
            }
            v = out;
        }
        let top = v.iter().cloned().fold(f32::NEG_INFINITY, f32::max);
        let exp: Vec<f32> = v.iter().map(|z| (z - top).exp()).collect();
        let sum: f32 = exp.iter().sum();
        exp.into_iter().map(|e| e / sum).collect()
    }
}

/// Planes of `n` × `n` convolved with `kernels` (outputs × inputs × side × side; zeros
/// around the edge, so the planes keep their size), plus the biases, rectified. Each
/// input that is on is spread over the outputs it reaches: most of a digit's picture is
/// paper.
fn convolved(v: &[f32], n: usize, kernels: &[f32], biases: &[f32], side: usize) -> Vec<f32> {
    let (outs, ins) = (biases.len(), v.len() / (n * n));
    let half = side / 2;
    let mut out: Vec<f32> = biases
        .iter()
        .flat_map(|b| std::iter::repeat_n(*b, n * n))
        .collect();
    for c in 0..ins {
        for y in 0..n {
            // The kernel's rows and columns that carry (x, y) to an output inside the plane:
            // the output at (x + half − kx, y + half − ky).
            let rows = (y + half + 1).saturating_sub(n)..side.min(y + half + 1);
            for x in 0..n {
                let vi = v[(c * n + y) * n + x];
                if vi == 0.0 {
                    continue;
                }
                let cols = (x + half + 1).saturating_sub(n)..side.min(x + half + 1);
                for o in 0..outs {
                    let kernel = &kernels[(o * ins + c) * side * side..][..side * side];
                    for ky in rows.clone() {
                        let at = (o * n + y + half - ky) * n + x + half;
                        for kx in cols.clone() {
                            out[at - kx] += vi * kernel[ky * side + kx];
                        }
                    }
                }
            }
        }
    }
    out.iter_mut().for_each(|o| *o = o.max(0.0));
    out
}

/// `planes` planes of `n` × `n` halved: the largest of every 2 × 2.
fn halved(v: &[f32], planes: usize, n: usize) -> Vec<f32> {
    let m = n / 2;
    let mut out = vec![0f32; planes * m * m];
    for c in 0..planes {
        for y in 0..m {
            for x in 0..m {
                let at = |dy: usize, dx: usize| v[(c * n + 2 * y + dy) * n + 2 * x + dx];
                out[(c * m + y) * m + x] = at(0, 0).max(at(0, 1)).max(at(1, 0)).max(at(1, 1));
            }
        }
    }
    out
}

/// The class of a blot and how sure the classifiers are together (0–1): the mean of their
/// probabilities; (0, 0) without weights.
fn classify(b: &Blot) -> (usize, f32) {
    likeliest(&likelihoods(b))
}

/// The likeliest class of the classifiers' probabilities, and its probability.
fn likeliest(all: &[f32; OTHER + 1]) -> (usize, f32) {
    all.iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map_or((0, 0.0), |(k, p)| (k, *p))
}

/// The classifiers' mean probability of each class for a blot; all 0 without weights.
fn likelihoods(b: &Blot) -> [f32; OTHER + 1] {
    static NETS: OnceLock<Option<Vec<Net>>> = OnceLock::new();
    let mut mean = [0f32; OTHER + 1];
    let Some(nets) = NETS.get_or_init(|| WEIGHTS.iter().map(|w| Net::load(w)).collect()) else {
        return mean;
    };
    let x = normalize(b);
    for net in nets {
        for (m, p) in mean.iter_mut().zip(net.probabilities(&x)) {
            *m += p / nets.len() as f32;
        }
    }
    mean
}

/// What the engine read where digits are read again.
#[derive(Debug, Clone, Default, PartialEq)]
struct Engine {
    /// Its digits; empty when it read anything else there.
    digits: String,
    /// Whether it read a slash right after them.
    slash: bool,
}

/// What must end a figure's digits for them to be taken.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Until {
    /// The box's end: the next word's place is known.
    Box,
    /// The box's end, for a figure of the date: where the engine read no digit there
    /// (the month's "4" read "Lý"), a digit at `DIGIT_LIKELIER` is taken, as nothing
    /// else is read there and the figure must be a day or month of the calendar.
    Date,
    /// A slash: the ký hiệu's place is not known, and the box runs on into it.
    Slash,
    /// A slash, or a mark that is not a digit: the engine read the ký hiệu glued to marks
    /// ("‡3?GM-TB"), so the slash is there, maybe crossed by the last digit's stroke.
    SlashOrMark,
}

/// The digits in a box, left to right, up to a slash or what is not a digit (the ký
/// hiệu's letters), with the least sure digit's probability and where they end. None when
/// a blot is not surely a digit, or when what must end them (`until`) is not found.
///
/// `engine` is what the engine read there. A digit the classifiers give only a likelier
/// chance (`DIGIT_LIKELIER`) is taken when they all but rule out the engine's digit at
/// its place (`RULED_OUT`), and the figure has as many digits as the engine's, or more
/// with every digit of the engine's ruled out so: two readers that disagree, one of them
/// sure the other is wrong (a numbering stamp's flat-topped "3" the engine read "2", a
/// hand's "24" read "9"); or, for a figure of the date (`Until::Date`), where the engine
/// read no digit at all. Where the engine read a slash after its digits,
/// a "1" after as many is that slash: a printed slash with its slant taken off, as the
/// classifiers' input has it, is a 1's stroke.
fn digits(
    ink: &Ink,
    line_height: f32,
    until: Until,
    engine: &Engine,
) -> Option<(String, f32, f32)> {
    let (mut text, mut sure, mut right) = (String::new(), 1f32, 0usize);
    let mut overruled = false;
    // The shortest digit taken: what is as tall in the box is a figure too.
    let mut least_height = usize::MAX;
    // Whether every digit the engine read is all but ruled out at its place.
    let mut engine_ruled_out = true;
    let mut ended = matches!(until, Until::Box | Until::Date);
    let (found, lost) = blots(ink, line_height);
    let kept: usize = found
        .iter()
        .map(|b| b.on.iter().filter(|p| **p).count())
        .sum();
    // Pieces of a digit the threshold broke would leave a number short of it.
    if lost * 4 > kept {
        return None;
    }
    for (i, b) in found.iter().enumerate() {
        // A blot the box's right edge cuts, after as many digits as the engine read, is the
        // start of what it boxed from there, the ký hiệu's slash on a page aslant (g02
        // turned 2.5°: "695" read "6951"), not a figure. With fewer, it may be the last
        // digit running into the ký hiệu's box.
        let read_all = !engine.digits.is_empty() && text.len() >= engine.digits.len();
        if until == Until::Box && read_all && b.left + b.width >= ink.width {
            break;
        }
        let all = likelihoods(b);
        let (k, p) = likeliest(&all);
        let at_slash = engine.slash && !text.is_empty() && text.len() == engine.digits.len();
        if k == SLASH && p >= SLASH_SURE || k == 1 && at_slash {
            ended = true;
            break;
        }
        if k == OTHER && !text.is_empty() {
            // Before the ký hiệu's slash, a blot as tall as the digits read is a figure of
            // the number the classifiers cannot read (f23's small "8" drawn narrow): the
            // number is left unread rather than read short of it.
            if until == Until::Box && b.height as f32 >= TALL * least_height as f32 {
                return None;
            }
            // A mark as narrow as a slash, not a blot as wide as digits left uncut.
            let narrow = (b.width as f32) < 0.6 * b.height as f32;
            ended |= until == Until::SlashOrMark && narrow;
            break;
        }
        // The ký hiệu's slash printed narrow, read as no digit for sure, with its first
        // capital right after it: the number ends there (g01 rescanned at 200 dpi, the
        // slash of "147/GM-TB" read a "1" at 66 %).
        if until != Until::Date
            && !text.is_empty()
            && p < DIGIT_SURE
            && slash_before_letter(&found, i, line_height, least_height)
        {
            ended = true;
            break;
        }
        if k >= SLASH || text.len() >= MAX_DIGITS {
            return None;
        }
        // The engine's digit at this place.
        let theirs = engine
            .digits
            .as_bytes()
            .get(text.len())
            .map(|d| (d - b'0') as usize);
        if let Some(d) = theirs {
            engine_ruled_out &= all[d] < RULED_OUT;
        }
        let unread = until == Until::Date && engine.digits.is_empty() && p >= DIGIT_LIKELIER;
        if p < DIGIT_SURE && !unread {
            if p < DIGIT_LIKELIER || theirs.is_none_or(|d| d == k || all[d] >= RULED_OUT) {
                return None;
            }
            overruled = true;
        }
        text.push(char::from(b'0' + k as u8));
        least_height = least_height.min(b.height);
        sure = sure.min(p);
        right = b.left + b.width;
    }
    let engine_read_more = engine.digits.len() > text.len();
    if overruled && text.len() != engine.digits.len() && (engine_read_more || !engine_ruled_out) {
        return None;
    }
    (ended && !text.is_empty()).then_some((text, sure, ink.left + right as f32))
}

/// Whether `found[i]` is narrow as a slash and the blot right after it, closer than
/// `LETTER_GAP` of a line's height, is a letter printed shorter than the digits written
/// by hand (`least_height`): not read for sure as a digit, nor as a slash.
fn slash_before_letter(found: &[Blot], i: usize, line_height: f32, least_height: usize) -> bool {
    let (b, Some(next)) = (&found[i], found.get(i + 1)) else {
        return false;
    };
    let gap = next.left as f32 - (b.left + b.width) as f32;
    let (k, p) = likeliest(&likelihoods(next));
    (b.width as f32) < 0.6 * b.height as f32
        && gap < LETTER_GAP * line_height
        && (next.height as f32) < SHORTER * least_height as f32
        && k != SLASH
        && (k == OTHER || p < DIGIT_SURE)
}

/// See `slash_before_letter`: a letter's gap after the slash, in a line's height.
const LETTER_GAP: f32 = 0.4;
/// See `slash_before_letter`: a printed capital's height, at most, in the digits'.
const SHORTER: f32 = 0.85;

/// Where a ký hiệu glued to marks starts in a word the engine read ("‡3?GM-TB",
/// "JOỳ1TB-KCN"): two capitals or more after a mark, followed by a hyphen and more
/// capitals. None for a word that starts with its ký hiệu, or has its slash before it.
fn glued_symbol(text: &str) -> Option<usize> {
    static GLUED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[^\p{Lu}/](\p{Lu}{2,}(?:-\p{Lu}+)+)$").unwrap());
    GLUED
        .captures(text)
        .map(|c| c.get(1).map_or(0, |m| m.start()))
}

/// Whether a word ends with a ký hiệu, alone or glued to marks ("TB-KCN", "‡3?GM-TB").
fn is_symbol(text: &str) -> bool {
    static SYMBOL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\p{Lu}{2,}(?:-\p{Lu}+)+$").unwrap());
    SYMBOL.is_match(text)
}

/// "Số", "Số:" (or "số:") or the label with what follows glued to it ("Số:535"); not "Số
/// lượng".
fn is_number_label(text: &str) -> bool {
    // The engine reads the capital S small now and then ("số:", f23): so read, with its
    // colon only, as the body's "Kế hoạch số 1961" is not the label.
    let small = ["số:", "sô:", "só:"].iter().any(|l| text.starts_with(l));
    small
        || ["Số", "Sô", "Só"]
            .iter()
            .any(|l| text == *l || text.starts_with(&format!("{l}:")))
}

/// Whether OCR's word is `word`, marks read before it ("(tháng") and a speck after it
/// ("ngày.") aside; a digit glued after it is not a speck.
fn is_word(text: &str, word: &str) -> bool {
    text.trim_start_matches(|c: char| !c.is_alphabetic())
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        == word
}

/// Whether a word is on the line of a date: "ngày" is on its line, at it or before it.
fn on_date_line(words: &[Word], w: &Word) -> bool {
    words
        .iter()
        .any(|d| d.line == w.line && d.left <= w.left && is_word(&d.text, "ngày"))
}

/// The first `word` after `from` on its line.
fn next_word<'a>(words: &'a [Word], from: &Word, word: &str) -> Option<&'a Word> {
    words
        .iter()
        .filter(|w| w.line == from.line && w.left > from.left && is_word(&w.text, word))
        .min_by(|a, b| a.left.total_cmp(&b.left))
}

/// The words after `words[at]` on its line up to the first that `ends`.
fn between(words: &[Word], at: usize, ends: impl Fn(&Word) -> bool) -> Vec<Word> {
    let label = &words[at];
    let mut after: Vec<&Word> = words
        .iter()
        .filter(|w| w.line == label.line && w.left > label.left)
        .collect();
    after.sort_by(|a, b| a.left.total_cmp(&b.left));
    after
        .into_iter()
        .take_while(|w| !ends(w))
        .cloned()
        .collect()
}

/// What the engine read in these words: its digits up to a slash (empty when it read
/// anything else there), and whether a slash followed them.
fn engine_digits(words: &[Word]) -> Engine {
    let text: String = words.iter().map(|w| w.text.as_str()).collect();
    let (digits, slash) = match text.split_once('/') {
        Some((d, _)) => (d, true),
        None => (text.as_str(), false),
    };
    if digits.chars().all(|c| c.is_ascii_digit()) {
        Engine {
            digits: digits.to_string(),
            slash,
        }
    } else {
        Engine::default()
    }
}

/// Whether the engine read only digits here, and surely.
fn sure_digits(words: &[Word]) -> bool {
    !words.is_empty()
        && words
            .iter()
            .all(|w| w.conf >= ENGINE_SURE && w.text.chars().all(|c| c.is_ascii_digit()))
}

/// The height of a line's words (their median).
fn line_height(words: &[Word], line: (u32, u32, u32)) -> f32 {
    let mut h: Vec<f32> = words
        .iter()
        .filter(|w| w.line == line)
        .map(|w| w.height)
        .collect();
    h.sort_by(f32::total_cmp);
    h.get(h.len() / 2).copied().unwrap_or(0.0)
}

/// The number after "Số:" read again; the words read there replaced by it.
fn number(gray: &Gray, words: &mut Vec<Word>, at: usize, engine: &Engine) {
    let label = words[at].clone();
    let h = line_height(words, label.line);
    // The label's own width, where the engine glued the number to it ("Số:535").
    let from = if label.text.chars().count() <= 3 {
        label.left + label.width
    } else {
        label.left + 1.3 * h
    };
    // The box runs to the ký hiệu's slash, or six lines on when it was not read; the
    // words past it (the place and date beside the number, a day read "/ÿ") are not the
    // number's, nor a slash ten lines on.
    let reach = from + 6.0 * h;
    let after = between(words, at, |_| false);
    let symbol = after
        .iter()
        .find(|w| w.left < from + 10.0 * h && w.text.starts_with('/'));
    let glued = after
        .iter()
        .any(|w| w.left < reach && glued_symbol(&w.text).is_some());
    let until = match (symbol, glued) {
        (Some(_), _) => Until::Box,
        (None, true) => Until::SlashOrMark,
        (None, false) => Until::Slash,
    };
    let to = symbol.map_or(reach, |w| w.left);
    let area = Rect {
        left: from,
        top: label.top - 0.8 * h,
        right: to,
        bottom: label.top + label.height + 0.5 * h,
    };
    let Some(ink) = gray.ink(area) else { return };
    let Some((text, sure, right)) = digits(&ink, h, until, engine) else {
        return;
    };
    replace(words, at, from, right, text, sure, |w| {
        w.left >= to || w.text.contains('/') || is_symbol(&w.text)
    });
    if label.text.chars().count() > 3 {
        if let Some(w) = words.iter_mut().find(|w| **w == label) {
            w.text = label.text.chars().take(3).collect();
        }
    }
}

/// A figure of the date read again (the day after "ngày" up to "tháng", the month after
/// "tháng" up to "năm"); the words read there replaced by it.
fn figure(
    gray: &Gray,
    words: &mut Vec<Word>,
    at: usize,
    (end, widths): (&str, f32),
    most: u32,
    engine: &Engine,
) {
    let label = words[at].clone();
    let Some(next) = next_word(words, &label, end) else {
        return;
    };
    // A digit glued to the next word ("(tháng": the day's 0) is in its box, before its
    // letters; so is one the engine boxed with the word without reading it, which makes
    // the box wider than the word is printed.
    let count = next.text.chars().count();
    let printed = label.width * widths;
    let glued = next.width * count.saturating_sub(end.chars().count()) as f32 / count as f32;
    let glued = if glued == 0.0 && next.width > printed * WIDER {
        next.width - printed
    } else {
        glued
    };
    // A glued digit is often wider than the engine's share of the word gives it: the box
    // runs on into the word, and blots that start in its letters are left out.
    let letters = next.left + glued;
    // The engine's box of the label can run over the figure's first word ("ngày" boxed
    // with the blot after it): the figure starts where that word does.
    let after_label = between(words, at, |w| is_word(&w.text, end))
        .first()
        .map_or(f32::INFINITY, |w| w.left);
    let area = Rect {
        left: (label.left + label.width).min(after_label),
        top: label.top - 0.8 * label.height,
        right: if glued > 0.0 {
            letters + 0.6 * label.height
        } else {
            next.left - 1.0
        },
        bottom: label.top + 2.5 * label.height,
    };
    let Some(mut ink) = gray.ink(area) else {
        return;
    };
    ink.starts_before = ((letters - ink.left).max(0.0) as usize).min(ink.width);
    let Some((text, sure, right)) = digits(&ink, label.height, Until::Date, engine) else {
        return;
    };
    if text.len() > 2 || !(1..=most).contains(&text.parse::<u32>().unwrap_or(0)) {
        return;
    }
    replace(words, at, area.left, right, text, sure, |w| {
        is_word(&w.text, end)
    });
    if glued > 0.0 {
        for w in words.iter_mut() {
            if w.line == label.line && is_word(&w.text, end) {
                w.text = end.to_string();
            }
        }
    }
}

/// The words after `words[at]` on its line given way to a word of `text` from `left` to
/// `right`: those up to the first that `ends` go, those after the figure stay; a word
/// running past `right`, or starting just past it, keeps its ký hiệu ("290/VP-TH" →
/// "/VP-TH", "‡3?GM-TB" → "/GM-TB"), and the one that `ends` is kept whole when it has
/// none.
fn replace(
    words: &mut Vec<Word>,
    at: usize,
    left: f32,
    right: f32,
    text: String,
    sure: f32,
    ends: impl Fn(&Word) -> bool,
) {
    let label = words[at].clone();
    let mut stop = f32::INFINITY;
    for w in words.iter() {
        if w.line == label.line && w.left > label.left && ends(w) {
            stop = stop.min(w.left);
        }
    }
    // A word the engine began just past the figure's end holds what ended it: the slash
    // of a ký hiệu read as a mark ("3GM-TB", the box a hair right of the crossed slash).
    let past = right + NEAR * label.height;
    words.retain_mut(|w| {
        let ending = w.left >= stop;
        if w.line != label.line || w.left <= label.left || ending && w.left >= past {
            return true;
        }
        if w.left + w.width <= right {
            return false;
        }
        // A word running past the figure keeps the ký hiệu after its slash, or glued to
        // the marks the engine made of the slash (a slash was found there).
        match (w.text.find('/'), glued_symbol(&w.text)) {
            (Some(slash), _) => w.text = w.text[slash..].to_string(),
            (None, Some(at)) => w.text = format!("/{}", &w.text[at..]),
            (None, None) => return ending,
        }
        w.left = w.left.max(right);
        true
    });
    let word = Word {
        text,
        left,
        top: label.top,
        width: (right - left).max(1.0),
        height: label.height,
        conf: sure * 100.0,
        line: label.line,
    };
    let k = words.iter().position(|w| *w == label).unwrap_or(0);
    words.insert(k + 1, word);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A blot from rows of '#' and '.'.
    fn blot(rows: &[&str]) -> Blot {
        let width = rows[0].len();
        Blot {
            left: 0,
            top: 0,
            width,
            height: rows.len(),
            on: rows
                .iter()
                .flat_map(|r| r.bytes().map(|b| b == b'#'))
                .collect(),
        }
    }

    fn check(rows: &[&str], expected: (f32, usize, usize)) {
        let x = normalize(&blot(rows));
        let ink: f32 = x.iter().sum();
        let (mut top, mut left) = (SIZE, SIZE);
        for (k, v) in x.iter().enumerate() {
            if *v > 0.0 {
                top = top.min(k / SIZE);
                left = left.min(k % SIZE);
            }
        }
        assert!(
            (ink - expected.0).abs() < 0.01,
            "ink {ink}, expected {}",
            expected.0
        );
        assert_eq!((top, left), (expected.1, expected.2));
    }

    #[test]
    fn a_digit_is_deskewed_scaled_to_twenty_pixels_and_centred() {
        // Each as scripts/gen-digits.py's `normalize` makes it: ink, top row, left column.
        // A bar two wide and ten tall: 20 pixels tall, 4 wide, centred.
        check(&["##"; 10], (80.0, 4, 12));
        // The same bar slanted as italic print is set upright.
        check(
            &[
                "....##", "....##", "...##.", "...##.", "..##..", "..##..", ".##...", ".##...",
                "##....", "##....",
            ],
            (80.0, 4, 11),
        );
        check(
            &["#####", "#...#", "#...#", "#####", "....#", "....#"],
            (175.75, 4, 4),
        );
    }

    #[test]
    fn a_convolution_keeps_its_kernel_the_right_way_round_and_halving_keeps_the_largest() {
        // A kernel's top-left weight carries each input to the output below and right of
        // it, as the training's convolution (a correlation) does.
        let mut top_left = [0.0; 9];
        top_left[0] = 1.0;
        let input = [0.0, 0.0, 0.0, 0.0, 2.0, 0.0, 0.0, 0.0, 0.0];
        let mut expected = [0.5; 9];
        expected[8] = 2.5;
        assert_eq!(convolved(&input, 3, &top_left, &[0.5], 3), expected);
        // Rectified: a negative bias leaves zeros.
        assert_eq!(convolved(&input, 3, &top_left, &[-1.0], 3)[8], 1.0);
        assert_eq!(convolved(&input, 3, &top_left, &[-1.0], 3)[0], 0.0);
        let plane: Vec<f32> = (0..16).map(|v| v as f32).collect();
        assert_eq!(halved(&plane, 1, 4), [5.0, 7.0, 13.0, 15.0]);
    }

    #[test]
    fn what_the_engine_read_as_digits_and_whether_a_slash_followed() {
        let read = |texts: &[&str]| {
            let words: Vec<Word> = texts
                .iter()
                .map(|t| Word {
                    text: t.to_string(),
                    left: 0.0,
                    top: 0.0,
                    width: 1.0,
                    height: 1.0,
                    conf: 50.0,
                    line: (1, 1, 1),
                })
                .collect();
            let e = engine_digits(&words);
            (e.digits, e.slash)
        };
        assert_eq!(read(&["290/VP-TH"]), ("290".into(), true));
        assert_eq!(read(&["1", "46"]), ("146".into(), false));
        assert_eq!(read(&["2á"]), (String::new(), false));
        assert_eq!(read(&[]), (String::new(), false));
    }

    #[test]
    fn a_blot_the_box_s_edge_cuts_after_the_digits_is_no_figure() {
        // Three ones a line high, the last one's right side the box's edge or not.
        let one = [
            "...##.", "..###.", ".#.##.", "#..##.", "...##.", "...##.", "...##.", "...##.",
            "...##.", "...##.", "...##.", "...##.", "...##.", "...##.", "...##.", "...##.",
            "...##.", "...##.", ".######",
        ];
        let ink = |width: usize| {
            let mut on = vec![false; width * 24];
            for (y, row) in one.iter().enumerate() {
                for (x, c) in row.bytes().enumerate() {
                    for left in [2, 12, 22] {
                        if c == b'#' && left + x < width {
                            on[(y + 2) * width + left + x] = true;
                        }
                    }
                }
            }
            Ink {
                left: 0.0,
                width,
                height: 24,
                on,
                starts_before: width,
            }
        };
        // The engine read two digits (as g02's three, "294" for 695).
        let engine = Engine {
            digits: "77".into(),
            slash: false,
        };
        let read =
            |ink: &Ink, until, engine: &Engine| digits(ink, 20.0, until, engine).map(|d| d.0);
        assert_eq!(read(&ink(34), Until::Box, &engine).as_deref(), Some("111"));
        assert_eq!(read(&ink(29), Until::Box, &engine).as_deref(), Some("11"));
        // The engine read more digits, or none: the cut blot may be the last digit.
        let three = Engine {
            digits: "777".into(),
            slash: false,
        };
        assert_eq!(read(&ink(29), Until::Box, &three).as_deref(), Some("111"));
        assert_eq!(
            read(&ink(29), Until::Box, &Engine::default()).as_deref(),
            Some("111")
        );
        // Up to a slash not seen, the edge is only where the look stopped.
        assert_eq!(read(&ink(29), Until::Date, &engine).as_deref(), Some("111"));
    }

    #[test]
    fn the_weights_load_and_a_cut_file_is_refused() {
        for w in WEIGHTS {
            assert!(Net::load(w).is_some());
            assert!(Net::load(&w[..w.len() - 4]).is_none());
        }
        assert!(Net::load(b"CVDIGIT2").is_none());
        assert!(Net::load(b"CVDIGIT3").is_none());
    }

    #[test]
    fn the_number_s_label_and_what_is_no_digit() {
        assert!(is_number_label("Số:535") && is_number_label("Số") && is_number_label("Sô:"));
        assert!(!is_number_label("Số lượng") && !is_number_label("Sở"));
        assert!(is_number_label("số:") && is_number_label("số:568") && !is_number_label("số"));
        // The date's words with a mark before them or a speck after them, not a digit.
        assert!(is_word("(tháng", "tháng") && is_word("ngày.", "ngày") && is_word("ngày", "ngày"));
        assert!(!is_word("tháng10", "tháng") && !is_word("ngàyx", "ngày"));
        // A ký hiệu the engine glued to the marks it made of a number and its slash.
        assert_eq!(glued_symbol("‡3?GM-TB"), Some(5));
        assert_eq!(glued_symbol("JOỳ1TB-KCN"), Some(6));
        for none in [
            "/GM-TB",
            "290/QĐ-UBND",
            "GM-TB",
            "‡3?",
            "2á",
            "Giang,",
            "x-y",
        ] {
            assert_eq!(glued_symbol(none), None, "{none}");
        }
        // A rule down the page, three lines tall, is no digit: its ink is counted as lost,
        // so that a number it ran through is not read short of a digit.
        let ink = Ink {
            left: 0.0,
            width: 3,
            height: 30,
            on: vec![true; 90],
            starts_before: 3,
        };
        let (found, lost) = blots(&ink, 10.0);
        assert!(found.is_empty());
        assert_eq!(lost, 90);
    }
}
