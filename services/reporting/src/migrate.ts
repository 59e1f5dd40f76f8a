import { migrateMain } from '@tandem/subgraph-kit';
import { reporting } from './service';

await migrateMain(reporting);
