import { migrateMain } from '@tandem/subgraph-kit';
import { relationships } from './service';

await migrateMain(relationships);
