export * from './lower-bound.ts';
