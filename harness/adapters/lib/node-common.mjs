// SPDX-License-Identifier: Apache-2.0
// What the Node.js adapters (js-v2, js-v3) share.
//
// lookupUnder: host names under the endpoint's host resolve as that host
// (PROTOCOL.md "Host names"). A
// model's hostPrefix puts "foo." in front of the loopback address the
// harness serves on, and foo.127.0.0.1 is in no DNS (the machine's
// resolver may stall 5 s before it fails). Only the connection's address
// changes: the Host header and the signature keep the prefixed name.
import { lookup as dnsLookup } from "node:dns";

// A `lookup` for http.request / http.Agent options (Node.js net.connect).
export function lookupUnder(endpoint) {
  let base = "";
  try {
    base = new URL(endpoint).hostname.toLowerCase();
  } catch {
    base = "";
  }
  return (hostname, options, callback) => {
    if (typeof options === "function") [options, callback] = [{}, options];
    const name = String(hostname).toLowerCase().replace(/\.$/, "");
    dnsLookup(base && name.endsWith(`.${base}`) ? base : hostname, options, callback);
  };
}

// Text of a value an SDK handed back where a string belongs (an error's
// message): the SDK may pass the response's JSON through untyped, and
// String() of a 400-deep array overflows the stack, which would end the
// adapter instead of reporting what the SDK returned.
export function safeText(v) {
  if (typeof v === "string") return v;
  try {
    return String(v);
  } catch (e) {
    return `(a ${Array.isArray(v) ? "array" : typeof v} that cannot be shown: ${e && e.name})`;
  }
}
