//! PDFs as e-offices, Word and older tools write them, built here object by object: the
//! text read by position, the number stamped at issuing, legacy fonts, glyphs set one by
//! one, rotated pages.

use super::*;

/// A PDF of `objects` (numbered from 1), the first the catalog.
fn pdf(objects: &[String]) -> Vec<u8> {
    let objects: Vec<Vec<u8>> = objects.iter().map(|o| o.as_bytes().to_vec()).collect();
    pdf_of_bytes(&objects)
}

/// A PDF of `objects` given as bytes (a stream of binary data among them).
fn pdf_of_bytes(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
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

fn stream(dict: &str, content: &[u8]) -> String {
    // Content is kept to bytes a Rust string holds as they are: ASCII, and Latin-1 through
    // octal escapes in the strings themselves.
    format!(
        "<< {dict} /Length {} >>\nstream\n{}\nendstream",
        content.len(),
        String::from_utf8(content.to_vec()).unwrap()
    )
}

/// A one-page PDF: its content, its font (object 5), its page's extra entries, and more
/// objects from 6 on.
fn page(content: &str, font: &str, extra: &str, more: Vec<String>) -> Vec<u8> {
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R {extra} >>"),
        stream("", content.as_bytes()),
        font.to_string(),
    ];
    objects.extend(more);
    pdf(&objects)
}

/// Times at 12 points with Times New Roman's widths for the letters used, WinAnsi.
const TIMES: &str = "<< /Type /Font /Subtype /TrueType /BaseFont /TimesNewRomanPSMT /FirstChar 32 /LastChar 122 /Widths [250 333 408 500 500 833 778 180 333 333 500 564 250 333 250 278 500 500 500 500 500 500 500 500 500 500 278 278 564 564 564 444 921 722 667 667 722 611 556 722 722 333 389 722 611 889 722 722 556 722 667 556 611 722 722 944 722 722 611 333 278 333 469 500 333 444 500 444 500 444 333 500 500 278 278 500 278 778 500 500 500 500 333 389 278 500 500 722 500 500 444] /Encoding /WinAnsiEncoding >>";

fn lines(bytes: &[u8]) -> Vec<Line> {
    read(bytes).unwrap().lines
}

fn texts(bytes: &[u8]) -> Vec<String> {
    lines(bytes).into_iter().map(|l| l.text).collect()
}

#[test]
fn a_number_stamped_in_a_signature_widget_reads_in_its_blank() {
    // "So:" then a blank, then "/TTr-SNV"; the e-office draws "108" in a signature field's
    // appearance over the blank, and signs with a stamp of its own elsewhere.
    let content = "BT /F1 13 Tf 70 760 Td (So:          /TTr-SNV) Tj ET";
    let number = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 31 20] /Resources << /Font << /F1 5 0 R >> >>",
        b"BT 1 0 0 1 0.5 4.5 Tm /F1 13 Tf (108) Tj ET",
    );
    let signature = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 200 60] /Resources << /Font << /F1 5 0 R >> >>",
        b"BT /F1 9 Tf 2 40 Td (Ky boi: So Noi vu tinh) Tj 0 -12 Td (Thoi gian ky: 12.03.2025 10:22:33 +07:00) Tj ET",
    );
    let bytes = page(
        content,
        TIMES,
        "/Annots [6 0 R 7 0 R]",
        vec![
            "<< /Type /Annot /Subtype /Widget /FT /Sig /Rect [94 755.5 125 775.5] /AP << /N 8 0 R >> >>".into(),
            "<< /Type /Annot /Subtype /Widget /FT /Sig /Rect [300 500 500 560] /AP << /N 9 0 R >> >>".into(),
            number,
            signature,
        ],
    );
    let got = lines(&bytes);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].text, "So: 108 /TTr-SNV");
    assert!(got[0].stamped);
}

#[test]
fn a_note_without_appearance_shows_its_contents_where_it_stands() {
    let content = "BT /F1 13 Tf 300 760 Td (ngay       thang 3 nam 2025) Tj ET";
    let bytes = page(
        content,
        TIMES,
        "/Annots [6 0 R]",
        vec!["<< /Type /Annot /Subtype /FreeText /Rect [330 756 350 774] /Contents (12) >>".into()],
    );
    assert_eq!(texts(&bytes), ["ngay 12 thang 3 nam 2025"]);
}

#[test]
fn a_legacy_font_without_a_map_reads_through_its_table() {
    // "Công văn số 5 của Sở" in TCVN3, the font named .VnTime and mapped by WinAnsi only.
    let tcvn = "C\\253ng v\\250n s\\350 5 c\\361a S\\353";
    let font = "<< /Type /Font /Subtype /TrueType /BaseFont /ABCDEF+.VnTime /FirstChar 32 /LastChar 255 /MissingWidth 500 /Encoding /WinAnsiEncoding >>";
    let bytes = page(
        &format!("BT /F1 13 Tf 70 760 Td ({tcvn}) Tj ET"),
        font,
        "",
        vec![],
    );
    assert_eq!(texts(&bytes), ["Công văn số 5 của Sở"]);
}

#[test]
fn codes_that_read_as_tcvn3_win_over_a_map_that_reads_wrong() {
    // A renamed font whose ToUnicode sends TCVN3's codes to letters that spell nothing.
    let cmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <00> <FF> endcodespacerange 4 beginbfchar <AD> <00B0> <EA> <0102> <D3> <1EB4> <E7> <1ED7> endbfchar 1 beginbfrange <20> <7E> <0020> endbfrange endcmap end end";
    let text = "xin ch\\347 tr\\255\\352ng tri\\323n khai k\\325 ho\\271ch c\\361a tr\\255\\352ng";
    let font =
        "<< /Type /Font /Subtype /TrueType /BaseFont /F1 /MissingWidth 500 /ToUnicode 6 0 R >>";
    let bytes = page(
        &format!("BT /F1 13 Tf 70 760 Td ({text}) Tj ET"),
        font,
        "",
        vec![stream("", cmap.as_bytes())],
    );
    assert_eq!(
        texts(&bytes),
        ["xin chỗ trường triển khai kế hoạch của trường"]
    );
}

#[test]
fn glyphs_set_one_by_one_read_as_words() {
    // Each letter placed on its own, some with kerning, words apart by a gap alone:
    // "cá c kho a" is what reading spaces from the program's order gives.
    let mut content = String::from("BT /F1 12 Tf ");
    let mut x = 70.0;
    let width = |c: char| match c {
        'i' | 't' => 278.0,
        'c' | 'a' | 'e' => 444.0,
        'm' => 778.0,
        _ => 500.0,
    };
    for (w, word) in ["cac", "khoa", "niem", "yet"].iter().enumerate() {
        for (k, c) in word.chars().enumerate() {
            content.push_str(&format!("1 0 0 1 {x:.2} 700 Tm ({c}) Tj "));
            // A little kerning, in and out, as justified glyph by glyph.
            x += width(c) * 0.012 + [0.4, -0.3, 0.6][(w + k) % 3];
        }
        x += 3.0;
    }
    content.push_str("ET");
    let bytes = page(&content, TIMES, "", vec![]);
    assert_eq!(texts(&bytes), ["cac khoa niem yet"]);
}

#[test]
fn a_composite_font_reads_its_two_byte_codes_through_its_map() {
    let cmap = "1 begincodespacerange <0000> <FFFF> endcodespacerange 3 beginbfchar <0003> <0020> <0024> <0053> <0025> <1ED1> endbfchar 1 beginbfrange <0013> <001C> <0030> endbfrange";
    let font = "<< /Type /Font /Subtype /Type0 /BaseFont /TimesNewRomanPSMT /Encoding /Identity-H /DescendantFonts [7 0 R] /ToUnicode 6 0 R >>";
    let bytes = page(
        "BT /F1 13 Tf 70 760 Td <0024002500030014001300160003> Tj ET",
        font,
        "",
        vec![
            stream("", cmap.as_bytes()),
            "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TimesNewRomanPSMT /DW 500 /W [3 [250] 20 28 500] >>".into(),
        ],
    );
    assert_eq!(texts(&bytes), ["Số 103"]);
}

#[test]
fn a_page_turned_a_quarter_reads_upright() {
    // Text drawn up the page, shown turned clockwise: it reads left to right.
    let bytes = page(
        "BT /F1 12 Tf 0 1 -1 0 300 100 Tm (Ke hoach) Tj ET",
        TIMES,
        "/Rotate 90",
        vec![],
    );
    assert_eq!(texts(&bytes), ["Ke hoach"]);
}

#[test]
fn a_form_drawn_late_is_read_and_a_loop_of_forms_is_refused() {
    let form = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 500 50] /Resources << /Font << /F1 5 0 R >> >>",
        b"BT /F1 12 Tf 0 10 Td (Chi thi so 7) Tj ET",
    );
    let bytes = page("q 1 0 0 1 70 700 cm /X1 Do Q", TIMES, "", vec![form]);
    // The page's resources do not name the form: a form of the page's own is needed.
    assert!(texts(&bytes).is_empty());
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >> /Contents 4 0 R >>".to_string(),
        stream("", b"q 1 0 0 1 70 700 cm /X1 Do Q"),
        TIMES.to_string(),
        stream(
            "/Type /XObject /Subtype /Form /BBox [0 0 500 50] /Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >>",
            b"BT /F1 12 Tf 0 10 Td (Chi thi so 7) Tj ET /X1 Do",
        ),
    ];
    let err = read(&pdf(&objects)).unwrap_err().to_string();
    assert!(err.contains("lồng vào chính nó"), "{err}");
}

#[test]
fn text_laid_invisibly_over_a_scan_is_counted() {
    let bytes = page(
        "BT 3 Tr /F1 12 Tf 70 700 Td (Ke hoach so 5) Tj ET",
        TIMES,
        "",
        vec![],
    );
    let layer = read(&bytes).unwrap();
    assert_eq!(layer.invisible, layer.glyphs);
    assert_eq!(layer.text(), "Ke hoach so 5\n");
}

#[test]
fn a_scanned_page_shown_turned_is_turned_so_to_be_read() {
    // A page of one picture, 3 × 2 grey pixels, shown a quarter turned clockwise.
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 /Rotate 90 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>".to_string(),
        stream("", b"q 595 0 0 842 0 0 cm /Im1 Do Q"),
        stream(
            "/Type /XObject /Subtype /Image /Width 3 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8",
            b"AzzzzA",
        ),
    ];
    let bytes = pdf(&objects);
    let scan = scan::page_images(&bytes).unwrap();
    assert_eq!(scan.turns, [1]);
    assert_eq!((scan.pages[0].width, scan.pages[0].height), (3, 2));
    let upright = crate::read::import::scan_pages(&bytes).unwrap();
    assert_eq!(upright.turns, [0]);
    assert_eq!((upright.pages[0].width, upright.pages[0].height), (2, 3));
}

#[test]
fn a_long_scan_gives_its_first_pages_and_its_last_with_their_numbers() {
    // 15 scanned pages, the picture of page k k pixels wide.
    let pages = 15;
    let kids: Vec<String> = (0..pages).map(|k| format!("{} 0 R", 3 + 3 * k)).collect();
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} >>",
            kids.join(" ")
        ),
    ];
    for k in 1..=pages {
        let first = 3 * k;
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 {} 0 R >> >> /Contents {} 0 R >>",
            first + 2,
            first + 1
        ));
        objects.push(stream("", b"q 595 0 0 842 0 0 cm /Im1 Do Q"));
        let dict = format!(
            "/Type /XObject /Subtype /Image /Width {k} /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8"
        );
        objects.push(stream(&dict, &vec![b'A'; k]));
    }
    let scan = scan::page_images(&pdf(&objects)).unwrap();
    let wanted = [1, 2, 3, 4, 8, 9, 10, 11, 12, 13, 14, 15];
    assert_eq!(scan.numbers, wanted);
    let widths: Vec<u32> = scan.pages.iter().map(|p| p.width).collect();
    assert_eq!(widths, wanted);
    assert_eq!(scan.total, 15);
}

/// An image object of `entries` (its size, colours, filter) and `samples`.
fn image_object(entries: &str, samples: &[u8]) -> Vec<u8> {
    let head = format!(
        "<< /Type /XObject /Subtype /Image {entries} /Length {} >>\nstream\n",
        samples.len()
    );
    [head.as_bytes(), samples, b"\nendstream"].concat()
}

/// A scanned page: one picture (object 5) of `entries` and its `samples` filling the page,
/// and `more` objects from 6 on; the first page's picture taken out, in grey.
fn scanned_page(entries: &str, samples: &[u8], more: &[Vec<u8>]) -> crate::read::picture::Pixels {
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>".to_vec(),
        stream("", b"q 595 0 0 842 0 0 cm /Im1 Do Q").into_bytes(),
        image_object(entries, samples),
    ];
    objects.extend_from_slice(more);
    let scan = scan::page_images(&pdf_of_bytes(&objects)).unwrap();
    crate::read::picture::decode(&scan.pages[0], true).unwrap()
}

#[test]
fn a_scanned_page_in_jpeg_2000_is_taken_out_grey_or_in_colour() {
    // ABBYY FineReader writes a scan's pages as JPEG 2000 (/JPXDecode): a raw codestream
    // in grey, a JP2 file in colour, each black on its left half.
    for picture in [
        &include_bytes!("../../../tests/data/jpx/grey.j2k")[..],
        &include_bytes!("../../../tests/data/jpx/colour.jp2")[..],
    ] {
        let entries = "/Width 16 /Height 8 /BitsPerComponent 8 /Filter /JPXDecode";
        let grey = scanned_page(entries, picture, &[]);
        assert_eq!((grey.width, grey.height), (16, 8));
        assert_eq!((grey.bytes[0], grey.bytes[15]), (0, 255));
        assert_eq!((grey.bytes[7 * 16 + 7], grey.bytes[7 * 16 + 8]), (0, 255));
    }
}

#[test]
fn a_scanned_page_in_a_profile_s_colours_a_palette_or_cmyk_is_taken_out() {
    // Two pixels, black then white, each way a scanner's software may store them without
    // compression: RGB under an ICC profile, a palette of two RGB colours (white, black)
    // at one bit a pixel, CMYK.
    let profile = b"<< /N 3 /Length 0 >>\nstream\n\nendstream".to_vec();
    for (space, bpc, samples) in [
        ("[/ICCBased 6 0 R]", 8, &b"\x00\x00\x00\xff\xff\xff"[..]),
        ("[/Indexed /DeviceRGB 1 <FFFFFF000000>]", 1, &b"\x80"[..]),
        ("/DeviceCMYK", 8, &b"\x00\x00\x00\xff\x00\x00\x00\x00"[..]),
    ] {
        let entries = format!("/Width 2 /Height 1 /ColorSpace {space} /BitsPerComponent {bpc}");
        let grey = scanned_page(&entries, samples, std::slice::from_ref(&profile));
        assert_eq!(grey.bytes, [0, 255], "{space}");
    }
}

#[test]
fn a_scanned_page_wrapped_in_a_form_is_taken_out_not_the_stamp_beside_it() {
    // An e-office system that stamps a scan draws its page as a form holding the picture,
    // and its stamp (smaller) beside it.
    let image = |w: u32, samples: &[u8]| {
        let entries = format!("/Width {w} /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8");
        image_object(&entries, samples)
    };
    let objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Fm1 6 0 R /Stamp 7 0 R >> >> /Contents 4 0 R >>".to_vec(),
        stream("", b"/Fm1 Do q 50 0 0 50 400 100 cm /Stamp Do Q").into_bytes(),
        image(2, b"\x00\xff"),
        stream(
            "/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R /Self 6 0 R >> >>",
            b"q 595 0 0 842 0 0 cm /Im1 Do Q",
        )
        .into_bytes(),
        image(1, b"\x80"),
    ];
    let scan = scan::page_images(&pdf_of_bytes(&objects)).unwrap();
    let grey = crate::read::picture::decode(&scan.pages[0], true).unwrap();
    assert_eq!(grey.bytes, [0, 255]);
}

#[test]
fn a_scan_s_patches_are_drawn_into_its_page_where_their_stencils_have_ink() {
    // ABBYY's mixed raster: the page's picture with the seal's place blank (white), the
    // seal drawn apart over its right half with a stencil of its ink (the first of its two
    // pixels). A picture with an alpha channel over the first quarter (an e-office seal of
    // its signature) is left out.
    let image = image_object;
    let grey = "/ColorSpace /DeviceGray /BitsPerComponent 8 /Height 1";
    let objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R /Im2 6 0 R /Im3 8 0 R >> >> /Contents 4 0 R >>".to_vec(),
        stream(
            "",
            b"q 595 0 0 842 0 0 cm /Im1 Do Q q 297.5 0 0 842 297.5 0 cm /Im2 Do Q q 148.75 0 0 842 0 0 cm /Im3 Do Q",
        )
        .into_bytes(),
        image(&format!("/Width 8 {grey}"), &[255; 8]),
        image(&format!("/Width 2 {grey} /Mask 7 0 R"), b"\x00\x00"),
        image("/Width 2 /Height 1 /ImageMask true /BitsPerComponent 1", b"\x40"),
        image(&format!("/Width 2 {grey} /SMask 9 0 R"), b"\x00\x00"),
        image(&format!("/Width 2 {grey}"), b"\xff\xff"),
    ];
    let scan = crate::read::import::scan_pages(&pdf_of_bytes(&objects)).unwrap();
    let page = crate::read::picture::decode(&scan.pages[0], true).unwrap();
    assert_eq!(page.bytes, [255, 255, 255, 255, 0, 0, 255, 255]);
    assert!(scan.patches.is_empty());
}

#[test]
fn a_scan_printed_in_bands_is_put_together_again() {
    // A printer's driver sends the page's picture in bands one under the other: three of
    // 4 × 1 grey pixels, each a third of the page, drawn top to bottom out of order.
    let band = |v: u8| {
        let entries = "/Width 4 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8";
        image_object(entries, &[v; 4])
    };
    let page = |content: &[u8]| {
        let objects = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 300] /Resources << /XObject << /Im1 5 0 R /Im2 6 0 R /Im3 7 0 R >> >> /Contents 4 0 R >>".to_vec(),
            stream("", content).into_bytes(),
            band(0),
            band(100),
            band(200),
        ];
        crate::read::import::scan_pages(&pdf_of_bytes(&objects)).unwrap()
    };
    let scan = page(b"q 400 0 0 100 0 100 cm /Im2 Do Q q 400 0 0 100 0 200 cm /Im1 Do Q q 400 0 0 100 0 0 cm /Im3 Do Q");
    let grey = crate::read::picture::decode(&scan.pages[0], true).unwrap();
    assert_eq!((grey.width, grey.height), (4, 3));
    assert_eq!(grey.bytes, [[0; 4], [100; 4], [200; 4]].concat());
    assert_eq!(scan.pages[0].scale, 100.0);
    // Bands that leave a gap, or one that covers the others, are no page in bands: the
    // largest picture is the page's, as before; so are bands one of which is drawn a hair
    // wide (at a resolution past every bound).
    for content in [
        &b"q 400 0 0 100 0 200 cm /Im1 Do Q q 400 0 0 100 0 0 cm /Im3 Do Q"[..],
        &b"q 400 0 0 300 0 0 cm /Im1 Do Q q 400 0 0 100 0 0 cm /Im3 Do Q"[..],
        &b"q 0.000000000000000000000000000001 0 0 100 0 200 cm /Im1 Do Q q 400 0 0 150 0 150 cm /Im2 Do Q q 400 0 0 150 0 0 cm /Im3 Do Q"[..],
    ] {
        let grey = crate::read::picture::decode(&page(content).pages[0], true).unwrap();
        assert_eq!((grey.width, grey.height), (4, 1));
    }
}
