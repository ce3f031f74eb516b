import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { DomainError, type FieldIssue } from '@app/domain';

const PRIMITIVES: unknown[] = [String, Boolean, Number, Array, Object, Date];

function issuesOf(errors: readonly ValidationError[], prefix: string): FieldIssue[] {
  return errors.flatMap((e) => {
    const path = /^\d+$/.test(e.property)
      ? `${prefix}[${e.property}]`
      : prefix
        ? `${prefix}.${e.property}`
        : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...issuesOf(e.children ?? [], path)];
  });
}

/**
 * Checks GraphQL input objects with their class-validator rules. Paths are relative to a
 * mutation's `input` and prefixed with the argument name otherwise (e.g. `filter.countries`).
 */
@Injectable()
export class InputValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Only arguments come from the client (Nest passes GraphQL arguments as 'body'). A field's
    // parent (`@Parent()`, 'custom') is the server's own object: turning it into an instance of
    // its GraphQL class broke `history` below a subscription's event.
    if (metadata.type !== 'body') return value;
    const type = metadata.metatype;
    if (!type || PRIMITIVES.includes(type) || value === null || value === undefined) return value;
    const instance = plainToInstance(type, value) as object;
    const errors = await validate(instance, { forbidUnknownValues: false });
    if (errors.length) {
      const prefix = metadata.data === 'input' ? '' : (metadata.data ?? '');
      throw DomainError.invalid(issuesOf(errors, prefix));
    }
    return instance;
  }
}
