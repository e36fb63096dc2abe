export * from './rng.ts';
export * from './special.ts';
export * from './quadrature.ts';
export * from './linalg.ts';
export * from './haar.ts';
export * from './tf.ts';
