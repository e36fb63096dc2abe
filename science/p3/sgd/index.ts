export * from './data-source.ts';
export * from './array-activation.ts';
export * from './online-sgd.ts';
