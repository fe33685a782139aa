// Workflow entry points (the bundle's root) and the public message contract.
export { consignmentWorkflow } from './consignment/workflow';
export { routingFeedWorkflow } from './routing-feed/workflow';
export { transportWorkflow } from './transport/workflow';
export { masterWorkflow } from './master/workflow';
export { presentationWorkflow } from './presentation/workflow';
export * from './consignment/messages';
export * from './routing-feed/messages';
export * from './presentation/messages';
export * from './transport/messages';
export * from './master/messages';
