// Bản tin's search worker: loads the search WASM, then hands it every
// message from the app (JSON text, see crates/model/src/search/message.rs).
// Messages that come while the WASM loads wait for it. If the WASM cannot
// load, the error reaches the page as the worker's `error` event, and the
// search area says so with a retry.
const early = [];
onmessage = (event) => early.push(event.data);
// The WASM is asked for at once, beside its glue, not after the glue has
// come: on a phone, a round trip less before the first search.
const wasm = fetch(new URL('./bantin-search-worker_bg.wasm', import.meta.url));
const { default: init, receive } = await import('./bantin-search-worker.js');
await init({ module_or_path: wasm });
onmessage = (event) => receive(event.data);
for (const data of early) receive(data);
