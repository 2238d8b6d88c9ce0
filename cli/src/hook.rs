//! `antipasta hook install | uninstall`.

use anyhow::Context;
use engine::hook::{self, Installed, Uninstalled};

use crate::Exit;
use crate::args::HookCommand;
use crate::printer;

pub(crate) fn run(command: HookCommand) -> anyhow::Result<Exit> {
    let cwd = std::env::current_dir().context("failed to read the current directory")?;
    let line = match command {
        HookCommand::Install => {
            let exe = std::env::current_exe().context("failed to find this executable")?;
            match hook::install(&cwd, &exe)? {
                Installed::New(h) => format!("Installed {}", h.display()),
                Installed::Chained { hook, legacy } => format!(
                    "Installed {}; the hook that was there is {} and runs first",
                    hook.display(),
                    legacy.display()
                ),
                Installed::Updated(h) => format!("Updated {}", h.display()),
                Installed::Already(h) => format!("Already installed: {}", h.display()),
            }
        }
        HookCommand::Uninstall => match hook::uninstall(&cwd)? {
            Uninstalled::Removed(h) => format!("Removed {}", h.display()),
            Uninstalled::Restored(h) => {
                format!("Removed antipasta's hook; restored {}", h.display())
            }
            Uninstalled::NotOurs(h) => {
                format!("{} is not antipasta's hook: left alone", h.display())
            }
            Uninstalled::Missing(h) => format!("No hook at {}", h.display()),
        },
    };
    printer::note(&line);
    Ok(Exit::Clean)
}
