import { ApiResponse } from '@nestjs/swagger';
import type { HeaderObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';

/** The headers the API sets on success responses, each with the schema the contract needs. */
export const etagHeader = (description: string): Record<string, HeaderObject> => ({
  ETag: { description, schema: { type: 'string', example: '"3"' } },
});

export const locationHeader = (description: string): Record<string, HeaderObject> => ({
  Location: { description, schema: { type: 'string', format: 'uri-reference' } },
});

export const RETRY_AFTER_HEADER: Record<string, HeaderObject> = {
  'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 1 } },
};

export const BINARY: SchemaObject = { type: 'string', format: 'binary' };
export const TEXT: SchemaObject = { type: 'string' };

/**
 * A 200 response whose body is a file or text, by media type. Unlike `@ApiProduces`, this leaves
 * the error responses of the route alone: they are problem+json whatever the success type is.
 */
export function ApiFileResponse(description: string, content: Record<string, SchemaObject | ReferenceObject>, headers?: Record<string, HeaderObject>) {
  return ApiResponse({
    status: 200,
    description,
    headers,
    content: Object.fromEntries(Object.entries(content).map(([mediaType, schema]) => [mediaType, { schema }])),
  });
}
