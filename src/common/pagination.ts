import type { Type as ClassType } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badRequest } from './errors.js';

export class PageQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

interface CursorPosition {
  at: string;
  id: string;
}

function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.at, position.id])).toString('base64url');
}

const invalidCursor = () => badRequest('invalid_cursor', 'The cursor is not one this API issued');

function decodeCursor(cursor: string): CursorPosition {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && typeof id === 'string') return { at, id };
  } catch {
    // fall through to the error below
  }
  throw invalidCursor();
}

export interface KeysetOrder<T> {
  /** SQL expression of the sort column, e.g. `u.created_at`. */
  sortColumn: string;
  /** SQL expression of the unique tie-breaker, e.g. `u.id`. */
  idColumn: string;
  /** How to read both values back from a row, as text Postgres can compare. */
  position: (row: T) => CursorPosition;
  descending?: boolean;
}

/**
 * The usual order: creation time, then id. The column is stored at millisecond precision, as a
 * JavaScript Date and the cursor carry it, so an index on `(created_at, id)` serves order and cursor.
 */
export function byCreation<T extends { id: string; createdAt: Date }>(alias: string, descending = false): KeysetOrder<T> {
  return {
    sortColumn: `${alias}.created_at`,
    idColumn: `${alias}.id`,
    position: (row) => ({ at: row.createdAt.toISOString(), id: row.id }),
    descending,
  };
}

/** Keyset pagination: stable under inserts, and as fast on page 1,000 as on page 1. */
export async function keysetPage<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  order: KeysetOrder<T>,
  page: PageQuery,
): Promise<Page<T>> {
  const limit = page.limit ?? 50;
  const direction = order.descending ? 'DESC' : 'ASC';
  if (page.cursor) {
    const { at, id } = decodeCursor(page.cursor);
    const comparison = order.descending ? '<' : '>';
    query.andWhere(`(${order.sortColumn}, ${order.idColumn}) ${comparison} (:cursorAt, :cursorId)`, { cursorAt: at, cursorId: id });
  }
  const rows = await query
    .orderBy(order.sortColumn, direction)
    .addOrderBy(order.idColumn, direction)
    .limit(limit + 1)
    .getMany()
    .catch((error: unknown) => {
      // A decodable cursor can still hold values the columns cannot take (SQLSTATE class 22).
      if (page.cursor && /^22/.test(String((error as { code?: unknown }).code))) throw invalidCursor();
      throw error;
    });
  const items = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? encodeCursor(order.position(items[items.length - 1])) : null;
  return { items, nextCursor };
}

export function mapPage<T, R>(page: Page<T>, map: (item: T) => R): Page<R> {
  return { items: page.items.map(map), nextCursor: page.nextCursor };
}

/** The response class of a cursor-paginated list of `item`, for the OpenAPI document. */
export function PageOf<T>(item: ClassType<T>): ClassType<Page<T>> {
  class ItemPage implements Page<T> {
    @ApiProperty({ type: [item] }) items: T[];
    @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last' }) nextCursor: string | null;
  }
  return ItemPage;
}
