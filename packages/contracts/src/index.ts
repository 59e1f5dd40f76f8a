export * from './roles';
export * from './nudges';
export * from './principal';
export * from './errors';
export * from './ports';
export * from './events/index';
export * from './session';
export * from './locale';
