//! Laid-out pages written as PDF with krilla: each face embedded once as a subset, text
//! as glyphs at the advances the lines were broken with, rules as filled bars, pictures
//! at their printed size.

use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::image::Image;
use krilla::metadata::{DateTime, Metadata};
use krilla::page::PageSettings;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::Document;

use super::flow::{Item, Page};
use super::fonts::{Fonts, Style};
use crate::error::Error;
use crate::render::document::Properties;

/// The pages as PDF bytes; `pictures` are the PNGs the pages' pictures index.
pub(crate) fn write(
    pages: &[Page],
    fonts: &Fonts,
    pictures: &[&[u8]],
    properties: &Properties,
) -> Result<Vec<u8>, Error> {
    let fail = |why: String| Error::Pdf(why);
    let styles = [
        Style::Regular,
        Style::Bold,
        Style::Italic,
        Style::BoldItalic,
    ];
    let mut faces = Vec::with_capacity(4);
    for style in styles {
        let data = fonts.face(style).data.clone();
        let font = Font::new(data.into(), 0).ok_or_else(|| fail("phông chữ hỏng".into()))?;
        faces.push(font);
    }
    let mut images = Vec::with_capacity(pictures.len());
    for png in pictures {
        images.push(
            Image::from_png(png.to_vec().into(), true)
                .map_err(|e| fail(format!("ảnh PNG: {e}")))?,
        );
    }
    let mut document = Document::new();
    let mut metadata = Metadata::new()
        .title(properties.title.clone())
        .authors(vec![properties.author.clone()])
        .creator("congvan".into());
    if let Some(date) = properties.created {
        use chrono::Datelike;
        metadata = metadata.creation_date(
            DateTime::new(date.year().clamp(0, 9999) as u16)
                .month(date.month() as u8)
                .day(date.day() as u8),
        );
    }
    document.set_metadata(metadata);
    for page in pages {
        let settings = PageSettings::from_wh(page.width, page.height)
            .ok_or_else(|| fail("khổ giấy không hợp lệ".into()))?;
        let mut p = document.start_page_with(settings);
        let mut surface = p.surface();
        for item in &page.items {
            match item {
                Item::Text {
                    x,
                    y,
                    size,
                    style,
                    text,
                    glyphs,
                } => {
                    let mut ranges = text.char_indices().map(|(i, c)| i..i + c.len_utf8());
                    let glyphs: Vec<KrillaGlyph> = glyphs
                        .iter()
                        .map(|(gid, advance)| {
                            let range = ranges.next().unwrap_or(0..0);
                            let normal = if *size > 0.0 { advance / size } else { 0.0 };
                            KrillaGlyph::new(
                                GlyphId::new(u32::from(*gid)),
                                normal,
                                0.0,
                                0.0,
                                0.0,
                                range,
                                None,
                            )
                        })
                        .collect();
                    surface.draw_glyphs(
                        Point::from_xy(*x, *y),
                        &glyphs,
                        faces[*style as usize].clone(),
                        text,
                        *size,
                        false,
                    );
                }
                Item::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                } => {
                    // A bar of the rule's thickness: crisp at every zoom, like Word's borders.
                    let half = width / 2.0;
                    let rect = if (y1 - y2).abs() < f32::EPSILON {
                        Rect::from_ltrb(x1.min(*x2), y1 - half, x1.max(*x2), y1 + half)
                    } else {
                        Rect::from_ltrb(x1 - half, y1.min(*y2), x1 + half, y1.max(*y2))
                    };
                    if let Some(rect) = rect {
                        let mut path = PathBuilder::new();
                        path.push_rect(rect);
                        if let Some(path) = path.finish() {
                            surface.draw_path(&path);
                        }
                    }
                }
                Item::Picture {
                    index,
                    x,
                    y,
                    width,
                    height,
                } => {
                    let (Some(image), Some(size)) =
                        (images.get(*index), Size::from_wh(*width, *height))
                    else {
                        continue;
                    };
                    surface.push_transform(&Transform::from_translate(*x, *y));
                    surface.draw_image(image.clone(), size);
                    surface.pop();
                }
            }
        }
        surface.finish();
        p.finish();
    }
    document
        .finish()
        .map_err(|e| fail(format!("krilla: {e:?}")))
}
