// TypeDoc plugin: names each entry point module after the package subpath users import
// (`packages/cache/src/redis.ts` -> `@signalbox/cache/redis`) instead of its folder path.
import { Converter, ReflectionKind } from 'typedoc';

/** Called by TypeDoc when the plugin is loaded (`"plugin"` in typedoc.json). */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.getReflectionsByKind(ReflectionKind.Module)) {
      const file = module.sources?.[0]?.fullFileName ?? '';
      const match = /packages\/([^/]+)\/src\/([^/]+)\.ts$/.exec(file);
      if (!match) continue;
      const [, folder, entry] = match;
      module.name = entry === 'index' ? `@signalbox/${folder}` : `@signalbox/${folder}/${entry}`;
    }
  });
}
