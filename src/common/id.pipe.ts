import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { validationFailed } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Path ids are UUIDs; anything else is a 400 naming the parameter, before any query runs. */
@Injectable()
export class IdPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (typeof value !== 'string' || !UUID.test(value)) {
      throw validationFailed([{ field: metadata.data ?? 'id', message: 'must be a UUID' }], `${metadata.data ?? 'id'} is not a valid id`);
    }
    return value.toLowerCase();
  }
}
