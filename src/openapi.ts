import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ProblemResponse } from './common/problem.dto.js';
import { sortKeys } from './domain/canonical-json.js';

const PROBLEM_RESPONSES: Record<string, string> = {
  '400': 'The request is not valid (problem+json with field errors)',
  '500': 'Unexpected error (problem+json, no details)',
};
/** Every route but the health checks counts toward RATE_LIMIT_PER_MINUTE. */
const RATE_LIMITED: Record<string, string> = { '429': '`rate_limited`: too many requests this minute; Retry-After says when to try again' };

/** The OpenAPI document as the code describes it, with stable key order. */
export function buildOpenApi(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Assay API')
    .setDescription(
      'Third-party AI risk assessment: vendors, AI systems, intakes, questionnaires, assessments, evidence, findings, decisions and reports. ' +
        'Errors are RFC 9457 application/problem+json with a stable `code`. Lists use cursor pagination (`limit`, `cursor`, `nextCursor`).',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'opaque', description: 'A session token from /auth/login or an API key' }, 'bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controller, method) => method,
    extraModels: [ProblemResponse],
  });
  for (const [route, path] of Object.entries(document.paths)) {
    for (const operation of Object.values(path)) {
      if (typeof operation !== 'object' || operation === null || !('responses' in operation)) continue;
      const problems = route.startsWith('/health/') ? PROBLEM_RESPONSES : { ...PROBLEM_RESPONSES, ...RATE_LIMITED };
      for (const [status, description] of Object.entries(problems)) {
        operation.responses[status] ??= {
          description,
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemResponse' } } },
        };
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        const content = (response as { content?: Record<string, unknown> }).content;
        if (Number(status) >= 400 && content?.['application/json']) {
          content['application/problem+json'] = content['application/json'];
          delete content['application/json'];
        }
      }
    }
  }
  return sortKeys(document) as OpenAPIObject;
}

export function mountDocs(app: NestFastifyApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApi(app), { jsonDocumentUrl: 'openapi.json', useGlobalPrefix: false });
}
