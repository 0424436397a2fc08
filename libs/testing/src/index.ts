export * from './oci-image';
export * from './test-database';
