//! Digital signatures (ký số) with their I/O: what signs (a `Signer`: a PKCS#11 token, the
//! Windows certificate store, or a key file in the tests), signing a letter or a PDF as the
//! signer or as the office, verifying a PDF against the roots the clerk trusts.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};

use super::failure::Failure;
use super::files::{self, named, write};
use super::office::{Desk, ImageSource};
use super::signer::{certificates_in, Signer};
use crate::pades::{self, vietnam, Request, Verified, Visible};
use crate::render::document::Document;
use crate::render::images::{Images, Png};
use crate::render::{self, pdf::Fonts};

/// How the window signs on this PC: the Windows certificate store, or a token's PKCS#11
/// module (the one picked, if any).
#[derive(Debug, Clone, Serialize)]
pub struct SigningSetup {
    /// Signing goes through the Windows certificate store; the token's driver asks for the
    /// PIN.
    pub store: bool,
    /// The PKCS#11 module picked, elsewhere.
    pub module: Option<String>,
}

/// Who a digital signature is: the competent person who signs the letter (ND30 Điều 13.7),
/// or the office, applied by the văn thư with the seal (Điều 14.3, 17.2).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The signer: their signature's image in the room for the signature.
    Signer,
    /// The office: the seal over the signature's left third, or on a copy or an attachment,
    /// the text box at the top right of page 1.
    #[default]
    Office,
}

/// How a file is signed: as whom, with which images, and what the office's text box says
/// first on a PDF the app did not lay out.
#[derive(Debug, Clone, Default)]
pub struct SignOrder {
    /// Who signs.
    pub role: Role,
    /// The signer's image and the seal: files given, else those kept.
    pub images: ImageSource,
    /// The text box's first line: the form of an electronic copy ("SAO Y", ND30 Phần II
    /// I.3), or the số and ký hiệu of the document an attachment goes with (PL-I II.8.b);
    /// none: the số and ký hiệu the reader finds in the file, when it does.
    pub heading: Option<String>,
}

/// A signed file, as written and verified again.
#[derive(Debug, Clone, Serialize)]
pub struct SignedFile {
    /// Where it was written.
    pub path: String,
    /// Every signature of the file, the new one last.
    pub signatures: Vec<Verified>,
    /// What the clerk should know: an image missing, so the signature shows none.
    pub notices: Vec<String>,
}

/// The name of the signer's signature field, which the office's seal goes over.
const SIGNER_FIELD: &str = "Người ký";

/// The name of the office's signature field.
const OFFICE_FIELD: &str = "Cơ quan";

/// The text box of the office's signature on a copy or an attachment: 10 pt Times New
/// Roman in a box this wide and high (points), this far from the page's right and top
/// edges: three lines inside the top margin (20–25 mm, ND30 PL-I I.5), above the header.
const BOX: (f32, f32, f32, f32) = (220.0, 40.0, 20.0, 8.0);

impl Desk {
    /// Signs `input` as `role` with `signer` and writes the signed PDF to `output`; the
    /// input is never changed. A letter the app wrote (its JSON, or its .docx unchanged) is
    /// laid out as PDF and signed with the signer's image or the seal in its room for the
    /// signature; a PDF is signed as it is: over the signer's visible signature for the
    /// office's seal, else (a copy, an attachment) with the office's text box at the top
    /// right of page 1, led by `order.heading`.
    pub fn sign_file(
        &self,
        input: &Path,
        output: &Path,
        order: &SignOrder,
        signer: &mut dyn Signer,
    ) -> Result<SignedFile, Failure> {
        let bytes = files::read(input, crate::read::import::MAX_FILE_BYTES as u64)?;
        self.sign_bytes(input, bytes, output, order, signer)
    }

    /// Signs the parent `parent`, a PDF received, as the office's electronic copy (sao y
    /// điện tử, ND30 Điều 25–26, Phụ lục I Phần II I.3): the office's text box "SAO Y", the
    /// office, the time; written to `output`, the file kept unchanged.
    pub fn sign_parent_copy(
        &self,
        parent: i64,
        output: &Path,
        pin: &str,
    ) -> Result<SignedFile, Failure> {
        let (_, name, bytes) = self.parent_source(parent)?;
        if !bytes.starts_with(b"%PDF") {
            return Err(Failure::refused(
                "parent",
                format!("{name} không phải tệp PDF: bản sao điện tử ký số được làm từ tệp PDF nhận được"),
            ));
        }
        let order = SignOrder {
            role: Role::Office,
            images: ImageSource::None,
            heading: Some("SAO Y".into()),
        };
        let mut signer = self.token_signer(pin, None)?;
        self.sign_bytes(Path::new(&name), bytes, output, &order, &mut *signer)
    }

    /// `sign_file` on bytes read already; `input` names them in failures.
    fn sign_bytes(
        &self,
        input: &Path,
        bytes: Vec<u8>,
        output: &Path,
        order: &SignOrder,
        signer: &mut dyn Signer,
    ) -> Result<SignedFile, Failure> {
        let (role, images) = (order.role, &order.images);
        let fonts = self.pdf_fonts()?;
        let mut notices = Vec::new();
        let chain = signer.chain().map_err(Failure::from)?;
        let time = self.signing_time();
        let (pdf, visible) = if bytes.starts_with(b"%PDF") {
            let seal = match images {
                ImageSource::Files { seal: Some(_), .. } => {
                    self.images(&crate::model::Signature::default(), images)?
                        .seal
                }
                _ => self.store.image(crate::render::images::SEAL)?,
            };
            let at = Moment {
                role,
                chain: &chain,
                time,
                fonts: &fonts,
                heading: order.heading.as_deref(),
            };
            let visible = self.visible_on_pdf(&bytes, &at, seal, &mut notices)?;
            (bytes, visible)
        } else {
            let letter = self.letter_of(input, &bytes)?;
            self.letter_pdf(&letter, role, images, &fonts, &mut notices)?
        };
        self.sign_pdf(
            input, pdf, visible, role, chain, time, signer, output, notices,
        )
    }

    /// The PDF of `letter` and where a signature as `role` shows on it.
    fn letter_pdf(
        &self,
        letter: &crate::model::Letter,
        role: Role,
        images: &ImageSource,
        fonts: &Fonts,
        notices: &mut Vec<String>,
    ) -> Result<(Vec<u8>, Option<Visible>), Failure> {
        let doc = Document::from_letter(letter);
        let pdf = render::pdf::pdf(&doc, fonts)?;
        let images = match images {
            ImageSource::Files { .. } => self.images(&letter.signature, images)?,
            _ => self.store.images_for(&letter.signature)?,
        };
        let visible = visible_in_room(&doc, &images, role, fonts, notices)?;
        Ok((pdf, visible))
    }

    /// Adds the signature to `pdf`, signed by `signer`, and writes it whole to `output`.
    #[allow(clippy::too_many_arguments)]
    fn sign_pdf(
        &self,
        input: &Path,
        pdf: Vec<u8>,
        visible: Option<Visible>,
        role: Role,
        chain: Vec<Vec<u8>>,
        time: DateTime<FixedOffset>,
        signer: &mut dyn Signer,
        output: &Path,
        notices: Vec<String>,
    ) -> Result<SignedFile, Failure> {
        let request = Request {
            field: match role {
                Role::Signer => SIGNER_FIELD,
                Role::Office => OFFICE_FIELD,
            }
            .into(),
            chain,
            time,
            reason: Some(
                match role {
                    Role::Signer => "Người có thẩm quyền ký số",
                    Role::Office => "Văn thư ký số của cơ quan, tổ chức",
                }
                .into(),
            ),
            visible,
        };
        let prepared = pades::prepare(&pdf, &request).map_err(|e| named(input, e))?;
        let signature = signer.sign(prepared.to_sign()).map_err(Failure::from)?;
        let signed = pades::finish(prepared, &signature)?;
        let path = write(output, &signed)?;
        Ok(SignedFile {
            path,
            signatures: pades::verify(&signed, &self.trusted_roots()?),
            notices,
        })
    }

    /// Every signature of the PDF at `path`, checked against the roots the clerk trusts and
    /// `more_roots` (DER or PEM files' bytes).
    pub fn verify_file(
        &self,
        path: &Path,
        more_roots: &[Vec<u8>],
    ) -> Result<Vec<Verified>, Failure> {
        let bytes = files::read(path, crate::read::import::MAX_FILE_BYTES as u64)?;
        if !bytes.starts_with(b"%PDF") {
            return Err(named(
                path,
                Failure::refused("input", "không phải tệp PDF: chỉ tệp PDF mang chữ ký số"),
            ));
        }
        let mut roots = self.trusted_roots()?;
        for r in more_roots {
            roots
                .extend(certificates_in(r).map_err(|m| named(path, Failure::refused("trust", m)))?);
        }
        Ok(pades::verify(&bytes, &roots))
    }

    /// The roots the clerk added as trusted, as DER certificates.
    pub fn trusted_roots(&self) -> Result<Vec<Vec<u8>>, Failure> {
        Ok(self.store.roots()?)
    }

    /// Adds the root certificates of a file (DER or PEM: a CA's root the clerk was given,
    /// never fetched) to those trusted; gives their names.
    pub fn trust_root(&self, path: &Path) -> Result<Vec<String>, Failure> {
        let bytes = files::read(path, 1024 * 1024)?;
        let certificates =
            certificates_in(&bytes).map_err(|m| named(path, Failure::refused("trust", m)))?;
        let mut names = Vec::new();
        for der in certificates {
            let name = pades::certificate_name(&der).map_err(|e| named(path, e))?;
            self.store.add_root(&der, &name, self.now())?;
            names.push(name);
        }
        Ok(names)
    }

    /// The time written in a signature: now in Vietnam's time; 09:00 of the desk's day in
    /// tests that set one.
    fn signing_time(&self) -> DateTime<FixedOffset> {
        match self.today {
            Some(day) => day
                .and_hms_opt(9, 0, 0)
                .and_then(|t| t.and_local_timezone(vietnam()).single())
                .unwrap_or_else(|| Utc::now().with_timezone(&vietnam())),
            None => Utc::now().with_timezone(&vietnam()),
        }
    }

    /// The letter in a file the app wrote: its JSON, or its .docx unchanged since.
    fn letter_of(&self, input: &Path, bytes: &[u8]) -> Result<crate::model::Letter, Failure> {
        if bytes.starts_with(b"PK") {
            match render::own_letter(bytes) {
                Ok(Some(letter)) => Ok(letter),
                Ok(None) => Err(named(
                    input,
                    Failure::refused(
                        "input",
                        "tệp .docx này không do ứng dụng soạn: hãy xuất PDF bằng Word rồi ký tệp PDF",
                    ),
                )),
                Err(e) => Err(named(input, Failure::refused("input", e.to_string()))),
            }
        } else {
            Self::letter_file(input)
        }
    }

    /// Where the new signature shows on a PDF: the office's seal over the left third of the
    /// last visible signature the app made for the signer, else the office's text box at the top right of
    /// page 1; the signer's signature on a PDF the app did not lay out shows nothing.
    fn visible_on_pdf(
        &self,
        pdf: &[u8],
        at: &Moment,
        seal: Option<Png>,
        notices: &mut Vec<String>,
    ) -> Result<Option<Visible>, Failure> {
        let Moment {
            role,
            chain,
            time,
            fonts,
            heading,
        } = *at;
        if role == Role::Signer {
            notices.push(
                "tệp PDF không do ứng dụng dàn trang: chữ ký số của người ký không kèm hình (hãy ký từ tệp .docx hoặc .json của văn bản)"
                    .into(),
            );
            return Ok(None);
        }
        if let Some((page, rect)) = pades::last_visible(pdf, SIGNER_FIELD) {
            let Some(seal) = seal else {
                notices.push("chưa có ảnh con dấu: chữ ký số của cơ quan không kèm hình".into());
                return Ok(None);
            };
            return Ok(Some(seal_over(&seal, page, rect, fonts)?));
        }
        let (page_width, page_height) = pades::page_size(pdf, 0).unwrap_or((595.3, 841.9));
        let (width, height, right, top) = BOX;
        let office = pades::certificate_organisation(chain.first().map_or(&[][..], |c| c))
            .or_else(|| self.profile.as_ref().map(|p| p.name.clone()))
            .unwrap_or_default();
        let mut lines = Vec::new();
        if let Some(first) = heading
            .map(str::to_string)
            .or_else(|| number_and_symbol(pdf))
        {
            lines.push(first);
        }
        lines.push(office);
        lines.push(time.format("%Y-%m-%dT%H:%M:%S%:z").to_string());
        let stamp = render::pdf::text_box_pdf(&lines, width, height, 10.0, fonts)?;
        let left = page_width - right - width;
        let bottom = page_height - top - height;
        Ok(Some(Visible {
            page: 0,
            rect: [left, bottom, left + width, bottom + height],
            stamp,
        }))
    }

    /// The PKCS#11 module of the office's token, as the clerk picked it (kept in the
    /// profile).
    pub fn pkcs11_module(&self) -> Option<PathBuf> {
        self.profile()
            .ok()
            .and_then(|p| p.pkcs11_module)
            .filter(|m| !m.trim().is_empty())
            .map(PathBuf::from)
    }

    /// How signing goes on this PC.
    pub fn signing_setup(&self) -> SigningSetup {
        SigningSetup {
            store: cfg!(windows),
            module: self
                .pkcs11_module()
                .map(|m| m.to_string_lossy().into_owned()),
        }
    }

    /// Keeps `module` as the office's PKCS#11 module, once it loads as one; gives its path.
    pub fn set_pkcs11_module(&mut self, module: &Path) -> Result<String, Failure> {
        // Saving it into the example office would make the example the office's own.
        if self.profile_is_example()? {
            return Err(Failure::refused(
                "pkcs11",
                "hãy nhập hồ sơ đơn vị (Hồ sơ đơn vị) trước khi chọn token",
            ));
        }
        super::pkcs11::Pkcs11::check_module(module)?;
        let mut profile = self.profile()?;
        let path = module.to_string_lossy().into_owned();
        profile.pkcs11_module = Some(path.clone());
        self.save_profile(&profile)?;
        Ok(path)
    }

    /// Signs an issued `letter` as `role` with the office's token (`token_signer`, logged
    /// in with `pin` where the app must), written to `output`: the window's Ký số.
    pub fn sign_with_token(
        &self,
        letter: &crate::model::Letter,
        output: &Path,
        role: Role,
        pin: &str,
    ) -> Result<SignedFile, Failure> {
        let mut signer = self.token_signer(pin, None)?;
        self.sign_letter(letter, output, role, &mut *signer)
    }

    /// What signs in the window: on Windows the certificate store (the token's driver asks
    /// for the PIN), elsewhere the token through the module in the profile, logged in with
    /// `pin`; `token` picks one of several tokens by label.
    pub fn token_signer(&self, pin: &str, token: Option<&str>) -> Result<Box<dyn Signer>, Failure> {
        #[cfg(windows)]
        {
            let _ = (pin, token);
            Ok(Box::new(super::certstore::CertStore::open(None)?))
        }
        #[cfg(not(windows))]
        {
            let Some(module) = self.pkcs11_module() else {
                return Err(Failure::refused(
                    "pkcs11",
                    "chưa chọn thư viện PKCS#11 của token: bấm \"Chọn thư viện của token…\" (tệp .so trong thư mục cài phần mềm của nhà cung cấp chữ ký số)",
                ));
            };
            Ok(Box::new(super::pkcs11::Pkcs11::open(
                &module, token, None, pin,
            )?))
        }
    }

    /// Signs an issued `letter` as `role`: its PDF, laid out in-process, with the signer's
    /// image or the seal in its room for the signature, written to `output`.
    pub fn sign_letter(
        &self,
        letter: &crate::model::Letter,
        output: &Path,
        role: Role,
        signer: &mut dyn Signer,
    ) -> Result<SignedFile, Failure> {
        if letter.number.is_none() {
            return Err(Failure::refused(
                "number",
                "chỉ ký số công văn đã cấp số: bấm Cấp số… trước",
            ));
        }
        let fonts = self.pdf_fonts()?;
        let mut notices = Vec::new();
        let chain = signer.chain().map_err(Failure::from)?;
        let time = self.signing_time();
        let (pdf, visible) =
            self.letter_pdf(letter, role, &ImageSource::Kept, &fonts, &mut notices)?;
        self.sign_pdf(
            Path::new("công văn"),
            pdf,
            visible,
            role,
            chain,
            time,
            signer,
            output,
            notices,
        )
    }
}

/// "Số: 12/KH-LĐLĐ" as the reader finds it in the PDF's text, when it does.
fn number_and_symbol(pdf: &[u8]) -> Option<String> {
    let text = crate::read::import::text("tệp.pdf", pdf).ok()?;
    let directive = crate::read::parse::parse(&text);
    Some(format!("Số: {}/{}", directive.number?, directive.symbol?))
}

/// Who signs, with which chain, when, and the fonts of what the signature shows.
#[derive(Clone, Copy)]
struct Moment<'a> {
    role: Role,
    chain: &'a [Vec<u8>],
    time: DateTime<FixedOffset>,
    fonts: &'a Fonts,
    heading: Option<&'a str>,
}

/// The signer's image, or the seal, in the room for the signature of a letter's PDF.
fn visible_in_room(
    doc: &Document,
    images: &Images,
    role: Role,
    fonts: &Fonts,
    notices: &mut Vec<String>,
) -> Result<Option<Visible>, Failure> {
    let Some(room) = render::pdf::signature_room(doc, fonts) else {
        return Ok(None);
    };
    let placed = images.place(crate::layout::SIGN_RIGHT, crate::layout::SIGNATURE_GAP);
    let wanted = match role {
        Role::Signer => "chu-ky",
        Role::Office => "con-dau",
    };
    let Some(image) = placed.iter().find(|p| p.name == wanted) else {
        notices.push(match role {
            Role::Signer => "chưa có ảnh chữ ký của người ký: chữ ký số không kèm hình".into(),
            Role::Office => "chưa có ảnh con dấu: chữ ký số của cơ quan không kèm hình".into(),
        });
        return Ok(None);
    };
    let rect = room.rect(image);
    let stamp = render::pdf::picture_pdf(
        image.png.bytes(),
        rect[2] - rect[0],
        rect[3] - rect[1],
        fonts,
    )?;
    Ok(Some(Visible {
        page: room.page,
        rect,
        stamp,
    }))
}

/// The seal at its real size, on the line of the signature at `rect`, its right edge a third
/// of the way into it (ND30 PL-I II.8.a).
fn seal_over(seal: &Png, page: usize, rect: [f32; 4], fonts: &Fonts) -> Result<Visible, Failure> {
    let width = crate::layout::SEAL_WIDTH as f32 / 20.0;
    let (w, h) = seal.pixels();
    let height = width * h as f32 / w.max(1) as f32;
    let right = rect[0] + (rect[2] - rect[0]) / 3.0;
    let middle = (rect[1] + rect[3]) / 2.0;
    let rect = [
        right - width,
        middle - height / 2.0,
        right,
        middle + height / 2.0,
    ];
    let stamp = render::pdf::picture_pdf(seal.bytes(), width, height, fonts)?;
    Ok(Visible { page, rect, stamp })
}
