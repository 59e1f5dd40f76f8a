import { migrateMain } from '@tandem/subgraph-kit';
import { identity } from './service';

await migrateMain(identity);
