//! The HTML page: one file, offline. The template, its CSS and its JavaScript are assets of this
//! crate (`cli/assets/`), inlined; the snapshot (and the baseline diff) go in as JSON, with `</`
//! written `<\/` (no early end of the script) and `://` written `:\/\/`. A page with any
//! `http://` or `https://` left in it is refused: it could make a reader's browser fetch.

const TEMPLATE: &str = include_str!("../../assets/report.html");
const CSS: &str = include_str!("../../assets/report.css");
const JS: &str = include_str!("../../assets/report.js");

/// JSON made safe inside a `<script>` element.
fn embedded(json: &str) -> String {
    json.replace("</", "<\\/").replace("://", ":\\/\\/")
}

fn escape_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// What the page draws, from the snapshot: every file's metrics and violations, its functions
/// as `[name, line, cyclomatic, cognitive]` (their Halstead figures left out), the treemap
/// without its directory maxima. The stdlib's page is a fifth of its snapshot.
pub(crate) fn page_data(mut snapshot: serde_json::Value) -> String {
    for file in snapshot["files"].as_array_mut().into_iter().flatten() {
        for f in file["functions"].as_array_mut().into_iter().flatten() {
            let m = &f["metrics"];
            *f = serde_json::json!([
                f["name"],
                f["line"],
                m["cyclomatic_complexity"],
                m["cognitive_complexity"]
            ]);
        }
        for v in file["violations"].as_array_mut().into_iter().flatten() {
            if let Some(v) = v.as_object_mut() {
                v.retain(|k, _| {
                    matches!(k.as_str(), "type" | "function" | "line_number" | "message")
                });
            }
        }
    }
    for node in snapshot["treemap"].as_array_mut().into_iter().flatten() {
        if let Some(a) = node["aggregate"].as_object_mut() {
            a.remove("metrics_max");
        }
    }
    snapshot.to_string()
}

/// The page, or why it cannot be written.
pub(crate) fn render(title: &str, data_json: &str) -> Result<String, String> {
    let page = TEMPLATE
        .replace("{{TITLE}}", &escape_text(title))
        .replace("{{CSS}}", CSS)
        .replace("{{JS}}", JS)
        .replace("{{DATA}}", &embedded(data_json));
    let lower = page.to_ascii_lowercase();
    match ["http://", "https://"].iter().find(|p| lower.contains(*p)) {
        Some(p) => Err(format!(
            "the report would contain a network reference ({p}); refusing to write it"
        )),
        None => Ok(page),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_data_cannot_end_its_script_nor_name_a_url() {
        let page = super::render(
            "t",
            r#"{"a": "</script><script>x()</script> https://example.org"}"#,
        )
        .unwrap();
        assert!(!page.contains("</script><script>x()"));
        assert!(page.contains(r#"<\/script>"#));
        assert!(!page.contains("https://"));
        assert!(page.contains(r#"https:\/\/example.org"#));
    }

    #[test]
    fn the_assets_have_no_network_reference() {
        let page = super::render("t", "{}").unwrap();
        assert!(page.starts_with("<!DOCTYPE html>"));
    }
}
