import { IsOptional, ValidateIf } from 'class-validator';

/**
 * An input field that may be left out. Unlike class-validator's IsOptional, `null` is not "left
 * out": it is validated like any value, and refused by the field's type checks, so a service never
 * meets `null` where it expects a list or a string.
 */
export const Optional = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);

/** An input field that may be left out, or be `null` where null means "none" (an expiry). */
export const OptionalOrNull = (): PropertyDecorator => IsOptional();
