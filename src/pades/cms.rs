//! The CMS inside a PAdES signature (RFC 5652, ETSI EN 319 122-1 baseline B-B): the signed
//! attributes (content type, message digest, the signer's certificate by its hash), the
//! SignedData around the signature, and the certificates read from it.

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use der::asn1::{ObjectIdentifier, OctetString, SetOfVec};
use der::{Any, Decode, Encode, Sequence, Tag, Tagged as _};
use sha2::{Digest, Sha256};
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{KeyUsage, KeyUsages};
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::AlgorithmIdentifierOwned;

use crate::error::Error;

pub(crate) const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
pub(crate) const ID_SIGNED_DATA: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
pub(crate) const CONTENT_TYPE: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
pub(crate) const MESSAGE_DIGEST: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
pub(crate) const SIGNING_TIME: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.5");
const SIGNING_CERTIFICATE_V2: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");
pub(crate) const SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
pub(crate) const SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2");
pub(crate) const SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3");
pub(crate) const SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.14.3.2.26");
pub(crate) const RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const COMMON_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
const ORGANISATION: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.10");
const KEY_USAGE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.15");

/// A certificate, read.
#[derive(Debug, Clone)]
pub(crate) struct Certificate {
    pub(crate) der: Vec<u8>,
    pub(crate) x509: x509_cert::Certificate,
}

impl Certificate {
    /// Reads a DER certificate.
    pub(crate) fn read(der: &[u8]) -> Result<Certificate, Error> {
        let x509 = x509_cert::Certificate::from_der(der)
            .map_err(|e| Error::Sign(format!("chứng thư số hỏng ({e})")))?;
        Ok(Certificate {
            der: der.to_vec(),
            x509,
        })
    }

    /// The subject's common name (CN), or the whole name when it has none.
    pub(crate) fn common_name(&self) -> String {
        name_part(&self.x509.tbs_certificate.subject, COMMON_NAME)
            .unwrap_or_else(|| self.x509.tbs_certificate.subject.to_string())
    }

    /// The subject's organisation (O).
    pub(crate) fn organisation(&self) -> Option<String> {
        name_part(&self.x509.tbs_certificate.subject, ORGANISATION)
    }

    /// When it starts and stops being valid.
    pub(crate) fn validity(&self) -> (DateTime<Utc>, DateTime<Utc>) {
        let v = &self.x509.tbs_certificate.validity;
        let at = |t: x509_cert::time::Time| {
            Utc.timestamp_opt(t.to_unix_duration().as_secs() as i64, 0)
                .single()
                .unwrap_or_default()
        };
        (at(v.not_before), at(v.not_after))
    }

    /// Refuses a certificate that is not valid at `time`, or whose key usage does not allow
    /// signing documents (digitalSignature or nonRepudiation).
    pub(crate) fn may_sign(&self, time: DateTime<FixedOffset>) -> Result<(), Error> {
        let (from, to) = self.validity();
        let day = |t: DateTime<Utc>| {
            t.with_timezone(&time.timezone())
                .format("%d/%m/%Y")
                .to_string()
        };
        let who = self.common_name();
        if time < from {
            return Err(Error::Sign(format!(
                "chứng thư số của {who} chỉ có hiệu lực từ ngày {}",
                day(from)
            )));
        }
        if time > to {
            return Err(Error::Sign(format!(
                "chứng thư số của {who} đã hết hạn ngày {}: hãy gia hạn với nhà cung cấp chữ ký số",
                day(to)
            )));
        }
        if !self.signs_documents() {
            return Err(Error::Sign(format!(
                "chứng thư số của {who} không được dùng để ký văn bản (thiếu mục đích ký số)"
            )));
        }
        Ok(())
    }

    /// True unless a key usage extension leaves out both signing usages.
    pub(crate) fn signs_documents(&self) -> bool {
        let extensions = self
            .x509
            .tbs_certificate
            .extensions
            .as_deref()
            .unwrap_or(&[]);
        let Some(ext) = extensions.iter().find(|e| e.extn_id == KEY_USAGE) else {
            return true;
        };
        match KeyUsage::from_der(ext.extn_value.as_bytes()) {
            Ok(usage) => {
                usage.0.contains(KeyUsages::DigitalSignature)
                    || usage.0.contains(KeyUsages::NonRepudiation)
            }
            Err(_) => false,
        }
    }

    /// Whether `other` issued this certificate: same name, and its key verifies the
    /// signature on this one.
    pub(crate) fn issued_by(&self, other: &Certificate) -> bool {
        if self.x509.tbs_certificate.issuer != other.x509.tbs_certificate.subject {
            return false;
        }
        let Ok(tbs) = self.x509.tbs_certificate.to_der() else {
            return false;
        };
        let Some(hash) = HashKind::of_signature(&self.x509.signature_algorithm.oid) else {
            return false;
        };
        let Some(signature) = self.x509.signature.as_bytes() else {
            return false;
        };
        other.verifies(hash, &hash.digest(&[&tbs]), signature)
    }

    /// Whether this certificate's RSA key made `signature` over a message whose `hash`
    /// digest is `digest`.
    pub(crate) fn verifies(&self, hash: HashKind, digest: &[u8], signature: &[u8]) -> bool {
        use rsa::pkcs8::DecodePublicKey;
        let Ok(spki) = self.x509.tbs_certificate.subject_public_key_info.to_der() else {
            return false;
        };
        let Ok(key) = rsa::RsaPublicKey::from_public_key_der(&spki) else {
            return false;
        };
        let scheme = match hash {
            HashKind::Sha1 => rsa::Pkcs1v15Sign::new::<sha1::Sha1>(),
            HashKind::Sha256 => rsa::Pkcs1v15Sign::new::<rsa::sha2::Sha256>(),
            HashKind::Sha384 => rsa::Pkcs1v15Sign::new::<rsa::sha2::Sha384>(),
            HashKind::Sha512 => rsa::Pkcs1v15Sign::new::<rsa::sha2::Sha512>(),
        };
        key.verify(scheme, digest, signature).is_ok()
    }

    /// True when its key is RSA, the one kind of key this module verifies.
    pub(crate) fn is_rsa(&self) -> bool {
        self.x509
            .tbs_certificate
            .subject_public_key_info
            .algorithm
            .oid
            == RSA
    }
}

/// The hash functions a received signature may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HashKind {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

impl HashKind {
    /// The hash of a digest algorithm identifier.
    pub(crate) fn of_digest(oid: &ObjectIdentifier) -> Option<HashKind> {
        match *oid {
            SHA1 => Some(HashKind::Sha1),
            SHA256 => Some(HashKind::Sha256),
            SHA384 => Some(HashKind::Sha384),
            SHA512 => Some(HashKind::Sha512),
            _ => None,
        }
    }

    /// The hash of an RSA signature algorithm identifier (shaXWithRSAEncryption).
    pub(crate) fn of_signature(oid: &ObjectIdentifier) -> Option<HashKind> {
        match oid.to_string().as_str() {
            "1.2.840.113549.1.1.5" => Some(HashKind::Sha1),
            "1.2.840.113549.1.1.11" => Some(HashKind::Sha256),
            "1.2.840.113549.1.1.12" => Some(HashKind::Sha384),
            "1.2.840.113549.1.1.13" => Some(HashKind::Sha512),
            _ => None,
        }
    }

    /// The digest of the concatenated `parts`.
    pub(crate) fn digest(self, parts: &[&[u8]]) -> Vec<u8> {
        fn run<D: Digest>(parts: &[&[u8]]) -> Vec<u8> {
            let mut d = D::new();
            for p in parts {
                d.update(p);
            }
            d.finalize().to_vec()
        }
        match self {
            HashKind::Sha1 => {
                // SHA-1 is another generation of the digest traits than sha2's.
                use sha1::Digest as _;
                let mut d = sha1::Sha1::new();
                for p in parts {
                    d.update(p);
                }
                d.finalize().to_vec()
            }
            HashKind::Sha256 => run::<Sha256>(parts),
            HashKind::Sha384 => run::<sha2::Sha384>(parts),
            HashKind::Sha512 => run::<sha2::Sha512>(parts),
        }
    }
}

/// The first value of the attribute `oid` in a name, as text.
fn name_part(name: &x509_cert::name::Name, oid: ObjectIdentifier) -> Option<String> {
    name.0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .find(|atv| atv.oid == oid)
        .and_then(|atv| text_of(&atv.value))
}

/// The text of a directory string (UTF8String, PrintableString, BMPString, and the others).
pub(crate) fn text_of(value: &Any) -> Option<String> {
    let bytes = value.value();
    match value.tag() {
        Tag::Utf8String => String::from_utf8(bytes.to_vec()).ok(),
        Tag::BmpString => {
            let units: Vec<u16> = bytes
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16(&units).ok()
        }
        Tag::PrintableString | Tag::Ia5String | Tag::TeletexString | Tag::VisibleString => {
            Some(bytes.iter().map(|&b| b as char).collect())
        }
        _ => None,
    }
}

/// ESSCertIDv2 with SHA-256 (the default hash, left out as DER wants).
#[derive(Sequence)]
struct EssCertIdV2 {
    cert_hash: OctetString,
    issuer_serial: IssuerSerial,
}

/// IssuerSerial of RFC 5035: the issuer as a directory name, and the serial number.
#[derive(Sequence)]
struct IssuerSerial {
    issuer: Vec<GeneralName>,
    serial_number: SerialNumber,
}

/// SigningCertificateV2 of RFC 5035, with one certificate and no policies.
#[derive(Sequence)]
struct SigningCertificateV2 {
    certs: Vec<EssCertIdV2>,
}

fn sign_error(e: der::Error) -> Error {
    Error::Sign(format!("không tạo được cấu trúc chữ ký ({e})"))
}

/// The signed attributes of a PAdES B-B signature over bytes whose SHA-256 is `digest`, by
/// the certificate `leaf` (DER), encoded as the SET the key signs. No signing-time
/// attribute: in PAdES the time is the signature dictionary's `/M`.
pub(crate) fn signed_attributes(digest: &[u8], leaf: &[u8]) -> Result<Vec<u8>, Error> {
    attributes(digest, leaf)?.to_der().map_err(sign_error)
}

fn any<T: der::EncodeValue + der::Tagged>(value: &T) -> Result<Any, Error> {
    Any::encode_from(value).map_err(sign_error)
}

fn attributes(digest: &[u8], leaf: &[u8]) -> Result<SetOfVec<Attribute>, Error> {
    let cert = Certificate::read(leaf)?;
    let attribute = |oid, value: Any| -> Result<Attribute, Error> {
        Ok(Attribute {
            oid,
            values: SetOfVec::try_from(vec![value]).map_err(sign_error)?,
        })
    };
    let essv2 = SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            cert_hash: OctetString::new(Sha256::digest(leaf).to_vec()).map_err(sign_error)?,
            issuer_serial: IssuerSerial {
                issuer: vec![GeneralName::DirectoryName(
                    cert.x509.tbs_certificate.issuer.clone(),
                )],
                serial_number: cert.x509.tbs_certificate.serial_number.clone(),
            },
        }],
    };
    SetOfVec::try_from(vec![
        attribute(CONTENT_TYPE, any(&ID_DATA)?)?,
        attribute(
            MESSAGE_DIGEST,
            any(&OctetString::new(digest.to_vec()).map_err(sign_error)?)?,
        )?,
        attribute(SIGNING_CERTIFICATE_V2, any(&essv2)?)?,
    ])
    .map_err(sign_error)
}

/// The CMS ContentInfo (DER) of a detached SignedData: the signed attributes (as
/// `signed_attributes` encoded them), the RSA signature over them, and the chain.
pub(crate) fn signed_data(
    signed_attributes: &[u8],
    signature: &[u8],
    chain: &[Vec<u8>],
) -> Result<Vec<u8>, Error> {
    let attrs = SetOfVec::<Attribute>::from_der(signed_attributes).map_err(sign_error)?;
    let leaf = Certificate::read(&chain[0])?;
    let algorithm = |oid| AlgorithmIdentifierOwned {
        oid,
        parameters: None,
    };
    let mut certificates = Vec::new();
    for der in chain {
        certificates.push(CertificateChoices::Certificate(
            Certificate::read(der)?.x509,
        ));
    }
    let info = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: leaf.x509.tbs_certificate.issuer.clone(),
            serial_number: leaf.x509.tbs_certificate.serial_number.clone(),
        }),
        digest_alg: algorithm(SHA256),
        signed_attrs: Some(attrs),
        signature_algorithm: AlgorithmIdentifierOwned {
            oid: RSA,
            parameters: Some(Any::null()),
        },
        signature: OctetString::new(signature.to_vec()).map_err(sign_error)?,
        unsigned_attrs: None,
    };
    let data = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: SetOfVec::try_from(vec![algorithm(SHA256)]).map_err(sign_error)?,
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: ID_DATA,
            econtent: None,
        },
        certificates: Some(CertificateSet(
            SetOfVec::try_from(certificates).map_err(sign_error)?,
        )),
        crls: None,
        signer_infos: SignerInfos(SetOfVec::try_from(vec![info]).map_err(sign_error)?),
    };
    ContentInfo {
        content_type: ID_SIGNED_DATA,
        content: Any::encode_from(&data).map_err(sign_error)?,
    }
    .to_der()
    .map_err(sign_error)
}

/// A SignedData read from a signature's `/Contents`, which is padded with zeros after the
/// DER: only the DER's own length is read.
pub(crate) fn read_signed_data(contents: &[u8]) -> Result<SignedData, String> {
    let len = der_length(contents).ok_or("chữ ký không phải cấu trúc CMS")?;
    let info = ContentInfo::from_der(&contents[..len]).map_err(|e| format!("chữ ký hỏng ({e})"))?;
    if info.content_type != ID_SIGNED_DATA {
        return Err("chữ ký không phải SignedData".into());
    }
    info.content
        .decode_as::<SignedData>()
        .map_err(|e| format!("chữ ký hỏng ({e})"))
}

/// The length of the DER element at the start of `bytes`, header included.
fn der_length(bytes: &[u8]) -> Option<usize> {
    let first = *bytes.get(1)?;
    let (len, header) = if first < 0x80 {
        (first as usize, 2)
    } else {
        let n = (first & 0x7f) as usize;
        if n == 0 || n > 4 {
            return None;
        }
        let mut len = 0usize;
        for i in 0..n {
            len = len << 8 | *bytes.get(2 + i)? as usize;
        }
        (len, 2 + n)
    };
    let total = header.checked_add(len)?;
    (total <= bytes.len()).then_some(total)
}

/// The certificates a SignedData carries.
pub(crate) fn certificates(data: &SignedData) -> Vec<Certificate> {
    let Some(set) = &data.certificates else {
        return Vec::new();
    };
    set.0
        .iter()
        .filter_map(|c| match c {
            CertificateChoices::Certificate(x509) => Some(x509.clone()),
            _ => None,
        })
        .filter_map(|x509| {
            let der = x509.to_der().ok()?;
            Some(Certificate { der, x509 })
        })
        .collect()
}

/// Whether `cert` is the one a signer identifier names.
pub(crate) fn identifies(sid: &SignerIdentifier, cert: &Certificate) -> bool {
    let tbs = &cert.x509.tbs_certificate;
    match sid {
        SignerIdentifier::IssuerAndSerialNumber(id) => {
            id.issuer == tbs.issuer && id.serial_number == tbs.serial_number
        }
        SignerIdentifier::SubjectKeyIdentifier(ski) => {
            let key = tbs.subject_public_key_info.subject_public_key.raw_bytes();
            // RFC 5280's method 1: the SHA-1 of the key; also compared with the extension.
            let ours = HashKind::Sha1.digest(&[key]);
            ski.0.as_bytes() == ours.as_slice()
                || tbs.extensions.as_deref().unwrap_or(&[]).iter().any(|e| {
                    e.extn_id == ObjectIdentifier::new_unwrap("2.5.29.14")
                        && OctetString::from_der(e.extn_value.as_bytes())
                            .is_ok_and(|o| o.as_bytes() == ski.0.as_bytes())
                })
        }
    }
}

/// The signing-time attribute of signed attributes, when a signer put one there.
pub(crate) fn signing_time(attrs: &SetOfVec<Attribute>) -> Option<DateTime<Utc>> {
    let value = attrs
        .iter()
        .find(|a| a.oid == SIGNING_TIME)?
        .values
        .get(0)?;
    let time = x509_cert::time::Time::from_der(&value.to_der().ok()?).ok()?;
    Utc.timestamp_opt(time.to_unix_duration().as_secs() as i64, 0)
        .single()
}

/// The message digest the signer signed.
pub(crate) fn message_digest(attrs: &SetOfVec<Attribute>) -> Option<Vec<u8>> {
    let value = attrs
        .iter()
        .find(|a| a.oid == MESSAGE_DIGEST)?
        .values
        .get(0)?;
    Some(value.decode_as::<OctetString>().ok()?.as_bytes().to_vec())
}
