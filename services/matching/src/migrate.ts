import { migrateMain } from '@tandem/subgraph-kit';
import { matching } from './service';

await migrateMain(matching);
