// Free ports for tests that start real servers side by side with other test files.
export { freePort } from '../../scripts/ports';
