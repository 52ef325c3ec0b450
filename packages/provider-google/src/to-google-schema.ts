/**
 * JSON Schema keywords Gemini's OpenAPI-subset `Schema` has a field for, kept as they are
 * (`type`, `nullable`, `enum`, `properties`, `items`, `anyOf`, `format` and `required` are
 * converted on their own).
 */
const keptKeywords = new Set([
  'title',
  'description',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'minLength',
  'maxLength',
  'pattern',
  'example',
  'default',
  'minimum',
  'maximum',
  'propertyOrdering',
]);

/** The formats Gemini accepts, per type; others are dropped. */
const formats: Record<string, Set<string>> = {
  string: new Set(['date-time', 'enum']),
  number: new Set(['float', 'double']),
  integer: new Set(['int32', 'int64']),
};

/** The converted schema, and the paths of the keywords Gemini had no field for (dropped). */
export interface GoogleSchemaConversion {
  /** Undefined for a schema with nothing to declare (an object without properties). */
  schema: Record<string, unknown> | undefined;
  dropped: string[];
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function at(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function convertType(type: unknown, result: JsonObject, path: string, dropped: string[]): void {
  if (typeof type === 'string') {
    if (type === 'null') result.nullable = true;
    else result.type = type;
    return;
  }
  if (!Array.isArray(type)) {
    if (type !== undefined) dropped.push(at(path, 'type'));
    return;
  }
  const types = type.filter((item): item is string => typeof item === 'string' && item !== 'null');
  if (types.length < type.length) result.nullable = true;
  if (types.length === 1) result.type = types[0];
  else if (types.length > 1) result.anyOf = types.map((item) => ({ type: item }));
}

function convertEnum(values: unknown[], result: JsonObject, path: string, dropped: string[]): void {
  if (values.every((value) => typeof value === 'string')) {
    result.enum = values;
    if (result.type === undefined) result.type = 'string';
    return;
  }
  // Gemini enums are strings: a nullable string enum loses its null, anything else is dropped.
  const strings = values.filter((value) => typeof value === 'string');
  if (strings.length === values.length - 1 && values.includes(null)) {
    result.enum = strings;
    result.nullable = true;
    return;
  }
  dropped.push(at(path, 'enum'));
}

function convert(schema: unknown, path: string, dropped: string[]): JsonObject {
  if (!isObject(schema)) {
    if (schema !== true) dropped.push(path === '' ? '(schema)' : path);
    return {};
  }
  const result: JsonObject = {};
  convertType(schema.type, result, path, dropped);
  for (const [key, value] of Object.entries(schema)) {
    const here = at(path, key);
    switch (key) {
      case 'type':
        break;
      case 'properties': {
        if (!isObject(value)) {
          dropped.push(here);
          break;
        }
        const properties: JsonObject = {};
        for (const [name, property] of Object.entries(value))
          properties[name] = convert(property, at(here, name), dropped);
        result.properties = properties;
        break;
      }
      case 'required':
        if (Array.isArray(value)) result.required = value.filter((name) => typeof name === 'string');
        break;
      case 'items':
        if (Array.isArray(value)) dropped.push(here);
        else result.items = convert(value, here, dropped);
        break;
      case 'anyOf':
      case 'oneOf': {
        if (!Array.isArray(value)) {
          dropped.push(here);
          break;
        }
        // `oneOf` has no Gemini field: sent as `anyOf`, which every oneOf-valid value satisfies.
        if (key === 'oneOf') dropped.push(`${here} (sent as anyOf)`);
        const members = value.filter((member) => !(isObject(member) && member.type === 'null'));
        if (members.length < value.length) result.nullable = true;
        const converted = members.map((member, index) => convert(member, at(here, String(index)), dropped));
        if (converted.length === 1) Object.assign(result, converted[0]);
        else result.anyOf = converted;
        break;
      }
      case 'allOf':
        if (Array.isArray(value) && value.length === 1)
          Object.assign(result, convert(value[0], here, dropped));
        else dropped.push(here);
        break;
      case 'enum':
        if (Array.isArray(value)) convertEnum(value, result, path, dropped);
        else dropped.push(here);
        break;
      case 'const':
        convertEnum([value], result, path, dropped);
        break;
      case 'format': {
        const type = typeof result.type === 'string' ? result.type : '';
        if (typeof value === 'string' && formats[type]?.has(value)) result.format = value;
        else dropped.push(here);
        break;
      }
      case 'examples':
        if (Array.isArray(value) && value.length > 0 && schema.example === undefined)
          result.example = value[0];
        break;
      default:
        if (keptKeywords.has(key)) result[key] = value;
        else dropped.push(here);
    }
  }
  return result;
}

/**
 * Converts a JSON Schema (a tool's `inputSchema`, a JSON response schema) to the OpenAPI 3.0
 * subset Gemini's `Schema` takes: `["string", "null"]` and `anyOf` with a null member become
 * `nullable`, several types an `anyOf`, `const` a one-value string `enum`, `oneOf` an `anyOf`,
 * a one-member `allOf` is merged, `examples[0]` becomes `example`. Keywords Gemini has no field
 * for (`additionalProperties`, `$schema`, `$ref`/`$defs`, `not`, `exclusiveMinimum`,
 * `multipleOf`, `uniqueItems`, formats other than `date-time`/`enum`, `float`/`double`,
 * `int32`/`int64`, non-string enums...) are dropped and their paths returned, so the caller can
 * warn. An object schema without properties converts to `undefined` (Gemini rejects an `OBJECT`
 * with no properties; a function without parameters declares none).
 */
export function toGoogleSchema(schema: unknown): GoogleSchemaConversion {
  const dropped: string[] = [];
  const converted = convert(schema, '', dropped);
  const properties = converted.properties;
  const empty =
    converted.type === 'object' &&
    (!isObject(properties) || Object.keys(properties).length === 0) &&
    converted.anyOf === undefined;
  return { schema: empty ? undefined : converted, dropped };
}
