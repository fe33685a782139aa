// Workflow entry points (the bundle's root) and the public message contract.
export { consignmentWorkflow } from './consignment';
export { routingFeedWorkflow } from './routing-feed';
export * from './messages';
export * from './routing-feed-messages';
