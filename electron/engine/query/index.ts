// The query side of the engine: every read the contract offers, as synchronous functions over a
// read-only case connection (the service runs them in a query worker).
export { countEvents, pageEvents, getEvent } from './events.ts';
export { listFacets } from './facets.ts';
export { getHistogram } from './histogram.ts';
export { entityHistory } from './entityHistory.ts';
export { listSources, listRejects } from './sources.ts';
export { buildBase } from './resultSet.ts';
