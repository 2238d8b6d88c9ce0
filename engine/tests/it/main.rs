//! Integration tests of the engine: oracle goldens, incrementality, configs.

mod incremental;
mod oracle;
mod suppression;
mod violations;
mod watch;
