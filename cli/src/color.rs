//! Whether a stream is coloured (ecosystem.md §4), and the styles of the human formats.
//!
//! `--color always|never` decides; `auto` colours an attended terminal only, unless `NO_COLOR`
//! (non-empty) says no, `CLICOLOR_FORCE` or `FORCE_COLOR` (non-empty, not `0`) says yes,
//! `CLICOLOR=0` or `TERM=dumb` says no. Machine formats and files are never coloured.

use anstyle::{AnsiColor, Effects, Style};

#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Choice {
    #[default]
    Auto,
    Always,
    Never,
}

/// Whether a stream that is (`terminal`) or is not a terminal gets colour.
pub(crate) fn enabled(choice: Choice, terminal: bool) -> bool {
    match choice {
        Choice::Always => true,
        Choice::Never => false,
        Choice::Auto => {
            let forced =
                |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
            if anstyle_query::no_color() {
                false
            } else if anstyle_query::clicolor_force() || forced("FORCE_COLOR") {
                true
            } else if anstyle_query::clicolor() == Some(false) {
                false
            } else {
                terminal && anstyle_query::term_supports_color()
            }
        }
    }
}

/// The styles a human format paints with; all plain when colour is off.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Paint {
    pub(crate) on: bool,
}

pub(crate) const PATH: Style = Style::new().effects(Effects::BOLD);
pub(crate) const PUNCT: Style = AnsiColor::Cyan.on_default();
pub(crate) const RULE: Style = AnsiColor::Red.on_default().effects(Effects::BOLD);
pub(crate) const DIM: Style = Style::new().effects(Effects::DIMMED);
pub(crate) const GOOD: Style = AnsiColor::Green.on_default().effects(Effects::BOLD);
pub(crate) const BAD: Style = AnsiColor::Red.on_default().effects(Effects::BOLD);
/// Watch mode: a violation that was not there before the last change.
pub(crate) const NEW: Style = AnsiColor::Yellow.on_default().effects(Effects::BOLD);
pub(crate) const WARN: Style = AnsiColor::Yellow.on_default().effects(Effects::BOLD);

impl Paint {
    pub(crate) const PLAIN: Paint = Paint { on: false };

    /// `text` in `style`, or as it is.
    pub(crate) fn paint(self, style: Style, text: &str) -> String {
        match self.on {
            true => format!("{}{text}{}", style.render(), style.render_reset()),
            false => text.to_string(),
        }
    }
}

/// `--color`, set once at start.
static CHOICE: std::sync::OnceLock<Choice> = std::sync::OnceLock::new();

pub(crate) fn set_choice(choice: Choice) {
    let _ = CHOICE.set(choice);
}

fn choice() -> Choice {
    CHOICE.get().copied().unwrap_or_default()
}

/// How the human formats on stdout are painted.
pub(crate) fn stdout() -> Paint {
    use std::io::IsTerminal;
    Paint {
        on: enabled(choice(), std::io::stdout().is_terminal()),
    }
}

/// How status lines and logs on stderr are painted.
pub(crate) fn stderr() -> Paint {
    use std::io::IsTerminal;
    Paint {
        on: enabled(choice(), std::io::stderr().is_terminal()),
    }
}
