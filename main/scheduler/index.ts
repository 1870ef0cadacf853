export * from './schedule.js';
export * from './scheduler.js';
export * from './queue.js';
export * from './trigger.js';
