// A build script, for Cargo to take this crate's build dependencies into account.
fn main() {}
