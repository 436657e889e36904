// `gantry/test`: what users need to test their own Gantry code without model weights.
export {
  type CassetteEntry,
  type CassetteOptions,
  createCassetteFetch,
  createScriptedModel,
  loadCassette,
  type ScriptedCall,
  type ScriptedFailure,
  type ScriptedModel,
  type ScriptedModelOptions,
  type ScriptedResponse,
  type ScriptedStep,
  type ScriptedToolCall,
} from '../model/index.js';
