// require()s every entry point of every installed package from CommonJS: the packages are ESM
// only, and Node 20.19+ / 22.12+ load ES modules with require() (no top-level await allowed).
const assert = require('node:assert/strict');
const specifiers = require('./entries.json');

process.removeAllListeners('warning'); // Node 20 prints an ExperimentalWarning for require(esm)
for (const specifier of specifiers) {
  const module = require(specifier);
  assert.ok(Object.keys(module).length > 0, `${specifier} exports nothing`);
}
console.log(`require: ${specifiers.length} entry points on Node ${process.versions.node}`);
