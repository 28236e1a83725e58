//! The small, I/O-free base every other module may use: the error type, London dates, text
//! validation, string-stored enums and pages of a list. Nothing here knows an area.

pub mod dates;
pub mod error;
pub mod page;
pub mod stored;
pub mod text;

pub use dates::today;
pub use page::Page;
pub(crate) use stored::stored_enum;
pub use text::{optional_text, required_text};
