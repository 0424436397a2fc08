import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, Matches } from 'class-validator';
import { OBJECT_NAME_PATTERN } from '@portcullis/domain';

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
    IsOptional(),
    IsArray(),
    ArrayMaxSize(MAX_GROUPS_PER_LIST),
    IsObjectNameEach(),
    ApiProperty({ required: false, type: [String], maxItems: MAX_GROUPS_PER_LIST }),
  );
