// SPDX-License-Identifier: Apache-2.0
//
// harness/adapters/js-v3/adapter.mjs: the AWS SDK for JavaScript v3 adapter
// (docs/DESIGN.md), speaking ../PROTOCOL.md (version 3) on stdin/stdout. A
// v3 client is generated per service and carries its own model, so the
// adapter serves the service a hello names with its package
// @aws-sdk/client-<name> (<name>: the hyphenated lower-case serviceId, as
// the v3 packages are named) when that package is installed here, and
// answers `unavailable` otherwise, saying how to add it. DataZone
// (@aws-sdk/client-datazone) is pinned by package-lock.json and installed
// with `npm ci` by tools/install-adapters. It calls the client against the
// harness's mock endpoint and prints, per vector, the result document of
// what the SDK did:
//
//   a service exception (instanceof <Name>ServiceException)
//       -> error {code: name, message, httpStatus: $metadata.httpStatusCode,
//                 fault: $fault, modeled: one of the client's exported
//                 exception classes, not the generic base class,
//                 members: see errorMembers (PROTOCOL.md version 2)}
//   any other error after the response arrived (the deserializer middleware
//   tags those with a hidden $response; JSON syntax errors carry
//   $responseBodyText) -> clientError deserialization
//   connection errors (ECONNREFUSED, ECONNRESET, ...) -> clientError transport
//   other errors before sending (a missing label: the SDK refuses the
//   params) -> clientError validation
//   success -> output, with $metadata dropped and {$unknown: [tag, value]}
//   union members turned into {"SDK_UNKNOWN_MEMBER": {"name": tag}}
//
// maxAttempts 1: a retry would be a second request the endpoint counts.
// Hermetic: shared config files and profiles are switched off before the SDK
// loads, so nothing from the machine running the harness changes its
// behaviour.
import { createRequire } from "node:module";
import { CUT, MAX_DEPTH, lookupUnder, messageOf, safeText } from "../lib/node-common.mjs";
import { createInterface } from "node:readline";

for (const k of Object.keys(process.env)) {
  if (k.startsWith("AWS_")) delete process.env[k];
}
process.env.AWS_CONFIG_FILE = "/dev/null";
process.env.AWS_SHARED_CREDENTIALS_FILE = "/dev/null";
process.env.AWS_EC2_METADATA_DISABLED = "true";

const PROTOCOL = 3;

function log(msg) {
  process.stderr.write(`js-v3-adapter: ${msg}\n`);
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
    if (Object.prototype.hasOwnProperty.call(value, "$unknown") && Array.isArray(value.$unknown)) {
      return { SDK_UNKNOWN_MEMBER: { name: safeText(value.$unknown[0]) } };
    }
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      const n = normalize(v, depth + 1);
      if (n !== undefined) out[k] = n;
    }
    return out;
  }
  if (typeof value === "bigint") return Number(value);
  return value;
}

const TRANSPORT_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT",
  "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "ERR_HTTP2_STREAM_ERROR"]);

const rl = createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
const lines = rl[Symbol.asyncIterator]();

const first = await lines.next();
if (first.done) process.exit(0);
const hello = JSON.parse(first.value).hello;
const require = createRequire(import.meta.url);

class Unavailable extends Error {}

// The v3 client of the service a hello names. The package name follows the
// v3 naming (serviceId lower-cased, spaces as hyphens: "DataZone" ->
// client-datazone, "EKS Auth" -> client-eks-auth); the exports are found
// by the one <Name>ServiceException the package has.
class Service {
  constructor(h) {
    const svc = h.service || {};
    const id = svc.serviceId || svc.endpointPrefix;
    if (!id) throw new Unavailable("the hello names no service (harness adapter protocol 3 sends one)");
    const name = String(id).toLowerCase().replace(/ /g, "-");
    this.pkg = `@aws-sdk/client-${name}`;
    try {
      // require(), not import(): the package's CommonJS build is one bundled
      // file, its ES-module build hundreds, which costs ~150 ms at start.
      this.sdk = require(this.pkg);
    } catch (e) {
      if (e && e.code === "MODULE_NOT_FOUND" && String(e.message).includes(this.pkg)) {
        throw new Unavailable(`${this.pkg} is not installed: a v3 client carries its own model, `
          + `so js-v3 serves only services whose package is installed; add it with `
          + `\`npm install ${this.pkg}\` in harness/adapters/js-v3`);
      }
      throw new Unavailable(`node cannot import ${this.pkg} (${e.message}); run tools/install-adapters`);
    }
    try {
      this.version = require(`${this.pkg}/package.json`).version;
    } catch (e) {
      this.version = "unknown";
      log(`cannot read the package version: ${e}`);
    }
    const base = Object.keys(this.sdk).filter((k) => /ServiceException$/.test(k)
      && typeof this.sdk[k] === "function");
    const prefix = base.length === 1 ? base[0].slice(0, -"ServiceException".length) : null;
    const Client = prefix && this.sdk[`${prefix}Client`];
    if (typeof Client !== "function") {
      throw new Unavailable(`${this.pkg} ${this.version} exports no single <Name>ServiceException and <Name>Client`);
    }
    this.BaseException = this.sdk[base[0]];
    const BaseException = this.BaseException;
    this.modeledClasses = new Set(Object.entries(this.sdk)
      .filter(([n, v]) => typeof v === "function" && /Exception$/.test(n) && v !== BaseException
        && v.prototype instanceof BaseException)
      .map(([, v]) => v));
    const creds = h.credentials || {};
    const lookup = lookupUnder(h.endpoint);
    this.client = new Client({
      endpoint: h.endpoint,
      region: h.region || "us-east-1",
      credentials: {
        accessKeyId: creds.accessKeyId,
        secretAccessKey: creds.secretAccessKey,
        ...(creds.sessionToken ? { sessionToken: creds.sessionToken } : {}),
      },
      maxAttempts: 1,
      // Agent options, merged into the handler's own defaults (keep-alive,
      // 50 sockets: @smithy/node-http-handler resolveDefaultConfig).
      requestHandler: { httpAgent: { lookup }, httpsAgent: { lookup } },
    });
  }
}

// The member names of a modeled exception. The SDK sets the modeled members
// as own properties of the exception, but it also copies every other key
// of the error body onto it (decorateServiceException), so own properties
// alone would report unmodeled body keys (`code`, `__type`, ...) as
// members: the names come from the exception's schema (`<Name>$`, the
// schema-based SDKs) or, for SDKs built before schemas, from what the
// class constructor sets on an empty instance.
let NormalizedSchema = null;
try {
  NormalizedSchema = createRequire(import.meta.url)("@smithy/core/schema").NormalizedSchema;
} catch (e) {
  log(`@smithy/core/schema not loadable (${e.message}): error members from the raw schema`);
}
const BOOKKEEPING = new Set(["$metadata", "$fault", "$response", "$retryable", "$service",
  "name", "message", "Message", "stack", "cause"]);

function memberNames(sdk, e) {
  const schema = sdk[`${e.name}$`];
  if (Array.isArray(schema)) {
    try {
      if (NormalizedSchema) return [...NormalizedSchema.of(schema).structIterator()].map(([n]) => n);
    } catch (err) {
      log(`schema of ${e.name} not readable (${err.message}): using its raw member list`);
    }
    if (Array.isArray(schema[4])) return schema[4].map(String);
  }
  try {
    return Object.keys(new e.constructor({ $metadata: {} })).filter((k) => !BOOKKEEPING.has(k));
  } catch (err) {
    log(`cannot list the members of ${e.name}: ${err.message}`);
    return [];
  }
}

function errorMembers(sdk, e) {
  const members = {};
  for (const name of memberNames(sdk, e)) {
    if (name.toLowerCase() === "message" || BOOKKEEPING.has(name)) continue;
    const v = normalize(e[name]);
    if (v !== undefined) members[name] = v;
  }
  return Object.keys(members).length ? members : undefined;
}

function errorDoc(svc, e) {
  const doc = { code: safeText(e.name) };
  const message = messageOf(e.message);
  if (message !== undefined) doc.message = message;
  doc.modeled = svc.modeledClasses.has(e.constructor);
  const status = e.$metadata && e.$metadata.httpStatusCode;
  if (typeof status === "number") doc.httpStatus = status;
  doc.fault = e.$fault === "server" || e.$fault === "client" ? e.$fault
    : (typeof status === "number" && status >= 500 ? "server" : "client");
  if (doc.modeled) {
    const members = errorMembers(svc.sdk, e);
    if (members) doc.members = members;
  }
  return { error: doc };
}

async function call(svc, operation, params) {
  if (!svc) {
    return { clientError: { kind: "unsupported", message: "no service is loaded (the last hello was answered unavailable)" } };
  }
  const Command = svc.sdk[`${operation}Command`];
  if (typeof Command !== "function") {
    return { clientError: { kind: "unsupported", message: `${svc.pkg} has no ${operation}Command` } };
  }
  try {
    const out = await svc.client.send(new Command(params));
    const copy = { ...out };
    delete copy.$metadata;
    return { output: normalize(copy) ?? {} };
  } catch (e) {
    if (e instanceof svc.BaseException) return errorDoc(svc, e);
    const message = `${safeText(e && e.name)}: ${safeText(e && e.message)}`;
    log(`${operation}: ${e && typeof e.stack === "string" ? e.stack : message}`);
    if (e && (e.$response !== undefined || e.$responseBodyText !== undefined)) {
      return { clientError: { kind: "deserialization", message } };
    }
    if (e && (TRANSPORT_CODES.has(e.code) || e.name === "TimeoutError")) {
      return { clientError: { kind: "transport", message } };
    }
    return { clientError: { kind: "validation", message } };
  }
}

// One client per service and endpoint, built on its first hello
// (PROTOCOL.md "Models"; the endpoint changes with a vector's base path).
const services = new Map();

function onHello(h) {
  const key = JSON.stringify([(h.service || {}).serviceId ?? null, h.endpoint ?? null]);
  if (!services.has(key)) {
    try {
      services.set(key, new Service(h));
    } catch (e) {
      if (!(e instanceof Unavailable)) throw e;
      return [null, { unavailable: { reason: e.message } }];
    }
  }
  const svc = services.get(key);
  return [svc, { ready: { name: "js-v3", version: `${svc.pkg} ${svc.version}, node ${process.versions.node}`, protocol: PROTOCOL } }];
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
  const doc = await call(svc, req.operation, req.params || {});
  send({ id: req.id, ...doc });
}
for (const s of services.values()) s.client.destroy();
process.exit(0);
