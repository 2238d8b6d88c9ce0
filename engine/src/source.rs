//! Reading a file before it is parsed: everything that can make one file fail without touching
//! the others (compat-spec §5, reliability.md §2): special files, size, binary content, encoding.

use std::io::Read;
use std::path::Path;

/// Why a file was not analysed. Rendered as the text of the per-file error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileError {
    Read(String),
    NotRegular,
    TooLarge { size: u64, limit: u64 },
    Binary,
    Nul { offset: usize },
    Decode { offset: usize },
    Syntax(queries::SyntaxError),
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FileError::Read(e) => write!(f, "failed to read file: {e}"),
            FileError::NotRegular => write!(f, "failed to read file: not a regular file"),
            FileError::TooLarge { size, limit } => {
                write!(f, "file too large: {size} bytes (limit {limit})")
            }
            FileError::Binary => write!(f, "binary file"),
            FileError::Nul { offset } => write!(f, "NUL byte at offset {offset} (binary file?)"),
            FileError::Decode { offset } => {
                write!(f, "failed to decode file as UTF-8 at byte {offset}")
            }
            FileError::Syntax(e) => {
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
    let io = |e: std::io::Error| FileError::Read(e.to_string());
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
