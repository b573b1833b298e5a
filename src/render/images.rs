//! The signature and seal images a signed copy may carry (ND30 Điều 33.1; PL-I II.7.d and
//! II.8.a; nd30-spec.md §3): PNGs checked to have a transparent background, and where they
//! sit in the room for the signature: the signature centred in its column, the seal over
//! the signature's left third.

use std::fmt;
use std::io::Cursor;

use crate::error::Error;
use crate::layout;

/// The key the office's seal is kept under in the store.
pub(crate) const SEAL: &str = "con-dau";

/// The key a signer's signature is kept under in the store: by name, or by title when the
/// profile gives no name.
pub(crate) fn signature_key(signer: &crate::model::Signature) -> String {
    let who = signer
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .unwrap_or(signer.title.trim());
    format!("chu-ky:{}", crate::text::nfc(who))
}

/// A checked PNG image: it decodes, and it has transparent pixels.
#[derive(Clone, PartialEq, Eq)]
pub struct Png {
    bytes: Vec<u8>,
    width: u32,
    height: u32,
}

/// The images the office chose for a signed copy; either may be absent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Images {
    /// The signer's signature (chữ ký), blue ink on a transparent background.
    pub signature: Option<Png>,
    /// The office's seal (dấu), red ink on a transparent background.
    pub seal: Option<Png>,
}

/// An image placed in the room for the signature, in twips from the left of the signature
/// column and from the top of the room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// Which image: "chu-ky" or "con-dau", also its file name inside the .docx.
    pub name: &'static str,
    /// The image.
    pub png: Png,
    /// Printed width.
    pub width: u32,
    /// Printed height.
    pub height: u32,
    /// Left edge, from the left of the signature column (negative: further left).
    pub left: i32,
    /// Top edge, from the top of the room for the signature (negative: higher up).
    pub top: i32,
}

impl Png {
    /// Reads and checks a PNG; `what` names it in the message ("ảnh chữ ký", "ảnh con dấu").
    pub fn read(bytes: &[u8], what: &str) -> Result<Png, Error> {
        let bad = |why: String| Error::Image(format!("{what}: {why}"));
        if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            return Err(bad("không phải tệp PNG (cần ảnh PNG nền trong suốt)".into()));
        }
        let mut decoder = png::Decoder::new(Cursor::new(bytes));
        decoder.set_transformations(png::Transformations::normalize_to_color8());
        decoder.set_limits(png::Limits { bytes: MAX_DECODED });
        let mut reader = decoder
            .read_info()
            .map_err(|e| bad(format!("tệp PNG hỏng ({e})")))?;
        let (width, height) = (reader.info().width, reader.info().height);
        let (color, _) = reader.output_color_type();
        let channels = match color {
            png::ColorType::GrayscaleAlpha => 2,
            png::ColorType::Rgba => 4,
            _ => {
                return Err(bad(
                    "ảnh không có nền trong suốt: con dấu và chữ ký sẽ che nhau; hãy lưu lại thành PNG nền trong suốt"
                        .into(),
                ))
            }
        };
        let size = reader
            .output_buffer_size()
            .ok_or_else(|| bad("ảnh quá lớn".into()))?;
        let mut pixels = vec![0; size];
        reader
            .next_frame(&mut pixels)
            .map_err(|e| bad(format!("tệp PNG hỏng ({e})")))?;
        // Transparency is what lets the seal lie over the signature: a PNG with an alpha
        // channel but every pixel opaque would print a white box over it.
        let transparent = pixels.chunks_exact(channels).any(|p| p[channels - 1] < 255);
        if !transparent {
            return Err(bad(
                "ảnh không có điểm nào trong suốt (nền trắng sẽ che chữ): hãy xóa nền ảnh".into(),
            ));
        }
        Ok(Png {
            bytes: bytes.to_vec(),
            width,
            height,
        })
    }

    /// The file's bytes, as read.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Width and height in pixels.
    pub fn pixels(&self) -> (u32, u32) {
        (self.width, self.height)
    }

    /// Its printed height when printed `width` wide, keeping its proportions.
    fn height_at(&self, width: u32) -> u32 {
        (u64::from(width) * u64::from(self.height) / u64::from(self.width.max(1))) as u32
    }
}

impl fmt::Debug for Png {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Png({}×{}, {} bytes)",
            self.width,
            self.height,
            self.bytes.len()
        )
    }
}

impl Images {
    /// True when neither image is given.
    pub fn is_empty(&self) -> bool {
        self.signature.is_none() && self.seal.is_none()
    }

    /// Where the images go in a signature column `column` twips wide whose room for the
    /// signature is `room` twips high: the signature centred in both directions (shrunk to
    /// fit the room), the seal centred on the same line with its right edge a third of the
    /// way into the signature, so that it covers the signature's left third. The seal comes
    /// last, so it is drawn over the signature.
    pub fn place(&self, column: u32, room: u32) -> Vec<Placed> {
        let mut out = Vec::new();
        let mut sig_width = layout::SIGNATURE_WIDTH;
        if let Some(png) = &self.signature {
            let mut height = png.height_at(sig_width);
            if height > room {
                sig_width = (u64::from(sig_width) * u64::from(room) / u64::from(height)) as u32;
                height = room;
            }
            out.push(Placed {
                name: "chu-ky",
                png: png.clone(),
                width: sig_width,
                height,
                left: (column as i32 - sig_width as i32) / 2,
                top: (room as i32 - height as i32) / 2,
            });
        }
        if let Some(png) = &self.seal {
            let width = layout::SEAL_WIDTH;
            let height = png.height_at(width);
            let sig_left = (column as i32 - sig_width as i32) / 2;
            out.push(Placed {
                name: "con-dau",
                png: png.clone(),
                width,
                height,
                left: sig_left + sig_width as i32 / 3 - width as i32,
                top: (room as i32 - height as i32) / 2,
            });
        }
        out
    }
}

/// The most a decoded image may take in memory: a 300 dpi A5 scan is far below it.
const MAX_DECODED: usize = 64 * 1024 * 1024;

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A `width`×`height` PNG of `color`, with transparent corners when `alpha` is true.
    pub(crate) fn png(width: u32, height: u32, alpha: bool) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut out, width, height);
            enc.set_color(if alpha {
                png::ColorType::Rgba
            } else {
                png::ColorType::Rgb
            });
            enc.set_depth(png::BitDepth::Eight);
            let mut w = enc.write_header().unwrap();
            let channels = if alpha { 4 } else { 3 };
            let mut data = vec![0u8; (width * height) as usize * channels];
            for (i, px) in data.chunks_exact_mut(channels).enumerate() {
                px[0] = 200;
                if alpha {
                    px[3] = if i % 2 == 0 { 0 } else { 255 };
                }
            }
            w.write_image_data(&data).unwrap();
        }
        out
    }

    fn check(bytes: &[u8], expected: Result<(u32, u32), &str>) {
        match (Png::read(bytes, "ảnh con dấu"), expected) {
            (Ok(p), Ok(size)) => assert_eq!(p.pixels(), size),
            (Err(e), Err(part)) => assert!(e.to_string().contains(part), "{e}"),
            (got, want) => panic!("got {got:?}, expected {want:?}"),
        }
    }

    #[test]
    fn only_transparent_pngs_are_taken() {
        check(&png(30, 20, true), Ok((30, 20)));
        check(&png(30, 20, false), Err("không có nền trong suốt"));
        check(b"GIF89a", Err("ảnh con dấu: không phải tệp PNG"));
        let mut cut = png(30, 20, true);
        cut.truncate(cut.len() / 2);
        check(&cut, Err("tệp PNG hỏng"));
    }

    #[test]
    fn the_seal_covers_the_left_third_of_the_signature() {
        let images = Images {
            signature: Some(Png::read(&png(400, 200, true), "").unwrap()),
            seal: Some(Png::read(&png(300, 300, true), "").unwrap()),
        };
        let placed = images.place(6000, 1560);
        let (sig, seal) = (&placed[0], &placed[1]);
        assert_eq!((sig.name, seal.name), ("chu-ky", "con-dau"));
        assert_eq!(sig.left * 2 + sig.width as i32, 6000, "signature centred");
        assert_eq!(
            seal.left + seal.width as i32,
            sig.left + sig.width as i32 / 3
        );
        // Centred on the room's middle line, to the twip.
        assert!((sig.top * 2 + sig.height as i32 - 1560).abs() <= 1);
        assert!((seal.top * 2 + seal.height as i32 - 1560).abs() <= 1);
        assert_eq!(seal.width, seal.height, "a round seal stays round");
        // A tall signature is shrunk into the room, keeping its proportions.
        let tall = Images {
            signature: Some(Png::read(&png(100, 400, true), "").unwrap()),
            seal: None,
        };
        let placed = tall.place(6000, 1560);
        assert_eq!(placed[0].height, 1560);
        assert_eq!(placed[0].width, 390);
    }
}
