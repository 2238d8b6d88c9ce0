//! Where the configuration is: walking up from a directory to the first one that holds
//! `.antipasta.yaml` or a `pyproject.toml` with a `[tool.antipasta]` table (the YAML file first
//! when both are there), stopping at the repository root (ecosystem.md §5.2).

use std::path::{Path, PathBuf};

use super::{FILE_NAME, PYPROJECT, value};

/// The configuration file that governs `start`, if any.
pub fn discover(start: &Path) -> Option<PathBuf> {
    for dir in start.ancestors() {
        if let Some(found) = in_dir(dir) {
            return Some(found);
        }
        if dir.join(".git").exists() {
            return None;
        }
    }
    None
}

/// The configuration file of one directory: `.antipasta.yaml`, else a `pyproject.toml` that has
/// the table (one without it is skipped, as ruff skips it; one that is not TOML is chosen, so
/// that its error is reported rather than silently passed over).
pub fn in_dir(dir: &Path) -> Option<PathBuf> {
    let yaml = dir.join(FILE_NAME);
    if yaml.is_file() {
        return Some(yaml);
    }
    let pyproject = dir.join(PYPROJECT);
    let text = std::fs::read_to_string(&pyproject).ok()?;
    // Cheap first: most pyprojects never mention the tool.
    if !text.contains("antipasta") {
        return None;
    }
    match value::pyproject(&text) {
        Ok(None) => None,
        Ok(Some(_)) | Err(_) => Some(pyproject),
    }
}
