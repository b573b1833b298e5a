//! Digital signatures made by the tool through PKCS#11 on a SoftHSM2 token that holds a test
//! PKI made for the run (scripts/make-test-pki): each signed PDF is checked by the tool's
//! own verifier, by poppler's `pdfsig` (with the test root in an NSS database) and by
//! pyHanko's validator; the bad moments leave no file behind. The tools are installed by
//! `scripts/test`; a missing one fails the test with that advice.

// Tests read and write their own files and run programs (clippy.toml).
#![allow(clippy::disallowed_methods)]
// SoftHSM2, opensc, NSS and pyHanko are Linux tools here (README).
#![cfg(not(windows))]

#[path = "../../tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const PIN: &str = "123456";
const LABEL: &str = "congvan-thu";

/// A token made for one test, with its folder, configuration and PKI.
struct Token {
    dir: PathBuf,
    conf: PathBuf,
    module: PathBuf,
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{cmd:?} failed:\n{text}");
    text
}

/// SoftHSM2's module, where Debian puts it.
fn softhsm() -> PathBuf {
    [
        "/usr/lib/softhsm/libsofthsm2.so",
        "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.exists())
    .expect("SoftHSM2 is not installed: run scripts/test, which installs what the tests need")
}

/// A fresh token labelled LABEL with the office's, the signer's, an expired and a
/// non-signing key, each with its certificate under the same id, and the root.
fn token(name: &str) -> Token {
    let dir = common::fresh_dir(name);
    let pki = dir.join("pki");
    run(Command::new(common::root().join("scripts/make-test-pki")).arg(&pki));
    std::fs::create_dir_all(dir.join("tokens")).unwrap();
    let conf = dir.join("softhsm2.conf");
    std::fs::write(
        &conf,
        format!(
            "directories.tokendir = {}\nobjectstore.backend = file\nlog.level = ERROR\n",
            dir.join("tokens").display()
        ),
    )
    .unwrap();
    let token = Token {
        dir,
        conf,
        module: softhsm(),
    };
    run(token.with(common::program("softhsm2-util")).args([
        "--init-token",
        "--free",
        "--label",
        LABEL,
        "--pin",
        PIN,
        "--so-pin",
        "12345678",
    ]));
    for (label, id) in [
        ("office", "01"),
        ("signer", "02"),
        ("expired", "03"),
        ("nousage", "04"),
        ("root", "99"),
    ] {
        let der = pki.join(format!("{label}.der"));
        run(common::program("openssl")
            .args(["x509", "-outform", "der", "-in"])
            .arg(pki.join(format!("{label}.pem")))
            .arg("-out")
            .arg(&der));
        if label != "root" {
            run(token
                .with(common::program("softhsm2-util"))
                .arg("--import")
                .arg(pki.join(format!("{label}.key")))
                .args(["--token", LABEL, "--label", label, "--id", id, "--pin", PIN]));
        }
        run(token
            .with(common::program("pkcs11-tool"))
            .arg("--module")
            .arg(&token.module)
            .args([
                "--token-label",
                LABEL,
                "--login",
                "--pin",
                PIN,
                "--write-object",
            ])
            .arg(&der)
            .args(["--type", "cert", "--id", id, "--label", label]));
    }
    token
}

impl Token {
    fn with(&self, mut cmd: Command) -> Command {
        cmd.env("SOFTHSM2_CONF", &self.conf);
        cmd
    }

    fn root(&self) -> PathBuf {
        self.dir.join("pki/root.pem")
    }

    /// `congvan sign INPUT -o OUTPUT --as ROLE --key KEY` with the test PIN and `more`.
    fn sign(
        &self,
        input: &Path,
        output: &Path,
        role: &str,
        key: &str,
        more: &[&str],
    ) -> std::process::Output {
        let (input, output) = (input.to_string_lossy(), output.to_string_lossy());
        let module = self.module.to_string_lossy();
        let db = self.dir.join("congvan.db");
        let db = db.to_string_lossy();
        let mut args = vec![
            "sign",
            &input,
            "-o",
            &output,
            "--as",
            role,
            "--key",
            key,
            "--pkcs11",
            &module,
            "--pin-env",
            "CONGVAN_PIN",
            "--db",
            &db,
        ];
        args.extend(more.iter().filter(|a| **a != "--wrong-pin"));
        let conf = self.conf.to_string_lossy();
        common::congvan_with(
            &args,
            &[("SOFTHSM2_CONF", &conf), ("CONGVAN_PIN", more_pin(more))],
        )
    }

    /// `congvan verify FILE --json --trust ROOT` as JSON, and whether it exited 0.
    fn verify(&self, file: &Path) -> (Vec<Value>, bool) {
        let root = self.root();
        let out = common::congvan(&[
            "verify",
            &file.to_string_lossy(),
            "--json",
            "--trust",
            &root.to_string_lossy(),
            "--db",
            &self.dir.join("verify.db").to_string_lossy(),
        ]);
        let found: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap_or_else(|_| {
            panic!("{}", String::from_utf8_lossy(&out.stderr));
        });
        (found, out.status.success())
    }
}

/// The PIN a call uses: the test PIN, unless `more` ends with "--wrong-pin" (not passed on).
fn more_pin(more: &[&str]) -> &'static str {
    if more.contains(&"--wrong-pin") {
        "654321"
    } else {
        PIN
    }
}

fn pictures(dir: &Path) -> (PathBuf, PathBuf) {
    let (signature, seal) = (dir.join("chu-ky.png"), dir.join("con-dau.png"));
    std::fs::write(&signature, common::transparent_png(120, 60, [20, 40, 180])).unwrap();
    std::fs::write(&seal, common::transparent_png(100, 100, [220, 20, 30])).unwrap();
    (signature, seal)
}

/// pdfsig's verdicts on `file`, with the test root trusted in a fresh NSS database.
fn pdfsig(token: &Token, file: &Path) -> String {
    let nss = token.dir.join("nss");
    if !nss.exists() {
        std::fs::create_dir_all(&nss).unwrap();
        let db = format!("sql:{}", nss.display());
        run(common::program("certutil").args(["-N", "--empty-password", "-d", &db]));
        run(common::program("certutil")
            .args([
                "-A",
                "-n",
                "congvan-test-root",
                "-t",
                "CT,CT,CT",
                "-d",
                &db,
                "-i",
            ])
            .arg(token.root()));
    }
    run(common::program("pdfsig")
        .arg("-nssdir")
        .arg(format!("sql:{}", nss.display()))
        .arg(file))
}

/// pyHanko's verdict on each signature of `file`.
fn pyhanko(token: &Token, file: &Path) -> Vec<Value> {
    let python = common::root().join("target/pyenv/bin/python3");
    assert!(
        python.exists(),
        "pyHanko is not installed: run scripts/test, which installs what the tests need"
    );
    run(Command::new(python)
        .arg(common::root().join("tests/signing/validate.py"))
        .arg(file)
        .arg(token.root()))
    .lines()
    // What pyHanko logs (a certificate it cannot place) comes on other lines.
    .filter(|l| l.starts_with('{'))
    .map(|l| serde_json::from_str(l).unwrap())
    .collect()
}

fn rect(v: &Value) -> [f64; 4] {
    let r = &v["shown"][1];
    [0, 1, 2, 3].map(|i| r[i].as_f64().unwrap())
}

#[test]
fn a_letter_signed_by_its_signer_then_by_the_office_is_valid_everywhere() {
    let token = token("signing-letter");
    let (signature, seal) = pictures(&token.dir);
    let letter = common::root().join("tests/fixtures/seed-003-ke-hoach-73.json");
    let (once, twice) = (token.dir.join("ky-1.pdf"), token.dir.join("ky-2.pdf"));
    let pictures = [
        "--signature",
        &*signature.to_string_lossy(),
        "--seal",
        &*seal.to_string_lossy(),
    ]
    .map(str::to_string);
    let pictures: Vec<&str> = pictures.iter().map(String::as_str).collect();
    common::ok(&token.sign(&letter, &once, "signer", "signer", &pictures));
    common::ok(&token.sign(&once, &twice, "office", "office", &pictures[2..]));
    let once_bytes = std::fs::read(&once).unwrap();
    assert!(std::fs::read(&twice).unwrap().starts_with(&once_bytes));

    // The tool's verifier: the signer, then the office, both intact and trusted.
    let (found, ok) = token.verify(&twice);
    assert!(ok);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0]["signer"], "Nguyễn Thị Thử");
    assert_eq!(found[1]["signer"], "LIÊN ĐOÀN LAO ĐỘNG HUYỆN THỬ");
    for v in &found {
        assert_eq!(
            (v["intact"].as_bool(), v["trusted"].as_bool()),
            (Some(true), Some(true)),
            "{v}"
        );
        assert!(v["time"].as_str().unwrap().ends_with("+07:00"), "{v}");
    }
    assert_eq!(found[0]["covers_whole_file"], false);
    assert_eq!(found[1]["covers_whole_file"], true);

    // The seal at its real size (ND30 PL-I II.8.a; layout::SEAL_WIDTH, 36 mm), on the
    // signature's line, its right edge a third of the way into the signature.
    let (sig, seal) = (rect(&found[0]), rect(&found[1]));
    let seal_width = 2041.0 / 20.0;
    assert!((seal[2] - seal[0] - seal_width).abs() < 0.01, "{seal:?}");
    assert!(
        (seal[3] - seal[1] - seal_width).abs() < 0.01,
        "a round seal stays round: {seal:?}"
    );
    let third = sig[0] + (sig[2] - sig[0]) / 3.0;
    assert!((seal[2] - third).abs() < 0.01, "{seal:?} over {sig:?}");
    assert!(
        ((seal[1] + seal[3]) - (sig[1] + sig[3])).abs() < 0.02,
        "{seal:?} beside {sig:?}"
    );

    // poppler: both valid and trusted.
    let said = pdfsig(&token, &twice);
    assert_eq!(said.matches("Signature is Valid").count(), 2, "{said}");
    assert_eq!(said.matches("Certificate is Trusted").count(), 2, "{said}");
    // pyHanko: both valid and trusted, PAdES, the last covering the whole file.
    let verdicts = pyhanko(&token, &twice);
    assert_eq!(verdicts.len(), 2, "{verdicts:?}");
    for v in &verdicts {
        assert_eq!(v["intact"], true, "{v}");
        assert_eq!(v["valid"], true, "{v}");
        assert_eq!(v["trusted"], true, "{v}");
        assert_eq!(v["subfilter"], "/ETSI.CAdES.detached", "{v}");
    }
    assert!(
        verdicts.iter().any(|v| v["coverage"] == "ENTIRE_FILE"),
        "{verdicts:?}"
    );
    run(common::program("qpdf").arg("--check").arg(&twice));

    // `parse` of the signed letter carries the same list.
    let parsed = common::congvan(&["parse", &twice.to_string_lossy(), "--json"]);
    let parsed: Value = serde_json::from_slice(&parsed.stdout).unwrap();
    let signers: Vec<&str> = parsed["signatures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["signer"].as_str().unwrap())
        .collect();
    assert_eq!(signers, ["Nguyễn Thị Thử", "LIÊN ĐOÀN LAO ĐỘNG HUYỆN THỬ"]);

    // One byte changed inside the signed range: not intact, and the tool says so (exit 1).
    let mut bytes = std::fs::read(&twice).unwrap();
    let at = bytes.windows(7).position(|w| w == b"congvan").unwrap();
    bytes[at + 6] = b'm';
    let changed = token.dir.join("sua.pdf");
    std::fs::write(&changed, &bytes).unwrap();
    let (found, ok) = token.verify(&changed);
    assert!(!ok);
    assert!(found.iter().all(|v| v["intact"] == false), "{found:?}");
}

#[test]
fn a_received_pdf_signed_by_the_office_shows_the_text_box_top_right() {
    let token = token("signing-received");
    // A real e-office PDF, signed by the Sở and the provincial gazette: theirs stay intact.
    let received = common::root().join("tests/data/files/docs/f21.pdf");
    let signed = token.dir.join("sao-y.pdf");
    let (before, _) = token.verify(&received);
    // An electronic copy: the office's text box names the form of copy first.
    common::ok(&token.sign(
        &received,
        &signed,
        "office",
        "office",
        &["--copy-form", "SAO Y"],
    ));
    let (found, ok) = token.verify(&signed);
    assert!(ok, "{found:?}");
    assert_eq!(found.len(), before.len() + 1, "{found:?}");
    for (old, now) in before.iter().zip(&found) {
        assert_eq!(
            (&old["signer"], &old["intact"]),
            (&now["signer"], &now["intact"])
        );
        assert_eq!(now["intact"], true);
    }
    let ours = found.last().unwrap();
    assert_eq!(
        (&ours["field"], &ours["covers_whole_file"]),
        (&Value::from("Cơ quan"), &Value::from(true))
    );
    let r = rect(ours);
    assert_eq!(ours["shown"][0], 0, "on page 1");
    assert!(r[3] > 780.0 && r[2] > 540.0, "top right: {r:?}");
    // What the box says, as a printer draws it (its look flattened into the page).
    let flat = token.dir.join("phang.pdf");
    run(common::program("qpdf")
        .arg("--flatten-annotations=all")
        .arg(&signed)
        .arg(&flat));
    let text = run(common::program("pdftotext")
        .args(["-f", "1", "-l", "1"])
        .arg(&flat)
        .arg("-"));
    let words: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for part in ["SAO Y", "Liên đoàn Lao động huyện Thử"] {
        assert!(words.contains(part), "{part:?} not in the box: {words}");
    }
    // The signing time in ISO 8601 with Vietnam's offset: 2026-12-04T09:30:05+07:00.
    let iso = |w: &str| w.len() == 25 && w.as_bytes()[10] == b'T' && w.ends_with("+07:00");
    assert!(
        words.split(' ').any(iso),
        "no ISO 8601 time in the box: {words}"
    );
    let said = pdfsig(&token, &signed);
    assert_eq!(
        said.matches("Signature is Valid").count(),
        found.len(),
        "{said}"
    );
    let verdicts = pyhanko(&token, &signed);
    let last = verdicts.last().unwrap();
    assert_eq!(
        (&last["valid"], &last["intact"], &last["trusted"]),
        (&Value::from(true), &Value::from(true), &Value::from(true)),
        "{verdicts:?}"
    );
}

#[test]
fn bad_moments_say_what_is_wrong_and_write_nothing() {
    let token = token("signing-bad");
    let letter = common::root().join("tests/fixtures/seed-000-cong-van-165.json");
    let out = token.dir.join("khong-co.pdf");
    let refused = |result: std::process::Output, words: &str| {
        let said = String::from_utf8_lossy(&result.stderr).to_string();
        assert_eq!(result.status.code(), Some(1), "{said}");
        assert!(said.contains(words), "{words:?} not in: {said}");
        assert!(!out.exists(), "nothing is written when signing fails");
    };
    refused(
        token.sign(&letter, &out, "office", "office", &["--wrong-pin"]),
        "mã PIN của token congvan-thu không đúng",
    );
    refused(
        token.sign(&letter, &out, "office", "expired", &[]),
        "đã hết hạn ngày 01/01/2021",
    );
    refused(
        token.sign(&letter, &out, "office", "nousage", &[]),
        "không được dùng để ký",
    );
    refused(
        token.sign(
            &letter,
            &out,
            "office",
            "office",
            &["--token", "token-khac"],
        ),
        "không thấy token \"token-khac\"",
    );
    // No token plugged in: an empty token folder.
    let empty = token.dir.join("khong-token.conf");
    std::fs::create_dir_all(token.dir.join("trong")).unwrap();
    std::fs::write(
        &empty,
        format!(
            "directories.tokendir = {}\nobjectstore.backend = file\n",
            token.dir.join("trong").display()
        ),
    )
    .unwrap();
    let module = token.module.to_string_lossy();
    let (letter_s, out_s) = (letter.to_string_lossy(), out.to_string_lossy());
    refused(
        common::congvan_with(
            &[
                "sign",
                &letter_s,
                "-o",
                &out_s,
                "--pkcs11",
                &module,
                "--pin-env",
                "CONGVAN_PIN",
            ],
            &[
                ("SOFTHSM2_CONF", &empty.to_string_lossy()),
                ("CONGVAN_PIN", PIN),
            ],
        ),
        "không thấy token chữ ký số: hãy cắm token",
    );
    refused(
        common::congvan_with(
            &[
                "sign",
                &letter_s,
                "-o",
                &out_s,
                "--pkcs11",
                "/khong/co/thu-vien.so",
                "--pin-env",
                "CONGVAN_PIN",
            ],
            &[("CONGVAN_PIN", PIN)],
        ),
        "không nạp được thư viện PKCS#11",
    );
}
