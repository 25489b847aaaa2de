// For the memory profile only: the trivial workflows in one bundle with the incident workflow, so a
// parked trivial workflow carries the incident code's module-level state (zod schemas and all)
// without any incident state: the difference to bench/workflows.ts is what that state costs.
export * from './workflows';
export * from '../workflows/index';
