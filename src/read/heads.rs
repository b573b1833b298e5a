//! The heads bodies' names start with ("ỦY BAN NHÂN DÂN", "SỞ", "BAN"): where a header's
//! body starts, for the reader and for the mending of a scan's header lines. Depends on
//! nothing else.

/// The words a body's name starts with, folded, and how the header prints them; a
/// header line that starts with one begins a new body.
pub(crate) const HEADS: &[(&str, &str)] = &[
    ("tong lien doan lao dong", "TỔNG LIÊN ĐOÀN LAO ĐỘNG"),
    ("lien doan lao dong", "LIÊN ĐOÀN LAO ĐỘNG"),
    ("uy ban nhan dan", "ỦY BAN NHÂN DÂN"),
    ("uy ban mat tran", "ỦY BAN MẶT TRẬN"),
    ("uy ban", "ỦY BAN"),
    ("hoi dong nhan dan", "HỘI ĐỒNG NHÂN DÂN"),
    ("hoi dong", "HỘI ĐỒNG"),
    ("cong doan", "CÔNG ĐOÀN"),
    ("tieu ban", "TIỂU BAN"),
    ("ban", "BAN"),
    ("so", "SỞ"),
    ("phong", "PHÒNG"),
    ("van phong", "VĂN PHÒNG"),
    ("tong cuc", "TỔNG CỤC"),
    ("tong cong ty", "TỔNG CÔNG TY"),
    ("chi cuc", "CHI CỤC"),
    ("cuc", "CỤC"),
    ("bo", "BỘ"),
    ("vu", "VỤ"),
    ("vien", "VIỆN"),
    ("hoc vien", "HỌC VIỆN"),
    ("truong", "TRƯỜNG"),
    ("dai hoc", "ĐẠI HỌC"),
    ("benh vien", "BỆNH VIỆN"),
    ("trung tam", "TRUNG TÂM"),
    ("chinh phu", "CHÍNH PHỦ"),
    ("thu tuong", "THỦ TƯỚNG"),
    ("quoc hoi", "QUỐC HỘI"),
    ("hoi", "HỘI"),
    ("dang bo", "ĐẢNG BỘ"),
    ("dang uy", "ĐẢNG ỦY"),
    ("dang doan", "ĐẢNG ĐOÀN"),
    ("chi bo", "CHI BỘ"),
    ("tinh uy", "TỈNH ỦY"),
    ("thanh uy", "THÀNH ỦY"),
    ("huyen uy", "HUYỆN ỦY"),
    ("quan uy", "QUẬN ỦY"),
    ("thi uy", "THỊ ỦY"),
    ("tinh doan", "TỈNH ĐOÀN"),
    ("thanh doan", "THÀNH ĐOÀN"),
    ("huyen doan", "HUYỆN ĐOÀN"),
    ("doan thanh nien", "ĐOÀN THANH NIÊN"),
    ("cong ty", "CÔNG TY"),
    ("tap doan", "TẬP ĐOÀN"),
    ("ngan hang", "NGÂN HÀNG"),
    ("kho bac", "KHO BẠC"),
    ("bao hiem", "BẢO HIỂM"),
    ("cong an", "CÔNG AN"),
    ("toa an", "TÒA ÁN"),
    ("vien kiem sat", "VIỆN KIỂM SÁT"),
    ("thanh tra", "THANH TRA"),
    ("kiem toan", "KIỂM TOÁN"),
    ("ubnd", "UBND"),
    ("hdnd", "HĐND"),
    ("ldld", "LĐLĐ"),
    ("ubmttq", "UBMTTQ"),
];

/// Where a body's name starts in a folded line: the head it starts with.
pub(crate) fn head_of(f: &str) -> Option<&'static str> {
    let f = f.trim_start_matches(['-', '*', ' ']);
    HEADS.iter().map(|(h, _)| *h).find(|h| {
        f.starts_with(h)
            && f[h.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}
