import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** Keys generated once per data directory: the e-mail link-signing secret and the dev tokens' HS256 key. */
const secretsSchema = z.object({ linkSecret: z.string().min(32), jwtKey: z.string().min(32) });
export type LocalSecrets = z.infer<typeof secretsSchema>;

export function loadOrCreateSecrets(dataDir: string): LocalSecrets {
  const file = join(dataDir, 'secrets.json');
  try {
    return secretsSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const secrets: LocalSecrets = {
    linkSecret: randomBytes(32).toString('base64url'),
    jwtKey: randomBytes(32).toString('base64url'),
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: 'wx' });
  return secrets;
}
