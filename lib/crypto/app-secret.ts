import "server-only";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir, env } from "../config/env";
import { SecretBox } from "./secret-box";

let box: SecretBox | undefined;

/**
 * BATCHBOARD_SECRET when set (required when several processes share a PostgreSQL database);
 * otherwise a random key generated once into DATA_DIR/secret.key, readable by the owner only.
 */
export function secretBox(): SecretBox {
  if (box) return box;
  let secret = env().BATCHBOARD_SECRET;
  if (!secret) {
    const file = path.join(dataDir(), "secret.key");
    if (!existsSync(file)) {
      mkdirSync(path.dirname(file), { recursive: true });
      try {
        writeFileSync(file, randomBytes(48).toString("base64url"), { mode: 0o600, flag: "wx" });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err; // another process won the race
      }
      chmodSync(file, 0o600);
    }
    secret = readFileSync(file, "utf8").trim();
  }
  box = new SecretBox(secret);
  return box;
}
