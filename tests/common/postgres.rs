//! A PostgreSQL server of the test's own: made in a new folder, listening on 127.0.0.1 on
//! a port the system gives, stopped and removed when dropped. No root is needed; as root
//! (a container), the server is run as the `postgres` user its package made, since
//! PostgreSQL refuses to run as root.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A running server.
pub struct Postgres {
    dir: PathBuf,
    bin: PathBuf,
    port: u16,
}

impl Postgres {
    /// Makes and starts a server; fails the test, saying what to install, when PostgreSQL
    /// is not there.
    pub fn start(name: &str) -> Postgres {
        let bin = bin_dir();
        let dir = std::env::temp_dir().join(format!("congvan-pg-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        if as_root() {
            let status = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(&dir)
                .status()
                .unwrap();
            assert!(status.success(), "chown {}", dir.display());
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let server = Postgres { dir, bin, port };
        server.run(
            "initdb",
            &[
                "-D",
                &server.data(),
                "-A",
                "trust",
                "-U",
                "congvan",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
        );
        server.start_again();
        server
    }

    /// "postgres://congvan@127.0.0.1:PORT/postgres": the superuser, who made the server.
    pub fn url(&self) -> String {
        self.url_as("congvan")
    }

    /// The port it listens on, on 127.0.0.1.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The same server as the role `user`.
    pub fn url_as(&self, user: &str) -> String {
        format!("postgres://{user}@127.0.0.1:{}/postgres", self.port)
    }

    /// Runs `sql` as the superuser (psql), failing the test when it fails.
    pub fn sql(&self, sql: &str) {
        let port = self.port.to_string();
        self.run(
            "psql",
            &[
                "-h",
                "127.0.0.1",
                "-p",
                &port,
                "-U",
                "congvan",
                "-d",
                "postgres",
                "-v",
                "ON_ERROR_STOP=1",
                "-c",
                sql,
            ],
        );
    }

    /// Makes the login role `user` with `password`, which the server then asks for (SCRAM)
    /// when `user` connects over TCP; the other roles keep coming in without one.
    pub fn role_with_password(&self, user: &str, password: &str) {
        self.sql(&format!(
            "CREATE ROLE {user} LOGIN PASSWORD '{}'",
            password.replace('\'', "''")
        ));
        let hba = self.dir.join("data/pg_hba.conf");
        let before = std::fs::read_to_string(&hba).unwrap();
        std::fs::write(
            &hba,
            format!("host all {user} 127.0.0.1/32 scram-sha-256\n{before}"),
        )
        .unwrap();
        self.sql("SELECT pg_reload_conf()");
    }

    /// Stops the server at once, as a crash would (no checkpoint), and starts it again.
    pub fn restart(&self) {
        self.run(
            "pg_ctl",
            &["-D", &self.data(), "-m", "immediate", "-w", "stop"],
        );
        self.start_again();
    }

    /// Stops the server (a clean shutdown), as an office server switched off.
    pub fn stop(&self) {
        self.run("pg_ctl", &["-D", &self.data(), "-m", "fast", "-w", "stop"]);
    }

    /// Starts the stopped server again, on the same port.
    pub fn start_again(&self) {
        let options = format!(
            "-k {} -h 127.0.0.1 -p {} -c max_connections=60",
            self.dir.display(),
            self.port
        );
        let log = self.dir.join("log").display().to_string();
        self.run(
            "pg_ctl",
            &[
                "-D",
                &self.data(),
                "-o",
                &options,
                "-l",
                &log,
                "-w",
                "-t",
                "60",
                "start",
            ],
        );
    }

    fn data(&self) -> String {
        self.dir.join("data").display().to_string()
    }

    fn run(&self, program: &str, args: &[&str]) {
        let path = self.bin.join(program);
        let mut command = match as_root() {
            true => {
                let mut c = Command::new("runuser");
                c.args(["-u", "postgres", "--"]).arg(&path);
                c
            }
            false => Command::new(&path),
        };
        let out = command.args(args).current_dir(&self.dir).output().unwrap();
        assert!(
            out.status.success(),
            "{program} {args:?}: {}{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
            std::fs::read_to_string(self.dir.join("log")).unwrap_or_default()
        );
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let path = self.bin.join("pg_ctl");
        let data = self.data();
        let args = ["-D", data.as_str(), "-m", "immediate", "-w", "stop"];
        let _ = match as_root() {
            true => Command::new("runuser")
                .args(["-u", "postgres", "--"])
                .arg(&path)
                .args(args)
                .output(),
            false => Command::new(&path).args(args).output(),
        };
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Where PostgreSQL's server programs are: Debian keeps them out of PATH, under
/// /usr/lib/postgresql/VERSION/bin.
fn bin_dir() -> PathBuf {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|b| b.join("initdb").is_file())
        .collect();
    found.sort();
    if let Some(newest) = found.pop() {
        return newest;
    }
    let on_path = Command::new("sh")
        .args(["-c", "command -v initdb"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    match on_path.as_deref().and_then(Path::parent) {
        Some(dir) => dir.to_path_buf(),
        None => panic!(
            "PostgreSQL is not installed: run scripts/test, which installs what the tests need"
        ),
    }
}

fn as_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}
