//! What the command line writes for editors rather than readers: a new
//! content file, an old portal page turned into one, and generated
//! archives for benchmarks. Built on `load`, never on a site's output.

pub mod corpus;
pub mod import;
pub mod new_file;
