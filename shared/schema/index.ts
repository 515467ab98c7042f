export * from './fields';
export * from './vocabularies';
export * from './record';
export * from './pair-key';
export * from './finding-codes';
