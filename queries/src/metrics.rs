//! The metrics antipasta knows, one module each, and the registry that names them.

pub(crate) mod cognitive;
pub(crate) mod cyclomatic;
pub(crate) mod halstead;
pub(crate) mod maintainability;
pub(crate) mod raw;

pub use cognitive::Cognitive;
pub use cyclomatic::BlockKind;
pub use halstead::{Halstead, HalsteadCounts};
pub use maintainability::{maintainability_index, mi_rank};
pub use raw::RawMetrics;

/// Every metric type of the original antipasta's config, in its tie-break order (compat-spec §4.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Metric {
    CyclomaticComplexity,
    MaintainabilityIndex,
    HalsteadVolume,
    HalsteadDifficulty,
    HalsteadEffort,
    HalsteadTime,
    HalsteadBugs,
    CognitiveComplexity,
    LinesOfCode,
    LogicalLinesOfCode,
    SourceLinesOfCode,
    CommentLines,
    BlankLines,
}

impl Metric {
    pub const ALL: &[Metric] = &[
        Metric::CyclomaticComplexity,
        Metric::MaintainabilityIndex,
        Metric::HalsteadVolume,
        Metric::HalsteadDifficulty,
        Metric::HalsteadEffort,
        Metric::HalsteadTime,
        Metric::HalsteadBugs,
        Metric::CognitiveComplexity,
        Metric::LinesOfCode,
        Metric::LogicalLinesOfCode,
        Metric::SourceLinesOfCode,
        Metric::CommentLines,
        Metric::BlankLines,
    ];

    /// The config and output name.
    pub fn name(self) -> &'static str {
        match self {
            Metric::CyclomaticComplexity => "cyclomatic_complexity",
            Metric::MaintainabilityIndex => "maintainability_index",
            Metric::HalsteadVolume => "halstead_volume",
            Metric::HalsteadDifficulty => "halstead_difficulty",
            Metric::HalsteadEffort => "halstead_effort",
            Metric::HalsteadTime => "halstead_time",
            Metric::HalsteadBugs => "halstead_bugs",
            Metric::CognitiveComplexity => "cognitive_complexity",
            Metric::LinesOfCode => "lines_of_code",
            Metric::LogicalLinesOfCode => "logical_lines_of_code",
            Metric::SourceLinesOfCode => "source_lines_of_code",
            Metric::CommentLines => "comment_lines",
            Metric::BlankLines => "blank_lines",
        }
    }

    pub fn from_name(name: &str) -> Option<Metric> {
        Metric::ALL.iter().copied().find(|m| m.name() == name)
    }

    /// Per-function metrics have a row for each function; the others one row per file.
    pub fn is_per_function(self) -> bool {
        matches!(
            self,
            Metric::CyclomaticComplexity | Metric::CognitiveComplexity
        )
    }

    /// Integer-valued metrics print without decimals.
    pub fn is_integer(self) -> bool {
        !matches!(
            self,
            Metric::MaintainabilityIndex
                | Metric::HalsteadVolume
                | Metric::HalsteadDifficulty
                | Metric::HalsteadEffort
                | Metric::HalsteadTime
                | Metric::HalsteadBugs
        )
    }
}
