//! Reading a file before it is parsed: everything that can make one file fail without touching
//! the others (compat-spec §5, reliability.md §2): special files, size, binary content, encoding.

use std::io::Read;
use std::path::Path;

/// Why a file was not analysed. Rendered as the text of the per-file error; [`FileError::class`]
/// is its stable name, [`FileError::hint`] what to do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileError {
    Read(String),
    NotFound(String),
    Permission(String),
    NotRegular,
    TooLarge {
        size: u64,
        limit: u64,
    },
    Binary,
    Nul {
        offset: usize,
    },
    Decode {
        offset: usize,
    },
    /// With radon's raw line counts when its tokenizer would still read the file.
    Syntax {
        error: queries::SyntaxError,
        raw: Option<queries::RawMetrics>,
    },
}

/// Every class [`FileError::class`] can name, in the order the documentation lists them.
pub const ERROR_CLASSES: &[&str] = &[
    "read",
    "permission",
    "not-found",
    "special-file",
    "too-large",
    "binary",
    "decode",
    "syntax",
    "nesting-limit",
];

impl FileError {
    /// A read that failed, classed by what the system said.
    pub fn io(e: &std::io::Error) -> FileError {
        let text = e.to_string();
        match e.kind() {
            std::io::ErrorKind::NotFound => FileError::NotFound(text),
            std::io::ErrorKind::PermissionDenied => FileError::Permission(text),
            _ => FileError::Read(text),
        }
    }

    /// The stable class of the error (one of [`ERROR_CLASSES`]).
    pub fn class(&self) -> &'static str {
        match self {
            FileError::Read(_) => "read",
            FileError::NotFound(_) => "not-found",
            FileError::Permission(_) => "permission",
            FileError::NotRegular => "special-file",
            FileError::TooLarge { .. } => "too-large",
            FileError::Binary | FileError::Nul { .. } => "binary",
            FileError::Decode { .. } => "decode",
            FileError::Syntax { error, .. } if error.limit => "nesting-limit",
            FileError::Syntax { .. } => "syntax",
        }
    }

    /// One line of what to do about it.
    pub fn hint(&self) -> &'static str {
        match self {
            FileError::Read(_) => {
                "the read failed midway; check the disk or network mount and run again"
            }
            FileError::NotFound(_) => {
                "the path does not exist (a typo, or removed during the run); check the path"
            }
            FileError::Permission(_) => {
                "grant read access to the file, or exclude it with ignore_patterns or -e"
            }
            FileError::NotRegular => {
                "a FIFO, device or socket is not source; exclude it with ignore_patterns or -e"
            }
            FileError::TooLarge { .. } => {
                "raise max_file_size in the configuration, or exclude the file"
            }
            FileError::Binary | FileError::Nul { .. } => {
                "not Python source; exclude it with ignore_patterns or -e"
            }
            FileError::Decode { .. } => {
                "save the file as UTF-8, the encoding Python source uses by default (PEP 3120)"
            }
            FileError::Syntax { error, .. } if error.limit => {
                "CPython 3.11 refuses this nesting as well; split the expression or block"
            }
            FileError::Syntax { .. } => {
                "fix the syntax error (python3 -m py_compile FILE shows it); until then only the raw line counts are reported, where they can be"
            }
        }
    }

    /// Where in the file, when known: 1-based line and column.
    pub fn position(&self) -> Option<(u32, u32)> {
        match self {
            FileError::Syntax { error, .. } => Some((error.line, error.col)),
            _ => None,
        }
    }

    /// The metrics that need no tree (radon's raw counts), computed on a file that does not parse.
    pub fn partial(&self) -> Option<queries::RawMetrics> {
        match self {
            FileError::Syntax { raw, .. } => *raw,
            _ => None,
        }
    }
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FileError::Read(e) | FileError::NotFound(e) | FileError::Permission(e) => {
                write!(f, "failed to read file: {e}")
            }
            FileError::NotRegular => write!(f, "failed to read file: not a regular file"),
            FileError::TooLarge { size, limit } => {
                write!(f, "file too large: {size} bytes (limit {limit})")
            }
            FileError::Binary => write!(f, "binary file"),
            FileError::Nul { offset } => write!(f, "NUL byte at offset {offset} (binary file?)"),
            FileError::Decode { offset } => {
                write!(f, "failed to decode file as UTF-8 at byte {offset}")
            }
            FileError::Syntax { error: e, .. } => {
                write!(f, "syntax error at {}:{}: {}", e.line, e.col, e.message)
            }
        }
    }
}

/// A file's text, and the stat of the file it was read from when that is proven: the file's
/// fstat was the same before and after the read, and exactly its size in bytes was read. Only a
/// proven read may be recorded as the content of a path or of a git blob.
pub struct Text {
    pub text: String,
    pub proven: Option<crate::store::Stat>,
}

/// Reads a file as UTF-8 text (a BOM is dropped), refusing what cannot be Python source.
pub fn read(path: &Path, limit: u64) -> Result<Text, FileError> {
    let io = |e: std::io::Error| FileError::io(&e);
    // `metadata` follows links: a FIFO or device behind a `.py` name is refused before `open`,
    // which would block forever on a FIFO.
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(FileError::NotRegular);
    }
    if meta.len() > limit {
        return Err(FileError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let before = file.metadata().map_err(io)?;
    if !before.is_file() {
        return Err(FileError::NotRegular);
    }
    let mut bytes = Vec::with_capacity(before.len().min(limit) as usize);
    (&file)
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(FileError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    let after = file.metadata().map_err(io)?;
    let (before, after) = (stat(&before), stat(&after));
    let proven = (before == after && after.size == bytes.len() as u64).then_some(after);
    Ok(Text {
        text: decode(bytes)?,
        proven,
    })
}

pub fn decode(mut bytes: Vec<u8>) -> Result<String, FileError> {
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(if offset < 8000 {
            FileError::Binary
        } else {
            FileError::Nul { offset }
        });
    }
    if bytes.starts_with(b"\xef\xbb\xbf") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| FileError::Decode {
        offset: e.utf8_error().valid_up_to(),
    })
}

/// What the store compares to decide a file is unchanged, from one `lstat`.
pub fn stat(meta: &std::fs::Metadata) -> crate::store::Stat {
    use std::os::unix::fs::MetadataExt;
    crate::store::Stat {
        size: meta.size(),
        mtime_ns: meta.mtime() * 1_000_000_000 + meta.mtime_nsec(),
        ctime_ns: meta.ctime() * 1_000_000_000 + meta.ctime_nsec(),
        ino: meta.ino(),
        dev: meta.dev(),
        mode: meta.mode(),
    }
}
