export { defineStage } from './stage.ts';
export type { StageDef, StageContext, Upstream, Provenance, InstanceParams, Params, Register, Json } from './stage.ts';
export { definePipeline } from './pipeline.ts';
export type { PipelineDef } from './pipeline.ts';
