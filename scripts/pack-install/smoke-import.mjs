// Imports every entry point of every installed package (ESM), checks it resolves into
// node_modules/<package>/dist and exports something.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const specifiers = JSON.parse(readFileSync(new URL('./entries.json', import.meta.url), 'utf8'));
for (const specifier of specifiers) {
  const resolved = import.meta.resolve(specifier);
  assert.match(
    resolved,
    /\/node_modules\/@signalbox\/[^/]+\/dist\/[^/]+\.js$/,
    `${specifier} -> ${resolved}`,
  );
  const module = await import(specifier);
  assert.ok(Object.keys(module).length > 0, `${specifier} exports nothing`);
}
console.log(`import: ${specifiers.length} entry points on Node ${process.versions.node}`);
