// Workflow entry points (the bundle's root) and the public message contract.
export { consignmentWorkflow } from './consignment/workflow';
export { routingFeedWorkflow } from './routing-feed/workflow';
export { presentationWorkflow } from './presentation/workflow';
export * from './consignment/messages';
export * from './routing-feed/messages';
export * from './presentation/messages';
