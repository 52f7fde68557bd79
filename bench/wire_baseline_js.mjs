// SPDX-License-Identifier: Apache-2.0
// Baseline of bench/wire.sh: the same N CreateUserProfile calls
// the harness makes through the js-v3 adapter, made by the SDK directly in
// one Node process against a static HTTP endpoint, with the adapter's client
// configuration (static credentials, maxAttempts 1). Usage: ADAPTER_DIR URL N
import { createRequire } from "node:module";

process.env.AWS_CONFIG_FILE = "/dev/null";
process.env.AWS_SHARED_CREDENTIALS_FILE = "/dev/null";
const [adapterDir, url, n] = process.argv.slice(2);
const require = createRequire(`${adapterDir}/package.json`);
const sdk = require("@aws-sdk/client-datazone");
const client = new sdk.DataZoneClient({
  endpoint: url,
  region: "us-east-1",
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" },
  maxAttempts: 1,
});
for (let i = 0; i < Number(n); i++) {
  const out = await client.send(new sdk.CreateUserProfileCommand({
    domainIdentifier: "dzd_abc123", userIdentifier: "arn:aws:iam::123456789012:user/alice",
  }));
  if (out.id !== "up_123") throw new Error(`unexpected output ${JSON.stringify(out)}`);
}
client.destroy();
