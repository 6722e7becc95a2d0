//! The `hyde` subcommands that are not Jekyll's (Jekyll's own live in
//! main.rs): `hyde liquid`, the template playground.

pub mod liquid;
