import type { Tool, ToolChoice, Warning } from '@signalbox/core';
import type { GoogleFunctionCallingConfig, GoogleFunctionDeclaration } from './google-wire-types.js';
import { toGoogleSchema } from './to-google-schema.js';

/** The most dropped keyword paths a warning lists. */
const LISTED = 8;

/** A warning listing the schema keywords Gemini had no field for. */
export function droppedKeywordsWarning(feature: string, dropped: string[]): Warning {
  const listed = dropped.slice(0, LISTED).join(', ');
  const more = dropped.length > LISTED ? ` and ${dropped.length - LISTED} more` : '';
  return {
    type: 'compatibility',
    feature,
    details: `Gemini takes an OpenAPI subset of JSON Schema: dropped ${listed}${more}`,
  };
}

/**
 * Function tools as Gemini `functionDeclarations`, their input schemas converted to Gemini's
 * OpenAPI subset (`toGoogleSchema`), with one `compatibility` warning per tool listing the
 * keywords dropped. Provider-defined tools of another format cannot be sent: an `unsupported`
 * warning each (Gemini's own built-in tools go in `providerOptions.google.tools`).
 */
export function toGoogleFunctionDeclarations(
  tools: Tool[],
  warnings: Warning[],
): GoogleFunctionDeclaration[] {
  const declarations: GoogleFunctionDeclaration[] = [];
  for (const tool of tools) {
    if (tool.type === 'provider') {
      warnings.push({
        type: 'unsupported',
        feature: `provider tool ${tool.name}`,
        details: `a tool of the ${tool.format} format; Gemini's built-in tools go in providerOptions.google.tools`,
      });
      continue;
    }
    const { schema, dropped } = toGoogleSchema(tool.inputSchema);
    if (dropped.length > 0) warnings.push(droppedKeywordsWarning(`tools[${tool.name}].inputSchema`, dropped));
    const declaration: GoogleFunctionDeclaration = { name: tool.name };
    if (tool.description !== undefined && tool.description !== '') declaration.description = tool.description;
    if (schema !== undefined) declaration.parameters = schema;
    declarations.push(declaration);
  }
  return declarations;
}

/**
 * A tool choice as `functionCallingConfig`: `auto` -> `AUTO`, `none` -> `NONE`, `required` ->
 * `ANY`, a named tool -> `ANY` with `allowedFunctionNames: [name]`.
 */
export function toGoogleFunctionCallingConfig(choice: ToolChoice): GoogleFunctionCallingConfig {
  switch (choice.type) {
    case 'auto':
      return { mode: 'AUTO' };
    case 'none':
      return { mode: 'NONE' };
    case 'required':
      return { mode: 'ANY' };
    case 'tool':
      return { mode: 'ANY', allowedFunctionNames: [choice.toolName] };
  }
}
