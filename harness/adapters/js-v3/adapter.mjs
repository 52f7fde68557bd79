// SPDX-License-Identifier: Apache-2.0
//
// harness/adapters/js-v3/adapter.mjs: the AWS SDK for JavaScript v3 adapter
// (docs/DESIGN.md), speaking ../PROTOCOL.md on stdin/stdout. It calls
// @aws-sdk/client-datazone (pinned by package-lock.json, installed with
// `npm ci` by tools/install-adapters) against the harness's mock endpoint
// and prints, per vector, the result document of what the SDK did:
//
//   a service exception (instanceof DataZoneServiceException)
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
import { createInterface } from "node:readline";

for (const k of ["AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_DATAZONE", "AWS_DEFAULTS_MODE", "AWS_RETRY_MODE", "AWS_MAX_ATTEMPTS",
    "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_USE_FIPS_ENDPOINT",
    "AWS_USE_DUALSTACK_ENDPOINT"]) {
  delete process.env[k];
}
process.env.AWS_CONFIG_FILE = "/dev/null";
process.env.AWS_SHARED_CREDENTIALS_FILE = "/dev/null";
process.env.AWS_EC2_METADATA_DISABLED = "true";

const CLIENT_PACKAGE = "@aws-sdk/client-datazone";

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
function normalize(value) {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return value.getTime() / 1000;
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  if (Array.isArray(value)) return value.map((v) => normalize(v) ?? null);
  if (typeof value === "object") {
    if (Object.prototype.hasOwnProperty.call(value, "$unknown") && Array.isArray(value.$unknown)) {
      return { SDK_UNKNOWN_MEMBER: { name: String(value.$unknown[0]) } };
    }
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      const n = normalize(v);
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

let sdk;
let version = "unknown";
try {
  // require(), not import(): the package's CommonJS build is one bundled
  // file, its ES-module build hundreds, which costs ~150 ms at start.
  const require = createRequire(import.meta.url);
  sdk = require(CLIENT_PACKAGE);
  try {
    version = require(`${CLIENT_PACKAGE}/package.json`).version;
  } catch (e) {
    log(`cannot read the package version: ${e}`);
  }
} catch (e) {
  send({ unavailable: { reason: `node cannot import ${CLIENT_PACKAGE} (${e.message}); run tools/install-adapters` } });
  process.exit(0);
}

const BaseException = sdk.DataZoneServiceException;
const modeledClasses = new Set(Object.entries(sdk)
  .filter(([name, v]) => typeof v === "function" && /Exception$/.test(name) && v !== BaseException
    && v.prototype instanceof BaseException)
  .map(([, v]) => v));

const creds = hello.credentials || {};
const client = new sdk.DataZoneClient({
  endpoint: hello.endpoint,
  region: hello.region || "us-east-1",
  credentials: {
    accessKeyId: creds.accessKeyId,
    secretAccessKey: creds.secretAccessKey,
    ...(creds.sessionToken ? { sessionToken: creds.sessionToken } : {}),
  },
  maxAttempts: 1,
});

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

function memberNames(e) {
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

function errorMembers(e) {
  const members = {};
  for (const name of memberNames(e)) {
    if (name.toLowerCase() === "message" || BOOKKEEPING.has(name)) continue;
    const v = normalize(e[name]);
    if (v !== undefined) members[name] = v;
  }
  return Object.keys(members).length ? members : undefined;
}

function errorDoc(e) {
  const doc = { code: e.name };
  if (typeof e.message === "string" && e.message !== "") doc.message = e.message;
  doc.modeled = modeledClasses.has(e.constructor);
  const status = e.$metadata && e.$metadata.httpStatusCode;
  if (typeof status === "number") doc.httpStatus = status;
  doc.fault = e.$fault === "server" || e.$fault === "client" ? e.$fault
    : (typeof status === "number" && status >= 500 ? "server" : "client");
  if (doc.modeled) {
    const members = errorMembers(e);
    if (members) doc.members = members;
  }
  return { error: doc };
}

async function call(operation, params) {
  const Command = sdk[`${operation}Command`];
  if (typeof Command !== "function") {
    return { clientError: { kind: "unsupported", message: `${CLIENT_PACKAGE} has no ${operation}Command` } };
  }
  try {
    const out = await client.send(new Command(params));
    const copy = { ...out };
    delete copy.$metadata;
    return { output: normalize(copy) ?? {} };
  } catch (e) {
    if (e instanceof BaseException) return errorDoc(e);
    const message = `${e && e.name}: ${e && e.message}`;
    log(`${operation}: ${e && e.stack ? e.stack : message}`);
    if (e && (e.$response !== undefined || e.$responseBodyText !== undefined)) {
      return { clientError: { kind: "deserialization", message } };
    }
    if (e && (TRANSPORT_CODES.has(e.code) || e.name === "TimeoutError")) {
      return { clientError: { kind: "transport", message } };
    }
    return { clientError: { kind: "validation", message } };
  }
}

send({ ready: { name: "js-v3", version: `${CLIENT_PACKAGE} ${version}, node ${process.versions.node}` } });

for (;;) {
  const next = await lines.next();
  if (next.done) break;
  if (!next.value.trim()) continue;
  const req = JSON.parse(next.value);
  const doc = await call(req.operation, req.params || {});
  send({ id: req.id, ...doc });
}
client.destroy();
process.exit(0);
