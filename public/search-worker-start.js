// Bản tin's search worker: loads the search WASM, then hands it every
// message from the app (JSON text, see crates/model/src/search/message.rs).
// Messages that come while the WASM loads wait for it. If the WASM cannot
// load, the error reaches the page as the worker's `error` event, and the
// search area says so with a retry.
import init, { receive } from './bantin-search-worker.js';

const early = [];
onmessage = (event) => early.push(event.data);
await init();
onmessage = (event) => receive(event.data);
for (const data of early) receive(data);
