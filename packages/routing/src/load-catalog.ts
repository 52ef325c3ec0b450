import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { type Catalog, createCatalog } from './catalog.js';
import type { CatalogDefinition } from './catalog-schema.js';

/** The text formats a catalog file may use. */
export type CatalogFormat = 'json' | 'yaml';

/**
 * Parses catalog text (JSON or YAML; YAML is a superset, so `yaml` reads both) and validates it.
 * Errors are TypeErrors naming the source and the bad entry.
 */
export function parseCatalog(text: string, format: CatalogFormat = 'yaml', source = 'catalog'): Catalog {
  let definition: unknown;
  try {
    definition = format === 'json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TypeError(`router catalog ${source}: invalid ${format.toUpperCase()}: ${reason}`);
  }
  try {
    return createCatalog(definition as CatalogDefinition);
  } catch (error) {
    if (error instanceof TypeError) {
      throw new TypeError(error.message.replace(/^router catalog: /, `router catalog ${source}: `));
    }
    throw error;
  }
}

/**
 * Reads and validates a catalog file at start-up (synchronously, like a config file):
 * `.json` is parsed as JSON, anything else (`.yaml`, `.yml`) as YAML.
 */
export function loadCatalog(path: string): Catalog {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TypeError(`router catalog: cannot read ${path}: ${reason}`);
  }
  return parseCatalog(text, extname(path).toLowerCase() === '.json' ? 'json' : 'yaml', path);
}
