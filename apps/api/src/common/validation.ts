import { ParseUUIDPipe, type PipeTransform, ValidationPipe, type ValidationPipeOptions } from '@nestjs/common';
import * as classTransformer from 'class-transformer';
import * as classValidator from 'class-validator';
import type { ValidationError } from 'class-validator';
import { isRepositoryName, isTagName } from '@portcullis/domain';
import { AppError, ErrorCode } from './app-error';

/** `users[0].groups[1]`: array indexes in brackets, as documents and error messages name fields. */
export function fieldPath(path: string, property: string): string {
  if (/^\d+$/.test(property)) return `${path}[${property}]`;
  return path === '' ? property : `${path}.${property}`;
}

function messagesOf(error: ValidationError, path: string): string[] {
  const here = fieldPath(path, error.property);
  return [
    ...Object.values(error.constraints ?? {}).map((m) =>
      m.startsWith(error.property) ? `${here}${m.slice(error.property.length)}` : m,
    ),
    ...(error.children ?? []).flatMap((child) => messagesOf(child, here)),
  ];
}

/** A failed DTO validation, every problem named. */
export function validationError(errors: ValidationError[]): AppError {
  return new AppError(ErrorCode.VALIDATION_FAILED, errors.flatMap((e) => messagesOf(e, '')).join('; '));
}

/**
 * A ValidationPipe that validates DTOs strictly (no property they do not declare) and fails with
 * every problem named. It is handed class-validator and class-transformer as the server already
 * `require`s them: left to itself, NestJS `import()`s them, and an ES import of a CommonJS package
 * makes Node keep a second copy of its source (class-validator's is 1.8 MB in V8's heap).
 */
export function strictValidationPipe(options: Omit<ValidationPipeOptions, 'exceptionFactory'> = {}): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    ...options,
    exceptionFactory: (errors) => validationError(errors),
    validatorPackage: classValidator,
    transformerPackage: classTransformer,
  });
}

/** The largest id a table holds (PostgreSQL's `integer`). */
export const MAX_ID = 2 ** 31 - 1;

/** `:id` path parameters that must be ids: integers from 1 to 2^31 - 1. */
export const IntId: PipeTransform<string, number> = {
  transform(value) {
    const id = /^[1-9][0-9]{0,9}$/.test(value) ? Number(value) : Number.NaN;
    if (!(id <= MAX_ID)) throw new AppError(ErrorCode.VALIDATION_FAILED, `id must be an integer from 1 to ${MAX_ID}`);
    return id;
  },
};

/** `:id` path parameters that must be UUIDs. */
export const UuidId = new ParseUUIDPipe({
  exceptionFactory: () => new AppError(ErrorCode.VALIDATION_FAILED, 'id must be a UUID'),
});

/** `:repository` path parameters: a repository name, its "/" sent as %2F. */
export const RepositoryName: PipeTransform<string, string> = {
  transform(value) {
    if (!isRepositoryName(value)) {
      throw new AppError(ErrorCode.VALIDATION_FAILED, 'repository: not a repository name (encode "/" as %2F)');
    }
    return value;
  },
};

/** `:tag` path parameters that must be tag names. */
export const TagName: PipeTransform<string, string> = {
  transform(value) {
    if (!isTagName(value)) throw new AppError(ErrorCode.VALIDATION_FAILED, 'tag: not a tag name');
    return value;
  },
};
