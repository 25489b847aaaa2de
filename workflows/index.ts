// The workflow bundle's entry: every workflow type the worker registers.
export { incidentWorkflow } from './incident/workflow';
export { rollupWorkflow } from './rollup/workflow';
export { feedWatchWorkflow } from './feed-watch/workflow';
