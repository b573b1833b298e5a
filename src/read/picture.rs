//! A scan's page picture in pixels, for what the core reads on it itself: the handwritten
//! digits (`digits`), and the page without its red seal for a last look at the signature
//! (a seal's ring makes the OCR engine take the signer's lines for part of a picture),
//! the page without the streaks a scanner's dirty glass or a fold draws down it, and the
//! page turned level when it was scanned aslant.

use std::io::Cursor;

use super::pdf::scan::{PageImage, Patch};

/// A picture decoded, a byte a channel.
pub(crate) struct Pixels {
    /// Its width in pixels.
    pub width: usize,
    /// Its height in pixels.
    pub height: usize,
    /// The pixels, row by row: one byte each in grey, three in colour.
    pub bytes: Vec<u8>,
}

impl Pixels {
    /// The pixel (its index, not its byte) nearest a point of the picture given as shares
    /// of its width and height, each below 1.
    fn nearest(&self, u: f32, v: f32) -> usize {
        (v * self.height as f32) as usize * self.width + (u * self.width as f32) as usize
    }
}

/// Red ink: this much redder than it is green or blue (0–255).
const RED: i32 = 40;
/// A page with less of its pixels red than this (in ten-thousandths) has no seal.
const SEAL_SHARE: usize = 5;

/// A page's PNG or JPEG decoded in grey (a byte a pixel) or in colour (red, green and
/// blue); None when it does not decode.
pub(crate) fn decode(page: &PageImage, grey: bool) -> Option<Pixels> {
    let bytes = &page.bytes;
    let (width, height, pixels) = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        let mut decoder = png::Decoder::new(Cursor::new(bytes));
        decoder.set_transformations(png::Transformations::normalize_to_color8());
        let mut reader = decoder.read_info().ok()?;
        let mut buf = vec![0; reader.output_buffer_size()?];
        let info = reader.next_frame(&mut buf).ok()?;
        let channels = info.color_type.samples();
        let mut pixels = Vec::with_capacity(buf.len());
        for p in buf.chunks_exact(channels) {
            match (grey, channels) {
                (true, 1 | 2) => pixels.push(p[0]),
                (true, _) => pixels.push(luma(p)),
                (false, 1 | 2) => pixels.extend([p[0]; 3]),
                (false, _) => pixels.extend(&p[..3]),
            }
        }
        (info.width as usize, info.height as usize, pixels)
    } else {
        use zune_jpeg::zune_core::{
            bytestream::ZCursor, colorspace::ColorSpace, options::DecoderOptions,
        };
        let options = DecoderOptions::default()
            .jpeg_set_out_colorspace(if grey {
                ColorSpace::Luma
            } else {
                ColorSpace::RGB
            })
            .set_max_width(20_000)
            .set_max_height(20_000);
        let mut decoder = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(bytes), options);
        let pixels = decoder.decode().ok()?;
        let info = decoder.info()?;
        (info.width as usize, info.height as usize, pixels)
    };
    let size = width * height * if grey { 1 } else { 3 };
    (pixels.len() >= size).then_some(Pixels {
        width,
        height,
        bytes: pixels,
    })
}

/// Grey from red, green and blue (ITU-R 601).
pub(crate) fn luma(p: &[u8]) -> u8 {
    ((299 * p[0] as u32 + 587 * p[1] as u32 + 114 * p[2] as u32) / 1000) as u8
}

/// The page in grey with its red ink (the seal, a received stamp) made white, as a PNG;
/// None when the page has no red to speak of or does not decode.
pub fn without_seal(page: &PageImage) -> Option<PageImage> {
    let rgb = decode(page, false)?;
    let count = rgb.width * rgb.height;
    let is_red = |p: &[u8]| p[0] as i32 - (p[1].max(p[2]) as i32) > RED;
    let red = rgb.bytes.chunks_exact(3).filter(|p| is_red(p)).count();
    if red * 10_000 < count * SEAL_SHARE {
        return None;
    }
    let grey: Vec<u8> = rgb
        .bytes
        .chunks_exact(3)
        .take(count)
        .map(|p| if is_red(p) { 255 } else { luma(p) })
        .collect();
    png_page(page, rgb.width, rgb.height, &grey, true)
}

/// The page with the thin dark lines that run down nearly its whole height made white (the
/// streak a speck on a feeder scanner's glass draws, a fold), in grey or colour as it came,
/// as a PNG; None when it has none or does not decode. The OCR engine takes such a line for
/// a column's edge and reads every line of the body in two halves, losing the letters
/// under it. A table's rules stay: the engine reads a table by them.
pub fn without_streaks(page: &PageImage) -> Option<PageImage> {
    let mut rgb = decode(page, false)?;
    let (width, height) = (rgb.width, rgb.height);
    let least = (height / STREAK_RUN).max(8);
    // Each column's long dark runs, found row by row (the pixels lie so in memory).
    let mut columns: Vec<Vec<(usize, usize)>> = vec![Vec::new(); width];
    let mut starts: Vec<Option<usize>> = vec![None; width];
    for y in 0..=height {
        for (x, start) in starts.iter_mut().enumerate() {
            let dark = y < height && luma(&rgb.bytes[(y * width + x) * 3..][..3]) < 128;
            match (dark, *start) {
                (true, None) => *start = Some(y),
                (false, Some(s)) => {
                    if y - s >= least {
                        columns[x].push((s, y));
                    }
                    *start = None;
                }
                _ => {}
            }
        }
    }
    // Kept when together they cover enough of the column's height and reach a margin, as
    // a streak does and a table's rules do not; the page's own edges are left: a dark
    // border splits no line.
    let (edge, side) = (height * STREAK_EDGE / 100, width * STREAK_EDGE / 100);
    for (x, column) in columns.iter_mut().enumerate() {
        let total: usize = column.iter().map(|(from, to)| to - from).sum();
        let margin = column.first().is_some_and(|r| r.0 <= edge)
            || column.last().is_some_and(|r| r.1 + edge >= height);
        if total * 100 < height * STREAK_SHARE || !margin || x < side || x + side >= width {
            column.clear();
        }
    }
    // Only thin lines: a wide band of such columns is a dark edge or a dark page, not a
    // streak, and is left as it is.
    let widest = (width / 300).max(STREAK_WIDTH);
    let mut found = false;
    let mut x = 0;
    while x < width {
        let end = (x..width).find(|&e| columns[e].is_empty()).unwrap_or(width);
        if end > x && end - x <= widest {
            for (cx, column) in columns.iter().enumerate().take(end).skip(x) {
                for &(from, to) in column {
                    found = true;
                    for y in from..to {
                        rgb.bytes[(y * width + cx) * 3..][..3].fill(255);
                    }
                }
            }
        }
        x = end + 1;
    }
    if !found {
        return None;
    }
    let (bytes, grey) = packed(rgb.bytes);
    png_page(page, width, height, &bytes, grey)
}

/// The page at about 300 dots an inch, in grey or colour as it came, as a PNG; None when
/// it is finer than `FINE_DPI` no more, or does not decode. The engine reads print best at
/// 300 dpi: a page scanned at 600 reads no better and two and a half times slower (16 s
/// against 7 for g08 at twice its size), and a long scan so passes a caller's patience.
/// Each pixel is the mean of a square of the page's, as many to a side as the page has
/// 300 dpi's pixels, rounded.
pub fn at_300_dpi(page: &PageImage) -> Option<PageImage> {
    let dpi = 72.0 / page.scale;
    if !dpi.is_finite() || dpi < FINE_DPI {
        return None;
    }
    let k = (dpi / 300.0).round().max(2.0) as usize;
    let rgb = decode(page, false)?;
    let (w, h) = (rgb.width / k, rgb.height / k);
    if w == 0 || h == 0 {
        return None;
    }
    let mut out = vec![0u8; w * h * 3];
    for y in 0..h {
        for x in 0..w {
            let mut sum = [0usize; 3];
            for row in y * k..(y + 1) * k {
                let from = (row * rgb.width + x * k) * 3;
                for p in rgb.bytes[from..from + k * 3].chunks_exact(3) {
                    (0..3).for_each(|c| sum[c] += p[c] as usize);
                }
            }
            let at = (y * w + x) * 3;
            (0..3).for_each(|c| out[at + c] = ((sum[c] + k * k / 2) / (k * k)) as u8);
        }
    }
    let (pixels, grey) = packed(out);
    let mut smaller = png_page(page, w, h, &pixels, grey)?;
    smaller.scale = page.scale * k as f32;
    Some(smaller)
}

/// See `at_300_dpi`: a page this fine or finer is made coarser; a phone's photo of a sheet
/// (some 480 dpi as an A4 wide, the sheet narrower in it) is left.
const FINE_DPI: f32 = 500.0;

/// The page enlarged to about 300 dots an inch, in grey or colour as it came, as a PNG;
/// None when it is as fine as `COARSE_DPI`, would pass `MAX_ENLARGED` pixels, or does not
/// decode. A page scanned at 150 dpi (an office's scan to e-mail, a fax) has its small
/// type a dozen pixels high, and the engine, which wants some twenty, reads its figures
/// wrong: the development scans rendered at 150 dpi (`scripts/degraded-files --rescanned`)
/// read 0.731 as they are, 0.782 enlarged. Each pixel is the page's around it weighed by
/// nearness (bilinear).
pub fn enlarged(page: &PageImage) -> Option<PageImage> {
    let dpi = 72.0 / page.scale;
    if !dpi.is_finite() || dpi <= 0.0 || dpi >= COARSE_DPI {
        return None;
    }
    let k = (300.0 / dpi).round().clamp(2.0, 3.0) as usize;
    let (pw, ph) = (page.width as usize, page.height as usize);
    if pw * ph * k * k > MAX_ENLARGED {
        return None;
    }
    let rgb = decode(page, false)?;
    let (sw, sh) = (rgb.width, rgb.height);
    let (w, h) = (sw * k, sh * k);
    if sw < 2 || sh < 2 || w * h > MAX_ENLARGED {
        return None;
    }
    let mut out = vec![0u8; w * h * 3];
    for y in 0..h {
        let fy = ((y as f32 + 0.5) / k as f32 - 0.5).clamp(0.0, (sh - 1) as f32);
        let (y0, ty) = (fy as usize, fy - (fy as usize) as f32);
        let y1 = (y0 + 1).min(sh - 1);
        for x in 0..w {
            let fx = ((x as f32 + 0.5) / k as f32 - 0.5).clamp(0.0, (sw - 1) as f32);
            let (x0, tx) = (fx as usize, fx - (fx as usize) as f32);
            let x1 = (x0 + 1).min(sw - 1);
            for c in 0..3 {
                let at = |xx: usize, yy: usize| rgb.bytes[(yy * sw + xx) * 3 + c] as f32;
                out[(y * w + x) * 3 + c] = bilinear(at, (x0, x1, tx), (y0, y1, ty));
            }
        }
    }
    let (pixels, grey) = packed(out);
    let mut larger = png_page(page, w, h, &pixels, grey)?;
    larger.scale = page.scale / k as f32;
    Some(larger)
}

/// See `enlarged`: a page coarser than this is enlarged; one at 200 dpi (an office
/// copier's, g03's, g07's) reads as well as it is.
const COARSE_DPI: f32 = 180.0;
/// See `enlarged`: the most pixels a page is enlarged to (an A3 sheet at 300 dpi has 17
/// million).
const MAX_ENLARGED: usize = 36_000_000;

/// Pixels of three bytes as a page's PNG wants them: one byte a pixel when every pixel is
/// grey (and whether it is), else as they are.
fn packed(rgb: Vec<u8>) -> (Vec<u8>, bool) {
    match rgb.chunks_exact(3).all(|p| p[0] == p[1] && p[1] == p[2]) {
        true => (rgb.iter().step_by(3).copied().collect(), true),
        false => (rgb, false),
    }
}

/// The page with its paper made evenly white, in grey or colour as it came, as a PNG; None
/// when its light is even already (a scanner's) or it does not decode. A phone's photo is
/// lit unevenly, darker at one side or in the corners, and lies on a desk: the engine
/// parts ink from paper by one grey for the whole page, and reads the darker part's words,
/// the signature's often, as a picture. Each pixel is divided by the light of the paper
/// around it: the brightest of the cells of `CELL` pixels within `REACH` cells, smoothed.
pub fn flattened(page: &PageImage) -> Option<PageImage> {
    let rgb = decode(page, false)?;
    let (w, h) = (rgb.width, rgb.height);
    let (sw, sh) = (w.div_ceil(CELL), h.div_ceil(CELL));
    if sw <= 2 * REACH || sh <= 2 * REACH {
        return None;
    }
    // Each cell's mean grey.
    let mut sum = vec![0u32; sw * sh];
    let mut count = vec![0u32; sw * sh];
    for y in 0..h {
        for x in 0..w {
            let c = (y / CELL) * sw + x / CELL;
            sum[c] += luma(&rgb.bytes[(y * w + x) * 3..][..3]) as u32;
            count[c] += 1;
        }
    }
    let cells: Vec<f32> = sum
        .iter()
        .zip(&count)
        .map(|(s, n)| *s as f32 / (*n).max(1) as f32)
        .collect();
    let paper = filtered(&filtered(&cells, sw, sh, brightest), sw, sh, mean);
    let mut light = paper.clone();
    light.sort_by(f32::total_cmp);
    let (dim, bright) = (light[light.len() / 20], light[light.len() * 19 / 20]);
    if dim >= EVEN * bright {
        return None;
    }
    // The paper's light at a pixel: the cells' around it, weighed by nearness.
    let at = |x: usize, y: usize| {
        let fx = ((x as f32 + 0.5) / CELL as f32 - 0.5).clamp(0.0, (sw - 1) as f32);
        let fy = ((y as f32 + 0.5) / CELL as f32 - 0.5).clamp(0.0, (sh - 1) as f32);
        let (x0, y0) = (fx as usize, fy as usize);
        let (x1, y1) = ((x0 + 1).min(sw - 1), (y0 + 1).min(sh - 1));
        let (dx, dy) = (fx - x0 as f32, fy - y0 as f32);
        let top = paper[y0 * sw + x0] * (1.0 - dx) + paper[y0 * sw + x1] * dx;
        let bottom = paper[y1 * sw + x0] * (1.0 - dx) + paper[y1 * sw + x1] * dx;
        (top * (1.0 - dy) + bottom * dy).max(1.0)
    };
    let mut out = Vec::with_capacity(w * h * 3);
    for y in 0..h {
        for x in 0..w {
            let gain = 255.0 / at(x, y);
            for v in &rgb.bytes[(y * w + x) * 3..][..3] {
                out.push((*v as f32 * gain).min(255.0) as u8);
            }
        }
    }
    let (out, grey) = packed(out);
    png_page(page, w, h, &out, grey)
}

/// The side of a cell of `flattened`, in pixels.
const CELL: usize = 8;
/// How many cells away `flattened` looks for the paper's light: seven cells of eight
/// pixels across, wider than a bold title's stroke, narrower than the light changes.
const REACH: usize = 3;
/// The light is even when the dimmest twentieth of the page's paper is this bright
/// against its brightest.
const EVEN: f32 = 0.8;

/// Each cell given `reduce` of the cells within `REACH` of it, along its row, then along
/// its column.
fn filtered(cells: &[f32], w: usize, h: usize, reduce: Reduce) -> Vec<f32> {
    let mut rows = vec![0.0; w * h];
    for y in 0..h {
        for x in 0..w {
            let (from, to) = (x.saturating_sub(REACH), (x + REACH).min(w - 1));
            rows[y * w + x] = reduce(&mut (from..=to).map(|k| cells[y * w + k]));
        }
    }
    let mut out = vec![0.0; w * h];
    for y in 0..h {
        for x in 0..w {
            let (from, to) = (y.saturating_sub(REACH), (y + REACH).min(h - 1));
            out[y * w + x] = reduce(&mut (from..=to).map(|k| rows[k * w + x]));
        }
    }
    out
}

/// What `filtered` makes of a cell's neighbours.
type Reduce = fn(&mut dyn Iterator<Item = f32>) -> f32;

/// The largest.
fn brightest(values: &mut dyn Iterator<Item = f32>) -> f32 {
    values.fold(0.0, f32::max)
}

/// The mean.
fn mean(values: &mut dyn Iterator<Item = f32>) -> f32 {
    let (sum, n) = values.fold((0.0, 0.0), |(s, n), v| (s + v, n + 1.0));
    sum / n
}

/// The page turned clockwise by `quarters` quarter turns, in grey or colour as it came, as
/// a PNG at the same points a pixel; None when it does not decode. A sheet fed upside down
/// or sideways, or a photo taken so, reads as nothing until it is turned upright.
pub fn turned(page: &PageImage, quarters: u8) -> Option<PageImage> {
    let rgb = decode(page, false)?;
    let (w, h) = (rgb.width, rgb.height);
    let (pixels, grey) = packed(rgb.bytes);
    let ch = if grey { 1 } else { 3 };
    let q = quarters % 4;
    let (nw, nh) = if q % 2 == 1 { (h, w) } else { (w, h) };
    let mut out = vec![0u8; nw * nh * ch];
    for y in 0..h {
        for x in 0..w {
            let (nx, ny) = match q {
                1 => (h - 1 - y, x),
                2 => (w - 1 - x, h - 1 - y),
                3 => (y, w - 1 - x),
                _ => (x, y),
            };
            out[(ny * nw + nx) * ch..][..ch].copy_from_slice(&pixels[(y * w + x) * ch..][..ch]);
        }
    }
    png_page(page, nw, nh, &out, grey)
}

/// The page with the patches a scanning program drew apart over it drawn in, each where
/// its stencil is black (or whole, a band of a page drawn in bands), scaled to its area;
/// None when there are none or the page does not decode. A patch or a stencil that does
/// not decode is left out.
pub fn composed(page: &PageImage, patches: &[Patch]) -> Option<PageImage> {
    if patches.is_empty() {
        return None;
    }
    let mut canvas = decode(page, false)?;
    let (w, h) = (canvas.width, canvas.height);
    for patch in patches {
        let Some(pixels) = decode(&patch.image, false) else {
            continue;
        };
        let mask = match &patch.mask {
            Some(mask) => match decode(mask, true) {
                Some(mask) => Some(mask),
                None => continue,
            },
            None => None,
        };
        let [left, top, right, bottom] = patch.area;
        let (pw, ph) = (right - left, bottom - top);
        if pw < 1.0 || ph < 1.0 {
            continue;
        }
        let x0 = left.max(0.0) as usize;
        let y0 = top.max(0.0) as usize;
        let x1 = (right.ceil().max(0.0) as usize).min(w);
        let y1 = (bottom.ceil().max(0.0) as usize).min(h);
        for y in y0..y1 {
            // The patch's pixel at the middle of the page's, nearest.
            let v = ((y as f32 + 0.5 - top) / ph).clamp(0.0, 0.999_99);
            for x in x0..x1 {
                let u = ((x as f32 + 0.5 - left) / pw).clamp(0.0, 0.999_99);
                if mask.as_ref().is_none_or(|m| m.bytes[m.nearest(u, v)] < 128) {
                    let at = pixels.nearest(u, v) * 3;
                    canvas.bytes[(y * w + x) * 3..][..3].copy_from_slice(&pixels.bytes[at..][..3]);
                }
            }
        }
    }
    let (out, grey) = packed(canvas.bytes);
    png_page(page, w, h, &out, grey)
}

/// Whether a page is nearly blank: its Otsu threshold parts the paper's grain, not ink
/// from paper (or it does not decode).
pub fn nearly_blank(page: &PageImage) -> bool {
    decode(page, true).is_none_or(|grey| grainy(&grey))
}

/// Whether the page's Otsu threshold is as light as `GRAIN`: the grain's, not the ink's.
fn grainy(grey: &Pixels) -> bool {
    let hist = histogram(&grey.bytes);
    otsu(&hist) >= GRAIN
}

/// How many pixels of each grey there are.
fn histogram(greys: &[u8]) -> [u64; 256] {
    let mut hist = [0u64; 256];
    for &p in greys {
        hist[p as usize] += 1;
    }
    hist
}

/// Otsu's threshold of a histogram: the grey that best parts ink from paper.
pub(crate) fn otsu(hist: &[u64; 256]) -> u8 {
    let total: f64 = hist.iter().sum::<u64>() as f64;
    let sum_all: f64 = hist
        .iter()
        .enumerate()
        .map(|(i, n)| i as f64 * *n as f64)
        .sum();
    let (mut wb, mut sb, mut best, mut t) = (0.0, 0.0, 0.0, 128u8);
    for (i, n) in hist.iter().enumerate() {
        wb += *n as f64;
        if wb == 0.0 || wb == total {
            continue;
        }
        sb += i as f64 * *n as f64;
        let (mb, mf) = (sb / wb, (sum_all - sb) / (total - wb));
        let v = wb * (total - wb) * (mb - mf) * (mb - mf);
        if v > best {
            best = v;
            t = i as u8;
        }
    }
    t
}

/// A page nearly blank in black and white, as a PNG: black where it is darker than
/// mid-grey; None when its Otsu threshold parts ink from paper as on a page of text, or it
/// does not decode. On a page with little ink (the last one, with the signature) the
/// threshold falls inside the paper's grain, and the engine's sparse look, which thresholds
/// so, reads thousands of specks as words, for half a minute.
pub fn without_grain(page: &PageImage) -> Option<PageImage> {
    let grey = decode(page, true)?;
    if !grainy(&grey) {
        return None;
    }
    let bytes: Vec<u8> = grey
        .bytes
        .iter()
        .map(|&p| if p < 128 { 0 } else { 255 })
        .collect();
    png_page(page, grey.width, grey.height, &bytes, true)
}

/// The page in grey with its pale ink made dark, as a PNG; None when it does not decode.
/// A line printed pale (grey type, a toner running low, a copy of a copy) lies between the
/// print's black and the paper, and the engine, which parts ink from paper by one grey for
/// the whole page, takes it for paper: each pixel's darkness against the paper (the grey
/// most pixels have) is made `PALE_GAIN` times as much.
pub fn darker(page: &PageImage) -> Option<PageImage> {
    let grey = decode(page, true)?;
    let hist = histogram(&grey.bytes);
    let paper = (0..256).max_by_key(|&i| hist[i]).unwrap_or(255) as i32;
    let bytes: Vec<u8> = grey
        .bytes
        .iter()
        .map(|&p| (paper - (paper - p as i32).max(0) * PALE_GAIN).clamp(0, 255) as u8)
        .map(|p| if p as i32 >= paper { 255 } else { p })
        .collect();
    png_page(page, grey.width, grey.height, &bytes, true)
}

/// See `darker`: pale type some 60 greys under the paper comes out about as dark as print.
const PALE_GAIN: i32 = 3;

/// The part of a page within `[left, top, right, bottom]` (pixels) in grey, with a white
/// margin of half its height around it, as a PNG: one line for the engine to read alone.
/// None when the part is empty or the page does not decode.
pub fn strip(page: &PageImage, area: [f32; 4]) -> Option<PageImage> {
    let grey = decode(page, true)?;
    cut(page, &grey, clamped(&grey, area)?).map(|(strip, _)| strip)
}

/// `strip` of a part widened to the rows and columns without ink nearest it (`snap`), so
/// that the engine's boxes that missed some of their ink, and the lines they cut, are read
/// whole; with the part taken and the page's pixel the picture's top left corner stands at.
pub fn block(page: &PageImage, area: [f32; 4]) -> Option<(PageImage, [f32; 4], [f32; 2])> {
    let grey = decode(page, true)?;
    let part = snap(&grey, clamped(&grey, area)?);
    let (block, origin) = cut(page, &grey, part)?;
    let (left, top, right, bottom) = part;
    Some((
        block,
        [left as f32, top as f32, right as f32, bottom as f32],
        origin,
    ))
}

/// A part of the picture in whole pixels within it: left, top, right and bottom; None when
/// it is empty.
fn clamped(grey: &Pixels, area: [f32; 4]) -> Option<(usize, usize, usize, usize)> {
    let clamp = |v: f32, most: usize| (v.max(0.0) as usize).min(most);
    let (left, right) = (clamp(area[0], grey.width), clamp(area[2], grey.width));
    let (top, bottom) = (clamp(area[1], grey.height), clamp(area[3], grey.height));
    (right > left && bottom > top).then_some((left, top, right, bottom))
}

/// The part with a white margin of half its height, as a PNG, and the page's pixel its
/// top left corner stands at.
fn cut(
    page: &PageImage,
    grey: &Pixels,
    (left, top, right, bottom): (usize, usize, usize, usize),
) -> Option<(PageImage, [f32; 2])> {
    let margin = (bottom - top) / 2;
    let (w, h) = (right - left + 2 * margin, bottom - top + 2 * margin);
    let mut bytes = vec![255u8; w * h];
    for y in top..bottom {
        let from = &grey.bytes[y * grey.width + left..y * grey.width + right];
        let to = (y - top + margin) * w + margin;
        bytes[to..to + from.len()].copy_from_slice(from);
    }
    let origin = [left as f32 - margin as f32, top as f32 - margin as f32];
    png_page(page, w, h, &bytes, true).map(|strip| (strip, origin))
}

/// The box widened each way to the first row or column without ink, up to half its height
/// away; a side stays where no such row or column is that near.
fn snap(
    grey: &Pixels,
    (left, top, right, bottom): (usize, usize, usize, usize),
) -> (usize, usize, usize, usize) {
    let mut hist = [0u64; 256];
    for y in top..bottom {
        for x in left..right {
            hist[grey.bytes[y * grey.width + x] as usize] += 1;
        }
    }
    let t = otsu(&hist);
    let reach = (bottom - top) / 2;
    let ink = |x: usize, y: usize| grey.bytes[y * grey.width + x] <= t;
    let blank_row = |y: usize| (left..right).filter(|&x| ink(x, y)).count() <= 1;
    let top = (top.saturating_sub(reach)..top)
        .rev()
        .find(|&y| blank_row(y))
        .unwrap_or(top);
    let bottom = (bottom..(bottom + reach).min(grey.height))
        .find(|&y| blank_row(y))
        .map_or(bottom, |y| y + 1);
    let blank_column = |x: usize| (top..bottom).filter(|&y| ink(x, y)).count() <= 1;
    let left = (left.saturating_sub(reach)..left)
        .rev()
        .find(|&x| blank_column(x))
        .unwrap_or(left);
    let right = (right..(right + reach).min(grey.width))
        .find(|&x| blank_column(x))
        .map_or(right, |x| x + 1);
    (left, top, right, bottom)
}

/// An Otsu threshold this light or lighter parts the paper's grain, not ink from paper
/// (pages of text give 150 to 170, a blank page with grain 246).
const GRAIN: u8 = 200;

/// The page turned by the small angle its lines of text run aslant (a sheet fed crooked,
/// a page laid askew on the glass), in grey or colour as it came, as a PNG of the same
/// size, the corners it uncovers white; None when its lines run within `LEAST_SKEW` of
/// level, no angle within `MOST_SKEW` lines them up better, or it does not decode. On a
/// page further aslant the engine's lines are cut and joined wrongly, and the reader's own
/// measures (the header's columns, a number's box) want them level.
pub fn straightened(page: &PageImage) -> Option<PageImage> {
    let grey = decode(page, true)?;
    let angle = skew(&grey)?;
    let rgb = decode(page, false)?;
    let (w, h) = (rgb.width, rgb.height);
    let bilevel = grey.bytes.iter().all(|&p| p == 0 || p == 255);
    let (pixels, is_grey) = packed(rgb.bytes);
    let ch = if is_grey { 1 } else { 3 };
    let (sin, cos) = angle.to_radians().sin_cos();
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    let mut out = vec![255u8; w * h * ch];
    for y in 0..h {
        let dy = y as f32 - cy;
        for x in 0..w {
            let dx = x as f32 - cx;
            // Where this pixel of the level page lies on the page as scanned.
            let sx = cx + dx * cos - dy * sin;
            let sy = cy + dx * sin + dy * cos;
            if sx < 0.0 || sy < 0.0 || sx >= (w - 1) as f32 || sy >= (h - 1) as f32 {
                continue;
            }
            let (x0, y0) = (sx as usize, sy as usize);
            let (fx, fy) = (sx - x0 as f32, sy - y0 as f32);
            // A page in black and white keeps its edges sharp: each pixel is its nearest.
            if bilevel {
                let (nx, ny) = (sx.round() as usize, sy.round() as usize);
                let from = (ny * w + nx) * ch;
                out[(y * w + x) * ch..][..ch].copy_from_slice(&pixels[from..from + ch]);
                continue;
            }
            for c in 0..ch {
                let at = |xx: usize, yy: usize| pixels[(yy * w + xx) * ch + c] as f32;
                out[(y * w + x) * ch + c] = bilinear(at, (x0, x0 + 1, fx), (y0, y0 + 1, fy));
            }
        }
    }
    png_page(page, w, h, &out, is_grey)
}

/// The value between four pixels (`at` a column and a row): the columns `x0` and `x1`
/// weighed by `tx`, the share of the way from one to the other, the rows so by `ty`.
fn bilinear(
    at: impl Fn(usize, usize) -> f32,
    (x0, x1, tx): (usize, usize, f32),
    (y0, y1, ty): (usize, usize, f32),
) -> u8 {
    let top = at(x0, y0) * (1.0 - tx) + at(x1, y0) * tx;
    let bottom = at(x0, y1) * (1.0 - tx) + at(x1, y1) * tx;
    (top * (1.0 - ty) + bottom * ty).round() as u8
}

/// The angle in degrees (clockwise as the page is seen) that a page's lines of text run
/// aslant, found as the slant along which its ink falls into the fewest, fullest rows;
/// None when it is within `LEAST_SKEW` of level, or no slant stands out (a blank page).
fn skew(grey: &Pixels) -> Option<f32> {
    // A pixel of ink, seen at most `SKEW_WIDTH` pixels across: a line's slant shows as
    // well, and a page of ink points is counted in a few milliseconds for each angle.
    let step = grey.width.div_ceil(SKEW_WIDTH).max(1);
    let hist = histogram(&grey.bytes);
    let t = otsu(&hist);
    // Each cell of `step` pixels square is ink where its darkest pixel is.
    let (cw, chh) = (grey.width.div_ceil(step), grey.height.div_ceil(step));
    let mut dark = vec![false; cw * chh];
    for y in 0..grey.height {
        for x in 0..grey.width {
            if grey.bytes[y * grey.width + x] <= t {
                dark[(y / step) * cw + x / step] = true;
            }
        }
    }
    let ink: Vec<(f32, f32)> = (0..cw * chh)
        .filter(|&c| dark[c])
        .map(|c| ((c % cw) as f32, (c / cw) as f32))
        .collect();
    // Too little ink for lines, or so much that it is a picture, not a page of text.
    let cells = cw * chh;
    if ink.len() < 500 || ink.len() * 3 > cells {
        return None;
    }
    let rows = chh as f32;
    let reach = cw as f32 * MOST_SKEW.to_radians().tan();
    // How sharply the ink falls into rows at an angle: the sum of its rows' squares.
    let score = |angle: f32| {
        let slope = angle.to_radians().tan();
        let mut counts = vec![0u32; (rows + 2.0 * reach) as usize + 2];
        for &(x, y) in &ink {
            let row = (y - x * slope + reach).round();
            if row >= 0.0 && (row as usize) < counts.len() {
                counts[row as usize] += 1;
            }
        }
        counts.iter().map(|&n| (n as f64) * (n as f64)).sum::<f64>()
    };
    let best = |from: f32, to: f32, by: f32| {
        let steps = ((to - from) / by).round() as i32;
        (0..=steps)
            .map(|i| from + i as f32 * by)
            .map(|a| (a, score(a)))
            .fold((0.0, f64::MIN), |b, c| if c.1 > b.1 { c } else { b })
    };
    let (coarse, _) = best(-MOST_SKEW, MOST_SKEW, 0.25);
    let (angle, sharpest) = best(coarse - 0.25, coarse + 0.25, 0.05);
    let level = score(0.0);
    (angle.abs() >= LEAST_SKEW && sharpest > level * SKEW_GAIN).then_some(angle)
}

/// How far aslant a page's lines may run and be left as they are, in degrees. Under it
/// the engine takes the slant in its stride, and the turn (its blur, the blocks the
/// engine then finds) cost more than it gained: turned level from 0.3°, the development
/// scans (up to 1.55° aslant) read 0.916 against 0.950, the files printed as scans 0.856
/// against 0.900; the development scans turned 2.5° (`scripts/degraded-files
/// --rescanned`) read 0.790 level, 0.613 as they are.
const LEAST_SKEW: f32 = 2.0;
/// The steepest slant looked for, in degrees; a page turned more was laid on the glass
/// that way, or photographed so, and is read as it is.
const MOST_SKEW: f32 = 5.0;
/// How many ink points a row of the page is counted at, at most, for its slant.
const SKEW_WIDTH: usize = 800;
/// How much sharper the rows at the slant must be than level for it to be taken.
const SKEW_GAIN: f64 = 1.05;

/// Pixels as a PNG page at the scale of `page`, a byte a pixel in grey, else three.
fn png_page(
    page: &PageImage,
    width: usize,
    height: usize,
    pixels: &[u8],
    grey: bool,
) -> Option<PageImage> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width as u32, height as u32);
    encoder.set_color(match grey {
        true => png::ColorType::Grayscale,
        false => png::ColorType::Rgb,
    });
    encoder.set_depth(png::BitDepth::Eight);
    // The picture is only handed to the engine: written fast, not small.
    encoder.set_compression(png::Compression::Fast);
    encoder.write_header().ok()?.write_image_data(pixels).ok()?;
    Some(PageImage {
        bytes,
        width: width as u32,
        height: height as u32,
        scale: page.scale,
    })
}

/// How long a dark run must be to count in a streak: this fraction of the page's height.
const STREAK_RUN: usize = 20;
/// How much of the page's height (in hundredths) a column's long runs cover in a streak: a
/// streak runs nearly from edge to edge (98 in the development scans), a table's rules less
/// than half.
const STREAK_SHARE: usize = 75;
/// How near the top or the bottom edge (in hundredths of the height) a streak reaches, and
/// how far from the left and the right ones (in hundredths of the width) it lies.
const STREAK_EDGE: usize = 5;
/// The widest streak in pixels, or a three-hundredth of the picture's width when more.
const STREAK_WIDTH: usize = 4;

#[cfg(test)]
mod tests {
    use super::*;

    /// A page of 4 × 2 pixels, PNG, red where `red` says, else near black.
    fn page(red: impl Fn(u32, u32) -> bool) -> PageImage {
        let mut data = Vec::new();
        for y in 0..2 {
            for x in 0..4 {
                data.extend(if red(x, y) {
                    [200, 30, 30]
                } else {
                    [20, 20, 20]
                });
            }
        }
        let mut bytes = Vec::new();
        let mut encoder = png::Encoder::new(&mut bytes, 4, 2);
        encoder.set_color(png::ColorType::Rgb);
        encoder
            .write_header()
            .unwrap()
            .write_image_data(&data)
            .unwrap();
        PageImage {
            bytes,
            width: 4,
            height: 2,
            scale: 1.0,
        }
    }

    fn check(red: impl Fn(u32, u32) -> bool, expected: Option<Vec<u8>>) {
        let got = without_seal(&page(red)).map(|p| decode(&p, true).unwrap().bytes);
        assert_eq!(got, expected);
    }

    /// A grey page of 100 × 200 pixels, PNG, black where `dark` says, else white.
    fn grey(dark: impl Fn(usize, usize) -> bool) -> PageImage {
        let data: Vec<u8> = (0..200)
            .flat_map(|y| (0..100).map(move |x| (x, y)))
            .map(|(x, y)| if dark(x, y) { 0 } else { 255 })
            .collect();
        let blank = PageImage {
            bytes: Vec::new(),
            width: 0,
            height: 0,
            scale: 1.0,
        };
        png_page(&blank, 100, 200, &data, true).unwrap()
    }

    /// A grey page of 100 × 200 pixels: paper's grain between 200 and 255, a dot of ink at
    /// (50, 100).
    fn grain_and_a_dot() -> PageImage {
        let page = grey(|x, y| x == 50 && y == 100);
        let dot = decode(&page, true).unwrap();
        let bytes: Vec<u8> = dot
            .bytes
            .iter()
            .enumerate()
            .map(|(k, &p)| if p == 0 { 0 } else { 200 + (k * 7 % 56) as u8 })
            .collect();
        png_page(&page, 100, 200, &bytes, true).unwrap()
    }

    /// The columns of `page` with dark pixels left after `without_streaks`, or None when it
    /// left the page as it was.
    fn check_streaks(page: PageImage, expected: Option<Vec<usize>>) {
        let got = without_streaks(&page).map(|p| {
            let g = decode(&p, true).unwrap();
            let mut xs: Vec<usize> = (0..g.width * g.height)
                .filter(|&k| g.bytes[k] < 128)
                .map(|k| k % g.width)
                .collect();
            xs.sort_unstable();
            xs.dedup();
            xs
        });
        assert_eq!(got, expected);
    }

    #[test]
    fn a_streak_down_the_page_goes_and_a_table_s_rules_and_the_edges_stay() {
        // A streak from edge to edge through a letter: the letter's other columns stay.
        check_streaks(
            grey(|x, y| (50..52).contains(&x) || ((45..56).contains(&x) && (90..100).contains(&y))),
            Some(vec![45, 46, 47, 48, 49, 52, 53, 54, 55]),
        );
        // A table's rule over less of the page, a dark band at the page's edge, a wide
        // dark band: left as they are.
        check_streaks(grey(|x, y| x == 50 && (40..120).contains(&y)), None);
        check_streaks(grey(|x, _| x < 2), None);
        check_streaks(grey(|x, _| (30..60).contains(&x)), None);
    }

    #[test]
    fn a_strip_of_the_page_is_cut_out_in_grey_with_a_white_margin() {
        // Columns 1 and 2 of both rows, red in the second: a margin of one pixel around.
        let cut = strip(&page(|x, _| x == 2), [1.0, 0.0, 3.0, 2.0]).unwrap();
        assert_eq!((cut.width, cut.height), (4, 4));
        let grey = decode(&cut, true).unwrap();
        let ink = luma(&[20, 20, 20]);
        let red = luma(&[200, 30, 30]);
        assert_eq!(&grey.bytes[..4], &[255; 4]);
        assert_eq!(&grey.bytes[4..8], &[255, ink, red, 255]);
        assert_eq!(&grey.bytes[8..12], &[255, ink, red, 255]);
        // Outside the page or empty: none.
        assert!(strip(&page(|_, _| false), [5.0, 0.0, 9.0, 2.0]).is_none());
        assert!(strip(&page(|_, _| false), [2.0, 1.0, 2.0, 2.0]).is_none());
    }

    #[test]
    fn a_block_is_widened_to_the_nearest_rows_and_columns_without_ink() {
        // Ink in rows 14 to 25 and columns 18 to 41; the block asked for is inside it, four
        // rows tall each way of its middle: the paper is at most four away.
        let page = grey(|x, y| (18..42).contains(&x) && (14..26).contains(&y));
        let (block, area, origin) = super::block(&page, [20.0, 16.0, 40.0, 24.0]).unwrap();
        assert_eq!(area, [17.0, 13.0, 43.0, 27.0]);
        // A margin of half the block's height around it.
        assert_eq!(origin, [10.0, 6.0]);
        assert_eq!((block.width, block.height), (26 + 14, 14 + 14));
        // Ink that runs on further than that leaves the side where it was asked.
        let wide = grey(|_, y| (14..26).contains(&y));
        let (_, area, _) = super::block(&wide, [20.0, 16.0, 40.0, 24.0]).unwrap();
        assert_eq!(area, [20.0, 13.0, 40.0, 27.0]);
    }

    #[test]
    fn pale_ink_is_made_as_dark_as_print_and_the_paper_stays_white() {
        // Paper at 245 (most pixels), print at 20, pale type at 190, a pixel brighter than
        // the paper: after it, the pale type is on the ink's side of Otsu's grey.
        let greys = [245, 20, 190, 250];
        let page = grey(|_, _| false);
        let bytes: Vec<u8> = (0..100 * 200)
            .map(|k| {
                if k < 3 {
                    greys[k]
                } else if k == 3 {
                    250
                } else {
                    245
                }
            })
            .collect();
        let page = png_page(&page, 100, 200, &bytes, true).unwrap();
        let got = decode(&darker(&page).unwrap(), true).unwrap().bytes;
        assert_eq!(&got[..5], &[255, 0, 80, 255, 255]);
        let hist = histogram(&got);
        assert!(got[2] <= otsu(&hist), "{}", otsu(&hist));
    }

    #[test]
    fn otsu_parts_ink_from_paper() {
        let mut hist = [0u64; 256];
        hist[20] = 100;
        hist[230] = 900;
        let t = otsu(&hist);
        assert!((20..230).contains(&t), "{t}");
    }

    #[test]
    fn a_page_nearly_blank_keeps_its_grain_out_of_black_and_white() {
        // Paper's grain between 200 and 255, a dot of ink: only the ink is black.
        let page = grain_and_a_dot();
        let got = decode(&without_grain(&page).unwrap(), true).unwrap();
        let black: Vec<usize> = (0..got.bytes.len())
            .filter(|&k| got.bytes[k] == 0)
            .collect();
        assert_eq!(black, vec![100 * 100 + 50]);
        // A page of text (here half ink) is left to the engine.
        assert!(without_grain(&grey(|x, _| x < 50)).is_none());
    }

    /// The dark pixels of `page` turned by `quarters`, as (x, y), with its width and height.
    /// A page of `width` × `height` grey pixels (each its index) at `dpi`, made 300 dpi:
    /// its size and its pixels; None when it is left.
    fn check_fine(width: u32, height: u32, dpi: f32, expected: Option<(u32, u32, Vec<u8>)>) {
        let pixels: Vec<u8> = (0..width * height).map(|i| i as u8).collect();
        let mut bytes = Vec::new();
        let mut encoder = png::Encoder::new(&mut bytes, width, height);
        encoder.set_color(png::ColorType::Grayscale);
        let mut writer = encoder.write_header().unwrap();
        writer.write_image_data(&pixels).unwrap();
        writer.finish().unwrap();
        let page = PageImage {
            bytes,
            width,
            height,
            scale: 72.0 / dpi,
        };
        let got = at_300_dpi(&page).map(|p| {
            // The points a pixel grow as the pixels a side shrink.
            assert_eq!(p.scale, page.scale * (width / p.width) as f32);
            let grey = decode(&p, true).unwrap().bytes;
            (p.width, p.height, grey)
        });
        assert_eq!(got, expected);
    }

    #[test]
    fn a_page_finer_than_500_dpi_is_read_at_about_300() {
        // 600 dpi: each pixel the mean of two by two, rounded; a last odd column left.
        check_fine(5, 2, 600.0, Some((2, 1, vec![3, 5])));
        // 900 dpi: three by three.
        check_fine(3, 3, 900.0, Some((1, 1, vec![4])));
        check_fine(4, 4, 400.0, None);
        check_fine(4, 4, 300.0, None);
    }

    fn check_turn(quarters: u8, expected: (usize, usize, Vec<(usize, usize)>)) {
        // An L in the top-left corner: a bar down from (0, 0) to (0, 2) and a foot to (1, 2).
        let page = grey(|x, y| (x == 0 && y < 3) || (x == 1 && y == 2));
        let got = decode(&turned(&page, quarters).unwrap(), true).unwrap();
        let dark: Vec<(usize, usize)> = (0..got.bytes.len())
            .filter(|&k| got.bytes[k] < 128)
            .map(|k| (k % got.width, k / got.width))
            .collect();
        assert_eq!((got.width, got.height, dark), expected);
    }

    #[test]
    fn a_page_is_turned_clockwise_by_quarters() {
        check_turn(0, (100, 200, vec![(0, 0), (0, 1), (0, 2), (1, 2)]));
        // A quarter clockwise: the bar lies along the top, from the right edge.
        check_turn(1, (200, 100, vec![(197, 0), (198, 0), (199, 0), (197, 1)]));
        check_turn(
            2,
            (100, 200, vec![(98, 197), (99, 197), (99, 198), (99, 199)]),
        );
        check_turn(3, (200, 100, vec![(2, 98), (0, 99), (1, 99), (2, 99)]));
        // Blank paper and its grain are nearly blank; a page of text is not.
        assert!(nearly_blank(&grain_and_a_dot()));
        assert!(!nearly_blank(&grey(|x, _| x < 50)));
    }

    #[test]
    fn a_photo_s_uneven_light_is_made_even_and_a_scanner_s_is_left() {
        // Paper lit from the right, 110 at the left edge to 250 at the right, and a bar of
        // ink a third as light as the paper around it, at the dim side and the bright:
        // the paper comes out nearly white everywhere, the ink dark.
        let paper = |x: usize| 110.0 + 140.0 * x as f32 / 399.0;
        let ink = |x: usize, y: usize| (40..44).contains(&x) || (340..344).contains(&x) && y < 200;
        let data: Vec<u8> = (0..400)
            .flat_map(|y| (0..400).map(move |x| (x, y)))
            .map(|(x, y)| (paper(x) / if ink(x, y) { 3.0 } else { 1.0 }) as u8)
            .collect();
        let page = png_page(&grey(|_, _| false), 400, 400, &data, true).unwrap();
        let even = decode(&flattened(&page).unwrap(), true).unwrap();
        for y in 0..400 {
            for x in 0..400 {
                let v = even.bytes[y * 400 + x];
                match ink(x, y) {
                    true => assert!(v < 128, "ink at {x},{y}: {v}"),
                    false => assert!(v >= 200, "paper at {x},{y}: {v}"),
                }
            }
        }
        // A scanner's white paper with ink on it is left as it is.
        assert!(flattened(&grey(|x, _| (10..14).contains(&x))).is_none());
    }

    #[test]
    fn a_red_seal_is_made_white_and_a_page_without_red_is_left() {
        check(|x, _| x == 0, Some(vec![255, 20, 20, 20, 255, 20, 20, 20]));
        check(|_, _| false, None);
    }

    /// A grey page of 1200 × 900 pixels with 14 lines of "words" (dashes 3 pixels thick)
    /// running `slant` degrees aslant (down to the right when more than 0), black on
    /// white or, `grey_ink`, a grey edge around each.
    fn lines_aslant(slant: f32, grey_ink: bool) -> PageImage {
        let (w, h) = (1200usize, 900usize);
        let slope = slant.to_radians().tan();
        let mut data = vec![255u8; w * h];
        for line in 0..14 {
            let base = 120.0 + line as f32 * 48.0;
            for x in 100..1100 {
                // Words of 60 pixels, 20 between them.
                if x % 80 >= 60 {
                    continue;
                }
                let y = (base + (x as f32 - 600.0) * slope).round() as usize;
                for dy in 0..3 {
                    data[(y + dy) * w + x] = 0;
                }
                if grey_ink {
                    data[(y + 3) * w + x] = 128;
                }
            }
        }
        let blank = PageImage {
            bytes: Vec::new(),
            width: 0,
            height: 0,
            scale: 1.0,
        };
        png_page(&blank, w, h, &data, true).unwrap()
    }

    fn check_slant(page: &PageImage, expected: Option<f32>) {
        let got = skew(&decode(page, true).unwrap());
        match (got, expected) {
            (Some(g), Some(e)) => assert!((g - e).abs() <= 0.1, "{g} for {e}"),
            (g, e) => assert_eq!(g, e),
        }
    }

    #[test]
    fn a_page_s_slant_is_found_and_a_slight_one_left() {
        check_slant(&lines_aslant(3.0, false), Some(3.0));
        check_slant(&lines_aslant(-2.5, true), Some(-2.5));
        // A sheet a degree and a half off, as the development scans come, reads as it is.
        check_slant(&lines_aslant(1.5, false), None);
        check_slant(&lines_aslant(0.0, false), None);
        check_slant(&grey(|_, _| false), None);
    }

    #[test]
    fn a_page_aslant_is_turned_level_its_size_kept_and_black_and_white_kept_so() {
        for (slant, grey_ink) in [(3.0, false), (-2.5, true)] {
            let page = lines_aslant(slant, grey_ink);
            let level = straightened(&page).unwrap();
            assert_eq!((level.width, level.height), (1200, 900));
            let pixels = decode(&level, true).unwrap();
            assert_eq!(skew(&pixels), None);
            // Each line of words is level: its rows of ink lie within a few pixels.
            let rows: Vec<usize> = (0..900)
                .filter(|y| (100..1100).any(|x| pixels.bytes[y * 1200 + x] < 128))
                .collect();
            assert!(rows.len() <= 14 * 6, "{} rows of ink", rows.len());
            let bilevel = pixels.bytes.iter().all(|&p| p == 0 || p == 255);
            assert_eq!(bilevel, !grey_ink);
        }
        assert_eq!(straightened(&lines_aslant(1.0, false)), None);
    }

    fn check_enlarged(dpi: f32, expected: Option<(u32, u32)>) {
        let page = PageImage {
            scale: 72.0 / dpi,
            ..grey(|x, y| x == 50 && y < 100)
        };
        let got = enlarged(&page);
        assert_eq!(
            got.as_ref().map(|p| (p.width, p.height)),
            expected,
            "{dpi} dpi"
        );
        if let Some(larger) = got {
            let k = larger.width as f32 / 100.0;
            assert!((72.0 / larger.scale - dpi * k).abs() < 0.01);
            // The line of ink is still there, k pixels wide or so, the rest white.
            let pixels = decode(&larger, true).unwrap();
            let dark = pixels.bytes.iter().filter(|&&p| p < 128).count();
            assert!(
                dark >= (k * k * 100.0) as usize / 2 && dark <= (k * (k + 1.0) * 100.0) as usize,
                "{dark}"
            );
        }
    }

    #[test]
    fn a_page_coarser_than_180_dpi_is_enlarged_to_about_300() {
        check_enlarged(150.0, Some((200, 400)));
        check_enlarged(100.0, Some((300, 600)));
        check_enlarged(72.0, Some((300, 600)));
        check_enlarged(200.0, None);
        check_enlarged(300.0, None);
        // A sheet far larger than A3 at 300 dpi once enlarged is read as it is.
        let huge = PageImage {
            width: 5000,
            height: 4000,
            scale: 72.0 / 150.0,
            ..grey(|_, _| false)
        };
        assert_eq!(enlarged(&huge), None);
    }
}
