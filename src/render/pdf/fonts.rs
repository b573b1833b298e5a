//! The four faces of the letters' serif, given as bytes: the metrics the lines are broken
//! with and the glyphs they are drawn with come from the same file, so a line measured is
//! the line printed.

use std::sync::Arc;

use skrifa::instance::{LocationRef, Size};
use skrifa::{string::StringId, FontRef, MetadataProvider};

use crate::error::Error;

/// The regular, bold, italic and bold italic faces of a Times-New-Roman-metric serif.
#[derive(Clone)]
pub struct Fonts {
    faces: [Face; 4],
    family: String,
}

/// A face's style: which of the four.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Style {
    Regular = 0,
    Bold = 1,
    Italic = 2,
    BoldItalic = 3,
}

impl Style {
    /// The style of a run that may be bold and may be italic.
    pub(crate) fn of(bold: bool, italic: bool) -> Style {
        match (bold, italic) {
            (false, false) => Style::Regular,
            (true, false) => Style::Bold,
            (false, true) => Style::Italic,
            (true, true) => Style::BoldItalic,
        }
    }
}

/// One face: its bytes and the measures lines are laid out with, per em.
#[derive(Clone)]
pub(crate) struct Face {
    /// The font file.
    pub(crate) data: Arc<Vec<u8>>,
    /// Above the baseline, per em, with the line gap, which LibreOffice and Word put above
    /// the text.
    pub(crate) ascent: f32,
    /// The height of a single-spaced line, per em: ascent, descent and line gap, as Word
    /// and LibreOffice space Times New Roman (1.15 em).
    pub(crate) line: f32,
    /// The glyph and advance (per em) of each character the letters use; others are
    /// looked up when met.
    units_per_em: f32,
}

impl Fonts {
    /// The faces from their files, in the order regular, bold, italic, bold italic; each is
    /// checked to be a font that has every Vietnamese letter.
    pub fn new(files: [Vec<u8>; 4]) -> Result<Fonts, Error> {
        let names = ["thường", "đậm", "nghiêng", "đậm nghiêng"];
        let mut faces = Vec::with_capacity(4);
        for (data, name) in files.into_iter().zip(names) {
            faces.push(Face::new(data, name)?);
        }
        let faces: [Face; 4] = faces
            .try_into()
            .map_err(|_| Error::Pdf("cần đủ bốn kiểu chữ".into()))?;
        let family = FontRef::new(&faces[0].data)
            .ok()
            .and_then(|f| {
                f.localized_strings(StringId::FAMILY_NAME)
                    .english_or_first()
                    .map(|s| s.to_string())
            })
            .unwrap_or_default();
        Ok(Fonts { faces, family })
    }

    /// The family's name: "Times New Roman", "Liberation Serif".
    pub fn family(&self) -> &str {
        &self.family
    }

    /// The face of a style.
    pub(crate) fn face(&self, style: Style) -> &Face {
        &self.faces[style as usize]
    }
}

/// Every letter of Vietnamese, lower and upper case: a face that lacks one would print a
/// box in its place, so it is refused.
const VIETNAMESE: &str =
    "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ";

impl Face {
    fn new(data: Vec<u8>, name: &str) -> Result<Face, Error> {
        let bad = |why: String| Error::Pdf(format!("phông chữ {name}: {why}"));
        let font = FontRef::new(&data).map_err(|e| bad(format!("không đọc được ({e})")))?;
        let metrics = font.metrics(Size::unscaled(), LocationRef::default());
        let upem = f32::from(metrics.units_per_em);
        if upem <= 0.0 {
            return Err(bad("không có cỡ em".into()));
        }
        let charmap = font.charmap();
        let missing: String = VIETNAMESE
            .chars()
            .flat_map(|c| [c].into_iter().chain(c.to_uppercase()))
            .filter(|c| charmap.map(*c).is_none())
            .collect();
        if !missing.is_empty() {
            return Err(bad(format!("thiếu chữ {missing}")));
        }
        let ascent = (metrics.ascent + metrics.leading) / upem;
        let line = (metrics.ascent - metrics.descent + metrics.leading) / upem;
        Ok(Face {
            data: Arc::new(data),
            ascent,
            line,
            units_per_em: upem,
        })
    }

    /// The glyphs of `text` with their advances per em; a character the face lacks is
    /// drawn as its ".notdef" box, which the face's check keeps out of Vietnamese.
    pub(crate) fn glyphs(&self, text: &str) -> Vec<(u16, f32)> {
        let Ok(font) = FontRef::new(&self.data) else {
            return Vec::new();
        };
        let charmap = font.charmap();
        let metrics = font.glyph_metrics(Size::unscaled(), LocationRef::default());
        text.chars()
            .map(|c| {
                let gid = charmap.map(c).unwrap_or_default();
                let advance = metrics.advance_width(gid).unwrap_or(0.0) / self.units_per_em;
                (gid.to_u32() as u16, advance)
            })
            .collect()
    }
}
