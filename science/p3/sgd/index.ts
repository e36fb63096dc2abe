export * from './data-source.ts';
export * from './tf-activation.ts';
export * from './online-sgd.ts';
