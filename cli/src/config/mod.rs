//! `antipasta config`: `generate`, `validate`, `view` (compat-spec §2.7–2.9) and `schema`.

mod generate;
mod view;

use std::path::Path;

use engine::config::{self, Config, Error};

use crate::Exit;
use crate::args::ConfigCommand;
use crate::printer;

pub(crate) fn run(command: ConfigCommand) -> anyhow::Result<Exit> {
    match command {
        ConfigCommand::Generate {
            output,
            non_interactive,
        } => generate::run(&output, non_interactive),
        ConfigCommand::Validate { config_file } => Ok(validate(&config_file)),
        ConfigCommand::View { path, format, .. } => Ok(view::run(&path, format)),
        ConfigCommand::Schema => {
            printer::out(config::SCHEMA);
            Ok(Exit::Clean)
        }
    }
}

/// Loads a file for `validate` and `view`, printing its unknown keys; errors are returned.
fn load(path: &Path) -> Result<Config, Error> {
    let shown = printer::shown_path(path);
    let (loaded, warnings) = config::load_with_warnings(path, &shown);
    for w in warnings {
        printer::note(&format!("warning: {w}"));
    }
    loaded
}

fn validate(path: &Path) -> Exit {
    let shown = printer::shown_path(path);
    if !path.is_file() {
        printer::note(&format!(
            "Error: Invalid value for '[CONFIG_FILE]': Path '{shown}' does not exist."
        ));
        return Exit::Error;
    }
    match load(path) {
        Ok(c) => {
            let mut text = format!(
                "✅ Configuration file is valid: {shown}\n\nConfiguration summary:\n  Languages: {}\n",
                c.languages.len()
            );
            for l in &c.languages {
                text.push_str(&format!("    - {}: {} metrics\n", l.name, l.metrics.len()));
            }
            text.push_str(&format!("  Ignore patterns: {}\n", c.ignore_patterns.len()));
            printer::out(&text);
            Exit::Clean
        }
        Err(Error::Invalid(problems)) => {
            printer::note(&format!(
                "❌ Configuration validation failed: {shown}\n\nValidation errors:"
            ));
            for p in problems {
                printer::note(&format!("  - {}", p.located()));
            }
            Exit::Error
        }
        Err(e) => {
            printer::note(&format!("❌ Error loading configuration: {e}"));
            Exit::Error
        }
    }
}
