export { createSimulator, type Simulator, type SimulatorStats } from './create-simulator.js';
export { resolveSimulatorOptions, type SimulatorFault, type SimulatorOptions } from './simulator-options.js';
