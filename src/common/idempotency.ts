import {
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
  applyDecorators,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import { ApiHeader } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import type { AuthenticatedRequest } from '../auth/access.decorator.js';
import { canonicalJson } from '../domain/canonical-json.js';
import { badRequest, conflict, unprocessable } from './errors.js';
import { IdempotencyKeyEntity } from './idempotency.entity.js';

const IDEMPOTENT = Symbol('IDEMPOTENT');
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** Marks a creating POST: a repeated Idempotency-Key replays the first response. */
export const Idempotent = () =>
  applyDecorators(
    SetMetadata(IDEMPOTENT, true),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Repeat a request safely: the same key with the same body returns the first response; with another body, 422',
    }),
  );

/** Documents the header on a streamed upload, which checks its key itself once the upload is read. */
export const IdempotentUpload = () =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Repeat an upload safely: the same key with the same fields and file returns the first response; with others, 422',
  });

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly db: DataSource,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers['idempotency-key'];
    if (!this.reflector.get<boolean>(IDEMPOTENT, context.getHandler()) || header === undefined || !request.principal) {
      return next.handle();
    }
    const key = Array.isArray(header) ? header[0] : header;
    checkIdempotencyKey(key);
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
    return from(this.once(request, reply, key, status, next));
  }

  private async once(request: AuthenticatedRequest, reply: FastifyReply, key: string, status: number, next: CallHandler): Promise<unknown> {
    const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
    const preimage = `${request.method} ${request.url}\n${canonicalJson(request.body ?? null)}`;
    const { body, replayed } = await new IdempotencyKeys(this.db).once(request.principal!.userId, key, route, preimage, status, () => lastValueFrom(next.handle(), { defaultValue: undefined }));
    if (replayed) void reply.status(replayed.status).header('idempotent-replayed', 'true');
    return body;
  }
}

/** Refuses a malformed key before any work, such as reading an upload, is done for it. */
export function checkIdempotencyKey(key: string): void {
  if (!KEY_PATTERN.test(key)) throw badRequest('invalid_idempotency_key', 'Idempotency-Key must be 1 to 200 printable characters');
}

/**
 * One key, one outcome. The interceptor hashes the JSON body; a streamed upload, whose body the
 * interceptor never sees, hashes what it read instead (its fields and the file's SHA-256).
 */
@Injectable()
export class IdempotencyKeys {
  constructor(private readonly db: DataSource) {}

  async once<T>(ownerId: string, key: string, route: string, preimage: string, status: number, work: () => Promise<T>): Promise<{ body: T; replayed: { status: number } | null }> {
    checkIdempotencyKey(key);
    const requestHash = createHash('sha256').update(preimage).digest('hex');
    const repository = this.db.getRepository(IdempotencyKeyEntity);
    const inserted = await repository.createQueryBuilder().insert().values({ ownerId, key, route, requestHash }).orIgnore().returning(['key']).execute();
    if (inserted.raw.length === 0) {
      const existing = await repository.findOneByOrFail({ ownerId, key });
      if (existing.requestHash !== requestHash) throw unprocessable('idempotency_key_reused', 'This Idempotency-Key was used with another request');
      if (existing.statusCode === null) throw conflict('idempotency_in_progress', 'The first request with this key is still running');
      return { body: existing.responseBody as T, replayed: { status: existing.statusCode } };
    }
    try {
      const body = await work();
      await repository.update({ ownerId, key }, { statusCode: status, responseBody: (body ?? null) as object });
      return { body, replayed: null };
    } catch (error) {
      // A failed request did not happen: the same key may be tried again.
      await repository.delete({ ownerId, key });
      throw error;
    }
  }
}
