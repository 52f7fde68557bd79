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

// The result document's error message (PROTOCOL.md message 4): a string as
// it is; another value the SDK passed through from the body is shown by its
// type, not dropped; absent, null and "" give undefined (no message).
export function messageOf(m) {
  if (typeof m === "string") return m === "" ? undefined : m;
  if (m === undefined || m === null) return undefined;
  return `(not a string: ${Array.isArray(m) ? "array" : typeof m})`;
}

// PROTOCOL.md "JSON traps": a result document nests at most 256 levels; an
// output value deeper than MAX_DEPTH is cut there with CUT (the harness's
// oracle refuses any body nested past 64 levels, so such a value is garbage
// the SDK accepted, and the cut keeps that visible; it also keeps the
// adapter's own recursion and JSON.stringify off the stack limit).
export const MAX_DEPTH = 200;
export const CUT = `(cut by the adapter: nested deeper than ${MAX_DEPTH} levels)`;
