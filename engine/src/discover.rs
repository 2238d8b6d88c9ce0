//! Which files a run analyses: one matcher rooted at the project root (compat-spec §6).
//!
//! `.gitignore` files (nested ones and `.git/info/exclude` too) when `use_gitignore`, the config's
//! `ignore_patterns` plus `-e` gitignore-style relative to the root, `-i` patterns first (they
//! re-include even what `.gitignore` excludes), `--force-analyze` drops every exclusion. `.git`,
//! `.hg`, `.svn` and the cache directory are never walked. The result is sorted and de-duplicated.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use ignore::WalkBuilder;
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use ignore::overrides::OverrideBuilder;

/// What to walk and how to filter it.
#[derive(Clone, Debug, Default)]
pub struct Request {
    /// Absolute paths without `.` components, like `root`: patterns match relative to `root`.
    pub inputs: Vec<PathBuf>,
    pub root: PathBuf,
    pub extensions: Vec<String>,
    pub ignore_patterns: Vec<String>,
    pub include_patterns: Vec<String>,
    pub use_gitignore: bool,
    pub force: bool,
    /// Other configured languages (name, extensions): their files are counted, not analysed,
    /// and named in one warning.
    pub other_languages: Vec<(String, Vec<String>)>,
    /// The configuration found for this run (`None`: none, the defaults), when each file is to be
    /// analysed only under its closest configuration: a directory with a configuration of its
    /// own, and an input another configuration governs, are left out with a warning. `None` when
    /// one configuration applies to everything (`--config`, `--isolated`).
    pub closest_config: Option<Option<PathBuf>>,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("invalid pattern '{pattern}': {source}")]
    Pattern {
        pattern: String,
        source: ignore::Error,
    },
}

const NEVER_WALKED: &[&str] = &[".git", ".hg", ".svn", ".antipasta_cache"];

/// The files to analyse, sorted, and warnings (walk errors) to show.
pub fn discover(req: &Request) -> Result<(Vec<PathBuf>, Vec<String>), Error> {
    let ignores = matcher(
        &req.root,
        if req.force { &[] } else { &req.ignore_patterns },
    )?;
    let includes = match req.force {
        true => None,
        false => includes(req)?,
    };
    let mut gitignores = HashMap::new();
    let mut walked = Walked {
        files: Vec::new(),
        warnings: Vec::new(),
        nested: std::sync::Arc::new(std::sync::Mutex::new(Vec::new())),
    };
    let mut skipped = 0usize;
    for input in &req.inputs {
        if input.symlink_metadata().is_err() {
            // Reported as that file's error (class `not-found`), like ruff's E902: the rest of
            // the run goes on.
            walked.files.push(input.clone());
            continue;
        }
        if let Some(own) = &req.closest_config {
            let dir = if input.is_dir() {
                input.as_path()
            } else {
                input.parent().unwrap_or(input)
            };
            let governing = crate::config::discover(dir);
            if governing != *own {
                walked
                    .warnings
                    .push(elsewhere(input, governing.as_deref(), own.as_deref()));
                continue;
            }
        }
        // Patterns are relative to the project root (the configuration's directory); say so
        // rather than silently not applying them.
        if !req.force && !req.ignore_patterns.is_empty() && !input.starts_with(&req.root) {
            walked.warnings.push(format!(
                "{} is outside the project root {} (the configuration's directory): the ignore \
                 patterns and -e, relative to that root, do not apply to it",
                input.display(),
                req.root.display()
            ));
        }
        if !input.is_dir() {
            // An explicit file goes through the same matcher as a walked one (compat-spec §6.3):
            // `-i` keeps it, else the ignore patterns and `.gitignore` may exclude it; a file of
            // no configured language is left out with a warning, never parsed as Python.
            if !has_extension(input, &req.extensions) {
                walked.warnings.push(format!(
                    "{}: not a file of a configured language ({}); not analysed",
                    input.display(),
                    req.extensions.join(", ")
                ));
                continue;
            }
            let included = includes
                .as_ref()
                .is_some_and(|o| o.matched(input, false).is_whitelist());
            let ignored = !req.force
                && (excluded(&ignores, &req.root, input, false)
                    || (req.use_gitignore && git_ignored(&req.root, input, &mut gitignores)));
            if included || !ignored {
                walked.files.push(input.clone());
            }
            continue;
        }
        let gitignore = req.use_gitignore && !req.force;
        skipped += walk(req, input, gitignore, &ignores, None, &mut walked);
        if let Some(overrides) = &includes {
            // Included files beat every exclusion: a second walk that sees only them.
            walk(
                req,
                input,
                false,
                &Gitignore::empty(),
                Some(overrides.clone()),
                &mut walked,
            );
        }
    }
    walked.files.sort_unstable_by(|a, b| path_order(a, b));
    walked.files.dedup();
    let mut nested = std::mem::take(&mut *walked.nested.lock().unwrap_or_else(|e| e.into_inner()));
    nested.sort();
    nested.dedup();
    for dir in nested {
        let governing = crate::config::in_dir(&dir);
        let own = req.closest_config.clone().flatten();
        walked
            .warnings
            .push(elsewhere(&dir, governing.as_deref(), own.as_deref()));
    }
    if skipped > 0 {
        let names: Vec<&str> = req
            .other_languages
            .iter()
            .map(|(n, _)| n.as_str())
            .collect();
        walked.warnings.push(format!(
            "{skipped} file{} of {} not analysed: antipasta analyses Python only",
            if skipped == 1 { "" } else { "s" },
            names.join(", ")
        ));
    }
    Ok((walked.files, walked.warnings))
}

/// What the walks found: files, warnings, and directories that hold another configuration.
struct Walked {
    files: Vec<PathBuf>,
    warnings: Vec<String>,
    nested: std::sync::Arc<std::sync::Mutex<Vec<PathBuf>>>,
}

fn walk(
    req: &Request,
    input: &Path,
    gitignore: bool,
    ignores: &Gitignore,
    overrides: Option<ignore::overrides::Override>,
    out: &mut Walked,
) -> usize {
    let (files, warnings, nested) = (&mut out.files, &mut out.warnings, &out.nested);
    let others: Vec<String> = req
        .other_languages
        .iter()
        .flat_map(|(_, e)| e.iter().map(|e| e.to_ascii_lowercase()))
        .collect();
    let mut other_files = 0;
    let mut errors = Vec::new();
    let mut builder = WalkBuilder::new(input);
    builder
        .hidden(false)
        .parents(gitignore)
        .ignore(false)
        .git_global(false)
        .git_ignore(gitignore)
        .git_exclude(gitignore)
        .require_git(false)
        // Unsorted: the files are sorted once, at the end, on bytes (`path_order`).
        .follow_links(false);
    if let Some(o) = overrides {
        builder.overrides(o);
    }
    // Below the input every directory walked was tested and kept, so an entry is tested alone,
    // not with each of its parents again; the input's own parents are tested once, here.
    if input != req.root && excluded(ignores, &req.root, input, true) {
        return 0;
    }
    let root = req.root.clone();
    let ignores = ignores.clone();
    let closest = req.closest_config.is_some();
    let nested = nested.clone();
    builder.filter_entry(move |entry| {
        let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
        if is_dir && NEVER_WALKED.iter().any(|n| entry.file_name() == *n) {
            return false;
        }
        if entry.depth() == 0 {
            return true;
        }
        if excluded_alone(&ignores, &root, entry.path(), is_dir) {
            return false;
        }
        // A directory with its own configuration is that configuration's to analyse.
        if closest && is_dir && crate::config::in_dir(entry.path()).is_some() {
            nested
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(entry.path().to_path_buf());
            return false;
        }
        true
    });
    for entry in builder.build() {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|t| !t.is_dir());
                if is_file && has_extension(entry.path(), &req.extensions) {
                    files.push(entry.into_path());
                } else if is_file && has_extension(entry.path(), &others) {
                    other_files += 1;
                }
            }
            Err(err) => errors.push(err.to_string()),
        }
    }
    // In directory-listing order: sorted, so that the warnings are the same on every run.
    errors.sort();
    warnings.append(&mut errors);
    other_files
}

/// The warning for an input or a directory that another configuration governs.
fn elsewhere(path: &Path, governing: Option<&Path>, own: Option<&Path>) -> String {
    let name = |p: Option<&Path>| match p {
        Some(p) => p.display().to_string(),
        None => "no configuration (the defaults)".to_string(),
    };
    format!(
        "{} is governed by {}, not by this run's {}: not analysed here (each file is checked only \
         under its closest configuration: run antipasta from there, or pass --config to apply one \
         configuration to everything)",
        path.display(),
        name(governing),
        name(own)
    )
}

/// The `-i` patterns as one whitelist; `None` when there are none.
fn includes(req: &Request) -> Result<Option<ignore::overrides::Override>, Error> {
    if req.include_patterns.is_empty() {
        return Ok(None);
    }
    let mut ob = OverrideBuilder::new(&req.root);
    for p in &req.include_patterns {
        ob.add(p).map_err(|source| Error::Pattern {
            pattern: p.clone(),
            source,
        })?;
    }
    let overrides = ob.build().map_err(|source| Error::Pattern {
        pattern: req.include_patterns.join(", "),
        source,
    })?;
    Ok(Some(overrides))
}

/// Whether the `.gitignore` files from the root down to the file's directory (and the
/// repository's `info/exclude`) exclude it, as the walk would have.
/// `matchers` keeps each ignore file's matcher for the run (pre-commit names thousands of files
/// in a few directories).
fn git_ignored(
    root: &Path,
    path: &Path,
    matchers: &mut HashMap<PathBuf, Option<Gitignore>>,
) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let mut dir = root.to_path_buf();
    let mut files = vec![root.join(".git/info/exclude")];
    for part in rel.parent().into_iter().flat_map(Path::components) {
        files.push(dir.join(".gitignore"));
        dir.push(part);
    }
    files.push(dir.join(".gitignore"));
    // Each file's patterns are relative to its own directory; a deeper file's rules win.
    let mut ignored = false;
    for file in files {
        let gi = matchers.entry(file).or_insert_with_key(|file| {
            let base = match file.ends_with(".git/info/exclude") {
                true => root.to_path_buf(),
                false => file
                    .parent()
                    .map_or_else(|| root.to_path_buf(), Path::to_path_buf),
            };
            let mut b = GitignoreBuilder::new(&base);
            b.add(file);
            file.is_file().then(|| b.build().ok()).flatten()
        });
        let Some(gi) = gi else { continue };
        match gi.matched_path_or_any_parents(path, false) {
            ignore::Match::Ignore(_) => ignored = true,
            ignore::Match::Whitelist(_) => ignored = false,
            ignore::Match::None => {}
        }
    }
    ignored
}

/// Compared as bytes: a name that is not UTF-8 (`b\xff.py`) is a Python file like any other.
fn has_extension(path: &Path, extensions: &[String]) -> bool {
    let name = path.file_name().map_or(&[][..], |n| n.as_encoded_bytes());
    let lower = name.to_ascii_lowercase();
    extensions
        .iter()
        .any(|e| lower.ends_with(e.as_bytes()) && lower.len() > e.len())
}

fn matcher(root: &Path, patterns: &[String]) -> Result<Gitignore, Error> {
    let mut b = GitignoreBuilder::new(root);
    for p in patterns {
        b.add_line(None, p).map_err(|source| Error::Pattern {
            pattern: p.clone(),
            source,
        })?;
    }
    b.build().map_err(|source| Error::Pattern {
        pattern: patterns.join(", "),
        source,
    })
}

/// Patterns apply only inside the root, matched relative to it (compat-spec §10 bug 19).
fn excluded(ignores: &Gitignore, root: &Path, path: &Path, is_dir: bool) -> bool {
    under(root, path)
        .is_some_and(|rel| ignores.matched_path_or_any_parents(rel, is_dir).is_ignore())
}

/// [`excluded`] for a path whose parents are known not to be.
fn excluded_alone(ignores: &Gitignore, root: &Path, path: &Path, is_dir: bool) -> bool {
    under(root, path).is_some_and(|rel| ignores.matched(rel, is_dir).is_ignore())
}

/// `path.strip_prefix(root)` for the clean absolute paths of a walk, on bytes.
fn under<'a>(root: &Path, path: &'a Path) -> Option<&'a Path> {
    let (r, p) = (
        root.as_os_str().as_encoded_bytes(),
        path.as_os_str().as_encoded_bytes(),
    );
    let rest = p.strip_prefix(r)?;
    let rest = match (r.last(), rest.first()) {
        (Some(b'/'), _) => rest,
        (_, None) => rest,
        (_, Some(b'/')) => &rest[1..],
        _ => return None,
    };
    use std::os::unix::ffi::OsStrExt;
    Some(Path::new(std::ffi::OsStr::from_bytes(rest)))
}

/// The order of `Path::cmp` (component by component) for clean paths, on bytes: a separator
/// sorts before every other byte.
fn path_order(a: &Path, b: &Path) -> std::cmp::Ordering {
    // No other byte is 0: a path holds no NUL.
    let key = |c: &u8| if *c == b'/' { 0 } else { *c };
    let (a, b) = (
        a.as_os_str().as_encoded_bytes(),
        b.as_os_str().as_encoded_bytes(),
    );
    a.iter().map(key).cmp(b.iter().map(key))
}

/// Whether a file named by git (staged, or in a revision) is one this request checks: under one
/// of the inputs (any, when there are none), with a checked extension, and not excluded by the
/// ignore patterns (`.gitignore` does not apply: git tracks the file).
/// Under `closest_config`, the warning for a file (named by git) that another configuration
/// governs: it is left out of this run, as the walk leaves out such a directory.
pub fn governed_elsewhere(req: &Request, path: &Path) -> Option<String> {
    let own = req.closest_config.as_ref()?;
    let governing = crate::config::discover(path.parent().unwrap_or(path));
    (governing != *own).then(|| elsewhere(path, governing.as_deref(), own.as_deref()))
}

pub fn selects(req: &Request, path: &Path) -> Result<bool, Error> {
    Ok(selector(req)?(path))
}

/// [`selects`] for many paths: the matcher built once.
pub fn selector(req: &Request) -> Result<impl Fn(&Path) -> bool + '_, Error> {
    let ignores = matcher(
        &req.root,
        if req.force { &[] } else { &req.ignore_patterns },
    )?;
    Ok(move |path: &Path| {
        let under = req.inputs.is_empty() || req.inputs.iter().any(|i| path.starts_with(i));
        under && has_extension(path, &req.extensions) && !excluded(&ignores, &req.root, path, false)
    })
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    #[test]
    fn path_order_is_component_order() {
        let mut paths: Vec<PathBuf> = [
            "/r/a-b.py",
            "/r/a/b.py",
            "/r/a0.py",
            "/r/a.py",
            "/r/ab/c.py",
            "/r/a/b/c.py",
            "/r/A.py",
            "/r/a b.py",
            "/r/é.py",
            "/r/z.py",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let mut by_components = paths.clone();
        by_components.sort();
        paths.sort_by(|a, b| super::path_order(a, b));
        assert_eq!(paths, by_components);
    }

    #[test]
    fn under_is_strip_prefix_on_clean_paths() {
        for (root, path) in [
            ("/r", "/r/a/b.py"),
            ("/r", "/r"),
            ("/r", "/rr/a.py"),
            ("/", "/a.py"),
            ("/r/", "/r/a.py"),
        ] {
            let (root, path) = (Path::new(root), Path::new(path));
            assert_eq!(
                super::under(root, path),
                path.strip_prefix(root).ok(),
                "{path:?}"
            );
        }
    }

    #[test]
    fn an_input_inside_an_excluded_directory_is_excluded_whole() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("build/sub")).unwrap();
        std::fs::write(root.join("build/sub/x.py"), "x = 1\n").unwrap();
        std::fs::write(root.join("kept.py"), "x = 1\n").unwrap();
        let request = |input: PathBuf| super::Request {
            inputs: vec![input],
            root: root.clone(),
            extensions: vec![".py".to_string()],
            other_languages: Vec::new(),
            ignore_patterns: vec!["build/".to_string()],
            include_patterns: Vec::new(),
            use_gitignore: false,
            force: false,
            closest_config: None,
        };
        let (files, _) = super::discover(&request(root.join("build/sub"))).unwrap();
        assert!(files.is_empty(), "{files:?}");
        let (files, _) = super::discover(&request(root.clone())).unwrap();
        assert_eq!(files, vec![root.join("kept.py")]);
    }
}
