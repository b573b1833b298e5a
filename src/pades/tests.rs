use chrono::TimeZone;
use lopdf::{dictionary, Document, Object, Stream};
use rsa::pkcs8::DecodePrivateKey;
use rsa::signature::{SignatureEncoding, Signer};

use super::*;

/// The certificate (PEM) and key (PKCS #8 PEM) of each name in tests/data/signing.
const PKI: &[(&str, &str, &str)] = &[
    (
        "office",
        include_str!("../../tests/data/signing/office.pem"),
        include_str!("../../tests/data/signing/office.key"),
    ),
    (
        "signer",
        include_str!("../../tests/data/signing/signer.pem"),
        include_str!("../../tests/data/signing/signer.key"),
    ),
    (
        "expired",
        include_str!("../../tests/data/signing/expired.pem"),
        include_str!("../../tests/data/signing/expired.key"),
    ),
    (
        "future",
        include_str!("../../tests/data/signing/future.pem"),
        include_str!("../../tests/data/signing/future.key"),
    ),
    (
        "nousage",
        include_str!("../../tests/data/signing/nousage.pem"),
        include_str!("../../tests/data/signing/nousage.key"),
    ),
];

/// The certificate (DER) and key of `name`.
fn pki(name: &str) -> (Vec<u8>, rsa::RsaPrivateKey) {
    let (_, pem, key) = PKI.iter().find(|(n, _, _)| *n == name).unwrap();
    (
        pem_der(pem),
        rsa::RsaPrivateKey::from_pkcs8_pem(key).unwrap(),
    )
}

fn pem_der(pem: &str) -> Vec<u8> {
    use base64::Engine;
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    base64::engine::general_purpose::STANDARD
        .decode(body)
        .unwrap()
}

fn root() -> Vec<u8> {
    pem_der(include_str!("../../tests/data/signing/root.pem"))
}

/// A one-page PDF `width`×`height` points with a line of text drawn.
fn page(width: f32, height: f32) -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let pages = doc.new_object_id();
    let content = doc.add_object(Stream::new(
        dictionary! {},
        b"0 0 1 rg 10 10 20 20 re f".to_vec(),
    ));
    let page = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages,
        "MediaBox" => vec![0.into(), 0.into(), width.into(), height.into()],
        "Contents" => content,
        "Resources" => dictionary! {},
    });
    doc.objects.insert(
        pages,
        Object::Dictionary(
            dictionary! {"Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1},
        ),
    );
    let catalog = doc.add_object(dictionary! {"Type" => "Catalog", "Pages" => pages});
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

fn time() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::FixedOffset::east_opt(7 * 3600)
        .unwrap()
        .with_ymd_and_hms(2026, 12, 4, 9, 30, 5)
        .unwrap()
}

/// `pdf` signed by `who` (a name in tests/data/signing), shown at `visible`.
fn sign(pdf: &[u8], who: &str, visible: Option<Visible>) -> Result<Vec<u8>, Error> {
    let (cert, key) = pki(who);
    let request = Request {
        field: "Người ký".into(),
        chain: vec![cert, root()],
        time: time(),
        reason: Some("Văn thư ký số".into()),
        visible,
    };
    let prepared = prepare(pdf, &request)?;
    let signer = rsa::pkcs1v15::SigningKey::<rsa::sha2::Sha256>::new(key);
    let signature = signer.sign(prepared.to_sign()).to_vec();
    finish(prepared, &signature)
}

fn check(verified: &Verified, signer: &str, intact: bool, whole: bool, trusted: bool) {
    assert_eq!(
        (
            verified.signer.as_str(),
            verified.intact,
            verified.covers_whole_file,
            verified.trusted
        ),
        (signer, intact, whole, trusted),
        "{verified:?}"
    );
}

const OFFICE: &str = "LIÊN ĐOÀN LAO ĐỘNG HUYỆN THỬ";
const SIGNER: &str = "Nguyễn Thị Thử";

#[test]
fn a_signed_pdf_is_intact_whole_and_trusted_with_its_root() {
    let original = page(595.0, 842.0);
    let signed = sign(&original, "office", None).unwrap();
    assert!(
        signed.starts_with(&original),
        "an incremental update keeps the file"
    );
    let found = verify(&signed, &[root()]);
    assert_eq!(found.len(), 1);
    check(&found[0], OFFICE, true, true, true);
    assert_eq!(found[0].time.as_deref(), Some("2026-12-04T09:30:05+07:00"));
    assert_eq!(
        found[0].organisation.as_deref(),
        Some("Liên đoàn Lao động huyện Thử")
    );
    assert!(found[0].problems.is_empty(), "{:?}", found[0].problems);
    // Without the root, the same signature is intact but not trusted.
    check(&verify(&signed, &[])[0], OFFICE, true, true, false);
}

#[test]
fn one_byte_changed_in_the_signed_range_breaks_it() {
    let signed = sign(&page(595.0, 842.0), "office", None).unwrap();
    let mut changed = signed.clone();
    // A byte of the content stream's drawing: "10 10" becomes "10 11".
    let at = changed.windows(5).position(|w| w == b"10 10").unwrap();
    changed[at + 4] = b'1';
    let found = verify(&changed, &[root()]);
    check(&found[0], OFFICE, false, true, true);
    assert!(
        found[0].problems.iter().any(|p| p.contains("thay đổi")),
        "{:?}",
        found[0].problems
    );
}

#[test]
fn a_letter_signed_twice_keeps_both_in_order() {
    let once = sign(&page(595.0, 842.0), "signer", None).unwrap();
    let twice = sign(&once, "office", None).unwrap();
    assert!(twice.starts_with(&once));
    let found = verify(&twice, &[root()]);
    assert_eq!(found.len(), 2);
    check(&found[0], SIGNER, true, false, true);
    check(&found[1], OFFICE, true, true, true);
    assert_eq!(
        (found[0].field.as_str(), found[1].field.as_str()),
        ("Người ký", "Người ký 2")
    );
}

#[test]
fn a_visible_signature_shows_its_stamp_in_its_rectangle() {
    let stamp = page(100.0, 50.0);
    let visible = Visible {
        page: 0,
        rect: [300.0, 200.0, 400.0, 250.0],
        stamp,
    };
    let signed = sign(&page(595.0, 842.0), "office", Some(visible)).unwrap();
    check(&verify(&signed, &[root()])[0], OFFICE, true, true, true);
    let doc = Document::load_mem(&signed).unwrap();
    let widget = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .find(|d| d.get(b"FT").is_ok())
        .unwrap();
    let rect: Vec<f32> = widget
        .get(b"Rect")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_float().unwrap())
        .collect();
    assert_eq!(rect, vec![300.0, 200.0, 400.0, 250.0]);
    let ap = widget.get(b"AP").unwrap().as_dict().unwrap();
    let form = doc
        .get_object(ap.get(b"N").unwrap().as_reference().unwrap())
        .unwrap();
    let mut form = form.as_stream().unwrap().clone();
    let _ = form.decompress();
    assert_eq!(form.content.trim_ascii_end(), b"0 0 1 rg 10 10 20 20 re f");
}

#[test]
fn certificates_that_may_not_sign_are_refused_before_anything_is_written() {
    let pdf = page(595.0, 842.0);
    let message = |who| match sign(&pdf, who, None) {
        Err(Error::Sign(m)) => m,
        other => panic!("{who}: {other:?}"),
    };
    assert!(message("expired").contains("đã hết hạn ngày 01/01/2021"));
    assert!(message("future").contains("chỉ có hiệu lực từ ngày 01/01/2100"));
    assert!(message("nousage").contains("không được dùng để ký"));
}

#[test]
fn what_is_not_a_pdf_cannot_be_signed_and_has_no_signature() {
    let (cert, _) = pki("office");
    let request = Request {
        field: "Cơ quan".into(),
        chain: vec![cert],
        time: time(),
        reason: None,
        visible: None,
    };
    assert!(matches!(
        prepare(b"not a pdf", &request),
        Err(Error::Sign(_))
    ));
    assert!(verify(b"not a pdf", &[]).is_empty());
    assert!(verify(&page(595.0, 842.0), &[]).is_empty());
}

#[test]
fn pdf_dates_are_vietnam_time() {
    assert_eq!(field::pdf_date(time()), "D:20261204093005+07'00'");
    let back = verify::pdf_time("D:20261204093005+07'00'").unwrap();
    assert_eq!(back, time());
    assert_eq!(
        verify::pdf_time("D:20240101").unwrap().to_rfc3339(),
        "2024-01-01T00:00:00+00:00"
    );
    assert!(verify::pdf_time("D:20").is_none());
}
