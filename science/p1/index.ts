export * from './lower-bound.ts';
export * from './arcsine-kernel.ts';
export * from './sign-risk.ts';
export * from './tied-gram-risk.ts';
export * from './water-filling.ts';
export * from './gaussian-init-risk.ts';
export * from './projected-gd.ts';
export * from './projected-gd-f64.ts';
