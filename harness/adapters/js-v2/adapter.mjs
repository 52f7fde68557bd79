// SPDX-License-Identifier: Apache-2.0
//
// harness/adapters/js-v2/adapter.mjs: the AWS SDK for JavaScript v2 adapter
// (docs/DESIGN.md), speaking ../PROTOCOL.md (version 3) on stdin/stdout. It
// uses `aws-sdk` 2.1693.0, the last v2 release (pinned by package-lock.json,
// installed with `npm ci` by tools/install-adapters), and builds its client
// from the model file each hello names: `new AWS.Service({apiConfig})` takes
// the botocore-style JSON model as v2's own apis/*.json are, so any rest-json
// model works. The one change made to the model: a model that lists its
// protocols (`metadata.protocols`, newer models) but has no
// `metadata.protocol` gets the first one v2 knows (v2 reads only
// `protocol`), and one without `signatureVersion` gets "v4" (v2 has no
// default signer; every rest-json AWS service signs with SigV4).
//
// Per vector it prints the result document of what the SDK did:
//   an error after a response with status >= 300 (v2 extractError, from
//   the X-Amzn-Errortype header and the body's __type/code)
//       -> error {code, message, httpStatus, fault, modeled, members}
//          modeled: v2 has no exception classes; the code names an error
//          shape of the model (its name or error.code), which is what v2
//          resolves the code against when it matches.
//          members: v2 parses no error shape; it copies every body key of
//          the error onto the error object (non-enumerable, under the wire
//          name, the raw JSON value). The modeled members other than the
//          message are read from there, by wire name, as v2 exposes them;
//          members bound to headers are not parsed by v2 and stay absent.
//   any other error after a response arrived -> clientError deserialization
//   connection errors (NetworkingError, ECONNREFUSED, TimeoutError, ...)
//       -> clientError transport
//   other errors before sending (param validation) -> clientError validation
//   success -> output: Date -> epoch seconds, Buffer -> base64.
//
// maxRetries 0: a retry would be a second request the endpoint counts.
// Hermetic: shared config files and profiles are switched off before the SDK
// loads. v2's end-of-support notice (a process warning) and anything the
// SDK logs go to stderr: stdout carries only protocol lines.
import { createRequire } from "node:module";
import { CUT, MAX_DEPTH, lookupUnder, messageOf, safeText } from "../lib/node-common.mjs";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";

for (const k of Object.keys(process.env)) {
  if (k.startsWith("AWS_")) delete process.env[k];
}
process.env.AWS_CONFIG_FILE = "/dev/null";
process.env.AWS_SHARED_CREDENTIALS_FILE = "/dev/null";
process.env.AWS_EC2_METADATA_DISABLED = "true";
process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = "1";
// Nothing but protocol lines on stdout, whoever calls console.log.
console.log = console.info = console.debug = (...a) => console.error(...a);

const PROTOCOL = 3;

function log(msg) {
  process.stderr.write(`js-v2-adapter: ${msg}\n`);
}

// Strict JSON (RFC 8259 §8.2, and the harness's parser) cannot carry a lone
// surrogate, which a JavaScript string holds when the SDK accepted one from
// a response: it becomes U+FFFD (logged), so the result still shows that
// the SDK took the value rather than failing.
function wellFormed(value, where) {
  if (typeof value === "string") {
    const fixed = value.toWellFormed ? value.toWellFormed()
      : value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
        "\ufffd");
    if (fixed !== value) log(`lone surrogate in ${where} replaced by U+FFFD in the result`);
    return fixed;
  }
  if (Array.isArray(value)) return value.map((v) => wellFormed(v, where));
  if (value && typeof value === "object") {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[wellFormed(k, where)] = wellFormed(v, `${where}.${k}`);
    return out;
  }
  return value;
}

function send(obj) {
  process.stdout.write(JSON.stringify(wellFormed(obj, "$")) + "\n");
}

// The result-document JSON form of an SDK output value.
function normalize(value, depth = 0) {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return value.getTime() / 1000;
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  if (depth >= MAX_DEPTH && typeof value === "object") return CUT;
  if (Array.isArray(value)) return value.map((v) => normalize(v, depth + 1) ?? null);
  if (typeof value === "object") {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      const n = normalize(v, depth + 1);
      if (n !== undefined) out[k] = n;
    }
    return out;
  }
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "number" && !Number.isFinite(value)) {
    // JSON has no NaN/Infinity (RFC 8259 §6): sent as their names, logged.
    log(`non-finite number ${value} in the output sent as a string`);
    return String(value);
  }
  return value;
}

const TRANSPORT_CODES = new Set(["NetworkingError", "TimeoutError", "ECONNREFUSED", "ECONNRESET",
  "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);

const rl = createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
const lines = rl[Symbol.asyncIterator]();

const first = await lines.next();
if (first.done) process.exit(0);
const hello = JSON.parse(first.value).hello;

let AWS;
let version = "unknown";
try {
  const require = createRequire(import.meta.url);
  AWS = require("aws-sdk");
  version = AWS.VERSION;
} catch (e) {
  send({ unavailable: { reason: `node cannot import aws-sdk (${e.message}); run tools/install-adapters` } });
  process.exit(0);
}

// The protocols v2 implements (lib/protocol/).
const V2_PROTOCOLS = ["rest-json", "json", "rest-xml", "query", "ec2"];

class Unavailable extends Error {}

// A v2 client built from one hello's model, and what the result documents
// need from the model.
class Service {
  constructor(h) {
    const path = h.model;
    if (!path) throw new Unavailable("the hello names no model file (harness adapter protocol 3 sends one)");
    let model;
    try {
      model = JSON.parse(readFileSync(path, "utf8"));
    } catch (e) {
      throw new Unavailable(`cannot read the model ${path}: ${e.message}`);
    }
    const md = model && model.metadata;
    if (!md || typeof md !== "object") throw new Unavailable(`the model ${path} has no metadata`);
    if (!md.protocol && Array.isArray(md.protocols)) {
      md.protocol = md.protocols.find((p) => V2_PROTOCOLS.includes(p));
    }
    if (!V2_PROTOCOLS.includes(md.protocol)) {
      throw new Unavailable(`aws-sdk ${version} has no protocol ${JSON.stringify(md.protocol ?? md.protocols)}`);
    }
    if (!md.signatureVersion) md.signatureVersion = "v4";
    this.model = model;
    this.path = path;
    const creds = h.credentials || {};
    try {
      this.client = new AWS.Service({
        apiConfig: model,
        endpoint: h.endpoint,
        region: h.region || "us-east-1",
        credentials: new AWS.Credentials({
          accessKeyId: creds.accessKeyId,
          secretAccessKey: creds.secretAccessKey,
          ...(creds.sessionToken ? { sessionToken: creds.sessionToken } : {}),
        }),
        sslEnabled: String(h.endpoint).startsWith("https:"),
        maxRetries: 0,
        // lookup reaches http.request through httpOptions (lib/http/node.js
        // copies them into the request options).
        httpOptions: { connectTimeout: 5000, timeout: 8000, lookup: lookupUnder(h.endpoint) },
      });
    } catch (e) {
      log(`cannot build a client from ${path}: ${e.stack || e}`);
      throw new Unavailable(`aws-sdk ${version} cannot build a client from ${path}: ${e.message}`);
    }
    // Error shapes by the codes they answer to: error.code, else the name
    // (botocore's Shape.error_code; v2 matches the code it parsed as is).
    this.errors = new Map();
    for (const [name, s] of Object.entries(model.shapes || {})) {
      if (!s || s.type !== "structure" || !(s.exception || s.error)) continue;
      this.errors.set((s.error && s.error.code) || name, s);
      if (!this.errors.has(name)) this.errors.set(name, s);
    }
  }

  errorDoc(e, status) {
    // v2 passes the body's code through whatever its JSON type
    const doc = { code: typeof e.code === "string" || e.code == null ? String(e.code)
      : `(not a string: ${Array.isArray(e.code) ? "array" : typeof e.code})` };
    const message = messageOf(e.message);
    if (message !== undefined) doc.message = message;
    const shape = this.errors.get(doc.code);
    doc.modeled = shape !== undefined;
    if (typeof status === "number") doc.httpStatus = status;
    let fault = typeof status === "number" && status >= 500 ? "server" : "client";
    if (shape) {
      const err = shape.error || {};
      if (shape.fault) fault = "server";
      else if (err.senderFault) fault = "client";
      else if (typeof err.httpStatusCode === "number") fault = err.httpStatusCode >= 500 ? "server" : "client";
    }
    doc.fault = fault;
    if (shape) {
      const members = {};
      for (const [name, m] of Object.entries(shape.members || {})) {
        const wire = (m && m.locationName) || name;
        if (name.toLowerCase() === "message" || wire.toLowerCase() === "message") continue;
        if (m && m.location) continue; // header/status members: v2 does not parse them
        const v = normalize(e[wire]);
        if (v !== undefined) members[name] = v;
      }
      if (Object.keys(members).length) doc.members = members;
    }
    return { error: doc };
  }

  async call(operation, params) {
    const op = operation.charAt(0).toLowerCase() + operation.slice(1);
    if (!this.client.api.operations[op]) {
      return { clientError: { kind: "unsupported", message: `the model has no operation ${operation}` } };
    }
    let status;
    const req = this.client.makeRequest(op, params);
    req.on("httpHeaders", (statusCode) => {
      status = statusCode;
    });
    try {
      const out = await req.promise();
      return { output: normalize({ ...out }) ?? {} };
    } catch (e) {
      const message = `${safeText(e && e.code)}: ${safeText(e && e.message)}`;
      if (status !== undefined && status >= 300) return this.errorDoc(e, status);
      log(`${operation}: ${e && typeof e.stack === "string" ? e.stack : message}`);
      if (status !== undefined) return { clientError: { kind: "deserialization", message } };
      if (e && TRANSPORT_CODES.has(e.code)) return { clientError: { kind: "transport", message } };
      return { clientError: { kind: "validation", message } };
    }
  }
}

const READY = { ready: { name: "js-v2", version: `aws-sdk ${version}, node ${process.versions.node}`, protocol: PROTOCOL } };
// One client per model file and endpoint, built on its first hello
// (PROTOCOL.md "Models"; the endpoint changes with a vector's base path).
const services = new Map();

function onHello(h) {
  const key = JSON.stringify([h.model ?? null, h.endpoint ?? null]);
  if (!services.has(key)) {
    try {
      services.set(key, new Service(h));
    } catch (e) {
      if (!(e instanceof Unavailable)) throw e;
      return [null, { unavailable: { reason: e.message } }];
    }
  }
  return [services.get(key), READY];
}

let [svc, answer] = onHello(hello);
send(answer);
if (!svc) process.exit(0);

for (;;) {
  const next = await lines.next();
  if (next.done) break;
  if (!next.value.trim()) continue;
  const req = JSON.parse(next.value);
  if (req.hello) {
    [svc, answer] = onHello(req.hello);
    send(answer);
    continue;
  }
  const doc = svc ? await svc.call(req.operation, req.params || {})
    : { clientError: { kind: "unsupported", message: "no model is loaded (the last hello was answered unavailable)" } };
  send({ id: req.id, ...doc });
}
process.exit(0);
