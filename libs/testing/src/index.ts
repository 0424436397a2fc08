export * from './oci-image';
export * from './portcullis';
export * from './raw-push';
export * from './registry-config';
export * from './registry-server';
export * from './skopeo';
export * from './test-database';
export * from './browser';
