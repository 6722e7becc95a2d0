//! The `hyde` subcommands that are not Jekyll's (Jekyll's own live in
//! main.rs): `hyde liquid`, the template playground, and `hyde markdown`, the
//! converter on its own.

pub mod liquid;
pub mod markdown;
