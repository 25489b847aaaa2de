// The workflow bundle's entry: every workflow type the worker registers.
export { incidentWorkflow } from './incident';
export { rollupWorkflow } from './rollup';
export { feedWatchWorkflow } from './feeds';
