export { createUsageRecorder, type UsageRecorder, type UsageRecorderOptions } from './usage-recorder.js';
