//! The WordprocessingML of a placed image: a floating picture that does not move the
//! text (wrapNone), positioned from its column and paragraph. docx-rs 0.4 writes every
//! picture with the id 1 and cannot write a negative offset, and the seal lies left of its
//! anchor, so the few lines of XML are written here, each namespace declared where used so
//! the fragment also fits into a document another program wrote.

use crate::render::images::Placed;

/// The relationship id of an image in the document's relationships.
pub(crate) fn relationship_id(placed: &Placed) -> String {
    format!("rIdCongvan-{}", placed.name)
}

/// The part name of an image inside the package.
pub(crate) fn part_name(placed: &Placed) -> String {
    format!("word/media/congvan-{}.png", placed.name)
}

/// A run holding `placed` as a floating picture; `id` must be unique in the document and
/// `z` orders pictures that overlap (higher is drawn on top).
pub(crate) fn run(placed: &Placed, id: u32, z: u32) -> String {
    // One twip is 635 EMU.
    let emu = |twips: i64| twips * 635;
    let (cx, cy) = (emu(i64::from(placed.width)), emu(i64::from(placed.height)));
    format!(
        concat!(
            r#"<w:r><w:drawing>"#,
            r#"<wp:anchor xmlns:wp="{wp}" distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="{z}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">"#,
            r#"<wp:simplePos x="0" y="0"/>"#,
            r#"<wp:positionH relativeFrom="column"><wp:posOffset>{x}</wp:posOffset></wp:positionH>"#,
            r#"<wp:positionV relativeFrom="paragraph"><wp:posOffset>{y}</wp:posOffset></wp:positionV>"#,
            r#"<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>"#,
            r#"<wp:docPr id="{id}" name="{name}"/>"#,
            r#"<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="{a}" noChangeAspect="1"/></wp:cNvGraphicFramePr>"#,
            r#"<a:graphic xmlns:a="{a}"><a:graphicData uri="{pic}">"#,
            r#"<pic:pic xmlns:pic="{pic}"><pic:nvPicPr><pic:cNvPr id="{id}" name="{name}.png"/><pic:cNvPicPr/></pic:nvPicPr>"#,
            r#"<pic:blipFill><a:blip xmlns:r="{r}" r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"#,
            r#"<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>"#,
            r#"</pic:pic></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"#,
        ),
        wp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
        a = "http://schemas.openxmlformats.org/drawingml/2006/main",
        pic = "http://schemas.openxmlformats.org/drawingml/2006/picture",
        r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        z = z,
        x = emu(i64::from(placed.left)),
        y = emu(i64::from(placed.top)),
        cx = cx,
        cy = cy,
        id = id,
        name = placed.name,
        rid = relationship_id(placed),
    )
}
