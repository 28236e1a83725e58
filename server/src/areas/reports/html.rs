//! The performance report as a printable page for the board: a table per section (groups as
//! columns) and, where a section is made of counts, a bar chart of the totals drawn as inline SVG
//! (no script, no style attributes: the CSP allows neither). Hidden figures print as "[c]" and
//! are never drawn.

use super::editions::{Edition, Kind};
use super::model::{Dimension, Figure};
use super::service::Report;
use crate::html::{escape, page};

const SECTIONS: &[(&str, &str)] = &[
    ("referrals", "Referrals received (R-RP-1)"),
    ("engagement", "People spoken to and engaging (R-RP-2)"),
    (
        "conversion",
        "Conversion to meetings and conferences (R-RP-3)",
    ),
    ("not_suitable", "Cases not suitable, and why (R-RP-4)"),
    ("leaving", "The stage at which people leave (R-RP-5)"),
    (
        "timescales",
        "Referral to conference completion, in days (R-RP-6)",
    ),
    (
        "victims_code",
        "Victims' Code deadlines met on time (R-ST-2)",
    ),
    ("partners", "Partner agency engagement (R-RP-7)"),
    ("models", "Intervention models (R-RP-8)"),
    (
        "satisfaction",
        "Satisfaction and distance travelled (R-RP-9)",
    ),
    ("outcomes", "Testimonials and outcome agreements (R-RP-10)"),
    (
        "volunteers",
        "Volunteer activity and the facilitator pool (R-RP-11)",
    ),
    (
        "reoffending",
        "Re-offending follow-up, where recorded (R-RP-12)",
    ),
    ("complaints", "Complaints (R-DP-3)"),
];

/// `left_at:preparation` → "left at: preparation".
fn words(measure: &str) -> String {
    measure.replace('_', " ").replace(':', ": ")
}

fn dimension_name(d: Dimension) -> &'static str {
    match d {
        Dimension::None => "",
        Dimension::Month => "month",
        Dimension::Source => "referral source",
        Dimension::Offence => "offence",
        Dimension::Area => "area",
        Dimension::Model => "intervention model",
        Dimension::Agency => "agency",
    }
}

/// Horizontal bars for the section's counts in the `total` group.
fn chart(caption: &str, figures: &[&Figure]) -> String {
    let bars: Vec<(&str, f64)> = figures
        .iter()
        .filter(|f| f.count && f.group == "total" && !f.suppressed)
        .filter_map(|f| f.value.map(|v| (f.measure.as_str(), v)))
        .collect();
    let max = bars.iter().map(|b| b.1).fold(0.0, f64::max);
    if bars.len() < 2 || max <= 0.0 {
        return String::new();
    }
    let row = 22;
    let height = bars.len() * row + 4;
    let mut svg = format!(
        "<figure><svg role=\"img\" aria-label=\"{}\" viewBox=\"0 0 600 {height}\" \
         width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\">",
        escape(&format!(
            "Chart of {caption}; the table has the same figures"
        ))
    );
    for (i, (measure, v)) in bars.iter().enumerate() {
        let y = i * row + 2;
        let w = (v / max * 330.0).max(1.0);
        svg.push_str(&format!(
            "<text x=\"0\" y=\"{}\" font-size=\"12\" fill=\"#0b0c0c\">{}</text>\
             <rect x=\"220\" y=\"{y}\" width=\"{w:.1}\" height=\"16\" fill=\"#1d70b8\"></rect>\
             <text x=\"{:.1}\" y=\"{}\" font-size=\"12\" fill=\"#0b0c0c\">{}</text>",
            y + 13,
            escape(&words(measure)),
            220.0 + w + 4.0,
            y + 13,
            *v as i64
        ));
    }
    svg.push_str("</svg></figure>");
    svg
}

pub fn render(report: &Report) -> String {
    let mut body = format!(
        "<h1>RJ Hub performance report</h1><p>Cases received from {} to {}{}.</p>",
        report.from.format("%-d %B %Y"),
        report.to.format("%-d %B %Y"),
        match report.group_by {
            Dimension::None => String::new(),
            d => format!(", by {}", dimension_name(d)),
        }
    );
    if report.aggregates_only {
        body.push_str(HIDDEN_NOTE);
    }
    baseline(&mut body, report.victim_satisfaction_baseline);
    body.push_str(&sections(report, 2));
    page("RJ Hub performance report", &body)
}

const HIDDEN_NOTE: &str = "<p>[c]: hidden so that no one can be identified — a number from 1 to \
     4, a figure computed from fewer than five people, or a figure hidden with them so that \
     they cannot be worked out from the others.</p>";

fn baseline(body: &mut String, b: Option<f64>) {
    if let Some(b) = b {
        body.push_str(&format!(
            "<p>Victim satisfaction baseline: {b:.1}% satisfied.</p>"
        ));
    }
}

/// A published edition: what it covers, whether it is current, then each table.
pub fn render_edition(edition: &Edition) -> String {
    let kind = match edition.kind {
        Kind::Month => "Monthly",
        Kind::HalfYear => "Half-yearly",
    };
    let title = format!(
        "{kind} performance report, {} to {}",
        edition.from.format("%-d %B %Y"),
        edition.to.format("%-d %B %Y")
    );
    let mut body = format!(
        "<h1>{}</h1><p>Published on {}.</p>",
        escape(&title),
        edition
            .published_at
            .with_timezone(&chrono_tz::Europe::London)
            .format("%-d %B %Y")
    );
    if let Some(reason) = &edition.reason {
        body.push_str(&format!(
            "<p>This edition corrects an earlier one: {}</p>",
            escape(reason)
        ));
    }
    if !edition.current() {
        body.push_str(
            "<p><strong>A correction has replaced this edition.</strong> Read the latest \
             edition for this period.</p>",
        );
    }
    body.push_str(HIDDEN_NOTE);
    baseline(&mut body, edition.victim_satisfaction_baseline);
    for t in &edition.tables {
        body.push_str(&format!(
            "<section aria-labelledby=\"t-{code}\"><h2 id=\"t-{code}\">{}</h2>",
            match t.group_by {
                Dimension::None => "All cases".to_string(),
                d => format!("By {}", dimension_name(d)),
            },
            code = t.group_by.code()
        ));
        body.push_str(&sections(t, 3));
        body.push_str("</section>");
    }
    page(&title, &body)
}

/// A table per section (groups as columns), headed at `level`.
fn sections(report: &Report, level: u8) -> String {
    let mut body = String::new();
    for (section, title) in SECTIONS {
        let figures: Vec<&Figure> = report
            .figures
            .iter()
            .filter(|f| f.section == *section)
            .collect();
        if figures.is_empty() {
            continue;
        }
        let mut measures: Vec<&str> = Vec::new();
        for f in &figures {
            if !measures.contains(&f.measure.as_str()) {
                measures.push(&f.measure);
            }
        }
        body.push_str(&format!("<h{level}>{}</h{level}>", escape(title)));
        body.push_str(&chart(title, &figures));
        body.push_str(&format!(
            "<table><caption>{}</caption><thead><tr><th scope=\"col\">Measure</th>",
            escape(title)
        ));
        for g in &report.groups {
            body.push_str(&format!("<th scope=\"col\">{}</th>", escape(g)));
        }
        body.push_str("</tr></thead><tbody>");
        for m in measures {
            body.push_str(&format!("<tr><th scope=\"row\">{}</th>", escape(&words(m))));
            for g in &report.groups {
                // A count missing from a group is none of them; an average, share or timescale
                // missing is not there to show ("–", as the API's null).
                let is_count = figures.iter().any(|f| f.measure == m && f.count);
                let cell = figures
                    .iter()
                    .find(|f| f.measure == m && &f.group == g)
                    .map(|f| f.display())
                    .unwrap_or_else(|| if is_count { "0" } else { "–" }.into());
                body.push_str(&format!("<td class=\"n\">{}</td>", escape(&cell)));
            }
            body.push_str("</tr>");
        }
        body.push_str("</tbody></table>");
    }
    body
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn count(
        section: &'static str,
        measure: &str,
        group: &str,
        v: f64,
        suppressed: bool,
    ) -> Figure {
        Figure {
            section,
            measure: measure.into(),
            group: group.into(),
            value: Some(v),
            count: true,
            base: v as i64,
            suppressed,
        }
    }

    #[test]
    fn the_page_has_a_table_per_section_and_never_draws_a_suppressed_figure() {
        let report = Report {
            from: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap_or_default(),
            to: NaiveDate::from_ymd_opt(2026, 9, 30).unwrap_or_default(),
            group_by: Dimension::None,
            aggregates_only: true,
            groups: vec!["total".into()],
            figures: vec![
                count("referrals", "received", "total", 40.0, false),
                count("leaving", "left_at:preparation", "total", 12.0, false),
                count("leaving", "left_at:assessment", "total", 7.0, false),
                count("leaving", "left_at:outcome", "total", 3.0, true),
            ],
            victim_satisfaction_baseline: Some(80.0),
        };
        let html = render(&report);
        assert!(html.contains("<caption>Referrals received (R-RP-1)</caption>"));
        assert!(html.contains("left at: preparation"));
        assert!(html.contains("<td class=\"n\">[c]</td>"));
        assert!(html.contains("1 April 2026") && html.contains("30 September 2026"));
        // Two bars drawn (12 and 7); the suppressed 3 is not.
        assert_eq!(html.matches("<rect").count(), 2);
        assert!(!html.contains("<script"));
    }
}
