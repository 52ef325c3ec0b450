import { budgetStoreContract } from './budget-store-contract.js';
import { MemoryBudgetStore } from './memory-budget-store.js';

budgetStoreContract('MemoryBudgetStore', () => new MemoryBudgetStore());
