// The payload encryption keys: one primary that encrypts, any number that still decrypt (so a key
// can be rotated without downtime: add the new one, make it primary, drop the old one once no
// history needs it). Keys come from PAYLOAD_KEYS / PAYLOAD_KEY_PRIMARY or from a JSON file
// (PAYLOAD_KEYS_FILE). Every problem names the variable and the key id, never the key itself.
import { inspect } from 'node:util';

/** AES-256 needs 32 bytes of key. */
export const KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

export interface KeyProblem {
  variable: string;
  message: string;
}

/** Keys by id plus the id that encrypts. Printing or serialising it shows the ids only. */
export class PayloadKeyring {
  readonly #keys: ReadonlyMap<string, Buffer>;
  constructor(
    readonly primary: string,
    keys: ReadonlyMap<string, Buffer>,
  ) {
    if (!keys.has(primary)) throw new Error(`the primary key id "${primary}" has no key`);
    this.#keys = keys;
  }
  get ids(): string[] {
    return [...this.#keys.keys()];
  }
  key(id: string): Buffer | undefined {
    return this.#keys.get(id);
  }
  toJSON() {
    return { primary: this.primary, ids: this.ids };
  }
  [inspect.custom]() {
    return `PayloadKeyring(primary: ${this.primary}, ids: ${this.ids.join(', ')})`;
  }
}

type Parsed =
  { keyring: PayloadKeyring; problems?: undefined } | { keyring?: undefined; problems: KeyProblem[] };

/** One key from its base64 text: a problem names the id and the length found, never the text. */
function decodeKey(variable: string, id: string, text: string, problems: KeyProblem[]): Buffer | undefined {
  if (!KEY_ID.test(id)) {
    problems.push({
      variable,
      message: `key id "${id.slice(0, 64)}" must be 1-64 letters, digits, '.', '_' or '-'`,
    });
    return undefined;
  }
  const trimmed = text.trim();
  const key = /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed) ? Buffer.from(trimmed, 'base64') : Buffer.alloc(0);
  if (key.length !== KEY_BYTES) {
    problems.push({
      variable,
      message:
        `key "${id}" is ${key.length} bytes, expected ${KEY_BYTES} in base64 ` +
        '(create one with: openssl rand -base64 32)',
    });
    return undefined;
  }
  return key;
}

function build(
  variable: string,
  primaryVariable: string,
  primary: string | undefined,
  keys: Map<string, Buffer>,
  problems: KeyProblem[],
): Parsed {
  if (problems.length > 0) return { problems };
  if (keys.size === 0) return { problems: [{ variable, message: 'no key given' }] };
  const chosen = primary ?? (keys.size === 1 ? [...keys.keys()][0]! : undefined);
  if (!chosen)
    return { problems: [{ variable: primaryVariable, message: 'required when there is more than one key' }] };
  if (!keys.has(chosen)) {
    return {
      problems: [
        {
          variable: primaryVariable,
          message: `"${chosen}" is not one of the key ids (${[...keys.keys()].join(', ')})`,
        },
      ],
    };
  }
  return { keyring: new PayloadKeyring(chosen, keys) };
}

/** `PAYLOAD_KEYS=id:base64,id2:base64` with `PAYLOAD_KEY_PRIMARY=id` (optional for one key). */
export function parseKeyList(list: string, primary: string | undefined): Parsed {
  const problems: KeyProblem[] = [];
  const keys = new Map<string, Buffer>();
  for (const entry of list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const colon = entry.indexOf(':');
    if (colon < 1) {
      problems.push({ variable: 'PAYLOAD_KEYS', message: `entry ${keys.size + 1} is not id:base64` });
      continue;
    }
    const id = entry.slice(0, colon);
    if (keys.has(id)) problems.push({ variable: 'PAYLOAD_KEYS', message: `key id "${id}" appears twice` });
    const key = decodeKey('PAYLOAD_KEYS', id, entry.slice(colon + 1), problems);
    if (key) keys.set(id, key);
  }
  return build('PAYLOAD_KEYS', 'PAYLOAD_KEY_PRIMARY', primary, keys, problems);
}

/** The key file: `{"primary": "id", "keys": {"id": "base64 of 32 bytes"}}`. */
export function parseKeyFile(text: string, variable = 'PAYLOAD_KEYS_FILE'): Parsed {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // The parser's message may quote the file's content, which holds keys: say only where it is.
    return {
      problems: [{ variable, message: 'is not JSON like {"primary": "id", "keys": {"id": "base64"}}' }],
    };
  }
  const { primary, keys } = (typeof json === 'object' && json !== null ? json : {}) as Record<
    string,
    unknown
  >;
  if (typeof keys !== 'object' || keys === null || Array.isArray(keys))
    return { problems: [{ variable, message: 'needs "keys": {"id": "base64 of 32 bytes", ...}' }] };
  if (primary !== undefined && typeof primary !== 'string')
    return { problems: [{ variable, message: '"primary" must be a key id' }] };
  const problems: KeyProblem[] = [];
  const decoded = new Map<string, Buffer>();
  for (const [id, value] of Object.entries(keys as Record<string, unknown>)) {
    const key = decodeKey(variable, id, typeof value === 'string' ? value : '', problems);
    if (key) decoded.set(id, key);
  }
  return build(variable, `${variable} "primary"`, primary, decoded, problems);
}

/** A key file's text for a keyring (used for the development key). */
export function keyFileText(keyring: PayloadKeyring): string {
  const keys = Object.fromEntries(keyring.ids.map((id) => [id, keyring.key(id)!.toString('base64')]));
  return `${JSON.stringify({ primary: keyring.primary, keys }, null, 2)}\n`;
}
