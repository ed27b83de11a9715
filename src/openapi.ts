import { DocumentBuilder, SwaggerModule, type OpenAPIObject, type OperationObject, type ReferenceObject, type ResponseObject, type SchemaObject } from '@nestjs/swagger';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PUBLIC_EXTENSION } from './auth/access.decorator.js';
import { RETRY_AFTER_HEADER } from './common/api-docs.js';
import { ProblemResponse } from './common/problem.dto.js';
import { sortKeys } from './domain/canonical-json.js';

const PROBLEM_RESPONSES: Record<string, string> = {
  '400': 'The request is not valid (problem+json with field errors)',
  '500': 'Unexpected error (problem+json, no details)',
};
/** Every route but the health checks counts toward RATE_LIMIT_PER_MINUTE and answers 503 while the database is away. */
const API_PROBLEM_RESPONSES: Record<string, string> = {
  '429': '`rate_limited`: too many requests this minute; Retry-After says when to try again',
  '503': '`database_unavailable`: the database cannot be reached; `shutting_down`: the server is stopping. Retry-After says when to try again',
};
/** Statuses whose problem carries `retryAfterSeconds`, sent as the Retry-After header too. */
const RETRY_AFTER_STATUSES = ['429', '503'];
const PROBLEM_CONTENT = { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemResponse' } } };

/** Every tag a controller uses, declared with what it groups, in the order the docs list them. */
const TAGS: [string, string][] = [
  ['auth', 'Signing in and out, and accepting an invitation'],
  ['api-keys', 'Keys for systems that call the API'],
  ['users', 'Staff and vendor accounts (admin)'],
  ['vendors', 'Third parties and their contacts'],
  ['ai-systems', 'The AI systems a vendor supplies, with their version history'],
  ['intakes', 'Intake questionnaires that set the inherent risk tier'],
  ['questionnaires', 'Questionnaire templates and their versions'],
  ['assessments', 'Due-diligence assessments sent to vendors, and their answers'],
  ['review', 'Reviewing submitted answers and asking for clarification'],
  ['evidence', 'Files a vendor uploads in support of answers, and their review'],
  ['findings', 'Gaps found in review, their remediation and risk acceptance'],
  ['decisions', 'Approval decisions and the conditions attached to them'],
  ['validation', 'Statistical validation runs on a sample of model outputs'],
  ['reports', 'Due-diligence report PDFs, built by the worker'],
  ['monitoring', 'Monitoring plans and the figures submitted against them, period by period'],
  ['incidents', "Vendor incidents and the deployer's regulatory reporting deadlines"],
  ['exchange', "An assessment's answers exported, and answers imported from other questionnaires"],
  ['webhooks', 'Signed event deliveries to other systems (admin)'],
  ['schedules', 'Reassessment schedules'],
  ['portfolio', 'The AI inventory and portfolio summary'],
  ['notifications', 'Mail sent by the system, as delivered or failed'],
  ['audit', 'The hash-chained audit trail'],
  ['ops', 'Liveness and readiness checks'],
];

/** The OpenAPI document as the code describes it, with stable key order. */
export function buildOpenApi(app: NestFastifyApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Assay API')
    .setDescription(
      'Third-party AI risk assessment: vendors, AI systems, intakes, questionnaires, assessments, evidence, findings, decisions and reports. ' +
        'Errors are RFC 9457 application/problem+json with a stable `code`. Lists use cursor pagination (`limit`, `cursor`, `nextCursor`).',
    )
    .setVersion('1')
    .addServer('/', 'The server that serves this document')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'opaque', description: 'A session token from /auth/login or an API key' }, 'bearer');
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const config = builder.build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controller, method) => method,
    extraModels: [ProblemResponse],
  });
  for (const [route, path] of Object.entries(document.paths)) {
    for (const operation of Object.values(path)) {
      if (typeof operation === 'object' && operation !== null && 'responses' in operation) declareProblems(route, operation as OperationObject);
    }
  }
  for (const schema of Object.values(document.components?.schemas ?? {})) unwrapLoneAllOf(schema);
  return sortKeys(document) as OpenAPIObject;
}

/**
 * The generator wraps a referenced enum in `allOf: [{ $ref }]` even when nothing sits beside it;
 * such a property is the reference itself.
 */
function unwrapLoneAllOf(schema: SchemaObject | ReferenceObject): void {
  if (!('properties' in schema) || !schema.properties) return;
  for (const [name, property] of Object.entries(schema.properties)) {
    if ('allOf' in property && property.allOf?.length === 1 && Object.keys(property).length === 1) schema.properties[name] = property.allOf[0];
  }
}

/**
 * Errors are problem+json whatever the success type (a PDF, a CSV, a file): every 4xx and 5xx
 * response is declared that way, the shared ones are added, and those that say when to retry get
 * the Retry-After header. Public routes get the empty security list that says "no credentials".
 */
function declareProblems(route: string, operation: OperationObject): void {
  const extensions = operation as unknown as Record<string, unknown>;
  if (extensions[PUBLIC_EXTENSION]) {
    operation.security = [];
    delete extensions[PUBLIC_EXTENSION];
  }
  const shared = route.startsWith('/health/') ? PROBLEM_RESPONSES : { ...PROBLEM_RESPONSES, ...API_PROBLEM_RESPONSES };
  for (const [status, description] of Object.entries(shared)) operation.responses[status] ??= { description, content: PROBLEM_CONTENT };
  for (const [status, declared] of Object.entries(operation.responses)) {
    const response = declared as ResponseObject;
    if (Number(status) < 400 || !response.content) continue;
    const declaredSchema = response.content['application/problem+json']?.schema ?? response.content['application/json']?.schema;
    response.content = declaredSchema ? { 'application/problem+json': { schema: declaredSchema } } : PROBLEM_CONTENT;
    if (RETRY_AFTER_STATUSES.includes(status)) response.headers = { ...response.headers, ...RETRY_AFTER_HEADER };
  }
}

export function mountDocs(app: NestFastifyApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApi(app), { jsonDocumentUrl: 'openapi.json', useGlobalPrefix: false });
}
