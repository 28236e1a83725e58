//! Letters for people reached only by post: their words (kept as JSON with the message), and
//! the A4 PDF the co-ordinator prints — printpdf with DejaVu Sans embedded (subset), which
//! covers Latin Extended and Cyrillic, so every language the Hub writes in prints as written.
//! The address sits where a DL window envelope shows it; nothing else shows through.

use printpdf::{
    Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, TextItem,
};
use serde::{Deserialize, Serialize};

const FONT: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");

/// What a letter says, already in the person's language.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Letter {
    pub locale: String,
    /// Name, then the lines of the address, then the postcode.
    pub address: Vec<String>,
    /// "Private and confidential…", above the address.
    pub private: String,
    pub date: String,
    pub reference: String,
    pub title: String,
    pub greeting: String,
    pub paragraphs: Vec<String>,
    /// Bulleted lines (an agreement's items).
    #[serde(default)]
    pub items: Vec<String>,
    pub closing: Vec<String>,
}

/// How the letter says to reach the Hub.
pub struct Sender<'a> {
    pub phone: &'a str,
    pub hours: &'a str,
    pub email: &'a str,
}

/// A letter to `person` in `locale`: the common parts (private marking, greeting, how to reach
/// the Hub, the sign-off — without the service's name for someone who asked for discretion)
/// around `title`, `paragraphs` and `items`. None when there is no address to post it to.
#[allow(clippy::too_many_arguments)]
pub fn compose(
    locale: &str,
    person: &crate::entities::person::Model,
    reference: &str,
    now: chrono::DateTime<chrono::Utc>,
    from: &Sender<'_>,
    title: String,
    paragraphs: Vec<String>,
    items: Vec<String>,
) -> Option<Letter> {
    use super::locales::{date, text};
    let address = person.address.as_deref()?;
    let contact = text(
        locale,
        "letter-contact",
        &[
            ("phone", from.phone),
            ("hours", from.hours),
            ("email", from.email),
            ("reference", reference),
        ],
    );
    let team = if person.discreet {
        "letter-team-discreet"
    } else {
        "letter-team"
    };
    Some(Letter {
        locale: locale.to_string(),
        address: address_lines(&person.full_name, address, person.postcode.as_deref()),
        private: text(locale, "letter-private", &[]),
        date: date(locale, now),
        reference: text(locale, "letter-reference", &[("reference", reference)]),
        title,
        greeting: text(locale, "letter-dear", &[("name", &person.full_name)]),
        paragraphs,
        items,
        closing: vec![
            contact,
            text(locale, "letter-sign-off", &[]),
            text(locale, team, &[]),
        ],
    })
}

/// A message of several paragraphs (blank lines between them) as paragraphs.
pub fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// The lines of an address as given in a form (commas or new lines), and the postcode.
pub fn address_lines(name: &str, address: &str, postcode: Option<&str>) -> Vec<String> {
    let mut lines = vec![name.to_string()];
    lines.extend(
        address
            .split(['\n', ','])
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from),
    );
    if let Some(p) = postcode.filter(|p| !lines.iter().any(|l| l.contains(*p))) {
        lines.push(p.to_string());
    }
    lines
}

struct Face {
    font: ParsedFont,
    handle: PdfFontHandle,
}

impl Face {
    fn width(&self, text: &str, size: f32) -> f32 {
        let units = f32::from(self.font.units_per_em.max(1));
        text.chars()
            .map(|c| {
                self.font
                    .lookup_glyph_index(c as u32)
                    .and_then(|g| self.font.get_glyph_width(g))
                    .map_or(units / 2.0, f32::from)
            })
            .sum::<f32>()
            / units
            * size
    }

    /// `text` broken into lines no wider than `max` points.
    fn wrap(&self, text: &str, size: f32, max: f32) -> Vec<String> {
        let mut lines = vec![];
        for para_line in text.lines() {
            let mut line = String::new();
            for word in para_line.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_string()
                } else {
                    format!("{line} {word}")
                };
                if self.width(&candidate, size) > max && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line = word.to_string();
                } else {
                    line = candidate;
                }
            }
            lines.push(line);
        }
        lines
    }
}

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const LEFT: f32 = 70.0;
const RIGHT: f32 = 525.0;
const BOTTOM: f32 = 70.0;

/// Lays text out top to bottom, starting a new page when one is full.
struct Writer<'a> {
    face: &'a Face,
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl Writer<'_> {
    fn line(&mut self, text: &str, x: f32, size: f32) {
        if self.y < BOTTOM {
            self.pages.push(vec![]);
            self.y = PAGE_H - 70.0;
        }
        let face = self.face;
        let ops = vec![
            Op::StartTextSection,
            Op::SetFont {
                font: face.handle.clone(),
                size: Pt(size),
            },
            Op::SetTextCursor {
                pos: Point {
                    x: Pt(x),
                    y: Pt(self.y),
                },
            },
            Op::ShowText {
                items: vec![TextItem::Text(text.to_string())],
            },
            Op::EndTextSection,
        ];
        if let Some(page) = self.pages.last_mut() {
            page.extend(ops);
        }
        self.y -= size * 1.45;
    }

    fn paragraph(&mut self, text: &str, indent: f32, size: f32) {
        for l in self.face.wrap(text, size, RIGHT - LEFT - indent) {
            self.line(&l, LEFT + indent, size);
        }
        self.y -= size * 0.6;
    }
}

/// The letter as an A4 PDF with its fonts embedded.
pub fn pdf(letter: &Letter) -> anyhow::Result<Vec<u8>> {
    let font = ParsedFont::from_bytes(FONT, 0, &mut vec![])
        .ok_or_else(|| anyhow::anyhow!("the letter font does not parse"))?;
    // No name in the document's title: PDF viewers and print queues show it.
    let mut doc = PdfDocument::new("Letter");
    let regular = Face {
        handle: PdfFontHandle::External(doc.add_font(&font)),
        font,
    };
    let mut w = Writer {
        face: &regular,
        pages: vec![vec![]],
        y: PAGE_H - 60.0,
    };
    // The date and reference at the top right.
    for text in [&letter.date, &letter.reference] {
        let x = RIGHT - regular.width(text, 10.0);
        w.line(text, x, 10.0);
    }
    // The address where a DL window envelope shows it (about 50 mm from the top).
    w.y = PAGE_H - 130.0;
    w.line(&letter.private, LEFT, 8.0);
    for l in &letter.address {
        w.line(l, LEFT, 11.0);
    }
    w.y = PAGE_H - 260.0;
    w.paragraph(&letter.title, 0.0, 16.0);
    w.paragraph(&letter.greeting, 0.0, 11.0);
    for p in &letter.paragraphs {
        w.paragraph(p, 0.0, 11.0);
    }
    for item in &letter.items {
        let lines = regular.wrap(item, 11.0, RIGHT - LEFT - 16.0);
        for (i, l) in lines.iter().enumerate() {
            if i == 0 {
                w.line("•", LEFT + 4.0, 11.0);
                w.y += 11.0 * 1.45;
            }
            w.line(l, LEFT + 16.0, 11.0);
        }
    }
    if !letter.items.is_empty() {
        w.y -= 6.0;
    }
    for c in &letter.closing {
        w.paragraph(c, 0.0, 11.0);
    }
    let pages = w
        .pages
        .into_iter()
        .map(|ops| PdfPage::new(Mm::from(Pt(PAGE_W)), Mm::from(Pt(PAGE_H)), ops))
        .collect();
    let mut warnings = vec![];
    Ok(doc
        .with_pages(pages)
        .save(&PdfSaveOptions::default(), &mut warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_splits_into_lines_with_its_postcode() {
        assert_eq!(
            address_lines("Zofia Nowak", "12 High Street,\nMarch", Some("PE15 8AA")),
            ["Zofia Nowak", "12 High Street", "March", "PE15 8AA"]
        );
    }

    #[test]
    fn a_letter_renders_to_a_pdf() -> anyhow::Result<()> {
        let letter = Letter {
            locale: "ru".into(),
            address: vec!["Анна Иванова".into(), "1 Road".into()],
            private: "Лично".into(),
            date: "3 декабря 2026".into(),
            reference: "RJ26-ABCDE".into(),
            title: "Ваша встреча".into(),
            greeting: "Здравствуйте,".into(),
            paragraphs: vec!["Żółć gęślą jaźń. ".repeat(40)],
            items: vec!["Один".into()],
            closing: vec!["С уважением,".into()],
        };
        let bytes = pdf(&letter)?;
        assert!(bytes.starts_with(b"%PDF"));
        // One face, compressed: well under a megabyte to send to the printer.
        assert!(bytes.len() < 500_000, "{} bytes", bytes.len());
        Ok(())
    }
}
