//! The verifier on real signed PDFs as offices send them (tests/data/files/docs): each
//! signature's verdict is poppler's `pdfsig` verdict on the same file, recorded here
//! ("Signature is Valid" or "Digest Mismatch"; "Total document signed" or not), since the
//! e-offices' own tools are not at hand.

// Tests read their own files (clippy.toml).
#![allow(clippy::disallowed_methods)]

mod common;

/// A file, and for each signature: its signer, intact, covers the whole file.
type Expected = (&'static str, &'static [(&'static str, bool, bool)]);

const RECORDED: &[Expected] = &[
    // Both changed after signing (pdfsig: Digest Mismatch); their signer is still named.
    (
        "f01",
        &[
            ("Phạm Thị Minh Hiếu", false, false),
            ("Phạm Thị Minh Hiếu", false, false),
        ],
    ),
    (
        "f06",
        &[
            ("Nguyễn Đức Vũ", true, false),
            ("SỞ NỘI VỤ", true, false),
            ("SỞ NỘI VỤ", true, false),
            ("SỞ NỘI VỤ", true, true),
        ],
    ),
    (
        "f20",
        &[
            ("Ủy ban nhân dân tỉnh Quảng Ngãi", true, false),
            ("TRUNG TÂM CÔNG BÁO VÀ TIN HỌC", true, true),
        ],
    ),
    (
        "f21",
        &[
            ("Ủy ban nhân dân tỉnh Quảng Ngãi", true, false),
            ("TRUNG TÂM CÔNG BÁO VÀ TIN HỌC", true, true),
        ],
    ),
];

#[test]
fn real_signatures_are_judged_as_pdfsig_judges_them() {
    for (name, expected) in RECORDED {
        let path = common::root().join(format!("tests/data/files/docs/{name}.pdf"));
        let found = congvan::pades::verify(&std::fs::read(&path).unwrap(), &[]);
        let got: Vec<(&str, bool, bool)> = found
            .iter()
            .map(|v| (v.signer.as_str(), v.intact, v.covers_whole_file))
            .collect();
        assert_eq!(&got, expected, "{name}: {found:#?}");
        // No root is trusted here: none is, and each says so.
        assert!(
            found.iter().all(|v| !v.trusted && !v.problems.is_empty()),
            "{name}"
        );
    }
}

#[test]
fn a_file_with_four_signatures_changed_after_signing_says_so_for_each() {
    let path = common::root().join("tests/data/files/docs/f04.pdf");
    let found = congvan::pades::verify(&std::fs::read(path).unwrap(), &[]);
    assert_eq!(found.len(), 4);
    for v in &found {
        assert!(!v.intact, "{v:?}");
        assert!(
            v.problems.iter().any(|p| p.contains("thay đổi sau khi ký")),
            "{v:?}"
        );
    }
}
