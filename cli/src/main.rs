//! The `congvan` command-line tool: the desk's workflows over files, for tests and batch
//! use. Exit status: 0 done, 1 the input is bad (one line says what and where), 2 usage.
//! The arguments are read by clap, with Vietnamese help and messages.

// The tool reads its arguments and the environment (clippy.toml).
#![allow(clippy::disallowed_methods)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{anyhow, Result};
use chrono::NaiveDate;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use congvan::desk::names::summary;
use congvan::desk::server;
use congvan::desk::{
    has_errors, Book, Clerk, CopyOptions, Desk, DocKind, DraftOptions, Filter, Finding,
    ImageSource, Issued, Kind, Order, Output, Pkcs11, Role, Server, Severity, SignOrder, Signer,
    Size,
};

/// Soạn, cấp số và sao văn bản theo Nghị định 30/2020 từ dòng lệnh.
#[derive(Parser)]
#[command(
    name = "congvan",
    after_help = "Mỗi lệnh có hướng dẫn riêng, ví dụ: congvan render --help, congvan issue --help.\n\
                  CSDL mặc định là của ứng dụng (hoặc $CONGVAN_DATA_DIR/congvan.db)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Đọc văn bản cấp trên (.txt, .md, .docx, .pdf): loại, số, ký hiệu, ngày, trích yếu,
    /// văn bản căn cứ, nơi nhận, người ký, và những gì chưa đọc được.
    Parse {
        /// Văn bản cấp trên.
        #[arg(value_name = "TỆP")]
        input: PathBuf,
        /// In kết quả dạng JSON.
        #[arg(long)]
        json: bool,
    },
    /// Soạn công văn triển khai văn bản cấp trên theo hồ sơ đơn vị và mẫu, kiểm tra rồi
    /// xuất .docx. Ngày để trống đến khi ký, trừ khi có --dated.
    Forward {
        /// Văn bản cấp trên.
        #[arg(value_name = "CẤP_TRÊN")]
        input: PathBuf,
        /// Tệp .docx xuất ra.
        #[arg(short = 'o', long = "output", value_name = "OUT.docx")]
        output: PathBuf,
        /// Hồ sơ đơn vị (TOML); mặc định: hồ sơ mẫu.
        #[arg(long, value_name = "P.toml")]
        profile: Option<PathBuf>,
        /// Mẫu: cong-van-trien-khai (mặc định), ke-hoach, phuc-dap, bao-cao, thong-bao,
        /// giay-moi, cong-van, hoặc một tệp .hbs.
        #[arg(long, value_name = "MẪU", default_value = "cong-van-trien-khai")]
        template: String,
        /// Ngày soạn thay cho hôm nay.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
        today: Option<NaiveDate>,
        /// Ghi ngày hôm nay vào dòng ngày tháng ngay khi soạn.
        #[arg(long)]
        dated: bool,
        /// In công văn, chỗ cần điền và lỗi thể thức dạng JSON.
        #[arg(long)]
        json: bool,
    },
    /// Xuất công văn (JSON) ra .docx theo Nghị định 30/2020, và bản xem trước HTML nếu cần.
    Render {
        /// Công văn (JSON).
        #[arg(value_name = "CÔNG_VĂN.json")]
        input: PathBuf,
        /// Tệp .docx xuất ra.
        #[arg(short = 'o', long = "output", value_name = "OUT.docx")]
        output: PathBuf,
        /// Bản xem trước HTML (khổ A4).
        #[arg(long, value_name = "OUT.html")]
        html: Option<PathBuf>,
    },
    /// Tạo bản PDF của công văn do ứng dụng soạn, ngay trong ứng dụng (không cần
    /// LibreOffice): từ công văn (JSON) hoặc tệp .docx ứng dụng đã xuất và chưa bị sửa.
    Pdf {
        /// Công văn (JSON) hoặc tệp .docx ứng dụng đã xuất.
        #[arg(value_name = "CÔNG_VĂN.docx")]
        input: PathBuf,
        /// Tệp PDF xuất ra.
        #[arg(short = 'o', long = "output", value_name = "OUT.pdf")]
        output: PathBuf,
    },
    /// Ký số (PAdES) tệp PDF, hoặc công văn do ứng dụng soạn (JSON, .docx chưa bị sửa) thì
    /// dựng PDF rồi ký, bằng token qua thư viện PKCS#11; tệp gốc giữ nguyên.
    Sign {
        /// Tệp PDF, hoặc công văn (JSON) hay tệp .docx ứng dụng đã xuất.
        #[arg(value_name = "TỆP.pdf")]
        input: PathBuf,
        /// Tệp PDF đã ký ghi ra.
        #[arg(short = 'o', long = "output", value_name = "ĐÃ_KÝ.pdf")]
        output: PathBuf,
        /// Thư viện PKCS#11 của token; mặc định là thư viện đã chọn trong hồ sơ đơn vị.
        #[arg(long, value_name = "THƯ_VIỆN")]
        pkcs11: Option<PathBuf>,
        /// Tên biến môi trường chứa mã PIN (mã PIN không ghi trên dòng lệnh). Trên Windows,
        /// không có --pkcs11 thì ký bằng kho chứng thư của Windows và trình điều khiển token
        /// tự hỏi mã PIN.
        #[arg(long = "pin-env", value_name = "BIẾN")]
        pin_env: Option<String>,
        /// Nhãn token, khi cắm nhiều token.
        #[arg(long, value_name = "NHÃN")]
        token: Option<String>,
        /// Nhãn khóa, khi token có nhiều khóa.
        #[arg(long, value_name = "NHÃN")]
        key: Option<String>,
        /// Ký với tư cách: office (văn thư ký số của cơ quan, kèm con dấu) hoặc signer
        /// (người có thẩm quyền ký, kèm ảnh chữ ký).
        #[arg(long = "as", value_name = "AI", default_value = "office", value_parser = role)]
        role: Role,
        /// Cơ sở dữ liệu (ảnh chữ ký, con dấu, chứng thư gốc tin cậy); mặc định là của ứng dụng.
        #[arg(long, value_name = "CSDL")]
        db: Option<PathBuf>,
        #[command(flatten)]
        images: ImageFiles,
        /// Bản sao điện tử: hình thức sao in ở dòng đầu ô chữ ký của cơ quan (ví dụ "SAO Y").
        #[arg(
            long = "copy-form",
            value_name = "HÌNH_THỨC",
            conflicts_with = "attached_to"
        )]
        copy_form: Option<String>,
        /// Phụ lục kèm theo văn bản khác: số và ký hiệu của văn bản đó, in ở dòng đầu ô chữ ký
        /// của cơ quan.
        #[arg(long = "attached-to", value_name = "SỐ/KÝ_HIỆU")]
        attached_to: Option<String>,
        /// In các chữ ký của tệp đã ký dạng JSON.
        #[arg(long)]
        json: bool,
    },
    /// Kiểm tra chữ ký số của tệp PDF: ai ký, lúc nào, còn nguyên vẹn không, có phủ cả tệp
    /// không, có dẫn tới chứng thư gốc tin cậy không; thoát với mã 1 nếu chữ ký nào hỏng.
    Verify {
        /// Tệp PDF.
        #[arg(value_name = "TỆP.pdf")]
        input: PathBuf,
        /// Chứng thư gốc tin cậy thêm cho lần kiểm tra này (.pem, .cer); lặp lại được.
        #[arg(long, value_name = "CA.pem")]
        trust: Vec<PathBuf>,
        /// Cơ sở dữ liệu (chứng thư gốc văn thư đã tin cậy); mặc định là của ứng dụng.
        #[arg(long, value_name = "CSDL")]
        db: Option<PathBuf>,
        /// In kết quả dạng JSON.
        #[arg(long)]
        json: bool,
    },
    /// Tin cậy chứng thư gốc của một nhà cung cấp chữ ký số (tệp .pem, .cer văn thư được
    /// cấp; ứng dụng không tự tải về).
    Trust {
        /// Tệp chứng thư gốc.
        #[arg(value_name = "CA.pem")]
        input: PathBuf,
        /// Cơ sở dữ liệu: tệp, hoặc sổ trên máy chủ postgres://NGƯỜI_DÙNG@MÁY:CỔNG/TÊN; mặc định là của ứng dụng.
        #[arg(long, value_name = "CSDL")]
        db: Option<PathBuf>,
    },
    /// Kiểm tra thể thức của công văn (JSON) hoặc tệp .docx; thoát với mã 1 nếu có lỗi.
    Check {
        /// Công văn (JSON) hoặc tệp .docx.
        #[arg(value_name = "TỆP")]
        input: PathBuf,
        /// In các điểm phát hiện dạng JSON.
        #[arg(long)]
        json: bool,
    },
    /// Cấp số khi lãnh đạo đã ký: lấy số tiếp theo của sổ văn bản đi trong năm, điền số và
    /// ngày ký, ghi vào sổ, xuất bản đã ký (.docx, và PDF khi có --pdf).
    Issue {
        /// Công văn (JSON) đã ký, chưa có số.
        #[arg(value_name = "CÔNG_VĂN.json")]
        input: PathBuf,
        /// Ngày lãnh đạo ký.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
        signed_on: NaiveDate,
        /// Tệp .docx xuất ra.
        #[arg(short = 'o', long = "output", value_name = "OUT.docx")]
        output: PathBuf,
        /// Mỗi nơi nhận một bản và một bản lưu.
        #[arg(long)]
        copies: bool,
        /// Ghi tên nơi nhận trên bản của nơi đó.
        #[arg(long)]
        mark: bool,
        /// Ký hiệu người soạn thảo, thêm cùng số lượng bản vào dòng Lưu.
        #[arg(long, value_name = "MÃ")]
        drafter: Option<String>,
        /// Văn bản đến mà công văn này trả lời (năm/số đến, ví dụ 2024/01): nối hai sổ và
        /// đóng các thời hạn của văn bản đó.
        #[arg(long, value_name = "NĂM/SỐ_ĐẾN", value_parser = year_number)]
        answers: Option<(i32, u32)>,
        #[command(flatten)]
        issuing: Issuing,
    },
    /// Sao y văn bản nhận được (.docx): lấy số tiếp theo của sổ bản sao (…/SY-…), ghi vào
    /// sổ, rồi viết phần sao y (SAO Y, tên đơn vị, số, ngày, người ký, nơi nhận) ngay sau
    /// văn bản, dưới một đường kẻ suốt chiều ngang.
    #[command(name = "sao-y")]
    Copy {
        /// Văn bản nhận được (.docx).
        #[arg(value_name = "NHẬN.docx")]
        input: PathBuf,
        /// Ngày ký bản sao.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
        signed_on: NaiveDate,
        /// Tệp .docx xuất ra.
        #[arg(short = 'o', long = "output", value_name = "OUT.docx")]
        output: PathBuf,
        /// Nơi nhận của bản sao, mỗi nơi một --to.
        #[arg(long = "to", value_name = "NƠI_NHẬN", required = true)]
        to: Vec<String>,
        /// Bản sao lục thay cho bản sao y.
        #[arg(long)]
        sao_luc: bool,
        /// Người ký thứ N của hồ sơ đơn vị.
        #[arg(long, value_name = "N", default_value_t = 1, value_parser = ordinal)]
        signer: usize,
        #[command(flatten)]
        issuing: Issuing,
    },
    /// Vào sổ văn bản đến: đọc văn bản nhận được, lấy số đến tiếp theo của năm, giữ tệp.
    Receive {
        /// Văn bản nhận được (.docx, .pdf, .txt).
        #[arg(value_name = "TỆP")]
        input: PathBuf,
        /// Ngày đến; mặc định hôm nay.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
        received_on: Option<NaiveDate>,
        /// Đơn vị hoặc người nhận trong cơ quan.
        #[arg(long = "to", value_name = "NGƯỜI_NHẬN", default_value = "")]
        to: String,
        /// Cơ sở dữ liệu: tệp, hoặc sổ trên máy chủ postgres://NGƯỜI_DÙNG@MÁY:CỔNG/TÊN; mặc định là của ứng dụng.
        #[arg(long, value_name = "CSDL")]
        db: Option<PathBuf>,
        /// In dòng sổ đã ghi dạng JSON.
        #[arg(long)]
        json: bool,
    },
    /// In phong bì: mỗi nơi nhận (Kính gửi và Nơi nhận, trừ "Như trên" và "Lưu") một bì,
    /// theo mẫu bì văn bản của Nghị định 30.
    Envelope {
        /// Công văn (JSON).
        #[arg(value_name = "CÔNG_VĂN.json")]
        input: PathBuf,
        /// Tệp .docx xuất ra.
        #[arg(short = 'o', long = "output", value_name = "BI.docx")]
        output: PathBuf,
        /// Cỡ phong bì: DL (220×110 mm, mặc định), C5 (229×162 mm) hoặc C4 (324×229 mm).
        #[arg(long, value_name = "CỠ", default_value = "DL", value_parser = size)]
        size: Size,
        /// Thêm bản PDF.
        #[arg(long)]
        pdf: bool,
        #[command(flatten)]
        desk: DeskArgs,
    },
    /// Sổ văn bản đi (và đến): xem, xuất .xlsx, in sổ, hủy số, lưu trữ năm.
    Register {
        #[command(subcommand)]
        action: RegisterAction,
    },
    /// Cơ sở dữ liệu (sổ, văn bản đã cấp số, bản nháp, mẫu, ảnh): sao lưu, khôi phục, kiểm tra.
    Db {
        #[command(subcommand)]
        action: DbAction,
    },
}

#[derive(Subcommand)]
enum DbAction {
    /// Sao lưu toàn bộ cơ sở dữ liệu ra một tệp, nhất quán cả khi ứng dụng đang mở.
    Backup {
        /// Tệp sao lưu.
        #[arg(short = 'o', long = "output", value_name = "SAO_LUU.db")]
        output: PathBuf,
        /// Cơ sở dữ liệu: tệp, hoặc sổ trên máy chủ postgres://NGƯỜI_DÙNG@MÁY:CỔNG/TÊN (sao lưu bằng pg_dump); mặc định là của ứng dụng.
        #[arg(long, value_name = "CSDL")]
        db: Option<PathBuf>,
    },
    /// Khôi phục từ một tệp sao lưu: kiểm tra tệp trước, giữ cơ sở dữ liệu hiện tại thành
    /// một bản sao lưu, rồi thay toàn bộ, trừ sổ: số đã cấp hay đã hủy sau bản sao lưu được
    /// giữ lại.
    Restore {
        /// Tệp sao lưu.
        #[arg(value_name = "SAO_LUU.db")]
        input: PathBuf,
        /// Cơ sở dữ liệu; mặc định là của ứng dụng.
        #[arg(long, value_name = "CSDL")]
        db: Option<PathBuf>,
    },
    /// Chuyển sổ văn bản đi của máy này lên máy chủ PostgreSQL của cơ quan: mọi dòng với
    /// số, việc hủy số và tệp được sao; sau đó cấp số tiếp trên máy chủ.
    Migrate {
        /// Máy chủ: postgres://NGƯỜI_DÙNG@MÁY:CỔNG/TÊN.
        #[arg(long, value_name = "MÁY_CHỦ")]
        to: String,
        /// Cơ sở dữ liệu trên máy này; mặc định là của ứng dụng.
        #[arg(long, value_name = "CSDL")]
        db: Option<PathBuf>,
    },
    /// Giao quyền trên máy chủ sổ cho tài khoản (vai trò PostgreSQL) của một người: văn
    /// thư cấp số, hủy số và xem mọi dòng; người soạn chỉ xem dòng của đơn vị mình.
    Clerk {
        /// Tài khoản trên máy chủ.
        #[arg(value_name = "TÀI_KHOẢN")]
        role: String,
        /// Là văn thư.
        #[arg(long, conflicts_with = "drafter", required_unless_present = "drafter")]
        van_thu: bool,
        /// Là người soạn của đơn vị này (như dòng "Lưu: VT, …" ghi).
        #[arg(long, value_name = "ĐƠN_VỊ")]
        drafter: Option<String>,
        /// Máy chủ, với tài khoản chủ các bảng sổ: postgres://NGƯỜI_DÙNG@MÁY:CỔNG/TÊN.
        #[arg(long, value_name = "MÁY_CHỦ")]
        db: String,
    },
    /// Kiểm tra toàn vẹn và lược đồ; thoát với mã 1 nếu hỏng.
    Check {
        /// Cơ sở dữ liệu hoặc tệp sao lưu; mặc định là của ứng dụng.
        #[arg(long, value_name = "CSDL")]
        db: Option<PathBuf>,
    },
}

/// A deadline's day and task, and the database, as added or corrected.
#[derive(Args)]
struct DeadlineArgs {
    /// Hạn.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    on: NaiveDate,
    /// Việc phải làm.
    #[arg(long, value_name = "VIỆC")]
    task: String,
    /// Cơ sở dữ liệu: tệp, hoặc sổ trên máy chủ postgres://NGƯỜI_DÙNG@MÁY:CỔNG/TÊN; mặc định là của ứng dụng.
    #[arg(long, value_name = "CSDL")]
    db: Option<PathBuf>,
}

#[derive(Subcommand)]
enum DeadlineAction {
    /// Các thời hạn (còn mở và đã đóng) của một văn bản đến.
    List {
        /// Năm và số đến, ví dụ 2024/01.
        #[arg(value_name = "NĂM/SỐ_ĐẾN", value_parser = year_number)]
        line: (i32, u32),
        /// Cơ sở dữ liệu: tệp, hoặc sổ trên máy chủ postgres://NGƯỜI_DÙNG@MÁY:CỔNG/TÊN; mặc định là của ứng dụng.
        #[arg(long, value_name = "CSDL")]
        db: Option<PathBuf>,
        /// In dạng JSON.
        #[arg(long)]
        json: bool,
    },
    /// Thêm một thời hạn cho văn bản đến.
    Add {
        /// Năm và số đến, ví dụ 2024/01.
        #[arg(value_name = "NĂM/SỐ_ĐẾN", value_parser = year_number)]
        line: (i32, u32),
        #[command(flatten)]
        deadline: DeadlineArgs,
    },
    /// Sửa hạn và việc của một thời hạn.
    Edit {
        /// Số của thời hạn (cột đầu của deadline list).
        #[arg(value_name = "THỜI_HẠN")]
        id: i64,
        #[command(flatten)]
        deadline: DeadlineArgs,
    },
    /// Đóng một thời hạn đã xong (không cần văn bản trả lời), hoặc mở lại.
    Close {
        /// Số của thời hạn (cột đầu của deadline list).
        #[arg(value_name = "THỜI_HẠN")]
        id: i64,
        /// Ngày xong; mặc định hôm nay.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
        on: Option<NaiveDate>,
        /// Mở lại thời hạn đã đóng.
        #[arg(long)]
        reopen: bool,
        /// Cơ sở dữ liệu: tệp, hoặc sổ trên máy chủ postgres://NGƯỜI_DÙNG@MÁY:CỔNG/TÊN; mặc định là của ứng dụng.
        #[arg(long, value_name = "CSDL")]
        db: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum RegisterAction {
    /// Xem các dòng của sổ.
    List {
        /// Sổ văn bản đến thay cho sổ văn bản đi.
        #[arg(long)]
        incoming: bool,
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long, value_name = "CSDL")]
        /// Cơ sở dữ liệu: tệp, hoặc sổ trên máy chủ postgres://NGƯỜI_DÙNG@MÁY:CỔNG/TÊN; mặc định là của ứng dụng.
        db: Option<PathBuf>,
        /// In dạng JSON.
        #[arg(long)]
        json: bool,
    },
    /// Tìm trong cả sổ văn bản đi và sổ văn bản đến (số, ký hiệu, trích yếu, nội dung, người
    /// ký, nơi gửi): không phân biệt dấu và hoa thường, kết quả sát nhất trước.
    Search {
        /// Từ cần tìm, ví dụ "ke hoach thi dua" hoặc "1062/KH-UBND".
        #[arg(value_name = "TỪ_KHÓA")]
        query: String,
        /// Từ ngày.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
        from: Option<NaiveDate>,
        /// Đến ngày.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
        to: Option<NaiveDate>,
        /// Cơ sở dữ liệu: tệp, hoặc sổ trên máy chủ postgres://NGƯỜI_DÙNG@MÁY:CỔNG/TÊN; mặc định là của ứng dụng.
        #[arg(long, value_name = "CSDL")]
        db: Option<PathBuf>,
        /// In kết quả dạng JSON.
        #[arg(long)]
        json: bool,
    },
    /// Các thời hạn phải làm của văn bản đến: đến hạn trong những ngày tới và đã quá hạn,
    /// chưa có văn bản trả lời.
    Due {
        /// Tính từ ngày; mặc định hôm nay.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
        on: Option<NaiveDate>,
        /// Số ngày tới (mặc định 7).
        #[arg(long, value_name = "NGÀY", default_value_t = 7)]
        within: u32,
        /// Cơ sở dữ liệu: tệp, hoặc sổ trên máy chủ postgres://NGƯỜI_DÙNG@MÁY:CỔNG/TÊN; mặc định là của ứng dụng.
        #[arg(long, value_name = "CSDL")]
        db: Option<PathBuf>,
        /// In kết quả dạng JSON.
        #[arg(long)]
        json: bool,
    },
    /// Thống kê văn bản đến, đi của một năm theo loại và tháng, thời hạn đúng hạn, trễ hạn
    /// theo quý: in bảng, hoặc ghi .xlsx (bảng và biểu đồ cột).
    Stats {
        /// Năm.
        #[arg(long, value_name = "NĂM")]
        year: i32,
        /// Tệp .xlsx xuất ra; không có thì in bảng.
        #[arg(short = 'o', long = "output", value_name = "THONG_KE.xlsx")]
        output: Option<PathBuf>,
        /// Cơ sở dữ liệu: tệp, hoặc sổ trên máy chủ postgres://NGƯỜI_DÙNG@MÁY:CỔNG/TÊN; mặc định là của ứng dụng.
        #[arg(long, value_name = "CSDL")]
        db: Option<PathBuf>,
        /// In dạng JSON.
        #[arg(long)]
        json: bool,
    },
    /// Ghi văn bản đến đã chuyển cho đơn vị hoặc người nào, ngày nào (cột "Đơn vị hoặc
    /// người nhận" và "Ngày chuyển" của sổ).
    Pass {
        /// Năm và số đến, ví dụ 2024/01.
        #[arg(value_name = "NĂM/SỐ_ĐẾN", value_parser = year_number)]
        line: (i32, u32),
        /// Đơn vị hoặc người nhận.
        #[arg(long, value_name = "NGƯỜI_NHẬN")]
        to: String,
        /// Ngày chuyển; mặc định hôm nay.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
        on: Option<NaiveDate>,
        /// Cơ sở dữ liệu: tệp, hoặc sổ trên máy chủ postgres://NGƯỜI_DÙNG@MÁY:CỔNG/TÊN; mặc định là của ứng dụng.
        #[arg(long, value_name = "CSDL")]
        db: Option<PathBuf>,
    },
    /// Lưu hồ sơ văn bản đến, không phải làm gì thêm: đóng các thời hạn còn mở của nó.
    File {
        /// Năm và số đến, ví dụ 2024/01.
        #[arg(value_name = "NĂM/SỐ_ĐẾN", value_parser = year_number)]
        line: (i32, u32),
        /// Ngày lưu; mặc định hôm nay.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
        on: Option<NaiveDate>,
        /// Bỏ ghi đã lưu hồ sơ.
        #[arg(long)]
        undo: bool,
        /// Cơ sở dữ liệu: tệp, hoặc sổ trên máy chủ postgres://NGƯỜI_DÙNG@MÁY:CỔNG/TÊN; mặc định là của ứng dụng.
        #[arg(long, value_name = "CSDL")]
        db: Option<PathBuf>,
    },
    /// Thời hạn của một văn bản đến: xem, thêm, sửa, đóng.
    Deadline {
        #[command(subcommand)]
        action: DeadlineAction,
    },
    /// Xuất các dòng của sổ ra .xlsx.
    Export {
        /// Tệp .xlsx xuất ra.
        #[arg(short = 'o', long = "output", value_name = "SO.xlsx")]
        output: PathBuf,
        #[command(flatten)]
        filter: FilterArgs,
        /// Cơ sở dữ liệu: tệp, hoặc sổ trên máy chủ postgres://NGƯỜI_DÙNG@MÁY:CỔNG/TÊN; mặc định là của ứng dụng.
        #[arg(long, value_name = "CSDL")]
        db: Option<PathBuf>,
    },
    /// In sổ đăng ký văn bản đi hoặc đến của một năm theo mẫu Phụ lục IV (.docx, và PDF
    /// nếu cần), để in ra giấy và đóng sổ.
    Book {
        /// Sổ văn bản đi.
        #[arg(
            long,
            conflicts_with = "incoming",
            required_unless_present = "incoming"
        )]
        outgoing: bool,
        /// Sổ văn bản đến.
        #[arg(long)]
        incoming: bool,
        /// Năm.
        #[arg(long, value_name = "NĂM")]
        year: i32,
        /// Tệp .docx xuất ra.
        #[arg(short = 'o', long = "output", value_name = "SO.docx")]
        output: PathBuf,
        /// Thêm bản PDF (ứng dụng tự dựng; bản sao y tệp nhận được thì qua LibreOffice).
        #[arg(long)]
        pdf: bool,
        /// Cơ sở dữ liệu: tệp, hoặc sổ trên máy chủ postgres://NGƯỜI_DÙNG@MÁY:CỔNG/TÊN; mặc định là của ứng dụng.
        #[arg(long, value_name = "CSDL")]
        db: Option<PathBuf>,
    },
    /// Hồ sơ một năm để nộp lưu trữ: mọi văn bản đã cấp số (.docx, và PDF khi có
    /// LibreOffice), bản sao kèm văn bản được sao, sổ (.xlsx) và mục lục văn bản.
    Archive {
        /// Năm.
        #[arg(long, value_name = "NĂM")]
        year: i32,
        /// Thư mục mới để ghi hồ sơ.
        #[arg(short = 'o', long = "output", value_name = "THƯ_MỤC")]
        output: PathBuf,
        /// Cơ sở dữ liệu: tệp, hoặc sổ trên máy chủ postgres://NGƯỜI_DÙNG@MÁY:CỔNG/TÊN; mặc định là của ứng dụng.
        #[arg(long, value_name = "CSDL")]
        db: Option<PathBuf>,
    },
    /// Hủy một số đã cấp, ghi lại lý do; số đã hủy không cấp lại.
    Cancel {
        /// Số dòng trong sổ (cột đầu của register list).
        #[arg(value_name = "DÒNG")]
        id: i64,
        /// Lý do hủy số.
        #[arg(long, value_name = "LÝ_DO")]
        reason: String,
        /// Ngày hủy; mặc định hôm nay.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
        on: Option<NaiveDate>,
        /// Cơ sở dữ liệu: tệp, hoặc sổ trên máy chủ postgres://NGƯỜI_DÙNG@MÁY:CỔNG/TÊN; mặc định là của ứng dụng.
        #[arg(long, value_name = "CSDL")]
        db: Option<PathBuf>,
    },
}

/// What issuing and copying share: the images, the database and profile, and the outputs.
#[derive(Args)]
struct Issuing {
    #[command(flatten)]
    images: ImageFiles,
    #[command(flatten)]
    desk: DeskArgs,
    /// Thêm bản PDF (ứng dụng tự dựng; bản sao y tệp nhận được thì qua LibreOffice).
    #[arg(long)]
    pdf: bool,
    /// In dòng sổ đã ghi dạng JSON.
    #[arg(long)]
    json: bool,
}

/// The signature and seal images printed on what is issued.
#[derive(Args)]
struct ImageFiles {
    /// Ảnh chữ ký (PNG nền trong suốt).
    #[arg(long, value_name = "CK.png")]
    signature: Option<PathBuf>,
    /// Ảnh con dấu (PNG nền trong suốt), trùm 1/3 chữ ký bên trái.
    #[arg(long, value_name = "DAU.png")]
    seal: Option<PathBuf>,
}

/// The database and the profile a numbering command works with.
#[derive(Args)]
struct DeskArgs {
    /// Hồ sơ đơn vị (TOML); mặc định là hồ sơ đã lưu của ứng dụng.
    #[arg(long, value_name = "P.toml")]
    profile: Option<PathBuf>,
    /// Cơ sở dữ liệu: tệp, hoặc sổ trên máy chủ postgres://NGƯỜI_DÙNG@MÁY:CỔNG/TÊN; mặc định là của ứng dụng.
    #[arg(long, value_name = "CSDL")]
    db: Option<PathBuf>,
}

/// Which lines of the register.
#[derive(Args)]
struct FilterArgs {
    /// Năm ký.
    #[arg(long, value_name = "NĂM")]
    year: Option<i32>,
    /// Loại văn bản.
    #[arg(long, value_name = "LOẠI")]
    kind: Option<String>,
    /// Chữ có trong số, ký hiệu, trích yếu hoặc nơi nhận.
    #[arg(long, value_name = "CHỮ")]
    text: Option<String>,
}

fn main() -> ExitCode {
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // "congvan help [LỆNH]" is "congvan [LỆNH] --help".
    if args.get(1).is_some_and(|a| a == "help") {
        args.remove(1);
        args.push("--help".into());
    }
    // Named "congvan" in messages on every system, not after argv[0] ("congvan.exe").
    let command = vietnamese(Cli::command().bin_name("congvan"), "");
    // Where a usage mistake sends the clerk: the help of the subcommand typed, if any.
    let help = match args.get(1).and_then(|a| a.to_str()) {
        Some(sub) if command.find_subcommand(sub).is_some() => format!("congvan {sub} --help"),
        _ => "congvan --help".to_string(),
    };
    let parsed = command
        .clone()
        .try_get_matches_from(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let result = match parsed {
        Ok(cli) => run(cli.command),
        Err(e) if e.kind() == ErrorKind::DisplayHelp => {
            print!("{}", e.render());
            return ExitCode::SUCCESS;
        }
        Err(e) => Err(anyhow!(Usage(usage_message(&e)))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => match e.downcast_ref::<Usage>() {
            Some(Usage(message)) => {
                eprintln!("congvan: {message}\nXem: {help}");
                ExitCode::from(2)
            }
            None => {
                eprintln!("congvan: {e:#}");
                ExitCode::from(1)
            }
        },
    }
}

/// A mistake in the arguments, reported with where to find the help (exit 2).
#[derive(Debug)]
struct Usage(String);

impl std::fmt::Display for Usage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Usage {}

fn run(command: Command) -> Result<()> {
    match command {
        Command::Parse { input, json } => parse(&input, json),
        Command::Forward {
            input,
            output,
            profile,
            template,
            today,
            dated,
            json,
        } => {
            let desk = forwarding_desk(profile, today)?;
            forward(desk, &input, &template, dated, &output, json)
        }
        Command::Render {
            input,
            output,
            html,
        } => {
            let desk = Desk::in_memory()?;
            let letter = Desk::letter_file(&input)?;
            desk.export(&letter, &output)?;
            if let Some(html) = html {
                desk.export_html(&letter, &html)?;
            }
            Ok(())
        }
        Command::Pdf { input, output } => {
            eprintln!("đã ghi {}", Desk::in_memory()?.pdf_file(&input, &output)?);
            Ok(())
        }
        Command::Check { input, json } => check(&input, json),
        Command::Issue {
            input,
            signed_on,
            output,
            copies,
            mark,
            drafter,
            answers,
            issuing,
        } => {
            let images = &issuing.images;
            let copies = CopyOptions {
                per_addressee: copies,
                mark,
                drafter,
                images: images.signature.is_some() || images.seal.is_some(),
            };
            issue(
                &input,
                (signed_on, answers),
                Output {
                    path: output,
                    copies,
                },
                issuing,
            )
        }
        Command::Copy {
            input,
            signed_on,
            output,
            to,
            sao_luc,
            signer,
            issuing,
        } => {
            let kind = match sao_luc {
                true => "Bản sao lục",
                false => "Bản sao y",
            };
            copy(
                &input,
                signed_on,
                &output,
                (DocKind::from_name(kind), signer, to),
                issuing,
            )
        }
        Command::Receive {
            input,
            received_on,
            to,
            db,
            json,
        } => {
            let receipt = open(db.as_deref())?.receive_file(&input, received_on, &to)?;
            if let Some(already) = &receipt.already {
                eprintln!("lưu ý: {already}");
            }
            match json {
                true => {
                    // The line as before, with the deadlines the document sets.
                    let mut line = serde_json::to_value(&receipt.entry)?;
                    line["deadlines"] = serde_json::to_value(&receipt.deadlines)?;
                    println!("{}", serde_json::to_string_pretty(&line)?)
                }
                false => {
                    eprintln!("{}", receipt.done);
                    for d in &receipt.deadlines {
                        let day = d.date.map_or("(chưa rõ ngày)".to_string(), |d| {
                            d.format("%d/%m/%Y").to_string()
                        });
                        eprintln!("hạn {day}: {}", d.task);
                    }
                }
            }
            Ok(())
        }
        Command::Envelope {
            input,
            output,
            size,
            pdf,
            desk,
        } => {
            let letter = Desk::letter_file(&input)?;
            let written = desk
                .open_or_memory()?
                .envelopes(&letter, size, &output, pdf)?;
            eprintln!("đã ghi {}", written.join(", "));
            Ok(())
        }
        Command::Register { action } => register(action),
        Command::Db { action } => db(action),
        Command::Sign {
            input,
            output,
            pkcs11,
            pin_env,
            token,
            key,
            role,
            db,
            images,
            copy_form,
            attached_to,
            json,
        } => {
            let desk = open(db.as_deref())?;
            let images = match (images.signature, images.seal) {
                (None, None) => ImageSource::Kept,
                (signature, seal) => ImageSource::Files { signature, seal },
            };
            let pin = match &pin_env {
                Some(var) => std::env::var(var).map_err(|_| {
                    anyhow!(Usage(format!("biến môi trường {var} (mã PIN) chưa đặt")))
                })?,
                None => String::new(),
            };
            let mut signer: Box<dyn Signer> = match pkcs11.or_else(|| desk.pkcs11_module()) {
                Some(module) => {
                    if pin_env.is_none() {
                        return Err(anyhow!(Usage(
                            "cần --pin-env BIẾN: tên biến môi trường chứa mã PIN của token".into()
                        )));
                    }
                    Box::new(
                        Pkcs11::open(&module, token.as_deref(), key.as_deref(), &pin)
                            .map_err(congvan::desk::Failure::from)?,
                    )
                }
                // The Windows certificate store; elsewhere, the desk says a module is needed.
                None => desk.token_signer(&pin, token.as_deref())?,
            };
            let order = SignOrder {
                role,
                images,
                heading: copy_form.or(attached_to.map(|n| format!("Kèm theo văn bản số {n}"))),
            };
            let signed = desk.sign_file(&input, &output, &order, &mut *signer)?;
            for notice in &signed.notices {
                eprintln!("lưu ý: {notice}");
            }
            match json {
                true => println!("{}", serde_json::to_string_pretty(&signed)?),
                false => eprintln!("đã ký số, ghi {}", signed.path),
            }
            Ok(())
        }
        Command::Verify {
            input,
            trust,
            db,
            json,
        } => {
            let desk = open(db.as_deref())?;
            let mut roots = Vec::new();
            for path in &trust {
                roots.push(std::fs::read(path).map_err(|e| anyhow!("{}: {e}", path.display()))?);
            }
            let found = desk.verify_file(&input, &roots)?;
            match json {
                true => println!("{}", serde_json::to_string_pretty(&found)?),
                false => {
                    if found.is_empty() {
                        println!("tệp không có chữ ký số");
                    }
                    for v in &found {
                        println!(
                            "{}: {} ({}), {}, {}, {}",
                            v.field,
                            v.signer,
                            v.time.as_deref().unwrap_or("không rõ thời gian"),
                            if v.intact {
                                "nguyên vẹn"
                            } else {
                                "KHÔNG nguyên vẹn"
                            },
                            if v.covers_whole_file {
                                "phủ cả tệp"
                            } else {
                                "không phủ cả tệp"
                            },
                            if v.trusted {
                                "tin cậy"
                            } else {
                                "chưa tin cậy"
                            },
                        );
                        for p in &v.problems {
                            println!("  - {p}");
                        }
                    }
                }
            }
            if found.iter().any(|v| !v.intact) {
                return Err(anyhow!(
                    "{}: có chữ ký số không còn nguyên vẹn",
                    input.display()
                ));
            }
            Ok(())
        }
        Command::Trust { input, db } => {
            for name in open(db.as_deref())?.trust_root(&input)? {
                eprintln!("đã tin cậy chứng thư gốc: {name}");
            }
            Ok(())
        }
    }
}

/// An incoming line as year and number: "2024/01".
fn year_number(text: &str) -> Result<(i32, u32), String> {
    let bad = || format!("cần dạng NĂM/SỐ_ĐẾN, ví dụ 2024/01: {text}");
    let (year, number) = text.split_once('/').ok_or_else(bad)?;
    Ok((
        year.trim().parse().map_err(|_| bad())?,
        number.trim().parse().map_err(|_| bad())?,
    ))
}

/// Who signs: "office" or "signer".
fn role(text: &str) -> Result<Role, String> {
    match text {
        "office" => Ok(Role::Office),
        "signer" => Ok(Role::Signer),
        _ => Err(format!("cần office hoặc signer: {text}")),
    }
}

/// `parse`: what the reader finds in a parent, as JSON or as a summary.
fn parse(input: &Path, json: bool) -> Result<()> {
    let directive = Desk::in_memory()?.read_parent(input)?;
    match json {
        true => println!("{}", serde_json::to_string_pretty(&directive)?),
        false => print!("{}", summary(&directive)),
    }
    Ok(())
}

/// The desk `forward` drafts with: the profile named, else the one saved in the window,
/// else the example; "today" as given.
fn forwarding_desk(profile: Option<PathBuf>, today: Option<NaiveDate>) -> Result<Desk> {
    let mut desk = Desk::in_memory()?;
    let profile = match profile {
        Some(p) => Some(Desk::profile_file(&p)?),
        None => Desk::saved_profile()?,
    };
    if let Some(p) = profile {
        desk = desk.with_profile(p);
    }
    if let Some(today) = today {
        desk = desk.with_today(today);
    }
    Ok(desk)
}

/// `forward`: the forwarding letter of a parent, written as .docx, with what is left to fill
/// in and the format findings.
fn forward(
    mut desk: Desk,
    input: &Path,
    template: &str,
    dated: bool,
    output: &Path,
    json: bool,
) -> Result<()> {
    // A template that is not there is a mistake in the arguments, like a bad option; a
    // template file that cannot be used is bad input.
    let template = desk.template(template).map_err(|f| match f.kind {
        Kind::NotFound => anyhow!(Usage(f.message)),
        _ => f.into(),
    })?;
    let options = DraftOptions { dated, signer: 0 };
    let forwarded = desk.forward(input, &template, &options, output)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&forwarded)?);
    } else {
        for p in &forwarded.draft.problems {
            eprintln!("cần điền: {}", p.message);
        }
        report(&forwarded.findings);
    }
    Ok(())
}

/// `check`: the format findings of a .docx; an error when any is an error.
fn check(input: &Path, json: bool) -> Result<()> {
    let findings = Desk::check_file(input)?;
    match json {
        true => println!("{}", serde_json::to_string_pretty(&findings)?),
        false => report(&findings),
    }
    if has_errors(&findings) {
        let n = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        return Err(anyhow!("{}: {n} lỗi thể thức", input.display()));
    }
    Ok(())
}

/// `issue`: a number for a letter, then the letter (and its signed copies) written.
/// `(signed_on, answers)`: the signing day, and the incoming line (year, number) answered.
fn issue(
    input: &Path,
    (signed_on, answers): (NaiveDate, Option<(i32, u32)>),
    output: Output,
    issuing: Issuing,
) -> Result<()> {
    let mut letter = Desk::letter_file(input)?;
    let mut desk = issuing.desk.open()?;
    if let Some((year, number)) = answers {
        letter.answers = Some(desk.incoming_line(year, number)?);
    }
    let source = issuing.images.source();
    let order = desk.prepare_issue(letter, signed_on, &source, issuing.pdf)?;
    let issued = desk.issue(order, Some(output))?;
    issuing.report(issued, true)
}

/// `copy`: a number for a copy (sao y, sao lục) of a received file, then the copy written.
/// `(kind, signer, to)`: the form of copy, the profile's signer (from 1) and who gets it.
fn copy(
    input: &Path,
    signed_on: NaiveDate,
    output: &Path,
    (kind, signer, to): (DocKind, usize, Vec<String>),
    issuing: Issuing,
) -> Result<()> {
    let mut desk = issuing.desk.open()?;
    let profile = desk.profile()?;
    let signer = profile.signers.get(signer - 1).cloned().ok_or_else(|| {
        anyhow!(
            "hồ sơ đơn vị không có người ký thứ {signer} (có {})",
            profile.signers.len()
        )
    })?;
    let order = Order {
        kind,
        signer,
        distribution: to,
    };
    let parent = desk.keep_file(input)?;
    let source = issuing.images.source();
    let order = desk.prepare_copy(Some(parent), &order, signed_on, &source, issuing.pdf)?;
    issuing.report(desk.copy(order, output)?, false)
}

fn register(action: RegisterAction) -> Result<()> {
    match action {
        RegisterAction::Due {
            on,
            within,
            db,
            json,
        } => {
            let desk = open(db.as_deref())?;
            let on = on.unwrap_or_else(|| desk.today());
            let due = desk.due(on, within)?;
            match json {
                true => println!("{}", serde_json::to_string_pretty(&due)?),
                false => {
                    for d in &due {
                        let past = if d.due_on < on.to_string() {
                            " (quá hạn)"
                        } else {
                            ""
                        };
                        println!(
                            "{}{past}\t{}\tsố đến {} ({})",
                            d.due_on, d.task, d.incoming_number, d.number_symbol
                        );
                    }
                }
            }
        }
        RegisterAction::Search {
            query,
            from,
            to,
            db,
            json,
        } => {
            let found = open(db.as_deref())?.search(&query, from, to)?;
            match json {
                true => println!("{}", serde_json::to_string_pretty(&found)?),
                false => {
                    for f in &found {
                        let book = if f.register == "di" { "đi" } else { "đến" };
                        println!(
                            "sổ {book}\t{}\t{}\t{}\t{}",
                            f.number, f.day, f.subject, f.who
                        );
                    }
                }
            }
        }
        RegisterAction::List {
            incoming: true,
            filter,
            db,
            json,
        } => {
            let rows = open(db.as_deref())?.incoming_register(filter.year)?;
            match json {
                true => println!("{}", serde_json::to_string_pretty(&rows)?),
                false => rows.iter().for_each(|r| println!("{}", r.cells.join("\t"))),
            }
        }
        RegisterAction::List {
            incoming: false,
            filter,
            db,
            json,
        } => {
            let entries = open(db.as_deref())?.register(&filter.filter())?;
            if json {
                println!("{}", serde_json::to_string_pretty(&entries)?);
            }
            for r in entries.iter().filter(|_| !json) {
                let cancelled = r.cancelled_words.as_ref();
                println!(
                    "{}\t{}\t{}\t{}\t{}{}",
                    r.entry.id,
                    r.number_and_symbol,
                    r.date,
                    r.kind_and_subject,
                    r.entry.signer,
                    cancelled.map_or(String::new(), |c| format!("  [{c}]"))
                );
            }
        }
        RegisterAction::Stats {
            year,
            output,
            db,
            json,
        } => {
            let desk = open(db.as_deref())?;
            match (output, json) {
                (Some(output), _) => {
                    eprintln!("đã ghi {}", desk.export_stats(year, &output)?);
                }
                (None, true) => println!("{}", serde_json::to_string_pretty(&desk.stats(year)?)?),
                (None, false) => {
                    let stats = desk.stats(year)?;
                    println!("{}", stats.title);
                    for row in stats.table.iter().chain(&stats.quarter_table) {
                        println!("{}", row.join("\t"));
                    }
                }
            }
        }
        RegisterAction::Pass { line, to, on, db } => {
            let mut desk = open(db.as_deref())?;
            let id = desk.incoming_line(line.0, line.1)?;
            desk.pass(id, &to, on)?;
        }
        RegisterAction::File { line, on, undo, db } => {
            let mut desk = open(db.as_deref())?;
            let id = desk.incoming_line(line.0, line.1)?;
            desk.file(id, !undo, on)?;
        }
        RegisterAction::Deadline { action } => deadline(action)?,
        RegisterAction::Export { output, filter, db } => {
            open(db.as_deref())?.export_register(&filter.filter(), &output)?;
        }
        RegisterAction::Cancel { id, reason, on, db } => {
            open(db.as_deref())?.cancel(id, &reason, on)?;
        }
        RegisterAction::Book {
            outgoing: _,
            incoming,
            year,
            output,
            pdf,
            db,
        } => {
            let book = Book::of(incoming);
            let paths = open(db.as_deref())?.book(book, year, &output, pdf)?;
            eprintln!("đã ghi {}", paths.join(", "));
        }
        RegisterAction::Archive { year, output, db } => {
            let a = open(db.as_deref())?.archive(year, &output)?;
            eprintln!(
                "đã ghi {}: {} văn bản ({} bản sao), {} số đã hủy, {} tệp PDF",
                a.folder, a.letters, a.copies, a.cancelled, a.pdfs
            );
            if let Some(why) = a.pdf_failure {
                eprintln!("lưu ý: chưa tạo được PDF: {why}");
            }
        }
    }
    Ok(())
}

fn deadline(action: DeadlineAction) -> Result<()> {
    match action {
        DeadlineAction::List { line, db, json } => {
            let desk = open(db.as_deref())?;
            let lines = desk.deadlines_of(desk.incoming_line(line.0, line.1)?)?;
            match json {
                true => println!("{}", serde_json::to_string_pretty(&lines)?),
                false => {
                    for d in &lines {
                        let closed = match (&d.closed_on, &d.closed_by) {
                            (Some(on), Some(by)) => format!("\tđã xong {on} ({by})"),
                            (Some(on), None) => format!("\tđã xong {on}"),
                            _ => String::new(),
                        };
                        let day = d.due_on.as_deref().unwrap_or("(chưa rõ ngày)");
                        println!("{}\t{day}\t{}{closed}", d.id, d.task);
                    }
                }
            }
        }
        DeadlineAction::Add { line, deadline: d } => {
            let mut desk = open(d.db.as_deref())?;
            let id = desk.incoming_line(line.0, line.1)?;
            println!("{}", desk.add_deadline(id, d.on, &d.task)?);
        }
        DeadlineAction::Edit { id, deadline: d } => {
            open(d.db.as_deref())?.change_deadline(id, d.on, &d.task)?;
        }
        DeadlineAction::Close { id, on, reopen, db } => {
            open(db.as_deref())?.close_deadline(id, !reopen, on)?;
        }
    }
    Ok(())
}

fn db(action: DbAction) -> Result<()> {
    match action {
        DbAction::Migrate { to, db } => {
            eprintln!("{}", open(db.as_deref())?.move_register_to(&to)?);
        }
        DbAction::Clerk {
            role,
            van_thu: _,
            drafter,
            db,
        } => {
            let clerk = match drafter {
                Some(unit) => Clerk::Drafter(unit),
                None => Clerk::VanThu,
            };
            Server::connect(&db)?.set_clerk(&role, &clerk)?;
        }
        DbAction::Backup { output, db } => match db.as_deref().map(|d| d.to_string_lossy()) {
            Some(url) if server::is_server(&url) => {
                let words = Server::connect(&url)?.backup_to(&output)?;
                eprintln!("đã sao lưu {}: {words}", output.display());
            }
            _ => {
                let contents = open(db.as_deref())?.backup(&output)?;
                eprintln!("đã sao lưu {}: {}", output.display(), contents.words());
            }
        },
        DbAction::Restore { input, db } => {
            if let Some(url) = db
                .as_deref()
                .map(|d| d.to_string_lossy().into_owned())
                .filter(|d| server::is_server(d))
            {
                let kept = Server::connect(&url)?.restore_from(&input)?;
                eprintln!(
                    "đã khôi phục sổ trên máy chủ từ {}; giữ lại {kept} dòng đã cấp số hoặc vào sổ sau bản sao lưu",
                    input.display()
                );
                return Ok(());
            }
            let db = match db {
                Some(db) => db,
                None => Desk::app_database()?,
            };
            // A database that does not open (damaged) is put aside, not written to.
            let contents = match Desk::open(&db) {
                Ok(mut desk) => desk.restore(&input)?,
                Err(f) if f.kind == Kind::Busy => return Err(f.into()),
                Err(_) => Desk::recover(&db, Some(&input))?.contents()?,
            };
            eprintln!("đã khôi phục từ {}: {}", input.display(), contents.words());
        }
        DbAction::Check { db } => {
            on_file(db.as_deref())?;
            let db = match db {
                Some(db) => db,
                None => Desk::app_database()?,
            };
            println!("{}: {}", db.display(), Desk::inspect_backup(&db)?.words());
        }
    }
    Ok(())
}

/// Refuses a server for what works on a database file only: backups, restores, checks.
fn on_file(db: Option<&Path>) -> Result<()> {
    match db.filter(|d| server::is_server(&d.to_string_lossy())) {
        Some(db) => Err(anyhow!(
            "{}: kiểm tra sổ trên máy chủ PostgreSQL chưa làm được ở đây; máy chủ tự kiểm tra dữ liệu của nó",
            db.display()
        )),
        None => Ok(()),
    }
}

impl Issuing {
    /// Tells what was issued: the register line as JSON, or one line on standard error
    /// (with the number of copies when `count`); a failure when the files were not written.
    fn report(&self, issued: Issued, count: bool) -> Result<()> {
        if let Some(unwritten) = issued.unwritten {
            return Err(unwritten.into());
        }
        match (self.json, count) {
            (true, _) => println!("{}", serde_json::to_string_pretty(&issued.entry)?),
            (false, true) => eprintln!("{}, {} bản", issued.done, issued.copies),
            (false, false) => eprintln!("{}", issued.done),
        }
        Ok(())
    }
}

impl ImageFiles {
    /// The images as the desk reads them: none, or the files named.
    fn source(&self) -> ImageSource {
        match (&self.signature, &self.seal) {
            (None, None) => ImageSource::None,
            (signature, seal) => ImageSource::Files {
                signature: signature.clone(),
                seal: seal.clone(),
            },
        }
    }
}

impl DeskArgs {
    /// The desk on `--db` (else the app's own database, so the tool and the window share
    /// one register), with `--profile` when given.
    fn open(&self) -> Result<Desk> {
        let desk = open(self.db.as_deref())?;
        Ok(match &self.profile {
            Some(p) => desk.with_profile(Desk::profile_file(p)?),
            None => desk,
        })
    }

    /// The desk as `open` gives it, but in memory with `--profile` when one is given and
    /// no `--db`: what needs only the profile does not touch the app's database.
    fn open_or_memory(&self) -> Result<Desk> {
        match (&self.profile, &self.db) {
            (Some(p), None) => Ok(Desk::in_memory()?.with_profile(Desk::profile_file(p)?)),
            _ => self.open(),
        }
    }
}

impl FilterArgs {
    fn filter(&self) -> Filter {
        Filter {
            year: self.year,
            kind: self.kind.clone(),
            text: self.text.clone(),
        }
    }
}

/// The desk on the database `db`, else on the app's own.
fn open(db: Option<&Path>) -> Result<Desk> {
    Ok(match db {
        Some(db) => Desk::open_named(&db.to_string_lossy())?,
        None => Desk::open_app()?,
    })
}

/// The checker's findings, one per line on standard error.
fn report(findings: &[Finding]) {
    for f in findings {
        let label = match f.severity {
            Severity::Error => "lỗi",
            Severity::Warning => "lưu ý",
        };
        eprintln!("{label} ({}): {} [{}]", f.field_words(), f.message, f.rule);
    }
}

/// A day written YYYY-MM-DD.
fn date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| format!("cần dạng YYYY-MM-DD: {text}"))
}

/// An envelope size: DL, C5 or C4.
fn size(text: &str) -> Result<Size, String> {
    Size::named(text).ok_or_else(|| format!("cần DL, C5 hoặc C4: {text}"))
}

/// A signer's place in the profile, counted from 1.
fn ordinal(text: &str) -> Result<usize, String> {
    text.parse::<usize>()
        .ok()
        .filter(|n| *n >= 1)
        .ok_or_else(|| format!("cần số thứ tự người ký (từ 1): {text}"))
}

/// The command with Vietnamese headings, usage line and help flag, on every subcommand;
/// `path` is the commands above it ("congvan register ").
fn vietnamese(command: clap::Command, path: &str) -> clap::Command {
    let mut command = command
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .arg_required_else_help(false)
        .help_template("{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}")
        .subcommand_help_heading("Lệnh")
        .subcommand_value_name("LỆNH")
        .mut_args(
            |a| match (a.is_positional(), a.get_action().takes_values()) {
                (true, _) => a.help_heading("Đối số"),
                // The help text says what the default is, in words.
                (false, true) => a.help_heading("Tùy chọn").hide_default_value(true),
                (false, false) => a.help_heading("Tùy chọn"),
            },
        )
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("In hướng dẫn này")
                .help_heading("Tùy chọn"),
        );
    let usage = command.render_usage().to_string();
    let usage = usage
        .trim_start_matches("Usage: ")
        .replace("[OPTIONS]", "[TÙY_CHỌN]");
    let command = command.override_usage(format!("{path}{usage}"));
    let below = format!("{path}{} ", command.get_name());
    let names: Vec<String> = command
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    names.iter().fold(command, |command, sub| {
        command.mut_subcommand(sub, |c| vietnamese(c, &below))
    })
}

/// A usage mistake clap found, in Vietnamese, naming the option or the command.
fn usage_message(e: &clap::Error) -> String {
    let text = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(s)) => s.join(", "),
        _ => String::new(),
    };
    let arg = text(ContextKind::InvalidArg);
    // "--output <OUT.docx>" is "-o OUT.docx", the way the clerk types it.
    let shown = arg
        .replace("--output", "-o")
        .replace(['<', '>'], "")
        .replace("...", " …");
    let name = shown.split(' ').next().unwrap_or_default().to_string();
    match e.kind() {
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            match text(ContextKind::InvalidSubcommand).trim_start_matches("congvan") {
                "" => "thiếu lệnh".into(),
                parent => format!(
                    "{} cần một trong: {}",
                    parent.trim(),
                    text(ContextKind::ValidSubcommand)
                ),
            }
        }
        ErrorKind::InvalidSubcommand => {
            format!("lệnh không có: {}", text(ContextKind::InvalidSubcommand))
        }
        ErrorKind::UnknownArgument if arg.starts_with('-') => format!("tùy chọn không có: {arg}"),
        ErrorKind::UnknownArgument => format!("thừa đối số: {arg}"),
        ErrorKind::MissingRequiredArgument => {
            let missing: Vec<String> = shown
                .split(", ")
                .map(|a| match a.starts_with('-') {
                    true => a.to_string(),
                    false => format!("tệp đầu vào {a}"),
                })
                .collect();
            format!("thiếu {}", missing.join(", "))
        }
        ErrorKind::InvalidValue if text(ContextKind::InvalidValue).is_empty() => {
            let what = match shown.contains('.') || shown.contains("CSDL") {
                true => "một tên tệp",
                false => "một giá trị",
            };
            format!("{name} cần {what}")
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let value = text(ContextKind::InvalidValue);
            match std::error::Error::source(e) {
                Some(why) if why.to_string().contains(&value) => format!("{name} {why}"),
                _ => format!("{name} không nhận giá trị \"{value}\""),
            }
        }
        ErrorKind::ArgumentConflict => format!(
            "{name} không dùng cùng {}",
            text(ContextKind::PriorArg).replace(['<', '>'], "")
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("{name}: số giá trị không đúng")
        }
        _ => {
            let raw = e.to_string();
            let first = raw.lines().next().unwrap_or_default();
            format!(
                "đối số không hợp lệ ({})",
                first.trim_start_matches("error: ")
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_arguments_are_well_formed() {
        vietnamese(Cli::command(), "").debug_assert();
    }
}
