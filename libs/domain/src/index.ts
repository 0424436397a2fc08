export * from './access-decision';
export * from './identity';
export * from './libtrust';
export * from './scope';
export * from './token-claims';
export * from './pattern';
export * from './names';
export * from './rule-match';
