//! Integration tests of the engine: oracle goldens, incrementality, configs.

mod incremental;
mod oracle;
mod violations;
mod watch;
