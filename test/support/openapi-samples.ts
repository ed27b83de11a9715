import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** A loose view of the parts of an OpenAPI 3 document the tests read. */
export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  minimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  security?: unknown[];
  'x-roles'?: string[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

export interface Route {
  method: string;
  path: string;
  operation: Operation;
}

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function readContract(file = 'openapi/openapi.json'): OpenApiDocument {
  return JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument;
}

export function routesOf(document: OpenApiDocument): Route[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, operation]) => ({ method, path, operation })),
  );
}

function resolve(document: OpenApiDocument, schema: Schema): Schema {
  if (schema.$ref) return resolve(document, document.components.schemas[schema.$ref.replace('#/components/schemas/', '')]);
  const combined = schema.allOf ?? schema.oneOf ?? schema.anyOf;
  if (combined?.length) return { ...schema, ...resolve(document, combined[0]), allOf: undefined, oneOf: undefined, anyOf: undefined };
  return schema;
}

/** A value that satisfies the schema: the caller's role, not the shape of the body, is what is tested. */
export function sampleValue(document: OpenApiDocument, raw: Schema, name = ''): unknown {
  const schema = resolve(document, raw);
  if (schema.enum?.length) return schema.enum[0];
  if (schema.format === 'uuid') return randomUUID();
  if (schema.format === 'email' || /email/i.test(name)) return `sample.${randomBytes(5).toString('hex')}@bank.example`;
  if (schema.format === 'date-time') return new Date(Date.now() + 86_400_000).toISOString();
  if (schema.format === 'date') return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  switch (schema.type) {
    case 'integer':
    case 'number':
      return schema.default ?? schema.example ?? schema.minimum ?? 1;
    case 'boolean':
      return schema.default ?? false;
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sampleValue(document, schema.items ?? {}, name));
    case 'object':
      return sampleObject(document, schema);
    default: {
      const example = typeof schema.example === 'string' ? schema.example : `sample-${name || 'value'}`;
      const min = schema.minLength ?? 1;
      const padded = example.length >= min ? example : example.padEnd(min, 'x');
      return schema.maxLength ? padded.slice(0, schema.maxLength) : padded;
    }
  }
}

function sampleObject(document: OpenApiDocument, schema: Schema): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of schema.required ?? []) body[field] = sampleValue(document, schema.properties?.[field] ?? {}, field);
  return body;
}

export function sampleBody(document: OpenApiDocument, operation: Operation): unknown {
  const schema = operation.requestBody?.content['application/json']?.schema;
  return schema ? sampleValue(document, schema) : undefined;
}

/** The path with every parameter filled in, and the required query string. */
export function samplePath(document: OpenApiDocument, route: Route): string {
  const parameters = route.operation.parameters ?? [];
  const path = route.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const parameter = parameters.find((p) => p.in === 'path' && p.name === name);
    const looksLikeId = name === 'id' || /Id$/.test(name);
    return encodeURIComponent(looksLikeId ? randomUUID() : String(sampleValue(document, parameter?.schema ?? {}, name)));
  });
  const query = parameters
    .filter((p) => p.in === 'query' && p.required)
    .map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(String(sampleValue(document, p.schema ?? {}, p.name)))}`);
  return query.length ? `${path}?${query.join('&')}` : path;
}
