export { createVault, type Vault } from './create-vault.js';
