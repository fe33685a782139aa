// Completes package-lock.json with the other platforms' optional native packages (@swc/core-*,
// @unrs/resolver-binding-*) when the registry in use serves only this platform's: `npm install`
// then leaves them out, and `npm ci` refuses a lock file that misses them. Each entry gets the
// os/cpu/libc its name encodes, so npm skips it on any other platform without fetching it.
// Run after changing dependencies: node scripts/lockfile-platform-entries.js
const fs = require('node:fs');
const path = require('node:path');

const lockPath = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
const OSES = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openharmony'];

function platformOf(name) {
  const tokens = name.split('/')[1].split('-');
  const osIndex = tokens.findIndex((t) => OSES.includes(t));
  if (osIndex < 0) return undefined;
  const [os, cpu, abi = ''] = tokens.slice(osIndex);
  const libc = abi.includes('musl') ? ['musl'] : abi.startsWith('gnu') ? ['glibc'] : undefined;
  return { cpu: [cpu], ...(libc ? { libc } : {}), os: [os] };
}

let added = 0;
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const target = `node_modules/${name}`;
    if (lock.packages[target] || !/^@(swc|unrs)\//.test(name)) continue;
    const platform = platformOf(name);
    if (!platform) throw new Error(`cannot tell the platform of ${name} (needed by ${location})`);
    lock.packages[target] = { version, ...platform, optional: true, ...(entry.dev ? { dev: true } : {}) };
    added += 1;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : a.localeCompare(b))),
);
fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} platform entries to package-lock.json`);
