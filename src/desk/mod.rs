//! The clerk's workflows with their I/O: the local database (`store`) and LibreOffice
//! (`pdf`).

pub mod pdf;
pub mod store;
