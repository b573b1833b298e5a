use crate::document::Document; /// The preview. 
pub fn html(_d: &Document) -> String { String::new() }
