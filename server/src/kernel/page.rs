//! A page of a list: which rows to read. Cursors are opaque offsets; services read one row more
//! than a page to know whether another follows.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::error::AppError;

pub const DEFAULT_PAGE: u64 = 25;
pub const MAX_PAGE: u64 = 100;

#[derive(Debug, Clone, Copy)]
pub struct Page {
    pub offset: u64,
    pub limit: u64,
}

impl Page {
    pub fn new(first: Option<i32>, after: Option<&str>) -> Result<Self, AppError> {
        let limit = match first {
            None => DEFAULT_PAGE,
            Some(n) if n >= 1 && (n as u64) <= MAX_PAGE => n as u64,
            Some(_) => {
                return Err(AppError::validation(
                    "first",
                    format!("Ask for between 1 and {MAX_PAGE} items at a time"),
                ));
            }
        };
        let offset = match after {
            None => 0,
            Some(c) => {
                decode(c)
                    .ok_or_else(|| AppError::validation("after", "That page cursor is not valid"))?
                    + 1
            }
        };
        Ok(Self { offset, limit })
    }

    /// Rows to fetch: one more than a page, to know whether another follows.
    pub fn fetch(&self) -> u64 {
        self.limit + 1
    }
}

pub(crate) fn encode(offset: u64) -> String {
    URL_SAFE_NO_PAD.encode(format!("o:{offset}"))
}

fn decode(cursor: &str) -> Option<u64> {
    let bytes = URL_SAFE_NO_PAD.decode(cursor).ok()?;
    String::from_utf8(bytes)
        .ok()?
        .strip_prefix("o:")?
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_bad_ones_are_refused() {
        assert_eq!(decode(&encode(41)), Some(41));
        assert!(Page::new(Some(10), Some("garbage!")).is_err());
        assert!(Page::new(Some(0), None).is_err());
        assert!(Page::new(Some(101), None).is_err());
        let p = Page::new(Some(10), Some(&encode(9))).ok();
        assert_eq!(p.map(|p| (p.offset, p.limit)), Some((10, 10)));
    }
}
