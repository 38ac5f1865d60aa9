//! The search worker's entry: the worker's start script
//! (`public/search-worker-start.js`) loads this WASM and hands it every
//! message (`receive`, in the library, linked in by the line below).

extern crate bantin_search_worker;

fn main() {}
