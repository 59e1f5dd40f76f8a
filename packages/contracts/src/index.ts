export * from './roles';
export * from './principal';
export * from './errors';
export * from './ports';
export * from './events/index';
export * from './session';
