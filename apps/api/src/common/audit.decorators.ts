import { SetMetadata } from '@nestjs/common';

/** Metadata read by the change audit: false when a route is not audited as a change by it. */
export const CHANGE_AUDIT = 'portcullis:change-audit';

/**
 * Every POST, PUT, PATCH and DELETE of the API is audited as a change (who, which operation, on
 * what, the names of the fields sent). A route that writes its own, more detailed event says so
 * here, so that the change is not audited twice.
 */
export const AuditsItself = (): MethodDecorator => SetMetadata(CHANGE_AUDIT, false);

/** A POST that changes nothing (a question asked with a body): not audited as a change. */
export const ChangesNothing = (): MethodDecorator => SetMetadata(CHANGE_AUDIT, false);
