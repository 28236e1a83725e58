//! Compiles every `locales/*.ftl` into the binary: a translator adds or edits one file per
//! language and the server (like the PWA) picks it up.

use std::fmt::Write as _;
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../locales");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut files: Vec<(String, String)> = Vec::new();
    for entry in std::fs::read_dir(&dir)? {
        let path = entry?.path();
        println!("cargo::rerun-if-changed={}", path.display());
        if path.extension().is_some_and(|e| e == "ftl") {
            let code = path
                .file_stem()
                .and_then(|s| s.to_str())
                .ok_or("a locale file name is not UTF-8")?
                .to_string();
            files.push((code, path.canonicalize()?.display().to_string()));
        }
    }
    files.sort();
    let mut out = String::from(
        "/// Every `locales/<code>.ftl`, by code.\npub const FILES: &[(&str, &str)] = &[\n",
    );
    for (code, path) in files {
        writeln!(out, "    ({code:?}, include_str!({path:?})),")?;
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR")?).join("locales.rs");
    std::fs::write(dest, out)?;
    Ok(())
}
