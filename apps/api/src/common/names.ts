import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, Matches } from 'class-validator';
import { ADDRESSABLE_NAME_PATTERN, OBJECT_NAME_PATTERN } from '@portcullis/domain';
import { Optional } from './optional';

/** The name of a new user, group or app: as IsObjectName, and never all digits (ids address them too). */
export const IsAddressableName = (): PropertyDecorator =>
  Matches(ADDRESSABLE_NAME_PATTERN, {
    message: ({ property }) =>
      `${property} must be 1-64 of a-z, 0-9, ".", "_", "-", starting and ending alphanumeric, and not all digits (users/<id>/ would be ambiguous)`,
  });

export const IsObjectName = (): PropertyDecorator =>
  Matches(OBJECT_NAME_PATTERN, {
    message: ({ property }) => `${property} must be 1-64 of a-z, 0-9, ".", "_", "-", starting and ending alphanumeric`,
  });

export const IsObjectNameEach = (): PropertyDecorator =>
  Matches(OBJECT_NAME_PATTERN, {
    each: true,
    message: ({ property }) => `each of ${property} must be a name of 1-64 of a-z, 0-9, ".", "_", "-"`,
  });

export const MAX_GROUPS_PER_LIST = 100;

/** An optional list of group names (responsibles, publications). */
export const IsGroupNames = (): PropertyDecorator =>
  applyDecorators(
    Optional(),
    IsArray(),
    ArrayMaxSize(MAX_GROUPS_PER_LIST),
    IsObjectNameEach(),
    ApiProperty({ required: false, type: [String], maxItems: MAX_GROUPS_PER_LIST }),
  );
