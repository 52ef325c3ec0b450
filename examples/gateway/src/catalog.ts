import type { CatalogDefinition } from '@signalbox/routing';

/**
 * The example gateway's built-in catalog. `provider/model` ids not listed here (`openai/gpt-4o`,
 * `anthropic/claude-haiku-4-5`, `mock/echo:status-500`...) pass straight through to the provider.
 * Replace it with `SIGNALBOX_CATALOG=catalog.yaml`.
 */
export const exampleCatalog: CatalogDefinition = {
  models: [
    {
      id: 'signalbox/echo',
      name: 'Signalbox Echo (two providers)',
      aliases: ['echo'],
      contextLength: 32_768,
      providers: [
        { provider: 'mock', model: 'echo' },
        { provider: 'mock-backup', model: 'echo' },
      ],
    },
  ],
};
