export { ACQUISITION_CHANNELS, type AcquisitionChannel } from './acquisition-channels.js';
export { BAD_ROW_KINDS, type BadRowCounts, type BadRowKind } from './bad-order-rows.js';
export { COUNTRIES, type Country } from './countries.js';
export type { LatentBehaviour } from './customer-behaviour.js';
export type { CustomerRow, CustomerTruth, OrderRow, ProspectRow, ProspectTruth } from './demo-rows.js';
export { DemoOptionsError, type DemoDataOptions } from './demo-options.js';
export { generateDemoData, type DemoData } from './generate-demo-data.js';
export type { ReturnAndFreeOrderCounts } from './returns-and-free-orders.js';
export { DEMO_FILE_NAMES, writeDemoData, type WrittenDemoData } from './write-demo-data.js';
