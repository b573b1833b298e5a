//! A scan's page picture in pixels, for what the core reads on it itself: the handwritten
//! digits (`digits`), and the page without its red seal for a last look at the signature
//! (a seal's ring makes the OCR engine take the signer's lines for part of a picture).

use std::io::Cursor;

use super::pdf::scan::PageImage;

/// A picture decoded, a byte a channel.
pub(crate) struct Pixels {
    /// Its width in pixels.
    pub width: usize,
    /// Its height in pixels.
    pub height: usize,
    /// The pixels, row by row: one byte each in grey, three in colour.
    pub bytes: Vec<u8>,
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
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, rgb.width as u32, rgb.height as u32);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.write_header().ok()?.write_image_data(&grey).ok()?;
    Some(PageImage {
        bytes,
        width: rgb.width as u32,
        height: rgb.height as u32,
        scale: page.scale,
    })
}

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

    #[test]
    fn a_red_seal_is_made_white_and_a_page_without_red_is_left() {
        check(|x, _| x == 0, Some(vec![255, 20, 20, 20, 255, 20, 20, 20]));
        check(|_, _| false, None);
    }
}
