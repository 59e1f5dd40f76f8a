import 'reflect-metadata';

export * from './context';
export * from './database';
export * from './errors';
export * from './events';
export * from './logger';
export * from './observability';
export * from './pagination';
export * from './personal-data';
export { PreparingClient, UNPREPARED } from './prepared-statements';
export { personalDataTypes } from './personal-data.type';
export * from './scalars';
export * from './schema';
export * from './server';
export * from './service-runtime';
export * from './types';
