export * from './compose';
export * from './database';
export * from './eventually';
export * from './keys';
export * from './mail';
export * from './principals';
export * from './stack';
export * from './dates';
